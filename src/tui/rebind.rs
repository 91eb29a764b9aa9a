//! Every context's keys from the configuration, applied as a patch over the defaults
//! (`keymap::defaults`): the main screen's with the preset's and the user's keys
//! (`config::Bindings`, from `[keys]` / `[keys.browse]`), every other context's with the user's
//! `[keys.<context>]`. A key a patched action takes leaves the action that had it by default,
//! so no key does two things in one context. `keymaps` is the one function that does this.

use std::borrow::Cow;

use crate::core::config::{self, Chord, Context};

use super::keymap::{self, Action, BROWSE, Binding, Keymaps};
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

/// The explorer's key for a configured chord: the same key type, without the shift flag (a
/// parsed chord never keeps it).
pub fn key_of(chord: Chord) -> Key {
    Key {
        code: chord.key,
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

/// Defaults + preset + the user's patch, for every context: the one place keys are configured.
pub fn keymaps(config: &config::Config) -> Keymaps {
    let tables = Context::ALL
        .iter()
        .map(|context| match context {
            Context::Browse => browse(&config.bindings()),
            other => {
                let base = match config.key_preset {
                    config::Preset::Vim => keymap::defaults(*other).to_vec(),
                    config::Preset::Arrows => without_vim_letters(keymap::defaults(*other)),
                };
                match config.key_patches.get(other) {
                    Some(patch) => patched(&base, patch),
                    None => base,
                }
            }
        })
        .collect();
    Keymaps::from_tables(tables)
}

/// The `arrows` preset outside the main screen (whose preset is `config::Preset::keys`): the
/// letters that move (`h` `j` `k` `l` `g` `G`) leave the movement actions; arrows, page and
/// home/end keys stay.
fn without_vim_letters(table: &[Binding]) -> Vec<Binding> {
    const MOVES: [Action; 8] = [
        Action::Up,
        Action::Down,
        Action::PaneLeft,
        Action::PaneRight,
        Action::ColumnLeft,
        Action::ColumnRight,
        Action::Top,
        Action::Bottom,
    ];
    let vim_letter = |k: &Key| {
        matches!(k.code, KeyCode::Char('h' | 'j' | 'k' | 'l' | 'g' | 'G')) && !k.ctrl && !k.alt
    };
    table
        .iter()
        .map(|b| {
            let keys: Vec<Key> = if MOVES.contains(&b.action) {
                b.keys.iter().filter(|k| !vim_letter(k)).copied().collect()
            } else {
                b.keys.to_vec()
            };
            Binding {
                keys: Cow::Owned(keys),
                action: b.action,
            }
        })
        .collect()
}

/// `table` with each patched action's keys replaced, and keys a patched action took removed
/// from the others.
fn patched(table: &[Binding], patch: &config::Patch) -> Vec<Binding> {
    let taken: Vec<Key> = patch.values().flatten().map(|c| key_of(*c)).collect();
    table
        .iter()
        .map(|b| {
            let keys: Vec<Key> = match patch.get(&b.action) {
                Some(chords) => chords.iter().map(|c| key_of(*c)).collect(),
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
    use crate::core::config::{Bindings, Preset};
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
    fn every_context_table_has_the_commands_the_configuration_names() {
        for context in Context::ALL {
            if context == Context::Browse {
                continue;
            }
            let actions: Vec<Action> = keymap::defaults(context).iter().map(|b| b.action).collect();
            assert_eq!(actions, context.commands(), "{}", context.id());
        }
        // The main screen's configuration names are its commands' ids.
        for b in BROWSE {
            if let Some(a) = configurable(b.action) {
                assert_eq!(a.id(), b.action.id());
            }
        }
    }

    #[test]
    fn the_arrows_preset_takes_the_moving_letters_from_every_context() {
        let config = config::parse(
            "[keys]\npreset = \"arrows\"\n[keys.compare]\ndown = [\"down\", \"j\"]\n",
            std::path::Path::new("c.toml"),
        )
        .config;
        let maps = keymaps(&config);
        for context in [Context::Shortlists, Context::Views, Context::Matrix] {
            assert_eq!(
                maps.lookup(context, Key::char('j')),
                None,
                "{}",
                context.id()
            );
            assert_eq!(
                maps.lookup(context, Key::plain(KeyCode::Down)),
                Some(Action::Down)
            );
        }
        assert_eq!(maps.lookup(Context::Matrix, Key::char('G')), None);
        assert_eq!(
            maps.lookup(Context::Matrix, Key::char('c')),
            Some(Action::NextColGroup)
        );
        // The user's patch comes after the preset.
        assert_eq!(
            maps.lookup(Context::Compare, Key::char('j')),
            Some(Action::Down)
        );
        assert_eq!(maps.lookup(Context::Compare, Key::char('k')), None);
    }

    #[test]
    fn a_patch_moves_a_key_within_its_context_only() {
        let config = config::parse(
            "[keys.compare]\nquit = \"x\"\n",
            std::path::Path::new("c.toml"),
        )
        .config;
        let maps = keymaps(&config);
        assert_eq!(
            maps.lookup(Context::Compare, Key::char('x')),
            Some(Action::Quit)
        );
        assert_eq!(maps.lookup(Context::Compare, Key::char('q')), None);
        // Delete still removes a column; `x` left it.
        assert_eq!(
            maps.lookup(Context::Compare, Key::plain(KeyCode::Delete)),
            Some(Action::RemoveColumn)
        );
        assert_eq!(
            maps.lookup(Context::Matrix, Key::char('q')),
            Some(Action::Quit)
        );
        assert_eq!(
            maps.lookup(Context::Browse, Key::char('x')),
            Some(Action::ClearFilters)
        );
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
