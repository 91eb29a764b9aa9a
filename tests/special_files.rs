//! Pipes (FIFOs) and devices where a file is expected: as `--db`, import input, `--config`,
//! `--mapping` and the shortlist file. Each is refused at once with one line naming it; none
//! blocks (a FIFO with no writer) or reads without end (`/dev/zero`). Nothing is replaced.
#![cfg(unix)]

use std::os::unix::fs::FileTypeExt;
use std::path::Path;
use std::time::Duration;

mod common;

use predicates::str::contains;

/// Well under a hang, well over a normal run on a busy machine.
const LIMIT: Duration = Duration::from_secs(20);

fn fifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

fn weerbaar(d: &Path) -> assert_cmd::Command {
    let mut cmd = common::weerbaar(d);
    cmd.timeout(LIMIT).env_remove("WEERBAAR_CONFIG");
    cmd
}

fn csv(d: &Path) -> std::path::PathBuf {
    let out = d.join("lijst.csv");
    let run = weerbaar(d)
        .args(["export", "--format", "csv", "-o", "lijst.csv"])
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    out
}

#[test]
fn a_fifo_as_db_import_input_config_mapping_or_shortlist_file_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let pipe = d.join("pijp.csv");
    fifo(&pipe);
    let not_a_file = "not a regular file";

    weerbaar(d)
        .args(["--db", "pijp.csv", "list"])
        .assert()
        .code(1)
        .stderr(contains(not_a_file));
    weerbaar(d)
        .args(["import", "pijp.csv", "-o", "uit.sqlite"])
        .assert()
        .failure()
        .stderr(contains(not_a_file));
    weerbaar(d)
        .args(["--config", "pijp.csv", "list", "--format", "ids"])
        .assert()
        .success()
        .stderr(contains(not_a_file));
    csv(d);
    weerbaar(d)
        .args([
            "import",
            "lijst.csv",
            "--mapping",
            "pijp.csv",
            "-o",
            "uit.sqlite",
        ])
        .assert()
        .failure()
        .stderr(contains(not_a_file));
    assert!(!d.join("uit.sqlite").exists());

    let data = tempfile::tempdir().unwrap();
    fifo(&data.path().join("shortlists.json"));
    weerbaar(data.path())
        .args(["shortlist", "add", "sessie", "triple-p"])
        .assert()
        .code(1)
        .stderr(contains(not_a_file));
    let kept = std::fs::metadata(data.path().join("shortlists.json")).unwrap();
    assert!(kept.file_type().is_fifo(), "the pipe is left as it is");
    assert!(pipe.metadata().unwrap().file_type().is_fifo());
}

#[test]
fn dev_zero_as_import_input_config_or_mapping_is_refused_not_read_without_end() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let not_a_file = "not a regular file";
    weerbaar(d)
        .args(["import", "/dev/zero", "-o", "uit.sqlite"])
        .assert()
        .failure()
        .stderr(contains(not_a_file));
    weerbaar(d)
        .args(["--config", "/dev/zero", "list", "--format", "ids"])
        .assert()
        .success()
        .stderr(contains(not_a_file));
    csv(d);
    weerbaar(d)
        .args([
            "import",
            "lijst.csv",
            "--mapping",
            "/dev/zero",
            "-o",
            "uit.sqlite",
        ])
        .assert()
        .failure()
        .stderr(contains(not_a_file));
    weerbaar(d)
        .args(["--db", "/dev/zero", "list"])
        .assert()
        .code(1)
        .stderr(contains(not_a_file));
}

#[test]
fn export_with_stdout_closed_exits_1_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let bin = assert_cmd::cargo::cargo_bin("weerbaar");
    // A script file: `>&-` closes the command's stdout; the shell reports its status.
    let run = d.join("run.sh");
    std::fs::write(
        &run,
        format!(
            "'{}' export --format csv >&- 2>err.txt\necho rc=$?\n",
            bin.display()
        ),
    )
    .unwrap();
    let out = std::process::Command::new("/bin/sh")
        .arg(&run)
        .current_dir(d)
        .env("WEERBAAR_DATA_DIR", d)
        .env("LANG", "nl_NL.UTF-8")
        .env_remove("WEERBAAR_DB")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "rc=1");
    let err = std::fs::read_to_string(d.join("err.txt")).unwrap();
    assert!(err.contains("standaarduitvoer is gesloten"), "{err}");
}
