//! Saying many problems without drowning the user: after `PER_KIND` problems of one kind (the
//! same message apart from what it quotes and its numbers), the rest of that kind are counted
//! and said in one line at the end.

use std::collections::HashMap;

use crate::core::model::Lang;

/// How many problems of one kind are said one by one.
pub const PER_KIND: usize = 100;

/// Counts problems per kind as they are said.
#[derive(Debug, Default)]
pub struct Cap {
    seen: HashMap<String, usize>,
    held_back: usize,
}

impl Cap {
    /// Whether this problem is to be said; when not, it is counted for `summary`.
    pub fn admit(&mut self, message: &str) -> bool {
        let n = self.seen.entry(kind(message)).or_default();
        *n += 1;
        if *n > PER_KIND {
            self.held_back += 1;
            false
        } else {
            true
        }
    }

    /// The line counting what was held back, if anything was.
    pub fn summary(&self, lang: Lang) -> Option<String> {
        (self.held_back > 0).then(|| match lang {
            Lang::Nl => format!(
                "… en nog {} problemen van dezelfde soort (na {PER_KIND} per soort niet meer afzonderlijk genoemd)",
                self.held_back
            ),
            Lang::En => format!(
                "… and {} more problems of the same kinds (not listed one by one after {PER_KIND} of a kind)",
                self.held_back
            ),
        })
    }
}

/// A message without what it quotes (between backticks or quotes) and without digits, so
/// "unknown key `a` at line 3" and "unknown key `b` at line 9" are one kind.
fn kind(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(200));
    let mut quoted: Option<char> = None;
    for c in message.chars() {
        match quoted {
            Some(q) if c == q => quoted = None,
            Some(_) => {}
            None if c == '`' || c == '"' => quoted = Some(c),
            None if c.is_ascii_digit() => {}
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn after_a_hundred_of_one_kind_the_rest_are_counted_in_one_line() {
        let mut cap = Cap::default();
        let said = (0..250)
            .filter(|n| cap.admit(&format!("line {n}: unknown key `k{n}`")))
            .count();
        assert_eq!(said, PER_KIND);
        // Another kind is still said.
        assert!(cap.admit("line 3: expected a number"));
        assert_eq!(
            cap.summary(Lang::En).as_deref(),
            Some(
                "… and 150 more problems of the same kinds (not listed one by one after 100 of a kind)"
            )
        );
        assert!(Cap::default().summary(Lang::Nl).is_none());
    }
}
