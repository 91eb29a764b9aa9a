//! `update` for the compare set (`c`), the compare view (`C`) and jumping to a related
//! intervention (`1`–`5`). Pure, like the rest of `update`.

use crate::core::compare::{MAX_ITEMS, MIN_ITEMS};
use crate::core::config::Context;
use crate::core::i18n::Text;

use super::super::compare_state::Toggled;
use super::super::keymap::Action;
use super::super::msg::{Effect, Key, KeyCode, Mouse, MouseKind, Reselect};
use super::super::state::{HelpState, Notice, Overlay, Pane, State, View};
use super::super::view;
use super::Motion;

/// `c`: the selected result into or out of the compare set.
pub(super) fn toggle_selected(state: &mut State) {
    let Some(record) = state.selected_record() else {
        return;
    };
    let outcome = state.ui.compare.toggle(record);
    let name = name_of(state, record);
    let count = state.ui.compare.records.len();
    let lang = state.ui.lang;
    let (text, warning) = match outcome {
        // From two on, say how to open the comparison.
        Toggled::Added if count >= MIN_ITEMS => (
            format!(
                "{name}: {} ({count}/{MAX_ITEMS}) · {}",
                Text::MsgAddedToCompare.get(lang),
                Text::MsgOpenCompareHint.get(lang)
            ),
            false,
        ),
        Toggled::Added => (
            format!(
                "{name}: {} ({count}/{MAX_ITEMS})",
                Text::MsgAddedToCompare.get(lang)
            ),
            false,
        ),
        Toggled::Removed => (
            format!(
                "{name}: {} ({count}/{MAX_ITEMS})",
                Text::MsgRemovedFromCompare.get(lang)
            ),
            false,
        ),
        Toggled::Full => (Text::MsgCompareFull.get(lang).to_string(), true),
    };
    notify(state, text, warning);
}

fn name_of(state: &State, record: usize) -> String {
    state.index.name(record).to_string()
}

/// Tell the user what happened, in the status bar until the next key.
fn notify(state: &mut State, text: String, warning: bool) {
    state.ui.notice = Some(if warning {
        Notice::Warning(text)
    } else {
        Notice::Info(text)
    });
}

/// `C`: the compare view, scrolled to the top with the first column under the cursor.
pub(super) fn open(state: &mut State) {
    let ui = &mut state.ui;
    ui.view = View::Compare;
    ui.compare.scroll = 0;
    ui.compare.cursor = 0;
    ui.compare.offset = 0;
}

pub(super) fn on_key(state: &mut State, key: Key) -> Vec<Effect> {
    let Some(action) = state.keys.lookup(Context::Compare, key) else {
        return Vec::new();
    };
    match action {
        Action::Quit => return vec![Effect::Quit],
        Action::Help => state.ui.overlay = Some(Overlay::Help(HelpState::default())),
        Action::CloseView => state.ui.view = View::Explore,
        Action::Up => scroll(state, Motion::By(-1)),
        Action::Down => scroll(state, Motion::By(1)),
        Action::PageUp => scroll(state, Motion::PageUp),
        Action::PageDown => scroll(state, Motion::PageDown),
        Action::Top => scroll(state, Motion::Top),
        Action::Bottom => scroll(state, Motion::Bottom),
        Action::ColumnLeft => step_column(state, -1),
        Action::ColumnRight => step_column(state, 1),
        Action::MoveColumnLeft | Action::MoveColumnRight => {
            let by = if action == Action::MoveColumnLeft {
                -1
            } else {
                1
            };
            state.ui.compare.move_current(by);
            clamp(state);
        }
        Action::RemoveColumn => {
            state.ui.compare.remove_current();
            clamp(state);
        }
        Action::ToggleIdentical => {
            state.ui.compare.hide_identical = !state.ui.compare.hide_identical;
            clamp(state);
        }
        Action::Export if state.ui.compare.records.len() >= MIN_ITEMS => {
            super::super::export_dialog::open_comparison(state);
        }
        Action::Export => notify(
            state,
            Text::MsgCompareTooFew.get(state.ui.lang).into(),
            true,
        ),
        Action::ShowColumn => {
            if let Some(&record) = state.ui.compare.records.get(state.ui.compare.cursor) {
                state.ui.view = View::Explore;
                show_record(state, record);
                super::focus(state, Pane::Detail);
            }
        }
        _ => {}
    }
    Vec::new()
}

fn step_column(state: &mut State, by: isize) {
    let visible = view::compare::visible_columns(state);
    let c = &mut state.ui.compare;
    let to = if by < 0 {
        c.cursor.saturating_sub(1)
    } else {
        c.cursor + 1
    };
    c.set_cursor(to, visible);
    clamp(state);
}

/// All columns scroll together: one scroll position for the table body.
fn scroll(state: &mut State, m: Motion) {
    let (lines, height) = view::compare::extent(state);
    let max = lines.saturating_sub(height);
    state.ui.compare.scroll = m.apply(state.ui.compare.scroll, max + 1, height);
}

