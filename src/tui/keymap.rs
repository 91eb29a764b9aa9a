//! Which key does what: one table per context, used both to dispatch keys and to list them in
//! the help overlay and the key bar, so what the help says is what the keys do. The main
//! screen's table takes the user's bindings from the configuration (`rebind`).

use std::borrow::Cow;

use crate::core::config::Context;
use crate::core::i18n::Text;
use crate::core::model::Lang;
use crate::core::model::fold::fold;

use super::msg::{Key, KeyCode};
use super::symbols;

/// Something the user asks for, independent of the key that asked: the configuration's
/// `Command`, whose ids `[keys.<context>]` uses.
pub use crate::core::config::Command as Action;

impl Action {
    /// What the action does, as the help overlay says it.
    pub fn text(self) -> Text {
        match self {
            Action::Quit => Text::ActQuit,
            Action::Help => Text::ActHelp,
            Action::FocusSearch => Text::ActFocusSearch,
            Action::NextPane => Text::ActNextPane,
            Action::PrevPane => Text::ActPrevPane,
            Action::PaneLeft => Text::ActPaneLeft,
            Action::PaneRight => Text::ActPaneRight,
            Action::Up => Text::ActUp,
            Action::Down => Text::ActDown,
            Action::PageUp => Text::ActPageUp,
            Action::PageDown => Text::ActPageDown,
            Action::Top => Text::ActTop,
            Action::Bottom => Text::ActBottom,
            Action::Activate => Text::ActActivate,
            Action::LeaveDetail => Text::ActLeaveDetail,
            Action::ClearFilters => Text::ActClearFilters,
            Action::ClearSearch => Text::ActClearSearch,
            Action::CycleSort => Text::ActCycleSort,
            Action::ToggleTheme => Text::ActToggleTheme,
            Action::LeaveSearch => Text::ActLeaveSearch,
            Action::SubmitSearch => Text::ActSubmitSearch,
            Action::DeleteBack => Text::ActDeleteBack,
            Action::DeleteForward => Text::ActDeleteForward,
            Action::CursorLeft => Text::ActCursorLeft,
            Action::CursorRight => Text::ActCursorRight,
            Action::CursorStart => Text::ActCursorStart,
            Action::CursorEnd => Text::ActCursorEnd,
            Action::CloseHelp => Text::ActCloseHelp,
            Action::ClearHelpFilter => Text::ActClearHelpFilter,
            Action::ToggleShortlist => Text::ActToggleShortlist,
            Action::OpenShortlists => Text::ActOpenShortlists,
            Action::Export => Text::ActExport,
            Action::Views => Text::ActViews,
            Action::EditNote => Text::ActEditNote,
            Action::RemoveItem => Text::ActRemoveItem,
            Action::NewList => Text::ActNewList,
            Action::RenameList => Text::ActRenameList,
            Action::DeleteList => Text::ActDeleteList,
            Action::Undo => Text::ActUndo,
            Action::GoBack => Text::ActGoBack,
            Action::NewLine => Text::ActNewLine,
            Action::AnyRecognition => Text::ActAnyRecognition,
            Action::MakeActive => Text::ActMakeActive,
            Action::Back => Text::ActBack,
            Action::Confirm => Text::ActConfirm,
            Action::Cancel => Text::ActCancel,
            Action::NextField => Text::ActNextField,
            Action::PrevField => Text::ActPrevField,
            Action::OptionLeft => Text::ActOptionLeft,
            Action::OptionRight => Text::ActOptionRight,
            Action::Copy => Text::ActCopy,
            Action::SaveView => Text::ActSaveView,
            Action::OpenView => Text::ActOpenView,
            Action::DeleteView => Text::ActDeleteView,
            Action::ToggleCompare => Text::ActToggleCompare,
            Action::OpenCompare => Text::ActOpenCompare,
            Action::OpenMatrix => Text::ActOpenMatrix,
            Action::JumpRelated => Text::ActJumpRelated,
            Action::CloseView => Text::ActCloseView,
            Action::ColumnLeft => Text::ActColumnLeft,
            Action::ColumnRight => Text::ActColumnRight,
            Action::MoveColumnLeft => Text::ActMoveColumnLeft,
            Action::MoveColumnRight => Text::ActMoveColumnRight,
            Action::RemoveColumn => Text::ActRemoveColumn,
            Action::ToggleIdentical => Text::ActToggleIdentical,
            Action::ShowColumn => Text::ActShowColumn,
            Action::FilterToCell => Text::ActFilterToCell,
            Action::NextRowGroup => Text::ActNextRowGroup,
            Action::PrevRowGroup => Text::ActPrevRowGroup,
            Action::NextColGroup => Text::ActNextColGroup,
            Action::PrevColGroup => Text::ActPrevColGroup,
            Action::SwapAxes => Text::ActSwapAxes,
            Action::CopyCitation => Text::ActCopyCitation,
        }
    }

