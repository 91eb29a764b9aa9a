//! The layers run one way. This test reads the sources (the production code: `#[cfg(test)]`
//! items and test-only modules are left out) and fails on any import that runs the wrong way:
//!
//! - face → face: the explorer (`tui`) and the command line (`cli`) do not import each other;
//! - core → face: nothing outside the two faces imports either face;
//! - store → query: the store does not know how it is searched;
//! - query → IO: `query` reads no files and opens no database (`std::fs`, `rusqlite`, the
//!   store's `Database` and its `open*` functions);
//! - update → view: the explorer's `update` does not call the view (to measure, or otherwise);
//! - no circle between the modules of one folder (the core's modules are one folder, `src/core`).
//!
//! What still runs the wrong way is listed in `ALLOWED` and `ALLOWED_CIRCLES`, each with what
//! remains to be done; an entry that no longer matches anything fails too, so the list only
//! shrinks.
//!
//! How imports are found: every `use` tree is expanded and every inline `crate::`/`super::`/
//! `std::`/`rusqlite::` path is read, after comments and string literals are blanked. Paths are
//! resolved against the module the file defines (`super::` climbs, a bare name is a child module
//! when the file for it exists). Re-exports are not followed: a path names the module it is
//! written through.

// Test code: a panic here is a failed test, not a user's crash.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// (importing module prefix, imported path prefix, what remains and why it is not done yet).
/// Prefixes compare whole segments: `tui::shelf` matches the module `tui::shelf` and below.
const ALLOWED: &[(&str, &str, &str)] = &[(
    "tui::update",
    "tui::view",
    "update measures by rendering: view::detail::line_count (how far the detail scrolls), \
         view::compare::{extent, visible_columns} and view::matrix::visible (what fits); the \
         view should record its extents (as gitui's scroll state does) or one small measuring \
         module should serve both (issue 13 §3, done with the State split after the merge: \
         tui/view/detail.rs and the State were being changed in parallel)",
)];

/// Circles allowed for now: the modules in one circle, sorted, and what remains.
const ALLOWED_CIRCLES: &[(&[&str], &str)] = &[(
    &[
        "tui::compare_state",
        "tui::export_dialog",
        "tui::layout",
        "tui::shelf",
        "tui::state",
    ],
    "the explorer's handlers at the tui/ root (shelf, export_dialog) and the state they share \
     call each other; moving every handler under tui/update/ and splitting State into model and \
     environment (issue 13 §3) removes it after the merge",
)];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

// ---------------------------------------------------------------------------------------------
// Reading a file

