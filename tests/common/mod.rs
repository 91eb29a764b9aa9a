//! Shared by the end-to-end tests: the binary with its own data directory.

// Test code: a panic here is a failed test, not a user's crash.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use assert_cmd::Command;

/// `weerbaar` with `WEERBAAR_DATA_DIR` and the working directory set to `data`, in Dutch, on
/// the bundled inventory.
pub fn weerbaar(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("weerbaar").expect("the weerbaar binary");
    cmd.env("WEERBAAR_DATA_DIR", data)
        .env_remove("WEERBAAR_DB")
        .env("LANG", "nl_NL.UTF-8")
        .current_dir(data);
    cmd
}
