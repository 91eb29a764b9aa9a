//! Every context's keys can be rebound in the configuration (`[keys.<context>]`): per context,
//! the rebound key does the action and the default key it replaced no longer does.

use super::*;
use crate::tui::fixture::{self, key, typing};
use crate::tui::msg::{Key, KeyCode, Msg};
use crate::tui::shelf::Confirm;
use crate::tui::state::{Overlay, Pane, State, View};

/// The fixture's explorer with `toml` as its configuration, which must have no problems.
fn configured(toml: &str) -> State {
    let loaded = crate::core::config::parse(toml, std::path::Path::new("c.toml"));
    assert_eq!(loaded.problems, vec![], "{toml}");
    let mut s = fixture::state();
    s.apply_config(&loaded.config);
    s
}

fn press(s: &mut State, msgs: impl IntoIterator<Item = Msg>) -> bool {
    dispatch(s, msgs)
}

#[test]
fn browse_keys_rebind_in_keys_browse() {
    let mut s = configured("[keys.browse]\nsort = \"s\"\nquit = \"Q\"\n");
    let sort = s.ui.query.sort;
    press(&mut s, typing("s"));
    assert_ne!(s.ui.query.sort, sort, "s sorts");
    assert!(!press(&mut s, typing("q")), "q no longer quits");
    assert!(press(&mut s, typing("Q")));
}

#[test]
fn search_bar_keys_rebind() {
    let mut s = configured("[keys.search]\nleave-search = \"ctrl-g\"\n");
    press(&mut s, typing("/"));
    assert_eq!(s.ui.focus, Pane::Search);
    press(&mut s, [key(KeyCode::Esc)]);
    assert_eq!(s.ui.focus, Pane::Search, "Esc was given away");
    press(&mut s, [Msg::Key(Key::ctrl('g'))]);
    assert_eq!(s.ui.focus, Pane::Results);
}

#[test]
fn help_overlay_keys_rebind() {
    let mut s = configured("[keys.help]\nclose-help = \"ctrl-x\"\n");
    press(&mut s, typing("?"));
    press(&mut s, [key(KeyCode::Esc)]);
    assert!(
        matches!(s.ui.overlay, Some(Overlay::Help(_))),
        "Esc was given away"
    );
    press(&mut s, [Msg::Key(Key::ctrl('x'))]);
    assert_eq!(s.ui.overlay, None);
}

#[test]
fn shortlist_view_keys_rebind() {
    let mut s = configured("[keys.shortlists]\nleave = \"x\"\n");
    press(&mut s, typing("S"));
    assert_eq!(s.ui.view, View::Shortlists);
    press(&mut s, [key(KeyCode::Esc)]);
    assert_eq!(s.ui.view, View::Shortlists, "Esc was given away");
    press(&mut s, typing("x"));
    assert_eq!(s.ui.view, View::Explore);
}

#[test]
fn export_dialog_keys_rebind() {
    let mut s = configured("[keys.export]\ncancel = \"ctrl-q\"\n");
    press(&mut s, typing("e"));
    assert!(matches!(s.ui.overlay, Some(Overlay::Export(_))));
    press(&mut s, [key(KeyCode::Esc)]);
    assert!(
        matches!(s.ui.overlay, Some(Overlay::Export(_))),
        "Esc was given away"
    );
    press(&mut s, [Msg::Key(Key::ctrl('q'))]);
    assert_eq!(s.ui.overlay, None);
}

#[test]
fn text_field_keys_rebind() {
    let mut s = configured("[keys.input]\ncancel = \"ctrl-q\"\n");
    press(&mut s, typing("Sa"));
    assert!(matches!(s.ui.overlay, Some(Overlay::Input(_))));
    press(&mut s, [key(KeyCode::Esc)]);
    assert!(
        matches!(s.ui.overlay, Some(Overlay::Input(_))),
        "Esc was given away"
    );
    press(&mut s, [Msg::Key(Key::ctrl('q'))]);
    assert_eq!(s.ui.overlay, None);
}

#[test]
fn confirm_keys_rebind() {
    let mut s = configured("[keys.confirm]\ncancel = \"N\"\n");
    s.ui.overlay = Some(Overlay::Confirm(Confirm::DeleteList("werk".into())));
    press(&mut s, typing("n"));
    assert!(
        matches!(s.ui.overlay, Some(Overlay::Confirm(_))),
        "n was given away"
    );
    press(&mut s, typing("N"));
    assert_eq!(s.ui.overlay, None);
}

#[test]
fn saved_searches_keys_rebind() {
    let mut s = configured("[keys.views]\ncancel = \"x\"\n");
    press(&mut s, typing("v"));
    assert!(matches!(s.ui.overlay, Some(Overlay::Views(_))));
    press(&mut s, [key(KeyCode::Esc)]);
    assert!(
        matches!(s.ui.overlay, Some(Overlay::Views(_))),
        "Esc was given away"
    );
    press(&mut s, typing("x"));
    assert_eq!(s.ui.overlay, None);
}

#[test]
fn compare_view_keys_rebind() {
    let mut s = configured("[keys.compare]\nquit = [\"x\"]\n");
    press(&mut s, typing("cjcC"));
    assert_eq!(s.ui.view, View::Compare);
    let columns = s.ui.compare.records.len();
    assert!(press(&mut s, typing("x")), "x quits");
    assert_eq!(
        s.ui.compare.records.len(),
        columns,
        "x no longer removes a column"
    );
    assert!(!press(&mut s, typing("q")), "q no longer quits");
}

#[test]
fn matrix_view_keys_rebind() {
    let mut s = configured("[keys.matrix]\nclose-view = \"x\"\n");
    press(&mut s, typing("m"));
    assert_eq!(s.ui.view, View::Matrix);
    press(&mut s, [key(KeyCode::Esc)]);
    assert_eq!(s.ui.view, View::Matrix, "Esc was given away");
    press(&mut s, typing("x"));
    assert_eq!(s.ui.view, View::Explore);
}
