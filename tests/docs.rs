//! The documentation stays in step with the code.

// Test code: a panic here is a failed test, not a user's crash.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use weerbaar::core::model::FacetGroup;

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_data_guide_lists_every_vocabulary_id() {
    let guide = read("docs/data-guide.md");
    for group in FacetGroup::ALL {
        for term in group.vocabulary().unwrap_or(&[]) {
            assert!(
                guide.contains(&format!("| `{}` | {} |", term.id, term.nl)),
                "docs/data-guide.md does not list {} `{}`",
                group.id(),
                term.id
            );
        }
    }
}

#[test]
fn the_schema_doc_shows_the_schema_in_use() {
    let doc = read("docs/schema.md");
    for line in weerbaar::core::store::SCHEMA_SQL
        .lines()
        .filter(|l| l.starts_with("CREATE"))
    {
        assert!(doc.contains(line), "docs/schema.md lacks: {line}");
    }
}

#[test]
fn the_evidence_doc_explains_every_level() {
    let doc = read("docs/evidence-levels.md");
    for term in FacetGroup::Evidence.vocabulary().unwrap_or(&[]) {
        assert!(doc.contains(&format!("`{}`", term.id)), "{}", term.id);
    }
}

/// Every command in the README's recipes runs as shown, in order, in an empty folder with its
/// own shortlists: a new user who copies them gets no error.
#[test]
fn every_readme_recipe_runs() {
    let readme = read("README.md");
    let section = readme
        .split("## Recipes")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .unwrap_or_else(|| panic!("README.md has no Recipes section"));
    let commands: Vec<&str> = section
        .split("```sh")
        .skip(1)
        .filter_map(|block| block.split("```").next())
        .flat_map(str::lines)
        .map(str::trim)
        .filter(|l| l.starts_with("weerbaar "))
        .collect();
    assert!(
        commands.len() >= 15,
        "only {} recipe commands",
        commands.len()
    );
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let bin = assert_cmd::cargo::cargo_bin("weerbaar");
    let bin_dir = bin
        .parent()
        .unwrap_or_else(|| panic!("binary has no folder"));
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for command in commands {
        let out = std::process::Command::new("sh")
            .args(["-c", command])
            .current_dir(dir.path())
            .env("PATH", &path)
            .env("WEERBAAR_DATA_DIR", dir.path())
            .env("XDG_CONFIG_HOME", dir.path())
            .env_remove("WEERBAAR_DB")
            .env_remove("WEERBAAR_CONFIG")
            .env("LANG", "nl_NL.UTF-8")
            .output()
            .unwrap_or_else(|e| panic!("sh: {e}"));
        assert!(
            out.status.success(),
            "`{command}` failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        // Confirmations go to stderr too; warnings and errors start with the program's name.
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(!said.contains("weerbaar: "), "`{command}` said: {said}");
    }
    for file in [
        "kanjertraining.md",
        "vergelijking.md",
        "dekking.csv",
        "ouderavond-vergelijking.md",
        "ouderavond.md",
        "ouderavond.xlsx",
        "ouderavond.csv",
        "ouderavond.ris",
        "ouderavond-csl.json",
        "polarisatie.xlsx",
        "polarisatie.csv",
    ] {
        let len = std::fs::metadata(dir.path().join(file))
            .map(|m| m.len())
            .unwrap_or(0);
        assert!(len > 100, "{file} was not written ({len} bytes)");
    }
}
