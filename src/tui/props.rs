//! Property test: thousands of random message sequences (keys, any Unicode typed into the
//! search, mouse clicks and wheels anywhere, resizes down to 1×1 and 0×0) driven through
//! `dispatch`, on the bundled inventory, the small test inventory and an empty one. After every
//! message the invariants must hold, and drawing the final state must not panic.
//!
//! Bounded so the whole run stays well under a minute in a debug build; raise
//! `PROPTEST_CASES` for a longer hunt.

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::core::model::Lang;
use crate::core::query::{self, Query, Results};
use crate::core::store::{self, Inventory};

use super::fixture;
use super::msg::{Effect, ExportFailure, Key, KeyCode, Mouse, MouseKind, Msg};
use super::state::{Overlay, State};
use super::theme::ThemeKind;
use super::{dispatch, view};

/// The keys the explorer knows, weighted towards them, plus any char at all.
fn key() -> impl Strategy<Value = Key> {
    let named = prop::sample::select(vec![
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
    ]);
    let shortcut = prop::sample::select(
        "/jkhlgGxotq? 1234567890csSCmenvyNaA<>=rRwd"
            .chars()
            .collect::<Vec<_>>(),
    );
    prop_oneof![
        4 => named.prop_map(Key::plain),
        4 => shortcut.prop_map(Key::char),
        2 => any::<char>().prop_map(Key::char),
        1 => (any::<char>(), any::<bool>(), any::<bool>())
            .prop_map(|(c, ctrl, alt)| Key { code: KeyCode::Char(c), ctrl, alt }),
    ]
}

fn mouse() -> impl Strategy<Value = Mouse> {
    (
        prop::sample::select(vec![
            MouseKind::Click,
            MouseKind::ScrollUp,
            MouseKind::ScrollDown,
        ]),
        0u16..260,
        0u16..80,
    )
        .prop_map(|(kind, column, row)| Mouse { kind, column, row })
}

/// Terminal sizes from nothing to large, often tiny.
fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        2 => (0u16..4, 0u16..4),
        2 => (1u16..60, 1u16..20),
        3 => (40u16..260, 10u16..80),
    ]
}

/// One step: a message, or a whole search typed (`/`, the text, then Enter or Esc).
fn step() -> impl Strategy<Value = Vec<Msg>> {
    prop_oneof![
        8 => key().prop_map(|k| vec![Msg::Key(k)]),
        2 => mouse().prop_map(|m| vec![Msg::Mouse(m)]),
        2 => size().prop_map(|(w, h)| vec![Msg::Resize(w, h)]),
        2 => (any::<String>(), any::<bool>()).prop_map(|(text, submit)| {
            let mut msgs = vec![Msg::Key(Key::char('/'))];
            msgs.extend(text.chars().take(24).map(|c| Msg::Key(Key::char(c))));
            msgs.push(Msg::Key(Key::plain(if submit { KeyCode::Enter } else { KeyCode::Esc })));
            msgs
        }),
    ]
}

fn sequence(max_steps: usize) -> impl Strategy<Value = Vec<Vec<Msg>>> {
    prop::collection::vec(step(), 1..max_steps)
}

/// The query core's answer for the last query checked, and the index it was for.
pub(super) type Checked = Option<(Query, usize, Results)>;

