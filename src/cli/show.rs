//! `weerbaar show ID`: one intervention in full, as text, JSON or Markdown.

use std::io::Write;

use clap::{Args, ValueEnum};
use unicode_width::UnicodeWidthStr;

use crate::core::detail::{Value, sections};
use crate::core::export::{Options, markdown};
use crate::core::i18n::Text;
use crate::core::model::Intervention;
use crate::core::model::vocab::closest_ids;
use crate::core::store::Inventory;

use super::{CliError, Context};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
    Md,
}

#[derive(Args, Debug)]
pub struct ShowArgs {
    /// The intervention's id (see `weerbaar list --format ids`), or its name in any case.
    #[arg(add = clap_complete::ArgValueCandidates::new(super::complete::intervention_ids))]
    pub id: String,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ShowFormat,
}

pub fn run(ctx: &Context, args: &ShowArgs) -> Result<(), CliError> {
    let inventory = ctx.open()?;
    let item = lookup(&inventory, &args.id)?;
    let opts = Options {
        metadata: &inventory.metadata,
        lang: ctx.run.lang,
        current_year: ctx.run.current_year,
        labels: false,
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
            let unknown = Text::Unknown.get(ctx.run.lang);
            let style = ctx.style;
            writeln!(out, "{}", style.heading(&item.name))?;
            writeln!(out, "{}", "=".repeat(item.name.width()))?;
            for section in sections(item, ctx.run.lang, ctx.run.current_year) {
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

/// The intervention with this id or name, or an error naming the closest ids.
pub(super) fn lookup<'a>(inventory: &'a Inventory, id: &str) -> Result<&'a Intervention, CliError> {
    if let Some(item) = inventory.get(id) {
        return Ok(item);
    }
    let records = inventory.interventions.iter().map(|i| {
        (
            i.id.as_str(),
            i.name.as_str(),
            i.aliases.iter().map(String::as_str),
        )
    });
    let found = by_name(id, records)?;
    found
        .and_then(|id| inventory.get(id))
        .ok_or_else(|| unknown_id(id, inventory.interventions.iter().map(|i| i.id.as_str())))
}

/// A typed name compared the forgiving way: any case, no accents, `-` and spaces alike.
fn name_key(s: &str) -> String {
    crate::core::model::fold::fold(s.trim())
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The id of the record a typed name means: its id, name or an alias in any case or with spaces
/// for dashes (`"rots en water"`, `Kanjertraining`), else the one name that contains it. `None`:
/// nothing fits; an error when several do (naming them).
pub(super) fn by_name<'a, A: Iterator<Item = &'a str>>(
    typed: &str,
    records: impl Iterator<Item = (&'a str, &'a str, A)>,
) -> Result<Option<&'a str>, CliError> {
    let key = name_key(typed);
    if key.is_empty() {
        return Ok(None);
    }
    let mut exact: Vec<(&str, &str)> = Vec::new();
    let mut partial: Vec<(&str, &str)> = Vec::new();
    for (id, name, mut aliases) in records {
        if name_key(id) == key || name_key(name) == key || aliases.any(|a| name_key(a) == key) {
            exact.push((id, name));
        } else if key.chars().count() >= 4 && name_key(name).contains(&key) {
            partial.push((id, name));
        }
    }
    let candidates = if exact.is_empty() { partial } else { exact };
    match candidates.as_slice() {
        [] => Ok(None),
        [(id, _)] => Ok(Some(id)),
        many => Err(CliError::Usage(crate::tr!(
            "`{typed}` past bij {} interventies: {}; geef het id",
            "`{typed}` fits {} interventions: {}; give the id",
            many.len(),
            many.iter()
                .take(5)
                .map(|(id, name)| format!("`{id}` ({name})"))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// "no intervention with id `x`; did you mean `y`?", the nearest of `ids` suggested.
pub(super) fn unknown_id<'a>(id: &str, ids: impl Iterator<Item = &'a str>) -> CliError {
    {
        let near = closest_ids(id, ids);
        let hint = if near.is_empty() {
            crate::tr!(
                "zie `weerbaar list --format ids`",
                "see `weerbaar list --format ids`"
            )
        } else {
            let names = near.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>();
            crate::tr!(
                "bedoelde je {}?",
                "did you mean {}?",
                names.join(crate::cli::messages::lang().pick(" of ", " or "))
            )
        };
        CliError::Failed(crate::tr!(
            "geen interventie met id of naam `{id}`; {hint}",
            "no intervention with id or name `{id}`; {hint}"
        ))
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
