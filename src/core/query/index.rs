//! The search index: built once from an inventory (or streamed from a database, one record at
//! a time), it holds what a keystroke needs — folded search keys, a word index over the long
//! text, and the records of every facet value — so `run` does no IO and no re-folding.
//!
//! Everything is stored compactly (one buffer per kind of key, not a `String` per record), so a
//! 100k-record inventory indexes in tens of MB; see docs/performance.md.

use std::collections::HashMap;

use crate::core::model::vocab::{self, evidence_rank};
use crate::core::model::{FacetGroup, Intervention, Lang};
use crate::core::store::Inventory;

use super::bitset::ValueSet;
use super::strs::{Ranges, Strs};
use super::text::{FxBuild, TextBuilder, TextIndex};
use crate::core::model::fold::{fold, fold_into};

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
    /// `sets[v]`: the records carrying `values[v]`.
    pub sets: Vec<ValueSet>,
}

impl GroupIndex {
    pub fn position(&self, id: &str) -> Option<usize> {
        self.values.iter().position(|v| v.id == id)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Index {
    ids: Strs,
    names: Strs,
    folded_names: Strs,
    /// Folded aliases of all records, and each record's range in them.
    aliases: Strs,
    alias_ranges: Ranges,
    /// Each record's providers as positions in the provider group's values (in the record's
    /// order, duplicates kept), so a provider is fuzzy-matched once, not once per record.
    provider_codes: Vec<u32>,
    provider_ranges: Ranges,
    /// Each record's values of the other groups (by `FacetGroup::ALL` position; the provider
    /// slot stays empty), as positions in the group's values, in the record's own order with
    /// repeats: what the results list and the related interventions need without the record.
    record_values: Vec<(Vec<u32>, Ranges)>,
    /// The year of each record's evidence level (0: none), for the "older than five years" mark.
    evidence_year: Vec<u16>,
    /// Each record's recognition status as recorded (`evidence.status`), 1-based into
    /// `vocab::RECOGNITION_STATUS` (0: none or unknown).
    evidence_status: Vec<u8>,
    /// Target group and working element labels, working element notes, summary, aim,
    /// approach and weerbaarheid framing.
    text: TextIndex,
    evidence_rank: Vec<u8>,
    /// Each record's place in the order by folded name (ties by record order): sorting hits
    /// by name compares integers instead of strings.
    name_rank: Vec<u32>,
    pub groups: Vec<GroupIndex>,
}

impl Index {
    pub fn build(inventory: &Inventory) -> Index {
        let mut builder = IndexBuilder::new();
        for item in &inventory.interventions {
            builder.push(item);
        }
        builder.finish()
    }

    /// Put in the word index of a staged load. Refused (`false`, the index unchanged) when it
    /// covers another number of records: the file changed between the two passes.
    pub fn set_text(&mut self, text: TextIndex) -> bool {
        if text.records() != self.len() {
            return false;
        }
        self.text = text;
        true
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn group(&self, group: FacetGroup) -> &GroupIndex {
        &self.groups[group_position(group)]
    }

    /// The record's id ("" when out of range).
    pub fn id(&self, record: usize) -> &str {
        self.ids.get(record)
    }

    /// The record's name as written ("" when out of range).
    pub fn name(&self, record: usize) -> &str {
        self.names.get(record)
    }

    /// The record's name folded for matching.
    pub fn folded_name(&self, record: usize) -> &str {
        self.folded_names.get(record)
    }

    pub fn aliases(&self, record: usize) -> impl Iterator<Item = &str> + '_ {
        self.alias_ranges.get(record).map(|a| self.aliases.get(a))
    }

    /// Positions of the record's providers in the provider group's values.
    pub fn provider_codes(&self, record: usize) -> &[u32] {
        self.provider_codes
            .get(self.provider_ranges.get(record))
            .unwrap_or(&[])
    }

    /// The record's values in `group` as positions in `self.group(group).values`, in the
    /// record's order (a value listed twice appears twice; empty ids are left out).
    pub fn value_codes(&self, record: usize, group: FacetGroup) -> &[u32] {
        if group == FacetGroup::Provider {
            return self.provider_codes(record);
        }
        let Some((codes, ranges)) = self.record_values.get(group_position(group)) else {
            return &[];
        };
        codes.get(ranges.get(record)).unwrap_or(&[])
    }

    /// The record's value ids in `group`, in the record's order.
    pub fn value_ids(&self, record: usize, group: FacetGroup) -> impl Iterator<Item = &str> + '_ {
        let values = &self.group(group).values;
        self.value_codes(record, group)
            .iter()
            .filter_map(move |&v| values.get(v as usize))
            .map(|v| v.id.as_str())
    }

    /// The record's evidence level id ("" when it has none).
    pub fn evidence_level(&self, record: usize) -> &str {
        self.value_ids(record, FacetGroup::Evidence)
            .next()
            .unwrap_or("")
    }

    /// The year of the record's evidence level.
    pub fn evidence_year(&self, record: usize) -> Option<u16> {
        self.evidence_year.get(record).copied().filter(|&y| y > 0)
    }

    /// The recognition status id as recorded ("" when none).
    pub fn evidence_status(&self, record: usize) -> &'static str {
        match self.evidence_status.get(record).copied() {
            Some(s) if s > 0 => vocab::RECOGNITION_STATUS
                .get(usize::from(s) - 1)
                .map(|t| t.id)
                .unwrap_or(""),
            _ => "",
        }
    }

