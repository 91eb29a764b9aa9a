//! The search index kept in the inventory file, next to the records: what `Index` needs to
//! search and count, written once by `db build`, `import`, `db synth` and `db index`, so
//! opening a large inventory reads a few compact tables instead of every record and rebuilding
//! the index from them (at 100k records: tens of MB instead of 745 MB, see
//! docs/performance.md).
//!
//! It is derived data: `verify` rebuilds it from the records and compares it row by row, so a
//! file whose index lies is refused by `db verify`. Loading checks everything that would make
//! the index inconsistent (codes, record numbers, order of ids, unclean text that would reach
//! the terminal), so a hostile index can at worst give wrong results, never a panic or an
//! escape sequence on screen. A file without the index, or with an index of another version or
//! made for another vocabulary, is searched as before (the index is rebuilt in memory).

use std::hash::Hasher;
use std::path::Path;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, params};

use crate::core::model::FacetGroup;
use crate::core::model::text::is_clean_line;
use crate::core::store::{MAX_INTERVENTIONS, StoreError};

use crate::core::query::index::{Index, IndexBuilder};
use crate::core::query::text::{FxHasher, StoredText};

/// The version of the stored index's layout. A file's schema is its `user_version` for the
/// records plus this for the index: a file with another index version is read as a file
/// without one. Bump it whenever what is stored, or how `Index` derives it (folding, the
/// word index), changes.
pub const INDEX_VERSION: i64 = 2;

/// The tables of the stored index: objects weerbaar makes (store::open's list of them).
pub const INDEX_TABLES: [&str; 4] = ["search_meta", "search_key", "search_value", "search_word"];

/// The stored index's tables (documented in docs/schema.md). `search_key` holds, per record in
/// id order, its folded keys and its facet values as codes into `search_value`; `search_word`
/// every distinct folded word of the long text with its records.
pub const INDEX_SQL: &str = "
CREATE TABLE search_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE search_key (
    record        INTEGER PRIMARY KEY,
    id            TEXT NOT NULL,
    name          TEXT NOT NULL,
    folded_name   TEXT NOT NULL,
    aliases       TEXT NOT NULL,
    codes         BLOB NOT NULL,
    evidence_year INTEGER NOT NULL,
    evidence_status TEXT NOT NULL
);
CREATE TABLE search_value (
    facet    TEXT NOT NULL,
    position INTEGER NOT NULL,
    value    TEXT NOT NULL,
    PRIMARY KEY (facet, position)
) WITHOUT ROWID;
CREATE TABLE search_word (
    position INTEGER PRIMARY KEY,
    word     TEXT NOT NULL,
    records  BLOB NOT NULL
);
";

/// Ends each folded alias in `search_key.aliases` (folded text holds no control characters).
const ALIAS_END: char = '\u{1f}';

/// What a file holds in the way of a stored index.
#[derive(Debug)]
pub enum Stored {
    /// No index: an older or foreign file.
    Absent,
    /// An index of another version, or made for another vocabulary: not used.
    Outdated,
    /// An index for records changed by other tools since (another count, or SQLite's change
    /// counter moved on): not used.
    Stale,
    Loaded(Box<Index>),
}

/// A fingerprint of the vocabularies the index's codes and labels were made with: the word
/// index holds folded labels, and vocabulary codes are positions.
pub fn vocabulary_fingerprint() -> String {
    let mut h = FxHasher::default();
    for group in FacetGroup::ALL {
        h.write(group.id().as_bytes());
        h.write_u8(0);
        for t in group.vocabulary().unwrap_or(&[]) {
            for s in [t.id, t.nl, t.en].iter().chain(t.synonyms) {
                h.write(s.as_bytes());
                h.write_u8(0);
            }
            h.write_u8(1);
        }
    }
    format!("{:016x}", h.finish())
}

