//! Markdown: a session handout. Per intervention its summary, target groups, weerbaarheid,
//! working elements, evidence and sources, with an optional note (from a shortlist).

use std::io::Write;

use crate::core::detail::{Value, sections};
use crate::core::i18n::Text;
use crate::core::model::Intervention;

use super::{Entries, Entry, Options};

/// Escape characters that Markdown would otherwise interpret at the start or inside a line.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Write one intervention as a Markdown section at heading level `level` (2 = `##`).
pub fn write_item(
    item: &Intervention,
    note: Option<&str>,
    opts: &Options<'_>,
    level: usize,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let h = "#".repeat(level);
    writeln!(out, "{h} {}\n", escape(&item.name))?;
    if let Some(note) = note.filter(|n| !n.trim().is_empty()) {
        // Every line of a multi-line note stays inside the quote.
        let label = Text::ShortlistNote.get(opts.lang);
        for (n, line) in note.trim().lines().enumerate() {
            if n == 0 {
                writeln!(out, "> **{label}:** {}", escape(line))?;
            } else {
                writeln!(out, "> {}", escape(line))?;
            }
        }
        writeln!(out)?;
    }
    let unknown = Text::Unknown.get(opts.lang);
    for section in sections(item, opts.lang, opts.current_year) {
        writeln!(out, "{h}# {}\n", escape(&section.heading()))?;
        for field in section.fields {
            match field.value {
                Value::Text(t) if t.is_empty() => {
                    writeln!(out, "**{}:** _{unknown}_\n", field.label)?
                }
                Value::Text(t) => writeln!(out, "**{}:** {}\n", field.label, escape(&t))?,
                Value::List(items) if items.is_empty() => {
                    writeln!(out, "**{}:** _{unknown}_\n", field.label)?
                }
                Value::List(items) => {
                    writeln!(out, "**{}:**\n", field.label)?;
                    for i in items {
                        writeln!(out, "- {}", escape(&i))?;
                    }
                    writeln!(out)?;
                }
            }
        }
    }
    Ok(())
}

/// "Inventaris 2025.2 (gegevens per 2025-11-01)", escaped: where a Markdown export comes from.
pub fn provenance(opts: &Options<'_>) -> String {
    let m = opts.metadata;
    format!(
        "{} {} ({} {})",
        escape(&m.title),
        escape(&m.version),
        Text::DataAsOf.get(opts.lang),
        escape(&m.date)
    )
}

/// A whole handout: a title, the inventory's provenance, then each intervention with its note.
pub fn write(
    title: &str,
    entries: impl Entries,
    opts: &Options<'_>,
    mut out: impl Write,
) -> std::io::Result<()> {
    writeln!(out, "# {}\n", escape(title))?;
    writeln!(
        out,
        "_{}, {} {}._\n",
        provenance(opts),
        entries.count(),
        Text::Interventions.get(opts.lang)
    )?;
    for entry in entries.into_entries() {
        let entry = entry?;
        write_item(entry.item(), entry.note(), opts, 2, &mut out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::export::fixtures;
    use crate::core::model::Lang;

    #[test]
    fn the_handout_names_the_inventory_and_carries_the_notes() {
        let opts = fixtures::opts(Lang::Nl);
        let items = fixtures::items();
        let entries: Vec<(&Intervention, Option<&str>)> = vec![
            (&items[0], Some("vragen naar *kosten*\nen duur")),
            (&items[1], None),
        ];
        let mut buf = Vec::new();
        write("Sessie maart", &entries, &opts, &mut buf).unwrap();
        let md = String::from_utf8(buf).unwrap();
        assert!(md.starts_with("# Sessie maart\n"));
        assert!(md.contains("Testinventaris 2025.2 (gegevens per 2025-11-01), 2 interventies"));
        assert!(md.contains("## Rots en Water\n\n> **Notitie:** vragen naar \\*kosten\\*\n"));
        assert!(md.contains("\\*kosten\\*\n> en duur\n"));
        assert!(md.contains("https://example.org/rots-en-water"));
        // The formula name is plain text in Markdown; only Markdown syntax is escaped.
        assert!(md.contains("## =HYPERLINK(\"x\")"));
    }
}
