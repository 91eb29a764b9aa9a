//! `dispatch` in background mode, as the run loop uses it: what is typed in the search bar is
//! searched by the worker (`Effect::StartSearch`, answered by `Msg::SearchDone`); everything that
//! acts on the results is searched at once. The worker is played by the test: no threads.

use super::*;
use crate::core::model::Lang;
use crate::core::query::{self, Results};
use crate::tui::fixture::{self, key, typing};
use crate::tui::msg::{KeyCode, Msg};
use crate::tui::state::Awaited;
use crate::tui::view::tests::{render, screen_text};

fn background(lang: Lang) -> State {
    let mut s = fixture::state_of(fixture::inventory(), lang);
    s.background_search = true;
    s
}

/// The searches asked of the worker since the last call, as (id, query text).
fn requests(state: &mut State) -> Vec<(u64, String)> {
    std::mem::take(&mut state.outbox)
        .into_iter()
        .filter_map(|e| match e {
            Effect::StartSearch { id, query } => Some((id, query.text)),
            _ => None,
        })
        .collect()
}

/// The worker answers search `id`, for a query text (with the state's filters and sort).
fn answer(state: &mut State, id: u64, text: &str) {
    let mut q = state.ui.query.clone();
    q.text = text.into();
    let results = query::run(&state.index, &state.matcher, &q);
    dispatch(state, [Msg::SearchDone { id, results }]);
}

/// The id of the one search asked of the worker since the last call.
fn one_request(state: &mut State) -> u64 {
    let asked = requests(state);
    let [(id, _)] = asked[..] else {
        panic!("one search asked for, got {asked:?}");
    };
    id
}

fn current(state: &State) -> Results {
    query::run(&state.index, &state.matcher, &state.ui.query)
}

#[test]
fn typed_text_goes_to_the_worker_and_the_old_results_stay_until_it_answers() {
    let mut s = background(Lang::Nl);
    let all = s.results.clone();
    dispatch(&mut s, typing("/polar"));
    // The text is in the bar at once; the results are still the old ones.
    assert_eq!(s.ui.query.text, "polar");
    assert_eq!(s.results, all);
    let asked = requests(&mut s);
    let [(id, text)] = asked.as_slice() else {
        panic!("one search for the whole burst, got {asked:?}");
    };
    assert_eq!(text, "polar");
    assert_eq!(
        s.awaited,
        Some(Awaited {
            id: *id,
            reselect: Reselect::Top
        })
    );
    // The search bar says it is searching instead of giving the old count as the new one.
    let screen = screen_text(render(&mut s, 80, 24).backend().buffer());
    assert!(screen.contains("zoeken…"), "{screen}");
    assert!(!screen.contains("8 van 8"), "{screen}");

    let generation = s.generation;
    answer(&mut s, *id, "polar");
    assert_eq!(s.results, current(&s));
    assert!(s.results.hits.len() < all.hits.len());
    assert_eq!(s.awaited, None);
    assert_eq!(s.ui.selected, 0);
    assert!(s.generation > generation, "the frame redraws");
    let screen = screen_text(render(&mut s, 80, 24).backend().buffer());
    assert!(!screen.contains("zoeken…"), "{screen}");
}

#[test]
fn the_search_bar_says_searching_in_english_too() {
    let mut s = background(Lang::En);
    dispatch(&mut s, typing("/polar"));
    let screen = screen_text(render(&mut s, 80, 24).backend().buffer());
    assert!(screen.contains("searching…"), "{screen}");
}

#[test]
fn an_answer_to_a_superseded_search_is_dropped() {
    let mut s = background(Lang::Nl);
    dispatch(&mut s, typing("/pol"));
    let first = one_request(&mut s);
    dispatch(&mut s, [key(KeyCode::Backspace)]);
    dispatch(&mut s, typing("dder"));
    let asked = requests(&mut s);
    assert_eq!(asked.len(), 2);
    let (last, text) = asked[1].clone();
    assert_eq!(text, "podder");
    assert!(last > first);
    // The worker finished the first search before it saw the newer ones: too late.
    let before = s.results.clone();
    answer(&mut s, first, "pol");
    assert_eq!(s.results, before);
    assert_eq!(s.awaited.map(|a| a.id), Some(last));
    answer(&mut s, last, "podder");
    assert_eq!(s.results, current(&s));
    assert_eq!(s.awaited, None);
}

#[test]
fn a_key_that_acts_on_the_results_first_finishes_the_search_here() {
    let mut s = background(Lang::Nl);
    // In one burst: typed, then Down — the Down must move through the new results.
    let mut msgs = typing("/ouders");
    msgs.push(key(KeyCode::Down));
    dispatch(&mut s, msgs);
    assert!(
        requests(&mut s).is_empty(),
        "searched here, not on the worker"
    );
    assert_eq!(s.results, current(&s));
    assert_eq!(s.ui.selected, 1.min(s.results.hits.len() - 1));

    // Over two bursts: Esc leaves the bar without waiting, `j` then finishes the search.
    dispatch(&mut s, [Msg::Key(Key::ctrl('u'))]);
    let mut msgs = typing("polar");
    msgs.push(key(KeyCode::Esc));
    dispatch(&mut s, msgs);
    let asked = requests(&mut s);
    assert_eq!(asked.len(), 2, "Ctrl-U and the typing: {asked:?}");
    assert_eq!(s.ui.focus, Pane::Results);
    dispatch(&mut s, [Msg::Key(Key::char('j'))]);
    assert_eq!(s.awaited, None);
    assert_eq!(s.results, current(&s));
    assert_eq!(s.ui.selected, 1.min(s.results.hits.len() - 1));
    // The worker's late answer changes nothing.
    let (late, _) = asked[1];
    let before = (s.results.clone(), s.ui.selected);
    answer(&mut s, late, "polar");
    assert_eq!((s.results.clone(), s.ui.selected), before);
}

#[test]
fn a_facet_toggle_searches_at_once_and_supersedes_what_is_awaited() {
    let mut s = background(Lang::Nl);
    dispatch(&mut s, typing("/o"));
    let typed = one_request(&mut s);
    // Tab to the facet pane and toggle the first value of the first group.
    dispatch(&mut s, [key(KeyCode::Tab)]);
    assert_eq!(s.awaited, None, "Tab acts on the results: searched here");
    dispatch(&mut s, [key(KeyCode::Down), key(KeyCode::Enter)]);
    assert!(s.ui.query.has_filters());
    assert!(requests(&mut s).is_empty());
    assert_eq!(s.results, current(&s));
    answer(&mut s, typed, "o");
    assert_eq!(s.results, current(&s));
}

#[test]
fn without_background_mode_everything_is_searched_inside_dispatch() {
    let mut s = fixture::state();
    dispatch(&mut s, typing("/polar"));
    assert!(requests(&mut s).is_empty());
    assert_eq!(s.awaited, None);
    assert_eq!(s.results, current(&s));
}
