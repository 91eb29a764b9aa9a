//! CSV: RFC 4180, UTF-8 without BOM, one row per intervention, vocabulary ids joined with `; `.
//! Values are written untouched, for scripts and re-import. `csv_nl` and `xlsx` write the same
//! columns and cells.

use std::io::Write;

use super::{Entries, Entry, Options, join};

/// The column names, in order. Documented in docs/export.md; `weerbaar import` reads them back.
pub const COLUMNS: &[&str] = &[
    "id",
    "name",
    "aliases",
    "providers",
    "country",
    "summary",
    "aim",
    "approach",
    "target_groups",
    "levels",
    "offer_types",
    "prevention",
    "themes",
    "dimensions",
    "framing",
    "working_elements",
    "working_element_notes",
    "evidence_level",
    "evidence_state",
    "evidence_year",
    "evidence_status",
    "evidence_date",
    "evidence_body",
    "evidence_databank",
    "evidence_databank_url",
    "evidence_note",
    "studies",
    "duration",
    "cost",
    "region",
    "source_urls",
    "source_titles",
    "sources_checked",
    "source_supports",
    "inventory_version",
    "inventory_date",
    "shortlist_note",
];

/// The cells of one row, in `COLUMNS` order.
pub fn row(entry: &(impl Entry + ?Sized), opts: &Options<'_>) -> Vec<String> {
    let item = entry.item();
    let studies = item
        .evidence
        .studies
        .iter()
        .map(|s| {
            let mut parts = vec![s.design.clone()];
            if let Some(n) = s.n {
                parts.push(format!("N={n}"));
            }
            if !s.outcome.is_empty() {
                parts.push(s.outcome.clone());
            }
            if let Some(y) = s.year {
                parts.push(y.to_string());
            }
            if !s.reference.is_empty() {
                parts.push(s.reference.clone());
            }
            parts.retain(|p| !p.is_empty());
            parts.join(" – ")
        })
        .collect::<Vec<_>>();
    vec![
        item.id.clone(),
        item.name.clone(),
        join(&item.aliases),
        join(&item.providers),
        item.country.clone(),
        item.summary.clone(),
        item.aim.clone(),
        item.approach.clone(),
        join(&item.target_groups),
        join(&item.levels),
        join(&item.offer_types),
        join(&item.prevention),
        join(&item.themes),
        join(&item.weerbaarheid.dimensions),
        item.weerbaarheid.framing.clone(),
        item.working_elements
            .iter()
            .map(|w| w.id.clone())
            .collect::<Vec<_>>()
            .join("; "),
        item.working_elements
            .iter()
            .map(|w| w.note.clone())
            .collect::<Vec<_>>()
            .join(" | "),
        item.evidence.level.clone(),
        // The recognition's state in words, in the export's language ("erkend 2016 — ouder
        // dan vijf jaar"); derived, so the import reads past it.
        item.evidence
            .age_note(opts.current_year, opts.lang)
            .unwrap_or_default(),
        item.evidence
            .year
            .map(|y| y.to_string())
            .unwrap_or_default(),
        item.evidence.status.clone(),
        item.evidence.date.clone(),
        item.evidence.body.clone(),
        item.evidence.databank.clone(),
        item.evidence.databank_url.clone(),
        item.evidence.note.clone(),
        studies.join(" | "),
        item.duration.clone(),
        item.cost.clone(),
        item.region.clone(),
        item.sources
            .iter()
            .map(|s| s.url.clone())
            .collect::<Vec<_>>()
            .join("; "),
        item.sources
            .iter()
            .map(|s| s.title.clone())
            .collect::<Vec<_>>()
            .join(" | "),
        item.sources
            .iter()
            .map(|s| s.checked.clone())
            .collect::<Vec<_>>()
            .join("; "),
        // Per source (in the order of the URLs, separated by `|`) the field keys it backs,
        // separated by spaces: "summary aim | cost".
        item.sources
            .iter()
            .map(|s| s.supports.join(" "))
            .collect::<Vec<_>>()
            .join(" | "),
        opts.metadata.version.clone(),
        opts.metadata.date.clone(),
        entry.note().unwrap_or_default().to_string(),
    ]
}

pub fn write(entries: impl Entries, opts: &Options<'_>, out: impl Write) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(COLUMNS).map_err(to_io)?;
    for entry in entries.into_entries() {
        w.write_record(row(&entry?, opts)).map_err(to_io)?;
    }
    w.flush()
}

/// The IO error inside a CSV error (the only kind writing can give), so a broken pipe or a
/// full disk is reported as such.
pub(crate) fn to_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        kind => std::io::Error::other(format!("CSV: {kind:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures;
    use crate::model::{Intervention, Lang};

    #[test]
    fn rows_read_back_untouched_with_the_note_and_the_inventory_version() {
        let opts = fixtures::opts(Lang::Nl);
        let items = fixtures::items();
        let entries: Vec<(&Intervention, Option<&str>)> =
            vec![(&items[0], Some("bespreken; \"ja\"")), (&items[1], None)];
        let mut buf = Vec::new();
        write(&entries, &opts, &mut buf).unwrap();
        assert!(!buf.starts_with("\u{feff}".as_bytes()), "no BOM");
        let mut r = ::csv::Reader::from_reader(buf.as_slice());
        let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header, COLUMNS);
        let rows: Vec<::csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), 2);
        let col = |name: &str| COLUMNS.iter().position(|c| *c == name).unwrap();
        assert_eq!(&rows[0][col("summary")], items[0].summary);
        assert_eq!(&rows[0][col("target_groups")], "jongeren; professionals");
        assert_eq!(&rows[0][col("shortlist_note")], "bespreken; \"ja\"");
        assert_eq!(&rows[0][col("inventory_version")], "2025.2");
        assert_eq!(&rows[0][col("inventory_date")], "2025-11-01");
        // Plain CSV is for scripts: no formula guard.
        assert_eq!(&rows[1][col("name")], "=HYPERLINK(\"x\")");
        assert_eq!(&rows[1][col("shortlist_note")], "");
    }
}
