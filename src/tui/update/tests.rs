//! `update` driven by message sequences, without a terminal.

use super::*;
use crate::core::model::FacetGroup;
use crate::core::query::{self, Query, Sort};
use crate::tui::fixture::{self, key, typing};
use crate::tui::msg::{Key, KeyCode, Mouse, MouseKind, Msg};
use crate::tui::state::{FacetRow, Overlay, Pane, State};

fn run(state: &mut State, msgs: impl IntoIterator<Item = Msg>) -> bool {
    let quit = dispatch(state, msgs);
    assert_invariants(state);
    quit
}

/// What must hold after every message: cursors inside their lists, the selection on screen,
/// and results that are exactly what the query core says for the query.
/// The explorer's invariants, the same ones the property test checks after every step.
fn assert_invariants(state: &State) {
    if let Err(broken) = crate::tui::props::check(state, &mut None) {
        panic!("{broken}");
    }
}

fn names(state: &State) -> Vec<String> {
    state
        .results
        .hits
        .iter()
        .map(|h| state.index.name(h.index).to_string())
        .collect()
}

/// Move the facet cursor to a value by keys: Tab to the facet pane, then Down until there.
fn goto_facet(state: &mut State, group: FacetGroup, id: &str) {
    run(state, [Msg::Key(Key::char('g'))]);
    let v = state.index.group(group).position(id).expect("value exists");
    let target = state
        .facet_rows()
        .iter()
        .position(|r| *r == FacetRow::Value(group, v))
        .expect("group is open");
    for _ in 0..target {
        run(state, [Msg::Key(Key::char('j'))]);
    }
    assert_eq!(state.ui.facet_cursor, target);
}

#[test]
fn typing_a_search_narrows_the_results_and_counts_at_once() {
    let mut s = fixture::state();
    assert_eq!(s.results.hits.len(), 8);
    let all_counts = s.results.facets.clone();
    let mut msgs = typing("/polar");
    msgs.insert(0, key(KeyCode::Esc));
    run(&mut s, msgs);
    assert_eq!(s.ui.focus, Pane::Search);
    assert_eq!(s.ui.query.text, "polar");
    let found = names(&s);
    assert!(!found.is_empty() && found.len() < 8, "{found:?}");
    assert!(found.contains(&"Ouders in gesprek over polarisatie".to_string()));
    assert!(!found.contains(&"Sterke meiden".to_string()));
    assert_ne!(
        s.results.facets, all_counts,
        "facet counts follow the search"
    );
    // Narrowing further never widens.
    let before = s.results.hits.len();
    run(&mut s, typing("isatie"));
    assert!(s.results.hits.len() <= before);
}

#[test]
fn a_burst_of_typing_is_matched_once() {
    let mut s = fixture::state();
    run(&mut s, [Msg::Key(Key::char('/'))]);
    let generation = s.ui.query.text.len() as u64 + s.generation;
    run(&mut s, typing("ouders"));
    assert_eq!(s.generation, generation + 1);
    assert_eq!(s.ui.query.text, "ouders");
}

#[test]
fn esc_keeps_the_query_and_ctrl_u_clears_it() {
    let mut s = fixture::state();
    run(&mut s, typing("/meiden"));
    let narrowed = s.results.hits.len();
    run(&mut s, [key(KeyCode::Esc)]);
    assert_eq!(s.ui.focus, Pane::Results);
    assert_eq!(s.ui.query.text, "meiden");
    assert_eq!(s.results.hits.len(), narrowed);
    // Letters are shortcuts again, not typed: `j` moves, it does not search.
    run(&mut s, [Msg::Key(Key::char('j'))]);
    assert_eq!(s.ui.query.text, "meiden");
    run(&mut s, [Msg::Key(Key::ctrl('u'))]);
    assert_eq!(s.ui.query.text, "");
    assert_eq!(s.results.hits.len(), 8);
}

#[test]
fn search_editing_works_by_char_for_diacritics() {
    let mut s = fixture::state();
    run(&mut s, typing("/coöp"));
    assert_eq!(s.ui.search_cursor, 4);
    // The name matches best; `coop` is also a synonym of a theme, which finds more.
    assert_eq!(names(&s)[0], "Coöperatie in de wijk");
    run(
        &mut s,
        [
            key(KeyCode::Left),
            key(KeyCode::Left),
            key(KeyCode::Backspace),
        ],
    );
    assert_eq!(s.ui.query.text, "cöp");
    run(&mut s, [key(KeyCode::Home), key(KeyCode::Delete)]);
    assert_eq!(s.ui.query.text, "öp");
    assert_eq!(s.ui.search_cursor, 0);
    run(&mut s, [key(KeyCode::End), Msg::Key(Key::char('e'))]);
    assert_eq!(s.ui.query.text, "öpe");
}

