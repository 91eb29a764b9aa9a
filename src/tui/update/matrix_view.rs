//! `update` for the coverage matrix (`m`): moving over cells, choosing the two facet groups,
//! and Enter to filter the results to a cell. Pure, like the rest of `update`.

use crate::core::config::Context;
use crate::core::matrix;

use super::super::compare_state::{Axis, coverage};
use super::super::keymap::Action;
use super::super::msg::{Effect, Key, Mouse, MouseKind, Reselect};
use super::super::state::{HelpState, Overlay, Pane, State, View};
use super::super::view;
use super::Motion;

/// `m`: the matrix for the current search and filters.
pub(super) fn open(state: &mut State) {
    state.ui.view = View::Matrix;
    clamp(state);
}

pub(super) fn on_key(state: &mut State, key: Key) -> Vec<Effect> {
    let Some(action) = state.keys.lookup(Context::Matrix, key) else {
        return Vec::new();
    };
    match action {
        Action::Quit => return vec![Effect::Quit],
        Action::Help => state.ui.overlay = Some(Overlay::Help(HelpState::default())),
        Action::CloseView => state.ui.view = View::Explore,
        Action::Up => move_cursor(state, Motion::By(-1), Axis::Rows),
        Action::Down => move_cursor(state, Motion::By(1), Axis::Rows),
        Action::PageUp => move_cursor(state, Motion::PageUp, Axis::Rows),
        Action::PageDown => move_cursor(state, Motion::PageDown, Axis::Rows),
        Action::ColumnLeft => move_cursor(state, Motion::By(-1), Axis::Cols),
        Action::ColumnRight => move_cursor(state, Motion::By(1), Axis::Cols),
        Action::Top => move_cursor(state, Motion::Top, Axis::Rows),
        Action::Bottom => move_cursor(state, Motion::Bottom, Axis::Rows),
        Action::NextRowGroup => cycle(state, Axis::Rows, true),
        Action::PrevRowGroup => cycle(state, Axis::Rows, false),
        Action::NextColGroup => cycle(state, Axis::Cols, true),
        Action::PrevColGroup => cycle(state, Axis::Cols, false),
        Action::SwapAxes => {
            state.ui.matrix.swap();
            clamp(state);
        }
        Action::FilterToCell => return filter_to_cell(state),
        _ => {}
    }
    Vec::new()
}

fn cycle(state: &mut State, axis: Axis, forward: bool) {
    state.ui.matrix.cycle(axis, forward);
    clamp(state);
}

fn move_cursor(state: &mut State, m: Motion, axis: Axis) {
    let Some(cov) = coverage(state) else {
        return;
    };
    let (rows, cols) = view::matrix::visible(state, &cov);
    let ui = &mut state.ui.matrix;
    match axis {
        Axis::Rows => ui.row = m.apply(ui.row, cov.row_values.len(), rows),
        Axis::Cols => ui.col = m.apply(ui.col, cov.col_values.len(), cols),
    }
    clamp(state);
}

/// Enter: the results become the interventions of the cell under the cursor. An empty cell
/// has nothing to show, so it keeps the matrix open.
fn filter_to_cell(state: &mut State) -> Vec<Effect> {
    let Some(cov) = coverage(state) else {
        return Vec::new();
    };
    let (r, c) = (state.ui.matrix.row, state.ui.matrix.col);
    if cov.count(r, c) == 0 {
        return Vec::new();
    }
    let Some(query) = matrix::cell_query(&state.index, &state.ui.query, &cov, r, c) else {
        return Vec::new();
    };
    // Backspace comes back to the matrix, on this cell.
    state.push_place();
    state.ui.query = query;
    state.ui.view = View::Explore;
    super::focus(state, Pane::Results);
    vec![Effect::Search(Reselect::Top)]
}

/// Keep the cursor inside the matrix and on screen (after a resize, a new search, a group
/// change).
pub(super) fn clamp(state: &mut State) {
    let Some(cov) = coverage(state) else {
        return;
    };
    let (rows, cols) = view::matrix::visible(state, &cov);
    let (n_rows, n_cols) = (cov.row_values.len(), cov.col_values.len());
    let ui = &mut state.ui.matrix;
    ui.row = ui.row.min(n_rows.saturating_sub(1));
    ui.col = ui.col.min(n_cols.saturating_sub(1));
    ui.row_offset = super::super::state::keep_visible(ui.row, ui.row_offset, rows, n_rows);
    ui.col_offset = super::super::state::keep_visible(ui.col, ui.col_offset, cols, n_cols);
}

