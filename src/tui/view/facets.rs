//! The facet pane: each group with its values, live counts, `[x]` on selected values, counts of
//! zero dimmed (still listed, so the user sees what exists), groups folded with ▸ / open with ▾.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use unicode_width::UnicodeWidthStr;

use crate::core::i18n::{Text, number};
use crate::core::model::FacetGroup;
use crate::core::model::vocab::{self, evidence_short_label};

use super::super::state::{FacetRow, Pane, State};
use super::super::symbols::{CURSOR, FOLDED, SELECTED, UNFOLDED, UNSELECTED};
use super::super::theme::Theme;
use super::text::{fit, safe};
use super::{open_pane, render_lines, row_style};

pub fn draw(state: &State, frame: &mut Frame, area: Rect, theme: &Theme) {
    let lang = state.ui.lang;
    let selected: usize = state.ui.query.filters.values().map(|s| s.len()).sum();
    let heading = if selected > 0 {
        format!("{} ({selected})", Text::FacetsTitle.get(lang))
    } else {
        Text::FacetsTitle.get(lang).to_string()
    };
    let Some(inner) = open_pane(state, frame, area, Pane::Facets, heading, theme) else {
        return;
    };
    let width = inner.width as usize;
    // Counts are right-aligned to the width of the largest possible count. While the index is
    // still being read there are no counts yet: "…", not a 0 that says "none".
    let opening = state.still_opening();
    let count_width = number(state.index.len(), lang).len().max(1);
    let rows = state.facet_rows();
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(state.ui.facet_offset)
        .take(inner.height as usize)
        .map(|(i, row)| {
            let is_cursor = i == state.ui.facet_cursor;
            // The mark only where the keys go: at start the results have the focus, and a mark
            // in the filters too made Enter look like it would fold "Thema".
            let marker = if is_cursor && state.ui.focus == Pane::Facets {
                CURSOR
            } else {
                " "
            };
            let style = row_style(state, Pane::Facets, is_cursor, theme);
            match *row {
                FacetRow::Group(g) => {
                    let fold = if state.ui.collapsed.contains(&g) {
                        FOLDED
                    } else {
                        UNFOLDED
                    };
                    let n = state.ui.query.filters.get(&g).map_or(0, |s| s.len());
                    let mut text = format!("{fold} {}", g.label(lang));
                    if n > 0 {
                        text.push_str(&format!(" ({n})"));
                    }
                    let spans = vec![Span::raw(marker), Span::styled(text, theme.heading)];
                    Line::from(fit(spans, width, true)).style(style)
                }
                FacetRow::Value(g, v) => {
                    let group = state.index.group(g);
                    let Some(info) = group.values.get(v) else {
                        return Line::raw("");
                    };
                    let count = state
                        .results
                        .facet(g)
                        .and_then(|f| f.values.get(v))
                        .map_or(0, |c| c.count);
                    let is_selected = state.ui.query.is_selected(g, &info.id);
                    let value_style = if is_selected {
                        theme.selected
                    } else if count == 0 && !opening {
                        theme.zero
                    } else {
                        theme.base
                    };
                    let sym = if is_selected { SELECTED } else { UNSELECTED };
                    let label_width = width.saturating_sub(1 + 3 + 1 + 1 + count_width);
                    let full = info.label(lang);
                    // Cut, the "Effectief volgens …" levels would look alike: shorten instead.
                    let label = match evidence_short_label(&info.id, lang) {
                        Some(short) if g == FacetGroup::Evidence && full.width() > label_width => {
                            short
                        }
                        _ => full,
                    };
                    let mut spans = vec![Span::raw(marker), Span::styled(sym, value_style)];
                    spans.push(Span::raw(" "));
                    // A narrower value sits indented under its broader one (`Vaders` under
                    // `Ouders en opvoeders`), whose count includes it.
                    let indent = if vocab::broader(g, &info.id).is_empty() {
                        ""
                    } else {
                        "  "
                    };
                    spans.extend(fit(
                        vec![Span::styled(
                            format!("{indent}{}", safe(label)),
                            value_style,
                        )],
                        label_width,
                        true,
                    ));
                    let count = if opening {
                        "…".to_string()
                    } else {
                        number(count, lang)
                    };
                    spans.push(Span::styled(format!(" {count:>count_width$}"), value_style));
                    Line::from(fit(spans, width, true)).style(style)
                }
            }
        })
        .collect();
    render_lines(frame, inner, lines);
}
