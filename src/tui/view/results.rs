//! The results list: name (matched chars highlighted), evidence badge, provider and themes.
//! Wide panes give each result one line in columns; narrower ones two lines.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::core::i18n::{Text, number};
use crate::core::model::vocab::evidence_badge;
use crate::core::model::{Evidence, FacetGroup, Intervention};
use crate::core::query::{self, Sort};

use super::super::layout;
use super::super::state::{Pane, State};
use super::super::symbols::{CURSOR, SHORTLISTED, STALE};
use super::super::theme::Theme;
use super::text::{fit, highlight, safe};
use super::{open_pane, render_lines, row_style};

/// "●●○○○ GO!" is at most nine columns.
const BADGE_WIDTH: usize = 9;
const GAP: &str = "  ";

pub fn draw(state: &State, frame: &mut Frame, area: Rect, theme: &Theme) {
    let lang = state.ui.lang;
    let hits = &state.results.hits;
    let sort = match state.ui.query.sort {
        Sort::Relevance => Text::SortRelevance,
        Sort::Name => Text::SortName,
        Sort::Evidence => Text::SortEvidence,
    };
    let count = if state.still_opening() {
        "…".to_string()
    } else {
        number(hits.len(), lang)
    };
    let heading = format!(
        "{} ({count}) · {}: {}",
        Text::ResultsTitle.get(lang),
        Text::SortLabel.get(lang),
        sort.get(lang)
    );
    let Some(inner) = open_pane(state, frame, area, Pane::Results, heading, theme) else {
        return;
    };
    let width = inner.width as usize;
    let one_line = layout::lines_per_result(inner.width) == 1;
    let cols = Columns::new(width, one_line);

    let mut lines = vec![header(state, &cols, theme)];
    if hits.is_empty() {
        let empty = match super::status::progress_line(state) {
            Some(progress) if state.index.is_empty() => progress,
            _ => Text::NoResults.get(lang).to_string(),
        };
        lines.push(Line::styled(empty, theme.dim));
        // The nearest word, on a line of its own so a narrow pane does not cut it off.
        if let Some(word) = &state.suggestion {
            lines.push(Line::styled(
                format!(
                    "{} `{}`?",
                    Text::DidYouMean.get(lang),
                    super::text::safe(word)
                ),
                theme.label,
            ));
        }
    }
    let visible = inner.height.saturating_sub(1) as usize / layout::lines_per_result(inner.width);
    let active = state.ui.shelf.active();
    for (row, hit) in hits
        .iter()
        .enumerate()
        .skip(state.ui.results_offset)
        .take(visible)
    {
        // Everything a row shows comes from the index: no record is read to draw the list.
        let record = hit.index;
        if record >= state.index.len() {
            continue;
        }
        let is_cursor = row == state.ui.selected;
        let style = row_style(state, Pane::Results, is_cursor, theme);
        // Under the cursor, dim text would fight the cursor colour: keep the row's own style.
        let dim = if is_cursor { style } else { theme.dim };
        let marker = if is_cursor { CURSOR } else { " " };
        let listed = if active.is_some_and(|l| l.contains(state.index.id(record))) {
            SHORTLISTED
        } else {
            " "
        };
        let mut name = name_spans(state, record, theme);
        if let Some(mark) = super::compare::mark(state, record) {
            name.insert(0, Span::styled(mark, theme.selected));
        }
        let badge = badge(state, record);
        let providers: Vec<&str> = state
            .index
            .value_ids(record, FacetGroup::Provider)
            .collect();
        let provider = safe(&providers.join(", ")).into_owned();
        let themes = labels(state, record, FacetGroup::Theme);
        if one_line {
            let mut spans = vec![Span::raw(format!("{marker}{listed}"))];
            spans.extend(fit(name, cols.name, true));
            spans.push(Span::raw(GAP));
            spans.extend(fit(vec![Span::raw(badge)], BADGE_WIDTH, true));
            spans.push(Span::raw(GAP));
            spans.extend(fit(vec![Span::styled(provider, dim)], cols.provider, true));
            spans.push(Span::raw(GAP));
            spans.extend(fit(vec![Span::styled(themes, dim)], cols.themes, true));
            lines.push(Line::from(spans).style(style));
        } else {
            let mut first = vec![Span::raw(format!("{marker}{listed}"))];
            first.extend(fit(name, cols.name, true));
            first.push(Span::raw(" "));
            first.extend(fit(vec![Span::raw(badge)], BADGE_WIDTH, true));
            lines.push(Line::from(first).style(style));
            let mut second = vec![Span::raw("  ")];
            // Where the row has a second line there is room for the recognition's state in
            // words ("erkend 2016 — ouder dan vijf jaar").
            // Only where it calls for a look (old, under reassessment, lapsed): a recent
            // recognition says enough with its badge.
            let evidence = evidence(state, record);
            if evidence.is_flagged(state.current_year)
                && let Some(state_words) = evidence.age_note(state.current_year, state.ui.lang)
            {
                second.push(Span::styled(state_words, dim));
                second.push(Span::styled(" · ", dim));
            }
            second.extend([
                Span::styled(provider, dim),
                Span::styled(" · ", dim),
                Span::styled(themes, dim),
            ]);
            lines.push(Line::from(fit(second, width, true)).style(style));
        }
    }
    render_lines(frame, inner, lines);
}

