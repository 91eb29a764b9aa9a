//! The export dialog (`e`): what (the active shortlist, the current results, or the comparison),
//! the format, and
//! the file (a default name in the current directory that follows the choices until edited;
//! an edited name keeps its stem, and its extension still follows the format).
//! Enter asks the run loop to write it; the dialog then shows the full path written or the
//! error. An existing file is only replaced after a second Enter.

use std::path::PathBuf;

use crate::core::compare::MIN_ITEMS;
use crate::core::config::Context;
use crate::core::export::{COMPARISON_FORMATS, Format, default_file_name};
use crate::core::i18n::Text;

use super::keymap::Action;
use super::msg::{Effect, ExportDone, ExportFailure, ExportRequest, ExportSource, Key};
use super::state::{Notice, Overlay, State};

/// Longest path typed in the dialog, in characters.
const MAX_PATH_CHARS: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportWhat {
    Shortlist,
    Results,
    /// The compare set's aspect table (from the compare view).
    Comparison,
}

impl ExportWhat {
    /// The formats this can be written in: a comparison is a table of aspects, which only the
    /// Markdown, CSV and JSON writers have a shape for.
    pub fn formats(self) -> &'static [Format] {
        match self {
            ExportWhat::Comparison => &COMPARISON_FORMATS,
            ExportWhat::Shortlist | ExportWhat::Results => &Format::ALL,
        }
    }
}

/// What can be exported now: the comparison only when there are two or more to compare.
fn choices(state: &State) -> Vec<ExportWhat> {
    let mut all = vec![ExportWhat::Shortlist, ExportWhat::Results];
    if state.ui.compare.records.len() >= MIN_ITEMS {
        all.push(ExportWhat::Comparison);
    }
    all
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportField {
    What,
    Format,
    Path,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportDialog {
    pub what: ExportWhat,
    pub format: Format,
    pub path: String,
    /// Once the user types in the path, choices no longer rename the file (only its extension
    /// follows the format).
    pub path_edited: bool,
    /// In chars.
    pub cursor: usize,
    pub field: ExportField,
    /// The last attempt: the full path written, or why not.
    pub outcome: Option<Result<String, String>>,
    /// The file exists: the next Enter overwrites it.
    pub confirm_overwrite: bool,
    /// After a write: what was left out (shortlist ids this inventory does not have), said.
    pub skipped: Option<String>,
    /// The export is being written (a large one takes seconds): said until the answer comes.
    pub busy: bool,
}

/// What the configuration says about exports: the format to start with and the folder the
/// default file name goes in (`None`: xlsx, the current directory).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExportDefaults {
    pub format: Option<Format>,
    pub folder: Option<PathBuf>,
}

/// The name the export is given: the shortlist's name, "resultaten" and the search text, or
/// "vergelijking" and the compared ids.
fn title(state: &State, what: ExportWhat) -> String {
    let lang = state.ui.lang;
    match (what, state.ui.shelf.active()) {
        (ExportWhat::Shortlist, Some(list)) => list.name.clone(),
        (ExportWhat::Comparison, _) => {
            format!(
                "{} {}",
                Text::Comparison.get(lang),
                state.compared_ids().join(" ")
            )
        }
        _ => format!("{} {}", Text::Results.get(lang), state.ui.query.text.trim()),
    }
}

/// A name the user typed, made to follow a new format: an export extension at its end
/// (`sessie.xlsx`, `lijst.csl.json`) becomes the new format's, so the file says what it holds.
/// A name without one (or with another, `notes.txt`) is the user's choice and stays.
fn follow_format(path: &str, format: Format) -> String {
    let lower = path.to_ascii_lowercase();
    // Longest first: `.csl.json` before `.json`.
    let mut suffixes: Vec<&str> = Format::ALL.iter().map(|f| f.file_suffix()).collect();
    suffixes.push("markdown");
    suffixes.sort_by_key(|s| std::cmp::Reverse(s.len()));
    for suffix in suffixes {
        let dotted = format!(".{suffix}");
        // ASCII lowercasing keeps byte offsets, and the suffix is ASCII: a char boundary.
        if lower.ends_with(&dotted) && lower.len() > dotted.len() {
            let stem = &path[..path.len() - dotted.len()];
            return format!("{stem}.{}", format.file_suffix());
        }
    }
    path.to_string()
}

/// The name the file is written under: one that says its format. An export extension of another
/// format is replaced (`lijst.xlsx` as csv: `lijst.csv`); a name without the format's extension
/// gets it (`notities` or `notities.txt` as md: `notities.md`, `notities.txt.md`), so a file never
/// opens in the wrong program.
pub fn with_format_extension(path: &str, format: Format) -> String {
    let followed = follow_format(path, format);
    let suffix = format!(".{}", format.file_suffix());
    let lower = followed.to_ascii_lowercase();
    if lower.ends_with(&suffix) && lower.len() > suffix.len() {
        followed
    } else {
        format!("{followed}{suffix}")
    }
}

impl ExportDialog {
    fn refresh_path(&mut self, state: &State) {
        if self.path_edited {
            let followed = follow_format(&self.path, self.format);
            if followed != self.path {
                self.path = followed;
                self.cursor = self.path.chars().count();
            }
        } else {
            let name = default_file_name(&title(state, self.what), self.format);
            self.path = match &state.export_defaults.folder {
                Some(folder) => folder.join(name).display().to_string(),
                None => name,
            };
            self.cursor = self.path.chars().count();
        }
    }
}

/// Open the dialog: the results when a search or filter is active (that is what is on screen),
/// else the active shortlist when there is one with items, else all results.
pub fn open(state: &mut State) {
    let query = &state.ui.query;
    let searching =
        !query.text.trim().is_empty() || !query.filters.is_empty() || query.min_evidence.is_some();
    let what = match state.ui.shelf.active() {
        _ if searching => ExportWhat::Results,
        Some(l) if !l.items.is_empty() => ExportWhat::Shortlist,
        _ => ExportWhat::Results,
    };
    open_on(state, what);
}

/// Open the dialog on the active shortlist (`e` in the shortlist view: that list is on screen,
/// whatever the search behind it).
pub fn open_shortlist(state: &mut State) {
    open_on(state, ExportWhat::Shortlist);
}

/// Open the dialog on the comparison (`e` in the compare view).
pub fn open_comparison(state: &mut State) {
    open_on(state, ExportWhat::Comparison);
}

fn open_on(state: &mut State, what: ExportWhat) {
    let configured = state.export_defaults.format.unwrap_or(Format::Xlsx);
    let mut dialog = ExportDialog {
        what,
        format: allowed(what, configured),
        path: String::new(),
        path_edited: false,
        cursor: 0,
        field: ExportField::Format,
        outcome: None,
        confirm_overwrite: false,
        skipped: None,
        busy: false,
    };
    dialog.refresh_path(state);
    state.ui.overlay = Some(Overlay::Export(dialog));
}

/// `format` if `what` can be written in it, else the first format that can.
fn allowed(what: ExportWhat, format: Format) -> Format {
    let formats = what.formats();
    if formats.contains(&format) {
        format
    } else {
        formats.first().copied().unwrap_or(Format::Md)
    }
}

fn cycle<T: Copy + PartialEq>(all: &[T], at: T, forward: bool) -> T {
    let i = all.iter().position(|x| *x == at).unwrap_or(0);
    let n = all.len();
    all[if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    }]
}