    /// The one- or two-word form for the key bar.
    pub fn short(self) -> Text {
        match self {
            Action::Quit => Text::ShortQuit,
            Action::Help => Text::ShortHelp,
            Action::FocusSearch => Text::ShortSearch,
            Action::NextPane => Text::ShortPane,
            Action::Activate => Text::ShortActivate,
            Action::ClearFilters => Text::ShortClearFilters,
            Action::ClearSearch => Text::ShortClearSearch,
            Action::CycleSort => Text::ShortSort,
            Action::LeaveSearch | Action::CloseHelp => Text::ShortDone,
            Action::SubmitSearch => Text::ShortResults,
            Action::ToggleShortlist | Action::OpenShortlists => Text::ShortShortlist,
            Action::Export => Text::ShortExport,
            Action::EditNote => Text::ShortNote,
            Action::Views => Text::ShortViews,
            Action::Back | Action::Cancel => Text::ShortBack,
            Action::NewList => Text::ShortNew,
            Action::RenameList => Text::ShortRename,
            Action::DeleteList => Text::ShortDeleteList,
            Action::Undo => Text::ShortUndo,
            Action::GoBack => Text::ShortGoBack,
            Action::NewLine => Text::ShortNewLine,
            Action::AnyRecognition => Text::ShortAnyRecognition,
            Action::RemoveItem => Text::ShortRemove,
            Action::MakeActive => Text::ActiveList,
            Action::ToggleCompare => Text::ShortToggleCompare,
            Action::OpenCompare => Text::ShortCompare,
            Action::OpenMatrix => Text::ShortMatrix,
            Action::CloseView => Text::ShortBackToExplorer,
            Action::RemoveColumn => Text::ShortRemoveColumn,
            Action::ToggleIdentical => Text::ShortToggleIdentical,
            Action::MoveColumnLeft | Action::MoveColumnRight => Text::ShortMoveColumn,
            Action::FilterToCell => Text::ShortFilterToCell,
            Action::NextRowGroup => Text::ShortRowGroup,
            Action::NextColGroup => Text::ShortColGroup,
            _ => self.text(),
        }
    }
}

/// Keys and what they do. The tables below are fixed (`Borrowed`); the explorer's main table
/// can be rebuilt from the configuration (`rebind`), which needs owned keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub keys: Cow<'static, [Key]>,
    pub action: Action,
}

const fn bind(keys: &'static [Key], action: Action) -> Binding {
    Binding {
        keys: Cow::Borrowed(keys),
        action,
    }
}

const fn k(code: KeyCode) -> Key {
    Key::plain(code)
}

const ALT_ENTER: Key = Key {
    code: KeyCode::Enter,
    ctrl: false,
    alt: true,
};

