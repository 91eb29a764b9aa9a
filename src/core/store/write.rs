//! Writing an inventory into the SQLite schema: `weerbaar db build` from the TOML sources, and
//! `weerbaar import`. A file is written next to its target, read back, and renamed into place,
//! so a failed build never leaves a half-written database behind.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, params};

use crate::core::model::FacetGroup;
use crate::core::model::vocab::Term;

use super::source::{self, Problem};
use super::{Derived, Inventory, SCHEMA_SQL, SCHEMA_VERSION};

/// Why a build failed.
#[derive(Debug)]
pub enum BuildError {
    /// The sources have problems; nothing was written.
    Invalid(Vec<Problem>),
    Write(PathBuf, String),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Invalid(problems) => {
                for p in problems {
                    writeln!(f, "{p}")?;
                }
                write!(
                    f,
                    "{} problem(s) found; nothing was written",
                    problems.len()
                )
            }
            BuildError::Write(path, e) => write!(f, "{}: cannot write: {e}", path.display()),
        }
    }
}

impl std::error::Error for BuildError {}

/// Build `out` from the sources in `data_dir`. Returns the number of interventions written.
pub fn build_file(
    data_dir: &Path,
    out: &Path,
    current_year: u16,
    derived: Derived,
) -> Result<usize, BuildError> {
    let set = source::read_dir(data_dir, current_year);
    if !set.problems.is_empty() {
        return Err(BuildError::Invalid(set.problems));
    }
    let inventory = Inventory {
        metadata: set.metadata,
        interventions: set.interventions,
    };
    write_atomically(&inventory, out, derived)?;
    Ok(inventory.interventions.len())
}

