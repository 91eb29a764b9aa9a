//! The references a reference manager imports for an intervention: one per source (a web page
//! with its URL and access date) and one per study; an intervention with neither gets one
//! reference for itself, so nothing is silently left out. RIS and CSL-JSON write these same
//! records, each note naming the intervention, its evidence level and working elements, the
//! shortlist note and the inventory's version and date.

use crate::core::i18n::Text;
use crate::core::model::{FacetGroup, Intervention, Study};

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
    /// A study's authors as the reference names them (people and organisations), in order.
    pub authors: Vec<String>,
    /// The intervention the reference belongs to: RIS `T2`, CSL `container-title`, so a
    /// reference manager shows it next to every source and study.
    pub intervention: String,
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

/// Sentences joined with ". " without doubling a full stop a part already ends with.
fn sentences(parts: &[String]) -> String {
    parts
        .iter()
        .map(|p| p.trim().trim_end_matches('.').trim_end())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(". ")
}

/// The first four-digit year (1900–2099) in a text.
fn year_in(text: &str) -> Option<u16> {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(4).enumerate().find_map(|(i, w)| {
        let digits: String = w.iter().collect();
        let before = i.checked_sub(1).and_then(|b| chars.get(b));
        let after = chars.get(i + 4);
        let bounded = !before.is_some_and(|c| c.is_ascii_digit())
            && !after.is_some_and(|c| c.is_ascii_digit());
        let year: u16 = digits.parse().ok()?;
        (bounded && (1900..2100).contains(&year)).then_some(year)
    })
}