/// The source with comments removed and the contents of string and char literals blanked, so
/// that neither a doc comment nor a message mentioning `crate::cli` counts as an import.
fn clean(source: &str) -> String {
    let b: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r'
            && (next == Some('"') || next == Some('#'))
            && !b[..i]
                .last()
                .is_some_and(|p| p.is_alphanumeric() || *p == '_')
        {
            // A raw string: r"…" or r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= b.len() {
                    break;
                }
                if b[j] == '"' && (0..hashes).all(|k| b.get(j + 1 + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' {
            // A char literal ('x', '\n', '\'', '\u{1F600}') or a lifetime ('a).
            if next == Some('\\') {
                let mut j = i + 2;
                while j < b.len() && b[j] != '\'' {
                    j += 1;
                }
                i = j + 1;
                out.push_str("' '");
            } else if b.get(i + 2) == Some(&'\'') {
                i += 3;
                out.push_str("' '");
            } else {
                out.push(c);
                i += 1;
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Index just past the brace that closes the one at `open`.
fn matching_brace(s: &[char], open: usize) -> usize {
    let mut depth = 0;
    for (k, &c) in s.iter().enumerate().skip(open) {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return k + 1;
                }
            }
            _ => {}
        }
    }
    s.len()
}

/// The cleaned source without its `#[cfg(test)]` items, and the names of the child modules
/// declared test-only (`#[cfg(test)] mod tests;`), whose files are then not read at all.
fn without_tests(cleaned: &str) -> (String, Vec<String>) {
    let mut s: Vec<char> = cleaned.chars().collect();
    let mut test_children = Vec::new();
    let marker: Vec<char> = "#[cfg(test)]".chars().collect();
    let mut i = 0;
    while i + marker.len() <= s.len() {
        if s[i..i + marker.len()] != marker[..] {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i + marker.len();
        // The item the attribute applies to ends at its first `;` or its closing brace.
        let mut end = s.len();
        while j < s.len() {
            match s[j] {
                ';' => {
                    end = j + 1;
                    break;
                }
                '{' => {
                    end = matching_brace(&s, j);
                    break;
                }
                _ => j += 1,
            }
        }
        let item: String = s[start + marker.len()..end].iter().collect();
        let words: Vec<&str> = item
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .collect();
        if item.trim_end().ends_with(';')
            && let Some(p) = words.iter().position(|w| *w == "mod")
            && let Some(name) = words.get(p + 1)
        {
            test_children.push(name.to_string());
        }
        for c in &mut s[start..end] {
            if *c != '\n' {
                *c = ' ';
            }
        }
        i = end;
    }
    (s.into_iter().collect(), test_children)
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Expand a `use` tree (`a::{b, c::{d as e, self}}`) into its paths.
fn expand(tree: &str) -> Vec<Vec<String>> {
    fn split_top(s: &str) -> Vec<&str> {
        let mut parts = Vec::new();
        let (mut depth, mut last) = (0, 0);
        for (k, c) in s.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    parts.push(&s[last..k]);
                    last = k + 1;
                }
                _ => {}
            }
        }
        parts.push(&s[last..]);
        parts.into_iter().filter(|p| !p.trim().is_empty()).collect()
    }
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let tree = tree.trim_start_matches("::");
    match tree.find('{') {
        None => {
            let mut segs: Vec<String> = tree
                .split("::")
                .filter(|s| !s.is_empty() && *s != "*")
                .map(String::from)
                .collect();
            if segs.last().is_some_and(|s| s == "self") {
                segs.pop();
            }
            vec![segs]
        }
        Some(open) => {
            let prefix: Vec<String> = tree[..open]
                .split("::")
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
            let close = tree.rfind('}').unwrap_or(tree.len());
            let mut out = Vec::new();
            for part in split_top(&tree[open + 1..close]) {
                for rest in expand(part) {
                    let mut p = prefix.clone();
                    p.extend(rest);
                    out.push(p);
                }
            }
            out
        }
    }
}