/// Write an inventory to `out` through a temporary file in the same directory, with the
/// tables `derived` makes from the records as they read back.
pub fn write_atomically(
    inventory: &Inventory,
    out: &Path,
    derived: Derived,
) -> Result<(), BuildError> {
    let write_err = |e: String| BuildError::Write(out.to_path_buf(), e);
    // A device, pipe or folder at the target would be replaced by the rename below (a device
    // node turned into a plain file). A database cannot be streamed into one: refuse.
    if std::fs::metadata(out).is_ok_and(|m| !m.is_file()) {
        return Err(write_err(
            "not a regular file (a device, a pipe or a folder); it is left as it is — give the name of a file".into(),
        ));
    }
    // Leftovers of a writer that was killed (`kill -9`, a power cut) go first.
    crate::core::atomic::sweep_stale(out, crate::core::atomic::Sweep::DeadOwners);
    let tmp = crate::core::atomic::temp_path(out);
    let _ = std::fs::remove_file(&tmp);
    // A signal removes it (and SQLite's journal) before the process ends.
    crate::core::atomic::track(&tmp);
    let result = (|| {
        let mut conn = Connection::open(&tmp).map_err(|e| e.to_string())?;
        write_inventory(&mut conn, inventory).map_err(|e| e.to_string())?;
        conn.close().map_err(|(_, e)| e.to_string())?;
        // Only a file that opens the way `--db` opens it may replace the target.
        let back = super::open_path(&tmp)
            .map_err(|e| format!("the written file does not read back ({e})"))?;
        // The derived tables (the search index) are made from the records as they read back
        // (exactly what `db verify` rebuilds them from), in a transaction of their own.
        let mut conn = Connection::open(&tmp).map_err(|e| e.to_string())?;
        let tx = conn.transaction().map_err(|e| e.to_string())?;
        (derived.write)(&tx, &back, &tmp).map_err(|e| e.to_string())?;
        tx.commit().map_err(|e| e.to_string())?;
        conn.close().map_err(|(_, e)| e.to_string())?;
        std::fs::rename(&tmp, out).map_err(|e| e.to_string())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    crate::core::atomic::untrack(&tmp);
    result.map_err(write_err)
}

/// Create the schema and insert everything, in one transaction.
pub fn write_inventory(conn: &mut Connection, inventory: &Inventory) -> rusqlite::Result<()> {
    // 16 KiB pages: a typical record (about 2 KB) fits its b-tree page instead of spilling into
    // an overflow page of its own, which left 42% of a 4 KiB-page file empty (at 100k: 462 MB
    // instead of 775, and the integrity check reads that much less; docs/performance.md).
    conn.execute_batch("PRAGMA journal_mode = DELETE; PRAGMA page_size = 16384;")?;
    let tx = conn.transaction()?;
    tx.execute_batch(SCHEMA_SQL)?;
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    {
        let m = &inventory.metadata;
        let mut stmt = tx.prepare("INSERT INTO metadata (key, value) VALUES (?1, ?2)")?;
        for (k, v) in [
            ("title", &m.title),
            ("version", &m.version),
            ("date", &m.date),
            ("licence", &m.licence),
            ("source", &m.source),
        ] {
            stmt.execute(params![k, v])?;
        }

        let mut stmt = tx.prepare(
            "INSERT INTO vocabulary (facet, id, position, label_nl, label_en, definition, synonyms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for group in FacetGroup::ALL {
            let terms: &[Term] = group.vocabulary().unwrap_or(&[]);
            for (pos, t) in terms.iter().enumerate() {
                stmt.execute(params![
                    group.id(),
                    t.id,
                    pos as i64,
                    t.nl,
                    t.en,
                    t.definition,
                    t.synonyms.join("; ")
                ])?;
            }
        }

        let mut item_stmt = tx.prepare(
            "INSERT INTO intervention (id, name, country, summary, aim, approach, framing,
                evidence_level, evidence_year, evidence_body, evidence_note, duration, cost, region,
                evidence_status, evidence_date, evidence_databank, evidence_databank_url)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                ?18)",
        )?;
        let mut alias_stmt =
            tx.prepare("INSERT INTO alias (intervention_id, position, alias) VALUES (?1, ?2, ?3)")?;
        let mut provider_stmt = tx.prepare(
            "INSERT INTO provider (intervention_id, position, name) VALUES (?1, ?2, ?3)",
        )?;
        let mut facet_stmt = tx.prepare(
            "INSERT INTO facet_value (intervention_id, facet, position, value_id) VALUES (?1, ?2, ?3, ?4)",
        )?;
        let mut element_stmt = tx.prepare(
            "INSERT INTO working_element (intervention_id, position, element_id, note) VALUES (?1, ?2, ?3, ?4)",
        )?;
        let mut study_stmt = tx.prepare(
            "INSERT INTO study (intervention_id, position, design, n, outcome, year, reference)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        let mut source_stmt = tx.prepare(
            "INSERT INTO source (intervention_id, position, url, title, checked, supports)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;

        for i in &inventory.interventions {
            item_stmt.execute(params![
                i.id,
                i.name,
                i.country,
                i.summary,
                i.aim,
                i.approach,
                i.weerbaarheid.framing,
                i.evidence.level,
                i.evidence.year,
                i.evidence.body,
                i.evidence.note,
                i.duration,
                i.cost,
                i.region,
                i.evidence.status,
                i.evidence.date,
                i.evidence.databank,
                i.evidence.databank_url
            ])?;
            for (pos, a) in i.aliases.iter().enumerate() {
                alias_stmt.execute(params![i.id, pos as i64, a])?;
            }
            for (pos, p) in i.providers.iter().enumerate() {
                provider_stmt.execute(params![i.id, pos as i64, p])?;
            }
            for group in FacetGroup::SET_VALUED {
                for (pos, v) in i.values(group).into_iter().enumerate() {
                    facet_stmt.execute(params![i.id, group.id(), pos as i64, v])?;
                }
            }
            for (pos, w) in i.working_elements.iter().enumerate() {
                element_stmt.execute(params![i.id, pos as i64, w.id, w.note])?;
            }
            for (pos, s) in i.evidence.studies.iter().enumerate() {
                study_stmt.execute(params![
                    i.id,
                    pos as i64,
                    s.design,
                    s.n,
                    s.outcome,
                    s.year,
                    s.reference
                ])?;
            }
            for (pos, s) in i.sources.iter().enumerate() {
                source_stmt.execute(params![
                    i.id,
                    pos as i64,
                    s.url,
                    s.title,
                    s.checked,
                    s.supports.join(" ")
                ])?;
            }
        }
    }
    tx.commit()?;
    conn.execute_batch("VACUUM")?;
    Ok(())
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use super::*;

    #[test]
    fn leftovers_of_a_killed_writer_are_swept_on_the_next_write() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("uit.sqlite");
        let tmp = dir.path().join(".uit.sqlite.999999999.0.tmp");
        let journal = dir.path().join(".uit.sqlite.999999999.0.tmp-journal");
        std::fs::write(&tmp, "half").unwrap();
        std::fs::write(&journal, "half").unwrap();
        let inventory = super::super::open_bundled().unwrap();
        write_atomically(&inventory, &out, Derived::NONE).unwrap();
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["uit.sqlite"]);
    }

    #[test]
    fn a_pipe_or_device_at_the_target_is_refused_and_left_as_it_is() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("out.sqlite");
        crate::core::input::tests::fifo(&fifo);
        let inventory = super::super::open_bundled().unwrap();
        let err = write_atomically(&inventory, &fifo, Derived::NONE)
            .unwrap_err()
            .to_string();
        assert!(err.contains("not a regular file"), "{err}");
        assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let err = write_atomically(&inventory, dir.path(), Derived::NONE)
            .unwrap_err()
            .to_string();
        assert!(err.contains("not a regular file"), "{err}");
    }
}
