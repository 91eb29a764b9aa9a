//! The long text of every record (summary, aim, approach, framing, labels, notes) as a word
//! index: each distinct folded word once, and per word the records that use it.
//!
//! A search term never contains whitespace, so it occurs in a text exactly when it occurs inside
//! one of the text's whitespace-separated words. Finding the words that contain the term (one
//! scan of the word list) and joining their record lists therefore answers `text.contains(term)`
//! for every record at once, from about a tenth of the memory the folded text would take.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::bitset::Bitset;

/// FxHash (rustc's hasher): much faster than SipHash for the short words interned at load,
/// and the words come from the inventory, not from an attacker choosing collisions online.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

const FX_K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w) ^ rest.len() as u64);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(FX_K);
    }
}

pub type FxBuild = BuildHasherDefault<FxHasher>;

/// The finished word index.
#[derive(Debug, Clone, Default)]
pub struct TextIndex {
    records: usize,
    /// Every distinct word followed by `\n`, so one substring scan covers all words and a
    /// match can never span two of them (words hold no whitespace).
    words: String,
    /// Where each word starts in `words`.
    word_starts: Vec<u32>,
    /// Per word, its records as varint-encoded gaps, all lists end to end (empty for a word
    /// kept as a bitset).
    postings: Vec<u8>,
    posting_starts: Vec<usize>,
    /// Per word, how many records use it.
    record_counts: Vec<u32>,
    /// Words used by more than one record in `DENSE_SHARE`, as bitsets: joining them is a
    /// word-wide OR instead of decoding a long list (a one-letter term matches most words),
    /// and for such words a bitset is no bigger than the list.
    dense: Vec<(u32, Bitset)>,
}

/// A word used by more than 1/DENSE_SHARE of the records is kept as a bitset.
const DENSE_SHARE: usize = 16;

impl TextIndex {
    /// How many records the index covers.
    pub fn records(&self) -> usize {
        self.records
    }

    pub fn word_count(&self) -> usize {
        self.word_starts.len()
    }

    /// The words that contain `term`, in word order. `within` restricts the scan to a previous
    /// answer for a shorter term (a word containing "ouder" contains "oude").
    pub fn words_containing(&self, term: &str, within: Option<&[u32]>) -> Vec<u32> {
        if term.is_empty() {
            return match within {
                Some(w) => w.to_vec(),
                None => (0..self.word_count() as u32).collect(),
            };
        }
        let finder = memchr::memmem::Finder::new(term.as_bytes());
        if let Some(words) = within {
            return words
                .iter()
                .copied()
                .filter(|&w| finder.find(self.word(w).as_bytes()).is_some())
                .collect();
        }
        let hay = self.words.as_bytes();
        let mut out = Vec::new();
        let mut from = 0usize;
        while let Some(p) = finder.find(&hay[from..]) {
            let at = from + p;
            // The word holding byte `at`: the last start at or before it.
            let w = self
                .word_starts
                .partition_point(|&s| s as usize <= at)
                .saturating_sub(1);
            out.push(w as u32);
            // Continue after this word: one hit per word is enough.
            from = match self.word_starts.get(w + 1) {
                Some(&next) => next as usize,
                None => break,
            };
        }
        out
    }

    /// The records whose text contains one of `words`.
    pub fn records_with(&self, words: &[u32]) -> Bitset {
        let mut out = Bitset::empty(self.records);
        for &w in words {
            match self.dense_set(w) {
                Some(set) => out.or_with(set),
                None => self.for_each_record(w, |r| out.insert(r)),
            }
        }
        out
    }

    fn dense_set(&self, w: u32) -> Option<&Bitset> {
        // Only words with long lists are dense, so check the count before searching.
        let count = self.record_counts.get(w as usize).copied().unwrap_or(0) as usize;
        if count * DENSE_SHARE <= self.records {
            return None;
        }
        self.dense
            .binary_search_by_key(&w, |(word, _)| *word)
            .ok()
            .map(|i| &self.dense[i].1)
    }

    /// The total length of the record lists of `words`: the cost of `records_with`.
    pub fn postings_len(&self, words: &[u32]) -> usize {
        words
            .iter()
            .map(|&w| self.record_counts.get(w as usize).copied().unwrap_or(0) as usize)
            .sum()
    }

