//! The status line (which inventory, of what date, how many filters) and the key bar (the keys
//! that matter in the current context, from the same tables that dispatch them).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::core::config::Context;
use crate::core::i18n::{Text, number};

use super::super::keymap::{self, Action, Binding};
use super::super::msg::LoadStage;
use super::super::state::{Notice, Overlay, Pane, State, View};
use super::super::symbols::{MISSING, SHORTLISTED};
use super::super::theme::Theme;
use super::render_lines;
use super::text::{fit, safe};

pub fn draw(state: &State, frame: &mut Frame, status: Rect, keys: Rect, theme: &Theme) {
    let lang = state.ui.lang;
    let meta = state.metadata();
    let filters: usize = state.ui.query.filters.values().map(|s| s.len()).sum();
    let mut right = if filters > 0 {
        format!("{}: {filters}", Text::FiltersActive.get(lang))
    } else {
        String::new()
    };
    if let Some(list) = state.ui.shelf.active() {
        if !right.is_empty() {
            right.push_str(" · ");
        }
        right.push_str(&format!(
            "{SHORTLISTED} {} ({})",
            safe(&list.name),
            list.items.len()
        ));
    }
    let width = status.width as usize;
    let room = width.saturating_sub(right.width() + 1);
    let left = match &state.ui.notice {
        Some(Notice::Info(text)) => Span::styled(safe(text).into_owned(), theme.selected),
        Some(Notice::Warning(text)) => {
            Span::styled(format!("{MISSING} {}", safe(text)), theme.warning)
        }
        None if state.ui.loading.is_some() => {
            Span::styled(progress_line(state).unwrap_or_default(), theme.selected)
        }
        None => {
            // The date says how current the data is: cut the title, never the date.
            let suffix = format!(" · {} {}", Text::DataAsOf.get(lang), safe(&meta.date));
            let title_room = room.saturating_sub(suffix.width());
            let title: String = fit(
                vec![Span::raw(safe(&meta.title).into_owned())],
                title_room,
                false,
            )
            .into_iter()
            .map(|s| s.content.into_owned())
            .collect();
            Span::styled(format!("{title}{suffix}"), theme.dim)
        }
    };
    let mut spans = fit(vec![left], room, true);
    spans.push(Span::raw(" "));
    spans.push(Span::styled(right, theme.selected));
    render_lines(frame, status, vec![Line::from(fit(spans, width, false))]);
    render_lines(
        frame,
        keys,
        vec![key_bar(state, keys.width as usize, theme)],
    );
}

/// "Inventaris laden… 35.000 van 100.000" while the keys are read, "Tekst indexeren…
/// 35.000 van 100.000 · tekst nog niet doorzocht" while the word index is built.
pub fn progress_line(state: &State) -> Option<String> {
    let lang = state.ui.lang;
    let loading = state.ui.loading?;
    let (label, tail) = match loading.stage {
        LoadStage::Keys => (Text::LoadingInventory, String::new()),
        LoadStage::Text => (
            Text::IndexingText,
            format!(" · {}", Text::TextNotSearchedYet.get(lang)),
        ),
    };
    let mut line = label.get(lang).to_string();
    if loading.total > 0 {
        line.push_str(&format!(
            " {} {} {}",
            number(loading.read, lang),
            Text::Of.get(lang),
            number(loading.total, lang)
        ));
    }
    line.push_str(&tail);
    Some(line)
}

fn key_bar<'a>(state: &State, width: usize, theme: &Theme) -> Line<'a> {
    let lang = state.ui.lang;
    let (table, actions): (&[Binding], &[Action]) = match (&state.ui.overlay, state.ui.focus) {
        (Some(Overlay::Help(_)), _) => (state.keys.get(Context::Help), &[Action::CloseHelp]),
        (Some(Overlay::Export(_)), _) => (
            state.keys.get(Context::Export),
            &[
                Action::Confirm,
                Action::NextField,
                Action::OptionRight,
                Action::Cancel,
            ],
        ),
        (Some(Overlay::Input(_)), _) => (
            state.keys.get(Context::Input),
            &[Action::Confirm, Action::Cancel],
        ),
        (Some(Overlay::Confirm(_)), _) => (
            state.keys.get(Context::Confirm),
            &[Action::Confirm, Action::Cancel],
        ),
        (Some(Overlay::Views(_)), _) => (
            state.keys.get(Context::Views),
            &[
                Action::OpenView,
                Action::Copy,
                Action::SaveView,
                Action::DeleteView,
                Action::Cancel,
            ],
        ),
        (None, _) if state.ui.view == View::Shortlists => (
            state.keys.get(Context::Shortlists),
            &[
                Action::MakeActive,
                Action::EditNote,
                Action::RemoveItem,
                Action::NewList,
                Action::RenameList,
                Action::DeleteList,
                Action::Back,
                Action::Help,
                // Last: the main screen's bar has it too, so at 80 columns it may be cut.
                Action::Export,
            ],
        ),
        (None, _) if state.ui.view == View::Compare => (
            state.keys.get(Context::Compare),
            &[
                Action::ColumnRight,
                Action::MoveColumnRight,
                Action::RemoveColumn,
                Action::ToggleIdentical,
                Action::CloseView,
                Action::Help,
            ],
        ),
        (None, _) if state.ui.view == View::Matrix => (
            state.keys.get(Context::Matrix),
            &[
                Action::FilterToCell,
                Action::NextRowGroup,
                Action::NextColGroup,
                Action::CloseView,
                Action::Help,
            ],
        ),
        (None, Pane::Search) => (
            state.keys.get(Context::Search),
            &[
                Action::LeaveSearch,
                Action::SubmitSearch,
                Action::ClearSearch,
            ],
        ),
        (None, _) => (
            state.keys.get(Context::Browse),
            &[
                Action::FocusSearch,
                Action::NextPane,
                Action::Activate,
                Action::ClearFilters,
                Action::CycleSort,
                Action::Help,
                Action::Quit,
                Action::ToggleShortlist,
                Action::Export,
                Action::ToggleCompare,
                Action::OpenMatrix,
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
