//! Searching, with the previous keystrokes' work kept: `Searcher::search` gives exactly what a
//! fresh `run` gives, but
//!
//! - a query whose terms extend the previous ones (typing on) only looks again at the records
//!   that could still match; backspacing returns to a kept earlier state at once;
//! - text matching is only done for records the results or the facet counts can use: with
//!   filters in two or more groups, a record outside two of them can never count;
//! - a facet toggle re-uses every record already matched, and matches only records it newly
//!   needs.
//!
//! Why extending is safe: a record *may* match a term when the term is a subsequence of its
//! name, an alias or a provider, names a facet value it carries, or occurs in its text. Each of
//! these still fails when the term grows, so a record ruled out for "oude" is ruled out for
//! "ouder". (Whether it *does* match also needs the fuzzy score to clear a per-char bar, which
//! is not monotone, so exact scores are always computed afresh for the records that remain.)

use std::cmp::Reverse;

use super::bitset::Bitset;
use super::index::Index;
use super::matcher::Matcher;
use super::{
    ALIAS_WEIGHT, FacetCounts, Hit, MIN_FUZZY_PER_CHAR, NAME_WEIGHT, PROVIDER_WEIGHT, Query,
    Results, Sort, TEXT_SCORE_PER_CHAR, Term, VALUE_SCORE_PER_CHAR, ValueCount, parse_terms,
};
use crate::core::model::FacetGroup;
use crate::core::model::vocab::evidence_rank;

/// How many earlier queries of the current typing run are kept for backspacing.
const MAX_KEPT: usize = 32;

/// Records evaluated between two questions to `stop`: a few hundred microseconds of matching at
/// most, so a cancelled search gives way quickly, while the check itself costs nothing. Tests
/// ask far more often, so small inventories get stopped halfway too.
const STOP_CHECK: usize = if cfg!(test) { 16 } else { 2048 };

/// Fewer records than this are matched on one thread: a thread costs tens of microseconds to
/// start, matching this many records about a millisecond. Tests split far smaller sets.
const PARALLEL_MIN: usize = if cfg!(test) { 64 } else { 4096 };

/// A search that remembers its previous queries. Pure: no IO; the explorer owns one and the CLI
/// uses `query::run`. Tied to one `Index`: searching another index starts afresh. Asked to
/// (`with_threads`), it splits the matching of many records over scoped threads; the results
/// are the same.
pub struct Searcher {
    /// Each state's terms are extended by the next one's.
    chain: Vec<State>,
    /// Which index the chain belongs to (its address and size).
    index_key: (usize, usize),
    /// Threads to match on (at least 1: this one).
    threads: usize,
}

impl Default for Searcher {
    fn default() -> Self {
        Searcher::with_threads(1)
    }
}

impl Searcher {
    pub fn new() -> Searcher {
        Searcher::default()
    }

    /// A searcher that matches a large set of records on `threads` threads (this one and
    /// `threads - 1` more, for the duration of the matching).
    pub fn with_threads(threads: usize) -> Searcher {
        Searcher {
            chain: Vec::new(),
            index_key: (0, 0),
            threads: threads.max(1),
        }
    }

    /// Forget everything (the explorer calls this when it opens another inventory).
    pub fn reset(&mut self) {
        self.chain.clear();
    }

    /// Run a query: the same `Results` as `query::run(index, matcher, query)`.
    pub fn search(&mut self, index: &Index, matcher: &dyn Matcher, query: &Query) -> Results {
        // Never asked to stop, so it always finishes.
        self.search_until(index, matcher, query, &|| false)
            .unwrap_or_default()
    }

