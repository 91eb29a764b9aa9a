//! Named shortlists with a note per item, kept per inventory, and saved views (a search with its
//! filters and sort). The types and their operations are pure; `storage` reads and writes the
//! one versioned JSON file under the user's data directory.
//!
//! Inventories are keyed by where they come from, not by their title or version: `bundled` for
//! the inventory inside the program, `file:<canonical path>` for one opened with `--db`. A new
//! version of the same inventory (an update of the program, a rebuilt file) keeps its shortlists;
//! ids that are no longer in it stay in the list and are flagged, never dropped.

mod change;
mod storage;

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::core::model::text::{sanitize, sanitize_line};
use crate::core::model::{FacetGroup, Intervention};
use crate::core::query::{Query, Sort};
use crate::core::store::Inventory;

pub use change::Change;
pub use storage::{Loaded, Storage, StorageError};

/// Fields of the shortlist file this version does not know, by name.
pub type Unknown = serde_json::Map<String, serde_json::Value>;

/// The version of the file format this program writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// Longest shortlist or view name, in characters.
pub const MAX_NAME_CHARS: usize = 80;

/// The key of the inventory inside the program.
pub const BUNDLED_KEY: &str = "bundled";

/// The whole shortlist file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Book {
    pub version: u32,
    /// Per inventory key (see the module docs).
    #[serde(default)]
    pub inventories: BTreeMap<String, Lists>,
    /// Fields this version does not know (written by a later weerbaar of the same format
    /// version, or by hand): kept as they are and written back on save.
    #[serde(flatten)]
    pub unknown: Unknown,
}

impl Default for Book {
    fn default() -> Self {
        Book {
            version: FORMAT_VERSION,
            inventories: BTreeMap::new(),
            unknown: Unknown::new(),
        }
    }
}

/// Everything kept for one inventory.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Lists {
    /// The inventory's title and version when last used, to name it to the user.
    pub label: String,
    /// The shortlist the explorer adds to.
    pub active: Option<String>,
    pub shortlists: Vec<Shortlist>,
    pub views: Vec<SavedView>,
    /// Fields this version does not know (written by a later weerbaar of the same format
    /// version, or by hand): kept as they are and written back on save.
    #[serde(flatten)]
    pub unknown: Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Shortlist {
    pub name: String,
    /// In the order they were added.
    pub items: Vec<Item>,
    /// Fields this version does not know (written by a later weerbaar of the same format
    /// version, or by hand): kept as they are and written back on save.
    #[serde(flatten)]
    pub unknown: Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Item {
    pub id: String,
    /// Free text; empty when there is none.
    pub note: String,
    /// Fields this version does not know (written by a later weerbaar of the same format
    /// version, or by hand): kept as they are and written back on save.
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// A search that can be reopened: the same fields as `query::Query`, by ids.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedView {
    pub name: String,
    pub text: String,
    /// Facet group id → selected value ids.
    pub filters: BTreeMap<String, Vec<String>>,
    pub min_evidence: Option<String>,
    /// `relevance`, `name` or `evidence`.
    pub sort: String,
    /// Fields this version does not know (written by a later weerbaar of the same format
    /// version, or by hand): kept as they are and written back on save.
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// Something the user asked for that cannot be done, as one clear line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListError {
    NoSuchList { name: String, known: Vec<String> },
    AlreadyExists(String),
    BadName(String, NameProblem),
    NotInList { name: String, id: String },
}

/// Why a typed name is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameProblem {
    Empty,
    TooLong,
}

impl fmt::Display for NameProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NameProblem::Empty => write!(f, "a name cannot be empty"),
            NameProblem::TooLong => {
                write!(f, "a name can have at most {MAX_NAME_CHARS} characters")
            }
        }
    }
}

impl fmt::Display for ListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ListError::NoSuchList { name, known } if known.is_empty() => write!(
                f,
                "no shortlist named `{name}`; there are none yet (create one with `weerbaar shortlist add {name} ID…`)"
            ),
            ListError::NoSuchList { name, known } => write!(
                f,
                "no shortlist named `{name}`; the shortlists are: {}",
                known
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            ListError::AlreadyExists(name) => {
                write!(f, "a shortlist named `{name}` already exists")
            }
            ListError::BadName(name, why) => write!(f, "invalid name `{name}`: {why}"),
            ListError::NotInList { name, id } => {
                write!(f, "`{id}` is not in shortlist `{name}`")
            }
        }
    }
}

impl std::error::Error for ListError {}

/// Either kind of failure, for callers that change lists through `Storage::update`.
#[derive(Debug)]
pub enum ShortlistError {
    List(ListError),
    Storage(StorageError),
}

