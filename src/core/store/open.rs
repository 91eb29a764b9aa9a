//! Opening databases. The bundled bytes are trusted; any other file is treated as hostile:
//! read-only, defensive mode, no trusted schema, triggers and views switched off, a cap on the
//! size of any value and on the time any query may take, an integrity check and a schema check
//! before the first query, and a clear one-line error for each way it can fail.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rusqlite::config::DbConfig;
use rusqlite::limits::Limit;
use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::core::model::Intervention;

use super::content::ContentReport;
use super::read::Part;
use super::{BUNDLED_DB, Derived, Inventory, Metadata, SCHEMA_VERSION, StoreError, classify, read};

/// Files larger than this are refused before SQLite reads them.
pub const MAX_FILE_BYTES: u64 = 2_000_000_000;

/// SQLite refuses to hand over any single value longer than this (bytes), so a hostile file
/// cannot make it allocate a giant string before our own text limit (`MAX_TEXT_BYTES`) sees it.
pub const MAX_VALUE_BYTES: i32 = 1_000_000;

/// How long opening a file may take before it is stopped, and how long `db verify` may take
/// (its full integrity check reads every page), for each 100 MB of file (and at least once):
/// a 750 MB file of 100,000 interventions opens in about 10 s on a slow machine, so only a
/// query that has run away is ever stopped.
const OPEN_TIME: Duration = Duration::from_secs(30);
const VERIFY_TIME: Duration = Duration::from_secs(60);
const PER_BYTES: u64 = 100_000_000;

/// When to give up on a query: after `time`, checked every `every` SQLite VM steps.
#[derive(Debug, Clone, Copy)]
struct Budget {
    time: Duration,
    every: i32,
}

impl Budget {
    const OPEN: Budget = Budget {
        time: OPEN_TIME,
        every: 10_000,
    };
    const VERIFY: Budget = Budget {
        time: VERIFY_TIME,
        every: 10_000,
    };

    /// This budget once, plus once more for every 100 MB of the file at `path`.
    fn for_file(self, path: &Path) -> Budget {
        let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        Budget {
            time: self.time.mul_f64(1.0 + bytes as f64 / PER_BYTES as f64),
            every: self.every,
        }
    }
}

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
            "evidence_status",
            "evidence_date",
            "evidence_databank",
            "evidence_databank_url",
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
        &[
            "intervention_id",
            "position",
            "url",
            "title",
            "checked",
            "supports",
        ],
    ),
];

/// Open the inventory compiled into the binary.
pub fn open_bundled() -> Result<Inventory, StoreError> {
    Database::open_bundled()?.load()
}

/// Open an inventory file from anywhere, defensively.
pub fn open_path(path: &Path) -> Result<Inventory, StoreError> {
    open_with(path, Budget::OPEN.for_file(path))
}

fn open_with(path: &Path, budget: Budget) -> Result<Inventory, StoreError> {
    Database::open_with(path, budget)?.load()
}

/// An inventory database, checked and open, for reading records one at a time: streaming all
/// of them (to build a search index without holding every record in memory) or fetching one
/// by id (the details of the record on screen). Shareable between threads.
pub struct Database {
    conn: Mutex<Connection>,
    label: PathBuf,
    metadata: Metadata,
    /// The time limit for each read of a file from elsewhere (none for the bundled bytes).
    budget: Option<Budget>,
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Database")
            .field("label", &self.label)
            .finish_non_exhaustive()
    }
}

impl Database {
    /// The inventory compiled into the binary.
    pub fn open_bundled() -> Result<Database, StoreError> {
        let label = PathBuf::from("<bundled inventory>");
        let mut conn =
            Connection::open_in_memory().map_err(|e| StoreError::Sqlite(label.clone(), e))?;
        conn.deserialize_bytes("main", BUNDLED_DB)
            .map_err(|e| classify(&label, e))?;
        check_schema(&conn, &label)?;
        let metadata = read::load_metadata(&conn, &label)?;
        Ok(Database {
            conn: Mutex::new(conn),
            label,
            metadata,
            budget: None,
        })
    }

