//! Shortlists, the export dialog and saved searches in the explorer, driven by messages: what
//! the user sees change, and which effects the run loop is asked to perform.

use std::path::PathBuf;

use crate::core::export::Format;
use crate::core::shortlist::{Change, Lists};
use crate::tui::dispatch;
use crate::tui::export_dialog::{ExportField, ExportWhat};
use crate::tui::fixture::{self, key, typing};
use crate::tui::msg::{Effect, ExportDone, ExportFailure, ExportRequest, Key, KeyCode, Msg};
use crate::tui::state::{Notice, Overlay, State, View};

use super::ShelfPane;

fn press(state: &mut State, c: char) {
    dispatch(state, [Msg::Key(Key::char(c))]);
}

fn selected_id(state: &State) -> String {
    let r = state.selected_record().expect("a selection");
    state.index.id(r).to_string()
}

/// Answer every pending save as the storage would when it succeeds.
fn save_all(state: &mut State) -> Vec<Effect> {
    let effects = std::mem::take(&mut state.outbox);
    let lists = state.ui.shelf.lists.clone();
    dispatch(state, [Msg::ListsSaved(Ok(lists))]);
    effects
}

#[test]
fn s_puts_the_selection_in_a_first_list_and_takes_it_out_again() {
    let mut s = fixture::state();
    let id = selected_id(&s);
    press(&mut s, 's');
    let list =
        s.ui.shelf
            .active()
            .expect("a list was created and activated");
    assert_eq!(list.name, "Mijn shortlist");
    assert!(list.contains(&id));
    assert_eq!(
        s.outbox,
        vec![
            Effect::SaveLists(Change::Create("Mijn shortlist".into())),
            Effect::SaveLists(Change::Toggle {
                list: "Mijn shortlist".into(),
                id: id.clone()
            }),
        ]
    );
    // The name the user sees, not the id.
    let name = s
        .index
        .name(s.selected_record().expect("a selection"))
        .to_string();
    assert_ne!(name, id);
    assert_eq!(
        s.ui.notice,
        Some(Notice::Info(format!(
            "{name} toegevoegd aan Mijn shortlist"
        )))
    );
    save_all(&mut s);
    press(&mut s, 's');
    assert!(!s.ui.shelf.active().unwrap().contains(&id));
    assert!(matches!(&s.ui.notice, Some(Notice::Info(t)) if t.contains("gehaald uit")));
}

#[test]
fn a_failed_save_is_shown_and_the_change_kept_for_this_session() {
    let mut s = fixture::state();
    press(&mut s, 's');
    s.outbox.clear();
    dispatch(
        &mut s,
        [Msg::ListsSaved(Err(
            "/ro: cannot save the shortlists here (Permission denied)".into(),
        ))],
    );
    assert!(
        matches!(&s.ui.notice, Some(Notice::Warning(t)) if t.starts_with("niet opgeslagen: /ro"))
    );
    assert_eq!(s.ui.shelf.active().unwrap().items.len(), 1);
    // Exploring goes on: the next key works and clears the message.
    dispatch(&mut s, [key(KeyCode::Down)]);
    assert_eq!(s.ui.notice, None);
}

#[test]
fn saved_lists_from_disk_replace_the_copy() {
    let mut s = fixture::state();
    let mut on_disk = Lists::default();
    Change::Create("van de CLI".into())
        .apply(&mut on_disk)
        .unwrap();
    dispatch(&mut s, [Msg::ListsSaved(Ok(on_disk.clone()))]);
    assert_eq!(s.ui.shelf.lists, on_disk);
}

