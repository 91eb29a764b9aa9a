//! Bring your own inventory: read CSV, JSON and TOML entries into an `Inventory`, with every
//! problem reported as `FILE:LINE[:COLUMN]: message`.
//!
//! One reader per input kind (`csv`, `json`, `toml_dir`) turns a file into drafts; `mapping`
//! translates the values people write into vocabulary ids; `validate` applies the shared rules
//! of `store::draft` and sorts entries into imported and rejected; `report` writes the rejected
//! ones for `--lenient`. Writing the database is `inventory::write_atomically`'s job.

pub mod columns;
pub mod csv;
pub mod json;
pub mod mapping;
pub mod report;
pub mod toml_dir;
mod validate;

use std::path::{Path, PathBuf};

use crate::core::model::diagnostics::{Pos, Problem};
use crate::core::store::draft::{Draft, Names};
use crate::core::store::source;
use crate::core::store::{Inventory, Metadata};

pub use mapping::Mapping;

/// The most interventions one import accepts (the reader of a database has the same limit).
pub const MAX_ROWS: usize = crate::core::store::MAX_INTERVENTIONS;

/// Input files larger than this are refused before they are read.
pub const MAX_INPUT_BYTES: u64 = 500_000_000;

/// What an import needs besides the files.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    pub mapping: &'a Mapping,
    pub current_year: u16,
    /// The date given to an inventory whose files say none (YYYY-MM-DD).
    pub today: String,
}

/// An entry that was not imported, with everything wrong with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    pub file: PathBuf,
    pub line: usize,
    pub id: String,
    pub name: String,
    pub problems: Vec<Problem>,
}

/// The result of reading all inputs. The import may be written only when `problems` is empty,
/// or with `--lenient`, in which case `rejected` says what was left out.
#[derive(Debug, Default)]
pub struct Outcome {
    pub inventory: Inventory,
    /// Every problem, in the order of the files and lines.
    pub problems: Vec<Problem>,
    /// Things worth knowing that do not stop the import (an ignored column).
    pub warnings: Vec<Problem>,
    pub rejected: Vec<Rejected>,
}

/// One file's drafts before validation.
pub struct FileRead {
    /// How this file spells each field, for messages.
    pub names: Names,
    pub entries: Vec<Entry>,
    /// Problems with the file as a whole (encoding, header): none of its entries is imported.
    pub problems: Vec<Problem>,
    pub warnings: Vec<Problem>,
    pub metadata: Option<Metadata>,
    /// Required columns are missing (reported once for the file): leave out the problems at a
    /// whole row, which are about those columns, rather than repeat them on every row.
    pub columns_missing: bool,
}

impl FileRead {
    pub fn new(names: Names) -> FileRead {
        FileRead {
            names,
            entries: Vec::new(),
            problems: Vec::new(),
            warnings: Vec::new(),
            metadata: None,
            columns_missing: false,
        }
    }
}

/// One entry (a CSV row, a JSON object) and what its reader already found wrong with it.
pub struct Entry {
    pub draft: Draft,
    pub problems: Vec<Problem>,
    /// Validation messages not to repeat: the reader already said more precisely what is
    /// wrong with that field (`name` must be text, so not also "missing `name`").
    pub hidden: Vec<String>,
}

impl Entry {
    pub fn new(pos: Pos) -> Entry {
        Entry {
            draft: Draft {
                pos,
                ..Draft::default()
            },
            problems: Vec::new(),
            hidden: Vec::new(),
        }
    }
}

/// What kind of input a path holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Csv,
    Json,
    TomlFile,
    TomlDir,
}

/// Read every input. Never fails as a whole: problems are collected in the outcome.
pub fn read_inputs(paths: &[PathBuf], opts: &Options<'_>) -> Outcome {
    read_all(paths, opts, load)
}

/// Read one file's bytes as if they were on disk under `name` (its extension picks the kind):
/// the whole import minus the file system, for tests and fuzzing.
pub fn read_bytes(name: &Path, bytes: &[u8], opts: &Options<'_>) -> Outcome {
    read_all(&[name.to_path_buf()], opts, |path| {
        detect(path, bytes).map(|kind| (kind, bytes.to_vec()))
    })
}

