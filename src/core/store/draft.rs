//! An intervention as read from a file, before validation, and the one set of rules that turns
//! it into an `Intervention`. Every reader (the TOML sources, and `weerbaar import` for CSV and
//! JSON) fills a `Draft` with the positions of its values and calls `validate`, so a rule holds
//! the same way whichever file an entry comes from, and a message names the field the way that
//! file spells it (`Names`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::core::model::fold::fold;
use crate::core::model::provenance::{self, FIELD_KEYS};
use crate::core::model::text::{sanitize, sanitize_line};
use crate::core::model::vocab::{self, Term, closest_ids};
use crate::core::model::{
    Evidence, FacetGroup, Intervention, Source, Study, Weerbaarheid, WorkingElementUse,
};

/// Longest text field accepted, in bytes, both when validating sources and imports and when
/// reading a database. The longest real summary is a few hundred characters; anything near
/// this limit is garbage or an attack on memory.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

use crate::core::model::diagnostics::{At, Pos};

/// The 1-based line and column (in chars) of a byte offset in a text. For many lookups in one
/// large text, build a `LineIndex` once instead.
pub fn pos_of(text: &str, offset: usize) -> Pos {
    LineIndex::new(text).pos(text, offset)
}

/// Where each line of a text starts, so a byte offset becomes a line and column in
/// logarithmic time (a 400 MB JSON file has millions of values to place).
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// The last position asked for (offset, column): the next one further along the same
    /// line counts its column from there, so the values of a minified one-line JSON file are
    /// placed in linear time, not each from the start of the line.
    last: std::cell::Cell<(usize, usize)>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex {
            starts,
            last: std::cell::Cell::new((0, 1)),
        }
    }

    /// The position of `offset` in `text` (the text this index was built from).
    pub fn pos(&self, text: &str, offset: usize) -> Pos {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let (last_offset, last_column) = self.last.get();
        let (from, base) = if last_offset >= start && last_offset <= offset {
            (last_offset, last_column)
        } else {
            (start, 1)
        };
        let column = text
            .get(from..offset)
            .map(|l| l.chars().count() + base)
            .unwrap_or(1);
        self.last.set((offset, column));
        Pos::new(line, column)
    }
}

type Text = Option<At<String>>;
type IdList = Option<At<Vec<At<String>>>>;

/// An entry as written, every value with its position. `None` means the field is absent.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// Where the entry starts: problems about absent fields point here.
    pub pos: Pos,
    pub id: Text,
    pub name: Text,
    pub aliases: Vec<At<String>>,
    pub providers: IdList,
    pub country: Text,
    pub summary: Text,
    pub aim: Text,
    pub approach: Text,
    pub target_groups: IdList,
    pub levels: IdList,
    pub offer_types: IdList,
    pub prevention: IdList,
    pub themes: IdList,
    pub duration: Text,
    pub cost: Text,
    pub region: Text,
    pub weerbaarheid: Option<At<DraftWeerbaarheid>>,
    pub working_elements: Option<At<Vec<DraftElement>>>,
    pub evidence: Option<At<DraftEvidence>>,
    pub sources: Option<At<Vec<At<DraftSource>>>>,
}

#[derive(Debug, Clone, Default)]
pub struct DraftWeerbaarheid {
    pub dimensions: IdList,
    pub framing: Text,
}

#[derive(Debug, Clone)]
pub struct DraftElement {
    pub id: At<String>,
    pub note: Text,
}

#[derive(Debug, Clone, Default)]
pub struct DraftEvidence {
    pub level: Text,
    pub status: Text,
    pub date: Text,
    /// A year written without a date (files from before dates were recorded).
    pub year: Option<At<i64>>,
    pub body: Text,
    pub databank: Text,
    pub databank_url: Text,
    pub note: Text,
    pub studies: Vec<At<DraftStudy>>,
}

#[derive(Debug, Clone, Default)]
pub struct DraftStudy {
    pub design: Text,
    pub n: Option<At<i64>>,
    pub outcome: Text,
    pub year: Option<At<i64>>,
    pub reference: Text,
}

#[derive(Debug, Clone, Default)]
pub struct DraftSource {
    pub url: Text,
    pub title: Text,
    pub checked: Text,
    /// The field keys this source backs; `None` when the file has no such column or key.
    pub supports: IdList,
}

/// Which rules apply. The inventory's own sources (`db check`, `db build`, a TOML directory)
/// follow the editorial rules of docs/data-guide.md: every filled field backed by a source,
/// recognitions recorded as the databank records them, countries as codes. An import of
/// someone else's CSV or JSON needs only what weerbaar needs to show it; what it does carry
/// (supports, status, databank) is checked the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rules {
    Inventory,
    Import,
}

