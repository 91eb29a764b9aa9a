//! `update`: the one place the explorer's state changes, as a pure function of the state and a
//! message. IO and slow work are returned as `Effect`s; `dispatch` performs the search effect
//! once per batch of messages, so a burst of keystrokes is matched once.

use super::keymap::{self, Action};
use super::msg::{Effect, Key, Mouse, MouseKind, Msg, Reselect};
use super::state::{FacetRow, HelpState, Notice, Overlay, Pane, State, View};
use super::{export_dialog, layout, shelf, view};
use crate::core::config::Context;
use crate::core::i18n::Text;

/// A query longer than this is not a search anyone types; it would only slow matching.
pub const MAX_QUERY_CHARS: usize = 200;
/// Lines the detail pane scrolls per mouse wheel step.
const WHEEL_LINES: usize = 2;

pub fn update(state: &mut State, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Quit => vec![Effect::Quit],
        Msg::Resize(w, h) => {
            state.ui.size = (w, h);
            state.clamp();
            clamp_detail(state);
            clamp_help(state);
            compare_view::clamp(state);
            matrix_view::clamp(state);
            Vec::new()
        }
        Msg::Key(key) => {
            // A notice stays until the next key.
            state.ui.notice = None;
            on_key(state, key)
        }
        Msg::Paste(text) => {
            state.ui.notice = None;
            on_paste(state, &text)
        }
        Msg::Mouse(mouse) => on_mouse(state, mouse),
        Msg::ListsSaved(result) => {
            shelf::saved(state, result);
            Vec::new()
        }
        Msg::Exported(result) => {
            export_dialog::exported(state, result);
            Vec::new()
        }
        Msg::SearchDone { id, results } => {
            state.search_done(id, results);
            Vec::new()
        }
        Msg::LoadProgress(loading) => {
            state.ui.loading = Some(loading);
            Vec::new()
        }
        Msg::Loaded { index, complete } => {
            state.loaded(index.0, complete);
            Vec::new()
        }
        Msg::Copied(result) => {
            let lang = state.ui.lang;
            state.ui.notice = Some(match result {
                Ok(()) => Notice::Info(Text::Copied.get(lang).to_string()),
                Err(e) => Notice::Warning(e),
            });
            Vec::new()
        }
    }
}

/// Run a batch of messages and perform the deferred search once at the end (or earlier, before
/// a message that needs the new results). In background mode (`State::background_search`), a
/// search that only keys in the search bar asked for goes to the search worker instead
/// (`Effect::StartSearch` in the outbox): typing never waits on matching. Returns `true` when
/// the explorer should quit.
pub fn dispatch(state: &mut State, msgs: impl IntoIterator<Item = Msg>) -> bool {
    let mut pending: Option<Reselect> = None;
    // Whether every message that asked for the pending search was a key in the search bar.
    let mut typed = true;
    for msg in msgs {
        if needs_results(state, &msg) {
            // Finish what was typed first, here and now: this message acts on the results.
            let awaited = state.awaited.map(|a| a.reselect);
            if let Some(r) = merge(pending.take(), awaited) {
                state.search(r);
            }
            typed = true;
        }
        let search_bar = in_search_bar(state, &msg);
        for effect in update(state, msg) {
            match effect {
                Effect::Quit => return true,
                Effect::Search(r) => {
                    pending = merge(pending, Some(r));
                    typed &= search_bar;
                }
                // IO: the run loop performs these and answers with a message.
                io => state.outbox.push(io),
            }
        }
    }
    if let Some(r) = pending {
        if state.background_search && typed {
            let request = state.search_in_background(r);
            state.outbox.push(request);
        } else {
            state.search(r);
        }
    }
    false
}

/// Two reselections asked for one search: the best match wins over keeping the selection.
fn merge(a: Option<Reselect>, b: Option<Reselect>) -> Option<Reselect> {
    match (a, b) {
        (Some(Reselect::Top), _) | (_, Some(Reselect::Top)) => Some(Reselect::Top),
        (None, None) => None,
        _ => Some(Reselect::Keep),
    }
}