    /// Run a query unless `stop` says to give up first (a newer query came in): `stop` is asked
    /// every few thousand records. A stopped search returns `None` and keeps the work it did,
    /// so searching the same text again, or text that extends it, goes on from there.
    pub fn search_until(
        &mut self,
        index: &Index,
        matcher: &dyn Matcher,
        query: &Query,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Option<Results> {
        // Before anything else, so a search superseded while it waited changes nothing.
        if stop() {
            return None;
        }
        let key = (index as *const Index as usize, index.len());
        if key != self.index_key {
            self.chain.clear();
            self.index_key = key;
        }
        let n = index.len();
        // One wrong letter in a long word is forgiven (see `typo`).
        let terms = super::typo::tolerate(index, parse_terms(&query.text));

        // One mask per filtered group: the OR of its selected values.
        let masks: Vec<Option<Bitset>> = index
            .groups
            .iter()
            .map(|g| {
                let selected = query.filters.get(&g.group)?;
                let mut mask = Bitset::empty(n);
                for id in selected {
                    if let Some(v) = g.position(id) {
                        g.sets[v].or_into(&mut mask);
                    }
                }
                Some(mask)
            })
            .collect();
        let rank_ok = query.min_evidence.as_deref().map(|min| {
            let min = evidence_rank(min);
            let mut ok = Bitset::empty(n);
            for r in 0..n {
                if index.evidence_rank(r) >= min {
                    ok.insert(r);
                }
            }
            ok
        });
        let needed = needed_records(n, &masks, rank_ok.as_ref());

        let threads = self.threads;
        let state = self.state_for(index, matcher, terms, &needed, stop, threads)?;
        if stop() {
            return None;
        }
        let mut text_set = state.matched.clone();
        if let Some(ok) = &rank_ok {
            text_set.and_with(ok);
        }

        let mut result_set = text_set.clone();
        for m in masks.iter().flatten() {
            result_set.and_with(m);
        }

        let facets = index
            .groups
            .iter()
            .enumerate()
            .map(|(gi, g)| {
                // Unfiltered groups count over the results; a filtered group over the results
                // without its own filter.
                let own_base;
                let base = if masks[gi].is_some() {
                    let mut b = text_set.clone();
                    for (mi, m) in masks.iter().enumerate() {
                        if mi != gi
                            && let Some(m) = m
                        {
                            b.and_with(m);
                        }
                    }
                    own_base = b;
                    &own_base
                } else {
                    &result_set
                };
                FacetCounts {
                    group: g.group,
                    values: g
                        .values
                        .iter()
                        .enumerate()
                        .map(|(v, info)| ValueCount {
                            value: v,
                            count: g.sets[v].count_and(base),
                            selected: query.is_selected(g.group, &info.id),
                        })
                        .collect(),
                }
            })
            .collect();

        let mut scores = state.scores.iter().peekable();
        let mut hits: Vec<Hit> = result_set
            .iter()
            .map(|ix| {
                while scores.next_if(|(r, _)| (*r as usize) < ix).is_some() {}
                let score = scores
                    .peek()
                    .filter(|(r, _)| *r as usize == ix)
                    .map_or(0, |(_, s)| *s);
                Hit { index: ix, score }
            })
            .collect();
        // Name ranks are unique, so an unstable sort gives the one order a stable sort on
        // (key, folded name) would.
        match query.sort {
            Sort::Relevance => {
                hits.sort_unstable_by_key(|h| (Reverse(h.score), index.name_rank(h.index)))
            }
            Sort::Name => hits.sort_unstable_by_key(|h| index.name_rank(h.index)),
            Sort::Evidence => hits.sort_unstable_by_key(|h| {
                (
                    Reverse(index.evidence_rank(h.index)),
                    index.name_rank(h.index),
                )
            }),
        }
        Some(Results { hits, facets })
    }

    /// The state for these terms with at least `needed` evaluated, re-using the chain; `None`
    /// when `stop` interrupted the evaluation (what was evaluated stays in the chain).
    fn state_for(
        &mut self,
        index: &Index,
        matcher: &dyn Matcher,
        terms: Vec<Term>,
        needed: &Bitset,
        stop: &(dyn Fn() -> bool + Sync),
        threads: usize,
    ) -> Option<&State> {
        if let Some(pos) = self.chain.iter().rposition(|s| s.terms == terms) {
            // The same text (typed again, backspaced to, or a facet toggle).
            self.chain.truncate(pos + 1);
            let last = self.chain.len() - 1;
            let state = &mut self.chain[last];
            let mut missing = needed.clone();
            missing.and_not_with(&state.evaluated);
            if !missing.none() && !state.evaluate(index, matcher, &missing, stop, threads) {
                return None;
            }
            return Some(&self.chain[last]);
        }
        let parent = self.chain.iter().rposition(|s| extends(&s.terms, &terms));
        match parent {
            Some(p) => self.chain.truncate(p + 1),
            None => self.chain.clear(),
        }
        let n = index.len();
        let mut state = State::new(index, terms, self.chain.last());
        let mut to_evaluate = needed.clone();
        if let Some(parent) = self.chain.last() {
            // Records the parent ruled out stay out: count them as evaluated, unmatched.
            let mut out = parent.evaluated.clone();
            out.and_not_with(&parent.candidates);
            to_evaluate.and_not_with(&out);
            state.evaluated = out;
        } else {
            state.evaluated = Bitset::empty(n);
        }
        // Kept even when stopped: a partly evaluated state is still exact about the records it
        // marks evaluated, and the next search for these terms (or longer ones) builds on it.
        let finished = state.evaluate(index, matcher, &to_evaluate, stop, threads);
        if self.chain.len() >= MAX_KEPT {
            self.chain.remove(0);
        }
        self.chain.push(state);
        let last = self.chain.len() - 1;
        finished.then(|| &self.chain[last])
    }
}

/// Records the results or some facet count can use: with filters in several groups, those
/// outside at most one group's filter; and only those with enough evidence.
fn needed_records(n: usize, masks: &[Option<Bitset>], rank_ok: Option<&Bitset>) -> Bitset {
    let filtered: Vec<&Bitset> = masks.iter().flatten().collect();
    let mut out = if filtered.len() <= 1 {
        Bitset::full(n)
    } else {
        // OR over i of (AND of every mask but the i-th), from prefix and suffix ANDs.
        let k = filtered.len();
        let mut suffix = vec![Bitset::full(n); k + 1];
        for i in (0..k).rev() {
            let mut s = suffix[i + 1].clone();
            s.and_with(filtered[i]);
            suffix[i] = s;
        }
        let mut prefix = Bitset::full(n);
        let mut out = Bitset::empty(n);
        for i in 0..k {
            let mut all_but_i = prefix.clone();
            all_but_i.and_with(&suffix[i + 1]);
            out.or_with(&all_but_i);
            prefix.and_with(filtered[i]);
        }
        out
    };
    if let Some(ok) = rank_ok {
        out.and_with(ok);
    }
    out
}

/// Whether every record that can match `new` could match `old`: each old term is a prefix of
/// the new term in its place, of the same kind.
fn extends(old: &[Term], new: &[Term]) -> bool {
    old.len() <= new.len()
        && old.iter().zip(new).all(|(o, n)| match (o, n) {
            (Term::Any(o), Term::Any(n)) | (Term::Name(o), Term::Name(n)) => n.starts_with(o),
            (Term::Scoped(go, o), Term::Scoped(gn, n)) => go == gn && n.starts_with(o),
            _ => false,
        })
}

/// The evaluation of one list of terms over the records looked at so far.
struct State {
    terms: Vec<Term>,
    lookups: Vec<Lookup>,
    /// Records whose fate under these terms is known.
    evaluated: Bitset,
    /// Evaluated records that may match these terms or any extension of them.
    candidates: Bitset,
    matched: Bitset,
    /// Scores of the matched records, by record.
    scores: Vec<(u32, i64)>,
}

impl State {
    fn new(index: &Index, terms: Vec<Term>, parent: Option<&State>) -> State {
        let n = index.len();
        let lookups = terms
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let parent_words = parent
                    .and_then(|p| p.lookups.get(i))
                    .and_then(|l| l.words.clone());
                Lookup::new(index, t, parent_words)
            })
            .collect();
        State {
            terms,
            lookups,
            evaluated: Bitset::empty(n),
            candidates: Bitset::empty(n),
            matched: Bitset::empty(n),
            scores: Vec::new(),
        }
    }

    /// Evaluate these (not yet evaluated) records, asking `stop` every `STOP_CHECK` records;
    /// many records are split over `threads` threads. Returns `false` when stopped; then only
    /// the records actually evaluated are marked so.
    fn evaluate(
        &mut self,
        index: &Index,
        matcher: &dyn Matcher,
        records: &Bitset,
        stop: &(dyn Fn() -> bool + Sync),
        threads: usize,
    ) -> bool {
        let list: Vec<u32> = records.iter().map(|r| r as u32).collect();
        let threads = if list.len() >= PARALLEL_MIN {
            threads
        } else {
            1
        };
        let parts = if threads <= 1 {
            vec![evaluate_part(
                index,
                matcher,
                &self.terms,
                &mut self.lookups,
                &list,
                stop,
            )]
        } else {
            // What every thread would otherwise work out for itself.
            for (term, lookup) in self.terms.iter().zip(self.lookups.iter_mut()) {
                if let Term::Any(t) = term {
                    lookup.prepare_text(index, t);
                }
            }
            let chunks: Vec<&[u32]> = list.chunks(list.len().div_ceil(threads)).collect();
            let mut copies: Vec<Vec<Lookup>> =
                (1..chunks.len()).map(|_| self.lookups.clone()).collect();
            let terms = &self.terms;
            let own = &mut self.lookups;
            let parts = std::thread::scope(|scope| {
                let mut spawned = Vec::new();
                let mut here = Vec::new();
                for (chunk, lookups) in chunks[1..].iter().zip(copies.iter_mut()) {
                    let chunk: &[u32] = chunk;
                    let work = move || evaluate_part(index, matcher, terms, lookups, chunk, stop);
                    match std::thread::Builder::new().spawn_scoped(scope, work) {
                        Ok(handle) => spawned.push(handle),
                        // No thread to be had: this thread does that chunk too.
                        Err(_) => here.push(chunk),
                    }
                }
                let mut parts = vec![evaluate_part(index, matcher, terms, own, chunks[0], stop)];
                for chunk in here {
                    parts.push(evaluate_part(index, matcher, terms, own, chunk, stop));
                }
                for handle in spawned {
                    parts.push(
                        handle
                            .join()
                            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                    );
                }
                parts
            });
            // Keep the provider scores the other threads worked out, for the next evaluation.
            for copy in copies {
                for (mine, theirs) in self.lookups.iter_mut().zip(copy) {
                    mine.adopt_providers(theirs);
                }
            }
            parts
        };
        let mut new_scores: Vec<(u32, i64)> = Vec::new();
        let mut finished = true;
        for part in parts {
            finished &= part.finished;
            for &r in &part.records[..part.done] {
                self.evaluated.insert(r as usize);
            }
            for &r in &part.candidates {
                self.candidates.insert(r as usize);
            }
            for &(r, _) in &part.scores {
                self.matched.insert(r as usize);
            }
            new_scores.extend(part.scores);
        }
        // Each part is in record order, the parts nearly so (a chunk no thread could be had
        // for comes back late): sorting runs that are already sorted is cheap.
        new_scores.sort_unstable_by_key(|&(r, _)| r);
        if self.scores.is_empty() {
            self.scores = new_scores;
        } else if !new_scores.is_empty() {
            let old = std::mem::take(&mut self.scores);
            self.scores = merge_sorted(old, new_scores);
        }
        finished
    }
}