/// How a file format spells each field, for messages: the TOML sources say
/// `weerbaarheid.framing`, a Dutch CSV says `opvatting_weerbaarheid`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Names {
    pub id: String,
    pub name: String,
    pub providers: String,
    pub summary: String,
    pub aim: String,
    pub approach: String,
    pub target_groups: String,
    pub levels: String,
    pub offer_types: String,
    pub prevention: String,
    pub themes: String,
    pub dimensions: String,
    pub framing: String,
    pub working_elements: String,
    pub evidence_level: String,
    pub evidence_year: String,
    pub evidence_body: String,
    pub sources: String,
    pub source_url: String,
    pub source_checked: String,
}

/// How the TOML sources spell the keys added with provenance (the CSV import uses its column
/// names for the older ones).
const EVIDENCE_KEYS: [&str; 5] = [
    "evidence.status",
    "evidence.date",
    "evidence.body",
    "evidence.databank",
    "evidence.databank_url",
];

impl Names {
    /// The field names of the TOML sources and of the JSON export.
    pub fn toml() -> Names {
        let s = |x: &str| x.to_string();
        Names {
            id: s("id"),
            name: s("name"),
            providers: s("providers"),
            summary: s("summary"),
            aim: s("aim"),
            approach: s("approach"),
            target_groups: s("target_groups"),
            levels: s("levels"),
            offer_types: s("offer_types"),
            prevention: s("prevention"),
            themes: s("themes"),
            dimensions: s("weerbaarheid.dimensions"),
            framing: s("weerbaarheid.framing"),
            working_elements: s("working_elements"),
            evidence_level: s("evidence.level"),
            evidence_year: s("evidence.year"),
            evidence_body: s("evidence.body"),
            sources: s("sources"),
            source_url: s("url"),
            source_checked: s("checked"),
        }
    }
}

/// Validate a draft: every problem goes to `report`, and the intervention built from the valid
/// parts is returned. The entry is usable only when nothing was reported.
pub fn validate(
    draft: &Draft,
    names: &Names,
    rules: Rules,
    current_year: u16,
    report: &mut dyn FnMut(Pos, String),
) -> Intervention {
    let mut c = Checker {
        entry: draft.pos,
        current_year,
        rules,
        report,
    };
    // The inventory's own editorial rules (provenance, recognitions, country codes).
    let strict = rules == Rules::Inventory;
    // A field no source backs is emptied (docs/data-guide.md), so the aim, the approach, the
    // framing and the working elements may be empty and show as unknown: in every file, so an
    // exported inventory always imports again.
    let n = names;

    let id = c.required(&n.id, &draft.id, false);
    if let Some(raw) = &draft.id
        && !id.is_empty()
        && !is_kebab_id(&id)
    {
        c.at(
            raw.pos,
            format!(
                "id `{id}` must be kebab-case: lowercase ASCII letters, digits and single dashes"
            ),
        );
    }
    let name = c.required(&n.name, &draft.name, false);
    let providers = match &draft.providers {
        Some(list) => {
            let names: Vec<String> = list
                .value
                .iter()
                .map(|p| c.line(p))
                .filter(|p| !p.is_empty())
                .collect();
            if names.is_empty() {
                c.at(
                    list.pos,
                    format!("`{}` needs at least one provider", n.providers),
                );
            }
            names
        }
        None => {
            c.missing(&n.providers);
            Vec::new()
        }
    };
    let summary = c.required(&n.summary, &draft.summary, true);
    let aim = c.present(&n.aim, &draft.aim, true);
    let approach = c.present(&n.approach, &draft.approach, true);
    let target_groups = c.ids(
        &n.target_groups,
        FacetGroup::TargetGroup,
        &draft.target_groups,
        false,
    );
    let levels = c.ids(&n.levels, FacetGroup::Level, &draft.levels, false);
    let offer_types = c.ids(
        &n.offer_types,
        FacetGroup::OfferType,
        &draft.offer_types,
        false,
    );
    let prevention = c.ids(
        &n.prevention,
        FacetGroup::Prevention,
        &draft.prevention,
        false,
    );
    let themes = c.ids(&n.themes, FacetGroup::Theme, &draft.themes, false);

    let weerbaarheid = match &draft.weerbaarheid {
        Some(w) => {
            // Empty when the sources describe no view of resilience: shown as unknown.
            let dimensions = c.ids(
                &n.dimensions,
                FacetGroup::Dimension,
                &w.value.dimensions,
                true,
            );
            let framing = c.optional(&w.value.framing, true);
            Weerbaarheid {
                dimensions,
                framing,
            }
        }
        None => {
            c.at(c.entry, "missing required table `[weerbaarheid]`".into());
            Weerbaarheid::default()
        }
    };

    let working_elements = match &draft.working_elements {
        Some(list) if !list.value.is_empty() => {
            let mut out: Vec<WorkingElementUse> = Vec::new();
            for w in &list.value {
                let wid = w.id.value.trim();
                if vocab::WORKING_ELEMENTS.iter().all(|t| t.id != wid) {
                    c.at(
                        w.id.pos,
                        unknown_id_message(
                            FacetGroup::WorkingElement,
                            wid,
                            vocab::WORKING_ELEMENTS,
                        ),
                    );
                } else if out.iter().any(|o| o.id == wid) {
                    c.at(w.id.pos, format!("working element `{wid}` is listed twice"));
                } else {
                    let note = match &w.note {
                        Some(note) => {
                            c.limit(note);
                            sanitize(note.value.trim(), false)
                        }
                        None => String::new(),
                    };
                    out.push(WorkingElementUse {
                        id: wid.to_string(),
                        note,
                    });
                }
            }
            out
        }
        // No working element a source names: empty, shown as unknown.
        _ => Vec::new(),
    };

    let evidence = match &draft.evidence {
        Some(e) => c.evidence(e, n),
        None => {
            c.at(
                c.entry,
                "missing required table `[evidence]` (use level = \"onbekend\" when no assessment is known)".into(),
            );
            Evidence::default()
        }
    };

    let sources = match &draft.sources {
        Some(list) if !list.value.is_empty() => list.value.iter().map(|s| c.source(s, n)).collect(),
        Some(list) => {
            c.at(
                list.pos,
                format!("`{}` needs at least one source", n.sources),
            );
            Vec::new()
        }
        None => {
            c.at(
                c.entry,
                "missing source: every entry needs at least one `[[sources]]` with url and checked date".into(),
            );
            Vec::new()
        }
    };

    let country = c.optional(&draft.country, false);
    if strict && let Some(raw) = &draft.country {
        c.country(raw, &country);
    }

    let item = Intervention {
        id,
        name,
        aliases: draft
            .aliases
            .iter()
            .map(|a| c.line(a))
            .filter(|a| !a.is_empty())
            .collect(),
        providers,
        country,
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
        duration: c.optional(&draft.duration, false),
        cost: c.optional(&draft.cost, false),
        region: c.optional(&draft.region, false),
        sources,
    };
    // Without any source the missing source is the one problem to name.
    if strict && !item.sources.is_empty() {
        for key in provenance::unsupported(&item) {
            let pos = field_pos(draft, key);
            let message = if key == "evidence" {
                format!(
                    "evidence level `{}` is backed by no source: add \"evidence\" to the `supports` of the source that states it, or use \"onbekend\"",
                    item.evidence.level
                )
            } else {
                format!(
                    "`{key}` is backed by no source: add \"{key}\" to the `supports` of the source that states it, or empty the field"
                )
            };
            c.at(pos, message);
        }
    }
    item
}