    pub fn evidence_rank(&self, record: usize) -> u8 {
        self.evidence_rank.get(record).copied().unwrap_or(0)
    }

    pub fn name_rank(&self, record: usize) -> u32 {
        self.name_rank.get(record).copied().unwrap_or(u32::MAX)
    }

    /// Position of an id among the records (ids are sorted, as the store delivers them).
    pub fn position_of(&self, id: &str) -> Option<usize> {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.ids.get(mid).cmp(id) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    pub fn text(&self) -> &TextIndex {
        &self.text
    }

    /// Approximate heap bytes held, for the performance report.
    pub fn heap_bytes(&self) -> usize {
        let groups: usize = self
            .groups
            .iter()
            .map(|g| {
                g.sets.iter().map(ValueSet::heap_bytes).sum::<usize>()
                    + g.values
                        .iter()
                        .map(|v| v.id.len() + v.label_nl.len() + v.label_en.len() + v.search.len())
                        .sum::<usize>()
            })
            .sum();
        self.ids.heap_bytes()
            + self.names.heap_bytes()
            + self.folded_names.heap_bytes()
            + self.aliases.heap_bytes()
            + self.alias_ranges.heap_bytes()
            + self.provider_codes.capacity() * 4
            + self.provider_ranges.heap_bytes()
            + self
                .record_values
                .iter()
                .map(|(codes, ranges)| codes.capacity() * 4 + ranges.heap_bytes())
                .sum::<usize>()
            + self.evidence_year.capacity() * 2
            + self.evidence_status.capacity()
            + self.text.heap_bytes()
            + self.evidence_rank.capacity()
            + self.name_rank.capacity() * 4
            + groups
    }
}

/// A group's place in `FacetGroup::ALL`, which orders `Index::groups` and `record_values`.
fn group_position(group: FacetGroup) -> usize {
    FacetGroup::ALL
        .iter()
        .position(|g| *g == group)
        .unwrap_or(0)
}

/// The records of each value of one facet group, gathered while records stream in.
#[derive(Default)]
struct GroupBuilder {
    /// Vocabulary values by id, then values met in the data but not in the vocabulary.
    known: HashMap<&'static str, u32>,
    extra: HashMap<String, u32>,
    records: Vec<Vec<u32>>,
}

impl GroupBuilder {
    fn new(group: FacetGroup) -> GroupBuilder {
        let terms = group.vocabulary().unwrap_or(&[]);
        GroupBuilder {
            known: terms
                .iter()
                .enumerate()
                .map(|(i, t)| (t.id, i as u32))
                .collect(),
            extra: HashMap::new(),
            records: vec![Vec::new(); terms.len()],
        }
    }

    /// Note that `record` carries `id`; returns the value's code (final for vocabulary values,
    /// renumbered by `finish_group` for the others).
    fn add(&mut self, id: &str, record: u32) -> u32 {
        let v = self.code(id);
        self.add_code(v, record);
        v
    }

    /// The code of `id` (for a stored index: each stored value once, before any record).
    fn code(&mut self, id: &str) -> u32 {
        match self.known.get(id).or_else(|| self.extra.get(id)) {
            Some(&v) => v,
            None => {
                let v = self.records.len() as u32;
                self.extra.insert(id.to_string(), v);
                self.records.push(Vec::new());
                v
            }
        }
    }

