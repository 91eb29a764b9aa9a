//! Opening databases. The bundled bytes are trusted; any other file is treated as hostile:
//! read-only, defensive mode, no trusted schema, an integrity check and a schema check before the
//! first query, and a clear one-line error for each way it can fail.

use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::{BUNDLED_DB, Inventory, SCHEMA_VERSION, StoreError, read};

/// Files larger than this are refused before SQLite reads them.
pub const MAX_FILE_BYTES: u64 = 2_000_000_000;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// The tables and columns this program reads. Each must exist as a real table (not a view).
const EXPECTED: &[(&str, &[&str])] = &[
    ("metadata", &["key", "value"]),
    (
        "vocabulary",
        &[
            "facet",
            "id",
            "position",
            "label_nl",
            "label_en",
            "definition",
            "synonyms",
        ],
    ),
    (
        "intervention",
        &[
            "id",
            "name",
            "country",
            "summary",
            "aim",
            "approach",
            "framing",
            "evidence_level",
            "evidence_year",
            "evidence_body",
            "evidence_note",
            "duration",
            "cost",
            "region",
        ],
    ),
    ("alias", &["intervention_id", "position", "alias"]),
    ("provider", &["intervention_id", "position", "name"]),
    (
        "facet_value",
        &["intervention_id", "facet", "position", "value_id"],
    ),
    (
        "working_element",
        &["intervention_id", "position", "element_id", "note"],
    ),
    (
        "study",
        &[
            "intervention_id",
            "position",
            "design",
            "n",
            "outcome",
            "year",
            "reference",
        ],
    ),
    (
        "source",
        &["intervention_id", "position", "url", "title", "checked"],
    ),
];

/// Open the inventory compiled into the binary.
pub fn open_bundled() -> Result<Inventory, StoreError> {
    let label = PathBuf::from("<bundled inventory>");
    let mut conn =
        Connection::open_in_memory().map_err(|e| StoreError::Sqlite(label.clone(), e))?;
    conn.deserialize_bytes("main", BUNDLED_DB)
        .map_err(|e| classify(&label, e))?;
    check_schema(&conn, &label)?;
    read::load(&conn, &label)
}

/// Open an inventory file from anywhere, defensively.
pub fn open_path(path: &Path) -> Result<Inventory, StoreError> {
    let conn = connect(path)?;
    quick_check(&conn, path)?;
    check_schema(&conn, path)?;
    read::load(&conn, path)
}

/// `weerbaar db verify`: the full integrity check plus the schema check and a trial load.
/// Returns what was checked, one line each.
pub fn verify_path(path: &Path) -> Result<Vec<String>, StoreError> {
    let conn = connect(path)?;
    let rows: Vec<String> = {
        let mut stmt = conn
            .prepare("PRAGMA integrity_check")
            .map_err(|e| classify(path, e))?;
        stmt.query_map([], |r| r.get::<_, String>(0))
            .and_then(|rows| rows.collect())
            .map_err(|e| classify(path, e))?
    };
    if rows != ["ok"] {
        return Err(StoreError::Corrupt(
            path.to_path_buf(),
            one_line(&rows.into_iter().take(3).collect::<Vec<_>>().join("; ")),
        ));
    }
    check_schema(&conn, path)?;
    let inventory = read::load(&conn, path)?;
    Ok(vec![
        "integrity check: ok".to_string(),
        format!("schema version {SCHEMA_VERSION}: ok"),
        format!(
            "content: {} interventions, \"{}\" version {} ({})",
            inventory.interventions.len(),
            inventory.metadata.title,
            inventory.metadata.version,
            inventory.metadata.date
        ),
    ])
}

fn connect(path: &Path) -> Result<Connection, StoreError> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, e))?;
    if meta.is_dir() {
        return Err(StoreError::NotADatabase(path.to_path_buf()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(StoreError::TooLarge(path.to_path_buf(), meta.len()));
    }
    // Check the header ourselves: SQLite would accept an empty file as a new, empty database.
    let mut header = [0u8; 16];
    let mut file = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
    let n = read_up_to(&mut file, &mut header).map_err(|e| io_error(path, e))?;
    if n < header.len() || &header != SQLITE_MAGIC {
        return Err(StoreError::NotADatabase(path.to_path_buf()));
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| classify(path, e))?;
    harden(&conn).map_err(|e| classify(path, e))?;
    Ok(conn)
}

fn read_up_to(file: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// Defensive settings for a database we did not make.
fn harden(conn: &Connection) -> rusqlite::Result<()> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_VIEW, false)?;
    conn.execute_batch("PRAGMA query_only = ON; PRAGMA cell_size_check = ON;")?;
    Ok(())
}

fn quick_check(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let result: String = conn
        .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
        .map_err(|e| classify(path, e))?;
    if result == "ok" {
        Ok(())
    } else {
        Err(StoreError::Corrupt(path.to_path_buf(), one_line(&result)))
    }
}

fn check_schema(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| classify(path, e))?;
    for (table, columns) in EXPECTED {
        let kind: Option<String> = conn
            .query_row(
                "SELECT type FROM sqlite_schema WHERE name = ?1",
                [table],
                |r| r.get(0),
            )
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })
            .map_err(|e| classify(path, e))?;
        match kind.as_deref() {
            Some("table") => {}
            Some(other) => {
                return Err(StoreError::WrongSchema(
                    path.to_path_buf(),
                    format!("`{table}` is a {other}, not a table"),
                ));
            }
            None if version > SCHEMA_VERSION => {
                return Err(StoreError::NewerSchema(path.to_path_buf(), version));
            }
            None => {
                return Err(StoreError::WrongSchema(
                    path.to_path_buf(),
                    format!("table `{table}` is missing"),
                ));
            }
        }
        let mut stmt = conn
            .prepare("SELECT name FROM pragma_table_info(?1)")
            .map_err(|e| classify(path, e))?;
        let present: Vec<String> = stmt
            .query_map([table], |r| r.get(0))
            .and_then(|rows| rows.collect())
            .map_err(|e| classify(path, e))?;
        if let Some(missing) = columns.iter().find(|c| !present.iter().any(|p| p == *c)) {
            return Err(StoreError::WrongSchema(
                path.to_path_buf(),
                format!("table `{table}` has no column `{missing}`"),
            ));
        }
    }
    match version {
        v if v == SCHEMA_VERSION => Ok(()),
        v if v > SCHEMA_VERSION => Err(StoreError::NewerSchema(path.to_path_buf(), v)),
        v => Err(StoreError::OlderSchema(path.to_path_buf(), v)),
    }
}

/// SQLite's integrity reports span lines and start with a banner; the user gets one line.
fn one_line(report: &str) -> String {
    report
        .replace("*** in database main ***", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn io_error(path: &Path, e: std::io::Error) -> StoreError {
    match e.kind() {
        std::io::ErrorKind::NotFound => StoreError::Missing(path.to_path_buf()),
        std::io::ErrorKind::PermissionDenied => StoreError::PermissionDenied(path.to_path_buf()),
        _ => StoreError::Io(path.to_path_buf(), e),
    }
}

/// Map SQLite's error codes to the messages a user can act on.
pub(super) fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotADatabase(path.to_path_buf()),
        Some(ErrorCode::DatabaseCorrupt) => {
            StoreError::Corrupt(path.to_path_buf(), "SQLite reports a malformed file".into())
        }
        Some(ErrorCode::PermissionDenied) | Some(ErrorCode::CannotOpen) => {
            StoreError::PermissionDenied(path.to_path_buf())
        }
        _ => StoreError::Sqlite(path.to_path_buf(), e),
    }
}
