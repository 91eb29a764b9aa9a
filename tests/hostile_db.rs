//! Opening files weerbaar did not make: `weerbaar db verify PATH` and `weerbaar --db PATH` give
//! one clear line naming the file and the problem (exit 1), never a panic, a hang or output
//! from inside the file. The fixtures are made here, in temporary directories.

// Test code: a panic here is a failed test, not a user's crash.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use rusqlite::Connection;

fn weerbaar() -> Command {
    let mut cmd = Command::cargo_bin("weerbaar").unwrap_or_else(|e| panic!("binary: {e}"));
    cmd.env_remove("WEERBAAR_DB").env("LANG", "nl_NL.UTF-8");
    cmd
}

fn bundled_copy(dir: &Path) -> PathBuf {
    let path = dir.join("copy.sqlite");
    std::fs::write(&path, weerbaar::core::store::BUNDLED_DB).unwrap_or_else(|e| panic!("{e}"));
    path
}

/// Change a copy of the bundled inventory with some SQL (a writable, untrusting connection).
fn tampered(dir: &Path, sql: &str) -> PathBuf {
    let path = bundled_copy(dir);
    let conn = Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
    conn.execute_batch("PRAGMA foreign_keys = OFF;")
        .unwrap_or_else(|e| panic!("{e}"));
    conn.execute_batch(sql)
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    drop(conn);
    path
}

