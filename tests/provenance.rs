//! Issue 12 end to end on a small inventory in data format v2 (tests/fixtures/provenance):
//! provenance per field refused and shown, recognitions in words, the target-group tree,
//! country codes, cost unknown in the comparison, and the audit.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/provenance")
        .join(name)
}

fn weerbaar() -> Command {
    let mut cmd = Command::cargo_bin("weerbaar").unwrap_or_else(|e| panic!("binary: {e}"));
    cmd.env_remove("WEERBAAR_DB")
        .env("LANG", "nl_NL.UTF-8")
        .env("NO_COLOR", "1");
    cmd
}

/// Build the good fixture into a temporary database.
fn built() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let db = dir.path().join("proef.sqlite");
    let out = weerbaar()
        .args(["db", "build", "--data"])
        .arg(fixture("good"))
        .arg("--out")
        .arg(&db)
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (dir, db)
}

fn run_ok(db: &Path, args: &[&str]) -> String {
    let out = weerbaar()
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn check_refuses_unsupported_fields_niet_beoordeeld_without_source_and_country_names() {
    let out = weerbaar()
        .args(["db", "check", "--data"])
        .arg(fixture("bad"))
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    let dir = fixture("bad").join("interventions");
    let at = |file: &str, rest: &str| format!("{}:{rest}", dir.join(file).display());
    for expected in [
        at(
            "moeders-aan-tafel.toml",
            "24:9: evidence level `goed-onderbouwd` is backed by no source: add \"evidence\" to the `supports` of the source that states it, or use \"onbekend\"",
        ),
        at(
            "vadercafe.toml",
            "4:11: unknown country code `Nederland` (several are joined with \"/\", e.g. \"NL/BE\"); did you mean `NL`?",
        ),
        at(
            "vadercafe.toml",
            "13:12: `duration` is backed by no source: add \"duration\" to the `supports` of the source that states it, or empty the field",
        ),
        at(
            "vadercafe.toml",
            "21:9: evidence level `niet-beoordeeld` is backed by no source: add \"evidence\" to the `supports` of the source that states it, or use \"onbekend\"",
        ),
    ] {
        assert!(err.contains(&expected), "missing\n{expected}\nin\n{err}");
    }
    assert!(err.contains("4 problem(s)"), "{err}");
    // The good twin of the same files passes.
    weerbaar()
        .args(["db", "check", "--data"])
        .arg(fixture("good"))
        .assert()
        .success();
}

#[test]
fn show_numbers_the_sources_per_section_and_says_the_recognition_state() {
    let (_dir, db) = built();
    let text = run_ok(&db, &["show", "moeders-aan-tafel"]);
    for expected in [
        "Wat en voor wie [1,2]",
        "Weerbaarheid [2]",
        "Werkzame elementen [2]",
        "Bewijs en studies [1]",
        "Praktisch [2]",
        "Goed onderbouwd (erkend 2015, in herbeoordeling)",
        "Datum oordeel:\n  2015-12-11",
        "NJi — https://www.nji.nl/interventies/moeders-aan-tafel",
        "- [1] NJi – Moeders aan tafel —\n    https://www.nji.nl/interventies/moeders-aan-tafel (gecontroleerd\n    2026-12-05)",
        "- [2] Stichting Voorbeeld – Moeders aan tafel —\n    https://voorbeeld.nl/moeders-aan-tafel (gecontroleerd 2026-12-06)",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    let en = run_ok(&db, &["--lang", "en", "show", "moeders-aan-tafel"]);
    assert!(
        en.contains("Well founded (recognised 2015, under reassessment)"),
        "{en}"
    );
}

#[test]
fn the_broader_target_group_finds_the_narrower_ones() {
    let (_dir, db) = built();
    let ids = run_ok(
        &db,
        &["list", "--target-group", "ouders", "--format", "ids"],
    );
    assert_eq!(
        ids.lines().collect::<Vec<_>>(),
        vec!["moeders-aan-tafel", "vadercafe"]
    );
    let ids = run_ok(
        &db,
        &["list", "--target-group", "vaders", "--format", "ids"],
    );
    assert_eq!(ids.lines().collect::<Vec<_>>(), vec!["vadercafe"]);
}

#[test]
fn the_comparison_shows_unknown_cost_instead_of_hiding_it() {
    let (_dir, db) = built();
    let text = run_ok(&db, &["compare", "moeders-aan-tafel", "vadercafe"]);
    let row = text
        .lines()
        .find(|l| l.starts_with("Kosten en duur"))
        .unwrap_or_else(|| panic!("no cost row in\n{text}"));
    assert!(row.contains("Kosten: onbekend"), "{row}");
}

#[test]
fn json_export_and_import_keep_supports_status_and_databank() {
    let (dir, db) = built();
    let json = dir.path().join("uit.json");
    run_ok(
        &db,
        &[
            "export",
            "--format",
            "json",
            "-o",
            json.to_str().unwrap_or(""),
        ],
    );
    let text = std::fs::read_to_string(&json).unwrap_or_default();
    assert!(text.contains("\"supports\""), "{text}");
    let back = dir.path().join("terug.sqlite");
    weerbaar()
        .arg("import")
        .arg(&json)
        .arg("-o")
        .arg(&back)
        .assert()
        .success();
    assert_eq!(
        run_ok(&db, &["show", "moeders-aan-tafel", "--format", "json"]),
        run_ok(&back, &["show", "moeders-aan-tafel", "--format", "json"])
    );
}

#[test]
fn the_audit_is_reproducible_and_maps_fields_to_their_sources() {
    let (_dir, db) = built();
    let args = [
        "db", "audit", "--sample", "1", "--seed", "4", "--format", "md",
    ];
    let first = run_ok(&db, &args);
    assert_eq!(first, run_ok(&db, &args), "same seed, same audit");
    let both = run_ok(&db, &["db", "audit", "--sample", "5", "--seed", "4"]);
    assert!(both.contains("2 van 2"), "{both}");
    // The aim is backed by both sources, the duration by the second only.
    let text = run_ok(
        &db,
        &[
            "--lang", "en", "db", "audit", "--sample", "2", "--seed", "1",
        ],
    );
    let block: Vec<&str> = text
        .split("\n\n")
        .filter(|b| b.contains("(duration)") || b.contains("(aim)"))
        .collect();
    assert!(
        block.iter().any(|b| b.contains("Aim (aim) [1,2]")),
        "{text}"
    );
    assert!(
        block
            .iter()
            .any(|b| b.contains("Duration (duration) [2]") && b.contains("[2] Stichting Voorbeeld")),
        "{text}"
    );
}

#[test]
fn csv_export_and_import_keep_supports_status_and_databank() {
    let (dir, db) = built();
    let csv = dir.path().join("uit.csv");
    run_ok(
        &db,
        &[
            "export",
            "--format",
            "csv",
            "-o",
            csv.to_str().unwrap_or(""),
        ],
    );
    let text = std::fs::read_to_string(&csv).unwrap_or_default();
    assert!(
        text.contains("summary aim target_groups evidence | providers country aim"),
        "{text}"
    );
    let back = dir.path().join("terug.sqlite");
    weerbaar()
        .arg("import")
        .arg(&csv)
        .arg("-o")
        .arg(&back)
        .assert()
        .success();
    assert_eq!(
        run_ok(&db, &["show", "moeders-aan-tafel", "--format", "json"]),
        run_ok(&back, &["show", "moeders-aan-tafel", "--format", "json"])
    );
}