    /// An inventory file from anywhere, defensively.
    pub fn open_path(path: &Path) -> Result<Database, StoreError> {
        Database::open_with(path, Budget::OPEN.for_file(path))
    }

    fn open_with(path: &Path, budget: Budget) -> Result<Database, StoreError> {
        let conn = connect(path, budget)?;
        // An unchanged file that passed before is not checked again (`store::checked`).
        super::checked::check_once(path, || {
            timed(&conn, budget, |conn| quick_check(conn, path))
        })
        .map_err(|e| interrupted(e, path, budget))?;
        Database::checked(conn, path, budget)
    }

    /// Check the schema of a connection to a file and read its metadata.
    fn checked(conn: Connection, path: &Path, budget: Budget) -> Result<Database, StoreError> {
        let metadata = timed(&conn, budget, |conn| {
            check_schema(conn, path).and_then(|()| read::load_metadata(conn, path))
        })
        .map_err(|e| interrupted(e, path, budget))?;
        Ok(Database {
            conn: Mutex::new(conn),
            label: path.to_path_buf(),
            metadata,
            budget: Some(budget),
        })
    }

    /// An inventory file from anywhere, defensively, but with the integrity check left to the
    /// caller (`IntegrityCheck::run`, on its own connection): the explorer shows its first
    /// frame and starts reading while the check runs on another thread, and refuses the file
    /// if the check fails. Reading an unchecked file is safe in the ways that matter: the
    /// connection is read-only and defensive, checks every cell's size, limits value sizes and
    /// query time, and a malformed page is an error, never undefined behaviour.
    pub fn open_path_deferred(path: &Path) -> Result<(Database, IntegrityCheck), StoreError> {
        Database::open_deferred_with(path, Budget::OPEN.for_file(path))
    }

    fn open_deferred_with(
        path: &Path,
        budget: Budget,
    ) -> Result<(Database, IntegrityCheck), StoreError> {
        let db = Database::checked(connect(path, budget)?, path, budget)?;
        let check = IntegrityCheck {
            path: path.to_path_buf(),
            budget,
        };
        Ok((db, check))
    }

    /// A second connection to the same inventory, for reading on another thread while this
    /// one fetches records (each connection reads one query at a time).
    pub fn open_again(&self) -> Result<Database, StoreError> {
        match self.budget {
            None => Database::open_bundled(),
            Some(budget) => {
                let path = &self.label;
                let conn = connect(path, budget)?;
                timed(&conn, budget, |conn| check_schema(conn, path))
                    .map_err(|e| interrupted(e, path, budget))?;
                Ok(Database {
                    conn: Mutex::new(conn),
                    label: path.clone(),
                    metadata: self.metadata.clone(),
                    budget: Some(budget),
                })
            }
        }
    }

    pub fn metadata(&self) -> &Metadata {
        &self.metadata
    }

    /// The file's path (or `<bundled inventory>`), as error messages name it.
    pub fn label(&self) -> &Path {
        &self.label
    }

