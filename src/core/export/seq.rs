//! A JSON array serialised straight from an iterator, so the JSON writers produce exactly the
//! bytes `serde_json` gives for a `Vec` (same indentation, same separators) without first
//! collecting every element. An element that fails (a record that cannot be read) stops the
//! serialiser; the original `io::Error` is kept and returned instead of serde's copy of it.

use std::cell::RefCell;
use std::io::{self, Write};

use serde::ser::{Error as _, Serialize, SerializeSeq, Serializer};

pub(crate) struct Seq<I> {
    /// The length announced to the serialiser, as `Vec` announces it.
    len: Option<usize>,
    items: RefCell<Option<I>>,
    failure: RefCell<Option<io::Error>>,
}

impl<I> Seq<I> {
    pub(crate) fn new(len: Option<usize>, items: I) -> Seq<I> {
        Seq {
            len,
            items: RefCell::new(Some(items)),
            failure: RefCell::new(None),
        }
    }
}

impl<I, T> Serialize for Seq<I>
where
    I: Iterator<Item = io::Result<T>>,
    T: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Serialised once: a second call would find the iterator used up.
        let Some(items) = self.items.borrow_mut().take() else {
            return Err(S::Error::custom(
                "a streamed sequence can be written only once",
            ));
        };
        let mut seq = serializer.serialize_seq(self.len)?;
        for item in items {
            match item {
                Ok(item) => seq.serialize_element(&item)?,
                Err(e) => {
                    let message = e.to_string();
                    *self.failure.borrow_mut() = Some(e);
                    return Err(S::Error::custom(message));
                }
            }
        }
        seq.end()
    }
}

/// `serde_json::to_writer_pretty(out, value)` and a final newline, where `value` holds `seq`:
/// an element's failure comes back as the error it was, not as a serde error.
pub(crate) fn write_pretty<I>(
    out: &mut impl Write,
    value: &impl Serialize,
    seq: &Seq<I>,
) -> io::Result<()> {
    if let Err(e) = serde_json::to_writer_pretty(&mut *out, value) {
        return Err(seq
            .failure
            .borrow_mut()
            .take()
            .unwrap_or_else(|| io::Error::from(e)));
    }
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bytes_are_those_of_a_vec_and_a_failure_comes_back_as_it_was() {
        for items in [vec![], vec![1, 2], vec![3]] {
            let want = serde_json::to_string_pretty(&serde_json::json!({ "a": items })).unwrap();
            let seq = Seq::new(Some(items.len()), items.iter().map(|n| Ok(*n)));
            let mut got = Vec::new();
            write_pretty(
                &mut got,
                &std::collections::BTreeMap::from([("a", &seq)]),
                &seq,
            )
            .unwrap();
            assert_eq!(String::from_utf8(got).unwrap(), format!("{want}\n"));
        }
        let broken = [Ok(1), Err(io::Error::other("record 2 unreadable"))];
        let seq = Seq::new(None, broken.into_iter());
        let err = write_pretty(&mut Vec::new(), &seq, &seq).unwrap_err();
        assert_eq!(err.to_string(), "record 2 unreadable");
    }
}
