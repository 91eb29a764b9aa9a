//! Reading and validating the human-edited sources: one TOML file per intervention under
//! `data/interventions/`, plus `data/inventory.toml` with the inventory's metadata.
//!
//! Validation collects every problem (not only the first) as `file:line:column: message`, so an
//! editor can fix a whole batch in one pass.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::model::text::{sanitize, sanitize_line};
use crate::model::vocab::{self, Term, closest_ids};
use crate::model::{
    Evidence, FacetGroup, Intervention, Source, Study, Weerbaarheid, WorkingElementUse,
};

use super::Metadata;

/// One problem found in a source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

/// Everything read from a data directory: metadata and the valid interventions, sorted by id,
/// plus every problem found. The sources are usable only when `problems` is empty.
#[derive(Debug, Default)]
pub struct SourceSet {
    pub metadata: Metadata,
    pub interventions: Vec<Intervention>,
    pub problems: Vec<Problem>,
}

type S<T> = Spanned<T>;

/// 1-based (line, column) in a source file.
type Position = (usize, usize);

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct Doc {
    id: Option<S<String>>,
    name: Option<S<String>>,
    aliases: Vec<String>,
    providers: Option<S<Vec<String>>>,
    country: String,
    summary: Option<S<String>>,
    aim: Option<S<String>>,
    approach: Option<S<String>>,
    target_groups: Option<S<Vec<S<String>>>>,
    levels: Option<S<Vec<S<String>>>>,
    offer_types: Option<S<Vec<S<String>>>>,
    prevention: Option<S<Vec<S<String>>>>,
    themes: Option<S<Vec<S<String>>>>,
    duration: String,
    cost: String,
    region: String,
    weerbaarheid: Option<S<DocWeerbaarheid>>,
    working_elements: Option<S<Vec<DocWorkingElement>>>,
    evidence: Option<S<DocEvidence>>,
    sources: Option<S<Vec<S<DocSource>>>>,
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct DocWeerbaarheid {
    dimensions: Option<S<Vec<S<String>>>>,
    framing: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocWorkingElement {
    id: S<String>,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct DocEvidence {
    level: Option<S<String>>,
    year: Option<S<i64>>,
    body: String,
    note: String,
    studies: Vec<S<DocStudy>>,
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct DocStudy {
    design: String,
    n: Option<S<i64>>,
    outcome: String,
    year: Option<S<i64>>,
    reference: String,
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct DocSource {
    url: Option<S<String>>,
    title: String,
    checked: Option<S<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MetadataDoc {
    title: String,
    version: String,
    date: S<String>,
    licence: String,
    source: String,
}

/// Read `dir/inventory.toml` and every `dir/interventions/*.toml`.
pub fn read_dir(dir: &Path, current_year: u16) -> SourceSet {
    let mut set = SourceSet::default();
    let meta_path = dir.join("inventory.toml");
    match std::fs::read_to_string(&meta_path) {
        Ok(text) => match parse_metadata(&meta_path, &text) {
            Ok(meta) => set.metadata = meta,
            Err(mut problems) => set.problems.append(&mut problems),
        },
        Err(e) => set.problems.push(Problem {
            file: meta_path,
            line: 1,
            column: 1,
            message: format!("cannot read the inventory metadata: {e}"),
        }),
    }

    let entries_dir = dir.join("interventions");
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&entries_dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect(),
        Err(e) => {
            set.problems.push(Problem {
                file: entries_dir,
                line: 1,
                column: 1,
                message: format!("cannot read the interventions directory: {e}"),
            });
            return set;
        }
    };
    files.sort();
    let mut texts = Vec::new();
    for file in files {
        match std::fs::read(&file) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => texts.push((file, text)),
                Err(e) => set.problems.push(Problem {
                    file,
                    line: 1,
                    column: 1,
                    message: format!(
                        "not valid UTF-8 (byte {}); save the file as UTF-8",
                        e.utf8_error().valid_up_to()
                    ),
                }),
            },
            Err(e) => set.problems.push(Problem {
                file,
                line: 1,
                column: 1,
                message: format!("cannot read: {e}"),
            }),
        }
    }
    let mut parsed = parse_all(&texts, current_year);
    set.problems.append(&mut parsed.problems);
    set.interventions = parsed.interventions;
    set
}

/// Parse and validate a batch of (path, text) pairs, including cross-file checks (duplicate ids
/// and names). Used by `read_dir` and by tests with in-memory sources.
pub fn parse_all(files: &[(PathBuf, String)], current_year: u16) -> SourceSet {
    let mut set = SourceSet::default();
    let mut ids: HashMap<String, (PathBuf, usize)> = HashMap::new();
    let mut names: HashMap<String, (PathBuf, usize)> = HashMap::new();
    for (path, text) in files {
        let mut problems = Vec::new();
        let parsed = parse_one(path, text, current_year, &mut problems);
        if let Some((item, (id_line, id_col), (name_line, name_col))) = parsed {
            if let Some((other, line)) = ids.get(&item.id) {
                problems.push(problem(
                    path,
                    id_line,
                    id_col,
                    format!(
                        "duplicate id `{}`: also used in {}:{line}",
                        item.id,
                        other.display()
                    ),
                ));
            } else {
                ids.insert(item.id.clone(), (path.clone(), id_line));
            }
            let name_key = item.name.to_lowercase();
            if let Some((other, line)) = names.get(&name_key) {
                problems.push(problem(
                    path,
                    name_line,
                    name_col,
                    format!(
                        "duplicate name `{}`: also used in {}:{line}",
                        item.name,
                        other.display()
                    ),
                ));
            } else {
                names.insert(name_key, (path.clone(), name_line));
            }
            if problems.is_empty() {
                set.interventions.push(item);
            }
        }
        set.problems.append(&mut problems);
    }
    set.interventions.sort_by(|a, b| a.id.cmp(&b.id));
    set
}

fn problem(file: &Path, line: usize, column: usize, message: String) -> Problem {
    Problem {
        file: file.to_path_buf(),
        line,
        column,
        message,
    }
}

/// 1-based line and column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count() + 1)
        .unwrap_or(1);
    (line, column)
}

/// Collects problems for one file with positions resolved against its text.
struct Checker<'a> {
    path: &'a Path,
    text: &'a str,
    problems: &'a mut Vec<Problem>,
}

impl Checker<'_> {
    fn at(&mut self, offset: usize, message: String) {
        let (line, column) = line_col(self.text, offset);
        self.problems
            .push(problem(self.path, line, column, message));
    }

    /// A required text field: present and not blank.
    fn text(&mut self, field: &str, value: &Option<S<String>>, multiline: bool) -> String {
        match value {
            Some(v) if !v.get_ref().trim().is_empty() => {
                if multiline {
                    sanitize(v.get_ref().trim(), true)
                } else {
                    sanitize_line(v.get_ref())
                }
            }
            Some(v) => {
                self.at(v.span().start, format!("`{field}` is empty"));
                String::new()
            }
            None => {
                self.at(0, format!("missing required field `{field}`"));
                String::new()
            }
        }
    }

    /// A required, non-empty list of ids from one vocabulary.
    fn ids(
        &mut self,
        field: &str,
        group: FacetGroup,
        value: &Option<S<Vec<S<String>>>>,
        may_be_empty: bool,
    ) -> Vec<String> {
        let Some(list) = value else {
            self.at(0, format!("missing required field `{field}`"));
            return Vec::new();
        };
        if list.get_ref().is_empty() && !may_be_empty {
            self.at(
                list.span().start,
                format!("`{field}` needs at least one value"),
            );
        }
        let vocabulary = group.vocabulary().unwrap_or(&[]);
        let mut out: Vec<String> = Vec::new();
        for item in list.get_ref() {
            let id = item.get_ref().trim();
            if vocabulary.iter().any(|t| t.id == id) {
                if out.iter().any(|o| o == id) {
                    self.at(item.span().start, format!("`{field}` lists `{id}` twice"));
                } else {
                    out.push(id.to_string());
                }
            } else {
                self.at(item.span().start, unknown_id_message(group, id, vocabulary));
            }
        }
        out
    }

    fn year(&mut self, field: &str, value: &Option<S<i64>>, current_year: u16) -> Option<u16> {
        let v = value.as_ref()?;
        let y = *v.get_ref();
        if (1950..=i64::from(current_year)).contains(&y) {
            Some(y as u16)
        } else {
            self.at(
                v.span().start,
                format!("`{field}` = {y} is not a plausible year (1950–{current_year})"),
            );
            None
        }
    }
}