/// Whether a message acts on the results (moves through them, opens one, toggles a filter…),
/// so the search for what was typed before it must be done first. Keys that only edit the
/// query or move around the search bar do not, nor do a resize or a search's answer.
fn needs_results(state: &State, msg: &Msg) -> bool {
    match msg {
        Msg::Key(_) => !in_search_bar(state, msg),
        // A loaded index is searched with the current query as it arrives.
        // A paste only edits a text field.
        Msg::Paste(_)
        | Msg::Resize(..)
        | Msg::Quit
        | Msg::SearchDone { .. }
        | Msg::LoadProgress(_)
        | Msg::Loaded { .. } => false,
        Msg::Mouse(_) | Msg::ListsSaved(_) | Msg::Exported(_) | Msg::Copied(_) => true,
    }
}

/// A key for the search bar that only edits the text, moves its cursor or leaves it.
fn in_search_bar(state: &State, msg: &Msg) -> bool {
    if state.ui.overlay.is_some()
        || state.ui.view != View::Explore
        || state.ui.focus != Pane::Search
    {
        return false;
    }
    let key = match msg {
        Msg::Key(key) => key,
        Msg::Paste(_) => return true,
        _ => return false,
    };
    match state.keys.lookup(Context::Search, *key) {
        Some(action) => matches!(
            action,
            Action::DeleteBack
                | Action::DeleteForward
                | Action::ClearSearch
                | Action::CursorLeft
                | Action::CursorRight
                | Action::CursorStart
                | Action::CursorEnd
                | Action::LeaveSearch
                | Action::SubmitSearch
        ),
        // A typed char, or a key the search bar ignores.
        None => true,
    }
}

/// More pasted characters than this are never looked at: no field holds as many.
const MAX_PASTE_CHARS: usize = 4096;

/// The text of the field that has the focus, when a text field has it.
fn focused_text(state: &State) -> Option<&str> {
    match &state.ui.overlay {
        Some(Overlay::Export(d)) => {
            (d.field == export_dialog::ExportField::Path).then_some(d.path.as_str())
        }
        Some(Overlay::Input(input)) => Some(input.text.as_str()),
        Some(Overlay::Help(help)) => Some(help.filter.as_str()),
        Some(Overlay::Confirm(_) | Overlay::Views(_)) => None,
        None => (state.ui.view == View::Explore && state.ui.focus == Pane::Search)
            .then_some(state.ui.query.text.as_str()),
    }
}

/// A paste goes into the focused text field as text, on one line (line breaks and other
/// control characters become spaces), cut to the field's limit and said once; with no text
/// field in focus it is ignored, so pasted letters and newlines never run as commands.
fn on_paste(state: &mut State, text: &str) -> Vec<Effect> {
    let lang = state.ui.lang;
    let Some(before) = focused_text(state).map(|t| t.chars().count()) else {
        state.ui.notice = Some(Notice::Info(Text::PasteIgnored.get(lang).to_string()));
        return Vec::new();
    };
    let clean = crate::core::model::text::sanitize_line(&text.replace(['\r', '\n', '\t'], " "));
    let wanted = clean.chars().count();
    let mut effects: Vec<Effect> = Vec::new();
    for c in clean.chars().take(MAX_PASTE_CHARS) {
        for effect in on_key(state, Key::char(c)) {
            if !effects.contains(&effect) {
                effects.push(effect);
            }
        }
    }
    let after = focused_text(state).map_or(before, |t| t.chars().count());
    if after.saturating_sub(before) < wanted {
        state.ui.notice = Some(Notice::Info(Text::PasteCut.get(lang).to_string()));
    }
    effects
}

