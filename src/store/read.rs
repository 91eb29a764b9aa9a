//! Reading a checked database into an `Inventory`. Every string is sanitised and size-limited on
//! the way in, because the file may come from anyone.

use std::path::Path;

use rusqlite::{Connection, Row};

use crate::model::text::{sanitize, sanitize_line};
use crate::model::{
    Evidence, FacetGroup, Intervention, Source, Study, Weerbaarheid, WorkingElementUse,
};

use super::draft::MAX_TEXT_BYTES;
use super::open::classify;
use super::{Inventory, MAX_CHILD_ROWS, MAX_INTERVENTIONS, Metadata, StoreError};

pub(super) fn load(conn: &Connection, path: &Path) -> Result<Inventory, StoreError> {
    let sql_err = |e| classify(path, e);
    let metadata = load_metadata(conn, path)?;

    let mut interventions: Vec<Intervention> = Vec::new();
    {
        let mut stmt = conn
            .prepare(
                "SELECT id, name, country, summary, aim, approach, framing, evidence_level,
                        evidence_year, evidence_body, evidence_note, duration, cost, region
                 FROM intervention ORDER BY id",
            )
            .map_err(sql_err)?;
        let mut rows = stmt.query([]).map_err(sql_err)?;
        while let Some(row) = rows.next().map_err(sql_err)? {
            if interventions.len() >= MAX_INTERVENTIONS {
                return Err(too_many(path, "intervention", MAX_INTERVENTIONS));
            }
            let line = |i| text(row, i, path, false);
            let para = |i| text(row, i, path, true);
            let id = line(0)?;
            if id.is_empty() {
                return Err(StoreError::BadContent(
                    path.to_path_buf(),
                    "an intervention has an empty id".into(),
                ));
            }
            let year = int(row, 8, path)?;
            interventions.push(Intervention {
                id,
                name: line(1)?,
                country: line(2)?,
                summary: para(3)?,
                aim: para(4)?,
                approach: para(5)?,
                weerbaarheid: Weerbaarheid {
                    dimensions: Vec::new(),
                    framing: para(6)?,
                },
                evidence: Evidence {
                    level: line(7)?,
                    year: year.and_then(|y| u16::try_from(y).ok()),
                    body: line(9)?,
                    note: line(10)?,
                    studies: Vec::new(),
                },
                duration: line(11)?,
                cost: line(12)?,
                region: line(13)?,
                ..Intervention::default()
            });
        }
    }
    // Children are attached by binary search, so the order must be ours (bytewise), whatever
    // collation the file declares; and two entries must never share an id.
    interventions.sort_by(|a, b| a.id.cmp(&b.id));
    if let Some(pair) = interventions.windows(2).find(|w| w[0].id == w[1].id) {
        return Err(StoreError::BadContent(
            path.to_path_buf(),
            format!("the id `{}` is used by two interventions", pair[0].id),
        ));
    }

    for_each_child(
        conn,
        path,
        "alias",
        "SELECT intervention_id, alias FROM alias ORDER BY intervention_id, position",
        |row| {
            let alias = text(row, 1, path, false)?;
            Ok(Child::Alias(alias))
        },
        &mut interventions,
    )?;
    for_each_child(
        conn,
        path,
        "provider",
        "SELECT intervention_id, name FROM provider ORDER BY intervention_id, position",
        |row| {
            let name = text(row, 1, path, false)?;
            Ok(Child::Provider(name))
        },
        &mut interventions,
    )?;
    for_each_child(
        conn,
        path,
        "facet_value",
        "SELECT intervention_id, facet, value_id FROM facet_value ORDER BY intervention_id, facet, position",
        |row| {
            let facet = text(row, 1, path, false)?;
            let value = text(row, 2, path, false)?;
            Ok(Child::Facet(facet, value))
        },
        &mut interventions,
    )?;
    for_each_child(
        conn,
        path,
        "working_element",
        "SELECT intervention_id, element_id, note FROM working_element ORDER BY intervention_id, position",
        |row| {
            let element = WorkingElementUse {
                id: text(row, 1, path, false)?,
                note: text(row, 2, path, false)?,
            };
            Ok(Child::Element(element))
        },
        &mut interventions,
    )?;
    for_each_child(
        conn,
        path,
        "study",
        "SELECT intervention_id, design, n, outcome, year, reference FROM study ORDER BY intervention_id, position",
        |row| {
            let n = int(row, 2, path)?;
            let year = int(row, 4, path)?;
            let study = Study {
                design: text(row, 1, path, false)?,
                n: n.and_then(|n| u32::try_from(n).ok()),
                outcome: text(row, 3, path, false)?,
                year: year.and_then(|y| u16::try_from(y).ok()),
                reference: text(row, 5, path, false)?,
            };
            Ok(Child::Study(study))
        },
        &mut interventions,
    )?;
    for_each_child(
        conn,
        path,
        "source",
        "SELECT intervention_id, url, title, checked FROM source ORDER BY intervention_id, position",
        |row| {
            let source = Source {
                url: text(row, 1, path, false)?,
                title: text(row, 2, path, false)?,
                checked: text(row, 3, path, false)?,
            };
            Ok(Child::Source(source))
        },
        &mut interventions,
    )?;

    Ok(Inventory {
        metadata,
        interventions,
    })
}

enum Child {
    Alias(String),
    Provider(String),
    Facet(String, String),
    Element(WorkingElementUse),
    Study(Study),
    Source(Source),
}