/// "unknown theme `polarisati`; did you mean `polarisatie`?"
pub fn unknown_id_message(group: FacetGroup, id: &str, vocabulary: &[Term]) -> String {
    let suggestions = closest_ids(id, vocabulary.iter().map(|t| t.id));
    if suggestions.is_empty() {
        format!(
            "unknown {} `{id}`; valid ids: {}",
            group.id(),
            vocabulary
                .iter()
                .map(|t| t.id)
                .collect::<Vec<_>>()
                .join(", ")
        )
    } else {
        format!(
            "unknown {} `{id}`; did you mean {}?",
            group.id(),
            suggestions
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        )
    }
}

fn is_kebab_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A calendar date written as YYYY-MM-DD, not in the future.
pub fn is_valid_date(s: &str, current_year: u16) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u16>(), m.parse::<u8>(), d.parse::<u8>()) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1990..=current_year).contains(&y) && (1..=days).contains(&d)
}

/// A web address we can cite: http(s), a host, no spaces.
pub fn is_valid_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    match rest {
        Some(r) => {
            let host = r.split('/').next().unwrap_or("");
            host.contains('.') && !s.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    }
}

/// Parse one file. Returns the intervention with the lines of its id and name (for cross-file
/// messages), or `None` when the TOML itself cannot be read.
fn parse_one(
    path: &Path,
    text: &str,
    current_year: u16,
    problems: &mut Vec<Problem>,
) -> Option<(Intervention, Position, Position)> {
    let doc: Doc = match toml::from_str(text) {
        Ok(doc) => doc,
        Err(e) => {
            let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
            problems.push(problem(path, line, column, e.message().to_string()));
            return None;
        }
    };
    let mut c = Checker {
        path,
        text,
        problems,
    };

    let id = c.text("id", &doc.id, false);
    let id_pos = doc
        .id
        .as_ref()
        .map(|s| line_col(text, s.span().start))
        .unwrap_or((1, 1));
    if let Some(raw) = &doc.id {
        if !id.is_empty() && !is_kebab_id(&id) {
            c.at(
                raw.span().start,
                format!("id `{id}` must be kebab-case: lowercase ASCII letters, digits and single dashes"),
            );
        }
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if !id.is_empty() && stem != id {
            c.at(
                raw.span().start,
                format!("id `{id}` must match the file name ({stem}.toml)"),
            );
        }
    }
    let name = c.text("name", &doc.name, false);
    let name_pos = doc
        .name
        .as_ref()
        .map(|s| line_col(text, s.span().start))
        .unwrap_or((1, 1));

    let providers: Vec<String> = match &doc.providers {
        Some(p) => {
            let list: Vec<String> = p
                .get_ref()
                .iter()
                .map(|s| sanitize_line(s))
                .filter(|s| !s.is_empty())
                .collect();
            if list.is_empty() {
                c.at(
                    p.span().start,
                    "`providers` needs at least one provider".into(),
                );
            }
            list
        }
        None => {
            c.at(0, "missing required field `providers`".into());
            Vec::new()
        }
    };
    let summary = c.text("summary", &doc.summary, true);
    let aim = c.text("aim", &doc.aim, true);
    let approach = c.text("approach", &doc.approach, true);
    let target_groups = c.ids(
        "target_groups",
        FacetGroup::TargetGroup,
        &doc.target_groups,
        false,
    );
    let levels = c.ids("levels", FacetGroup::Level, &doc.levels, false);
    let offer_types = c.ids(
        "offer_types",
        FacetGroup::OfferType,
        &doc.offer_types,
        false,
    );
    let prevention = c.ids("prevention", FacetGroup::Prevention, &doc.prevention, false);
    let themes = c.ids("themes", FacetGroup::Theme, &doc.themes, false);

    let weerbaarheid = match &doc.weerbaarheid {
        Some(w) => {
            let dimensions = c.ids(
                "weerbaarheid.dimensions",
                FacetGroup::Dimension,
                &w.get_ref().dimensions,
                // Empty when the sources describe no view of resilience: shown as unknown.
                true,
            );
            let framing = sanitize(w.get_ref().framing.trim(), true);
            if framing.is_empty() {
                c.at(
                    w.span().start,
                    "`weerbaarheid.framing` is empty: say in a sentence how the intervention frames resilience".into(),
                );
            }
            Weerbaarheid {
                dimensions,
                framing,
            }
        }
        None => {
            c.at(0, "missing required table `[weerbaarheid]`".into());
            Weerbaarheid::default()
        }
    };

    let working_elements = match &doc.working_elements {
        Some(list) if !list.get_ref().is_empty() => {
            let mut out: Vec<WorkingElementUse> = Vec::new();
            for w in list.get_ref() {
                let wid = w.id.get_ref().trim();
                if vocab::WORKING_ELEMENTS.iter().all(|t| t.id != wid) {
                    c.at(
                        w.id.span().start,
                        unknown_id_message(
                            FacetGroup::WorkingElement,
                            wid,
                            vocab::WORKING_ELEMENTS,
                        ),
                    );
                } else if out.iter().any(|o| o.id == wid) {
                    c.at(
                        w.id.span().start,
                        format!("working element `{wid}` is listed twice"),
                    );
                } else {
                    out.push(WorkingElementUse {
                        id: wid.to_string(),
                        note: sanitize(w.note.trim(), false),
                    });
                }
            }
            out
        }
        Some(list) => {
            c.at(
                list.span().start,
                "`working_elements` needs at least one entry".into(),
            );
            Vec::new()
        }
        None => {
            c.at(0, "missing required table `[[working_elements]]`".into());
            Vec::new()
        }
    };

    let evidence = match &doc.evidence {
        Some(e) => parse_evidence(&mut c, e, current_year),
        None => {
            c.at(
                0,
                "missing required table `[evidence]` (use level = \"onbekend\" when no assessment is known)".into(),
            );
            Evidence::default()
        }
    };

    let sources = match &doc.sources {
        Some(list) if !list.get_ref().is_empty() => list
            .get_ref()
            .iter()
            .map(|s| parse_source(&mut c, s, current_year))
            .collect(),
        Some(list) => {
            c.at(
                list.span().start,
                "`sources` needs at least one source".into(),
            );
            Vec::new()
        }
        None => {
            c.at(
                0,
                "missing source: every entry needs at least one `[[sources]]` with url and checked date".into(),
            );
            Vec::new()
        }
    };

    let item = Intervention {
        id,
        name,
        aliases: doc
            .aliases
            .iter()
            .map(|s| sanitize_line(s))
            .filter(|s| !s.is_empty())
            .collect(),
        providers,
        country: sanitize_line(&doc.country),
        summary,
        aim,
        approach,
        target_groups,
        levels,
        offer_types,
        prevention,
        themes,
        weerbaarheid,
        working_elements,
        evidence,
        duration: sanitize_line(&doc.duration),
        cost: sanitize_line(&doc.cost),
        region: sanitize_line(&doc.region),
        sources,
    };
    Some((item, id_pos, name_pos))
}