    /// Run one read with the connection, under a fresh time limit: the database may stay open
    /// for hours while the explorer fetches details now and then.
    fn read<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        // A panic while holding the lock cannot leave the read-only connection half-changed.
        let mut conn = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        match self.budget {
            None => f(&conn),
            Some(budget) => {
                arm(&mut conn, budget).map_err(|e| classify(&self.label, e))?;
                timed(&conn, budget, f).map_err(|e| interrupted(e, &self.label, budget))
            }
        }
    }

    /// Run `f` with the connection under the time limit (for the stored search index,
    /// `inventory::stored`, whose tables this module does not read itself).
    pub(crate) fn with_connection<T>(
        &self,
        f: impl FnOnce(&Connection, &Path) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.read(|conn| f(conn, &self.label))
    }

    /// Every intervention, in memory.
    pub fn load(&self) -> Result<Inventory, StoreError> {
        let mut interventions = Vec::new();
        self.for_each(|item| {
            interventions.push(item);
            Ok(())
        })?;
        Ok(Inventory {
            metadata: self.metadata.clone(),
            interventions,
        })
    }

    /// Call `f` with each intervention in id order, one at a time.
    pub fn for_each(
        &self,
        f: impl FnMut(Intervention) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.for_each_part(Part::All, f)
    }

    /// The same, reading only the fields `part` names (the others are left empty).
    pub fn for_each_part(
        &self,
        part: Part,
        f: impl FnMut(Intervention) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.read(|conn| read::for_each(conn, &self.label, None, part, f))
    }

    /// How many interventions the inventory holds (for progress: SQLite counts without
    /// reading the rows).
    pub fn count(&self) -> Result<usize, StoreError> {
        self.read(|conn| {
            conn.query_row("SELECT count(*) FROM intervention", [], |r| {
                r.get::<_, i64>(0)
            })
            .map(|n| usize::try_from(n).unwrap_or(0))
            .map_err(|e| classify(&self.label, e))
        })
    }

    /// One intervention, complete, by id.
    pub fn intervention(&self, id: &str) -> Result<Option<Intervention>, StoreError> {
        Ok(self.interventions(&[id])?.pop())
    }

    /// The interventions with these ids, complete, in id order (not the order asked; each
    /// once; ids the inventory does not have are left out). A few hundred ids take one read
    /// per table, so an export can fetch its records in chunks, in any order, without holding
    /// them all or reading the whole file for each.
    pub fn interventions(&self, ids: &[&str]) -> Result<Vec<Intervention>, StoreError> {
        let mut found = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(read::MAX_IDS) {
            self.read(|conn| {
                read::for_each(conn, &self.label, Some(chunk), Part::All, |item| {
                    found.push(item);
                    Ok(())
                })
            })?;
        }
        Ok(found)
    }
}

/// The integrity check of a file opened with `Database::open_path_deferred`, to run (on any
/// thread) before trusting what was read.
#[derive(Debug)]
pub struct IntegrityCheck {
    path: PathBuf,
    budget: Budget,
}

impl IntegrityCheck {
    /// `PRAGMA quick_check` on a connection of its own: `Corrupt` with SQLite's first finding
    /// when the file is damaged.
    pub fn run(self) -> Result<(), StoreError> {
        super::checked::check_once(&self.path, || {
            let conn = connect(&self.path, self.budget)?;
            timed(&conn, self.budget, |conn| quick_check(conn, &self.path))
                .map_err(|e| interrupted(e, &self.path, self.budget))
        })
    }
}

/// The size and modification time of each file when it was opened, to tell a file that
/// another program changed while we read it from a damaged one.
type Stamp = (u64, Option<std::time::SystemTime>);
static OPENED: Mutex<Vec<(PathBuf, Stamp)>> = Mutex::new(Vec::new());

fn stamp(meta: &std::fs::Metadata) -> Stamp {
    (meta.len(), meta.modified().ok())
}

fn remember_stamp(path: &Path, meta: &std::fs::Metadata) {
    let mut opened = OPENED.lock().unwrap_or_else(|e| e.into_inner());
    opened.retain(|(p, _)| p != path);
    opened.push((path.to_path_buf(), stamp(meta)));
}

/// Whether the file is no longer as it was when opened.
fn changed_since_opened(path: &Path) -> bool {
    let opened = OPENED.lock().unwrap_or_else(|e| e.into_inner());
    let Some((_, then)) = opened.iter().find(|(p, _)| p == path) else {
        return false;
    };
    std::fs::metadata(path).map_or(true, |m| stamp(&m) != *then)
}

/// A query stopped by the progress handler surfaces as "interrupted"; say why. A file that
/// looks damaged but changed since it was opened was being written meanwhile: say that, not
/// "corrupt".
fn interrupted(e: StoreError, path: &Path, budget: Budget) -> StoreError {
    if matches!(e, StoreError::Corrupt(..) | StoreError::NotADatabase(_))
        && changed_since_opened(path)
    {
        return StoreError::Io(
            path.to_path_buf(),
            std::io::Error::other(
                "the file changed while it was read (is another program writing it?); try again when it is done",
            ),
        );
    }
    match &e {
        StoreError::Sqlite(_, err)
            if err.sqlite_error_code() == Some(ErrorCode::OperationInterrupted) =>
        {
            StoreError::TooSlow(path.to_path_buf(), budget.time.as_secs())
        }
        _ => e,
    }
}

