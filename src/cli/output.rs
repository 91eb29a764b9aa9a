//! Plain-text output helpers: measuring and cutting by display width, never by bytes.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Cut `s` to at most `width` columns, ending with `…` when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Pad `s` with spaces to exactly `width` columns (cutting it first if needed).
pub fn pad(s: &str, width: usize) -> String {
    pad_painted(s, width, str::to_string)
}

/// `pad`, with the text (not the filling spaces) painted, so a line's trailing spaces can still
/// be trimmed and the text without colour codes is exactly `pad`'s.
pub fn pad_painted(s: &str, width: usize, paint: impl Fn(&str) -> String) -> String {
    let cut = truncate(s, width);
    let fill = width.saturating_sub(cut.width());
    format!("{}{}", paint(&cut), " ".repeat(fill))
}

/// Render rows as aligned columns; the last column is not padded. `max` caps each column.
pub fn table(header: &[&str], rows: &[Vec<String>], max: &[usize]) -> String {
    table_painted(header, rows, max, |_, text| text.to_string())
}

/// Which cell `table_painted` asks to paint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Header(usize),
    /// Row and column.
    Body(usize, usize),
}

/// `table`, with each cell passed through `paint` after it was cut to width and before it is
/// padded, so escape codes never count as columns.
pub fn table_painted(
    header: &[&str],
    rows: &[Vec<String>],
    max: &[usize],
    paint: impl Fn(Cell, &str) -> String,
) -> String {
    let cols = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(cols) {
            widths[i] = widths[i].max(cell.width());
        }
    }
    for (w, m) in widths.iter_mut().zip(max) {
        *w = (*w).min(*m);
    }
    let line = |cells: Vec<&str>, at: &dyn Fn(usize) -> Cell| {
        let mut s = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let cut = truncate(cell, widths[i]);
            s.push_str(&paint(at(i), &cut));
            if i + 1 < cells.len() {
                s.push_str(&" ".repeat(widths[i].saturating_sub(cut.width()) + 2));
            }
        }
        s.trim_end().to_string()
    };
    let mut out = line(header.to_vec(), &Cell::Header);
    out.push('\n');
    for (r, row) in rows.iter().enumerate() {
        out.push_str(&line(row.iter().map(String::as_str).collect(), &|c| {
            Cell::Body(r, c)
        }));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_counts_display_columns_not_bytes() {
        assert_eq!(truncate("geëvalueerd", 20), "geëvalueerd");
        assert_eq!(truncate("geëvalueerd", 5), "geëv…");
        assert_eq!(pad("één", 5), "één  ");
        // Wide (CJK) chars take two columns each.
        assert_eq!(truncate("漢字漢字", 5), "漢字…");
    }
}