    /// Note that `record` carries the value with this code (from `add` or `code`).
    fn add_code(&mut self, v: u32, record: u32) {
        let Some(list) = self.records.get_mut(v as usize) else {
            return;
        };
        // A record listing a value twice still carries it once.
        if list.last() != Some(&record) {
            list.push(record);
        }
    }
}

/// Builds an `Index` one record at a time, in id order, so a large database never has to be
/// held in memory as `Intervention`s.
pub struct IndexBuilder {
    index: Index,
    /// The word index, or `None` when building the keys only (`IndexBuilder::keys`).
    text: Option<TextIndexBuilder>,
    groups: Vec<GroupBuilder>,
    /// Providers by name as written, in order of first appearance.
    providers: HashMap<String, u32, FxBuild>,
    provider_records: Vec<Vec<u32>>,
}

/// Builds the word index over the long text, one record at a time in the index's order: part
/// of every `IndexBuilder`, or on its own as the second stage of a staged load.
#[derive(Default)]
pub struct TextIndexBuilder {
    text: TextBuilder,
    scratch: String,
}

impl TextIndexBuilder {
    /// Add the next record's text: target group and working element labels and notes, then
    /// the long fields, each folded (folding is per char, so folding the parts is folding the
    /// whole).
    pub fn push(&mut self, item: &Intervention) {
        let s = &mut self.scratch;
        s.clear();
        for id in &item.target_groups {
            push_folded_field(
                s,
                0,
                &Intervention::label(FacetGroup::TargetGroup, id, Lang::Nl),
            );
        }
        for w in &item.working_elements {
            let label = Intervention::label(FacetGroup::WorkingElement, &w.id, Lang::Nl);
            push_folded_field(s, 0, &label);
            push_folded_field(s, 0, &w.note);
        }
        s.push(' ');
        let long_start = s.len();
        for text in [
            &item.summary,
            &item.aim,
            &item.approach,
            &item.weerbaarheid.framing,
        ] {
            push_folded_field(s, long_start, text);
        }
        self.text.add(s);
    }

    pub fn finish(self) -> TextIndex {
        self.text.finish()
    }
}

impl Default for IndexBuilder {
    fn default() -> Self {
        IndexBuilder::new()
    }
}

impl IndexBuilder {
    pub fn new() -> IndexBuilder {
        IndexBuilder {
            index: Index {
                record_values: vec![Default::default(); FacetGroup::ALL.len()],
                ..Index::default()
            },
            text: Some(TextIndexBuilder::default()),
            groups: FacetGroup::ALL
                .into_iter()
                .map(|g| match g {
                    FacetGroup::Provider => GroupBuilder::default(),
                    g => GroupBuilder::new(g),
                })
                .collect(),
            providers: HashMap::default(),
            provider_records: Vec::new(),
        }
    }

    /// A builder of everything but the word index over the long text: the first stage of a
    /// staged load (`inventory::load_keys`). Records pushed need only their keys.
    pub fn keys() -> IndexBuilder {
        IndexBuilder {
            text: None,
            ..IndexBuilder::new()
        }
    }

    pub fn len(&self) -> usize {
        self.index.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.ids.is_empty()
    }

