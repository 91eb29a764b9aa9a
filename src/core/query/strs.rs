//! Compact lists of strings: one buffer and one offset per string, instead of a `String` (24
//! bytes plus a heap block) per string. At 100k records this is the difference between a few
//! MB and tens of MB for keys that are only ever read.

/// An append-only list of strings in one buffer.
#[derive(Debug, Clone, Default)]
pub struct Strs {
    buf: String,
    /// `ends[i]` is where string `i` ends in `buf`; it starts where string `i - 1` ends.
    ends: Vec<u32>,
}

impl Strs {
    pub fn new() -> Strs {
        Strs::default()
    }

    /// Append a string and return its position.
    pub fn push(&mut self, s: &str) -> usize {
        self.buf.push_str(s);
        self.close()
    }

    /// Append the string written onto `buffer_mut()` since the last push or close.
    pub fn close(&mut self) -> usize {
        // The buffer is far below 4 GB for any inventory that passes the store's size limits
        // (2 GB file); saturate rather than wrap if that ever changed.
        self.ends
            .push(u32::try_from(self.buf.len()).unwrap_or(u32::MAX));
        self.ends.len() - 1
    }

    /// The buffer, for writing the next string in place (then call `close`).
    pub fn buffer_mut(&mut self) -> &mut String {
        &mut self.buf
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// String `i`, or "" when out of range.
    pub fn get(&self, i: usize) -> &str {
        let Some(&end) = self.ends.get(i) else {
            return "";
        };
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.buf.get(start as usize..end as usize).unwrap_or("")
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// The whole buffer and the offsets, for scanning all strings at once.
    pub fn raw(&self) -> (&str, &[u32]) {
        (&self.buf, &self.ends)
    }

    pub fn shrink_to_fit(&mut self) {
        self.buf.shrink_to_fit();
        self.ends.shrink_to_fit();
    }

    /// Bytes held, for memory accounting.
    pub fn heap_bytes(&self) -> usize {
        self.buf.capacity() + self.ends.capacity() * 4
    }
}

/// For each record, a range of items in a flat list (compressed sparse rows).
#[derive(Debug, Clone, Default)]
pub struct Ranges {
    ends: Vec<u32>,
}

impl Ranges {
    /// Close the current record's range at `end` (the flat list's length now).
    pub fn close(&mut self, end: usize) {
        self.ends.push(u32::try_from(end).unwrap_or(u32::MAX));
    }

    pub fn get(&self, record: usize) -> std::ops::Range<usize> {
        let end = self.ends.get(record).copied().unwrap_or(0) as usize;
        let start = match record {
            0 => 0,
            r => self.ends.get(r - 1).copied().unwrap_or(0) as usize,
        };
        start..end.max(start)
    }

    pub fn shrink_to_fit(&mut self) {
        self.ends.shrink_to_fit();
    }

    pub fn heap_bytes(&self) -> usize {
        self.ends.capacity() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_come_back_as_pushed() {
        let mut s = Strs::new();
        assert_eq!(s.push("één"), 0);
        assert_eq!(s.push(""), 1);
        s.buffer_mut().push_str("in place");
        assert_eq!(s.close(), 2);
        assert_eq!(s.iter().collect::<Vec<_>>(), vec!["één", "", "in place"]);
        assert_eq!(s.get(9), "");
    }

    #[test]
    fn ranges_split_a_flat_list() {
        let mut r = Ranges::default();
        r.close(2);
        r.close(2);
        r.close(5);
        assert_eq!((r.get(0), r.get(1), r.get(2)), (0..2, 2..2, 2..5));
        assert_eq!(r.get(7), 0..0);
    }
}
