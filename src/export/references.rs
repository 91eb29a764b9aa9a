//! The references a reference manager imports for an intervention: one per source (a web page
//! with its URL and access date) and one per study; an intervention with neither gets one
//! reference for itself, so nothing is silently left out. RIS and CSL-JSON write these same
//! records, each note naming the intervention, its evidence level and working elements, the
//! shortlist note and the inventory's version and date.

use crate::i18n::Text;
use crate::model::{FacetGroup, Intervention, Study};

use super::{Entry, Options, provenance_line};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A source web page.
    Webpage,
    /// A study (usually a report or article, given as a free-text reference).
    Study,
    /// The intervention itself, when it has no sources or studies.
    Intervention,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub kind: Kind,
    /// Unique within one export: `<intervention id>`, `-bron-<n>` or `-studie-<n>`.
    pub key: String,
    pub title: String,
    pub url: String,
    /// ISO date the source was last checked: the access date.
    pub accessed: String,
    pub year: Option<u16>,
    pub publisher: String,
    pub summary: String,
    pub keywords: Vec<String>,
    pub note: String,
    /// "Title version (date)" of the inventory.
    pub database: String,
}

fn study_summary(s: &Study) -> String {
    let mut meta = Vec::new();
    if let Some(n) = s.n {
        meta.push(format!("N={n}"));
    }
    if let Some(y) = s.year {
        meta.push(y.to_string());
    }
    let mut line = s.design.clone();
    if !meta.is_empty() {
        line.push_str(&format!(" ({})", meta.join(", ")));
    }
    if !s.outcome.is_empty() {
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&s.outcome);
    }
    line
}

/// The note shared by all references of one intervention.
fn base_note(entry: &(impl Entry + ?Sized), opts: &Options<'_>) -> Vec<String> {
    let item = entry.item();
    let lang = opts.lang;
    let level = if item.evidence.level.is_empty() {
        "onbekend"
    } else {
        &item.evidence.level
    };
    let mut evidence = Intervention::label(FacetGroup::Evidence, level, lang);
    if let Some(age) = item.evidence.age_note(opts.current_year, lang) {
        evidence.push_str(&format!(" ({age})"));
    }
    let elements: Vec<String> = item
        .working_elements
        .iter()
        .map(|w| {
            let label = Intervention::label(FacetGroup::WorkingElement, &w.id, lang);
            if w.note.is_empty() {
                label
            } else {
                format!("{label} ({})", w.note)
            }
        })
        .collect();
    let mut parts = vec![format!(
        "{}: {} ({})",
        Text::Intervention.get(lang),
        item.name,
        item.id
    )];
    if !item.providers.is_empty() {
        parts.push(format!(
            "{}: {}",
            Text::Provider.get(lang),
            item.providers.join("; ")
        ));
    }
    parts.push(format!("{}: {evidence}", Text::EvidenceLevel.get(lang)));
    if !elements.is_empty() {
        parts.push(format!(
            "{}: {}",
            Text::WorkingElements.get(lang),
            elements.join("; ")
        ));
    }
    if let Some(note) = entry.note() {
        parts.push(format!(
            "{}: {}",
            Text::ShortlistNote.get(lang),
            note.trim()
        ));
    }
    parts.push(format!(
        "{}: {}",
        Text::Inventory.get(lang),
        provenance_line(opts.metadata)
    ));
    parts
}

/// One-line text: reference managers take one value per tag.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn references(entry: &(impl Entry + ?Sized), opts: &Options<'_>) -> Vec<Reference> {
    let item = entry.item();
    let note = base_note(entry, opts);
    let base = Reference {
        kind: Kind::Intervention,
        key: item.id.clone(),
        title: one_line(&item.name),
        url: String::new(),
        accessed: String::new(),
        year: None,
        publisher: one_line(&item.providers.join("; ")),
        summary: one_line(&item.summary),
        keywords: item
            .themes
            .iter()
            .map(|t| Intervention::label(FacetGroup::Theme, t, opts.lang))
            .collect(),
        note: one_line(&note.join(". ")),
        database: provenance_line(opts.metadata),
    };
    let mut refs = Vec::new();
    for (n, s) in item.sources.iter().enumerate() {
        refs.push(Reference {
            kind: Kind::Webpage,
            key: format!("{}-bron-{}", item.id, n + 1),
            title: one_line(if s.title.is_empty() {
                &item.name
            } else {
                &s.title
            }),
            url: one_line(&s.url),
            accessed: one_line(&s.checked),
            ..base.clone()
        });
    }
    for (n, s) in item.evidence.studies.iter().enumerate() {
        let summary = study_summary(s);
        let title = if s.reference.is_empty() {
            format!("{} — {}", summary, item.name)
        } else {
            s.reference.clone()
        };
        let mut note = vec![format!("{}: {summary}", Text::Studies.get(opts.lang))];
        note.extend(base_note(entry, opts));
        refs.push(Reference {
            kind: Kind::Study,
            key: format!("{}-studie-{}", item.id, n + 1),
            title: one_line(&title),
            year: s.year,
            publisher: String::new(),
            note: one_line(&note.join(". ")),
            ..base.clone()
        });
    }
    if refs.is_empty() {
        refs.push(base);
    }
    refs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures;
    use crate::model::Lang;

    #[test]
    fn sources_and_studies_become_references_and_bare_items_one_of_their_own() {
        let opts = fixtures::opts(Lang::Nl);
        let items = fixtures::items();
        let refs = references(&(&items[0], Some("bellen")), &opts);
        assert_eq!(refs.len(), 2);
        assert_eq!(refs[0].kind, Kind::Webpage);
        assert_eq!(refs[0].url, "https://example.org/rots-en-water");
        assert_eq!(refs[0].accessed, "2025-10-15");
        assert!(
            refs[0]
                .note
                .contains("Erkenning: Goed onderbouwd (erkend 2016 — ouder dan vijf jaar)"),
            "{}",
            refs[0].note
        );
        assert!(refs[0].note.contains("Notitie: bellen"));
        assert!(refs[0].note.contains("Testinventaris 2025.2 (2025-11-01)"));
        assert_eq!(refs[1].kind, Kind::Study);
        assert_eq!(refs[1].year, Some(2013));
        assert!(refs[1].title.starts_with("Jansen, A. (2013)"));
        assert!(
            refs[1]
                .note
                .starts_with("Studies: Quasi-experimenteel (N=120, 2013): minder slachtofferschap")
        );
        // One-line values: the summary's newline is gone.
        assert!(!refs[0].summary.contains('\n'));

        let bare = references(&&items[1], &opts);
        assert_eq!(bare.len(), 1);
        assert_eq!(bare[0].kind, Kind::Intervention);
        assert_eq!(bare[0].key, "formule");
    }
}
