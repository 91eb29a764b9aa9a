//! The explorer's compare set and the state of the compare and matrix views, as plain data with
//! the small pure operations `update` uses. Drawing is in `view::compare` and `view::matrix`.

use crate::core::compare::MAX_ITEMS;
use crate::core::matrix::{self, DEFAULT_COLS, DEFAULT_ROWS, Matrix};
use crate::core::model::FacetGroup;

use super::state::State;

/// The interventions marked for comparison (`c`) and how the compare view (`C`) shows them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CompareUi {
    /// Records (indices into the inventory), in column order; at most `MAX_ITEMS`.
    pub records: Vec<usize>,
    /// The column under the cursor, which `x` removes and `<` `>` move.
    pub cursor: usize,
    /// The first column shown when not all fit.
    pub offset: usize,
    /// First line of the table body shown (all columns scroll together).
    pub scroll: usize,
    /// Leave out the aspects that are the same in every column.
    pub hide_identical: bool,
}

/// What toggling a record into the compare set did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toggled {
    Added,
    Removed,
    /// The set already holds `MAX_ITEMS`; nothing changed.
    Full,
}

impl CompareUi {
    pub fn contains(&self, record: usize) -> bool {
        self.records.contains(&record)
    }

    /// The 1-based column of a record, if it is in the set.
    pub fn column_of(&self, record: usize) -> Option<usize> {
        self.records
            .iter()
            .position(|&r| r == record)
            .map(|p| p + 1)
    }

    pub fn toggle(&mut self, record: usize) -> Toggled {
        if let Some(p) = self.records.iter().position(|&r| r == record) {
            self.records.remove(p);
            self.clamp_cursor();
            Toggled::Removed
        } else if self.records.len() >= MAX_ITEMS {
            Toggled::Full
        } else {
            self.records.push(record);
            Toggled::Added
        }
    }

    /// Remove the column under the cursor.
    pub fn remove_current(&mut self) -> Option<usize> {
        if self.cursor >= self.records.len() {
            return None;
        }
        let r = self.records.remove(self.cursor);
        self.clamp_cursor();
        Some(r)
    }

    /// Move the column under the cursor one place left (`-1`) or right (`1`); the cursor
    /// moves with it.
    pub fn move_current(&mut self, by: isize) {
        let len = self.records.len();
        if len < 2 || self.cursor >= len {
            return;
        }
        let to = if by < 0 {
            self.cursor.saturating_sub(1)
        } else {
            (self.cursor + 1).min(len - 1)
        };
        self.records.swap(self.cursor, to);
        self.cursor = to;
    }

    fn clamp_cursor(&mut self) {
        self.cursor = self.cursor.min(self.records.len().saturating_sub(1));
        self.offset = self.offset.min(self.cursor);
    }

    /// Put the cursor on a column (clamped) and scroll so that it is among the `visible` ones.
    pub fn set_cursor(&mut self, column: usize, visible: usize) {
        self.cursor = column.min(self.records.len().saturating_sub(1));
        self.offset = super::state::keep_visible(
            self.cursor,
            self.offset,
            visible.max(1),
            self.records.len(),
        );
    }
}

/// The coverage matrix view (`m`): which two facet groups, and the cell cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixUi {
    pub rows: FacetGroup,
    pub cols: FacetGroup,
    /// Cursor cell: row and column positions in the matrix (not value positions).
    pub row: usize,
    pub col: usize,
    /// First row and column shown.
    pub row_offset: usize,
    pub col_offset: usize,
}

impl Default for MatrixUi {
    fn default() -> Self {
        MatrixUi {
            rows: DEFAULT_ROWS,
            cols: DEFAULT_COLS,
            row: 0,
            col: 0,
            row_offset: 0,
            col_offset: 0,
        }
    }
}

/// Which side of the matrix a group change applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    Rows,
    Cols,
}

