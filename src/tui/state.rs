//! Everything the explorer shows, as plain data. `update` changes it, `view` draws it; neither
//! does IO of its own. The index is shared (`Arc`) so a search worker can use it. Full records
//! are not held: `State::record` fetches one through `Records` (from memory, or from the
//! database with a cache), so drawing the same record again reads nothing.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;
use std::sync::Arc;

use crate::core::related::{self, DEFAULT_LIMIT, Related};

use crate::core::model::{FacetGroup, Intervention, Lang};
use crate::core::query::{Index, IndexBuilder, Query, Results, SkimMatcher};
use crate::core::store::{Inventory, Metadata, Records, Unreadable};

use super::compare_state::{CompareUi, MatrixUi};
pub use super::export_dialog::{ExportDialog, ExportField, ExportWhat};
use super::layout;
use super::msg::{Effect, LoadStage, Loading, Reselect};
use super::search_worker::SharedSearcher;
pub use super::shelf::{Confirm, InputPurpose, InputState, ShelfPane, ShelfUi, ViewsDialog};
use super::theme::ThemeKind;

/// A pane that can have the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    Search,
    Facets,
    #[default]
    Results,
    Detail,
}

impl Pane {
    /// Tab order, left to right.
    pub const ORDER: [Pane; 4] = [Pane::Search, Pane::Facets, Pane::Results, Pane::Detail];

    pub fn next(self) -> Pane {
        let i = Pane::ORDER.iter().position(|p| *p == self).unwrap_or(0);
        Pane::ORDER[(i + 1) % Pane::ORDER.len()]
    }

    pub fn prev(self) -> Pane {
        let i = Pane::ORDER.iter().position(|p| *p == self).unwrap_or(0);
        Pane::ORDER[(i + Pane::ORDER.len() - 1) % Pane::ORDER.len()]
    }

    /// The pane to the left or right among the three side by side (h/l, ←/→).
    pub fn left(self) -> Pane {
        match self {
            Pane::Detail => Pane::Results,
            _ => Pane::Facets,
        }
    }

    pub fn right(self) -> Pane {
        match self {
            Pane::Facets => Pane::Results,
            _ => Pane::Detail,
        }
    }
}

/// The main view. Each has its pane files under `view/`, an arm in `view::draw` and one in
/// `update`'s key dispatch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Explore,
    /// The shortlists and the items of one, with their notes (`S`).
    Shortlists,
    /// The compare set side by side (`C`).
    Compare,
    /// The coverage matrix (`m`).
    Matrix,
}

/// A modal layer over the view that takes every key while open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help(HelpState),
    /// `e`: what to export, the format and the file.
    Export(ExportDialog),
    /// One line of text: a note, a shortlist name, a view name.
    Input(InputState),
    /// Yes or no before deleting a shortlist.
    Confirm(Confirm),
    /// `v`: the command line of the current search, and the saved views.
    Views(ViewsDialog),
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HelpState {
    /// Typed text that narrows the list of keys.
    pub filter: String,
    pub scroll: usize,
}

/// A row of the facet pane: a group heading or one of its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacetRow {
    Group(FacetGroup),
    /// A value, by its position in the index's `GroupIndex::values`.
    Value(FacetGroup, usize),
}

/// What the user controls. Kept apart from the derived results so the run loop can tell cheaply
/// (by comparing this) whether a batch of messages changed anything worth a redraw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ui {
    /// Terminal size: columns, rows.
    pub size: (u16, u16),
    pub view: View,
    pub overlay: Option<Overlay>,
    pub focus: Pane,
    pub query: Query,
    /// Cursor in the search text, in chars.
    pub search_cursor: usize,
    /// Selected row of the results and the first row shown.
    pub selected: usize,
    pub results_offset: usize,
    /// Cursor row of the facet pane (into `State::facet_rows`) and the first row shown.
    pub facet_cursor: usize,
    pub facet_offset: usize,
    pub collapsed: BTreeSet<FacetGroup>,
    /// First line of the detail pane shown.
    pub detail_scroll: usize,
    pub lang: Lang,
    pub theme: ThemeKind,
    /// This inventory's shortlists and saved views, and the shortlist view's cursors.
    pub shelf: ShelfUi,
    /// A one-line message in the status bar (a saved export, a failed save), until the next key.
    pub notice: Option<Notice>,
    /// The compare set and the compare view's cursor and scrolling.
    pub compare: CompareUi,
    /// The matrix's two facet groups and its cell cursor.
    pub matrix: MatrixUi,
    /// While the inventory is still being read behind the first frame (`tui::loader`): how
    /// far. Part of `Ui` so a progress report redraws.
    pub loading: Option<Loading>,
    /// Where the explorer was before each jump (a related intervention, a matrix cell), last on
    /// top: Backspace goes back (`State::go_back`).
    pub back: Vec<Place>,
}