#[test]
fn n_edits_the_note_of_a_listed_result_only() {
    let mut s = fixture::state();
    press(&mut s, 'n');
    assert!(s.ui.overlay.is_none());
    assert!(matches!(&s.ui.notice, Some(Notice::Info(t)) if t.contains("eerst met s")));
    press(&mut s, 's');
    save_all(&mut s);
    press(&mut s, 'n');
    assert!(matches!(s.ui.overlay, Some(Overlay::Input(_))));
    dispatch(&mut s, typing("bellen: 06-1234"));
    dispatch(&mut s, [key(KeyCode::Enter)]);
    let id = selected_id(&s);
    assert_eq!(
        s.ui.shelf.active().unwrap().note(&id),
        Some("bellen: 06-1234")
    );
    assert!(matches!(
        s.outbox.last(),
        Some(Effect::SaveLists(Change::SetNote { .. }))
    ));
    // Reopening and confirming without a change saves nothing.
    save_all(&mut s);
    press(&mut s, 'n');
    dispatch(&mut s, [key(KeyCode::Enter)]);
    assert!(s.outbox.is_empty());
    // Esc cancels.
    press(&mut s, 'n');
    dispatch(&mut s, typing(" en mailen"));
    dispatch(&mut s, [key(KeyCode::Esc)]);
    assert_eq!(
        s.ui.shelf.active().unwrap().note(&id),
        Some("bellen: 06-1234")
    );
}

#[test]
fn the_shortlist_view_lists_items_and_edits_them() {
    let mut s = fixture::state();
    press(&mut s, 's');
    dispatch(&mut s, [key(KeyCode::Down)]);
    press(&mut s, 's');
    save_all(&mut s);
    press(&mut s, 'S');
    assert_eq!(s.ui.view, View::Shortlists);
    // Tab to the items, the second one, remove it.
    dispatch(&mut s, [key(KeyCode::Tab), key(KeyCode::Down)]);
    assert_eq!(s.ui.shelf.pane, ShelfPane::Items);
    assert_eq!(s.ui.shelf.item_cursor, 1);
    press(&mut s, 'd');
    assert_eq!(s.ui.shelf.active().unwrap().items.len(), 1);
    assert_eq!(s.ui.shelf.item_cursor, 0, "the cursor stays on an item");
    // A new list becomes the active one.
    press(&mut s, 'a');
    dispatch(&mut s, typing("Sessie april"));
    dispatch(&mut s, [key(KeyCode::Enter)]);
    assert_eq!(s.ui.shelf.lists.active.as_deref(), Some("Sessie april"));
    assert_eq!(s.ui.shelf.current().unwrap().name, "Sessie april");
    // Rename it.
    press(&mut s, 'r');
    dispatch(&mut s, [Msg::Key(Key::ctrl('u'))]);
    dispatch(&mut s, typing("Sessie mei"));
    dispatch(&mut s, [key(KeyCode::Enter)]);
    assert_eq!(s.ui.shelf.lists.active.as_deref(), Some("Sessie mei"));
    // Switch back to the first list with Enter on it.
    dispatch(
        &mut s,
        [key(KeyCode::Tab), key(KeyCode::Up), key(KeyCode::Enter)],
    );
    assert_eq!(s.ui.shelf.lists.active.as_deref(), Some("Mijn shortlist"));
    // Delete asks first; n keeps it; j and k (moving, as everywhere else) do nothing; y deletes.
    press(&mut s, 'D');
    assert!(matches!(s.ui.overlay, Some(Overlay::Confirm(_))));
    press(&mut s, 'n');
    assert_eq!(s.ui.shelf.lists.shortlists.len(), 2);
    press(&mut s, 'D');
    press(&mut s, 'j');
    press(&mut s, 'k');
    dispatch(&mut s, [key(KeyCode::Down)]);
    assert!(matches!(s.ui.overlay, Some(Overlay::Confirm(_))));
    assert_eq!(s.ui.shelf.lists.shortlists.len(), 2);
    let before = s.ui.shelf.lists.clone();
    press(&mut s, 'y');
    assert_eq!(s.ui.shelf.lists.shortlists.len(), 1);
    assert_eq!(s.ui.shelf.lists.active, None);
    // u puts it back, notes, place and active mark included, and saves that.
    s.outbox.clear();
    press(&mut s, 'u');
    assert_eq!(s.ui.shelf.lists, before);
    assert!(matches!(
        &s.outbox[..],
        [Effect::SaveLists(Change::Restore { .. })]
    ));
    press(&mut s, 'u');
    assert_eq!(s.ui.shelf.lists, before, "nothing more to undo");
    press(&mut s, 'D');
    dispatch(&mut s, [key(KeyCode::Enter)]);
    assert_eq!(s.ui.shelf.lists.shortlists.len(), 1);
    assert_eq!(s.ui.shelf.lists.active, None);
    // A name that exists already is refused with a message, nothing saved.
    s.outbox.clear();
    press(&mut s, 'a');
    dispatch(&mut s, typing("Sessie mei"));
    dispatch(&mut s, [key(KeyCode::Enter)]);
    assert!(s.outbox.is_empty());
    assert!(
        matches!(&s.ui.notice, Some(Notice::Warning(t)) if t == "er is al een shortlist met de naam “Sessie mei”"),
        "{:?}",
        s.ui.notice
    );
    // So is renaming onto an existing name, and an empty name, in the explorer's language.
    press(&mut s, 'a');
    dispatch(&mut s, typing("Sessie juni"));
    dispatch(&mut s, [key(KeyCode::Enter)]);
    s.outbox.clear();
    press(&mut s, 'r');
    dispatch(&mut s, [Msg::Key(Key::ctrl('u'))]);
    dispatch(&mut s, typing("Sessie mei"));
    dispatch(&mut s, [key(KeyCode::Enter)]);
    assert!(s.outbox.is_empty());
    assert!(
        matches!(&s.ui.notice, Some(Notice::Warning(t)) if t.ends_with("met de naam “Sessie mei”")),
        "{:?}",
        s.ui.notice
    );
    press(&mut s, 'r');
    dispatch(&mut s, [Msg::Key(Key::ctrl('u')), key(KeyCode::Enter)]);
    assert!(
        matches!(&s.ui.notice, Some(Notice::Warning(t)) if t == "een naam mag niet leeg zijn"),
        "{:?}",
        s.ui.notice
    );
    assert_eq!(s.ui.shelf.lists.active.as_deref(), Some("Sessie juni"));
    // Esc goes back to exploring.
    dispatch(&mut s, [key(KeyCode::Esc)]);
    assert_eq!(s.ui.view, View::Explore);
}

