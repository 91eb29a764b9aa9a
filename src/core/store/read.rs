//! Reading a checked database into an `Inventory`. Every string is sanitised and size-limited on
//! the way in, because the file may come from anyone.

use std::path::Path;

use rusqlite::{Connection, Row};

use crate::core::model::text::{sanitize, sanitize_line};
use crate::core::model::{
    Evidence, FacetGroup, Intervention, Source, Study, Weerbaarheid, WorkingElementUse,
};

use super::classify;
use super::draft::MAX_TEXT_BYTES;
use super::{Inventory, MAX_CHILD_ROWS, MAX_INTERVENTIONS, Metadata, StoreError};

/// The most ids one read of chosen interventions may ask for (one SQL parameter each; SQLite
/// allows 32,766).
pub(super) const MAX_IDS: usize = 1000;

/// Read the whole inventory into memory.
pub(super) fn load(conn: &Connection, path: &Path) -> Result<Inventory, StoreError> {
    let metadata = load_metadata(conn, path)?;
    let mut interventions: Vec<Intervention> = Vec::new();
    for_each(conn, path, None, Part::All, |item| {
        interventions.push(item);
        Ok(())
    })?;
    Ok(Inventory {
        metadata,
        interventions,
    })
}

/// Which fields of each intervention to read. A large inventory opens in stages: first the
/// short keys a result list and the facets need, then the long text for the word index; each
/// stage skips the columns and tables it does not need (empty in the records it gives).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Every field.
    All,
    /// Id, name, aliases, providers, facet values, working element ids, evidence level and year.
    Keys,
    /// Id, facet values, working elements with their notes, summary, aim, approach, framing.
    Text,
}

impl Part {
    /// The parent query, with the same columns in every part (skipped ones as empty literals,
    /// so `read_intervention` reads them all the same way); `?1` is bound to an id when reading
    /// one intervention.
    fn parent_sql(self) -> &'static str {
        match self {
            Part::All => {
                "SELECT id, name, country, summary, aim, approach, framing,
                    evidence_level, evidence_year, evidence_body, evidence_note, duration, cost,
                    region, evidence_status, evidence_date, evidence_databank,
                    evidence_databank_url
                FROM intervention"
            }
            Part::Keys => {
                "SELECT id, name, '', '', '', '', '', evidence_level, evidence_year, '', '', '',
                    '', '', evidence_status, '', '', ''
                FROM intervention"
            }
            Part::Text => {
                "SELECT id, '', '', summary, aim, approach, framing, '', NULL, '', '', '', '', '',
                    '', '', '', ''
                FROM intervention"
            }
        }
    }

    /// Whether this part reads the child table `CHILD_SQL[kind]`.
    fn reads(self, kind: usize) -> bool {
        match self {
            Part::All => true,
            // alias, provider, facet_value, working_element
            Part::Keys => kind <= 3,
            // facet_value, working_element
            Part::Text => kind == 2 || kind == 3,
        }
    }
}

/// The child tables, in the order of `CHILD_SQL`.
const CHILD_TABLES: [&str; 6] = [
    "alias",
    "provider",
    "facet_value",
    "working_element",
    "study",
    "source",
];

/// The child queries, each in the parent's order (by id in byte order whatever collation the
/// file declares, then position), so one pass over each assembles every intervention: memory
/// stays flat however large the file is.
const CHILD_SQL: [(&str, &str); 6] = [
    (
        "SELECT intervention_id, alias FROM alias",
        "ORDER BY intervention_id COLLATE BINARY, position",
    ),
    (
        "SELECT intervention_id, name FROM provider",
        "ORDER BY intervention_id COLLATE BINARY, position",
    ),
    (
        "SELECT intervention_id, facet, value_id FROM facet_value",
        "ORDER BY intervention_id COLLATE BINARY, facet, position",
    ),
    (
        "SELECT intervention_id, element_id, note FROM working_element",
        "ORDER BY intervention_id COLLATE BINARY, position",
    ),
    (
        "SELECT intervention_id, design, n, outcome, year, reference FROM study",
        "ORDER BY intervention_id COLLATE BINARY, position",
    ),
    (
        "SELECT intervention_id, url, title, checked, supports FROM source",
        "ORDER BY intervention_id COLLATE BINARY, position",
    ),
];