/// Keys while browsing the panes.
pub const BROWSE: &[Binding] = &[
    bind(&[Key::char('/')], Action::FocusSearch),
    bind(&[k(KeyCode::Up), Key::char('k')], Action::Up),
    bind(&[k(KeyCode::Down), Key::char('j')], Action::Down),
    bind(&[k(KeyCode::Left), Key::char('h')], Action::PaneLeft),
    bind(&[k(KeyCode::Right), Key::char('l')], Action::PaneRight),
    bind(&[k(KeyCode::Tab)], Action::NextPane),
    bind(&[k(KeyCode::BackTab)], Action::PrevPane),
    bind(&[k(KeyCode::PageUp)], Action::PageUp),
    bind(&[k(KeyCode::PageDown)], Action::PageDown),
    bind(&[k(KeyCode::Home), Key::char('g')], Action::Top),
    bind(&[k(KeyCode::End), Key::char('G')], Action::Bottom),
    bind(&[k(KeyCode::Enter), Key::char(' ')], Action::Activate),
    bind(&[k(KeyCode::Esc)], Action::LeaveDetail),
    bind(&[Key::char('x')], Action::ClearFilters),
    bind(&[Key::ctrl('u')], Action::ClearSearch),
    bind(&[Key::char('o')], Action::CycleSort),
    bind(&[Key::char('t')], Action::ToggleTheme),
    bind(&[Key::char('s')], Action::ToggleShortlist),
    bind(&[Key::char('S')], Action::OpenShortlists),
    bind(&[Key::char('n')], Action::EditNote),
    bind(&[Key::char('e')], Action::Export),
    bind(&[Key::char('v')], Action::Views),
    bind(&[Key::char('c')], Action::ToggleCompare),
    bind(&[Key::char('C')], Action::OpenCompare),
    bind(&[Key::char('m')], Action::OpenMatrix),
    bind(
        &[
            Key::char('1'),
            Key::char('2'),
            Key::char('3'),
            Key::char('4'),
            Key::char('5'),
        ],
        Action::JumpRelated,
    ),
    bind(&[Key::char('y')], Action::CopyCitation),
    bind(&[k(KeyCode::Backspace)], Action::GoBack),
    bind(&[Key::char('E')], Action::AnyRecognition),
    bind(&[Key::char('?')], Action::Help),
    bind(&[Key::char('q')], Action::Quit),
];

/// Keys in the compare view (`C`).
pub const COMPARE: &[Binding] = &[
    bind(&[k(KeyCode::Up), Key::char('k')], Action::Up),
    bind(&[k(KeyCode::Down), Key::char('j')], Action::Down),
    bind(&[k(KeyCode::PageUp)], Action::PageUp),
    bind(&[k(KeyCode::PageDown), Key::char(' ')], Action::PageDown),
    bind(&[k(KeyCode::Home), Key::char('g')], Action::Top),
    bind(&[k(KeyCode::End), Key::char('G')], Action::Bottom),
    bind(&[k(KeyCode::Left), Key::char('h')], Action::ColumnLeft),
    bind(&[k(KeyCode::Right), Key::char('l')], Action::ColumnRight),
    bind(&[Key::char('<')], Action::MoveColumnLeft),
    bind(&[Key::char('>')], Action::MoveColumnRight),
    bind(&[Key::char('x'), k(KeyCode::Delete)], Action::RemoveColumn),
    bind(&[Key::char('=')], Action::ToggleIdentical),
    bind(&[k(KeyCode::Enter)], Action::ShowColumn),
    bind(&[Key::char('e')], Action::Export),
    bind(&[k(KeyCode::Esc), Key::char('C')], Action::CloseView),
    bind(&[Key::char('?')], Action::Help),
    bind(&[Key::char('q')], Action::Quit),
];

/// Keys in the coverage matrix (`m`).
pub const MATRIX: &[Binding] = &[
    bind(&[k(KeyCode::Up), Key::char('k')], Action::Up),
    bind(&[k(KeyCode::Down), Key::char('j')], Action::Down),
    bind(&[k(KeyCode::Left), Key::char('h')], Action::ColumnLeft),
    bind(&[k(KeyCode::Right), Key::char('l')], Action::ColumnRight),
    bind(&[k(KeyCode::PageUp)], Action::PageUp),
    bind(&[k(KeyCode::PageDown)], Action::PageDown),
    bind(&[k(KeyCode::Home), Key::char('g')], Action::Top),
    bind(&[k(KeyCode::End), Key::char('G')], Action::Bottom),
    bind(&[k(KeyCode::Enter)], Action::FilterToCell),
    bind(&[Key::char('r')], Action::NextRowGroup),
    bind(&[Key::char('R')], Action::PrevRowGroup),
    bind(&[Key::char('c')], Action::NextColGroup),
    bind(&[Key::char('C')], Action::PrevColGroup),
    bind(&[Key::char('w')], Action::SwapAxes),
    bind(&[k(KeyCode::Esc), Key::char('m')], Action::CloseView),
    bind(&[Key::char('?')], Action::Help),
    bind(&[Key::char('q')], Action::Quit),
];