/// Keep the cursor column visible and the scroll inside the table after any change.
pub(super) fn clamp(state: &mut State) {
    let visible = view::compare::visible_columns(state);
    let cursor = state.ui.compare.cursor;
    state.ui.compare.set_cursor(cursor, visible);
    let (lines, height) = view::compare::extent(state);
    state.ui.compare.scroll = state.ui.compare.scroll.min(lines.saturating_sub(height));
}

pub(super) fn on_mouse(state: &mut State, mouse: Mouse) -> Vec<Effect> {
    match mouse.kind {
        MouseKind::ScrollUp => scroll(state, Motion::By(-2)),
        MouseKind::ScrollDown => scroll(state, Motion::By(2)),
        MouseKind::Click => {}
    }
    Vec::new()
}

/// `1`–`5`: show the related intervention with that number in the detail.
pub(super) fn jump_related(state: &mut State, key: Key) -> Vec<Effect> {
    let KeyCode::Char(digit) = key.code else {
        return Vec::new();
    };
    let Some(n) = digit.to_digit(10).and_then(|d| (d as usize).checked_sub(1)) else {
        return Vec::new();
    };
    let Some(record) = state.selected_record() else {
        return Vec::new();
    };
    let found = state.related_to(record);
    match found.get(n) {
        Some(r) => {
            // Backspace comes back here (search, filters, selection, scroll).
            state.push_place();
            show_record(state, r.index)
        }
        None => notify(
            state,
            Text::MsgNoRelated.get(state.ui.lang).to_string(),
            true,
        ),
    }
    Vec::new()
}

/// Select a record in the results. When the search or filters hide it, they are cleared first
/// (and the user is told), so a jump always lands.
pub(super) fn show_record(state: &mut State, record: usize) {
    let position = |s: &State| s.results.hits.iter().position(|h| h.index == record);
    if position(state).is_none() {
        state.ui.query.text.clear();
        state.ui.search_cursor = 0;
        state.ui.query.clear_filters();
        state.search(Reselect::Keep);
        let name = name_of(state, record);
        let text = format!("{}: {name}", Text::MsgShownAfterClearing.get(state.ui.lang));
        notify(state, text, false);
    }
    if let Some(p) = position(state) {
        state.select(p);
    }
}

#[cfg(test)]
mod tests {
    use crate::core::compare::MAX_ITEMS;
    use crate::tui::dispatch;
    use crate::tui::fixture::{self, key, typing};
    use crate::tui::msg::{Key, KeyCode, Msg};
    use crate::tui::state::{Notice, Pane, State, View};

    fn press(state: &mut State, keys: &str) {
        dispatch(state, keys.chars().map(|c| Msg::Key(Key::char(c))));
    }

    fn ids(state: &State) -> Vec<&str> {
        state
            .ui
            .compare
            .records
            .iter()
            .map(|&r| state.index.id(r))
            .collect()
    }

    fn selected_id(state: &State) -> &str {
        let r = state.selected_record().expect("a selection");
        state.index.id(r)
    }

    /// Results (sorted by name): Beïnvloedbaarheid, Coöperatie, Dialoog in de klas, …
    fn with_three(state: &mut State) {
        press(state, "cjcjc");
        assert_eq!(
            ids(state),
            ["beinvloedbaarheid", "cooperatie-wijk", "dialoog-klas"]
        );
    }

    #[test]
    fn c_toggles_the_selection_into_a_set_of_at_most_four() {
        let mut s = fixture::state();
        with_three(&mut s);
        press(&mut s, "jc");
        assert_eq!(
            s.ui.notice,
            Some(Notice::Info(
                "Moskeebesturen versterken: in de vergelijking (4/4) · C toont de vergelijking"
                    .into()
            ))
        );
        press(&mut s, "jc");
        assert_eq!(s.ui.compare.records.len(), MAX_ITEMS);
        assert!(!s.ui.compare.contains(s.selected_record().unwrap()));
        assert!(matches!(&s.ui.notice, Some(Notice::Warning(w)) if w.contains("vol (4)")));
        // The first again: out of the set.
        press(&mut s, "gc");
        assert_eq!(ids(&s), ["cooperatie-wijk", "dialoog-klas", "moskee"]);
    }

    #[test]
    fn the_compare_view_moves_removes_and_hides_identical_rows() {
        let mut s = fixture::state();
        with_three(&mut s);
        press(&mut s, "C");
        assert_eq!(s.ui.view, View::Compare);
        assert_eq!(s.ui.compare.cursor, 0);
        // Move the first column to the right, twice: it ends last, the cursor with it.
        press(&mut s, ">>");
        assert_eq!(
            ids(&s),
            ["cooperatie-wijk", "dialoog-klas", "beinvloedbaarheid"]
        );
        assert_eq!(s.ui.compare.cursor, 2);
        press(&mut s, "<");
        assert_eq!(
            ids(&s),
            ["cooperatie-wijk", "beinvloedbaarheid", "dialoog-klas"]
        );
        assert_eq!(s.ui.compare.cursor, 1);
        press(&mut s, "x");
        assert_eq!(ids(&s), ["cooperatie-wijk", "dialoog-klas"]);
        // Hiding identical rows shortens the table; the scroll stays inside it.
        let (all, _) = crate::tui::view::compare::extent(&s);
        press(&mut s, "G");
        press(&mut s, "=");
        let (fewer, height) = crate::tui::view::compare::extent(&s);
        assert!(fewer < all);
        assert!(s.ui.compare.scroll <= fewer.saturating_sub(height));
        dispatch(&mut s, [key(KeyCode::Esc)]);
        assert_eq!(s.ui.view, View::Explore);
        // The set survives leaving the view.
        assert_eq!(s.ui.compare.records.len(), 2);
    }

