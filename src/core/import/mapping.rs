//! Turning the values people write into vocabulary ids, before validation.
//!
//! A value is kept when it is an id; otherwise a mapping file (`--mapping MAP.toml`) may say
//! which id(s) it stands for; otherwise a value equal to a term's Dutch or English label
//! (`Ouders en opvoeders`, `Parents and carers`) becomes that term's id. Anything else is left
//! as written, and validation reports it with the closest ids.
//!
//! The mapping file also renames or ignores CSV columns:
//!
//! ```toml
//! [theme]
//! "Radicalisering en extremisme" = "radicalisering"
//! "Opvoeding" = ["weerbaar-opvoeden"]
//! [columns]
//! "Naam interventie" = "naam"
//! "Opmerkingen" = ""          # ignore this column
//! ```

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::core::model::FacetGroup;
use crate::core::model::diagnostics::{At, Pos, Problem};
use crate::core::store::draft::{Draft, pos_of, unknown_id_message};

use super::columns::{self, Column, normalise};

/// What a mapping file says. The default maps nothing.
#[derive(Debug, Clone, Default)]
pub struct Mapping {
    values: HashMap<(FacetGroup, String), Vec<String>>,
    /// Folded header text → the column it stands for, or `None` to ignore it.
    columns: HashMap<String, Option<Column>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Target {
    One(String),
    Many(Vec<String>),
}

type Section = HashMap<String, Spanned<Target>>;

/// A mapping file larger than this is not a mapping file.
pub const MAX_MAPPING_BYTES: u64 = 4_000_000;

/// The facet groups whose values can be mapped: those with a vocabulary.
fn mappable() -> impl Iterator<Item = FacetGroup> {
    FacetGroup::ALL
        .into_iter()
        .filter(|g| g.vocabulary().is_some())
}

impl Mapping {
    /// Read a mapping file; every problem is reported with its line and column.
    pub fn load(path: &Path) -> Result<Mapping, Vec<Problem>> {
        let one = |message: String| vec![Problem::new(path, Pos::new(1, 1), message)];
        let bytes = crate::core::input::read_limited(path, MAX_MAPPING_BYTES)
            .map_err(|e| one(format!("cannot read: {e}")))?;
        let text = String::from_utf8(bytes).map_err(|_| {
            one("wrong encoding: the mapping file is not UTF-8; save it as UTF-8".into())
        })?;
        Mapping::parse(path, &text)
    }

    pub fn parse(path: &Path, text: &str) -> Result<Mapping, Vec<Problem>> {
        let doc: HashMap<String, Spanned<Section>> = toml::from_str(text).map_err(|e| {
            let pos = e
                .span()
                .map(|s| pos_of(text, s.start))
                .unwrap_or(Pos::new(1, 1));
            vec![Problem::new(
                path,
                pos,
                format!("{} (see docs/import.md for the mapping file)", e.message()),
            )]
        })?;
        let mut problems = Vec::new();
        let lines = crate::core::store::draft::LineIndex::new(text);
        let mut at = |offset: usize, message: String| {
            problems.push(Problem::new(path, lines.pos(text, offset), message))
        };
        let mut mapping = Mapping::default();
        let mut sections: Vec<(&String, &Spanned<Section>)> = doc.iter().collect();
        sections.sort_by_key(|(_, s)| s.span().start);
        for (name, section) in sections {
            if name == "columns" {
                mapping.load_columns(section, &mut at);
                continue;
            }
            let Some(group) = mappable().find(|g| g.id() == name) else {
                let valid: Vec<&str> = mappable().map(|g| g.id()).chain(["columns"]).collect();
                at(
                    section.span().start,
                    format!(
                        "unknown section `[{name}]`; use one of {}",
                        valid.join(", ")
                    ),
                );
                continue;
            };
            let vocabulary = group.vocabulary().unwrap_or(&[]);
            let mut entries: Vec<(&String, &Spanned<Target>)> = section.get_ref().iter().collect();
            entries.sort_by_key(|(_, t)| t.span().start);
            for (from, target) in entries {
                let ids: Vec<String> = match target.get_ref() {
                    Target::One(id) => vec![id.trim().to_string()],
                    Target::Many(ids) => ids.iter().map(|i| i.trim().to_string()).collect(),
                };
                if group == FacetGroup::Evidence && ids.len() != 1 {
                    at(
                        target.span().start,
                        "an evidence level maps to exactly one id".into(),
                    );
                    continue;
                }
                let unknown: Vec<&String> = ids
                    .iter()
                    .filter(|id| vocabulary.iter().all(|t| t.id != id.as_str()))
                    .collect();
                for id in &unknown {
                    at(
                        target.span().start,
                        unknown_id_message(group, id, vocabulary),
                    );
                }
                if unknown.is_empty() {
                    mapping.values.insert((group, normalise(from)), ids);
                }
            }
        }
        if problems.is_empty() {
            Ok(mapping)
        } else {
            Err(problems)
        }
    }

