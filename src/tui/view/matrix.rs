//! The coverage matrix: two facet groups crossed under the current search and filters, each
//! cell the number of interventions with both values. Empty cells show `·`; the cursor cell is
//! in the cursor style and its row carries ▶, so both read without colour. Columns are numbered,
//! with a legend beside the matrix when there is room, and the cursor cell named in full below.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::core::config::Context;
use crate::core::i18n::Text;
use crate::core::matrix::Matrix;
use crate::core::model::FacetGroup;

use super::super::compare_state::coverage;
use super::super::keymap::{self, Action};
use super::super::layout;
use super::super::state::State;
use super::super::symbols::{CURSOR, EMPTY_CELL};
use super::super::theme::Theme;
use super::text::{fit, safe};
use super::{pane_block, render_lines, title};

/// Lines below the cells: the cursor cell in words, and the group keys.
const FOOTER_LINES: usize = 2;
/// The legend is shown only when at least this many columns are left for it.
const MIN_LEGEND: usize = 22;
const MAX_LEGEND: usize = 44;
const MAX_LABEL: usize = 34;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Geometry {
    label: usize,
    cell: usize,
    rows: usize,
    cols: usize,
    legend: usize,
}

fn label_of(state: &State, group: FacetGroup, value: usize) -> String {
    state
        .index
        .group(group)
        .values
        .get(value)
        .map(|v| safe(v.label(state.ui.lang)).into_owned())
        .unwrap_or_default()
}

fn geometry(state: &State, m: &Matrix, inner: Rect) -> Geometry {
    let label = m
        .row_values
        .iter()
        .map(|&v| label_of(state, m.rows, v).width() + 2)
        .max()
        .unwrap_or(2)
        .clamp(12, MAX_LABEL);
    let widest = m
        .counts
        .iter()
        .flatten()
        .max()
        .copied()
        .unwrap_or(0)
        .max(m.col_values.len());
    let cell = widest.to_string().len() + 2;
    let width = inner.width as usize;
    let room = width.saturating_sub(label);
    let all = m.col_values.len() * cell;
    let legend = if room >= all + MIN_LEGEND {
        (room - all).min(MAX_LEGEND)
    } else {
        0
    };
    Geometry {
        label,
        cell,
        rows: (inner.height as usize).saturating_sub(1 + FOOTER_LINES),
        cols: ((room - legend) / cell).max(1),
        legend,
    }
}

/// How many matrix rows and columns are on screen (for `update` to keep the cursor visible).
pub fn visible(state: &State, m: &Matrix) -> (usize, usize) {
    let (w, h) = state.ui.size;
    match layout::view_area(w, h) {
        Some(area) => {
            let g = geometry(state, m, layout::inner(area));
            (g.rows.max(1), g.cols)
        }
        None => (1, 1),
    }
}

pub fn draw(state: &State, frame: &mut Frame, area: Rect, theme: &Theme) {
    let lang = state.ui.lang;
    let Some(m) = coverage(state) else {
        return;
    };
    let heading = format!(
        "{}: {} × {} · {} {}",
        Text::MatrixTitle.get(lang),
        m.rows.label(lang),
        m.cols.label(lang),
        m.total,
        Text::interventions(m.total, lang)
    );
    let legend = format!(" {EMPTY_CELL} = {} ", Text::EmptyCell.get(lang));
    let block = pane_block(title(heading, theme.title), true, theme)
        .title_bottom(Line::styled(legend, theme.dim));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let g = geometry(state, &m, inner);
    let ui = &state.ui.matrix;
    let rows = ui.row_offset..(ui.row_offset + g.rows).min(m.row_values.len());
    let cols = ui.col_offset..(ui.col_offset + g.cols).min(m.col_values.len());

    let mut lines = Vec::new();
    // Column numbers; the cursor column's in the cursor style.
    let mut header = fit(vec![], g.label, true);
    for c in cols.clone() {
        let style = if c == ui.col {
            theme.cursor
        } else {
            theme.label
        };
        header.push(Span::styled(format!("{:>w$}", c + 1, w = g.cell), style));
    }
    lines.push(Line::from(header));
    for r in rows.clone() {
        let is_row = r == ui.row;
        let value = m.row_values.get(r).copied().unwrap_or(usize::MAX);
        let marker = if is_row { CURSOR } else { " " };
        let label_style = if is_row { theme.title } else { theme.base };
        let mut spans = fit(
            vec![Span::styled(
                format!("{marker} {}", label_of(state, m.rows, value)),
                label_style,
            )],
            g.label,
            true,
        );
        for c in cols.clone() {
            let n = m.count(r, c);
            let text = if n == 0 {
                EMPTY_CELL.to_string()
            } else {
                n.to_string()
            };
            let style = match (is_row && c == ui.col, n) {
                (true, _) => theme.cursor,
                (false, 0) => theme.zero,
                _ => theme.base,
            };
            spans.push(Span::styled(format!("{text:>w$}", w = g.cell), style));
        }
        lines.push(Line::from(spans));
    }
    // Legend beside the cells: the column numbers and their values.
    if g.legend > 0 {
        let x = g.label + cols.len() * g.cell;
        let room = (inner.height as usize).saturating_sub(FOOTER_LINES);
        for (i, c) in cols.clone().enumerate() {
            // The legend may run below the last matrix row, down to the footer.
            if i + 1 >= room {
                break;
            }
            while lines.len() <= i + 1 {
                lines.push(Line::raw(""));
            }
            let Some(line) = lines.get_mut(i + 1) else {
                break;
            };
            let value = m.col_values.get(c).copied().unwrap_or(usize::MAX);
            let pad = x.saturating_sub(line.width());
            let style = if c == ui.col { theme.title } else { theme.dim };
            line.spans.push(Span::raw(" ".repeat(pad)));
            line.spans.extend(fit(
                vec![Span::styled(
                    format!("  {:>2} {}", c + 1, label_of(state, m.cols, value)),
                    style,
                )],
                g.legend,
                false,
            ));
        }
    }
    let width = inner.width as usize;
    let footer_at = (inner.height as usize).saturating_sub(FOOTER_LINES);
    if g.legend == 0 {
        // No room beside the cells: the legend goes below them, in as many columns as fit.
        lines.push(Line::raw(""));
        let entries: Vec<String> = cols
            .clone()
            .map(|c| {
                let value = m.col_values.get(c).copied().unwrap_or(usize::MAX);
                format!("{:>2} {}", c + 1, label_of(state, m.cols, value))
            })
            .collect();
        let entry_w = entries
            .iter()
            .map(|e| e.width() + 2)
            .max()
            .unwrap_or(1)
            .min(MAX_LEGEND)
            .min(width.max(1));
        let per_line = (width / entry_w).max(1);
        for (k, chunk) in entries.chunks(per_line).enumerate() {
            if lines.len() >= footer_at {
                break;
            }
            let mut spans = Vec::new();
            for (i, entry) in chunk.iter().enumerate() {
                let c = cols.start + k * per_line + i;
                let style = if c == ui.col { theme.title } else { theme.dim };
                spans.extend(fit(vec![Span::styled(entry.clone(), style)], entry_w, true));
            }
            lines.push(Line::from(spans));
        }
    }
    while lines.len() < footer_at {
        lines.push(Line::raw(""));
    }
    lines.truncate(footer_at);
    lines.push(Line::from(fit(cursor_line(state, &m, theme), width, false)));
    lines.push(Line::from(fit(keys_line(state, &m, theme), width, false)));
    render_lines(frame, inner, lines);
}

