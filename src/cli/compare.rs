//! `weerbaar compare ID ID [ID ID]` (or `--shortlist NAME`): two to four interventions side by
//! side, as aligned text columns, Markdown, JSON or CSV (the last three through the export
//! writers), on stdout or written atomically to a file with `-o`.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use unicode_width::UnicodeWidthStr;

use crate::core::atomic::{self, Overwrite};
use crate::core::compare::{
    self, Comparison, IDENTICAL_SYMBOL, MAX_ITEMS, MIN_ITEMS, Mark, SHARED_SYMBOL, UNIQUE_SYMBOL,
};
use crate::core::export::{Options, compare_csv, compare_json, compare_md};
use crate::core::i18n::Text;
use crate::core::model::{Intervention, Lang};
use crate::core::shortlist::{ShortlistError, inventory_key};
use crate::core::store::Inventory;

use super::output::pad_painted;
use super::shortlist::{load, storage};
use super::show::{lookup, wrap};
use super::style::Style;
use super::{CliError, Context};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    Text,
    Md,
    Json,
    Csv,
}

#[derive(Args, Debug)]
pub struct CompareArgs {
    /// Two to four intervention ids (see `weerbaar list --format ids`).
    #[arg(value_name = "ID", required_unless_present = "shortlist", add = clap_complete::ArgValueCandidates::new(super::complete::intervention_ids))]
    pub ids: Vec<String>,
    /// Compare the interventions of this shortlist (two to four) instead of ids.
    #[arg(long, value_name = "NAME", conflicts_with = "ids", add = clap_complete::ArgValueCandidates::new(super::complete::shortlist_names))]
    pub shortlist: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: CompareFormat,
    /// Leave out the aspects that are the same for all.
    #[arg(long)]
    pub differences: bool,
    /// Width of the text layout in columns (default: $COLUMNS, else 100).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(40..))]
    pub width: Option<u16>,
    /// Write to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite FILE if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
}

/// Check the ids: two to four, no repeats. A usage error otherwise.
fn check_ids(ids: &[String]) -> Result<(), CliError> {
    if !(MIN_ITEMS..=MAX_ITEMS).contains(&ids.len()) {
        return Err(CliError::Usage(crate::tr!(
            "compare neemt {MIN_ITEMS} tot {MAX_ITEMS} interventies, niet {}",
            "compare takes {MIN_ITEMS} to {MAX_ITEMS} intervention ids, not {}",
            ids.len()
        )));
    }
    for (i, id) in ids.iter().enumerate() {
        if ids[..i].contains(id) {
            return Err(CliError::Usage(crate::tr!(
                "`{id}` staat er twee keer; vergelijk verschillende interventies",
                "`{id}` is given twice; compare different interventions"
            )));
        }
    }
    Ok(())
}

/// The ids to compare: as given, or the shortlist's (skipping, with a message, ids that are
/// no longer in the inventory).
fn chosen_ids(
    ctx: &Context,
    inventory: &Inventory,
    args: &CompareArgs,
) -> Result<Vec<String>, CliError> {
    let Some(name) = &args.shortlist else {
        return Ok(args.ids.clone());
    };
    let book = load(&storage()?)?;
    let lists = book
        .lists(&inventory_key(ctx.run.db.as_deref()))
        .cloned()
        .unwrap_or_default();
    let list = lists.require(name).map_err(ShortlistError::from)?;
    let missing = list.missing(inventory);
    if !missing.is_empty() {
        crate::say!(
            "weerbaar: {} {}: {}",
            missing.len(),
            Text::MsgNotExported.get(ctx.run.lang),
            missing.join(", ")
        );
    }
    let ids: Vec<String> = list
        .items
        .iter()
        .filter(|i| inventory.get(&i.id).is_some())
        .map(|i| i.id.clone())
        .collect();
    if !(MIN_ITEMS..=MAX_ITEMS).contains(&ids.len()) {
        return Err(CliError::Usage(crate::tr!(
            "shortlist `{}` heeft {} interventies; compare neemt er {MIN_ITEMS} tot {MAX_ITEMS} (geef hun ids)",
            "shortlist `{}` has {} interventions; compare takes {MIN_ITEMS} to {MAX_ITEMS} (give their ids instead)",
            list.name,
            ids.len()
        )));
    }
    Ok(ids)
}

pub fn run(ctx: &Context, args: &CompareArgs) -> Result<(), CliError> {
    if args.shortlist.is_none() {
        check_ids(&args.ids)?;
    }
    if let Some(path) = &args.output
        && atomic::would_replace(path)
        && !args.force
    {
        // Refuse before any work; the write itself checks again without a race.
        return Err(CliError::Failed(
            atomic::WriteError::Exists(path.clone()).to_string(),
        ));
    }
    let inventory = ctx.open()?;
    let ids = chosen_ids(ctx, &inventory, args)?;
    let items: Vec<&Intervention> = ids
        .iter()
        .map(|id| lookup(&inventory, id))
        .collect::<Result<_, _>>()?;
    let mut cmp = compare::compare(&items, ctx.run.lang, ctx.run.current_year);
    if args.differences {
        cmp.rows.retain(|r| !r.identical);
    }
    let opts = Options {
        metadata: &inventory.metadata,
        lang: ctx.run.lang,
        current_year: ctx.run.current_year,
        labels: false,
    };
    let width = args
        .width
        .map(usize::from)
        .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
        .unwrap_or(100);
    let write = |out: &mut dyn Write, style: Style| -> std::io::Result<()> {
        match args.format {
            CompareFormat::Md => compare_md::write(&cmp, &opts, out),
            CompareFormat::Json => compare_json::write(&cmp, &opts, out),
            CompareFormat::Csv => {
                compare_csv::write(&cmp, &opts, out).map_err(std::io::Error::other)
            }
            CompareFormat::Text => write!(out, "{}", text(&cmp, ctx.run.lang, width, style)),
        }
    };
    match &args.output {
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            write(&mut out, ctx.style)?;
            out.flush()?;
        }
        Some(path) => {
            let overwrite = if args.force {
                Overwrite::Allow
            } else {
                Overwrite::Refuse
            };
            // A file gets no colour codes.
            atomic::write(path, overwrite, |w| write(w, Style::default()))
                .map_err(|e| CliError::Failed(e.to_string()))?;
            let shown = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            crate::say!(
                "{} {}: {}",
                Text::Comparison.get(ctx.run.lang),
                Text::MsgWrote.get(ctx.run.lang),
                shown.display()
            );
        }
    }
    Ok(())
}

