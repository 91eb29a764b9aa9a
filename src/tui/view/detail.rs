//! The detail pane: every field of the selected intervention, grouped in the sections of
//! `crate::core::detail` (shared with `show` and the Markdown handout), wrapped and scrollable.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::core::detail::{Value, sections};
use crate::core::i18n::Text;

use super::super::state::{Pane, State};
use super::super::symbols::{BULLET, MISSING};
use super::super::theme::Theme;
use super::text::{fit, safe, wrap};
use super::{pane_block, render_lines, title};

pub fn draw(state: &State, frame: &mut Frame, area: Rect, theme: &Theme) {
    let lang = state.ui.lang;
    // The name heads the text itself (wrapped in full), so the border says only "Details".
    let mut block = pane_block(
        title(Text::DetailTitle.get(lang), theme.title),
        state.ui.focus == Pane::Detail,
        theme,
    );
    let inner = block.inner(area);
    if inner.width == 0 || inner.height == 0 {
        frame.render_widget(block, area);
        return;
    }
    let lines = lines(state, inner.width, theme);
    let height = inner.height as usize;
    let first = state
        .ui
        .detail_scroll
        .min(lines.len().saturating_sub(height));
    if lines.len() > height {
        // Where we are in a long text, in the bottom border: "12–40/85".
        let last = (first + height).min(lines.len());
        block = block.title_bottom(
            Line::styled(format!(" {}–{last}/{} ", first + 1, lines.len()), theme.dim)
                .right_aligned(),
        );
    }
    frame.render_widget(block, area);
    let visible: Vec<Line> = lines.into_iter().skip(first).take(height).collect();
    render_lines(frame, inner, visible);
}

/// How many lines the detail takes at this width (for scrolling limits in `update`).
pub fn line_count(state: &State, width: u16) -> usize {
    lines(state, width, &Theme::of(state.ui.theme)).len()
}

/// The detail of the selected intervention as lines of at most `width` columns.
pub fn lines<'a>(state: &State, width: u16, theme: &Theme) -> Vec<Line<'a>> {
    let lang = state.ui.lang;
    let width = width as usize;
    let Some(record) = state.selected_record() else {
        return vec![Line::styled(Text::NoSelection.get(lang), theme.dim)];
    };
    let item = match state.record(record) {
        Ok(Some(item)) => item,
        // The index lists it, but the file no longer gives it: say so, with the name the
        // index still knows, rather than show nothing.
        found => {
            let mut out: Vec<Line> = wrap(&safe(state.index.name(record)), width)
                .into_iter()
                .map(|line| Line::styled(line, theme.title))
                .collect();
            let mut problem = format!("{MISSING} {}", Text::RecordUnreadable.get(lang));
            if let Err(e) = found {
                problem.push_str(&format!(" ({e})"));
            }
            for line in wrap(&safe(&problem), width) {
                out.push(Line::styled(line, theme.warning));
            }
            return out;
        }
    };
    let unknown = Text::Unknown.get(lang);
    let mut out: Vec<Line> = Vec::new();
    for line in wrap(&safe(&item.name), width) {
        out.push(Line::styled(line, theme.title));
    }
    let id = format!("{}: {}", Text::Id.get(lang), safe(&item.id));
    out.push(Line::from(fit(
        vec![Span::styled(id, theme.dim)],
        width,
        false,
    )));
    for section in sections(&item, lang, state.current_year) {
        out.push(Line::raw(""));
        out.push(Line::from(fit(
            vec![Span::styled(
                format!("■ {}", section.heading()),
                theme.heading,
            )],
            width,
            false,
        )));
        for field in section.fields {
            out.push(Line::from(fit(
                vec![Span::styled(field.label, theme.label)],
                width,
                false,
            )));
            match field.value {
                Value::Text(t) if t.trim().is_empty() => {
                    out.push(indented(unknown.to_string(), theme.dim));
                }
                Value::Text(t) => {
                    // Keep paragraphs: `safe` works per line, so clean each before wrapping.
                    let clean: Vec<String> = t.split('\n').map(|p| safe(p).into_owned()).collect();
                    for line in wrap(&clean.join("\n"), width.saturating_sub(2)) {
                        out.push(indented(line, theme.base));
                    }
                }
                Value::List(items) if items.is_empty() => {
                    out.push(indented(unknown.to_string(), theme.dim));
                }
                Value::List(items) => {
                    for item in items {
                        let wrapped = wrap(&safe(&item), width.saturating_sub(4));
                        for (n, line) in wrapped.into_iter().enumerate() {
                            let lead = if n == 0 {
                                format!("  {BULLET} ")
                            } else {
                                "    ".to_string()
                            };
                            out.push(Line::from(fit(
                                vec![Span::raw(lead), Span::styled(line, theme.base)],
                                width,
                                false,
                            )));
                        }
                    }
                }
            }
        }
    }
    out.extend(super::related::lines(state, record, width, theme));
    out
}

fn indented<'a>(text: String, style: ratatui::style::Style) -> Line<'a> {
    Line::from(vec![Span::raw("  "), Span::styled(text, style)])
}
