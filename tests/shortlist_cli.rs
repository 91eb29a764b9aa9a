//! `weerbaar shortlist …` end to end, each test with its own data directory.

// Test code: a panic here is a failed test, not a user's crash.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

mod common;

use predicates::prelude::*;
use predicates::str::contains;

use common::weerbaar;

#[test]
fn a_shortlist_is_built_annotated_and_shown() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    weerbaar(d)
        .args(["shortlist", "add", "sessie", "rots-en-water", "triple-p"])
        .assert()
        .success()
        .stderr(contains("nieuwe shortlist: `sessie`"))
        .stderr(contains("2 toegevoegd aan `sessie`"));
    weerbaar(d)
        .args(["shortlist", "add", "sessie", "triple-p"])
        .assert()
        .success()
        .stderr(contains("stond er al in: triple-p"));
    weerbaar(d)
        .args([
            "shortlist",
            "note",
            "sessie",
            "rots-en-water",
            "eerst met het team bespreken\ndan met de ouders",
        ])
        .assert()
        .success();
    weerbaar(d)
        .args(["shortlist", "show", "sessie"])
        .assert()
        .success()
        .stdout(contains("sessie (2 items)"))
        .stdout(contains(
            "rots-en-water  Rots en Water\n  Notitie: eerst met het team bespreken\n           dan met de ouders\n",
        ))
        .stdout(contains("triple-p  Triple P"));
    weerbaar(d)
        .args(["shortlist", "list"])
        .assert()
        .success()
        .stdout(contains("sessie").and(contains("2 items")));

    let out = weerbaar(d)
        .args([
            "--lang",
            "en",
            "shortlist",
            "show",
            "sessie",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["items"][0]["id"], "rots-en-water");
    assert_eq!(
        doc["items"][0]["note"],
        "eerst met het team bespreken\ndan met de ouders"
    );
    assert_eq!(doc["items"][0]["in_inventory"], true);
    assert!(doc["inventory"]["version"].is_string());
}

#[test]
fn unknown_ids_and_lists_give_one_clear_line_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    weerbaar(d)
        .args([
            "shortlist",
            "add",
            "sessie",
            "rots-en-water",
            "rots-en-watr",
        ])
        .assert()
        .code(1)
        .stderr(contains(
            "geen interventie met id of naam `rots-en-watr`; bedoelde je `rots-en-water`?",
        ));
    assert!(!d.join("shortlists.json").exists(), "nothing saved");
    weerbaar(d)
        .args(["shortlist", "show", "nope"])
        .assert()
        .code(1)
        .stderr(contains("geen shortlist met de naam `nope`"));
    weerbaar(d)
        .args(["shortlist", "add", "sessie"])
        .assert()
        .code(2);
}

#[test]
fn rename_remove_and_delete() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    weerbaar(d)
        .args(["shortlist", "add", "a", "rots-en-water", "triple-p"])
        .assert()
        .success();
    weerbaar(d)
        .args(["shortlist", "add", "b", "triple-p"])
        .assert()
        .success();
    weerbaar(d)
        .args(["shortlist", "rename", "a", "b"])
        .assert()
        .code(1)
        .stderr(contains("er is al een shortlist"));
    weerbaar(d)
        .args(["shortlist", "rename", "a", "Sessie maart"])
        .assert()
        .success();
    weerbaar(d)
        .args(["shortlist", "remove", "Sessie maart", "triple-p", "zz"])
        .assert()
        .success()
        .stderr(contains("1 verwijderd uit").and(contains("stond er niet in: zz")));
    weerbaar(d)
        .args(["shortlist", "delete", "b"])
        .assert()
        .success()
        .stderr(contains("`b` verwijderd (1 item)"));
    weerbaar(d)
        .args(["shortlist", "list"])
        .assert()
        .success()
        .stdout(contains("Sessie maart").and(contains("1 item")))
        .stdout(contains("1 items").not())
        .stdout(contains("b ").not());
}

#[test]
fn ids_no_longer_in_the_inventory_stay_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("shortlists.json"),
        r#"{"version": 1, "inventories": {"bundled": {"shortlists": [
            {"name": "oud", "items": [
                {"id": "rots-en-water", "note": ""},
                {"id": "verdwenen-interventie", "note": "was goed"}
            ]}
        ]}}}"#,
    )
    .unwrap();
    weerbaar(d)
        .args(["shortlist", "show", "oud"])
        .assert()
        .success()
        .stdout(contains(
            "verdwenen-interventie  ⚠ niet (meer) in deze inventaris",
        ))
        .stdout(contains("Notitie: was goed"));
    weerbaar(d)
        .args(["shortlist", "list"])
        .assert()
        .success()
        .stdout(contains("2 items (⚠ 1 niet (meer) in deze inventaris)"));
    // A change to the list keeps the missing id.
    weerbaar(d)
        .args(["shortlist", "add", "oud", "triple-p"])
        .assert()
        .success();
    let file = std::fs::read_to_string(d.join("shortlists.json")).unwrap();
    assert!(file.contains("verdwenen-interventie"));
    assert!(file.contains("was goed"));
}

#[test]
fn a_corrupt_file_is_kept_aside_and_work_continues() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("shortlists.json"), "{ not json").unwrap();
    weerbaar(d)
        .args(["shortlist", "add", "nieuw", "triple-p"])
        .assert()
        .success()
        .stderr(contains("not a valid shortlist file").and(contains("shortlists.json.corrupt-")));
    let aside: Vec<_> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("shortlists.json.corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        std::fs::read_to_string(d.join(&aside[0])).unwrap(),
        "{ not json"
    );
    weerbaar(d)
        .args(["shortlist", "show", "nieuw"])
        .assert()
        .success()
        .stdout(contains("triple-p"));
}

#[test]
fn a_database_opened_with_db_has_its_own_shortlists() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let db = d.join("kopie.sqlite");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/inventory.sqlite"),
        &db,
    )
    .unwrap();
    weerbaar(d)
        .args(["shortlist", "add", "gebundeld", "triple-p"])
        .assert()
        .success();
    weerbaar(d)
        .args([
            "--db",
            "kopie.sqlite",
            "shortlist",
            "add",
            "eigen",
            "rots-en-water",
        ])
        .assert()
        .success();
    weerbaar(d)
        .args(["--db", db.to_str().unwrap(), "shortlist", "list"])
        .assert()
        .success()
        .stdout(contains("eigen").and(contains("gebundeld").not()));
    weerbaar(d)
        .args(["shortlist", "list"])
        .assert()
        .success()
        .stdout(contains("gebundeld").and(contains("eigen").not()));
}
