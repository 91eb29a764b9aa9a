//! The report `--lenient` writes next to the output: which entries were left out and why, in
//! the same `FILE:LINE[:COLUMN]: message` form as the errors, so each can be fixed in place.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::core::i18n::Text;
use crate::core::model::Lang;

use super::Outcome;

/// `OUT.sqlite` → `OUT.rejected.txt`, in the same directory.
pub fn path_for(out: &Path) -> PathBuf {
    out.with_extension("rejected.txt")
}

pub fn write(outcome: &Outcome, lang: Lang, mut out: impl Write) -> std::io::Result<()> {
    let imported = outcome.inventory.interventions.len();
    let total = imported + outcome.rejected.len();
    writeln!(
        out,
        "# weerbaar import: {} {} {total} {}",
        outcome.rejected.len(),
        Text::Of.get(lang),
        Text::ReportNotImported.get(lang),
    )?;
    writeln!(out, "# {}", Text::ReportHowToFix.get(lang))?;
    // Problems with a whole file, not tied to one entry.
    let tied: HashSet<&crate::core::model::diagnostics::Problem> = outcome
        .rejected
        .iter()
        .flat_map(|r| r.problems.iter())
        .collect();
    let loose: Vec<_> = outcome
        .problems
        .iter()
        .filter(|p| !tied.contains(p))
        .collect();
    if !loose.is_empty() {
        writeln!(out)?;
        for p in loose {
            writeln!(out, "{p}")?;
        }
    }
    for r in &outcome.rejected {
        writeln!(out)?;
        let label = match (r.id.is_empty(), r.name.is_empty()) {
            (false, false) => format!("`{}` ({})", r.name, r.id),
            (true, false) => format!("`{}`", r.name),
            (false, true) => format!("`{}`", r.id),
            (true, true) => "?".to_string(),
        };
        writeln!(out, "{}:{}: {label}", r.file.display(), r.line)?;
        if r.problems.is_empty() {
            writeln!(out, "  {}", Text::ReportFileProblem.get(lang))?;
        }
        for p in &r.problems {
            writeln!(out, "  {p}")?;
        }
    }
    Ok(())
}