/// What must hold after every step. `last` caches the query core's answer for the last query
/// checked, since recomputing it for every arrow key would dominate the run.
pub(super) fn check(state: &State, last: &mut Checked) -> Result<(), TestCaseError> {
    let ui = &state.ui;
    let len = state.results.hits.len();
    prop_assert!(
        ui.selected < len.max(1),
        "selection {} of {len}",
        ui.selected
    );
    let visible = state.results_rows();
    if visible > 0 && len > 0 {
        prop_assert!(
            ui.results_offset <= ui.selected && ui.selected < ui.results_offset + visible,
            "selection {} outside the window {}+{visible}",
            ui.selected,
            ui.results_offset
        );
    }
    let rows = state.facet_rows().len();
    prop_assert!(
        ui.facet_cursor < rows.max(1),
        "facet cursor {} of {rows}",
        ui.facet_cursor
    );
    let facet_visible = state.facet_rows_visible();
    if facet_visible > 0 {
        prop_assert!(ui.facet_offset <= ui.facet_cursor);
        prop_assert!(ui.facet_cursor < ui.facet_offset + facet_visible);
    }
    prop_assert!(ui.search_cursor <= ui.query.text.chars().count());
    prop_assert!(ui.query.text.chars().count() <= super::update::MAX_QUERY_CHARS);
    if let Some(Overlay::Help(help)) = &ui.overlay {
        prop_assert!(help.filter.chars().count() <= super::update::MAX_QUERY_CHARS);
    }
    // The results and every facet count are exactly what the query core says for the query
    // over the index the state has now (a loader may have swapped it); while a background
    // search is awaited, the old results stay: checked once it answers.
    let index_id = std::sync::Arc::as_ptr(&state.index) as usize;
    if state.awaited.is_none()
        && last
            .as_ref()
            .is_none_or(|(q, id, _)| *q != ui.query || *id != index_id)
    {
        let expected = query::run(&state.index, &state.matcher, &ui.query);
        *last = Some((ui.query.clone(), index_id, expected));
    }
    if let Some((_, _, expected)) = last.as_ref().filter(|_| state.awaited.is_none()) {
        prop_assert_eq!(
            &state.results,
            expected,
            "results out of step with the query"
        );
    }
    for facet in &state.results.facets {
        for v in &facet.values {
            prop_assert!(v.count <= state.index.len());
        }
    }
    for hit in &state.results.hits {
        prop_assert!(hit.index < state.index.len());
    }
    // The compare set: 0–4 distinct interventions that exist, the cursor on one of them.
    let compare = &ui.compare;
    prop_assert!(compare.records.len() <= crate::core::compare::MAX_ITEMS);
    let mut distinct = compare.records.clone();
    distinct.sort_unstable();
    distinct.dedup();
    prop_assert_eq!(
        distinct.len(),
        compare.records.len(),
        "a record twice in the compare set"
    );
    prop_assert!(compare.records.iter().all(|&r| r < state.index.len()));
    prop_assert!(compare.cursor < compare.records.len().max(1));
    prop_assert!(compare.offset <= compare.cursor);
    // The matrix never crosses a group with itself.
    prop_assert!(ui.matrix.rows != ui.matrix.cols);
    Ok(())
}

/// Answer the effects `update` asked for, as the run loop would, with outcomes taken from
/// `luck`: saves succeed or fail, exports are written, refused (file exists) or fail, copies
/// work or not. The failure paths get exercised as often as the happy ones. A background search
/// is answered at once, late (after the next step: by then often superseded) or never.
fn answer_effects(
    state: &mut State,
    luck: &mut impl Iterator<Item = u8>,
    late: &mut Vec<Msg>,
) -> Vec<Msg> {
    let mut answers = Vec::new();
    for effect in std::mem::take(&mut state.outbox) {
        let roll = luck.next().unwrap_or(0);
        let answer = match effect {
            Effect::SaveLists(change) => {
                let mut lists = state.ui.shelf.lists.clone();
                Msg::ListsSaved(match change.apply(&mut lists) {
                    Ok(()) if !roll.is_multiple_of(3) => Ok(lists),
                    Ok(()) => Err("No space left on device (os error 28)".into()),
                    Err(e) => Err(e.to_string()),
                })
            }
            Effect::Export(request) => Msg::Exported(match roll % 3 {
                0 => Ok(crate::tui::msg::ExportDone {
                    path: request.path,
                    skipped: Vec::new(),
                }),
                n => Err(ExportFailure {
                    message: format!("{}: cannot write here", request.path.display()),
                    exists: n == 1,
                }),
            }),
            Effect::Copy(_) => Msg::Copied(if roll.is_multiple_of(2) {
                Ok(())
            } else {
                Err("the terminal refused".into())
            }),
            Effect::StartSearch { id, query } => {
                let results = query::run(&state.index, &state.matcher, &query);
                let answer = Msg::SearchDone { id, results };
                match roll % 3 {
                    0 => answer,
                    1 => {
                        late.push(answer);
                        continue;
                    }
                    _ => continue,
                }
            }
            Effect::Quit | Effect::Search(_) => continue,
        };
        answers.push(answer);
    }
    answers
}

/// Run the steps, one message at a time, except a typed search, which arrives as one burst
/// the way the run loop drains queued keys.
fn drive(mut state: State, steps: Vec<Vec<Msg>>, luck: Vec<u8>) -> Result<(), TestCaseError> {
    let mut last = None;
    let mut luck = luck.into_iter().cycle();
    let mut late = Vec::new();
    check(&state, &mut last)?;
    for mut msgs in steps {
        // Late search answers arrive first, the way the run loop reads the worker first.
        msgs.splice(0..0, late.drain(..));
        // Quitting only ends the run loop; the state must stay sound regardless.
        let _quit = dispatch(&mut state, msgs);
        check(&state, &mut last)?;
        // Answers can ask for more (a retry after "file exists"), but never forever.
        for _ in 0..4 {
            let answers = answer_effects(&mut state, &mut luck, &mut late);
            if answers.is_empty() {
                break;
            }
            let _quit = dispatch(&mut state, answers);
            check(&state, &mut last)?;
        }
        state.outbox.clear();
    }
    let (w, h) = state.ui.size;
    let mut terminal = Terminal::new(TestBackend::new(w.min(300), h.min(120)))
        .map_err(|e| TestCaseError::fail(format!("backend: {e}")))?;
    terminal
        .draw(|frame| view::draw(&state, frame))
        .map_err(|e| TestCaseError::fail(format!("draw: {e}")))?;
    Ok(())
}