impl fmt::Display for ShortlistError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShortlistError::List(e) => e.fmt(f),
            ShortlistError::Storage(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ShortlistError {}

impl From<ListError> for ShortlistError {
    fn from(e: ListError) -> Self {
        ShortlistError::List(e)
    }
}

impl From<StorageError> for ShortlistError {
    fn from(e: StorageError) -> Self {
        ShortlistError::Storage(e)
    }
}

/// The key under which an inventory's shortlists are kept: `bundled`, or `file:` and the
/// canonical path of the database (so `./a.sqlite` and `/home/x/a.sqlite` are one inventory).
pub fn inventory_key(db: Option<&Path>) -> String {
    match db {
        None => BUNDLED_KEY.to_string(),
        Some(p) => {
            let abs = std::fs::canonicalize(p)
                .or_else(|_| std::path::absolute(p))
                .unwrap_or_else(|_| p.to_path_buf());
            format!("file:{}", abs.display())
        }
    }
}

/// Clean a name typed by the user: one line, trimmed, not empty, not too long.
pub fn clean_name(name: &str) -> Result<String, ListError> {
    let clean = sanitize_line(name);
    if clean.is_empty() {
        return Err(ListError::BadName(name.to_string(), NameProblem::Empty));
    }
    if clean.chars().count() > MAX_NAME_CHARS {
        return Err(ListError::BadName(clean, NameProblem::TooLong));
    }
    Ok(clean)
}

impl Book {
    /// The lists of one inventory (empty if it has none yet).
    pub fn lists(&self, key: &str) -> Option<&Lists> {
        self.inventories.get(key)
    }

    /// The lists of one inventory, created when missing, with its label refreshed.
    pub fn lists_mut(&mut self, key: &str, label: &str) -> &mut Lists {
        let lists = self.inventories.entry(key.to_string()).or_default();
        if !label.is_empty() {
            lists.label = label.to_string();
        }
        lists
    }
}

/// What `add` did, for the message to the user.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Added {
    pub created: bool,
    pub added: Vec<String>,
    pub already: Vec<String>,
}

impl Lists {
    pub fn names(&self) -> Vec<String> {
        self.shortlists.iter().map(|s| s.name.clone()).collect()
    }

    pub fn get(&self, name: &str) -> Option<&Shortlist> {
        self.shortlists.iter().find(|s| s.name == name)
    }

    fn no_such(&self, name: &str) -> ListError {
        ListError::NoSuchList {
            name: name.to_string(),
            known: self.names(),
        }
    }

    pub fn require(&self, name: &str) -> Result<&Shortlist, ListError> {
        self.get(name).ok_or_else(|| self.no_such(name))
    }

    fn require_mut(&mut self, name: &str) -> Result<&mut Shortlist, ListError> {
        match self.shortlists.iter().position(|s| s.name == name) {
            Some(ix) => Ok(&mut self.shortlists[ix]),
            None => Err(self.no_such(name)),
        }
    }

    /// Create an empty shortlist.
    pub fn create(&mut self, name: &str) -> Result<String, ListError> {
        let name = clean_name(name)?;
        if self.get(&name).is_some() {
            return Err(ListError::AlreadyExists(name));
        }
        self.shortlists.push(Shortlist {
            name: name.clone(),
            ..Shortlist::default()
        });
        Ok(name)
    }

    /// Add ids to a shortlist (created when missing); ids already in it are left as they are.
    pub fn add(&mut self, name: &str, ids: &[&str]) -> Result<Added, ListError> {
        let name = clean_name(name)?;
        let mut report = Added::default();
        if self.get(&name).is_none() {
            self.create(&name)?;
            report.created = true;
        }
        let list = self.require_mut(&name)?;
        for id in ids {
            if list.contains(id) || report.added.iter().any(|a| a == id) {
                report.already.push(id.to_string());
            } else {
                list.items.push(Item {
                    id: id.to_string(),
                    ..Item::default()
                });
                report.added.push(id.to_string());
            }
        }
        Ok(report)
    }

    /// Remove ids; returns the ids that were not in the list.
    pub fn remove(&mut self, name: &str, ids: &[&str]) -> Result<Vec<String>, ListError> {
        let list = self.require_mut(name)?;
        let mut absent = Vec::new();
        for id in ids {
            let before = list.items.len();
            list.items.retain(|i| i.id != *id);
            if list.items.len() == before {
                absent.push(id.to_string());
            }
        }
        Ok(absent)
    }

    /// Add the id if it is not in the list, remove it if it is. Returns whether it is in now.
    pub fn toggle(&mut self, name: &str, id: &str) -> Result<bool, ListError> {
        let list = self.require_mut(name)?;
        if list.contains(id) {
            list.items.retain(|i| i.id != id);
            Ok(false)
        } else {
            list.items.push(Item {
                id: id.to_string(),
                ..Item::default()
            });
            Ok(true)
        }
    }

