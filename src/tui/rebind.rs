//! The main screen's keys from the configuration: `keymap::BROWSE` with each configurable
//! action's keys replaced by the preset's and the user's (`config::Bindings`). Keys taken by a
//! configured action leave the fixed bindings, so no key does two things. The other tables
//! (search bar, dialogs, compare, matrix, shortlists) keep their keys: there letters are typed
//! or mean something else.

use std::borrow::Cow;

use crate::config::{self, Chord};

use super::keymap::{Action, BROWSE, Binding};
use super::msg::{Key, KeyCode};

/// The configuration's name for an action of the main screen, if it can be rebound.
pub fn configurable(action: Action) -> Option<config::Action> {
    use config::Action as C;
    Some(match action {
        Action::FocusSearch => C::Search,
        Action::Up => C::Up,
        Action::Down => C::Down,
        Action::PaneLeft => C::PaneLeft,
        Action::PaneRight => C::PaneRight,
        Action::NextPane => C::NextPane,
        Action::PrevPane => C::PrevPane,
        Action::PageUp => C::PageUp,
        Action::PageDown => C::PageDown,
        Action::Top => C::Top,
        Action::Bottom => C::Bottom,
        Action::Activate => C::Activate,
        Action::ClearFilters => C::ClearFilters,
        Action::ClearSearch => C::ClearSearch,
        Action::CycleSort => C::Sort,
        Action::ToggleTheme => C::Theme,
        Action::ToggleShortlist => C::Shortlist,
        Action::OpenShortlists => C::Shortlists,
        Action::EditNote => C::Note,
        Action::Export => C::Export,
        Action::Views => C::Views,
        Action::ToggleCompare => C::Compare,
        Action::OpenCompare => C::CompareView,
        Action::OpenMatrix => C::Matrix,
        Action::CopyCitation => C::CopyCitation,
        Action::GoBack => C::Back,
        Action::AnyRecognition => C::Recognised,
        Action::Help => C::Help,
        Action::Quit => C::Quit,
        _ => return None,
    })
}

/// The explorer's key for a configured chord. Every chord the configuration accepts has one.
pub fn key_of(chord: Chord) -> Key {
    use config::Key as C;
    let code = match chord.key {
        C::Char(c) => KeyCode::Char(c),
        C::Up => KeyCode::Up,
        C::Down => KeyCode::Down,
        C::Left => KeyCode::Left,
        C::Right => KeyCode::Right,
        C::Home => KeyCode::Home,
        C::End => KeyCode::End,
        C::PageUp => KeyCode::PageUp,
        C::PageDown => KeyCode::PageDown,
        C::Tab => KeyCode::Tab,
        C::BackTab => KeyCode::BackTab,
        C::Enter => KeyCode::Enter,
        C::Esc => KeyCode::Esc,
        C::Backspace => KeyCode::Backspace,
        C::Delete => KeyCode::Delete,
    };
    Key {
        code,
        ctrl: chord.ctrl,
        alt: chord.alt,
    }
}

/// The main screen's table with `bindings` applied, in `BROWSE`'s order (the help lists it so).
pub fn browse(bindings: &config::Bindings) -> Vec<Binding> {
    let configured = |action: Action| -> Option<Vec<Key>> {
        configurable(action).map(|a| bindings.keys(a).iter().map(|c| key_of(*c)).collect())
    };
    let taken: Vec<Key> = BROWSE
        .iter()
        .filter_map(|b| configured(b.action))
        .flatten()
        .collect();
    BROWSE
        .iter()
        .map(|b| {
            let keys: Vec<Key> = match configured(b.action) {
                Some(keys) => keys,
                None => b
                    .keys
                    .iter()
                    .filter(|k| !taken.contains(k))
                    .copied()
                    .collect(),
            };
            Binding {
                keys: Cow::Owned(keys),
                action: b.action,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::config::{Bindings, Preset};
    use crate::tui::keymap::lookup;

    #[test]
    fn the_vim_preset_is_the_explorers_own_table() {
        let table = browse(&Bindings::new(Preset::Vim, &BTreeMap::new()));
        assert_eq!(table, BROWSE.to_vec());
        // …and every action of the main screen but the numbered jump can be rebound.
        // (Esc always leaves the details; a configured Esc takes it over.)
        for b in BROWSE {
            assert!(
                configurable(b.action).is_some()
                    || matches!(b.action, Action::JumpRelated | Action::LeaveDetail),
                "{:?} cannot be configured",
                b.action
            );
        }
        for a in config::Action::ALL {
            assert!(
                BROWSE.iter().any(|b| configurable(b.action) == Some(a)),
                "`{}` in the configuration is not on the main screen",
                a.id()
            );
        }
    }

    #[test]
    fn the_arrows_preset_leaves_the_letters_alone() {
        let table = browse(&Bindings::new(Preset::Arrows, &BTreeMap::new()));
        for letter in ['h', 'j', 'k', 'l', 'g', 'G'] {
            assert_eq!(lookup(&table, Key::char(letter)), None, "{letter}");
        }
        assert_eq!(
            lookup(&table, Key::plain(KeyCode::Down)),
            Some(Action::Down)
        );
        assert_eq!(
            lookup(&table, Key::plain(KeyCode::End)),
            Some(Action::Bottom)
        );
        assert_eq!(lookup(&table, Key::char('y')), Some(Action::CopyCitation));
    }

    #[test]
    fn an_override_moves_a_key_and_no_key_does_two_things() {
        let overrides = BTreeMap::from([
            (
                config::Action::Sort,
                vec![Chord::plain(config::Key::Char('s'))],
            ),
            (
                config::Action::Quit,
                vec![Chord::plain(config::Key::Char('Q')), Chord::ctrl('q')],
            ),
        ]);
        let table = browse(&Bindings::new(Preset::Vim, &overrides));
        assert_eq!(lookup(&table, Key::char('s')), Some(Action::CycleSort));
        assert_eq!(lookup(&table, Key::char('o')), None);
        assert_eq!(lookup(&table, Key::char('q')), None);
        assert_eq!(lookup(&table, Key::ctrl('q')), Some(Action::Quit));
        let mut seen = Vec::new();
        for b in &table {
            for k in b.keys.iter() {
                assert!(!seen.contains(k), "{k:?} bound twice");
                seen.push(*k);
            }
        }
    }
}