fn parse_evidence(c: &mut Checker<'_>, e: &S<DocEvidence>, current_year: u16) -> Evidence {
    let doc = e.get_ref();
    let level = match &doc.level {
        Some(l) => {
            let id = l.get_ref().trim();
            if vocab::EVIDENCE.iter().any(|t| t.id == id) {
                id.to_string()
            } else {
                c.at(
                    l.span().start,
                    unknown_id_message(FacetGroup::Evidence, id, vocab::EVIDENCE),
                );
                String::new()
            }
        }
        None => {
            c.at(
                e.span().start,
                "missing `evidence.level` (use \"onbekend\" when no assessment is known)".into(),
            );
            String::new()
        }
    };
    let year = c.year("evidence.year", &doc.year, current_year);
    let body = sanitize_line(&doc.body);
    if vocab::is_recognition(&level) && (year.is_none() || body.is_empty()) {
        c.at(
            doc.level.as_ref().map(|l| l.span().start).unwrap_or(0),
            format!("evidence level `{level}` needs both `year` and `body` (the assessing body)"),
        );
    }
    let studies = doc
        .studies
        .iter()
        .map(|s| {
            let st = s.get_ref();
            if st.design.trim().is_empty() && st.outcome.trim().is_empty() {
                c.at(
                    s.span().start,
                    "a study needs at least a `design` or an `outcome`".into(),
                );
            }
            let n = st.n.as_ref().and_then(|n| {
                let v = *n.get_ref();
                if (1..=10_000_000).contains(&v) {
                    Some(v as u32)
                } else {
                    c.at(
                        n.span().start,
                        format!("study `n` = {v} must be a positive number"),
                    );
                    None
                }
            });
            Study {
                design: sanitize_line(&st.design),
                n,
                outcome: sanitize_line(&st.outcome),
                year: c.year("study year", &st.year, current_year),
                reference: sanitize_line(&st.reference),
            }
        })
        .collect();
    Evidence {
        level,
        year,
        body,
        note: sanitize_line(&doc.note),
        studies,
    }
}

