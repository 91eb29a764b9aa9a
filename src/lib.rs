//! weerbaar: an offline explorer for interventions that strengthen weerbaarheid.
//!
//! A pure core (`core`: the model, the store, the query and the features over them) under two
//! faces: the command line (`cli`) and the terminal explorer (`tui`). Data flows one way:
//! sources → database → inventory → query → the face. `tests/layering.rs` holds the tree to it.

// No unsafe code in what is shipped (Cargo.toml denies it everywhere; here it cannot be allowed).
#![forbid(unsafe_code)]

pub mod cli;
pub mod core;
pub mod tui;