/// Keys in the shortlist view (`S`).
pub const SHORTLISTS: &[Binding] = &[
    bind(&[k(KeyCode::Up), Key::char('k')], Action::Up),
    bind(&[k(KeyCode::Down), Key::char('j')], Action::Down),
    bind(
        &[k(KeyCode::Tab), k(KeyCode::Left), k(KeyCode::Right)],
        Action::NextPane,
    ),
    bind(&[k(KeyCode::Home), Key::char('g')], Action::Top),
    bind(&[k(KeyCode::End), Key::char('G')], Action::Bottom),
    bind(&[k(KeyCode::Enter), Key::char(' ')], Action::MakeActive),
    bind(&[Key::char('n')], Action::EditNote),
    bind(&[Key::char('d'), k(KeyCode::Delete)], Action::RemoveItem),
    bind(&[Key::char('a')], Action::NewList),
    bind(&[Key::char('r')], Action::RenameList),
    bind(&[Key::char('D')], Action::DeleteList),
    bind(&[Key::char('u')], Action::Undo),
    bind(&[Key::char('e')], Action::Export),
    bind(&[k(KeyCode::Esc), Key::char('S')], Action::Back),
    bind(&[Key::char('?')], Action::Help),
    bind(&[Key::char('q')], Action::Quit),
];

/// Keys in the export dialog; on the file field other printable chars are typed.
pub const EXPORT: &[Binding] = &[
    bind(&[k(KeyCode::Enter)], Action::Confirm),
    bind(&[k(KeyCode::Esc)], Action::Cancel),
    bind(&[k(KeyCode::Tab), k(KeyCode::Down)], Action::NextField),
    bind(&[k(KeyCode::BackTab), k(KeyCode::Up)], Action::PrevField),
    bind(&[k(KeyCode::Left)], Action::OptionLeft),
    bind(&[k(KeyCode::Right)], Action::OptionRight),
    bind(&[k(KeyCode::Backspace)], Action::DeleteBack),
    bind(&[k(KeyCode::Delete)], Action::DeleteForward),
    bind(&[k(KeyCode::Home)], Action::CursorStart),
    bind(&[k(KeyCode::End)], Action::CursorEnd),
    bind(&[Key::ctrl('u')], Action::ClearSearch),
];

/// Keys in a text field (a name; a note, which may have several lines); other printable chars
/// are typed.
pub const INPUT: &[Binding] = &[
    bind(&[k(KeyCode::Enter)], Action::Confirm),
    // Terminals send Shift-Enter as Enter; Alt-Enter and Ctrl-J (a line feed) come through.
    bind(&[ALT_ENTER, Key::ctrl('j')], Action::NewLine),
    bind(&[k(KeyCode::Esc)], Action::Cancel),
    bind(&[k(KeyCode::Backspace)], Action::DeleteBack),
    bind(&[k(KeyCode::Delete)], Action::DeleteForward),
    bind(&[k(KeyCode::Left)], Action::CursorLeft),
    bind(&[k(KeyCode::Right)], Action::CursorRight),
    bind(&[k(KeyCode::Home)], Action::CursorStart),
    bind(&[k(KeyCode::End)], Action::CursorEnd),
    bind(&[Key::ctrl('u')], Action::ClearSearch),
];