fn on_key(state: &mut State, key: Key) -> Vec<Effect> {
    match &state.ui.overlay {
        Some(Overlay::Export(_)) => return export_dialog::on_key(state, key),
        Some(Overlay::Input(_)) => return shelf::on_input_key(state, key),
        Some(Overlay::Confirm(_)) => return shelf::on_confirm_key(state, key),
        Some(Overlay::Views(_)) => return shelf::on_views_key(state, key),
        Some(Overlay::Help(_)) | None => {}
    }
    if let Some(Overlay::Help(help)) = &mut state.ui.overlay {
        if let Some(action) = state.keys.lookup(Context::Help, key) {
            return help_action(state, action);
        }
        if let Some(c) = key.typed_char()
            && help.filter.chars().count() < MAX_QUERY_CHARS
        {
            help.filter.push(c);
            help.scroll = 0;
        }
        return Vec::new();
    }
    match state.ui.view {
        View::Shortlists => return shelf::on_key(state, key),
        View::Compare => return compare_view::on_key(state, key),
        View::Matrix => return matrix_view::on_key(state, key),
        View::Explore => {}
    }
    if state.ui.focus == Pane::Search {
        if let Some(action) = state.keys.lookup(Context::Search, key) {
            return perform(state, action);
        }
        if let Some(c) = key.typed_char() {
            return insert_char(state, c);
        }
        return Vec::new();
    }
    match state.keys.lookup(Context::Browse, key) {
        // Which related intervention is in the key itself (`1`–`5`).
        Some(Action::JumpRelated) => compare_view::jump_related(state, key),
        Some(action) => perform(state, action),
        None => Vec::new(),
    }
}

fn perform(state: &mut State, action: Action) -> Vec<Effect> {
    let ui = &mut state.ui;
    match action {
        Action::Quit => return vec![Effect::Quit],
        Action::Help => ui.overlay = Some(Overlay::Help(HelpState::default())),
        Action::FocusSearch => {
            ui.focus = Pane::Search;
            ui.search_cursor = ui.query.text.chars().count();
        }
        Action::NextPane => focus(state, state.ui.focus.next()),
        Action::PrevPane => focus(state, state.ui.focus.prev()),
        Action::PaneLeft => focus(state, state.ui.focus.left()),
        Action::PaneRight => focus(state, state.ui.focus.right()),
        Action::Up => motion(state, Motion::By(-1)),
        Action::Down => motion(state, Motion::By(1)),
        Action::PageUp => motion(state, Motion::PageUp),
        Action::PageDown => motion(state, Motion::PageDown),
        Action::Top => motion(state, Motion::Top),
        Action::Bottom => motion(state, Motion::Bottom),
        Action::Activate => return activate(state),
        Action::LeaveDetail => {
            if ui.focus == Pane::Detail {
                focus(state, Pane::Results);
            }
        }
        Action::ClearFilters => {
            if ui.query.has_filters() {
                ui.query.clear_filters();
                return vec![Effect::Search(Reselect::Keep)];
            }
        }
        Action::ClearSearch => {
            if !ui.query.text.is_empty() {
                ui.query.text.clear();
                ui.search_cursor = 0;
                return vec![Effect::Search(Reselect::Top)];
            }
        }
        Action::CycleSort => {
            ui.query.sort = ui.query.sort.next();
            return vec![Effect::Search(Reselect::Keep)];
        }
        Action::ToggleTheme => ui.theme = ui.theme.toggled(),
        Action::LeaveSearch | Action::SubmitSearch => ui.focus = Pane::Results,
        Action::DeleteBack => return edit_search(state, Edit::Back),
        Action::DeleteForward => return edit_search(state, Edit::Forward),
        Action::CursorLeft => ui.search_cursor = ui.search_cursor.saturating_sub(1),
        Action::CursorRight => {
            ui.search_cursor = (ui.search_cursor + 1).min(ui.query.text.chars().count())
        }
        Action::CursorStart => ui.search_cursor = 0,
        Action::CursorEnd => ui.search_cursor = ui.query.text.chars().count(),
        Action::CloseHelp | Action::ClearHelpFilter => return help_action(state, action),
        Action::ToggleShortlist
        | Action::OpenShortlists
        | Action::EditNote
        | Action::Export
        | Action::Views => return shelf::perform(state, action),
        // Only in the shortlist view and the dialogs, which handle their own keys.
        Action::RemoveItem
        | Action::NewList
        | Action::RenameList
        | Action::DeleteList
        | Action::Undo
        | Action::NewLine
        | Action::MakeActive
        | Action::Back
        | Action::Confirm
        | Action::Cancel
        | Action::NextField
        | Action::PrevField
        | Action::OptionLeft
        | Action::OptionRight
        | Action::Copy
        | Action::SaveView
        | Action::OpenView
        | Action::DeleteView => {}
        Action::CopyCitation => return copy_citation(state),
        Action::GoBack => {
            if !state.go_back() {
                state.ui.notice = Some(Notice::Info(
                    Text::MsgNothingBack.get(state.ui.lang).to_string(),
                ));
            }
        }
        Action::AnyRecognition => return any_recognition(state),
        Action::ToggleCompare => compare_view::toggle_selected(state),
        Action::OpenCompare => compare_view::open(state),
        Action::OpenMatrix => matrix_view::open(state),
        // Keys of the compare and matrix views, handled by their own modules.
        Action::JumpRelated
        | Action::CloseView
        | Action::ColumnLeft
        | Action::ColumnRight
        | Action::MoveColumnLeft
        | Action::MoveColumnRight
        | Action::RemoveColumn
        | Action::ToggleIdentical
        | Action::ShowColumn
        | Action::FilterToCell
        | Action::NextRowGroup
        | Action::PrevRowGroup
        | Action::NextColGroup
        | Action::PrevColGroup
        | Action::SwapAxes => {}
    }
    Vec::new()
}