/// The places kept for Backspace; older ones are dropped.
pub const MAX_BACK: usize = 50;

/// Where the explorer was: the view, the search and filters, the selected intervention and how
/// far the lists were scrolled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub view: View,
    pub focus: Pane,
    pub query: Query,
    pub search_cursor: usize,
    /// The selected record (by index), and its row as a fallback.
    pub record: Option<usize>,
    pub selected: usize,
    pub results_offset: usize,
    pub detail_scroll: usize,
}

/// A background search the results wait for, and where to put the selection when it answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Awaited {
    pub id: u64,
    pub reselect: Reselect,
}

/// A message for the status bar; a warning is marked with a symbol, not only a colour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Info(String),
    Warning(String),
}

pub struct State {
    /// Where full records come from, by id; the index says which ids there are.
    pub records: Arc<Records>,
    /// The `--db` path the inventory came from (`None`: the bundled one), for command lines.
    pub db: Option<std::path::PathBuf>,
    /// Effects for the run loop to perform (saving, exporting, copying); `dispatch` fills it,
    /// the run loop empties it and feeds the outcome back as messages.
    pub outbox: Vec<super::msg::Effect>,
    /// The configured export format and folder, for the export dialog's first choices.
    pub export_defaults: super::export_dialog::ExportDefaults,
    pub index: Arc<Index>,
    pub matcher: SkimMatcher,
    /// Keeps the previous keystrokes' matching, so typing on searches only the records that
    /// can still match, and a facet toggle re-uses every match (docs/performance.md). Shared
    /// with the search worker, which searches with the same earlier work.
    pub searcher: Arc<SharedSearcher>,
    /// Whether searches typed in the search bar go to the search worker (the run loop turns
    /// this on) instead of running inside `dispatch`.
    pub background_search: bool,
    /// The background search the results wait for; until it answers, the old results stay on
    /// screen and the search bar says it is searching.
    pub awaited: Option<Awaited>,
    pub current_year: u16,
    /// The results of `ui.query`, recomputed by `search`.
    pub results: Results,
    /// Bumped on every recompute, so the run loop knows the results changed.
    pub generation: u64,
    /// After a search that found nothing: the inventory's nearest word to try (`query::typo`),
    /// worked out once per result, not per frame.
    pub suggestion: Option<String>,
    /// The facet groups shown, in this order (from the configuration; all by default).
    pub facet_groups: Vec<FacetGroup>,
    /// Every context's keys: the defaults, or as the configuration patches them.
    pub keys: super::keymap::Keymaps,
    pub ui: Ui,
    /// The related interventions of the last record the detail pane showed: drawing asks for
    /// them on every frame, and scoring a large inventory each time would stall typing.
    related_cache: RefCell<Option<(usize, Rc<Vec<Related>>)>>,
}

impl State {
    /// A state over an inventory in memory (tests, small files).
    pub fn new(inventory: Inventory, lang: Lang, theme: ThemeKind, current_year: u16) -> State {
        let index = Index::build(&inventory);
        State::open(
            Records::in_memory(inventory),
            index,
            lang,
            theme,
            current_year,
        )
    }

