//! The query core, pure and without IO: text matching (all terms must match, `field:term`
//! scoping, folding, synonyms, fuzzy), facet filters (AND across groups, OR within one), facet
//! counts and sorting. The TUI and the CLI both call `run`.

pub mod bitset;
pub mod command;
pub mod index;
pub mod matcher;
mod search;
pub mod strs;
pub mod text;
pub mod typo;

use std::collections::{BTreeMap, BTreeSet};

use crate::core::model::FacetGroup;

use crate::core::model::fold::{Folded, fold};
pub use bitset::{Bitset, ValueSet};
pub use command::{command_line, selection_title};
pub use index::{GroupIndex, Index, IndexBuilder, TextIndexBuilder, ValueInfo};
pub use matcher::{Matcher, SkimMatcher};
pub use search::Searcher;
pub use text::TextIndex;

crate::core::model::id_enum::id_enum! {
    /// How results are ordered.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum Sort {
        #[default]
        Relevance = "relevance",
        Name = "name",
        Evidence = "evidence",
    }
}

impl Sort {
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
/// Skim gives 20 or more per char for a run of consecutive chars (`jep` in "platform jep": 21)
/// and about 17 for a tight abbreviation (`vrdzm` in "vreedzame": 17); letters scattered over
/// a long provider name score lower and must not count (`triple` used to match 10 records).
const MIN_FUZZY_PER_CHAR: i64 = 15;

/// Run a query. Facet counts follow the usual faceted-search rule: a value's count is the number
/// of results with every *other* group's filters applied plus this value, so it is exactly what
/// the results become when the value is the only one selected in its group.
///
/// A one-off search; an interactive face keeps a `Searcher`, which gives the same results and
/// reuses the previous keystroke's work.
pub fn run(index: &Index, matcher: &dyn Matcher, query: &Query) -> Results {
    Searcher::new().search(index, matcher, query)
}

/// Char positions in the record's original name that the query's terms matched, for highlighting.
pub fn name_highlights(
    index: &Index,
    matcher: &dyn Matcher,
    record: usize,
    text: &str,
) -> Vec<usize> {
    if record >= index.len() {
        return Vec::new();
    }
    // Folded again here, for the few rows on screen, rather than kept for every record.
    let name = Folded::new(index.name(record));
    let mut folded_positions: Vec<usize> = Vec::new();
    for term in parse_terms(text) {
        let t = match &term {
            Term::Any(t) | Term::Name(t) => t,
            Term::Scoped(..) => continue,
        };
        if let Some((s, pos)) = matcher.indices(&name.text, t)
            && s >= MIN_FUZZY_PER_CHAR * t.chars().count() as i64
        {
            folded_positions.extend(pos);
        }
    }
    folded_positions.sort_unstable();
    folded_positions.dedup();
    name.original_positions(&folded_positions)
}

#[cfg(test)]
mod tests;
