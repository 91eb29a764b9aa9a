//! Where each pane goes for a terminal size: one pure function used by the view to draw and by
//! `update` to page, keep the selection visible and hit-test mouse clicks, so they always agree.

use ratatui::layout::Rect;

use super::state::Pane;

/// Below this the explorer shows a "terminal too small" message instead of panes.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 12;
/// From this width on, results and detail are shown side by side; below it they share a slot.
pub const THREE_PANES_WIDTH: u16 = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub search: Rect,
    pub facets: Rect,
    /// `None` when a narrow terminal gives the slot to the detail pane.
    pub results: Option<Rect>,
    pub detail: Option<Rect>,
    pub status: Rect,
    pub keys: Rect,
}

impl Areas {
    /// The pane at a screen cell, if any.
    pub fn pane_at(&self, column: u16, row: u16) -> Option<Pane> {
        let hit = |r: Rect| r.contains(ratatui::layout::Position::new(column, row));
        if hit(self.search) {
            Some(Pane::Search)
        } else if hit(self.facets) {
            Some(Pane::Facets)
        } else if self.results.is_some_and(hit) {
            Some(Pane::Results)
        } else if self.detail.is_some_and(hit) {
            Some(Pane::Detail)
        } else {
            None
        }
    }
}

/// The panes for a terminal of `width`×`height`, or `None` when it is too small.
pub fn areas(width: u16, height: u16, focus: Pane) -> Option<Areas> {
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        return None;
    }
    let search = Rect::new(0, 0, width, 3);
    let body_h = height - 5;
    let status = Rect::new(0, height - 2, width, 1);
    let keys = Rect::new(0, height - 1, width, 1);
    let (facets, results, detail) = if width >= THREE_PANES_WIDTH {
        let facets_w = if width >= 140 { 32 } else { 28 };
        let rest = width - facets_w;
        let results_w = rest / 2;
        (
            Rect::new(0, 3, facets_w, body_h),
            Some(Rect::new(facets_w, 3, results_w, body_h)),
            Some(Rect::new(facets_w + results_w, 3, rest - results_w, body_h)),
        )
    } else {
        let facets_w = (width * 3 / 10).clamp(22, 28);
        let slot = Rect::new(facets_w, 3, width - facets_w, body_h);
        let facets = Rect::new(0, 3, facets_w, body_h);
        if focus == Pane::Detail {
            (facets, None, Some(slot))
        } else {
            (facets, Some(slot), None)
        }
    };
    Some(Areas {
        search,
        facets,
        results,
        detail,
        status,
        keys,
    })
}

/// The inside of a bordered block.
pub fn inner(r: Rect) -> Rect {
    Rect::new(
        r.x.saturating_add(1),
        r.y.saturating_add(1),
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    )
}

/// From this inner width on, a result takes one line (name, evidence, provider, themes in
/// columns); below it two (name and evidence, then provider and themes).
pub const ONE_LINE_RESULTS_WIDTH: u16 = 72;

pub fn lines_per_result(inner_width: u16) -> usize {
    if inner_width >= ONE_LINE_RESULTS_WIDTH {
        1
    } else {
        2
    }
}

/// Results visible at once (the results pane has one header line).
pub fn results_rows(width: u16, height: u16, focus: Pane) -> usize {
    areas(width, height, focus)
        .and_then(|a| a.results)
        .map_or(0, |r| {
            let inner = inner(r);
            inner.height.saturating_sub(1) as usize / lines_per_result(inner.width)
        })
}

pub fn facet_rows(width: u16, height: u16, focus: Pane) -> usize {
    areas(width, height, focus).map_or(0, |a| inner(a.facets).height as usize)
}

/// The detail pane's text area (inside the border), if the detail pane is shown.
pub fn detail_inner(width: u16, height: u16, focus: Pane) -> Option<Rect> {
    areas(width, height, focus)
        .and_then(|a| a.detail)
        .map(inner)
}

/// A full-screen view (compare, matrix): everything above the status and key bars, or `None`
/// when the terminal is too small.
pub fn view_area(width: u16, height: u16) -> Option<Rect> {
    (width >= MIN_WIDTH && height >= MIN_HEIGHT).then(|| Rect::new(0, 0, width, height - 2))
}

/// The help overlay: centred, at most 76 columns wide, leaving a margin where there is room.
pub fn help_area(width: u16, height: u16) -> Rect {
    let w = width.saturating_sub(4).min(76);
    let h = height.saturating_sub(2);
    Rect::new((width - w) / 2, (height - h) / 2, w, h)
}

/// Lines of help visible at once: the overlay has a border and a filter line.
pub fn help_rows(width: u16, height: u16) -> usize {
    inner(help_area(width, height)).height.saturating_sub(2) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_tile_the_screen_without_overlap() {
        for (w, h) in [
            (60, 12),
            (80, 24),
            (119, 30),
            (120, 30),
            (140, 45),
            (300, 100),
        ] {
            for focus in [Pane::Results, Pane::Detail] {
                let a = areas(w, h, focus).expect("big enough");
                let panes = [Some(a.facets), a.results, a.detail];
                let body: u32 = panes.iter().flatten().map(|r| r.area()).sum();
                assert_eq!(body, u32::from(w) * u32::from(h - 5), "{w}×{h}");
                assert_eq!(a.keys.bottom(), h);
                let shown = panes.iter().flatten().count();
                assert_eq!(shown, if w >= THREE_PANES_WIDTH { 3 } else { 2 });
            }
        }
    }

    #[test]
    fn too_small_gives_no_panes_and_no_panic() {
        assert_eq!(areas(MIN_WIDTH - 1, 40, Pane::Results), None);
        assert_eq!(areas(100, MIN_HEIGHT - 1, Pane::Results), None);
        assert_eq!(results_rows(1, 1, Pane::Results), 0);
        assert_eq!(help_rows(1, 1), 0);
        let _ = help_area(0, 0);
    }

    #[test]
    fn narrow_terminals_show_the_detail_in_the_results_slot_when_focused() {
        let a = areas(80, 24, Pane::Detail).expect("big enough");
        assert!(a.results.is_none() && a.detail.is_some());
        assert_eq!(a.pane_at(70, 10), Some(Pane::Detail));
        assert_eq!(a.pane_at(5, 10), Some(Pane::Facets));
        assert_eq!(a.pane_at(5, 1), Some(Pane::Search));
        assert_eq!(a.pane_at(5, 23), None);
    }
}
