//! Latency percentiles for the targets in docs/performance.md: open to ready, one keystroke
//! while typing (p50/p95/max over every keystroke of the typed queries, several rounds), and a
//! facet toggle. Prints wall-clock and this thread's CPU time: on a shared machine other
//! processes stretch wall-clock, while CPU time counts only our own work.
//!
//! `cargo bench --bench latency` (all sizes) or `cargo bench --bench latency -- 10000`.

// The CPU clock has no safe std API: `clock` calls libc's clock_gettime (the one unsafe block
// in the project; Cargo.toml denies unsafe code everywhere else).
#![allow(unsafe_code)]

mod common;

use std::time::{Duration, Instant};

use weerbaar::core::model::FacetGroup;
use weerbaar::core::query::{self, Index, Query, Searcher, SkimMatcher};

use common::{SIZES, TYPED, keystrokes, open, size_name};

/// The queries compared with fzf (the same list is in scripts/perf/fzf-compare.sh).
const FZF_QUERIES: &[&str] = &[
    "ouders",
    "polarisatie",
    "weerbaar opvoeden",
    "jongeren school",
    "radicalisering",
    "dialoog",
];

/// This thread's CPU time.
fn cpu_now() -> Duration {
    clock(libc::CLOCK_THREAD_CPUTIME_ID)
}

/// The CPU time of every thread of the process (for the searches split over threads).
fn process_cpu_now() -> Duration {
    clock(libc::CLOCK_PROCESS_CPUTIME_ID)
}

fn clock(id: libc::clockid_t) -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    unsafe {
        libc::clock_gettime(id, &mut ts);
    }
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

#[derive(Default)]
struct Samples {
    wall: Vec<Duration>,
    cpu: Vec<Duration>,
    /// All threads' CPU time, kept only by `time_all_threads`.
    process: Vec<Duration>,
}

impl Samples {
    fn time<T>(&mut self, f: impl FnOnce() -> T) -> T {
        let (w, c) = (Instant::now(), cpu_now());
        let out = f();
        self.cpu.push(cpu_now() - c);
        self.wall.push(w.elapsed());
        out
    }

    /// As `time`, also keeping the CPU time of every thread.
    fn time_all_threads<T>(&mut self, f: impl FnOnce() -> T) -> T {
        let p = process_cpu_now();
        let out = self.time(f);
        self.process.push(process_cpu_now() - p);
        out
    }

    /// The row again with the CPU columns counting every thread.
    fn row_all_threads(&mut self, what: &str, size: &str) {
        std::mem::swap(&mut self.cpu, &mut self.process);
        self.row(what, size);
        std::mem::swap(&mut self.cpu, &mut self.process);
    }

