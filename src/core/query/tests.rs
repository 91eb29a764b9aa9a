use super::*;
use crate::core::model::{Evidence, Intervention, Weerbaarheid, WorkingElementUse};
use crate::core::store::Inventory;

fn item(id: &str, name: &str, themes: &[&str], targets: &[&str], level: &str) -> Intervention {
    Intervention {
        id: id.into(),
        name: name.into(),
        providers: vec!["Movisie".into()],
        summary: format!("Over {name}."),
        themes: themes.iter().map(|s| s.to_string()).collect(),
        target_groups: targets.iter().map(|s| s.to_string()).collect(),
        levels: vec!["groep".into()],
        weerbaarheid: Weerbaarheid {
            dimensions: vec!["zelfvertrouwen".into()],
            framing: String::new(),
        },
        working_elements: vec![WorkingElementUse {
            id: "dialoog".into(),
            note: String::new(),
        }],
        evidence: Evidence {
            level: level.into(),
            ..Evidence::default()
        },
        ..Intervention::default()
    }
}

/// Five hand-made records whose facet counts are easy to count by hand.
fn inventory() -> Inventory {
    let mut items = vec![
        item(
            "a",
            "Beïnvloedbaarheid de baas",
            &["polarisatie", "radicalisering"],
            &["jongeren"],
            "goed-onderbouwd",
        ),
        item(
            "b",
            "Coöperatie in de wijk",
            &["samenwerking"],
            &["bewoners"],
            "onbekend",
        ),
        item(
            "c",
            "Ouders in gesprek",
            &["weerbaar-opvoeden", "polarisatie"],
            &["ouders", "jongeren"],
            "eerste-aanwijzingen",
        ),
        item(
            "d",
            "Sterke meiden",
            &["empowerment"],
            &["meiden-vrouwen", "jongeren"],
            "goed-onderbouwd",
        ),
        item(
            "e",
            "Netwerk sleutelfiguren",
            &["sleutelfiguren", "samenwerking"],
            &["sleutelfiguren"],
            "niet-beoordeeld",
        ),
    ];
    items[1].providers = vec!["Gemeente Utrecht".into()];
    items.sort_by(|a, b| a.id.cmp(&b.id));
    Inventory {
        interventions: items,
        ..Inventory::default()
    }
}

fn ids(inv: &Inventory, r: &Results) -> Vec<String> {
    r.hits
        .iter()
        .map(|h| inv.interventions[h.index].id.clone())
        .collect()
}

fn search(text: &str) -> (Inventory, Results) {
    let inv = inventory();
    let index = Index::build(&inv);
    let q = Query {
        text: text.into(),
        ..Query::default()
    };
    let r = run(&index, &SkimMatcher::default(), &q);
    (inv, r)
}

fn count(index: &Index, r: &Results, group: FacetGroup, id: &str) -> usize {
    let g = index.group(group);
    let v = g.position(id).expect("value exists");
    r.facet(group).expect("group counted").values[v].count
}

#[test]
fn an_empty_query_returns_everything() {
    let (_, r) = search("");
    assert_eq!(r.hits.len(), 5);
}

#[test]
fn diacritics_are_folded_both_ways() {
    let (inv, r) = search("beinvloed");
    assert_eq!(ids(&inv, &r), vec!["a"]);
    let (inv, r) = search("cooperatie");
    assert_eq!(ids(&inv, &r), vec!["b"]);
    let (inv, r) = search("COÖPERATIE");
    assert_eq!(ids(&inv, &r), vec!["b"]);
}

#[test]
fn every_term_must_match() {
    let (inv, r) = search("ouders gesprek");
    assert_eq!(ids(&inv, &r), vec!["c"]);
    let (_, r) = search("ouders zzzqqq");
    assert!(r.hits.is_empty());
}

