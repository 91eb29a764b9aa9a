//! JSON: `{ "inventory": {…metadata}, "count": n, "interventions": [ … ] }` with the field names
//! of `model::Intervention`, plus `shortlist_note` on records that have one (documented in
//! docs/export.md). `weerbaar import` reads it back.

use std::io::Write;

use serde::Serialize;

use crate::core::model::{Intervention, Lang};
use crate::core::store::Metadata;

use super::seq::{Seq, write_pretty};
use super::{Entries, Entry, Options};

#[derive(Serialize)]
struct Record<'a> {
    #[serde(flatten)]
    intervention: &'a Intervention,
    #[serde(skip_serializing_if = "Option::is_none")]
    shortlist_note: Option<&'a str>,
    /// The recognition's state in words, in the export's language; only for recognitions.
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence_state: Option<String>,
}

/// One record with its note, owning the entry it borrows from while it is written, and the
/// language and year its recognition's state is told in.
struct Noted<E>(E, Lang, u16);

impl<E: Entry> Serialize for Noted<E> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let item = self.0.item();
        Record {
            intervention: item,
            shortlist_note: self.0.note(),
            evidence_state: item.evidence.age_note(self.2, self.1),
        }
        .serialize(s)
    }
}

#[derive(Serialize)]
struct Document<'a, I> {
    inventory: &'a Metadata,
    count: usize,
    /// Written one record at a time as they come (`seq`).
    interventions: &'a I,
}

pub fn write(
    entries: impl Entries,
    opts: &Options<'_>,
    mut out: impl Write,
) -> std::io::Result<()> {
    let count = entries.count();
    let (lang, year) = (opts.lang, opts.current_year);
    let records = Seq::new(
        Some(count),
        entries
            .into_entries()
            .map(move |e| e.map(|e| Noted(e, lang, year))),
    );
    let doc = Document {
        inventory: opts.metadata,
        count,
        interventions: &records,
    };
    write_pretty(&mut out, &doc, &records)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::export::fixtures;

    #[test]
    fn reads_back_into_interventions_with_notes_and_provenance() {
        let opts = fixtures::opts(Lang::Nl);
        let items = fixtures::items();
        let entries: Vec<(&Intervention, Option<&str>)> =
            vec![(&items[0], Some("eerst bellen")), (&items[1], None)];
        let mut buf = Vec::new();
        write(&entries, &opts, &mut buf).unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&buf).unwrap();
        assert_eq!(doc["inventory"]["version"], "2025.2");
        assert_eq!(doc["inventory"]["date"], "2025-11-01");
        assert_eq!(doc["count"], 2);
        assert_eq!(doc["interventions"][0]["shortlist_note"], "eerst bellen");
        assert!(doc["interventions"][1].get("shortlist_note").is_none());
        assert_eq!(
            doc["interventions"][0]["evidence_state"],
            "erkend 2016 — ouder dan vijf jaar"
        );
        assert!(doc["interventions"][1].get("evidence_state").is_none());
        // The records are interventions: they deserialise back unchanged.
        let back: Vec<Intervention> = serde_json::from_value(doc["interventions"].clone()).unwrap();
        assert_eq!(back, items);
    }

    /// The document written record by record is byte for byte the one serde writes for the
    /// whole document built in memory (how it was written before it streamed).
    #[test]
    fn the_streamed_document_is_the_one_built_in_memory() {
        #[derive(Serialize)]
        struct Whole<'a> {
            inventory: &'a Metadata,
            count: usize,
            interventions: Vec<Record<'a>>,
        }
        let opts = fixtures::opts(Lang::Nl);
        let items = fixtures::items();
        for entries in [
            vec![(&items[0], Some("eerst bellen")), (&items[1], None)],
            vec![],
        ] {
            let whole = Whole {
                inventory: opts.metadata,
                count: entries.len(),
                interventions: entries
                    .iter()
                    .map(|e| Record {
                        intervention: e.item(),
                        shortlist_note: e.note(),
                        evidence_state: e.item().evidence.age_note(opts.current_year, opts.lang),
                    })
                    .collect(),
            };
            let mut got = Vec::new();
            write(&entries, &opts, &mut got).unwrap();
            assert_eq!(
                String::from_utf8(got).unwrap(),
                fixtures::pretty_json(&whole)
            );
        }
    }
}