/// Call `f` with every intervention in id order (or only those with the ids in `only`, also in
/// id order, each once), each with its child rows, as far as `part` asks.
pub(super) fn for_each(
    conn: &Connection,
    path: &Path,
    only: Option<&[&str]>,
    part: Part,
    mut f: impl FnMut(Intervention) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let sql_err = |e| classify(path, e);
    let (parent_where, child_where) = match only {
        Some(ids) => {
            // One placeholder per id; the caller keeps the list short (`MAX_IDS`).
            let list = (1..=ids.len())
                .map(|n| format!("?{n}"))
                .collect::<Vec<_>>()
                .join(", ");
            (
                format!("WHERE id COLLATE BINARY IN ({list})"),
                format!("WHERE intervention_id COLLATE BINARY IN ({list})"),
            )
        }
        None => (String::new(), String::new()),
    };
    let params: Vec<&dyn rusqlite::ToSql> = only
        .unwrap_or_default()
        .iter()
        .map(|id| id as &dyn rusqlite::ToSql)
        .collect();
    let params = params.as_slice();
    let mut parent_stmt = conn
        .prepare(&format!(
            "{} {parent_where} ORDER BY id COLLATE BINARY",
            part.parent_sql()
        ))
        .map_err(sql_err)?;
    let mut child_stmts = Vec::with_capacity(CHILD_SQL.len());
    for (kind, (select, order)) in CHILD_SQL.into_iter().enumerate() {
        if !part.reads(kind) {
            continue;
        }
        // The notes are long text: the keys do without them.
        let select = match (part, kind) {
            (Part::Keys, 3) => "SELECT intervention_id, element_id, '' FROM working_element",
            _ => select,
        };
        child_stmts.push((
            kind,
            conn.prepare(&format!("{select} {child_where} {order}"))
                .map_err(sql_err)?,
        ));
    }
    let mut cursors = Vec::with_capacity(child_stmts.len());
    for (kind, stmt) in child_stmts.iter_mut() {
        let kind = *kind;
        cursors.push(ChildCursor {
            rows: stmt.query(params).map_err(sql_err)?,
            kind,
            count: 0,
            peeked: None,
            done: false,
        });
    }

    let mut rows = parent_stmt.query(params).map_err(sql_err)?;
    let mut count = 0usize;
    let mut previous: Option<(Vec<u8>, String)> = None;
    while let Some(row) = rows.next().map_err(sql_err)? {
        count += 1;
        if count > MAX_INTERVENTIONS {
            return Err(too_many(path, "intervention", MAX_INTERVENTIONS));
        }
        let raw_id = raw_text(row, 0, path)?;
        let mut item = read_intervention(row, path)?;
        // An id is looked up by its stored bytes: one that cleaning changes (control or
        // invisible characters, spaces around it) would be listed as one id and fail to be
        // fetched by it. Refused, so `db verify`, `list` and `export` agree.
        if raw_id != item.id.as_bytes() {
            return Err(StoreError::BadContent(
                path.to_path_buf(),
                format!(
                    "the id {:?} holds control or invisible characters (shown as `{}`); an id is plain text",
                    String::from_utf8_lossy(&raw_id),
                    item.id
                ),
            ));
        }
        // Ids arrive in byte order; the cleaned ids must keep it (lookups are binary searches)
        // and two entries must never share an id.
        if let Some((previous_raw, previous_id)) = &previous {
            if *previous_raw == raw_id || *previous_id == item.id {
                return Err(StoreError::BadContent(
                    path.to_path_buf(),
                    format!("the id `{}` is used by two interventions", item.id),
                ));
            }
            if *previous_raw > raw_id || *previous_id > item.id {
                return Err(StoreError::BadContent(
                    path.to_path_buf(),
                    format!(
                        "the id `{}` sorts differently once cleaned of control characters",
                        item.id
                    ),
                ));
            }
        }
        for cursor in &mut cursors {
            cursor.attach(&raw_id, &mut item, path)?;
        }
        previous = Some((raw_id, item.id.clone()));
        f(item)?;
    }
    Ok(())
}

