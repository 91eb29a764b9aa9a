//! JSON: `{ "inventory": {…metadata}, "count": n, "interventions": [ … ] }` with the field names
//! of `model::Intervention`, plus `shortlist_note` on records that have one (documented in
//! docs/export.md). `weerbaar import` reads it back.

use std::io::Write;

use serde::Serialize;

use crate::model::Intervention;
use crate::store::Metadata;

use super::{Entry, Options};

#[derive(Serialize)]
struct Record<'a> {
    #[serde(flatten)]
    intervention: &'a Intervention,
    #[serde(skip_serializing_if = "Option::is_none")]
    shortlist_note: Option<&'a str>,
}

#[derive(Serialize)]
struct Document<'a> {
    inventory: &'a Metadata,
    count: usize,
    interventions: Vec<Record<'a>>,
}

pub fn write(items: &[impl Entry], opts: &Options<'_>, mut out: impl Write) -> std::io::Result<()> {
    let doc = Document {
        inventory: opts.metadata,
        count: items.len(),
        interventions: items
            .iter()
            .map(|e| Record {
                intervention: e.item(),
                shortlist_note: e.note(),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut out, &doc)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures;
    use crate::model::Lang;

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
        // The records are interventions: they deserialise back unchanged.
        let back: Vec<Intervention> = serde_json::from_value(doc["interventions"].clone()).unwrap();
        assert_eq!(back, items);
    }
}