    /// Set (or, with empty text, clear) the note of an item in the list.
    pub fn set_note(&mut self, name: &str, id: &str, note: &str) -> Result<(), ListError> {
        let list = self.require_mut(name)?;
        let item =
            list.items
                .iter_mut()
                .find(|i| i.id == id)
                .ok_or_else(|| ListError::NotInList {
                    name: name.to_string(),
                    id: id.to_string(),
                })?;
        item.note = sanitize(note, true).trim().to_string();
        Ok(())
    }

    pub fn rename(&mut self, old: &str, new: &str) -> Result<String, ListError> {
        let new = clean_name(new)?;
        if new != old && self.get(&new).is_some() {
            return Err(ListError::AlreadyExists(new));
        }
        self.require_mut(old)?.name = new.clone();
        if self.active.as_deref() == Some(old) {
            self.active = Some(new.clone());
        }
        Ok(new)
    }

    /// Delete a shortlist; returns it, so the caller can say what was removed.
    pub fn delete(&mut self, name: &str) -> Result<Shortlist, ListError> {
        let ix = self
            .shortlists
            .iter()
            .position(|s| s.name == name)
            .ok_or_else(|| self.no_such(name))?;
        if self.active.as_deref() == Some(name) {
            self.active = None;
        }
        Ok(self.shortlists.remove(ix))
    }

    /// Save a view under its name, replacing one with the same name.
    pub fn save_view(&mut self, mut view: SavedView) -> Result<(), ListError> {
        view.name = clean_name(&view.name)?;
        match self.views.iter_mut().find(|v| v.name == view.name) {
            Some(v) => *v = view,
            None => self.views.push(view),
        }
        Ok(())
    }

    pub fn delete_view(&mut self, name: &str) -> bool {
        let before = self.views.len();
        self.views.retain(|v| v.name != name);
        self.views.len() != before
    }
}

impl SavedView {
    /// A view that reopens `query`.
    pub fn from_query(name: &str, query: &Query) -> SavedView {
        SavedView {
            name: name.to_string(),
            text: query.text.clone(),
            filters: query
                .filters
                .iter()
                .map(|(g, values)| (g.id().to_string(), values.iter().cloned().collect()))
                .collect(),
            min_evidence: query.min_evidence.clone(),
            sort: query.sort.id().to_string(),
            unknown: Unknown::new(),
        }
    }

    /// The query this view reopens. Groups and sorts this version does not know are left out
    /// (a newer weerbaar may have written them); values are kept as they are and simply match
    /// nothing when the inventory lacks them.
    pub fn to_query(&self) -> Query {
        let mut query = Query {
            text: self.text.clone(),
            min_evidence: self.min_evidence.clone(),
            sort: Sort::from_id(&self.sort).unwrap_or_default(),
            ..Query::default()
        };
        for (group, values) in &self.filters {
            if let Some(g) = FacetGroup::from_id(group) {
                for v in values {
                    if !query.is_selected(g, v) {
                        query.toggle(g, v);
                    }
                }
            }
        }
        query
    }
}

impl Shortlist {
    pub fn contains(&self, id: &str) -> bool {
        self.items.iter().any(|i| i.id == id)
    }

    pub fn note(&self, id: &str) -> Option<&str> {
        self.items
            .iter()
            .find(|i| i.id == id)
            .map(|i| i.note.as_str())
            .filter(|n| !n.is_empty())
    }