    fn load_columns(&mut self, section: &Spanned<Section>, at: &mut impl FnMut(usize, String)) {
        for (from, target) in section.get_ref() {
            match target.get_ref() {
                Target::One(to) if to.trim().is_empty() => {
                    self.columns.insert(normalise(from), None);
                }
                Target::One(to) => match columns::find(to) {
                    Some(column) => {
                        self.columns.insert(normalise(from), Some(column));
                    }
                    None => at(
                        target.span().start,
                        format!(
                            "unknown column `{to}`; use a column name from docs/import.md, or \"\" to ignore the column"
                        ),
                    ),
                },
                Target::Many(_) => at(
                    target.span().start,
                    "a column maps to one column name (or \"\" to ignore it)".into(),
                ),
            }
        }
    }

    /// What the mapping says about a header cell: `Some(Some(c))` renames it to `c`,
    /// `Some(None)` ignores it, `None` leaves it to the standard names.
    pub fn column(&self, header: &str) -> Option<Option<Column>> {
        self.columns.get(&normalise(header)).copied()
    }

    /// The ids a written value stands for (possibly none, when mapped to `[]`).
    pub fn resolve(&self, group: FacetGroup, raw: &str) -> Vec<String> {
        let vocabulary = group.vocabulary().unwrap_or(&[]);
        let trimmed = raw.trim();
        if vocabulary.iter().any(|t| t.id == trimmed) {
            return vec![trimmed.to_string()];
        }
        let key = normalise(trimmed);
        if let Some(ids) = self.values.get(&(group, key.clone())) {
            return ids.clone();
        }
        vocabulary
            .iter()
            .find(|t| normalise(t.id) == key || normalise(t.nl) == key || normalise(t.en) == key)
            .map(|t| vec![t.id.to_string()])
            .unwrap_or_else(|| vec![trimmed.to_string()])
    }

    /// Translate every vocabulary value in a draft, keeping each value's position.
    pub fn apply(&self, draft: &mut Draft) {
        let lists = [
            (FacetGroup::TargetGroup, &mut draft.target_groups),
            (FacetGroup::Level, &mut draft.levels),
            (FacetGroup::OfferType, &mut draft.offer_types),
            (FacetGroup::Prevention, &mut draft.prevention),
            (FacetGroup::Theme, &mut draft.themes),
        ];
        for (group, list) in lists {
            if let Some(list) = list {
                self.apply_list(group, &mut list.value);
            }
        }
        if let Some(w) = &mut draft.weerbaarheid
            && let Some(dims) = &mut w.value.dimensions
        {
            self.apply_list(FacetGroup::Dimension, &mut dims.value);
        }
        if let Some(elements) = &mut draft.working_elements {
            let mut out = Vec::with_capacity(elements.value.len());
            for element in elements.value.drain(..) {
                let ids = self.resolve(FacetGroup::WorkingElement, &element.id.value);
                for (k, id) in ids.into_iter().enumerate() {
                    let mut e = element.clone();
                    e.id.value = id;
                    // A value mapped to several elements keeps its note on the first.
                    if k > 0 {
                        e.note = None;
                    }
                    out.push(e);
                }
            }
            elements.value = out;
        }
        if let Some(e) = &mut draft.evidence
            && let Some(level) = &mut e.value.level
            && let Some(id) = self
                .resolve(FacetGroup::Evidence, &level.value)
                .into_iter()
                .next()
        {
            level.value = id;
        }
    }