/// `db verify` and `--db … list` both fail with exactly one line holding `message`.
fn refused(path: &Path, message: &str) {
    for args in [
        vec![
            "db".to_string(),
            "verify".into(),
            path.display().to_string(),
        ],
        vec!["--db".into(), path.display().to_string(), "list".into()],
    ] {
        let out = weerbaar()
            .args(&args)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert_eq!(
            stderr.trim_end(),
            format!("weerbaar: {}: {message}", path.display()),
            "{args:?}"
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn verify_reports_a_good_inventory_line_by_line() {
    let dir = tmp();
    let path = bundled_copy(dir.path());
    let out = weerbaar()
        .args(["db", "verify"])
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let p = path.display();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], format!("{p}: integrity check: ok"));
    assert_eq!(
        lines[1],
        format!(
            "{p}: schema version {}: ok",
            weerbaar::core::store::SCHEMA_VERSION
        )
    );
    assert!(
        lines[2].starts_with(&format!("{p}: content: {} interventions", bundled_count())),
        "{text}"
    );
}

#[test]
fn random_bytes_are_not_a_database() {
    let dir = tmp();
    let path = dir.path().join("random.sqlite");
    // A fixed pseudo-random sequence (xorshift), so the test is the same every run.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes: Vec<u8> = (0..64 * 1024)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
    refused(
        &path,
        "not an SQLite database (is it a CSV or JSON file? use `weerbaar import`)",
    );
}

#[test]
fn an_empty_file_is_not_a_database() {
    let dir = tmp();
    let path = dir.path().join("empty.sqlite");
    std::fs::write(&path, "").unwrap_or_else(|e| panic!("{e}"));
    refused(
        &path,
        "not an SQLite database (is it a CSV or JSON file? use `weerbaar import`)",
    );
}

#[test]
fn a_directory_is_not_a_database() {
    let dir = tmp();
    refused(
        dir.path(),
        "not an SQLite database (is it a CSV or JSON file? use `weerbaar import`)",
    );
}

#[test]
fn a_truncated_database_is_corrupt() {
    let dir = tmp();
    let path = dir.path().join("truncated.sqlite");
    let bytes = weerbaar::core::store::BUNDLED_DB;
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap_or_else(|e| panic!("{e}"));
    let out = weerbaar()
        .args(["db", "verify"])
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.starts_with(&format!(
            "weerbaar: {}: the database is corrupt (",
            path.display()
        )),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn another_applications_database_is_not_an_inventory() {
    let dir = tmp();
    let path = dir.path().join("crm.sqlite");
    let conn = Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
    conn.execute_batch(
        "CREATE TABLE metadata (k TEXT, v TEXT); CREATE TABLE customers (id INTEGER PRIMARY KEY);",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    drop(conn);
    refused(
        &path,
        "not a weerbaar inventory (table `metadata` has no column `key`)",
    );
}

#[test]
fn a_newer_user_version_asks_for_a_newer_weerbaar() {
    let dir = tmp();
    let path = tampered(dir.path(), "PRAGMA user_version = 7;");
    refused(
        &path,
        &format!(
            "made by a newer weerbaar (schema version 7; this program reads version {}); update weerbaar",
            weerbaar::core::store::SCHEMA_VERSION
        ),
    );
}

#[test]
fn triggers_and_views_are_never_run_and_verify_mentions_them() {
    let dir = tmp();
    // A trigger that would empty the inventory on any read-side change, and views that
    // would loop for ever if anything selected from them.
    let path = tampered(
        dir.path(),
        "CREATE TRIGGER wipe AFTER UPDATE ON metadata BEGIN DELETE FROM intervention; END;
         CREATE VIEW forever AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r)
           SELECT x FROM r;",
    );
    let before = std::fs::read(&path).unwrap_or_default();
    let out = weerbaar()
        .args(["db", "verify"])
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.ends_with(&format!(
            "{}: note: 1 trigger and 1 view not made by weerbaar; they are never run\n",
            path.display()
        )),
        "{text}"
    );
    let ids = weerbaar()
        .arg("--db")
        .arg(&path)
        .args(["list", "--format", "ids"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        String::from_utf8_lossy(&ids.stdout).lines().count(),
        bundled_count()
    );
    assert_eq!(
        std::fs::read(&path).unwrap_or_default(),
        before,
        "the file changed"
    );
}

#[test]
fn a_view_named_like_one_of_our_tables_is_refused() {
    let dir = tmp();
    let path = tampered(
        dir.path(),
        "DROP TABLE alias;
         CREATE VIEW alias AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r)
           SELECT 'diamant' AS intervention_id, x AS position, 'x' AS alias FROM r;",
    );
    refused(
        &path,
        "not a weerbaar inventory (`alias` is a view, not a table)",
    );
}

#[test]
fn a_virtual_table_named_like_one_of_ours_is_refused() {
    let dir = tmp();
    let path = tampered(
        dir.path(),
        "DROP TABLE alias;
         CREATE VIRTUAL TABLE alias USING fts5(a, b);",
    );
    refused(
        &path,
        "not a weerbaar inventory (`alias` is a virtual table, not a table)",
    );
}

#[test]
fn a_huge_string_is_refused_before_it_is_read() {
    let dir = tmp();
    let path = tampered(
        dir.path(),
        "UPDATE intervention SET summary = printf('%.*c', 3000000, 'x') WHERE id = 'diamant';",
    );
    refused(
        &path,
        "invalid inventory content (a value is larger than 1 MB; the limit for text is 64 KB)",
    );
}

#[test]
fn a_long_string_over_the_text_limit_is_refused() {
    let dir = tmp();
    let path = tampered(
        dir.path(),
        "UPDATE intervention SET aim = printf('%.*c', 200000, 'x') WHERE id = 'diamant';",
    );
    refused(
        &path,
        "invalid inventory content (a text field is 195 KB; the limit is 64 KB)",
    );
}

#[test]
fn control_characters_are_cleaned_not_printed() {
    let dir = tmp();
    let path = tampered(
        dir.path(),
        "UPDATE intervention SET name = 'Dia' || char(27) || '[31mmant' || char(7) || char(8238),
                                 summary = 'a' || char(0) || 'b'
         WHERE id = 'diamant';",
    );
    let out = weerbaar()
        .arg("--db")
        .arg(&path)
        .args(["show", "diamant"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("Diamant\n"), "{text:?}");
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
}

#[test]
fn values_of_the_wrong_type_are_named() {
    let dir = tmp();
    let path = tampered(
        dir.path(),
        "UPDATE intervention SET summary = x'00ff' WHERE id = 'diamant';",
    );
    refused(
        &path,
        "invalid inventory content (column `summary` holds binary data (a blob) where text was expected)",
    );
    let dir = tmp();
    let path = tampered(
        dir.path(),
        "UPDATE intervention SET evidence_year = 'twintig' WHERE id = 'diamant';",
    );
    refused(
        &path,
        "invalid inventory content (column `evidence_year` holds something other than a whole number)",
    );
}

#[test]
fn two_interventions_with_one_id_are_refused() {
    let dir = tmp();
    // A foreign file may declare the id without a key and with its own collation.
    let path = tampered(
        dir.path(),
        "ALTER TABLE intervention RENAME TO old;
         CREATE TABLE intervention AS SELECT * FROM old;
         INSERT INTO intervention SELECT * FROM old WHERE id = 'diamant';
         DROP TABLE old;",
    );
    refused(
        &path,
        "invalid inventory content (the id `diamant` is used by two interventions)",
    );
}

#[test]
fn rows_whose_parent_is_missing_are_ignored() {
    let dir = tmp();
    let path = tampered(
        dir.path(),
        "INSERT INTO alias VALUES ('bestaat-niet', 0, 'spook');",
    );
    let out = weerbaar()
        .arg("--db")
        .arg(&path)
        .args(["list", "--format", "ids"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    let ids = String::from_utf8_lossy(&out.stdout);
    assert_eq!(ids.lines().count(), bundled_count());
    assert!(!ids.contains("bestaat-niet"));
}

#[test]
fn verify_flags_values_outside_the_vocabulary_and_orphan_rows() {
    let dir = tmp();
    let path = tampered(
        dir.path(),
        "UPDATE facet_value SET value_id = 'foo'
           WHERE intervention_id = 'diamant' AND facet = 'theme' AND position = 0;
         INSERT INTO source (intervention_id, position, url, title, checked, supports)
           VALUES ('diamantt', 0, 'https://example.org', 'x', '2024-01-01', '');",
    );
    let out = weerbaar()
        .args(["db", "verify"])
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    let p = path.display();
    assert!(
        stdout.contains(&format!(
            "{p}: facet_value: diamant #0: value_id `foo` is not in the theme vocabulary\n"
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "{p}: source: diamantt #0: no intervention has this id (closest: diamant)\n"
        )),
        "{stdout}"
    );
    assert_eq!(
        stderr,
        format!(
            "weerbaar: {p}: 2 rows weerbaar cannot interpret (shown as raw ids, or not at all)\n"
        )
    );
}

#[test]
fn a_search_index_that_lies_is_refused_by_verify() {
    let dir = tmp();
    let path = tampered(
        dir.path(),
        "UPDATE search_key SET folded_name = 'verzonnen' WHERE record = 3;",
    );
    let out = weerbaar()
        .args(["db", "verify"])
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim_end(),
        format!(
            "weerbaar: {}: invalid inventory content (the search index does not match the records (`search_key`, row 3); `weerbaar db index` writes a copy with a correct one)",
            path.display()
        )
    );
}

#[test]
fn a_file_without_the_search_index_works_with_a_hint_and_db_index_adds_it() {
    let dir = tmp();
    let path = tampered(
        dir.path(),
        "DROP TABLE search_meta; DROP TABLE search_key; DROP TABLE search_value; DROP TABLE search_word;",
    );
    let list = |file: &Path| {
        weerbaar()
            .arg("--db")
            .arg(file)
            .args(["list", "-q", "ouders", "--format", "ids"])
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let before = list(&path);
    assert!(before.status.success());
    let hint = String::from_utf8_lossy(&before.stderr);
    assert_eq!(hint.lines().count(), 1, "{hint}");
    assert!(
        hint.contains("heeft geen zoekindex") && hint.contains("weerbaar db index"),
        "{hint}"
    );

    let indexed = dir.path().join("indexed.sqlite");
    let out = weerbaar()
        .args(["db", "index"])
        .arg(&path)
        .arg("-o")
        .arg(&indexed)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = list(&indexed);
    assert!(after.status.success());
    assert!(
        after.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&after.stderr)
    );
    assert_eq!(after.stdout, before.stdout);
    assert!(!after.stdout.is_empty());
    let verified = weerbaar()
        .args(["db", "verify"])
        .arg(&indexed)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        String::from_utf8_lossy(&verified.stdout)
            .contains("search index version 2: matches the records"),
    );
}

/// How many interventions the bundled inventory holds (the copies these tests damage start from it).
fn bundled_count() -> usize {
    let out = weerbaar()
        .args(["list", "--format", "ids"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    String::from_utf8_lossy(&out.stdout).lines().count()
}

#[test]
fn an_id_with_control_characters_is_refused_by_verify_and_list_alike() {
    let dir = tmp();
    let path = tampered(
        dir.path(),
        "UPDATE intervention SET id = 'evil' || char(1) || 'id' WHERE id = 'diamant';
         UPDATE alias SET intervention_id = 'evil' || char(1) || 'id' WHERE intervention_id = 'diamant';",
    );
    refused(
        &path,
        "invalid inventory content (the id \"evil\\u{1}id\" holds control or invisible characters (shown as `evilid`); an id is plain text)",
    );
}

#[test]
fn committed_changes_still_in_a_wal_file_are_said_not_silently_left_out() {
    let dir = tmp();
    let path = bundled_copy(dir.path());
    // A writer that keeps its connection open: its changes stay in `copy.sqlite-wal`.
    let writer = Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
    writer
        .execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;
             UPDATE intervention SET name = 'Gewijzigd' WHERE id = 'diamant';",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let out = weerbaar()
        .arg("--db")
        .arg(&path)
        .args(["show", "diamant"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("copy.sqlite-wal"), "{stderr}");
    drop(writer);
}
