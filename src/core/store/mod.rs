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

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::core::model::Intervention;

pub use content::{ContentProblem, ContentReport, ProblemKind};
pub use open::{Database, IntegrityCheck, Verification, open_bundled, open_path, verify_path};
pub use read::Part;
pub use records::{CACHE_RECORDS, CHUNK_RECORDS, Records, Unreadable};
pub use write::{BuildError, build_file, write_atomically, write_inventory};

/// Tables derived from the records and kept in the same file (the stored search index): the
/// layer above (`inventory`) makes and checks them, the store only says when — after a written
/// file reads back, and in `db verify` — so the store does not know how it is searched.
#[derive(Clone, Copy)]
pub struct Derived {
    /// Write the derived tables in the open transaction, from the records as they read back
    /// from the written file (at the path given, before it is renamed into place).
    pub write: fn(&rusqlite::Connection, &Inventory, &std::path::Path) -> rusqlite::Result<()>,
    /// `db verify`: whether the derived tables are exactly what the records give; `Ok(None)`
    /// when the file has none, `Ok(Some(line))` for the report, `Err` on a mismatch.
    pub verify: fn(
        &rusqlite::Connection,
        &std::path::Path,
        &Inventory,
    ) -> Result<Option<String>, StoreError>,
}

impl Derived {
    /// No derived tables: the records alone.
    pub const NONE: Derived = Derived {
        write: |_, _, _| Ok(()),
        verify: |_, _, _| Ok(None),
    };
}

/// SQLite's error as the message a user can act on (for readers outside this module).
pub(crate) fn classify_error(path: &std::path::Path, e: rusqlite::Error) -> StoreError {
    classify(path, e)
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
pub static BUNDLED_DB: &[u8] = include_bytes!("../../../data/inventory.sqlite");

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

/// Why an inventory could not be opened. Each variant is one clear line for the user; the IO and
/// SQLite errors stay attached as the source, so a caller that wants the cause can walk to it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: no such file", .0.display())]
    Missing(PathBuf),
    #[error("{}: permission denied (cannot read the file)", .0.display())]
    PermissionDenied(PathBuf),
    #[error(
        "{}: not an SQLite database (is it a CSV or JSON file? use `weerbaar import`)",
        .0.display()
    )]
    NotADatabase(PathBuf),
    #[error("{}: the database is corrupt ({})", .0.display(), .1)]
    Corrupt(PathBuf, String),
    #[error(
        "{}: the file is too large to open ({} MB; the limit is {} MB)",
        .0.display(),
        .1 / 1_000_000,
        open::MAX_FILE_BYTES / 1_000_000
    )]
    TooLarge(PathBuf, u64),
    /// Reading took longer than the time limit (seconds) and was stopped.
    #[error(
        "{}: reading took longer than {} s and was stopped (is it damaged, or not a weerbaar inventory?)",
        .0.display(),
        .1
    )]
    TooSlow(PathBuf, u64),
    #[error("{}: not a weerbaar inventory ({})", .0.display(), .1)]
    WrongSchema(PathBuf, String),
    #[error(
        "{}: made by a newer weerbaar (schema version {}; this program reads version {SCHEMA_VERSION}); update weerbaar",
        .0.display(),
        .1
    )]
    NewerSchema(PathBuf, i64),
    #[error(
        "{}: schema version {} is older than version {SCHEMA_VERSION}; rebuild it with `weerbaar db build` or `weerbaar import`",
        .0.display(),
        .1
    )]
    OlderSchema(PathBuf, i64),
    #[error("{}: invalid inventory content ({})", .0.display(), .1)]
    BadContent(PathBuf, String),
    #[error("{}: {}", .0.display(), .1)]
    Io(PathBuf, #[source] std::io::Error),
    #[error("{}: database error: {}", .0.display(), .1)]
    Sqlite(PathBuf, #[source] rusqlite::Error),
}

/// Map SQLite's error codes to the messages a user can act on. It sits beside `StoreError`
/// so that reading (`read`, `content`) and opening (`open`) share it without needing each other.
fn classify(path: &std::path::Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotADatabase(path.to_path_buf()),
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
            StoreError::Corrupt(path.to_path_buf(), "SQLite reports a malformed file".into())
        }
        Some(rusqlite::ErrorCode::PermissionDenied) | Some(rusqlite::ErrorCode::CannotOpen) => {
            StoreError::PermissionDenied(path.to_path_buf())
        }
        Some(rusqlite::ErrorCode::TooBig) => StoreError::BadContent(
            path.to_path_buf(),
            format!(
                "a value is larger than {} MB; the limit for text is {} KB",
                open::MAX_VALUE_BYTES / 1_000_000,
                draft::MAX_TEXT_BYTES / 1024
            ),
        ),
        _ => StoreError::Sqlite(path.to_path_buf(), e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error;

    #[test]
    fn an_io_error_keeps_its_cause_behind_the_one_line_message() {
        let cause = std::io::Error::new(std::io::ErrorKind::Interrupted, "the disk went away");
        let e = StoreError::Io(PathBuf::from("x.sqlite"), cause);
        assert_eq!(e.to_string(), "x.sqlite: the disk went away");
        let source = e.source().map(ToString::to_string);
        assert_eq!(source.as_deref(), Some("the disk went away"));
        assert!(StoreError::Missing(PathBuf::from("x")).source().is_none());
    }
}