fn read_all(
    paths: &[PathBuf],
    opts: &Options<'_>,
    mut load: impl FnMut(&Path) -> Result<(Kind, Vec<u8>), String>,
) -> Outcome {
    let mut outcome = Outcome::default();
    let mut check = validate::Checker::new(opts);
    let mut metadata: Option<Metadata> = None;
    for path in paths {
        match load(path) {
            Ok((kind, bytes)) => read_one(
                path,
                kind,
                &bytes,
                opts,
                &mut check,
                &mut metadata,
                &mut outcome,
            ),
            Err(message) => outcome
                .problems
                .push(Problem::new(path, Pos::new(1, 0), message)),
        }
    }
    outcome.inventory.metadata = finish_metadata(metadata, paths, &opts.today);
    outcome
        .inventory
        .interventions
        .sort_by(|a, b| a.id.cmp(&b.id));
    outcome
}

fn read_one(
    path: &Path,
    kind: Kind,
    bytes: &[u8],
    opts: &Options<'_>,
    check: &mut validate::Checker<'_>,
    metadata: &mut Option<Metadata>,
    outcome: &mut Outcome,
) {
    match kind {
        Kind::TomlDir => {
            let read = toml_dir::read(path, opts.current_year);
            merge_metadata(metadata, read.metadata);
            check.add_checked(path, read.interventions, read.problems, outcome);
        }
        Kind::TomlFile => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let set = source::parse_all(&[(path.to_path_buf(), text)], opts.current_year);
            check.add_checked(path, set.interventions, set.problems, outcome);
        }
        Kind::Csv | Kind::Json => {
            let read = if kind == Kind::Csv {
                csv::read(path, bytes, opts.mapping)
            } else {
                json::read(path, bytes)
            };
            merge_metadata(metadata, read.metadata.clone());
            check.add_drafts(path, read, outcome);
        }
    }
}

/// Read a file (or recognise a directory) and decide its kind, refusing what is clearly not
/// an import: a database, a spreadsheet workbook, something too large.
fn load(path: &Path) -> Result<(Kind, Vec<u8>), String> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied (cannot read the file)".into(),
        _ => format!("cannot read: {e}"),
    })?;
    if meta.is_dir() {
        return Ok((Kind::TomlDir, Vec::new()));
    }
    if !meta.is_file() {
        return Err(crate::core::input::not_a_file().to_string());
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(format!(
            "the file is too large to import ({} MB; the limit is {} MB)",
            meta.len() / 1_000_000,
            MAX_INPUT_BYTES / 1_000_000
        ));
    }
    let bytes =
        crate::core::input::read_limited(path, MAX_INPUT_BYTES).map_err(|e| match e.kind() {
            std::io::ErrorKind::InvalidInput | std::io::ErrorKind::FileTooLarge => e.to_string(),
            _ => format!("cannot read: {e}"),
        })?;
    if let Some(encoding) = wide_encoding(&bytes) {
        return Err(format!(
            "wrong encoding: the file is {encoding}; save it as UTF-8 (in a spreadsheet: \"CSV UTF-8\")"
        ));
    }
    Ok((detect(path, &bytes)?, bytes))
}