    /// Every distinct word with the number of records using it (for typo tolerance).
    pub fn words(&self) -> impl Iterator<Item = (&str, u32)> + '_ {
        (0..self.word_count() as u32).map(|w| {
            (
                self.word(w),
                self.record_counts.get(w as usize).copied().unwrap_or(0),
            )
        })
    }

    fn word(&self, w: u32) -> &str {
        let w = w as usize;
        let start = self.word_starts.get(w).copied().unwrap_or(0) as usize;
        let end = self
            .word_starts
            .get(w + 1)
            .map(|&e| e as usize)
            .unwrap_or(self.words.len());
        // Drop the trailing newline.
        self.words
            .get(start..end.saturating_sub(1).max(start))
            .unwrap_or("")
    }

    fn for_each_record(&self, w: u32, mut f: impl FnMut(usize)) {
        let w = w as usize;
        let (Some(&start), end) = (
            self.posting_starts.get(w),
            self.posting_starts
                .get(w + 1)
                .copied()
                .unwrap_or(self.postings.len()),
        ) else {
            return;
        };
        decode(self.postings.get(start..end).unwrap_or(&[]), &mut f);
    }

    pub fn heap_bytes(&self) -> usize {
        self.words.capacity()
            + self.word_starts.capacity() * 4
            + self.postings.capacity()
            + self.posting_starts.capacity() * 8
            + self.record_counts.capacity() * 4
            + self
                .dense
                .iter()
                .map(|(_, b)| b.heap_bytes() + 4)
                .sum::<usize>()
    }
}

/// How a word's records are kept in a stored index (`inventory::stored`): the first byte says
/// which, the rest is the list.
const STORED_GAPS: u8 = 0;
const STORED_BITS: u8 = 1;

impl TextIndex {
    /// Each word with its records, in word order, as a stored index keeps them: a tag byte,
    /// then varint gaps (as in memory) or, for a word kept as a bitset, its 64-bit words in
    /// little-endian order. Reading them back (`StoredText`) gives this index again.
    pub fn stored_words(&self) -> impl Iterator<Item = (&str, Vec<u8>)> + '_ {
        (0..self.word_count() as u32).map(move |w| {
            let mut blob = Vec::new();
            match self.dense_set(w) {
                Some(set) => {
                    blob.push(STORED_BITS);
                    for word in set.words() {
                        blob.extend_from_slice(&word.to_le_bytes());
                    }
                }
                None => {
                    blob.push(STORED_GAPS);
                    let start = self.posting_starts.get(w as usize).copied().unwrap_or(0);
                    let end = self
                        .posting_starts
                        .get(w as usize + 1)
                        .copied()
                        .unwrap_or(self.postings.len());
                    blob.extend_from_slice(self.postings.get(start..end).unwrap_or(&[]));
                }
            }
            (self.word(w), blob)
        })
    }
}

/// Rebuilds a `TextIndex` from the words of a stored index, checking each: a word is one
/// whitespace-free run, its records are in range and strictly increasing. A stored index
/// from a hostile file can lie about which records hold a word (`db verify` catches that),
/// but never make the index inconsistent.
#[derive(Default)]
pub struct StoredText {
    index: TextIndex,
}

impl StoredText {
    pub fn new(records: usize) -> StoredText {
        StoredText {
            index: TextIndex {
                records,
                ..TextIndex::default()
            },
        }
    }

    /// Add the next word; `Err` says what is wrong with it.
    pub fn push(&mut self, word: &str, blob: &[u8]) -> Result<(), String> {
        let ix = &mut self.index;
        if word.is_empty() || word.chars().any(char::is_whitespace) {
            return Err(format!("word {} is not one word", ix.word_starts.len()));
        }
        let bad = || format!("the records of word {:?} are out of order or range", word);
        let records = ix.records;
        let (set, list) = match blob.split_first() {
            Some((&STORED_BITS, rest)) => {
                if rest.len() % 8 != 0 {
                    return Err(bad());
                }
                let words = rest
                    .chunks_exact(8)
                    .map(|c| {
                        let mut w = [0u8; 8];
                        w.copy_from_slice(c);
                        u64::from_le_bytes(w)
                    })
                    .collect();
                (
                    Some(Bitset::from_words(records, words).ok_or_else(bad)?),
                    None,
                )
            }
            Some((&STORED_GAPS, rest)) => {
                // Checked and counted without a bitset (most words are rare: a bitset each
                // would be most of the loading time); a common word becomes one below.
                let mut count = 0usize;
                let mut last: Option<usize> = None;
                let ok = decode_checked(rest, |r| {
                    if r >= records || last.is_some_and(|l| r <= l) {
                        return false;
                    }
                    last = Some(r);
                    count += 1;
                    true
                });
                if !ok {
                    return Err(bad());
                }
                let set = (count * DENSE_SHARE > records).then(|| {
                    let mut set = Bitset::empty(records);
                    decode(rest, |r| set.insert(r));
                    set
                });
                (set, Some((rest, count)))
            }
            _ => return Err(bad()),
        };
        let count = match (&set, list) {
            (_, Some((_, count))) => count,
            (Some(set), None) => set.count(),
            (None, None) => 0,
        };
        ix.word_starts
            .push(u32::try_from(ix.words.len()).map_err(|_| bad())?);
        ix.words.push_str(word);
        ix.words.push('\n');
        ix.posting_starts.push(ix.postings.len());
        ix.record_counts.push(count as u32);
        // Dense or not is decided by the count, as `TextBuilder::finish` does, whichever form
        // the file chose: the search relies on it.
        let w = ix.word_starts.len() as u32 - 1;
        match (set, list) {
            (Some(set), _) if count * DENSE_SHARE > records => ix.dense.push((w, set)),
            (_, Some((list, _))) => ix.postings.extend_from_slice(list),
            (Some(set), None) => {
                let mut prev: Option<usize> = None;
                for r in set.iter() {
                    let gap = match prev {
                        None => r,
                        Some(p) => r - p,
                    };
                    push_varint(&mut ix.postings, gap as u32);
                    prev = Some(r);
                }
            }
            (None, None) => {}
        }
        Ok(())
    }

