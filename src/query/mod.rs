//! The query core, pure and without IO: text matching (all terms must match, `field:term`
//! scoping, folding, synonyms, fuzzy), facet filters (AND across groups, OR within one), facet
//! counts and sorting. The TUI and the CLI both call `run`.

pub mod bitset;
pub mod fold;
pub mod index;
pub mod matcher;

use std::collections::{BTreeMap, BTreeSet};

use crate::model::FacetGroup;
use crate::model::vocab::evidence_rank;

pub use bitset::Bitset;
pub use fold::{Folded, fold};
pub use index::{GroupIndex, Index, ValueInfo};
pub use matcher::{Matcher, SkimMatcher};

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Relevance,
    Name,
    Evidence,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::Relevance, Sort::Name, Sort::Evidence];

    pub fn id(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Name => "name",
            Sort::Evidence => "evidence",
        }
    }

    pub fn from_id(s: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|v| v.id() == s)
    }

    pub fn next(self) -> Sort {
        match self {
            Sort::Relevance => Sort::Name,
            Sort::Name => Sort::Evidence,
            Sort::Evidence => Sort::Relevance,
        }
    }
}

/// Everything that selects and orders results.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub text: String,
    /// Selected value ids per facet group.
    pub filters: BTreeMap<FacetGroup, BTreeSet<String>>,
    /// Keep only interventions with at least this evidence level.
    pub min_evidence: Option<String>,
    pub sort: Sort,
}

impl Query {
    pub fn is_selected(&self, group: FacetGroup, id: &str) -> bool {
        self.filters.get(&group).is_some_and(|s| s.contains(id))
    }

    /// Select the value if it is not selected, deselect it if it is.
    pub fn toggle(&mut self, group: FacetGroup, id: &str) {
        let set = self.filters.entry(group).or_default();
        if !set.remove(id) {
            set.insert(id.to_string());
        }
        if set.is_empty() {
            self.filters.remove(&group);
        }
    }

    pub fn clear_filters(&mut self) {
        self.filters.clear();
        self.min_evidence = None;
    }