/// What `weerbaar db verify` found in a file that could be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// What was checked and passed, one line each.
    pub lines: Vec<String>,
    /// Values outside the vocabularies and orphan rows: the file opens, but these rows show
    /// as raw ids or not at all.
    pub content: ContentReport,
}

/// `weerbaar db verify`: the full integrity check plus the schema check, a trial load and a
/// check of every value against the vocabularies.
/// `derived` checks the tables derived from the records (the stored search index).
pub fn verify_path(path: &Path, derived: Derived) -> Result<Verification, StoreError> {
    verify_with(path, Budget::VERIFY.for_file(path), derived)
}

fn verify_with(path: &Path, budget: Budget, derived: Derived) -> Result<Verification, StoreError> {
    let conn = connect(path, budget)?;
    timed(&conn, budget, |conn| verify_conn(conn, path, derived))
        .map_err(|e| interrupted(e, path, budget))
}

fn verify_conn(
    conn: &Connection,
    path: &Path,
    derived: Derived,
) -> Result<Verification, StoreError> {
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
    check_schema(conn, path)?;
    let inventory = read::load(conn, path)?;
    let mut lines = vec![
        "integrity check: ok".to_string(),
        format!("schema version {SCHEMA_VERSION}: ok"),
        format!(
            "content: {} interventions, \"{}\" version {} ({})",
            inventory.interventions.len(),
            inventory.metadata.title,
            inventory.metadata.version,
            inventory.metadata.date
        ),
    ];
    let content = super::content::check(conn, path)?;
    // The stored search index is derived data: it must be exactly what the records give. A
    // file whose records already have problems (listed, exit 1) gets the mismatch as a line;
    // otherwise a mismatch refuses the file.
    match (derived.verify)(conn, path, &inventory) {
        Ok(Some(line)) => lines.push(line),
        Ok(None) => lines.push(
            "search index: none (indexed again on every open; `weerbaar db index` adds one)".into(),
        ),
        Err(StoreError::BadContent(_, detail)) if content.total > 0 => {
            lines.push(format!("search index: {detail}"))
        }
        Err(e) => return Err(e),
    }
    let extra: Vec<(String, i64)> = {
        let mut stmt = conn
            .prepare(
                "SELECT type, count(*) FROM sqlite_schema WHERE type IN ('view', 'trigger') GROUP BY type ORDER BY type",
            )
            .map_err(|e| classify(path, e))?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect())
            .map_err(|e| classify(path, e))?
    };
    if !extra.is_empty() {
        let parts: Vec<String> = extra
            .iter()
            .map(|(kind, n)| format!("{n} {kind}{}", if *n == 1 { "" } else { "s" }))
            .collect();
        lines.push(format!(
            "note: {} not made by weerbaar; they are never run",
            parts.join(" and ")
        ));
    }
    Ok(Verification { lines, content })
}

