//! Reading a CSV file as a spreadsheet saves it: comma, semicolon or tab separated (detected
//! from the header line), UTF-8 with or without a byte-order mark, any line ending, column
//! names in Dutch or English (`columns`), and lists in one cell separated by `;` or `|`.
//!
//! Each row becomes a `Draft` with the line and column of every cell, for the shared
//! validation; what only a CSV can get wrong (encoding, a cell that is not a year, more notes
//! than working elements) is reported here, per row.

use std::collections::HashMap;
use std::path::Path;

use crate::core::model::diagnostics::{At, Pos, Problem};
use crate::core::model::fold::slug;
use crate::core::model::vocab::closest_ids;
use crate::core::store::Metadata;
use crate::core::store::draft::{
    Draft, DraftElement, DraftEvidence, DraftSource, DraftStudy, DraftWeerbaarheid, Names,
};

use crate::core::export::csv_nl::unguard;

use super::columns::{self, Column, SPECS};
use super::mapping::Mapping;
use super::{Entry, FileRead, MAX_ROWS};

pub fn read(path: &Path, bytes: &[u8], mapping: &Mapping) -> FileRead {
    let mut out = FileRead::new(Names::toml());
    let file_problem =
        |line: usize, message: String| Problem::new(path, Pos::new(line, 0), message);
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        out.problems.push(file_problem(
            1,
            "wrong encoding: the file is UTF-16; save it as UTF-8 (in a spreadsheet: \"CSV UTF-8\")"
                .into(),
        ));
        return out;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        out.problems.push(file_problem(
            1,
            "the file is empty; expected a header line with column names (see docs/import.md)"
                .into(),
        ));
        return out;
    }
    let delimiter = detect_delimiter(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut records = reader.byte_records();

    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => {
            out.problems
                .push(file_problem(1, format!("cannot read the header: {e}")));
            return out;
        }
        None => {
            out.problems
                .push(file_problem(1, "the file is empty".into()));
            return out;
        }
    };
    let Some(layout) = Layout::from_header(path, &header, mapping, &mut out) else {
        return out;
    };
    out.names = layout.names.clone();

    let mut rows = 0usize;
    // Where the last row read starts (line, byte), to check it for a quote never closed.
    let mut last_row: Option<(usize, usize)> = None;
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
                out.problems
                    .push(file_problem(line, format!("cannot read this row: {e}")));
                break;
            }
        };
        let line = record.position().map(|p| p.line() as usize).unwrap_or(0);
        if record
            .iter()
            .all(|cell| cell.iter().all(u8::is_ascii_whitespace))
        {
            continue;
        }
        let start = record.position().map(|p| p.byte() as usize).unwrap_or(0);
        last_row = Some((line, start));
        rows += 1;
        if rows > MAX_ROWS {
            out.problems.push(file_problem(
                line,
                format!("too many rows: the limit is {MAX_ROWS} interventions per import"),
            ));
            break;
        }
        let mut entry = Entry::new(Pos::new(line, 0));
        let mut cells: HashMap<Column, At<String>> = HashMap::new();
        let mut encoding_reported = false;
        for (ix, raw) in record.iter().enumerate() {
            let pos = Pos::new(line, ix + 1);
            let text = match std::str::from_utf8(raw) {
                Ok(t) => t.to_string(),
                Err(e) => {
                    // One message per row: the whole file is usually in the wrong encoding.
                    // The row is rejected; its other cells are still checked.
                    if !encoding_reported {
                        encoding_reported = true;
                        let byte = raw.get(e.valid_up_to()).copied().unwrap_or(0);
                        entry.problems.push(Problem::new(
                            path,
                            pos,
                            format!(
                                "wrong encoding: byte 0x{byte:02X} is not UTF-8 (the file looks like Windows-1252 or Latin-1); save it as UTF-8 (in a spreadsheet: \"CSV UTF-8\")"
                            ),
                        ));
                    }
                    String::from_utf8_lossy(raw).into_owned()
                }
            };
            match layout.columns.get(ix).copied().flatten() {
                Some(column) => {
                    // `;` files come from Dutch spreadsheets or `export --format csv-nl`,
                    // whose formula guard (`'=…`) is taken off again.
                    let text = if delimiter == b';' {
                        unguard(&text).to_string()
                    } else {
                        text
                    };
                    cells.insert(column, At::new(text, pos));
                }
                None if ix >= layout.columns.len() && !text.trim().is_empty() => {
                    entry.problems.push(Problem::new(
                        path,
                        pos,
                        format!(
                            "this row has a value in cell {} but the header has only {} columns",
                            ix + 1,
                            layout.columns.len()
                        ),
                    ));
                }
                None => {}
            }
        }
        for column in [Column::InventoryVersion, Column::InventoryDate] {
            if let Some(v) = cells.get(&column).filter(|v| !v.value.trim().is_empty()) {
                let meta = out.metadata.get_or_insert_with(Metadata::default);
                let slot = match column {
                    Column::InventoryVersion => &mut meta.version,
                    _ => &mut meta.date,
                };
                if slot.is_empty() {
                    *slot = v.value.trim().to_string();
                }
            }
        }
        entry.draft = row_draft(
            path,
            &layout,
            &cells,
            &mut entry.problems,
            Pos::new(line, 0),
        );
        out.entries.push(entry);
    }
    if let Some((line, start)) = last_row
        && let Some(message) = unclosed_quote(bytes.get(start..).unwrap_or_default())
        && let Some(entry) = out.entries.last_mut()
    {
        entry
            .problems
            .insert(0, Problem::new(path, Pos::new(line, 0), message));
    }
    out
}