/// SQLite's file change counter (header bytes 24–27), which every committed write in rollback
/// mode increments; `None` when the file cannot be read.
pub fn change_counter(path: &Path) -> Option<u32> {
    use std::io::Read;
    let mut header = [0u8; 28];
    std::fs::File::open(path)
        .ok()?
        .read_exact(&mut header)
        .ok()?;
    Some(u32::from_be_bytes([
        header[24], header[25], header[26], header[27],
    ]))
}

/// Write the index's tables (in the caller's transaction). `counter`: the change counter the
/// file will have once this transaction commits (see `change_counter`).
pub fn write(conn: &Connection, index: &Index, counter: Option<u32>) -> rusqlite::Result<()> {
    conn.execute_batch(INDEX_SQL)?;
    let mut stmt = conn.prepare("INSERT INTO search_meta (key, value) VALUES (?1, ?2)")?;
    for (k, v) in [
        ("version", INDEX_VERSION.to_string()),
        ("vocabulary", vocabulary_fingerprint()),
        ("records", index.len().to_string()),
    ] {
        stmt.execute(params![k, v])?;
    }
    if let Some(c) = counter {
        stmt.execute(params!["change_counter", c.to_string()])?;
    }
    let mut stmt =
        conn.prepare("INSERT INTO search_value (facet, position, value) VALUES (?1, ?2, ?3)")?;
    for group in FacetGroup::ALL {
        for (pos, v) in index.group(group).values.iter().enumerate() {
            stmt.execute(params![group.id(), pos as i64, v.id])?;
        }
    }
    let mut stmt = conn.prepare(
        "INSERT INTO search_key
         (record, id, name, folded_name, aliases, codes, evidence_year, evidence_status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut aliases = String::new();
    let mut codes = Vec::new();
    for r in 0..index.len() {
        aliases.clear();
        for a in index.aliases(r) {
            aliases.push_str(a);
            aliases.push(ALIAS_END);
        }
        codes.clear();
        for group in FacetGroup::ALL {
            let values = index.value_codes(r, group);
            push_varint(&mut codes, values.len() as u32);
            for &v in values {
                push_varint(&mut codes, v);
            }
        }
        stmt.execute(params![
            r as i64,
            index.id(r),
            index.name(r),
            index.folded_name(r),
            aliases,
            codes,
            i64::from(index.evidence_year(r).unwrap_or(0)),
            index.evidence_status(r),
        ])?;
    }
    let mut stmt =
        conn.prepare("INSERT INTO search_word (position, word, records) VALUES (?1, ?2, ?3)")?;
    for (pos, (word, blob)) in index.text().stored_words().enumerate() {
        stmt.execute(params![pos as i64, word, blob])?;
    }
    Ok(())
}

/// Whether the file has the index's tables, each a plain table.
fn has_tables(conn: &Connection, path: &Path) -> Result<bool, StoreError> {
    let mut stmt = conn
        .prepare("SELECT type, coalesce(sql, '') FROM sqlite_schema WHERE name = ?1")
        .map_err(|e| sqlite(path, e))?;
    for table in INDEX_TABLES {
        let mut rows = stmt.query([table]).map_err(|e| sqlite(path, e))?;
        let Some(row) = rows.next().map_err(|e| sqlite(path, e))? else {
            return Ok(false);
        };
        let kind: String = row.get(0).map_err(|e| sqlite(path, e))?;
        let sql: String = row.get(1).map_err(|e| sqlite(path, e))?;
        let virtual_table = sql
            .split_whitespace()
            .nth(1)
            .is_some_and(|w| w.eq_ignore_ascii_case("virtual"));
        if kind != "table" || virtual_table {
            return Err(damaged(path, format!("`{table}` is not a table")));
        }
    }
    Ok(true)
}

/// Read the stored index, checked; `with_text: false` leaves out the word index (enough when
/// nothing is matched against the long text). `Absent` and `Outdated` leave the caller to
/// build the index from the records.
pub fn load(conn: &Connection, path: &Path, with_text: bool) -> Result<Stored, StoreError> {
    if !has_tables(conn, path)? {
        return Ok(Stored::Absent);
    }
    let meta = |key: &str| -> Result<Option<String>, StoreError> {
        conn.query_row("SELECT value FROM search_meta WHERE key = ?1", [key], |r| {
            r.get::<_, String>(0)
        })
        .map(Some)
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })
        .map_err(|e| sqlite(path, e))
    };
    if meta("version")?.as_deref() != Some(INDEX_VERSION.to_string().as_str())
        || meta("vocabulary")?.as_deref() != Some(vocabulary_fingerprint().as_str())
    {
        return Ok(Stored::Outdated);
    }
    // Records changed by another tool after the index was written (a write in rollback mode
    // changes the counter): searched as a file without the index, so results stay right. (The
    // bundled inventory, read from memory, has no file to look at; it is ours.)
    if let (Some(stored), Some(now)) = (meta("change_counter")?, change_counter(path))
        && now.to_string() != stored
    {
        return Ok(Stored::Stale);
    }
    let records: usize = meta("records")?
        .and_then(|n| n.parse().ok())
        .filter(|&n| n <= MAX_INTERVENTIONS)
        .ok_or_else(|| damaged(path, "no valid record count".into()))?;
    // The index must cover the records as they are: a file edited after the index was
    // written (by other tools) is refused rather than searched with a stale index.
    let in_file: i64 = conn
        .query_row("SELECT count(*) FROM intervention", [], |r| r.get(0))
        .map_err(|e| sqlite(path, e))?;
    // The index must cover the records as they are: a file whose records were changed by
    // other tools after the index was written is searched as a file without one (its records
    // read and indexed, as before; `db verify` says the index no longer matches).
    if usize::try_from(in_file).ok() != Some(records) {
        return Ok(Stored::Stale);
    }

    let mut builder = IndexBuilder::keys();
    // Per group, each stored value's id and the code it gets.
    let mut values: Vec<(Vec<String>, Vec<u32>)> = Vec::with_capacity(FacetGroup::ALL.len());
    let mut broader: Vec<Vec<Vec<u32>>> = Vec::with_capacity(FacetGroup::ALL.len());
    {
        let mut stmt = conn
            .prepare("SELECT position, value FROM search_value WHERE facet = ?1 ORDER BY position")
            .map_err(|e| sqlite(path, e))?;
        for group in FacetGroup::ALL {
            let mut ids = Vec::new();
            let mut rows = stmt.query([group.id()]).map_err(|e| sqlite(path, e))?;
            while let Some(row) = rows.next().map_err(|e| sqlite(path, e))? {
                let pos = int(row.get_ref(0), path)?;
                if pos != ids.len() as i64 {
                    return Err(damaged(path, format!("{} values out of order", group.id())));
                }
                let id = text(row.get_ref(1), path)?;
                if !is_clean_line(id) {
                    return Err(damaged(path, "a value holds unclean text".into()));
                }
                ids.push(id.to_string());
            }
            let codes = builder
                .stored_values(group, &ids)
                .map_err(|e| damaged(path, e))?;
            // Per builder code, the codes of its broader values (the target-group tree).
            let mut wider: Vec<Vec<u32>> = Vec::new();
            for (id, &code) in ids.iter().zip(&codes) {
                let b = builder.broader_codes(group, id);
                if !b.is_empty() {
                    if wider.len() <= code as usize {
                        wider.resize(code as usize + 1, Vec::new());
                    }
                    wider[code as usize] = b;
                }
            }
            broader.push(wider);
            values.push((ids, codes));
        }
    }
    let evidence = FacetGroup::ALL
        .iter()
        .position(|g| *g == FacetGroup::Evidence)
        .unwrap_or(0);
    {
        let mut stmt = conn
            .prepare(
                "SELECT record, id, name, folded_name, aliases, codes, evidence_year,
                        evidence_status
                 FROM search_key ORDER BY record",
            )
            .map_err(|e| sqlite(path, e))?;
        let mut rows = stmt.query([]).map_err(|e| sqlite(path, e))?;
        let mut codes: Vec<Vec<u32>> = vec![Vec::new(); FacetGroup::ALL.len()];
        let mut last_id = String::new();
        while let Some(row) = rows.next().map_err(|e| sqlite(path, e))? {
            let record = builder.len();
            if record >= records || int(row.get_ref(0), path)? != record as i64 {
                return Err(damaged(path, format!("key {record} out of order")));
            }
            let id = text(row.get_ref(1), path)?;
            let name = text(row.get_ref(2), path)?;
            // Ids must be sorted (records are found by binary search) and, like names, clean:
            // they are printed.
            if (record > 0 && id <= last_id.as_str()) || !is_clean_line(id) || !is_clean_line(name)
            {
                return Err(damaged(path, format!("the id or name of key {record}")));
            }
            last_id.clear();
            last_id.push_str(id);
            let folded_name = text(row.get_ref(3), path)?;
            let aliases = text(row.get_ref(4), path)?;
            let blob = blob(row.get_ref(5), path)?;
            let year = u16::try_from(int(row.get_ref(6), path)?)
                .map_err(|_| damaged(path, format!("the year of key {record}")))?;
            let status = text(row.get_ref(7), path)?;
            decode_codes(blob, &values, &mut codes)
                .ok_or_else(|| damaged(path, format!("the facet values of key {record}")))?;
            let level = codes[evidence]
                .first()
                .and_then(|&c| {
                    let (ids, stored) = &values[evidence];
                    stored.iter().position(|&s| s == c).map(|p| ids[p].as_str())
                })
                .unwrap_or("");
            builder.push_stored(
                id,
                name,
                folded_name,
                aliases.split_terminator(ALIAS_END),
                &codes,
                &broader,
                level,
                year,
                status,
            );
        }
        if builder.len() != records {
            return Err(damaged(
                path,
                format!("{} keys for {records} interventions", builder.len()),
            ));
        }
    }
    let mut index = builder.finish();
    if with_text {
        let mut words = StoredText::new(records);
        let mut stmt = conn
            .prepare("SELECT position, word, records FROM search_word ORDER BY position")
            .map_err(|e| sqlite(path, e))?;
        let mut rows = stmt.query([]).map_err(|e| sqlite(path, e))?;
        let mut expected = 0i64;
        while let Some(row) = rows.next().map_err(|e| sqlite(path, e))? {
            if int(row.get_ref(0), path)? != expected {
                return Err(damaged(path, format!("word {expected} out of order")));
            }
            expected += 1;
            words
                .push(text(row.get_ref(1), path)?, blob(row.get_ref(2), path)?)
                .map_err(|e| damaged(path, e))?;
        }
        if !index.set_text(words.finish()) {
            return Err(damaged(path, "the word index covers other records".into()));
        }
    }
    Ok(Stored::Loaded(Box::new(index)))
}