/// Where a field key's value is written, for a message about it (the entry's start when absent).
fn field_pos(draft: &Draft, key: &str) -> Pos {
    let text = |t: &Text| t.as_ref().map(|v| v.pos);
    let list = |l: &IdList| l.as_ref().map(|v| v.pos);
    let pos = match key {
        "aliases" => draft.aliases.first().map(|a| a.pos),
        "providers" => list(&draft.providers),
        "country" => text(&draft.country),
        "region" => text(&draft.region),
        "summary" => text(&draft.summary),
        "aim" => text(&draft.aim),
        "approach" => text(&draft.approach),
        "target_groups" => list(&draft.target_groups),
        "levels" => list(&draft.levels),
        "offer_types" => list(&draft.offer_types),
        "prevention" => list(&draft.prevention),
        "themes" => list(&draft.themes),
        "weerbaarheid" => draft.weerbaarheid.as_ref().map(|w| w.pos),
        "working_elements" => draft.working_elements.as_ref().map(|w| w.pos),
        "evidence" => draft
            .evidence
            .as_ref()
            .map(|e| e.value.level.as_ref().map(|l| l.pos).unwrap_or(e.pos)),
        "studies" => draft
            .evidence
            .as_ref()
            .and_then(|e| e.value.studies.first().map(|s| s.pos)),
        "duration" => text(&draft.duration),
        "cost" => text(&draft.cost),
        _ => None,
    };
    pos.unwrap_or(draft.pos)
}

/// Collects problems for one entry.
struct Checker<'r> {
    entry: Pos,
    current_year: u16,
    rules: Rules,
    report: &'r mut dyn FnMut(Pos, String),
}