/// The csv reader takes a quote that is never closed as a cell running to the end of the file,
/// so the rows after it vanish without a word. A row read that way spans several lines and holds
/// an odd number of quotes (a closed quoted cell always has an even number: `"…""…"`).
fn unclosed_quote(last_row: &[u8]) -> Option<String> {
    let quotes = last_row.iter().filter(|&&b| b == b'"').count();
    let lines = last_row
        .trim_ascii_end()
        .iter()
        .filter(|&&b| b == b'\n')
        .count();
    (quotes % 2 == 1 && lines > 0).then(|| {
        format!(
            "a quote (\") opened in this row is never closed, so the {} line(s) after it up to the end of the file were read as one cell and not imported; close the quote (a quote inside a cell is written twice: \"\")",
            lines
        )
    })
}

/// The separator used in the header line: the most frequent of `,` `;` and tab outside quotes.
fn detect_delimiter(bytes: &[u8]) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for &b in bytes {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                for (d, n) in counts.iter_mut() {
                    if *d == b {
                        *n += 1;
                    }
                }
            }
            _ => {}
        }
    }
    // Ties go to the comma, the standard.
    counts
        .iter()
        .fold(
            (b',', 0),
            |best, &(d, n)| if n > best.1 { (d, n) } else { best },
        )
        .0
}

/// What each header cell means, and the names messages use.
struct Layout {
    /// Per header cell: the column it holds, or `None` when ignored.
    columns: Vec<Option<Column>>,
    names: Names,
    present: Vec<Column>,
}

