//! Every context of the explorer and the commands each lets the configuration rebind
//! (`[keys.<context>] command = "key"`): the names the configuration checks and the explorer's
//! key tables (`tui::keymap`) use. Pure data; the main screen's configurable actions and the
//! presets are in `keys`.

use std::collections::BTreeMap;

use super::keys::Chord;

crate::core::model::id_enum::id_enum! {
    /// Where the explorer is, each with its own keys: the configuration rebinds them in
    /// `[keys.<context>]` (the main screen's also in plain `[keys]`, the older form).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum Context {
        Browse = "browse",
        Search = "search",
        Help = "help",
        Shortlists = "shortlists",
        Export = "export",
        Input = "input",
        Confirm = "confirm",
        Views = "views",
        Compare = "compare",
        Matrix = "matrix",
    }
}

crate::core::model::id_enum::id_enum! {
    /// Something the explorer does on a key, in any context; the id is the configuration's name.
    /// The main screen's ids are those of `Action` (a test in `tui::rebind` keeps them equal).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum Command {
        Quit = "quit",
        Help = "help",
        FocusSearch = "search",
        NextPane = "next-pane",
        PrevPane = "prev-pane",
        PaneLeft = "pane-left",
        PaneRight = "pane-right",
        Up = "up",
        Down = "down",
        PageUp = "page-up",
        PageDown = "page-down",
        Top = "top",
        Bottom = "bottom",
        /// Enter/Space: toggle a facet value or fold a group; open the detail of a result.
        Activate = "activate",
        /// Esc in the detail pane: back to the results (which a narrow terminal hides behind it).
        LeaveDetail = "leave-detail",
        ClearFilters = "clear-filters",
        ClearSearch = "clear-search",
        CycleSort = "sort",
        ToggleTheme = "theme",
        LeaveSearch = "leave-search",
        SubmitSearch = "submit-search",
        DeleteBack = "delete-back",
        DeleteForward = "delete-forward",
        CursorLeft = "cursor-left",
        CursorRight = "cursor-right",
        CursorStart = "cursor-start",
        CursorEnd = "cursor-end",
        CloseHelp = "close-help",
        ClearHelpFilter = "clear-filter",
        ToggleShortlist = "shortlist",
        OpenShortlists = "shortlists",
        Export = "export",
        Views = "views",
        EditNote = "note",
        RemoveItem = "remove-item",
        NewList = "new-list",
        RenameList = "rename-list",
        DeleteList = "delete-list",
        /// `u` in the shortlist view: put the last deleted list back.
        Undo = "undo",
        MakeActive = "make-active",
        /// Leave the shortlist view.
        Back = "leave",
        Confirm = "confirm",
        Cancel = "cancel",
        NextField = "next-field",
        PrevField = "prev-field",
        OptionLeft = "option-left",
        OptionRight = "option-right",
        Copy = "copy",
        SaveView = "save-view",
        OpenView = "open-view",
        DeleteView = "delete-view",
        ToggleCompare = "compare",
        OpenCompare = "compare-view",
        OpenMatrix = "matrix",
        /// `1`–`5`: show the related intervention with that number (the key says which).
        JumpRelated = "jump-related",
        /// Leave the compare or matrix view for the explorer.
        CloseView = "close-view",
        ColumnLeft = "column-left",
        ColumnRight = "column-right",
        MoveColumnLeft = "move-column-left",
        MoveColumnRight = "move-column-right",
        RemoveColumn = "remove-column",
        ToggleIdentical = "identical",
        /// Enter on a compare column: that intervention in the explorer.
        ShowColumn = "show-column",
        /// Enter on a matrix cell: the results filtered to it.
        FilterToCell = "filter-to-cell",
        NextRowGroup = "next-row-group",
        PrevRowGroup = "prev-row-group",
        NextColGroup = "next-column-group",
        PrevColGroup = "prev-column-group",
        SwapAxes = "swap-axes",
        /// `y`: the selected intervention's citation to the clipboard (issue 9).
        CopyCitation = "copy-citation",
        /// Backspace: back to where the explorer was before a jump (related, matrix cell).
        GoBack = "back",
        /// Alt-Enter or Ctrl-J in the note editor: a new line in the note.
        NewLine = "new-line",
        /// `E`: only recognised interventions (any recognition level), or all again.
        AnyRecognition = "recognised",
    }
}

impl Context {
    /// The commands `[keys.<context>]` may rebind here, in the order the help lists them. The
    /// explorer's key tables (`tui::keymap`) have exactly these (a test there keeps them equal);
    /// the main screen's are `Action`'s.
    pub fn commands(self) -> &'static [Command] {
        use Command::*;
        match self {
            Context::Browse => &[],
            Context::Search => &[
                LeaveSearch,
                SubmitSearch,
                ClearSearch,
                Up,
                Down,
                PageUp,
                PageDown,
                NextPane,
                PrevPane,
                DeleteBack,
                DeleteForward,
                CursorLeft,
                CursorRight,
                CursorStart,
                CursorEnd,
            ],
            Context::Help => &[
                CloseHelp,
                Up,
                Down,
                PageUp,
                PageDown,
                DeleteBack,
                ClearHelpFilter,
            ],
            Context::Shortlists => &[
                Up, Down, NextPane, Top, Bottom, MakeActive, EditNote, RemoveItem, NewList,
                RenameList, DeleteList, Undo, Export, Back, Help, Quit,
            ],
            Context::Export => &[
                Confirm,
                Cancel,
                NextField,
                PrevField,
                OptionLeft,
                OptionRight,
                DeleteBack,
                DeleteForward,
                CursorStart,
                CursorEnd,
                ClearSearch,
            ],
            Context::Input => &[
                Confirm,
                NewLine,
                Cancel,
                DeleteBack,
                DeleteForward,
                CursorLeft,
                CursorRight,
                CursorStart,
                CursorEnd,
                ClearSearch,
            ],
            Context::Confirm => &[Confirm, Cancel],
            Context::Views => &[Up, Down, OpenView, Copy, SaveView, DeleteView, Cancel],
            Context::Compare => &[
                Up,
                Down,
                PageUp,
                PageDown,
                Top,
                Bottom,
                ColumnLeft,
                ColumnRight,
                MoveColumnLeft,
                MoveColumnRight,
                RemoveColumn,
                ToggleIdentical,
                ShowColumn,
                Export,
                CloseView,
                Help,
                Quit,
            ],
            Context::Matrix => &[
                Up,
                Down,
                ColumnLeft,
                ColumnRight,
                PageUp,
                PageDown,
                Top,
                Bottom,
                FilterToCell,
                NextRowGroup,
                PrevRowGroup,
                NextColGroup,
                PrevColGroup,
                SwapAxes,
                CloseView,
                Help,
                Quit,
            ],
        }
    }
}

impl From<Command> for &'static str {
    fn from(c: Command) -> &'static str {
        c.id()
    }
}

/// The user's keys for one context other than the main screen: commands whose keys replace the
/// defaults there (applied by `tui::rebind`).
pub type Patch = BTreeMap<Command, Vec<Chord>>;
