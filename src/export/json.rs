//! JSON: `{ "inventory": {…metadata}, "count": n, "interventions": [ … ] }` with the field names
//! of `model::Intervention` (documented in docs/export.md). `weerbaar import` reads it back.

use std::io::Write;

use serde::Serialize;

use crate::model::Intervention;
use crate::store::Metadata;

use super::Options;

#[derive(Serialize)]
struct Document<'a> {
    inventory: &'a Metadata,
    count: usize,
    interventions: &'a [&'a Intervention],
}

pub fn write(
    items: &[&Intervention],
    opts: &Options<'_>,
    mut out: impl Write,
) -> std::io::Result<()> {
    let doc = Document {
        inventory: opts.metadata,
        count: items.len(),
        interventions: items,
    };
    serde_json::to_writer_pretty(&mut out, &doc)?;
    out.write_all(b"\n")
}