/// Every path the code names: the expanded `use` trees, then inline paths that start at
/// `crate`, `super`, `self`, `std` or `rusqlite`.
fn paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let chars: Vec<char> = code.chars().collect();
    let text: String = chars.iter().collect();
    // `use` declarations (with `as` renames stripped per leaf).
    let mut k = 0;
    while let Some(found) = text[k..].find("use ") {
        let at = k + found;
        k = at + 4;
        let before = text[..at].chars().last();
        if before.is_some_and(is_ident) {
            continue;
        }
        let Some(end) = text[at..].find(';') else {
            break;
        };
        let tree = &text[at + 4..at + end];
        for path in expand(&strip_renames(tree)) {
            out.push(path);
        }
        k = at + end;
    }
    // Inline paths.
    let mut i = 0;
    while i < chars.len() {
        if is_ident(chars[i]) && (i == 0 || !(is_ident(chars[i - 1]) || chars[i - 1] == ':')) {
            let mut segs = Vec::new();
            let mut j = i;
            loop {
                let s = j;
                while j < chars.len() && is_ident(chars[j]) {
                    j += 1;
                }
                segs.push(chars[s..j].iter().collect::<String>());
                if chars.get(j) == Some(&':')
                    && chars.get(j + 1) == Some(&':')
                    && chars.get(j + 2).is_some_and(|c| is_ident(*c))
                {
                    j += 2;
                } else {
                    break;
                }
            }
            if segs.len() > 1
                && ["crate", "super", "self", "std", "rusqlite"].contains(&segs[0].as_str())
            {
                out.push(segs);
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// `a::b as c` → `a::b`, in every leaf of a tree.
fn strip_renames(tree: &str) -> String {
    let mut out = String::new();
    let mut words = tree.split_whitespace().peekable();
    while let Some(w) = words.next() {
        if w == "as" {
            // Skip the new name but keep any punctuation glued to it (`c},` → `},`).
            if let Some(name) = words.next() {
                out.extend(name.chars().filter(|c| !is_ident(*c)));
            }
            continue;
        }
        out.push_str(w);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The crate's modules

struct Module {
    /// `tui::update::compare_view`
    path: Vec<String>,
    file: PathBuf,
    /// Where its children's files live.
    dir: PathBuf,
    /// Imported paths, resolved to the crate root (`crate::` dropped) or, for external crates,
    /// starting with `::` (`::std`, `::rusqlite`).
    imports: Vec<Vec<String>>,
}

fn modules() -> Vec<Module> {
    let root = src();
    let mut out = Vec::new();
    let mut skipped: BTreeSet<PathBuf> = BTreeSet::new();
    visit(&root, &root, &mut out, &mut skipped);
    out.retain(|m| !skipped.contains(&m.file));
    out
}

fn visit(root: &Path, dir: &Path, out: &mut Vec<Module>, skipped: &mut BTreeSet<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap_or_else(|e| panic!("{e}")).path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "snapshots") {
                continue;
            }
            visit(root, &path, out, skipped);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(root).unwrap_or(&path);
        let mut segs: Vec<String> = rel
            .with_extension("")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let stem = segs.last().cloned().unwrap_or_default();
        let children_dir = if stem == "mod" || stem == "lib" || stem == "main" {
            segs.pop();
            path.parent().map(Path::to_path_buf).unwrap_or_default()
        } else {
            path.with_extension("")
        };
        if stem == "main" {
            continue; // the binary: it wires both faces together, as it should
        }
        let source = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
        let (code, test_children) = without_tests(&clean(&source));
        for child in test_children {
            skipped.insert(children_dir.join(format!("{child}.rs")));
            let nested = children_dir.join(&child);
            if nested.is_dir() {
                for f in walk(&nested) {
                    skipped.insert(f);
                }
            }
        }
        let mut module = Module {
            path: segs,
            file: path.clone(),
            dir: children_dir,
            imports: Vec::new(),
        };
        module.imports = paths(&code)
            .into_iter()
            .filter_map(|p| resolve(&module, p))
            .collect();
        out.push(module);
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn resolve(module: &Module, path: Vec<String>) -> Option<Vec<String>> {
    let first = path.first()?.as_str();
    match first {
        "crate" => Some(path[1..].to_vec()),
        "super" | "self" => {
            let mut base = module.path.clone();
            let mut rest = &path[..];
            if rest[0] == "self" {
                rest = &rest[1..];
            }
            while rest.first().is_some_and(|s| s == "super") {
                base.pop();
                rest = &rest[1..];
            }
            base.extend(rest.iter().cloned());
            Some(base)
        }
        _ => {
            let child = module.dir.join(format!("{first}.rs"));
            let child_dir = module.dir.join(first).join("mod.rs");
            if child.is_file() || child_dir.is_file() {
                let mut base = module.path.clone();
                base.extend(path);
                Some(base)
            } else {
                let mut ext = vec![format!("::{first}")];
                ext.extend(path[1..].iter().cloned());
                Some(ext)
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The rules

fn starts_with(path: &[String], prefix: &str) -> bool {
    let prefix: Vec<&str> = prefix.split("::").collect();
    path.len() >= prefix.len() && path.iter().zip(&prefix).all(|(a, b)| a == b)
}

fn is_face(path: &[String]) -> bool {
    path.first().is_some_and(|s| s == "tui" || s == "cli")
}

/// The rule an import from `from` to `to` breaks, if any.
fn broken_rule(from: &[String], to: &[String]) -> Option<&'static str> {
    let top = |p: &[String]| p.first().cloned().unwrap_or_default();
    if is_face(from) && is_face(to) && top(from) != top(to) {
        return Some("face → face");
    }
    if !from.is_empty() && !is_face(from) && is_face(to) {
        return Some("core → face");
    }
    if starts_with(from, "core::store") && starts_with(to, "core::query") {
        return Some("store → query");
    }
    if starts_with(from, "core::query")
        && (starts_with(to, "::std::fs")
            || starts_with(to, "::std::net")
            || starts_with(to, "::std::process")
            || starts_with(to, "::rusqlite")
            || starts_with(to, "core::store::Database")
            || starts_with(to, "core::store::open")
            || starts_with(to, "core::store::open_bundled")
            || starts_with(to, "core::store::open_path"))
    {
        return Some("query → IO");
    }
    if starts_with(from, "tui::update") && starts_with(to, "tui::view") {
        return Some("update → view");
    }
    None
}

fn join(p: &[String]) -> String {
    p.join("::")
}

/// Strongly connected components (more than one member) of a graph.
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Reachability by repeated search: the graphs here have a few dozen nodes.
    let reach = |from: &String| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.clone()];
        while let Some(n) = todo.pop() {
            for m in graph.get(&n).into_iter().flatten() {
                if seen.insert(m.clone()) {
                    todo.push(m.clone());
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<&String, BTreeSet<String>> =
        graph.keys().map(|k| (k, reach(k))).collect();
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for (a, from_a) in &reaches {
        if done.contains(*a) {
            continue;
        }
        let mut scc: Vec<String> = from_a
            .iter()
            .filter(|b| *b != *a && reaches.get(b).is_some_and(|r| r.contains(*a)))
            .cloned()
            .collect();
        if scc.is_empty() {
            continue;
        }
        scc.push((*a).clone());
        scc.sort();
        done.extend(scc.iter().cloned());
        out.push(scc);
    }
    out
}

/// Edges between modules of one folder (`core::store::read` → `core::store::open`, `core::store`
/// → `core::query`) and between the three top-level modules (`core`, `cli`, `tui`).
fn module_graphs(mods: &[Module]) -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
    let known: BTreeSet<Vec<String>> = mods.iter().map(|m| m.path.clone()).collect();
    let mut graphs: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for m in mods {
        if m.path.is_empty() {
            continue;
        }
        for to in &m.imports {
            if to.first().is_some_and(|s| s.starts_with("::")) {
                continue;
            }
            // Between the top-level modules.
            if to.first() != m.path.first()
                && let (Some(a), Some(b)) = (m.path.first(), to.first())
                && known.contains(std::slice::from_ref(b))
            {
                graphs
                    .entry(String::new())
                    .or_default()
                    .entry(a.clone())
                    .or_default()
                    .insert(b.clone());
            }
            // Between siblings under one parent, at every depth.
            for depth in 1..m.path.len() {
                let parent = &m.path[..depth];
                if to.len() > depth && to[..depth] == *parent && to[depth] != m.path[depth] {
                    let sibling = to[..=depth].to_vec();
                    if known.contains(&sibling) {
                        graphs
                            .entry(join(parent))
                            .or_default()
                            .entry(join(&m.path[..=depth]))
                            .or_default()
                            .insert(join(&sibling));
                    }
                }
            }
        }
    }
    graphs
}

/// The tree shows the layers: the core in one folder beside the two faces, nothing else at the
/// top of `src/` but the crate root and the binary.
#[test]
fn the_core_lives_in_one_folder_beside_the_two_faces() {
    let mut top: Vec<String> = fs::read_dir(src())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert_eq!(top, ["cli", "core", "lib.rs", "main.rs", "tui"]);
}

#[test]
fn imports_run_one_way() {
    let mods = modules();
    assert!(
        mods.len() > 50,
        "the sources were not found: {} modules",
        mods.len()
    );
    let mut used = vec![false; ALLOWED.len()];
    let mut wrong = Vec::new();
    for m in &mods {
        let mut seen = BTreeSet::new();
        for to in &m.imports {
            let Some(rule) = broken_rule(&m.path, to) else {
                continue;
            };
            let allowed = ALLOWED.iter().position(|(from, target, _)| {
                starts_with(&m.path, from) && starts_with(to, target)
            });
            match allowed {
                Some(k) => used[k] = true,
                None => {
                    if seen.insert(join(to)) {
                        wrong.push(format!(
                            "{rule}: {} ({}) imports {}",
                            join(&m.path),
                            m.file.strip_prefix(src()).unwrap_or(&m.file).display(),
                            join(to)
                        ));
                    }
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports that run the wrong way:\n{}",
        wrong.join("\n")
    );
    let stale: Vec<String> = ALLOWED
        .iter()
        .zip(&used)
        .filter(|(_, used)| !**used)
        .map(|((from, to, _), _)| format!("{from} → {to}"))
        .collect();
    assert!(
        stale.is_empty(),
        "allowed imports that no longer occur (remove them from ALLOWED):\n{}",
        stale.join("\n")
    );
}

#[test]
fn no_circle_between_modules() {
    let mods = modules();
    let mut found = Vec::new();
    for graph in module_graphs(&mods).values() {
        found.extend(circles(graph));
    }
    let allowed: Vec<Vec<String>> = ALLOWED_CIRCLES
        .iter()
        .map(|(members, _)| members.iter().map(|s| s.to_string()).collect())
        .collect();
    let wrong: Vec<String> = found
        .iter()
        .filter(|c| !allowed.contains(c))
        .map(|c| c.join(" ⇄ "))
        .collect();
    assert!(
        wrong.is_empty(),
        "circles between modules:\n{}",
        wrong.join("\n")
    );
    let stale: Vec<String> = allowed
        .iter()
        .filter(|c| !found.contains(c))
        .map(|c| c.join(" ⇄ "))
        .collect();
    assert!(
        stale.is_empty(),
        "allowed circles that no longer occur as listed (update ALLOWED_CIRCLES):\n{}",
        stale.join("\n")
    );
}

/// The reader itself: a planted wrong import is found, a comment or a string is not, test code
/// is left out. Without this, a reader that finds nothing would pass every rule above.
#[test]
fn the_reader_finds_imports_and_ignores_comments_strings_and_tests() {
    let code = r#"
        //! See crate::cli::Context.
        use crate::{model::Intervention, cli::filters::{command_line as line, self}};
        use super::view;
        const X: &str = "crate::tui::view";
        fn f() { let _ = crate::store::open_bundled(); let c = '"'; let s = std::fs::read("x"); }
        #[cfg(test)]
        mod tests { use crate::tui::view; }
    "#;
    let (code, _) = without_tests(&clean(code));
    let found: BTreeSet<String> = paths(&code).iter().map(|p| join(p)).collect();
    for expected in [
        "crate::model::Intervention",
        "crate::cli::filters::command_line",
        "crate::cli::filters",
        "super::view",
        "crate::store::open_bundled",
        "std::fs::read",
    ] {
        assert!(found.contains(expected), "{expected} not in {found:?}");
    }
    assert!(
        !found
            .iter()
            .any(|p| p.starts_with("crate::tui") || p == "crate::cli::Context"),
        "{found:?}"
    );
    let path = |s: &str| s.split("::").map(String::from).collect::<Vec<_>>();
    assert_eq!(
        broken_rule(&path("tui::state"), &path("cli::Context")),
        Some("face → face")
    );
    assert_eq!(
        broken_rule(&path("core::model"), &path("tui::msg")),
        Some("core → face")
    );
    assert_eq!(
        broken_rule(&path("core::store::draft"), &path("core::query::search")),
        Some("store → query")
    );
    assert_eq!(
        broken_rule(&path("core::query::index"), &path("::std::fs::read")),
        Some("query → IO")
    );
    assert_eq!(
        broken_rule(&path("tui::update::x"), &path("tui::view::detail")),
        Some("update → view")
    );
    assert_eq!(broken_rule(&path("tui::view"), &path("tui::update")), None);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    graph.entry("a".into()).or_default().insert("b".into());
    graph.entry("b".into()).or_default().insert("a".into());
    graph.entry("c".into()).or_default().insert("a".into());
    assert_eq!(
        circles(&graph),
        vec![vec!["a".to_string(), "b".to_string()]]
    );
}
