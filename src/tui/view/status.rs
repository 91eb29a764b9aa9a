//! The status line (which inventory, of what date, how many filters) and the key bar (the keys
//! that matter in the current context, from the same tables that dispatch them).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::i18n::Text;

use super::super::keymap::{self, Action, Binding};
use super::super::state::{Overlay, Pane, State};
use super::super::theme::Theme;
use super::render_lines;
use super::text::{fit, safe};

pub fn draw(state: &State, frame: &mut Frame, status: Rect, keys: Rect, theme: &Theme) {
    let lang = state.ui.lang;
    let meta = &state.inventory.metadata;
    let filters: usize = state.ui.query.filters.values().map(|s| s.len()).sum();
    let right = if filters > 0 {
        format!("{}: {filters}", Text::FiltersActive.get(lang))
    } else {
        String::new()
    };
    let left = format!(
        "{} · {} {}",
        safe(&meta.title),
        Text::DataAsOf.get(lang),
        safe(&meta.date)
    );
    let width = status.width as usize;
    let room = width.saturating_sub(right.width() + 1);
    let mut spans = fit(vec![Span::styled(left, theme.dim)], room, true);
    spans.push(Span::raw(" "));
    spans.push(Span::styled(right, theme.selected));
    render_lines(frame, status, vec![Line::from(fit(spans, width, false))]);
    render_lines(
        frame,
        keys,
        vec![key_bar(state, keys.width as usize, theme)],
    );
}

fn key_bar<'a>(state: &State, width: usize, theme: &Theme) -> Line<'a> {
    let lang = state.ui.lang;
    let (table, actions): (&[Binding], &[Action]) = match (&state.ui.overlay, state.ui.focus) {
        (Some(Overlay::Help(_)), _) => (keymap::HELP, &[Action::CloseHelp]),
        (None, Pane::Search) => (
            keymap::SEARCH,
            &[
                Action::LeaveSearch,
                Action::SubmitSearch,
                Action::ClearSearch,
            ],
        ),
        (None, _) => (
            keymap::BROWSE,
            &[
                Action::FocusSearch,
                Action::NextPane,
                Action::Activate,
                Action::ClearFilters,
                Action::CycleSort,
                Action::Help,
                Action::Quit,
            ],
        ),
    };
    let mut spans = Vec::new();
    for action in actions {
        let Some(key) = table
            .iter()
            .find(|b| b.action == *action)
            .and_then(|b| b.keys.first())
        else {
            continue;
        };
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(keymap::key_label(*key, lang), theme.key));
        spans.push(Span::raw(format!(" {}", action.short().get(lang))));
    }
    if matches!(state.ui.overlay, Some(Overlay::Help(_))) {
        spans.push(Span::raw("  "));
        spans.push(Span::styled(Text::HelpFilter.get(lang), theme.dim));
    }
    Line::from(fit(spans, width, false))
}
