//! XLSX: the columns and cells of plain CSV (`export::csv`) on a first sheet, every cell written
//! as a string (never a formula or a number Excel could reinterpret), the header row frozen
//! with an autofilter, wrapped text and column widths that fit the content. A second sheet holds
//! the inventory's provenance: title, version, date, licence, source, the selection and the
//! weerbaar version that wrote it.

use std::io::{Seek, Write};

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

use crate::core::i18n::Text;

use super::{Entries, Options, csv};

/// Excel's limit on the length of a cell, in UTF-16 code units.
const MAX_CELL_UTF16: usize = 32_767;
const MIN_WIDTH: usize = 8;
const MAX_WIDTH: usize = 60;

fn to_io(e: XlsxError) -> std::io::Error {
    match e {
        // A record that could not be read (or a failed write) stays what it was.
        XlsxError::IoError(e) => e,
        e => std::io::Error::other(format!("XLSX: {e}")),
    }
}

/// Cut a cell to Excel's limit, ending with `…` when cut (Excel refuses longer cells).
fn fit(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.encode_utf16().count() <= MAX_CELL_UTF16 {
        return cell.into();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in cell.chars() {
        if used + c.len_utf16() > MAX_CELL_UTF16 - 1 {
            break;
        }
        used += c.len_utf16();
        out.push(c);
    }
    out.push('…');
    out.into()
}

/// The display width of a cell's longest line.
fn line_width(cell: &str) -> usize {
    cell.lines().map(|l| l.width()).max().unwrap_or(0)
}

/// A column width in characters, from its widest line, within bounds.
fn width(widest: usize) -> f64 {
    (widest + 2).clamp(MIN_WIDTH, MAX_WIDTH) as f64
}

/// Rows written one after the other, each column as wide as its widest line.
struct Rows<'s> {
    sheet: &'s mut Worksheet,
    widest: Vec<usize>,
    /// The next row to write.
    next: u32,
}

impl<'s> Rows<'s> {
    fn start(sheet: &'s mut Worksheet, header: &[&str], bold: &Format) -> Result<Self, XlsxError> {
        let mut rows = Rows {
            sheet,
            widest: vec![0; header.len()],
            next: 0,
        };
        rows.push(header.iter().copied(), bold)?;
        Ok(rows)
    }

    fn push<'c>(
        &mut self,
        cells: impl Iterator<Item = &'c str>,
        format: &Format,
    ) -> Result<(), XlsxError> {
        for (c, cell) in cells.enumerate() {
            self.sheet
                .write_string_with_format(self.next, c as u16, fit(cell).as_ref(), format)?;
            if let Some(w) = self.widest.get_mut(c) {
                *w = (*w).max(line_width(cell));
            }
        }
        self.next += 1;
        Ok(())
    }

    /// Set the column widths; returns the sheet and how many rows were written after the header.
    fn finish(self) -> Result<(&'s mut Worksheet, u32), XlsxError> {
        for (c, widest) in self.widest.iter().enumerate() {
            self.sheet.set_column_width(c as u16, width(*widest))?;
        }
        Ok((self.sheet, self.next.saturating_sub(1)))
    }
}

/// The workbook, ready to be saved.
fn build(title: &str, entries: impl Entries, opts: &Options<'_>) -> Result<Workbook, XlsxError> {
    let lang = opts.lang;
    let mut book = Workbook::new();
    let bold = Format::new()
        .set_bold()
        .set_border_bottom(FormatBorder::Thin)
        .set_align(FormatAlign::Top);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);

    // Constant memory: each row goes to a temporary file as soon as the next one starts (its
    // strings written inline), so the sheet never holds the records.
    let sheet = book.add_worksheet_with_constant_memory()?;
    sheet.set_name(Text::SheetInterventions.get(lang))?;
    let mut rows = Rows::start(sheet, &csv::headers(opts), &bold)?;
    for entry in entries.into_entries() {
        let row = csv::row(&entry?, opts);
        rows.push(row.iter().map(String::as_str), &wrap)?;
    }
    let (sheet, count) = rows.finish()?;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, count, (csv::COLUMNS.len() - 1) as u16)?;

    let m = opts.metadata;
    let t = |k: Text| k.get(lang).to_string();
    let provenance = [
        [t(Text::Inventory), m.title.clone()],
        [t(Text::Version), m.version.clone()],
        [t(Text::Date), m.date.clone()],
        [t(Text::Licence), m.licence.clone()],
        [t(Text::Source), m.source.clone()],
        [t(Text::Selection), title.to_string()],
        [t(Text::SheetInterventions), count.to_string()],
        [
            t(Text::ExportedWith),
            format!("weerbaar {}", env!("CARGO_PKG_VERSION")),
        ],
    ];
    let sheet = book.add_worksheet();
    sheet.set_name(Text::SheetProvenance.get(lang))?;
    let mut rows = Rows::start(sheet, &[Text::SheetProvenance.get(lang), ""], &bold)?;
    for row in &provenance {
        rows.push(row.iter().map(String::as_str), &wrap)?;
    }
    rows.finish()?;
    Ok(book)
}

