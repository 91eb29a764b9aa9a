//! Reading the human-edited sources: one TOML file per intervention under
//! `data/interventions/`, plus `data/inventory.toml` with the inventory's metadata.
//!
//! Each file becomes a `draft::Draft` validated by the shared rules in `store::draft`; what is
//! particular to the sources (TOML syntax, the id matching the file name) is checked here.
//! Validation collects every problem (not only the first) as `file:line:column: message`, so an
//! editor can fix a whole batch in one pass.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::core::model::Intervention;
use crate::core::model::text::sanitize_line;

use super::Metadata;
use super::draft::{
    Draft, DraftElement, DraftEvidence, DraftSource, DraftStudy, DraftWeerbaarheid, LineIndex,
    Names, Registry, Rules, pos_of, validate,
};
use crate::core::model::diagnostics::{At, Pos};

pub use super::draft::{is_valid_date, is_valid_url, unknown_id_message};
pub use crate::core::model::diagnostics::Problem;

/// Everything read from a data directory: metadata and the valid interventions, sorted by id,
/// plus every problem found. The sources are usable only when `problems` is empty.
#[derive(Debug, Default)]
pub struct SourceSet {
    pub metadata: Metadata,
    pub interventions: Vec<Intervention>,
    pub problems: Vec<Problem>,
}

