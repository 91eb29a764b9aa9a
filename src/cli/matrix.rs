//! `weerbaar matrix --rows FACET --cols FACET [filters]`: the coverage matrix of two facet
//! groups under a search and filters, as a table (empty cells shown as `·`), CSV (ids) or JSON.

use std::io::Write;

use clap::{Args, ValueEnum};
use unicode_width::UnicodeWidthStr;

use crate::core::i18n::Text;
use crate::core::matrix::{self, DEFAULT_COLS, DEFAULT_ROWS, Matrix};
use crate::core::model::FacetGroup;
use crate::core::query::{Index, SkimMatcher};

use super::output::{pad, truncate};
use super::{CliError, Context, FilterArgs};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MatrixFormat {
    Table,
    Csv,
    Json,
}

#[derive(Args, Debug)]
pub struct MatrixArgs {
    /// The facet group down the side.
    #[arg(long, value_name = "FACET", default_value = DEFAULT_ROWS.id(), value_parser = parse_group)]
    pub rows: FacetGroup,
    /// The facet group across the top.
    #[arg(long, value_name = "FACET", default_value = DEFAULT_COLS.id(), value_parser = parse_group)]
    pub cols: FacetGroup,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[arg(long, value_enum, default_value = "table")]
    pub format: MatrixFormat,
}

fn parse_group(s: &str) -> Result<FacetGroup, String> {
    FacetGroup::from_id(s).ok_or_else(|| {
        let ids: Vec<&str> = FacetGroup::ALL.iter().map(|g| g.id()).collect();
        format!("unknown facet group `{s}`; use one of {}", ids.join(", "))
    })
}

/// What an empty cell shows in the table: visibly empty, not a blank that reads as missing.
const EMPTY: &str = "·";
/// Row labels are cut to this many columns.
const LABEL_MAX: usize = 40;

pub fn run(ctx: &Context, args: &MatrixArgs) -> Result<(), CliError> {
    let inventory = ctx.open()?;
    let index = Index::build(&inventory);
    let query = args.filters.to_query(&index)?;
    let m = matrix::build(
        &index,
        &SkimMatcher::default(),
        &query,
        args.rows,
        args.cols,
    )
    .map_err(|e| CliError::Usage(e.to_string()))?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        MatrixFormat::Table => write!(out, "{}", table(&m, &index, ctx))?,
        MatrixFormat::Csv => csv(&m, &index, &mut out)?,
        MatrixFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &json(&m, &index, ctx))
                .map_err(|e| CliError::Failed(e.to_string()))?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(())
}

fn label<'a>(index: &'a Index, group: FacetGroup, value: usize, ctx: &Context) -> &'a str {
    index
        .group(group)
        .values
        .get(value)
        .map(|v| v.label(ctx.run.lang))
        .unwrap_or("")
}

fn id(index: &Index, group: FacetGroup, value: usize) -> &str {
    index
        .group(group)
        .values
        .get(value)
        .map(|v| v.id.as_str())
        .unwrap_or("")
}