/// A record's stored codes, per group: a count, then that many positions in the group's
/// stored values, translated to the builder's codes. `None` when cut off or out of range.
fn decode_codes(
    blob: &[u8],
    values: &[(Vec<String>, Vec<u32>)],
    out: &mut [Vec<u32>],
) -> Option<()> {
    let mut bytes = blob.iter();
    for (g, list) in out.iter_mut().enumerate() {
        list.clear();
        let stored = &values.get(g)?.1;
        let n = read_varint(&mut bytes)?;
        for _ in 0..n {
            let v = read_varint(&mut bytes)?;
            list.push(*stored.get(v as usize)?);
        }
    }
    bytes.next().is_none().then_some(())
}

fn read_varint<'a>(bytes: &mut impl Iterator<Item = &'a u8>) -> Option<u32> {
    let mut v: u32 = 0;
    for shift in [0, 7, 14, 21, 28] {
        let b = *bytes.next()?;
        v |= u32::from(b & 0x7f).checked_shl(shift)?;
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

fn push_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// `db verify`: whether the stored index is exactly the one the records give. `Ok(None)` for a
/// file without a current index (nothing to check), `Err` naming the first difference.
pub fn verify(
    conn: &Connection,
    path: &Path,
    inventory: &crate::core::store::Inventory,
) -> Result<Option<String>, StoreError> {
    if !has_tables(conn, path)? {
        return Ok(None);
    }
    let expected = Connection::open_in_memory().map_err(|e| sqlite(path, e))?;
    write(&expected, &Index::build(inventory), None).map_err(|e| sqlite(path, e))?;
    for (table, order) in [
        // The change counter is the file's, not the records': compared at open instead.
        ("search_meta WHERE key != 'change_counter'", "key"),
        ("search_value", "facet, position"),
        ("search_key", "record"),
        ("search_word", "position"),
    ] {
        let sql = format!("SELECT * FROM {table} ORDER BY {order}");
        let mut ours = expected.prepare(&sql).map_err(|e| sqlite(path, e))?;
        let mut theirs = conn.prepare(&sql).map_err(|e| sqlite(path, e))?;
        let columns = ours.column_count();
        if theirs.column_count() != columns {
            return Err(mismatch(path, table, 0));
        }
        let mut a = ours.query([]).map_err(|e| sqlite(path, e))?;
        let mut b = theirs.query([]).map_err(|e| sqlite(path, e))?;
        let mut row = 0usize;
        loop {
            let (x, y) = (
                a.next().map_err(|e| sqlite(path, e))?,
                b.next().map_err(|e| sqlite(path, e))?,
            );
            match (x, y) {
                (None, None) => break,
                (Some(x), Some(y)) => {
                    for c in 0..columns {
                        let same = match (x.get_ref(c), y.get_ref(c)) {
                            (Ok(p), Ok(q)) => p == q,
                            _ => false,
                        };
                        if !same {
                            return Err(mismatch(path, table, row));
                        }
                    }
                }
                _ => return Err(mismatch(path, table, row)),
            }
            row += 1;
        }
    }
    Ok(Some(format!(
        "search index version {INDEX_VERSION}: matches the records"
    )))
}

fn mismatch(path: &Path, table: &str, row: usize) -> StoreError {
    StoreError::BadContent(
        path.to_path_buf(),
        format!(
            "the search index does not match the records (`{table}`, row {row}); `weerbaar db index` writes a copy with a correct one"
        ),
    )
}

fn damaged(path: &Path, detail: String) -> StoreError {
    StoreError::BadContent(
        path.to_path_buf(),
        format!(
            "the search index is damaged ({detail}); `weerbaar db index` writes a copy with a correct one"
        ),
    )
}

fn sqlite(path: &Path, e: rusqlite::Error) -> StoreError {
    crate::core::store::classify_error(path, e)
}

fn text<'a>(v: rusqlite::Result<ValueRef<'a>>, path: &Path) -> Result<&'a str, StoreError> {
    match v.map_err(|e| sqlite(path, e))? {
        ValueRef::Text(t) => {
            std::str::from_utf8(t).map_err(|_| damaged(path, "text that is not UTF-8".into()))
        }
        _ => Err(damaged(path, "a value that is not text".into())),
    }
}

