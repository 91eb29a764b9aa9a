//! The compare view: one aligned column per intervention in the compare set and one row per
//! aspect (`crate::core::compare`). Shared and unique values carry a symbol (✓ ◆) as well as a
//! colour; identical rows carry `=` and can be hidden; all columns scroll together. When not all
//! columns fit, as many as fit are shown and ←/→ page through them.

use std::sync::Arc;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::core::compare::{
    self, Comparison, IDENTICAL_SYMBOL, Mark, SHARED_SYMBOL, UNIQUE_SYMBOL,
};
use crate::core::i18n::Text;
use crate::core::model::Intervention;
use crate::core::model::vocab::evidence_badge;

use super::super::layout;
use super::super::state::State;
use super::super::symbols::{BULLET, CURSOR, IN_COMPARISON, MISSING, STALE};
use super::super::theme::Theme;
use super::text::{fit, safe, wrap};
use super::{pane_block, render_lines, title};

/// A value column is never narrower than this; fewer columns are shown instead.
const MIN_COLUMN: usize = 24;
/// Between columns: a vertical rule, so the columns read as aligned even without colour.
const SEPARATOR: &str = " │ ";
/// Lines above the scrolling body: names, evidence badges, a rule.
const HEADER_LINES: usize = 3;

/// How the inner width is shared: the aspect labels, then `visible` columns of `column` width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    pub label: usize,
    pub column: usize,
    pub visible: usize,
}

pub fn geometry(inner_width: usize, columns: usize) -> Geometry {
    let label = if inner_width >= 120 {
        22
    } else if inner_width >= 90 {
        18
    } else {
        // "Preventiefase =" fits on one line.
        16
    };
    let per = MIN_COLUMN + SEPARATOR.len();
    let room = inner_width.saturating_sub(label);
    let visible = (room / per).clamp(1, columns.max(1));
    let column = (room.saturating_sub(visible * SEPARATOR.chars().count()) / visible).max(1);
    Geometry {
        label,
        column,
        visible,
    }
}

/// "⇔2 " before a result that is the compare set's second column.
pub fn mark(state: &State, record: usize) -> Option<String> {
    state
        .ui
        .compare
        .column_of(record)
        .map(|n| format!("{IN_COMPARISON}{n} "))
}

/// The inside of the compare view's frame for the current terminal size.
fn inner(state: &State) -> Option<Rect> {
    let (w, h) = state.ui.size;
    layout::view_area(w, h).map(layout::inner)
}

/// How many columns are on screen at once.
pub fn visible_columns(state: &State) -> usize {
    inner(state).map_or(1, |r| {
        geometry(r.width as usize, state.ui.compare.records.len()).visible
    })
}

/// Lines of the table body and how many fit (for scrolling in `update`).
pub fn extent(state: &State) -> (usize, usize) {
    let Some(area) = inner(state) else {
        return (0, 0);
    };
    let held = items(state);
    let items: Vec<&Intervention> = held.iter().map(AsRef::as_ref).collect();
    let cmp = compare::compare(&items, state.ui.lang, state.current_year);
    let geo = geometry(area.width as usize, items.len());
    let theme = Theme::of(state.ui.theme);
    (
        body(state, &cmp, geo, &theme).len(),
        (area.height as usize).saturating_sub(HEADER_LINES),
    )
}

/// The compare set's records, fetched (and cached) by the state. One that can no longer be
/// read keeps its column, named and marked as such, so the columns stay where the user put them.
fn items(state: &State) -> Vec<Arc<Intervention>> {
    state
        .ui
        .compare
        .records
        .iter()
        .filter(|&&r| r < state.index.len())
        .map(|&r| match state.record(r) {
            Ok(Some(item)) => item,
            _ => Arc::new(Intervention {
                id: state.index.id(r).to_string(),
                name: format!("{MISSING} {}", state.index.name(r)),
                summary: Text::RecordUnreadable.get(state.ui.lang).to_string(),
                ..Intervention::default()
            }),
        })
        .collect()
}

