//! weerbaar: an offline explorer for interventions that strengthen weerbaarheid.
//!
//! A pure core (`model`, `store`, `query`, `detail`, `export`, `shortlist`) under two faces (`cli`,
//! and the terminal explorer `tui`). Data flows one way: sources → database → inventory → query →
//! the face.

// No unsafe code in what is shipped (Cargo.toml denies it everywhere; here it cannot be allowed).
#![forbid(unsafe_code)]

pub mod atomic;
pub mod audit;
pub mod cap;
pub mod cli;
pub mod compare;
pub mod config;
pub mod detail;
pub mod diff;
pub mod export;
pub mod i18n;
pub mod import;
pub mod input;
pub mod inventory;
pub mod matrix;
pub mod model;
pub mod query;
pub mod related;
pub mod settings;
pub mod shortlist;
pub mod store;
pub mod synth;
pub mod tui;