fn read_intervention(row: &Row<'_>, path: &Path) -> Result<Intervention, StoreError> {
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
    Ok(Intervention {
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
            status: line(14)?,
            date: line(15)?,
            year: year.and_then(|y| u16::try_from(y).ok()),
            body: line(9)?,
            databank: line(16)?,
            databank_url: line(17)?,
            note: line(10)?,
            studies: Vec::new(),
        },
        duration: line(11)?,
        cost: line(12)?,
        region: line(13)?,
        ..Intervention::default()
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

/// One child query, read in step with the parents. Ids are compared as stored (bytes, as
/// SQLite orders them), before sanitising, so the two orders always agree.
struct ChildCursor<'s> {
    rows: rusqlite::Rows<'s>,
    kind: usize,
    /// Rows read so far (a table may hold at most `MAX_CHILD_ROWS`).
    count: usize,
    peeked: Option<(Vec<u8>, Child)>,
    done: bool,
}

impl ChildCursor<'_> {
    /// Attach this cursor's rows for `parent` to `item`. Rows whose parent is missing are
    /// skipped (a foreign file may hold orphans); they never reach the user.
    fn attach(
        &mut self,
        parent: &[u8],
        item: &mut Intervention,
        path: &Path,
    ) -> Result<(), StoreError> {
        loop {
            if self.peeked.is_none() {
                if self.done {
                    return Ok(());
                }
                match self.rows.next().map_err(|e| classify(path, e))? {
                    Some(row) => {
                        self.count += 1;
                        if self.count > MAX_CHILD_ROWS {
                            return Err(too_many(path, CHILD_TABLES[self.kind], MAX_CHILD_ROWS));
                        }
                        let id = raw_text(row, 0, path)?;
                        self.peeked = Some((id, read_child(self.kind, row, path)?));
                    }
                    None => {
                        self.done = true;
                        return Ok(());
                    }
                }
            }
            let Some((id, _)) = &self.peeked else {
                return Ok(());
            };
            match id.as_slice().cmp(parent) {
                std::cmp::Ordering::Less => self.peeked = None,
                std::cmp::Ordering::Greater => return Ok(()),
                std::cmp::Ordering::Equal => {
                    if let Some((_, child)) = self.peeked.take() {
                        add_child(item, child);
                    }
                }
            }
        }
    }
}

fn read_child(kind: usize, row: &Row<'_>, path: &Path) -> Result<Child, StoreError> {
    let line = |i| text(row, i, path, false);
    let number =
        |i| -> Result<Option<i64>, StoreError> { row.get(i).map_err(|e| classify(path, e)) };
    Ok(match kind {
        0 => Child::Alias(line(1)?),
        1 => Child::Provider(line(1)?),
        2 => Child::Facet(line(1)?, line(2)?),
        3 => Child::Element(WorkingElementUse {
            id: line(1)?,
            note: line(2)?,
        }),
        4 => Child::Study(Study {
            design: line(1)?,
            n: number(2)?.and_then(|n| u32::try_from(n).ok()),
            outcome: line(3)?,
            year: number(4)?.and_then(|y| u16::try_from(y).ok()),
            reference: line(5)?,
        }),
        _ => Child::Source(Source {
            url: line(1)?,
            title: line(2)?,
            checked: line(3)?,
            supports: line(4)?.split_whitespace().map(str::to_string).collect(),
        }),
    })
}

fn add_child(item: &mut Intervention, child: Child) {
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

/// A column's bytes as stored, for ordering (NULL and numbers as their text).
pub(super) fn raw_text(row: &Row<'_>, index: usize, path: &Path) -> Result<Vec<u8>, StoreError> {
    use rusqlite::types::ValueRef;
    match row.get_ref(index).map_err(|e| classify(path, e))? {
        ValueRef::Text(bytes) | ValueRef::Blob(bytes) => Ok(bytes.to_vec()),
        ValueRef::Integer(i) => Ok(i.to_string().into_bytes()),
        ValueRef::Real(r) => Ok(r.to_string().into_bytes()),
        ValueRef::Null => Ok(Vec::new()),
    }
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
pub(super) fn text(
    row: &Row<'_>,
    index: usize,
    path: &Path,
    multiline: bool,
) -> Result<String, StoreError> {
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
    // Valid UTF-8 is checked fast; only broken text takes the lossy path.
    let s = match std::str::from_utf8(raw) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(raw),
    };
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

pub(super) fn load_metadata(conn: &Connection, path: &Path) -> Result<Metadata, StoreError> {
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