#[test]
fn the_export_dialog_defaults_follow_the_choices_and_enter_asks_to_write() {
    let mut s = fixture::state();
    press(&mut s, 'e');
    let Some(Overlay::Export(d)) = &s.ui.overlay else {
        panic!("no export dialog");
    };
    // Without a shortlist the results are exported.
    assert_eq!(d.what, ExportWhat::Results);
    assert_eq!(d.path, "resultaten.xlsx");
    dispatch(&mut s, [key(KeyCode::Esc)]);

    press(&mut s, 's');
    save_all(&mut s);
    press(&mut s, 'e');
    let Some(Overlay::Export(d)) = &s.ui.overlay else {
        panic!("no export dialog");
    };
    assert_eq!(d.what, ExportWhat::Shortlist);
    assert_eq!(d.field, ExportField::Format);
    assert_eq!(d.path, "mijn-shortlist.xlsx");
    // → changes the format, and the file name with it.
    dispatch(&mut s, [key(KeyCode::Right)]);
    let Some(Overlay::Export(d)) = &s.ui.overlay else {
        panic!()
    };
    assert_eq!(d.format, Format::Json);
    assert_eq!(d.path, "mijn-shortlist.json");
    // Once the path is edited, its name stays, and its extension follows the format.
    dispatch(&mut s, [key(KeyCode::Tab), Msg::Key(Key::ctrl('u'))]);
    dispatch(&mut s, typing("sessie-maart.xlsx"));
    dispatch(&mut s, [key(KeyCode::BackTab), key(KeyCode::Right)]);
    let Some(Overlay::Export(d)) = &s.ui.overlay else {
        panic!()
    };
    assert_eq!(d.format, Format::Md);
    assert_eq!(d.path, "sessie-maart.md");
    // The brief, as Markdown and as HTML, is one of the choices.
    dispatch(&mut s, [key(KeyCode::Right)]);
    let Some(Overlay::Export(d)) = &s.ui.overlay else {
        panic!()
    };
    assert_eq!(d.format, Format::MdBrief);
    assert_eq!(d.path, "sessie-maart.md");
    dispatch(&mut s, [key(KeyCode::Right)]);
    let Some(Overlay::Export(d)) = &s.ui.overlay else {
        panic!()
    };
    assert_eq!(d.format, Format::Html);
    assert_eq!(d.path, "sessie-maart.html");
    dispatch(&mut s, [key(KeyCode::Right)]);
    let Some(Overlay::Export(d)) = &s.ui.overlay else {
        panic!()
    };
    assert_eq!(d.format, Format::Ris);
    assert_eq!(d.path, "sessie-maart.ris");
    dispatch(&mut s, [key(KeyCode::Enter)]);
    assert_eq!(
        s.outbox,
        vec![Effect::Export(ExportRequest {
            source: crate::tui::msg::ExportSource::Shortlist("Mijn shortlist".into()),
            format: Format::Ris,
            path: PathBuf::from("sessie-maart.ris"),
            overwrite: false,
        })]
    );
    s.outbox.clear();

    // The file exists: the dialog says so, and the next Enter overwrites.
    dispatch(
        &mut s,
        [Msg::Exported(Err(ExportFailure {
            message: "sessie-maart.ris".into(),
            exists: true,
        }))],
    );
    let Some(Overlay::Export(d)) = &s.ui.overlay else {
        panic!()
    };
    assert!(d.confirm_overwrite);
    dispatch(&mut s, [key(KeyCode::Enter)]);
    assert!(matches!(&s.outbox[..], [Effect::Export(r)] if r.overwrite));
    s.outbox.clear();

    // Success shows the full path, in the dialog and the status line.
    dispatch(
        &mut s,
        [Msg::Exported(Ok(ExportDone {
            path: PathBuf::from("/home/a/sessie-maart.ris"),
            skipped: Vec::new(),
        }))],
    );
    let Some(Overlay::Export(d)) = &s.ui.overlay else {
        panic!()
    };
    assert_eq!(d.outcome, Some(Ok("/home/a/sessie-maart.ris".into())));
    assert!(
        matches!(&s.ui.notice, Some(Notice::Info(t)) if t.ends_with("/home/a/sessie-maart.ris"))
    );
}

