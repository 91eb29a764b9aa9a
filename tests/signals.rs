//! SIGTERM, SIGHUP, SIGINT and SIGQUIT while the explorer runs: the terminal comes back as it
//! was (cooked mode, echo on, main screen, no mouse capture), as after `q`. SIGTSTP puts it
//! back too, and SIGCONT takes the screen again.
//!
//! The explorer needs a terminal, so it runs under `script` (util-linux), which gives it a
//! pseudo-terminal. The test is skipped, with a message, where `script` or `/proc` is missing.

#![cfg(target_os = "linux")]

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// Generous: only a safety net so a broken build cannot hang the test run.
const PATIENCE: Duration = Duration::from_secs(60);

fn wait_for(output: &Arc<Mutex<Vec<u8>>>, what: &str) -> Option<String> {
    wait_for_count(output, what, 1)
}

/// Wait until `what` has been written `count` times.
fn wait_for_count(output: &Arc<Mutex<Vec<u8>>>, what: &str, count: usize) -> Option<String> {
    let start = Instant::now();
    while start.elapsed() < PATIENCE {
        let text = String::from_utf8_lossy(&output.lock().map(|b| b.clone()).unwrap_or_default())
            .into_owned();
        if text.matches(what).count() >= count {
            return Some(text);
        }
        thread::sleep(Duration::from_millis(50));
    }
    None
}

fn kill(signal: &str, pid: &str) {
    let killed = Command::new("kill")
        .args([&format!("-{signal}"), pid])
        .status()
        .unwrap_or_else(|e| panic!("kill: {e}"));
    assert!(killed.success());
}

/// The pid of the only child of `parent` (Linux: /proc/PID/task/PID/children).
fn child_of(parent: &str) -> Option<String> {
    let start = Instant::now();
    while start.elapsed() < PATIENCE {
        let children =
            std::fs::read_to_string(format!("/proc/{parent}/task/{parent}/children")).ok()?;
        if let Some(pid) = children.split_whitespace().next() {
            return Some(pid.to_string());
        }
        thread::sleep(Duration::from_millis(50));
    }
    None
}

fn signal_restores_the_terminal(signal: &str, status: u8) {
    signals_restore_the_terminal(false, signal, status);
}

