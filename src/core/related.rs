//! Related interventions: the ones most similar to a given one in how they work.
//!
//! Similarity is a weighted Jaccard index over three facet groups:
//!
//! ```text
//!            Σ weight(v) for v in A ∩ B
//! sim(A,B) = ---------------------------      v ranges over (group, value) pairs
//!            Σ weight(v) for v in A ∪ B
//! ```
//!
//! with weight 3 for a working element, 2 for a resilience dimension and 1 for a theme: two
//! interventions that work the same way are closer than two that merely share a subject. The
//! index is symmetric, lies in 0..=1, and is 0 when nothing is shared; the shared pairs are the
//! reason shown to the user. Ties are broken by the larger shared weight, then name, then id, so
//! the order is stable. Pure: the TUI detail view and `weerbaar related` both call `related`,
//! which needs only the search index, not the records.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use crate::core::i18n::Text;
use crate::core::model::{FacetGroup, Intervention, Lang};
use crate::core::query::Index;

/// The groups that count, with their weights, in the order reasons are listed.
pub const WEIGHTS: [(FacetGroup, u32); 3] = [
    (FacetGroup::WorkingElement, 3),
    (FacetGroup::Dimension, 2),
    (FacetGroup::Theme, 1),
];

/// How many related interventions the detail view shows.
pub const DEFAULT_LIMIT: usize = 5;

/// The values two interventions share in one group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedValues {
    pub group: FacetGroup,
    /// Value ids, in vocabulary order.
    pub ids: Vec<String>,
}

impl SharedValues {
    /// "Werkzame elementen: Dialoog, Reflectie": the reason as every face shows it, with the
    /// group named as in the detail's field labels.
    pub fn reason(&self, lang: Lang) -> String {
        let group = match self.group {
            FacetGroup::WorkingElement => Text::WorkingElements.get(lang),
            FacetGroup::Dimension => Text::ResilienceDimensions.get(lang),
            FacetGroup::Theme => Text::Themes.get(lang),
            other => other.label(lang),
        };
        let labels: Vec<String> = self
            .ids
            .iter()
            .map(|id| Intervention::label(self.group, id, lang))
            .collect();
        format!("{group}: {}", labels.join(", "))
    }
}

/// The similarity of two interventions, kept as an exact fraction so ties compare exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Similarity {
    /// Summed weight of the shared values.
    pub shared_weight: u32,
    /// Summed weight of all values either carries.
    pub union_weight: u32,
    /// The reason: the shared values per group (groups with nothing shared are left out).
    pub shared: Vec<SharedValues>,
}

impl Similarity {
    /// The weighted Jaccard index, 0..=1.
    pub fn score(&self) -> f64 {
        if self.union_weight == 0 {
            0.0
        } else {
            f64::from(self.shared_weight) / f64::from(self.union_weight)
        }
    }

    /// Compare two similarities by their score without rounding (a/b vs c/d as a·d vs c·b).
    pub fn cmp_score(&self, other: &Similarity) -> Ordering {
        let lhs = u64::from(self.shared_weight) * u64::from(other.union_weight.max(1));
        let rhs = u64::from(other.shared_weight) * u64::from(self.union_weight.max(1));
        lhs.cmp(&rhs)
    }
}

/// One related intervention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// The record (position in the index, as in the inventory).
    pub index: usize,
    pub similarity: Similarity,
}

/// The distinct values of a group, ordered by the vocabulary (so reasons read consistently).
fn value_set(item: &Intervention, group: FacetGroup) -> BTreeSet<(usize, &str)> {
    let position = |id: &str| {
        group
            .vocabulary()
            .and_then(|terms| terms.iter().position(|t| t.id == id))
            .unwrap_or(usize::MAX)
    };
    item.values(group)
        .into_iter()
        .filter(|id| !id.is_empty())
        .map(|id| (position(id), id))
        .collect()
}

pub fn similarity(a: &Intervention, b: &Intervention) -> Similarity {
    let mut out = Similarity {
        shared_weight: 0,
        union_weight: 0,
        shared: Vec::new(),
    };
    for (group, weight) in WEIGHTS {
        let va = value_set(a, group);
        let vb = value_set(b, group);
        let shared: Vec<String> = va.intersection(&vb).map(|(_, id)| id.to_string()).collect();
        let union = va.union(&vb).count() as u32;
        out.shared_weight += weight * shared.len() as u32;
        out.union_weight += weight * union;
        if !shared.is_empty() {
            out.shared.push(SharedValues { group, ids: shared });
        }
    }
    out
}

