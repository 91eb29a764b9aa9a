//! Fuzzing the CSV and JSON import with proptest: random bytes, spreadsheet-like CSV built from
//! tricky cells, JSON trees with our field names, and random edits of a real export. Whatever
//! comes in, the import returns problems with a file and a line, never a panic.
//! The number of cases is bounded so this runs in seconds inside `cargo test`.

// Test code: a panic here is a failed test, not a user's crash.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use weerbaar::core::import::{self, Mapping, Options};

fn check(name: &str, bytes: &[u8]) {
    let mapping = Mapping::default();
    let opts = Options {
        mapping: &mapping,
        current_year: 2026,
        today: "2026-01-01".into(),
    };
    let outcome = import::read_bytes(Path::new(name), bytes, &opts);
    for p in outcome.problems.iter().chain(&outcome.warnings) {
        let shown = p.to_string();
        assert!(shown.starts_with(name), "{shown}");
        assert!(!p.message.is_empty());
    }
    // Whatever was accepted obeys the rules the reader of a database relies on.
    for pair in outcome.inventory.interventions.windows(2) {
        assert!(pair[0].id < pair[1].id, "ids sorted and unique");
    }
    for item in &outcome.inventory.interventions {
        assert!(!item.id.is_empty() && !item.name.is_empty());
        assert!(!item.name.chars().any(char::is_control));
    }
}

/// A real export to mutate: the bundled inventory as JSON and as CSV.
fn exports() -> &'static (String, String) {
    static EXPORTS: OnceLock<(String, String)> = OnceLock::new();
    EXPORTS.get_or_init(|| {
        let inv = weerbaar::core::store::open_bundled().unwrap_or_else(|e| panic!("{e}"));
        let items: Vec<&weerbaar::core::model::Intervention> =
            inv.interventions.iter().take(8).collect();
        let opts = weerbaar::core::export::Options {
            metadata: &inv.metadata,
            lang: weerbaar::core::model::Lang::Nl,
            current_year: 2026,
            labels: false,
        };
        let mut json = Vec::new();
        let mut csv = Vec::new();
        let _ = weerbaar::core::export::json::write(&items, &opts, &mut json);
        let _ = weerbaar::core::export::csv::write(&items, &opts, &mut csv);
        (
            String::from_utf8_lossy(&json).into_owned(),
            String::from_utf8_lossy(&csv).into_owned(),
        )
    })
}

const CELLS: &[&str] = &[
    "",
    " ",
    "polarisatie",
    "Polarisatie; radicalisering",
    "jongeren | ouders",
    "onbekend",
    "goed-onderbouwd",
    "2016",
    "twintig",
    "-1",
    "99999999999999999999",
    "https://example.nl/x",
    "www.example.nl",
    "21-11-2025",
    "2026-02-30",
    "RCT – N=120 – minder – 2019 – Jansen",
    "N=abc – 1800",
    "\"",
    "\"\"",
    "a\r\nb",
    "\u{feff}",
    "=HYPERLINK(\"x\")",
    "'=1+1",
    "\u{1b}[2J\u{7}",
    "\u{202e}evil",
    "漢字 🙂",
    "Eduniek (Utrecht; voorheen (CED)",
    ";;;|||",
    "x\0y",
];

/// Header cells: every column name in both languages, plus spellings and strangers.
fn headers() -> Vec<String> {
    let mut names: Vec<String> = import::columns::SPECS
        .iter()
        .flat_map(|s| [s.en.to_string(), s.nl.to_string()])
        .collect();
    names.extend(["Thema's", "BRON-URL'S", "opmerkingen", "", "\u{feff}naam"].map(String::from));
    names
}

fn csv_text() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::collection::vec(prop::sample::select(headers()), 0..26),
        prop::collection::vec(
            prop::collection::vec(prop::sample::select(CELLS), 0..30),
            0..6,
        ),
        prop::sample::select(vec![",", ";", "\t"]),
        any::<bool>(),
        prop::sample::select(vec!["\n", "\r\n", "\r"]),
    )
        .prop_map(|(header, rows, sep, bom, end)| {
            let quote = |c: &str| {
                if c.contains(['"', ',', ';', '\t', '\n', '\r']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c.to_string()
                }
            };
            let mut text = String::new();
            if bom {
                text.push('\u{feff}');
            }
            text.push_str(
                &header
                    .iter()
                    .map(|h| quote(h))
                    .collect::<Vec<_>>()
                    .join(sep),
            );
            for row in rows {
                text.push_str(end);
                text.push_str(&row.iter().map(|c| quote(c)).collect::<Vec<_>>().join(sep));
            }
            text.into_bytes()
        })
}

/// Object keys: the intervention's fields, the nested ones, the document's, and a stranger.
fn fields() -> Vec<&'static str> {
    let mut keys = import::json::INTERVENTION_FIELDS.to_vec();
    keys.extend([
        "dimensions",
        "framing",
        "level",
        "year",
        "studies",
        "n",
        "url",
        "checked",
        "interventions",
        "inventory",
        "kleur",
    ]);
    keys
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        any::<f64>().prop_map(|f| serde_json::json!(f)),
        prop::sample::select(CELLS).prop_map(|s| serde_json::json!(s)),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(prop::sample::select(fields()), inner, 0..8).prop_map(
                |m| {
                    serde_json::Value::Object(
                        m.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
                    )
                }
            ),
        ]
    })
}

/// Random edits of a text: delete, insert or overwrite a few bytes anywhere.
fn mutated(base: fn() -> &'static str) -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, any::<u8>()), 1..8).prop_map(
        move |edits| {
            let mut bytes = base().as_bytes().to_vec();
            for (at, kind, byte) in edits {
                if bytes.is_empty() {
                    break;
                }
                let i = at.index(bytes.len());
                match kind {
                    0 => {
                        bytes.remove(i);
                    }
                    1 => bytes.insert(i, byte),
                    _ => bytes[i] = byte,
                }
            }
            bytes
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig {
        // Bounded for `cargo test`; PROPTEST_CASES=20000 for a longer hunt.
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        check("random.csv", &bytes);
        check("random.json", &bytes);
        check("random", &bytes);
    }

    #[test]
    fn spreadsheet_like_csv_never_panics(bytes in csv_text()) {
        check("lijst.csv", &bytes);
    }

    #[test]
    fn json_trees_never_panic(value in json_value(), wrap in any::<bool>()) {
        let doc = if wrap {
            serde_json::json!({ "inventory": {"title": "t"}, "interventions": [value] })
        } else {
            serde_json::json!([value])
        };
        check("lijst.json", doc.to_string().as_bytes());
    }

    #[test]
    fn edited_json_exports_never_panic(bytes in mutated(|| exports().0.as_str())) {
        check("export.json", &bytes);
    }

    #[test]
    fn edited_csv_exports_never_panic(bytes in mutated(|| exports().1.as_str())) {
        check("export.csv", &bytes);
    }
}

#[test]
fn the_unedited_exports_import_without_problems() {
    let mapping = Mapping::default();
    let opts = Options {
        mapping: &mapping,
        current_year: weerbaar::core::model::current_year(),
        today: "2026-01-01".into(),
    };
    for (name, text) in [("e.json", &exports().0), ("e.csv", &exports().1)] {
        let outcome = import::read_bytes(Path::new(name), text.as_bytes(), &opts);
        assert_eq!(outcome.problems, vec![], "{name}");
        assert_eq!(outcome.inventory.interventions.len(), 8, "{name}");
    }
}