/// `y`: the selected intervention's citation to the clipboard (answered by `Msg::Copied`).
fn copy_citation(state: &mut State) -> Vec<Effect> {
    let lang = state.ui.lang;
    let item = match state.selected_record().map(|r| state.record(r)) {
        Some(Ok(Some(item))) => Some(item),
        Some(found) => {
            let mut problem = Text::RecordUnreadable.get(lang).to_string();
            if let Err(e) = found {
                problem.push_str(&format!(" ({e})"));
            }
            state.ui.notice = Some(Notice::Warning(problem));
            return Vec::new();
        }
        None => None,
    };
    match item {
        Some(item) => vec![Effect::Copy(crate::core::export::citation::citation(
            &item,
            state.metadata(),
            lang,
        ))],
        None => {
            state.ui.notice = Some(Notice::Warning(
                Text::NothingToCite.get(state.ui.lang).to_string(),
            ));
            Vec::new()
        }
    }
}

/// `E`: the results narrowed to every recognised level (what `--evidence erkend` means on the
/// command line: at least `goed-onderbouwd`), or, when that is on, to all levels again.
fn any_recognition(state: &mut State) -> Vec<Effect> {
    let weakest = crate::core::model::vocab::RECOGNISED
        .iter()
        .copied()
        .min_by_key(|id| crate::core::model::vocab::evidence_rank(id))
        .unwrap_or("goed-onderbouwd");
    let lang = state.ui.lang;
    let text = if state.ui.query.min_evidence.as_deref() == Some(weakest) {
        state.ui.query.min_evidence = None;
        Text::MsgAllEvidence
    } else {
        state.ui.query.min_evidence = Some(weakest.to_string());
        Text::MsgOnlyRecognised
    };
    state.ui.notice = Some(Notice::Info(text.get(lang).to_string()));
    vec![Effect::Search(Reselect::Keep)]
}

fn focus(state: &mut State, pane: Pane) {
    state.ui.focus = pane;
    if pane == Pane::Search {
        state.ui.search_cursor = state.ui.query.text.chars().count();
    }
    // The facet pane's height does not depend on the focus, but the detail's width may.
    state.clamp();
    clamp_detail(state);
}

fn help_action(state: &mut State, action: Action) -> Vec<Effect> {
    let rows = layout::help_rows(state.ui.size.0, state.ui.size.1);
    let lang = state.ui.lang;
    let Some(Overlay::Help(help)) = &mut state.ui.overlay else {
        return Vec::new();
    };
    let len = keymap::help_lines_with(lang, &help.filter, &state.keys).len();
    let max = len.saturating_sub(rows);
    match action {
        Action::CloseHelp => state.ui.overlay = None,
        Action::ClearHelpFilter => {
            help.filter.clear();
            help.scroll = 0;
        }
        Action::DeleteBack => {
            help.filter.pop();
            help.scroll = 0;
        }
        Action::Up => help.scroll = help.scroll.saturating_sub(1),
        Action::Down => help.scroll = (help.scroll + 1).min(max),
        Action::PageUp => help.scroll = help.scroll.saturating_sub(rows.max(1)),
        Action::PageDown => help.scroll = (help.scroll + rows.max(1)).min(max),
        _ => {}
    }
    Vec::new()
}

