//! `weerbaar export …` end to end: every format read back with a real parser.

// Test code: a panic here is a failed test, not a user's crash.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx};
use predicates::prelude::*;
use predicates::str::contains;

use common::weerbaar;

/// A data dir with shortlist `sessie`: rots-en-water (with a note) and triple-p.
fn with_shortlist() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    weerbaar(d)
        .args(["shortlist", "add", "sessie", "rots-en-water", "triple-p"])
        .assert()
        .success();
    weerbaar(d)
        .args([
            "shortlist",
            "note",
            "sessie",
            "rots-en-water",
            "=HYPERLINK(\"x\") bespreken",
        ])
        .assert()
        .success();
    dir
}

fn inventory_version() -> String {
    let out = Command::cargo_bin("weerbaar")
        .unwrap()
        .env_remove("WEERBAAR_DB")
        .arg("--version")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    // "bundled inventory: <title> <version> (<date>, n interventies)"
    let line = text.lines().nth(1).unwrap();
    let before = line.split(" (").next().unwrap();
    before.rsplit(' ').next().unwrap().to_string()
}

#[test]
fn every_format_of_a_shortlist_reads_back_with_notes_and_the_inventory_version() {
    let dir = with_shortlist();
    let d = dir.path();
    let version = inventory_version();
    for (format, file) in [
        ("csv", "s.csv"),
        ("csv-nl", "s-nl.csv"),
        ("xlsx", "s.xlsx"),
        ("json", "s.json"),
        ("md", "s.md"),
        ("ris", "s.ris"),
        ("csl-json", "s-csl.json"),
    ] {
        weerbaar(d)
            .args([
                "export",
                "--shortlist",
                "sessie",
                "--format",
                format,
                "-o",
                file,
            ])
            .assert()
            .success()
            .stderr(contains(format!("2 interventies ({format}) geschreven: ")));
    }

    // CSV: RFC 4180, no BOM, values untouched.
    let bytes = std::fs::read(d.join("s.csv")).unwrap();
    assert!(!bytes.starts_with(b"\xef\xbb\xbf"));
    let mut r = csv::Reader::from_reader(bytes.as_slice());
    let header = r.headers().unwrap().clone();
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][col("id")], "rots-en-water");
    assert_eq!(
        &rows[0][col("shortlist_note")],
        "=HYPERLINK(\"x\") bespreken"
    );
    assert_eq!(&rows[0][col("inventory_version")], version);

    // CSV for Dutch Excel: BOM, `;`, CRLF, the formula guarded.
    let bytes = std::fs::read(d.join("s-nl.csv")).unwrap();
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").expect("BOM");
    let mut r = csv::ReaderBuilder::new().delimiter(b';').from_reader(body);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(
        &rows[0][col("shortlist_note")],
        "'=HYPERLINK(\"x\") bespreken"
    );
    assert_eq!(&rows[1][col("name")], "Triple P");
    assert!(std::str::from_utf8(body).unwrap().contains("\r\n"));

    // XLSX: strings, a provenance sheet.
    let mut x: Xlsx<_> = calamine::open_workbook(d.join("s.xlsx")).unwrap();
    assert_eq!(x.sheet_names(), ["Interventies", "Herkomst"]);
    let range = x.worksheet_range("Interventies").unwrap();
    assert_eq!(
        range.get((1, col("shortlist_note"))),
        Some(&Data::String("=HYPERLINK(\"x\") bespreken".into()))
    );
    let prov = x.worksheet_range("Herkomst").unwrap();
    assert!(
        prov.rows()
            .any(|r| r[0] == Data::String("Versie".into()) && r[1] == Data::String(version.clone()))
    );

    // JSON.
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("s.json")).unwrap()).unwrap();
    assert_eq!(doc["count"], 2);
    assert_eq!(doc["inventory"]["version"], version.as_str());
    assert_eq!(
        doc["interventions"][0]["shortlist_note"],
        "=HYPERLINK(\"x\") bespreken"
    );
    assert_eq!(doc["interventions"][1]["id"], "triple-p");

    // Markdown handout.
    let md = std::fs::read_to_string(d.join("s.md")).unwrap();
    assert!(md.starts_with("# sessie\n"));
    assert!(md.contains(&version));
    assert!(md.contains("> **Notitie:** =HYPERLINK(\"x\") bespreken"));
    assert!(md.contains("## Triple P"));

    // RIS: tagged records, each ending in ER, with the note.
    let ris = std::fs::read_to_string(d.join("s.ris")).unwrap();
    let records: Vec<&str> = ris
        .split("ER  - \r\n")
        .filter(|r| !r.trim().is_empty())
        .collect();
    assert!(records.len() >= 2);
    for rec in &records {
        let first = rec.trim_start().lines().next().unwrap();
        assert!(first.starts_with("TY  - "), "{first}");
        for line in rec.lines().filter(|l| !l.trim().is_empty()) {
            assert_eq!(&line[2..6], "  - ", "{line}");
        }
    }
    assert!(ris.contains("UR  - https://"));
    assert!(ris.contains("N1  - Interventie: Rots en Water (rots-en-water)"));
    assert!(ris.contains("Notitie: =HYPERLINK(\"x\") bespreken"));
    assert!(ris.contains(&version));

    // CSL-JSON.
    let csl: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(d.join("s-csl.json")).unwrap()).unwrap();
    assert!(csl.iter().any(|i| i["type"] == "webpage"
        && i["URL"].as_str().is_some_and(|u| u.starts_with("https://"))
        && i["accessed"]["date-parts"].is_array()));
    assert!(
        csl.iter()
            .all(|i| i["source"].as_str().unwrap().contains(&version))
    );
}

