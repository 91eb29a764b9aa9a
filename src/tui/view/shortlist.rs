//! The shortlist view (`S`): the shortlists on the left (the active one marked ●, with the number
//! of items), the items of the one under the cursor on the right, each with its evidence badge
//! and its note; an id no longer in the inventory is shown flagged ⚠, never hidden.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::core::i18n::Text;
use crate::core::model::vocab::evidence_badge;

use super::super::shelf::ShelfPane;
use super::super::state::State;
use super::super::symbols::{ACTIVE, CURSOR, MISSING};
use super::super::theme::Theme;
use super::text::{fit, safe, wrap};
use super::{open_block, render_lines};
use unicode_width::UnicodeWidthStr;

/// Columns given to the list of shortlists.
const LISTS_WIDTH: u16 = 30;

/// The body of the view: everything between the search bar and the status line.
pub fn draw(state: &State, frame: &mut Frame, area: Rect, theme: &Theme) {
    let lists_w = LISTS_WIDTH.min(area.width / 2);
    let left = Rect::new(area.x, area.y, lists_w, area.height);
    let right = Rect::new(area.x + lists_w, area.y, area.width - lists_w, area.height);
    draw_lists(state, frame, left, theme);
    draw_items(state, frame, right, theme);
}

/// The first row to show so that `cursor` is inside `visible` rows.
fn window(cursor: usize, visible: usize) -> usize {
    if visible == 0 {
        0
    } else {
        cursor.saturating_sub(visible - 1)
    }
}

/// The style of a row: under the cursor of the focused pane, of the other pane, or plain.
fn cursor_style(is_cursor: bool, focused: bool, theme: &Theme) -> ratatui::style::Style {
    match (is_cursor, focused) {
        (true, true) => theme.cursor,
        (true, false) => theme.cursor_unfocused,
        _ => theme.base,
    }
}

fn draw_lists(state: &State, frame: &mut Frame, area: Rect, theme: &Theme) {
    let lang = state.ui.lang;
    let shelf = &state.ui.shelf;
    let focused = shelf.pane == ShelfPane::Lists;
    let heading = format!(
        "{} ({})",
        Text::Shortlists.get(lang),
        shelf.lists.shortlists.len()
    );
    let Some(inner) = open_block(frame, area, heading, focused, theme) else {
        return;
    };
    let width = inner.width as usize;
    let mut lines = Vec::new();
    if shelf.lists.shortlists.is_empty() {
        lines.push(Line::styled(Text::NoShortlists.get(lang), theme.dim));
    }
    let visible = inner.height as usize;
    for (row, list) in shelf
        .lists
        .shortlists
        .iter()
        .enumerate()
        .skip(window(shelf.list_cursor, visible))
        .take(visible)
    {
        let is_cursor = row == shelf.list_cursor;
        let style = cursor_style(is_cursor, focused, theme);
        let active = shelf.lists.active.as_deref() == Some(list.name.as_str());
        let spans = vec![
            Span::raw(if is_cursor { CURSOR } else { " " }),
            Span::styled(if active { ACTIVE } else { " " }, theme.selected),
            Span::raw(" "),
            Span::raw(safe(&list.name).into_owned()),
            Span::styled(format!(" ({})", list.items.len()), theme.dim),
        ];
        lines.push(Line::from(fit(spans, width, true)).style(style));
    }
    render_lines(frame, inner, lines);
}