    pub fn finish(self) -> TextIndex {
        let mut index = self.index;
        index.words.shrink_to_fit();
        index.word_starts.shrink_to_fit();
        index.postings.shrink_to_fit();
        index.posting_starts.shrink_to_fit();
        index.record_counts.shrink_to_fit();
        index
    }
}

/// `decode`, for lists from a file: false when a varint is cut off or too long, or when `f`
/// refuses a record.
fn decode_checked(list: &[u8], mut f: impl FnMut(usize) -> bool) -> bool {
    let mut bytes = list.iter();
    let mut record = 0usize;
    let mut first = true;
    loop {
        let mut gap = 0usize;
        let mut shift = 0;
        loop {
            let Some(&b) = bytes.next() else {
                return shift == 0;
            };
            if shift > 28 {
                return false;
            }
            gap |= usize::from(b & 0x7f) << shift;
            shift += 7;
            if b & 0x80 == 0 {
                break;
            }
        }
        record = if first {
            gap
        } else {
            record.saturating_add(gap)
        };
        first = false;
        if !f(record) {
            return false;
        }
    }
}

/// Builds a `TextIndex` one record at a time, in record order.
#[derive(Default)]
pub struct TextBuilder {
    ids: HashMap<Box<str>, u32, FxBuild>,
    words: String,
    word_starts: Vec<u32>,
    lists: Vec<Vec<u8>>,
    /// The last record added to each word's list (+1; 0 = none yet).
    last: Vec<u32>,
    records: u32,
}

impl TextBuilder {
    /// Add the next record's folded text.
    pub fn add(&mut self, folded: &str) {
        let record = self.records;
        self.records += 1;
        for word in folded.split_whitespace() {
            let id = match self.ids.get(word) {
                Some(&id) => id,
                None => {
                    let id = self.word_starts.len() as u32;
                    self.ids.insert(word.into(), id);
                    self.word_starts
                        .push(u32::try_from(self.words.len()).unwrap_or(u32::MAX));
                    self.words.push_str(word);
                    self.words.push('\n');
                    self.lists.push(Vec::new());
                    self.last.push(0);
                    id
                }
            };
            let i = id as usize;
            let last = self.last[i];
            if last == record + 1 {
                continue; // already listed for this record
            }
            let gap = if last == 0 { record } else { record + 1 - last };
            push_varint(&mut self.lists[i], gap);
            self.last[i] = record + 1;
        }
    }

    pub fn finish(self) -> TextIndex {
        let records = self.records as usize;
        let total: usize = self.lists.iter().map(Vec::len).sum();
        let mut postings = Vec::with_capacity(total);
        let mut posting_starts = Vec::with_capacity(self.lists.len());
        let mut record_counts = Vec::with_capacity(self.lists.len());
        let mut dense = Vec::new();
        for (w, list) in self.lists.into_iter().enumerate() {
            posting_starts.push(postings.len());
            let count = list.iter().filter(|b| *b & 0x80 == 0).count();
            record_counts.push(count as u32);
            if count * DENSE_SHARE > records {
                let mut set = Bitset::empty(records);
                decode(&list, |r| set.insert(r));
                dense.push((w as u32, set));
            } else {
                postings.extend_from_slice(&list);
            }
        }
        postings.shrink_to_fit();
        let mut words = self.words;
        words.shrink_to_fit();
        let mut word_starts = self.word_starts;
        word_starts.shrink_to_fit();
        TextIndex {
            records: self.records as usize,
            words,
            word_starts,
            postings,
            posting_starts,
            record_counts,
            dense,
        }
    }
}