    /// Add the next record. Records must come in the inventory's order (sorted by id).
    pub fn push(&mut self, item: &Intervention) {
        let record = self.len() as u32;
        let ix = &mut self.index;
        ix.ids.push(&item.id);
        ix.names.push(&item.name);
        fold_into(&item.name, ix.folded_names.buffer_mut());
        ix.folded_names.close();
        for a in &item.aliases {
            fold_into(a, ix.aliases.buffer_mut());
            ix.aliases.close();
        }
        ix.alias_ranges.close(ix.aliases.len());

        for p in &item.providers {
            let code = match self.providers.get(p.as_str()) {
                Some(&c) => c,
                None => {
                    let c = self.provider_records.len() as u32;
                    self.providers.insert(p.clone(), c);
                    self.provider_records.push(Vec::new());
                    c
                }
            };
            ix.provider_codes.push(code);
            let list = &mut self.provider_records[code as usize];
            if list.last() != Some(&record) {
                list.push(record);
            }
        }
        ix.provider_ranges.close(ix.provider_codes.len());

        for (g, group) in FacetGroup::ALL.into_iter().enumerate() {
            if group == FacetGroup::Provider {
                continue;
            }
            let (codes, ranges) = &mut ix.record_values[g];
            for id in item.values(group) {
                // Empty ids carry no value (they are not in any vocabulary either).
                if !id.is_empty() {
                    codes.push(self.groups[g].add(id, record));
                    // A narrower value also counts under its broader ones (`moeders` is found
                    // and counted under `ouders`), in the value sets only: the record itself
                    // still shows the values it was tagged with.
                    for broader in vocab::broader(group, id) {
                        self.groups[g].add(broader, record);
                    }
                }
            }
            ranges.close(codes.len());
        }
        ix.evidence_year.push(item.evidence.year.unwrap_or(0));
        ix.evidence_status.push(
            vocab::RECOGNITION_STATUS
                .iter()
                .position(|t| t.id == item.evidence.status)
                .map_or(0, |p| p as u8 + 1),
        );

        // The text that plain terms search besides the keys.
        if let Some(text) = &mut self.text {
            text.push(item);
        }

        ix.evidence_rank.push(evidence_rank(&item.evidence.level));
    }

    /// For a stored index (`inventory::stored`): the values of `group` in the stored order, before
    /// any record; returns the code to push for each stored position. Providers keep their
    /// stored order, which is already the final one; `Err` when a provider is listed twice.
    pub fn stored_values(&mut self, group: FacetGroup, ids: &[String]) -> Result<Vec<u32>, String> {
        if group == FacetGroup::Provider {
            for id in ids {
                let code = self.provider_records.len() as u32;
                if self.providers.insert(id.clone(), code).is_some() {
                    return Err(format!("provider {id:?} is listed twice"));
                }
                self.provider_records.push(Vec::new());
            }
            return Ok((0..ids.len() as u32).collect());
        }
        let b = &mut self.groups[group_position(group)];
        Ok(ids.iter().map(|id| b.code(id)).collect())
    }

    /// For a stored index: the codes of the values broader than `id` in `group` (a record
    /// carrying `id` also counts under them, as `push` does).
    pub fn broader_codes(&mut self, group: FacetGroup, id: &str) -> Vec<u32> {
        if group == FacetGroup::Provider {
            return Vec::new();
        }
        let b = &mut self.groups[group_position(group)];
        vocab::broader(group, id)
            .into_iter()
            .map(|id| b.code(id))
            .collect()
    }

    /// For a stored index: the next record from its stored keys, already folded and checked.
    /// `codes[g]` are the record's values in `FacetGroup::ALL[g]` as codes `stored_values`
    /// returned; `broader[g][c]` the codes `broader_codes` gave for code `c` (counted in the
    /// value sets only); `evidence_level` and `evidence_status` are ids ("" for none).
    #[allow(clippy::too_many_arguments)]
    pub fn push_stored(
        &mut self,
        id: &str,
        name: &str,
        folded_name: &str,
        folded_aliases: impl Iterator<Item = impl AsRef<str>>,
        codes: &[Vec<u32>],
        broader: &[Vec<Vec<u32>>],
        evidence_level: &str,
        evidence_year: u16,
        evidence_status: &str,
    ) {
        let record = self.len() as u32;
        let ix = &mut self.index;
        ix.ids.push(id);
        ix.names.push(name);
        ix.folded_names.push(folded_name);
        for a in folded_aliases {
            ix.aliases.push(a.as_ref());
        }
        ix.alias_ranges.close(ix.aliases.len());
        for (g, group) in FacetGroup::ALL.into_iter().enumerate() {
            let Some(codes) = codes.get(g) else {
                continue;
            };
            if group == FacetGroup::Provider {
                for &code in codes {
                    ix.provider_codes.push(code);
                    if let Some(list) = self.provider_records.get_mut(code as usize)
                        && list.last() != Some(&record)
                    {
                        list.push(record);
                    }
                }
                continue;
            }
            let (list, _) = &mut ix.record_values[g];
            for &code in codes {
                list.push(code);
                self.groups[g].add_code(code, record);
                let wider = broader.get(g).and_then(|b| b.get(code as usize));
                for &w in wider.into_iter().flatten() {
                    self.groups[g].add_code(w, record);
                }
            }
        }
        ix.provider_ranges.close(ix.provider_codes.len());
        for (g, group) in FacetGroup::ALL.into_iter().enumerate() {
            if group != FacetGroup::Provider {
                let (list, ranges) = &mut ix.record_values[g];
                ranges.close(list.len());
            }
        }
        ix.evidence_year.push(evidence_year);
        ix.evidence_status.push(
            vocab::RECOGNITION_STATUS
                .iter()
                .position(|t| t.id == evidence_status)
                .map_or(0, |p| p as u8 + 1),
        );
        ix.evidence_rank.push(evidence_rank(evidence_level));
    }

