//! Daily use end to end: the configuration file, shell completions, the manual page, colour
//! and `--version`.

// Test code: a panic here is a failed test, not a user's crash.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;

/// The binary with no configuration of the user's leaking in: the default place is an empty
/// folder and `WEERBAAR_CONFIG` is unset.
fn weerbaar(config_home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("weerbaar").unwrap_or_else(|e| panic!("binary: {e}"));
    cmd.env_remove("WEERBAAR_DB")
        .env_remove("WEERBAAR_CONFIG")
        .env_remove("NO_COLOR")
        .env("XDG_CONFIG_HOME", config_home)
        .env("LANG", "nl_NL.UTF-8");
    cmd
}

fn run(cmd: &mut Command) -> (Output, String, String) {
    let out = cmd.output().unwrap_or_else(|e| panic!("run: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out, stdout, stderr)
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"))
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

#[test]
fn config_path_is_in_the_config_folder_or_where_weerbaar_config_points() {
    let home = tmp();
    let (out, stdout, _) = run(weerbaar(home.path()).args(["config", "path"]));
    assert!(out.status.success());
    assert_eq!(
        stdout.trim(),
        home.path()
            .join("weerbaar/config.toml")
            .display()
            .to_string()
    );
    let (_, stdout, _) = run(weerbaar(home.path())
        .env("WEERBAAR_CONFIG", "/somewhere/mine.toml")
        .args(["config", "path"]));
    assert_eq!(stdout.trim(), "/somewhere/mine.toml");
}

#[test]
fn config_show_without_a_file_prints_the_defaults_as_toml_that_reads_back_cleanly() {
    let home = tmp();
    let (out, shown, stderr) = run(weerbaar(home.path()).args(["config", "show"]));
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stderr, "");
    let doc: toml::Table = toml::from_str(&shown).unwrap_or_else(|e| panic!("{e}\n{shown}"));
    assert_eq!(doc["theme"].as_str(), Some("dark"));
    assert_eq!(doc["sort"].as_str(), Some("relevance"));
    assert_eq!(doc["language"].as_str(), Some("nl"));
    assert!(
        doc["export"].get("format").is_none(),
        "no default format: ask"
    );
    assert_eq!(doc["keys"]["preset"].as_str(), Some("vim"));
    assert_eq!(
        doc["facets"]["groups"].as_array().map(Vec::len),
        Some(weerbaar::core::model::FacetGroup::ALL.len())
    );
    // Saved as the user's file, it is accepted without a word and shows the same.
    let file = home.path().join("config.toml");
    write(&file, &shown);
    let (out, again, stderr) = run(weerbaar(home.path())
        .env("WEERBAAR_CONFIG", &file)
        .args(["config", "show"]));
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stderr, "");
    assert_eq!(again, shown);
}

#[test]
fn settings_in_the_file_change_the_language_and_the_default_sort_and_flags_still_win() {
    let home = tmp();
    let dir = home.path().join("weerbaar");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    write(
        &dir.join("config.toml"),
        "language = \"en\"\nsort = \"name\"\n",
    );

    let (out, table, stderr) = run(weerbaar(home.path()).args(["list", "--theme", "polarisatie"]));
    assert!(out.status.success(), "{stderr}");
    assert!(table.starts_with("id  "), "{table}");
    assert!(
        table.contains("Name") && table.contains("Evidence"),
        "{table}"
    );

    let names = |args: &[&str]| -> Vec<String> {
        let (_, json, _) = run(weerbaar(home.path()).args(args));
        let doc: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
        doc["interventions"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .map(|i| i["name"].as_str().unwrap_or("").to_lowercase())
            .collect()
    };
    let by_config = names(&["list", "--format", "json"]);
    let mut sorted = by_config.clone();
    sorted.sort();
    assert!(by_config.len() > 50);
    assert_eq!(by_config, sorted, "sort = \"name\" from the file");
    let by_flag = names(&["list", "--format", "json", "--sort", "evidence"]);
    assert_ne!(by_flag, sorted, "--sort overrides the file");

    let (_, table, _) = run(weerbaar(home.path()).args(["--lang", "nl", "list"]));
    assert!(table.contains("Naam"), "--lang overrides the file");
}

#[test]
fn a_broken_config_warns_with_file_line_key_and_allowed_values_but_never_stops_the_program() {
    let home = tmp();
    let file = home.path().join("bad.toml");
    write(
        &file,
        "language = \"en\"\ntheme = \"neon\"\ncolour = 1\n[keys]\npreset = \"emacs\"\n",
    );
    let (out, table, stderr) = run(weerbaar(home.path()).env("WEERBAAR_CONFIG", &file).args([
        "list",
        "--theme",
        "polarisatie",
    ]));
    assert!(out.status.success(), "{stderr}");
    assert!(
        table.contains("Name"),
        "the valid setting still applies: {table}"
    );
    let f = file.display();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines,
        vec![
            format!(
                "weerbaar: warning: {f}:2:9: `theme`: unknown value `neon`; allowed: dark, light, high-contrast"
            ),
            format!(
                "weerbaar: warning: {f}:3:1: `colour`: unknown setting; allowed at the top: language, theme, sort, export, facets, keys"
            ),
            format!(
                "weerbaar: warning: {f}:5:10: `keys.preset`: unknown value `emacs`; allowed: vim, arrows"
            ),
        ]
    );

    // `config show` reports the same problems as errors and exits 1, after showing what is
    // in effect (the defaults for the bad settings).
    let (out, shown, stderr) = run(weerbaar(home.path())
        .env("WEERBAAR_CONFIG", &file)
        .args(["config", "show"]));
    assert_eq!(out.status.code(), Some(1));
    assert!(shown.contains("theme = \"dark\"") && shown.contains("language = \"en\""));
    assert!(stderr.contains(&format!("weerbaar: {f}:2:9: `theme`: unknown value `neon`")));
    assert!(
        stderr.contains("3 problem(s) in the configuration"),
        "{stderr}"
    );

    // Not even TOML: one warning, defaults, and the program runs.
    write(&file, "theme = \n");
    let (out, _, stderr) = run(weerbaar(home.path())
        .env("WEERBAAR_CONFIG", &file)
        .args(["list", "--format", "ids"]));
    assert!(out.status.success());
    assert!(
        stderr.starts_with(&format!("weerbaar: warning: {f}:1:")),
        "{stderr}"
    );
    assert!(stderr.contains("not valid TOML"), "{stderr}");
}

#[test]
fn a_config_file_asked_for_by_name_must_exist_or_be_readable() {
    let home = tmp();
    let (out, _, stderr) = run(weerbaar(home.path())
        .env("WEERBAAR_CONFIG", home.path().join("nope.toml"))
        .args(["list", "--format", "ids"]));
    assert!(out.status.success());
    assert!(stderr.contains("nope.toml:1:1: no such file"), "{stderr}");
    // A folder or bytes that are not text: a warning, not a crash.
    let (out, _, stderr) = run(weerbaar(home.path())
        .env("WEERBAAR_CONFIG", home.path())
        .args(["list", "--format", "ids"]));
    assert!(out.status.success());
    assert!(stderr.contains("cannot read"), "{stderr}");
    let binary = home.path().join("bin.toml");
    std::fs::write(&binary, [0xff, 0xfe, 0x00]).unwrap_or_else(|e| panic!("{e}"));
    let (out, _, stderr) = run(weerbaar(home.path())
        .env("WEERBAAR_CONFIG", &binary)
        .args(["list", "--format", "ids"]));
    assert!(out.status.success());
    assert!(stderr.contains("not UTF-8"), "{stderr}");
}

#[test]
fn completions_are_printed_for_each_shell_and_know_the_subcommands() {
    let home = tmp();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let (out, script, stderr) = run(weerbaar(home.path()).args(["completions", shell]));
        assert!(out.status.success(), "{shell}: {stderr}");
        // The script asks the program for the candidates (dynamic completion).
        assert!(
            script.contains("COMPLETE") && script.contains("weerbaar"),
            "{shell}: {script}"
        );
    }
    // The bash script is valid bash.
    if Path::new("/bin/bash").exists() {
        let home2 = tmp();
        let file = home2.path().join("weerbaar.bash");
        let (_, script, _) = run(weerbaar(home.path()).args(["completions", "bash"]));
        write(&file, &script);
        let status = std::process::Command::new("/bin/bash")
            .arg("-n")
            .arg(&file)
            .status()
            .unwrap_or_else(|e| panic!("bash: {e}"));
        assert!(status.success(), "bash -n rejects the completion script");
    }
    let (out, _, stderr) = run(weerbaar(home.path()).args(["completions", "tcsh"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains("bash") && stderr.contains("zsh"),
        "{stderr}"
    );
}

/// What the shell gets for the words typed so far (`COMPLETE=bash`, as the bash script asks).
fn complete(data: &Path, words: &[&str]) -> Vec<String> {
    let home = tmp();
    let (out, stdout, stderr) = run(weerbaar(home.path())
        .env("WEERBAAR_DATA_DIR", data)
        .current_dir(data)
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
        .env("_CLAP_COMPLETE_COMP_TYPE", "9")
        .env("_CLAP_COMPLETE_SPACE", "true")
        .arg("--")
        .args(words));
    assert!(out.status.success(), "{words:?}: {stderr}");
    stdout
        .split(['\n', '\u{b}'])
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn completion_offers_ids_shortlists_and_vocabulary_not_file_names() {
    let data = tmp();
    write(
        &data.path().join("rots-bestand.txt"),
        "a file that must not be offered",
    );
    weerbaar(data.path())
        .env("WEERBAAR_DATA_DIR", data.path())
        .args(["shortlist", "add", "Ouderavond", "diamant"])
        .assert()
        .success();
    assert_eq!(
        complete(data.path(), &["weerbaar", "show", "rots"]),
        ["rots-en-water"]
    );
    assert!(
        complete(data.path(), &["weerbaar", "compare", "kanj"])
            .contains(&"kanjertraining".to_string())
    );
    assert_eq!(
        complete(data.path(), &["weerbaar", "export", "--shortlist", "Oud"]),
        ["Ouderavond"]
    );
    // bash inserts what it gets: a name with a space comes escaped, as one word.
    weerbaar(data.path())
        .env("WEERBAAR_DATA_DIR", data.path())
        .args(["shortlist", "add", "Mijn shortlist", "diamant"])
        .assert()
        .success();
    assert_eq!(
        complete(data.path(), &["weerbaar", "shortlist", "show", "Mijn"]),
        ["Mijn\\ shortlist"]
    );
    assert_eq!(
        complete(data.path(), &["weerbaar", "list", "--theme", "polar"]),
        ["polarisatie"]
    );
    assert!(
        complete(data.path(), &["weerbaar", "list", "--evidence", "erk"])
            .contains(&"erkend".to_string())
    );
}

#[test]
fn the_manual_page_is_roff_naming_the_program_and_its_commands() {
    let home = tmp();
    let (out, page, _) = run(weerbaar(home.path()).arg("man"));
    assert!(out.status.success());
    assert!(page.contains(".TH weerbaar 1"), "{page}");
    for word in [
        "list",
        "show",
        "facets",
        "config",
        "WEERBAAR_DB",
        "NO_COLOR",
        "EXIT STATUS",
        "weerbaar\\-list(1)",
    ] {
        assert!(page.contains(word), "man page lacks {word}");
    }
    let (out, page, _) = run(weerbaar(home.path()).args(["man", "list"]));
    assert!(out.status.success());
    assert!(page.contains(".TH weerbaar-list 1"), "{page}");
    assert!(page.contains("\\-\\-min\\-evidence"), "{page}");
    let (out, _, stderr) = run(weerbaar(home.path()).args(["man", "lijst"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains("no command `lijst`; use one of list, show"),
        "{stderr}"
    );
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn colour_only_when_asked_and_plain_output_is_unchanged_by_it() {
    let home = tmp();
    for args in [
        vec!["list", "--theme", "polarisatie"],
        vec!["facets", "--target-group", "ouders"],
        vec!["show", "diamant"],
        vec!["compare", "diamant", "kanjertraining", "soar"],
        vec!["matrix", "--theme", "polarisatie"],
        vec!["related", "diamant"],
    ] {
        let (_, plain, _) = run(weerbaar(home.path()).args(&args));
        let (_, never, _) = run(weerbaar(home.path()).args(&args).args(["--color", "never"]));
        let (_, auto, _) = run(weerbaar(home.path()).args(&args).args(["--color", "auto"]));
        let (_, always, _) = run(weerbaar(home.path())
            .args(&args)
            .args(["--color", "always"])
            .env("NO_COLOR", "1"));
        assert!(!plain.contains('\x1b'), "{args:?}: no colour into a pipe");
        assert_eq!(plain, never, "{args:?}");
        assert_eq!(plain, auto, "{args:?}");
        assert!(always.contains("\x1b["), "{args:?}: always means always");
        assert_eq!(
            strip_ansi(&always),
            plain,
            "{args:?}: colour adds nothing else"
        );
    }
    let (out, _, stderr) = run(weerbaar(home.path()).args(["list", "--color", "rainbow"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains("auto") && stderr.contains("never"),
        "{stderr}"
    );
}

/// `--color auto` on a real terminal: colour, unless NO_COLOR is set. Needs `script` (util-linux)
/// to give the program a pseudo-terminal; skipped with a message where it is missing.
#[test]
fn auto_colours_a_terminal_unless_no_color_is_set() {
    if !Path::new("/usr/bin/script").exists() {
        eprintln!("skipped: /usr/bin/script is not installed");
        return;
    }
    let home = tmp();
    let bin = assert_cmd::cargo::cargo_bin("weerbaar");
    let on_tty = |no_color: Option<&str>| -> String {
        let mut cmd = std::process::Command::new("/usr/bin/script");
        cmd.args(["-qec"])
            .arg(format!("{} list --theme polarisatie", bin.display()))
            .arg("/dev/null")
            .env_remove("WEERBAAR_DB")
            .env_remove("WEERBAAR_CONFIG")
            .env_remove("NO_COLOR")
            .env("XDG_CONFIG_HOME", home.path())
            .env("LANG", "nl_NL.UTF-8");
        if let Some(v) = no_color {
            cmd.env("NO_COLOR", v);
        }
        let out = cmd.output().unwrap_or_else(|e| panic!("script: {e}"));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let tty = on_tty(None);
    if !tty.contains("Naam") {
        eprintln!("skipped: `script` gave no terminal output here: {tty:?}");
        return;
    }
    assert!(tty.contains("\x1b[1mNaam\x1b[0m"), "{tty:?}");
    assert!(!on_tty(Some("1")).contains("\x1b[1m"));
}

#[test]
fn version_prints_the_program_then_the_inventory_with_its_version_and_date() {
    let home = tmp();
    let (out, text, _) = run(weerbaar(home.path()).arg("--version"));
    assert!(out.status.success());
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert_eq!(lines[0], format!("weerbaar {}", env!("CARGO_PKG_VERSION")));
    assert!(lines[1].starts_with("meegeleverde inventaris: "), "{text}");
    // The date the bundled inventory records for itself (data/inventory.toml).
    let meta: toml::Table = std::fs::read_to_string("data/inventory.toml")
        .unwrap_or_default()
        .parse()
        .unwrap_or_default();
    let date = meta.get("date").and_then(|v| v.as_str()).unwrap_or("?");
    assert!(lines[1].contains(date), "{text}");
    let (_, text, _) = run(weerbaar(home.path()).args(["--lang", "en", "--version"]));
    assert!(text.contains("bundled inventory: ") && text.contains(" interventions)"));

    // With an inventory that cannot be opened the program's own version still shows.
    let junk = home.path().join("junk.sqlite");
    write(&junk, "not a database");
    let (out, text, stderr) = run(weerbaar(home.path())
        .args(["--db"])
        .arg(&junk)
        .arg("--version"));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text.lines().next(), Some(lines[0]));
    assert!(stderr.contains("junk.sqlite"), "{stderr}");
}

#[test]
fn the_configured_export_format_is_used_when_neither_flag_nor_file_name_decides() {
    let home = tmp();
    let file = home.path().join("c.toml");
    write(&file, "[export]\nformat = \"csv-nl\"\n");
    let export = |args: &[&str]| {
        run(weerbaar(home.path())
            .env("WEERBAAR_CONFIG", &file)
            .env("WEERBAAR_DATA_DIR", home.path())
            .current_dir(home.path())
            .args(["export", "--theme", "polarisatie"])
            .args(args))
    };
    // To stdout: Dutch-Excel CSV (semicolons) without --format.
    let (out, text, stderr) = export(&[]);
    assert!(out.status.success(), "{stderr}");
    assert!(
        text.trim_start_matches('\u{feff}').starts_with("id;name;"),
        "{text:.80}"
    );
    // `x.csv` fits csv-nl, so the configured flavour wins; `x.md` is Markdown by its name.
    let (out, _, stderr) = export(&["-o", "x.csv"]);
    assert!(out.status.success(), "{stderr}");
    let csv = std::fs::read_to_string(home.path().join("x.csv")).unwrap_or_default();
    assert!(csv.contains("id;name;"), "{csv:.80}");
    let (out, _, _) = export(&["-o", "x.md"]);
    assert!(out.status.success());
    let md = std::fs::read_to_string(home.path().join("x.md")).unwrap_or_default();
    assert!(md.starts_with("# "), "{md:.80}");
    // --format still wins.
    let (_, text, _) = export(&["--format", "csv"]);
    assert!(text.starts_with("id,name,"), "{text:.80}");
}

#[test]
fn every_context_is_rebound_in_keys_tables_and_config_show_writes_them_back() {
    let home = tmp();
    let file = home.path().join("keys.toml");
    write(
        &file,
        "[keys]\npreset = \"arrows\"\n[keys.browse]\nsort = \"s\"\n[keys.compare]\nquit = [\"x\"]\n\
         [keys.matrix]\nclose-view = \"x\"\n[keys.shortlists]\nleave = \"x\"\n[keys.search]\n\
         leave-search = \"ctrl-g\"\n[keys.help]\nclose-help = \"ctrl-x\"\n[keys.export]\n\
         cancel = \"ctrl-q\"\n[keys.input]\ncancel = \"ctrl-q\"\n[keys.confirm]\ncancel = \"N\"\n\
         [keys.views]\ncancel = \"x\"\n",
    );
    let (out, shown, stderr) = run(weerbaar(home.path())
        .env("WEERBAAR_CONFIG", &file)
        .args(["config", "show"]));
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stderr, "");
    let doc: toml::Table = toml::from_str(&shown).unwrap_or_else(|e| panic!("{e}\n{shown}"));
    let keys = &doc["keys"];
    assert_eq!(keys["browse"]["sort"].as_array().map(Vec::len), Some(1));
    assert_eq!(keys["compare"]["quit"][0].as_str(), Some("x"));
    assert_eq!(keys["search"]["leave-search"][0].as_str(), Some("ctrl-g"));
    assert_eq!(keys["confirm"]["cancel"][0].as_str(), Some("N"));
    for context in [
        "browse",
        "search",
        "help",
        "shortlists",
        "export",
        "input",
        "confirm",
        "views",
        "compare",
        "matrix",
    ] {
        assert!(keys.get(context).is_some(), "{context} in {shown}");
    }
}

#[test]
fn an_unknown_context_or_action_warns_with_file_line_and_the_allowed_names() {
    let home = tmp();
    let file = home.path().join("keys.toml");
    write(
        &file,
        "[keys.compare]\nteleport = \"t\"\n[keys.kitchen]\nquit = \"q\"\n",
    );
    let (out, _, stderr) = run(weerbaar(home.path())
        .env("WEERBAAR_CONFIG", &file)
        .args(["list"]));
    assert!(out.status.success(), "{stderr}");
    let f = file.display();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines[0].starts_with(&format!(
            "weerbaar: warning: {f}:2:1: `keys.compare.teleport`: unknown setting; allowed in [keys.compare]: up, down,"
        )),
        "{stderr}"
    );
    assert!(
        lines[1].starts_with(&format!(
            "weerbaar: warning: {f}:3:7: `keys.kitchen`: unknown setting; allowed in [keys]: browse, search, help,"
        )),
        "{stderr}"
    );
}