/// What evaluating a run of records found.
struct Part<'a> {
    records: &'a [u32],
    /// How many of `records` were evaluated before `stop` said to stop (all when finished).
    done: usize,
    finished: bool,
    candidates: Vec<u32>,
    /// The matched records and their scores, in record order.
    scores: Vec<(u32, i64)>,
}

/// Evaluate a run of records in order, asking `stop` every `STOP_CHECK` records.
fn evaluate_part<'a>(
    index: &Index,
    matcher: &dyn Matcher,
    terms: &[Term],
    lookups: &mut [Lookup],
    records: &'a [u32],
    stop: &(dyn Fn() -> bool + Sync),
) -> Part<'a> {
    let mut part = Part {
        records,
        done: 0,
        finished: true,
        candidates: Vec::new(),
        scores: Vec::new(),
    };
    for (i, &r) in records.iter().enumerate() {
        if i % STOP_CHECK == 0 && stop() {
            part.finished = false;
            break;
        }
        let (candidate, score) = evaluate_record(index, matcher, terms, lookups, r as usize);
        if candidate {
            part.candidates.push(r);
        }
        if let Some(s) = score {
            part.scores.push((r, s));
        }
        part.done = i + 1;
    }
    part
}

fn merge_sorted(a: Vec<(u32, i64)>, b: Vec<(u32, i64)>) -> Vec<(u32, i64)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let take_a = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => x.0 <= y.0,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        let next = if take_a { a.next() } else { b.next() };
        out.extend(next);
    }
    out
}

