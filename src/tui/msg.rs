//! What can happen to the explorer (`Msg`) and what it asks the outside world to do (`Effect`).
//! Keys and mouse events are our own small types, so `update` and its tests never see crossterm.

use std::path::PathBuf;
use std::sync::Arc;

use crate::core::export::Format;
use crate::core::query::{Index, Query, Results};
use crate::core::shortlist::{Change, Lists};

/// A key, as pressed. Shift is folded into the char (`G`), Shift-Tab is `BackTab`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

/// The one key type: the configuration's (`config::Key`), so a configured key and a pressed
/// key are compared without translating; `tui::event` converts crossterm's keys into it.
pub use crate::core::config::Key as KeyCode;

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// A char that should be typed into a text field (not a shortcut).
    pub fn typed_char(self) -> Option<char> {
        match self.code {
            KeyCode::Char(c) if !self.ctrl && !self.alt && !c.is_control() => Some(c),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseKind {
    /// Left button pressed.
    Click,
    ScrollUp,
    ScrollDown,
}

/// A mouse event at a screen cell (0-based column and row).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mouse {
    pub kind: MouseKind,
    pub column: u16,
    pub row: u16,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    Key(Key),
    /// Text pasted into the terminal (bracketed paste): typed into the focused text field as
    /// text, never run as keys.
    Paste(String),
    Mouse(Mouse),
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// Leave at once (Ctrl-C, or a signal).
    Quit,
    /// The shortlists as saved (fresh from the file), or why saving failed.
    ListsSaved(Result<Lists, String>),
    /// The export as written (its full path), or why it failed.
    Exported(Result<ExportDone, ExportFailure>),
    /// The outcome of copying text to the clipboard.
    Copied(Result<(), String>),
    /// The search worker's results for the background search `id` (`Effect::StartSearch`).
    SearchDone {
        id: u64,
        results: Results,
    },
    /// How far the loader is (`tui::loader`): records read in the current stage.
    LoadProgress(Loading),
    /// The loader built an index: the keys (the results become usable) or, when `complete`,
    /// everything including the word index over the long text.
    Loaded {
        index: SharedIndex,
        complete: bool,
    },
}

/// What the loader is doing, for the progress line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loading {
    pub stage: LoadStage,
    /// Records read so far in this stage, of `total`.
    pub read: usize,
    pub total: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadStage {
    /// Names, providers, facets: until done there are no results.
    Keys,
    /// The word index over the long text: results are usable, but plain terms do not search
    /// the long text yet.
    Text,
}

/// An index handed over by the loader. Messages compare by value, but an index is far too
/// large for that and two loads never give the same one: equal means the same index.
#[derive(Debug, Clone)]
pub struct SharedIndex(pub Arc<Index>);

impl PartialEq for SharedIndex {
    fn eq(&self, other: &SharedIndex) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for SharedIndex {}

/// A written export: the full path, and the shortlist ids it left out because this inventory
/// does not have them (the list keeps them; the user is told which).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportDone {
    pub path: PathBuf,
    pub skipped: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFailure {
    pub message: String,
    /// The file exists and was left alone: the dialog offers to overwrite it.
    pub exists: bool,
}

/// After a change to the query, which result to select in the new results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reselect {
    /// The best match: the text changed, so the old order means nothing.
    Top,
    /// The same intervention if it is still there (a filter or the sort changed).
    Keep,
}

/// Work `update` cannot do itself because it is IO or may be slow. The run loop performs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    /// Recompute the results for the current query. Deferred so a burst of keystrokes is
    /// matched once; `dispatch` runs it, or hands it to the search worker (`StartSearch`).
    Search(Reselect),
    /// Search for `query` on the search worker, superseding any earlier background search
    /// (answered with `Msg::SearchDone`, unless a newer search comes first).
    StartSearch {
        id: u64,
        query: Query,
    },
    /// Apply this change to the shortlist file (answered with `Msg::ListsSaved`).
    SaveLists(Change),
    /// Write an export (answered with `Msg::Exported`).
    Export(ExportRequest),
    /// Put text on the clipboard (answered with `Msg::Copied`).
    Copy(String),
}

/// What an export holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportSource {
    /// The items of the shortlist with this name, with their notes.
    Shortlist(String),
    /// The current results, in their order.
    Results,
    /// The compare set as the compare view shows it (its aspect table).
    Comparison,
}

/// What the export dialog asks to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRequest {
    pub source: ExportSource,
    pub format: Format,
    pub path: PathBuf,
    pub overwrite: bool,
}