impl MatrixUi {
    /// Step the group of one axis through `FacetGroup::ALL`, skipping the other axis's group
    /// (a group is never crossed with itself). The cursor goes back to the first cell.
    pub fn cycle(&mut self, axis: Axis, forward: bool) {
        let (current, other) = match axis {
            Axis::Rows => (self.rows, self.cols),
            Axis::Cols => (self.cols, self.rows),
        };
        let all = FacetGroup::ALL;
        let n = all.len();
        let at = all.iter().position(|g| *g == current).unwrap_or(0);
        let mut next = at;
        for _ in 0..n {
            next = if forward {
                (next + 1) % n
            } else {
                (next + n - 1) % n
            };
            if all[next] != other {
                break;
            }
        }
        match axis {
            Axis::Rows => self.rows = all[next],
            Axis::Cols => self.cols = all[next],
        }
        self.row = 0;
        self.col = 0;
        self.row_offset = 0;
        self.col_offset = 0;
    }

    /// Exchange rows and columns, keeping the cursor on the same pair of values.
    pub fn swap(&mut self) {
        std::mem::swap(&mut self.rows, &mut self.cols);
        std::mem::swap(&mut self.row, &mut self.col);
        std::mem::swap(&mut self.row_offset, &mut self.col_offset);
    }
}

/// The matrix of the current results for the chosen groups (cheap: bitset counts over the
/// results the explorer already has), for `update` and `view` alike.
pub fn coverage(state: &State) -> Option<Matrix> {
    let m = &state.ui.matrix;
    matrix::from_results(
        &state.index,
        &state.ui.query,
        &state.results,
        m.rows,
        m.cols,
    )
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compare_set_holds_at_most_four_and_toggles() {
        let mut c = CompareUi::default();
        for r in [5, 2, 9, 7] {
            assert_eq!(c.toggle(r), Toggled::Added);
        }
        assert_eq!(c.toggle(1), Toggled::Full);
        assert_eq!(c.records, [5, 2, 9, 7]);
        assert_eq!(c.column_of(9), Some(3));
        assert_eq!(c.toggle(2), Toggled::Removed);
        assert_eq!(c.records, [5, 9, 7]);
        assert!(!c.contains(2));
    }

    #[test]
    fn columns_can_be_moved_and_removed_with_the_cursor_following() {
        let mut c = CompareUi {
            records: vec![1, 2, 3],
            ..CompareUi::default()
        };
        c.set_cursor(0, 3);
        c.move_current(1);
        assert_eq!((c.records.clone(), c.cursor), (vec![2, 1, 3], 1));
        c.move_current(1);
        c.move_current(1);
        assert_eq!((c.records.clone(), c.cursor), (vec![2, 3, 1], 2));
        assert_eq!(c.remove_current(), Some(1));
        assert_eq!((c.records.clone(), c.cursor), (vec![2, 3], 1));
        c.move_current(-1);
        assert_eq!(c.records, [3, 2]);
        c.remove_current();
        c.remove_current();
        assert_eq!(c.remove_current(), None);
        assert_eq!(c.cursor, 0);
    }

    #[test]
    fn a_narrow_view_scrolls_to_keep_the_cursor_column_visible() {
        let mut c = CompareUi {
            records: vec![1, 2, 3, 4],
            ..CompareUi::default()
        };
        c.set_cursor(3, 2);
        assert_eq!((c.cursor, c.offset), (3, 2));
        c.set_cursor(0, 2);
        assert_eq!(c.offset, 0);
        c.set_cursor(99, 1);
        assert_eq!((c.cursor, c.offset), (3, 3));
    }

    #[test]
    fn matrix_groups_cycle_and_never_cross_a_group_with_itself() {
        let mut m = MatrixUi::default();
        assert_eq!(
            (m.rows, m.cols),
            (FacetGroup::Theme, FacetGroup::WorkingElement)
        );
        for _ in 0..FacetGroup::ALL.len() * 2 {
            m.cycle(Axis::Rows, true);
            assert_ne!(m.rows, m.cols);
            m.cycle(Axis::Cols, false);
            assert_ne!(m.rows, m.cols);
        }
        let mut m = MatrixUi::default();
        m.cycle(Axis::Cols, true);
        assert_eq!(m.cols, FacetGroup::Evidence);
        m.row = 3;
        m.swap();
        assert_eq!(
            (m.rows, m.cols, m.row, m.col),
            (FacetGroup::Evidence, FacetGroup::Theme, 0, 3)
        );
    }
}