/// What one term needs besides the record's own keys, computed once per term.
#[derive(Clone)]
struct Lookup {
    /// Chars in the term (the fuzzy bar and the fixed scores are per char).
    chars: i64,
    ascii: bool,
    /// Records carrying a facet value the term names.
    values: Option<Bitset>,
    /// Words of the long text containing the term, and their records (when first needed).
    words: Option<Vec<u32>>,
    parent_words: Option<Vec<u32>>,
    text: Option<Bitset>,
    /// Per provider value: whether the term is a subsequence, and its weighted fuzzy score.
    providers: Vec<Option<(bool, Option<i64>)>>,
}

impl Lookup {
    fn new(index: &Index, term: &Term, parent_words: Option<Vec<u32>>) -> Lookup {
        let n = index.len();
        let t = term_text(term);
        let values = match term {
            Term::Any(t) => {
                let mut acc: Option<Bitset> = None;
                for g in &index.groups {
                    if matches!(g.group, FacetGroup::Provider) {
                        continue;
                    }
                    value_hits(g, t, true, n, &mut acc);
                }
                acc
            }
            Term::Scoped(group, t) => {
                let mut acc = None;
                value_hits(index.group(*group), t, false, n, &mut acc);
                Some(acc.unwrap_or_else(|| Bitset::empty(n)))
            }
            Term::Name(_) => None,
        };
        Lookup {
            chars: t.chars().count() as i64,
            ascii: t.is_ascii(),
            values,
            words: None,
            parent_words,
            text: None,
            providers: Vec::new(),
        }
    }

