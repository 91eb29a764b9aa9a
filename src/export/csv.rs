//! CSV: RFC 4180, UTF-8 without BOM, one row per intervention, vocabulary ids joined with `; `.
//! Values are written untouched, for scripts and re-import.

use std::io::Write;

use crate::model::Intervention;

use super::{Options, join};

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
    "evidence_year",
    "evidence_body",
    "evidence_note",
    "studies",
    "duration",
    "cost",
    "region",
    "source_urls",
    "source_titles",
    "sources_checked",
    "inventory_version",
    "inventory_date",
];

/// The cells of one row, in `COLUMNS` order.
pub fn row(item: &Intervention, opts: &Options<'_>) -> Vec<String> {
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
        item.evidence
            .year
            .map(|y| y.to_string())
            .unwrap_or_default(),
        item.evidence.body.clone(),
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
        opts.metadata.version.clone(),
        opts.metadata.date.clone(),
    ]
}

pub fn write(items: &[&Intervention], opts: &Options<'_>, out: impl Write) -> csv::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(COLUMNS)?;
    for item in items {
        w.write_record(row(item, opts))?;
    }
    w.flush()?;
    Ok(())
}