#[test]
fn facet_toggles_change_results_and_counts_as_the_query_core_does() {
    let mut s = fixture::state();
    run(&mut s, [Msg::Key(Key::char('h'))]);
    assert_eq!(s.ui.focus, Pane::Facets);
    goto_facet(&mut s, FacetGroup::Theme, "polarisatie");
    let shown = s.results.facet(FacetGroup::Theme).unwrap().values[s
        .index
        .group(FacetGroup::Theme)
        .position("polarisatie")
        .unwrap()]
    .count;
    run(&mut s, [key(KeyCode::Enter)]);
    assert!(s.ui.query.is_selected(FacetGroup::Theme, "polarisatie"));
    // The count shown before toggling is what the results became.
    assert_eq!(s.results.hits.len(), shown);
    let mut expected = Query::default();
    expected.toggle(FacetGroup::Theme, "polarisatie");
    assert_eq!(
        s.results,
        query::run(&s.index, &s.matcher, &expected),
        "same results and counts as the core"
    );

    // A second value in another group narrows (AND); Space toggles like Enter.
    goto_facet(&mut s, FacetGroup::TargetGroup, "docenten");
    run(&mut s, [Msg::Key(Key::char(' '))]);
    assert_eq!(names(&s), vec!["Dialoog in de klas"]);
    // Toggling it again restores the previous results.
    run(&mut s, [Msg::Key(Key::char(' '))]);
    assert_eq!(s.results.hits.len(), shown);

    // One key clears every filter.
    run(&mut s, [Msg::Key(Key::char('x'))]);
    assert!(!s.ui.query.has_filters());
    assert_eq!(s.results.hits.len(), 8);
}

#[test]
fn groups_fold_and_unfold_with_the_cursor_on_their_heading() {
    let mut s = fixture::state();
    run(&mut s, [key(KeyCode::Left)]);
    assert_eq!(s.ui.focus, Pane::Facets);
    let open = s.facet_rows().len();
    assert_eq!(s.facet_rows()[0], FacetRow::Group(FacetGroup::Theme));
    run(&mut s, [key(KeyCode::Enter)]);
    assert!(s.ui.collapsed.contains(&FacetGroup::Theme));
    let themes = s.index.group(FacetGroup::Theme).values.len();
    assert_eq!(s.facet_rows().len(), open - themes);
    assert_eq!(s.ui.facet_cursor, 0);
    run(&mut s, [key(KeyCode::Enter)]);
    assert_eq!(s.facet_rows().len(), open);
    // Providers start folded and unfold like any group.
    run(&mut s, [Msg::Key(Key::char('G'))]);
    assert_eq!(
        s.facet_rows()[s.ui.facet_cursor],
        FacetRow::Group(FacetGroup::Provider)
    );
    run(&mut s, [key(KeyCode::Enter), Msg::Key(Key::char('G'))]);
    assert!(matches!(
        s.facet_rows()[s.ui.facet_cursor],
        FacetRow::Value(FacetGroup::Provider, _)
    ));
}

#[test]
fn sort_toggle_cycles_and_keeps_the_selected_intervention() {
    let mut s = fixture::state();
    run(&mut s, [Msg::Key(Key::char('j')), Msg::Key(Key::char('j'))]);
    let chosen = s.selected_record();
    run(&mut s, [Msg::Key(Key::char('o'))]);
    assert_eq!(s.ui.query.sort, Sort::Name);
    assert_eq!(s.selected_record(), chosen);
    let sorted = names(&s);
    let mut expected = sorted.clone();
    expected.sort();
    assert_eq!(sorted, expected);
    run(&mut s, [Msg::Key(Key::char('o'))]);
    assert_eq!(s.ui.query.sort, Sort::Evidence);
    run(&mut s, [Msg::Key(Key::char('o'))]);
    assert_eq!(s.ui.query.sort, Sort::Relevance);
}