#[test]
fn the_views_dialog_copies_the_command_line_and_saves_and_reopens_searches() {
    let mut s = fixture::state();
    dispatch(&mut s, typing("/polar"));
    dispatch(&mut s, [key(KeyCode::Esc), Msg::Key(Key::char('o'))]);
    press(&mut s, 'v');
    press(&mut s, 'c');
    assert_eq!(
        s.outbox,
        vec![Effect::Copy("weerbaar list -q polar --sort name".into())]
    );
    s.outbox.clear();
    dispatch(&mut s, [Msg::Copied(Ok(()))]);
    assert!(matches!(&s.ui.notice, Some(Notice::Info(t)) if t.contains("klembord")));

    press(&mut s, 's');
    dispatch(&mut s, typing("polarisatie op naam"));
    dispatch(&mut s, [key(KeyCode::Enter)]);
    assert!(
        matches!(s.ui.overlay, Some(Overlay::Views(_))),
        "back in the dialog"
    );
    let saved = save_all(&mut s);
    assert!(
        matches!(&saved[..], [Effect::SaveLists(Change::SaveView(v))] if v.name == "polarisatie op naam")
    );

    // Change the search, then reopen the saved one.
    dispatch(&mut s, [key(KeyCode::Esc), Msg::Key(Key::ctrl('u'))]);
    assert_eq!(s.ui.query.text, "");
    press(&mut s, 'v');
    dispatch(&mut s, [key(KeyCode::Enter)]);
    assert_eq!(s.ui.overlay, None);
    assert_eq!(s.ui.query.text, "polar");
    assert_eq!(s.ui.query.sort, crate::core::query::Sort::Name);
    let expected = crate::core::query::run(&s.index, &s.matcher, &s.ui.query);
    assert_eq!(
        s.results, expected,
        "the results follow the reopened search"
    );

    press(&mut s, 'v');
    press(&mut s, 'd');
    assert!(s.ui.shelf.lists.views.is_empty());
}

