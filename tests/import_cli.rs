//! `weerbaar import` end to end: spreadsheets and exports come in, every problem comes out as
//! `FILE:LINE[:COLUMN]: message`, and what is written opens with `--db`.

// Test code: a panic here is a failed test, not a user's crash.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn weerbaar() -> Command {
    let mut cmd = Command::cargo_bin("weerbaar").unwrap_or_else(|e| panic!("binary: {e}"));
    cmd.env_remove("WEERBAAR_DB").env("LANG", "nl_NL.UTF-8");
    cmd
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(dir: &Path, args: &[&str]) -> Run {
    let out = weerbaar()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
    path
}

/// Files in `dir`, so a test can check that a failed import left nothing behind.
fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// A CSV with Dutch headers as a Dutch spreadsheet saves it: `;`, a byte-order mark, CRLF,
/// labels instead of ids, dates as day-month-year, an extra column of its own.
fn spreadsheet() -> Vec<u8> {
    let rows = [
        "Naam;Aanbieders;Samenvatting;Doel;Aanpak;Doelgroepen;Niveau;Soort aanbod;Preventie;Thema's;Dimensies;Opvatting weerbaarheid;Werkzame elementen;Toelichting werkzame elementen;Bewijsniveau;Duur;Kosten;Bron-URL's;Bron titels;Gecontroleerd;Opmerkingen",
        "Buurtvaders Oost;Stichting Buurtvaders; Gemeente Utrecht;\"Vaders lopen 's avonds door de wijk.\r\nZe kennen de buurt.\";Overlast verminderen.;Vaste avondrondes.;Vaders; Jongeren;Gemeenschap;Netwerk;Preventief;Sleutelfiguren en gezaghebbende personen;Sociale banden;Bekende gezichten maken de buurt sterker.;Trainer als rolmodel | Netwerkvorming;Vaders zijn het voorbeeld | ;Niet beoordeeld;doorlopend;gratis;https://example.nl/buurtvaders;Projectpagina;21-11-2025;bellen",
        "Weerbaar online;Bibliotheek Oost;Cursus over nepnieuws.;Nepnieuws herkennen.;Vier bijeenkomsten.;Algemeen publiek;Groep;Training;Preventief;Polarisatie;kritisch-denken;Wie informatie weegt, is weerbaar.;kennisoverdracht;;onbekend;4 weken;€ 25;https://example.nl/a | https://example.nl/b;Cursus | Folder;1-3-2026;",
        ";;;;;;;;;;;;;;;;;;;;",
    ];
    // The provider cell of the first row holds a `;`: a spreadsheet quotes it.
    let text = rows
        .iter()
        .map(|r| {
            r.replacen(
                "Stichting Buurtvaders; Gemeente Utrecht",
                "\"Stichting Buurtvaders; Gemeente Utrecht\"",
                1,
            )
            .replacen("Vaders; Jongeren", "\"Vaders; Jongeren\"", 1)
        })
        .collect::<Vec<_>>()
        .join("\r\n");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    bytes.extend_from_slice(b"\r\n");
    bytes
}