    fn in_text(&mut self, index: &Index, term: &str, record: usize) -> bool {
        self.prepare_text(index, term);
        self.text.as_ref().is_some_and(|t| t.contains(record))
    }

    /// Work out which records' text contains the term, if not done yet.
    fn prepare_text(&mut self, index: &Index, term: &str) {
        if self.text.is_none() {
            let words = index
                .text()
                .words_containing(term, self.parent_words.as_deref());
            self.text = Some(index.text().records_with(&words));
            self.words = Some(words);
            self.parent_words = None;
        }
    }

    /// Take the provider scores another copy of this lookup worked out.
    fn adopt_providers(&mut self, other: Lookup) {
        if self.providers.is_empty() {
            self.providers = other.providers;
            return;
        }
        for (mine, theirs) in self.providers.iter_mut().zip(other.providers) {
            if mine.is_none() {
                *mine = theirs;
            }
        }
    }

    fn provider(
        &mut self,
        index: &Index,
        matcher: &dyn Matcher,
        term: &str,
        code: u32,
    ) -> (bool, Option<i64>) {
        let code = code as usize;
        if self.providers.is_empty() {
            self.providers = vec![None; index.group(FacetGroup::Provider).values.len()];
        }
        if let Some(Some(known)) = self.providers.get(code) {
            return *known;
        }
        let name = index
            .group(FacetGroup::Provider)
            .values
            .get(code)
            .map_or("", |v| v.search.as_str());
        let known = fuzzy_field(matcher, name, term, self.ascii, self.chars, PROVIDER_WEIGHT);
        if let Some(slot) = self.providers.get_mut(code) {
            *slot = Some(known);
        }
        known
    }
}

fn term_text(term: &Term) -> &str {
    match term {
        Term::Any(t) | Term::Name(t) | Term::Scoped(_, t) => t,
    }
}

