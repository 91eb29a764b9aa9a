//! CSV: RFC 4180, UTF-8 without BOM, one row per intervention, vocabulary ids joined with `; `.
//! Values are written untouched, for scripts and re-import. `csv_nl` and `xlsx` write the same
//! columns and cells.

use std::io::Write;

use super::{Entries, Entry, Options, join};
use crate::core::i18n::Text;
use crate::core::model::{FacetGroup, Intervention};

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

/// The header a column gets with `--labels`, in the language: the labels the detail view uses
/// (one table, `i18n::Text`).
fn header(column: &str) -> Option<Text> {
    Some(match column {
        "id" => Text::ColumnId,
        "name" => Text::Name,
        "aliases" => Text::Aliases,
        "providers" => Text::Provider,
        "country" => Text::Country,
        "summary" => Text::Summary,
        "aim" => Text::Aim,
        "approach" => Text::Approach,
        "target_groups" => Text::TargetGroups,
        "levels" => Text::Levels,
        "offer_types" => Text::OfferTypes,
        "prevention" => Text::Prevention,
        "themes" => Text::Themes,
        "dimensions" => Text::Dimensions,
        "framing" => Text::Framing,
        "working_elements" => Text::WorkingElements,
        "working_element_notes" => Text::ColumnWorkingElementNotes,
        "evidence_level" => Text::EvidenceLevel,
        "evidence_year" => Text::ColumnEvidenceYear,
        "evidence_state" => Text::ColumnEvidenceState,
        "evidence_status" => Text::ColumnEvidenceStatus,
        "evidence_date" => Text::JudgementDate,
        "evidence_databank" => Text::Databank,
        "evidence_databank_url" => Text::ColumnEvidenceDatabankUrl,
        "evidence_body" => Text::AssessedBy,
        "evidence_note" => Text::ColumnEvidenceNote,
        "studies" => Text::Studies,
        "duration" => Text::Duration,
        "cost" => Text::Cost,
        "region" => Text::Region,
        "source_urls" => Text::ColumnSourceUrls,
        "source_titles" => Text::ColumnSourceTitles,
        "sources_checked" => Text::ColumnSourcesChecked,
        "source_supports" => Text::ColumnSourceSupports,
        "inventory_version" => Text::ColumnInventoryVersion,
        "inventory_date" => Text::ColumnInventoryDate,
        "shortlist_note" => Text::ShortlistNote,
        _ => return None,
    })
}

/// The header row: the column ids (for scripts and re-import), or with `--labels` their names
/// in the interface's language.
pub fn headers(opts: &Options<'_>) -> Vec<&'static str> {
    COLUMNS
        .iter()
        .map(|c| match header(c) {
            Some(text) if opts.labels => text.get(opts.lang),
            _ => c,
        })
        .collect()
}

/// Vocabulary ids as cell text: the ids, or with `--labels` their labels in the language.
fn values(ids: &[String], group: FacetGroup, opts: &Options<'_>) -> String {
    if !opts.labels {
        return join(ids);
    }
    let labels: Vec<String> = ids
        .iter()
        .map(|id| Intervention::label(group, id, opts.lang))
        .collect();
    join(&labels)
}

/// The cells of one row, in `COLUMNS` order.
pub fn row(entry: &(impl Entry + ?Sized), opts: &Options<'_>) -> Vec<String> {
    let item = entry.item();
    let elements: Vec<String> = item.working_elements.iter().map(|w| w.id.clone()).collect();
    let level = if opts.labels && !item.evidence.level.is_empty() {
        Intervention::label(FacetGroup::Evidence, &item.evidence.level, opts.lang)
    } else {
        item.evidence.level.clone()
    };
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
        values(&item.target_groups, FacetGroup::TargetGroup, opts),
        values(&item.levels, FacetGroup::Level, opts),
        values(&item.offer_types, FacetGroup::OfferType, opts),
        values(&item.prevention, FacetGroup::Prevention, opts),
        values(&item.themes, FacetGroup::Theme, opts),
        values(&item.weerbaarheid.dimensions, FacetGroup::Dimension, opts),
        item.weerbaarheid.framing.clone(),
        values(&elements, FacetGroup::WorkingElement, opts),
        item.working_elements
            .iter()
            .map(|w| w.note.clone())
            .collect::<Vec<_>>()
            .join(" | "),
        level,
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
        // separated by spaces: "summary aim | cost"; with `--labels` the fields' names instead.
        item.sources
            .iter()
            .map(|s| {
                if opts.labels {
                    let names: Vec<&str> = s
                        .supports
                        .iter()
                        .map(|k| crate::core::i18n::field_label(k, opts.lang))
                        .collect();
                    names.join("; ")
                } else {
                    s.supports.join(" ")
                }
            })
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
    w.write_record(headers(opts)).map_err(to_io)?;
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
    use crate::core::export::fixtures;
    use crate::core::model::{Intervention, Lang};

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

    #[test]
    fn with_labels_cells_and_headers_are_words_in_the_language() {
        let items = fixtures::items();
        for (lang, header, groups, level) in [
            (
                Lang::Nl,
                "Doelgroepen",
                "Jongeren; Eerstelijnsprofessionals (breed)",
                "Goed onderbouwd",
            ),
            (
                Lang::En,
                "Target groups",
                "Young people; Frontline professionals (general)",
                "Well founded",
            ),
        ] {
            let mut opts = fixtures::opts(lang);
            opts.labels = true;
            let mut buf = Vec::new();
            write(&items, &opts, &mut buf).unwrap();
            let mut r = ::csv::Reader::from_reader(buf.as_slice());
            let head: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
            let at = COLUMNS.iter().position(|c| *c == "target_groups").unwrap();
            assert_eq!(head[at], header);
            let first = r.records().next().unwrap().unwrap();
            assert_eq!(&first[at], groups);
            let lv = COLUMNS.iter().position(|c| *c == "evidence_level").unwrap();
            assert_eq!(&first[lv], level);
            assert!(!head.iter().any(|h| h.contains('_')), "{head:?}");
            let unique: std::collections::HashSet<&String> = head.iter().collect();
            assert_eq!(
                unique.len(),
                head.len(),
                "two columns with one name: {head:?}"
            );
        }
    }
}