#[test]
fn a_dutch_spreadsheet_imports_opens_and_exports_again() {
    let dir = tmp();
    write(dir.path(), "lijst.csv", spreadsheet());
    let r = run(dir.path(), &["import", "lijst.csv", "-o", "mijn.sqlite"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "lijst.csv:1:21: ignored column `Opmerkingen`: not an import column; see docs/import.md, or rename or ignore it in a mapping file\n\
         2 interventies geïmporteerd naar mijn.sqlite; open het met `weerbaar --db mijn.sqlite`\n"
    );
    let ids = run(
        dir.path(),
        &[
            "--db",
            "mijn.sqlite",
            "list",
            "--format",
            "ids",
            "--sort",
            "name",
        ],
    );
    assert_eq!(ids.stdout, "buurtvaders-oost\nweerbaar-online\n");

    let json = run(
        dir.path(),
        &[
            "--db",
            "mijn.sqlite",
            "show",
            "buurtvaders-oost",
            "--format",
            "json",
        ],
    );
    let item: serde_json::Value =
        serde_json::from_str(&json.stdout).unwrap_or_else(|e| panic!("{e}: {}", json.stdout));
    assert_eq!(
        item["providers"],
        serde_json::json!(["Stichting Buurtvaders", "Gemeente Utrecht"])
    );
    assert_eq!(
        item["target_groups"],
        serde_json::json!(["vaders", "jongeren"])
    );
    assert_eq!(item["themes"], serde_json::json!(["sleutelfiguren"]));
    assert_eq!(item["evidence"]["level"], "niet-beoordeeld");
    assert_eq!(
        item["summary"],
        "Vaders lopen 's avonds door de wijk.\nZe kennen de buurt."
    );
    assert_eq!(
        item["working_elements"],
        serde_json::json!([
            {"id": "trainer-als-rolmodel", "note": "Vaders zijn het voorbeeld"},
            {"id": "netwerkvorming", "note": ""}
        ])
    );
    assert_eq!(item["sources"][0]["checked"], "2025-11-21");

    // And out again, as a file a spreadsheet opens: read back with a real CSV parser.
    let export = run(
        dir.path(),
        &[
            "--db",
            "mijn.sqlite",
            "export",
            "--format",
            "csv-nl",
            "-o",
            "terug.csv",
        ],
    );
    assert_eq!(export.code, Some(0), "{}", export.stderr);
    let bytes = std::fs::read(dir.path().join("terug.csv")).unwrap_or_default();
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(body);
    let rows: Vec<csv::StringRecord> = reader.records().filter_map(Result::ok).collect();
    assert_eq!(rows.len(), 2);
    let online = rows
        .iter()
        .find(|r| r.get(0) == Some("weerbaar-online"))
        .cloned()
        .unwrap_or_default();
    // csv-nl writes the columns of the CSV export, in the same order.
    let urls = weerbaar::core::export::csv::COLUMNS
        .iter()
        .position(|c| *c == "source_urls")
        .unwrap_or(usize::MAX);
    assert_eq!(
        online.get(urls),
        Some("https://example.nl/a; https://example.nl/b")
    );
    assert_eq!(online.get(urls + 2), Some("2026-03-01; 2026-03-01"));

    // The export imports again to the same interventions.
    let again = run(dir.path(), &["import", "terug.csv", "-o", "weer.sqlite"]);
    assert_eq!(again.code, Some(0), "{}", again.stderr);
    let diff = run(dir.path(), &["db", "diff", "mijn.sqlite", "weer.sqlite"]);
    assert!(
        diff.stdout.ends_with("\nGeen verschillen.\n"),
        "{}",
        diff.stdout
    );
}

#[test]
fn an_export_as_json_imports_to_the_same_inventory() {
    let dir = tmp();
    let export = run(
        dir.path(),
        &["export", "--format", "json", "-o", "alles.json"],
    );
    assert_eq!(export.code, Some(0), "{}", export.stderr);
    let r = run(dir.path(), &["import", "alles.json", "-o", "kopie.sqlite"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let before = std::fs::read_to_string(dir.path().join("alles.json")).unwrap_or_default();
    let after = run(
        dir.path(),
        &["--db", "kopie.sqlite", "export", "--format", "json"],
    );
    assert_eq!(after.stdout, before);
    let verify = run(dir.path(), &["db", "verify", "kopie.sqlite"]);
    assert_eq!(verify.code, Some(0));
}

#[test]
fn the_toml_sources_import_like_db_build() {
    let dir = tmp();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let r = run(
        dir.path(),
        &["import", &data.display().to_string(), "-o", "bron.sqlite"],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let bundled = data.join("inventory.sqlite");
    let diff = run(
        dir.path(),
        &[
            "db",
            "diff",
            &bundled.display().to_string(),
            "bron.sqlite",
            "--format",
            "json",
        ],
    );
    let d: serde_json::Value = serde_json::from_str(&diff.stdout).unwrap_or_default();
    for key in ["added", "removed", "renamed", "changed"] {
        assert_eq!(d[key], serde_json::json!([]), "{key}: {}", diff.stdout);
    }
    assert_eq!(d["old"], d["new"]);
}

const HEADER: &str = "id,name,providers,summary,aim,approach,target_groups,levels,offer_types,prevention,themes,framing,working_elements,evidence_level,evidence_year,source_urls,sources_checked";
const GOOD: [&str; 17] = [
    "a",
    "A",
    "P",
    "S",
    "D",
    "W",
    "jongeren",
    "groep",
    "training",
    "preventief",
    "polarisatie",
    "F",
    "dialoog",
    "onbekend",
    "",
    "https://x.nl",
    "2026-01-01",
];

fn row(changes: &[(&str, &str)]) -> String {
    let names: Vec<&str> = HEADER.split(',').collect();
    let mut cells: Vec<String> = GOOD.iter().map(|s| s.to_string()).collect();
    for (column, value) in changes {
        if let Some(ix) = names.iter().position(|n| n == column) {
            cells[ix] = value.to_string();
        }
    }
    cells.join(",")
}

#[test]
fn every_kind_of_csv_error_is_reported_with_line_and_column_and_nothing_is_written() {
    let dir = tmp();
    let text = [
        HEADER.to_string(),
        row(&[]),
        row(&[("id", "b"), ("name", "B"), ("themes", "polarisati")]),
        row(&[("id", "c"), ("name", "C"), ("summary", "")]),
        row(&[("name", "A2")]),
        row(&[("id", "d"), ("name", "D"), ("source_urls", "www.x.nl")]),
        row(&[
            ("id", "e"),
            ("name", "E"),
            ("sources_checked", "2026-13-45"),
        ]),
        row(&[
            ("id", "f"),
            ("name", "F"),
            ("evidence_level", "goed-onderbouwd"),
        ]),
        row(&[("id", "g"), ("name", "G"), ("evidence_year", "twintig")]),
        row(&[("id", "Hh_"), ("name", "H")]),
        row(&[("id", "i"), ("name", "I"), ("levels", "klas; groep; groep")]),
        row(&[("id", "j"), ("name", "J"), ("evidence_level", "")]),
    ]
    .join("\n");
    write(dir.path(), "fouten.csv", text);
    let r = run(
        dir.path(),
        &["--lang", "en", "import", "fouten.csv", "-o", "uit.sqlite"],
    );
    assert_eq!(r.code, Some(1));
    assert_eq!(
        r.stderr.lines().collect::<Vec<_>>(),
        vec![
            "fouten.csv:3:11: unknown theme `polarisati`; did you mean `polarisatie`?",
            "fouten.csv:4:4: `summary` is empty",
            "fouten.csv:5:1: duplicate id `a`: also used in fouten.csv:2",
            "fouten.csv:6:16: malformed URL `www.x.nl`: expected http(s)://host/…",
            "fouten.csv:7:17: malformed date `2026-13-45`: there is no such month",
            "fouten.csv:8:14: evidence level `goed-onderbouwd` needs both `evidence_year` and `evidence_body` (the assessing body)",
            "fouten.csv:9:15: `evidence_year` = `twintig` is not a year",
            "fouten.csv:10:1: id `Hh_` must be kebab-case: lowercase ASCII letters, digits and single dashes",
            "fouten.csv:11:8: unknown level `klas`; did you mean `groep`?",
            "fouten.csv:11:8: `levels` lists `groep` twice",
            "fouten.csv:12:14: missing `evidence_level` (use \"onbekend\" when no assessment is known)",
            "Values outside the vocabulary can be mapped to ids with --mapping MAP.toml (see docs/import.md).",
            "weerbaar: 11 problem(s) found; nothing was written (--lenient imports the valid entries)",
        ]
    );
    assert_eq!(files(dir.path()), vec!["fouten.csv"]);
}

#[test]
fn a_missing_required_column_is_reported_once_not_per_row() {
    let dir = tmp();
    let header = HEADER.replace(",summary", "");
    let line = |r: String| r.replacen(",S,", ",", 1);
    write(
        dir.path(),
        "kort.csv",
        format!(
            "{header}\n{}\n{}\n",
            line(row(&[])),
            line(row(&[("id", "b"), ("name", "B")]))
        ),
    );
    let r = run(dir.path(), &["import", "kort.csv", "-o", "uit.sqlite"]);
    assert_eq!(r.code, Some(1));
    assert_eq!(
        r.stderr,
        "kort.csv:1: missing required column `samenvatting` (in English `summary`)\n\
         weerbaar: 1 problem(s) found; nothing was written (--lenient imports the valid entries)\n"
    );
}

#[test]
fn the_wrong_encoding_is_named_with_its_line() {
    let dir = tmp();
    // "Café" in Windows-1252, as an old spreadsheet saves it.
    let text = format!(
        "{HEADER}\n{}\n{}\n",
        row(&[]),
        row(&[("id", "b"), ("name", "Caf#")])
    );
    let bytes: Vec<u8> = text
        .bytes()
        .map(|b| if b == b'#' { 0xE9 } else { b })
        .collect();
    write(dir.path(), "oud.csv", bytes);
    let r = run(dir.path(), &["import", "oud.csv", "-o", "uit.sqlite"]);
    assert_eq!(r.code, Some(1));
    assert_eq!(
        r.stderr.lines().next(),
        Some(
            "oud.csv:3:2: wrong encoding: byte 0xE9 is not UTF-8 (the file looks like Windows-1252 or Latin-1); save it as UTF-8 (in a spreadsheet: \"CSV UTF-8\")"
        )
    );
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("naam\n".encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect();
    write(dir.path(), "utf16.csv", utf16);
    let r = run(dir.path(), &["import", "utf16.csv", "-o", "uit.sqlite"]);
    assert_eq!(
        r.stderr.lines().next(),
        Some(
            "utf16.csv:1: wrong encoding: the file is UTF-16 (little-endian); save it as UTF-8 (in a spreadsheet: \"CSV UTF-8\")"
        )
    );
}

#[test]
fn files_that_are_not_lists_say_what_they_are() {
    let dir = tmp();
    write(dir.path(), "leeg.csv", "");
    write(dir.path(), "db.csv", weerbaar::core::store::BUNDLED_DB);
    write(dir.path(), "werkmap.xlsx", b"PK\x03\x04rest");
    write(
        dir.path(),
        "kapot.json",
        "{\"interventions\": [\n  {\"id\": }\n]}",
    );
    let r = run(
        dir.path(),
        &[
            "import",
            "leeg.csv",
            "db.csv",
            "werkmap.xlsx",
            "kapot.json",
            "weg.csv",
            "-o",
            "uit.sqlite",
        ],
    );
    assert_eq!(r.code, Some(1));
    assert_eq!(
        r.stderr.lines().collect::<Vec<_>>(),
        vec![
            "leeg.csv:1: the file is empty; expected a header line with column names (see docs/import.md)",
            "db.csv:1: this is an SQLite database, not a list to import; open it with `weerbaar --db db.csv`",
            "werkmap.xlsx:1: this looks like a spreadsheet workbook (.xlsx/.ods); save it as \"CSV UTF-8\" first",
            "kapot.json:2:10: invalid JSON: expected value",
            "weg.csv:1: no such file",
            "weerbaar: 5 problem(s) found; nothing was written (--lenient imports the valid entries)",
        ]
    );
}

#[test]
fn json_values_of_the_wrong_kind_are_reported_where_they_are() {
    let dir = tmp();
    write(
        dir.path(),
        "lijst.json",
        "[\n {\"id\": \"a\", \"name\": 5, \"themes\": \"polarisatie\", \"kleur\": \"rood\",\n  \"evidence\": {\"level\": \"onbekend\", \"year\": \"2020\"}}\n]\n",
    );
    let r = run(dir.path(), &["import", "lijst.json", "-o", "uit.sqlite"]);
    assert_eq!(r.code, Some(1));
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert!(
        lines.contains(&"lijst.json:2:22: `name` must be text"),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"lijst.json:2:35: `themes` must be a list"),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l
                .starts_with("lijst.json:2:59: unknown field `kleur`; expected one of id, name,")),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"lijst.json:3:45: `evidence.year` must be a whole number"),
        "{lines:?}"
    );
}

#[test]
fn lenient_imports_the_valid_rows_and_reports_the_rest() {
    let dir = tmp();
    let text = [
        HEADER.to_string(),
        row(&[]),
        row(&[("id", "b"), ("name", "B"), ("themes", "polarisati")]),
        row(&[("id", "c"), ("name", "C")]),
    ]
    .join("\n");
    write(dir.path(), "lijst.csv", text);
    let r = run(
        dir.path(),
        &["import", "lijst.csv", "-o", "uit.sqlite", "--lenient"],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr.ends_with(
            "2 interventies geïmporteerd naar uit.sqlite; open het met `weerbaar --db uit.sqlite`\n\
             1 niet geïmporteerd; de redenen staan in uit.rejected.txt\n"
        ),
        "{}",
        r.stderr
    );
    let report = std::fs::read_to_string(dir.path().join("uit.rejected.txt")).unwrap_or_default();
    assert_eq!(
        report,
        "# weerbaar import: 1 van 3 niet geïmporteerd\n\
         # Herstel elk probleem op de genoemde regel en importeer opnieuw.\n\
         \n\
         lijst.csv:3: `B` (b)\n\
         \u{20} lijst.csv:3:11: unknown theme `polarisati`; did you mean `polarisatie`?\n"
    );
    let ids = run(
        dir.path(),
        &[
            "--db",
            "uit.sqlite",
            "list",
            "--format",
            "ids",
            "--sort",
            "name",
        ],
    );
    assert_eq!(ids.stdout, "a\nc\n");
}

#[test]
fn a_stderr_that_cannot_be_written_loses_neither_the_database_nor_the_report() {
    // `weerbaar import … 2>&1 | head` closes stderr early; /dev/full refuses every write, so
    // the test does not depend on timing.
    let Ok(full) = std::fs::File::options().write(true).open("/dev/full") else {
        eprintln!("skipped: /dev/full is not available");
        return;
    };
    let dir = tmp();
    let text = [
        HEADER.to_string(),
        row(&[]),
        row(&[("id", "b"), ("name", "B"), ("themes", "polarisati")]),
    ]
    .join("\n");
    write(dir.path(), "lijst.csv", text);
    let status = std::process::Command::new(assert_cmd::cargo::cargo_bin("weerbaar"))
        .current_dir(dir.path())
        .env_remove("WEERBAAR_DB")
        .args(["import", "lijst.csv", "-o", "uit.sqlite", "--lenient"])
        .stderr(full)
        .status()
        .unwrap_or_else(|e| panic!("run: {e}"));
    assert!(status.success(), "{status}");
    assert_eq!(
        files(dir.path()),
        ["lijst.csv", "uit.rejected.txt", "uit.sqlite"]
    );
    let report = std::fs::read_to_string(dir.path().join("uit.rejected.txt")).unwrap_or_default();
    assert!(report.contains("unknown theme `polarisati`"), "{report}");
}

#[test]
fn a_forced_clean_rerun_removes_the_stale_report_and_says_so() {
    let dir = tmp();
    let bad = [
        HEADER.to_string(),
        row(&[]),
        row(&[("id", "b"), ("name", "B"), ("themes", "polarisati")]),
    ]
    .join("\n");
    write(dir.path(), "fout.csv", bad);
    write(dir.path(), "goed.csv", format!("{HEADER}\n{}\n", row(&[])));
    let first = run(
        dir.path(),
        &["import", "fout.csv", "-o", "uit.sqlite", "--lenient"],
    );
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    assert!(dir.path().join("uit.rejected.txt").is_file());
    let again = run(
        dir.path(),
        &[
            "import",
            "goed.csv",
            "-o",
            "uit.sqlite",
            "--lenient",
            "--force",
        ],
    );
    assert_eq!(again.code, Some(0), "{}", again.stderr);
    assert!(
        again.stderr.ends_with(
            "niets afgewezen; het oude rapport van een eerdere import is verwijderd: uit.rejected.txt\n"
        ),
        "{}",
        again.stderr
    );
    assert!(
        !dir.path().join("uit.rejected.txt").exists(),
        "{:?}",
        files(dir.path())
    );
}

#[test]
fn an_existing_output_is_kept_unless_forced() {
    let dir = tmp();
    write(dir.path(), "lijst.csv", format!("{HEADER}\n{}\n", row(&[])));
    write(dir.path(), "uit.sqlite", "van iemand anders");
    let r = run(dir.path(), &["import", "lijst.csv", "-o", "uit.sqlite"]);
    assert_eq!(r.code, Some(1));
    assert_eq!(
        r.stderr,
        "weerbaar: uit.sqlite: the file already exists (use --force to overwrite it)\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("uit.sqlite")).unwrap_or_default(),
        "van iemand anders"
    );
    let r = run(
        dir.path(),
        &["import", "lijst.csv", "-o", "uit.sqlite", "--force"],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let ids = run(
        dir.path(),
        &["--db", "uit.sqlite", "list", "--format", "ids"],
    );
    assert_eq!(ids.stdout, "a\n");
    let r = run(
        dir.path(),
        &["import", "lijst.csv", "-o", "lijst.csv", "--force"],
    );
    assert_eq!(r.code, Some(2));
    assert_eq!(
        r.stderr,
        "weerbaar: lijst.csv: the output is also an input; choose another -o\n"
    );
}

#[test]
fn a_mapping_file_turns_outside_values_into_ids() {
    let dir = tmp();
    let text = format!(
        "{}\n{}\n",
        HEADER.replace("themes", "Onderwerp"),
        row(&[
            ("themes", "Extremisme; Opvoeding"),
            ("target_groups", "Tieners")
        ])
    );
    write(dir.path(), "lijst.csv", text);
    write(
        dir.path(),
        "map.toml",
        "[columns]\nOnderwerp = \"thema's\"\n\n[theme]\nExtremisme = \"radicalisering\"\nOpvoeding = [\"weerbaar-opvoeden\"]\n\n[target-group]\ntieners = \"jongeren\"\n",
    );
    let r = run(
        dir.path(),
        &[
            "import",
            "lijst.csv",
            "--mapping",
            "map.toml",
            "-o",
            "uit.sqlite",
        ],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let json = run(
        dir.path(),
        &["--db", "uit.sqlite", "show", "a", "--format", "json"],
    );
    let item: serde_json::Value = serde_json::from_str(&json.stdout).unwrap_or_default();
    assert_eq!(
        item["themes"],
        serde_json::json!(["radicalisering", "weerbaar-opvoeden"])
    );
    assert_eq!(item["target_groups"], serde_json::json!(["jongeren"]));

    write(
        dir.path(),
        "fout.toml",
        "[thema]\nx = \"y\"\n[theme]\nExtremisme = \"extremisme\"\n",
    );
    let r = run(
        dir.path(),
        &[
            "import",
            "lijst.csv",
            "--mapping",
            "fout.toml",
            "-o",
            "uit2.sqlite",
        ],
    );
    assert_eq!(r.code, Some(1));
    assert_eq!(
        r.stderr,
        "fout.toml:1:1: unknown section `[thema]`; use one of theme, target-group, level, offer-type, prevention, dimension, working-element, evidence, columns\n\
         fout.toml:4:14: unknown theme `extremisme`; did you mean `radicalisering`?\n\
         weerbaar: 2 problem(s) in the mapping file; nothing was written\n"
    );
}

#[test]
fn db_diff_tells_what_an_update_brings() {
    let dir = tmp();
    let old = write(dir.path(), "oud.sqlite", weerbaar::core::store::BUNDLED_DB);
    let new = write(
        dir.path(),
        "nieuw.sqlite",
        weerbaar::core::store::BUNDLED_DB,
    );
    let conn = rusqlite::Connection::open(&new).unwrap_or_else(|e| panic!("{e}"));
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF;
         UPDATE intervention SET name = 'Diamant 2', evidence_level = 'goed-beschreven' WHERE id = 'diamant';
         DELETE FROM intervention WHERE id = 'bad-news';
         INSERT INTO intervention SELECT 'nieuw', 'Nieuw', country, summary, aim, approach, framing,
           evidence_level, evidence_year, evidence_body, evidence_note, duration, cost, region,
           evidence_status, evidence_date, evidence_databank, evidence_databank_url
           FROM intervention WHERE id = 'diamant';",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    drop(conn);
    let r = run(dir.path(), &["db", "diff", "oud.sqlite", "nieuw.sqlite"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let body: Vec<&str> = r.stdout.lines().skip(2).collect();
    assert_eq!(
        body,
        vec![
            "",
            "Toegevoegd (1)",
            "  + nieuw  Nieuw",
            "",
            "Verwijderd (1)",
            "  - bad-news  Bad News",
            "",
            "Hernoemd (1)",
            "  ~ diamant  Diamant → Diamant 2",
            "",
            "Gewijzigd (1)",
            "  ~ diamant  Diamant 2",
            "      Bewijs: Goed onderbouwd → Goed beschreven",
        ]
    );
    let md = run(
        dir.path(),
        &[
            "--lang",
            "en",
            "db",
            "diff",
            "oud.sqlite",
            "nieuw.sqlite",
            "--format",
            "md",
        ],
    );
    assert!(
        md.stdout
            .contains("## Renamed (1)\n\n- ~ `diamant`  Diamant → Diamant 2\n"),
        "{}",
        md.stdout
    );
    let json = run(
        dir.path(),
        &[
            "db",
            "diff",
            "oud.sqlite",
            "nieuw.sqlite",
            "--format",
            "json",
        ],
    );
    let d: serde_json::Value = serde_json::from_str(&json.stdout).unwrap_or_default();
    assert_eq!(
        d["changed"][0]["evidence"],
        serde_json::json!({"old": "goed-onderbouwd", "new": "goed-beschreven"})
    );
    assert_eq!(d["removed"][0]["id"], "bad-news");
    let _ = old;
}

#[test]
fn the_import_doc_lists_every_column_in_both_languages() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/import.md"))
        .unwrap_or_default();
    for spec in weerbaar::core::import::columns::SPECS {
        assert!(
            doc.contains(&format!("| `{}` | `{}` |", spec.en, spec.nl)),
            "docs/import.md does not list {} / {}",
            spec.en,
            spec.nl
        );
    }
}

/// The fenced blocks of one language in a Markdown text.
fn blocks<'a>(doc: &'a str, lang: &str) -> Vec<&'a str> {
    let fence = format!("```{lang}\n");
    doc.split(fence.as_str())
        .skip(1)
        .filter_map(|rest| rest.split("```").next())
        .collect()
}

#[test]
fn the_examples_in_the_import_doc_work() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/import.md"))
        .unwrap_or_default();
    let csvs = blocks(&doc, "csv");
    assert_eq!(csvs.len(), 2);
    let dir = tmp();
    for (k, csv) in csvs.iter().enumerate() {
        let name = format!("voorbeeld{k}.csv");
        write(dir.path(), &name, csv);
        let out = format!("voorbeeld{k}.sqlite");
        let r = run(dir.path(), &["import", &name, "-o", &out]);
        assert_eq!(r.code, Some(0), "{name}: {}", r.stderr);
        let ids = run(dir.path(), &["--db", &out, "list", "--format", "ids"]);
        assert_eq!(ids.stdout, "buurtvaders-oost\n");
    }
    let diff = run(
        dir.path(),
        &[
            "db",
            "diff",
            "voorbeeld0.sqlite",
            "voorbeeld1.sqlite",
            "--format",
            "json",
        ],
    );
    let d: serde_json::Value = serde_json::from_str(&diff.stdout).unwrap_or_default();
    assert_eq!(d["changed"], serde_json::json!([]), "{}", diff.stdout);

    let tomls = blocks(&doc, "toml");
    assert_eq!(tomls.len(), 1);
    let mapping = weerbaar::core::import::Mapping::parse(Path::new("MAP.toml"), tomls[0]);
    assert!(mapping.is_ok(), "{:?}", mapping.err());
}
