//! XLSX: the columns and cells of plain CSV (`export::csv`) on a first sheet, every cell written
//! as a string (never a formula or a number Excel could reinterpret), the header row frozen
//! with an autofilter, wrapped text and column widths that fit the content. A second sheet holds
//! the inventory's provenance: title, version, date, licence, source, the selection and the
//! weerbaar version that wrote it.

use std::io::Write;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

use crate::i18n::Text;

use super::{Entries, Options, csv};

/// Excel's limit on the length of a cell, in UTF-16 code units.
const MAX_CELL_UTF16: usize = 32_767;
const MIN_WIDTH: usize = 8;
const MAX_WIDTH: usize = 60;

fn to_io(e: XlsxError) -> std::io::Error {
    std::io::Error::other(format!("XLSX: {e}"))
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

/// A column width in characters: the longest line in the column, within bounds.
fn width(cells: impl Iterator<Item = impl AsRef<str>>) -> f64 {
    let widest = cells
        .flat_map(|c| {
            c.as_ref()
                .lines()
                .map(|l| l.width())
                .max()
                .into_iter()
                .collect::<Vec<_>>()
        })
        .max()
        .unwrap_or(0);
    (widest + 2).clamp(MIN_WIDTH, MAX_WIDTH) as f64
}

fn write_rows(
    sheet: &mut Worksheet,
    header: &[String],
    rows: &[Vec<String>],
    bold: &Format,
    wrap: &Format,
) -> Result<(), XlsxError> {
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, fit(h).as_ref(), bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string_with_format(r as u32 + 1, c as u16, fit(cell).as_ref(), wrap)?;
        }
    }
    for (c, h) in header.iter().enumerate() {
        let cells = std::iter::once(h.as_str())
            .chain(rows.iter().filter_map(|r| r.get(c).map(String::as_str)));
        sheet.set_column_width(c as u16, width(cells))?;
    }
    Ok(())
}

fn build(title: &str, rows: &[Vec<String>], opts: &Options<'_>) -> Result<Vec<u8>, XlsxError> {
    let lang = opts.lang;
    let mut book = Workbook::new();
    let bold = Format::new()
        .set_bold()
        .set_border_bottom(FormatBorder::Thin)
        .set_align(FormatAlign::Top);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);

    let header: Vec<String> = csv::COLUMNS.iter().map(|c| c.to_string()).collect();
    let sheet = book.add_worksheet();
    sheet.set_name(Text::SheetInterventions.get(lang))?;
    write_rows(sheet, &header, rows, &bold, &wrap)?;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, rows.len() as u32, (header.len() - 1) as u16)?;

    let m = opts.metadata;
    let t = |k: Text| k.get(lang).to_string();
    let provenance = vec![
        vec![t(Text::Inventory), m.title.clone()],
        vec![t(Text::Version), m.version.clone()],
        vec![t(Text::Date), m.date.clone()],
        vec![t(Text::Licence), m.licence.clone()],
        vec![t(Text::Source), m.source.clone()],
        vec![t(Text::Selection), title.to_string()],
        vec![t(Text::SheetInterventions), rows.len().to_string()],
        vec![
            t(Text::ExportedWith),
            format!("weerbaar {}", env!("CARGO_PKG_VERSION")),
        ],
    ];
    let sheet = book.add_worksheet();
    sheet.set_name(Text::SheetProvenance.get(lang))?;
    write_rows(
        sheet,
        &[t(Text::SheetProvenance), String::new()],
        &provenance,
        &bold,
        &wrap,
    )?;
    book.save_to_buffer()
}

pub fn write(
    title: &str,
    entries: impl Entries,
    opts: &Options<'_>,
    mut out: impl Write,
) -> std::io::Result<()> {
    let rows = entries
        .into_entries()
        .map(|e| e.map(|e| csv::row(&e, opts)))
        .collect::<std::io::Result<Vec<_>>>()?;
    let bytes = build(title, &rows, opts).map_err(to_io)?;
    out.write_all(&bytes)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures;
    use crate::model::{Intervention, Lang};
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
