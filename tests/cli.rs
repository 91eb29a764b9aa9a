//! The binary end to end: what a user types and what they get back.

// Test code: a panic here is a failed test, not a user's crash.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

fn weerbaar() -> Command {
    let mut cmd = Command::cargo_bin("weerbaar").unwrap_or_else(|e| panic!("binary: {e}"));
    cmd.env_remove("WEERBAAR_DB").env("LANG", "nl_NL.UTF-8");
    cmd
}

fn stdout_of(args: &[&str]) -> String {
    let out = weerbaar()
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn list_as_json_prints_every_bundled_intervention() {
    let text = stdout_of(&["list", "--format", "json"]);
    let doc: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("json: {e}"));
    let items = doc["interventions"].as_array().map(Vec::len).unwrap_or(0);
    assert!(items >= 60, "only {items} interventions");
    assert_eq!(doc["count"].as_u64(), Some(items as u64));
    assert!(
        !doc["inventory"]["version"]
            .as_str()
            .unwrap_or("")
            .is_empty()
    );
    let diamant = doc["interventions"]
        .as_array()
        .and_then(|a| a.iter().find(|i| i["id"] == "diamant"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(diamant["evidence"]["level"], "goed-onderbouwd");
    assert_eq!(diamant["evidence"]["year"], 2020);
}

#[test]
fn a_search_without_diacritics_finds_words_with_them() {
    let ids = stdout_of(&["list", "--query", "beinvloed", "--format", "ids"]);
    assert!(!ids.trim().is_empty());
    // Every hit really mentions beïnvloeding in some form (folded), or carries the
    // resilience dimension whose synonyms do.
    let json = stdout_of(&["list", "--query", "beinvloed", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
    for item in doc["interventions"].as_array().cloned().unwrap_or_default() {
        let text = weerbaar::core::model::fold::fold(&item.to_string());
        assert!(
            text.contains("beinvloed") || text.contains("kritisch-denken"),
            "{} does not mention beïnvloeding",
            item["id"]
        );
    }
}

#[test]
fn theme_filter_as_csv_gives_one_parsable_row_per_intervention() {
    let text = stdout_of(&["list", "--theme", "polarisatie", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().cloned().unwrap_or_default();
    let themes_col = headers
        .iter()
        .position(|h| h == "themes")
        .unwrap_or(usize::MAX);
    let rows: Vec<csv::StringRecord> = reader.records().filter_map(Result::ok).collect();
    let ids = stdout_of(&["list", "--theme", "polarisatie", "--format", "ids"]);
    assert_eq!(rows.len(), ids.lines().count());
    assert!(rows.len() >= 5);
    for row in rows {
        assert!(
            row.get(themes_col)
                .unwrap_or("")
                .split("; ")
                .any(|t| t == "polarisatie")
        );
    }
}

#[test]
fn show_as_markdown_has_every_section() {
    let md = stdout_of(&["show", "diamant", "--format", "md"]);
    for heading in [
        "# Diamant",
        "## Wat en voor wie",
        "## Weerbaarheid",
        "## Werkzame elementen",
        "## Bewijs en studies",
        "## Praktisch",
        "## Bronnen",
    ] {
        assert!(md.contains(heading), "missing {heading} in:\n{md}");
    }
    assert!(md.contains("Goed onderbouwd"));
    assert!(md.contains("erkend 2020"));
    assert!(md.contains("https://www.nji.nl/interventies/diamant"));
}

#[test]
fn show_speaks_english_on_request() {
    let text = stdout_of(&["--lang", "en", "show", "diamant"]);
    assert!(text.contains("Evidence and studies"));
    assert!(text.contains("Well founded"));
}

#[test]
fn an_unknown_filter_id_is_a_usage_error_naming_the_closest_ids() {
    weerbaar()
        .args(["list", "--theme", "polarisati"])
        .assert()
        .code(2)
        .stderr(contains(
            "onbekende waarde `polarisati` voor thema; bedoelde je `polarisatie`?",
        ));
    weerbaar()
        .args(["--lang", "en", "list", "--theme", "polarisati"])
        .assert()
        .code(2)
        .stderr(contains(
            "unknown theme `polarisati`; did you mean `polarisatie`?",
        ));
    weerbaar()
        .args(["list", "--min-evidence", "zzz"])
        .assert()
        .code(2)
        .stderr(contains("onbekende waarde `zzz`"));
}

#[test]
fn an_unknown_intervention_id_suggests_near_ones() {
    weerbaar()
        .args(["show", "diamnt"])
        .assert()
        .code(1)
        .stderr(contains(
            "geen interventie met id of naam `diamnt`; bedoelde je `diamant`?",
        ));
}

#[test]
fn facets_count_like_list() {
    let json = stdout_of(&["facets", "--theme", "polarisatie", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
    let groups = doc["facets"].as_array().cloned().unwrap_or_default();
    let level = groups
        .iter()
        .find(|g| g["group"] == "level")
        .cloned()
        .unwrap_or_default();
    for value in level["values"].as_array().cloned().unwrap_or_default() {
        let id = value["id"].as_str().unwrap_or("");
        let listed = stdout_of(&[
            "list",
            "--theme",
            "polarisatie",
            "--level",
            id,
            "--format",
            "ids",
        ]);
        assert_eq!(
            value["count"].as_u64(),
            Some(listed.lines().count() as u64),
            "level {id}"
        );
    }
}

#[test]
fn min_evidence_keeps_only_recognised_interventions() {
    let json = stdout_of(&[
        "list",
        "--min-evidence",
        "goed-onderbouwd",
        "--sort",
        "evidence",
        "--format",
        "json",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
    let levels: Vec<String> = doc["interventions"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|i| i["evidence"]["level"].as_str().unwrap_or("").to_string())
        .collect();
    assert!(!levels.is_empty());
    for l in &levels {
        assert!(
            [
                "goed-onderbouwd",
                "eerste-aanwijzingen",
                "goede-aanwijzingen",
                "sterke-aanwijzingen"
            ]
            .contains(&l.as_str()),
            "{l}"
        );
    }
}

#[test]
fn version_names_the_inventory() {
    // The inventory's own version and date, as data/inventory.toml records them.
    let meta: toml::Table = std::fs::read_to_string("data/inventory.toml")
        .unwrap_or_default()
        .parse()
        .unwrap_or_default();
    let field = |k: &str| {
        meta.get(k)
            .and_then(|v| v.as_str())
            .unwrap_or("?")
            .to_string()
    };
    weerbaar().arg("--version").assert().success().stdout(
        contains("weerbaar 0.")
            .and(contains(field("version")))
            .and(contains(field("date"))),
    );
}

#[test]
fn stats_shows_coverage_per_theme() {
    let text = stdout_of(&["db", "stats"]);
    assert!(text.contains("Thema × bewijs"));
    assert!(text.contains("Thema × werkzaam element"));
    assert!(text.contains("Professionalisering moskeebesturen"));
    // The indented (non-ESS) themes are explained.
    assert!(text.contains("Ingesprongen thema's horen niet bij de zeven ESS-thema's"));
    let en = stdout_of(&["--lang", "en", "db", "stats"]);
    assert!(
        en.lines().next().unwrap_or("").ends_with(" interventions"),
        "{en}"
    );
    assert!(en.contains("Indented themes are not among the seven ESS themes"));
}

#[test]
fn provider_filters_match_any_part_of_a_name_in_any_case() {
    let exact = stdout_of(&["list", "--provider", "Gemeente Utrecht", "--format", "ids"]);
    let any_case = stdout_of(&["list", "--provider", "gemeente utrecht", "--format", "ids"]);
    // Also "Gemeente Utrecht (regie)": every provider whose name holds the text.
    assert!(
        exact.lines().all(|id| any_case.lines().any(|l| l == id)),
        "{exact} / {any_case}"
    );
    assert!(any_case.lines().count() > exact.lines().count());
    assert!(!stdout_of(&["list", "--provider", "sipi", "--format", "ids"]).is_empty());
    weerbaar()
        .args(["list", "--provider", "zzzz"])
        .assert()
        .code(2)
        .stderr(contains("onbekende aanbieder `zzzz`"));
    // No far-fetched suggestions for short unknown ids, and none for an empty one.
    let out = weerbaar()
        .args(["show", "nope"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("soar"));
    let out = weerbaar()
        .args(["list", "--theme", ""])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("geldig:"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn db_check_passes_on_the_bundled_sources() {
    weerbaar()
        .args([
            "db",
            "check",
            "--data",
            concat!(env!("CARGO_MANIFEST_DIR"), "/data"),
        ])
        .assert()
        .success()
        .stderr(contains("no problems"));
}

#[test]
fn db_check_reports_bad_sources_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let entries = dir.path().join("interventions");
    std::fs::create_dir(&entries).unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/data/inventory.toml"),
        dir.path().join("inventory.toml"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let good = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/interventions/diamant.toml"
    ))
    .unwrap_or_default();
    let bad = good.replace(
        "\"radicalisering\", \"weerbaar-opvoeden\"",
        "\"radicaliseren\"",
    );
    std::fs::write(entries.join("diamant.toml"), bad).unwrap_or_else(|e| panic!("{e}"));
    let out = weerbaar()
        .args(["db", "check", "--data"])
        .arg(dir.path())
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains(
            "diamant.toml:24:11: unknown theme `radicaliseren`; did you mean `radicalisering`?"
        ),
        "{stderr}"
    );
    // Nothing is written by a failing build.
    weerbaar()
        .args(["db", "build", "--data"])
        .arg(dir.path())
        .assert()
        .code(1);
    assert!(!dir.path().join("inventory.sqlite").exists());
}

#[test]
fn db_build_writes_a_database_that_opens() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("built.sqlite");
    weerbaar()
        .args([
            "db",
            "build",
            "--data",
            concat!(env!("CARGO_MANIFEST_DIR"), "/data"),
            "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    let from_file = stdout_of(&[
        "--db",
        out.to_str().unwrap_or(""),
        "list",
        "--format",
        "ids",
    ]);
    assert_eq!(from_file, stdout_of(&["list", "--format", "ids"]));
}

// ---- bad database files: each gets its own clear message and exit code 1 ----

fn bundled_copy(dir: &Path) -> PathBuf {
    let path = dir.join("copy.sqlite");
    std::fs::write(&path, weerbaar::core::store::BUNDLED_DB).unwrap_or_else(|e| panic!("{e}"));
    path
}

fn fails_with(path: &Path, message: &str) {
    let out = weerbaar()
        .arg("--db")
        .arg(path)
        .arg("list")
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains(message),
        "expected {message:?}, got {stderr:?}"
    );
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr:?}");
    assert!(!stderr.contains("panicked"));
}

#[test]
fn a_missing_database_file_says_so() {
    fails_with(
        Path::new("/nonexistent/weerbaar.sqlite"),
        "/nonexistent/weerbaar.sqlite: no such file",
    );
}

#[test]
fn a_file_that_is_not_a_database_says_so() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let csv = dir.path().join("list.csv");
    std::fs::write(&csv, "id,name\nx,y\n").unwrap_or_else(|e| panic!("{e}"));
    fails_with(&csv, "not an SQLite database");
    let empty = dir.path().join("empty.sqlite");
    std::fs::write(&empty, "").unwrap_or_else(|e| panic!("{e}"));
    fails_with(&empty, "not an SQLite database");
}

#[test]
fn another_applications_database_is_not_an_inventory() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("other.sqlite");
    let conn = rusqlite::Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
    conn.execute_batch("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);")
        .unwrap_or_else(|e| panic!("{e}"));
    drop(conn);
    fails_with(
        &path,
        "not a weerbaar inventory (table `metadata` is missing)",
    );
}

#[test]
fn a_newer_schema_asks_for_a_newer_program() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = bundled_copy(dir.path());
    let conn = rusqlite::Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
    conn.pragma_update(None, "user_version", 99)
        .unwrap_or_else(|e| panic!("{e}"));
    drop(conn);
    fails_with(&path, "made by a newer weerbaar (schema version 99");
}

#[test]
fn a_view_disguised_as_a_table_is_refused() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = bundled_copy(dir.path());
    let conn = rusqlite::Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
    conn.execute_batch(
        "DROP TABLE source;
         CREATE VIEW source AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r)
           SELECT '' AS intervention_id, x AS position, '' AS url, '' AS title, '' AS checked FROM r;",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    drop(conn);
    fails_with(
        &path,
        "not a weerbaar inventory (`source` is a view, not a table)",
    );
}

#[test]
fn a_corrupt_database_says_it_is_corrupt() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = bundled_copy(dir.path());
    let mut bytes = std::fs::read(&path).unwrap_or_default();
    // Keep the header page, scribble over every page after it.
    for b in bytes.iter_mut().skip(4096).step_by(7) {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap_or_else(|e| panic!("{e}"));
    fails_with(&path, "the database is corrupt");
}

#[test]
fn control_characters_in_a_database_never_reach_the_output() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = bundled_copy(dir.path());
    let conn = rusqlite::Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
    conn.execute(
        "UPDATE intervention SET name = ?1 WHERE id = 'diamant'",
        ["Dia\u{1b}[2Jmant\u{7}\u{202e}"],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    drop(conn);
    let out = weerbaar()
        .arg("--db")
        .arg(&path)
        .args(["show", "diamant"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("Diamant\n"), "{text:?}");
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{202e}'));
}

#[test]
fn an_unreadable_database_says_permission_denied() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = bundled_copy(dir.path());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000))
        .unwrap_or_else(|e| panic!("{e}"));
    if std::fs::read(&path).is_ok() {
        // Running as root: permissions are not enforced, so there is nothing to observe.
        eprintln!("skipped: file permissions are not enforced for this user");
        return;
    }
    fails_with(&path, "permission denied");
}

#[test]
fn a_broken_pipe_is_known_by_its_kind_not_its_text() {
    use weerbaar::cli::CliError;
    let closed = std::io::Error::new(std::io::ErrorKind::BrokenPipe, "gesloten");
    assert!(matches!(CliError::from(closed), CliError::Closed));
    let full = std::io::Error::new(std::io::ErrorKind::StorageFull, "No space left");
    assert!(matches!(CliError::from(full), CliError::Failed(m) if m.contains("standard output")));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    // `weerbaar list | head -1`: the reader goes away early.
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "{} list --format csv | head -1",
            assert_cmd::cargo::cargo_bin("weerbaar").display()
        ))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("weerbaar:"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_full_disk_on_stdout_is_named_as_such() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipped: no /dev/full here");
        return;
    };
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("weerbaar"))
        .env_remove("WEERBAAR_DB")
        .args(["list"])
        .stdout(full)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("weerbaar: cannot write to standard output: "),
        "{stderr}"
    );
}

