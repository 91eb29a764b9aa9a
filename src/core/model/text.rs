//! Cleaning text that comes from outside (TOML sources, foreign databases, imports) once, at load,
//! so nothing downstream can write a control character or escape sequence to a terminal.

use unicode_normalization::UnicodeNormalization;

/// NFC-normalise, drop ANSI escape sequences, C0/C1 controls and bidi overrides, expand tabs.
/// Newlines survive when `keep_newlines` is set (long text fields keep their paragraphs).
pub fn sanitize(input: &str, keep_newlines: bool) -> String {
    if is_clean(input, keep_newlines) {
        // Nearly all text is already clean; checking is several times cheaper than rebuilding
        // it through NFC (this was most of the time spent opening a large inventory).
        return input.to_string();
    }
    let mut out = String::with_capacity(input.len());
    let mut chars = input.nfc().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape_sequence(&mut chars),
            '\n' if keep_newlines => out.push('\n'),
            // A Windows line end is one newline; a lone carriage return (old Mac) too.
            '\r' if keep_newlines => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' | '\r' => out.push(' '),
            // Unicode's line and paragraph separators: a break where breaks are kept.
            '\u{2028}' | '\u{2029}' if keep_newlines => out.push('\n'),
            '\u{2028}' | '\u{2029}' => out.push(' '),
            '\t' => out.push_str("    "),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether `sanitize` would return the input unchanged: NFC already, and no char it removes
/// or replaces.
fn is_clean(input: &str, keep_newlines: bool) -> bool {
    let kept = |c: char| c == '\n' && keep_newlines;
    if plainly_clean(input.as_bytes(), keep_newlines) {
        return true;
    }
    input.chars().all(|c| kept(c) || !is_unsafe(c))
        && unicode_normalization::is_nfc_quick(input.chars())
            == unicode_normalization::IsNormalized::Yes
}

/// A fast, conservative byte scan: true when every char is a printable one below U+0300
/// (ASCII and the Latin-1 and Latin Extended letters Dutch text uses). No control or bidi char
/// lives there, and every char below U+0300 is already in NFC, so such text is clean.
fn plainly_clean(bytes: &[u8], keep_newlines: bool) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\n' if keep_newlines => i += 1,
            0x20..=0x7e => i += 1,
            // U+00A0–U+00BF but the soft hyphen U+00AD (U+0080–U+009F are C1 controls).
            0xc2 if bytes
                .get(i + 1)
                .is_some_and(|&c| (0xa0..=0xbf).contains(&c) && c != 0xad) =>
            {
                i += 2
            }
            // U+00C0–U+02FF: lead bytes C3–CB and one continuation byte.
            0xc3..=0xcb
                if bytes
                    .get(i + 1)
                    .is_some_and(|&c| (0x80..=0xbf).contains(&c)) =>
            {
                i += 2
            }
            // Typographic dashes, quotes and spaces, U+2002–U+200A, U+2010–U+2027 and
            // U+202F–U+203F: printable, not format or bidi controls, already NFC (unlike
            // U+2000/U+2001).
            0xe2 if bytes.get(i + 1) == Some(&0x80)
                && bytes
                    .get(i + 2)
                    .is_some_and(|&c| matches!(c, 0x82..=0x8a | 0x90..=0xa7 | 0xaf..=0xbf)) =>
            {
                i += 3
            }
            _ => return false,
        }
    }
    true
}

/// Whether `sanitize_line` would return the input unchanged (checked, without copying, for
/// text read from a stored search index).
pub fn is_clean_line(input: &str) -> bool {
    is_clean(input, false) && input.trim() == input
}

/// Longest line of a message quoting outside text, in characters: a 100 MB value in a config
/// file or an argument is named, not echoed.
pub const MAX_MESSAGE_LINE: usize = 1000;

