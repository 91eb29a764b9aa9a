//! Opening an inventory, one service for both faces: the explorer's loader and every CLI
//! command open a database, get its search index and write files through here.
//!
//! It sits above `store` (the records on disk) and `query` (searching them, without IO): the
//! search index is built by `query` and kept in the file (`stored`) by this module, which the
//! store calls back (`DERIVED`) after a written file reads back and in `db verify`. So the store
//! does not know how it is searched and the query core reads no files.

pub mod stored;

use std::path::Path;

use crate::core::query::{Index, TextIndex, TextIndexBuilder};
use crate::core::store::{
    self, BuildError, Database, Derived, IntegrityCheck, Inventory, Part, StoreError, Verification,
};

/// What the store calls to write and check the stored search index.
pub const DERIVED: Derived = Derived {
    write: write_index,
    verify: stored::verify,
};

/// The stored search index of a file just written, from the records as they read back.
fn write_index(conn: &rusqlite::Connection, back: &Inventory, path: &Path) -> rusqlite::Result<()> {
    // The index's own commit makes SQLite's change counter one more than now: stored with it,
    // a later write by any other tool shows the index is stale.
    let counter = stored::change_counter(path).map(|c| c.wrapping_add(1));
    stored::write(conn, &Index::build(back), counter)
}

/// Write an inventory to `out` (through a temporary file), with its search index.
pub fn write_atomically(inventory: &Inventory, out: &Path) -> Result<(), BuildError> {
    store::write_atomically(inventory, out, DERIVED)
}

/// `db build`: the file made from the TOML sources in `data_dir`, with its search index.
pub fn build_file(data_dir: &Path, out: &Path, current_year: u16) -> Result<usize, BuildError> {
    store::build_file(data_dir, out, current_year, DERIVED)
}

/// `db verify`: the store's checks and the stored search index's.
pub fn verify_path(path: &Path) -> Result<Verification, StoreError> {
    store::verify_path(path, DERIVED)
}

/// The inventory at `path` (the bundled one without), in memory.
pub fn open(path: Option<&Path>) -> Result<Inventory, StoreError> {
    match path {
        Some(path) => store::open_path(path),
        None => store::open_bundled(),
    }
}

/// The database at `path` (the bundled one without), open for streaming and fetching records
/// by id.
pub fn database(path: Option<&Path>) -> Result<Database, StoreError> {
    match path {
        Some(path) => Database::open_path(path),
        None => Database::open_bundled(),
    }
}

/// The database at `path` (the bundled one without), its schema checked but its integrity
/// check left to run beside the first frame (the explorer's way; the bundled file needs none).
pub fn database_deferred(
    path: Option<&Path>,
) -> Result<(Database, Option<IntegrityCheck>), StoreError> {
    match path {
        Some(path) => Database::open_path_deferred(path).map(|(db, check)| (db, Some(check))),
        None => Database::open_bundled().map(|db| (db, None)),
    }
}

/// The index of an open inventory: the stored one when the file has a current one, else built
/// from the records (`with_text: false`: the keys only, for queries without search text). The
/// flag says the file has no usable stored index (for the hint to add one).
pub fn index(db: &Database, with_text: bool) -> Result<(Index, bool), StoreError> {
    match stored_index(db, with_text)? {
        stored::Stored::Loaded(index) => Ok((*index, false)),
        found => {
            let index = if with_text {
                load(db)?
            } else {
                load_keys(db, |_| {})?
            };
            // No hint for a stale index: the records are searched correctly, and a file
            // changed behind weerbaar's back is for `db verify` to report.
            Ok((index, !matches!(found, stored::Stored::Stale)))
        }
    }
}

/// What the file holds in the way of a stored index, read and checked.
pub fn stored_index(db: &Database, with_text: bool) -> Result<stored::Stored, StoreError> {
    db.with_connection(|conn, path| stored::load(conn, path, with_text))
}

/// Build the index by streaming a database: only one full record is in memory at a time, so a
/// large inventory costs the index, not the inventory. Details come later, by id
/// (`Database::intervention`).
pub fn load(db: &Database) -> Result<Index, StoreError> {
    let mut builder = crate::core::query::IndexBuilder::new();
    db.for_each(|item| {
        builder.push(&item);
        Ok(())
    })?;
    Ok(builder.finish())
}

/// Stage one of opening a large inventory: everything but the word index over the long text,
/// from a pass that reads only the short fields (`Part::Keys`), so the results and facets are
/// usable early. Until `Index::set_text`, plain terms match names, aliases, providers and facet
/// values but not the long text. `progress` gets the number of records read.
pub fn load_keys(db: &Database, mut progress: impl FnMut(usize)) -> Result<Index, StoreError> {
    let mut builder = crate::core::query::IndexBuilder::keys();
    db.for_each_part(Part::Keys, |item| {
        builder.push(&item);
        progress(builder.len());
        Ok(())
    })?;
    Ok(builder.finish())
}

/// Stage two: the word index over the long text, to put in with `Index::set_text`.
pub fn load_text(db: &Database, mut progress: impl FnMut(usize)) -> Result<TextIndex, StoreError> {
    let mut builder = TextIndexBuilder::default();
    let mut read = 0;
    db.for_each_part(Part::Text, |item| {
        builder.push(&item);
        read += 1;
        progress(read);
        Ok(())
    })?;
    Ok(builder.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The two stages of a staged load (keys, then the text put in) give an index that answers
    /// every query exactly as a one-pass load does; the keys alone already find names,
    /// providers and facet values.
    #[test]
    fn a_staged_load_answers_as_a_one_pass_load() {
        use crate::core::model::FacetGroup;
        use crate::core::query::{Query, SkimMatcher, run};
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("synth.sqlite");
        let model = crate::core::store::open_bundled().unwrap_or_else(|e| panic!("{e}"));
        let synthetic = crate::core::synth::generate(&model, 300, 2).unwrap_or_default();
        write_atomically(&synthetic, &path).unwrap_or_else(|e| panic!("{e}"));
        let matcher = SkimMatcher::default();
        for db in [
            Database::open_bundled().unwrap_or_else(|e| panic!("{e}")),
            Database::open_path(&path).unwrap_or_else(|e| panic!("{e}")),
        ] {
            let whole = load(&db).unwrap_or_else(|e| panic!("{e}"));
            let mut seen = Vec::new();
            let mut staged = load_keys(&db, |n| seen.push(n)).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(seen, (1..=whole.len()).collect::<Vec<_>>());
            assert_eq!(staged.text().records(), 0);
            let name = whole.name(whole.len() / 2).to_string();
            let by_name = Query {
                text: format!("naam:{name}"),
                ..Query::default()
            };
            assert_eq!(
                run(&staged, &matcher, &by_name),
                run(&whole, &matcher, &by_name)
            );
            let text = load_text(&db, |_| {}).unwrap_or_else(|e| panic!("{e}"));
            assert!(
                !Index::default().set_text(text.clone()),
                "another record count"
            );
            assert!(staged.set_text(text));
            for q in [
                "",
                "ouders",
                "polar jongeren",
                "gesprek",
                "aanbieder:ggd",
                "zzzz",
            ] {
                let mut query = Query {
                    text: q.into(),
                    ..Query::default()
                };
                assert_eq!(
                    run(&staged, &matcher, &query),
                    run(&whole, &matcher, &query),
                    "{q}"
                );
                query.toggle(FacetGroup::Theme, "polarisatie");
                assert_eq!(
                    run(&staged, &matcher, &query),
                    run(&whole, &matcher, &query),
                    "{q}"
                );
            }
        }
    }
}
