//! Folding text for matching: lowercase and without diacritics, so `beinvloed` finds
//! `beïnvloedbaar` and `cooperatie` finds `coöperatie`. A folded string keeps, for every folded
//! char, the index of the original char it came from, so matches can be highlighted in the
//! original text (fuzzy-matcher reports char positions in what it was given).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Text folded for matching, with a map back to the original characters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    pub text: String,
    /// `origin[k]` is the char index in the original of the k-th char of `text`.
    pub origin: Vec<u32>,
}

impl Folded {
    pub fn new(original: &str) -> Folded {
        if original.is_ascii() {
            // Most text is ASCII: lowercasing keeps every char where it was.
            return Folded {
                text: original.to_ascii_lowercase(),
                origin: (0..original.len() as u32).collect(),
            };
        }
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        for (i, c) in original.chars().enumerate() {
            for_each_folded(c, |f| {
                text.push(f);
                origin.push(i as u32);
            });
        }
        Folded { text, origin }
    }

    /// Map folded char positions to original char positions (sorted, without duplicates).
    pub fn original_positions(&self, folded: &[usize]) -> Vec<usize> {
        let mut out: Vec<usize> = folded
            .iter()
            .filter_map(|&k| self.origin.get(k).map(|&o| o as usize))
            .collect();
        out.dedup();
        out
    }
}

/// Fold a string without keeping the position map (for queries and long fields).
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        for_each_folded(c, |f| out.push(f));
    }
    out
}

/// Fold `s` onto the end of `out` (no allocation when `out` has room).
pub fn fold_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        // Safe on a String: ASCII lowercasing keeps it valid UTF-8.
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in s.chars() {
        for_each_folded(c, |f| out.push(f));
    }
}

fn for_each_folded(c: char, mut emit: impl FnMut(char)) {
    if c.is_ascii() {
        emit(c.to_ascii_lowercase());
        return;
    }
    match c {
        'ß' => {
            emit('s');
            emit('s');
        }
        'æ' | 'Æ' => {
            emit('a');
            emit('e');
        }
        'ø' | 'Ø' => emit('o'),
        'ł' | 'Ł' => emit('l'),
        // Typographic quotes and dashes fold to their ASCII forms (Girls’ Talk = Girls' Talk).
        '\u{2018}' | '\u{2019}' | '\u{201b}' | '\u{2032}' => emit('\''),
        '\u{201c}' | '\u{201d}' => emit('"'),
        '\u{2010}'..='\u{2015}' => emit('-'),
        _ => {
            for d in std::iter::once(c).nfd() {
                if !is_combining_mark(d) {
                    for l in d.to_lowercase() {
                        emit(l);
                    }
                }
            }
        }
    }
}

/// An id made from a name: ASCII letters and digits, everything else a single dash
/// (`Rots & Water` → `rots-water`, `Coöperatie` → `cooperatie`).
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in fold(name).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// A slug of at most `max` bytes, without a dash at the end: an id stem for generated records.
pub fn slug_within(name: &str, max: usize) -> String {
    let mut out = slug(name);
    // ASCII only, so any byte is a char boundary.
    out.truncate(max);
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_kebab_case_ids() {
        assert_eq!(slug("Rots & Water"), "rots-water");
        assert_eq!(slug("  Coöperatie in de wijk! "), "cooperatie-in-de-wijk");
        assert_eq!(slug("Girls’ Talk"), "girls-talk");
        assert_eq!(slug("漢字"), "");
        assert_eq!(slug_within("Rots & Water", 5), "rots");
    }

    #[test]
    fn diacritics_and_case_fold_away() {
        assert_eq!(fold("Beïnvloedbaar"), "beinvloedbaar");
        assert_eq!(fold("Coöperatie"), "cooperatie");
        assert_eq!(fold("geëvalueerd"), "geevalueerd");
        assert_eq!(fold("België"), "belgie");
        assert_eq!(fold("Girls’ Talk"), "girls' talk");
    }

    #[test]
    fn positions_map_back_to_original_chars() {
        let f = Folded::new("Straße één");
        assert_eq!(f.text, "strasse een");
        // "ss" (folded 4 and 5) both come from "ß" (original 4).
        assert_eq!(f.original_positions(&[4, 5, 6]), vec![4, 5]);
        // "een" maps to "één" at original chars 7..=9.
        assert_eq!(f.original_positions(&[8, 9, 10]), vec![7, 8, 9]);
    }
}