    fn apply_list(&self, group: FacetGroup, list: &mut Vec<At<String>>) {
        let mut out = Vec::with_capacity(list.len());
        for item in list.drain(..) {
            for id in self.resolve(group, &item.value) {
                out.push(At::new(id, item.pos));
            }
        }
        *list = out;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Mapping, Vec<String>> {
        Mapping::parse(Path::new("map.toml"), text)
            .map_err(|ps| ps.iter().map(|p| p.to_string()).collect())
    }

    #[test]
    fn ids_labels_and_mapped_values_resolve() {
        let m = parse("[theme]\n\"Radicalisering en extremisme\" = \"radicalisering\"\n")
            .unwrap_or_default();
        assert_eq!(
            m.resolve(FacetGroup::Theme, "polarisatie"),
            vec!["polarisatie"]
        );
        assert_eq!(
            m.resolve(FacetGroup::Theme, "radicalisering EN extremisme"),
            vec!["radicalisering"]
        );
        assert_eq!(
            m.resolve(FacetGroup::TargetGroup, "Ouders en opvoeders"),
            vec!["ouders"]
        );
        assert_eq!(
            m.resolve(FacetGroup::TargetGroup, "Parents and carers"),
            vec!["ouders"]
        );
        assert_eq!(m.resolve(FacetGroup::Theme, "iets"), vec!["iets"]);
    }

    #[test]
    fn a_value_may_map_to_several_ids_or_none() {
        let m = parse("[target-group]\nOpvoeders = [\"vaders\", \"moeders\"]\nOverig = []\n")
            .unwrap_or_default();
        assert_eq!(
            m.resolve(FacetGroup::TargetGroup, "opvoeders"),
            vec!["vaders", "moeders"]
        );
        assert!(m.resolve(FacetGroup::TargetGroup, "Overig").is_empty());
    }

    #[test]
    fn mapping_problems_name_the_line_and_the_closest_ids() {
        let errs = parse("[theme]\nA = \"polarisati\"\n\n[kleur]\nB = \"rood\"\n[evidence]\nC = [\"onbekend\", \"niet-erkend\"]\n")
            .err()
            .unwrap_or_default();
        assert_eq!(
            errs,
            vec![
                "map.toml:2:5: unknown theme `polarisati`; did you mean `polarisatie`?",
                "map.toml:4:1: unknown section `[kleur]`; use one of theme, target-group, level, offer-type, prevention, dimension, working-element, evidence, columns",
                "map.toml:7:5: an evidence level maps to exactly one id",
            ]
        );
    }

    #[test]
    fn columns_can_be_renamed_or_ignored() {
        let m = parse("[columns]\n\"Naam interventie\" = \"naam\"\nOpmerkingen = \"\"\n")
            .unwrap_or_default();
        assert_eq!(m.column("naam  interventie"), Some(Some(Column::Name)));
        assert_eq!(m.column("opmerkingen"), Some(None));
        assert_eq!(m.column("naam"), None);
        let errs = parse("[columns]\nX = \"kleur\"\n")
            .err()
            .unwrap_or_default();
        assert_eq!(errs.len(), 1);
        assert!(errs[0].starts_with("map.toml:2:5: unknown column `kleur`"));
    }
}
