//! CSL-JSON (Citation Style Language data, read by Zotero, Pandoc and most citation tools): an
//! array of items, the same references as RIS (`references`): sources as `webpage` items with
//! `URL` and `accessed`, studies and bare interventions as `document` items, each with a `note`
//! and `source` naming the inventory's version and date.

use std::io::Write;

use serde_json::{Value, json};

use super::references::{Kind, Reference, references};
use super::seq::{Seq, write_pretty};
use super::{Entries, Options, date_parts};

fn date(iso: &str) -> Value {
    match date_parts(iso) {
        Some(parts) => json!({ "date-parts": [parts] }),
        None => json!({ "raw": iso }),
    }
}

/// One reference as a CSL item.
fn csl_item(r: Reference) -> Value {
    let mut item = serde_json::Map::new();
    item.insert("id".into(), r.key.into());
    let ty = match r.kind {
        Kind::Webpage => "webpage",
        Kind::Study | Kind::Intervention => "document",
    };
    item.insert("type".into(), ty.into());
    item.insert("title".into(), r.title.into());
    if !r.authors.is_empty() {
        // "Jansen, A." is a person (family, given); a bare name may be an organisation, so
        // it is given as a literal, which CSL prints as it is.
        let authors: Vec<Value> = r
            .authors
            .iter()
            .map(|a| match a.split_once(", ") {
                Some((family, given)) => json!({ "family": family, "given": given }),
                None => json!({ "literal": a }),
            })
            .collect();
        item.insert("author".into(), authors.into());
    }
    if !r.intervention.is_empty() {
        item.insert("container-title".into(), r.intervention.into());
    }
    if !r.url.is_empty() {
        item.insert("URL".into(), r.url.into());
    }
    if !r.accessed.is_empty() {
        item.insert("accessed".into(), date(&r.accessed));
    }
    if let Some(y) = r.year {
        item.insert("issued".into(), json!({ "date-parts": [[y]] }));
    }
    if !r.publisher.is_empty() {
        item.insert("publisher".into(), r.publisher.into());
    }
    if !r.summary.is_empty() {
        item.insert("abstract".into(), r.summary.into());
    }
    if !r.keywords.is_empty() {
        item.insert("keyword".into(), r.keywords.join(", ").into());
    }
    item.insert("note".into(), r.note.into());
    item.insert("source".into(), r.database.into());
    Value::Object(item)
}

pub fn write(
    entries: impl Entries,
    opts: &Options<'_>,
    mut out: impl Write,
) -> std::io::Result<()> {
    // Each record's references are made as it comes and written before the next is read.
    let items = entries.into_entries().flat_map(|entry| match entry {
        Ok(entry) => references(&entry, opts)
            .into_iter()
            .map(|r| Ok(csl_item(r)))
            .collect::<Vec<_>>(),
        Err(e) => vec![Err(e)],
    });
    let docs = Seq::new(None, items);
    write_pretty(&mut out, &docs, &docs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::export::fixtures;
    use crate::core::model::{Intervention, Lang};

    #[test]
    fn items_read_back_with_urls_access_dates_and_notes() {
        let opts = fixtures::opts(Lang::En);
        let items = fixtures::items();
        let entries: Vec<(&Intervention, Option<&str>)> =
            vec![(&items[0], Some("ask about cost")), (&items[1], None)];
        let mut buf = Vec::new();
        write(&entries, &opts, &mut buf).unwrap();
        let docs: Vec<Value> = serde_json::from_slice(&buf).unwrap();
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[0]["type"], "webpage");
        assert_eq!(docs[0]["id"], "rots-en-water-bron-1");
        assert_eq!(docs[0]["URL"], "https://example.org/rots-en-water");
        assert_eq!(docs[0]["accessed"]["date-parts"], json!([[2025, 10, 15]]));
        let note = docs[0]["note"].as_str().unwrap();
        assert!(
            note.contains("Recognition: Well founded (recognised 2016 — older than five years)"),
            "{note}"
        );
        assert!(note.contains("Note: ask about cost"), "{note}");
        assert_eq!(docs[0]["source"], "Testinventaris 2025.2 (2025-11-01)");
        assert_eq!(docs[1]["type"], "document");
        assert_eq!(docs[1]["issued"]["date-parts"], json!([[2013]]));
        assert_eq!(docs[2]["title"], "=HYPERLINK(\"x\")");
        // Ids are unique, as CSL requires.
        let mut ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 3);
    }

    /// Written reference by reference, the array is byte for byte the one serde writes for
    /// all the items collected first (how it was written before it streamed).
    #[test]
    fn the_streamed_array_is_the_one_built_in_memory() {
        let opts = fixtures::opts(Lang::Nl);
        let items = fixtures::items();
        for entries in [vec![(&items[0], Some("bellen")), (&items[1], None)], vec![]] {
            let whole: Vec<Value> = entries
                .iter()
                .flat_map(|e| references(e, &opts))
                .map(csl_item)
                .collect();
            let mut got = Vec::new();
            write(&entries, &opts, &mut got).unwrap();
            assert_eq!(
                String::from_utf8(got).unwrap(),
                fixtures::pretty_json(&whole)
            );
        }
    }
}
