//! The "related interventions" section at the end of the detail pane: the five most similar
//! interventions (`crate::core::related`), numbered for the `1`–`5` keys, each with its similarity
//! and the reason (the working elements, dimensions and themes it shares).

use ratatui::text::{Line, Span};

use crate::core::i18n::Text;

use super::super::state::State;
use super::super::theme::Theme;
use super::text::{fit, safe, wrap};

/// The section's lines for the intervention `record`, at most `width` columns wide.
pub fn lines<'a>(state: &State, record: usize, width: usize, theme: &Theme) -> Vec<Line<'a>> {
    let lang = state.ui.lang;
    let found = state.related_to(record);
    let mut out = vec![
        Line::raw(""),
        Line::from(fit(
            vec![Span::styled(
                format!("■ {}", Text::Related.get(lang)),
                theme.heading,
            )],
            width,
            false,
        )),
    ];
    if found.is_empty() {
        out.push(Line::from(fit(
            vec![
                Span::raw("  "),
                Span::styled(Text::NothingShared.get(lang), theme.dim),
            ],
            width,
            false,
        )));
        return out;
    }
    out.push(Line::from(fit(
        vec![Span::styled(
            format!(
                "  {} · {}",
                Text::Similarity.get(lang),
                Text::RelatedKeysHint.get(lang)
            ),
            theme.dim,
        )],
        width,
        false,
    )));
    for (n, r) in found.iter().enumerate() {
        out.push(Line::from(fit(
            vec![
                Span::styled(format!("  {} ", n + 1), theme.key),
                Span::styled(
                    format!("{:>3.0}% ", r.similarity.score() * 100.0),
                    theme.dim,
                ),
                Span::styled(safe(state.index.name(r.index)).into_owned(), theme.label),
            ],
            width,
            false,
        )));
        for shared in &r.similarity.shared {
            for line in wrap(&shared.reason(lang), width.saturating_sub(8)) {
                out.push(Line::from(vec![
                    Span::raw("        "),
                    Span::styled(line, theme.base),
                ]));
            }
        }
    }
    out
}
