//! What changed between two inventories (`weerbaar db diff OLD NEW`): entries added, removed
//! and renamed (same id, new name), and per entry the changes a user cares about most: the
//! evidence level, the working elements and the sources, plus which other fields changed.
//! Pure: `diff` compares two `Inventory`s; `render` writes the result as text or Markdown, and
//! the structure itself serialises to JSON.

pub mod render;

use serde::Serialize;

use crate::core::i18n::Text;
use crate::core::model::{Intervention, Lang};
use crate::core::store::{Inventory, Metadata};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    pub old: Side,
    pub new: Side,
    pub added: Vec<Entry>,
    pub removed: Vec<Entry>,
    pub renamed: Vec<Renamed>,
    pub changed: Vec<Changed>,
}

/// One of the two inventories compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    pub title: String,
    pub version: String,
    pub date: String,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Renamed {
    pub id: String,
    pub old_name: String,
    pub new_name: String,
}

/// An entry present in both with different content.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Changed {
    pub id: String,
    /// The new name.
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Change<String>>,
    #[serde(skip_serializing_if = "SetChange::is_empty")]
    pub working_elements: SetChange,
    #[serde(skip_serializing_if = "SetChange::is_empty")]
    pub sources: SetChange,
    /// Other fields that differ, by their JSON name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other: Vec<Field>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change<T> {
    pub old: T,
    pub new: T,
}

/// Values added to and removed from a list (working element ids, source URLs).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct SetChange {
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

impl SetChange {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }

    fn between(old: &[String], new: &[String]) -> SetChange {
        SetChange {
            added: new.iter().filter(|v| !old.contains(v)).cloned().collect(),
            removed: old.iter().filter(|v| !new.contains(v)).cloned().collect(),
        }
    }
}

/// The fields compared besides name, evidence level, working elements and source URLs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Aliases,
    Providers,
    Country,
    Summary,
    Aim,
    Approach,
    TargetGroups,
    Levels,
    OfferTypes,
    Prevention,
    Themes,
    Dimensions,
    Framing,
    WorkingElementNotes,
    EvidenceYear,
    /// The recognition's status, date, databank or databank page.
    EvidenceRecognition,
    EvidenceBody,
    EvidenceNote,
    Studies,
    Duration,
    Cost,
    Region,
    SourceDetails,
}

impl Field {
    pub fn label(self, lang: Lang) -> &'static str {
        let text = match self {
            Field::Aliases => Text::Aliases,
            Field::Providers => Text::Provider,
            Field::Country => Text::Country,
            Field::Summary => Text::Summary,
            Field::Aim => Text::Aim,
            Field::Approach => Text::Approach,
            Field::TargetGroups => Text::TargetGroups,
            Field::Levels => Text::Levels,
            Field::OfferTypes => Text::OfferTypes,
            Field::Prevention => Text::Prevention,
            Field::Themes => Text::Themes,
            Field::Dimensions => Text::Dimensions,
            Field::Framing => Text::Framing,
            Field::WorkingElementNotes => Text::WorkingElements,
            Field::EvidenceYear | Field::EvidenceBody => Text::AssessedBy,
            Field::EvidenceRecognition => Text::RecognitionRecord,
            Field::EvidenceNote => Text::EvidenceNote,
            Field::Studies => Text::Studies,
            Field::Duration => Text::Duration,
            Field::Cost => Text::Cost,
            Field::Region => Text::Region,
            Field::SourceDetails => Text::SourceDetails,
        };
        text.get(lang)
    }
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.renamed.is_empty()
            && self.changed.is_empty()
    }
}

fn side(meta: &Metadata, count: usize) -> Side {
    Side {
        title: meta.title.clone(),
        version: meta.version.clone(),
        date: meta.date.clone(),
        count,
    }
}

fn entry(i: &Intervention) -> Entry {
    Entry {
        id: i.id.clone(),
        name: i.name.clone(),
    }
}

/// Compare two inventories; every list is in id order.
pub fn diff(old: &Inventory, new: &Inventory) -> Diff {
    let mut d = Diff {
        old: side(&old.metadata, old.interventions.len()),
        new: side(&new.metadata, new.interventions.len()),
        added: Vec::new(),
        removed: Vec::new(),
        renamed: Vec::new(),
        changed: Vec::new(),
    };
    for o in &old.interventions {
        match new.get(&o.id) {
            None => d.removed.push(entry(o)),
            Some(n) => {
                if o.name != n.name {
                    d.renamed.push(Renamed {
                        id: o.id.clone(),
                        old_name: o.name.clone(),
                        new_name: n.name.clone(),
                    });
                }
                if let Some(c) = changes(o, n) {
                    d.changed.push(c);
                }
            }
        }
    }
    d.added = new
        .interventions
        .iter()
        .filter(|n| old.get(&n.id).is_none())
        .map(entry)
        .collect();
    d
}