#[test]
fn synonyms_find_vocabulary_values() {
    // "sleutelpersoon" is a synonym of the theme and target group "sleutelfiguren".
    let (inv, r) = search("sleutelpersoon");
    assert_eq!(ids(&inv, &r), vec!["e"]);
    // "polar" finds both records with the theme polarisatie, though neither name says so.
    let (inv, r) = search("polar");
    assert_eq!(ids(&inv, &r).len(), 2);
}

#[test]
fn field_scoped_terms_only_look_in_their_field() {
    let (inv, r) = search("thema:polar");
    let mut found = ids(&inv, &r);
    found.sort();
    assert_eq!(found, vec!["a", "c"]);
    let (inv, r) = search("aanbieder:utrecht");
    assert_eq!(ids(&inv, &r), vec!["b"]);
    // "meiden" as a name term finds only the record named so, not the target group.
    let (inv, r) = search("naam:meiden");
    assert_eq!(ids(&inv, &r), vec!["d"]);
}

#[test]
fn a_name_match_outranks_a_text_match() {
    let mut inv = inventory();
    inv.interventions[2].summary = "Over sterke ouders.".into();
    let index = Index::build(&inv);
    let q = Query {
        text: "sterke".into(),
        ..Query::default()
    };
    let r = run(&index, &SkimMatcher::default(), &q);
    assert_eq!(ids(&inv, &r), vec!["d", "c"]);
}

#[test]
fn facet_counts_match_a_hand_count() {
    let inv = inventory();
    let index = Index::build(&inv);
    let m = SkimMatcher::default();
    let mut q = Query::default();
    let r = run(&index, &m, &q);
    // By hand: polarisatie a,c; samenwerking b,e; jongeren a,c,d.
    assert_eq!(count(&index, &r, FacetGroup::Theme, "polarisatie"), 2);
    assert_eq!(count(&index, &r, FacetGroup::Theme, "samenwerking"), 2);
    assert_eq!(count(&index, &r, FacetGroup::TargetGroup, "jongeren"), 3);
    assert_eq!(count(&index, &r, FacetGroup::Theme, "moskeebesturen"), 0);
    assert_eq!(
        count(&index, &r, FacetGroup::Evidence, "goed-onderbouwd"),
        2
    );

    // AND across groups: theme polarisatie and target group ouders → only c.
    q.toggle(FacetGroup::Theme, "polarisatie");
    q.toggle(FacetGroup::TargetGroup, "ouders");
    let r = run(&index, &m, &q);
    assert_eq!(ids(&inv, &r), vec!["c"]);
    // OR within a group: polarisatie or empowerment → a, c, d (before the ouders filter).
    q.toggle(FacetGroup::TargetGroup, "ouders");
    q.toggle(FacetGroup::Theme, "empowerment");
    let r = run(&index, &m, &q);
    assert_eq!(ids(&inv, &r).len(), 3);
    // A value's count ignores its own group's filter but applies the others'.
    assert_eq!(count(&index, &r, FacetGroup::Theme, "samenwerking"), 2);
    assert_eq!(count(&index, &r, FacetGroup::TargetGroup, "jongeren"), 3);
    assert_eq!(count(&index, &r, FacetGroup::TargetGroup, "bewoners"), 0);
}

#[test]
fn a_count_equals_the_results_when_that_value_is_toggled_alone() {
    let inv = inventory();
    let index = Index::build(&inv);
    let m = SkimMatcher::default();
    let base = Query {
        text: "o".into(),
        ..Query::default()
    };
    let r = run(&index, &m, &base);
    for g in &index.groups {
        for (v, info) in g.values.iter().enumerate() {
            let mut q = base.clone();
            q.toggle(g.group, &info.id);
            let toggled = run(&index, &m, &q);
            let shown = r.facet(g.group).map(|f| f.values[v].count);
            assert_eq!(shown, Some(toggled.hits.len()), "{:?} {}", g.group, info.id);
        }
    }
}

