//! Shortlists in the explorer: `s` puts the selected intervention in the active shortlist (or
//! takes it out), the shortlist view (`S`) lists the lists and the items with their notes, and
//! the small dialogs that go with them (a text field, a yes/no question, the command line and
//! saved searches). Pure: every change is applied to the state's copy of the lists at once and
//! handed to the run loop as `Effect::SaveLists`, whose answer (`Msg::ListsSaved`) replaces the
//! copy with what is on disk — or, when saving failed, leaves the copy and shows why, so
//! exploring goes on.

use crate::core::config::Context;
use crate::core::i18n::Text;
use crate::core::model::Lang;
use crate::core::query::command_line;
use crate::core::shortlist::{
    Change, ListError, Lists, MAX_NAME_CHARS, NameProblem, SavedView, Shortlist,
};

use super::keymap::Action;
use super::msg::{Effect, Key, Reselect};
use super::state::{Notice, Overlay, State, View};

/// Longest note typed in the explorer, in characters.
pub const MAX_NOTE_CHARS: usize = 2000;

/// This inventory's lists and the shortlist view's cursors.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ShelfUi {
    pub lists: Lists,
    pub pane: ShelfPane,
    /// Cursor in the list of shortlists and in the items of the one under it.
    pub list_cursor: usize,
    pub item_cursor: usize,
    /// Lists deleted in this session, last on top: `u` puts the last one back (where it was,
    /// active again if it was) until the explorer closes.
    pub deleted: Vec<(Shortlist, usize, bool)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ShelfPane {
    #[default]
    Lists,
    Items,
}

/// What a text field is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputPurpose {
    NewList,
    Rename(String),
    Note { list: String, id: String },
    SaveView,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputState {
    pub purpose: InputPurpose,
    pub text: String,
    /// In chars.
    pub cursor: usize,
}