pub fn on_key(state: &mut State, key: Key) -> Vec<Effect> {
    let Some(Overlay::Export(dialog)) = &state.ui.overlay else {
        return Vec::new();
    };
    let mut d = dialog.clone();
    let action = state.keys.lookup(Context::Export, key);
    let fields = [ExportField::What, ExportField::Format, ExportField::Path];
    let mut changed = true;
    let mut effects = Vec::new();
    let mut chars: Vec<char> = d.path.chars().collect();
    let at = d.cursor.min(chars.len());
    match (action, d.field) {
        (Some(Action::Cancel), _) => {
            state.ui.overlay = None;
            return Vec::new();
        }
        (Some(Action::Confirm), _) => {
            changed = false;
            let source = match d.what {
                ExportWhat::Shortlist => state
                    .ui
                    .shelf
                    .active()
                    .map(|l| ExportSource::Shortlist(l.name.clone())),
                ExportWhat::Results => Some(ExportSource::Results),
                ExportWhat::Comparison => (state.ui.compare.records.len() >= MIN_ITEMS)
                    .then_some(ExportSource::Comparison),
            };
            let lang = state.ui.lang;
            if let Some(source) = source.filter(|_| !d.path.trim().is_empty()) {
                // The name says the format, whatever was typed; the dialog shows the name used.
                let named = with_format_extension(d.path.trim(), d.format);
                if named != d.path {
                    d.cursor = named.chars().count();
                    d.path = named;
                }
                d.busy = true;
                d.outcome = None;
                effects.push(Effect::Export(ExportRequest {
                    source,
                    format: d.format,
                    path: PathBuf::from(d.path.trim()),
                    overwrite: d.confirm_overwrite,
                }));
            } else if d.what == ExportWhat::Shortlist && state.ui.shelf.active().is_none() {
                d.outcome = Some(Err(Text::ExportNoShortlist.get(lang).into()));
            } else if d.what == ExportWhat::Comparison {
                d.outcome = Some(Err(Text::MsgCompareTooFew.get(lang).into()));
            } else {
                d.field = ExportField::Path;
            }
        }
        (Some(Action::NextField), _) => {
            d.field = cycle(&fields, d.field, true);
            changed = false;
        }
        (Some(Action::PrevField), _) => {
            d.field = cycle(&fields, d.field, false);
            changed = false;
        }
        (Some(Action::OptionLeft | Action::OptionRight), ExportField::What) => {
            d.what = cycle(&choices(state), d.what, action == Some(Action::OptionRight));
            d.format = allowed(d.what, d.format);
            d.refresh_path(state);
        }
        (Some(Action::OptionLeft | Action::OptionRight), ExportField::Format) => {
            d.format = cycle(
                d.what.formats(),
                d.format,
                action == Some(Action::OptionRight),
            );
            d.refresh_path(state);
        }
        (Some(Action::OptionLeft), ExportField::Path) => {
            d.cursor = at.saturating_sub(1);
            changed = false;
        }
        (Some(Action::OptionRight), ExportField::Path) => {
            d.cursor = (at + 1).min(chars.len());
            changed = false;
        }
        (Some(Action::CursorStart), ExportField::Path) => d.cursor = 0,
        (Some(Action::CursorEnd), ExportField::Path) => d.cursor = chars.len(),
        (Some(Action::DeleteBack), ExportField::Path) if at > 0 => {
            chars.remove(at - 1);
            d.cursor = at - 1;
            d.path = chars.iter().collect();
            d.path_edited = true;
        }
        (Some(Action::DeleteForward), ExportField::Path) if at < chars.len() => {
            chars.remove(at);
            d.path = chars.iter().collect();
            d.path_edited = true;
        }
        (Some(Action::ClearSearch), ExportField::Path) => {
            d.path.clear();
            d.cursor = 0;
            d.path_edited = true;
        }
        (None, ExportField::Path) => match key.typed_char() {
            Some(c) if chars.len() < MAX_PATH_CHARS => {
                chars.insert(at, c);
                d.cursor = at + 1;
                d.path = chars.iter().collect();
                d.path_edited = true;
            }
            _ => changed = false,
        },
        _ => changed = false,
    }
    if changed {
        d.outcome = None;
        d.confirm_overwrite = false;
        d.skipped = None;
    }
    state.ui.overlay = Some(Overlay::Export(d));
    effects
}