    /// A state over an index and the records it was built from.
    pub fn open(
        records: Records,
        index: Index,
        lang: Lang,
        theme: ThemeKind,
        current_year: u16,
    ) -> State {
        let mut state = State {
            records: Arc::new(records),
            db: None,
            outbox: Vec::new(),
            export_defaults: Default::default(),
            index: Arc::new(index),
            matcher: SkimMatcher::default(),
            searcher: Arc::new(SharedSearcher::new()),
            background_search: false,
            awaited: None,
            current_year,
            results: Results::default(),
            generation: 0,
            suggestion: None,
            related_cache: RefCell::new(None),
            facet_groups: FacetGroup::ALL.to_vec(),
            keys: super::keymap::Keymaps::default(),
            ui: Ui {
                size: (80, 24),
                view: View::Explore,
                overlay: None,
                focus: Pane::Results,
                query: Query::default(),
                search_cursor: 0,
                selected: 0,
                results_offset: 0,
                facet_cursor: 0,
                facet_offset: 0,
                // Providers are many and mostly one intervention each: start folded.
                collapsed: BTreeSet::from([FacetGroup::Provider]),
                detail_scroll: 0,
                lang,
                theme,
                shelf: ShelfUi::default(),
                notice: None,
                compare: CompareUi::default(),
                matrix: MatrixUi::default(),
                loading: None,
                back: Vec::new(),
            },
        };
        state.search(Reselect::Top);
        state
    }

    /// Take the user's settings: the default sort, which facet groups to show in what order and
    /// the keys. (Language and theme are given to `new`.)
    pub fn apply_config(&mut self, config: &crate::core::config::Config) {
        self.keys = super::rebind::keymaps(config);
        if !config.facets.is_empty() {
            self.facet_groups = config.facets.clone();
        }
        if self.ui.query.sort != config.sort {
            self.ui.query.sort = config.sort;
            self.search(Reselect::Top);
        }
        self.set_facet_cursor(0);
    }

    /// A state whose index is still to come (`Msg::Loaded`): the explorer's first frame,
    /// drawn while the loader reads the inventory.
    pub fn loading(records: Records, lang: Lang, theme: ThemeKind, current_year: u16) -> State {
        let mut state = State::open(
            records,
            IndexBuilder::new().finish(),
            lang,
            theme,
            current_year,
        );
        state.ui.loading = Some(Loading {
            stage: LoadStage::Keys,
            read: 0,
            total: 0,
        });
        state
    }

    /// The loader's index arrived: the keys (results usable, the text still to come) or the
    /// complete index. The records are the same in both and in the same order, so the
    /// selection, the compare set and the shortlists stay valid.
    pub fn loaded(&mut self, index: Arc<Index>, complete: bool) {
        let first = self.index.is_empty();
        self.index = index;
        *self.related_cache.borrow_mut() = None;
        self.ui.loading = (!complete).then_some(Loading {
            stage: LoadStage::Text,
            read: 0,
            total: self.index.len(),
        });
        self.search(if first { Reselect::Top } else { Reselect::Keep });
        self.set_facet_cursor(self.ui.facet_cursor);
    }

    /// Whether the first part of the index is still being read: there are no results or counts
    /// yet, only progress (a count of 0 would say the inventory is empty).
    pub fn still_opening(&self) -> bool {
        self.index.is_empty() && self.ui.loading.is_some()
    }

    /// Whether plain search terms cannot match the long text yet (it is still being indexed).
    pub fn text_pending(&self) -> bool {
        self.ui.loading.is_some()
    }

    /// The inventory's title, version and date.
    pub fn metadata(&self) -> &Metadata {
        self.records.metadata()
    }

    /// The ids of the compare set, in column order.
    pub fn compared_ids(&self) -> Vec<&str> {
        self.ui
            .compare
            .records
            .iter()
            .filter(|&&r| r < self.index.len())
            .map(|&r| self.index.id(r))
            .collect()
    }

    /// The full record at this position of the index: `Ok(None)` when there is none (out of
    /// range, or gone from the file), `Err` with one line when it cannot be read. Fetched
    /// once and then cached (see `Records`), so views may ask on every frame.
    pub fn record(&self, record: usize) -> Result<Option<Arc<Intervention>>, Unreadable> {
        if record >= self.index.len() {
            return Ok(None);
        }
        self.records.get(self.index.id(record))
    }