fn changes(o: &Intervention, n: &Intervention) -> Option<Changed> {
    let ids = |i: &'_ Intervention| -> Vec<String> {
        i.working_elements.iter().map(|w| w.id.clone()).collect()
    };
    let urls =
        |i: &'_ Intervention| -> Vec<String> { i.sources.iter().map(|s| s.url.clone()).collect() };
    let (old_ids, new_ids) = (ids(o), ids(n));
    let (old_urls, new_urls) = (urls(o), urls(n));
    let working_elements = SetChange::between(&old_ids, &new_ids);
    let sources = SetChange::between(&old_urls, &new_urls);
    let evidence = (o.evidence.level != n.evidence.level).then(|| Change {
        old: o.evidence.level.clone(),
        new: n.evidence.level.clone(),
    });
    let notes = |i: &Intervention| {
        i.working_elements
            .iter()
            .map(|w| (w.id.clone(), w.note.clone()))
            .collect::<Vec<_>>()
    };
    let mut other = Vec::new();
    let mut check = |field: Field, same: bool| {
        if !same {
            other.push(field);
        }
    };
    check(Field::Aliases, o.aliases == n.aliases);
    check(Field::Providers, o.providers == n.providers);
    check(Field::Country, o.country == n.country);
    check(Field::Summary, o.summary == n.summary);
    check(Field::Aim, o.aim == n.aim);
    check(Field::Approach, o.approach == n.approach);
    check(Field::TargetGroups, o.target_groups == n.target_groups);
    check(Field::Levels, o.levels == n.levels);
    check(Field::OfferTypes, o.offer_types == n.offer_types);
    check(Field::Prevention, o.prevention == n.prevention);
    check(Field::Themes, o.themes == n.themes);
    check(
        Field::Dimensions,
        o.weerbaarheid.dimensions == n.weerbaarheid.dimensions,
    );
    check(
        Field::Framing,
        o.weerbaarheid.framing == n.weerbaarheid.framing,
    );
    // Notes count only when the elements themselves did not change (else that says it).
    check(
        Field::WorkingElementNotes,
        !working_elements.is_empty() || notes(o) == notes(n),
    );
    check(Field::EvidenceYear, o.evidence.year == n.evidence.year);
    let recognition = |e: &crate::core::model::Evidence| {
        (
            e.status.clone(),
            e.date.clone(),
            e.databank.clone(),
            e.databank_url.clone(),
        )
    };
    check(
        Field::EvidenceRecognition,
        recognition(&o.evidence) == recognition(&n.evidence),
    );
    check(Field::EvidenceBody, o.evidence.body == n.evidence.body);
    check(Field::EvidenceNote, o.evidence.note == n.evidence.note);
    check(Field::Studies, o.evidence.studies == n.evidence.studies);
    check(Field::Duration, o.duration == n.duration);
    check(Field::Cost, o.cost == n.cost);
    check(Field::Region, o.region == n.region);
    // Same URLs, but a title or a checked date moved on.
    check(
        Field::SourceDetails,
        !sources.is_empty() || o.sources == n.sources,
    );
    if evidence.is_none() && working_elements.is_empty() && sources.is_empty() && other.is_empty() {
        return None;
    }
    Some(Changed {
        id: n.id.clone(),
        name: n.name.clone(),
        evidence,
        working_elements,
        sources,
        other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Source, WorkingElementUse};

    fn item(id: &str, name: &str) -> Intervention {
        Intervention {
            id: id.into(),
            name: name.into(),
            evidence: crate::core::model::Evidence {
                level: "onbekend".into(),
                ..Default::default()
            },
            working_elements: vec![WorkingElementUse {
                id: "dialoog".into(),
                note: String::new(),
            }],
            sources: vec![Source {
                url: "https://a.nl".into(),
                title: "A".into(),
                checked: "2026-01-01".into(),
                supports: vec!["summary".into()],
            }],
            ..Default::default()
        }
    }

    fn inv(items: Vec<Intervention>) -> Inventory {
        let mut interventions = items;
        interventions.sort_by(|a, b| a.id.cmp(&b.id));
        Inventory {
            metadata: Metadata::default(),
            interventions,
        }
    }

    #[test]
    fn a_recognition_put_under_reassessment_is_a_change() {
        let old = inv(vec![item("a", "A")]);
        let mut a = item("a", "A");
        a.evidence.status = "in-herbeoordeling".into();
        let d = diff(&old, &inv(vec![a]));
        assert_eq!(d.changed.len(), 1);
        assert_eq!(d.changed[0].other, vec![Field::EvidenceRecognition]);
    }

    #[test]
    fn identical_inventories_have_no_differences() {
        let a = inv(vec![item("a", "A"), item("b", "B")]);
        assert!(diff(&a, &a.clone()).is_empty());
    }

    #[test]
    fn added_removed_renamed_and_changed_are_told_apart() {
        let old = inv(vec![item("a", "A"), item("b", "B"), item("c", "C")]);
        let mut b = item("b", "Bee");
        b.evidence.level = "goed-beschreven".into();
        b.working_elements.push(WorkingElementUse {
            id: "reflectie".into(),
            note: String::new(),
        });
        b.sources[0].checked = "2026-02-02".into();
        b.summary = "Nieuw.".into();
        let new = inv(vec![item("a", "A"), b, item("d", "D")]);
        let d = diff(&old, &new);
        assert_eq!(d.added, vec![entry(&item("d", "D"))]);
        assert_eq!(d.removed, vec![entry(&item("c", "C"))]);
        assert_eq!(
            d.renamed,
            vec![Renamed {
                id: "b".into(),
                old_name: "B".into(),
                new_name: "Bee".into()
            }]
        );
        assert_eq!(d.changed.len(), 1);
        let c = &d.changed[0];
        assert_eq!(
            c.evidence,
            Some(Change {
                old: "onbekend".into(),
                new: "goed-beschreven".into()
            })
        );
        assert_eq!(c.working_elements.added, vec!["reflectie"]);
        assert!(c.sources.is_empty());
        assert_eq!(c.other, vec![Field::Summary, Field::SourceDetails]);
    }

    #[test]
    fn a_rename_alone_is_not_a_content_change() {
        let old = inv(vec![item("a", "A")]);
        let new = inv(vec![item("a", "Anders")]);
        let d = diff(&old, &new);
        assert_eq!(d.renamed.len(), 1);
        assert!(d.changed.is_empty());
    }
}