impl Layout {
    fn from_header(
        path: &Path,
        header: &csv::ByteRecord,
        mapping: &Mapping,
        out: &mut FileRead,
    ) -> Option<Layout> {
        let mut columns = Vec::new();
        let mut seen: HashMap<Column, (usize, String)> = HashMap::new();
        let mut written: HashMap<Column, String> = HashMap::new();
        let mut dutch = 0usize;
        let mut english = 0usize;
        let mut fatal = false;
        for (ix, raw) in header.iter().enumerate() {
            let pos = Pos::new(1, ix + 1);
            let Ok(name) = std::str::from_utf8(raw) else {
                out.problems.push(Problem::new(
                    path,
                    pos,
                    "wrong encoding: the header is not UTF-8; save the file as UTF-8 (in a spreadsheet: \"CSV UTF-8\")".into(),
                ));
                return None;
            };
            let name = crate::core::model::text::sanitize_line(name);
            if name.is_empty() {
                columns.push(None);
                continue;
            }
            let column = match mapping.column(&name) {
                Some(mapped) => mapped,
                None => match columns::find(&name) {
                    Some(c) => Some(c),
                    None => {
                        let near = closest_ids(&columns::normalise(&name), columns::all_names());
                        let hint = match near.first() {
                            Some(n) => format!(" (did you mean `{n}`?)"),
                            None => String::new(),
                        };
                        out.warnings.push(Problem::new(
                            path,
                            pos,
                            format!(
                                "ignored column `{name}`: not an import column{hint}; see docs/import.md, or rename or ignore it in a mapping file"
                            ),
                        ));
                        None
                    }
                },
            };
            if let Some(c) = column {
                let key = columns::normalise(&name);
                let spec = c.spec();
                if key == spec.nl && key != spec.en {
                    dutch += 1;
                } else if key == spec.en && key != spec.nl {
                    english += 1;
                }
                if let Some((first, first_name)) = seen.get(&c) {
                    out.problems.push(Problem::new(
                        path,
                        pos,
                        format!(
                            "column `{name}` holds the same field as column {first} (`{first_name}`); keep one"
                        ),
                    ));
                    fatal = true;
                } else {
                    seen.insert(c, (ix + 1, name.clone()));
                    written.insert(c, name.clone());
                }
            }
            columns.push(column);
        }
        let canonical = |c: Column| -> String {
            written.get(&c).cloned().unwrap_or_else(|| {
                let spec = c.spec();
                if dutch > english { spec.nl } else { spec.en }.to_string()
            })
        };
        for spec in SPECS.iter().filter(|s| s.required) {
            if !seen.contains_key(&spec.column) {
                out.problems.push(Problem::new(
                    path,
                    Pos::new(1, 0),
                    format!(
                        "missing required column `{}` (in English `{}`)",
                        spec.nl, spec.en
                    ),
                ));
                out.columns_missing = true;
            }
        }
        if fatal {
            return None;
        }
        let names = Names {
            id: canonical(Column::Id),
            name: canonical(Column::Name),
            providers: canonical(Column::Providers),
            summary: canonical(Column::Summary),
            aim: canonical(Column::Aim),
            approach: canonical(Column::Approach),
            target_groups: canonical(Column::TargetGroups),
            levels: canonical(Column::Levels),
            offer_types: canonical(Column::OfferTypes),
            prevention: canonical(Column::Prevention),
            themes: canonical(Column::Themes),
            dimensions: canonical(Column::Dimensions),
            framing: canonical(Column::Framing),
            working_elements: canonical(Column::WorkingElements),
            evidence_level: canonical(Column::EvidenceLevel),
            evidence_year: canonical(Column::EvidenceYear),
            evidence_body: canonical(Column::EvidenceBody),
            sources: canonical(Column::SourceUrls),
            source_url: canonical(Column::SourceUrls),
            source_checked: canonical(Column::SourcesChecked),
        };
        Some(Layout {
            columns,
            names,
            present: seen.into_keys().collect(),
        })
    }
}

