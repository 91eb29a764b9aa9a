//! One intervention as labelled sections, independent of any face: the TUI detail pane, `show`
//! as text and the Markdown handout all render this same structure, so they never disagree.

use crate::core::i18n::Text;
use crate::core::model::provenance::{backing_any, marker};
use crate::core::model::vocab::evidence_badge;
use crate::core::model::{FacetGroup, Intervention, Lang};

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub title: &'static str,
    pub fields: Vec<Field>,
    /// The numbers (1-based, as in the source list) of the sources backing this section's
    /// fields.
    pub sources: Vec<usize>,
}

impl Section {
    /// The title with the numbers of its sources: "Wat en voor wie [1,3]".
    pub fn heading(&self) -> String {
        if self.sources.is_empty() {
            self.title.to_string()
        } else {
            format!("{} {}", self.title, marker(&self.sources))
        }
    }
}

/// The field keys (`model::provenance::FIELD_KEYS`) each section shows, in section order; the
/// sources section shows none.
pub const SECTION_KEYS: [&[&str]; 6] = [
    &[
        "aliases",
        "providers",
        "summary",
        "aim",
        "target_groups",
        "levels",
        "offer_types",
        "prevention",
        "themes",
    ],
    &["weerbaarheid"],
    &["working_elements"],
    &["evidence", "studies"],
    &["approach", "duration", "cost", "region", "country"],
    &[],
];

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub label: &'static str,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A paragraph; empty means unknown and is shown as such.
    Text(String),
    /// Items shown one per line (or bullet).
    List(Vec<String>),
}