/// What a free-text study reference says, as a reference manager wants it: the authors (people
/// and organisations named before the date, title or description), and the title where the
/// reference has one (in quotes, or after "(2013)." in the APA way).
/// `"Distelbrink, Pels, Tan en Aarts (mei 2013)"`: four authors, no title.
/// `"Jansen, A. (2013). Effecten van Rots en Water. Utrecht."`: `Jansen, A.`; the title.
/// A reference without a year names no one for sure ("Secundaire bron, …"): no authors.
pub fn parse_study_reference(reference: &str) -> (Vec<String>, Option<String>) {
    let reference = reference.trim();
    let quote_open = ['\'', '‘', '"', '“'];
    let quoted = reference.find(quote_open).and_then(|start| {
        let rest = &reference[start..];
        let open = rest.chars().next()?;
        let close = match open {
            '‘' => '’',
            '“' => '”',
            c => c,
        };
        let body = &rest[open.len_utf8()..];
        body.find(close).map(|end| body[..end].trim().to_string())
    });
    // APA: "Authors (2013). Title. Place: Publisher."
    let apa = reference.find(").").map(|at| {
        let rest = reference[at + 2..].trim_start();
        rest.split(". ")
            .next()
            .unwrap_or(rest)
            .trim_end_matches('.')
            .trim()
            .to_string()
    });
    let title = quoted.or(apa).filter(|t| !t.is_empty());
    if year_in(reference).is_none() {
        return (Vec::new(), title);
    }
    let head_end = reference
        .find(|c: char| c == '(' || quote_open.contains(&c))
        .unwrap_or(reference.len());
    let head = &reference[..head_end];
    let mut authors: Vec<String> = Vec::new();
    for segment in head.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let first = segment.chars().next().unwrap_or(' ');
        // A description ("verkenning", "in opdracht van …") or a date ends the names.
        if first.is_lowercase() || segment.chars().any(|c| c.is_ascii_digit()) {
            break;
        }
        // APA initials ("A.", "B. C.") belong to the family name before them.
        let initials = segment
            .split_whitespace()
            .all(|w| w.ends_with('.') && w.chars().count() <= 4);
        if initials && let Some(last) = authors.last_mut() {
            last.push_str(", ");
            last.push_str(segment);
            continue;
        }
        let segment = segment.trim_start_matches("& ").trim();
        for name in segment
            .split(" en ")
            .flat_map(|n| n.split(" & "))
            .flat_map(|n| n.split(" and "))
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            authors.push(name.to_string());
        }
    }
    (authors, title)
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
        authors: Vec::new(),
        intervention: one_line(&item.name),
        note: one_line(&sentences(&note)),
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
        let (authors, title) = parse_study_reference(&s.reference);
        // Without a title of its own, a study is named by what it is and the intervention
        // ("Procesevaluatie — Rots en Water").
        let title = title.unwrap_or_else(|| {
            // The design names a study ("Procesevaluatie"); the outcome is a sentence about
            // it, kept for the note, and only the title when there is no design.
            let what = match (s.design.trim(), s.outcome.trim()) {
                ("", "") => Text::Studies.get(opts.lang).to_string(),
                ("", o) => o.trim_end_matches('.').to_string(),
                (d, _) => d.to_string(),
            };
            format!("{what} — {}", item.name)
        });
        // The reference as written stays in the note: nothing the source said is lost.
        let mut note = vec![format!("{}: {summary}", Text::Studies.get(opts.lang))];
        if !s.reference.trim().is_empty() {
            note.push(format!(
                "{}: {}",
                Text::Reference.get(opts.lang),
                s.reference.trim()
            ));
        }
        note.extend(base_note(entry, opts));
        refs.push(Reference {
            kind: Kind::Study,
            key: format!("{}-studie-{}", item.id, n + 1),
            title: one_line(&title),
            year: s.year.or_else(|| year_in(&s.reference)),
            publisher: String::new(),
            authors: authors.iter().map(|a| one_line(a)).collect(),
            note: one_line(&sentences(&note)),
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
    use crate::core::export::fixtures;
    use crate::core::model::Lang;

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
        assert_eq!(refs[1].title, "Effecten van Rots en Water");
        assert_eq!(refs[1].authors, ["Jansen, A."]);
        assert_eq!(refs[1].intervention, "Rots en Water");
        assert!(!refs[1].note.contains(".."), "{}", refs[1].note);
        assert!(
            refs[1]
                .note
                .starts_with("Studies: Quasi-experimenteel (N=120, 2013): minder slachtofferschap")
        );
        // One-line values: the summary's newline is gone.
        assert!(!refs[0].summary.contains('\n'));

        for r in &refs {
            assert!(!r.note.contains(".."), "doubled full stop: {}", r.note);
        }

        let bare = references(&&items[1], &opts);
        assert_eq!(bare.len(), 1);
        assert_eq!(bare[0].kind, Kind::Intervention);
        assert_eq!(bare[0].key, "formule");
    }

    #[test]
    fn free_text_study_references_give_authors_year_and_title() {
        let cases: [(&str, &[&str], Option<&str>); 7] = [
            (
                "Distelbrink, Pels, Tan en Aarts (mei 2013)",
                &["Distelbrink", "Pels", "Tan", "Aarts"],
                None,
            ),
            (
                "Beek en Reitsma (KPC Groep), ORD, juni 2011",
                &["Beek", "Reitsma"],
                None,
            ),
            (
                "Broekroelofs & Felten, Movisie (april 2021)",
                &["Broekroelofs", "Felten", "Movisie"],
                None,
            ),
            (
                "Hogeschool van Amsterdam (2015)",
                &["Hogeschool van Amsterdam"],
                None,
            ),
            (
                "Vijlbrief & Felten (Movisie) met Bos (UvA), 'Samen sterk met een GSA', augustus 2018",
                &["Vijlbrief", "Felten"],
                Some("Samen sterk met een GSA"),
            ),
            ("Secundaire bron, niet primair geverifieerd", &[], None),
            (
                "Jansen, A., & De Vries, B. C. (2013). Effecten. Utrecht.",
                &["Jansen, A.", "De Vries, B. C."],
                Some("Effecten"),
            ),
        ];
        for (reference, authors, title) in cases {
            let (a, t) = parse_study_reference(reference);
            assert_eq!(a, authors, "{reference}");
            assert_eq!(t.as_deref(), title, "{reference}");
        }
        assert_eq!(
            year_in("Labyrinth (9 juli 2018; op 6 september 2018)"),
            Some(2018)
        );
        assert_eq!(year_in("N=12345"), None);
    }
}