fn connect(path: &Path, budget: Budget) -> Result<Connection, StoreError> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, e))?;
    if meta.is_dir() {
        return Err(StoreError::NotADatabase(path.to_path_buf()));
    }
    // A pipe would block SQLite's open forever, a device would be read without end.
    if !meta.is_file() {
        return Err(StoreError::Io(
            path.to_path_buf(),
            crate::core::input::not_a_file(),
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(StoreError::TooLarge(path.to_path_buf(), meta.len()));
    }
    remember_stamp(path, &meta);
    // Check the header ourselves: SQLite would accept an empty file as a new, empty database.
    let mut header = [0u8; 16];
    let mut file = crate::core::input::open_regular(path).map_err(|e| io_error(path, e))?;
    let n = read_up_to(&mut file, &mut header).map_err(|e| io_error(path, e))?;
    if n < header.len() || &header != SQLITE_MAGIC {
        return Err(StoreError::NotADatabase(path.to_path_buf()));
    }
    // The file is opened immutable, which ignores a write-ahead log: committed changes still
    // in `-wal` would silently not be shown. Say so instead.
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let wal = PathBuf::from(wal);
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        return Err(StoreError::Io(
            path.to_path_buf(),
            std::io::Error::other(format!(
                "committed changes are still in its write-ahead log ({}) and would not be shown; \
                 close the program writing it, or run `sqlite3 FILE 'PRAGMA wal_checkpoint(TRUNCATE)'`",
                wal.file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default()
            )),
        ));
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    // `immutable=1` keeps SQLite from creating -wal/-shm files next to a file we only read
    // (a WAL-mode database would otherwise need them, and fail in a read-only folder).
    let mut conn = match immutable_uri(path) {
        Some(uri) => Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI),
        None => Connection::open_with_flags(path, flags),
    }
    .map_err(|e| classify(path, e))?;
    harden(&mut conn, budget).map_err(|e| classify(path, e))?;
    // Before any check reads a row: a generated column or an index expression runs SQL of
    // the file's choosing inside the checks themselves.
    timed(&conn, budget, |conn| refuse_foreign_code(conn, path))
        .map_err(|e| interrupted(e, path, budget))?;
    Ok(conn)
}

/// The `CREATE INDEX` statements weerbaar makes (normalised), from the schema itself.
fn our_indexes() -> &'static [String] {
    static OURS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    OURS.get_or_init(|| {
        let made = Connection::open_in_memory().and_then(|conn| {
            conn.execute_batch(super::SCHEMA_SQL)?;
            let mut stmt = conn.prepare(
                "SELECT sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL",
            )?;
            stmt.query_map([], |r| r.get::<_, String>(0))?
                .map(|sql| sql.map(|s| normalise_sql(&s)))
                .collect()
        });
        made.unwrap_or_default()
    })
}

fn normalise_sql(sql: &str) -> String {
    sql.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase()
}

/// Refuse a file whose schema would make SQLite run expressions of the file's choosing while
/// we read or check it: generated columns (computed on every read, and hidden from
/// `table_info`, so found through `table_xinfo`) and indexes weerbaar did not make (an
/// expression or a partial index's `WHERE` runs during the integrity check). One long call of
/// a built-in function there is not stopped by the step counter.
fn refuse_foreign_code(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let wrong = |what: String| StoreError::WrongSchema(path.to_path_buf(), what);
    let entries: Vec<(String, String, String)> = {
        let mut stmt = conn
            .prepare(
                "SELECT type, name, coalesce(sql, '') FROM sqlite_schema
                 WHERE type IN ('table', 'index') ORDER BY rowid",
            )
            .map_err(|e| classify(path, e))?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .and_then(|rows| rows.collect())
            .map_err(|e| classify(path, e))?
    };
    for (kind, name, sql) in &entries {
        let shown = crate::core::model::text::sanitize_line(name);
        if kind == "index" {
            // Indexes SQLite makes for keys have no SQL; any other must be one of ours.
            if !sql.is_empty() && !our_indexes().contains(&normalise_sql(sql)) {
                return Err(wrong(format!(
                    "the index `{shown}` was not made by weerbaar (an index can run code while the file is read)"
                )));
            }
            continue;
        }
        if is_virtual(sql) {
            continue;
        }
        let generated: i64 = conn
            .query_row(
                "SELECT count(*) FROM pragma_table_xinfo(?1) WHERE hidden IN (2, 3)",
                [name],
                |r| r.get(0),
            )
            .map_err(|e| classify(path, e))?;
        if generated > 0 {
            return Err(wrong(format!(
                "table `{shown}` has a generated column (computed by code in the file); weerbaar does not make those"
            )));
        }
    }
    Ok(())
}