fn parse_source(c: &mut Checker<'_>, s: &S<DocSource>, current_year: u16) -> Source {
    let doc = s.get_ref();
    let url = match &doc.url {
        Some(u) if is_valid_url(u.get_ref().trim()) => u.get_ref().trim().to_string(),
        Some(u) => {
            c.at(
                u.span().start,
                format!(
                    "malformed URL `{}`: expected http(s)://host/…",
                    sanitize_line(u.get_ref())
                ),
            );
            String::new()
        }
        None => {
            c.at(s.span().start, "a source needs a `url`".into());
            String::new()
        }
    };
    let checked = match &doc.checked {
        Some(d) if is_valid_date(d.get_ref().trim(), current_year) => {
            d.get_ref().trim().to_string()
        }
        Some(d) => {
            c.at(
                d.span().start,
                format!(
                    "malformed date `{}`: expected the date checked as YYYY-MM-DD",
                    sanitize_line(d.get_ref())
                ),
            );
            String::new()
        }
        None => {
            c.at(
                s.span().start,
                "a source needs `checked`, the date it was checked (YYYY-MM-DD)".into(),
            );
            String::new()
        }
    };
    Source {
        url,
        title: sanitize_line(&doc.title),
        checked,
    }
}

fn parse_metadata(path: &Path, text: &str) -> Result<Metadata, Vec<Problem>> {
    let doc: MetadataDoc = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
        vec![problem(path, line, column, e.message().to_string())]
    })?;
    if !is_valid_date(doc.date.get_ref(), u16::MAX) {
        let (line, column) = line_col(text, doc.date.span().start);
        return Err(vec![problem(
            path,
            line,
            column,
            format!(
                "malformed date `{}`: expected YYYY-MM-DD",
                doc.date.get_ref()
            ),
        )]);
    }
    Ok(Metadata {
        title: sanitize_line(&doc.title),
        version: sanitize_line(&doc.version),
        date: doc.date.into_inner(),
        licence: sanitize_line(&doc.licence),
        source: sanitize_line(&doc.source),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
id = "voorbeeld"
name = "Voorbeeld"
providers = ["Aanbieder"]
summary = "Een. Twee."
aim = "Doel."
approach = "Aanpak."
target_groups = ["jongeren"]
levels = ["groep"]
offer_types = ["training"]
prevention = ["preventief"]
themes = ["polarisatie"]

[weerbaarheid]
dimensions = ["zelfvertrouwen"]
framing = "Zo."

[[working_elements]]
id = "dialoog"

[evidence]
level = "onbekend"

[[sources]]
url = "https://example.org/a"
checked = "2026-11-21"
"#;

    fn check(name: &str, text: &str) -> SourceSet {
        parse_all(&[(PathBuf::from(name), text.to_string())], 2026)
    }

    fn messages(set: &SourceSet) -> Vec<String> {
        set.problems.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn a_complete_entry_parses_without_problems() {
        let set = check("voorbeeld.toml", GOOD);
        assert_eq!(messages(&set), Vec::<String>::new());
        assert_eq!(set.interventions.len(), 1);
        assert_eq!(set.interventions[0].themes, vec!["polarisatie"]);
    }

    #[test]
    fn unknown_vocabulary_id_names_the_line_and_the_closest_ids() {
        let text = GOOD.replace(r#"themes = ["polarisatie"]"#, r#"themes = ["polarisati"]"#);
        let set = check("voorbeeld.toml", &text);
        assert_eq!(
            messages(&set),
            vec!["voorbeeld.toml:12:11: unknown theme `polarisati`; did you mean `polarisatie`?"]
        );
        assert!(set.interventions.is_empty());
    }

    #[test]
    fn every_problem_is_reported_not_only_the_first() {
        let text = GOOD
            .replace("levels = [\"groep\"]", "levels = [\"klas\"]")
            .replace("2026-11-21", "21-11-2026")
            .replace("summary = \"Een. Twee.\"\n", "");
        let msgs = messages(&check("voorbeeld.toml", &text));
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(
            msgs.iter()
                .any(|m| m.contains("missing required field `summary`"))
        );
        assert!(msgs.iter().any(|m| m.contains("unknown level `klas`")));
        assert!(msgs.iter().any(|m| {
            m.contains("malformed date `21-11-2026`: expected the date checked as YYYY-MM-DD")
        }));
    }

    #[test]
    fn missing_source_is_reported() {
        let cut = GOOD.find("[[sources]]").unwrap_or(GOOD.len());
        let msgs = messages(&check("voorbeeld.toml", &GOOD[..cut]));
        assert_eq!(
            msgs,
            vec![
                "voorbeeld.toml:1:1: missing source: every entry needs at least one `[[sources]]` with url and checked date"
            ]
        );
    }

    #[test]
    fn a_recognition_without_year_and_body_is_refused() {
        let text = GOOD.replace(r#"level = "onbekend""#, r#"level = "goed-onderbouwd""#);
        let msgs = messages(&check("voorbeeld.toml", &text));
        assert_eq!(msgs.len(), 1);
        assert!(msgs[0].contains("`goed-onderbouwd` needs both `year` and `body`"));
    }

    #[test]
    fn duplicate_ids_across_files_name_both_places() {
        let set = parse_all(
            &[
                (PathBuf::from("voorbeeld.toml"), GOOD.to_string()),
                (
                    PathBuf::from("voorbeeld.toml"),
                    GOOD.replace("\"Voorbeeld\"", "\"Ander\""),
                ),
            ],
            2026,
        );
        assert_eq!(
            messages(&set),
            vec!["voorbeeld.toml:2:6: duplicate id `voorbeeld`: also used in voorbeeld.toml:2"]
        );
    }

    #[test]
    fn id_must_match_the_file_name_and_be_kebab_case() {
        let msgs = messages(&check("iets-anders.toml", GOOD));
        assert_eq!(
            msgs,
            vec![
                "iets-anders.toml:2:6: id `voorbeeld` must match the file name (iets-anders.toml)"
            ]
        );
        let text = GOOD.replace("id = \"voorbeeld\"", "id = \"Voor_Beeld\"");
        let msgs = messages(&check("Voor_Beeld.toml", &text));
        assert!(msgs[0].contains("must be kebab-case"), "{msgs:?}");
    }

    #[test]
    fn toml_syntax_errors_and_unknown_fields_carry_a_position() {
        let msgs = messages(&check("voorbeeld.toml", "id = \"x\nname = 1"));
        assert_eq!(msgs.len(), 1);
        assert!(msgs[0].starts_with("voorbeeld.toml:1:"), "{msgs:?}");
        let msgs = messages(&check(
            "voorbeeld.toml",
            &format!("{GOOD}\nkleur = \"rood\"\n"),
        ));
        assert!(msgs[0].contains("unknown field `kleur`"), "{msgs:?}");
    }

    #[test]
    fn malformed_url_is_reported() {
        let text = GOOD.replace("https://example.org/a", "www.example.org");
        let msgs = messages(&check("voorbeeld.toml", &text));
        assert_eq!(
            msgs,
            vec!["voorbeeld.toml:25:7: malformed URL `www.example.org`: expected http(s)://host/…"]
        );
    }

    #[test]
    fn dates_are_checked_as_calendar_dates() {
        assert!(is_valid_date("2024-02-29", 2026));
        assert!(!is_valid_date("2023-02-29", 2026));
        assert!(!is_valid_date("2026-13-01", 2026));
        assert!(!is_valid_date("2030-01-01", 2026));
    }
}