impl InputState {
    pub fn new(purpose: InputPurpose, text: &str) -> InputState {
        // A note keeps its lines (the editor has several); a name is one line.
        let text = if matches!(purpose, InputPurpose::Note { .. }) {
            text.to_string()
        } else {
            text.replace('\n', " ")
        };
        InputState {
            purpose,
            cursor: text.chars().count(),
            text,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    DeleteList(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ViewsDialog {
    /// Cursor in the saved views.
    pub cursor: usize,
}

impl ShelfUi {
    /// The active shortlist, if it exists.
    pub fn active(&self) -> Option<&Shortlist> {
        self.lists.active.as_deref().and_then(|n| self.lists.get(n))
    }

    /// The shortlist under the cursor in the shortlist view.
    pub fn current(&self) -> Option<&Shortlist> {
        self.lists.shortlists.get(self.list_cursor)
    }

    fn clamp(&mut self) {
        self.list_cursor = self
            .list_cursor
            .min(self.lists.shortlists.len().saturating_sub(1));
        let items = self.current().map_or(0, |l| l.items.len());
        self.item_cursor = self.item_cursor.min(items.saturating_sub(1));
    }
}

/// Apply a change to the state's lists and ask the run loop to save it.
fn change(state: &mut State, change: Change) -> Vec<Effect> {
    let shelf = &mut state.ui.shelf;
    match change.apply(&mut shelf.lists) {
        Ok(()) => {
            shelf.clamp();
            vec![Effect::SaveLists(change)]
        }
        Err(e) => {
            state.ui.notice = Some(Notice::Warning(refused(&e, state.ui.lang)));
            Vec::new()
        }
    }
}

/// Why a change was refused, in the explorer's language (the CLI prints the English message).
/// The other refusals cannot come from the explorer's own keys, which only offer what exists.
fn refused(e: &ListError, lang: Lang) -> String {
    match e {
        ListError::AlreadyExists(name) => format!("{} “{name}”", Text::ListExists.get(lang)),
        ListError::BadName(_, NameProblem::Empty) => Text::ListNameEmpty.get(lang).to_string(),
        ListError::BadName(_, NameProblem::TooLong) => {
            format!("{} {MAX_NAME_CHARS}", Text::ListNameTooLong.get(lang))
        }
        other => other.to_string(),
    }
}

/// The saved lists came back from the file: take them, keeping the cursors where they were.
pub fn saved(state: &mut State, result: Result<Lists, String>) {
    match result {
        Ok(lists) => {
            state.ui.shelf.lists = lists;
            state.ui.shelf.clamp();
        }
        Err(e) => {
            let lang = state.ui.lang;
            state.ui.notice = Some(Notice::Warning(format!(
                "{}: {e}",
                Text::NotSaved.get(lang)
            )));
        }
    }
}

/// The id of the intervention under the results cursor.
fn selected_id(state: &State) -> Option<String> {
    state
        .selected_record()
        .map(|r| state.index.id(r).to_string())
}

/// The active list's name, creating and activating a first list when there is none.
fn ensure_active(state: &mut State, effects: &mut Vec<Effect>) -> Option<String> {
    if let Some(active) = state.ui.shelf.active() {
        return Some(active.name.clone());
    }
    let lang = state.ui.lang;
    let next = match state.ui.shelf.lists.shortlists.first() {
        Some(first) => Change::Activate(first.name.clone()),
        None => Change::Create(Text::DefaultListName.get(lang).to_string()),
    };
    effects.extend(change(state, next));
    state.ui.shelf.active().map(|l| l.name.clone())
}

/// The explorer's shortlist keys: `s`, `S`, `n`, `e`, `v`.
pub fn perform(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::ToggleShortlist => {
            let Some(id) = selected_id(state) else {
                return Vec::new();
            };
            let mut effects = Vec::new();
            let Some(list) = ensure_active(state, &mut effects) else {
                return effects;
            };
            effects.extend(change(
                state,
                Change::Toggle {
                    list: list.clone(),
                    id: id.clone(),
                },
            ));
            let lang = state.ui.lang;
            let now_in = state
                .ui
                .shelf
                .lists
                .get(&list)
                .is_some_and(|l| l.contains(&id));
            let verb = if now_in {
                Text::AddedToList
            } else {
                Text::RemovedFromList
            };
            // The name the user sees in the list, not the id.
            let name = state
                .selected_record()
                .map(|r| state.index.name(r).to_string())
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| id.clone());
            state.ui.notice = Some(Notice::Info(format!("{name} {} {list}", verb.get(lang))));
            effects
        }
        Action::OpenShortlists => {
            let shelf = &mut state.ui.shelf;
            // Start on the active list.
            if let Some(active) = shelf.lists.active.clone()
                && let Some(ix) = shelf.lists.shortlists.iter().position(|l| l.name == active)
            {
                shelf.list_cursor = ix;
            }
            shelf.clamp();
            state.ui.view = View::Shortlists;
            Vec::new()
        }
        Action::EditNote => {
            // In the explorer: the note of the selected result, if it is in the active list.
            if let (Some(id), Some(list)) = (selected_id(state), state.ui.shelf.active())
                && let Some(item) = list.items.iter().find(|i| i.id == id)
            {
                let purpose = InputPurpose::Note {
                    list: list.name.clone(),
                    id: id.clone(),
                };
                state.ui.overlay = Some(Overlay::Input(InputState::new(purpose, &item.note)));
            } else {
                let lang = state.ui.lang;
                state.ui.notice = Some(Notice::Info(Text::NoteNeedsItem.get(lang).to_string()));
            }
            Vec::new()
        }
        Action::Export => {
            super::export_dialog::open(state);
            Vec::new()
        }
        Action::Views => {
            state.ui.overlay = Some(Overlay::Views(ViewsDialog::default()));
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Keys in the shortlist view.
pub fn on_key(state: &mut State, key: Key) -> Vec<Effect> {
    let Some(action) = state.keys.lookup(Context::Shortlists, key) else {
        return Vec::new();
    };
    let shelf = &mut state.ui.shelf;
    let current = shelf.current().map(|l| l.name.clone());
    let item = shelf
        .current()
        .and_then(|l| l.items.get(shelf.item_cursor))
        .map(|i| (i.id.clone(), i.note.clone()));
    match action {
        Action::Quit => return vec![Effect::Quit],
        Action::Help => state.ui.overlay = Some(Overlay::Help(Default::default())),
        Action::Back => state.ui.view = View::Explore,
        Action::NextPane => {
            shelf.pane = match shelf.pane {
                ShelfPane::Lists => ShelfPane::Items,
                ShelfPane::Items => ShelfPane::Lists,
            }
        }
        Action::Up | Action::Down | Action::Top | Action::Bottom => {
            let (cursor, len) = match shelf.pane {
                ShelfPane::Lists => (&mut shelf.list_cursor, shelf.lists.shortlists.len()),
                ShelfPane::Items => {
                    let len = shelf
                        .lists
                        .shortlists
                        .get(shelf.list_cursor)
                        .map_or(0, |l| l.items.len());
                    (&mut shelf.item_cursor, len)
                }
            };
            let last = len.saturating_sub(1);
            *cursor = match action {
                Action::Up => cursor.saturating_sub(1),
                Action::Down => (*cursor + 1).min(last),
                Action::Top => 0,
                _ => last,
            };
            if shelf.pane == ShelfPane::Lists {
                shelf.item_cursor = 0;
            }
        }
        Action::MakeActive => {
            if let Some(name) = current {
                return change(state, Change::Activate(name));
            }
        }
        Action::EditNote => {
            if let (Some(list), Some((id, note))) = (current, item) {
                let purpose = InputPurpose::Note { list, id };
                state.ui.overlay = Some(Overlay::Input(InputState::new(purpose, &note)));
            }
        }
        Action::RemoveItem => {
            if let (Some(list), Some((id, _))) = (current, item) {
                return change(state, Change::Remove { list, id });
            }
        }
        Action::NewList => {
            state.ui.overlay = Some(Overlay::Input(InputState::new(InputPurpose::NewList, "")));
        }
        Action::RenameList => {
            if let Some(name) = current {
                let input = InputState::new(InputPurpose::Rename(name.clone()), &name);
                state.ui.overlay = Some(Overlay::Input(input));
            }
        }
        Action::Undo => {
            if let Some((list, at, active)) = state.ui.shelf.deleted.pop() {
                let name = list.name.clone();
                let effects = change(state, Change::Restore { list, at, active });
                if !effects.is_empty() {
                    state.ui.shelf.list_cursor =
                        at.min(state.ui.shelf.lists.shortlists.len().saturating_sub(1));
                    state.ui.notice = Some(Notice::Info(format!(
                        "“{name}” {}",
                        Text::MsgRestored.get(state.ui.lang)
                    )));
                }
                return effects;
            }
        }
        Action::DeleteList => {
            if let Some(name) = current {
                state.ui.overlay = Some(Overlay::Confirm(Confirm::DeleteList(name)));
            }
        }
        Action::Export => {
            // Export the list under the cursor: make it the active one first.
            let mut effects = Vec::new();
            if let Some(name) = current
                && state.ui.shelf.lists.active.as_deref() != Some(name.as_str())
            {
                effects = change(state, Change::Activate(name));
            }
            super::export_dialog::open_shortlist(state);
            return effects;
        }
        _ => {}
    }
    Vec::new()
}

/// Keys in the one-line text field.
pub fn on_input_key(state: &mut State, key: Key) -> Vec<Effect> {
    let Some(Overlay::Input(input)) = &mut state.ui.overlay else {
        return Vec::new();
    };
    let action = state.keys.lookup(Context::Input, key);
    let mut chars: Vec<char> = input.text.chars().collect();
    let at = input.cursor.min(chars.len());
    match action {
        Some(Action::Cancel) => state.ui.overlay = None,
        Some(Action::Confirm) => {
            let input = input.clone();
            state.ui.overlay = None;
            return submit(state, input);
        }
        Some(Action::DeleteBack) if at > 0 => {
            chars.remove(at - 1);
            input.cursor = at - 1;
        }
        Some(Action::DeleteForward) if at < chars.len() => {
            chars.remove(at);
        }
        Some(Action::CursorLeft) => input.cursor = at.saturating_sub(1),
        Some(Action::CursorRight) => input.cursor = (at + 1).min(chars.len()),
        Some(Action::CursorStart) => input.cursor = 0,
        Some(Action::CursorEnd) => input.cursor = chars.len(),
        Some(Action::ClearSearch) => {
            chars.clear();
            input.cursor = 0;
        }
        Some(Action::NewLine)
            if matches!(input.purpose, InputPurpose::Note { .. })
                && chars.len() < MAX_NOTE_CHARS =>
        {
            chars.insert(at, '\n');
            input.cursor = at + 1;
        }
        Some(_) => {}
        None => {
            if let Some(c) = key.typed_char()
                && chars.len() < MAX_NOTE_CHARS
            {
                chars.insert(at, c);
                input.cursor = at + 1;
            }
        }
    }
    if let Some(Overlay::Input(input)) = &mut state.ui.overlay {
        input.text = chars.into_iter().collect();
    }
    Vec::new()
}

fn submit(state: &mut State, input: InputState) -> Vec<Effect> {
    let text = input.text.trim().to_string();
    match input.purpose {
        InputPurpose::NewList => {
            let effects = change(state, Change::Create(text.clone()));
            if let Some(ix) = state
                .ui
                .shelf
                .lists
                .shortlists
                .iter()
                .position(|l| l.name == text)
            {
                state.ui.shelf.list_cursor = ix;
                state.ui.shelf.item_cursor = 0;
            }
            effects
        }
        InputPurpose::Rename(old) if old != text => {
            change(state, Change::Rename { old, new: text })
        }
        InputPurpose::Rename(_) => Vec::new(),
        InputPurpose::Note { list, id } => {
            let unchanged = state
                .ui
                .shelf
                .lists
                .get(&list)
                .and_then(|l| l.items.iter().find(|i| i.id == id))
                .is_some_and(|i| i.note.replace('\n', " ").trim() == text);
            if unchanged {
                Vec::new()
            } else {
                change(
                    state,
                    Change::SetNote {
                        list,
                        id,
                        note: text,
                    },
                )
            }
        }
        InputPurpose::SaveView => {
            let view = SavedView::from_query(&text, &state.ui.query);
            let effects = change(state, Change::SaveView(view));
            state.ui.overlay = Some(Overlay::Views(ViewsDialog::default()));
            effects
        }
    }
}

/// Keys in the yes/no question.
pub fn on_confirm_key(state: &mut State, key: Key) -> Vec<Effect> {
    let Some(Overlay::Confirm(question)) = &state.ui.overlay else {
        return Vec::new();
    };
    let question = question.clone();
    match state.keys.lookup(Context::Confirm, key) {
        Some(Action::Confirm) => {
            state.ui.overlay = None;
            match question {
                Confirm::DeleteList(name) => {
                    let lists = &state.ui.shelf.lists;
                    let kept = lists
                        .shortlists
                        .iter()
                        .position(|l| l.name == name)
                        .map(|at| {
                            let active = lists.active.as_deref() == Some(name.as_str());
                            (lists.shortlists[at].clone(), at, active)
                        });
                    let effects = change(state, Change::Delete(name.clone()));
                    if !effects.is_empty()
                        && let Some(kept) = kept
                    {
                        state.ui.shelf.deleted.push(kept);
                        state.ui.notice = Some(Notice::Info(format!(
                            "“{name}” {} — {}",
                            Text::MsgDeleted.get(state.ui.lang),
                            Text::HintUndoDelete.get(state.ui.lang)
                        )));
                    }
                    effects
                }
            }
        }
        Some(Action::Cancel) => {
            state.ui.overlay = None;
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// The `weerbaar list …` command line that reproduces the current search.
pub fn current_command_line(state: &State) -> String {
    command_line(&state.ui.query, state.db.as_deref())
}

/// Keys in the command line / saved searches dialog.
pub fn on_views_key(state: &mut State, key: Key) -> Vec<Effect> {
    let Some(Overlay::Views(dialog)) = &mut state.ui.overlay else {
        return Vec::new();
    };
    let views = &state.ui.shelf.lists.views;
    let last = views.len().saturating_sub(1);
    match state.keys.lookup(Context::Views, key) {
        Some(Action::Cancel) => state.ui.overlay = None,
        Some(Action::Up) => dialog.cursor = dialog.cursor.saturating_sub(1),
        Some(Action::Down) => dialog.cursor = (dialog.cursor + 1).min(last),
        Some(Action::Copy) => return vec![Effect::Copy(current_command_line(state))],
        Some(Action::SaveView) => {
            state.ui.overlay = Some(Overlay::Input(InputState::new(InputPurpose::SaveView, "")));
        }
        Some(Action::OpenView) => {
            if let Some(view) = views.get(dialog.cursor) {
                state.ui.query = view.to_query();
                state.ui.search_cursor = state.ui.query.text.chars().count();
                state.ui.overlay = None;
                state.ui.view = View::Explore;
                return vec![Effect::Search(Reselect::Top)];
            }
        }
        Some(Action::DeleteView) => {
            if let Some(view) = views.get(dialog.cursor) {
                let name = view.name.clone();
                dialog.cursor = dialog.cursor.min(last.saturating_sub(1));
                return change(state, Change::DeleteView(name));
            }
        }
        _ => {}
    }
    Vec::new()
}

#[cfg(test)]
mod tests;
