//! Shared by the benchmarks: synthetic inventories, made once and cached under
//! target/bench-data/ (the 100k one takes about a minute to write), and the typing scripts.

#![allow(dead_code)] // each bench uses a different part

use std::path::PathBuf;

use weerbaar::core::store::{self, Database};
use weerbaar::core::synth;

/// The sizes every benchmark runs at; 0 stands for the bundled inventory.
pub const SIZES: [usize; 4] = [0, 1_000, 10_000, 100_000];

pub const SEED: u64 = 1;

pub fn size_name(n: usize) -> String {
    match n {
        0 => "bundled".into(),
        n if n % 1000 == 0 => format!("{}k", n / 1000),
        n => n.to_string(),
    }
}

/// The database file for a size (generated on first use), or `None` for the bundled one.
pub fn db_path(n: usize) -> Option<PathBuf> {
    if n == 0 {
        return None;
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    // The synthetic inventory is modelled on the bundled one: a new bundled inventory makes a
    // new file, so a cached file never outlives the data it was drawn from.
    let mut h = weerbaar::core::query::text::FxHasher::default();
    std::hash::Hasher::write(&mut h, store::BUNDLED_DB);
    let model = std::hash::Hasher::finish(&h) & 0xffff_ffff;
    let path = dir.join(format!("synth-{n}-seed{SEED}-model{model:08x}.sqlite"));
    if !path.exists() {
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        eprintln!("generating {} (once)…", path.display());
        let model = store::open_bundled().unwrap_or_else(|e| panic!("bundled: {e}"));
        let inv = synth::generate(&model, n, SEED).unwrap_or_else(|| panic!("empty model"));
        weerbaar::core::inventory::write_atomically(&inv, &path).unwrap_or_else(|e| panic!("{e}"));
    }
    Some(path)
}

/// The same, with a file's integrity check left to run separately (as the explorer does).
pub fn open_deferred(n: usize) -> (Database, Option<store::IntegrityCheck>) {
    match db_path(n) {
        None => Database::open_bundled().map(|db| (db, None)),
        Some(p) => Database::open_path_deferred(&p).map(|(db, check)| (db, Some(check))),
    }
    .unwrap_or_else(|e| panic!("open: {e}"))
}

pub fn open(n: usize) -> Database {
    match db_path(n) {
        None => Database::open_bundled(),
        Some(p) => Database::open_path(&p),
    }
    .unwrap_or_else(|e| panic!("open: {e}"))
}

/// What people type: plain words, two-word searches, a field-scoped term and a synonym.
pub const TYPED: &[&str] = &[
    "ouders",
    "polarisatie",
    "weerbaar opvoeden",
    "jongeren school",
    "radicalisering",
    "sleutelfiguren wijk",
    "naam:vrede",
    "thema:polar",
    "dialoog",
    "moskee",
];

/// Each query as the successive texts of typing it, one char at a time.
pub fn keystrokes(query: &str) -> Vec<String> {
    query
        .char_indices()
        .map(|(i, c)| query[..i + c.len_utf8()].to_string())
        .collect()
}
