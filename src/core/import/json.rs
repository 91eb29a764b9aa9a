//! Reading JSON in the format `weerbaar export --format json` writes (`export::json`): an
//! object `{ "inventory": {…}, "count": n, "interventions": [ … ] }`, or just the array of
//! interventions. Field names are those of `model::Intervention`.
//!
//! Values are read as raw slices of the text first, so every value keeps its line and column
//! for the messages; a value of the wrong type is reported, never guessed at.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::value::RawValue;

use crate::core::model::diagnostics::{At, Pos, Problem};
use crate::core::model::text::sanitize_line;
use crate::core::store::Metadata;
use crate::core::store::draft::{
    Draft, DraftElement, DraftEvidence, DraftSource, DraftStudy, DraftWeerbaarheid, LineIndex,
    Names,
};

use super::{Entry, FileRead, MAX_ROWS};

type Object<'a> = BTreeMap<String, &'a RawValue>;

/// An object's members in the order written, duplicates included (a map would keep only the
/// last of two equal keys without a word).
struct Pairs<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> serde::Deserialize<'de> for Pairs<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Visit<'a> {
            type Value = Pairs<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut map: M,
            ) -> Result<Pairs<'a>, M::Error> {
                let mut pairs = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, &'de RawValue>()? {
                    pairs.push((k, v));
                }
                Ok(Pairs(pairs))
            }
        }
        d.deserialize_map(Visit(std::marker::PhantomData))
    }
}

pub fn read(path: &Path, bytes: &[u8]) -> FileRead {
    let mut out = FileRead::new(Names::toml());
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        out.problems.push(Problem::new(
            path,
            Pos::new(1, 0),
            "wrong encoding: the file is UTF-16; save it as UTF-8".into(),
        ));
        return out;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.valid_up_to();
            let before = bytes.get(..valid).unwrap_or(bytes);
            let line = before.iter().filter(|b| **b == b'\n').count() + 1;
            let byte = bytes.get(valid).copied().unwrap_or(0);
            out.problems.push(Problem::new(
                path,
                Pos::new(line, 0),
                format!("wrong encoding: byte 0x{byte:02X} is not UTF-8; save the file as UTF-8"),
            ));
            return out;
        }
    };
    let mut r = Reader {
        path,
        text,
        lines: LineIndex::new(text),
        problems: Vec::new(),
        covered: Vec::new(),
    };
    let Some(top) = r.parse::<&RawValue>(text, Pos::new(1, 1)) else {
        out.problems = r.problems;
        return out;
    };
    let items: Option<Vec<&RawValue>> = if top.get().starts_with('[') {
        r.parse(top.get(), r.pos(top))
    } else if top.get().starts_with('{') {
        r.document(top, &mut out.metadata)
    } else {
        r.at(
            r.pos(top),
            "expected a JSON array of interventions, or the object `weerbaar export --format json` writes".into(),
        );
        None
    };
    out.problems.append(&mut r.problems);
    for (k, item) in items.unwrap_or_default().into_iter().enumerate() {
        if k >= MAX_ROWS {
            out.problems.push(Problem::new(
                path,
                r.pos(item),
                format!("too many interventions: the limit is {MAX_ROWS} per import"),
            ));
            break;
        }
        let mut entry = Entry::new(r.pos(item));
        entry.draft = r.intervention(item);
        entry.problems = std::mem::take(&mut r.problems);
        entry.hidden = std::mem::take(&mut r.covered);
        out.entries.push(entry);
    }
    out
}

/// The first `\uD800`–`\uDFFF` escape in `slice` (a surrogate written on its own).
fn lone_surrogate(slice: &str) -> Option<&str> {
    let bytes = slice.as_bytes();
    (0..bytes.len().saturating_sub(5)).find_map(|i| {
        let esc = slice.get(i..i + 6)?;
        let b = esc.as_bytes();
        let surrogate = b[0] == b'\\'
            && b[1] == b'u'
            && b[2].eq_ignore_ascii_case(&b'd')
            && matches!(b[3].to_ascii_lowercase(), b'8'..=b'9' | b'a'..=b'f')
            && b[4].is_ascii_hexdigit()
            && b[5].is_ascii_hexdigit();
        surrogate.then_some(esc)
    })
}

/// Parses slices of one text, reporting problems with their positions in it.
struct Reader<'t> {
    path: &'t Path,
    text: &'t str,
    lines: LineIndex,
    problems: Vec<Problem>,
    /// Validation messages made redundant by a type error already reported for the field.
    covered: Vec<String>,
}