pub fn write(
    title: &str,
    entries: impl Entries,
    opts: &Options<'_>,
    mut out: impl Write,
) -> std::io::Result<()> {
    let mut book = build(title, entries, opts).map_err(to_io)?;
    // The zip goes to an unnamed temporary file (gone when closed, even after a crash) and is
    // copied from there: held in memory, a workbook of 70,000 rows would cost another 60 MB.
    let mut zipped = tempfile::tempfile()?;
    book.save_to_writer(&mut zipped).map_err(to_io)?;
    zipped.seek(std::io::SeekFrom::Start(0))?;
    std::io::copy(&mut zipped, &mut out)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::export::fixtures;
    use crate::core::model::{Intervention, Lang};
    use calamine::{Data, Reader, Xlsx};

    fn read(bytes: Vec<u8>) -> Xlsx<std::io::Cursor<Vec<u8>>> {
        Xlsx::new(std::io::Cursor::new(bytes)).unwrap()
    }

    #[test]
    fn every_cell_is_a_string_and_the_formula_name_stays_text() {
        let opts = fixtures::opts(Lang::Nl);
        let items = fixtures::items();
        let entries: Vec<(&Intervention, Option<&str>)> =
            vec![(&items[0], Some("met team bespreken")), (&items[1], None)];
        let mut buf = Vec::new();
        write("Sessie", &entries, &opts, &mut buf).unwrap();
        let mut xlsx = read(buf);
        assert_eq!(xlsx.sheet_names(), ["Interventies", "Herkomst"]);

        let range = xlsx.worksheet_range("Interventies").unwrap();
        assert_eq!(range.get_size(), (3, csv::COLUMNS.len()));
        for (c, name) in csv::COLUMNS.iter().enumerate() {
            assert_eq!(range.get((0, c)), Some(&Data::String(name.to_string())));
        }
        let col = |name: &str| csv::COLUMNS.iter().position(|c| *c == name).unwrap();
        assert_eq!(
            range.get((2, col("name"))),
            Some(&Data::String("=HYPERLINK(\"x\")".into()))
        );
        assert_eq!(
            range.get((1, col("shortlist_note"))),
            Some(&Data::String("met team bespreken".into()))
        );
        // A year is a string cell too, exactly as in the CSV.
        assert_eq!(
            range.get((1, col("evidence_year"))),
            Some(&Data::String("2016".into()))
        );
        for (r, entry) in entries.iter().enumerate() {
            let expected = csv::row(entry, &opts);
            for (c, cell) in expected.iter().enumerate() {
                match range.get((r + 1, c)) {
                    Some(Data::String(s)) => assert_eq!(s, cell),
                    Some(Data::Empty) | None => assert!(cell.is_empty()),
                    other => panic!("cell ({r},{c}) is not a string: {other:?}"),
                }
            }
        }
        // No formulas anywhere.
        let formulas = xlsx.worksheet_formula("Interventies").unwrap();
        assert!(formulas.cells().all(|(_, _, f)| f.is_empty()));

        let prov = xlsx.worksheet_range("Herkomst").unwrap();
        let pairs: Vec<(String, String)> = prov
            .rows()
            .map(|r| (r[0].to_string(), r[1].to_string()))
            .collect();
        assert!(pairs.contains(&("Versie".into(), "2025.2".into())));
        assert!(pairs.contains(&("Datum".into(), "2025-11-01".into())));
        assert!(pairs.contains(&("Selectie".into(), "Sessie".into())));
    }

    #[test]
    fn the_raw_sheet_has_a_frozen_header_and_an_autofilter() {
        let opts = fixtures::opts(Lang::En);
        let items = fixtures::items();
        let entries: Vec<&Intervention> = items.iter().collect();
        let mut buf = Vec::new();
        write("All", &entries, &opts, &mut buf).unwrap();
        // Look inside the zip for the sheet XML.
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(buf)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
            &mut xml,
        )
        .unwrap();
        assert!(xml.contains(r#"state="frozen""#), "{xml}");
        assert!(xml.contains("<autoFilter ref=\"A1:"), "{xml}");
        assert!(xml.contains("<cols>"));
        assert!(!xml.contains("<f>"), "no formulas");
    }

    #[test]
    fn overlong_cells_are_cut_to_the_excel_limit() {
        let long = "é".repeat(40_000);
        let cut = fit(&long);
        assert_eq!(cut.encode_utf16().count(), MAX_CELL_UTF16);
        assert!(cut.ends_with('…'));
        assert_eq!(fit("kort"), "kort");
    }
}