/// "▶ Polarisatie × Dialoog: 5 interventies — Enter toont ze", or that the cell is empty.
fn cursor_line<'a>(state: &State, m: &Matrix, theme: &Theme) -> Vec<Span<'a>> {
    let lang = state.ui.lang;
    let ui = &state.ui.matrix;
    let (Some(&r), Some(&c)) = (m.row_values.get(ui.row), m.col_values.get(ui.col)) else {
        return vec![Span::styled(Text::NoResults.get(lang), theme.dim)];
    };
    let n = m.count(ui.row, ui.col);
    let mut spans = vec![
        Span::styled(format!("{CURSOR} "), theme.title),
        Span::styled(
            format!(
                "{} × {}: ",
                label_of(state, m.rows, r),
                label_of(state, m.cols, c)
            ),
            theme.label,
        ),
    ];
    if n == 0 {
        spans.push(Span::styled(
            format!("{EMPTY_CELL} {}", Text::MatrixEmptyHint.get(lang)),
            theme.warning,
        ));
    } else {
        spans.push(Span::styled(
            format!("{n} {}", Text::interventions(n, lang)),
            theme.selected,
        ));
        spans.push(Span::styled(
            format!(" — {}", Text::MatrixEnterHint.get(lang)),
            theme.dim,
        ));
    }
    spans
}

/// "r/R rijen: Thema · c/C kolommen: Werkzaam element · w wisselen".
fn keys_line<'a>(state: &State, m: &Matrix, theme: &Theme) -> Vec<Span<'a>> {
    let lang = state.ui.lang;
    let key = |a: Action| {
        state
            .keys
            .get(Context::Matrix)
            .iter()
            .find(|b| b.action == a)
            .and_then(|b| b.keys.first())
            .map(|k| keymap::key_label(*k, lang))
            .unwrap_or_default()
    };
    let mut spans = Vec::new();
    for (next, prev, what, group) in [
        (
            Action::NextRowGroup,
            Action::PrevRowGroup,
            Text::ShortRowGroup,
            m.rows,
        ),
        (
            Action::NextColGroup,
            Action::PrevColGroup,
            Text::ShortColGroup,
            m.cols,
        ),
    ] {
        spans.push(Span::styled(
            format!("{}/{} ", key(next), key(prev)),
            theme.key,
        ));
        spans.push(Span::raw(format!(
            "{}: {} · ",
            what.get(lang),
            group.label(lang)
        )));
    }
    spans.extend([
        Span::styled(format!("{} ", key(Action::SwapAxes)), theme.key),
        Span::raw(Action::SwapAxes.text().get(lang)),
    ]);
    spans
}

#[cfg(test)]
mod tests {
    use super::super::tests::{render, screen_text};
    use crate::tui::dispatch;
    use crate::tui::fixture;
    use crate::tui::msg::{Key, Msg};

    #[test]
    fn matrix_at_120x35() {
        let mut s = fixture::state();
        dispatch(&mut s, "mjl".chars().map(|c| Msg::Key(Key::char(c))));
        let t = render(&mut s, 120, 35);
        insta::assert_snapshot!(t.backend());
    }

    #[test]
    fn matrix_at_80x24_names_the_cursor_cell_and_marks_empty_ones() {
        let mut s = fixture::state();
        dispatch(&mut s, "m".chars().map(|c| Msg::Key(Key::char(c))));
        let t = render(&mut s, 80, 24);
        let text = screen_text(t.backend().buffer());
        assert!(text.contains("Dekking: Thema × Werkzaam element · 8 interventies"));
        assert!(text.contains("▶ Weerbaar opvoeden × Kennisoverdracht: · leeg: geen aanbod"));
        assert!(text.contains(" · = leeg "));
    }
}