/// Values of a group whose id, labels or synonyms contain the term, OR-ed into `acc`.
fn value_hits(
    group: &super::GroupIndex,
    term: &str,
    word_start_only: bool,
    n: usize,
    acc: &mut Option<Bitset>,
) {
    for (v, info) in group.values.iter().enumerate() {
        let hit = if word_start_only {
            info.search
                .split(['|', ' ', '-', '/', '(', ')'])
                .any(|w| w.starts_with(term))
        } else {
            info.search.contains(term)
        };
        if hit {
            group.sets[v].or_into(acc.get_or_insert_with(|| Bitset::empty(n)));
        }
    }
}

/// Whether `needle` is a subsequence of `hay`: the fuzzy matcher's own first test, done here
/// without its per-call setup.
fn is_subsequence(needle: &str, hay: &str, ascii: bool) -> bool {
    if ascii {
        // ASCII bytes never occur inside a multi-byte UTF-8 char, so bytes compare as chars.
        let mut rest = hay.as_bytes();
        for &b in needle.as_bytes() {
            match memchr::memchr(b, rest) {
                Some(p) => rest = &rest[p + 1..],
                None => return false,
            }
        }
        true
    } else {
        let mut chars = hay.chars();
        needle.chars().all(|c| chars.any(|h| h == c))
    }
}

/// (may match, weighted score when it clears the per-char bar) for one key.
fn fuzzy_field(
    matcher: &dyn Matcher,
    hay: &str,
    term: &str,
    ascii: bool,
    chars: i64,
    weight: i64,
) -> (bool, Option<i64>) {
    if !is_subsequence(term, hay, ascii) {
        return (false, None);
    }
    let score = matcher
        .score(hay, term)
        .filter(|s| *s >= MIN_FUZZY_PER_CHAR * chars)
        .map(|s| s * weight);
    (true, score)
}

/// (may match these terms or extensions of them, total score when it matches them).
fn evaluate_record(
    index: &Index,
    matcher: &dyn Matcher,
    terms: &[Term],
    lookups: &mut [Lookup],
    r: usize,
) -> (bool, Option<i64>) {
    let mut total = 0i64;
    let mut matched = true;
    for (term, lookup) in terms.iter().zip(lookups.iter_mut()) {
        let (candidate, score) = evaluate_term(index, matcher, term, lookup, r, matched);
        if !candidate {
            return (false, None);
        }
        match score {
            Some(s) if matched => total += s,
            _ => matched = false,
        }
    }
    (true, matched.then_some(total))
}