/// At most this many skipped ids are named; the rest are counted.
const MAX_SKIPPED_NAMED: usize = 5;

/// "⚠ 2 niet geëxporteerd, niet (meer) in deze inventaris: a, b".
fn skipped_note(skipped: &[String], lang: crate::core::model::Lang) -> Option<String> {
    if skipped.is_empty() {
        return None;
    }
    let mut named = skipped
        .iter()
        .take(MAX_SKIPPED_NAMED)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if skipped.len() > MAX_SKIPPED_NAMED {
        named.push_str(", …");
    }
    Some(format!(
        "{} {}: {named}",
        skipped.len(),
        Text::MsgNotExported.get(lang)
    ))
}

/// The run loop wrote (or failed to write) the export.
pub fn exported(state: &mut State, result: Result<ExportDone, ExportFailure>) {
    let lang = state.ui.lang;
    let mut note = None;
    if let Ok(done) = &result {
        note = skipped_note(&done.skipped, lang);
        let written = format!("{}: {}", Text::ExportWritten.get(lang), done.path.display());
        state.ui.notice = Some(match &note {
            // A warning, so it is not taken for a complete export.
            Some(n) => Notice::Warning(format!("{written} · {n}")),
            None => Notice::Info(written),
        });
    }
    if let Some(Overlay::Export(d)) = &mut state.ui.overlay {
        d.busy = false;
        match result {
            Ok(done) => {
                d.outcome = Some(Ok(done.path.display().to_string()));
                d.confirm_overwrite = false;
                d.skipped = note;
            }
            Err(f) => {
                d.confirm_overwrite = f.exists;
                d.outcome = Some(Err(f.message));
                d.skipped = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_name_keeps_its_stem_and_takes_the_formats_extension() {
        assert_eq!(
            follow_format("/tmp/sessie-maart.xlsx", Format::Json),
            "/tmp/sessie-maart.json"
        );
        assert_eq!(follow_format("Lijst.XLSX", Format::Md), "Lijst.md");
        assert_eq!(
            follow_format("lijst.json", Format::CslJson),
            "lijst.csl.json"
        );
        assert_eq!(follow_format("lijst.csl.json", Format::Ris), "lijst.ris");
        assert_eq!(follow_format("lijst.markdown", Format::Csv), "lijst.csv");
        // No export extension: the user's own choice stays.
        assert_eq!(follow_format("notities.txt", Format::Json), "notities.txt");
        assert_eq!(follow_format("notities", Format::Json), "notities");
        // What is written always carries the format's extension.
        assert_eq!(with_format_extension("notities", Format::Md), "notities.md");
        assert_eq!(
            with_format_extension("notities.txt", Format::Md),
            "notities.txt.md"
        );
        assert_eq!(
            with_format_extension("lijst.xlsx", Format::Csv),
            "lijst.csv"
        );
        assert_eq!(
            with_format_extension("Lijst.CSV", Format::CsvNl),
            "Lijst.csv"
        );
        assert_eq!(
            with_format_extension("lijst.json", Format::CslJson),
            "lijst.csl.json"
        );
        assert_eq!(with_format_extension("brief", Format::Html), "brief.html");
        assert_eq!(follow_format(".json", Format::Md), ".json");
    }
}
