//! `weerbaar import FILE… -o OUT.sqlite`: turn CSV, JSON and TOML lists into an inventory.
//! Problems go to stderr as `FILE:LINE[:COLUMN]: message`; nothing is written unless every
//! entry is valid, or `--lenient` is given.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::core::atomic::{self, Overwrite};
use crate::core::i18n::Text;
use crate::core::import::{self, Mapping, report};

use super::{CliError, Context};

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// CSV or JSON files, TOML entries, or directories of TOML entries.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The inventory to write (open it with `weerbaar --db OUT.sqlite`).
    #[arg(short, long, value_name = "OUT.sqlite")]
    pub out: PathBuf,
    /// Replace OUT (and its report) if it exists.
    #[arg(long)]
    pub force: bool,
    /// Import the valid entries and write the rejected ones to NAME.rejected.txt next to OUT
    /// (`-o lijst.sqlite` → `lijst.rejected.txt`).
    #[arg(long)]
    pub lenient: bool,
    /// A TOML file mapping values outside the vocabulary to ids (see docs/import.md).
    #[arg(long, value_name = "MAP.toml")]
    pub mapping: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: &ImportArgs) -> Result<(), CliError> {
    let report_path = report::path_for(&args.out);
    refuse_to_overwrite(&args.out, args.force)?;
    if args.lenient {
        refuse_to_overwrite(&report_path, args.force)?;
    }
    if args.files.iter().any(|f| same_file(f, &args.out)) {
        return Err(CliError::Usage(format!(
            "{}: the output is also an input; choose another -o",
            args.out.display()
        )));
    }
    let mapping = match &args.mapping {
        Some(path) => Mapping::load(path).map_err(|problems| {
            let mut cap = crate::core::cap::Cap::default();
            for p in problems.iter().filter(|p| cap.admit(&p.message)) {
                crate::say!("{p}");
            }
            if let Some(rest) = cap.summary(ctx.run.lang) {
                crate::say!("{rest}");
            }
            CliError::Failed(format!(
                "{} problem(s) in the mapping file; nothing was written",
                problems.len()
            ))
        })?,
        None => Mapping::default(),
    };
    let opts = import::Options {
        mapping: &mapping,
        current_year: ctx.run.current_year,
        today: crate::core::model::today(),
    };
    let outcome = import::read_inputs(&args.files, &opts);
    // What is said on stderr is best effort: a closed stderr (`2>&1 | head`) must not stop the
    // database or the rejected-rows report from being written.
    let mut cap = crate::core::cap::Cap::default();
    for w in outcome.warnings.iter().filter(|w| cap.admit(&w.message)) {
        crate::say!("{w}");
    }
    for p in outcome.problems.iter().filter(|p| cap.admit(&p.message)) {
        crate::say!("{p}");
    }
    if let Some(rest) = cap.summary(ctx.run.lang) {
        crate::say!("{rest}");
    }
    if outcome
        .problems
        .iter()
        .any(|p| p.message.starts_with("unknown "))
    {
        crate::say!("{}", Text::MappingHint.get(ctx.run.lang));
    }
    let imported = outcome.inventory.interventions.len();
    if !outcome.problems.is_empty() && !args.lenient {
        return Err(CliError::Failed(format!(
            "{} problem(s) found; nothing was written (--lenient imports the valid entries)",
            outcome.problems.len()
        )));
    }
    if imported == 0 {
        return Err(CliError::Failed(
            "nothing to import: no valid entries; nothing was written".into(),
        ));
    }
    crate::core::inventory::write_atomically(&outcome.inventory, &args.out)
        .map_err(|e| CliError::Failed(e.to_string()))?;
    crate::say!(
        "{imported} {} {} {}; {} `weerbaar --db {}`",
        Text::interventions(imported, ctx.run.lang),
        Text::ImportedTo.get(ctx.run.lang),
        args.out.display(),
        Text::OpenWith.get(ctx.run.lang),
        args.out.display()
    );
    if !outcome.rejected.is_empty() || !outcome.problems.is_empty() {
        write_report(&outcome, ctx, &report_path, args.force)?;
        crate::say!(
            "{} {} {}",
            outcome.rejected.len(),
            Text::ImportRejectedSee.get(ctx.run.lang),
            report_path.display()
        );
    } else if args.force && report_path.is_file() {
        // OUT was replaced; a report left by an earlier run would describe another import.
        std::fs::remove_file(&report_path).map_err(|e| {
            CliError::Failed(format!(
                "{}: cannot remove the old report: {e}",
                report_path.display()
            ))
        })?;
        crate::say!(
            "{} {}",
            Text::ImportOldReportRemoved.get(ctx.run.lang),
            report_path.display()
        );
    }
    Ok(())
}

fn refuse_to_overwrite(path: &Path, force: bool) -> Result<(), CliError> {
    if path.exists() && !force {
        return Err(CliError::Failed(
            atomic::WriteError::Exists(path.to_path_buf()).to_string(),
        ));
    }
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Write the report through a temporary file, like the database.
fn write_report(
    outcome: &import::Outcome,
    ctx: &Context,
    path: &Path,
    force: bool,
) -> Result<(), CliError> {
    let overwrite = if force {
        Overwrite::Allow
    } else {
        Overwrite::Refuse
    };
    atomic::write(path, overwrite, |out| {
        report::write(outcome, ctx.run.lang, out)
    })
    .map_err(|e| CliError::Failed(e.to_string()))
}