type S<T> = Spanned<T>;

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct Doc {
    id: Option<S<String>>,
    name: Option<S<String>>,
    aliases: Vec<S<String>>,
    providers: Option<S<Vec<S<String>>>>,
    country: Option<S<String>>,
    summary: Option<S<String>>,
    aim: Option<S<String>>,
    approach: Option<S<String>>,
    target_groups: Option<S<Vec<S<String>>>>,
    levels: Option<S<Vec<S<String>>>>,
    offer_types: Option<S<Vec<S<String>>>>,
    prevention: Option<S<Vec<S<String>>>>,
    themes: Option<S<Vec<S<String>>>>,
    duration: Option<S<String>>,
    cost: Option<S<String>>,
    region: Option<S<String>>,
    weerbaarheid: Option<S<DocWeerbaarheid>>,
    working_elements: Option<S<Vec<DocWorkingElement>>>,
    evidence: Option<S<DocEvidence>>,
    sources: Option<S<Vec<S<DocSource>>>>,
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct DocWeerbaarheid {
    dimensions: Option<S<Vec<S<String>>>>,
    framing: Option<S<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocWorkingElement {
    id: S<String>,
    #[serde(default)]
    note: Option<S<String>>,
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct DocEvidence {
    level: Option<S<String>>,
    status: Option<S<String>>,
    date: Option<S<String>>,
    /// No longer written (derived from `date`); accepted when it agrees with the date.
    year: Option<S<i64>>,
    body: Option<S<String>>,
    databank: Option<S<String>>,
    databank_url: Option<S<String>>,
    note: Option<S<String>>,
    studies: Vec<S<DocStudy>>,
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct DocStudy {
    design: Option<S<String>>,
    n: Option<S<i64>>,
    outcome: Option<S<String>>,
    year: Option<S<i64>>,
    reference: Option<S<String>>,
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct DocSource {
    url: Option<S<String>>,
    title: Option<S<String>>,
    checked: Option<S<String>>,
    supports: Option<S<Vec<S<String>>>>,
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

/// A source file larger than this is refused (a pipe or device is refused whatever its size).
const MAX_SOURCE_BYTES: u64 = 16_000_000;

/// Read `dir/inventory.toml` and every `dir/interventions/*.toml`.
pub fn read_dir(dir: &Path, current_year: u16) -> SourceSet {
    let mut set = SourceSet::default();
    let meta_path = dir.join("inventory.toml");
    match crate::core::input::read_limited(&meta_path, MAX_SOURCE_BYTES)
        .and_then(|b| String::from_utf8(b).map_err(std::io::Error::other))
    {
        Ok(text) => match parse_metadata(&meta_path, &text) {
            Ok(meta) => set.metadata = meta,
            Err(mut problems) => set.problems.append(&mut problems),
        },
        Err(e) => set.problems.push(problem(
            &meta_path,
            Pos::new(1, 1),
            format!("cannot read the inventory metadata: {e}"),
        )),
    }
    let mut entries = read_entries(&dir.join("interventions"), current_year);
    set.problems.append(&mut entries.problems);
    set.interventions = entries.interventions;
    set
}

/// Read and validate every `*.toml` file directly in `dir` (no metadata).
pub fn read_entries(dir: &Path, current_year: u16) -> SourceSet {
    let mut set = SourceSet::default();
    let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect(),
        Err(e) => {
            set.problems.push(problem(
                dir,
                Pos::new(1, 1),
                format!("cannot read the interventions directory: {e}"),
            ));
            return set;
        }
    };
    files.sort();
    let mut texts = Vec::new();
    for file in files {
        match crate::core::input::read_limited(&file, MAX_SOURCE_BYTES) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => texts.push((file, text)),
                Err(e) => set.problems.push(problem(
                    &file,
                    Pos::new(1, 1),
                    format!(
                        "not valid UTF-8 (byte {}); save the file as UTF-8",
                        e.utf8_error().valid_up_to()
                    ),
                )),
            },
            Err(e) => {
                set.problems
                    .push(problem(&file, Pos::new(1, 1), format!("cannot read: {e}")))
            }
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
    let mut registry = Registry::default();
    for (path, text) in files {
        let mut problems = Vec::new();
        if let Some((item, id_pos, name_pos)) = parse_one(path, text, current_year, &mut problems) {
            registry.check(path, &item, id_pos, name_pos, &mut |pos, m| {
                problems.push(problem(path, pos, m))
            });
            if problems.is_empty() {
                set.interventions.push(item);
            }
        }
        // In the order of the file, so an editor can work down it.
        problems.sort_by_key(|p| (p.line, p.column));
        set.problems.append(&mut problems);
    }
    set.interventions.sort_by(|a, b| a.id.cmp(&b.id));
    set
}

fn problem(file: &Path, pos: Pos, message: String) -> Problem {
    Problem::new(file, pos, message)
}

/// Turns spans into positions in one file's text.
struct Spans<'a>(&'a str, LineIndex);

impl Spans<'_> {
    fn at<T: Clone>(&self, s: &S<T>) -> At<T> {
        At::new(s.get_ref().clone(), self.pos(s.span().start))
    }

    fn opt<T: Clone>(&self, s: &Option<S<T>>) -> Option<At<T>> {
        s.as_ref().map(|s| self.at(s))
    }

    fn list(&self, s: &Option<S<Vec<S<String>>>>) -> Option<At<Vec<At<String>>>> {
        s.as_ref().map(|l| {
            At::new(
                l.get_ref().iter().map(|v| self.at(v)).collect(),
                self.pos(l.span().start),
            )
        })
    }

    fn pos(&self, offset: usize) -> Pos {
        self.1.pos(self.0, offset)
    }
}

/// The TOML document as a draft, every value with its line and column.
fn draft(doc: &Doc, text: &str) -> Draft {
    let sp = Spans(text, LineIndex::new(text));
    Draft {
        pos: sp.pos(0),
        id: sp.opt(&doc.id),
        name: sp.opt(&doc.name),
        aliases: doc.aliases.iter().map(|a| sp.at(a)).collect(),
        providers: sp.list(&doc.providers),
        country: sp.opt(&doc.country),
        summary: sp.opt(&doc.summary),
        aim: sp.opt(&doc.aim),
        approach: sp.opt(&doc.approach),
        target_groups: sp.list(&doc.target_groups),
        levels: sp.list(&doc.levels),
        offer_types: sp.list(&doc.offer_types),
        prevention: sp.list(&doc.prevention),
        themes: sp.list(&doc.themes),
        duration: sp.opt(&doc.duration),
        cost: sp.opt(&doc.cost),
        region: sp.opt(&doc.region),
        weerbaarheid: doc.weerbaarheid.as_ref().map(|w| {
            At::new(
                DraftWeerbaarheid {
                    dimensions: sp.list(&w.get_ref().dimensions),
                    framing: sp.opt(&w.get_ref().framing),
                },
                sp.pos(w.span().start),
            )
        }),
        working_elements: doc.working_elements.as_ref().map(|list| {
            At::new(
                list.get_ref()
                    .iter()
                    .map(|w| DraftElement {
                        id: sp.at(&w.id),
                        note: sp.opt(&w.note),
                    })
                    .collect(),
                sp.pos(list.span().start),
            )
        }),
        evidence: doc.evidence.as_ref().map(|e| {
            let ev = e.get_ref();
            At::new(
                DraftEvidence {
                    level: sp.opt(&ev.level),
                    status: sp.opt(&ev.status),
                    date: sp.opt(&ev.date),
                    year: sp.opt(&ev.year),
                    body: sp.opt(&ev.body),
                    databank: sp.opt(&ev.databank),
                    databank_url: sp.opt(&ev.databank_url),
                    note: sp.opt(&ev.note),
                    studies: ev
                        .studies
                        .iter()
                        .map(|s| {
                            let st = s.get_ref();
                            At::new(
                                DraftStudy {
                                    design: sp.opt(&st.design),
                                    n: sp.opt(&st.n),
                                    outcome: sp.opt(&st.outcome),
                                    year: sp.opt(&st.year),
                                    reference: sp.opt(&st.reference),
                                },
                                sp.pos(s.span().start),
                            )
                        })
                        .collect(),
                },
                sp.pos(e.span().start),
            )
        }),
        sources: doc.sources.as_ref().map(|list| {
            At::new(
                list.get_ref()
                    .iter()
                    .map(|s| {
                        let src = s.get_ref();
                        At::new(
                            DraftSource {
                                url: sp.opt(&src.url),
                                title: sp.opt(&src.title),
                                checked: sp.opt(&src.checked),
                                supports: sp.list(&src.supports),
                            },
                            sp.pos(s.span().start),
                        )
                    })
                    .collect(),
                sp.pos(list.span().start),
            )
        }),
    }
}

/// Parse one file. Returns the intervention with the positions of its id and name (for
/// cross-file messages), or `None` when the TOML itself cannot be read.
fn parse_one(
    path: &Path,
    text: &str,
    current_year: u16,
    problems: &mut Vec<Problem>,
) -> Option<(Intervention, Pos, Pos)> {
    let doc: Doc = match toml::from_str(text) {
        Ok(doc) => doc,
        Err(e) => {
            let pos = e
                .span()
                .map(|s| pos_of(text, s.start))
                .unwrap_or(Pos::new(1, 1));
            problems.push(problem(path, pos, e.message().to_string()));
            return None;
        }
    };
    let draft = draft(&doc, text);
    let item = validate(
        &draft,
        &Names::toml(),
        Rules::Inventory,
        current_year,
        &mut |pos, m| problems.push(problem(path, pos, m)),
    );
    let id_pos = draft.id.as_ref().map(|i| i.pos).unwrap_or(Pos::new(1, 1));
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if draft.id.is_some() && !item.id.is_empty() && stem != item.id {
        problems.push(problem(
            path,
            id_pos,
            format!("id `{}` must match the file name ({stem}.toml)", item.id),
        ));
    }
    let name_pos = draft.name.as_ref().map(|n| n.pos).unwrap_or(Pos::new(1, 1));
    Some((item, id_pos, name_pos))
}

fn parse_metadata(path: &Path, text: &str) -> Result<Metadata, Vec<Problem>> {
    let doc: MetadataDoc = toml::from_str(text).map_err(|e| {
        let pos = e
            .span()
            .map(|s| pos_of(text, s.start))
            .unwrap_or(Pos::new(1, 1));
        vec![problem(path, pos, e.message().to_string())]
    })?;
    if !is_valid_date(doc.date.get_ref(), u16::MAX) {
        return Err(vec![problem(
            path,
            pos_of(text, doc.date.span().start),
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
supports = ["providers", "summary", "aim", "approach", "target_groups", "levels", "offer_types", "prevention", "themes", "weerbaarheid", "working_elements"]
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
    fn a_recognition_without_status_date_body_and_databank_is_refused() {
        let text = GOOD
            .replace(r#"level = "onbekend""#, r#"level = "goed-onderbouwd""#)
            .replace(
                r#""working_elements"]"#,
                r#""working_elements", "evidence"]"#,
            );
        let msgs = messages(&check("voorbeeld.toml", &text));
        assert_eq!(
            msgs,
            vec![
                "voorbeeld.toml:22:9: evidence level `goed-onderbouwd` is a recognition: it needs `evidence.status`, `evidence.date`, `evidence.body`, `evidence.databank`, `evidence.databank_url`; missing: `evidence.status`, `evidence.date`, `evidence.body`, `evidence.databank`, `evidence.databank_url`"
            ]
        );
    }

    /// GOOD with a recognition recorded as the databank records it.
    fn recognised() -> String {
        GOOD.replace(
            r#"level = "onbekend""#,
            r#"level = "goed-onderbouwd"
status = "in-herbeoordeling"
date = "2015-12-11"
body = "Erkenningscommissie Interventies"
databank = "NJi"
databank_url = "https://www.nji.nl/interventies/voorbeeld""#,
        )
        .replace(
            r#""working_elements"]"#,
            r#""working_elements", "evidence"]"#,
        )
    }

    #[test]
    fn a_recognition_as_the_databank_records_it_is_read_whole() {
        let set = check("voorbeeld.toml", &recognised());
        assert_eq!(messages(&set), Vec::<String>::new());
        let e = &set.interventions[0].evidence;
        assert_eq!(
            (
                e.status.as_str(),
                e.date.as_str(),
                e.year,
                e.databank.as_str()
            ),
            ("in-herbeoordeling", "2015-12-11", Some(2015), "NJi")
        );
    }

    #[test]
    fn a_legacy_year_must_agree_with_the_date() {
        let text = recognised().replace("date = \"2015-12-11\"", "date = \"2015-12\"\nyear = 2015");
        assert_eq!(
            messages(&check("voorbeeld.toml", &text)),
            Vec::<String>::new()
        );
        let text = recognised().replace("date = \"2015-12-11\"", "date = \"2015\"\nyear = 2016");
        assert_eq!(
            messages(&check("voorbeeld.toml", &text)),
            vec![
                "voorbeeld.toml:25:8: `evidence.year` = 2016 disagrees with `evidence.date` = 2015; leave out the year (it is derived from the date)"
            ]
        );
    }

    #[test]
    fn a_bad_status_databank_or_date_names_the_place_and_the_closest_value() {
        let text = recognised()
            .replace("\"in-herbeoordeling\"", "\"herbeoordeling\"")
            .replace("databank = \"NJi\"", "databank = \"Movsie\"")
            .replace("2015-12-11", "11-12-2015");
        let msgs = messages(&check("voorbeeld.toml", &text));
        assert!(
            msgs.contains(&"voorbeeld.toml:23:10: unknown evidence status `herbeoordeling`; did you mean `in-herbeoordeling`?".to_string()),
            "{msgs:?}"
        );
        assert!(
            msgs.contains(
                &"voorbeeld.toml:26:12: unknown databank `Movsie`; did you mean `Movisie`?"
                    .to_string()
            ),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("voorbeeld.toml:24:8: malformed date `11-12-2015`")),
            "{msgs:?}"
        );
    }

    #[test]
    fn a_field_no_source_supports_is_refused_where_it_is_written() {
        // The rule this file exists for: drop "aim" from `supports` and the aim is unbacked.
        let text = GOOD.replace(r#""summary", "aim","#, r#""summary","#);
        assert_eq!(
            messages(&check("voorbeeld.toml", &text)),
            vec![
                "voorbeeld.toml:6:7: `aim` is backed by no source: add \"aim\" to the `supports` of the source that states it, or empty the field"
            ]
        );
        // Emptied, it needs no source (and shows as unknown).
        let text = text.replace(r#"aim = "Doel.""#, r#"aim = """#);
        assert_eq!(
            messages(&check("voorbeeld.toml", &text)),
            Vec::<String>::new()
        );
    }

    #[test]
    fn niet_beoordeeld_needs_a_source_and_onbekend_does_not() {
        let text = GOOD.replace(r#"level = "onbekend""#, r#"level = "niet-beoordeeld""#);
        assert_eq!(
            messages(&check("voorbeeld.toml", &text)),
            vec![
                "voorbeeld.toml:22:9: evidence level `niet-beoordeeld` is backed by no source: add \"evidence\" to the `supports` of the source that states it, or use \"onbekend\""
            ]
        );
    }

    #[test]
    fn supports_names_only_field_keys_and_every_source_has_it() {
        let text = GOOD.replace(
            r#"supports = ["providers","#,
            r#"supports = ["provider", "providers","#,
        );
        assert_eq!(
            messages(&check("voorbeeld.toml", &text)),
            vec![
                "voorbeeld.toml:27:13: `supports` names no field `provider`; did you mean `providers`?"
            ]
        );
        let text = format!(
            "{GOOD}\n[[sources]]\nurl = \"https://example.org/b\"\nchecked = \"2026-11-20\"\n"
        );
        let msgs = messages(&check("voorbeeld.toml", &text));
        assert_eq!(
            msgs,
            vec![
                "voorbeeld.toml:29:1: a source needs `supports`, the fields it backs (e.g. supports = [\"summary\", \"aim\"])"
            ]
        );
    }

    #[test]
    fn countries_are_codes_and_a_near_miss_is_named() {
        let with = |country: &str| {
            let text = GOOD
                .replace(
                    "providers = [\"Aanbieder\"]",
                    &format!("providers = [\"Aanbieder\"]\ncountry = \"{country}\""),
                )
                .replace(
                    r#"supports = ["providers","#,
                    r#"supports = ["country", "providers","#,
                );
            messages(&check("voorbeeld.toml", &text))
        };
        assert_eq!(with("NL/BE"), Vec::<String>::new());
        assert_eq!(
            with("international"),
            vec![
                "voorbeeld.toml:5:11: unknown country code `international` (several are joined with \"/\", e.g. \"NL/BE\"); did you mean `INT`?"
            ]
        );
        assert_eq!(
            with("NL/Be"),
            vec![
                "voorbeeld.toml:5:11: unknown country code `Be` (several are joined with \"/\", e.g. \"NL/BE\"); did you mean `BE`?"
            ]
        );
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

    #[test]
    fn a_bad_date_says_what_is_wrong_with_it() {
        use super::super::draft::date_problem;
        let form = Some("expected the date checked as YYYY-MM-DD");
        assert_eq!(date_problem("21/11/2025", 2026), form);
        assert_eq!(date_problem("2025-1-5", 2026), form);
        assert!(date_problem("2025-13-01", 2026).is_some_and(|w| w.contains("no such month")));
        assert!(date_problem("2025-02-31", 2026).is_some_and(|w| w.contains("no such day")));
        assert!(date_problem("2099-01-01", 2026).is_some_and(|w| w.contains("future")));
        assert!(date_problem("1985-06-01", 2026).is_some_and(|w| w.contains("1990")));
        assert_eq!(date_problem("2026-11-21", 2026), None);
    }

    #[test]
    fn a_directory_of_entries_reads_without_metadata() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("voorbeeld.toml"), GOOD).unwrap();
        let set = read_entries(dir.path(), 2026);
        assert_eq!(messages(&set), Vec::<String>::new());
        assert_eq!(set.interventions.len(), 1);
    }
}
