//! CSV for Dutch Excel: the columns and cells of plain CSV (`export::csv`), but with `;` as the
//! separator (Dutch Excel uses the comma for decimals), a UTF-8 byte order mark (so Excel does
//! not read it as Windows-1252), CRLF line ends, and a formula guard: a cell that begins with
//! `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so a spreadsheet shows it
//! as text instead of running it. `unguard` takes the `'` off again for re-import.

use std::io::Write;

use super::{Entries, Options, csv};

/// The characters that make a spreadsheet treat a cell as a formula.
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn needs_guard(cell: &str) -> bool {
    let mut chars = cell.chars();
    match chars.next() {
        Some(c) if TRIGGERS.contains(&c) => true,
        // A cell that already looks guarded is guarded once more, so `unguard` is exact.
        Some('\'') => needs_guard(chars.as_str()),
        _ => false,
    }
}

/// The cell as written: with a leading `'` when a spreadsheet would run it.
pub fn guard(cell: &str) -> String {
    if needs_guard(cell) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// The original value of a guarded cell.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => cell,
    }
}

pub fn write(
    entries: impl Entries,
    opts: &Options<'_>,
    mut out: impl Write,
) -> std::io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut w = ::csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(csv::headers(opts)).map_err(csv::to_io)?;
    for entry in entries.into_entries() {
        w.write_record(csv::row(&entry?, opts).iter().map(|c| guard(c)))
            .map_err(csv::to_io)?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::export::fixtures;
    use crate::core::model::{Intervention, Lang};

    #[test]
    fn guard_and_unguard_are_exact_inverses() {
        for s in [
            "=HYPERLINK(\"x\")",
            "+31",
            "-5",
            "@x",
            "\tx",
            "\rx",
            "'=x",
            "''=x",
            "'plain",
            "plain",
            "",
        ] {
            assert_eq!(unguard(&guard(s)), s, "{s:?}");
        }
        assert_eq!(guard("=1+1"), "'=1+1");
        assert_eq!(guard("a=1"), "a=1");
        assert_eq!(guard("'plain"), "'plain");
    }

    #[test]
    fn a_formula_name_is_guarded_and_the_file_opens_as_dutch_excel_csv() {
        let opts = fixtures::opts(Lang::Nl);
        let items = fixtures::items();
        let entries: Vec<(&Intervention, Option<&str>)> =
            vec![(&items[0], Some("=SUM(A1)")), (&items[1], None)];
        let mut buf = Vec::new();
        write(&entries, &opts, &mut buf).unwrap();
        let body = buf
            .strip_prefix("\u{feff}".as_bytes())
            .expect("starts with a UTF-8 BOM");
        let text = std::str::from_utf8(body).unwrap();
        assert!(text.starts_with("id;name;"));
        // Header and two records end in CRLF; the newline inside the summary is quoted.
        assert_eq!(text.matches("\r\n").count(), 3);
        assert!(text.ends_with("\r\n"));

        let mut r = ::csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(body);
        assert_eq!(
            r.headers().unwrap().iter().collect::<Vec<_>>(),
            csv::COLUMNS
        );
        let rows: Vec<::csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
        let col = |name: &str| csv::COLUMNS.iter().position(|c| *c == name).unwrap();
        assert_eq!(&rows[1][col("name")], "'=HYPERLINK(\"x\")");
        assert_eq!(&rows[1][col("summary")], "'+31 6 1234; -min; @home");
        assert_eq!(&rows[0][col("shortlist_note")], "'=SUM(A1)");
        assert_eq!(&rows[0][col("name")], "Rots en Water");
        // Multi-line text stays in one cell.
        assert_eq!(&rows[0][col("summary")], items[0].summary);
        assert_eq!(&rows[0][col("inventory_version")], "2025.2");
        // Every cell unguards to the plain CSV value.
        for (row, entry) in rows.iter().zip(&entries) {
            let plain = csv::row(entry, &opts);
            let back: Vec<&str> = row.iter().map(unguard).collect();
            assert_eq!(back, plain);
        }
    }
}