    /// The interventions most related to `record` (`related::related`), computed once per record.
    pub fn related_to(&self, record: usize) -> Rc<Vec<Related>> {
        if let Some((r, found)) = self.related_cache.borrow().as_ref()
            && *r == record
        {
            return found.clone();
        }
        let found = Rc::new(related::related(&self.index, record, DEFAULT_LIMIT));
        *self.related_cache.borrow_mut() = Some((record, found.clone()));
        found
    }

    /// Recompute the results for the current query now and put the selection where `reselect`
    /// says. This supersedes an awaited background search.
    pub fn search(&mut self, reselect: Reselect) {
        self.awaited = None;
        let results = self
            .searcher
            .search_now(&self.index, &self.matcher, &self.ui.query);
        self.show(results, reselect);
    }

    /// Ask for the current query's results from the search worker: record what is awaited and
    /// return the request for the run loop. A request still awaited is superseded; its
    /// reselection carries over (the best match wins over keeping the selection).
    pub fn search_in_background(&mut self, reselect: Reselect) -> Effect {
        let reselect = match self.awaited.map(|a| a.reselect) {
            Some(Reselect::Top) => Reselect::Top,
            _ => reselect,
        };
        let id = self.searcher.next_id();
        self.awaited = Some(Awaited { id, reselect });
        Effect::StartSearch {
            id,
            query: self.ui.query.clone(),
        }
    }

    /// The answer to a background search: shown if it is the awaited one, dropped if a newer
    /// search superseded it.
    pub fn search_done(&mut self, id: u64, results: Results) {
        match self.awaited {
            Some(awaited) if awaited.id == id => {
                self.awaited = None;
                self.show(results, awaited.reselect);
            }
            _ => {}
        }
    }

    fn show(&mut self, results: Results, reselect: Reselect) {
        let before = self.selected_record();
        self.results = results;
        self.generation += 1;
        self.suggestion = if self.results.hits.is_empty() && !self.ui.query.text.trim().is_empty() {
            crate::core::query::typo::suggestion(&self.index, &self.ui.query.text)
                .map(|(_, word)| word)
        } else {
            None
        };
        let position = match reselect {
            Reselect::Top => 0,
            Reselect::Keep => before
                .and_then(|r| self.results.hits.iter().position(|h| h.index == r))
                .unwrap_or(self.ui.selected),
        };
        self.select(position);
        if self.selected_record() != before {
            self.ui.detail_scroll = 0;
        }
    }

    /// Remember where the explorer is, before a jump takes it elsewhere.
    pub fn push_place(&mut self) {
        let place = Place {
            view: self.ui.view,
            focus: self.ui.focus,
            query: self.ui.query.clone(),
            search_cursor: self.ui.search_cursor,
            record: self.selected_record(),
            selected: self.ui.selected,
            results_offset: self.ui.results_offset,
            detail_scroll: self.ui.detail_scroll,
        };
        if self.ui.back.last() != Some(&place) {
            self.ui.back.push(place);
        }
        if self.ui.back.len() > MAX_BACK {
            self.ui.back.remove(0);
        }
    }

    /// Return to the last remembered place: its search, filters, selection and scroll. False
    /// when there is none.
    pub fn go_back(&mut self) -> bool {
        let Some(place) = self.ui.back.pop() else {
            return false;
        };
        self.ui.view = place.view;
        self.ui.focus = place.focus;
        self.ui.query = place.query;
        self.ui.search_cursor = place.search_cursor;
        self.search(Reselect::Keep);
        let row = place
            .record
            .and_then(|r| self.results.hits.iter().position(|h| h.index == r))
            .unwrap_or(place.selected);
        self.ui.results_offset = place.results_offset;
        self.select(row);
        self.ui.detail_scroll = place.detail_scroll;
        self.clamp();
        true
    }

    /// The record (index into the inventory) under the results cursor.
    pub fn selected_record(&self) -> Option<usize> {
        self.results.hits.get(self.ui.selected).map(|h| h.index)
    }

