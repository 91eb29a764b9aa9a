//! Key bindings as data: the explorer's actions, key chords written as text (`ctrl-d`, `G`,
//! `pagedown`), two presets and the user's overrides. Pure: the explorer translates terminal
//! events into a `Chord` and asks `Bindings::action`; nothing here knows the terminal.

use std::collections::BTreeMap;
use std::fmt;

crate::core::model::id_enum::id_enum! {
    /// Something the explorer's main screen does on a key. The id (kebab-case) is what the
    /// configuration uses in `[keys]` or `[keys.browse]`; the other contexts' keys are
    /// `Command`s, set in `[keys.<context>]`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum Action {
        Search = "search",
        Up = "up",
        Down = "down",
        PaneLeft = "pane-left",
        PaneRight = "pane-right",
        NextPane = "next-pane",
        PrevPane = "prev-pane",
        PageUp = "page-up",
        PageDown = "page-down",
        Top = "top",
        Bottom = "bottom",
        Activate = "activate",
        ClearFilters = "clear-filters",
        ClearSearch = "clear-search",
        Sort = "sort",
        Theme = "theme",
        Shortlist = "shortlist",
        Shortlists = "shortlists",
        Note = "note",
        Export = "export",
        Views = "views",
        Compare = "compare",
        CompareView = "compare-view",
        Matrix = "matrix",
        CopyCitation = "copy-citation",
        Back = "back",
        Recognised = "recognised",
        Help = "help",
        Quit = "quit",
    }
}

impl From<Action> for &'static str {
    fn from(a: Action) -> &'static str {
        a.id()
    }
}

/// A key without modifiers. Letters keep their case: `g` and `G` are different keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    Char(char),
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    Tab,
    BackTab,
    Enter,
    Esc,
    Backspace,
    Delete,
}

/// Named keys and how they are written; `space` is `Char(' ')`.
const NAMED: &[(&str, Key)] = &[
    ("up", Key::Up),
    ("down", Key::Down),
    ("left", Key::Left),
    ("right", Key::Right),
    ("home", Key::Home),
    ("end", Key::End),
    ("pageup", Key::PageUp),
    ("pagedown", Key::PageDown),
    ("tab", Key::Tab),
    ("backtab", Key::BackTab),
    ("enter", Key::Enter),
    ("esc", Key::Esc),
    ("backspace", Key::Backspace),
    ("delete", Key::Delete),
    ("space", Key::Char(' ')),
];

/// The syntax, for error messages.
pub const CHORD_SYNTAX: &str = "a single character (`j`, `G`, `?`) or a name (up, down, left, \
right, home, end, pageup, pagedown, tab, backtab, enter, esc, space, backspace, delete), \
optionally after ctrl- or alt-";

/// A key with its modifiers, as the explorer compares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Chord {
    pub key: Key,
    pub ctrl: bool,
    pub alt: bool,
    /// Written `shift-` only before a letter (`shift-g` is `G`) or tab (`shift-tab` is
    /// `backtab`); terminals do not report it for other keys, so it is refused there.
    pub shift: bool,
}

impl Chord {
    pub const fn plain(key: Key) -> Chord {
        Chord {
            key,
            ctrl: false,
            alt: false,
            shift: false,
        }
    }

    pub const fn ctrl(c: char) -> Chord {
        Chord {
            key: Key::Char(c),
            ctrl: true,
            alt: false,
            shift: false,
        }
    }

    /// Ctrl-C always quits and cannot be rebound: a way out that no configuration can take away.
    pub const CTRL_C: Chord = Chord::ctrl('c');

    /// Read `ctrl-d`, `G`, `pagedown`, `shift-tab`, `?`. Returns the problem as a message.
    pub fn parse(text: &str) -> Result<Chord, String> {
        let mut chord = Chord::plain(Key::Esc);
        let mut rest = text;
        // A lone `-` is the minus key, not a modifier separator.
        while rest.chars().count() > 1 {
            let Some((prefix, tail)) = rest.split_once('-') else {
                break;
            };
            match prefix.to_ascii_lowercase().as_str() {
                "ctrl" | "c" => chord.ctrl = true,
                "alt" | "a" | "m" | "meta" => chord.alt = true,
                "shift" | "s" => chord.shift = true,
                _ => break,
            }
            rest = tail;
        }
        let mut chars = rest.chars();
        chord.key = match (chars.next(), chars.next()) {
            (None, _) => return Err(format!("`{text}` names no key; use {CHORD_SYNTAX}")),
            (Some(c), None) if c.is_control() => {
                return Err(format!(
                    "`{text}` is a control character; use {CHORD_SYNTAX}"
                ));
            }
            (Some(c), None) => Key::Char(c),
            _ => {
                let lower = rest.to_ascii_lowercase();
                match NAMED.iter().find(|(name, _)| *name == lower) {
                    Some((_, key)) => *key,
                    None => return Err(format!("unknown key `{text}`; use {CHORD_SYNTAX}")),
                }
            }
        };
        let chord = chord.normalised();
        if chord.shift {
            return Err(format!(
                "`{text}`: shift- goes only before a letter or tab; write a shifted character as \
                 itself (`G`, `?`)"
            ));
        }
        Ok(chord)
    }

