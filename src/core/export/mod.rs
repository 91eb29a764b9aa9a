//! Writers that turn interventions into files other tools read. Each writer takes the records,
//! the options and any `Write`; none of them reads the database. Every export names the
//! inventory's version and date. The formats are documented in docs/export.md.

pub mod brief;
pub mod citation;
pub mod compare_csv;
pub mod compare_json;
pub mod compare_md;
pub mod csl_json;
pub mod csv;
pub mod csv_nl;
pub mod json;
pub mod markdown;
pub mod references;
pub mod ris;
mod seq;
pub mod stream;
pub mod xlsx;

use std::io::{self, Write};

use crate::core::model::{Intervention, Lang};
use crate::core::store::Metadata;

/// What every writer needs besides the records.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    /// The inventory the records come from; every export names its version and date.
    pub metadata: &'a Metadata,
    pub lang: Lang,
    /// Used for the evidence age flag ("ouder dan 5 jaar").
    pub current_year: u16,
    /// CSV and XLSX: vocabulary labels instead of ids, and headers in `lang` (`--labels`).
    pub labels: bool,
}

/// One record to export: an intervention and, when it comes from a shortlist, its note.
/// Implemented for `Intervention` (no note), references to entries, and
/// `(I, Option<&str>)` where `I` is `&Intervention` or `Arc<Intervention>` (a fetched record).
pub trait Entry {
    fn item(&self) -> &Intervention;
    fn note(&self) -> Option<&str>;
}

impl Entry for Intervention {
    fn item(&self) -> &Intervention {
        self
    }
    fn note(&self) -> Option<&str> {
        None
    }
}

impl<E: Entry + ?Sized> Entry for &E {
    fn item(&self) -> &Intervention {
        (**self).item()
    }
    fn note(&self) -> Option<&str> {
        (**self).note()
    }
}

impl<I: std::borrow::Borrow<Intervention>> Entry for (I, Option<&str>) {
    fn item(&self) -> &Intervention {
        self.0.borrow()
    }
    fn note(&self) -> Option<&str> {
        self.1.filter(|n| !n.trim().is_empty())
    }
}

/// The records a writer exports, handed over one at a time so that no writer needs them all in
/// memory at once: an export of 70,000 results holds a chunk of records, not every one of them.
/// A slice (or `&Vec`) of entries is one; `Stream` wraps any iterator of fetched records.
pub trait Entries {
    type Entry: Entry;
    /// How many entries `into_entries` gives: JSON, Markdown and XLSX state it before the
    /// first record.
    fn count(&self) -> usize;
    /// The entries in export order. An `Err` (a record that cannot be read, see
    /// `ReadFailure`) stops the writer, which returns it.
    fn into_entries(self) -> impl Iterator<Item = io::Result<Self::Entry>>;
}

impl<'a, E: Entry> Entries for &'a [E] {
    type Entry = &'a E;
    fn count(&self) -> usize {
        self.len()
    }
    fn into_entries(self) -> impl Iterator<Item = io::Result<&'a E>> {
        self.iter().map(Ok)
    }
}

impl<'a, E: Entry> Entries for &'a Vec<E> {
    type Entry = &'a E;
    fn count(&self) -> usize {
        self.len()
    }
    fn into_entries(self) -> impl Iterator<Item = io::Result<&'a E>> {
        self.iter().map(Ok)
    }
}

/// Entries from an iterator that fetches them as it goes, with their number known beforehand
/// (see `stream::fetched`). The iterator must give exactly `count` entries or stop at an error.
pub struct Stream<I> {
    count: usize,
    entries: I,
}

impl<I> Stream<I> {
    pub fn new(count: usize, entries: I) -> Stream<I> {
        Stream { count, entries }
    }
}

impl<I, E> Entries for Stream<I>
where
    I: Iterator<Item = io::Result<E>>,
    E: Entry,
{
    type Entry = E;
    fn count(&self) -> usize {
        self.count
    }
    fn into_entries(self) -> impl Iterator<Item = io::Result<E>> {
        self.entries
    }
}

/// A record that could not be read while it was being exported (the file changed or broke
/// since it was opened), as the one line the user sees. It travels through a writer as an
/// `io::Error` so that the writer stops; `read_failure` tells it apart from a failed write.
#[derive(Debug)]
pub struct ReadFailure(pub String);

