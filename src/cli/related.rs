//! `weerbaar related ID`: the interventions most similar to one, each with what they share.

use std::io::Write;

use clap::{Args, ValueEnum};

use crate::i18n::Text;
use crate::model::Intervention;
use crate::related::{self, DEFAULT_LIMIT};

use super::show::lookup;
use super::{CliError, Context};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RelatedFormat {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct RelatedArgs {
    /// The intervention's id.
    pub id: String,
    /// How many to list at most.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_LIMIT as u32,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub limit: u32,
    #[arg(long, value_enum, default_value = "text")]
    pub format: RelatedFormat,
}

pub fn run(ctx: &Context, args: &RelatedArgs) -> Result<(), CliError> {
    let inventory = ctx.open()?;
    let item = lookup(&inventory, &args.id)?;
    let target = inventory.index_of(&item.id).unwrap_or(usize::MAX);
    let found = related::related(&inventory.interventions, target, args.limit as usize);
    let lang = ctx.lang;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        RelatedFormat::Json => {
            let list: Vec<serde_json::Value> = found
                .iter()
                .map(|r| {
                    let other = &inventory.interventions[r.index];
                    serde_json::json!({
                        "id": other.id,
                        "name": other.name,
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
            let doc = serde_json::json!({ "id": item.id, "name": item.name, "related": list });
            serde_json::to_writer_pretty(&mut out, &doc)
                .map_err(|e| CliError::Failed(e.to_string()))?;
            writeln!(out)?;
        }
        RelatedFormat::Text => {
            writeln!(
                out,
                "{}: {} ({})",
                Text::Related.get(lang),
                item.name,
                item.id
            )?;
            if found.is_empty() {
                writeln!(out, "  {}", Text::NothingShared.get(lang))?;
            }
            for (n, r) in found.iter().enumerate() {
                let other = &inventory.interventions[r.index];
                writeln!(
                    out,
                    "{:>2}. {} ({}) — {} {:.0}%",
                    n + 1,
                    other.name,
                    other.id,
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