#[test]
fn moving_keeps_the_selection_visible_and_in_bounds() {
    let mut s = fixture::state();
    run(&mut s, [Msg::Resize(80, 20)]);
    let visible = s.results_rows();
    assert!(visible < 8, "the test needs scrolling ({visible} visible)");
    run(&mut s, [Msg::Key(Key::char('G'))]);
    assert_eq!(s.ui.selected, 7);
    assert_eq!(s.ui.results_offset, 8 - visible);
    run(&mut s, [key(KeyCode::PageUp)]);
    run(&mut s, [Msg::Key(Key::char('g'))]);
    assert_eq!((s.ui.selected, s.ui.results_offset), (0, 0));
    for _ in 0..20 {
        run(&mut s, [key(KeyCode::Down)]);
    }
    assert_eq!(s.ui.selected, 7);
    run(&mut s, [key(KeyCode::PageDown), key(KeyCode::End)]);
    assert_eq!(s.ui.selected, 7);
    // A search that matches nothing leaves an empty, valid state; clearing it restores.
    run(&mut s, typing("/zzzzqqq"));
    assert!(s.results.hits.is_empty());
    run(&mut s, [key(KeyCode::Down), key(KeyCode::PageDown)]);
    assert_eq!(s.ui.selected, 0);
    run(&mut s, [Msg::Key(Key::ctrl('u'))]);
    assert_eq!(s.results.hits.len(), 8);
}

#[test]
fn every_message_at_every_size_keeps_the_state_valid() {
    let mut s = fixture::state();
    let sizes = [
        (1, 1),
        (0, 0),
        (59, 11),
        (60, 12),
        (80, 24),
        (140, 45),
        (200, 10),
    ];
    let keys = [
        key(KeyCode::Down),
        key(KeyCode::PageDown),
        key(KeyCode::End),
        key(KeyCode::Tab),
        key(KeyCode::Enter),
        key(KeyCode::BackTab),
        key(KeyCode::Up),
        Msg::Key(Key::char('G')),
        Msg::Key(Key::char(' ')),
        Msg::Key(Key::char('l')),
        Msg::Key(Key::char('o')),
        Msg::Key(Key::char('x')),
        Msg::Key(Key::char('/')),
        Msg::Key(Key::char('ë')),
        key(KeyCode::Esc),
        Msg::Key(Key::char('?')),
        Msg::Key(Key::char('z')),
        key(KeyCode::PageDown),
        key(KeyCode::Esc),
        Msg::Mouse(Mouse {
            kind: MouseKind::Click,
            column: 40,
            row: 10,
        }),
        Msg::Mouse(Mouse {
            kind: MouseKind::ScrollDown,
            column: 100,
            row: 10,
        }),
        Msg::Mouse(Mouse {
            kind: MouseKind::Click,
            column: 5,
            row: 6,
        }),
    ];
    for (w, h) in sizes {
        run(&mut s, [Msg::Resize(w, h)]);
        for k in &keys {
            assert!(!run(&mut s, [k.clone()]));
        }
    }
}

#[test]
fn enter_on_a_result_opens_its_detail_which_scrolls() {
    let mut s = fixture::state();
    run(&mut s, [key(KeyCode::Enter)]);
    assert_eq!(s.ui.focus, Pane::Detail);
    run(&mut s, [key(KeyCode::Down), key(KeyCode::Down)]);
    assert_eq!(s.ui.detail_scroll, 2);
    run(&mut s, [Msg::Key(Key::char('G'))]);
    let bottom = s.ui.detail_scroll;
    assert!(bottom > 2, "the fixture's detail is longer than the pane");
    run(&mut s, [key(KeyCode::Down)]);
    assert_eq!(s.ui.detail_scroll, bottom, "no scrolling past the end");
    // Another intervention starts at its top.
    run(&mut s, [key(KeyCode::Left), key(KeyCode::Down)]);
    assert_eq!(s.ui.focus, Pane::Results);
    assert_eq!(s.ui.detail_scroll, 0);
}

#[test]
fn help_opens_filters_by_typing_and_closes_without_quitting() {
    let mut s = fixture::state();
    run(&mut s, [Msg::Key(Key::char('?'))]);
    assert!(matches!(s.ui.overlay, Some(Overlay::Help(_))));
    // `q` is typed into the help filter, not taken as quit.
    assert!(!run(&mut s, typing("sort")));
    let Some(Overlay::Help(help)) = &s.ui.overlay else {
        panic!("help closed")
    };
    assert_eq!(help.filter, "sort");
    run(&mut s, [key(KeyCode::Backspace)]);
    run(&mut s, [key(KeyCode::Esc)]);
    assert_eq!(s.ui.overlay, None);
    assert!(run(&mut s, [Msg::Key(Key::char('q'))]));
}

#[test]
fn q_types_in_the_search_bar_but_ctrl_c_always_quits() {
    let mut s = fixture::state();
    assert!(!run(&mut s, typing("/q")));
    assert_eq!(s.ui.query.text, "q");
    assert!(run(&mut s, [Msg::Quit]));
}