impl std::fmt::Display for ReadFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ReadFailure {}

impl ReadFailure {
    pub fn into_io(self) -> io::Error {
        io::Error::other(self)
    }
}

/// The read failure an export stopped at, if that is why it stopped.
pub fn read_failure(e: &io::Error) -> Option<&ReadFailure> {
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<ReadFailure>())
}

/// Join a multi-valued field for a single cell.
pub(crate) fn join(values: &[String]) -> String {
    values.join("; ")
}

/// "Interventies weerbaarheid 2025.1 (2025-06-01)": how every export names its inventory.
pub fn provenance_line(m: &Metadata) -> String {
    format!("{} {} ({})", m.title, m.version, m.date)
}

/// The export formats, with their command-line ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    CsvNl,
    Xlsx,
    Json,
    Md,
    Ris,
    CslJson,
    /// The brief as Markdown (`--format md --style brief`): a handout, not the full record.
    MdBrief,
    /// The brief as one self-contained HTML file.
    Html,
}

impl Format {
    pub const ALL: [Format; 9] = [
        Format::Csv,
        Format::CsvNl,
        Format::Xlsx,
        Format::Json,
        Format::Md,
        Format::MdBrief,
        Format::Html,
        Format::Ris,
        Format::CslJson,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::CsvNl => "csv-nl",
            Format::Xlsx => "xlsx",
            Format::Json => "json",
            Format::Md => "md",
            Format::Ris => "ris",
            Format::CslJson => "csl-json",
            Format::MdBrief => "md-brief",
            Format::Html => "html",
        }
    }

    pub fn from_id(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.id() == s)
    }

    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::CsvNl => "csv",
            Format::Xlsx => "xlsx",
            Format::Json => "json",
            Format::Md => "md",
            Format::Ris => "ris",
            Format::CslJson => "json",
            Format::MdBrief => "md",
            Format::Html => "html",
        }
    }

    /// What a file name for this format ends with, after the dot: the extension, and
    /// `csl.json` for CSL-JSON so it is not mistaken for the JSON export.
    pub fn file_suffix(self) -> &'static str {
        match self {
            Format::CslJson => "csl.json",
            f => f.extension(),
        }
    }

    /// The format a file name suggests, where it is unambiguous (`.csv` means plain CSV).
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            "json" => Some(Format::Json),
            "md" | "markdown" => Some(Format::Md),
            "ris" => Some(Format::Ris),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }

    /// Whether the output is text that can go to a terminal or a pipe.
    pub fn is_text(self) -> bool {
        self != Format::Xlsx
    }
}

/// A file name for an export of `title`: the title folded to lowercase ASCII words joined by
/// `-` (at most 60 characters, `weerbaar` when nothing is left), and the format's extension
/// (`.csl.json` for CSL-JSON, so it is not mistaken for the JSON export).
pub fn default_file_name(title: &str, format: Format) -> String {
    let folded = crate::core::model::fold::fold(title);
    let mut slug = String::new();
    for word in folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if slug.len() + word.len() + 1 > 60 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    if slug.is_empty() {
        slug.push_str("weerbaar");
    }
    format!("{slug}.{}", format.file_suffix())
}

/// Write `entries` in `format`. `title` names the selection (a shortlist's name, or a
/// description of the search) in the formats that have a place for it.
pub fn write(
    format: Format,
    title: &str,
    entries: impl Entries,
    opts: &Options<'_>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    write_with(
        format,
        title,
        entries,
        opts,
        &brief::BriefInfo::today(),
        out,
    )
}

/// `write`, with what a brief says about itself (date, place, author, notes or not).
pub fn write_with(
    format: Format,
    title: &str,
    entries: impl Entries,
    opts: &Options<'_>,
    info: &brief::BriefInfo,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Csv => csv::write(entries, opts, out),
        Format::CsvNl => csv_nl::write(entries, opts, out),
        Format::Xlsx => xlsx::write(title, entries, opts, out),
        Format::Json => json::write(entries, opts, out),
        Format::Md => markdown::write(title, entries, opts, out),
        Format::Ris => ris::write(entries, opts, out),
        Format::CslJson => csl_json::write(entries, opts, out),
        Format::MdBrief => brief::write_md(title, entries, opts, info, out),
        Format::Html => brief::write_html(title, entries, opts, info, out),
    }
}