fn clamp_help(state: &mut State) {
    let rows = layout::help_rows(state.ui.size.0, state.ui.size.1);
    let lang = state.ui.lang;
    if let Some(Overlay::Help(help)) = &mut state.ui.overlay {
        let len = keymap::help_lines_with(lang, &help.filter, &state.keys).len();
        help.scroll = help.scroll.min(len.saturating_sub(rows));
    }
}

#[derive(Debug, Clone, Copy)]
enum Motion {
    By(isize),
    PageUp,
    PageDown,
    Top,
    Bottom,
}

impl Motion {
    /// Where a cursor at `at` in a list of `len` lands, paging by `page` rows.
    fn apply(self, at: usize, len: usize, page: usize) -> usize {
        let last = len.saturating_sub(1);
        let page = page.max(1);
        match self {
            Motion::By(d) if d < 0 => at.saturating_sub(d.unsigned_abs()),
            Motion::By(d) => at.saturating_add(d.unsigned_abs()).min(last),
            Motion::PageUp => at.saturating_sub(page),
            Motion::PageDown => at.saturating_add(page).min(last),
            Motion::Top => 0,
            Motion::Bottom => last,
        }
    }
}

/// Move the cursor of the focused pane (the search bar moves the results).
fn motion(state: &mut State, m: Motion) {
    match state.ui.focus {
        Pane::Facets => {
            let len = state.facet_rows().len();
            let to = m.apply(state.ui.facet_cursor, len, state.facet_rows_visible());
            state.set_facet_cursor(to);
        }
        Pane::Results | Pane::Search => {
            let len = state.results.hits.len();
            let to = m.apply(state.ui.selected, len, state.results_rows());
            state.select(to);
        }
        Pane::Detail => {
            let (lines, height) = detail_extent(state);
            let max = lines.saturating_sub(height);
            // Scrolling is by line, so "the last position" is the last screenful.
            state.ui.detail_scroll = m.apply(state.ui.detail_scroll, max + 1, height);
        }
    }
}

/// Lines of the selected intervention's detail at the current width, and the pane's height.
fn detail_extent(state: &State) -> (usize, usize) {
    let (w, h) = state.ui.size;
    // The detail width is the same whether or not the pane has the focus in a wide terminal;
    // in a narrow one it is shown only when focused, so measure it as focused.
    match layout::detail_inner(w, h, Pane::Detail) {
        Some(r) => (view::detail::line_count(state, r.width), r.height as usize),
        None => (0, 0),
    }
}

fn clamp_detail(state: &mut State) {
    let (lines, height) = detail_extent(state);
    state.ui.detail_scroll = state.ui.detail_scroll.min(lines.saturating_sub(height));
}

fn activate(state: &mut State) -> Vec<Effect> {
    match state.ui.focus {
        Pane::Facets => {
            let rows = state.facet_rows();
            match rows.get(state.ui.facet_cursor) {
                Some(FacetRow::Group(g)) => {
                    let g = *g;
                    if !state.ui.collapsed.remove(&g) {
                        state.ui.collapsed.insert(g);
                    }
                    // The heading keeps its row: only rows below it come or go.
                    state.set_facet_cursor(state.ui.facet_cursor);
                }
                Some(FacetRow::Value(g, v)) => {
                    let id = state.index.group(*g).values.get(*v).map(|i| i.id.clone());
                    if let Some(id) = id {
                        state.ui.query.toggle(*g, &id);
                        return vec![Effect::Search(Reselect::Keep)];
                    }
                }
                None => {}
            }
        }
        Pane::Results => {
            if state.selected_record().is_some() {
                focus(state, Pane::Detail);
            }
        }
        Pane::Search | Pane::Detail => {}
    }
    Vec::new()
}

