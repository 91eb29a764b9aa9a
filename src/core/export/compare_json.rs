//! A comparison as JSON:
//!
//! ```text
//! { "inventory": {…}, "interventions": [{"id", "name"}…],
//!   "aspects": [{ "aspect", "label", "set_valued", "identical",
//!                 "shared": [{"value", "label"}…],
//!                 "columns": [{ "id", "values": [{"value", "label", "mark"}…],
//!                               "unique": [{"value", "label"}…] }…] }…] }
//! ```
//!
//! `value` is what makes two values equal (a vocabulary id, provider name, source URL, or the
//! text itself); `mark` is `shared`, `unique`, `some` or `text`. Columns keep the compare order.

use std::io::Write;

use serde_json::{Value, json};

use crate::core::compare::{Comparison, Entry};

use super::Options;

fn entry(e: &Entry) -> Value {
    json!({ "value": e.key, "label": e.label })
}

pub fn write(cmp: &Comparison<'_>, opts: &Options<'_>, mut out: impl Write) -> std::io::Result<()> {
    let aspects: Vec<Value> = cmp
        .rows
        .iter()
        .map(|row| {
            let columns: Vec<Value> = row
                .cells
                .iter()
                .enumerate()
                .map(|(col, cell)| {
                    json!({
                        "id": cmp.items.get(col).map(|i| i.id.as_str()),
                        "values": cell.iter().map(|e| json!({
                            "value": e.key,
                            "label": e.label,
                            "mark": e.mark.id(),
                        })).collect::<Vec<_>>(),
                        "unique": row.unique(col).into_iter().map(entry).collect::<Vec<_>>(),
                    })
                })
                .collect();
            json!({
                "aspect": row.aspect.id(),
                "label": row.aspect.label(opts.lang),
                "set_valued": row.aspect.is_set(),
                "identical": row.identical,
                "shared": row.shared.iter().map(entry).collect::<Vec<_>>(),
                "columns": columns,
            })
        })
        .collect();
    let doc = json!({
        "inventory": opts.metadata,
        "interventions": cmp.items.iter().map(|i| json!({"id": i.id, "name": i.name})).collect::<Vec<_>>(),
        "aspects": aspects,
    });
    serde_json::to_writer_pretty(&mut out, &doc)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::compare::compare;
    use crate::core::export::fixtures;
    use crate::core::model::{Intervention, Lang};

    #[test]
    fn each_aspect_lists_shared_and_unique_values_per_column() {
        let a = Intervention {
            id: "a".into(),
            themes: vec!["polarisatie".into(), "empowerment".into()],
            ..Intervention::default()
        };
        let b = Intervention {
            id: "b".into(),
            themes: vec!["polarisatie".into()],
            ..Intervention::default()
        };
        let opts = fixtures::opts(Lang::En);
        let mut buf = Vec::new();
        write(&compare(&[&a, &b], Lang::En, 2026), &opts, &mut buf).unwrap();
        let doc: Value = serde_json::from_slice(&buf).unwrap();
        assert_eq!(doc["inventory"]["version"], "2025.2");
        let themes = doc["aspects"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["aspect"] == "themes")
            .unwrap();
        assert_eq!(themes["label"], "Themes");
        assert_eq!(themes["identical"], false);
        assert_eq!(
            themes["shared"],
            json!([{"value": "polarisatie", "label": "Polarisation"}])
        );
        assert_eq!(themes["columns"][0]["id"], "a");
        assert_eq!(themes["columns"][0]["unique"][0]["value"], "empowerment");
        assert_eq!(themes["columns"][0]["values"][1]["mark"], "unique");
        assert_eq!(themes["columns"][1]["unique"], json!([]));
    }
}
