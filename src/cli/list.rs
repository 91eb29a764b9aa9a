//! `weerbaar list` and `weerbaar facets`.

use std::io::Write;

use clap::{Args, ValueEnum};

use crate::core::export::stream::Wanted;
use crate::core::export::{self, Entries, Options};
use crate::core::i18n::Text;
use crate::core::model::vocab::{self, evidence_badge};
use crate::core::model::{FacetGroup, Intervention};
use crate::core::query::{self, Index, Query, Results, SkimMatcher};
use crate::core::store::Records;

use super::output::{Cell, table, table_painted};
use super::{CliError, Context, FilterArgs};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Csv,
    Json,
    Md,
    Ids,
}

#[derive(Args, Debug)]
pub struct ListArgs {
    #[command(flatten)]
    pub filters: FilterArgs,
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FacetsFormat {
    Table,
    Json,
}

#[derive(Args, Debug)]
pub struct FacetsArgs {
    #[command(flatten)]
    pub filters: FilterArgs,
    #[arg(long, value_enum, default_value = "table")]
    pub format: FacetsFormat,
}

/// The query the filters ask for, sorted as the configuration says when `--sort` is not given.
pub(super) fn query_for(
    ctx: &Context,
    filters: &FilterArgs,
    index: &Index,
) -> Result<crate::core::query::Query, CliError> {
    let mut query = filters.to_query(index)?;
    if filters.sort.is_none() {
        query.sort = ctx.run.config.sort;
    }
    Ok(query)
}

/// Stream the database into an index and run the filters, without holding the records in
/// memory: enough for ids and facet counts, and far lighter on a large inventory.
fn search_index(ctx: &Context, filters: &FilterArgs) -> Result<(Index, Results), CliError> {
    let (_, index, results, _) = search_records(ctx, filters)?;
    Ok((index, results))
}

/// Open the inventory and run the filters (the shared first half of list, facets and
/// export), keeping the database to fetch the results' records from as they are written
/// (`export::stream`), and the query (an export's title names it).
pub(super) fn search_records(
    ctx: &Context,
    filters: &FilterArgs,
) -> Result<(Records, Index, Results, Query), CliError> {
    let db = ctx.open_database()?;
    // Without search text nothing is matched against the long text, so the keys are enough:
    // the word index is neither read nor built.
    let with_text = filters
        .query
        .as_deref()
        .is_some_and(|q| !q.trim().is_empty());
    let index = ctx.index(&db, with_text)?;
    let query = query_for(ctx, filters, &index)?;
    let results = query::run(&index, &SkimMatcher::default(), &query);
    say_corrections(ctx, &index, &query, &results);
    Ok((Records::database(db), index, results, query))
}

/// Say on stderr which misspelt word was searched as which ("gezocht op `radicalisering` in
/// plaats van `radikalisering`"), and after no results the nearest word to try.
fn say_corrections(ctx: &Context, index: &Index, query: &Query, results: &Results) {
    let lang = ctx.run.lang;
    for (typed, searched) in query::typo::corrections(index, &query.text) {
        crate::say!(
            "weerbaar: {} `{searched}` {} `{typed}`",
            Text::MsgSearchedFor.get(lang),
            Text::MsgInsteadOf.get(lang)
        );
    }
    if results.hits.is_empty()
        && let Some((_, nearest)) = query::typo::suggestion(index, &query.text)
    {
        crate::say!(
            "weerbaar: {} `{nearest}`?",
            Text::MsgNoResultsDidYouMean.get(lang)
        );
    }
}

/// Ids are what users copy into `weerbaar show`, so their column is never cut.
const ID_WIDTH: usize = 120;

pub fn run(ctx: &Context, args: &ListArgs) -> Result<(), CliError> {
    if args.format == ListFormat::Ids {
        let (index, results) = search_index(ctx, &args.filters)?;
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        for hit in &results.hits {
            writeln!(out, "{}", index.id(hit.index))?;
        }
        out.flush()?;
        return Ok(());
    }
    // The records are fetched a chunk at a time while they are written, in the results'
    // order: a list of 100,000 costs the index and a chunk, not every record.
    let (records, index, results, _) = search_records(ctx, &args.filters)?;
    let wanted: Vec<Wanted> = results
        .hits
        .iter()
        .map(|h| (index.id(h.index), None))
        .collect();
    let entries = export::stream::fetched(&records, &wanted, ctx.run.lang);
    let opts = Options {
        metadata: records.metadata(),
        lang: ctx.run.lang,
        current_year: ctx.run.current_year,
        labels: false,
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        ListFormat::Ids => {} // answered above, from the index alone
        ListFormat::Csv => export::csv::write(entries, &opts, &mut out)?,
        ListFormat::Json => export::json::write(entries, &opts, &mut out)?,
        ListFormat::Md => {
            export::markdown::write(&records.metadata().title, entries, &opts, &mut out)?
        }
        ListFormat::Table => {
            let lang = ctx.run.lang;
            // Only the four short cells of each row are kept (the table fits its columns to
            // every row).
            let mut rows: Vec<Vec<String>> = Vec::with_capacity(wanted.len());
            let mut levels: Vec<String> = Vec::with_capacity(wanted.len());
            for entry in entries.into_entries() {
                let (i, _) = entry?;
                let (dots, code) = evidence_badge(&i.evidence.level);
                let stale = if i.evidence.is_flagged(ctx.run.current_year) {
                    "!"
                } else {
                    ""
                };
                rows.push(vec![
                    i.id.clone(),
                    i.name.clone(),
                    format!("{dots} {code}{stale}"),
                    i.themes
                        .iter()
                        .map(|t| Intervention::label(FacetGroup::Theme, t, lang))
                        .collect::<Vec<_>>()
                        .join(", "),
                ]);
                levels.push(i.evidence.level.clone());
            }
            let header = [
                Text::Id.get(lang),
                Text::Name.get(lang),
                FacetGroup::Evidence.label(lang),
                Text::Themes.get(lang),
            ];
            let style = ctx.style;
            let painted =
                table_painted(
                    &header,
                    &rows,
                    &[ID_WIDTH, 44, 9, 60],
                    |cell, text| match cell {
                        Cell::Header(_) => style.heading(text),
                        Cell::Body(r, 2) => levels
                            .get(r)
                            .map(|level| style.evidence(level, text))
                            .unwrap_or_else(|| text.to_string()),
                        Cell::Body(..) => text.to_string(),
                    },
                );
            write!(out, "{painted}")?;
            writeln!(out, "{} {} {}", rows.len(), Text::Of.get(lang), index.len())?;
        }
    }
    out.flush()?;
    Ok(())
}

pub fn facets(ctx: &Context, args: &FacetsArgs) -> Result<(), CliError> {
    let (index, results) = search_index(ctx, &args.filters)?;
    let lang = ctx.run.lang;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        FacetsFormat::Json => {
            let groups: Vec<serde_json::Value> = results
                .facets
                .iter()
                .map(|f| {
                    let g = index.group(f.group);
                    serde_json::json!({
                        "group": f.group.id(),
                        "values": f.values.iter().map(|v| serde_json::json!({
                            "id": g.values[v.value].id,
                            "label": g.values[v.value].label(lang),
                            "count": v.count,
                            "selected": v.selected,
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let doc = serde_json::json!({ "results": results.hits.len(), "facets": groups });
            serde_json::to_writer_pretty(&mut out, &doc)
                .map_err(|e| CliError::Failed(e.to_string()))?;
            writeln!(out)?;
        }
        FacetsFormat::Table => {
            for f in &results.facets {
                let g = index.group(f.group);
                let heading = format!("{} ({})", f.group.label(lang), f.group.id());
                writeln!(out, "{}", ctx.style.heading(&heading))?;
                let rows: Vec<Vec<String>> = f
                    .values
                    .iter()
                    .map(|v| {
                        let info = &g.values[v.value];
                        // A narrower target group is indented under its broader one, whose
                        // count includes it.
                        let indent = if vocab::broader(f.group, &info.id).is_empty() {
                            ""
                        } else {
                            "  "
                        };
                        vec![
                            format!(
                                "{}{indent}{}",
                                if v.selected { "[x] " } else { "    " },
                                info.label(lang)
                            ),
                            info.id.clone(),
                            v.count.to_string(),
                        ]
                    })
                    .collect();
                let body = table(&["", "id", "n"], &rows, &[56, 40, 6]);
                // Skip the empty header line of the nested table.
                for line in body.lines().skip(1) {
                    writeln!(out, "  {line}")?;
                }
            }
            writeln!(out, "{} {}", results.hits.len(), Text::Results.get(lang))?;
        }
    }
    out.flush()?;
    Ok(())
}