#[test]
fn the_configured_format_and_folder_are_the_dialogs_first_choice() {
    let mut s = fixture::state();
    s.export_defaults = crate::tui::export_dialog::ExportDefaults {
        format: Some(Format::Ris),
        folder: Some(PathBuf::from("/srv/exports")),
    };
    press(&mut s, 'e');
    let Some(Overlay::Export(d)) = &s.ui.overlay else {
        panic!("no export dialog");
    };
    assert_eq!(d.format, Format::Ris);
    assert_eq!(
        PathBuf::from(&d.path),
        PathBuf::from("/srv/exports").join("resultaten.ris")
    );
}

#[test]
fn the_export_dialog_exports_what_is_on_screen_under_a_name_that_says_its_format() {
    let mut s = fixture::state();
    press(&mut s, 's');
    // A search is on screen: the dialog offers the results, not the shortlist.
    dispatch(&mut s, typing("/ouders"));
    dispatch(&mut s, [key(KeyCode::Enter)]);
    press(&mut s, 'e');
    let Some(Overlay::Export(d)) = &s.ui.overlay else {
        panic!("no export dialog");
    };
    assert_eq!(d.what, ExportWhat::Results);
    // A typed name without the format's extension gets it before anything is written.
    dispatch(&mut s, [key(KeyCode::Tab), Msg::Key(Key::ctrl('u'))]);
    dispatch(&mut s, typing("notities.txt"));
    s.outbox.clear();
    dispatch(&mut s, [key(KeyCode::Enter)]);
    let [Effect::Export(request)] = &s.outbox[..] else {
        panic!("{:?}", s.outbox)
    };
    assert_eq!(request.path, PathBuf::from("notities.txt.xlsx"));
    assert_eq!(request.format, Format::Xlsx);
    let Some(Overlay::Export(d)) = &s.ui.overlay else {
        panic!()
    };
    assert_eq!(d.path, "notities.txt.xlsx");
    // In the shortlist view, e exports the list on screen, whatever the search behind it.
    dispatch(&mut s, [key(KeyCode::Esc)]);
    press(&mut s, 'S');
    press(&mut s, 'e');
    let Some(Overlay::Export(d)) = &s.ui.overlay else {
        panic!("no export dialog");
    };
    assert_eq!(d.what, ExportWhat::Shortlist);
}

#[test]
fn a_note_has_several_lines_kept_through_the_editor() {
    let mut s = fixture::state();
    press(&mut s, 's');
    press(&mut s, 'n');
    dispatch(&mut s, typing("GGD bellen"));
    dispatch(&mut s, [Msg::Key(Key::ctrl('j'))]);
    dispatch(&mut s, typing("kosten?"));
    dispatch(
        &mut s,
        [Msg::Key(Key {
            code: KeyCode::Enter,
            ctrl: false,
            alt: true,
        })],
    );
    dispatch(&mut s, typing("duur"));
    dispatch(&mut s, [key(KeyCode::Enter)]);
    let list = s.ui.shelf.active().expect("a list");
    assert_eq!(list.items[0].note, "GGD bellen\nkosten?\nduur");
    // Opened again, the editor has the lines as they are.
    press(&mut s, 'n');
    let Some(Overlay::Input(input)) = &s.ui.overlay else {
        panic!("no editor")
    };
    assert_eq!(input.text, "GGD bellen\nkosten?\nduur");
}