/// Column widths for a pane `width` wide.
struct Columns {
    name: usize,
    provider: usize,
    themes: usize,
}

impl Columns {
    fn new(width: usize, one_line: bool) -> Columns {
        if one_line {
            // cursor (2) + name + gap + badge + gap + provider + gap + themes
            let rest = width.saturating_sub(2 + BADGE_WIDTH + 3 * GAP.len());
            let name = rest * 40 / 100;
            let provider = rest * 25 / 100;
            Columns {
                name,
                provider,
                themes: rest - name - provider,
            }
        } else {
            Columns {
                name: width.saturating_sub(2 + 1 + BADGE_WIDTH),
                provider: 0,
                themes: 0,
            }
        }
    }
}

fn header<'a>(state: &State, cols: &Columns, theme: &Theme) -> Line<'a> {
    let lang = state.ui.lang;
    let name = Text::Name.get(lang);
    let evidence = FacetGroup::Evidence.label(lang);
    let mut spans = vec![Span::raw("  ")];
    spans.extend(fit(vec![Span::raw(name)], cols.name, true));
    if cols.provider > 0 {
        spans.push(Span::raw(GAP));
        spans.extend(fit(vec![Span::raw(evidence)], BADGE_WIDTH, true));
        spans.push(Span::raw(GAP));
        spans.extend(fit(
            vec![Span::raw(Text::Provider.get(lang))],
            cols.provider,
            true,
        ));
        spans.push(Span::raw(GAP));
        spans.push(Span::raw(Text::Themes.get(lang)));
    } else {
        spans.push(Span::raw(" "));
        spans.push(Span::raw(evidence));
    }
    Line::from(spans).style(theme.label)
}

/// The name with the chars the search matched highlighted. Only computed for visible rows.
fn name_spans<'a>(state: &State, record: usize, theme: &Theme) -> Vec<Span<'a>> {
    let name = safe(state.index.name(record));
    let text = state.ui.query.text.trim();
    let positions = if text.is_empty() || matches!(name, std::borrow::Cow::Owned(_)) {
        // Positions refer to the stored name; if cleaning changed it, they would be wrong.
        Vec::new()
    } else {
        query::name_highlights(&state.index, &state.matcher, record, text)
    };
    highlight(&name, &positions, Style::new(), theme.matched)
}

/// The evidence keys the index holds for a record (level, year, status), to say its state.
fn evidence(state: &State, record: usize) -> Evidence {
    Evidence {
        level: state.index.evidence_level(record).to_string(),
        year: state.index.evidence_year(record),
        status: state.index.evidence_status(record).to_string(),
        ..Evidence::default()
    }
}

/// Evidence dots, code, and `!` when the recognition is older than five years, under
/// reassessment or lapsed.
fn badge(state: &State, record: usize) -> String {
    let evidence = evidence(state, record);
    let (dots, code) = evidence_badge(&evidence.level);
    let stale = if evidence.is_flagged(state.current_year) {
        STALE
    } else {
        ""
    };
    format!("{dots} {code}{stale}")
}

fn labels(state: &State, record: usize, group: FacetGroup) -> String {
    let labels: Vec<String> = state
        .index
        .value_ids(record, group)
        .map(|id| Intervention::label(group, id, state.ui.lang))
        .collect();
    safe(&labels.join(", ")).into_owned()
}