#[test]
fn a_search_exports_to_stdout_in_text_formats() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = weerbaar(d)
        .args(["export", "--theme", "polarisatie", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let n = doc["count"].as_u64().unwrap();
    assert!(n > 0);
    let list = weerbaar(d)
        .args(["list", "--theme", "polarisatie", "--format", "ids"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(list.stdout).unwrap().lines().count() as u64,
        n
    );
}

#[test]
fn the_xlsx_selection_names_the_reproducing_command() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    weerbaar(d)
        .args([
            "export",
            "--theme",
            "polarisatie",
            "-q",
            "ouders",
            "-o",
            "p.xlsx",
        ])
        .assert()
        .success();
    let mut x: Xlsx<_> = calamine::open_workbook(d.join("p.xlsx")).unwrap();
    let prov = x.worksheet_range("Herkomst").unwrap();
    let selection = prov
        .rows()
        .find(|r| r[0] == Data::String("Selectie".into()))
        .map(|r| r[1].to_string())
        .unwrap();
    assert_eq!(selection, "weerbaar list -q ouders --theme polarisatie");
}

#[test]
fn existing_files_need_force_and_bad_usage_exits_2() {
    let dir = with_shortlist();
    let d = dir.path();
    std::fs::write(d.join("s.csv"), "mijn eigen bestand").unwrap();
    weerbaar(d)
        .args(["export", "--shortlist", "sessie", "-o", "s.csv"])
        .assert()
        .code(1)
        .stderr(contains("already exists (use --force"));
    assert_eq!(
        std::fs::read_to_string(d.join("s.csv")).unwrap(),
        "mijn eigen bestand"
    );
    weerbaar(d)
        .args(["export", "--shortlist", "sessie", "-o", "s.csv", "--force"])
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(d.join("s.csv"))
            .unwrap()
            .starts_with("id,name,")
    );

    weerbaar(d)
        .args(["export", "--shortlist", "sessie", "--format", "xlsx"])
        .assert()
        .code(2)
        .stderr(contains("give a file with -o"));
    weerbaar(d)
        .args([
            "export",
            "--shortlist",
            "sessie",
            "--theme",
            "polarisatie",
            "--format",
            "csv",
        ])
        .assert()
        .code(2);
    weerbaar(d)
        .args(["export", "--shortlist", "sessie", "-o", "x.txt"])
        .assert()
        .code(2)
        .stderr(contains("give --format"));
    weerbaar(d)
        .args(["export", "--format", "pdf"])
        .assert()
        .code(2)
        .stderr(contains("unknown format `pdf`"));
    weerbaar(d)
        .args(["export", "--shortlist", "nope", "--format", "md"])
        .assert()
        .code(1)
        .stderr(contains(
            "no shortlist named `nope`; the shortlists are: `sessie`",
        ));
    weerbaar(d)
        .args(["export", "--shortlist", "sessie", "-o", "geen/map/s.csv"])
        .assert()
        .code(1)
        .stderr(contains("geen/map"));
    // Nothing half-written is left behind.
    let stray: Vec<_> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

#[test]
fn missing_ids_are_reported_and_the_rest_exported() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("shortlists.json"),
        r#"{"version": 1, "inventories": {"bundled": {"shortlists": [
            {"name": "oud", "items": [{"id": "verdwenen"}, {"id": "triple-p", "note": "ja"}]}
        ]}}}"#,
    )
    .unwrap();
    weerbaar(d)
        .args(["export", "--shortlist", "oud", "--format", "csv"])
        .assert()
        .success()
        .stderr(contains(
            "1 niet geëxporteerd, niet (meer) in deze inventaris: verdwenen",
        ))
        .stdout(contains("triple-p").and(contains("verdwenen").not()));
}

#[test]
fn one_exported_intervention_is_counted_in_the_singular() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = d.join("een.csv");
    weerbaar(d)
        .args(["export", "--query", "naam:diamant", "--format", "csv", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stderr(contains("1 interventie (csv) geschreven: "));
    let mut rows = csv::Reader::from_path(&out).unwrap();
    assert_eq!(rows.records().count(), 1);
}
