//! Dynamic shell completion (clap_complete's `CompleteEnv`): the shell asks the program itself,
//! so `weerbaar show <Tab>` offers the inventory's intervention ids, `--shortlist <Tab>` this
//! user's shortlists and `--theme <Tab>` the vocabulary, never file names. Registered with
//! `source <(COMPLETE=bash weerbaar)` (see the README). Each function is best effort: a
//! database or shortlist file that cannot be read gives no candidates, never an error.

use clap_complete::engine::CompletionCandidate;

use crate::core::model::FacetGroup;
use crate::core::shortlist::{Storage, inventory_key};

/// The inventory completion looks in: `WEERBAAR_DB` when set (as the program would open it),
/// else the bundled one. A `--db` on the line being completed is not seen by the completer.
fn db_path() -> Option<std::path::PathBuf> {
    std::env::var_os("WEERBAAR_DB")
        .filter(|p| !p.is_empty())
        .map(Into::into)
}

/// Every intervention id, with its name as the help the shell shows beside it.
pub fn intervention_ids() -> Vec<CompletionCandidate> {
    let db = crate::core::inventory::database(db_path().as_deref());
    let Ok(db) = db else {
        return Vec::new();
    };
    let Ok(index) = crate::core::inventory::load_keys(&db, |_| {}) else {
        return Vec::new();
    };
    (0..index.len())
        .map(|r| {
            CompletionCandidate::new(index.id(r).to_string())
                .help(Some(index.name(r).to_string().into()))
        })
        .collect()
}

/// This user's shortlists of the inventory completion looks in.
pub fn shortlist_names() -> Vec<CompletionCandidate> {
    let Ok(storage) = Storage::locate() else {
        return Vec::new();
    };
    let Ok(loaded) = storage.load() else {
        return Vec::new();
    };
    let key = inventory_key(db_path().as_deref());
    loaded
        .book
        .lists(&key)
        .map(|lists| lists.names())
        .unwrap_or_default()
        .into_iter()
        .map(|name| CompletionCandidate::new(for_shell(&name)))
        .collect()
}

/// A name with spaces as the shell must get it: bash inserts a candidate as it is, so
/// "Mijn shortlist" would become two words; it gets a backslash before each space. (zsh and
/// fish quote candidates themselves.)
fn for_shell(name: &str) -> String {
    // Only clap_complete's bash script sets this (`COMPLETE` itself is gone by now).
    let bash = std::env::var_os("_CLAP_COMPLETE_COMP_TYPE").is_some();
    if bash {
        name.replace(' ', "\\ ")
    } else {
        name.to_string()
    }
}

/// The ids of a vocabulary, with their Dutch label as help (from `model::vocab`, the one table).
fn vocabulary(group: FacetGroup) -> Vec<CompletionCandidate> {
    let mut out: Vec<CompletionCandidate> = group
        .vocabulary()
        .unwrap_or(&[])
        .iter()
        .map(|t| CompletionCandidate::new(t.id).help(Some(t.nl.into())))
        .collect();
    if group == FacetGroup::Evidence {
        out.push(
            CompletionCandidate::new("erkend")
                .help(Some("elke erkenning / any recognition".into())),
        );
    }
    out
}

pub fn themes() -> Vec<CompletionCandidate> {
    vocabulary(FacetGroup::Theme)
}
pub fn target_groups() -> Vec<CompletionCandidate> {
    vocabulary(FacetGroup::TargetGroup)
}
pub fn levels() -> Vec<CompletionCandidate> {
    vocabulary(FacetGroup::Level)
}
pub fn offer_types() -> Vec<CompletionCandidate> {
    vocabulary(FacetGroup::OfferType)
}
pub fn prevention() -> Vec<CompletionCandidate> {
    vocabulary(FacetGroup::Prevention)
}
pub fn dimensions() -> Vec<CompletionCandidate> {
    vocabulary(FacetGroup::Dimension)
}
pub fn working_elements() -> Vec<CompletionCandidate> {
    vocabulary(FacetGroup::WorkingElement)
}
pub fn evidence() -> Vec<CompletionCandidate> {
    vocabulary(FacetGroup::Evidence)
}

/// Provider names of the inventory completion looks in.
pub fn providers() -> Vec<CompletionCandidate> {
    let db = crate::core::inventory::database(db_path().as_deref());
    let Ok(index) = db.and_then(|db| crate::core::inventory::load_keys(&db, |_| {})) else {
        return Vec::new();
    };
    index
        .group(FacetGroup::Provider)
        .values
        .iter()
        .map(|v| CompletionCandidate::new(v.id.clone()))
        .collect()
}