const DOCUMENT_FIELDS: &[&str] = &["inventory", "count", "interventions"];
/// The fields of an intervention object (those of `model::Intervention`).
pub const INTERVENTION_FIELDS: &[&str] = &[
    "id",
    "name",
    "aliases",
    "providers",
    "country",
    "summary",
    "aim",
    "approach",
    "target_groups",
    "levels",
    "offer_types",
    "prevention",
    "themes",
    "weerbaarheid",
    "working_elements",
    "evidence",
    "duration",
    "cost",
    "region",
    "sources",
    // Written by `weerbaar export` for shortlist items; an inventory has no notes.
    "shortlist_note",
    // Written by `weerbaar export`: the recognition's state in words, derived from `evidence`.
    "evidence_state",
];

impl<'t> Reader<'t> {
    fn at(&mut self, pos: Pos, message: String) {
        self.problems.push(Problem::new(self.path, pos, message));
    }

    /// A value of the wrong type: say so, and not also that the field is missing.
    fn wrong_type(&mut self, raw: &RawValue, field: &str, expected: &str) {
        self.at(self.pos(raw), format!("`{field}` must be {expected}"));
        self.covered
            .push(format!("missing required field `{field}`"));
    }

    /// Where a raw value starts in the text (it is always a slice of it).
    fn pos(&self, raw: &RawValue) -> Pos {
        let offset = (raw.get().as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        self.lines.pos(self.text, offset)
    }

    /// Parse `slice` (part of the text starting at `start`), or report why not.
    fn parse<T: serde::Deserialize<'t>>(&mut self, slice: &'t str, start: Pos) -> Option<T> {
        match serde_json::from_str::<T>(slice) {
            Ok(v) => Some(v),
            Err(e) => {
                // serde_json counts from the start of the slice; shift to the whole text.
                let pos = if e.line() == 0 {
                    start
                } else if e.line() == 1 {
                    Pos::new(start.line, start.column + e.column().saturating_sub(1))
                } else {
                    Pos::new(start.line + e.line() - 1, e.column())
                };
                let message = e.to_string();
                let message = message
                    .split(" at line ")
                    .next()
                    .unwrap_or(&message)
                    .to_string();
                if (message.contains("hex escape") || message.contains("surrogate"))
                    && let Some(escape) = lone_surrogate(slice)
                {
                    self.at(
                        pos,
                        format!(
                            "the text holds `{escape}`, half of a UTF-16 surrogate pair: not a character on its own; fix or remove the escape"
                        ),
                    );
                    return None;
                }
                self.at(pos, format!("invalid JSON: {message}"));
                None
            }
        }
    }

