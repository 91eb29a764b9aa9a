//! Typo tolerance: a search word of five letters or more that is found nowhere as typed, but is
//! one letter away from a word of the inventory (`radikalisering`, `polarizatie`), is searched as
//! that word. With no results at all, `nearest` names the closest word to suggest.
//!
//! The correction is made on the parsed terms before anything is matched, so the results are a
//! function of the query as before, and the searcher's reuse of earlier work compares corrected
//! terms (a correction that changes as the user types on starts afresh, it never narrows wrongly).

use super::index::Index;
use super::{Term, fold};
use crate::core::model::FacetGroup;

/// Words at least this long may have one letter wrong.
pub const MIN_LEN: usize = 5;

/// The terms with each long plain word that matches nothing replaced by the inventory's word one
/// edit away (the most used one when there are several).
pub(super) fn tolerate(index: &Index, terms: Vec<Term>) -> Vec<Term> {
    terms
        .into_iter()
        .map(|term| match term {
            Term::Any(t) if t.chars().count() >= MIN_LEN && !found(index, &t) => {
                match one_edit_away(index, &t) {
                    Some(word) => Term::Any(word),
                    None => Term::Any(t),
                }
            }
            term => term,
        })
        .collect()
}

/// The corrections `tolerate` makes in a search text, as (typed, searched) pairs, so a face can
/// say "gezocht op radicalisering".
pub fn corrections(index: &Index, text: &str) -> Vec<(String, String)> {
    super::parse_terms(text)
        .into_iter()
        .zip(tolerate(index, super::parse_terms(text)))
        .filter_map(|pair| match pair {
            (Term::Any(a), Term::Any(b)) if a != b => Some((a, b)),
            _ => None,
        })
        .collect()
}

/// For a search that found nothing: the first plain word with a nearby word in the inventory, as
/// (typed, suggested) — "bedoelde je `radicalisering`?".
pub fn suggestion(index: &Index, text: &str) -> Option<(String, String)> {
    super::parse_terms(text).into_iter().find_map(|t| match t {
        Term::Any(t) | Term::Name(t) => nearest(index, &t).map(|n| (t, n)),
        Term::Scoped(..) => None,
    })
}

/// Whether the term occurs as typed, letter for letter: inside a word of the long text, a name,
/// an alias, or a facet value's labels and synonyms. A scattered fuzzy hit on a long name does
/// not count (`radikalisering` is a subsequence of "…mogelijke radicalisering", and would
/// otherwise find that one record instead of the forty about radicalisering).
fn found(index: &Index, term: &str) -> bool {
    if !index.text().words_containing(term, None).is_empty() {
        return true;
    }
    if (0..index.len())
        .any(|r| index.folded_name(r).contains(term) || index.aliases(r).any(|a| a.contains(term)))
    {
        return true;
    }
    let subsequence = |hay: &str| hay.contains(term);
    FacetGroup::ALL.iter().any(|&g| {
        index
            .group(g)
            .values
            .iter()
            .any(|v| v.search.contains(term) || subsequence(&fold(&v.id)))
    })
}

/// The words a search can find: of the long text (with how many records use them), of the
/// names, and of the facet labels. Trimmed of punctuation.
fn candidates(index: &Index) -> impl Iterator<Item = (&str, u32)> + '_ {
    let text = index.text().words().map(move |(w, n)| (trim(w), n));
    let names = (0..index.len()).flat_map(move |r| {
        index
            .folded_name(r)
            .split_whitespace()
            .map(move |w| (trim(w), 1))
    });
    let values = FacetGroup::ALL.into_iter().flat_map(move |g| {
        index.group(g).values.iter().flat_map(move |v| {
            v.search
                .split(|c: char| c == '|' || c.is_whitespace())
                .map(move |w| (trim(w), 1))
        })
    });
    text.chain(names).chain(values)
}

fn trim(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric())
}

/// The most used word exactly one edit (a letter changed, added or left out) from `term`.
pub fn one_edit_away(index: &Index, term: &str) -> Option<String> {
    let len = term.chars().count();
    let mut best: Option<(&str, u32)> = None;
    for (word, uses) in candidates(index) {
        let wlen = word.chars().count();
        if wlen.abs_diff(len) > 1 || word == term {
            continue;
        }
        if distance(term, word) == 1 && best.is_none_or(|(_, n)| uses > n) {
            best = Some((word, uses));
        }
    }
    best.map(|(w, _)| w.to_string())
}

/// The closest word to suggest when a search finds nothing: at most a third of its letters
/// off (at least two), the most used among the closest.
pub fn nearest(index: &Index, term: &str) -> Option<String> {
    let term = fold(term);
    let len = term.chars().count();
    if len < 3 {
        return None;
    }
    let limit = (len / 3).max(2);
    let mut best: Option<(usize, u32, &str)> = None;
    for (word, uses) in candidates(index) {
        if word.is_empty() || word == term || word.chars().count().abs_diff(len) > limit {
            continue;
        }
        let d = distance(&term, word);
        let better = match best {
            None => true,
            Some((bd, bn, _)) => d < bd || (d == bd && uses > bn),
        };
        if d <= limit && better {
            best = Some((d, uses, word));
        }
    }
    best.map(|(_, _, w)| w.to_string())
}

/// Levenshtein distance over chars.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::query::{Query, SkimMatcher, run};
    use crate::core::store::open_bundled;

    fn ids(index: &Index, text: &str) -> Vec<String> {
        let query = Query {
            text: text.into(),
            ..Query::default()
        };
        let results = run(index, &SkimMatcher::default(), &query);
        results
            .hits
            .iter()
            .map(|h| index.id(h.index).to_string())
            .collect()
    }

    #[test]
    fn one_wrong_letter_in_a_long_word_finds_what_the_right_spelling_finds() {
        let index = Index::build(&open_bundled().unwrap());
        for (typo, right) in [
            ("radikalisering", "radicalisering"),
            ("polarizatie", "polarisatie"),
        ] {
            let found = ids(&index, right);
            assert!(!found.is_empty(), "{right}");
            assert_eq!(ids(&index, typo), found, "{typo}");
            assert_eq!(
                corrections(&index, typo),
                [(typo.to_string(), right.to_string())]
            );
        }
        // Short words are taken as typed, and a word that is found is never corrected.
        assert!(corrections(&index, "oudr").is_empty());
        assert!(corrections(&index, "ouders").is_empty());
    }

    #[test]
    fn a_search_that_finds_nothing_gets_the_nearest_word() {
        let index = Index::build(&open_bundled().unwrap());
        assert!(ids(&index, "radikaliseeringg").is_empty());
        assert_eq!(
            nearest(&index, "radikaliseeringg").as_deref(),
            Some("radicalisering")
        );
        assert_eq!(nearest(&index, "zzzzzzzzzzzz"), None);
    }
}