#[test]
fn min_evidence_and_sorting_by_evidence() {
    let inv = inventory();
    let index = Index::build(&inv);
    let q = Query {
        min_evidence: Some("goed-onderbouwd".into()),
        sort: Sort::Evidence,
        ..Query::default()
    };
    let r = run(&index, &SkimMatcher::default(), &q);
    // c (eerste aanwijzingen) ranks above a and d (goed onderbouwd), which sort by name.
    assert_eq!(ids(&inv, &r), vec!["c", "a", "d"]);
}

#[test]
fn sorting_by_name_is_alphabetical_ignoring_diacritics() {
    let inv = inventory();
    let index = Index::build(&inv);
    let q = Query {
        sort: Sort::Name,
        ..Query::default()
    };
    let r = run(&index, &SkimMatcher::default(), &q);
    assert_eq!(ids(&inv, &r), vec!["a", "b", "e", "c", "d"]);
}

#[test]
fn highlights_point_at_original_chars_of_the_name() {
    let inv = inventory();
    let index = Index::build(&inv);
    let ix = inv.index_of("b").expect("b exists");
    // "coop" matches "Coöp": chars 0..=3 of the original name, the ö included.
    let pos = name_highlights(&index, &SkimMatcher::default(), ix, "coop");
    assert_eq!(pos, vec![0, 1, 2, 3]);
}

#[test]
fn letters_scattered_over_a_provider_name_do_not_match() {
    let mut inv = inventory();
    inv.interventions[1].providers =
        vec!["E. Mahdi-el Yakoubi en E. Salama (methodiek Coach je kind)".into()];
    inv.interventions[2].providers =
        vec!["Stichting Interculturele Participatie en Integratie (SIPI)".into()];
    let index = Index::build(&inv);
    let m = SkimMatcher::default();
    for text in ["diamant", "triple"] {
        let q = Query {
            text: text.into(),
            ..Query::default()
        };
        assert!(
            run(&index, &m, &q).hits.is_empty(),
            "{text} matched scattered letters"
        );
    }
    // A word at the start of a name still matches, and ranks first ("e" follows through the
    // synonym "cooperation" of its theme).
    let q = Query {
        text: "coop".into(),
        ..Query::default()
    };
    assert_eq!(ids(&inv, &run(&index, &m, &q)), vec!["b", "e"]);
}

#[test]
fn a_broader_target_group_finds_and_counts_the_narrower_ones() {
    let mut inv = inventory();
    inv.interventions.push(item(
        "f",
        "Moeders aan tafel",
        &["weerbaar-opvoeden"],
        &["moeders"],
        "onbekend",
    ));
    inv.interventions.push(item(
        "g",
        "Vaders en moeders",
        &["weerbaar-opvoeden"],
        &["vaders", "moeders", "ouders"],
        "onbekend",
    ));
    let index = Index::build(&inv);
    let mut q = Query::default();
    q.toggle(FacetGroup::TargetGroup, "ouders");
    let r = run(&index, &SkimMatcher::default(), &q);
    let mut found = ids(&inv, &r);
    found.sort();
    // c is tagged `ouders`; f only `moeders`; g all three (found once).
    assert_eq!(found, vec!["c", "f", "g"]);
    assert_eq!(count(&index, &r, FacetGroup::TargetGroup, "ouders"), 3);
    assert_eq!(count(&index, &r, FacetGroup::TargetGroup, "moeders"), 2);
    // The narrower value stays narrow.
    let mut q = Query::default();
    q.toggle(FacetGroup::TargetGroup, "vaders");
    let r = run(&index, &SkimMatcher::default(), &q);
    assert_eq!(ids(&inv, &r), vec!["g"]);
    // The record still shows only what it was tagged with.
    let f = index.position_of("f").expect("f indexed");
    assert_eq!(
        index
            .value_ids(f, FacetGroup::TargetGroup)
            .collect::<Vec<_>>(),
        vec!["moeders"]
    );
}