/// Why an export to a file failed: the file could not be written, or a record could not be
/// read on the way (then nothing was written: the staged file is removed).
#[derive(Debug)]
pub enum FileError {
    Write(crate::core::atomic::WriteError),
    Read(String),
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileError::Write(e) => e.fmt(f),
            FileError::Read(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for FileError {}

/// Write `entries` to the file `path` atomically (see `atomic`) and return its full path.
/// Without `overwrite` an existing file is left untouched and reported. A record that cannot
/// be read stops the export and leaves no file behind.
pub fn write_file(
    path: &std::path::Path,
    overwrite: bool,
    format: Format,
    title: &str,
    entries: impl Entries,
    opts: &Options<'_>,
) -> Result<std::path::PathBuf, FileError> {
    let info = brief::BriefInfo::today();
    write_file_with(path, overwrite, format, title, entries, opts, &info)
}

/// `write_file`, with what a brief says about itself.
pub fn write_file_with(
    path: &std::path::Path,
    overwrite: bool,
    format: Format,
    title: &str,
    entries: impl Entries,
    opts: &Options<'_>,
    info: &brief::BriefInfo,
) -> Result<std::path::PathBuf, FileError> {
    use crate::core::atomic::WriteError;
    let mode = if overwrite {
        crate::core::atomic::Overwrite::Allow
    } else {
        crate::core::atomic::Overwrite::Refuse
    };
    crate::core::atomic::write(path, mode, |w| {
        write_with(format, title, entries, opts, info, w)
    })
    .map_err(|e| match e {
        WriteError::Io(_, ref io) | WriteError::NotWritable(_, ref io) => match read_failure(io) {
            Some(failure) => FileError::Read(failure.0.clone()),
            None => FileError::Write(e),
        },
        e => FileError::Write(e),
    })?;
    Ok(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// The formats a comparison (the aspect table) can be written in.
pub const COMPARISON_FORMATS: [Format; 3] = [Format::Md, Format::Csv, Format::Json];

/// Write the comparison `cmp` (its aspect table, as `weerbaar compare --format` does) to the file
/// `path` atomically and return its full path. `None`: `format` has no comparison writer.
pub fn write_comparison_file(
    path: &std::path::Path,
    overwrite: bool,
    format: Format,
    cmp: &crate::core::compare::Comparison<'_>,
    opts: &Options<'_>,
) -> Option<Result<std::path::PathBuf, crate::core::atomic::WriteError>> {
    if !COMPARISON_FORMATS.contains(&format) {
        return None;
    }
    let write = |w: &mut dyn Write| -> std::io::Result<()> {
        match format {
            Format::Csv => compare_csv::write(cmp, opts, w).map_err(std::io::Error::from),
            Format::Json => compare_json::write(cmp, opts, w),
            _ => compare_md::write(cmp, opts, w),
        }
    };
    let mode = if overwrite {
        crate::core::atomic::Overwrite::Allow
    } else {
        crate::core::atomic::Overwrite::Refuse
    };
    Some(
        crate::core::atomic::write(path, mode, write)
            .map(|()| std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())),
    )
}

/// Split an ISO date (`2024-03-15`, `2024-03` or `2024`) into its numeric parts.
pub(crate) fn date_parts(iso: &str) -> Option<Vec<u32>> {
    let parts: Vec<u32> = iso
        .trim()
        .split('-')
        .map(|p| p.parse::<u32>().ok())
        .collect::<Option<_>>()?;
    (1..=3).contains(&parts.len()).then_some(parts)
}

#[cfg(test)]
pub(crate) mod fixtures {
    use crate::core::model::{
        Evidence, Intervention, Source, Study, Weerbaarheid, WorkingElementUse,
    };
    use crate::core::store::Metadata;

    static METADATA: std::sync::LazyLock<Metadata> = std::sync::LazyLock::new(metadata);

    /// Options over the test metadata, in a language, with 2026 as the current year.
    pub fn opts(lang: crate::core::model::Lang) -> super::Options<'static> {
        super::Options {
            metadata: &METADATA,
            lang,
            current_year: 2026,
            labels: false,
        }
    }

    /// What `serde_json` writes for `value` in one go, with the writers' final newline: what
    /// a streamed JSON export must equal.
    pub fn pretty_json(value: &impl serde::Serialize) -> String {
        let mut text = serde_json::to_string_pretty(value).unwrap();
        text.push('\n');
        text
    }

    pub fn metadata() -> Metadata {
        Metadata {
            title: "Testinventaris".into(),
            version: "2025.2".into(),
            date: "2025-11-01".into(),
            licence: "CC-BY-4.0".into(),
            source: "tests".into(),
        }
    }

    /// A full record, and one whose name is a spreadsheet formula.
    pub fn items() -> Vec<Intervention> {
        vec![
            Intervention {
                id: "rots-en-water".into(),
                name: "Rots en Water".into(),
                providers: vec!["Gadaku Instituut".into()],
                summary: "Weerbaarheidstraining; \"psychofysiek\"\nmet twee regels.".into(),
                target_groups: vec!["jongeren".into(), "professionals".into()],
                themes: vec!["polarisatie".into()],
                weerbaarheid: Weerbaarheid {
                    dimensions: vec!["tegenstand-bieden".into()],
                    framing: "Grenzen aangeven.".into(),
                },
                working_elements: vec![
                    WorkingElementUse {
                        id: "kennisoverdracht".into(),
                        note: "rollenspel".into(),
                    },
                    WorkingElementUse {
                        id: "ervaringskennis".into(),
                        note: String::new(),
                    },
                ],
                evidence: Evidence {
                    level: "goed-onderbouwd".into(),
                    status: "erkend".into(),
                    date: "2016-06-24".into(),
                    year: Some(2016),
                    body: "Erkenningscommissie Interventies".into(),
                    databank: "NJi".into(),
                    databank_url: "https://www.nji.nl/interventies/rots-en-water".into(),
                    note: String::new(),
                    studies: vec![Study {
                        design: "Quasi-experimenteel".into(),
                        n: Some(120),
                        outcome: "minder slachtofferschap".into(),
                        year: Some(2013),
                        reference: "Jansen, A. (2013). Effecten van Rots en Water. Utrecht.".into(),
                    }],
                },
                sources: vec![Source {
                    url: "https://example.org/rots-en-water".into(),
                    title: "Rots en Water — databank".into(),
                    checked: "2025-10-15".into(),
                    supports: vec!["summary".into(), "evidence".into(), "studies".into()],
                }],
                ..Intervention::default()
            },
            Intervention {
                id: "formule".into(),
                name: "=HYPERLINK(\"x\")".into(),
                summary: "+31 6 1234; -min; @home".into(),
                evidence: Evidence {
                    level: "onbekend".into(),
                    ..Evidence::default()
                },
                ..Intervention::default()
            },
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_round_trip_through_their_ids_and_guess_from_paths() {
        for f in Format::ALL {
            assert_eq!(Format::from_id(f.id()), Some(f));
        }
        assert_eq!(
            Format::from_path(std::path::Path::new("x/Lijst.XLSX")),
            Some(Format::Xlsx)
        );
        assert_eq!(Format::from_path(std::path::Path::new("lijst.txt")), None);
        assert!(!Format::Xlsx.is_text());
    }

    #[test]
    fn default_file_names_are_safe_and_carry_the_extension() {
        assert_eq!(
            default_file_name("Sessie maart: ouders & jongeren", Format::Xlsx),
            "sessie-maart-ouders-jongeren.xlsx"
        );
        assert_eq!(
            default_file_name("Geëvalueerd/../x", Format::Ris),
            "geevalueerd-x.ris"
        );
        assert_eq!(
            default_file_name("***", Format::CslJson),
            "weerbaar.csl.json"
        );
        assert!(default_file_name(&"lang ".repeat(40), Format::Md).len() <= 63);
    }

    #[test]
    fn date_parts_accept_partial_dates_only_when_numeric() {
        assert_eq!(date_parts("2024-03-15"), Some(vec![2024, 3, 15]));
        assert_eq!(date_parts("2024"), Some(vec![2024]));
        assert_eq!(date_parts("maart 2024"), None);
        assert_eq!(date_parts(""), None);
    }
}