    fn object(&mut self, field: &str, raw: &'t RawValue, known: &[&str]) -> Option<Object<'t>> {
        if !raw.get().starts_with('{') {
            self.at(self.pos(raw), format!("`{field}` must be an object"));
            return None;
        }
        let pairs: Pairs<'t> = self.parse(raw.get(), self.pos(raw))?;
        let mut obj: Object<'t> = BTreeMap::new();
        for (key, value) in pairs.0 {
            if let Some(first) = obj.get(&key) {
                let first = self.pos(first);
                self.at(
                    self.pos(value),
                    format!(
                        "the key `{}` appears twice in one object (first at line {}, column {}); keep one",
                        sanitize_line(&key),
                        first.line,
                        first.column
                    ),
                );
                continue;
            }
            obj.insert(key, value);
        }
        for (key, value) in &obj {
            if !known.contains(&key.as_str()) {
                self.at(
                    self.pos(value),
                    format!(
                        "unknown field `{}`; expected one of {}",
                        sanitize_line(key),
                        known.join(", ")
                    ),
                );
            }
        }
        Some(obj)
    }

    fn array(&mut self, field: &str, raw: &'t RawValue) -> Option<Vec<&'t RawValue>> {
        if is_null(raw) {
            return None;
        }
        if !raw.get().starts_with('[') {
            self.wrong_type(raw, field, "a list");
            return None;
        }
        self.parse(raw.get(), self.pos(raw))
    }

    fn string(&mut self, field: &str, raw: Option<&&'t RawValue>) -> Option<At<String>> {
        let raw = *raw?;
        if is_null(raw) {
            return None;
        }
        if !raw.get().starts_with('"') {
            self.wrong_type(raw, field, "text");
            return None;
        }
        let pos = self.pos(raw);
        let text = self.parse::<String>(raw.get(), pos);
        if text.is_none() {
            // Its value was reported: the field is not missing.
            self.covered
                .push(format!("missing required field `{field}`"));
        }
        text.map(|s| At::new(s, pos))
    }

    fn strings(&mut self, field: &str, raw: Option<&&'t RawValue>) -> Option<At<Vec<At<String>>>> {
        let raw = *raw?;
        let pos = self.pos(raw);
        let items = self.array(field, raw)?;
        let values = items
            .iter()
            .filter_map(|item| self.string(field, Some(item)))
            .collect();
        Some(At::new(values, pos))
    }

    fn integer(&mut self, field: &str, raw: Option<&&'t RawValue>) -> Option<At<i64>> {
        let raw = *raw?;
        if is_null(raw) {
            return None;
        }
        let pos = self.pos(raw);
        match serde_json::from_str::<i64>(raw.get()) {
            Ok(v) => Some(At::new(v, pos)),
            Err(_) => {
                self.wrong_type(raw, field, "a whole number");
                None
            }
        }
    }

    /// The export's top-level object: its metadata and the list of interventions.
    fn document(
        &mut self,
        top: &'t RawValue,
        metadata: &mut Option<Metadata>,
    ) -> Option<Vec<&'t RawValue>> {
        let doc = self.object("the document", top, DOCUMENT_FIELDS)?;
        if let Some(inv) = doc.get("inventory") {
            *metadata = self.metadata(inv);
        }
        match doc.get("interventions") {
            Some(items) => self.array("interventions", items),
            None => {
                self.at(
                    self.pos(top),
                    "missing `interventions`: expected the list of interventions".into(),
                );
                None
            }
        }
    }

    fn metadata(&mut self, raw: &'t RawValue) -> Option<Metadata> {
        let obj = self.object(
            "inventory",
            raw,
            &["title", "version", "date", "licence", "source"],
        )?;
        let mut field = |name: &str| {
            self.string(&format!("inventory.{name}"), obj.get(name))
                .map(|s| sanitize_line(&s.value))
                .unwrap_or_default()
        };
        Some(Metadata {
            title: field("title"),
            version: field("version"),
            date: field("date"),
            licence: field("licence"),
            source: field("source"),
        })
    }

    fn intervention(&mut self, raw: &'t RawValue) -> Draft {
        let pos = self.pos(raw);
        let Some(obj) = self.object("an intervention", raw, INTERVENTION_FIELDS) else {
            return Draft {
                pos,
                ..Draft::default()
            };
        };
        let get = |k: &str| obj.get(k);

        let weerbaarheid = match get("weerbaarheid") {
            Some(w) if !is_null(w) => self
                .object("weerbaarheid", w, &["dimensions", "framing"])
                .map(|o| {
                    At::new(
                        DraftWeerbaarheid {
                            dimensions: self
                                .strings("weerbaarheid.dimensions", o.get("dimensions")),
                            framing: self.string("weerbaarheid.framing", o.get("framing")),
                        },
                        self.pos(w),
                    )
                }),
            _ => Some(At::new(DraftWeerbaarheid::default(), pos)),
        };

        let working_elements = {
            let list_pos = get("working_elements").map(|r| self.pos(r)).unwrap_or(pos);
            let items = match get("working_elements") {
                Some(r) => self.array("working_elements", r).unwrap_or_default(),
                None => Vec::new(),
            };
            let mut elements = Vec::new();
            for item in items {
                let Some(o) = self.object("a working element", item, &["id", "note"]) else {
                    continue;
                };
                match self.string("working_elements.id", o.get("id")) {
                    Some(id) => elements.push(DraftElement {
                        id,
                        note: self.string("working_elements.note", o.get("note")),
                    }),
                    None => self.at(self.pos(item), "a working element needs an `id`".into()),
                }
            }
            Some(At::new(elements, list_pos))
        };

        let evidence = match get("evidence") {
            Some(e) if !is_null(e) => self
                .object(
                    "evidence",
                    e,
                    &[
                        "level",
                        "status",
                        "date",
                        "year",
                        "body",
                        "databank",
                        "databank_url",
                        "note",
                        "studies",
                    ],
                )
                .map(|o| {
                    let studies = match o.get("studies") {
                        Some(s) => self.array("evidence.studies", s).unwrap_or_default(),
                        None => Vec::new(),
                    };
                    let studies = studies
                        .into_iter()
                        .filter_map(|s| {
                            let so = self.object(
                                "a study",
                                s,
                                &["design", "n", "outcome", "year", "reference"],
                            )?;
                            Some(At::new(
                                DraftStudy {
                                    design: self.string("design", so.get("design")),
                                    n: self.integer("n", so.get("n")),
                                    outcome: self.string("outcome", so.get("outcome")),
                                    year: self.integer("year", so.get("year")),
                                    reference: self.string("reference", so.get("reference")),
                                },
                                self.pos(s),
                            ))
                        })
                        .collect();
                    At::new(
                        DraftEvidence {
                            level: self
                                .string("evidence.level", o.get("level"))
                                .filter(|l| !l.value.trim().is_empty()),
                            status: self.string("evidence.status", o.get("status")),
                            date: self.string("evidence.date", o.get("date")),
                            year: self.integer("evidence.year", o.get("year")),
                            body: self.string("evidence.body", o.get("body")),
                            databank: self.string("evidence.databank", o.get("databank")),
                            databank_url: self
                                .string("evidence.databank_url", o.get("databank_url")),
                            note: self.string("evidence.note", o.get("note")),
                            studies,
                        },
                        self.pos(e),
                    )
                }),
            _ => Some(At::new(DraftEvidence::default(), pos)),
        };

        let sources = {
            let list_pos = get("sources").map(|r| self.pos(r)).unwrap_or(pos);
            let items = match get("sources") {
                Some(r) => self.array("sources", r).unwrap_or_default(),
                None => Vec::new(),
            };
            let list = items
                .into_iter()
                .filter_map(|s| {
                    let o = self.object("a source", s, &["url", "title", "checked", "supports"])?;
                    Some(At::new(
                        DraftSource {
                            url: self.string("url", o.get("url")),
                            title: self.string("title", o.get("title")),
                            checked: self.string("checked", o.get("checked")),
                            supports: self.strings("supports", o.get("supports")),
                        },
                        self.pos(s),
                    ))
                })
                .collect();
            Some(At::new(list, list_pos))
        };

        Draft {
            pos,
            id: self.string("id", get("id")),
            name: self.string("name", get("name")),
            aliases: self
                .strings("aliases", get("aliases"))
                .map(|a| a.value)
                .unwrap_or_default(),
            providers: self.strings("providers", get("providers")),
            country: self.string("country", get("country")),
            summary: self.string("summary", get("summary")),
            aim: self.string("aim", get("aim")),
            approach: self.string("approach", get("approach")),
            target_groups: self.strings("target_groups", get("target_groups")),
            levels: self.strings("levels", get("levels")),
            offer_types: self.strings("offer_types", get("offer_types")),
            prevention: self.strings("prevention", get("prevention")),
            themes: self.strings("themes", get("themes")),
            duration: self.string("duration", get("duration")),
            cost: self.string("cost", get("cost")),
            region: self.string("region", get("region")),
            weerbaarheid,
            working_elements,
            evidence,
            sources,
        }
    }
}

fn is_null(raw: &RawValue) -> bool {
    raw.get() == "null"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        let read = read(Path::new("x.json"), text.as_bytes());
        read.problems
            .iter()
            .chain(read.entries.iter().flat_map(|e| e.problems.iter()))
            .map(|p| p.to_string())
            .collect()
    }