/// Call `f` with each record of a varint gap list.
fn decode(list: &[u8], mut f: impl FnMut(usize)) {
    let mut bytes = list.iter();
    let mut record = 0usize;
    let mut first = true;
    loop {
        let mut gap = 0usize;
        let mut shift = 0;
        loop {
            let Some(&b) = bytes.next() else {
                return;
            };
            gap |= usize::from(b & 0x7f) << shift;
            shift += 7;
            if b & 0x80 == 0 {
                break;
            }
        }
        record = if first { gap } else { record + gap };
        first = false;
        f(record);
    }
}

fn push_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(texts: &[&str]) -> TextIndex {
        let mut b = TextBuilder::default();
        for t in texts {
            b.add(t);
        }
        b.finish()
    }

    #[test]
    fn finds_exactly_the_records_whose_text_contains_the_term() {
        let texts = [
            "ouders in gesprek | over opvoeden",
            "jongeren en ouders ouders",
            "",
            "buurtvaders | wijk",
        ];
        let ix = index(&texts);
        for term in ["ouder", "oud", "|", "vaders", "n", "zzz", "gesprek", "s |"] {
            let words = ix.words_containing(term, None);
            let got: Vec<usize> = ix.records_with(&words).iter().collect();
            let want: Vec<usize> = texts
                .iter()
                .enumerate()
                .filter(|(_, t)| !term.contains(' ') && t.contains(term))
                .map(|(i, _)| i)
                .collect();
            assert_eq!(got, want, "{term}");
        }
    }

    #[test]
    fn a_longer_term_can_search_the_words_of_a_shorter_one() {
        let ix = index(&["ouders oudere oud", "ouderwets"]);
        let oud = ix.words_containing("oud", None);
        assert_eq!(
            ix.words_containing("ouder", Some(&oud)),
            ix.words_containing("ouder", None)
        );
        assert_eq!(ix.postings_len(&oud), 4);
    }

    #[test]
    fn common_words_kept_as_bitsets_give_the_same_records() {
        let mut texts = vec!["de wijk"; 40];
        texts[3] = "zeldzaam woord";
        texts[39] = "de";
        let ix = index(&texts);
        assert!(!ix.dense.is_empty());
        let de = ix.words_containing("de", None);
        let want: Vec<usize> = (0..40).filter(|&r| r != 3).collect();
        assert_eq!(ix.records_with(&de).iter().collect::<Vec<_>>(), want);
        let rare = ix.words_containing("zeld", None);
        assert_eq!(ix.records_with(&rare).iter().collect::<Vec<_>>(), vec![3]);
    }

    #[test]
    fn record_gaps_beyond_one_byte_survive_encoding() {
        let mut texts = vec![""; 1000];
        texts[0] = "zeldzaam";
        texts[999] = "zeldzaam";
        let ix = index(&texts);
        let words = ix.words_containing("zeld", None);
        assert_eq!(
            ix.records_with(&words).iter().collect::<Vec<_>>(),
            vec![0, 999]
        );
    }

    #[test]
    fn a_stored_word_index_reads_back_the_same_and_lies_are_refused() {
        let mut texts = vec!["de wijk"; 40];
        texts[3] = "zeldzaam woord";
        texts[39] = "de";
        let ix = index(&texts);
        let mut back = StoredText::new(40);
        for (word, blob) in ix.stored_words() {
            assert!(back.push(word, &blob).is_ok(), "{word}");
        }
        let back = back.finish();
        for term in ["de", "zeld", "w", "ijk", "zzz"] {
            let (a, b) = (
                ix.records_with(&ix.words_containing(term, None)),
                back.records_with(&back.words_containing(term, None)),
            );
            assert_eq!(a, b, "{term}");
        }
        let mut lies = StoredText::new(40);
        assert!(lies.push("two words", &[0, 1]).is_err());
        assert!(lies.push("out", &[0, 40]).is_err(), "record beyond the end");
        assert!(lies.push("back", &[0, 5, 0]).is_err(), "not increasing");
        assert!(lies.push("cut", &[0, 0x80]).is_err(), "cut-off varint");
        assert!(
            lies.push("tail", &[1, 0, 0, 0, 0, 0, 0, 0, 0x80]).is_err(),
            "bit 63 of 40"
        );
        assert!(lies.push("ok", &[0, 5, 1]).is_ok());
    }
}