#[test]
fn mouse_clicks_select_and_toggle_and_the_wheel_scrolls() {
    let mut s = fixture::state();
    run(&mut s, [Msg::Resize(140, 45)]);
    // Results pane starts at column 32, row 3; its inner area at row 4 is the header, and at
    // 140 columns each result takes two lines: row 7 is the second result.
    run(
        &mut s,
        [Msg::Mouse(Mouse {
            kind: MouseKind::Click,
            column: 50,
            row: 7,
        })],
    );
    assert_eq!(s.ui.focus, Pane::Results);
    assert_eq!(s.ui.selected, 1);
    // Facet pane: row 4 is the Theme heading, row 5 its first value.
    run(
        &mut s,
        [Msg::Mouse(Mouse {
            kind: MouseKind::Click,
            column: 5,
            row: 5,
        })],
    );
    assert_eq!(s.ui.focus, Pane::Facets);
    assert_eq!(s.ui.query.filters.len(), 1, "a click toggles the value");
    // The wheel over the detail scrolls it without taking the focus.
    run(
        &mut s,
        [Msg::Mouse(Mouse {
            kind: MouseKind::ScrollDown,
            column: 120,
            row: 20,
        })],
    );
    assert_eq!(s.ui.focus, Pane::Facets);
    assert!(s.ui.detail_scroll > 0);
}

#[test]
fn y_copies_the_selected_interventions_citation() {
    let mut s = fixture::state();
    let name = names(&s)[0].clone();
    let effects = update(&mut s, Msg::Key(Key::char('y')));
    let [Effect::Copy(text)] = effects.as_slice() else {
        panic!("expected one copy, got {effects:?}");
    };
    assert!(text.starts_with(&format!("{name}.")), "{text}");
    assert!(text.contains("geraadpleegd op"), "{text}");
    // Nothing selected: a notice, no copy.
    run(&mut s, typing("/zzzzqqq"));
    run(&mut s, [key(KeyCode::Esc)]);
    assert!(s.results.hits.is_empty());
    assert_eq!(update(&mut s, Msg::Key(Key::char('y'))), vec![]);
    assert!(s.ui.notice.is_some());
}

#[test]
fn configured_keys_drive_the_explorer_and_its_help() {
    let config = crate::core::config::parse(
        "[keys]\npreset = \"arrows\"\nsort = \"s\"\n",
        std::path::Path::new("c.toml"),
    )
    .config;
    let mut s = fixture::state();
    s.apply_config(&config);
    let before = s.ui.selected;
    run(&mut s, [Msg::Key(Key::char('j'))]);
    assert_eq!(
        s.ui.selected, before,
        "j does nothing with the arrows preset"
    );
    run(&mut s, [key(KeyCode::Down)]);
    assert_eq!(s.ui.selected, before + 1);
    let sort = s.ui.query.sort;
    run(&mut s, [Msg::Key(Key::char('s'))]);
    assert_ne!(s.ui.query.sort, sort, "s sorts now");
    // The help lists the keys in effect.
    let help = crate::tui::keymap::help_lines_with(crate::core::model::Lang::En, "sort", &s.keys);
    assert!(help.iter().any(|l| matches!(
        l,
        crate::tui::keymap::HelpLine::Entry { keys, .. } if keys == "s"
    )));
}

#[test]
fn esc_leaves_the_full_width_detail_of_a_narrow_terminal() {
    let mut s = fixture::state();
    run(&mut s, [Msg::Resize(80, 24), key(KeyCode::Enter)]);
    assert_eq!(s.ui.focus, Pane::Detail);
    let areas = crate::tui::layout::areas(80, 24, s.ui.focus).expect("80×24 fits");
    assert_eq!(areas.results, None, "the detail takes the results' place");
    run(&mut s, [key(KeyCode::Esc)]);
    assert_eq!(s.ui.focus, Pane::Results);
    let areas = crate::tui::layout::areas(80, 24, s.ui.focus).expect("80×24 fits");
    assert!(areas.results.is_some(), "the results are back");
    // Esc elsewhere changes nothing (and never quits).
    assert!(!run(&mut s, [key(KeyCode::Esc)]));
    assert_eq!(s.ui.focus, Pane::Results);
}

#[test]
fn the_help_lists_ctrl_c_as_quit_anywhere() {
    let s = fixture::state();
    let lines = crate::tui::keymap::help_lines_with(s.ui.lang, "ctrl-c", &s.keys);
    assert!(
        lines.iter().any(|l| matches!(l,
            crate::tui::keymap::HelpLine::Entry { keys, action }
                if keys == "Ctrl-C" && action.starts_with("stoppen"))),
        "{lines:?}"
    );
}