    pub fn finish(self) -> Index {
        let IndexBuilder {
            mut index,
            text,
            groups,
            providers,
            provider_records,
            ..
        } = self;
        let n = index.len();
        index.text = text.map(TextIndexBuilder::finish).unwrap_or_default();

        // Providers sorted by folded name (first appearance breaks ties), as the facet shows them.
        let mut names: Vec<(String, String, u32)> = providers
            .into_iter()
            .map(|(name, code)| (fold(&name), name, code))
            .collect();
        names.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.cmp(&b.2)));
        let mut new_code = vec![0u32; names.len()];
        for (pos, (_, _, code)) in names.iter().enumerate() {
            new_code[*code as usize] = pos as u32;
        }
        for c in &mut index.provider_codes {
            *c = new_code[*c as usize];
        }
        let mut provider_records = provider_records;
        let mut provider_group = Some(GroupIndex {
            group: FacetGroup::Provider,
            sets: names
                .iter()
                .map(|(_, _, code)| {
                    ValueSet::from_sorted(n, std::mem::take(&mut provider_records[*code as usize]))
                })
                .collect(),
            values: names
                .into_iter()
                .map(|(folded, name, _)| ValueInfo {
                    id: name.clone(),
                    label_nl: name.clone(),
                    label_en: name,
                    search: folded,
                })
                .collect(),
        });

        index.groups = FacetGroup::ALL
            .into_iter()
            .zip(groups)
            .map(|(group, b)| match group {
                FacetGroup::Provider => provider_group.take().unwrap_or(GroupIndex {
                    group,
                    values: Vec::new(),
                    sets: Vec::new(),
                }),
                group => {
                    let (group, renumber) = finish_group(group, b, n);
                    if let Some(codes) = index.record_values.get_mut(group_position(group.group)) {
                        for c in &mut codes.0 {
                            *c = renumber.get(*c as usize).copied().unwrap_or(*c);
                        }
                    }
                    group
                }
            })
            .collect();

        let mut order: Vec<u32> = (0..n as u32).collect();
        order.sort_by(|&a, &b| {
            index
                .folded_names
                .get(a as usize)
                .cmp(index.folded_names.get(b as usize))
                .then(a.cmp(&b))
        });
        index.name_rank = vec![0; n];
        for (rank, &record) in order.iter().enumerate() {
            index.name_rank[record as usize] = rank as u32;
        }

        index.ids.shrink_to_fit();
        index.names.shrink_to_fit();
        index.folded_names.shrink_to_fit();
        index.aliases.shrink_to_fit();
        index.alias_ranges.shrink_to_fit();
        index.provider_codes.shrink_to_fit();
        index.provider_ranges.shrink_to_fit();
        index.evidence_rank.shrink_to_fit();
        index.evidence_year.shrink_to_fit();
        index.evidence_status.shrink_to_fit();
        for (codes, ranges) in &mut index.record_values {
            codes.shrink_to_fit();
            ranges.shrink_to_fit();
        }
        index
    }
}

/// Append a field to the part of `out` that starts at `part_start`, with " | " between fields
/// of the part (exactly as the fields were once joined into one string per part).
fn push_folded_field(out: &mut String, part_start: usize, text: &str) {
    if out.len() > part_start {
        out.push_str(" | ");
    }
    fold_into(text, out);
}

