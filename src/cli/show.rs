//! `weerbaar show ID`: one intervention in full, as text, JSON or Markdown.

use std::io::Write;

use clap::{Args, ValueEnum};
use unicode_width::UnicodeWidthStr;

use crate::detail::{Value, sections};
use crate::export::{Options, markdown};
use crate::i18n::Text;
use crate::model::Intervention;
use crate::model::vocab::closest_ids;
use crate::store::Inventory;

use super::{CliError, Context};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
    Md,
}

#[derive(Args, Debug)]
pub struct ShowArgs {
    /// The intervention's id (see `weerbaar list --format ids`).
    pub id: String,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ShowFormat,
}

pub fn run(ctx: &Context, args: &ShowArgs) -> Result<(), CliError> {
    let inventory = ctx.open()?;
    let item = lookup(&inventory, &args.id)?;
    let opts = Options {
        metadata: &inventory.metadata,
        lang: ctx.lang,
        current_year: ctx.current_year,
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        ShowFormat::Json => {
            serde_json::to_writer_pretty(&mut out, item)
                .map_err(|e| CliError::Failed(e.to_string()))?;
            writeln!(out)?;
        }
        ShowFormat::Md => markdown::write_item(item, None, &opts, 1, &mut out)?,
        ShowFormat::Text => {
            let unknown = Text::Unknown.get(ctx.lang);
            let style = ctx.style;
            writeln!(out, "{}", style.heading(&item.name))?;
            writeln!(out, "{}", "=".repeat(item.name.width()))?;
            for section in sections(item, ctx.lang, ctx.current_year) {
                let heading = section.heading();
                writeln!(
                    out,
                    "\n{}\n{}",
                    style.heading(&heading),
                    "-".repeat(heading.width())
                )?;
                for field in section.fields {
                    match field.value {
                        Value::Text(t) => {
                            let t = if t.is_empty() { unknown.to_string() } else { t };
                            writeln!(out, "{}:", field.label)?;
                            for line in wrap(&t, 76) {
                                writeln!(out, "  {line}")?;
                            }
                        }
                        Value::List(items) => {
                            writeln!(out, "{}:", field.label)?;
                            if items.is_empty() {
                                writeln!(out, "  {unknown}")?;
                            }
                            for i in items {
                                for (n, line) in wrap(&i, 74).into_iter().enumerate() {
                                    writeln!(out, "  {} {line}", if n == 0 { "-" } else { " " })?;
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// The intervention with this id, or an error naming the closest ids.
pub(super) fn lookup<'a>(inventory: &'a Inventory, id: &str) -> Result<&'a Intervention, CliError> {
    inventory
        .get(id)
        .ok_or_else(|| unknown_id(id, inventory.interventions.iter().map(|i| i.id.as_str())))
}

/// "no intervention with id `x`; did you mean `y`?", the nearest of `ids` suggested.
pub(super) fn unknown_id<'a>(id: &str, ids: impl Iterator<Item = &'a str>) -> CliError {
    {
        let near = closest_ids(id, ids);
        let hint = if near.is_empty() {
            "see `weerbaar list --format ids`".to_string()
        } else {
            format!(
                "did you mean {}?",
                near.iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            )
        };
        CliError::Failed(format!("no intervention with id `{id}`; {hint}"))
    }
}

/// Greedy word wrap by display width; paragraphs (newlines) are kept.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split_whitespace() {
            if !line.is_empty() && line.width() + 1 + word.width() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines
}