/// Keys in a yes/no question.
pub const CONFIRM: &[Binding] = &[
    // Not `j`: it is "down" everywhere else, and a user moving the cursor must not delete.
    bind(&[Key::char('y'), k(KeyCode::Enter)], Action::Confirm),
    bind(&[Key::char('n'), k(KeyCode::Esc)], Action::Cancel),
];

/// Keys in the command line / saved searches dialog (`v`).
pub const VIEWS: &[Binding] = &[
    bind(&[k(KeyCode::Up), Key::char('k')], Action::Up),
    bind(&[k(KeyCode::Down), Key::char('j')], Action::Down),
    bind(&[k(KeyCode::Enter)], Action::OpenView),
    bind(&[Key::char('c')], Action::Copy),
    bind(&[Key::char('s')], Action::SaveView),
    bind(&[Key::char('d'), k(KeyCode::Delete)], Action::DeleteView),
    bind(&[k(KeyCode::Esc), Key::char('v')], Action::Cancel),
];

/// Keys while the search bar has the focus; any other printable char is typed.
pub const SEARCH: &[Binding] = &[
    bind(&[k(KeyCode::Esc)], Action::LeaveSearch),
    bind(&[k(KeyCode::Enter)], Action::SubmitSearch),
    bind(&[Key::ctrl('u')], Action::ClearSearch),
    bind(&[k(KeyCode::Up)], Action::Up),
    bind(&[k(KeyCode::Down)], Action::Down),
    bind(&[k(KeyCode::PageUp)], Action::PageUp),
    bind(&[k(KeyCode::PageDown)], Action::PageDown),
    bind(&[k(KeyCode::Tab)], Action::NextPane),
    bind(&[k(KeyCode::BackTab)], Action::PrevPane),
    bind(&[k(KeyCode::Backspace)], Action::DeleteBack),
    bind(&[k(KeyCode::Delete)], Action::DeleteForward),
    bind(&[k(KeyCode::Left)], Action::CursorLeft),
    bind(&[k(KeyCode::Right)], Action::CursorRight),
    bind(&[k(KeyCode::Home)], Action::CursorStart),
    bind(&[k(KeyCode::End)], Action::CursorEnd),
];

/// Keys while the help overlay is open; any other printable char filters the list.
pub const HELP: &[Binding] = &[
    bind(&[k(KeyCode::Esc), Key::char('?')], Action::CloseHelp),
    bind(&[k(KeyCode::Up)], Action::Up),
    bind(&[k(KeyCode::Down)], Action::Down),
    bind(&[k(KeyCode::PageUp)], Action::PageUp),
    bind(&[k(KeyCode::PageDown)], Action::PageDown),
    bind(&[k(KeyCode::Backspace)], Action::DeleteBack),
    bind(&[Key::ctrl('u')], Action::ClearHelpFilter),
];

/// A context's default keys, before the configuration patches them (`rebind`).
pub fn defaults(context: Context) -> &'static [Binding] {
    match context {
        Context::Browse => BROWSE,
        Context::Search => SEARCH,
        Context::Help => HELP,
        Context::Shortlists => SHORTLISTS,
        Context::Export => EXPORT,
        Context::Input => INPUT,
        Context::Confirm => CONFIRM,
        Context::Views => VIEWS,
        Context::Compare => COMPARE,
        Context::Matrix => MATRIX,
    }
}

/// The keys in effect in every context, in `Context::ALL`'s order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymaps(Vec<Vec<Binding>>);

impl Default for Keymaps {
    fn default() -> Self {
        Keymaps(Context::ALL.iter().map(|c| defaults(*c).to_vec()).collect())
    }
}

impl Keymaps {
    /// Tables in `Context::ALL`'s order (`rebind::keymaps` builds them).
    pub(super) fn from_tables(tables: Vec<Vec<Binding>>) -> Keymaps {
        Keymaps(tables)
    }