#[test]
fn an_empty_weerbaar_db_means_the_bundled_inventory() {
    let bundled = stdout_of(&["list", "--format", "ids"]);
    let out = weerbaar()
        .env("WEERBAAR_DB", "")
        .args(["list", "--format", "ids"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), bundled);
    // A set variable is still used, and --db wins over it.
    weerbaar()
        .env("WEERBAAR_DB", "/nonexistent/x.sqlite")
        .args(["list"])
        .assert()
        .code(1)
        .stderr(contains("/nonexistent/x.sqlite: no such file"));
    let bundled_path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/inventory.sqlite");
    weerbaar()
        .env("WEERBAAR_DB", "/nonexistent/x.sqlite")
        .args(["--db", bundled_path, "list", "--format", "ids"])
        .assert()
        .success()
        .stdout(bundled);
}

#[test]
fn db_synth_writes_a_reproducible_inventory_and_never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let a = dir.path().join("a.sqlite");
    let b = dir.path().join("b.sqlite");
    for out in [&a, &b] {
        weerbaar()
            .args(["db", "synth", "--count", "300", "--seed", "5", "-o"])
            .arg(out)
            .assert()
            .success();
    }
    // The same count and seed give the same file, byte for byte.
    let bytes = |p: &Path| std::fs::read(p).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(bytes(&a), bytes(&b));
    // It is a valid inventory with that many interventions, searchable like the real one.
    weerbaar()
        .args(["db", "verify"])
        .arg(&a)
        .assert()
        .success()
        .stdout(contains("300 interventions"));
    let a_str = a.to_string_lossy().into_owned();
    let ids = stdout_of(&["--db", &a_str, "list", "--format", "ids"]);
    assert_eq!(ids.lines().count(), 300);
    // An existing file is kept unless --force is given.
    let before = bytes(&a);
    weerbaar()
        .args(["db", "synth", "--count", "10", "-o"])
        .arg(&a)
        .assert()
        .code(1)
        .stderr(contains("already exists; add --force"));
    assert_eq!(bytes(&a), before);
    weerbaar()
        .args(["db", "synth", "--count", "10", "--force", "-o"])
        .arg(&a)
        .assert()
        .success();
    assert_ne!(bytes(&a), before);
    weerbaar()
        .args(["db", "synth", "--count", "0", "-o"])
        .arg(dir.path().join("c.sqlite"))
        .assert()
        .code(2);
}

