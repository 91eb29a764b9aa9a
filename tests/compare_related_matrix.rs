//! End to end: `weerbaar compare`, `related` and `matrix` on the bundled inventory, with their
//! JSON and CSV read back by real parsers.

// Test code: a panic here is a failed test, not a user's crash.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn weerbaar() -> Command {
    let mut cmd = Command::cargo_bin("weerbaar").unwrap();
    cmd.env_remove("WEERBAAR_DB")
        .env_remove("COLUMNS")
        .env("LANG", "nl_NL.UTF-8");
    cmd
}

fn stdout(args: &[&str]) -> String {
    let out = weerbaar()
        .args(args)
        .assert()
        .success()
        .get_output()
        .clone();
    String::from_utf8(out.stdout).unwrap()
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&stdout(args)).unwrap()
}

const THREE: [&str; 3] = ["rots-en-water", "kanjertraining", "de-vreedzame-school"];

fn values(col: &Value) -> BTreeSet<String> {
    col["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["value"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn compare_json_lists_shared_and_unique_values_that_hold() {
    let mut args = vec!["compare"];
    args.extend(THREE);
    args.extend(["--format", "json"]);
    let doc = json(&args);
    let ids: Vec<&str> = doc["interventions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, THREE);
    let aspects = doc["aspects"].as_array().unwrap();
    assert_eq!(aspects.len(), 13);
    for aspect in aspects.iter().filter(|a| a["set_valued"] == true) {
        let cols = aspect["columns"].as_array().unwrap();
        let sets: Vec<BTreeSet<String>> = cols.iter().map(values).collect();
        // Shared values are in every column; unique ones in exactly the one that lists them.
        for shared in aspect["shared"].as_array().unwrap() {
            let v = shared["value"].as_str().unwrap();
            assert!(
                sets.iter().all(|s| s.contains(v)),
                "{}: {v}",
                aspect["aspect"]
            );
        }
        for (i, col) in cols.iter().enumerate() {
            for u in col["unique"].as_array().unwrap() {
                let v = u["value"].as_str().unwrap();
                let holders = sets.iter().filter(|s| s.contains(v)).count();
                assert_eq!(holders, 1, "{}: {v}", aspect["aspect"]);
                assert!(sets[i].contains(v));
            }
        }
        let identical = sets.windows(2).all(|w| w[0] == w[1]);
        assert_eq!(aspect["identical"], identical, "{}", aspect["aspect"]);
    }
    // All three teach skills and address radicalisation; their evidence levels all differ.
    let find = |id: &str| aspects.iter().find(|a| a["aspect"] == id).unwrap();
    let shared_elements: Vec<&str> = find("working-elements")["shared"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["value"].as_str().unwrap())
        .collect();
    assert_eq!(shared_elements, ["oefenen-vaardigheden"]);
    let evidence = find("evidence");
    assert_eq!(evidence["identical"], false);
    for col in evidence["columns"].as_array().unwrap() {
        assert_eq!(col["unique"].as_array().unwrap().len(), 1);
    }
}

#[test]
fn compare_text_shows_aligned_columns_with_symbols() {
    let mut args = vec!["compare"];
    args.extend(THREE);
    args.extend(["--width", "120"]);
    let text = stdout(&args);
    assert!(
        text.starts_with("Vergelijking: Rots en Water · Kanjertraining · De Vreedzame School\n")
    );
    let elements = text
        .lines()
        .find(|l| l.starts_with("Werkzame elementen"))
        .unwrap();
    assert_eq!(elements.matches("✓ Oefenen van vaardigheden").count(), 3);
    // The columns line up: Kanjertraining's "✓" starts where its name starts in the header
    // (every character here is one column wide).
    let column = |line: &str, byte: usize| line[..byte].chars().count();
    let header = text.lines().find(|l| l.starts_with("Aspect")).unwrap();
    let second_tick = elements.match_indices('✓').nth(1).unwrap().0;
    assert_eq!(
        column(elements, second_tick),
        column(header, header.find("Kanjertraining").unwrap())
    );
    assert!(text.contains("Preventiefase ="));
}

#[test]
fn compare_differences_leaves_out_identical_rows() {
    let text = stdout(&[
        "compare",
        "rots-en-water",
        "kanjertraining",
        "--differences",
    ]);
    assert!(!text.contains("Preventiefase"));
    assert!(text.contains("Werkzame elementen"));

    // The Markdown page names what it left out, so a reader does not take it for missing.
    let md = stdout(&[
        "compare",
        "rots-en-water",
        "kanjertraining",
        "--differences",
        "--format",
        "md",
    ]);
    let note = md
        .lines()
        .find(|l| l.contains("weggelaten omdat ze voor allemaal gelijk zijn"))
        .unwrap_or_else(|| panic!("{md}"));
    assert!(note.contains("Preventiefase"), "{note}");
    assert!(!note.contains("Werkzame elementen"), "{note}");
    // Without --differences nothing is left out and nothing is said.
    let full = stdout(&[
        "compare",
        "rots-en-water",
        "kanjertraining",
        "--format",
        "md",
    ]);
    assert!(!full.contains("weggelaten"), "{full}");
}

#[test]
fn compare_exports_markdown_and_csv() {
    let md = stdout(&[
        "compare",
        "rots-en-water",
        "kanjertraining",
        "--format",
        "md",
    ]);
    assert!(md.contains("| Aspect | Rots en Water | Kanjertraining |"));
    assert_eq!(md.lines().filter(|l| l.starts_with("| ")).count(), 14);

    let csv_text = stdout(&[
        "--lang",
        "en",
        "compare",
        "rots-en-water",
        "kanjertraining",
        "--format",
        "csv",
    ]);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[4], "Rots en Water");
    assert_eq!(header[5], "Rots en Water: only here");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 14);
    assert_eq!(
        (&rows[0][4], &rows[0][6]),
        ("rots-en-water", "kanjertraining")
    );
    let themes = rows.iter().find(|r| &r[0] == "themes").unwrap();
    assert_eq!(&themes[1], "Themes");
    // Rots en Water is a general resilience training; Kanjertraining addresses bullying.
    assert_eq!(&themes[4], "Personal resilience");
    assert!(themes[6].contains("Problem behaviour and radicalisation"));
}