pub fn draw(state: &State, frame: &mut Frame, area: Rect, theme: &Theme) {
    let lang = state.ui.lang;
    let held = items(state);
    let items: Vec<&Intervention> = held.iter().map(AsRef::as_ref).collect();
    let c = &state.ui.compare;
    let inner_w = area.width.saturating_sub(2) as usize;
    let geo = geometry(inner_w, items.len());
    let first = c.offset.min(items.len().saturating_sub(geo.visible));
    let shown = first..(first + geo.visible).min(items.len());

    let cmp = compare::compare(&items, lang, state.current_year);
    let hidden = if c.hide_identical {
        cmp.rows.iter().filter(|r| r.identical).count()
    } else {
        0
    };
    let mut heading = format!("{} ({})", Text::CompareTitle.get(lang), items.len());
    if items.len() > geo.visible {
        heading.push_str(&format!(
            " · {} {}–{} {} {} ◂ ▸",
            Text::CompareColumns.get(lang),
            shown.start + 1,
            shown.end,
            Text::Of.get(lang),
            items.len()
        ));
    }
    if hidden > 0 {
        heading.push_str(&format!(
            " · {} ({hidden})",
            Text::IdenticalHidden.get(lang)
        ));
    }
    let legend = format!(
        " {SHARED_SYMBOL} {} · {UNIQUE_SYMBOL} {} · {IDENTICAL_SYMBOL} {} ",
        Text::SharedByAll.get(lang),
        Text::UniqueToOne.get(lang),
        Text::IdenticalRow.get(lang)
    );
    let mut block = pane_block(title(heading, theme.title), true, theme)
        .title_bottom(Line::styled(legend, theme.dim));
    let inner = block.inner(area);
    if inner.width == 0 || inner.height == 0 {
        frame.render_widget(block, area);
        return;
    }
    if items.len() < compare::MIN_ITEMS {
        frame.render_widget(block, area);
        let hint = Paragraph::new(Text::CompareHint.get(lang))
            .style(theme.dim)
            .wrap(Wrap { trim: true });
        frame.render_widget(hint, inner);
        return;
    }

    let body = body(state, &cmp, geo, theme);
    let height = (inner.height as usize).saturating_sub(HEADER_LINES);
    let top = c.scroll.min(body.len().saturating_sub(height));
    if body.len() > height {
        let last = (top + height).min(body.len());
        block = block.title_bottom(
            Line::styled(format!(" {}–{last}/{} ", top + 1, body.len()), theme.dim).right_aligned(),
        );
    }
    frame.render_widget(block, area);

    let mut lines = header(state, &items, shown.clone(), geo, theme);
    lines.extend(body.into_iter().skip(top).take(height));
    render_lines(frame, inner, lines);
}

/// Names (the cursor column marked with ▶ and the cursor style), evidence badges, a rule.
fn header<'a>(
    state: &State,
    items: &[&Intervention],
    shown: std::ops::Range<usize>,
    geo: Geometry,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let lang = state.ui.lang;
    let mut names = fit(
        vec![Span::styled(Text::Aspect.get(lang), theme.label)],
        geo.label,
        true,
    );
    let mut badges = fit(vec![], geo.label, true);
    let mut rule = vec![Span::styled("─".repeat(geo.label), theme.border)];
    for col in shown {
        let Some(item) = items.get(col) else {
            continue;
        };
        let is_cursor = col == state.ui.compare.cursor;
        let marker = if is_cursor { CURSOR } else { " " };
        let style = if is_cursor { theme.cursor } else { theme.title };
        names.push(Span::styled(SEPARATOR, theme.border));
        names.extend(fit(
            vec![Span::styled(
                format!("{marker} {} {}", col + 1, safe(&item.name)),
                style,
            )],
            geo.column,
            true,
        ));
        let (dots, code) = evidence_badge(&item.evidence.level);
        let stale = if item.evidence.is_flagged(state.current_year) {
            STALE
        } else {
            ""
        };
        badges.push(Span::styled(SEPARATOR, theme.border));
        badges.extend(fit(
            vec![Span::raw(format!("  {dots} {code}{stale}"))],
            geo.column,
            true,
        ));
        rule.push(Span::styled(
            format!("─┼─{}", "─".repeat(geo.column)),
            theme.border,
        ));
    }
    vec![Line::from(names), Line::from(badges), Line::from(rule)]
}

/// The table body: per aspect its label and the shown columns' values side by side, then a
/// blank line. Wrapped to the column width; the row is as tall as its tallest cell.
fn body<'a>(state: &State, cmp: &Comparison<'_>, geo: Geometry, theme: &Theme) -> Vec<Line<'a>> {
    let lang = state.ui.lang;
    let c = &state.ui.compare;
    let first = c.offset.min(cmp.items.len().saturating_sub(geo.visible));
    let shown = first..(first + geo.visible).min(cmp.items.len());
    let mut out = Vec::new();
    for row in &cmp.rows {
        if c.hide_identical && row.identical {
            continue;
        }
        let mut label = row.aspect.label(lang).to_string();
        if row.identical {
            label.push(' ');
            label.push_str(IDENTICAL_SYMBOL);
        }
        let label_lines = wrap(&label, geo.label);
        let cells: Vec<Vec<Vec<Span<'a>>>> = shown
            .clone()
            .filter_map(|col| row.cells.get(col))
            .map(|cell| cell_lines(cell, row.aspect, geo.column, state, theme))
            .collect();
        let height = cells
            .iter()
            .map(Vec::len)
            .chain([label_lines.len()])
            .max()
            .unwrap_or(1);
        for i in 0..height {
            let text = label_lines.get(i).cloned().unwrap_or_default();
            let mut spans = fit(vec![Span::styled(text, theme.label)], geo.label, true);
            for cell in &cells {
                spans.push(Span::styled(SEPARATOR, theme.border));
                spans.extend(fit(
                    cell.get(i).cloned().unwrap_or_default(),
                    geo.column,
                    true,
                ));
            }
            out.push(Line::from(spans));
        }
        let mut gap = fit(vec![], geo.label, true);
        for _ in &cells {
            gap.push(Span::styled(SEPARATOR, theme.border));
            gap.extend(fit(vec![], geo.column, true));
        }
        out.push(Line::from(gap));
    }
    out
}

