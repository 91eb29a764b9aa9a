//! Imports that are not what they seem: JSON with a key twice, a lone UTF-16 surrogate in a
//! text, and files in UTF-16 without a byte order mark or in UTF-32. Each is named for what it
//! is, with its position, and nothing is written.

use std::path::Path;

mod common;

use common::weerbaar;

/// The first intervention of the bundled inventory as one JSON object.
fn one(d: &Path) -> String {
    let out = weerbaar(d)
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    serde_json::to_string(&doc["interventions"][0]).unwrap()
}

fn import(d: &Path, name: &str, bytes: &[u8]) -> String {
    std::fs::write(d.join(name), bytes).unwrap();
    let out = weerbaar(d)
        .args(["--lang", "en", "import", name, "-o", "uit.sqlite"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(!d.join("uit.sqlite").exists());
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn a_key_twice_in_one_object_is_refused_with_both_positions() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let item = one(d);
    let twice = format!("[{},\"name\":\"Tweede\"}}]", &item[..item.len() - 1]);
    let err = import(d, "dubbel.json", twice.as_bytes());
    assert!(
        err.contains("the key `name` appears twice in one object (first at line 1, column"),
        "{err}"
    );
}

#[test]
fn a_lone_surrogate_is_named_not_called_a_missing_field() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let item: serde_json::Value = serde_json::from_str(&one(d)).unwrap();
    let name = item["name"].as_str().unwrap().to_string();
    let text = serde_json::to_string(&item)
        .unwrap()
        .replace(&format!("\"{name}\""), "\"Rots\\ud800x\"");
    let err = import(d, "half.json", format!("[{text}]").as_bytes());
    assert!(
        err.contains("`\\ud800`, half of a UTF-16 surrogate pair"),
        "{err}"
    );
    assert!(!err.contains("missing required field `name`"), "{err}");
}

#[test]
fn utf16_without_a_mark_and_utf32_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = "id,name\ndiamant,Diamant\n";
    let utf16le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let utf16be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
    let utf32le: Vec<u8> = text
        .chars()
        .flat_map(|c| (c as u32).to_le_bytes())
        .collect();
    let mut utf32_bom = vec![0xFF, 0xFE, 0, 0];
    utf32_bom.extend(&utf32le);
    for (bytes, said) in [
        (utf16le, "UTF-16 (little-endian, without a byte order mark)"),
        (utf16be, "UTF-16 (big-endian, without a byte order mark)"),
        (utf32le, "UTF-32 (little-endian, without a byte order mark)"),
        (utf32_bom, "UTF-32 (little-endian)"),
    ] {
        let err = import(d, "lijst.csv", &bytes);
        assert!(
            err.contains(&format!("wrong encoding: the file is {said}")),
            "{err}"
        );
        assert!(!err.contains('\0'), "{err:?}");
        assert!(err.lines().count() <= 3, "{err}");
    }
}
