//! `db verify`'s content check: rows a file can hold that weerbaar cannot interpret. Reading
//! tolerates them (an unknown theme shows as its raw id, an orphan row is skipped), so without
//! this check a damaged or hand-edited file would pass `verify` and show nonsense later.

use std::collections::HashSet;
use std::fmt;
use std::path::Path;

use rusqlite::Connection;

use crate::core::model::FacetGroup;
use crate::core::model::vocab::{self, closest_ids};

use super::StoreError;
use super::classify;
use super::read::{raw_text, text};

/// At most this many problems are described one by one; the rest are counted.
pub const MAX_LISTED: usize = 50;

/// Above this many interventions, orphan rows get no "closest id" (each suggestion compares
/// against every id).
const SUGGEST_ORPHANS_UP_TO: usize = 20_000;

/// Displayed values are cut to this many characters (a hostile file can hold long ones).
const MAX_SHOWN_CHARS: usize = 60;

/// One row weerbaar cannot interpret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentProblem {
    /// The table holding the row.
    pub table: &'static str,
    /// The intervention id the row belongs to (or claims to).
    pub id: String,
    /// The row's `position` among that intervention's rows (`None` for `intervention`).
    pub position: Option<i64>,
    pub kind: ProblemKind,
    /// The closest valid values (vocabulary ids, or intervention ids for an orphan).
    pub closest: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// `column`'s value is not in the vocabulary of `group` (e.g. theme `foo`).
    NotInVocabulary {
        column: &'static str,
        group: &'static str,
        value: String,
    },
    /// A `facet_value` row names a facet group weerbaar does not have.
    UnknownFacet { value: String },
    /// A child row whose intervention does not exist.
    Orphan,
}

impl fmt::Display for ContentProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let table = self.table;
        let id = match self.position {
            Some(p) => format!("{} #{p}", self.id),
            None => self.id.clone(),
        };
        match &self.kind {
            ProblemKind::NotInVocabulary {
                column,
                group,
                value,
            } => write!(
                f,
                "{table}: {id}: {column} `{value}` is not in the {group} vocabulary"
            )?,
            ProblemKind::UnknownFacet { value } => {
                write!(f, "{table}: {id}: facet `{value}` is not a facet group")?
            }
            ProblemKind::Orphan => write!(f, "{table}: {id}: no intervention has this id")?,
        }
        if !self.closest.is_empty() {
            write!(f, " (closest: {})", self.closest.join(", "))?;
        }
        Ok(())
    }
}

/// What the content check found: the first `MAX_LISTED` problems and how many in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContentReport {
    pub problems: Vec<ContentProblem>,
    pub total: usize,
}

impl ContentReport {
    fn push(&mut self, problem: impl FnOnce() -> ContentProblem) {
        self.total += 1;
        if self.problems.len() < MAX_LISTED {
            self.problems.push(problem());
        }
    }
}

/// Check every value against the vocabularies and every child row against the interventions.
pub(super) fn check(conn: &Connection, path: &Path) -> Result<ContentReport, StoreError> {
    let sql_err = |e| classify(path, e);
    let mut report = ContentReport::default();

    // The interventions: their ids (as stored, for the orphan check) and evidence levels.
    let mut ids: HashSet<Vec<u8>> = HashSet::new();
    let mut shown_ids: Vec<String> = Vec::new();
    {
        let mut stmt = conn
            .prepare("SELECT id, evidence_level FROM intervention ORDER BY id COLLATE BINARY")
            .map_err(sql_err)?;
        let mut rows = stmt.query([]).map_err(sql_err)?;
        while let Some(row) = rows.next().map_err(sql_err)? {
            let id = text(row, 0, path, false)?;
            let level = text(row, 1, path, false)?;
            ids.insert(raw_text(row, 0, path)?);
            if vocab::EVIDENCE.iter().all(|t| t.id != level) {
                report.push(|| ContentProblem {
                    table: "intervention",
                    id: shorten(&id),
                    position: None,
                    kind: ProblemKind::NotInVocabulary {
                        column: "evidence_level",
                        group: FacetGroup::Evidence.id(),
                        value: shorten(&level),
                    },
                    closest: closest_terms(FacetGroup::Evidence, &level),
                });
            }
            shown_ids.push(id);
        }
    }

    // Child rows: (table, value column or none, the group its value belongs to).
    let children: [(&'static str, Option<&'static str>); 6] = [
        ("alias", None),
        ("provider", None),
        ("facet_value", Some("value_id")),
        ("working_element", Some("element_id")),
        ("study", None),
        ("source", None),
    ];
    for (table, value_column) in children {
        let columns = match (table, value_column) {
            ("facet_value", _) => "intervention_id, facet, value_id".to_string(),
            (_, Some(column)) => format!("intervention_id, {column}, {column}"),
            (_, None) => "intervention_id, NULL, NULL".to_string(),
        };
        // `position` last, read as a number where it is one (a foreign file may hold anything).
        let mut stmt = conn
            .prepare(&format!(
                "SELECT {columns}, position FROM {table} ORDER BY intervention_id COLLATE BINARY, position"
            ))
            .map_err(sql_err)?;
        let mut rows = stmt.query([]).map_err(sql_err)?;
        while let Some(row) = rows.next().map_err(sql_err)? {
            let raw_id = raw_text(row, 0, path)?;
            let id = text(row, 0, path, false)?;
            let position = row.get::<_, i64>(3).ok();
            if !ids.contains(&raw_id) {
                report.push(|| ContentProblem {
                    table,
                    id: shorten(&id),
                    position,
                    kind: ProblemKind::Orphan,
                    closest: if shown_ids.len() <= SUGGEST_ORPHANS_UP_TO {
                        closest_ids(&id, shown_ids.iter().map(String::as_str))
                            .into_iter()
                            .map(str::to_string)
                            .collect()
                    } else {
                        Vec::new()
                    },
                });
                continue;
            }
            let group = match table {
                "facet_value" => {
                    let facet = text(row, 1, path, false)?;
                    match FacetGroup::from_id(&facet).filter(|g| FacetGroup::SET_VALUED.contains(g))
                    {
                        Some(group) => group,
                        None => {
                            report.push(|| ContentProblem {
                                table,
                                id: shorten(&id),
                                position,
                                kind: ProblemKind::UnknownFacet {
                                    value: shorten(&facet),
                                },
                                closest: closest_ids(
                                    &facet,
                                    FacetGroup::SET_VALUED.map(FacetGroup::id),
                                )
                                .into_iter()
                                .map(str::to_string)
                                .collect(),
                            });
                            continue;
                        }
                    }
                }
                "working_element" => FacetGroup::WorkingElement,
                _ => continue,
            };
            let value = text(row, 2, path, false)?;
            if group.term(&value).is_none() {
                report.push(|| ContentProblem {
                    table,
                    id: shorten(&id),
                    position,
                    kind: ProblemKind::NotInVocabulary {
                        column: value_column.unwrap_or("value"),
                        group: group.id(),
                        value: shorten(&value),
                    },
                    closest: closest_terms(group, &value),
                });
            }
        }
    }
    Ok(report)
}