pub(super) fn on_mouse(state: &mut State, mouse: Mouse) -> Vec<Effect> {
    match mouse.kind {
        MouseKind::ScrollUp => move_cursor(state, Motion::By(-1), Axis::Rows),
        MouseKind::ScrollDown => move_cursor(state, Motion::By(1), Axis::Rows),
        MouseKind::Click => {}
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use crate::core::model::FacetGroup;
    use crate::core::query;
    use crate::tui::compare_state::coverage;
    use crate::tui::dispatch;
    use crate::tui::fixture::{self, key, typing};
    use crate::tui::msg::{Key, KeyCode, Msg};
    use crate::tui::state::{Pane, State, View};

    fn press(state: &mut State, keys: &str) {
        dispatch(state, keys.chars().map(|c| Msg::Key(Key::char(c))));
    }

    /// Move the cursor to the cell of two values by keys.
    fn goto(state: &mut State, row_id: &str, col_id: &str) {
        let m = coverage(state).unwrap();
        let r = state.index.group(m.rows).position(row_id).unwrap();
        let c = state.index.group(m.cols).position(col_id).unwrap();
        let row = m.row_values.iter().position(|&v| v == r).unwrap();
        let col = m.col_values.iter().position(|&v| v == c).unwrap();
        press(state, "g");
        for _ in 0..row {
            press(state, "j");
        }
        while state.ui.matrix.col > 0 {
            press(state, "h");
        }
        for _ in 0..col {
            press(state, "l");
        }
        assert_eq!((state.ui.matrix.row, state.ui.matrix.col), (row, col));
    }

    #[test]
    fn enter_on_a_full_cell_filters_the_results_to_exactly_that_cell() {
        let mut s = fixture::state();
        press(&mut s, "m");
        assert_eq!(s.ui.view, View::Matrix);
        goto(&mut s, "polarisatie", "dialoog");
        let n = coverage(&s)
            .unwrap()
            .count(s.ui.matrix.row, s.ui.matrix.col);
        assert_eq!(n, 3);
        let matrix = s.ui.clone();
        dispatch(&mut s, [key(KeyCode::Enter)]);
        assert_eq!(s.ui.view, View::Explore);
        assert_eq!(s.ui.focus, Pane::Results);
        // Backspace returns to the matrix on the same cell, with the search as it was.
        dispatch(&mut s, [key(KeyCode::Backspace)]);
        assert_eq!(s.ui.view, View::Matrix);
        assert_eq!(
            (s.ui.matrix.row, s.ui.matrix.col),
            (matrix.matrix.row, matrix.matrix.col)
        );
        assert_eq!(s.ui.query, matrix.query);
        dispatch(&mut s, [key(KeyCode::Enter)]);
        assert_eq!(s.results.hits.len(), n);
        assert!(s.ui.query.is_selected(FacetGroup::Theme, "polarisatie"));
        assert!(
            s.ui.query
                .is_selected(FacetGroup::WorkingElement, "dialoog")
        );
        assert_eq!(s.results, query::run(&s.index, &s.matcher, &s.ui.query));
    }

    #[test]
    fn enter_on_an_empty_cell_keeps_the_matrix_open() {
        let mut s = fixture::state();
        press(&mut s, "m");
        goto(&mut s, "empowerment", "dialoog");
        assert_eq!(
            coverage(&s)
                .unwrap()
                .count(s.ui.matrix.row, s.ui.matrix.col),
            0
        );
        dispatch(&mut s, [key(KeyCode::Enter)]);
        assert_eq!(s.ui.view, View::Matrix);
        assert!(!s.ui.query.has_filters());
    }

    #[test]
    fn the_matrix_follows_the_search_and_its_groups_can_be_changed() {
        let mut s = fixture::state();
        dispatch(&mut s, typing("/polar"));
        dispatch(&mut s, [key(KeyCode::Esc)]);
        press(&mut s, "m");
        let m = coverage(&s).unwrap();
        assert_eq!(m.total, s.results.hits.len());
        // Columns: working element → evidence; rows: theme → target group; swap.
        press(&mut s, "c");
        assert_eq!(s.ui.matrix.cols, FacetGroup::Evidence);
        press(&mut s, "r");
        assert_eq!(s.ui.matrix.rows, FacetGroup::TargetGroup);
        press(&mut s, "w");
        assert_eq!(
            (s.ui.matrix.rows, s.ui.matrix.cols),
            (FacetGroup::Evidence, FacetGroup::TargetGroup)
        );
        // The cursor never leaves the matrix, even past its edges.
        press(&mut s, "GGllllllllllllllllllllllllllllllll");
        let m = coverage(&s).unwrap();
        assert_eq!(s.ui.matrix.row, m.row_values.len() - 1);
        assert_eq!(s.ui.matrix.col, m.col_values.len() - 1);
        press(&mut s, "m");
        assert_eq!(s.ui.view, View::Explore);
    }

    #[test]
    fn a_small_terminal_scrolls_the_matrix_to_keep_the_cursor_visible() {
        let mut s = fixture::state();
        press(&mut s, "m");
        dispatch(&mut s, [Msg::Resize(60, 12)]);
        press(&mut s, "GG");
        for _ in 0..25 {
            press(&mut s, "l");
        }
        let m = coverage(&s).unwrap();
        let (rows, cols) = crate::tui::view::matrix::visible(&s, &m);
        let ui = &s.ui.matrix;
        assert!(ui.row_offset <= ui.row && ui.row < ui.row_offset + rows);
        assert!(ui.col_offset <= ui.col && ui.col < ui.col_offset + cols);
        assert!(ui.col_offset > 0 && ui.row_offset > 0);
    }
}