    /// Select a result row (clamped) and scroll so it is visible.
    pub fn select(&mut self, row: usize) {
        let before = self.selected_record();
        let len = self.results.hits.len();
        self.ui.selected = row.min(len.saturating_sub(1));
        let visible = self.results_rows();
        self.ui.results_offset =
            keep_visible(self.ui.selected, self.ui.results_offset, visible, len);
        if self.selected_record() != before {
            self.ui.detail_scroll = 0;
        }
    }

    pub fn results_rows(&self) -> usize {
        let (w, h) = self.ui.size;
        // In a narrow terminal the results pane may be hidden behind the detail; page by the
        // size it has when shown.
        layout::results_rows(w, h, Pane::Results)
    }

    pub fn facet_rows_visible(&self) -> usize {
        let (w, h) = self.ui.size;
        layout::facet_rows(w, h, self.ui.focus)
    }

    /// The facet pane's rows, in the configured group order: each group heading, then its values unless the group is folded.
    pub fn facet_rows(&self) -> Vec<FacetRow> {
        let mut rows = Vec::new();
        for &group in &self.facet_groups {
            rows.push(FacetRow::Group(group));
            if !self.ui.collapsed.contains(&group) {
                let values = self.index.group(group).values.len();
                rows.extend((0..values).map(|v| FacetRow::Value(group, v)));
            }
        }
        rows
    }

    /// Put the facet cursor on a row (clamped) and scroll so it is visible.
    pub fn set_facet_cursor(&mut self, row: usize) {
        let len = self.facet_rows().len();
        self.ui.facet_cursor = row.min(len.saturating_sub(1));
        self.ui.facet_offset = keep_visible(
            self.ui.facet_cursor,
            self.ui.facet_offset,
            self.facet_rows_visible(),
            len,
        );
    }

    /// Re-clamp every cursor and offset, e.g. after a resize.
    pub fn clamp(&mut self) {
        self.select(self.ui.selected);
        self.set_facet_cursor(self.ui.facet_cursor);
    }
}

/// The first row to show so that `cursor` is inside a window of `visible` rows over `len` rows,
/// moving the window as little as possible, and never leaving blank rows at the end.
pub fn keep_visible(cursor: usize, offset: usize, visible: usize, len: usize) -> usize {
    if visible == 0 {
        return cursor;
    }
    let mut offset = offset.min(len.saturating_sub(visible));
    if cursor < offset {
        offset = cursor;
    } else if cursor >= offset + visible {
        offset = cursor + 1 - visible;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keep_visible_scrolls_as_little_as_possible() {
        assert_eq!(keep_visible(0, 0, 10, 100), 0);
        assert_eq!(keep_visible(9, 0, 10, 100), 0);
        assert_eq!(keep_visible(10, 0, 10, 100), 1);
        assert_eq!(keep_visible(5, 20, 10, 100), 5);
        // The window never runs past the end after the list shrinks.
        assert_eq!(keep_visible(3, 50, 10, 12), 2);
        assert_eq!(keep_visible(0, 7, 0, 0), 0);
    }

    #[test]
    fn the_configuration_orders_and_hides_facet_groups_and_sets_the_sort() {
        let mut s = crate::tui::fixture::state();
        let config = crate::core::config::Config {
            facets: vec![FacetGroup::Evidence, FacetGroup::Theme],
            sort: crate::core::query::Sort::Name,
            ..crate::core::config::Config::default()
        };
        s.apply_config(&config);
        let groups: Vec<FacetGroup> = s
            .facet_rows()
            .into_iter()
            .filter_map(|r| match r {
                FacetRow::Group(g) => Some(g),
                FacetRow::Value(..) => None,
            })
            .collect();
        assert_eq!(groups, vec![FacetGroup::Evidence, FacetGroup::Theme]);
        assert_eq!(s.ui.query.sort, crate::core::query::Sort::Name);
        let names: Vec<String> = s
            .results
            .hits
            .iter()
            .map(|h| s.index.name(h.index).to_lowercase())
            .collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
    }

    #[test]
    fn tab_order_cycles_both_ways() {
        for p in Pane::ORDER {
            assert_eq!(p.next().prev(), p);
        }
        assert_eq!(Pane::Detail.next(), Pane::Search);
    }
}