/// A message for the terminal that quotes text from outside (config values and keys, paths,
/// ids, list names, filter values from the command line or the environment): sanitised like
/// inventory text, each line cut to `MAX_MESSAGE_LINE` characters.
pub fn for_message(message: &str) -> String {
    let clean = sanitize(message, true);
    if clean.len() <= MAX_MESSAGE_LINE && !clean.contains('\n') {
        return clean;
    }
    clean
        .split('\n')
        .map(|line| match line.char_indices().nth(MAX_MESSAGE_LINE) {
            Some((cut, _)) => format!("{}…", &line[..cut]),
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Sanitise a single-line field (names, ids, labels) and trim it.
pub fn sanitize_line(input: &str) -> String {
    sanitize(input, false).trim().to_string()
}

/// Whether `sanitize` would change anything but normalisation: a cheap check for text that
/// should already be clean (the explorer checks what it draws).
pub fn needs_sanitizing(s: &str) -> bool {
    s.chars().any(is_unsafe)
}

fn is_unsafe(c: char) -> bool {
    c.is_control()
        // Bidi embeddings, overrides and isolates can reorder what a reader sees.
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
        || is_format(c)
}

/// Invisible format characters: zero width to our width tables but not to every terminal, so
/// the screen and the terminal disagree on where a cell is (borders shift, old characters
/// stay). Removed; the line and paragraph separators become a break or a space.
pub const FORMAT_CHARS: &[char] = &[
    '\u{ad}',
    '\u{34f}',
    '\u{61c}',
    '\u{180e}',
    '\u{200b}',
    '\u{200c}',
    '\u{200d}',
    '\u{2028}',
    '\u{2029}',
    '\u{2060}',
    '\u{2061}',
    '\u{2062}',
    '\u{2063}',
    '\u{2064}',
    '\u{feff}',
    '\u{fff9}',
    '\u{fffa}',
    '\u{fffb}',
    '\u{e0001}',
    '\u{e0041}',
];

fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{34f}'
            | '\u{61c}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200d}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{2060}'..='\u{2065}'
            | '\u{206a}'..='\u{206f}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{e0000}'..='\u{e007f}'
    )
}

/// Skip the rest of an escape sequence: CSI (`ESC [ … final`), OSC (`ESC ] … BEL|ST`) or a
/// two-character escape.
fn skip_escape_sequence(chars: &mut std::iter::Peekable<impl Iterator<Item = char>>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        }
        Some(']') | Some('P') | Some('_') | Some('^') => {
            chars.next();
            while let Some(c) = chars.next() {
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' {
                    chars.next();
                    break;
                }
            }
        }
        Some(_) => {
            chars.next();
        }
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_controls_are_removed() {
        assert_eq!(sanitize("a\u{1b}[2Jb\u{1b}[31mc", false), "abc");
        assert_eq!(sanitize("x\u{1b}]0;title\u{7}y", false), "xy");
        assert_eq!(
            sanitize("nul\0bel\u{7}del\u{7f}c1\u{9b}", false),
            "nulbeldelc1"
        );
        assert_eq!(sanitize("evil\u{202e}txt", false), "eviltxt");
    }

    #[test]
    fn newlines_and_tabs_are_handled_by_field_kind() {
        assert_eq!(sanitize("a\nb\tc", true), "a\nb    c");
        assert_eq!(sanitize("a\r\nb\rc", true), "a\nb\nc");
        assert_eq!(sanitize_line("  a\r\nb  "), "a  b");
    }

    #[test]
    fn clean_text_comes_back_unchanged_and_the_check_agrees_with_the_slow_path() {
        for (text, keep) in [
            ("Rots en Water", false),
            ("geëvalueerd, één", false),
            ("twee\nregels", true),
            ("twee\nregels", false),
            ("tab\there", true),
            ("gee\u{308}valueerd", true),
            ("Ω ≠ Ω", false),
            ("bidi\u{202e}", false),
            ("nul\0", true),
            ("c1\u{85}", false),
            ("nbsp\u{a0}én ʼ", false),
            ("‘quote’ – dash…", false),
            ("lrm\u{200e}", false),
            ("quad\u{2000}", false),
            ("‘quote’ – dash…", false),
            ("lrm\u{200e}", false),
            ("quad\u{2000}", false),
        ] {
            let slow = {
                let mut out = String::new();
                let mut chars = text.nfc().peekable();
                while let Some(c) = chars.next() {
                    match c {
                        '\u{1b}' => skip_escape_sequence(&mut chars),
                        '\n' if keep => out.push('\n'),
                        '\n' | '\r' => out.push(' '),
                        '\t' => out.push_str("    "),
                        c if is_unsafe(c) => {}
                        c => out.push(c),
                    }
                }
                out
            };
            assert_eq!(sanitize(text, keep), slow, "{text:?}");
            assert_eq!(is_clean(text, keep), slow == text, "{text:?}");
        }
    }

    #[test]
    fn format_characters_are_removed_and_separators_become_breaks() {
        for c in FORMAT_CHARS {
            let s = format!("a{c}b");
            assert!(needs_sanitizing(&s), "{c:?}");
            let line = sanitize_line(&s);
            assert!(line == "ab" || line == "a b", "{c:?}: {line:?}");
        }
        assert_eq!(sanitize("a\u{2028}b\u{2029}c", true), "a\nb\nc");
        assert_eq!(sanitize_line("x\u{200b}\u{feff}y"), "xy");
    }

    #[test]
    fn messages_are_sanitised_and_long_lines_cut() {
        assert_eq!(
            for_message("key `a\u{1b}]52;c;aGk=\u{7}b` at \u{1b}[2Jline 1\nnext"),
            "key `ab` at line 1\nnext"
        );
        let long = for_message(&"x".repeat(5000));
        assert_eq!(long.chars().count(), MAX_MESSAGE_LINE + 1);
        assert!(long.ends_with('…'));
    }

    #[test]
    fn text_is_nfc_normalised() {
        // "e" + combining diaeresis becomes the single char "ë".
        assert_eq!(sanitize("gee\u{308}valueerd", false), "geëvalueerd");
    }
}