/// The group's index, and for each code `GroupBuilder::add` handed out, its final position.
fn finish_group(group: FacetGroup, b: GroupBuilder, n: usize) -> (GroupIndex, Vec<u32>) {
    let terms = group.vocabulary().unwrap_or(&[]);
    let mut values: Vec<ValueInfo> = terms
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
        .collect();
    let mut records = b.records;
    let mut sets: Vec<ValueSet> = (0..terms.len())
        .map(|v| ValueSet::from_sorted(n, std::mem::take(&mut records[v])))
        .collect();
    // Values found in a foreign inventory but absent from our vocabulary are not silently
    // dropped from view: they are listed as-is, sorted, after the known ones.
    let mut extra: Vec<(String, u32)> = b.extra.into_iter().collect();
    extra.sort();
    let mut renumber: Vec<u32> = (0..records.len() as u32).collect();
    for (id, v) in extra {
        if let Some(slot) = renumber.get_mut(v as usize) {
            *slot = values.len() as u32;
        }
        sets.push(ValueSet::from_sorted(
            n,
            std::mem::take(&mut records[v as usize]),
        ));
        values.push(ValueInfo {
            search: fold(&id),
            label_nl: id.clone(),
            label_en: id.clone(),
            id,
        });
    }
    (
        GroupIndex {
            group,
            values,
            sets,
        },
        renumber,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::WorkingElementUse;

    fn item(id: &str, name: &str, providers: &[&str]) -> Intervention {
        Intervention {
            id: id.into(),
            name: name.into(),
            providers: providers.iter().map(|s| s.to_string()).collect(),
            themes: vec![
                "polarisatie".into(),
                "polarisatie".into(),
                "eigen-thema".into(),
            ],
            working_elements: vec![WorkingElementUse {
                id: "dialoog".into(),
                note: "Gesprekken in de klas".into(),
            }],
            evidence: crate::core::model::Evidence {
                level: "goed-onderbouwd".into(),
                year: Some(2019),
                ..crate::core::model::Evidence::default()
            },
            ..Intervention::default()
        }
    }

    #[test]
    fn keys_values_and_ranks_are_kept_per_record() {
        let inv = Inventory {
            interventions: vec![
                item("a", "Zeeuwse Dialoog", &["GGD", "Ggd", "GGD"]),
                Intervention {
                    evidence: crate::core::model::Evidence::default(),
                    ..item("b", "Ágora", &[])
                },
            ],
            ..Inventory::default()
        };
        let index = Index::build(&inv);
        assert_eq!(index.len(), 2);
        assert_eq!(
            (index.id(1), index.name(1), index.folded_name(1)),
            ("b", "Ágora", "agora")
        );
        assert_eq!(index.position_of("b"), Some(1));
        assert_eq!(index.position_of("c"), None);
        // Names sort "agora" before "zeeuwse dialoog".
        assert!(index.name_rank(1) < index.name_rank(0));
        // Providers are deduplicated exactly, sorted by folded name, first seen first.
        let providers = index.group(FacetGroup::Provider);
        let ids: Vec<&str> = providers.values.iter().map(|v| v.id.as_str()).collect();
        assert_eq!(ids, vec!["GGD", "Ggd"]);
        assert_eq!(index.provider_codes(0), &[0, 1, 0]);
        // A value listed twice counts once; an unknown value is kept after the vocabulary.
        let themes = index.group(FacetGroup::Theme);
        let pol = themes.position("polarisatie").unwrap_or(usize::MAX);
        assert_eq!(themes.sets[pol].count(), 2);
        assert_eq!(
            themes.values.last().map(|v| v.id.as_str()),
            Some("eigen-thema")
        );
        // Each record's values in its own order, repeats kept, unknown values renumbered
        // after the vocabulary; evidence level and year without the record.
        let ids: Vec<&str> = index.value_ids(1, FacetGroup::Theme).collect();
        assert_eq!(ids, ["polarisatie", "polarisatie", "eigen-thema"]);
        let last = themes.values.len() as u32 - 1;
        assert_eq!(index.value_codes(0, FacetGroup::Theme).last(), Some(&last));
        assert_eq!(index.value_codes(0, FacetGroup::Provider), &[0, 1, 0]);
        assert_eq!(index.evidence_level(0), "goed-onderbouwd");
        assert_eq!(index.evidence_year(0), Some(2019));
        assert_eq!(
            (index.evidence_level(1), index.evidence_year(1)),
            ("", None)
        );
        assert_eq!(index.value_codes(5, FacetGroup::Theme), &[] as &[u32]);
        // Labels and notes are in the word index.
        let words = index.text().words_containing("gesprek", None);
        assert_eq!(index.text().records_with(&words).count(), 2);
    }
}