/// Read once: opening the bundled database costs more than a whole case.
fn bundled() -> Inventory {
    static BUNDLED: std::sync::OnceLock<Inventory> = std::sync::OnceLock::new();
    BUNDLED
        .get_or_init(|| store::open_bundled().unwrap_or_else(|e| panic!("bundled inventory: {e}")))
        .clone()
}

fn empty() -> Inventory {
    Inventory {
        interventions: Vec::new(),
        ..fixture::inventory()
    }
}

fn state_of(inventory: Inventory, lang: Lang) -> State {
    let mut s = State::new(inventory, lang, ThemeKind::Plain, fixture::YEAR);
    dispatch(&mut s, [Msg::Resize(80, 24)]);
    s
}

/// As the run loop drives it: what is typed is searched by the (simulated) search worker.
fn in_background(mut state: State) -> State {
    state.background_search = true;
    state
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn the_small_inventory_survives_any_input(
        steps in sequence(40),
        english in any::<bool>(),
        luck in prop::collection::vec(any::<u8>(), 1..8),
    ) {
        let lang = if english { Lang::En } else { Lang::Nl };
        drive(state_of(fixture::inventory(), lang), steps, luck)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn the_bundled_inventory_survives_any_input(
        steps in sequence(30),
        luck in prop::collection::vec(any::<u8>(), 1..8),
    ) {
        drive(state_of(bundled(), Lang::Nl), steps, luck)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn an_empty_inventory_survives_any_input(
        steps in sequence(30),
        luck in prop::collection::vec(any::<u8>(), 1..8),
    ) {
        drive(state_of(empty(), Lang::En), steps, luck)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn searching_in_the_background_survives_any_input(
        steps in sequence(40),
        luck in prop::collection::vec(any::<u8>(), 1..8),
    ) {
        drive(in_background(state_of(fixture::inventory(), Lang::Nl)), steps, luck)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    #[test]
    fn the_bundled_inventory_searched_in_the_background_survives_any_input(
        steps in sequence(30),
        luck in prop::collection::vec(any::<u8>(), 1..8),
    ) {
        drive(in_background(state_of(bundled(), Lang::Nl)), steps, luck)?;
    }
}

/// The explorer as it opens a large inventory: a first frame with no index, then the keys,
/// then the whole index, arriving between any of the user's steps (and progress reports in
/// between). The same invariants hold throughout, and the records stay where they were.
fn loading_steps(
    mut steps: Vec<Vec<Msg>>,
    keys_at: usize,
    whole_at: usize,
) -> (State, Vec<Vec<Msg>>) {
    use super::msg::{LoadStage, Loading, SharedIndex};
    use crate::core::query::{Index, IndexBuilder};
    use std::sync::Arc;
    let inventory = bundled();
    let whole = Arc::new(Index::build(&inventory));
    let mut keys = IndexBuilder::keys();
    for item in &inventory.interventions {
        keys.push(item);
    }
    let keys = Arc::new(keys.finish());
    let total = inventory.interventions.len();
    let mut state = State::loading(
        store::Records::in_memory(inventory),
        Lang::Nl,
        ThemeKind::Plain,
        fixture::YEAR,
    );
    dispatch(&mut state, [Msg::Resize(80, 24)]);
    let progress = |stage, read| Msg::LoadProgress(Loading { stage, read, total });
    let keys_at = keys_at.min(steps.len());
    let whole_at = (keys_at + whole_at).min(steps.len());
    steps.insert(
        whole_at,
        vec![
            progress(LoadStage::Text, total / 2),
            Msg::Loaded {
                index: SharedIndex(whole),
                complete: true,
            },
        ],
    );
    steps.insert(
        keys_at,
        vec![
            progress(LoadStage::Keys, total / 3),
            Msg::Loaded {
                index: SharedIndex(keys),
                complete: false,
            },
        ],
    );
    (state, steps)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn loading_behind_the_first_frame_survives_any_input(
        steps in sequence(30),
        keys_at in 0usize..30,
        whole_at in 0usize..10,
        luck in prop::collection::vec(any::<u8>(), 1..8),
    ) {
        let (state, steps) = loading_steps(steps, keys_at, whole_at);
        drive(state, steps, luck)?;
    }
}