#[test]
fn compare_refuses_bad_id_lists() {
    weerbaar()
        .args(["compare", "rots-en-water"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("2 tot 4 interventies"));
    weerbaar()
        .args(["compare", "a", "b", "c", "d", "e"])
        .assert()
        .code(2);
    weerbaar()
        .args(["compare", "rots-en-water", "rots-en-water"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("staat er twee keer"));
    weerbaar()
        .args(["compare", "rots-en-water", "kanjertrainng"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bedoelde je `kanjertraining`"));
}

fn related_scores(id: &str) -> Vec<(String, f64)> {
    let doc = json(&["related", id, "--limit", "1000", "--format", "json"]);
    doc["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["similarity"].as_f64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn related_lists_five_with_reasons_and_is_symmetric() {
    let text = stdout(&["related", "rots-en-water"]);
    assert!(text.starts_with("Verwante interventies: Rots en Water (rots-en-water)\n"));
    assert_eq!(text.lines().filter(|l| l.starts_with(" 5. ")).count(), 1);
    assert!(!text.contains(" 6. "));
    assert!(text.contains("Werkzame elementen: "));

    let from_a = related_scores("rots-en-water");
    let from_b = related_scores("kanjertraining");
    let ab = from_a
        .iter()
        .find(|(id, _)| id == "kanjertraining")
        .unwrap()
        .1;
    let ba = from_b
        .iter()
        .find(|(id, _)| id == "rots-en-water")
        .unwrap()
        .1;
    assert_eq!(ab, ba);
    assert!(from_a.windows(2).all(|w| w[0].1 >= w[1].1), "best first");
    assert!(
        from_a
            .iter()
            .all(|(id, s)| id != "rots-en-water" && *s > 0.0)
    );

    let doc = json(&[
        "related",
        "rots-en-water",
        "--limit",
        "1",
        "--format",
        "json",
    ]);
    let first = &doc["related"][0];
    assert!(!first["shared"].as_array().unwrap().is_empty());
    weerbaar()
        .args(["related", "rots-en-water", "--limit", "0"])
        .assert()
        .code(2);
}

fn list_count(args: &[&str]) -> usize {
    let mut full = vec!["list", "--format", "ids"];
    full.extend(args);
    stdout(&full).lines().count()
}

#[test]
fn matrix_cells_equal_list_counts_with_both_filters() {
    let doc = json(&["matrix", "--level", "groep", "--format", "json"]);
    assert_eq!(doc["rows"]["group"], "theme");
    assert_eq!(doc["cols"]["group"], "working-element");
    assert_eq!(
        doc["total"].as_u64().unwrap() as usize,
        list_count(&["--level", "groep"])
    );
    let rows = doc["rows"]["values"].as_array().unwrap();
    let cols = doc["cols"]["values"].as_array().unwrap();
    let counts = doc["counts"].as_array().unwrap();
    // A handful of cells through the binary (every cell is checked in the core's tests),
    // including empty ones.
    let mut checked_empty = false;
    for (r, c) in [(0, 0), (2, 0), (2, 5), (1, 16), (9, 3), (4, 19)] {
        let n = counts[r][c].as_u64().unwrap() as usize;
        let listed = list_count(&[
            "--level",
            "groep",
            "--theme",
            rows[r]["id"].as_str().unwrap(),
            "--working-element",
            cols[c]["id"].as_str().unwrap(),
        ]);
        assert_eq!(n, listed, "cell {r},{c}");
        checked_empty |= n == 0;
    }
    assert!(checked_empty);
    assert!(doc["empty_cells"].as_u64().unwrap() > 0);
}

#[test]
fn matrix_table_shows_empty_cells_and_a_legend() {
    let text = stdout(&["matrix", "--rows", "target-group", "--cols", "offer-type"]);
    let all = stdout(&["list", "--format", "ids"]).lines().count();
    assert!(text.starts_with(&format!(
        "Doelgroep × Soort aanbod — {all} interventies (· = leeg)"
    )));
    assert!(
        text.lines()
            .any(|l| l.starts_with("Kinderen") && l.contains(" ·"))
    );
    assert!(text.contains("Soort aanbod:\n"));
    assert!(text.contains("  1  "));
}

#[test]
fn matrix_csv_reads_back() {
    let text = stdout(&[
        "--lang", "en", "matrix", "--cols", "evidence", "--format", "csv",
    ]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    // Ids, not labels: the same file whatever the language, for scripts.
    assert_eq!(header[0], "theme \\ evidence");
    assert_eq!(header[1], "sterke-aanwijzingen");
    assert_eq!(header.len(), 1 + 8 + 1);
    assert_eq!(header[9], "total");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // Every theme and the totals row; every intervention has exactly one evidence level.
    assert_eq!(rows.len(), weerbaar::core::model::vocab::THEMES.len() + 1);
    assert_eq!(&rows[0][0], "weerbaar-opvoeden");
    let totals = rows.last().unwrap();
    assert_eq!(&totals[0], "total");
    let sum: usize = (1..9).map(|i| totals[i].parse::<usize>().unwrap()).sum();
    assert_eq!(sum, totals[9].parse::<usize>().unwrap());
}

#[test]
fn matrix_refuses_bad_groups() {
    weerbaar()
        .args(["matrix", "--rows", "theme", "--cols", "theme"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "choose two different facet groups",
        ));
    weerbaar()
        .args(["matrix", "--rows", "thema"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown facet group `thema`"));
}

#[test]
fn compare_a_shortlist_and_write_the_comparison_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let with_data = |args: &[&str]| {
        let mut cmd = weerbaar();
        cmd.env("WEERBAAR_DATA_DIR", &data).args(args);
        cmd
    };
    with_data(&[
        "shortlist",
        "add",
        "Sessie",
        "rots-en-water",
        "kanjertraining",
        "diamant",
    ])
    .assert()
    .success();
    let out = dir.path().join("vergelijking.md");
    let out_s = out.to_str().unwrap();
    with_data(&[
        "compare",
        "--shortlist",
        "Sessie",
        "--format",
        "md",
        "-o",
        out_s,
    ])
    .assert()
    .success()
    .stderr(predicate::str::contains("vergelijking.md"));
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.contains("| Aspect | Rots en Water | Kanjertraining | Diamant |"));

    // An existing file is never replaced without --force.
    with_data(&["compare", "rots-en-water", "diamant", "-o", out_s])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--force"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), md);
    with_data(&[
        "compare",
        "rots-en-water",
        "diamant",
        "-o",
        out_s,
        "--force",
    ])
    .assert()
    .success();
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("Vergelijking: Rots en Water · Diamant")
    );

    // A shortlist of the wrong size is a usage error that says so.
    with_data(&["shortlist", "add", "Groot", "rots-en-water"])
        .assert()
        .success();
    with_data(&["compare", "--shortlist", "Groot"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("heeft 1 interventies"));
    with_data(&["compare", "--shortlist", "Bestaat niet"])
        .assert()
        .code(1);
}