/// The `limit` records of the index most similar to `target`, best first. Records that share
/// nothing are never listed, so the list may be shorter than `limit`. Scored from the index's
/// facet values alone, so no record has to be in memory (the explorer keeps only the index).
///
/// The explorer asks for this whenever the detail pane shows another record, so it must stay
/// cheap at 100k records: every other record is scored with plain counting over small lists of
/// value codes (no sets, no allocation), only the best `limit` are kept, and only for those the
/// reasons are built. The result equals scoring every pair with `similarity` (tested).
pub fn related(index: &Index, target: usize, limit: usize) -> Vec<Related> {
    if target >= index.len() || limit == 0 {
        return Vec::new();
    }
    // Each group's distinct codes of the target, ascending (= vocabulary order).
    let mine: Vec<Vec<u32>> = WEIGHTS
        .iter()
        .map(|(group, _)| distinct_codes(index.value_codes(target, *group)))
        .collect();
    let my_id = index.id(target);
    // (record, shared weight, union weight) of every record that shares something.
    let mut scored: Vec<(usize, u32, u32)> = Vec::new();
    let mut theirs: Vec<u32> = Vec::new();
    for record in 0..index.len() {
        if record == target || index.id(record) == my_id {
            continue;
        }
        let (mut shared_weight, mut union_weight) = (0u32, 0u32);
        for ((group, weight), mine) in WEIGHTS.iter().zip(&mine) {
            theirs.clear();
            for &code in index.value_codes(record, *group) {
                if !theirs.contains(&code) {
                    theirs.push(code);
                }
            }
            let shared = theirs.iter().filter(|c| mine.contains(c)).count() as u32;
            let union = (mine.len() + theirs.len()) as u32 - shared;
            shared_weight += weight * shared;
            union_weight += weight * union;
        }
        if shared_weight > 0 {
            scored.push((record, shared_weight, union_weight));
        }
    }
    let order = |a: &(usize, u32, u32), b: &(usize, u32, u32)| {
        // Higher score first (a/b against c/d as a·d against c·b), then more shared weight,
        // then name and id: a total order, so keeping the best few first gives the same list.
        let lhs = u64::from(b.1) * u64::from(a.2.max(1));
        let rhs = u64::from(a.1) * u64::from(b.2.max(1));
        lhs.cmp(&rhs)
            .then_with(|| b.1.cmp(&a.1))
            .then_with(|| index.name(a.0).cmp(index.name(b.0)))
            .then_with(|| index.id(a.0).cmp(index.id(b.0)))
    };
    if scored.len() > limit {
        scored.select_nth_unstable_by(limit - 1, order);
        scored.truncate(limit);
    }
    scored.sort_by(order);
    scored
        .into_iter()
        .map(|(record, shared_weight, union_weight)| Related {
            index: record,
            similarity: Similarity {
                shared_weight,
                union_weight,
                shared: shared_values(index, &mine, record),
            },
        })
        .collect()
}

/// The values `record` shares with the target (whose distinct codes are `mine`), per group,
/// in vocabulary order; groups with nothing shared are left out.
fn shared_values(index: &Index, mine: &[Vec<u32>], record: usize) -> Vec<SharedValues> {
    WEIGHTS
        .iter()
        .zip(mine)
        .filter_map(|((group, _), mine)| {
            let theirs = index.value_codes(record, *group);
            let values = &index.group(*group).values;
            let ids: Vec<String> = mine
                .iter()
                .filter(|c| theirs.contains(c))
                .filter_map(|&c| values.get(c as usize))
                .map(|v| v.id.clone())
                .collect();
            (!ids.is_empty()).then_some(SharedValues { group: *group, ids })
        })
        .collect()
}