/// `file:<path>?immutable=1`, with the characters a URI path cannot hold escaped.
fn immutable_uri(path: &Path) -> Option<String> {
    let text = path.to_str()?;
    let mut uri = String::from("file:");
    for c in text.chars() {
        match c {
            '%' => uri.push_str("%25"),
            '?' => uri.push_str("%3F"),
            '#' => uri.push_str("%23"),
            c => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    Some(uri)
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
fn harden(conn: &mut Connection, budget: Budget) -> rusqlite::Result<()> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_VIEW, false)?;
    conn.set_limit(Limit::SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)?;
    // Nothing we run needs attached databases or deep expressions.
    conn.set_limit(Limit::SQLITE_LIMIT_ATTACHED, 0)?;
    conn.execute_batch("PRAGMA query_only = ON; PRAGMA cell_size_check = ON;")?;
    arm(conn, budget)
}

/// Start the time limit: a runaway query (a corrupt b-tree, a pathological file) is stopped,
/// never a hang. The progress handler counts VM steps, which one long call of a built-in
/// function never makes; `Watchdog` interrupts those by the clock.
fn arm(conn: &mut Connection, budget: Budget) -> rusqlite::Result<()> {
    let deadline = Instant::now() + budget.time;
    conn.progress_handler(budget.every, Some(move || Instant::now() >= deadline))
}

/// A timer thread that interrupts the connection's running statement when the budget's time
/// has passed; dropping it (the read is over) stops the timer.
struct Watchdog {
    stop: Option<std::sync::mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Watchdog {
    fn start(conn: &Connection, time: Duration) -> Watchdog {
        let handle = conn.get_interrupt_handle();
        let (stop, stopped) = std::sync::mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("sqlite-watchdog".into())
            .spawn(move || {
                if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(time)
                {
                    handle.interrupt();
                }
            })
            .ok();
        Watchdog {
            stop: Some(stop),
            thread,
        }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Run `f` on `conn` with the wall-clock limit of `budget` enforced.
fn timed<T>(conn: &Connection, budget: Budget, f: impl FnOnce(&Connection) -> T) -> T {
    let _watchdog = Watchdog::start(conn, budget.time);
    f(conn)
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
        let kind: Option<(String, String)> = conn
            .query_row(
                "SELECT type, coalesce(sql, '') FROM sqlite_schema WHERE name = ?1 COLLATE NOCASE",
                [table],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })
            .map_err(|e| classify(path, e))?;
        match kind.as_ref().map(|(k, sql)| (k.as_str(), sql)) {
            Some(("table", sql)) if is_virtual(sql) => {
                return Err(StoreError::WrongSchema(
                    path.to_path_buf(),
                    format!("`{table}` is a virtual table, not a table"),
                ));
            }
            Some(("table", _)) => {}
            Some((other, _)) => {
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

/// `CREATE VIRTUAL TABLE …`: its rows come from a module's code, not from the file.
fn is_virtual(sql: &str) -> bool {
    let words: Vec<String> = sql
        .split_whitespace()
        .take(2)
        .map(|w| w.to_ascii_lowercase())
        .collect();
    words.get(1).is_some_and(|w| w == "virtual")
}

fn io_error(path: &Path, e: std::io::Error) -> StoreError {
    match e.kind() {
        std::io::ErrorKind::NotFound => StoreError::Missing(path.to_path_buf()),
        std::io::ErrorKind::PermissionDenied => StoreError::PermissionDenied(path.to_path_buf()),
        _ => StoreError::Io(path.to_path_buf(), e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_over_its_time_budget_is_stopped_with_a_clear_message() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("slow.sqlite");
        std::fs::write(&path, BUNDLED_DB).unwrap_or_else(|e| panic!("{e}"));
        // No time at all: the first progress check stops the first query.
        let none = Budget {
            time: Duration::ZERO,
            every: 1,
        };
        let err = open_with(&path, none).err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some(
                format!(
                    "{}: reading took longer than 0 s and was stopped (is it damaged, or not a weerbaar inventory?)",
                    path.display()
                )
                .as_str()
            )
        );
        assert!(matches!(
            verify_with(&path, none, Derived::NONE),
            Err(StoreError::TooSlow(_, 0))
        ));
        assert!(open_with(&path, Budget::OPEN).is_ok());
    }

    #[test]
    fn one_long_query_is_stopped_by_the_clock_even_without_progress_checks() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("ok.sqlite");
        std::fs::write(&path, BUNDLED_DB).unwrap_or_else(|e| panic!("{e}"));
        // The step counter never fires: only the wall clock can stop the query.
        let budget = Budget {
            time: Duration::from_millis(200),
            every: i32::MAX,
        };
        let db = Database::open_with(&path, Budget::OPEN).unwrap_or_else(|e| panic!("{e}"));
        let db = Database {
            budget: Some(budget),
            ..db
        };
        let started = Instant::now();
        let err = db
            .read(|conn| {
                conn.query_row(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)
                     SELECT count(*) FROM n",
                    [],
                    |r| r.get::<_, i64>(0),
                )
                .map_err(|e| classify(&path, e))
            })
            .unwrap_err();
        assert!(matches!(err, StoreError::TooSlow(..)), "{err}");
        assert!(started.elapsed() < Duration::from_secs(10));
        // The next read gets a fresh limit and works.
        assert!(db.count().is_ok());
    }

    #[test]
    fn generated_columns_and_foreign_indexes_are_refused_before_any_check() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        for (n, sql, said) in [
            (
                1,
                "ALTER TABLE intervention ADD COLUMN g TEXT GENERATED ALWAYS AS (upper(name)) VIRTUAL",
                "generated column",
            ),
            (
                2,
                "CREATE INDEX evil ON intervention (name) WHERE length(name) > 0",
                "the index `evil` was not made by weerbaar",
            ),
            (
                3,
                "CREATE INDEX evil2 ON alias (upper(alias))",
                "the index `evil2` was not made by weerbaar",
            ),
        ] {
            let path = dir.path().join(format!("{n}.sqlite"));
            std::fs::write(&path, BUNDLED_DB).unwrap_or_else(|e| panic!("{e}"));
            let conn = Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
            conn.execute_batch(sql).unwrap_or_else(|e| panic!("{e}"));
            drop(conn);
            let err = open_path(&path).err().map(|e| e.to_string());
            assert!(err.as_deref().is_some_and(|e| e.contains(said)), "{err:?}");
            let err = verify_path(&path, Derived::NONE)
                .err()
                .map(|e| e.to_string());
            assert!(err.as_deref().is_some_and(|e| e.contains(said)), "{err:?}");
        }
        // Our own indexes are recognised.
        assert!(!our_indexes().is_empty());
    }

    #[test]
    fn a_file_that_changed_while_read_is_said_to_have_changed_not_to_be_corrupt() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("bezig.sqlite");
        std::fs::write(&path, BUNDLED_DB).unwrap_or_else(|e| panic!("{e}"));
        let db = Database::open_path(&path).unwrap_or_else(|e| panic!("{e}"));
        let damaged = || StoreError::Corrupt(path.clone(), "malformed".into());
        // Unchanged: a damaged file is called damaged.
        let said = interrupted(damaged(), &path, Budget::OPEN).to_string();
        assert!(said.contains("malformed"), "{said}");
        // Another program writes to it meanwhile.
        let mut grown = BUNDLED_DB.to_vec();
        grown.extend_from_slice(&[0; 4096]);
        std::fs::write(&path, grown).unwrap_or_else(|e| panic!("{e}"));
        let said = interrupted(damaged(), &path, Budget::OPEN).to_string();
        assert!(said.contains("changed while it was read"), "{said}");
        drop(db);
    }

    #[test]
    fn virtual_tables_are_recognised_by_their_sql() {
        assert!(is_virtual("CREATE VIRTUAL TABLE x USING fts5(a)"));
        assert!(is_virtual("create  virtual\ntable x using rtree(a)"));
        assert!(!is_virtual("CREATE TABLE x (a)"));
        assert!(!is_virtual(""));
    }
}
