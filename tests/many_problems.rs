//! Files with a great many problems: each problem is placed without going back to the start
//! of the file (no quadratic time), and after 100 of one kind the rest are counted in one line.
//! The timeouts are a guard against a hang, not a speed target (see benches/ for those).

use std::time::Duration;

mod common;

use common::weerbaar;

const HANG: Duration = Duration::from_secs(120);

#[test]
fn a_config_with_100000_unknown_keys_is_read_at_once_with_one_counting_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut text = String::new();
    for n in 0..100_000 {
        text.push_str(&format!("onbekend{n} = 1\n"));
    }
    std::fs::write(d.join("config.toml"), text).unwrap();
    let out = weerbaar(d)
        .timeout(HANG)
        .args(["--config", "config.toml", "list", "--format", "ids"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 101, "{}", &stderr[..stderr.len().min(2000)]);
    assert!(lines[99].contains("onbekend99"), "{}", lines[99]);
    assert!(
        lines[100].contains("nog 99900 problemen van dezelfde soort"),
        "{}",
        lines[100]
    );
}

#[test]
fn a_one_line_json_import_with_200000_bad_elements_is_placed_in_linear_time() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut text = String::from("[");
    for n in 0..200_000 {
        if n > 0 {
            text.push(',');
        }
        text.push_str("17");
    }
    text.push(']');
    std::fs::write(d.join("veel.json"), text).unwrap();
    let out = weerbaar(d)
        .timeout(HANG)
        .args(["import", "veel.json", "-o", "uit.sqlite"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    let shown = &stderr[..stderr.len().min(3000)];
    // Each element is placed by its column on the one line.
    assert!(stderr.contains("veel.json:1:5: "), "{shown}");
    // 100 lines per kind of problem, then one line counting the rest.
    assert!(stderr.lines().count() < 3000, "{shown}");
    assert!(stderr.contains("… en nog "), "{shown}");
    assert!(!d.join("uit.sqlite").exists());
}
