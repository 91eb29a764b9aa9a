//! The view rendered into a test terminal: reviewed snapshots at a small, a large and a too
//! small size, plus checks on what the snapshots cannot show (styles, control characters).

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

use super::*;
use crate::core::model::Lang;
use crate::core::model::text::{sanitize, sanitize_line};
use crate::tui::dispatch;
use crate::tui::fixture::{self, key, typing};
use crate::tui::msg::{Key, KeyCode, Msg};

pub(crate) fn render(state: &mut State, width: u16, height: u16) -> Terminal<TestBackend> {
    dispatch(state, [Msg::Resize(width, height)]);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal
        .draw(|frame| draw(state, frame))
        .expect("drawing into a test backend");
    terminal
}

pub(crate) fn screen_text(buffer: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// Find the cell where `needle` starts on screen (by cells, so it works for non-ASCII text).
fn find(buffer: &Buffer, needle: &str) -> Option<(u16, u16)> {
    find_in(buffer, needle, 0..buffer.area.width)
}

/// The same, starting only in these columns (to look in one pane).
fn find_in(buffer: &Buffer, needle: &str, columns: std::ops::Range<u16>) -> Option<(u16, u16)> {
    let chars: Vec<char> = needle.chars().collect();
    for y in 0..buffer.area.height {
        for x in columns.clone() {
            let fits = chars.iter().enumerate().all(|(i, c)| {
                let cx = x as usize + i;
                cx < buffer.area.width as usize && buffer[(cx as u16, y)].symbol() == c.to_string()
            });
            if fits {
                return Some((x, y));
            }
        }
    }
    None
}

#[test]
fn explorer_at_80x24() {
    let mut s = fixture::state();
    let t = render(&mut s, 80, 24);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn explorer_at_140x45_with_search_and_filter() {
    let mut s = fixture::state();
    dispatch(&mut s, typing("/polar"));
    dispatch(&mut s, [key(KeyCode::Esc), Msg::Key(Key::char('h'))]);
    // First value of the first group (Thema: Weerbaar opvoeden).
    dispatch(&mut s, [key(KeyCode::Down), key(KeyCode::Enter)]);
    dispatch(&mut s, [Msg::Key(Key::char('l'))]);
    let t = render(&mut s, 140, 45);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn detail_replaces_the_results_in_a_narrow_terminal_and_scrolls() {
    let mut s = fixture::state();
    dispatch(&mut s, [key(KeyCode::Enter)]);
    dispatch(&mut s, [key(KeyCode::PageDown)]);
    let t = render(&mut s, 80, 24);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn english_at_140x45() {
    let mut s = fixture::state_of(fixture::inventory(), Lang::En);
    let t = render(&mut s, 140, 45);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn help_overlay_filtered_by_typing() {
    let mut s = fixture::state();
    dispatch(&mut s, typing("?shift"));
    let t = render(&mut s, 80, 24);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn help_overlay_shows_rebound_keys() {
    // Quit moved to `x` in the compare view only; the help filtered on "stoppen" (quit) lists
    // quit in every context, with `x` under the compare view and `q` elsewhere.
    let loaded = crate::core::config::parse(
        "[keys.compare]\nquit = \"x\"\n",
        std::path::Path::new("c.toml"),
    );
    assert_eq!(loaded.problems, vec![]);
    let mut s = fixture::state();
    s.apply_config(&loaded.config);
    dispatch(&mut s, typing("?stoppen"));
    let t = render(&mut s, 80, 24);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn too_small_says_so_and_never_panics() {
    let mut s = fixture::state();
    let t = render(&mut s, 40, 10);
    insta::assert_snapshot!(t.backend());
    for (w, h) in [(1, 1), (1, 30), (200, 1), (59, 12), (60, 11), (2, 2)] {
        let t = render(&mut s, w, h);
        let text = screen_text(t.backend().buffer());
        assert!(text.starts_with('t'), "{w}×{h}: {text:?}");
    }
    // Every overlay and focus at the smallest workable size draws without panicking.
    dispatch(&mut s, [Msg::Key(Key::char('?'))]);
    for (w, h) in [(1, 1), (60, 12), (3, 3)] {
        render(&mut s, w, h);
    }
}

#[test]
fn zero_counts_are_dimmed_not_hidden_and_selections_carry_a_symbol() {
    let mut s = fixture::state();
    dispatch(&mut s, [Msg::Key(Key::char('h'))]);
    // No fixture record has the theme "Ondermijning", so its count is 0.
    let t = render(&mut s, 140, 45);
    let buf = t.backend().buffer();
    let (x, y) = find(buf, "Ondermijning").expect("a zero-count value is still listed");
    assert!(buf[(x, y)].modifier.contains(Modifier::DIM), "dimmed");
    // Inside the facet pane's borders (columns 1..31 at 140 wide).
    let row: String = (1..31)
        .map(|cx| buf[(cx, y)].symbol().to_string())
        .collect();
    assert!(row.trim_end().ends_with(" 0"), "{row}");

    // Selecting a value marks it with [x], whatever the colours.
    let (_, py) = find(buf, "Polarisatie").expect("listed");
    let target = usize::from(py - 4);
    dispatch(&mut s, (0..target).map(|_| key(KeyCode::Down)));
    dispatch(&mut s, [key(KeyCode::Enter)]);
    let t = render(&mut s, 140, 45);
    let buf = t.backend().buffer();
    let (px, py) = find(buf, "Polarisatie").expect("listed");
    let before: String = (px - 4..px)
        .map(|cx| buf[(cx, py)].symbol().to_string())
        .collect();
    assert_eq!(before, "[x] ");
}

#[test]
fn matched_chars_are_highlighted_by_char_in_names_with_diacritics() {
    let mut s = fixture::state();
    dispatch(&mut s, typing("/beinv"));
    let t = render(&mut s, 140, 45);
    let buf = t.backend().buffer();
    // At 140 columns the results pane spans columns 32..86.
    let (x, y) = find_in(buf, "Beïnvloedbaarheid", 32..86).expect("the match is listed");
    let underlined: Vec<bool> = (0..7)
        .map(|i| buf[(x + i, y)].modifier.contains(Modifier::UNDERLINED))
        .collect();
    // B e ï n v are matched (ï by its folded form i); l o are not.
    assert_eq!(underlined, vec![true, true, true, true, true, false, false]);
}

/// An inventory whose text holds an escape sequence and other control characters.
fn hostile(clean: bool) -> crate::core::store::Inventory {
    let mut inv = fixture::inventory();
    let raw_name = "Evil\u{1b}[2J\u{1b}]0;pwned\u{7} naam\u{9b}31m\u{202e}";
    let raw_text = "Tekst\u{1b}[31m rood\u{0}\u{8}\u{7f}\r\nmet\ttab";
    let item = &mut inv.interventions[0];
    if clean {
        // What the store does at load.
        item.name = sanitize_line(raw_name);
        item.summary = sanitize(raw_text, true);
        item.providers = vec![sanitize_line(raw_name)];
    } else {
        item.name = raw_name.into();
        item.summary = raw_text.into();
        item.providers = vec![raw_name.into()];
        item.themes.push(raw_name.into());
    }
    inv.metadata.title = if clean {
        sanitize_line(raw_name)
    } else {
        raw_name.into()
    };
    inv
}

#[test]
fn control_characters_in_data_never_reach_the_screen() {
    for clean in [true, false] {
        let mut s = fixture::state_of(hostile(clean), Lang::Nl);
        // Select the hostile record by searching for it, and show its detail.
        dispatch(&mut s, typing("/evil"));
        dispatch(&mut s, [key(KeyCode::Esc)]);
        for (w, h) in [(140, 45), (80, 24)] {
            let t = render(&mut s, w, h);
            let text = screen_text(t.backend().buffer());
            assert!(text.contains("Evil"), "the record is on screen");
            for bad in [
                '\u{1b}', '\u{7}', '\u{0}', '\u{8}', '\u{7f}', '\u{9b}', '\u{202e}', '\r',
            ] {
                assert!(
                    !text.contains(bad),
                    "{bad:?} reached the screen (clean: {clean})"
                );
            }
            assert!(
                !text.contains("[2J"),
                "escape sequence remnants (clean: {clean})"
            );
            assert!(
                !text.contains("pwned"),
                "OSC payload shown (clean: {clean})"
            );
        }
    }
}

#[test]
fn every_format_character_is_drawn_as_nothing_and_borders_stay_put() {
    use crate::core::model::text::FORMAT_CHARS;
    let all: String = FORMAT_CHARS.iter().collect();
    // The line and paragraph separators become spaces in a one-line field; the rest vanish.
    let invisible: String = FORMAT_CHARS
        .iter()
        .filter(|c| !matches!(c, '\u{2028}' | '\u{2029}'))
        .collect();
    for clean in [true, false] {
        let mut inv = fixture::inventory();
        let raw = format!("Zw{invisible}art{all}");
        inv.interventions[0].name = if clean { sanitize_line(&raw) } else { raw };
        inv.interventions[0].summary = format!("Regel{all}een\u{2028}twee");
        let mut s = fixture::state_of(inv, Lang::Nl);
        dispatch(&mut s, typing("/zw"));
        dispatch(&mut s, [key(KeyCode::Esc)]);
        let t = render(&mut s, 100, 30);
        let buffer = t.backend().buffer();
        let text = screen_text(buffer);
        assert!(text.contains("Zwart"), "{text}");
        for c in FORMAT_CHARS {
            assert!(
                !text.contains(*c),
                "{c:?} reached the screen (clean: {clean})"
            );
        }
        // Every row is as wide as the screen: no cell was lost to a zero-width char.
        for y in 0..buffer.area.height {
            let row: String = (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect();
            assert_eq!(
                unicode_width::UnicodeWidthStr::width(row.as_str()),
                100,
                "row {y}: {row}"
            );
        }
    }
}

#[test]
fn the_detail_ends_with_related_interventions_and_their_reasons() {
    let mut s = fixture::state();
    // The detail alone, scrolled to its end.
    dispatch(&mut s, [key(KeyCode::Enter), key(KeyCode::End)]);
    let t = render(&mut s, 80, 24);
    let text = screen_text(t.backend().buffer());
    // Numbered for the 1–5 keys, with the similarity and what is shared.
    assert!(text.contains("toets 1–5 toont er een"), "{text}");
    assert!(text.contains("1  60% Dialoog in de klas"));
    assert!(text.contains("Werkzame elementen: Dialoog"));
    assert!(text.contains("5  14% Coöperatie in de wijk"));
}

/// The explorer over the bundled database, with records fetched when shown, draws exactly what
/// it draws with every record in memory: the list, the detail with its related section, the
/// compare view and the shortlist view.
#[test]
fn records_fetched_from_the_database_draw_the_same_screens_as_records_in_memory() {
    use crate::core::store::{Database, Records};
    let db = Database::open_bundled().expect("bundled database");
    let index = crate::core::inventory::load(&db).expect("index");
    let theme = crate::tui::ThemeKind::Plain;
    let mut disk = State::open(Records::database(db), index, Lang::Nl, theme, fixture::YEAR);
    let inventory = crate::core::store::open_bundled().expect("bundled inventory");
    let mut memory = State::new(inventory, Lang::Nl, theme, fixture::YEAR);
    let steps: Vec<Vec<Msg>> = vec![
        Vec::new(),
        typing("jjj"),
        [typing("/ouders"), vec![key(KeyCode::Esc)]].concat(),
        typing("lG"),
        typing("hcjjcC"),
        [vec![key(KeyCode::Esc)], typing("kcS")].concat(),
    ];
    for (n, msgs) in steps.into_iter().enumerate() {
        dispatch(&mut disk, msgs.clone());
        dispatch(&mut memory, msgs);
        let (a, b) = (render(&mut disk, 140, 45), render(&mut memory, 140, 45));
        assert_eq!(
            screen_text(a.backend().buffer()),
            screen_text(b.backend().buffer()),
            "step {n}"
        );
    }
}

/// A record the index lists but the file no longer gives (changed or damaged since it was
/// opened): the detail names it and says so, compare keeps its column, `y` warns, an export of
/// the results fails with a message. Never a panic.
#[test]
fn a_record_that_can_no_longer_be_read_is_named_and_marked() {
    use crate::core::store::Records;
    let full = fixture::inventory();
    let index = crate::core::query::Index::build(&full);
    let mut partial = full.clone();
    let gone = partial.interventions.remove(0);
    let theme = crate::tui::ThemeKind::Plain;
    let mut s = State::open(Records::in_memory(partial), index, Lang::Nl, theme, 2026);
    let row = s.results.hits.iter().position(|h| h.index == 0);
    s.select(row.expect("the record is listed"));
    let t = render(&mut s, 140, 45);
    let text = screen_text(t.backend().buffer());
    assert!(text.contains(&gone.name), "{text}");
    assert!(
        text.contains("⚠ deze interventie kan niet (meer) uit het bestand"),
        "{text}"
    );

    dispatch(&mut s, [Msg::Key(Key::char('y'))]);
    assert!(s.outbox.is_empty());
    assert!(matches!(
        &s.ui.notice,
        Some(crate::tui::state::Notice::Warning(t)) if t.contains("kan niet (meer)")
    ));

    let request = crate::tui::msg::ExportRequest {
        source: crate::tui::msg::ExportSource::Results,
        format: crate::core::export::Format::Csv,
        path: std::env::temp_dir().join("weerbaar-never-written.csv"),
        overwrite: false,
    };
    let failure = crate::tui::outside::write_export(&s, &request).expect_err("a record is gone");
    assert!(failure.message.starts_with(&gone.id), "{}", failure.message);
    assert!(!request.path.exists());

    dispatch(&mut s, typing("cjcC"));
    let t = render(&mut s, 140, 45);
    let text = screen_text(t.backend().buffer());
    assert!(text.contains(&format!("⚠ {}", gone.name)), "{text}");
}

#[test]
fn evidence_levels_stay_distinguishable_in_a_narrow_facet_pane() {
    let mut s = fixture::state();
    // To the facet pane, and down to its last group (Bewijs).
    dispatch(&mut s, [Msg::Resize(80, 24), Msg::Key(Key::char('h'))]);
    dispatch(&mut s, [Msg::Key(Key::char('G'))]);
    let t = render(&mut s, 80, 24);
    let text = screen_text(t.backend().buffer());
    for start in ["Sterke aanw", "Goede aanw", "Eerste aanw"] {
        assert!(text.contains(start), "{start} not on screen:\n{text}");
    }
    assert!(!text.contains("Effectief vol"), "{text}");
}

/// The first frame of a large inventory, before its index exists: the progress line in the
/// results and the status line; then the keys arrive, and while the text is indexed a search
/// says the long text is not searched yet; `q` works throughout.
#[test]
fn loading_shows_progress_then_results_and_says_the_text_is_not_searched_yet() {
    use crate::tui::msg::{LoadStage, Loading, SharedIndex};
    let inventory = fixture::inventory();
    let whole = std::sync::Arc::new(crate::core::query::Index::build(&inventory));
    let theme = crate::tui::ThemeKind::Plain;
    let records = crate::core::store::Records::in_memory(inventory);
    let mut s = State::loading(records, Lang::Nl, theme, fixture::YEAR);
    let progress = |stage, read| {
        Msg::LoadProgress(Loading {
            stage,
            read,
            total: 100_000,
        })
    };
    dispatch(&mut s, [progress(LoadStage::Keys, 35_000)]);
    let text = screen_text(render(&mut s, 120, 35).backend().buffer());
    assert_eq!(
        text.matches("Inventaris laden… 35.000 van 100.000").count(),
        2,
        "{text}"
    );
    assert!(text.contains("Inventaris laden…│"), "{text}");
    // No counts yet: not "Interventies (0)" nor a 0 behind every facet value, as if empty.
    assert!(text.contains("Interventies (…)"), "{text}");
    assert!(!text.contains("(0)"), "{text}");
    let facet_line = text
        .lines()
        .find(|l| l.contains("[ ] "))
        .expect("a facet value");
    assert!(facet_line.contains(" …│"), "{facet_line}");

    // The keys (here the whole index stands in for them) make the results usable.
    let loaded = Msg::Loaded {
        index: SharedIndex(whole.clone()),
        complete: false,
    };
    dispatch(&mut s, [loaded, progress(LoadStage::Text, 20_000)]);
    dispatch(&mut s, typing("/ouders"));
    let text = screen_text(render(&mut s, 120, 35).backend().buffer());
    assert!(text.contains("Tekst indexeren… 20.000 van 100.000 · tekst nog niet doorzocht"));
    assert!(
        text.contains("2 van 8 · tekst nog niet doorzocht┃"),
        "{text}"
    );
    assert!(!text.contains("Inventaris laden"));

    let complete = Msg::Loaded {
        index: SharedIndex(whole),
        complete: true,
    };
    dispatch(&mut s, [complete]);
    let text = screen_text(render(&mut s, 120, 35).backend().buffer());
    assert!(!text.contains("nog niet doorzocht"), "{text}");
    assert!(text.contains("Testinventaris · gegevens per 2026-11-01"));

    let mut s = State::loading(
        crate::core::store::Records::in_memory(fixture::inventory()),
        Lang::Nl,
        theme,
        fixture::YEAR,
    );
    assert!(dispatch(&mut s, [Msg::Key(Key::char('q'))]));
}

#[test]
fn at_start_the_one_cursor_mark_is_in_the_pane_that_has_the_focus() {
    let mut s = fixture::state();
    let t = render(&mut s, 80, 24);
    let text = screen_text(t.backend().buffer());
    assert_eq!(
        text.matches(crate::tui::symbols::CURSOR).count(),
        1,
        "{text}"
    );
    let (_, y) = find(t.backend().buffer(), crate::tui::symbols::CURSOR).unwrap_or_default();
    assert!(
        text.lines()
            .nth(y as usize)
            .unwrap_or("")
            .contains("Beïnvloedbaarheid")
    );
    // Tab to the filters: the mark there is the cursor the keys move.
    dispatch(&mut s, [Msg::Key(Key::char('h'))]);
    let t = render(&mut s, 80, 24);
    let text = screen_text(t.backend().buffer());
    assert!(text.contains("┃▶▾ Thema"), "{text}");
}

#[test]
fn a_search_that_finds_nothing_suggests_the_nearest_word() {
    let mut s = fixture::state();
    dispatch(&mut s, typing("/polarisatiexyz"));
    let t = render(&mut s, 80, 24);
    let text = screen_text(t.backend().buffer());
    assert!(text.contains("Bedoelde je `polarisatie`?"), "{text}");
}
