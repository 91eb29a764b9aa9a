//! Feeding an export from the store without holding every record: the wanted ids (with their
//! shortlist notes) are fetched a chunk at a time (`CHUNK_RECORDS`), in the order asked (the
//! results' order, the sort order or the shortlist's order), and each chunk is written before
//! the next is read. Peak memory is the ids plus one chunk, whatever the size of the export.

use std::io;
use std::sync::Arc;

use crate::core::i18n::Text;
use crate::core::model::{Intervention, Lang};
use crate::core::store::{CHUNK_RECORDS, Records};

use super::{ReadFailure, Stream};

/// An id to export, with its shortlist note.
pub type Wanted<'a> = (&'a str, Option<&'a str>);

/// One fetched record with its note, as the writers take it.
pub type Fetched<'a> = (Arc<Intervention>, Option<&'a str>);

/// The records with the ids in `wanted`, in that order, each with its note. Every id must be in
/// the inventory (leave out beforehand what is known to be gone, such as a shortlist item no
/// longer in it): an id the store does not give, or a read that fails, stops the export with a
/// `ReadFailure` naming it.
pub fn fetched<'a>(
    records: &'a Records,
    wanted: &'a [Wanted<'a>],
    lang: Lang,
) -> Stream<impl Iterator<Item = io::Result<Fetched<'a>>> + 'a> {
    let entries = wanted.chunks(CHUNK_RECORDS).flat_map(move |chunk| {
        let ids: Vec<&str> = chunk.iter().map(|(id, _)| *id).collect();
        let answers: Vec<io::Result<Fetched<'a>>> = match records.fetch_all(&ids) {
            Err(message) => vec![Err(ReadFailure(message).into_io())],
            Ok(found) => chunk
                .iter()
                .zip(found)
                .map(|(&(id, note), item)| match item {
                    Some(item) => Ok((item, note)),
                    None => {
                        let problem = Text::RecordUnreadable.get(lang);
                        Err(ReadFailure(format!("{id}: {problem}")).into_io())
                    }
                })
                .collect(),
        };
        answers
    });
    Stream::new(wanted.len(), entries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::export::{Format, Options, read_failure, write};
    use crate::core::store::Database;

    fn bundled() -> (Records, Records, Vec<String>) {
        let db = Database::open_bundled().unwrap_or_else(|e| panic!("{e}"));
        let inventory = db.load().unwrap_or_else(|e| panic!("{e}"));
        let ids = inventory
            .interventions
            .iter()
            .map(|i| i.id.clone())
            .collect();
        (Records::in_memory(inventory), Records::database(db), ids)
    }

    fn options(records: &Records, lang: Lang) -> Options<'_> {
        Options {
            metadata: records.metadata(),
            lang,
            current_year: 2026,
            labels: false,
        }
    }

    /// Streamed from the database in chunks, every format writes the bytes the slice of all
    /// records in memory gives (the way every export was written before it streamed), in any
    /// order, with notes, in both languages.
    #[test]
    fn streamed_exports_equal_the_slice_in_memory_for_every_format() {
        let (memory, disk, ids) = bundled();
        let inventory = Database::open_bundled()
            .and_then(|db| db.load())
            .unwrap_or_else(|e| panic!("{e}"));
        // Reversed (not the store's order), with a note on every third record; repeated past
        // one chunk so the chunks join.
        let mut wanted: Vec<(&str, Option<&str>)> = Vec::new();
        while wanted.len() <= CHUNK_RECORDS + 10 {
            wanted.extend(ids.iter().rev().enumerate().map(|(n, id)| {
                (
                    id.as_str(),
                    (n % 3 == 0).then_some("bellen; \"ja\"\nmet *team*"),
                )
            }));
        }
        let slice: Vec<(&Intervention, Option<&str>)> = wanted
            .iter()
            .map(|(id, note)| (inventory.get(id).unwrap_or_else(|| panic!("{id}")), *note))
            .collect();
        for lang in [Lang::Nl, Lang::En] {
            let opts = options(&disk, lang);
            for format in Format::ALL.into_iter().filter(|f| f.is_text()) {
                let mut want = Vec::new();
                write(format, "Sessie", &slice, &opts, &mut want).unwrap();
                for records in [&disk, &memory] {
                    let mut got = Vec::new();
                    write(
                        format,
                        "Sessie",
                        fetched(records, &wanted, lang),
                        &opts,
                        &mut got,
                    )
                    .unwrap();
                    assert!(got == want, "{} differs ({lang:?})", format.id());
                }
            }
        }
    }

    #[test]
    fn an_id_the_store_does_not_give_stops_the_export_and_is_named() {
        let (_, disk, ids) = bundled();
        let wanted: Vec<(&str, Option<&str>)> = ids
            .iter()
            .map(|id| (id.as_str(), None))
            .chain([("weg-uit-inventaris", None)])
            .collect();
        let opts = options(&disk, Lang::Nl);
        for format in Format::ALL {
            let mut out = Vec::new();
            let err = write(
                format,
                "x",
                fetched(&disk, &wanted, Lang::Nl),
                &opts,
                &mut out,
            )
            .unwrap_err();
            let failure = read_failure(&err).unwrap_or_else(|| panic!("{}: {err}", format.id()));
            assert_eq!(
                failure.0,
                "weg-uit-inventaris: deze interventie kan niet (meer) uit het bestand gelezen worden"
            );
        }
    }

    #[test]
    fn a_failed_read_leaves_no_file_and_says_which_record() {
        let (_, disk, ids) = bundled();
        let wanted: Vec<(&str, Option<&str>)> = ids
            .iter()
            .take(300)
            .map(|id| (id.as_str(), None))
            .chain([("weg-uit-inventaris", None)])
            .collect();
        let opts = options(&disk, Lang::En);
        let dir = tempfile::tempdir().unwrap();
        for format in Format::ALL {
            let path = dir.path().join(format!("out.{}", format.file_suffix()));
            let err = crate::core::export::write_file(
                &path,
                false,
                format,
                "x",
                fetched(&disk, &wanted, Lang::En),
                &opts,
            )
            .unwrap_err();
            assert!(
                matches!(&err, crate::core::export::FileError::Read(m)
                    if m == "weg-uit-inventaris: this intervention can no longer be read from the file"),
                "{}: {err}",
                format.id()
            );
        }
        // Neither the files nor their staged temporaries are left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