/// One cell as lines of spans: each value with its mark symbol, wrapped under its text.
fn cell_lines<'a>(
    cell: &[compare::Entry],
    aspect: compare::Aspect,
    width: usize,
    state: &State,
    theme: &Theme,
) -> Vec<Vec<Span<'a>>> {
    if cell.is_empty() {
        return vec![vec![Span::styled(
            aspect.empty_label(state.ui.lang).to_string(),
            theme.dim,
        )]];
    }
    let mut lines = Vec::new();
    for entry in cell {
        let (prefix, style): (&str, Style) = match entry.mark {
            Mark::Shared => (SHARED_SYMBOL, theme.selected),
            Mark::Unique => (UNIQUE_SYMBOL, theme.matched),
            Mark::Some => (" ", theme.base),
            // Several free-text entries (studies) each start with a bullet, so they stay apart.
            Mark::Text if cell.len() > 1 => (BULLET, theme.base),
            Mark::Text => ("", theme.base),
        };
        let text = safe(&entry.label).into_owned();
        if prefix.is_empty() {
            lines.extend(
                wrap(&text, width)
                    .into_iter()
                    .map(|l| vec![Span::styled(l, style)]),
            );
            continue;
        }
        for (n, l) in wrap(&text, width.saturating_sub(2)).into_iter().enumerate() {
            let lead = if n == 0 { prefix } else { " " };
            lines.push(vec![
                Span::styled(format!("{lead} "), style),
                Span::styled(l, style),
            ]);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::super::tests::{render, screen_text};
    use crate::tui::dispatch;
    use crate::tui::fixture;
    use crate::tui::msg::{Key, Msg};
    use crate::tui::state::State;

    fn press(state: &mut State, keys: &str) {
        dispatch(state, keys.chars().map(|c| Msg::Key(Key::char(c))));
    }

    /// Beïnvloedbaarheid, Dialoog in de klas and Ouders in gesprek: all three on polarisatie
    /// with dialoog, with different evidence.
    fn three() -> State {
        let mut s = fixture::state();
        press(&mut s, "cjjcjjjc");
        press(&mut s, "C");
        s
    }

    #[test]
    fn compare_view_at_80x24() {
        let mut s = three();
        let t = render(&mut s, 80, 24);
        insta::assert_snapshot!(t.backend());
    }

    #[test]
    fn compare_view_at_160x45() {
        let mut s = three();
        let t = render(&mut s, 160, 45);
        insta::assert_snapshot!(t.backend());
    }

    #[test]
    fn compare_view_hiding_identical_rows_and_paged_to_the_last_column() {
        let mut s = three();
        press(&mut s, "=ll");
        let t = render(&mut s, 80, 24);
        let text = screen_text(t.backend().buffer());
        // Narrow: two of three columns, the second page; identical rows gone.
        assert!(text.contains("kolom 2–3 van 3"), "{text}");
        assert!(text.contains("gelijke rijen verborgen"));
        assert!(!text.contains("Doel ="));
        assert!(!text.contains("Beïnvloedbaarheid"));
        assert!(text.contains("▶ 3 Ouders in gesprek"));
    }

    #[test]
    fn several_studies_in_one_cell_each_start_with_a_bullet() {
        let mut inv = fixture::inventory();
        let first = &mut inv.interventions[0];
        let mut second = first.evidence.studies[0].clone();
        second.design = "Tweede studie".into();
        first.evidence.studies.push(second);
        let mut s = fixture::state_of(inv, crate::core::model::Lang::Nl);
        press(&mut s, "cjjcC");
        press(&mut s, "G");
        let t = render(&mut s, 160, 45);
        let text = screen_text(t.backend().buffer());
        assert!(
            text.contains("│ • Voor- en nameting (N=120, 2016)"),
            "{text}"
        );
        assert!(text.contains("│ • Tweede studie (N=120, 2016)"));
        // A single study needs no bullet.
        assert!(text.contains("│ Voor- en nameting (N=120, 2022)"));
    }

    #[test]
    fn fewer_than_two_explains_how_to_choose() {
        let mut s = fixture::state();
        press(&mut s, "cC");
        let t = render(&mut s, 80, 24);
        let text = screen_text(t.backend().buffer());
        assert!(text.contains("Kies 2 tot 4 interventies met c"));
    }

    #[test]
    fn the_results_mark_the_compared_interventions_with_their_column() {
        let mut s = three();
        press(&mut s, "C");
        let t = render(&mut s, 80, 24);
        let text = screen_text(t.backend().buffer());
        assert!(text.contains("⇔1 Beïnvloedbaarheid"));
        assert!(text.contains("⇔2 Dialoog in de klas"));
        assert!(text.contains("⇔3 Ouders in gesprek"));
    }
}