#[test]
fn a_wal_mode_database_opens_without_side_files() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("wal #1?.sqlite");
    std::fs::write(&path, weerbaar::core::store::BUNDLED_DB).unwrap_or_else(|e| panic!("{e}"));
    let conn = rusqlite::Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
    conn.pragma_update(None, "journal_mode", "WAL")
        .unwrap_or_else(|e| panic!("{e}"));
    drop(conn);
    let before: Vec<_> = std::fs::read_dir(dir.path())
        .map(|d| d.count())
        .into_iter()
        .collect();
    let ids = stdout_of(&[
        "--db",
        path.to_str().unwrap_or(""),
        "list",
        "--format",
        "ids",
    ]);
    assert!(ids.lines().count() >= 60);
    let after: Vec<_> = std::fs::read_dir(dir.path())
        .map(|d| d.count())
        .into_iter()
        .collect();
    assert_eq!(before, after, "opening created files next to the database");
}

#[test]
fn an_export_name_that_belongs_to_another_format_is_refused() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("lijst.xlsx");
    weerbaar()
        .env("WEERBAAR_DATA_DIR", dir.path())
        .args(["export", "--theme", "polarisatie", "--format", "csv", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(contains(
            "heeft de naam van een .xlsx-bestand, maar het formaat is csv",
        ));
    assert!(!out.exists());
    // csv-nl in a .csv file is fine.
    let ok = dir.path().join("lijst.csv");
    weerbaar()
        .env("WEERBAAR_DATA_DIR", dir.path())
        .args([
            "export",
            "--theme",
            "polarisatie",
            "--format",
            "csv-nl",
            "-o",
        ])
        .arg(&ok)
        .assert()
        .success();
}

#[test]
fn an_error_with_a_stderr_that_cannot_be_written_exits_1_without_a_panic() {
    // `2>/dev/full`: the message cannot be shown, but the exit code still says what happened.
    let Ok(full) = std::fs::File::options().write(true).open("/dev/full") else {
        eprintln!("skipped: /dev/full is not available");
        return;
    };
    let status = std::process::Command::new(assert_cmd::cargo::cargo_bin("weerbaar"))
        .env_remove("WEERBAAR_DB")
        .args(["show", "bestaat-niet"])
        .stderr(full)
        .status()
        .unwrap_or_else(|e| panic!("run: {e}"));
    assert_eq!(status.code(), Some(1), "{status}");
}

#[test]
fn show_compare_and_related_take_a_name_in_any_case_where_it_is_unambiguous() {
    assert_eq!(
        stdout_of(&["show", "rots en water"]),
        stdout_of(&["show", "rots-en-water"])
    );
    assert_eq!(
        stdout_of(&["show", "KANJERTRAINING"]),
        stdout_of(&["show", "kanjertraining"])
    );
    assert_eq!(
        stdout_of(&["related", "Rots en Water"]),
        stdout_of(&["related", "rots-en-water"])
    );
    assert_eq!(
        stdout_of(&["compare", "Rots en Water", "kanjertraining"]),
        stdout_of(&["compare", "rots-en-water", "kanjertraining"])
    );
    // A word that fits several names is refused, naming them; it never picks one.
    let out = weerbaar()
        .args(["show", "weerbaar"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let named = stderr.matches(" (").count();
    assert!(named >= 2, "names the candidates: {stderr}");
    assert!(stdout_of(&["list", "--format", "ids"]).lines().count() > named);
}

#[test]
fn filters_and_search_forgive_labels_case_and_one_wrong_letter() {
    let ids = |args: &[&str]| {
        let mut all = vec!["list", "--format", "ids"];
        all.extend_from_slice(args);
        stdout_of(&all)
    };
    assert_eq!(
        ids(&["--theme", "Weerbaar opvoeden", "--target-group", "Ouders"]),
        ids(&["--theme", "weerbaar-opvoeden", "--target-group", "ouders"])
    );
    assert_eq!(
        ids(&["--theme", "polarisation"]),
        ids(&["--theme", "polarisatie"])
    );
    assert!(!ids(&["--evidence", "erkend"]).is_empty());
    assert_eq!(
        ids(&["--evidence", "erkend"]),
        ids(&["--min-evidence", "goed-onderbouwd"])
    );
    assert_eq!(
        ids(&["-q", "radikalisering"]),
        ids(&["-q", "radicalisering"])
    );
    weerbaar()
        .args(["list", "-q", "radikaliseeringg"])
        .assert()
        .success()
        .stderr(contains("bedoelde je `radicalisering`?"));
}

/// Every error a user can cause by typing, in the language asked for: Dutch by default, English
/// with `--lang en`, never a mix (clap's own errors included).
#[test]
fn error_messages_are_in_one_language_dutch_by_default_english_with_lang_en() {
    let paths: &[&[&str]] = &[
        &["list", "--thema", "x"],
        &["lst"],
        &["list", "--sort", "foo"],
        &["list", "--theme"],
        &["list", "--theme", "polarisati"],
        &["list", "--evidence", "erknd"],
        &["list", "--min-evidence", "sterk-bewijs-x"],
        &["list", "--provider", "zzzzzzzz"],
        &["show"],
        &["show", "nergens-te-vinden"],
        &["show", "weerbaar"],
        &["compare", "rots-en-water", "--shortlist", "x"],
        &["export", "--format", "xyz"],
        &["export", "--format", "xlsx"],
        &["export", "--format", "csv", "--style", "brief"],
        &["export", "--format", "json", "--labels"],
        &["export", "--format", "csv", "--notes"],
        &["export", "-o", "lijst.txt"],
        &["export", "--format", "csv", "-o", "lijst.xlsx"],
        &["export", "--shortlist", "bestaat-niet", "--format", "csv"],
        &[
            "export",
            "--shortlist",
            "x",
            "-q",
            "ouders",
            "--format",
            "csv",
        ],
    ];
    let english = [
        "unknown",
        "did you mean",
        "cannot",
        "error:",
        "is not",
        "give ",
        " use ",
        "see ",
        "fits ",
    ];
    let dutch = [
        "onbekende",
        "onbekend commando",
        "bedoelde",
        "geen ",
        "geef",
        "kies",
        "ontbreekt",
        "zie ",
        "past bij",
        "niet samen",
    ];
    let data = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for args in paths {
        for (lang, forbidden) in [("nl", &english[..]), ("en", &dutch[..])] {
            let out = weerbaar()
                .env("WEERBAAR_DATA_DIR", data.path())
                .current_dir(data.path())
                .arg("--lang")
                .arg(lang)
                .args(*args)
                .output()
                .unwrap_or_else(|e| panic!("run: {e}"));
            let stderr = String::from_utf8_lossy(&out.stderr).to_lowercase();
            assert!(!out.status.success(), "{lang} {args:?} succeeded");
            assert!(!stderr.trim().is_empty(), "{lang} {args:?}: no message");
            for word in forbidden.iter() {
                assert!(
                    !stderr.contains(word),
                    "{lang} {args:?} says `{word}`: {stderr}"
                );
            }
        }
    }
}