    /// A context's table, in its default order (the help lists it so).
    pub fn get(&self, context: Context) -> &[Binding] {
        let at = Context::ALL.iter().position(|c| *c == context);
        at.and_then(|i| self.0.get(i))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The action a key does in a context, if any.
    pub fn lookup(&self, context: Context, key: Key) -> Option<Action> {
        lookup(self.get(context), key)
    }

    /// The first key of an action in a context (for hints), if it has one.
    pub fn first_key(&self, context: Context, action: Action) -> Option<Key> {
        self.get(context)
            .iter()
            .find(|b| b.action == action)
            .and_then(|b| b.keys.first().copied())
    }
}

/// The action bound to a key in a table, if any.
pub fn lookup(table: &[Binding], key: Key) -> Option<Action> {
    table
        .iter()
        .find(|b| b.keys.contains(&key))
        .map(|b| b.action)
}

/// How a key is written in the help and the key bar.
pub fn key_label(key: Key, lang: Lang) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => Text::KeySpace.get(lang).to_string(),
        KeyCode::Char(c) if key.ctrl => c.to_uppercase().collect(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
    };
    match (key.ctrl, key.alt) {
        (true, _) => format!("Ctrl-{base}"),
        (_, true) => format!("Alt-{base}"),
        _ => base,
    }
}