/// Run a child query and attach each row to its parent. Rows whose parent is missing are
/// ignored (a foreign file may hold orphans); they never reach the user.
fn for_each_child<F>(
    conn: &Connection,
    path: &Path,
    table: &str,
    sql: &str,
    mut read_row: F,
    interventions: &mut [Intervention],
) -> Result<(), StoreError>
where
    F: FnMut(&Row<'_>) -> Result<Child, StoreError>,
{
    let mut stmt = conn.prepare(sql).map_err(|e| classify(path, e))?;
    let mut rows = stmt.query([]).map_err(|e| classify(path, e))?;
    let mut count = 0usize;
    while let Some(row) = rows.next().map_err(|e| classify(path, e))? {
        count += 1;
        if count > MAX_CHILD_ROWS {
            return Err(too_many(path, table, MAX_CHILD_ROWS));
        }
        let id = text(row, 0, path, false)?;
        let Ok(ix) = interventions.binary_search_by(|i| i.id.as_str().cmp(&id)) else {
            continue;
        };
        let child = read_row(row)?;
        let item = &mut interventions[ix];
        match child {
            Child::Alias(a) => item.aliases.push(a),
            Child::Provider(p) => item.providers.push(p),
            Child::Facet(facet, value) => match FacetGroup::from_id(&facet) {
                Some(FacetGroup::Theme) => item.themes.push(value),
                Some(FacetGroup::TargetGroup) => item.target_groups.push(value),
                Some(FacetGroup::Level) => item.levels.push(value),
                Some(FacetGroup::OfferType) => item.offer_types.push(value),
                Some(FacetGroup::Prevention) => item.prevention.push(value),
                Some(FacetGroup::Dimension) => item.weerbaarheid.dimensions.push(value),
                _ => {}
            },
            Child::Element(e) => item.working_elements.push(e),
            Child::Study(s) => item.evidence.studies.push(s),
            Child::Source(s) => item.sources.push(s),
        }
    }
    Ok(())
}

fn too_many(path: &Path, table: &str, limit: usize) -> StoreError {
    StoreError::BadContent(
        path.to_path_buf(),
        format!("table `{table}` has more than {limit} rows, the most weerbaar reads"),
    )
}

/// The name of a result column, for messages.
fn column_name(row: &Row<'_>, index: usize) -> String {
    row.as_ref()
        .column_name(index)
        .map(str::to_string)
        .unwrap_or_else(|_| format!("column {index}"))
}

/// Read a text column: NULL becomes "", a whole number its digits, and anything else must be
/// text (valid UTF-8) within the size limit.
fn text(row: &Row<'_>, index: usize, path: &Path, multiline: bool) -> Result<String, StoreError> {
    use rusqlite::types::ValueRef;
    let value = row.get_ref(index).map_err(|e| classify(path, e))?;
    let raw = match value {
        ValueRef::Null => return Ok(String::new()),
        ValueRef::Text(bytes) => bytes,
        ValueRef::Integer(i) => return Ok(i.to_string()),
        ValueRef::Real(_) | ValueRef::Blob(_) => {
            let kind = if matches!(value, ValueRef::Real(_)) {
                "a decimal number"
            } else {
                "binary data (a blob)"
            };
            return Err(StoreError::BadContent(
                path.to_path_buf(),
                format!(
                    "column `{}` holds {kind} where text was expected",
                    column_name(row, index)
                ),
            ));
        }
    };
    if raw.len() > MAX_TEXT_BYTES {
        return Err(StoreError::BadContent(
            path.to_path_buf(),
            format!(
                "a text field is {} KB; the limit is {} KB",
                raw.len() / 1024,
                MAX_TEXT_BYTES / 1024
            ),
        ));
    }
    let s = String::from_utf8_lossy(raw);
    Ok(if multiline {
        sanitize(&s, true)
    } else {
        sanitize_line(&s)
    })
}

/// Read a whole-number column: NULL is `None`; text, decimals and blobs are refused.
fn int(row: &Row<'_>, index: usize, path: &Path) -> Result<Option<i64>, StoreError> {
    use rusqlite::types::ValueRef;
    match row.get_ref(index).map_err(|e| classify(path, e))? {
        ValueRef::Null => Ok(None),
        ValueRef::Integer(i) => Ok(Some(i)),
        _ => Err(StoreError::BadContent(
            path.to_path_buf(),
            format!(
                "column `{}` holds something other than a whole number",
                column_name(row, index)
            ),
        )),
    }
}

fn load_metadata(conn: &Connection, path: &Path) -> Result<Metadata, StoreError> {
    let mut stmt = conn
        .prepare("SELECT key, value FROM metadata")
        .map_err(|e| classify(path, e))?;
    let mut rows = stmt.query([]).map_err(|e| classify(path, e))?;
    let mut meta = Metadata::default();
    let mut count = 0usize;
    while let Some(row) = rows.next().map_err(|e| classify(path, e))? {
        // Five keys are ours; a few more are tolerated, millions are not.
        count += 1;
        if count > 1000 {
            return Err(too_many(path, "metadata", 1000));
        }
        let key = text(row, 0, path, false)?;
        let value = text(row, 1, path, false)?;
        match key.as_str() {
            "title" => meta.title = value,
            "version" => meta.version = value,
            "date" => meta.date = value,
            "licence" => meta.licence = value,
            "source" => meta.source = value,
            _ => {}
        }
    }
    if meta.title.is_empty() {
        meta.title = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
    }
    Ok(meta)
}