    #[test]
    fn narrow_terminals_page_through_the_columns() {
        let mut s = fixture::state();
        with_three(&mut s);
        press(&mut s, "C");
        dispatch(&mut s, [Msg::Resize(80, 24)]);
        let visible = crate::tui::view::compare::visible_columns(&s);
        assert_eq!(visible, 2);
        press(&mut s, "ll");
        assert_eq!((s.ui.compare.cursor, s.ui.compare.offset), (2, 1));
        press(&mut s, "hh");
        assert_eq!((s.ui.compare.cursor, s.ui.compare.offset), (0, 0));
        dispatch(&mut s, [Msg::Resize(160, 45)]);
        assert_eq!(crate::tui::view::compare::visible_columns(&s), 3);
    }

    #[test]
    fn enter_on_a_column_shows_that_intervention_in_the_explorer() {
        let mut s = fixture::state();
        with_three(&mut s);
        press(&mut s, "Cl");
        dispatch(&mut s, [key(KeyCode::Enter)]);
        assert_eq!(s.ui.view, View::Explore);
        assert_eq!(s.ui.focus, Pane::Detail);
        assert_eq!(selected_id(&s), "cooperatie-wijk");
    }

    #[test]
    fn digits_jump_to_a_related_intervention_even_when_filtered_out() {
        let mut s = fixture::state();
        // Beïnvloedbaarheid (dialoog, oefenen-vaardigheden; polarisatie, radicalisering).
        let me = s.selected_record().unwrap();
        let related =
            crate::core::related::related(&s.index, me, crate::core::related::DEFAULT_LIMIT);
        let second = &s.index.id(related[1].index).to_string();
        press(&mut s, "2");
        assert_eq!(selected_id(&s), second);

        // Filter down to one theme the target may not carry, then jump: filters are cleared.
        let mut s = fixture::state();
        dispatch(&mut s, typing("/beinvloed"));
        dispatch(&mut s, [key(KeyCode::Esc)]);
        assert_eq!(s.results.hits.len(), 1);
        press(&mut s, "1");
        assert_ne!(selected_id(&s), "beinvloedbaarheid");
        assert!(s.ui.query.text.is_empty() && !s.ui.query.has_filters());
        assert!(
            matches!(&s.ui.notice, Some(Notice::Info(t)) if t.starts_with("zoekopdracht en filters gewist"))
        );
        // No sixth related: nothing happens.
        let before = s.selected_record();
        press(&mut s, "9");
        assert_eq!(s.selected_record(), before);
    }

    #[test]
    fn backspace_undoes_a_jump_with_its_search_filters_selection_and_scroll() {
        let mut s = fixture::state();
        dispatch(&mut s, typing("/beinvloed"));
        dispatch(&mut s, [key(KeyCode::Esc)]);
        let before = s.ui.clone();
        let id = selected_id(&s).to_string();
        press(&mut s, "1");
        assert_ne!(selected_id(&s), id);
        press(&mut s, "2");
        dispatch(&mut s, [key(KeyCode::Backspace)]);
        dispatch(&mut s, [key(KeyCode::Backspace)]);
        assert_eq!(selected_id(&s), id);
        assert_eq!(s.ui.query, before.query);
        assert_eq!(s.ui.selected, before.selected);
        assert_eq!(s.ui.results_offset, before.results_offset);
        assert_eq!(s.ui.focus, before.focus);
        assert_eq!(s.results.hits.len(), 1);
        // Nothing further back: said, nothing changes.
        dispatch(&mut s, [key(KeyCode::Backspace)]);
        assert_eq!(selected_id(&s), id);
        assert!(
            matches!(&s.ui.notice, Some(Notice::Info(t)) if t == "niets om naar terug te gaan")
        );
    }

    #[test]
    fn shift_e_shows_only_recognised_interventions_and_again_all() {
        let mut s = fixture::state();
        let all = s.results.hits.len();
        press(&mut s, "E");
        assert_eq!(s.ui.query.min_evidence.as_deref(), Some("goed-onderbouwd"));
        let n = s.results.hits.len();
        assert!(n > 0 && n < all, "{n} of {all}");
        for h in &s.results.hits {
            assert!(
                s.index.evidence_rank(h.index)
                    >= crate::core::model::vocab::evidence_rank("goed-onderbouwd")
            );
        }
        press(&mut s, "E");
        assert_eq!(s.ui.query.min_evidence, None);
        assert_eq!(s.results.hits.len(), all);
    }
}