/// All keys of a binding, e.g. "↑ k".
pub fn binding_label(binding: &Binding, lang: Lang) -> String {
    binding
        .keys
        .iter()
        .map(|k| key_label(*k, lang))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One line of the help overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Heading(&'static str),
    Entry { keys: String, action: &'static str },
    Note(&'static str),
}

/// A part of the help: its heading, its key table and, for text fields, what typing does.
type HelpSection<'a> = (Text, &'a [Binding], Option<(Text, Text)>);

/// The help overlay's content with the default keys; see `help_lines_with`.
pub fn help_lines(lang: Lang, filter: &str) -> Vec<HelpLine> {
    help_lines_with(lang, filter, &Keymaps::default())
}

/// The help overlay's content, with the keys in effect (`keys`, as configured), filtered by `filter` (matched against keys and descriptions, folded so `selecteren` finds
/// `sélecteren`). Headings stay only above entries that remain.
pub fn help_lines_with(lang: Lang, filter: &str, keys: &Keymaps) -> Vec<HelpLine> {
    let needle = fold(filter.trim());
    let matches = |keys: &str, action: &str| {
        needle.is_empty() || fold(keys).contains(&needle) || fold(action).contains(&needle)
    };
    let mut out = Vec::new();
    let typing = [
        (Text::HelpSearchTyping, Text::HelpTypeToSearch),
        (Text::HelpFilterTyping, Text::HelpTypeToFilter),
    ];
    // Ctrl-C is no binding (the event loop turns it into `Msg::Quit` everywhere), so it is
    // listed by hand, first, where the main screen's keys start.
    let anywhere = (Text::HelpCtrlC, Text::ActQuitAnywhere);
    let sections: [HelpSection; 10] = [
        (Text::HelpBrowse, keys.get(Context::Browse), Some(anywhere)),
        (
            Text::HelpSearchBar,
            keys.get(Context::Search),
            Some(typing[0]),
        ),
        (Text::HelpShortlistView, keys.get(Context::Shortlists), None),
        (Text::ExportTitle, keys.get(Context::Export), None),
        (Text::ViewsTitle, keys.get(Context::Views), None),
        (Text::HelpDialogs, keys.get(Context::Input), None),
        (Text::HelpConfirm, keys.get(Context::Confirm), None),
        (Text::HelpCompareView, keys.get(Context::Compare), None),
        (Text::HelpMatrixView, keys.get(Context::Matrix), None),
        (Text::HelpOverlay, keys.get(Context::Help), Some(typing[1])),
    ];
    for (title, table, typed) in sections {
        let mut entries = Vec::new();
        if let Some((keys, action)) = typed {
            let (keys, action) = (keys.get(lang), action.get(lang));
            if matches(keys, action) {
                entries.push(HelpLine::Entry {
                    keys: keys.to_string(),
                    action,
                });
            }
        }
        for b in table {
            let keys = binding_label(b, lang);
            let action = b.action.text().get(lang);
            if matches(&keys, action) {
                entries.push(HelpLine::Entry { keys, action });
            }
        }
        if !entries.is_empty() {
            out.push(HelpLine::Heading(title.get(lang)));
            out.extend(entries);
        }
    }
    let mouse = [
        (Text::MouseClick.get(lang), Text::MouseClickAction),
        (Text::MouseWheel.get(lang), Text::MouseWheelAction),
        (Text::MouseShiftDrag.get(lang), Text::MouseShiftDragAction),
    ];
    let symbols = [
        ("●●●○○ EA", Text::SymbolEvidence),
        (symbols::STALE, Text::SymbolStale),
        (symbols::SELECTED, Text::SymbolSelected),
        (symbols::FOLDED_PAIR, Text::SymbolFolded),
        (symbols::CURSOR, Text::SymbolCursor),
        (symbols::SHORTLISTED, Text::SymbolShortlisted),
        (symbols::ACTIVE, Text::SymbolActive),
        (symbols::MISSING, Text::SymbolMissing),
        (symbols::IN_COMPARISON, Text::SymbolInComparison),
        (crate::core::compare::SHARED_SYMBOL, Text::SymbolShared),
        (crate::core::compare::UNIQUE_SYMBOL, Text::SymbolUnique),
        (
            crate::core::compare::IDENTICAL_SYMBOL,
            Text::SymbolIdentical,
        ),
        (symbols::EMPTY_CELL, Text::SymbolEmptyCell),
    ];
    for (title, rows) in [
        (Text::HelpMouse, &mouse[..]),
        (Text::HelpSymbols, &symbols[..]),
    ] {
        let entries: Vec<HelpLine> = rows
            .iter()
            .filter(|(k, a)| matches(k, a.get(lang)))
            .map(|(k, a)| HelpLine::Entry {
                keys: k.to_string(),
                action: a.get(lang),
            })
            .collect();
        if !entries.is_empty() {
            out.push(HelpLine::Heading(title.get(lang)));
            out.extend(entries);
        }
    }
    if out.is_empty() {
        out.push(HelpLine::Note(Text::HelpNoMatch.get(lang)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for table in [
            BROWSE, SEARCH, HELP, SHORTLISTS, EXPORT, INPUT, CONFIRM, VIEWS, COMPARE, MATRIX,
        ] {
            let mut seen = Vec::new();
            for b in table {
                for key in b.keys.iter() {
                    assert!(!seen.contains(key), "{key:?} bound twice");
                    seen.push(*key);
                }
            }
        }
    }

    #[test]
    fn help_lists_every_binding_and_filters_by_key_or_action() {
        let all = help_lines(Lang::Nl, "");
        let entries = all
            .iter()
            .filter(|l| matches!(l, HelpLine::Entry { .. }))
            .count();
        // Every binding, the two "type to …" lines, Ctrl-C, three mouse lines and thirteen
        // symbols.
        let tables = [
            BROWSE, SEARCH, HELP, SHORTLISTS, EXPORT, INPUT, CONFIRM, VIEWS, COMPARE, MATRIX,
        ];
        assert_eq!(
            entries,
            tables.iter().map(|t| t.len()).sum::<usize>() + 2 + 1 + 3 + 13
        );

        let by_action = help_lines(Lang::En, "sort");
        assert!(by_action.contains(&HelpLine::Entry {
            keys: "o".into(),
            action: Action::CycleSort.text().get(Lang::En)
        }));
        let by_key = help_lines(Lang::Nl, "pgdn");
        assert!(
            by_key
                .iter()
                .all(|l| !matches!(l, HelpLine::Entry { keys, .. } if !keys.contains("PgDn")))
        );
        assert_eq!(
            help_lines(Lang::Nl, "zzzz"),
            vec![HelpLine::Note(Text::HelpNoMatch.get(Lang::Nl))]
        );
    }

    #[test]
    fn help_mentions_shift_drag_for_copying() {
        let lines = help_lines(Lang::En, "");
        assert!(lines.iter().any(
            |l| matches!(l, HelpLine::Entry { keys, action } if keys.contains("Shift") && action.contains("copy"))
        ));
    }
}
