//! `weerbaar related ID`: the interventions most similar to one, each with what they share.

use std::io::Write;

use clap::{Args, ValueEnum};

use crate::core::i18n::Text;
use crate::core::model::Intervention;
use crate::core::related::{self, DEFAULT_LIMIT};

use super::show::{by_name, unknown_id};
use super::{CliError, Context};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RelatedFormat {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct RelatedArgs {
    /// The intervention's id, or its name in any case.
    #[arg(add = clap_complete::ArgValueCandidates::new(super::complete::intervention_ids))]
    pub id: String,
    /// How many to list at most.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_LIMIT as u32,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub limit: u32,
    #[arg(long, value_enum, default_value = "text")]
    pub format: RelatedFormat,
}

pub fn run(ctx: &Context, args: &RelatedArgs) -> Result<(), CliError> {
    // The index is all scoring needs: the database is streamed into it, never held whole.
    let index = ctx.index(&ctx.open_database()?, true)?;
    // The id, else a name in any case (an ambiguous name is an error naming the candidates).
    let named = match index.position_of(&args.id) {
        Some(p) => Some(p),
        None => {
            let records = (0..index.len()).map(|r| (index.id(r), index.name(r), index.aliases(r)));
            by_name(&args.id, records)?.and_then(|id| index.position_of(id))
        }
    };
    let target =
        named.ok_or_else(|| unknown_id(&args.id, (0..index.len()).map(|r| index.id(r))))?;
    let found = related::related(&index, target, args.limit as usize);
    let (id, name) = (index.id(target), index.name(target));
    let lang = ctx.run.lang;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        RelatedFormat::Json => {
            let list: Vec<serde_json::Value> = found
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": index.id(r.index),
                        "name": index.name(r.index),
                        "similarity": r.similarity.score(),
                        "shared": r.similarity.shared.iter().map(|s| serde_json::json!({
                            "group": s.group.id(),
                            "values": s.ids.iter().map(|id| serde_json::json!({
                                "id": id,
                                "label": Intervention::label(s.group, id, lang),
                            })).collect::<Vec<_>>(),
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let doc = serde_json::json!({ "id": id, "name": name, "related": list });
            serde_json::to_writer_pretty(&mut out, &doc)
                .map_err(|e| CliError::Failed(e.to_string()))?;
            writeln!(out)?;
        }
        RelatedFormat::Text => {
            let style = ctx.style;
            let heading = format!("{}: {} ({})", Text::Related.get(lang), name, id);
            writeln!(out, "{}", style.heading(&heading))?;
            if found.is_empty() {
                writeln!(out, "  {}", Text::NothingShared.get(lang))?;
            }
            for (n, r) in found.iter().enumerate() {
                writeln!(
                    out,
                    "{:>2}. {} ({}) — {} {:.0}%",
                    n + 1,
                    style.heading(index.name(r.index)),
                    index.id(r.index),
                    Text::Similarity.get(lang),
                    r.similarity.score() * 100.0
                )?;
                for shared in &r.similarity.shared {
                    writeln!(out, "    {}", shared.reason(lang))?;
                }
            }
        }
    }
    out.flush()?;
    Ok(())
}
