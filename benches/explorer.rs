//! The explorer's own costs at the bundled size, 1k, 10k and 100k: one frame drawn into
//! ratatui's `TestBackend` (120×35), one keystroke through `dispatch` (update, search, counts),
//! the coverage matrix and a comparison of four interventions.
//! `cargo bench --bench explorer`; figures in docs/performance.md.

mod common;

use std::sync::{Arc, LazyLock, Mutex};

use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use weerbaar::core::model::{FacetGroup, Intervention, Lang};
use weerbaar::core::query::{Query, SkimMatcher};
use weerbaar::core::store::Inventory;
use weerbaar::core::{compare, matrix};
use weerbaar::tui::msg::{Key, Msg};
use weerbaar::tui::{State, ThemeKind, dispatch, view};

use common::{SIZES, open};

const YEAR: u16 = 2026;

fn main() {
    divan::main();
}

fn inventory(n: usize) -> Arc<Inventory> {
    type Cache = Mutex<Vec<(usize, Arc<Inventory>)>>;
    static CACHE: LazyLock<Cache> = LazyLock::new(Default::default);
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, inv)) = cache.iter().find(|(k, _)| *k == n) {
        return inv.clone();
    }
    let inv = Arc::new(open(n).load().unwrap_or_else(|e| panic!("{e}")));
    cache.push((n, inv.clone()));
    inv
}

fn explorer(n: usize) -> State {
    let mut state = State::new((*inventory(n)).clone(), Lang::Nl, ThemeKind::Dark, YEAR);
    dispatch(&mut state, [Msg::Resize(120, 35)]);
    state
}

/// One full frame of the explore view with every record listed.
#[divan::bench(args = SIZES, sample_count = 20)]
fn render_frame(bencher: Bencher, n: usize) {
    let state = explorer(n);
    let mut terminal = Terminal::new(TestBackend::new(120, 35)).unwrap_or_else(|e| panic!("{e}"));
    bencher.bench_local(|| {
        terminal
            .draw(|frame| view::draw(&state, frame))
            .map(|_| ())
            .unwrap_or_else(|e| panic!("{e}"))
    });
}

/// Typing "ouders" into the search box and clearing it again, through `dispatch`: what one
/// burst of keys costs the explorer (six searches and a clear).
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn typing_in_the_explorer(bencher: Bencher, n: usize) {
    let mut state = explorer(n);
    dispatch(&mut state, [Msg::Key(Key::char('/'))]);
    bencher.bench_local(|| {
        for c in "ouders".chars() {
            dispatch(&mut state, [Msg::Key(Key::char(c))]);
        }
        for _ in 0..6 {
            dispatch(
                &mut state,
                [Msg::Key(Key::plain(weerbaar::tui::msg::KeyCode::Backspace))],
            );
        }
    });
}

/// The coverage matrix theme × evidence over every intervention.
#[divan::bench(args = SIZES, sample_count = 10)]
fn matrix_theme_by_evidence(bencher: Bencher, n: usize) {
    let state = explorer(n);
    let m = SkimMatcher::default();
    bencher.bench_local(|| {
        matrix::build(
            &state.index,
            &m,
            &Query::default(),
            FacetGroup::Theme,
            FacetGroup::Evidence,
        )
    });
}

/// Four interventions side by side.
#[divan::bench(args = SIZES, sample_count = 20)]
fn compare_four(bencher: Bencher, n: usize) {
    let inv = inventory(n);
    let items: Vec<&Intervention> = inv.interventions.iter().take(4).collect();
    bencher.bench_local(|| compare::compare(&items, Lang::Nl, YEAR));
}