/// The distinct codes, ascending.
fn distinct_codes(codes: &[u32]) -> Vec<u32> {
    let mut out = codes.to_vec();
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Weerbaarheid, WorkingElementUse};

    fn item(id: &str, elements: &[&str], dims: &[&str], themes: &[&str]) -> Intervention {
        Intervention {
            id: id.into(),
            name: id.to_uppercase(),
            themes: themes.iter().map(|s| s.to_string()).collect(),
            weerbaarheid: Weerbaarheid {
                dimensions: dims.iter().map(|s| s.to_string()).collect(),
                framing: String::new(),
            },
            working_elements: WorkingElementUse::without_notes(elements),
            ..Intervention::default()
        }
    }

    fn sample() -> Vec<Intervention> {
        vec![
            item(
                "a",
                &["dialoog", "kennisoverdracht"],
                &["zelfvertrouwen"],
                &["polarisatie"],
            ),
            // Shares both working elements with a.
            item(
                "b",
                &["kennisoverdracht", "dialoog"],
                &["sociale-banden"],
                &["radicalisering"],
            ),
            // Shares only the theme with a.
            item(
                "c",
                &["persoonlijke-begeleiding"],
                &["sociale-banden"],
                &["polarisatie"],
            ),
            // Shares nothing with a.
            item(
                "d",
                &["persoonlijke-begeleiding"],
                &["sociale-banden"],
                &["empowerment"],
            ),
            // The same as a in every respect.
            item(
                "e",
                &["dialoog", "kennisoverdracht"],
                &["zelfvertrouwen"],
                &["polarisatie"],
            ),
        ]
    }

    #[test]
    fn similarity_is_a_symmetric_weighted_jaccard() {
        let items = sample();
        for a in &items {
            for b in &items {
                let ab = similarity(a, b);
                let ba = similarity(b, a);
                assert_eq!(ab.score(), ba.score(), "{} vs {}", a.id, b.id);
                assert_eq!(ab.shared, ba.shared, "{} vs {}", a.id, b.id);
                assert!((0.0..=1.0).contains(&ab.score()));
            }
        }
        // a and b: shared 2 elements (3+3); union 2 elements, 2 dimensions, 2 themes = 6+4+2.
        let ab = similarity(&items[0], &items[1]);
        assert_eq!((ab.shared_weight, ab.union_weight), (6, 12));
        assert_eq!(ab.score(), 0.5);
        assert_eq!(similarity(&items[0], &items[4]).score(), 1.0);
        assert_eq!(similarity(&items[0], &items[3]).score(), 0.0);
    }

    /// `related` over an index built from these items.
    fn related_items(items: &[Intervention], target: usize, limit: usize) -> Vec<Related> {
        let inventory = crate::core::store::Inventory {
            interventions: items.to_vec(),
            ..Default::default()
        };
        related(&Index::build(&inventory), target, limit)
    }

    /// Scoring from the index's value codes gives exactly what comparing every pair of full
    /// records with `similarity` gives (the way it was done when the explorer held every
    /// record), on the bundled inventory and on a synthetic one.
    #[test]
    fn scoring_from_the_index_equals_scoring_every_pair_of_records() {
        let model = crate::core::store::open_bundled().unwrap_or_else(|e| panic!("{e}"));
        let mut synthetic = crate::core::synth::generate(&model, 600, 4).unwrap_or_default();
        // Values outside the vocabulary (a foreign file) sort after it, by id, in the reasons.
        for (n, item) in synthetic.interventions.iter_mut().enumerate() {
            if n % 3 == 0 {
                item.themes.push("eigen-b".into());
            }
            if n % 5 == 0 {
                item.themes.insert(0, "eigen-a".into());
            }
        }
        for inv in [&model, &synthetic] {
            let items = &inv.interventions;
            let index = Index::build(inv);
            let n = items.len();
            for target in [0, 17, n / 2, n - 1] {
                for limit in [0, 1, 5, 50] {
                    let me = &items[target];
                    let mut want: Vec<Related> = items
                        .iter()
                        .enumerate()
                        .filter(|(ix, other)| *ix != target && other.id != me.id)
                        .map(|(index, other)| Related {
                            index,
                            similarity: similarity(me, other),
                        })
                        .filter(|r| r.similarity.shared_weight > 0)
                        .collect();
                    want.sort_by(|a, b| {
                        b.similarity
                            .cmp_score(&a.similarity)
                            .then_with(|| {
                                b.similarity.shared_weight.cmp(&a.similarity.shared_weight)
                            })
                            .then_with(|| items[a.index].name.cmp(&items[b.index].name))
                            .then_with(|| items[a.index].id.cmp(&items[b.index].id))
                    });
                    want.truncate(limit);
                    assert_eq!(related(&index, target, limit), want, "{target} {limit}");
                }
            }
        }
    }

    #[test]
    fn related_lists_the_most_similar_with_the_shared_items_as_reason() {
        let items = sample();
        let found = related_items(&items, 0, DEFAULT_LIMIT);
        let ids: Vec<&str> = found.iter().map(|r| items[r.index].id.as_str()).collect();
        // d shares nothing and is left out; a itself never appears.
        assert_eq!(ids, ["e", "b", "c"]);
        assert_eq!(
            found[1].similarity.shared,
            [SharedValues {
                group: FacetGroup::WorkingElement,
                // Vocabulary order, whatever order the records list them in.
                ids: vec!["kennisoverdracht".into(), "dialoog".into()],
            }]
        );
        assert_eq!(
            found[2].similarity.shared,
            [SharedValues {
                group: FacetGroup::Theme,
                ids: vec!["polarisatie".into()],
            }]
        );
        assert_eq!(related_items(&items, 0, 1).len(), 1);
        assert!(related_items(&items, 99, 5).is_empty());
    }

    #[test]
    fn the_reason_names_the_group_and_the_shared_values() {
        let shared = SharedValues {
            group: FacetGroup::WorkingElement,
            ids: vec!["kennisoverdracht".into(), "dialoog".into()],
        };
        assert_eq!(
            shared.reason(Lang::Nl),
            "Werkzame elementen: Kennisoverdracht, Dialoog"
        );
        assert_eq!(
            shared.reason(Lang::En),
            "Working elements: Knowledge transfer, Dialogue"
        );
    }

    #[test]
    fn ties_are_ordered_by_name() {
        let items = vec![
            item("x", &["dialoog"], &[], &[]),
            item("z", &["dialoog"], &[], &[]),
            item("y", &["dialoog"], &[], &[]),
        ];
        let ids: Vec<&str> = related_items(&items, 0, 5)
            .iter()
            .map(|r| items[r.index].id.as_str())
            .collect();
        assert_eq!(ids, ["y", "z"]);
    }
}
