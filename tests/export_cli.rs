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
        .stderr(contains("geef een bestand met -o"));
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
        .stderr(contains("geef --format"));
    weerbaar(d)
        .args(["export", "--format", "pdf"])
        .assert()
        .code(2)
        .stderr(contains("onbekend formaat `pdf`"));
    weerbaar(d)
        .args(["export", "--shortlist", "nope", "--format", "md"])
        .assert()
        .code(1)
        .stderr(contains(
            "geen shortlist met de naam `nope`; de shortlists zijn: `sessie`",
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

/// A data dir with shortlist `ouderavond`: four interventions, one with a private note.
fn with_four() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    weerbaar(d)
        .args([
            "shortlist",
            "add",
            "ouderavond",
            "diamant",
            "girls-talk",
            "gender-sexuality-alliances",
            "aarhus-model",
        ])
        .assert()
        .success();
    weerbaar(d)
        .args([
            "shortlist",
            "note",
            "ouderavond",
            "diamant",
            "privé: te duur?",
        ])
        .assert()
        .success();
    dir
}

#[test]
fn the_brief_is_a_handout_in_plain_words_and_full_stays_the_dossier() {
    let dir = with_four();
    let d = dir.path();
    let brief = |extra: &[&str]| {
        let out = weerbaar(d)
            .args(["export", "--shortlist", "ouderavond", "--format", "md"])
            .args(extra)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let md = brief(&[
        "--style",
        "brief",
        "--place",
        "Utrecht",
        "--author",
        "A. de Vries",
    ]);
    assert!(
        md.contains("· Utrecht · opgesteld door A. de Vries\n"),
        "{md}"
    );
    assert!(md.contains("| 1 | Diamant |"));
    assert!(md.contains("erkend als goed onderbouwd (2020"));
    assert!(md.contains("geen erkenning bekend"));
    assert!(
        !md.contains("privé") && !md.contains("Preventiefase"),
        "{md}"
    );
    assert!(md.lines().count() < 80, "{} lines", md.lines().count());
    assert!(brief(&["--style", "brief", "--notes"]).contains("privé: te duur?"));
    let en = {
        let out = weerbaar(d)
            .args(["--lang", "en", "export", "--shortlist", "ouderavond"])
            .args(["--format", "md", "--style", "brief"])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(
        en.contains("**For whom.**") && en.contains("no recognition known"),
        "{en}"
    );
    // The dossier is today's export, notes included.
    let full = brief(&["--style", "full"]);
    assert_eq!(full, brief(&[]));
    assert!(full.contains("privé: te duur?"));
    // A style for a format without one is a usage error, not a silent full export.
    weerbaar(d)
        .args([
            "export",
            "--shortlist",
            "ouderavond",
            "--format",
            "csv",
            "--style",
            "brief",
        ])
        .assert()
        .code(2);
}

#[test]
fn the_html_brief_is_one_self_contained_file() {
    let dir = with_four();
    let d = dir.path();
    weerbaar(d)
        .args(["export", "--shortlist", "ouderavond", "-o", "brief.html"])
        .assert()
        .success();
    let html = std::fs::read_to_string(d.join("brief.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("@media print") && html.contains("size: A4"));
    for external in ["<script", "<link", "src=", "@import"] {
        assert!(!html.contains(external), "{external}");
    }
    assert_eq!(html.matches("<section").count(), 4);
}

/// The HTML brief in a real browser: scripts/brief-render.sh renders it with chromium to PNG and
/// PDF and fails when four items take more than two A4 pages. Skipped (and said so) when no
/// chromium is installed, as on most CI machines.
#[test]
fn the_html_brief_renders_in_a_headless_browser_on_two_pages() {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .any(|b| {
            std::process::Command::new("sh")
                .args(["-c", &format!("command -v {b}")])
                .output()
                .is_ok_and(|o| o.status.success())
        });
    if !found {
        eprintln!("skipped: no chromium on this machine (see scripts/brief-render.sh)");
        return;
    }
    let out_dir = tempfile::tempdir().unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/brief-render.sh");
    let out = std::process::Command::new("sh")
        .arg(script)
        .arg(assert_cmd::cargo::cargo_bin("weerbaar"))
        .arg(out_dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let png = std::fs::read(out_dir.path().join("brief.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
}

#[test]
fn labels_write_words_instead_of_ids_in_the_interface_language() {
    let dir = with_shortlist();
    let d = dir.path();
    let csv = |lang: &str| {
        let out = weerbaar(d)
            .args([
                "--lang",
                lang,
                "export",
                "--shortlist",
                "sessie",
                "--format",
                "csv",
                "--labels",
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let nl = csv("nl");
    assert!(nl.starts_with("Id,Naam,"), "{nl}");
    assert!(nl.contains("Doelgroepen") && !nl.contains("target_groups"));
    let en = csv("en");
    assert!(en.contains("Target groups"), "{en}");
    // Without --labels the ids stay, for scripts and re-import.
    let plain = weerbaar(d)
        .args(["export", "--shortlist", "sessie", "--format", "csv"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(plain.stdout)
            .unwrap()
            .starts_with("id,name,")
    );
    weerbaar(d)
        .args([
            "export",
            "--shortlist",
            "sessie",
            "--format",
            "json",
            "--labels",
        ])
        .assert()
        .code(2);
}