fn draw_items(state: &State, frame: &mut Frame, area: Rect, theme: &Theme) {
    let lang = state.ui.lang;
    let shelf = &state.ui.shelf;
    let focused = shelf.pane == ShelfPane::Items;
    let list = shelf.current();
    let heading = match list {
        Some(l) => format!("{}: {}", Text::ItemsTitle.get(lang), safe(&l.name)),
        None => Text::ItemsTitle.get(lang).to_string(),
    };
    let Some(inner) = open_block(frame, area, heading, focused, theme) else {
        return;
    };
    let width = inner.width as usize;
    let mut lines = Vec::new();
    let Some(list) = list else {
        render_lines(frame, inner, lines);
        return;
    };
    if list.items.is_empty() {
        lines.push(Line::styled(Text::EmptyShortlist.get(lang), theme.dim));
    }
    // Two lines per item: the name and evidence, then the note; the note under the cursor is
    // shown whole, wrapped (its lines kept), so a long note can be read without the editor.
    let label = format!("  {}: ", Text::ShortlistNote.get(lang));
    let note_width = width.saturating_sub(label.width()).max(10);
    let cursor_note: Vec<String> = list
        .items
        .get(shelf.item_cursor)
        .filter(|i| !i.note.is_empty())
        .map(|i| wrap(&i.note, note_width))
        .unwrap_or_default();
    let extra = cursor_note.len().saturating_sub(1);
    let visible = (inner.height as usize).saturating_sub(extra) / 2;
    let visible = visible.max(1);
    for (row, item) in list
        .items
        .iter()
        .enumerate()
        .skip(window(shelf.item_cursor, visible))
        .take(visible)
    {
        let is_cursor = row == shelf.item_cursor;
        let style = cursor_style(is_cursor, focused, theme);
        let dim = if is_cursor { style } else { theme.dim };
        let marker = Span::raw(format!("{} ", if is_cursor { CURSOR } else { " " }));
        // Name and evidence from the index: drawing the list reads no record.
        let first = match state.index.position_of(&item.id) {
            Some(record) => {
                let (dots, code) = evidence_badge(state.index.evidence_level(record));
                vec![
                    marker,
                    Span::raw(safe(state.index.name(record)).into_owned()),
                    Span::styled(format!("  {dots} {code}"), dim),
                ]
            }
            None => vec![
                marker,
                Span::styled(format!("{MISSING} {}", safe(&item.id)), theme.warning),
                Span::styled(format!("  {}", Text::NotInInventory.get(lang)), dim),
            ],
        };
        lines.push(Line::from(fit(first, width, true)).style(style));
        if is_cursor && !cursor_note.is_empty() {
            let indent = " ".repeat(label.width());
            for (n, part) in cursor_note.iter().enumerate() {
                let lead = if n == 0 {
                    label.clone()
                } else {
                    indent.clone()
                };
                let spans = vec![Span::styled(format!("{lead}{}", safe(part)), style)];
                lines.push(Line::from(fit(spans, width, true)).style(style));
            }
            continue;
        }
        let note = if item.note.is_empty() {
            Span::styled(format!("  {}: —", Text::ShortlistNote.get(lang)), dim)
        } else {
            Span::styled(
                format!(
                    "  {}: {}",
                    Text::ShortlistNote.get(lang),
                    safe(&item.note.replace('\n', " / "))
                ),
                if is_cursor { style } else { theme.base },
            )
        };
        lines.push(Line::from(fit(vec![note], width, true)).style(style));
    }
    render_lines(frame, inner, lines);
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use crate::core::shortlist::{Change, Lists};
    use crate::tui::dispatch;
    use crate::tui::fixture::{self, key, typing};
    use crate::tui::msg::{ExportFailure, Key, KeyCode, Msg};
    use crate::tui::state::State;
    use crate::tui::view::draw;

    fn render(state: &mut State, width: u16, height: u16) -> Terminal<TestBackend> {
        dispatch(state, [Msg::Resize(width, height)]);
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
        terminal
            .draw(|frame| draw(state, frame))
            .expect("drawing into a test backend");
        terminal
    }

    /// Two lists; the active one has a note, an item without one and an id that is gone.
    fn with_lists() -> State {
        let mut s = fixture::state();
        let mut lists = Lists::default();
        for change in [
            Change::Create("Sessie maart".into()),
            Change::Create("Ouders".into()),
            Change::Activate("Sessie maart".into()),
        ] {
            change.apply(&mut lists).unwrap();
        }
        for id in ["vaders", "verdwenen-interventie", "dialoog-klas"] {
            Change::Toggle {
                list: "Sessie maart".into(),
                id: id.into(),
            }
            .apply(&mut lists)
            .unwrap();
        }
        Change::SetNote {
            list: "Sessie maart".into(),
            id: "vaders".into(),
            note: "Vadercentrum bellen over\\nde kosten".replace("\\n", "\n"),
        }
        .apply(&mut lists)
        .unwrap();
        dispatch(&mut s, [Msg::ListsSaved(Ok(lists))]);
        s
    }

    #[test]
    fn the_shortlist_view_at_80x24_flags_missing_ids_and_shows_notes() {
        let mut s = with_lists();
        dispatch(&mut s, [Msg::Key(Key::char('S'))]);
        let t = render(&mut s, 80, 24);
        insta::assert_snapshot!(t.backend());
    }

    #[test]
    fn results_carry_the_shortlist_marker() {
        let mut s = with_lists();
        let t = render(&mut s, 120, 20);
        insta::assert_snapshot!(t.backend());
    }

    #[test]
    fn the_export_dialog_shows_an_existing_file_and_then_the_full_path() {
        let mut s = with_lists();
        dispatch(&mut s, [Msg::Key(Key::char('e'))]);
        dispatch(
            &mut s,
            [Msg::Exported(Err(ExportFailure {
                message: "sessie-maart.xlsx".into(),
                exists: true,
            }))],
        );
        let t = render(&mut s, 80, 24);
        insta::assert_snapshot!("export_dialog_exists", t.backend());
        dispatch(
            &mut s,
            [Msg::Exported(Ok(crate::tui::msg::ExportDone {
                path: "/home/adviseur/sessies/sessie-maart.xlsx".into(),
                skipped: Vec::new(),
            }))],
        );
        let t = render(&mut s, 80, 24);
        insta::assert_snapshot!("export_dialog_written", t.backend());
    }

    #[test]
    fn the_views_dialog_and_a_note_field_in_english() {
        let mut s = with_lists();
        s.ui.lang = crate::core::model::Lang::En;
        dispatch(&mut s, typing("/ouders"));
        dispatch(&mut s, [key(KeyCode::Esc), Msg::Key(Key::char('v'))]);
        let t = render(&mut s, 80, 24);
        insta::assert_snapshot!("views_dialog_en", t.backend());
        dispatch(&mut s, [key(KeyCode::Esc), Msg::Key(Key::char('S'))]);
        dispatch(&mut s, [key(KeyCode::Tab), Msg::Key(Key::char('n'))]);
        let t = render(&mut s, 80, 24);
        insta::assert_snapshot!("note_field_en", t.backend());
    }

    #[test]
    fn the_delete_question_names_its_buttons_and_says_how_to_undo() {
        let mut s = with_lists();
        dispatch(&mut s, [Msg::Key(Key::char('S')), Msg::Key(Key::char('D'))]);
        let t = render(&mut s, 80, 24);
        insta::assert_snapshot!("delete_question", t.backend());
        dispatch(&mut s, [Msg::Key(Key::char('y'))]);
        let t = render(&mut s, 80, 24);
        insta::assert_snapshot!("deleted_with_undo_hint", t.backend());
    }

    #[test]
    fn a_long_note_is_shown_whole_and_edited_on_several_rows() {
        let mut s = with_lists();
        let long = "Vadercentrum bellen over de kosten en de duur van het traject; \
                    vragen of er een groep in Utrecht-Overvecht start na de zomer.\n\
                    Daarna terugkoppelen aan de wijkcoach.";
        let mut lists = s.ui.shelf.lists.clone();
        Change::SetNote {
            list: "Sessie maart".into(),
            id: "vaders".into(),
            note: long.into(),
        }
        .apply(&mut lists)
        .unwrap();
        dispatch(&mut s, [Msg::ListsSaved(Ok(lists))]);
        dispatch(&mut s, [Msg::Key(Key::char('S')), key(KeyCode::Tab)]);
        let t = render(&mut s, 80, 24);
        insta::assert_snapshot!("long_note_wrapped", t.backend());
        let text = crate::tui::view::tests::screen_text(t.backend().buffer());
        assert!(text.contains("wijkcoach"), "{text}");
        dispatch(&mut s, [Msg::Key(Key::char('n'))]);
        let t = render(&mut s, 80, 24);
        insta::assert_snapshot!("note_editor_rows", t.backend());
    }

    #[test]
    fn note_rows_keep_line_breaks_and_place_the_cursor() {
        use crate::tui::view::dialogs::note_rows;
        let (rows, at) = note_rows("ab\ncdef", 4, 3);
        assert_eq!(rows, ["ab", "cde", "f"]);
        assert_eq!(at, (1, 1));
        assert_eq!(note_rows("abc", 3, 3).1, (1, 0));
        assert_eq!(note_rows("", 0, 3), (vec![String::new()], (0, 0)));
    }

    #[test]
    fn dialogs_in_the_smallest_terminal_do_not_panic() {
        let mut s = with_lists();
        for keys in [&['e'][..], &['v'], &['S', 'D'], &['S', 'a']] {
            let mut s2 = with_lists();
            for c in keys {
                dispatch(&mut s2, [Msg::Key(Key::char(*c))]);
            }
            for (w, h) in [(60, 12), (61, 13), (200, 60)] {
                render(&mut s2, w, h);
            }
        }
        render(&mut s, 60, 12);
    }
}