    /// The items the inventory has, with their notes, in list order: what an export writes.
    pub fn entries<'a>(
        &'a self,
        inventory: &'a Inventory,
    ) -> Vec<(&'a Intervention, Option<&'a str>)> {
        self.items
            .iter()
            .filter_map(|i| {
                inventory
                    .get(&i.id)
                    .map(|item| (item, Some(i.note.as_str()).filter(|n| !n.is_empty())))
            })
            .collect()
    }

    /// The ids in this list that the inventory no longer has: shown flagged, never dropped.
    pub fn missing<'a>(&'a self, inventory: &Inventory) -> Vec<&'a str> {
        self.items
            .iter()
            .filter(|i| inventory.get(&i.id).is_none())
            .map(|i| i.id.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inventory(ids: &[&str]) -> Inventory {
        Inventory {
            interventions: ids
                .iter()
                .map(|id| Intervention {
                    id: id.to_string(),
                    name: id.to_uppercase(),
                    ..Intervention::default()
                })
                .collect(),
            ..Inventory::default()
        }
    }

    #[test]
    fn add_creates_the_list_and_skips_ids_already_in_it() {
        let mut lists = Lists::default();
        let r = lists.add("sessie", &["a", "b", "a"]).unwrap();
        assert!(r.created);
        assert_eq!(r.added, ["a", "b"]);
        assert_eq!(r.already, ["a"]);
        let r = lists.add("sessie", &["b", "c"]).unwrap();
        assert!(!r.created);
        assert_eq!(r.added, ["c"]);
        let ids: Vec<_> = lists
            .get("sessie")
            .unwrap()
            .items
            .iter()
            .map(|i| &i.id)
            .collect();
        assert_eq!(ids, ["a", "b", "c"]);
    }

    #[test]
    fn notes_are_cleaned_and_cleared_with_empty_text() {
        let mut lists = Lists::default();
        lists.add("s", &["a"]).unwrap();
        lists
            .set_note("s", "a", "  goed voor\nouders \u{1b}[31m ")
            .unwrap();
        assert_eq!(lists.get("s").unwrap().note("a"), Some("goed voor\nouders"));
        lists.set_note("s", "a", "").unwrap();
        assert_eq!(lists.get("s").unwrap().note("a"), None);
        let err = lists.set_note("s", "zz", "x").unwrap_err();
        assert_eq!(err.to_string(), "`zz` is not in shortlist `s`");
    }

    #[test]
    fn rename_and_delete_keep_the_active_list_consistent() {
        let mut lists = Lists::default();
        lists.create("een").unwrap();
        lists.create("twee").unwrap();
        lists.active = Some("een".into());
        assert_eq!(
            lists.rename("een", "twee").unwrap_err(),
            ListError::AlreadyExists("twee".into())
        );
        lists.rename("een", "drie").unwrap();
        assert_eq!(lists.active.as_deref(), Some("drie"));
        lists.delete("drie").unwrap();
        assert_eq!(lists.active, None);
        let err = lists.delete("vier").unwrap_err().to_string();
        assert_eq!(err, "no shortlist named `vier`; the shortlists are: `twee`");
    }

    #[test]
    fn names_must_be_one_non_empty_line() {
        let mut lists = Lists::default();
        assert!(lists.create("   ").is_err());
        assert!(lists.create(&"x".repeat(81)).is_err());
        assert_eq!(lists.create("  a\nb ").unwrap(), "a b");
    }

    #[test]
    fn ids_missing_from_the_inventory_are_kept_and_reported() {
        let mut lists = Lists::default();
        lists.add("s", &["a", "weg", "b"]).unwrap();
        let inv = inventory(&["a", "b"]);
        let list = lists.get("s").unwrap();
        assert_eq!(list.missing(&inv), ["weg"]);
        assert_eq!(list.items.len(), 3);
        let entries: Vec<&str> = list
            .entries(&inv)
            .iter()
            .map(|(i, _)| i.id.as_str())
            .collect();
        assert_eq!(entries, ["a", "b"]);
    }

    #[test]
    fn toggle_adds_then_removes() {
        let mut lists = Lists::default();
        lists.create("s").unwrap();
        assert!(lists.toggle("s", "a").unwrap());
        assert!(!lists.toggle("s", "a").unwrap());
        assert!(lists.get("s").unwrap().items.is_empty());
    }

    #[test]
    fn a_saved_view_reopens_the_same_query() {
        let mut query = Query {
            text: "ouders".into(),
            min_evidence: Some("goed-beschreven".into()),
            sort: Sort::Name,
            ..Query::default()
        };
        query.toggle(FacetGroup::Theme, "polarisatie");
        query.toggle(FacetGroup::TargetGroup, "ouders");
        let view = SavedView::from_query("mijn zoekopdracht", &query);
        assert_eq!(view.to_query(), query);
        // Survives the file format.
        let json = serde_json::to_string(&view).unwrap();
        let back: SavedView = serde_json::from_str(&json).unwrap();
        assert_eq!(back.to_query(), query);
        let mut lists = Lists::default();
        lists.save_view(view.clone()).unwrap();
        lists
            .save_view(SavedView {
                text: "anders".into(),
                ..view
            })
            .unwrap();
        assert_eq!(lists.views.len(), 1);
        assert_eq!(lists.views[0].text, "anders");
        assert!(lists.delete_view("mijn zoekopdracht"));
    }

    #[test]
    fn unknown_groups_and_sorts_in_a_view_are_ignored() {
        let view = SavedView {
            name: "x".into(),
            filters: BTreeMap::from([("toekomst".into(), vec!["a".into()])]),
            sort: "popularity".into(),
            ..SavedView::default()
        };
        assert_eq!(view.to_query(), Query::default());
    }

    #[test]
    fn the_bundled_inventory_and_files_have_distinct_keys() {
        assert_eq!(inventory_key(None), "bundled");
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("x.sqlite");
        std::fs::write(&f, "").unwrap();
        let via_dots = dir.path().join(".").join("x.sqlite");
        assert_eq!(inventory_key(Some(&f)), inventory_key(Some(&via_dots)));
        assert!(inventory_key(Some(&f)).starts_with("file:"));
    }
}