fn best(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// One term against one record: (may match, score when `exact` is asked and it matches).
fn evaluate_term(
    index: &Index,
    matcher: &dyn Matcher,
    term: &Term,
    lookup: &mut Lookup,
    r: usize,
    exact: bool,
) -> (bool, Option<i64>) {
    let (ascii, chars) = (lookup.ascii, lookup.chars);
    match term {
        Term::Scoped(_, _) => {
            let hit = lookup.values.as_ref().is_some_and(|b| b.contains(r));
            (hit, hit.then_some(VALUE_SCORE_PER_CHAR * chars))
        }
        Term::Name(t) => {
            let (in_name, name_score) =
                fuzzy_field(matcher, index.folded_name(r), t, ascii, chars, NAME_WEIGHT);
            let mut candidate = in_name;
            let mut alias_score = None;
            if name_score.is_none() {
                for a in index.aliases(r) {
                    let (c, s) = fuzzy_field(matcher, a, t, ascii, chars, ALIAS_WEIGHT);
                    candidate |= c;
                    alias_score = best(alias_score, s);
                }
            }
            (candidate, name_score.or(alias_score))
        }
        Term::Any(t) => {
            let in_values = lookup.values.as_ref().is_some_and(|b| b.contains(r));
            let mut candidate = in_values;
            let mut score = None;
            // The fuzzy keys. Any fuzzy hit scores at least 20 per char (the bar of 10 times a
            // weight of 2 or more), above the fixed value and text scores, so it decides.
            if exact || !candidate {
                let (c, s) =
                    fuzzy_field(matcher, index.folded_name(r), t, ascii, chars, NAME_WEIGHT);
                candidate |= c;
                score = best(score, s);
                for a in index.aliases(r) {
                    if !exact && candidate {
                        break;
                    }
                    let (c, s) = fuzzy_field(matcher, a, t, ascii, chars, ALIAS_WEIGHT);
                    candidate |= c;
                    score = best(score, s);
                }
                for &code in index.provider_codes(r) {
                    if !exact && candidate {
                        break;
                    }
                    let (c, s) = lookup.provider(index, matcher, t, code);
                    candidate |= c;
                    score = best(score, s);
                }
            }
            if !exact {
                let candidate = candidate || lookup.in_text(index, t, r);
                return (candidate, None);
            }
            if score.is_some() {
                return (true, score);
            }
            if in_values {
                return (true, Some(VALUE_SCORE_PER_CHAR * chars));
            }
            if lookup.in_text(index, t, r) {
                return (true, Some(TEXT_SCORE_PER_CHAR * chars));
            }
            (candidate, None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::query::{Index, SkimMatcher, run};
    use crate::core::store::Inventory;

    fn synthetic(count: usize) -> (Inventory, Index) {
        let model = crate::core::store::open_bundled().unwrap_or_else(|e| panic!("bundled: {e}"));
        let inv = crate::core::synth::generate(&model, count, 11).unwrap_or_default();
        let index = Index::build(&inv);
        (inv, index)
    }

    fn same(a: &Results, b: &Results, what: &str) {
        assert_eq!(a.hits, b.hits, "hits differ for {what}");
        assert_eq!(a.facets, b.facets, "facet counts differ for {what}");
    }

    #[test]
    fn typing_backspacing_and_toggling_give_what_a_fresh_search_gives() {
        let (_, index) = synthetic(400);
        let m = SkimMatcher::default();
        let mut searcher = Searcher::new();
        let mut q = Query::default();
        let theme = index.group(FacetGroup::Theme).values[1].id.clone();
        let target = index.group(FacetGroup::TargetGroup).values[0].id.clone();
        type Step = Box<dyn Fn(&mut Query)>;
        let steps: Vec<Step> = vec![
            Box::new(|q| q.text.push('o')),
            Box::new(|q| q.text.push('u')),
            Box::new(|q| q.text.push('d')),
            Box::new(move |q| q.toggle(FacetGroup::Theme, &theme)),
            Box::new(|q| q.text.push('e')),
            Box::new(move |q| q.toggle(FacetGroup::TargetGroup, &target)),
            Box::new(|q| q.text.push_str(" w")),
            Box::new(|q| q.min_evidence = Some("goed-beschreven".into())),
            Box::new(|q| q.text.push('e')),
            Box::new(|q| {
                q.text.pop();
            }),
            Box::new(|q| q.text = "oud".into()),
            Box::new(|q| q.clear_filters()),
            Box::new(|q| q.text = "naam:a".into()),
            Box::new(|q| q.text.push('l')),
            Box::new(|q| q.text = "thema:p".into()),
            Box::new(|q| q.text.push('o')),
            Box::new(|q| q.sort = Sort::Evidence),
            Box::new(|q| q.text = "zzq".into()),
            Box::new(|q| q.text.clear()),
        ];
        for (i, step) in steps.iter().enumerate() {
            step(&mut q);
            let fresh = run(&index, &m, &q);
            let kept = searcher.search(&index, &m, &q);
            same(&kept, &fresh, &format!("step {i}: {q:?}"));
        }
    }

    /// Stops after `checks` questions (from any thread).
    fn stop_after(checks: usize) -> impl Fn() -> bool + Sync {
        let asked = std::sync::atomic::AtomicUsize::new(0);
        move || asked.fetch_add(1, std::sync::atomic::Ordering::SeqCst) >= checks
    }

    #[test]
    fn searches_stopped_halfway_leave_later_searches_exact() {
        for threads in [1, 2, 3] {
            stopped_halfway(threads);
        }
    }

    #[test]
    fn matching_on_several_threads_gives_what_one_thread_gives() {
        let (_, index) = synthetic(400);
        let m = SkimMatcher::default();
        let mut one = Searcher::new();
        let mut three = Searcher::with_threads(3);
        for text in [
            "", "o", "ou", "oud", "ouders", "ouders w", "naam:a", "thema:p", "zzq",
        ] {
            let q = Query {
                text: text.into(),
                ..Query::default()
            };
            same(
                &three.search(&index, &m, &q),
                &one.search(&index, &m, &q),
                text,
            );
        }
    }

    fn stopped_halfway(threads: usize) {
        let (_, index) = synthetic(400);
        let m = SkimMatcher::default();
        let mut searcher = Searcher::with_threads(threads);
        let theme = index.group(FacetGroup::Theme).values[1].id.clone();
        // Typing on, backspacing, another word, a filter: the chain grows, shrinks and restarts.
        let texts = [
            "o",
            "ou",
            "oud",
            "oude",
            "ouder",
            "oude",
            "ouders w",
            "ouders we",
            "v",
            "vr",
            "naam:a",
            "naam:al",
            "thema:p",
            "",
            "r",
            "ra",
            "rad",
        ];
        // A small deterministic generator: how many checks each interrupted search gets.
        let mut seed = 0x2545_f491_u64;
        let mut next = move |bound: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % bound
        };
        let mut stopped = 0;
        for round in 0..3 {
            for (i, text) in texts.iter().enumerate() {
                let mut q = Query {
                    text: text.to_string(),
                    ..Query::default()
                };
                if round == 1 && i % 3 == 0 {
                    q.toggle(FacetGroup::Theme, &theme);
                }
                let fresh = run(&index, &m, &q);
                // Some interrupted searches first: for this query, or for the next one typed
                // (a keystroke that was superseded before it finished).
                for _ in 0..next(3) {
                    let other = Query {
                        text: texts[(i + next(2) as usize) % texts.len()].to_string(),
                        ..q.clone()
                    };
                    let checks = next(6) as usize;
                    match searcher.search_until(&index, &m, &other, &stop_after(checks)) {
                        Some(found) => same(&found, &run(&index, &m, &other), "finished"),
                        None => stopped += 1,
                    }
                }
                let kept = searcher.search(&index, &m, &q);
                same(
                    &kept,
                    &fresh,
                    &format!("{threads} threads, round {round}, {q:?}"),
                );
            }
        }
        assert!(stopped > 20, "only {stopped} searches were stopped");
    }

    #[test]
    fn a_search_stopped_at_once_changes_nothing() {
        let (_, index) = synthetic(100);
        let m = SkimMatcher::default();
        let mut searcher = Searcher::new();
        let q = Query {
            text: "oud".into(),
            ..Query::default()
        };
        assert_eq!(searcher.search_until(&index, &m, &q, &|| true), None);
        same(
            &searcher.search(&index, &m, &q),
            &run(&index, &m, &q),
            "after",
        );
    }

    #[test]
    fn only_the_records_a_count_can_use_are_needed() {
        let mut a = Bitset::empty(6);
        let mut b = Bitset::empty(6);
        for r in [0, 1, 2] {
            a.insert(r);
        }
        for r in [1, 2, 3] {
            b.insert(r);
        }
        // Outside both filters: record 4 and 5; outside one: 0 and 3.
        let needed = needed_records(6, &[Some(a.clone()), None, Some(b.clone())], None);
        assert_eq!(needed.iter().collect::<Vec<_>>(), vec![0, 1, 2, 3]);
        assert_eq!(needed_records(6, &[Some(a), None], None).count(), 6);
    }

    #[test]
    fn extending_means_every_term_grows_in_place() {
        let t = |s: &str| parse_terms(s);
        assert!(extends(&t("oud"), &t("ouder")));
        assert!(extends(&t("oud"), &t("oud wijk")));
        assert!(extends(&t(""), &t("thema:p")));
        assert!(!extends(&t("ouder"), &t("oud")));
        assert!(!extends(&t("naam"), &t("naam:x")));
        assert!(!extends(&t("thema:p"), &t("doelgroep:p")));
    }
}
