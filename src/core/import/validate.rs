//! Sorting read entries into imported and rejected: each draft gets its values mapped to ids
//! (`mapping`), then the shared rules of `store::draft`, then the check that no two entries in
//! the whole import share an id or a name.

use std::path::{Path, PathBuf};

use crate::core::model::Intervention;
use crate::core::model::diagnostics::{Pos, Problem};
use crate::core::store::draft::{Registry, Rules, validate};

use super::{FileRead, Options, Outcome, Rejected};

pub(super) struct Checker<'a> {
    opts: &'a Options<'a>,
    registry: Registry,
}

impl<'a> Checker<'a> {
    pub fn new(opts: &'a Options<'a>) -> Checker<'a> {
        Checker {
            opts,
            registry: Registry::default(),
        }
    }

    /// Validate the drafts of one CSV or JSON file.
    pub fn add_drafts(&mut self, path: &Path, read: FileRead, outcome: &mut Outcome) {
        outcome.warnings.extend(read.warnings);
        // A problem with the file as a whole (its header, say) holds back every row.
        let file_failed = !read.problems.is_empty();
        outcome.problems.extend(read.problems);
        for mut entry in read.entries {
            self.opts.mapping.apply(&mut entry.draft);
            let mut problems = entry.problems;
            let hidden = entry.hidden;
            let mut report = |pos: Pos, message: String| {
                // A whole-row problem in a file missing a required column is about that
                // column, which the header problem already names.
                let about_missing_column = read.columns_missing && pos.column == 0;
                if !about_missing_column && !hidden.contains(&message) {
                    problems.push(Problem::new(path, pos, message));
                }
            };
            let item = validate(
                &entry.draft,
                &read.names,
                Rules::Import,
                self.opts.current_year,
                &mut report,
            );
            let at = |p: &Option<crate::core::model::diagnostics::At<String>>| {
                p.as_ref().map(|v| v.pos).unwrap_or(entry.draft.pos)
            };
            self.registry.check(
                path,
                &item,
                at(&entry.draft.id),
                at(&entry.draft.name),
                &mut report,
            );
            problems.sort_by_key(|p| (p.line, p.column));
            self.settle(
                path,
                entry.draft.pos.line,
                item,
                problems,
                file_failed,
                outcome,
            );
        }
    }

    /// Take entries the source reader has already validated (a TOML file or directory).
    pub fn add_checked(
        &mut self,
        path: &Path,
        items: Vec<Intervention>,
        problems: Vec<Problem>,
        outcome: &mut Outcome,
    ) {
        // The source reader reports per file and returns only the valid entries; each file
        // with problems is one rejected entry.
        let mut files: Vec<&PathBuf> = problems.iter().map(|p| &p.file).collect();
        files.dedup();
        for file in files {
            outcome.rejected.push(Rejected {
                file: file.clone(),
                line: 1,
                id: file
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                name: String::new(),
                problems: problems
                    .iter()
                    .filter(|p| &p.file == file)
                    .cloned()
                    .collect(),
            });
        }
        outcome.problems.extend(problems);
        for item in items {
            let file = entry_file(path, &item.id);
            let mut found = Vec::new();
            let start = Pos::new(1, 0);
            self.registry
                .check(&file, &item, start, start, &mut |pos, message| {
                    found.push(Problem::new(&file, pos, message))
                });
            self.settle(&file, 1, item, found, false, outcome);
        }
    }

    fn settle(
        &mut self,
        file: &Path,
        line: usize,
        item: Intervention,
        problems: Vec<Problem>,
        file_failed: bool,
        outcome: &mut Outcome,
    ) {
        if problems.is_empty() && !file_failed {
            outcome.inventory.interventions.push(item);
            return;
        }
        outcome.problems.extend(problems.iter().cloned());
        outcome.rejected.push(Rejected {
            file: file.to_path_buf(),
            line,
            id: item.id,
            name: item.name,
            problems,
        });
    }
}

/// The file a validated TOML entry came from (its name is the id).
fn entry_file(input: &Path, id: &str) -> PathBuf {
    if !input.is_dir() {
        return input.to_path_buf();
    }
    let dir = input.join("interventions");
    let dir = if dir.is_dir() {
        dir
    } else {
        input.to_path_buf()
    };
    dir.join(format!("{id}.toml"))
}
