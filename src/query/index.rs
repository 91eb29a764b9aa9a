//! The search index: built once from an inventory, it holds what a keystroke needs (folded
//! search keys and one bitset per facet value) so `run` does no IO and no re-folding.

use crate::model::vocab::evidence_rank;
use crate::model::{FacetGroup, Intervention, Lang};
use crate::store::Inventory;

use super::bitset::Bitset;
use super::fold::{Folded, fold};

/// One facet value as the index knows it.
#[derive(Debug, Clone)]
pub struct ValueInfo {
    pub id: String,
    pub label_nl: String,
    pub label_en: String,
    /// Folded id, labels and synonyms, separated by `|`, for scoped and synonym matching.
    pub search: String,
}

impl ValueInfo {
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.label_nl,
            Lang::En => &self.label_en,
        }
    }
}

/// A facet group's values and, per value, the set of records carrying it.
#[derive(Debug, Clone)]
pub struct GroupIndex {
    pub group: FacetGroup,
    pub values: Vec<ValueInfo>,
    pub bits: Vec<Bitset>,
}

impl GroupIndex {
    pub fn position(&self, id: &str) -> Option<usize> {
        self.values.iter().position(|v| v.id == id)
    }
}

/// The folded text of one record, per field.
#[derive(Debug, Clone)]
pub struct RecordKeys {
    pub name: Folded,
    pub aliases: Vec<String>,
    pub providers: Vec<String>,
    /// Target group and working element labels, and working element notes.
    pub labels: String,
    /// Summary, aim, approach and weerbaarheid framing.
    pub long: String,
    pub evidence_rank: u8,
}

#[derive(Debug, Clone)]
pub struct Index {
    pub records: Vec<RecordKeys>,
    pub groups: Vec<GroupIndex>,
}

impl Index {
    pub fn build(inventory: &Inventory) -> Index {
        let items = &inventory.interventions;
        let records = items.iter().map(record_keys).collect();
        let groups = FacetGroup::ALL
            .into_iter()
            .map(|g| group_index(g, items))
            .collect();
        Index { records, groups }
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    pub fn group(&self, group: FacetGroup) -> &GroupIndex {
        // `groups` is built from FacetGroup::ALL in order, so the enum's position is the index.
        let ix = FacetGroup::ALL
            .iter()
            .position(|g| *g == group)
            .unwrap_or(0);
        &self.groups[ix]
    }
}

fn record_keys(item: &Intervention) -> RecordKeys {
    let mut labels = String::new();
    for id in &item.target_groups {
        push_field(
            &mut labels,
            &Intervention::label(FacetGroup::TargetGroup, id, Lang::Nl),
        );
    }
    for w in &item.working_elements {
        push_field(
            &mut labels,
            &Intervention::label(FacetGroup::WorkingElement, &w.id, Lang::Nl),
        );
        push_field(&mut labels, &w.note);
    }
    let mut long = String::new();
    for text in [
        &item.summary,
        &item.aim,
        &item.approach,
        &item.weerbaarheid.framing,
    ] {
        push_field(&mut long, text);
    }
    RecordKeys {
        name: Folded::new(&item.name),
        aliases: item.aliases.iter().map(|a| fold(a)).collect(),
        providers: item.providers.iter().map(|p| fold(p)).collect(),
        labels: fold(&labels),
        long: fold(&long),
        evidence_rank: evidence_rank(&item.evidence.level),
    }
}

fn push_field(out: &mut String, text: &str) {
    if !out.is_empty() {
        out.push_str(" | ");
    }
    out.push_str(text);
}

fn group_index(group: FacetGroup, items: &[Intervention]) -> GroupIndex {
    let mut values: Vec<ValueInfo> = match group.vocabulary() {
        Some(terms) => terms
            .iter()
            .map(|t| {
                let mut search = format!("{}|{}|{}", t.id, fold(t.nl), fold(t.en));
                for s in t.synonyms {
                    search.push('|');
                    search.push_str(&fold(s));
                }
                ValueInfo {
                    id: t.id.to_string(),
                    label_nl: t.nl.to_string(),
                    label_en: t.en.to_string(),
                    search,
                }
            })
            .collect(),
        None => Vec::new(),
    };
    if group == FacetGroup::Provider {
        let mut names: Vec<&str> = items
            .iter()
            .flat_map(|i| i.providers.iter().map(String::as_str))
            .collect();
        names.sort_by_cached_key(|n| fold(n));
        names.dedup();
        values = names
            .into_iter()
            .map(|n| ValueInfo {
                id: n.to_string(),
                label_nl: n.to_string(),
                label_en: n.to_string(),
                search: fold(n),
            })
            .collect();
    }
    let mut bits = vec![Bitset::empty(items.len()); values.len()];
    let position = |id: &str| values.iter().position(|v| v.id == id);
    for (ix, item) in items.iter().enumerate() {
        for id in item.values(group) {
            if let Some(v) = position(id) {
                bits[v].insert(ix);
            }
        }
    }
    // Values found in a foreign inventory but absent from our vocabulary are not silently
    // dropped from view: they are listed as-is after the known ones.
    if group.vocabulary().is_some() {
        let mut extra: Vec<String> = items
            .iter()
            .flat_map(|i| i.values(group))
            .filter(|id| !id.is_empty() && group.term(id).is_none())
            .map(str::to_string)
            .collect();
        extra.sort();
        extra.dedup();
        for id in extra {
            let mut b = Bitset::empty(items.len());
            for (ix, item) in items.iter().enumerate() {
                if item.values(group).contains(&id.as_str()) {
                    b.insert(ix);
                }
            }
            values.push(ValueInfo {
                search: fold(&id),
                label_nl: id.clone(),
                label_en: id.clone(),
                id,
            });
            bits.push(b);
        }
    }
    GroupIndex {
        group,
        values,
        bits,
    }
}