fn insert_char(state: &mut State, c: char) -> Vec<Effect> {
    let ui = &mut state.ui;
    let mut chars: Vec<char> = ui.query.text.chars().collect();
    if chars.len() >= MAX_QUERY_CHARS {
        return Vec::new();
    }
    let at = ui.search_cursor.min(chars.len());
    chars.insert(at, c);
    ui.query.text = chars.into_iter().collect();
    ui.search_cursor = at + 1;
    vec![Effect::Search(Reselect::Top)]
}

enum Edit {
    Back,
    Forward,
}

fn edit_search(state: &mut State, edit: Edit) -> Vec<Effect> {
    let ui = &mut state.ui;
    let mut chars: Vec<char> = ui.query.text.chars().collect();
    let at = ui.search_cursor.min(chars.len());
    let remove = match edit {
        Edit::Back if at > 0 => at - 1,
        Edit::Forward if at < chars.len() => at,
        _ => return Vec::new(),
    };
    chars.remove(remove);
    ui.query.text = chars.into_iter().collect();
    ui.search_cursor = remove;
    vec![Effect::Search(Reselect::Top)]
}

fn on_mouse(state: &mut State, mouse: Mouse) -> Vec<Effect> {
    // The shortlist view and the dialogs are keyboard-only; the pane layout does not apply.
    // (The compare and matrix views scroll with the wheel, below.)
    if state.ui.view == View::Shortlists
        || matches!(
            state.ui.overlay,
            Some(Overlay::Export(_) | Overlay::Input(_) | Overlay::Confirm(_) | Overlay::Views(_))
        )
    {
        return Vec::new();
    }
    if state.ui.overlay.is_some() {
        return match mouse.kind {
            MouseKind::ScrollUp => help_action(state, Action::Up),
            MouseKind::ScrollDown => help_action(state, Action::Down),
            MouseKind::Click => Vec::new(),
        };
    }
    match state.ui.view {
        View::Compare => return compare_view::on_mouse(state, mouse),
        View::Matrix => return matrix_view::on_mouse(state, mouse),
        View::Explore | View::Shortlists => {}
    }
    let (w, h) = state.ui.size;
    let Some(areas) = layout::areas(w, h, state.ui.focus) else {
        return Vec::new();
    };
    let Some(pane) = areas.pane_at(mouse.column, mouse.row) else {
        return Vec::new();
    };
    match mouse.kind {
        MouseKind::ScrollUp | MouseKind::ScrollDown => {
            let up = mouse.kind == MouseKind::ScrollUp;
            let previous = state.ui.focus;
            state.ui.focus = pane;
            match pane {
                Pane::Detail => {
                    for _ in 0..WHEEL_LINES {
                        motion(state, Motion::By(if up { -1 } else { 1 }));
                    }
                }
                Pane::Facets | Pane::Results => motion(state, Motion::By(if up { -1 } else { 1 })),
                Pane::Search => {}
            }
            // Scrolling a pane does not take the focus from the one being typed in.
            state.ui.focus = previous;
            Vec::new()
        }
        MouseKind::Click => {
            focus(state, pane);
            match pane {
                Pane::Facets => {
                    let inner = layout::inner(areas.facets);
                    if mouse.row >= inner.y && mouse.row < inner.bottom() {
                        let row = state.ui.facet_offset + usize::from(mouse.row - inner.y);
                        if row < state.facet_rows().len() {
                            state.set_facet_cursor(row);
                            return activate(state);
                        }
                    }
                }
                Pane::Results => {
                    if let Some(r) = areas.results {
                        let inner = layout::inner(r);
                        // The first inner line is the column header.
                        if mouse.row > inner.y && mouse.row < inner.bottom() {
                            let line = usize::from(mouse.row - inner.y - 1);
                            let row = state.ui.results_offset
                                + line / layout::lines_per_result(inner.width);
                            if row < state.results.hits.len() {
                                state.select(row);
                            }
                        }
                    }
                }
                Pane::Search | Pane::Detail => {}
            }
            Vec::new()
        }
    }
}

mod compare_view;
mod matrix_view;

#[cfg(test)]
mod background_tests;
#[cfg(test)]
mod rebind_tests;
#[cfg(test)]
mod tests;