/// Split a list cell on `|` when it has one, else on `;`, but never inside parentheses:
/// `Eduniek (Utrecht; voorheen CED-Groep)` is one provider.
fn split_list(cell: &At<String>) -> Vec<At<String>> {
    let sep = if cell.value.contains('|') { '|' } else { ';' };
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for c in cell.value.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if c == sep && depth == 0 {
            parts.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    parts.push(current);
    parts
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(|s| At::new(s.to_string(), cell.pos))
        .collect()
}

/// A date as a Dutch spreadsheet saves it (`21-11-2026`, `1/2/2026`) in ISO form
/// (`2026-11-21`); anything else is left for validation to judge.
fn iso_date(value: &str) -> String {
    let t = value.trim();
    let parts: Vec<&str> = t.split(['-', '/', '.']).collect();
    if let [d, m, y] = parts.as_slice()
        && y.len() == 4
        && (1..=2).contains(&d.len())
        && (1..=2).contains(&m.len())
        && [d, m, y]
            .iter()
            .all(|p| p.chars().all(|c| c.is_ascii_digit()))
    {
        return format!("{y}-{m:0>2}-{d:0>2}");
    }
    t.to_string()
}

/// Split a free-text list (notes, titles, studies) on `|` only: the texts may hold `;`.
/// Empty parts are kept, so the n-th note stays with the n-th working element.
fn split_texts(cell: &At<String>) -> Vec<At<String>> {
    if cell.value.trim().is_empty() {
        return Vec::new();
    }
    cell.value
        .split('|')
        .map(|s| At::new(s.trim().to_string(), cell.pos))
        .collect()
}

fn row_draft(
    path: &Path,
    layout: &Layout,
    cells: &HashMap<Column, At<String>>,
    problems: &mut Vec<Problem>,
    row: Pos,
) -> Draft {
    let names = &layout.names;
    let text = |c: Column| cells.get(&c).cloned();
    // A column the header has but a short row leaves out counts as an empty cell.
    let cell = |c: Column| -> Option<At<String>> {
        text(c).or_else(|| {
            layout
                .present
                .contains(&c)
                .then(|| At::new(String::new(), row))
        })
    };
    let list = |c: Column| cell(c).map(|v| At::new(split_list(&v), v.pos));
    let mut problem = |pos: Pos, message: String| problems.push(Problem::new(path, pos, message));

    let name = cell(Column::Name);
    let id = match cell(Column::Id).filter(|i| !i.value.trim().is_empty()) {
        Some(id) => Some(id),
        None => match &name {
            Some(n) if !n.value.trim().is_empty() => {
                let derived = slug(&n.value);
                if derived.is_empty() {
                    problem(
                        n.pos,
                        format!(
                            "cannot make an id from the name `{}`; fill in the `{}` column",
                            crate::core::model::text::sanitize_line(&n.value),
                            names.id
                        ),
                    );
                }
                Some(At::new(derived, n.pos))
            }
            _ => None,
        },
    };

    let year = |c: Column, problem: &mut dyn FnMut(Pos, String)| -> Option<At<i64>> {
        let v = cell(c)?;
        let t = v.value.trim();
        if t.is_empty() {
            return None;
        }
        match t.parse::<i64>() {
            Ok(y) => Some(At::new(y, v.pos)),
            Err(_) => {
                problem(
                    v.pos,
                    format!(
                        "`{}` = `{}` is not a year",
                        names.evidence_year,
                        crate::core::model::text::sanitize_line(t)
                    ),
                );
                None
            }
        }
    };

    let working_elements = cell(Column::WorkingElements).map(|ids_cell| {
        let ids = split_list(&ids_cell);
        let notes = cell(Column::WorkingElementNotes)
            .map(|n| split_texts(&n))
            .unwrap_or_default();
        if notes.len() > ids.len()
            && notes.iter().skip(ids.len()).any(|n| !n.value.is_empty())
            && let Some(first) = notes.first()
        {
            problem(
                first.pos,
                format!(
                    "{} notes for {} working elements; separate the notes with `|`, one per element",
                    notes.len(),
                    ids.len()
                ),
            );
        }
        let elements = ids
            .into_iter()
            .enumerate()
            .map(|(k, id)| DraftElement {
                id,
                note: notes.get(k).cloned().filter(|n| !n.value.is_empty()),
            })
            .collect();
        At::new(elements, ids_cell.pos)
    });

    let evidence = {
        let level = cell(Column::EvidenceLevel).filter(|l| !l.value.trim().is_empty());
        let year = year(Column::EvidenceYear, &mut problem);
        let studies = cell(Column::Studies)
            .map(|s| {
                split_texts(&s)
                    .into_iter()
                    .filter(|p| !p.value.is_empty())
                    .map(|p| parse_study(&p, &mut problem))
                    .collect()
            })
            .unwrap_or_default();
        // Point at the level's cell, where a missing level must be filled in.
        let at = cell(Column::EvidenceLevel).map(|c| c.pos).unwrap_or(row);
        Some(At::new(
            DraftEvidence {
                level,
                status: cell(Column::EvidenceStatus),
                date: cell(Column::EvidenceDate),
                year,
                body: cell(Column::EvidenceBody),
                databank: cell(Column::EvidenceDatabank),
                databank_url: cell(Column::EvidenceDatabankUrl),
                note: cell(Column::EvidenceNote),
                studies,
            },
            at,
        ))
    };

    let sources = cell(Column::SourceUrls).map(|urls_cell| {
        let urls = split_list(&urls_cell);
        let titles = cell(Column::SourceTitles)
            .map(|t| split_texts(&t))
            .unwrap_or_default();
        // Per source, separated by `|`, the field keys it backs, separated by spaces.
        let supports: Vec<At<String>> = cell(Column::SourceSupports)
            .map(|s| split_texts(&s))
            .unwrap_or_default();
        let checked: Vec<At<String>> = cell(Column::SourcesChecked)
            .map(|c| split_list(&c))
            .unwrap_or_default()
            .into_iter()
            .map(|d| At::new(iso_date(&d.value), d.pos))
            .collect();
        if titles.len() > urls.len()
            && titles.iter().skip(urls.len()).any(|t| !t.value.is_empty())
            && let Some(first) = titles.first()
        {
            problem(
                first.pos,
                format!(
                    "{} titles for {} URLs; separate the titles with `|`, one per URL",
                    titles.len(),
                    urls.len()
                ),
            );
        }
        if checked.len() > 1
            && checked.len() != urls.len()
            && let Some(first) = checked.first()
        {
            problem(
                first.pos,
                format!(
                    "{} dates for {} URLs; give one date for all sources or one per URL",
                    checked.len(),
                    urls.len()
                ),
            );
        }
        let list = urls
            .into_iter()
            .enumerate()
            .map(|(k, url)| {
                let pos = url.pos;
                let date = if checked.len() == 1 {
                    checked.first()
                } else {
                    checked.get(k)
                };
                At::new(
                    DraftSource {
                        url: Some(url),
                        title: titles.get(k).cloned().filter(|t| !t.value.is_empty()),
                        checked: date.cloned(),
                        supports: supports.get(k).map(|keys| {
                            At::new(
                                keys.value
                                    .split_whitespace()
                                    .map(|key| At::new(key.to_string(), keys.pos))
                                    .collect(),
                                keys.pos,
                            )
                        }),
                    },
                    pos,
                )
            })
            .collect();
        At::new(list, urls_cell.pos)
    });

    Draft {
        pos: row,
        id,
        name,
        aliases: cell(Column::Aliases)
            .map(|a| split_list(&a))
            .unwrap_or_default(),
        providers: list(Column::Providers),
        country: cell(Column::Country),
        summary: cell(Column::Summary),
        aim: cell(Column::Aim),
        approach: cell(Column::Approach),
        target_groups: list(Column::TargetGroups),
        levels: list(Column::Levels),
        offer_types: list(Column::OfferTypes),
        prevention: list(Column::Prevention),
        themes: list(Column::Themes),
        duration: cell(Column::Duration),
        cost: cell(Column::Cost),
        region: cell(Column::Region),
        weerbaarheid: Some(At::new(
            DraftWeerbaarheid {
                // Optional in a CSV: no column means no dimensions recorded.
                dimensions: Some(list(Column::Dimensions).unwrap_or(At::new(Vec::new(), row))),
                framing: cell(Column::Framing),
            },
            row,
        )),
        working_elements,
        evidence,
        sources,
    }
}

/// One study as the CSV export writes it: parts separated by ` – ` (or ` - `): `N=120` is the
/// number of participants, a four-digit number the year, and the other parts in order the
/// design, the outcome and the reference.
fn parse_study(cell: &At<String>, problem: &mut dyn FnMut(Pos, String)) -> At<DraftStudy> {
    let mut study = DraftStudy::default();
    let mut texts = Vec::new();
    for part in cell.value.split(" – ").flat_map(|p| p.split(" - ")) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let lower = part.to_lowercase();
        if let Some(n) = lower
            .strip_prefix("n=")
            .or_else(|| lower.strip_prefix("n ="))
        {
            match n.trim().parse::<i64>() {
                Ok(n) => study.n = Some(At::new(n, cell.pos)),
                Err(_) => problem(
                    cell.pos,
                    format!(
                        "study `{}`: `N=` needs a whole number",
                        crate::core::model::text::sanitize_line(part)
                    ),
                ),
            }
        } else if part.len() == 4
            && part.chars().all(|c| c.is_ascii_digit())
            && study.year.is_none()
        {
            study.year = part.parse::<i64>().ok().map(|y| At::new(y, cell.pos));
        } else {
            texts.push(At::new(part.to_string(), cell.pos));
        }
    }
    let mut texts = texts.into_iter();
    study.design = texts.next();
    study.outcome = texts.next();
    let rest: Vec<String> = texts.map(|t| t.value).collect();
    if !rest.is_empty() {
        study.reference = Some(At::new(rest.join(" – "), cell.pos));
    }
    At::new(study, cell.pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_never_closed_is_named_instead_of_swallowing_the_rows_after_it() {
        let header = "name;providers;summary;aim\n";
        let file = format!("{header}Een;P;\"Begint;Doel\nTwee;P;Tekst;Doel\nDrie;P;Tekst;Doel\n");
        let read = read(Path::new("q.csv"), file.as_bytes(), &Mapping::default());
        // Only one row is read (the other two are inside its cell), and it says why.
        assert_eq!(read.entries.len(), 1);
        let first = read.entries[0].problems[0].to_string();
        assert!(first.starts_with("q.csv:2:"), "{first}");
        assert!(first.contains("never closed"), "{first}");
        assert!(first.contains("the 2 line(s) after it"), "{first}");

        // Quoted cells that are closed, over several lines and with doubled quotes, are fine.
        let fine = format!("{header}Een;P;\"Twee\nregels met \"\"aanhalingstekens\"\"\";Doel\n");
        assert_eq!(
            unclosed_quote(fine.split_once('\n').unwrap().1.as_bytes()),
            None
        );
        assert_eq!(unclosed_quote(b"Een;P;5\" scherm;Doel\n"), None);
    }

    #[test]
    fn the_delimiter_is_taken_from_the_header_line() {
        assert_eq!(detect_delimiter(b"naam;doel;\"a,b,c\"\nx,y"), b';');
        assert_eq!(detect_delimiter(b"name,aim\n;;;;"), b',');
        assert_eq!(detect_delimiter(b"name\taim"), b'\t');
        assert_eq!(detect_delimiter(b"name"), b',');
    }

    #[test]
    fn lists_split_on_bar_or_semicolon() {
        let at = |s: &str| At::new(s.to_string(), Pos::new(2, 3));
        let values = |v: Vec<At<String>>| v.into_iter().map(|a| a.value).collect::<Vec<_>>();
        assert_eq!(values(split_list(&at("a; b;;c "))), vec!["a", "b", "c"]);
        assert_eq!(values(split_list(&at("a;b | c"))), vec!["a;b", "c"]);
        assert_eq!(
            values(split_list(&at("Eduniek (Utrecht; voorheen CED); UU"))),
            vec!["Eduniek (Utrecht; voorheen CED)", "UU"]
        );
        assert_eq!(values(split_texts(&at(" | tweede"))), vec!["", "tweede"]);
        assert!(split_texts(&at("  ")).is_empty());
    }

    #[test]
    fn dutch_spreadsheet_dates_become_iso() {
        assert_eq!(iso_date("21-11-2026"), "2026-11-21");
        assert_eq!(iso_date(" 1/2/2026"), "2026-02-01");
        assert_eq!(iso_date("2026-11-21"), "2026-11-21");
        assert_eq!(iso_date("gisteren"), "gisteren");
    }

    #[test]
    fn studies_read_back_as_exported() {
        let cell = At::new(
            "RCT – N=120 – minder agressie – 2019 – Jansen 2019".to_string(),
            Pos::new(2, 22),
        );
        let s = parse_study(&cell, &mut |_, _| {}).value;
        assert_eq!(s.design.map(|d| d.value).as_deref(), Some("RCT"));
        assert_eq!(s.n.map(|n| n.value), Some(120));
        assert_eq!(
            s.outcome.map(|d| d.value).as_deref(),
            Some("minder agressie")
        );
        assert_eq!(s.year.map(|n| n.value), Some(2019));
        assert_eq!(s.reference.map(|d| d.value).as_deref(), Some("Jansen 2019"));
    }
}