fn labels(item: &Intervention, group: FacetGroup, lang: Lang) -> Vec<String> {
    item.values(group)
        .into_iter()
        .map(|id| Intervention::label(group, id, lang))
        .collect()
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

/// The evidence level as one line: badge, label and the recognition's state ("●●○○○ GO Goed
/// onderbouwd (erkend 2016 — ouder dan vijf jaar)").
pub fn evidence_line(item: &Intervention, lang: Lang, current_year: u16) -> String {
    let level = if item.evidence.level.is_empty() {
        "onbekend"
    } else {
        &item.evidence.level
    };
    let (dots, code) = evidence_badge(level);
    let mut line = format!(
        "{dots} {code} {}",
        Intervention::label(FacetGroup::Evidence, level, lang)
    );
    if let Some(note) = item.evidence.age_note(current_year, lang) {
        line.push_str(&format!(" ({note})"));
    }
    line
}

pub fn sections(item: &Intervention, lang: Lang, current_year: u16) -> Vec<Section> {
    let t = |k: Text| k.get(lang);
    let mut what = vec![
        Field {
            label: t(Text::Provider),
            value: Value::List(item.providers.clone()),
        },
        Field {
            label: t(Text::Summary),
            value: text(&item.summary),
        },
        Field {
            label: t(Text::Aim),
            value: text(&item.aim),
        },
        Field {
            label: t(Text::TargetGroups),
            value: Value::List(labels(item, FacetGroup::TargetGroup, lang)),
        },
        Field {
            label: t(Text::Levels),
            value: Value::List(labels(item, FacetGroup::Level, lang)),
        },
        Field {
            label: t(Text::OfferTypes),
            value: Value::List(labels(item, FacetGroup::OfferType, lang)),
        },
        Field {
            label: t(Text::Prevention),
            value: Value::List(labels(item, FacetGroup::Prevention, lang)),
        },
        Field {
            label: t(Text::Themes),
            value: Value::List(labels(item, FacetGroup::Theme, lang)),
        },
    ];
    if !item.aliases.is_empty() {
        what.insert(
            0,
            Field {
                label: t(Text::Aliases),
                value: Value::List(item.aliases.clone()),
            },
        );
    }

    let resilience = vec![
        Field {
            label: t(Text::Dimensions),
            value: Value::List(labels(item, FacetGroup::Dimension, lang)),
        },
        Field {
            label: t(Text::Framing),
            value: text(&item.weerbaarheid.framing),
        },
    ];

    let elements = vec![Field {
        label: t(Text::WorkingElements),
        value: Value::List(
            item.working_elements
                .iter()
                .map(|w| {
                    let label = Intervention::label(FacetGroup::WorkingElement, &w.id, lang);
                    if w.note.is_empty() {
                        label
                    } else {
                        format!("{label}: {}", w.note)
                    }
                })
                .collect(),
        ),
    }];

    let mut evidence = vec![Field {
        label: t(Text::EvidenceLevel),
        value: text(&evidence_line(item, lang, current_year)),
    }];
    if item.evidence.date.len() > 4 {
        // The year is in the level's line; a fuller date gets its own line.
        evidence.push(Field {
            label: t(Text::JudgementDate),
            value: text(&item.evidence.date),
        });
    }
    if !item.evidence.body.is_empty() {
        evidence.push(Field {
            label: t(Text::AssessedBy),
            value: text(&item.evidence.body),
        });
    }
    if !item.evidence.databank.is_empty() || !item.evidence.databank_url.is_empty() {
        let shown = [
            item.evidence.databank.as_str(),
            item.evidence.databank_url.as_str(),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" — ");
        evidence.push(Field {
            label: t(Text::Databank),
            value: text(&shown),
        });
    }
    if !item.evidence.note.is_empty() {
        evidence.push(Field {
            label: t(Text::EvidenceNote),
            value: text(&item.evidence.note),
        });
    }
    evidence.push(Field {
        label: t(Text::Studies),
        value: if item.evidence.studies.is_empty() {
            Value::Text(t(Text::NoStudies).to_string())
        } else {
            Value::List(
                item.evidence
                    .studies
                    .iter()
                    .map(|s| study_line(s, lang))
                    .collect(),
            )
        },
    });

    let practical = vec![
        Field {
            label: t(Text::Approach),
            value: text(&item.approach),
        },
        Field {
            label: t(Text::Duration),
            value: text(&item.duration),
        },
        Field {
            label: t(Text::Cost),
            value: text(&item.cost),
        },
        Field {
            label: t(Text::Region),
            value: text(&item.region),
        },
        Field {
            label: t(Text::Country),
            value: text(&item.country),
        },
    ];

    let sources = vec![Field {
        label: t(Text::SectionSources),
        value: Value::List(
            item.sources
                .iter()
                .enumerate()
                .map(|(n, s)| {
                    let title = if s.title.is_empty() { &s.url } else { &s.title };
                    format!(
                        "[{}] {title} — {} ({} {})",
                        n + 1,
                        s.url,
                        t(Text::Checked),
                        s.checked
                    )
                })
                .collect(),
        ),
    }];

    [
        (Text::SectionWhat, what),
        (Text::SectionResilience, resilience),
        (Text::SectionElements, elements),
        (Text::SectionEvidence, evidence),
        (Text::SectionPractical, practical),
        (Text::SectionSources, sources),
    ]
    .into_iter()
    .zip(SECTION_KEYS)
    .map(|((title, fields), keys)| Section {
        title: t(title),
        fields,
        sources: backing_any(item, keys),
    })
    .collect()
}

/// "Longitudinaal kwalitatief (N=12, 2013): outcome — reference"
pub fn study_line(s: &crate::core::model::Study, lang: Lang) -> String {
    let mut head = if s.design.is_empty() {
        Text::Studies.get(lang).to_string()
    } else {
        s.design.clone()
    };
    let mut meta = Vec::new();
    if let Some(n) = s.n {
        meta.push(format!("N={n}"));
    }
    if let Some(y) = s.year {
        meta.push(y.to_string());
    }
    if !meta.is_empty() {
        head.push_str(&format!(" ({})", meta.join(", ")));
    }
    let mut line = head;
    if !s.outcome.is_empty() {
        line.push_str(": ");
        line.push_str(&s.outcome);
    }
    if !s.reference.is_empty() {
        line.push_str(" — ");
        line.push_str(&s.reference);
    }
    line
}
