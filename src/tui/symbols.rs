//! The symbols that carry meaning on screen, so it never depends on colour alone. The help
//! overlay explains each of them.

/// Before the row under the cursor in a list.
pub const CURSOR: &str = "▶";
/// A facet value that is selected, and one that is not.
pub const SELECTED: &str = "[x]";
pub const UNSELECTED: &str = "[ ]";
/// A facet group that is folded, and one that is open.
pub const FOLDED: &str = "▸";
pub const UNFOLDED: &str = "▾";
pub const FOLDED_PAIR: &str = "▸ ▾";
/// After an evidence code whose recognition is older than five years, under reassessment or
/// lapsed (the detail says which).
pub const STALE: &str = "!";
/// Before an item of a list in the detail pane.
pub const BULLET: &str = "•";
/// Where text was cut to fit.
pub const ELLIPSIS: &str = "…";
/// Before a result that is in the active shortlist.
pub const SHORTLISTED: &str = "★";
/// Before the active shortlist in the shortlist view.
pub const ACTIVE: &str = "●";
/// Before a shortlist item that is not (or no longer) in the inventory.
pub const MISSING: &str = "⚠";
/// Before a result that is in the compare set (`c`), followed by its column number.
pub const IN_COMPARISON: &str = "⇔";
/// A coverage matrix cell without interventions: visibly empty, not blank.
pub const EMPTY_CELL: &str = "·";