impl Checker<'_> {
    fn at(&mut self, pos: Pos, message: String) {
        (self.report)(pos, message);
    }

    fn missing(&mut self, field: &str) {
        self.at(self.entry, format!("missing required field `{field}`"));
    }

    /// Refuse text longer than the reader accepts, so every file we write can be read back.
    fn limit(&mut self, value: &At<String>) -> bool {
        if value.value.len() > MAX_TEXT_BYTES {
            self.at(
                value.pos,
                format!(
                    "the text is {} KB; the limit is {} KB",
                    value.value.len() / 1024,
                    MAX_TEXT_BYTES / 1024
                ),
            );
            false
        } else {
            true
        }
    }

    /// A single-line text, sanitised and trimmed ("" when too long).
    fn line(&mut self, value: &At<String>) -> String {
        if self.limit(value) {
            sanitize_line(&value.value)
        } else {
            String::new()
        }
    }

    /// An optional text field; `multiline` keeps paragraphs.
    fn optional(&mut self, value: &Text, multiline: bool) -> String {
        match value {
            Some(v) if !self.limit(v) => String::new(),
            Some(v) if multiline => sanitize(v.value.trim(), true),
            Some(v) => sanitize_line(&v.value),
            None => String::new(),
        }
    }

    /// A required text field: present and not blank.
    fn required(&mut self, field: &str, value: &Text, multiline: bool) -> String {
        match value {
            Some(v) if !v.value.trim().is_empty() => self.optional(value, multiline),
            Some(v) => {
                self.at(v.pos, format!("`{field}` is empty"));
                String::new()
            }
            None => {
                self.missing(field);
                String::new()
            }
        }
    }

    /// A text field that must be present but may be blank (`""`: no source states it).
    fn present(&mut self, field: &str, value: &Text, multiline: bool) -> String {
        if value.is_none() {
            self.missing(field);
        }
        self.optional(value, multiline)
    }

    /// Country codes joined by "/" (`NL`, `NL/BE`): each one of `vocab::COUNTRIES`.
    fn country(&mut self, raw: &At<String>, country: &str) {
        let codes = vocab::COUNTRIES.iter().map(|t| t.id);
        let mut seen: Vec<&str> = Vec::new();
        for code in vocab::country_codes(country) {
            if vocab::COUNTRIES.iter().any(|t| t.id == code) {
                if seen.contains(&code) {
                    self.at(raw.pos, format!("country `{code}` is listed twice"));
                }
                seen.push(code);
                continue;
            }
            let key = fold(code);
            // A country written out ("Nederland", "international") suggests its code.
            let named: Vec<&str> = vocab::COUNTRIES
                .iter()
                .filter(|t| {
                    fold(t.nl) == key
                        || fold(t.en) == key
                        || t.synonyms.iter().any(|s| fold(s) == key)
                })
                .map(|t| t.id)
                .collect();
            let upper = code.to_ascii_uppercase();
            let near = if named.is_empty() {
                closest_ids(&upper, codes.clone())
            } else {
                named
            };
            let hint = match near.first() {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!(
                    "valid codes: {}",
                    vocab::COUNTRIES
                        .iter()
                        .map(|t| t.id)
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
            };
            self.at(
                raw.pos,
                format!(
                    "unknown country code `{}` (several are joined with \"/\", e.g. \"NL/BE\"); {hint}",
                    sanitize_line(code)
                ),
            );
        }
    }

    /// A list of ids from one vocabulary; required and non-empty unless `may_be_empty`.
    fn ids(
        &mut self,
        field: &str,
        group: FacetGroup,
        value: &IdList,
        may_be_empty: bool,
    ) -> Vec<String> {
        let Some(list) = value else {
            self.missing(field);
            return Vec::new();
        };
        if list.value.is_empty() && !may_be_empty {
            self.at(list.pos, format!("`{field}` needs at least one value"));
        }
        let vocabulary = group.vocabulary().unwrap_or(&[]);
        let mut out: Vec<String> = Vec::new();
        for item in &list.value {
            let id = item.value.trim();
            if vocabulary.iter().any(|t| t.id == id) {
                if out.iter().any(|o| o == id) {
                    self.at(item.pos, format!("`{field}` lists `{id}` twice"));
                } else {
                    out.push(id.to_string());
                }
            } else {
                let shown = sanitize_line(id);
                self.at(item.pos, unknown_id_message(group, &shown, vocabulary));
            }
        }
        out
    }

    fn year(&mut self, field: &str, value: &Option<At<i64>>) -> Option<u16> {
        let v = value.as_ref()?;
        let current_year = self.current_year;
        if (1950..=i64::from(current_year)).contains(&v.value) {
            u16::try_from(v.value).ok()
        } else {
            self.at(
                v.pos,
                format!(
                    "`{field}` = {} is not a plausible year (1950–{current_year})",
                    v.value
                ),
            );
            None
        }
    }

    fn evidence(&mut self, e: &At<DraftEvidence>, n: &Names) -> Evidence {
        let doc = &e.value;
        let level = match &doc.level {
            Some(l) => {
                let id = l.value.trim();
                if vocab::EVIDENCE.iter().any(|t| t.id == id) {
                    id.to_string()
                } else {
                    let shown = sanitize_line(id);
                    self.at(
                        l.pos,
                        unknown_id_message(FacetGroup::Evidence, &shown, vocab::EVIDENCE),
                    );
                    String::new()
                }
            }
            None => {
                self.at(
                    e.pos,
                    format!(
                        "missing `{}` (use \"onbekend\" when no assessment is known)",
                        n.evidence_level
                    ),
                );
                String::new()
            }
        };
        let level_pos = doc.level.as_ref().map(|l| l.pos).unwrap_or(e.pos);
        let recognition = vocab::is_recognition(&level);

        let status = match &doc.status {
            Some(st) => {
                let id = st.value.trim();
                if id.is_empty() {
                    String::new()
                } else if vocab::RECOGNITION_STATUS.iter().any(|t| t.id == id) {
                    id.to_string()
                } else {
                    let shown = sanitize_line(id);
                    let near = closest_ids(&shown, vocab::RECOGNITION_STATUS.iter().map(|t| t.id));
                    self.at(
                        st.pos,
                        format!(
                            "unknown evidence status `{shown}`; {}",
                            match near.first() {
                                Some(best) => format!("did you mean `{best}`?"),
                                None => format!(
                                    "valid: {}",
                                    vocab::RECOGNITION_STATUS
                                        .iter()
                                        .map(|t| t.id)
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                ),
                            }
                        ),
                    );
                    String::new()
                }
            }
            None => String::new(),
        };
        if !status.is_empty() && !level.is_empty() {
            // `niet-erkend` is both a level and a status: the two must agree.
            let pos = doc.status.as_ref().map(|s| s.pos).unwrap_or(level_pos);
            if (status == "niet-erkend") != (level == "niet-erkend") {
                self.at(
                    pos,
                    format!(
                        "evidence status `{status}` does not fit level `{level}` (status `niet-erkend` goes with level `niet-erkend`)"
                    ),
                );
            }
        }

        // The date of the judgement; a legacy `year` is accepted when it agrees with it.
        let date = match &doc.date {
            Some(d) => {
                let value = d.value.trim();
                if value.is_empty() {
                    String::new()
                } else {
                    match judgement_date_problem(value, self.current_year) {
                        None => value.to_string(),
                        Some(why) => {
                            let shown = if self.limit(d) {
                                sanitize_line(value)
                            } else {
                                String::new()
                            };
                            self.at(d.pos, format!("malformed date `{shown}`: {why}"));
                            String::new()
                        }
                    }
                }
            }
            None => String::new(),
        };
        let date_year = date.get(..4).and_then(|y| y.parse::<u16>().ok());
        let legacy_year = self.year(&n.evidence_year, &doc.year);
        let year = match (date_year, legacy_year, &doc.year) {
            (Some(d), Some(y), Some(raw)) if d != y => {
                self.at(
                    raw.pos,
                    format!(
                        "`{}` = {y} disagrees with `evidence.date` = {date}; leave out the year (it is derived from the date)",
                        n.evidence_year
                    ),
                );
                Some(d)
            }
            (Some(d), _, _) => Some(d),
            (None, y, _) => y,
        };
        // A year alone (an older file, or an import) stands for the date.
        let date = if date.is_empty() {
            year.map(|y| y.to_string()).unwrap_or_default()
        } else {
            date
        };

        let body = self.optional(&doc.body, false);
        let databank = match &doc.databank {
            Some(d) => {
                let value = sanitize_line(&d.value);
                if value.is_empty() || vocab::DATABANKS.contains(&value.as_str()) {
                    value
                } else {
                    let near = closest_ids(&value, vocab::DATABANKS.iter().copied());
                    let hint = match near.first() {
                        Some(best) => format!("did you mean `{best}`?"),
                        None => format!("valid: {}", vocab::DATABANKS.join(", ")),
                    };
                    self.at(d.pos, format!("unknown databank `{value}`; {hint}"));
                    String::new()
                }
            }
            None => String::new(),
        };
        let databank_url = match &doc.databank_url {
            Some(u) if u.value.trim().is_empty() => String::new(),
            Some(u) if !self.limit(u) => String::new(),
            Some(u) if is_valid_url(u.value.trim()) => u.value.trim().to_string(),
            Some(u) => {
                self.at(
                    u.pos,
                    format!(
                        "malformed URL `{}`: expected http(s)://host/…",
                        sanitize_line(&u.value)
                    ),
                );
                String::new()
            }
            None => String::new(),
        };

        if self.rules == Rules::Inventory {
            if recognition {
                let missing: Vec<&str> = [
                    status.is_empty(),
                    date.is_empty() || doc.date.is_none(),
                    body.is_empty(),
                    databank.is_empty(),
                    databank_url.is_empty(),
                ]
                .iter()
                .zip(EVIDENCE_KEYS)
                .filter(|(m, _)| **m)
                .map(|(_, k)| k)
                .collect();
                if !missing.is_empty() {
                    self.at(
                        level_pos,
                        format!(
                            "evidence level `{level}` is a recognition: it needs {}; missing: {}",
                            EVIDENCE_KEYS.map(|k| format!("`{k}`")).join(", "),
                            missing
                                .iter()
                                .map(|k| format!("`{k}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    );
                }
            } else if !level.is_empty() {
                let present: Vec<&str> = [
                    doc.status.is_some(),
                    doc.date.is_some() || doc.year.is_some(),
                    doc.body.is_some(),
                    doc.databank.is_some(),
                    doc.databank_url.is_some(),
                ]
                .iter()
                .zip(EVIDENCE_KEYS)
                .filter(|(p, _)| **p)
                .map(|(_, k)| k)
                .collect();
                if !present.is_empty() {
                    self.at(
                        level_pos,
                        format!(
                            "evidence level `{level}` is no recognition: leave out {}",
                            present
                                .iter()
                                .map(|k| format!("`{k}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    );
                }
            }
        } else if recognition && (year.is_none() || body.is_empty()) {
            self.at(
                level_pos,
                format!(
                    "evidence level `{level}` needs both `{}` and `{}` (the assessing body)",
                    n.evidence_year, n.evidence_body
                ),
            );
        }
        let studies = doc.studies.iter().map(|s| self.study(s)).collect();
        Evidence {
            level,
            status,
            date,
            year,
            body,
            databank,
            databank_url,
            note: self.optional(&doc.note, false),
            studies,
        }
    }

    fn study(&mut self, s: &At<DraftStudy>) -> Study {
        let st = &s.value;
        let blank = |t: &Text| t.as_ref().is_none_or(|t| t.value.trim().is_empty());
        if blank(&st.design) && blank(&st.outcome) {
            self.at(
                s.pos,
                "a study needs at least a `design` or an `outcome`".into(),
            );
        }
        let n = st.n.as_ref().and_then(|n| {
            if (1..=10_000_000).contains(&n.value) {
                u32::try_from(n.value).ok()
            } else {
                self.at(
                    n.pos,
                    format!("study `n` = {} must be a positive number", n.value),
                );
                None
            }
        });
        Study {
            design: self.optional(&st.design, false),
            n,
            outcome: self.optional(&st.outcome, false),
            year: self.year("study year", &st.year),
            reference: self.optional(&st.reference, false),
        }
    }

    fn source(&mut self, s: &At<DraftSource>, n: &Names) -> Source {
        let doc = &s.value;
        let url = match &doc.url {
            Some(u) if !self.limit(u) => String::new(),
            Some(u) if is_valid_url(u.value.trim()) => u.value.trim().to_string(),
            Some(u) => {
                self.at(
                    u.pos,
                    format!(
                        "malformed URL `{}`: expected http(s)://host/…",
                        sanitize_line(&u.value)
                    ),
                );
                String::new()
            }
            None => {
                self.at(s.pos, format!("a source needs a `{}`", n.source_url));
                String::new()
            }
        };
        let checked = match &doc.checked {
            Some(d) => match date_problem(d.value.trim(), self.current_year) {
                None => d.value.trim().to_string(),
                Some(why) => {
                    let shown = if self.limit(d) {
                        sanitize_line(&d.value)
                    } else {
                        String::new()
                    };
                    self.at(d.pos, format!("malformed date `{shown}`: {why}"));
                    String::new()
                }
            },
            None => {
                self.at(
                    s.pos,
                    format!(
                        "a source needs `{}`, the date it was checked (YYYY-MM-DD)",
                        n.source_checked
                    ),
                );
                String::new()
            }
        };
        let mut supports: Vec<String> = Vec::new();
        for key in doc.supports.iter().flat_map(|l| l.value.iter()) {
            let k = key.value.trim();
            if provenance::is_field_key(k) {
                if supports.iter().any(|s| s == k) {
                    self.at(key.pos, format!("`supports` lists `{k}` twice"));
                } else {
                    supports.push(k.to_string());
                }
            } else {
                let shown = sanitize_line(k);
                let hint = match closest_ids(&shown, FIELD_KEYS.iter().copied()).first() {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!("valid keys: {}", FIELD_KEYS.join(" ")),
                };
                self.at(
                    key.pos,
                    format!("`supports` names no field `{shown}`; {hint}"),
                );
            }
        }
        if self.rules == Rules::Inventory && doc.supports.is_none() {
            self.at(
                s.pos,
                "a source needs `supports`, the fields it backs (e.g. supports = [\"summary\", \"aim\"])".into(),
            );
        }
        Source {
            url,
            title: self.optional(&doc.title, false),
            checked,
            supports,
        }
    }
}

/// Cross-entry checks: no two entries share an id or a name (case-insensitively).
#[derive(Debug, Default)]
pub struct Registry {
    ids: HashMap<String, (PathBuf, usize)>,
    names: HashMap<String, (PathBuf, usize)>,
}

impl Registry {
    /// Record an entry; report a duplicate id or name with the place of the first one.
    pub fn check(
        &mut self,
        file: &Path,
        item: &Intervention,
        id_pos: Pos,
        name_pos: Pos,
        report: &mut dyn FnMut(Pos, String),
    ) {
        for (kind, key, shown, pos, seen) in [
            ("id", item.id.clone(), &item.id, id_pos, &mut self.ids),
            (
                "name",
                item.name.to_lowercase(),
                &item.name,
                name_pos,
                &mut self.names,
            ),
        ] {
            if key.is_empty() {
                continue;
            }
            match seen.get(&key) {
                Some((other, line)) => report(
                    pos,
                    format!(
                        "duplicate {kind} `{shown}`: also used in {}:{line}",
                        other.display()
                    ),
                ),
                None => {
                    seen.insert(key, (file.to_path_buf(), pos.line));
                }
            }
        }
    }
}

/// "unknown theme `polarisati`; did you mean `polarisatie`?" A term whose label or synonym is
/// the unknown value is the suggestion (`extremisme` → `radicalisering`); else the nearest
/// spellings.
pub fn unknown_id_message(group: FacetGroup, id: &str, vocabulary: &[Term]) -> String {
    let key = fold(id.trim());
    let mut suggestions: Vec<&str> = vocabulary
        .iter()
        .filter(|t| {
            fold(t.nl) == key || fold(t.en) == key || t.synonyms.iter().any(|s| fold(s) == key)
        })
        .map(|t| t.id)
        .collect();
    if suggestions.is_empty() {
        suggestions = closest_ids(id, vocabulary.iter().map(|t| t.id));
    }
    suggestions.truncate(3);
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

/// Lowercase ASCII letters, digits and single dashes, not at either end.
pub fn is_kebab_id(id: &str) -> bool {
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
    date_problem(s, current_year).is_none()
}

/// What is wrong with a date checked, for the message: its form, a day the calendar does not
/// have, or a year that cannot be right (before 1990 or after this year). `None` when it is fine.
pub fn date_problem(s: &str, current_year: u16) -> Option<&'static str> {
    const FORM: &str = "expected the date checked as YYYY-MM-DD";
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return Some(FORM);
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Some(FORM);
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u16>(), m.parse::<u8>(), d.parse::<u8>()) else {
        return Some(FORM);
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Some("there is no such month"),
    };
    if !(1..=days).contains(&d) {
        return Some("that month has no such day");
    }
    if y > current_year {
        return Some("the date lies in the future; give the date the source was checked");
    }
    if y < 1990 {
        return Some("a date checked before 1990 is not plausible");
    }
    None
}

/// What is wrong with the date of a judgement (`evidence.date`): YYYY-MM-DD where the databank
/// shows it, else YYYY-MM or YYYY, between 1950 and this year. `None` when it is fine.
pub fn judgement_date_problem(s: &str, current_year: u16) -> Option<&'static str> {
    const FORM: &str = "expected the date of the judgement as YYYY-MM-DD, YYYY-MM or YYYY";
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, len: usize| p.len() == len && p.chars().all(|c| c.is_ascii_digit());
    let year = match parts.as_slice() {
        [y] if digits(y, 4) => y,
        [y, m] if digits(y, 4) && digits(m, 2) => {
            if !(1..=12).contains(&m.parse::<u8>().unwrap_or(0)) {
                return Some("there is no such month");
            }
            y
        }
        [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2) => {
            // The calendar check only (its "before 1990" is about dates checked, not judged).
            if let Some(why) = date_problem(s, u16::MAX).filter(|w| !w.contains("1990")) {
                return Some(why);
            }
            y
        }
        _ => return Some(FORM),
    };
    let year: u16 = year.parse().unwrap_or(0);
    if year > current_year {
        return Some("the date lies in the future");
    }
    if year < 1950 {
        return Some("a judgement before 1950 is not plausible");
    }
    None
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

#[cfg(test)]
mod tests {
    use super::*;

    fn at<T>(value: T, line: usize) -> At<T> {
        At::new(value, Pos::new(line, 1))
    }

    fn ids(values: &[&str], line: usize) -> IdList {
        Some(at(
            values.iter().map(|v| at(v.to_string(), line)).collect(),
            line,
        ))
    }

    fn text(s: &str, line: usize) -> Text {
        Some(at(s.to_string(), line))
    }

    /// A complete, valid draft as a CSV row would give it (every value on line 2).
    fn good() -> Draft {
        Draft {
            pos: Pos::new(2, 0),
            id: text("voorbeeld", 2),
            name: text("Voorbeeld", 2),
            providers: ids(&["Aanbieder"], 2),
            summary: text("Een.", 2),
            aim: text("Doel.", 2),
            approach: text("Aanpak.", 2),
            target_groups: ids(&["jongeren"], 2),
            levels: ids(&["groep"], 2),
            offer_types: ids(&["training"], 2),
            prevention: ids(&["preventief"], 2),
            themes: ids(&["polarisatie"], 2),
            weerbaarheid: Some(at(
                DraftWeerbaarheid {
                    dimensions: ids(&[], 2),
                    framing: text("Zo.", 2),
                },
                2,
            )),
            working_elements: Some(at(
                vec![DraftElement {
                    id: at("dialoog".into(), 2),
                    note: None,
                }],
                2,
            )),
            evidence: Some(at(
                DraftEvidence {
                    level: text("onbekend", 2),
                    ..DraftEvidence::default()
                },
                2,
            )),
            sources: Some(at(
                vec![at(
                    DraftSource {
                        url: text("https://example.org", 2),
                        title: None,
                        checked: text("2026-01-02", 2),
                        supports: None,
                    },
                    2,
                )],
                2,
            )),
            ..Draft::default()
        }
    }

    fn problems(draft: &Draft) -> Vec<String> {
        let mut out = Vec::new();
        validate(draft, &Names::toml(), Rules::Import, 2026, &mut |pos, m| {
            out.push(format!("{}:{}: {m}", pos.line, pos.column))
        });
        out
    }

    #[test]
    fn a_complete_draft_has_no_problems() {
        assert_eq!(problems(&good()), Vec::<String>::new());
    }

    #[test]
    fn text_longer_than_the_reader_accepts_is_refused() {
        let mut d = good();
        d.summary = text(&"x".repeat(MAX_TEXT_BYTES + 1), 2);
        assert_eq!(
            problems(&d),
            vec!["2:1: the text is 64 KB; the limit is 64 KB"]
        );
    }

    #[test]
    fn control_characters_in_an_unknown_id_are_not_echoed() {
        let mut d = good();
        d.themes = ids(&["pol\u{1b}[2Jarisatie"], 2);
        let msgs = problems(&d);
        assert_eq!(msgs.len(), 1);
        assert!(!msgs[0].contains('\u{1b}'), "{msgs:?}");
    }

    #[test]
    fn an_unknown_id_that_is_a_synonym_suggests_its_term_first() {
        assert_eq!(
            unknown_id_message(FacetGroup::Theme, "Extremisme", vocab::THEMES),
            "unknown theme `Extremisme`; did you mean `radicalisering`?"
        );
        assert_eq!(
            unknown_id_message(FacetGroup::TargetGroup, "pubers", vocab::TARGET_GROUPS),
            "unknown target-group `pubers`; did you mean `jongeren`?"
        );
    }

    #[test]
    fn duplicates_name_the_first_place() {
        let mut reg = Registry::default();
        let item = Intervention {
            id: "a".into(),
            name: "A".into(),
            ..Intervention::default()
        };
        let mut msgs = Vec::new();
        let file = Path::new("x.csv");
        reg.check(file, &item, Pos::new(2, 1), Pos::new(2, 2), &mut |_, m| {
            msgs.push(m)
        });
        let mut same = item.clone();
        same.name = "a".into();
        reg.check(file, &same, Pos::new(5, 1), Pos::new(5, 2), &mut |_, m| {
            msgs.push(m)
        });
        assert_eq!(
            msgs,
            vec![
                "duplicate id `a`: also used in x.csv:2",
                "duplicate name `a`: also used in x.csv:2"
            ]
        );
    }

    #[test]
    fn positions_count_lines_and_chars() {
        let text = "ab\nçd\n\nx";
        let index = LineIndex::new(text);
        assert_eq!(index.pos(text, 0), Pos::new(1, 1));
        assert_eq!(index.pos(text, 2), Pos::new(1, 3));
        assert_eq!(index.pos(text, 3), Pos::new(2, 1));
        assert_eq!(index.pos(text, 5), Pos::new(2, 2)); // after the two-byte ç
        assert_eq!(index.pos(text, 8), Pos::new(4, 1));
        assert_eq!(index.pos(text, 99), Pos::new(4, 2));
        assert_eq!(pos_of(text, 3), Pos::new(2, 1));
    }

    #[test]
    fn a_problem_without_a_column_names_only_the_line() {
        let p = crate::core::model::diagnostics::Problem::new(
            Path::new("a.csv"),
            Pos::new(3, 0),
            "x".into(),
        );
        assert_eq!(p.to_string(), "a.csv:3: x");
        let p = crate::core::model::diagnostics::Problem::new(
            Path::new("a.csv"),
            Pos::new(3, 4),
            "x".into(),
        );
        assert_eq!(p.to_string(), "a.csv:3:4: x");
    }
}
