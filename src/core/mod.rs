//! The core: everything either face shows, with no terminal and no command line in it.
//!
//! From the bottom up: `model` (the record, its vocabulary, folding, diagnostics), `store` (the
//! SQLite inventory: open, check, read, write), `query` (the index and the search over it, no IO),
//! `inventory` (opening an inventory with its stored index, the one service both faces call), and
//! the features over them (`detail`, `compare`, `related`, `matrix`, `diff`, `audit`, `export`,
//! `import`, `shortlist`, `synth`), with the settings they share (`config`, `settings`, `i18n`) and
//! the small IO helpers (`atomic`, `input`, `cap`).

pub mod atomic;
pub mod audit;
pub mod cap;
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