/// With `stop_first`, the explorer is stopped (SIGTSTP) and continued (SIGCONT) before
/// `signal` ends it: stopping must leave the alternate screen, continuing must enter it again.
fn signals_restore_the_terminal(stop_first: bool, signal: &str, status: u8) {
    if !Path::new("/usr/bin/script").exists() {
        eprintln!("skipped: /usr/bin/script is not installed");
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin("weerbaar");
    let config = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // A script file, so that `$$` and `$?` belong to the shell that runs the explorer: in a
    // command line, the shell that `script` starts (`$SHELL`, or `/bin/sh` when unset) would
    // expand them itself, and whether it then execs or forks the inner shell differs per shell.
    // The shell prints its pid, runs the explorer, then shows the terminal's modes.
    let run = config.path().join("run.sh");
    let body = format!(
        "echo SHELL:$$\n'{}'\necho AFTER rc=$?\nstty -a\necho END-OF-TEST\n",
        bin.display()
    );
    std::fs::write(&run, body).unwrap_or_else(|e| panic!("{e}"));
    let mut child = Command::new("/usr/bin/script")
        .args([
            "-qfec",
            &format!("/bin/sh '{}'", run.display()),
            "/dev/null",
        ])
        .env("SHELL", "/bin/sh")
        .env_remove("WEERBAAR_DB")
        .env_remove("WEERBAAR_CONFIG")
        .env("XDG_CONFIG_HOME", config.path())
        .env("LANG", "nl_NL.UTF-8")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("script: {e}"));
    let output = Arc::new(Mutex::new(Vec::new()));
    let mut stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
    let sink = Arc::clone(&output);
    let reader = thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 {
                break;
            }
            if let Ok(mut out) = sink.lock() {
                out.extend_from_slice(&buf[..n]);
            }
        }
    });

    // The explorer has taken over the screen.
    let started = wait_for(&output, "\x1b[?1049h");
    let Some(started) = started else {
        let _ = child.kill();
        let _ = child.wait();
        panic!(
            "the explorer did not start: {:?}",
            output
                .lock()
                .map(|b| String::from_utf8_lossy(&b).into_owned())
        );
    };
    let shell = started
        .split("SHELL:")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_default()
        .to_string();
    let Some(explorer) = child_of(&shell) else {
        let _ = child.kill();
        let _ = child.wait();
        eprintln!("skipped: cannot find the explorer's pid under /proc");
        return;
    };
    if stop_first {
        kill("TSTP", &explorer);
        let stopped = wait_for(&output, "\x1b[?1049l");
        kill("CONT", &explorer);
        let again = wait_for_count(&output, "\x1b[?1049h", 2);
        if stopped.is_none() || again.is_none() {
            let _ = Command::new("kill").args(["-KILL", &explorer]).status();
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "SIGTSTP did not restore the terminal ({}) or SIGCONT did not take it again ({})",
                stopped.is_some(),
                again.is_some()
            );
        }
        // Stopped, the terminal was in cooked mode again: raw mode was switched off.
        let text = again.unwrap_or_default();
        let (_, after_stop) = text.split_once("\x1b[?1049l").unwrap_or_default();
        assert!(after_stop.contains("\x1b[?1049h"));
    }
    kill(signal, &explorer);

    // The marker after `stty -a`, so the modes are in the text too.
    let after = wait_for(&output, "END-OF-TEST");
    if after.is_none() {
        // Leave no explorer running behind a failed test.
        let _ = Command::new("kill").args(["-KILL", &explorer]).status();
    }
    drop(child.stdin.take());
    let _ = child.wait();
    let _ = reader.join();
    let text = after.unwrap_or_else(|| panic!("the explorer did not end on SIG{signal}"));
    let (during, rest) = text.split_once("\x1b[?1049h").unwrap_or_default();
    // After a stop and a continue, what matters is how the last screen was left.
    let rest = if stop_first {
        rest.rsplit_once("\x1b[?1049h")
            .map(|(_, r)| r)
            .unwrap_or(rest)
    } else {
        rest
    };
    assert!(during.contains("SHELL:"));
    let (explorer_out, shell_after) = rest.split_once("AFTER").unwrap_or_default();
    // It left the alternate screen, released the mouse and showed the cursor again…
    for (seq, what) in [
        ("\x1b[?1049l", "leave the alternate screen"),
        ("\x1b[?1000l", "release the mouse"),
        ("\x1b[?25h", "show the cursor"),
    ] {
        assert!(
            explorer_out.contains(seq),
            "did not {what}: {explorer_out:?}"
        );
    }
    // …ended with the status a shell expects after the signal (128 + its number), and the
    // terminal is back in cooked mode with echo on.
    assert!(
        shell_after.starts_with(&format!(" rc={status}")),
        "{shell_after:?}"
    );
    let modes: Vec<&str> = shell_after.split_whitespace().collect();
    for mode in ["icanon", "echo", "isig"] {
        assert!(
            modes.contains(&mode),
            "`{mode}` is off after SIG{signal}: {shell_after}"
        );
    }
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores_the_terminal("TERM", 143);
}

#[test]
fn sighup_restores_the_terminal() {
    signal_restores_the_terminal("HUP", 129);
}

#[test]
fn sigint_from_outside_restores_the_terminal() {
    signal_restores_the_terminal("INT", 130);
}

#[test]
fn sigquit_restores_the_terminal() {
    signal_restores_the_terminal("QUIT", 131);
}

#[test]
fn sigtstp_restores_the_terminal_and_sigcont_takes_it_again() {
    signals_restore_the_terminal(true, "TERM", 143);
}

/// SIGTERM, SIGINT or SIGHUP while `db synth` writes its database: the temporary file and
/// SQLite's journal beside it are removed, and the status says which signal ended it.
#[test]
fn a_signal_during_a_write_leaves_no_temporary_file() {
    for (signal, status) in [("TERM", 143), ("INT", 130), ("HUP", 129)] {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("weerbaar"))
            .args(["db", "synth", "--count", "20000", "-o", "groot.sqlite"])
            .current_dir(dir.path())
            .env_remove("WEERBAAR_DB")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        let start = Instant::now();
        let staged = loop {
            let names: Vec<String> = std::fs::read_dir(dir.path())
                .unwrap_or_else(|e| panic!("{e}"))
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            if names.iter().any(|n| n.ends_with(".tmp")) || start.elapsed() > PATIENCE {
                break names;
            }
            thread::sleep(Duration::from_millis(20));
        };
        assert!(
            staged.iter().any(|n| n.ends_with(".tmp")),
            "no temporary file seen"
        );
        kill(signal, &child.id().to_string());
        let code = child.wait().unwrap_or_else(|e| panic!("{e}")).code();
        let left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap_or_else(|e| panic!("{e}"))
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(left.is_empty(), "SIG{signal} left {left:?}");
        assert_eq!(code, Some(status), "SIG{signal}");
    }
}