    /// One spelling per chord: `shift-g` → `G`, `ctrl-C` → `ctrl-c`, `shift-tab` → `backtab`.
    pub fn normalised(mut self) -> Chord {
        match self.key {
            // A letter already says whether shift was held: `shift-g` is `G`.
            Key::Char(c) if self.shift && c.is_alphabetic() => {
                self.key = Key::Char(c.to_uppercase().next().unwrap_or(c));
                self.shift = false;
            }
            Key::Tab if self.shift => {
                self.key = Key::BackTab;
                self.shift = false;
            }
            _ => {}
        }
        // With ctrl, terminals send the same for `c` and `C`: compare in lowercase.
        if let Key::Char(c) = self.key
            && self.ctrl
        {
            self.key = Key::Char(c.to_lowercase().next().unwrap_or(c));
        }
        self
    }
}

impl fmt::Display for Chord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        if self.shift {
            f.write_str("shift-")?;
        }
        match self.key {
            Key::Char(' ') => f.write_str("space"),
            Key::Char(c) => write!(f, "{c}"),
            key => {
                let name = NAMED
                    .iter()
                    .find(|(_, k)| *k == key)
                    .map(|(n, _)| *n)
                    .unwrap_or("?");
                f.write_str(name)
            }
        }
    }
}

crate::core::model::id_enum::id_enum! {
    /// A starting set of bindings.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum Preset {
        /// Arrows plus `hjkl`, `g`/`G`, `ctrl-d`/`ctrl-u`.
        #[default]
        Vim = "vim",
        /// Movement with the arrow, page and home/end keys only.
        Arrows = "arrows",
    }
}

impl Preset {
    /// The preset's keys for an action, in the order the help screen shows them (the first
    /// one is the key bar's). `vim` is the explorer's own table (`tui::keymap::BROWSE`, a test
    /// keeps them equal); `arrows` is that without the letters that move.
    pub fn keys(self, action: Action) -> Vec<Chord> {
        use Key::*;
        let p = Chord::plain;
        let c = |ch| p(Char(ch));
        let vim = self == Preset::Vim;
        // Arrow-style keys first, then the vim letters where the preset has them.
        let with = |mut keys: Vec<Chord>, letter: char| {
            if vim {
                keys.push(c(letter));
            }
            keys
        };
        match action {
            Action::Search => vec![c('/')],
            Action::Up => with(vec![p(Up)], 'k'),
            Action::Down => with(vec![p(Down)], 'j'),
            Action::PaneLeft => with(vec![p(Left)], 'h'),
            Action::PaneRight => with(vec![p(Right)], 'l'),
            Action::NextPane => vec![p(Tab)],
            Action::PrevPane => vec![p(BackTab)],
            Action::PageUp => vec![p(PageUp)],
            Action::PageDown => vec![p(PageDown)],
            Action::Top => with(vec![p(Home)], 'g'),
            Action::Bottom => with(vec![p(End)], 'G'),
            Action::Activate => vec![p(Enter), c(' ')],
            Action::ClearFilters => vec![c('x')],
            Action::ClearSearch => vec![Chord::ctrl('u')],
            Action::Sort => vec![c('o')],
            Action::Theme => vec![c('t')],
            Action::Shortlist => vec![c('s')],
            Action::Shortlists => vec![c('S')],
            Action::Note => vec![c('n')],
            Action::Export => vec![c('e')],
            Action::Views => vec![c('v')],
            Action::Compare => vec![c('c')],
            Action::CompareView => vec![c('C')],
            Action::Matrix => vec![c('m')],
            Action::CopyCitation => vec![c('y')],
            Action::Back => vec![p(Backspace)],
            Action::Recognised => vec![c('E')],
            Action::Help => vec![c('?')],
            Action::Quit => vec![c('q')],
        }
    }
}

/// The bindings in effect: a preset with the user's overrides applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bindings {
    by_action: BTreeMap<Action, Vec<Chord>>,
}

impl Default for Bindings {
    fn default() -> Self {
        Bindings::new(Preset::default(), &BTreeMap::new())
    }
}

