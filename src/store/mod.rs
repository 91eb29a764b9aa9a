//! The inventory on disk: the schema, building the SQLite file from the TOML sources, and opening
//! a database (the bundled one or any file) read-only and defensively.

pub mod checked;
mod content;
pub mod draft;
mod open;
mod read;
mod records;
pub mod source;
mod write;

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::model::Intervention;

pub use content::{ContentProblem, ContentReport, ProblemKind};
pub use open::{Database, IntegrityCheck, Verification, open_bundled, open_path, verify_path};
pub use read::Part;
pub use records::{CACHE_RECORDS, CHUNK_RECORDS, Records, Unreadable};
pub use write::{BuildError, build_file, write_atomically, write_inventory};

/// SQLite's error as the message a user can act on (for readers outside this module).
pub(crate) fn classify_error(path: &std::path::Path, e: rusqlite::Error) -> StoreError {
    open::classify(path, e)
}

/// The most interventions an inventory may hold: a file with more is refused rather than read
/// into memory (`weerbaar import` keeps to the same limit).
pub const MAX_INTERVENTIONS: usize = 1_000_000;

/// The most rows one child table (aliases, sources, …) may hold.
pub const MAX_CHILD_ROWS: usize = 20 * MAX_INTERVENTIONS;

/// The schema version stored in `PRAGMA user_version`. Version 2 added provenance per field
/// (`source.supports`) and the recognition's status, date and databank.
pub const SCHEMA_VERSION: i64 = 2;

/// The schema, as SQL; also printed in docs/schema.md.
pub const SCHEMA_SQL: &str = include_str!("schema.sql");

/// The database compiled into the binary from `data/inventory.sqlite`.
pub static BUNDLED_DB: &[u8] = include_bytes!("../../data/inventory.sqlite");

/// Describes an inventory: shown by `--version`, in the status bar and in every export.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Metadata {
    pub title: String,
    pub version: String,
    /// ISO date of this version of the data.
    pub date: String,
    pub licence: String,
    pub source: String,
}

/// A loaded inventory: its metadata and every intervention, sorted by id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inventory {
    pub metadata: Metadata,
    pub interventions: Vec<Intervention>,
}

impl Inventory {
    pub fn get(&self, id: &str) -> Option<&Intervention> {
        self.interventions
            .binary_search_by(|i| i.id.as_str().cmp(id))
            .ok()
            .map(|ix| &self.interventions[ix])
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.interventions
            .binary_search_by(|i| i.id.as_str().cmp(id))
            .ok()
    }
}

/// Why an inventory could not be opened. Each variant is one clear line for the user.
#[derive(Debug)]
pub enum StoreError {
    Missing(PathBuf),
    PermissionDenied(PathBuf),
    NotADatabase(PathBuf),
    Corrupt(PathBuf, String),
    TooLarge(PathBuf, u64),
    /// Reading took longer than the time limit (seconds) and was stopped.
    TooSlow(PathBuf, u64),
    WrongSchema(PathBuf, String),
    NewerSchema(PathBuf, i64),
    OlderSchema(PathBuf, i64),
    BadContent(PathBuf, String),
    Io(PathBuf, std::io::Error),
    Sqlite(PathBuf, rusqlite::Error),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Missing(p) => write!(f, "{}: no such file", p.display()),
            StoreError::PermissionDenied(p) => {
                write!(
                    f,
                    "{}: permission denied (cannot read the file)",
                    p.display()
                )
            }
            StoreError::NotADatabase(p) => write!(
                f,
                "{}: not an SQLite database (is it a CSV or JSON file? use `weerbaar import`)",
                p.display()
            ),
            StoreError::Corrupt(p, detail) => {
                write!(f, "{}: the database is corrupt ({detail})", p.display())
            }
            StoreError::TooLarge(p, size) => write!(
                f,
                "{}: the file is too large to open ({} MB; the limit is {} MB)",
                p.display(),
                size / 1_000_000,
                open::MAX_FILE_BYTES / 1_000_000
            ),
            StoreError::TooSlow(p, secs) => write!(
                f,
                "{}: reading took longer than {secs} s and was stopped (is it damaged, or not a weerbaar inventory?)",
                p.display()
            ),
            StoreError::WrongSchema(p, detail) => {
                write!(f, "{}: not a weerbaar inventory ({detail})", p.display())
            }
            StoreError::NewerSchema(p, v) => write!(
                f,
                "{}: made by a newer weerbaar (schema version {v}; this program reads version {SCHEMA_VERSION}); update weerbaar",
                p.display()
            ),
            StoreError::OlderSchema(p, v) => write!(
                f,
                "{}: schema version {v} is older than version {SCHEMA_VERSION}; rebuild it with `weerbaar db build` or `weerbaar import`",
                p.display()
            ),
            StoreError::BadContent(p, detail) => {
                write!(f, "{}: invalid inventory content ({detail})", p.display())
            }
            StoreError::Io(p, e) => write!(f, "{}: {e}", p.display()),
            StoreError::Sqlite(p, e) => write!(f, "{}: database error: {e}", p.display()),
        }
    }
}

impl std::error::Error for StoreError {}