    pub fn has_filters(&self) -> bool {
        !self.filters.is_empty() || self.min_evidence.is_some()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index into the inventory's interventions.
    pub index: usize,
    pub score: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueCount {
    /// Index into the group's values in the `Index`.
    pub value: usize,
    /// Results if this were the group's only selection (see `run`).
    pub count: usize,
    pub selected: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCounts {
    pub group: FacetGroup,
    pub values: Vec<ValueCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Results {
    pub hits: Vec<Hit>,
    pub facets: Vec<FacetCounts>,
}

impl Results {
    pub fn facet(&self, group: FacetGroup) -> Option<&FacetCounts> {
        self.facets.iter().find(|f| f.group == group)
    }
}

/// One search term, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Term {
    /// Matches name, aliases, providers, labels, long text and facet synonyms.
    Any(String),
    /// `naam:…` / `name:…`: the name and aliases only.
    Name(String),
    /// `thema:polar`: a value of this facet group.
    Scoped(FacetGroup, String),
}

fn parse_terms(text: &str) -> Vec<Term> {
    text.split_whitespace()
        .filter_map(|raw| {
            if let Some((field, rest)) = raw.split_once(':') {
                let field = fold(field);
                let rest = fold(rest);
                if rest.is_empty() {
                    return None;
                }
                if field == "naam" || field == "name" {
                    return Some(Term::Name(rest));
                }
                if let Some(group) = FacetGroup::ALL
                    .into_iter()
                    .find(|g| g.search_prefixes().contains(&field.as_str()))
                {
                    return Some(Term::Scoped(group, rest));
                }
            }
            Some(Term::Any(fold(raw)))
        })
        .collect()
}

/// Weights: a hit in the name counts most, then aliases, then the rest.
const NAME_WEIGHT: i64 = 4;
const ALIAS_WEIGHT: i64 = 3;
const PROVIDER_WEIGHT: i64 = 2;
/// Score of a plain substring hit in long text or labels, per char of the term.
const TEXT_SCORE_PER_CHAR: i64 = 6;
/// Score of a facet value hit (synonym or label), per char of the term.
const VALUE_SCORE_PER_CHAR: i64 = 8;

/// A fuzzy match counts only if it is not too scattered: at least this much score per char.
/// Skim gives ~16 per consecutive char, less for each gap.
const MIN_FUZZY_PER_CHAR: i64 = 10;

fn fuzzy(matcher: &dyn Matcher, haystack: &str, term: &str) -> Option<i64> {
    let s = matcher.score(haystack, term)?;
    (s >= MIN_FUZZY_PER_CHAR * term.chars().count() as i64).then_some(s)
}

/// Values of a group whose id, labels or synonyms contain the term, as one record set.
fn value_hits(group: &GroupIndex, term: &str, word_start_only: bool) -> Option<Bitset> {
    let mut out: Option<Bitset> = None;
    for (v, info) in group.values.iter().enumerate() {
        let hit = if word_start_only {
            info.search
                .split(['|', ' ', '-', '/', '(', ')'])
                .any(|w| w.starts_with(term))
        } else {
            info.search.contains(term)
        };
        if hit {
            match &mut out {
                Some(b) => b.or_with(&group.bits[v]),
                None => out = Some(group.bits[v].clone()),
            }
        }
    }
    out
}

/// Score one record for one unscoped term, or `None` when the term is not found.
fn score_any(
    matcher: &dyn Matcher,
    keys: &index::RecordKeys,
    term: &str,
    in_values: bool,
) -> Option<i64> {
    let len = term.chars().count() as i64;
    let mut best: Option<i64> = None;
    let mut consider = |s: Option<i64>| {
        if let Some(s) = s {
            best = Some(best.map_or(s, |b: i64| b.max(s)));
        }
    };
    consider(fuzzy(matcher, &keys.name.text, term).map(|s| s * NAME_WEIGHT));
    for a in &keys.aliases {
        consider(fuzzy(matcher, a, term).map(|s| s * ALIAS_WEIGHT));
    }
    for p in &keys.providers {
        consider(fuzzy(matcher, p, term).map(|s| s * PROVIDER_WEIGHT));
    }
    if keys.labels.contains(term) || keys.long.contains(term) {
        consider(Some(TEXT_SCORE_PER_CHAR * len));
    }
    if in_values {
        consider(Some(VALUE_SCORE_PER_CHAR * len));
    }
    best
}

/// Run a query. Facet counts follow the usual faceted-search rule: a value's count is the number
/// of results with every *other* group's filters applied plus this value, so it is exactly what
/// the results become when the value is the only one selected in its group.
pub fn run(index: &Index, matcher: &dyn Matcher, query: &Query) -> Results {
    let n = index.len();
    let terms = parse_terms(&query.text);

    // Per term, the records that carry a matching facet value (synonyms find themes etc.).
    let value_sets: Vec<Option<Bitset>> = terms
        .iter()
        .map(|t| match t {
            Term::Any(term) => {
                let mut acc: Option<Bitset> = None;
                for g in &index.groups {
                    if matches!(g.group, FacetGroup::Provider) {
                        continue;
                    }
                    if let Some(b) = value_hits(g, term, true) {
                        match &mut acc {
                            Some(a) => a.or_with(&b),
                            None => acc = Some(b),
                        }
                    }
                }
                acc
            }
            Term::Scoped(group, term) => Some(
                value_hits(index.group(*group), term, false).unwrap_or_else(|| Bitset::empty(n)),
            ),
            Term::Name(_) => None,
        })
        .collect();

    let min_rank = query.min_evidence.as_deref().map(evidence_rank);

    // Text matches and scores over all records: facet counts need them beyond the filters.
    let mut text_set = Bitset::empty(n);
    let mut scores = vec![0i64; n];
    for (ix, keys) in index.records.iter().enumerate() {
        if min_rank.is_some_and(|m| keys.evidence_rank < m) {
            continue;
        }
        let mut total = 0i64;
        let mut all = true;
        for (term, values) in terms.iter().zip(&value_sets) {
            let in_values = values.as_ref().is_some_and(|b| b.contains(ix));
            let s = match term {
                Term::Any(t) => score_any(matcher, keys, t, in_values),
                Term::Name(t) => fuzzy(matcher, &keys.name.text, t)
                    .map(|s| s * NAME_WEIGHT)
                    .or_else(|| {
                        keys.aliases
                            .iter()
                            .filter_map(|a| fuzzy(matcher, a, t))
                            .max()
                            .map(|s| s * ALIAS_WEIGHT)
                    }),
                Term::Scoped(_, t) => {
                    in_values.then_some(VALUE_SCORE_PER_CHAR * t.chars().count() as i64)
                }
            };
            match s {
                Some(s) => total += s,
                None => {
                    all = false;
                    break;
                }
            }
        }
        if all {
            text_set.insert(ix);
            scores[ix] = total;
        }
    }

    // One mask per filtered group: the OR of its selected values.
    let masks: Vec<Option<Bitset>> = index
        .groups
        .iter()
        .map(|g| {
            let selected = query.filters.get(&g.group)?;
            let mut mask = Bitset::empty(n);
            for id in selected {
                if let Some(v) = g.position(id) {
                    mask.or_with(&g.bits[v]);
                }
            }
            Some(mask)
        })
        .collect();

    let mut result_set = text_set.clone();
    for m in masks.iter().flatten() {
        result_set.and_with(m);
    }

    let facets = index
        .groups
        .iter()
        .enumerate()
        .map(|(gi, g)| {
            let mut base = text_set.clone();
            for (mi, m) in masks.iter().enumerate() {
                if mi != gi
                    && let Some(m) = m
                {
                    base.and_with(m);
                }
            }
            FacetCounts {
                group: g.group,
                values: g
                    .values
                    .iter()
                    .enumerate()
                    .map(|(v, info)| ValueCount {
                        value: v,
                        count: base.count_and(&g.bits[v]),
                        selected: query.is_selected(g.group, &info.id),
                    })
                    .collect(),
            }
        })
        .collect();

    let mut hits: Vec<Hit> = result_set
        .iter()
        .map(|ix| Hit {
            index: ix,
            score: scores[ix],
        })
        .collect();
    let name = |h: &Hit| &index.records[h.index].name.text;
    match query.sort {
        Sort::Relevance => {
            hits.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| name(a).cmp(name(b))))
        }
        Sort::Name => hits.sort_by(|a, b| name(a).cmp(name(b))),
        Sort::Evidence => hits.sort_by(|a, b| {
            let ra = index.records[a.index].evidence_rank;
            let rb = index.records[b.index].evidence_rank;
            rb.cmp(&ra).then_with(|| name(a).cmp(name(b)))
        }),
    }
    Results { hits, facets }
}

/// Char positions in the record's original name that the query's terms matched, for highlighting.
pub fn name_highlights(
    index: &Index,
    matcher: &dyn Matcher,
    record: usize,
    text: &str,
) -> Vec<usize> {
    let Some(keys) = index.records.get(record) else {
        return Vec::new();
    };
    let mut folded_positions: Vec<usize> = Vec::new();
    for term in parse_terms(text) {
        let t = match &term {
            Term::Any(t) | Term::Name(t) => t,
            Term::Scoped(..) => continue,
        };
        if let Some((s, pos)) = matcher.indices(&keys.name.text, t)
            && s >= MIN_FUZZY_PER_CHAR * t.chars().count() as i64
        {
            folded_positions.extend(pos);
        }
    }
    folded_positions.sort_unstable();
    folded_positions.dedup();
    keys.name.original_positions(&folded_positions)
}

#[cfg(test)]
mod tests;
