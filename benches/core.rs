//! The core's hot paths at the bundled size, 1k, 10k and 100k synthetic interventions:
//! `cargo bench --bench core`. Targets and measured figures: docs/performance.md.

mod common;

use std::sync::{Arc, LazyLock, Mutex};

use divan::Bencher;
use weerbaar::core::model::FacetGroup;
use weerbaar::core::query::{self, Index, Query, Searcher, SkimMatcher};
use weerbaar::core::store::Inventory;

use common::{SIZES, open};

fn main() {
    divan::main();
}

/// Index per size, built once for all benchmarks of a run.
fn index(n: usize) -> Arc<Index> {
    type Cache = Mutex<Vec<(usize, Arc<Index>)>>;
    static CACHE: LazyLock<Cache> = LazyLock::new(Default::default);
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, ix)) = cache.iter().find(|(k, _)| *k == n) {
        return ix.clone();
    }
    let ix = Arc::new(weerbaar::core::inventory::load(&open(n)).unwrap_or_else(|e| panic!("{e}")));
    cache.push((n, ix.clone()));
    ix
}

/// Open the database and stream it into the index: what the explorer waits for at start.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn open_and_load(bencher: Bencher, n: usize) {
    common::db_path(n);
    bencher.bench(|| {
        let db = open(n);
        weerbaar::core::inventory::load(&db).unwrap_or_else(|e| panic!("{e}"))
    });
}

/// Open the database and read the search index stored in it (issue 16): what the CLI and the
/// explorer do with a file written by `db build`, `import`, `db synth` or `db index`. The
/// integrity check is remembered after the first open, as for a user's unchanged file.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn open_stored(bencher: Bencher, n: usize) {
    common::db_path(n);
    bencher.bench(|| {
        let db = open(n);
        let (index, missing) =
            weerbaar::core::inventory::index(&db, true).unwrap_or_else(|e| panic!("{e}"));
        assert!(!missing, "no stored index");
        index
    });
}

/// Index::build from an inventory already in memory (the CLI's path).
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn index_build(bencher: Bencher, n: usize) {
    let inventory: Inventory = open(n).load().unwrap_or_else(|e| panic!("{e}"));
    bencher.bench(|| Index::build(&inventory));
}

/// One keystroke from scratch: fuzzy match, ranking and every facet count (`query::run`),
/// averaged over every prefix of the typed queries.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn keystroke_run(bencher: Bencher, n: usize) {
    let index = index(n);
    let m = SkimMatcher::default();
    let texts: Vec<String> = common::TYPED
        .iter()
        .flat_map(|q| common::keystrokes(q))
        .collect();
    bencher
        .counter(divan::counter::ItemsCount::new(texts.len()))
        .bench(|| {
            for t in &texts {
                let q = Query {
                    text: t.clone(),
                    ..Query::default()
                };
                divan::black_box(query::run(&index, &m, &q));
            }
        });
}

/// Typing each query one char at a time with a `Searcher`, as the explorer does.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn keystroke_typing(bencher: Bencher, n: usize) {
    let index = index(n);
    let m = SkimMatcher::default();
    let texts: Vec<Vec<String>> = common::TYPED
        .iter()
        .map(|q| common::keystrokes(q))
        .collect();
    let count = texts.iter().map(Vec::len).sum::<usize>();
    bencher
        .counter(divan::counter::ItemsCount::new(count))
        .bench(|| {
            let mut s = Searcher::new();
            for query in &texts {
                for t in query {
                    let q = Query {
                        text: t.clone(),
                        ..Query::default()
                    };
                    divan::black_box(s.search(&index, &m, &q));
                }
            }
        });
}

/// Toggling a theme on and off under a typed query, with the `Searcher` warm.
#[divan::bench(args = SIZES, sample_count = 20, sample_size = 1)]
fn facet_toggle(bencher: Bencher, n: usize) {
    let index = index(n);
    let m = SkimMatcher::default();
    let mut s = Searcher::new();
    let mut q = Query {
        text: "jongeren".into(),
        ..Query::default()
    };
    s.search(&index, &m, &q);
    q.toggle(FacetGroup::TargetGroup, "ouders");
    s.search(&index, &m, &q);
    bencher
        .counter(divan::counter::ItemsCount::new(2usize))
        .bench_local(|| {
            q.toggle(FacetGroup::Theme, "polarisatie");
            divan::black_box(s.search(&index, &m, &q));
            q.toggle(FacetGroup::Theme, "polarisatie");
            divan::black_box(s.search(&index, &m, &q));
        });
}
