//! The bundled inventory stays honest: the committed database matches the TOML sources, and every
//! entry is sourced, uses defined vocabulary and claims no evidence it cannot back up.

// Test code: a panic here is a failed test, not a user's crash.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::path::Path;

use weerbaar::core::model::provenance;
use weerbaar::core::model::vocab::{COUNTRIES, ESS_THEMES, country_codes, is_recognition};
use weerbaar::core::model::{FacetGroup, current_year};
use weerbaar::core::store::{self, Inventory, source};

fn data_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data"))
}

fn bundled() -> Inventory {
    match store::open_bundled() {
        Ok(inv) => inv,
        Err(e) => panic!("the bundled inventory does not open: {e}"),
    }
}

#[test]
fn committed_database_matches_the_sources() {
    let set = source::read_dir(data_dir(), current_year());
    let problems: Vec<String> = set.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        problems.is_empty(),
        "the sources have problems:\n{}",
        problems.join("\n")
    );
    let inv = bundled();
    assert_eq!(
        inv.metadata, set.metadata,
        "data/inventory.sqlite is stale: run `cargo run -- db build`"
    );
    assert_eq!(inv.interventions.len(), set.interventions.len());
    for (db, src) in inv.interventions.iter().zip(&set.interventions) {
        assert_eq!(db, src, "{} differs: run `cargo run -- db build`", src.id);
    }
}

#[test]
fn the_inventory_holds_at_least_sixty_interventions_and_five_per_ess_theme() {
    let inv = bundled();
    assert!(
        inv.interventions.len() >= 60,
        "only {}",
        inv.interventions.len()
    );
    for theme in ESS_THEMES {
        let n = inv
            .interventions
            .iter()
            .filter(|i| i.themes.iter().any(|t| t == theme))
            .count();
        assert!(n >= 5, "theme {theme} has only {n} interventions");
    }
}

#[test]
fn every_entry_has_a_source_with_a_checked_date() {
    for i in &bundled().interventions {
        assert!(!i.sources.is_empty(), "{} has no source", i.id);
        for s in &i.sources {
            assert!(
                s.url.starts_with("https://") || s.url.starts_with("http://"),
                "{}: {}",
                i.id,
                s.url
            );
            assert!(
                source::is_valid_date(&s.checked, current_year()),
                "{}: source {} has checked date {:?}",
                i.id,
                s.url,
                s.checked
            );
        }
    }
}

#[test]
fn every_vocabulary_id_in_the_data_is_defined() {
    for i in &bundled().interventions {
        for group in FacetGroup::ALL {
            if group == FacetGroup::Provider {
                continue;
            }
            for id in i.values(group) {
                assert!(
                    group.term(id).is_some(),
                    "{}: {} `{id}` is not defined",
                    i.id,
                    group.id()
                );
            }
        }
    }
}

#[test]
fn ids_and_names_are_unique() {
    let inv = bundled();
    let mut ids = HashSet::new();
    let mut names = HashSet::new();
    for i in &inv.interventions {
        assert!(ids.insert(i.id.clone()), "duplicate id {}", i.id);
        assert!(
            names.insert(i.name.to_lowercase()),
            "duplicate name {}",
            i.name
        );
    }
}

#[test]
fn every_recognition_is_recorded_as_the_databank_records_it() {
    for i in &bundled().interventions {
        let e = &i.evidence;
        if is_recognition(&e.level) {
            for (what, value) in [
                ("status", &e.status),
                ("date", &e.date),
                ("assessing body", &e.body),
                ("databank", &e.databank),
                ("databank URL", &e.databank_url),
            ] {
                assert!(!value.is_empty(), "{}: {} without a {what}", i.id, e.level);
            }
            assert!(e.year.is_some(), "{}: {} without a year", i.id, e.level);
        }
    }
}

#[test]
fn every_filled_field_is_backed_by_a_source() {
    for i in &bundled().interventions {
        assert_eq!(
            provenance::unsupported(i),
            Vec::<&str>::new(),
            "{}: fields no source backs",
            i.id
        );
    }
}

#[test]
fn every_country_is_a_list_of_codes() {
    for i in &bundled().interventions {
        for code in country_codes(&i.country) {
            assert!(
                COUNTRIES.iter().any(|c| c.id == code),
                "{}: country `{code}`",
                i.id
            );
        }
    }
}

#[test]
fn every_entry_says_what_it_is_and_who_provides_it() {
    // The aim, approach, framing and working elements may be empty where no source states
    // them (docs/data-guide.md); the summary and the providers may not.
    for i in &bundled().interventions {
        assert!(!i.summary.trim().is_empty(), "{}: empty summary", i.id);
        assert!(!i.providers.is_empty(), "{}: no provider", i.id);
    }
}