    fn row(&mut self, what: &str, size: &str) {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let pct = |v: &mut Vec<Duration>, p: f64| {
            v.sort();
            let i = ((v.len() as f64 * p).ceil() as usize).clamp(1, v.len()) - 1;
            ms(v[i])
        };
        let (w50, w95, wmax) = (
            pct(&mut self.wall, 0.5),
            pct(&mut self.wall, 0.95),
            pct(&mut self.wall, 1.0),
        );
        let (c50, c95, cmax) = (
            pct(&mut self.cpu, 0.5),
            pct(&mut self.cpu, 0.95),
            pct(&mut self.cpu, 1.0),
        );
        println!(
            "| {what} | {size} | {} | {c50:.2} | {c95:.2} | {cmax:.2} | {w50:.2} | {w95:.2} | {wmax:.2} |",
            self.wall.len()
        );
    }
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        SIZES.to_vec()
    } else {
        sizes
    };
    println!(
        "| what | size | samples | cpu p50 ms | cpu p95 ms | cpu max ms | wall p50 ms | wall p95 ms | wall max ms |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    let m = SkimMatcher::default();
    for n in sizes {
        let size = size_name(n);
        common::db_path(n);

        let mut open_s = Samples::default();
        let rounds = if n >= 100_000 { 5 } else { 10 };
        let mut index = None;
        for _ in 0..rounds {
            index = Some(open_s.time(|| {
                weerbaar::core::inventory::load(&open(n)).unwrap_or_else(|e| panic!("{e}"))
            }));
        }
        open_s.row("open + index", &size);

        // The same, split: reading every record from SQLite, and indexing records in memory.
        let mut read_s = Samples::default();
        let mut build_s = Samples::default();
        for _ in 0..rounds.min(3) {
            read_s.time(|| {
                open(n)
                    .for_each(|item| {
                        std::hint::black_box(item);
                        Ok(())
                    })
                    .unwrap_or_else(|e| panic!("{e}"))
            });
        }
        read_s.row("  of which: open + read records", &size);
        let inventory = open(n).load().unwrap_or_else(|e| panic!("{e}"));
        for _ in 0..rounds.min(3) {
            build_s.time(|| Index::build(&inventory));
        }
        drop(inventory);
        build_s.row("  of which: index records in memory", &size);

        // Opening behind the explorer's first frame (`tui::loader`): the keys first (the
        // results are usable after this), then the word index over the text; a file's
        // integrity check runs on a thread of its own meanwhile.
        let (mut keys_s, mut text_s, mut check_s) =
            (Samples::default(), Samples::default(), Samples::default());
        for _ in 0..rounds.min(3) {
            let (db, check) = common::open_deferred(n);
            if let Some(check) = check {
                Samples::time(&mut check_s, || {
                    check.run().unwrap_or_else(|e| panic!("{e}"))
                });
            }
            let mut keys: Index = Samples::time(&mut keys_s, || {
                weerbaar::core::inventory::load_keys(&db, |_| {}).unwrap_or_else(|e| panic!("{e}"))
            });
            let text = Samples::time(&mut text_s, || {
                weerbaar::core::inventory::load_text(&db, |_| {}).unwrap_or_else(|e| panic!("{e}"))
            });
            assert!(keys.set_text(text));
        }
        Samples::row(&mut keys_s, "staged open: keys (results usable)", &size);
        Samples::row(&mut text_s, "staged open: then the text", &size);
        if !check_s.cpu.is_empty() {
            Samples::row(&mut check_s, "integrity check (own thread)", &size);
        }
        let Some(index) = index else { continue };

        // The first search after opening (empty query: every record, every count).
        let mut first = Samples::default();
        for _ in 0..rounds {
            first.time(|| query::run(&index, &m, &Query::default()));
        }
        first.row("first results (empty query)", &size);

        // Every keystroke of every typed query, each query followed by clearing the search box.
        let script: Vec<Query> = TYPED
            .iter()
            .flat_map(|text| keystrokes(text).into_iter().chain([String::new()]))
            .map(|text| Query {
                text,
                ..Query::default()
            })
            .collect();
        let mut typing = Samples::default();
        let mut fresh = Samples::default();
        for _ in 0..3 {
            let mut s = Searcher::new();
            for q in &script {
                typing.time(|| s.search(&index, &m, q));
                if !q.text.is_empty() {
                    fresh.time(|| query::run(&index, &m, q));
                }
            }
        }
        typing.row("keystroke, Searcher (typing)", &size);
        fresh.row("keystroke, query::run (from scratch)", &size);

        // As the explorer's search worker does: matching split over two threads. This thread's
        // CPU time is then the critical path (the halves are even), all threads' the cost.
        let mut split = Samples::default();
        for _ in 0..3 {
            let mut s = Searcher::with_threads(2);
            for q in &script {
                split.time_all_threads(|| s.search(&index, &m, q));
            }
        }
        split.row("keystroke, Searcher on 2 threads (typing)", &size);
        split.row_all_threads("  the same, CPU of both threads", &size);

        let mut toggle = Samples::default();
        let mut s = Searcher::new();
        for text in ["", "jongeren", "ouders polar"] {
            let mut q = Query {
                text: text.into(),
                ..Query::default()
            };
            s.search(&index, &m, &q);
            for (group, value) in [
                (FacetGroup::Theme, "polarisatie"),
                (FacetGroup::TargetGroup, "ouders"),
                (FacetGroup::Evidence, "goed-onderbouwd"),
                (FacetGroup::Level, "groep"),
            ] {
                q.toggle(group, value);
                toggle.time(|| s.search(&index, &m, &q));
            }
            for (group, value) in [
                (FacetGroup::Level, "groep"),
                (FacetGroup::Theme, "polarisatie"),
            ] {
                q.toggle(group, value);
                toggle.time(|| s.search(&index, &m, &q));
            }
        }
        toggle.row("facet toggle, Searcher", &size);

        // Whole queries at once, as `fzf --filter` gets them (scripts/perf/fzf-compare.sh).
        for text in FZF_QUERIES {
            let mut one = Samples::default();
            let q = Query {
                text: (*text).into(),
                ..Query::default()
            };
            for _ in 0..rounds {
                one.time(|| query::run(&index, &m, &q));
            }
            one.row(&format!("query::run \"{text}\""), &size);
        }
        eprintln!(
            "{size}: index holds ~{:.1} MB ({} distinct words)",
            index.heap_bytes() as f64 / 1e6,
            index.text().word_count()
        );
    }
}
