//! Markdown: a session handout. Per intervention its summary, target groups, weerbaarheid,
//! working elements, evidence and sources, with an optional note (from a shortlist).

use std::io::Write;

use crate::detail::{Value, sections};
use crate::i18n::Text;
use crate::model::Intervention;

use super::Options;

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
        writeln!(out, "> {}\n", escape(note.trim()))?;
    }
    let unknown = Text::Unknown.get(opts.lang);
    for section in sections(item, opts.lang, opts.current_year) {
        writeln!(out, "{h}# {}\n", section.title)?;
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

/// A whole handout: a title, the inventory's provenance, then each intervention.
pub fn write(
    title: &str,
    items: &[(&Intervention, Option<&str>)],
    opts: &Options<'_>,
    mut out: impl Write,
) -> std::io::Result<()> {
    writeln!(out, "# {}\n", escape(title))?;
    let m = opts.metadata;
    writeln!(
        out,
        "_{} {} ({} {}), {} {}._\n",
        escape(&m.title),
        escape(&m.version),
        Text::DataAsOf.get(opts.lang),
        escape(&m.date),
        items.len(),
        Text::Results.get(opts.lang)
    )?;
    for (item, note) in items {
        write_item(item, *note, opts, 2, &mut out)?;
    }
    Ok(())
}
