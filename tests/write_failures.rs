//! Writes that cannot succeed — a full disk, a read-only folder, a path through a file — end
//! with one clear line and exit 1, never a panic, and lose nothing that was there before.

// Test code: a panic here is a failed test, not a user's crash.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::Path;
use std::process::{Output, Stdio};

use assert_cmd::Command;

fn weerbaar(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("weerbaar").unwrap_or_else(|e| panic!("binary: {e}"));
    cmd.env_remove("WEERBAAR_DB")
        .env_remove("WEERBAAR_CONFIG")
        .env("XDG_CONFIG_HOME", data)
        .env("WEERBAAR_DATA_DIR", data)
        .env("LANG", "nl_NL.UTF-8")
        .current_dir(data);
    cmd
}

fn run(cmd: &mut Command) -> (Output, String) {
    let out = cmd.output().unwrap_or_else(|e| panic!("run: {e}"));
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out, stderr)
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"))
}

/// Exit 1 with exactly one line on stderr, and no panic.
fn fails_cleanly(out: &Output, stderr: &str, what: &str) {
    assert_eq!(out.status.code(), Some(1), "{what}: {stderr}");
    assert!(!stderr.contains("panicked"), "{what}: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "{what}: {stderr}");
    assert!(stderr.starts_with("weerbaar: "), "{what}: {stderr}");
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Root ignores permission bits (as in CI containers), so a read-only folder only stays
/// read-only for other users. Returns false, with a message, where the check cannot be made.
fn permissions_are_enforced(dir: &Path) -> bool {
    let probe = dir.join(".probe");
    if fs::write(&probe, "").is_ok() {
        let _ = fs::remove_file(&probe);
        eprintln!("skipped: running as root, so a read-only folder can still be written");
        return false;
    }
    true
}

#[cfg(unix)]
fn set_mode(dir: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(dir, fs::Permissions::from_mode(mode))
        .unwrap_or_else(|e| panic!("chmod {}: {e}", dir.display()));
}

#[test]
fn every_command_writing_to_a_full_stdout_fails_with_one_line() {
    let full = Path::new("/dev/full");
    if !full.exists() {
        eprintln!("skipped: no /dev/full here");
        return;
    }
    let data = tmp();
    for args in [
        vec!["list"],
        vec!["show", "diamant"],
        vec!["facets"],
        vec!["compare", "diamant", "kanjertraining"],
        vec!["related", "diamant"],
        vec!["matrix", "--rows", "theme", "--cols", "level"],
        vec!["export", "--theme", "polarisatie", "--format", "csv"],
        vec!["db", "stats"],
        vec!["config", "show"],
        vec!["completions", "bash"],
        vec!["man"],
        vec!["--version"],
    ] {
        let sink = fs::OpenOptions::new()
            .write(true)
            .open(full)
            .unwrap_or_else(|e| panic!("/dev/full: {e}"));
        // assert_cmd captures stdout, so this one runs through std's Command.
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("weerbaar"))
            .env_remove("WEERBAAR_DB")
            .env_remove("WEERBAAR_CONFIG")
            .env("XDG_CONFIG_HOME", data.path())
            .env("WEERBAAR_DATA_DIR", data.path())
            .args(&args)
            .stdout(Stdio::from(sink))
            .output()
            .unwrap_or_else(|e| panic!("run: {e}"));
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        fails_cleanly(&out, &stderr, &args.join(" "));
        assert!(stderr.contains("No space left"), "{args:?}: {stderr}");
    }
}

#[test]
fn an_export_onto_a_full_device_reports_it_and_the_device_stays_a_device() {
    let full = Path::new("/dev/full");
    if !full.exists() {
        eprintln!("skipped: no /dev/full here");
        return;
    }
    let data = tmp();
    for format in ["csv", "xlsx", "json", "ris"] {
        let (out, stderr) = run(weerbaar(data.path()).args([
            "export",
            "--theme",
            "polarisatie",
            "--format",
            format,
            "-o",
            "/dev/full",
        ]));
        fails_cleanly(&out, &stderr, format);
        assert!(
            stderr.starts_with("weerbaar: /dev/full: No space left"),
            "{stderr}"
        );
    }
    // Written through, never renamed over: /dev/full is still the device.
    let meta = fs::metadata(full).unwrap_or_else(|e| panic!("{e}"));
    assert!(!meta.is_file(), "/dev/full was replaced by a file");
    assert_eq!(
        listing(data.path()),
        Vec::<String>::new(),
        "no temporary left"
    );
}

#[test]
fn an_export_to_a_device_needs_no_force_and_reaches_it() {
    let data = tmp();
    let (out, stderr) = run(weerbaar(data.path()).args([
        "export",
        "--theme",
        "polarisatie",
        "--format",
        "csv",
        "-o",
        "/dev/stdout",
    ]));
    assert!(out.status.success(), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("id,name,"));
}

#[test]
fn an_export_under_a_file_fails_for_everyone_and_creates_nothing() {
    let data = tmp();
    // A path through a regular file fails even for root.
    let blocker = data.path().join("not-a-folder");
    fs::write(&blocker, "keep me").unwrap_or_else(|e| panic!("{e}"));
    for target in ["/dev/null/x.csv", "not-a-folder/x.csv"] {
        let (out, stderr) =
            run(weerbaar(data.path()).args(["export", "--theme", "polarisatie", "-o", target]));
        fails_cleanly(&out, &stderr, target);
        assert!(stderr.contains("Not a directory"), "{stderr}");
    }
    assert_eq!(fs::read_to_string(&blocker).unwrap_or_default(), "keep me");
    assert_eq!(listing(data.path()), vec!["not-a-folder".to_string()]);
}

#[cfg(unix)]
#[test]
fn an_export_into_a_read_only_folder_fails_and_keeps_the_old_file() {
    let data = tmp();
    let folder = data.path().join("ro");
    fs::create_dir(&folder).unwrap_or_else(|e| panic!("{e}"));
    fs::write(folder.join("lijst.csv"), "old").unwrap_or_else(|e| panic!("{e}"));
    set_mode(&folder, 0o555);
    if permissions_are_enforced(&folder) {
        for file in ["ro/new.csv", "ro/lijst.csv"] {
            let (out, stderr) = run(weerbaar(data.path()).args([
                "export",
                "--theme",
                "polarisatie",
                "--force",
                "-o",
                file,
            ]));
            fails_cleanly(&out, &stderr, file);
            assert!(stderr.contains("cannot write here"), "{stderr}");
        }
        assert_eq!(
            fs::read_to_string(folder.join("lijst.csv")).unwrap_or_default(),
            "old"
        );
        assert_eq!(listing(&folder), vec!["lijst.csv".to_string()]);
    }
    set_mode(&folder, 0o755);
}

#[test]
fn shortlists_that_cannot_be_saved_say_so_and_change_nothing() {
    let data = tmp();
    // The data folder is under a file: nothing can be saved, for root too.
    let (out, stderr) = run(weerbaar(data.path())
        .env("WEERBAAR_DATA_DIR", "/dev/null/weerbaar")
        .args(["shortlist", "add", "sessie", "diamant"]));
    fails_cleanly(&out, &stderr, "shortlist under a file");
    assert!(stderr.contains("/dev/null"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_read_only_shortlist_folder_keeps_the_saved_lists() {
    let data = tmp();
    let (out, stderr) = run(weerbaar(data.path()).args(["shortlist", "add", "sessie", "diamant"]));
    assert!(out.status.success(), "{stderr}");
    let before = listing(data.path());
    let file = before
        .iter()
        .find(|n| n.ends_with(".json"))
        .cloned()
        .unwrap_or_default();
    let saved = fs::read(data.path().join(&file)).unwrap_or_default();
    set_mode(data.path(), 0o555);
    if permissions_are_enforced(data.path()) {
        let (out, stderr) =
            run(weerbaar(data.path()).args(["shortlist", "add", "sessie", "kanjertraining"]));
        fails_cleanly(&out, &stderr, "read-only shortlist folder");
        assert_eq!(fs::read(data.path().join(&file)).unwrap_or_default(), saved);
        assert_eq!(listing(data.path()), before);
        // Reading still works.
        let (out, _) = run(weerbaar(data.path()).args(["shortlist", "show", "sessie"]));
        assert!(out.status.success());
    }
    set_mode(data.path(), 0o755);
}