fn blob<'a>(v: rusqlite::Result<ValueRef<'a>>, path: &Path) -> Result<&'a [u8], StoreError> {
    match v.map_err(|e| sqlite(path, e))? {
        ValueRef::Blob(b) => Ok(b),
        _ => Err(damaged(path, "a value that is not a blob".into())),
    }
}

fn int(v: rusqlite::Result<ValueRef<'_>>, path: &Path) -> Result<i64, StoreError> {
    match v.map_err(|e| sqlite(path, e))? {
        ValueRef::Integer(i) => Ok(i),
        _ => Err(damaged(path, "a value that is not a whole number".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::query::{Query, SkimMatcher, run};
    use crate::core::store::Database;

    fn synthetic(dir: &Path, count: usize) -> std::path::PathBuf {
        let path = dir.join("synth.sqlite");
        let model = crate::core::store::open_bundled().unwrap_or_else(|e| panic!("{e}"));
        let inventory = crate::core::synth::generate(&model, count, 5).unwrap_or_default();
        crate::core::inventory::write_atomically(&inventory, &path)
            .unwrap_or_else(|e| panic!("{e}"));
        path
    }

    fn stored(db: &Database, with_text: bool) -> Stored {
        db.with_connection(|conn, path| load(conn, path, with_text))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// The stored index answers every query exactly as the index built from the records.
    #[test]
    fn the_stored_index_answers_as_the_one_built_from_the_records() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = synthetic(dir.path(), 400);
        let matcher = SkimMatcher::default();
        for db in [
            Database::open_bundled().unwrap_or_else(|e| panic!("{e}")),
            Database::open_path(&path).unwrap_or_else(|e| panic!("{e}")),
        ] {
            let built = crate::core::inventory::load(&db).unwrap_or_else(|e| panic!("{e}"));
            let Stored::Loaded(from_file) = stored(&db, true) else {
                panic!("{}: no stored index", db.label().display());
            };
            assert_eq!(from_file.len(), built.len());
            assert_eq!(from_file.heap_bytes() > 0, built.heap_bytes() > 0);
            for q in [
                "",
                "ouders",
                "polar jongeren",
                "gesprek",
                "aanbieder:ggd",
                "naam:dialoog",
                "radicalisering",
                "zzzz",
            ] {
                let mut query = Query {
                    text: q.into(),
                    ..Query::default()
                };
                assert_eq!(
                    run(&from_file, &matcher, &query),
                    run(&built, &matcher, &query),
                    "{q}"
                );
                query.toggle(FacetGroup::Theme, "polarisatie");
                query.toggle(FacetGroup::Evidence, "goed-onderbouwd");
                assert_eq!(
                    run(&from_file, &matcher, &query),
                    run(&built, &matcher, &query),
                    "{q} with facets"
                );
            }
            for r in 0..built.len() {
                for g in FacetGroup::ALL {
                    assert!(from_file.value_ids(r, g).eq(built.value_ids(r, g)));
                }
                assert_eq!(from_file.evidence_year(r), built.evidence_year(r));
                assert_eq!(from_file.evidence_status(r), built.evidence_status(r));
                assert_eq!(from_file.evidence_rank(r), built.evidence_rank(r));
                assert!(from_file.aliases(r).eq(built.aliases(r)));
            }
            // Without the text: the keys only.
            let Stored::Loaded(keys) = stored(&db, false) else {
                panic!("no stored index");
            };
            assert_eq!(keys.text().records(), 0);
        }
    }

    /// A stored index that would make the index inconsistent is refused with a message; one
    /// that merely lies is loaded, and `verify` names the difference.
    #[test]
    fn a_damaged_or_lying_index_is_refused() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = synthetic(dir.path(), 60);
        let inventory = crate::core::store::open_path(&path).unwrap_or_else(|e| panic!("{e}"));
        let counter = change_counter(&path).unwrap_or_else(|| panic!("no header"));
        let tamper = |sql: &str| {
            let copy = dir.path().join("tampered.sqlite");
            std::fs::copy(&path, &copy).unwrap_or_else(|e| panic!("{e}"));
            let conn = Connection::open(&copy).unwrap_or_else(|e| panic!("{e}"));
            conn.execute_batch(sql).unwrap_or_else(|e| panic!("{e}"));
            drop(conn);
            // Put the change counter back, as a tool hiding its change would: the checks
            // below must not rely on it.
            let mut bytes = std::fs::read(&copy).unwrap_or_else(|e| panic!("{e}"));
            bytes[24..28].copy_from_slice(&counter.to_be_bytes());
            std::fs::write(&copy, bytes).unwrap_or_else(|e| panic!("{e}"));
            let db = Database::open_path(&copy).unwrap_or_else(|e| panic!("{e}"));
            let loaded = db.with_connection(|conn, path| load(conn, path, true));
            let conn = Connection::open(&copy).unwrap_or_else(|e| panic!("{e}"));
            let verified = verify(&conn, &copy, &inventory);
            (loaded.err().map(|e| e.to_string()), verified)
        };
        for (sql, says) in [
            (
                "UPDATE search_word SET records = x'00ff' WHERE position = 0",
                "records of word",
            ),
            (
                "UPDATE search_key SET codes = x'05' WHERE record = 2",
                "facet values of key 2",
            ),
            // Ids out of order (found at the next key).
            (
                "UPDATE search_key SET id = 'zzz' WHERE record = 0",
                "id or name of key 1",
            ),
            (
                "UPDATE search_key SET name = char(27) || '[31mrood' WHERE record = 1",
                "id or name of key 1",
            ),
            (
                "DELETE FROM search_key WHERE record = 5",
                "key 5 out of order",
            ),
        ] {
            let (loaded, verified) = tamper(sql);
            let message = loaded.unwrap_or_else(|| panic!("{sql}: loaded"));
            assert!(message.contains(says), "{sql}: {message}");
            assert!(message.contains("the search index is damaged"), "{message}");
            assert!(verified.is_err(), "{sql}");
        }
        // A consistent lie (another folded name) loads, but `verify` refuses it.
        let (loaded, verified) =
            tamper("UPDATE search_key SET folded_name = 'verzonnen' WHERE record = 7");
        assert_eq!(loaded, None);
        let message = verified.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            message.contains("the search index does not match the records (`search_key`, row 7)"),
            "{message}"
        );
    }

    /// An older or foreign file without the index, or with one of another version or for
    /// another number of records, is searched by indexing the records, as before.
    #[test]
    fn a_file_without_a_current_index_is_indexed_as_before() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = synthetic(dir.path(), 50);
        let db = Database::open_path(&path).unwrap_or_else(|e| panic!("{e}"));
        let (with, missing) =
            crate::core::inventory::index(&db, true).unwrap_or_else(|e| panic!("{e}"));
        assert!(!missing);
        drop(db);
        let matcher = SkimMatcher::default();
        let query = Query {
            text: "ouders".into(),
            ..Query::default()
        };
        for (sql, hint) in [
            (
                "UPDATE search_meta SET value = '0' WHERE key = 'version'",
                true,
            ),
            (
                "UPDATE search_meta SET value = 'other' WHERE key = 'vocabulary'",
                true,
            ),
            (
                "UPDATE search_meta SET value = '49' WHERE key = 'records'",
                false,
            ),
            // Records changed by another tool: SQLite's change counter moved on.
            (
                "UPDATE intervention SET country = country WHERE id = (SELECT min(id) FROM intervention)",
                false,
            ),
            ("DROP TABLE search_word", true),
        ] {
            let copy = dir.path().join("copy.sqlite");
            std::fs::copy(&path, &copy).unwrap_or_else(|e| panic!("{e}"));
            let conn = Connection::open(&copy).unwrap_or_else(|e| panic!("{e}"));
            conn.execute_batch(sql).unwrap_or_else(|e| panic!("{e}"));
            drop(conn);
            let db = Database::open_path(&copy).unwrap_or_else(|e| panic!("{e}"));
            let (without, missing) =
                crate::core::inventory::index(&db, true).unwrap_or_else(|e| panic!("{sql}: {e}"));
            assert_eq!(missing, hint, "{sql}");
            assert_eq!(
                run(&without, &matcher, &query),
                run(&with, &matcher, &query),
                "{sql}"
            );
        }
    }
}