/// Width of a value column, never below what a short label needs.
const MIN_COLUMN: usize = 16;
const GAP: &str = "  ";

/// The comparison as aligned text columns: the aspect on the left, one column per
/// intervention, values one per line with their mark symbol. With colour, the headings are
/// bold and each evidence level has its colour (as in `list`); the text stays the same.
fn text(cmp: &Comparison<'_>, lang: Lang, width: usize, style: Style) -> String {
    let label_w = cmp
        .rows
        .iter()
        .map(|r| r.aspect.label(lang).width() + IDENTICAL_SYMBOL.width() + 1)
        .max()
        .unwrap_or(0)
        .max(Text::Aspect.get(lang).width());
    let n = cmp.items.len().max(1);
    let col_w = (width.saturating_sub(label_w + GAP.len() * n) / n).max(MIN_COLUMN);

    let mut out = String::new();
    let names: Vec<&str> = cmp.items.iter().map(|i| i.name.as_str()).collect();
    out.push_str(&style.heading(&format!(
        "{}: {}",
        Text::Comparison.get(lang),
        names.join(" · ")
    )));
    out.push('\n');
    out.push_str(&format!(
        "{SHARED_SYMBOL} {} · {UNIQUE_SYMBOL} {} · {IDENTICAL_SYMBOL} {}\n\n",
        Text::SharedByAll.get(lang),
        Text::UniqueToOne.get(lang),
        Text::IdenticalRow.get(lang)
    ));
    let header: Vec<Vec<String>> = cmp.items.iter().map(|i| wrap(&i.name, col_w)).collect();
    let bold = |_: usize, s: &str| style.heading(s);
    let plain = |_: usize, s: &str| s.to_string();
    let widths = (label_w, col_w);
    push_block(
        &mut out,
        Text::Aspect.get(lang),
        &header,
        widths,
        bold,
        bold,
    );
    let rule: Vec<Vec<String>> = vec![vec!["─".repeat(col_w)]; n];
    push_block(&mut out, &"─".repeat(label_w), &rule, widths, plain, plain);
    let evidence = |column: usize, s: &str| match cmp.items.get(column) {
        Some(item) => style.evidence(&item.evidence.level, s),
        None => s.to_string(),
    };

    for row in &cmp.rows {
        let label = if row.identical {
            format!("{} {IDENTICAL_SYMBOL}", row.aspect.label(lang))
        } else {
            row.aspect.label(lang).to_string()
        };
        let cells: Vec<Vec<String>> = row
            .cells
            .iter()
            .map(|cell| {
                if cell.is_empty() {
                    return vec![row.aspect.empty_label(lang).to_string()];
                }
                let mut lines = Vec::new();
                for e in cell {
                    match e.mark {
                        Mark::Text => lines.extend(wrap(&e.label, col_w)),
                        mark => {
                            // "✓ label", continuation lines indented under the label.
                            for (i, l) in wrap(&e.label, col_w.saturating_sub(2))
                                .into_iter()
                                .enumerate()
                            {
                                let prefix = if i == 0 { mark.symbol() } else { " " };
                                lines.push(format!("{prefix} {l}"));
                            }
                        }
                    }
                }
                lines
            })
            .collect();
        if row.aspect == compare::Aspect::Evidence {
            push_block(&mut out, &label, &cells, widths, bold, evidence);
        } else {
            push_block(&mut out, &label, &cells, widths, bold, plain);
        }
        out.push('\n');
    }
    out
}

/// One aspect: the label on the first line, then the columns' lines side by side, the label
/// and each column's text painted by `label_paint` and `cell_paint` (given the column).
fn push_block(
    out: &mut String,
    label: &str,
    cells: &[Vec<String>],
    (label_w, col_w): (usize, usize),
    label_paint: impl Fn(usize, &str) -> String,
    cell_paint: impl Fn(usize, &str) -> String,
) {
    let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
    for line in 0..height {
        let mut s = pad_painted(if line == 0 { label } else { "" }, label_w, |t| {
            label_paint(0, t)
        });
        for (column, cell) in cells.iter().enumerate() {
            s.push_str(GAP);
            s.push_str(&pad_painted(
                cell.get(line).map(String::as_str).unwrap_or(""),
                col_w,
                |t| cell_paint(column, t),
            ));
        }
        out.push_str(s.trim_end());
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_must_be_two_to_four_and_distinct() {
        let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(check_ids(&ids(&["a", "b"])).is_ok());
        assert!(check_ids(&ids(&["a", "b", "c", "d"])).is_ok());
        assert!(matches!(check_ids(&ids(&["a"])), Err(CliError::Usage(_))));
        assert!(matches!(
            check_ids(&ids(&["a", "b", "c", "d", "e"])),
            Err(CliError::Usage(_))
        ));
        assert!(
            matches!(check_ids(&ids(&["a", "b", "a"])), Err(CliError::Usage(m)) if m.contains("`a` staat er twee keer"))
        );
    }
}