/// The closest ids in `group`'s vocabulary.
fn closest_terms(group: FacetGroup, value: &str) -> Vec<String> {
    let terms = group.vocabulary().unwrap_or(&[]);
    closest_ids(value, terms.iter().map(|t| t.id))
        .into_iter()
        .map(str::to_string)
        .collect()
}

fn shorten(s: &str) -> String {
    if s.chars().count() <= MAX_SHOWN_CHARS {
        s.to_string()
    } else {
        let mut cut: String = s.chars().take(MAX_SHOWN_CHARS - 1).collect();
        cut.push('…');
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::store::BUNDLED_DB;

    fn tampered(sql: &str) -> (tempfile::TempDir, std::path::PathBuf, Connection) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("t.sqlite");
        std::fs::write(&path, BUNDLED_DB).unwrap_or_else(|e| panic!("{e}"));
        let conn = Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
        conn.execute_batch("PRAGMA foreign_keys = OFF;")
            .unwrap_or_else(|e| panic!("{e}"));
        conn.execute_batch(sql).unwrap_or_else(|e| panic!("{e}"));
        (dir, path, conn)
    }

    fn lines(sql: &str) -> (Vec<String>, usize) {
        let (_dir, path, conn) = tampered(sql);
        let report = check(&conn, &path).unwrap_or_else(|e| panic!("{e}"));
        (
            report.problems.iter().map(|p| p.to_string()).collect(),
            report.total,
        )
    }

    #[test]
    fn the_bundled_inventory_has_no_problems() {
        assert_eq!(lines(""), (vec![], 0));
    }

    #[test]
    fn an_unknown_theme_names_table_id_value_and_the_closest_ids() {
        let (found, total) = lines(
            "UPDATE facet_value SET value_id = 'polarisatei'
               WHERE intervention_id = 'diamant' AND facet = 'theme' AND position = 0;",
        );
        assert_eq!(total, 1);
        assert_eq!(
            found,
            [
                "facet_value: diamant #0: value_id `polarisatei` is not in the theme vocabulary (closest: polarisatie)"
            ]
        );
    }

    #[test]
    fn unknown_evidence_element_and_facet_group_are_each_one_line() {
        let (found, total) = lines(
            "UPDATE intervention SET evidence_level = 'super' WHERE id = 'diamant';
             UPDATE working_element SET element_id = 'foo' WHERE intervention_id = 'diamant' AND position = 0;
             UPDATE facet_value SET facet = 'thema' WHERE intervention_id = 'soar' AND position = 0 AND facet = 'theme';",
        );
        assert_eq!(total, 3, "{found:?}");
        assert!(
            found[0].starts_with(
                "intervention: diamant: evidence_level `super` is not in the evidence vocabulary"
            ),
            "{found:?}"
        );
        assert!(
            found.iter().any(|l| l.starts_with(
                "working_element: diamant #0: element_id `foo` is not in the working-element vocabulary"
            )),
            "{found:?}"
        );
        assert!(
            found.iter().any(|l| l
                == "facet_value: soar #0: facet `thema` is not a facet group (closest: theme)"),
            "{found:?}"
        );
    }

    #[test]
    fn orphan_rows_name_their_table_and_the_closest_intervention() {
        let (found, total) = lines(
            "INSERT INTO source (intervention_id, position, url, title, checked, supports)
               VALUES ('diamantt', 0, 'https://example.org', 'x', '2024-01-01', '');",
        );
        assert_eq!(total, 1);
        assert_eq!(
            found,
            ["source: diamantt #0: no intervention has this id (closest: diamant)"]
        );
    }

    #[test]
    fn many_problems_are_counted_beyond_the_listed_ones() {
        let (found, total) = lines("UPDATE intervention SET evidence_level = 'x';");
        assert_eq!(found.len(), MAX_LISTED);
        assert!(total > MAX_LISTED);
    }
}