    #[test]
    fn positions_point_into_the_whole_text() {
        let text = "[\n  {\"id\": \"a\",\n   \"themes\": \"polarisatie\", \"kleur\": 1}\n]";
        assert_eq!(
            problems(text),
            vec![
                "x.json:3:38: unknown field `kleur`; expected one of id, name, aliases, providers, country, summary, aim, approach, target_groups, levels, offer_types, prevention, themes, weerbaarheid, working_elements, evidence, duration, cost, region, sources, shortlist_note, evidence_state",
                "x.json:3:14: `themes` must be a list",
            ]
        );
    }

    #[test]
    fn syntax_errors_carry_the_line_and_column() {
        assert_eq!(
            problems("{\"interventions\": [\n {\"id\": }\n]}"),
            vec!["x.json:2:9: invalid JSON: expected value"]
        );
        assert_eq!(
            problems("\"hallo\""),
            vec![
                "x.json:1:1: expected a JSON array of interventions, or the object `weerbaar export --format json` writes"
            ]
        );
    }

    #[test]
    fn invalid_utf8_is_a_wrong_encoding_with_the_line() {
        let mut bytes = b"[\n{\"name\": \"Caf".to_vec();
        bytes.push(0xE9);
        bytes.extend_from_slice(b"\"}]");
        let read = read(Path::new("x.json"), &bytes);
        assert_eq!(
            read.problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>(),
            vec!["x.json:2: wrong encoding: byte 0xE9 is not UTF-8; save the file as UTF-8"]
        );
    }
}
