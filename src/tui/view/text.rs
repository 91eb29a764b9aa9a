//! Text helpers for drawing: the last line of defence against control characters, and fitting,
//! wrapping and highlighting by display width and by char (never by byte).

use std::borrow::Cow;

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::core::model::text::{needs_sanitizing, sanitize_line};

use super::super::symbols::ELLIPSIS;

/// Text from the data, safe to draw. The store already sanitises at load; this catches an
/// inventory built in memory or a future path that forgets, so the terminal never receives an
/// escape sequence from data. Borrowed (free) in the normal case.
pub fn safe(s: &str) -> Cow<'_, str> {
    if needs_sanitizing(s) {
        Cow::Owned(sanitize_line(s))
    } else {
        Cow::Borrowed(s)
    }
}

/// Cut spans to at most `width` columns (ending in `…` when cut) and, with `pad`, fill the rest
/// with spaces so the next column starts at a fixed place.
pub fn fit<'a>(spans: Vec<Span<'a>>, width: usize, pad: bool) -> Vec<Span<'a>> {
    let total: usize = spans.iter().map(|s| s.content.width()).sum();
    let mut out = Vec::with_capacity(spans.len() + 1);
    if total <= width {
        out.extend(spans);
        if pad && total < width {
            out.push(Span::raw(" ".repeat(width - total)));
        }
        return out;
    }
    if width == 0 {
        return out;
    }
    // Room for the text before the ellipsis.
    let mut room = width - 1;
    let mut last_style = Style::default();
    for span in spans {
        if room == 0 {
            break;
        }
        last_style = span.style;
        if span.content.width() <= room {
            room -= span.content.width();
            out.push(span);
            continue;
        }
        let mut cut = String::new();
        for c in span.content.chars() {
            let w = c.width().unwrap_or(0);
            if w > room {
                break;
            }
            cut.push(c);
            room -= w;
        }
        out.push(Span::styled(cut, span.style));
        break;
    }
    out.push(Span::styled(ELLIPSIS, last_style));
    // A wide char that did not fit leaves one column free.
    if pad && room > 0 {
        out.push(Span::raw(" ".repeat(room)));
    }
    out
}

/// Wrap text to `width` columns: at spaces where possible, inside a word when the word alone
/// is wider than a line (long URLs). Paragraph breaks (`\n`) are kept.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in para.split_whitespace() {
            let w = word.width();
            if used > 0 && used + 1 + w > width {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            if used > 0 {
                line.push(' ');
                used += 1;
            }
            if w <= width - used {
                line.push_str(word);
                used += w;
                continue;
            }
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > width && used > 0 {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += cw;
            }
        }
        lines.push(line);
    }
    lines
}

/// A name as spans, with the chars at `positions` (char indices, sorted) in `matched` style.
pub fn highlight<'a>(
    name: &str,
    positions: &[usize],
    base: Style,
    matched: Style,
) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_matched = false;
    let mut next = positions.iter().peekable();
    for (i, c) in name.chars().enumerate() {
        let hit = next.peek() == Some(&&i);
        if hit {
            next.next();
        }
        if hit != run_matched && !run.is_empty() {
            let style = if run_matched { matched } else { base };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_matched = hit;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_matched { matched } else { base }));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    fn text(spans: &[Span]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn fit_cuts_by_columns_and_pads() {
        assert_eq!(text(&fit(vec![Span::raw("één twee")], 5, false)), "één …");
        assert_eq!(
            text(&fit(vec![Span::raw("ab"), Span::raw("cd")], 6, true)),
            "abcd  "
        );
        assert_eq!(text(&fit(vec![Span::raw("漢字漢字")], 4, true)), "漢… ");
        assert_eq!(text(&fit(vec![Span::raw("abc")], 0, true)), "");
        assert_eq!(text(&fit(vec![Span::raw("abc")], 1, true)), "…");
    }

    #[test]
    fn wrap_breaks_at_spaces_and_inside_overlong_words() {
        assert_eq!(wrap("een twee drie", 8), vec!["een twee", "drie"]);
        assert_eq!(
            wrap("zie https://example.org/abc", 10),
            vec!["zie", "https://ex", "ample.org/", "abc"]
        );
        assert_eq!(wrap("a\n\nb", 10), vec!["a", "", "b"]);
        assert_eq!(wrap("abc", 0), vec!["a", "b", "c"]);
    }

    #[test]
    fn highlight_slices_by_char_not_byte() {
        let m = Style::new().add_modifier(Modifier::BOLD);
        // "Beïnvloed": ï is two bytes; char 2 is ï.
        let spans = highlight("Beïnvloed", &[0, 2, 3], Style::new(), m);
        let parts: Vec<(&str, bool)> = spans
            .iter()
            .map(|s| (s.content.as_ref(), s.style == m))
            .collect();
        assert_eq!(
            parts,
            vec![("B", true), ("e", false), ("ïn", true), ("vloed", false)]
        );
    }

    #[test]
    fn safe_strips_escape_sequences() {
        assert_eq!(safe("a\u{1b}[2Jb\u{7}c"), "abc");
        assert!(matches!(safe("gewoon"), Cow::Borrowed(_)));
    }
}
