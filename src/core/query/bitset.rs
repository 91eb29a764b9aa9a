//! A fixed-size set of record indices; facet counting is AND/OR/popcount over these.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bitset {
    words: Vec<u64>,
    len: usize,
}

impl Bitset {
    pub fn empty(len: usize) -> Bitset {
        Bitset {
            words: vec![0; len.div_ceil(64)],
            len,
        }
    }

    pub fn full(len: usize) -> Bitset {
        let mut b = Bitset {
            words: vec![u64::MAX; len.div_ceil(64)],
            len,
        };
        b.clear_tail();
        b
    }

    fn clear_tail(&mut self) {
        let extra = self.words.len() * 64 - self.len;
        if extra > 0
            && let Some(last) = self.words.last_mut()
        {
            *last &= u64::MAX >> extra;
        }
    }

    pub fn insert(&mut self, i: usize) {
        if i < self.len {
            self.words[i / 64] |= 1 << (i % 64);
        }
    }

    pub fn contains(&self, i: usize) -> bool {
        i < self.len && self.words[i / 64] & (1 << (i % 64)) != 0
    }

    pub fn and_with(&mut self, other: &Bitset) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= b;
        }
    }

    pub fn or_with(&mut self, other: &Bitset) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a |= b;
        }
    }

    pub fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// |self ∩ other| without allocating.
    pub fn count_and(&self, other: &Bitset) -> usize {
        self.words
            .iter()
            .zip(&other.words)
            .map(|(a, b)| (a & b).count_ones() as usize)
            .sum()
    }

    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(wi, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                if w == 0 {
                    return None;
                }
                let bit = w.trailing_zeros() as usize;
                w &= w - 1;
                Some(wi * 64 + bit)
            })
        })
    }
}

impl Bitset {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether no index is in the set.
    pub fn none(&self) -> bool {
        self.words.iter().all(|w| *w == 0)
    }

    /// Remove every index that is in `other`.
    pub fn and_not_with(&mut self, other: &Bitset) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= !b;
        }
    }

    pub fn heap_bytes(&self) -> usize {
        self.words.capacity() * 8
    }

    /// The set as 64-bit words, lowest index first (how a stored index keeps it).
    pub fn words(&self) -> &[u64] {
        &self.words
    }

    /// A set of `len` indices from its words; `None` when the number of words does not fit
    /// `len` or a bit beyond `len` is set (a stored index that lies).
    pub fn from_words(len: usize, words: Vec<u64>) -> Option<Bitset> {
        if words.len() != len.div_ceil(64) {
            return None;
        }
        let mut set = Bitset { words, len };
        let before = set.words.last().copied();
        set.clear_tail();
        (set.words.last().copied() == before).then_some(set)
    }
}

/// The records carrying one facet value. A value held by many records is a bitset (counting is
/// then a popcount); a rare one (most providers) is a sorted list, so 15,000 providers over
/// 100k records cost a few hundred KB rather than the 190 MB their bitsets would.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueSet {
    Dense(Bitset),
    Sparse { len: usize, records: Vec<u32> },
}

impl ValueSet {
    /// From sorted, distinct record indices below `len`.
    pub fn from_sorted(len: usize, records: Vec<u32>) -> ValueSet {
        // A bitset costs len/8 bytes, a list 4 bytes per record.
        if records.len() * 32 > len {
            let mut b = Bitset::empty(len);
            for &r in &records {
                b.insert(r as usize);
            }
            ValueSet::Dense(b)
        } else {
            let mut records = records;
            records.shrink_to_fit();
            ValueSet::Sparse { len, records }
        }
    }

    pub fn contains(&self, i: usize) -> bool {
        match self {
            ValueSet::Dense(b) => b.contains(i),
            ValueSet::Sparse { records, .. } => u32::try_from(i)
                .map(|i| records.binary_search(&i).is_ok())
                .unwrap_or(false),
        }
    }

    /// How many records carry the value.
    pub fn count(&self) -> usize {
        match self {
            ValueSet::Dense(b) => b.count(),
            ValueSet::Sparse { records, .. } => records.len(),
        }
    }

    /// |self ∩ other| without allocating.
    pub fn count_and(&self, other: &Bitset) -> usize {
        match self {
            ValueSet::Dense(b) => b.count_and(other),
            ValueSet::Sparse { records, .. } => records
                .iter()
                .filter(|&&r| other.contains(r as usize))
                .count(),
        }
    }

    /// Add these records to `out`.
    pub fn or_into(&self, out: &mut Bitset) {
        match self {
            ValueSet::Dense(b) => out.or_with(b),
            ValueSet::Sparse { records, .. } => {
                for &r in records {
                    out.insert(r as usize);
                }
            }
        }
    }

    /// The records as a bitset.
    pub fn to_bitset(&self) -> Bitset {
        match self {
            ValueSet::Dense(b) => b.clone(),
            ValueSet::Sparse { len, records } => {
                let mut b = Bitset::empty(*len);
                for &r in records {
                    b.insert(r as usize);
                }
                b
            }
        }
    }

    pub fn heap_bytes(&self) -> usize {
        match self {
            ValueSet::Dense(b) => b.heap_bytes(),
            ValueSet::Sparse { records, .. } => records.capacity() * 4,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_sets_behave_the_same_dense_or_sparse() {
        let records = vec![1u32, 7, 64, 100];
        let dense = ValueSet::from_sorted(110, records.clone());
        let sparse = ValueSet::from_sorted(10_000, records);
        assert!(matches!(dense, ValueSet::Dense(_)));
        assert!(matches!(sparse, ValueSet::Sparse { .. }));
        let mut probe = Bitset::empty(10_000);
        for r in [7, 100, 101] {
            probe.insert(r);
        }
        for set in [&dense, &sparse] {
            assert_eq!(set.count(), 4);
            assert_eq!(set.count_and(&probe), 2);
            assert!(set.contains(64) && !set.contains(65));
            assert_eq!(
                set.to_bitset().iter().collect::<Vec<_>>(),
                vec![1, 7, 64, 100]
            );
        }
    }

    #[test]
    fn set_operations_and_counts() {
        let mut a = Bitset::empty(130);
        for i in [0, 5, 64, 129] {
            a.insert(i);
        }
        let mut b = Bitset::full(130);
        assert_eq!(b.count(), 130);
        assert_eq!(b.count_and(&a), 4);
        b.and_with(&a);
        assert_eq!(b.iter().collect::<Vec<_>>(), vec![0, 5, 64, 129]);
        assert!(b.contains(64) && !b.contains(63) && !b.contains(500));
    }
}
