//! A comparison as CSV (RFC 4180, UTF-8): one row per aspect. Columns: `aspect` (stable id),
//! `label`, `identical` (true/false), `shared` (values shared by all), then per intervention
//! its values and the values only it carries. The first data row (`aspect` = `id`) holds the
//! interventions' ids. Values within a cell are joined with `; `. This is a file for people
//! and spreadsheets, so cells that a spreadsheet would run as a formula are neutralised.

use std::io::Write;

use crate::core::compare::Comparison;
use crate::core::i18n::Text;

use super::Options;
use super::csv_nl::guard;

fn joined<'a>(labels: impl IntoIterator<Item = &'a str>) -> String {
    labels.into_iter().collect::<Vec<_>>().join("; ")
}

pub fn write(cmp: &Comparison<'_>, opts: &Options<'_>, out: impl Write) -> csv::Result<()> {
    let lang = opts.lang;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let mut header = vec![
        "aspect".to_string(),
        "label".to_string(),
        "identical".to_string(),
        "shared".to_string(),
    ];
    for item in &cmp.items {
        header.push(item.name.clone());
        header.push(format!("{}: {}", item.name, Text::OnlyHere.get(lang)));
    }
    w.write_record(header.into_iter().map(|c| guard(&c)))?;

    let mut ids = vec![
        "id".to_string(),
        Text::Id.get(lang).to_string(),
        String::new(),
        String::new(),
    ];
    for item in &cmp.items {
        ids.push(item.id.clone());
        ids.push(String::new());
    }
    w.write_record(ids.into_iter().map(|c| guard(&c)))?;

    for row in &cmp.rows {
        let mut record = vec![
            row.aspect.id().to_string(),
            row.aspect.label(lang).to_string(),
            row.identical.to_string(),
            joined(row.shared.iter().map(|e| e.label.as_str())),
        ];
        for (col, cell) in row.cells.iter().enumerate() {
            record.push(joined(cell.iter().map(|e| e.label.as_str())));
            record.push(joined(
                row.unique(col).into_iter().map(|e| e.label.as_str()),
            ));
        }
        w.write_record(record.into_iter().map(|c| guard(&c)))?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::compare::{Aspect, compare};
    use crate::core::export::fixtures;
    use crate::core::model::{Intervention, Lang, WorkingElementUse};

    fn item(id: &str, name: &str, elements: &[&str]) -> Intervention {
        Intervention {
            id: id.into(),
            name: name.into(),
            cost: "-50 euro".into(),
            working_elements: WorkingElementUse::without_notes(elements),
            ..Intervention::default()
        }
    }

    #[test]
    fn read_back_with_a_csv_parser() {
        let a = item("a", "=Rots", &["dialoog", "reflectie"]);
        let b = item("b", "Kanjer, de training", &["dialoog"]);
        let opts = fixtures::opts(Lang::Nl);
        let mut buf = Vec::new();
        write(&compare(&[&a, &b], Lang::Nl, 2026), &opts, &mut buf).unwrap();
        let mut r = csv::Reader::from_reader(buf.as_slice());
        let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(
            header,
            [
                "aspect",
                "label",
                "identical",
                "shared",
                "'=Rots",
                "'=Rots: alleen hier",
                "Kanjer, de training",
                "Kanjer, de training: alleen hier"
            ]
        );
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1 + Aspect::ALL.len());
        assert_eq!(&rows[0][4], "a");
        assert_eq!(&rows[0][6], "b");
        let elements = rows.iter().find(|r| &r[0] == "working-elements").unwrap();
        assert_eq!(&elements[2], "false");
        assert_eq!(&elements[3], "Dialoog");
        assert_eq!(&elements[4], "Dialoog; Reflectie");
        assert_eq!(&elements[5], "Reflectie");
        assert_eq!(&elements[7], "");
        let cost = rows.iter().find(|r| &r[0] == "cost-duration").unwrap();
        assert_eq!(&cost[2], "true");
        assert_eq!(&cost[4], "Kosten: -50 euro; Duur: onbekend");
    }
}
