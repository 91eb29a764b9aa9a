//! The explorer from outside: it refuses to draw into a pipe, and the README's key table is the
//! one the explorer uses.

// Test code: a panic here is a failed test, not a user's crash.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;
use weerbaar::core::model::Lang;
use weerbaar::tui::keymap::{BROWSE, key_label};

#[test]
fn without_a_terminal_the_explorer_says_what_to_use_instead() {
    // assert_cmd gives the program pipes, not a terminal.
    Command::cargo_bin("weerbaar")
        .expect("binary")
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains("needs a terminal").and(contains("weerbaar list")));
}

#[test]
fn the_readme_lists_every_explorer_key() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    for binding in BROWSE {
        let keys: Vec<String> = binding
            .keys
            .iter()
            .map(|k| format!("`{}`", key_label(*k, Lang::En)))
            .collect();
        let row = format!(
            "| {} | {} |",
            keys.join(" "),
            binding.action.text().get(Lang::En)
        );
        assert!(readme.contains(&row), "README.md lacks the row: {row}");
    }
}