/// Columns are numbered in the header and named in a legend below, so a wide vocabulary
/// (twenty working elements) still fits a terminal. With colour, headings are bold and empty
/// cells dim; the text stays the same.
fn table(m: &Matrix, index: &Index, ctx: &Context) -> String {
    let lang = ctx.run.lang;
    let style = ctx.style;
    let total_label = Text::Total.get(lang);
    let row_labels: Vec<String> = m
        .row_values
        .iter()
        .map(|&v| truncate(label(index, m.rows, v, ctx), LABEL_MAX))
        .collect();
    let label_w = row_labels
        .iter()
        .map(|l| l.width())
        .chain([total_label.width()])
        .max()
        .unwrap_or(0);
    let cell_w = m
        .col_values
        .len()
        .to_string()
        .len()
        .max(m.total.to_string().len())
        .max(2);
    let cell = |n: usize| {
        if n == 0 {
            // Padded first, so only the dot is painted.
            let fill = " ".repeat(cell_w.saturating_sub(EMPTY.width()) + 1);
            format!("{fill}{}", style.dim(EMPTY))
        } else {
            format!(" {n:>cell_w$}")
        }
    };

    let mut out = style.heading(&format!(
        "{} × {} — {} {} ({EMPTY} = {})",
        m.rows.label(lang),
        m.cols.label(lang),
        m.total,
        Text::interventions(m.total, lang),
        Text::EmptyCell.get(lang)
    ));
    out.push_str("\n\n");
    let mut header = pad("", label_w);
    for n in 1..=m.col_values.len() {
        header.push_str(&format!(" {n:>cell_w$}"));
    }
    header.push_str(&format!("  {total_label}"));
    out.push_str(&style.heading(header.trim_end()));
    out.push('\n');
    for (r, row) in m.counts.iter().enumerate() {
        let mut line = pad(row_labels.get(r).map(String::as_str).unwrap_or(""), label_w);
        for &n in row {
            line.push_str(&cell(n));
        }
        let row_total = m.row_totals.get(r).copied().unwrap_or(0);
        line.push_str(&format!("  {row_total:>w$}", w = total_label.width()));
        out.push_str(&line);
        out.push('\n');
    }
    let mut totals = pad(total_label, label_w);
    for &n in &m.col_totals {
        totals.push_str(&cell(n));
    }
    totals.push_str(&format!("  {:>w$}", m.total, w = total_label.width()));
    out.push_str(&totals);
    out.push_str("\n\n");
    out.push_str(&style.heading(&format!("{}:", m.cols.label(lang))));
    out.push('\n');
    for (n, &v) in m.col_values.iter().enumerate() {
        out.push_str(&format!(
            "{:>w$}  {} ({})\n",
            n + 1,
            label(index, m.cols, v, ctx),
            id(index, m.cols, v),
            w = cell_w + 1
        ));
    }
    out
}

/// CSV for scripts: ids as headers and row keys (the same in every language; `--format json`
/// has the labels too), counts as plain numbers (0 for empty), a `total` column and row.
fn csv(m: &Matrix, index: &Index, out: impl Write) -> Result<(), CliError> {
    let fail = |e: csv::Error| CliError::Failed(e.to_string());
    let total = "total".to_string();
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let mut header = vec![format!("{} \\ {}", m.rows.id(), m.cols.id())];
    header.extend(
        m.col_values
            .iter()
            .map(|&v| id(index, m.cols, v).to_string()),
    );
    header.push(total.clone());
    w.write_record(&header).map_err(fail)?;
    for (r, row) in m.counts.iter().enumerate() {
        let v = m.row_values.get(r).copied().unwrap_or(usize::MAX);
        let mut record = vec![id(index, m.rows, v).to_string()];
        record.extend(row.iter().map(usize::to_string));
        record.push(m.row_totals.get(r).copied().unwrap_or(0).to_string());
        w.write_record(&record).map_err(fail)?;
    }
    let mut last = vec![total];
    last.extend(m.col_totals.iter().map(usize::to_string));
    last.push(m.total.to_string());
    w.write_record(&last).map_err(fail)?;
    w.flush()?;
    Ok(())
}

fn json(m: &Matrix, index: &Index, ctx: &Context) -> serde_json::Value {
    let values = |group: FacetGroup, vs: &[usize], totals: &[usize]| {
        vs.iter()
            .zip(totals)
            .map(|(&v, &t)| {
                serde_json::json!({
                    "id": id(index, group, v),
                    "label": label(index, group, v, ctx),
                    "total": t,
                })
            })
            .collect::<Vec<_>>()
    };
    serde_json::json!({
        "rows": { "group": m.rows.id(), "label": m.rows.label(ctx.run.lang),
                  "values": values(m.rows, &m.row_values, &m.row_totals) },
        "cols": { "group": m.cols.id(), "label": m.cols.label(ctx.run.lang),
                  "values": values(m.cols, &m.col_values, &m.col_totals) },
        "counts": m.counts,
        "total": m.total,
        "empty_cells": m.empty_cells(),
    })
}
