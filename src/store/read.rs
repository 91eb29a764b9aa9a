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
use super::{Inventory, Metadata, StoreError};


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
            let line = |i| text(row, i, path, false);
            let para = |i| text(row, i, path, true);
            let id = line(0)?;
            if id.is_empty() {
                return Err(StoreError::BadContent(
                    path.to_path_buf(),
                    "an intervention has an empty id".into(),
                ));
            }
            let year: Option<i64> = row.get(8).map_err(sql_err)?;
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

    for_each_child(
        conn,
        path,
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
        "SELECT intervention_id, design, n, outcome, year, reference FROM study ORDER BY intervention_id, position",
        |row| {
            let n: Option<i64> = row.get(2).map_err(|e| classify(path, e))?;
            let year: Option<i64> = row.get(4).map_err(|e| classify(path, e))?;
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
    sql: &str,
    mut read_row: F,
    interventions: &mut [Intervention],
) -> Result<(), StoreError>
where
    F: FnMut(&Row<'_>) -> Result<Child, StoreError>,
{
    let mut stmt = conn.prepare(sql).map_err(|e| classify(path, e))?;
    let mut rows = stmt.query([]).map_err(|e| classify(path, e))?;
    while let Some(row) = rows.next().map_err(|e| classify(path, e))? {
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

/// Read a text column: NULL becomes "", anything else must be text within the size limit.
fn text(row: &Row<'_>, index: usize, path: &Path, multiline: bool) -> Result<String, StoreError> {
    use rusqlite::types::ValueRef;
    let value = row.get_ref(index).map_err(|e| classify(path, e))?;
    let raw = match value {
        ValueRef::Null => return Ok(String::new()),
        ValueRef::Text(bytes) => bytes,
        ValueRef::Integer(i) => return Ok(i.to_string()),
        ValueRef::Real(_) | ValueRef::Blob(_) => {
            return Err(StoreError::BadContent(
                path.to_path_buf(),
                format!("column {index} holds a number or blob where text was expected"),
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

fn load_metadata(conn: &Connection, path: &Path) -> Result<Metadata, StoreError> {
    let mut stmt = conn
        .prepare("SELECT key, value FROM metadata")
        .map_err(|e| classify(path, e))?;
    let mut rows = stmt.query([]).map_err(|e| classify(path, e))?;
    let mut meta = Metadata::default();
    while let Some(row) = rows.next().map_err(|e| classify(path, e))? {
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