impl Bindings {
    /// Start from `preset`; an override replaces that action's keys and takes those keys away
    /// from whatever preset action had them (overrides were checked for clashes among
    /// themselves by the parser). Ctrl-C stays with quit whatever the configuration says.
    pub fn new(preset: Preset, overrides: &BTreeMap<Action, Vec<Chord>>) -> Bindings {
        let taken: Vec<Chord> = overrides.values().flatten().copied().collect();
        let by_action = Action::ALL
            .into_iter()
            .map(|action| {
                let keys = match overrides.get(&action) {
                    Some(keys) => keys.clone(),
                    None => preset
                        .keys(action)
                        .into_iter()
                        .filter(|k| !taken.contains(k))
                        .collect(),
                };
                let keys = keys.into_iter().filter(|k| *k != Chord::CTRL_C).collect();
                (action, keys)
            })
            .collect();
        Bindings { by_action }
    }

    /// What a key does, if anything.
    pub fn action(&self, chord: Chord) -> Option<Action> {
        if chord == Chord::CTRL_C {
            return Some(Action::Quit);
        }
        let chord = chord.normalised();
        self.by_action
            .iter()
            .find(|(_, keys)| keys.contains(&chord))
            .map(|(action, _)| *action)
    }

    /// The keys of an action, first the one to show in hints.
    pub fn keys(&self, action: Action) -> &[Chord] {
        self.by_action
            .get(&action)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chord(s: &str) -> Chord {
        Chord::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn chords_read_as_people_write_them_and_print_one_way() {
        for (written, shown) in [
            ("j", "j"),
            ("G", "G"),
            ("shift-g", "G"),
            ("ctrl-d", "ctrl-d"),
            ("Ctrl-D", "ctrl-d"),
            ("C-u", "ctrl-u"),
            ("PageDown", "pagedown"),
            ("shift-tab", "backtab"),
            ("space", "space"),
            (" ", "space"),
            ("-", "-"),
            ("ctrl--", "ctrl--"),
            ("alt-enter", "alt-enter"),
            ("?", "?"),
            ("é", "é"),
        ] {
            assert_eq!(chord(written).to_string(), shown, "{written}");
            assert_eq!(chord(shown), chord(written), "{shown} reads back");
        }
    }

    #[test]
    fn nonsense_keys_are_refused_with_the_syntax() {
        for bad in ["", "ctrl-", "pgdn", "f1", "insert", "hyper-x", "\u{7}"] {
            let err = Chord::parse(bad).err().unwrap_or_default();
            assert!(err.contains("ctrl- or alt-"), "{bad:?} gave {err:?}");
        }
        // Terminals do not report shift with these, so a binding would never fire.
        for bad in ["shift-up", "shift-?", "shift-enter"] {
            let err = Chord::parse(bad).err().unwrap_or_default();
            assert!(
                err.contains("shift- goes only before a letter or tab"),
                "{bad:?}: {err}"
            );
        }
    }

    #[test]
    fn the_arrows_preset_moves_with_arrows_only() {
        let arrows = Bindings::new(Preset::Arrows, &BTreeMap::new());
        assert_eq!(arrows.action(chord("j")), None);
        assert_eq!(arrows.action(chord("down")), Some(Action::Down));
        let vim = Bindings::default();
        assert_eq!(vim.action(chord("j")), Some(Action::Down));
        assert_eq!(vim.action(chord("down")), Some(Action::Down));
        assert_eq!(vim.action(chord("G")), Some(Action::Bottom));
        assert_eq!(vim.action(chord("g")), Some(Action::Top));
        assert_eq!(arrows.action(chord("g")), None);
        assert_eq!(arrows.action(chord("home")), Some(Action::Top));
        assert_eq!(arrows.action(chord("y")), Some(Action::CopyCitation));
    }

    #[test]
    fn no_preset_binds_one_key_to_two_actions() {
        for preset in Preset::ALL {
            let mut seen = BTreeMap::new();
            for action in Action::ALL {
                assert!(!preset.keys(action).is_empty(), "{action:?} has no key");
                for key in preset.keys(action) {
                    if let Some(other) = seen.insert(key, action) {
                        panic!("{} on {other:?} and {action:?}", key);
                    }
                }
            }
        }
    }

    #[test]
    fn an_override_takes_its_key_from_the_preset_action() {
        let overrides = BTreeMap::from([(Action::Sort, vec![chord("s")])]);
        let b = Bindings::new(Preset::Vim, &overrides);
        assert_eq!(b.action(chord("s")), Some(Action::Sort));
        assert_eq!(b.action(chord("o")), None);
        assert!(b.keys(Action::Shortlist).is_empty());
    }

    #[test]
    fn ctrl_c_always_quits() {
        let overrides = BTreeMap::from([
            (Action::Quit, vec![chord("Q")]),
            (Action::Compare, vec![chord("ctrl-c")]),
        ]);
        let b = Bindings::new(Preset::Arrows, &overrides);
        assert_eq!(b.action(chord("ctrl-c")), Some(Action::Quit));
        assert_eq!(b.action(chord("q")), None);
        assert!(b.keys(Action::Compare).is_empty());
    }
}
