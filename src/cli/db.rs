//! `weerbaar db build|check|stats|verify|diff|index|synth`: the source → SQLite pipeline and its reports.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Subcommand, ValueEnum};

use crate::core::audit;
use crate::core::diff;
use crate::core::model::vocab::ESS_THEMES;
use crate::core::model::{FacetGroup, Intervention};
use crate::core::store::{self, source};
use crate::core::synth;

use super::output::table;
use super::{CliError, Context};

#[derive(Subcommand, Debug)]
pub enum DbCommand {
    /// Compile data/interventions/*.toml into data/inventory.sqlite.
    Build {
        /// The data directory (holding inventory.toml and interventions/).
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
        /// Where to write the database (default: DIR/inventory.sqlite).
        #[arg(short, long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Validate the sources and report every problem as file:line:column: message.
    Check {
        /// The data directory (holding inventory.toml and interventions/).
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
    },
    /// Coverage: interventions per theme × evidence level and per theme × working element.
    Stats {
        #[arg(long, value_enum, default_value = "table")]
        format: StatsFormat,
    },
    /// Check a database file: SQLite's integrity check, the schema, and every value against
    /// the vocabularies (unknown values and orphan rows are listed; exit 1).
    Verify { path: PathBuf },
    /// What changed between two inventory files: added, removed, renamed and changed entries.
    Diff {
        old: PathBuf,
        new: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: DiffFormat,
    },
    /// Write a copy of an inventory file with the search index stored in it (an older or
    /// foreign file without one is indexed again on every command).
    Index {
        path: PathBuf,
        /// The copy to write.
        #[arg(short, long, value_name = "FILE")]
        out: PathBuf,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Print N reproducibly random entries, every field with the sources that back it and an
    /// empty check column, to check against the cited pages (see docs/data-guide.md).
    Audit {
        /// How many entries.
        #[arg(long, value_name = "N", default_value_t = 10)]
        sample: usize,
        /// The same seed (and inventory) always gives the same entries.
        #[arg(long, value_name = "S", default_value_t = 1)]
        seed: u64,
        #[arg(long, value_enum, default_value = "text")]
        format: AuditFormat,
    },
    /// Write a synthetic inventory of any size, modelled on the bundled one (for benchmarks).
    Synth {
        /// How many interventions to generate.
        #[arg(long, value_name = "N")]
        count: usize,
        /// The same seed always gives the same inventory.
        #[arg(long, value_name = "S", default_value_t = 1)]
        seed: u64,
        /// The database file to write.
        #[arg(short, long, value_name = "FILE")]
        out: PathBuf,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Text,
    Md,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuditFormat {
    Text,
    Md,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    Table,
    Json,
}

/// `data/` in the current directory, else the one next to the crate's sources.
fn data_dir(given: &Option<PathBuf>) -> PathBuf {
    if let Some(d) = given {
        return d.clone();
    }
    let here = Path::new("data");
    if here.join("interventions").is_dir() {
        here.to_path_buf()
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
    }
}

pub fn run(ctx: &Context, cmd: &DbCommand) -> Result<(), CliError> {
    match cmd {
        DbCommand::Build { data, out } => {
            let dir = data_dir(data);
            let out = out.clone().unwrap_or_else(|| dir.join("inventory.sqlite"));
            let n = crate::core::inventory::build_file(&dir, &out, ctx.run.current_year)
                .map_err(|e| CliError::Failed(e.to_string()))?;
            crate::say!("wrote {n} interventions to {}", out.display());
            Ok(())
        }
        DbCommand::Check { data } => {
            let dir = data_dir(data);
            let set = source::read_dir(&dir, ctx.run.current_year);
            if set.problems.is_empty() {
                crate::say!(
                    "{}: {} interventions, no problems",
                    dir.display(),
                    set.interventions.len()
                );
                Ok(())
            } else {
                for p in &set.problems {
                    crate::say!("{p}");
                }
                Err(CliError::Failed(format!(
                    "{} problem(s) in {}",
                    set.problems.len(),
                    dir.display()
                )))
            }
        }
        DbCommand::Stats { format } => stats(ctx, *format),
        DbCommand::Audit {
            sample,
            seed,
            format,
        } => {
            if *sample == 0 {
                return Err(CliError::Usage(
                    "--sample 0: give how many entries to audit (1 or more)".into(),
                ));
            }
            let inventory = ctx.open()?;
            let picked = audit::sample(inventory.interventions.len(), *sample, *seed);
            let format = match format {
                AuditFormat::Text => audit::Format::Text,
                AuditFormat::Md => audit::Format::Md,
            };
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            audit::write(
                &inventory,
                &picked,
                *seed,
                format,
                ctx.run.lang,
                ctx.run.current_year,
                &mut out,
            )?;
            out.flush()?;
            Ok(())
        }
        DbCommand::Diff { old, new, format } => {
            let old = store::open_path(old)?;
            let new = store::open_path(new)?;
            let d = diff::diff(&old, &new);
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            match format {
                DiffFormat::Text => diff::render::text(&d, ctx.run.lang, &mut out)?,
                DiffFormat::Md => diff::render::markdown(&d, ctx.run.lang, &mut out)?,
                DiffFormat::Json => {
                    serde_json::to_writer_pretty(&mut out, &d)
                        .map_err(|e| CliError::Failed(e.to_string()))?;
                    writeln!(out)?;
                }
            }
            out.flush()?;
            Ok(())
        }
        DbCommand::Synth {
            count,
            seed,
            out,
            force,
        } => synth(*count, *seed, out, *force),
        DbCommand::Index { path, out, force } => {
            if out.exists() && !force {
                return Err(CliError::Failed(format!(
                    "{}: already exists; add --force to replace it",
                    out.display()
                )));
            }
            let inventory = store::open_path(path)?;
            crate::core::inventory::write_atomically(&inventory, out)
                .map_err(|e| CliError::Failed(e.to_string()))?;
            crate::say!(
                "wrote {} interventions with their search index to {}",
                inventory.interventions.len(),
                out.display()
            );
            Ok(())
        }
        DbCommand::Verify { path } => {
            let found = crate::core::inventory::verify_path(path)?;
            let mut out = std::io::stdout().lock();
            for l in &found.lines {
                writeln!(out, "{}: {l}", path.display())?;
            }
            let content = &found.content;
            for problem in &content.problems {
                writeln!(out, "{}: {problem}", path.display())?;
            }
            if content.total > content.problems.len() {
                writeln!(
                    out,
                    "{}: … and {} more",
                    path.display(),
                    content.total - content.problems.len()
                )?;
            }
            out.flush()?;
            if content.total > 0 {
                return Err(CliError::Failed(format!(
                    "{}: {} {} weerbaar cannot interpret (shown as raw ids, or not at all)",
                    path.display(),
                    content.total,
                    if content.total == 1 { "row" } else { "rows" }
                )));
            }
            Ok(())
        }
    }
}

fn synth(count: usize, seed: u64, out: &Path, force: bool) -> Result<(), CliError> {
    if count == 0 || count > synth::MAX_COUNT {
        return Err(CliError::Usage(format!(
            "--count {count}: give a number from 1 to {}",
            synth::MAX_COUNT
        )));
    }
    if out.exists() && !force {
        return Err(CliError::Failed(format!(
            "{}: already exists; add --force to replace it",
            out.display()
        )));
    }
    // Always modelled on the bundled inventory, so a (count, seed) pair means the same file
    // whatever --db says.
    let model = store::open_bundled()?;
    let inventory = synth::generate(&model, count, seed)
        .ok_or_else(|| CliError::Failed("the bundled inventory is empty".into()))?;
    crate::core::inventory::write_atomically(&inventory, out)
        .map_err(|e| CliError::Failed(e.to_string()))?;
    crate::say!(
        "wrote {count} synthetic interventions (seed {seed}) to {}",
        out.display()
    );
    Ok(())
}

/// Count interventions per (theme, value of `other`).
fn cross(items: &[Intervention], other: FacetGroup) -> BTreeMap<(String, String), usize> {
    let mut counts = BTreeMap::new();
    for item in items {
        for theme in &item.themes {
            for v in item.values(other) {
                *counts.entry((theme.clone(), v.to_string())).or_insert(0) += 1;
            }
        }
    }
    counts
}

fn stats(ctx: &Context, format: StatsFormat) -> Result<(), CliError> {
    let inventory = ctx.open()?;
    let items = &inventory.interventions;
    let lang = ctx.run.lang;
    let themes = FacetGroup::Theme.vocabulary().unwrap_or(&[]);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let theme_total = |id: &str| {
        items
            .iter()
            .filter(|i| i.themes.iter().any(|t| t == id))
            .count()
    };

    if format == StatsFormat::Json {
        let mut doc = serde_json::Map::new();
        doc.insert("interventions".into(), items.len().into());
        doc.insert(
            "per_theme".into(),
            themes
                .iter()
                .map(|t| (t.id.to_string(), theme_total(t.id).into()))
                .collect::<serde_json::Map<_, _>>()
                .into(),
        );
        for (key, group) in [
            ("theme_x_evidence", FacetGroup::Evidence),
            ("theme_x_working_element", FacetGroup::WorkingElement),
        ] {
            let rows: Vec<serde_json::Value> = cross(items, group)
                .into_iter()
                .map(|((t, v), n)| serde_json::json!({"theme": t, group.id(): v, "count": n}))
                .collect();
            doc.insert(key.into(), rows.into());
        }
        serde_json::to_writer_pretty(&mut out, &doc)
            .map_err(|e| CliError::Failed(e.to_string()))?;
        writeln!(out)?;
        out.flush()?;
        return Ok(());
    }

    writeln!(
        out,
        "{} — {} {}\n",
        inventory.metadata.title,
        items.len(),
        crate::core::i18n::Text::interventions(items.len(), lang)
    )?;
    for (group, title) in [
        (
            FacetGroup::Evidence,
            lang.pick("Thema × bewijs", "Theme × evidence"),
        ),
        (
            FacetGroup::WorkingElement,
            lang.pick("Thema × werkzaam element", "Theme × working element"),
        ),
    ] {
        let counts = cross(items, group);
        let values = group.vocabulary().unwrap_or(&[]);
        writeln!(out, "{title}")?;
        let mut header: Vec<String> = vec![String::new(), "n".into()];
        header.extend((1..=values.len()).map(|n| n.to_string()));
        let rows: Vec<Vec<String>> = themes
            .iter()
            .map(|t| {
                let ess = if ESS_THEMES.contains(&t.id) { "" } else { "  " };
                let mut row = vec![
                    format!("{ess}{}", t.label(lang)),
                    theme_total(t.id).to_string(),
                ];
                row.extend(values.iter().map(|v| {
                    match counts.get(&(t.id.to_string(), v.id.to_string())) {
                        Some(n) => n.to_string(),
                        None => "·".into(),
                    }
                }));
                row
            })
            .collect();
        let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
        let mut max = vec![38usize, 4];
        max.extend(values.iter().map(|_| 5));
        write!(out, "{}", table(&header_refs, &rows, &max))?;
        writeln!(out, "{}", legend(values))?;
    }
    writeln!(
        out,
        "{}\n",
        lang.pick(
            "Ingesprongen thema's horen niet bij de zeven ESS-thema's; ze lopen door de andere heen.",
            "Indented themes are not among the seven ESS themes; they cut across the others."
        )
    )?;
    let thin: Vec<&str> = ESS_THEMES
        .iter()
        .copied()
        .filter(|t| theme_total(t) < 5)
        .collect();
    if !thin.is_empty() {
        writeln!(
            out,
            "{}: {}",
            lang.pick("Dun bezet (< 5)", "Thin (< 5)"),
            thin.join(", ")
        )?;
    }
    out.flush()?;
    Ok(())
}

fn legend(values: &[crate::core::model::vocab::Term]) -> String {
    let parts: Vec<String> = values
        .iter()
        .enumerate()
        .map(|(n, v)| format!("{}={}", n + 1, v.id))
        .collect();
    format!("  ({}; · = 0)\n", parts.join(", "))
}