/// UTF-32 and UTF-16, with or without a byte order mark, named (text in them is mostly NUL
/// bytes to a UTF-8 reader, which would report dozens of unrelated problems). Without a mark,
/// told by where the zero bytes of the first characters fall (a list starts with ASCII).
pub fn wide_encoding(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, 0, 0, ..] => return Some("UTF-32 (little-endian)"),
        [0, 0, 0xFE, 0xFF, ..] => return Some("UTF-32 (big-endian)"),
        [0xFF, 0xFE, ..] => return Some("UTF-16 (little-endian)"),
        [0xFE, 0xFF, ..] => return Some("UTF-16 (big-endian)"),
        _ => {}
    }
    let head = &bytes[..bytes.len().min(64)];
    let units = |size: usize| head.chunks_exact(size).take(8).collect::<Vec<_>>();
    let all = |size: usize, f: &dyn Fn(&[u8]) -> bool| {
        let u = units(size);
        !u.is_empty() && u.iter().all(|c| f(c))
    };
    if all(4, &|c| c[0] != 0 && c[1..] == [0, 0, 0]) {
        return Some("UTF-32 (little-endian, without a byte order mark)");
    }
    if all(4, &|c| c[..3] == [0, 0, 0] && c[3] != 0) {
        return Some("UTF-32 (big-endian, without a byte order mark)");
    }
    if all(2, &|c| c[0] != 0 && c[1] == 0) {
        return Some("UTF-16 (little-endian, without a byte order mark)");
    }
    if all(2, &|c| c[0] == 0 && c[1] != 0) {
        return Some("UTF-16 (big-endian, without a byte order mark)");
    }
    None
}

/// The kind of a file from its extension, else from its first bytes.
pub fn detect(path: &Path, bytes: &[u8]) -> Result<Kind, String> {
    if bytes.starts_with(b"SQLite format 3\0") {
        return Err(format!(
            "this is an SQLite database, not a list to import; open it with `weerbaar --db {}`",
            path.display()
        ));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(
            "this looks like a spreadsheet workbook (.xlsx/.ods); save it as \"CSV UTF-8\" first"
                .into(),
        );
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    Ok(match ext.as_str() {
        "json" => Kind::Json,
        "toml" => Kind::TomlFile,
        "csv" | "tsv" | "txt" => Kind::Csv,
        _ => {
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            match body.iter().find(|b| !b.is_ascii_whitespace()) {
                Some(b'[') | Some(b'{') => Kind::Json,
                _ => Kind::Csv,
            }
        }
    })
}

/// Keep the first complete metadata; fill a partial one (CSV columns) from later files.
fn merge_metadata(into: &mut Option<Metadata>, next: Option<Metadata>) {
    let Some(next) = next else { return };
    match into {
        None => *into = Some(next),
        Some(m) => {
            for (slot, value) in [
                (&mut m.title, next.title),
                (&mut m.version, next.version),
                (&mut m.date, next.date),
                (&mut m.licence, next.licence),
                (&mut m.source, next.source),
            ] {
                if slot.is_empty() {
                    *slot = value;
                }
            }
        }
    }
}

/// Name an imported inventory after its files unless they named it themselves.
fn finish_metadata(found: Option<Metadata>, paths: &[PathBuf], today: &str) -> Metadata {
    let names = paths
        .iter()
        .map(|p| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.display().to_string())
        })
        .collect::<Vec<_>>()
        .join(", ");
    let mut m = found.unwrap_or_default();
    let clean = |s: &str| crate::core::model::text::sanitize_line(s);
    m.title = clean(&m.title);
    m.version = clean(&m.version);
    m.date = clean(&m.date);
    m.licence = clean(&m.licence);
    m.source = clean(&m.source);
    if m.title.is_empty() {
        m.title = format!("Geïmporteerd uit {}", clean(&names));
    }
    if m.date.is_empty() {
        m.date = today.to_string();
    }
    if m.source.is_empty() {
        m.source = clean(&names);
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_the_extension_or_the_content() {
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(detect(&p("a.csv"), b"[x"), Ok(Kind::Csv));
        assert_eq!(detect(&p("a.JSON"), b"x"), Ok(Kind::Json));
        assert_eq!(detect(&p("a"), b"\xEF\xBB\xBF \n[{}]"), Ok(Kind::Json));
        assert_eq!(detect(&p("a"), b"naam;doel"), Ok(Kind::Csv));
        assert!(
            detect(&p("a.csv"), b"SQLite format 3\0....")
                .unwrap_err()
                .contains("open it with `weerbaar --db a.csv`")
        );
        assert!(
            detect(&p("a.csv"), b"PK\x03\x04....")
                .unwrap_err()
                .contains("save it as \"CSV UTF-8\"")
        );
    }
}
