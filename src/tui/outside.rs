//! The explorer's IO, outside `update`: saving shortlists, writing exports and copying to the
//! clipboard. The run loop hands each `Effect` here and feeds the answer back as a `Msg`, so
//! everything that decides what happens stays pure and testable.

use std::io::Write;

use crate::core::atomic::WriteError;
use crate::core::compare;
use crate::core::export::stream::Wanted;
use crate::core::export::{self, FileError, Options};
use crate::core::query::selection_title;
use crate::core::shortlist::{Change, Lists, ShortlistError, Storage, inventory_key};
use crate::core::store::Metadata;

use crate::core::i18n::Text;

use super::msg::{Effect, ExportDone, ExportFailure, ExportRequest, ExportSource, Msg};
use super::state::State;

/// Where this inventory's shortlists are saved.
pub struct Outside {
    storage: Option<Storage>,
    key: String,
    label: String,
    /// A save failed and the file lacks that change (and those after it). The next save writes
    /// the session's lists whole: replaying one change onto the older file could fail for a
    /// reason that only hides the real one (an item added to a list whose creation was not
    /// saved), and a file that can be written again gets everything kept in the session (this
    /// inventory's lists as the explorer has them; other inventories' lists are left alone).
    behind: bool,
}

impl Outside {
    /// Find and read the shortlist file. Returns the lists of this inventory and a notice when
    /// the file had to be moved aside or cannot be used (exploring works either way).
    pub fn open(
        db: Option<&std::path::Path>,
        metadata: &Metadata,
    ) -> (Outside, Lists, Option<String>) {
        let key = inventory_key(db);
        let label = format!("{} {}", metadata.title, metadata.version);
        let (storage, lists, notice) = match Storage::locate() {
            Ok(storage) => match storage.load() {
                Ok(loaded) => {
                    let lists = loaded.book.lists(&key).cloned().unwrap_or_default();
                    (Some(storage), lists, loaded.notice)
                }
                Err(e) => (Some(storage), Lists::default(), Some(e.to_string())),
            },
            Err(e) => (None, Lists::default(), Some(e.to_string())),
        };
        (
            Outside {
                storage,
                key,
                label,
                behind: false,
            },
            lists,
            notice,
        )
    }

    /// Saving to `storage` under inventory `key`, for tests.
    #[cfg(test)]
    pub fn for_test(storage: Storage, key: &str) -> Outside {
        Outside {
            storage: Some(storage),
            key: key.into(),
            label: "test 1".into(),
            behind: false,
        }
    }

    /// Perform an effect; the answer goes back to `update`.
    pub fn perform(&mut self, state: &State, effect: Effect) -> Option<Msg> {
        match effect {
            Effect::SaveLists(change) => {
                Some(Msg::ListsSaved(self.save(&change, &state.ui.shelf.lists)))
            }
            Effect::Export(request) => Some(Msg::Exported(write_export(state, &request))),
            Effect::Copy(text) => Some(Msg::Copied(copy(&text))),
            // The run loop handles these itself.
            Effect::Quit | Effect::Search(_) | Effect::StartSearch { .. } => None,
        }
    }

    /// Save one change; `session` is the explorer's lists with the change already applied.
    fn save(&mut self, change: &Change, session: &Lists) -> Result<Lists, String> {
        let storage = self
            .storage
            .as_ref()
            .ok_or_else(|| crate::core::shortlist::StorageError::NoDataDir.to_string())?;
        let behind = self.behind;
        let saved = storage.update(|book| {
            let lists = book.lists_mut(&self.key, &self.label);
            if behind {
                let label = std::mem::take(&mut lists.label);
                *lists = session.clone();
                lists.label = label;
            } else {
                change.apply(lists).map_err(ShortlistError::from)?;
            }
            Ok::<_, ShortlistError>(lists.clone())
        });
        match saved {
            Ok((lists, _)) => {
                self.behind = false;
                Ok(lists)
            }
            Err(e) => {
                self.behind |= matches!(e, ShortlistError::Storage(_));
                Err(e.to_string())
            }
        }
    }
}

/// Write the shortlist or the current results to the requested file. The records are fetched
/// a chunk at a time while the file is written (the explorer holds only the index), so an
/// export of every result costs a few hundred records of memory, not all of them.
pub fn write_export(state: &State, request: &ExportRequest) -> Result<ExportDone, ExportFailure> {
    let failed = |message: String| ExportFailure {
        message,
        exists: false,
    };
    // Each entry's id and note, in export order.
    let (title, wanted, skipped): (String, Vec<Wanted>, Vec<String>) = match &request.source {
        ExportSource::Comparison => return write_comparison(state, request),
        ExportSource::Shortlist(name) => {
            let list = state
                .ui
                .shelf
                .lists
                .get(name)
                .ok_or_else(|| failed(format!("no shortlist named `{name}`")))?;
            // An item gone from the inventory is left out of the export and named in the
            // answer (the shortlist view flags it too).
            let ids: Vec<&str> = list.items.iter().map(|i| i.id.as_str()).collect();
            let present = state.records.present(&ids).map_err(failed)?;
            let (kept, gone): (Vec<_>, Vec<_>) =
                list.items.iter().zip(present).partition(|(_, here)| *here);
            let wanted = kept
                .into_iter()
                .map(|(i, _)| (i.id.as_str(), Some(i.note.as_str())))
                .collect();
            let skipped = gone.into_iter().map(|(i, _)| i.id.clone()).collect();
            (list.name.clone(), wanted, skipped)
        }
        ExportSource::Results => {
            let title = selection_title(
                &state.metadata().title,
                &state.ui.query,
                state.db.as_deref(),
            );
            let hits = state.results.hits.iter();
            let wanted = hits
                .filter(|h| h.index < state.index.len())
                .map(|h| (state.index.id(h.index), None))
                .collect();
            (title, wanted, Vec::new())
        }
    };
    let opts = Options {
        metadata: state.metadata(),
        lang: state.ui.lang,
        current_year: state.current_year,
        labels: false,
    };
    // A result the file no longer gives means the file changed under us: the export stops
    // with its id, and no file is left behind.
    let entries = export::stream::fetched(&state.records, &wanted, state.ui.lang);
    let path = export::write_file(
        &request.path,
        request.overwrite,
        request.format,
        &title,
        entries,
        &opts,
    )
    .map_err(write_failure)?;
    Ok(ExportDone { path, skipped })
}

/// The dialog says what to do about an existing file (Enter again), unlike the CLI's `--force`.
fn write_failure(e: FileError) -> ExportFailure {
    match e {
        FileError::Write(WriteError::Exists(path)) => ExportFailure {
            exists: true,
            message: path.display().to_string(),
        },
        e => ExportFailure {
            exists: false,
            message: e.to_string(),
        },
    }
}

/// Write the compare set's aspect table as the compare view shows it (identical rows left out
/// when the view hides them), in the order of its columns.
fn write_comparison(state: &State, request: &ExportRequest) -> Result<ExportDone, ExportFailure> {
    let failed = |message: String| ExportFailure {
        message,
        exists: false,
    };
    let ids = state.compared_ids();
    let fetched = state.records.fetch_all(&ids).map_err(failed)?;
    let mut items = Vec::with_capacity(fetched.len());
    for (id, item) in ids.iter().zip(&fetched) {
        match item {
            Some(item) => items.push(item.as_ref()),
            None => {
                let problem = Text::RecordUnreadable.get(state.ui.lang);
                return Err(failed(format!("{id}: {problem}")));
            }
        }
    }
    if items.len() < compare::MIN_ITEMS {
        return Err(failed(Text::MsgCompareTooFew.get(state.ui.lang).into()));
    }
    let mut cmp = compare::compare(&items, state.ui.lang, state.current_year);
    if state.ui.compare.hide_identical {
        cmp.rows.retain(|r| !r.identical);
    }
    let opts = Options {
        metadata: state.metadata(),
        lang: state.ui.lang,
        current_year: state.current_year,
        labels: false,
    };
    let written = export::write_comparison_file(
        &request.path,
        request.overwrite,
        request.format,
        &cmp,
        &opts,
    )
    .ok_or_else(|| {
        failed(format!(
            "{}: {}",
            request.format.id(),
            Text::MsgCompareFormats.get(state.ui.lang)
        ))
    })?;
    let path = written.map_err(|e| write_failure(FileError::Write(e)))?;
    Ok(ExportDone {
        path,
        skipped: Vec::new(),
    })
}

/// Copy through the terminal (OSC 52), which works over SSH and in most terminals and tmux
/// (with `set-clipboard on`); no clipboard library or display server is needed.
fn copy(text: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    out.write_all(osc52(text).as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| e.to_string())
}

/// The escape sequence that puts `text` on the clipboard (crossterm's, base64 and all).
fn osc52(text: &str) -> String {
    use ratatui::crossterm::Command;
    let mut sequence = String::new();
    // Writing into a String cannot fail.
    let _ = ratatui::crossterm::clipboard::CopyToClipboard::to_clipboard_from(text)
        .write_ansi(&mut sequence);
    sequence
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::export::Format;
    use crate::core::shortlist::Change;
    use crate::tui::fixture;

    #[test]
    fn after_a_failed_save_the_real_reason_is_given_and_a_later_save_writes_everything() {
        let dir = tempfile::tempdir().unwrap();
        // A data "directory" below a plain file cannot be made: every save fails.
        let blocker = dir.path().join("blocker");
        std::fs::write(&blocker, "").unwrap();
        let storage = Storage::in_dir(&blocker.join("data"));
        let mut outside = Outside {
            storage: Some(storage.clone()),
            key: "bundled".into(),
            label: "test 1".into(),
            behind: false,
        };
        // `s` on a first result: the list is created, then the item added (as the explorer does).
        let mut session = Lists::default();
        let create = Change::Create("Mijn shortlist".into());
        create.apply(&mut session).unwrap();
        let first = outside.save(&create, &session).unwrap_err();
        let toggle = Change::Toggle {
            list: "Mijn shortlist".into(),
            id: "vaders".into(),
        };
        toggle.apply(&mut session).unwrap();
        let second = outside.save(&toggle, &session).unwrap_err();
        // Not "no shortlist named `Mijn shortlist`": the file could not be written.
        assert_eq!(second, first);
        assert!(!second.contains("no shortlist named"), "{second}");

        // The folder can be made again: the next change saves the list and its first item too.
        std::fs::remove_file(&blocker).unwrap();
        let note = Change::SetNote {
            list: "Mijn shortlist".into(),
            id: "vaders".into(),
            note: "bellen".into(),
        };
        note.apply(&mut session).unwrap();
        let saved = outside.save(&note, &session).unwrap();
        assert_eq!(saved.label, "test 1");
        let on_disk = storage.load().unwrap();
        let lists = on_disk.book.lists("bundled").unwrap();
        let list = lists.get("Mijn shortlist").unwrap();
        assert!(list.contains("vaders"));
        assert_eq!(list.items[0].note, "bellen");
        assert_eq!(lists.active.as_deref(), Some("Mijn shortlist"));
    }

    #[test]
    fn the_clipboard_sequence_is_osc_52_with_the_text_in_base64() {
        assert_eq!(osc52("foo"), "\u{1b}]52;c;Zm9v\u{1b}\\");
        assert_eq!(
            osc52("weerbaar list -q 'ë'"),
            "\u{1b}]52;c;d2VlcmJhYXIgbGlzdCAtcSAnw6sn\u{1b}\\"
        );
    }

    #[test]
    fn an_export_of_the_active_shortlist_is_written_and_an_existing_file_kept() {
        let dir = tempfile::tempdir().unwrap();
        let mut state = fixture::state();
        let mut lists = Lists::default();
        Change::Create("sessie".into()).apply(&mut lists).unwrap();
        // "verdwenen" was saved from another inventory: the export leaves it out and says so.
        for id in ["vaders", "verdwenen", "moskee"] {
            Change::Toggle {
                list: "sessie".into(),
                id: id.into(),
            }
            .apply(&mut lists)
            .unwrap();
        }
        state.ui.shelf.lists = lists;
        let path = dir.path().join("sessie.csv");
        let request = ExportRequest {
            source: ExportSource::Shortlist("sessie".into()),
            format: Format::Csv,
            path: path.clone(),
            overwrite: false,
        };
        let written = write_export(&state, &request).unwrap();
        assert_eq!(written.path, std::fs::canonicalize(&path).unwrap());
        assert_eq!(written.skipped, ["verdwenen"]);
        super::super::export_dialog::open(&mut state);
        super::super::export_dialog::exported(&mut state, Ok(written.clone()));
        let notice = match &state.ui.notice {
            Some(super::super::state::Notice::Warning(t)) => t.clone(),
            other => panic!("{other:?}"),
        };
        assert!(
            notice.ends_with(
                "sessie.csv · 1 niet geëxporteerd, niet (meer) in deze inventaris: verdwenen"
            ),
            "{notice}"
        );
        let text = std::fs::read_to_string(&path).unwrap();
        let ids: Vec<String> = ::csv::Reader::from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap()[0].to_string())
            .collect();
        assert_eq!(ids, ["vaders", "moskee"]);

        let again = write_export(&state, &request).unwrap_err();
        assert!(again.exists);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        let forced = ExportRequest {
            overwrite: true,
            ..request
        };
        assert!(write_export(&state, &forced).is_ok());
    }

    #[test]
    fn the_compare_view_exports_its_table_as_shown() {
        use crate::tui::msg::{Key, KeyCode};
        use crate::tui::state::{Overlay, View};
        let dir = tempfile::tempdir().unwrap();
        let mut state = fixture::state();
        for id in ["ouders-gesprek", "beinvloedbaarheid"] {
            let record = state.index.position_of(id).unwrap();
            state.ui.compare.toggle(record);
        }
        state.ui.view = View::Compare;
        state.ui.compare.hide_identical = true;
        // `e` in the compare view: the comparison, in a format that has a comparison writer
        // (the configured default, xlsx, has none), named after what it holds.
        crate::tui::dispatch(&mut state, [Msg::Key(Key::char('e'))]);
        let Some(Overlay::Export(d)) = &state.ui.overlay else {
            panic!("no export dialog: {:?}", state.ui.overlay);
        };
        assert_eq!(d.what, super::super::export_dialog::ExportWhat::Comparison);
        assert_eq!(d.format, Format::Md);
        assert_eq!(d.path, "vergelijking-ouders-gesprek-beinvloedbaarheid.md");
        // The formats cycle over md, csv and json only.
        let mut seen = Vec::new();
        for _ in 0..3 {
            crate::tui::dispatch(&mut state, [fixture::key(KeyCode::Right)]);
            let Some(Overlay::Export(d)) = &state.ui.overlay else {
                panic!("the dialog closed");
            };
            seen.push(d.format);
        }
        assert_eq!(seen, [Format::Csv, Format::Json, Format::Md]);
        crate::tui::dispatch(&mut state, [fixture::key(KeyCode::Right)]);

        let path = dir.path().join("vergelijking.csv");
        let request = ExportRequest {
            source: ExportSource::Comparison,
            format: Format::Csv,
            path: path.clone(),
            overwrite: false,
        };
        let written = write_export(&state, &request).unwrap();
        assert_eq!(written.path, std::fs::canonicalize(&path).unwrap());
        let text = std::fs::read_to_string(&path).unwrap();
        let mut rows = ::csv::Reader::from_reader(text.as_bytes());
        let header = rows.headers().unwrap().clone();
        // Columns in the compare view's order.
        assert_eq!(&header[4], "Ouders in gesprek over polarisatie");
        assert_eq!(&header[6], "Beïnvloedbaarheid de baas");
        let rows: Vec<::csv::StringRecord> = rows.records().map(|r| r.unwrap()).collect();
        // The view hides identical aspects, and so does the file.
        assert!(rows.iter().skip(1).all(|r| &r[2] == "false"), "{text}");
        let themes = rows.iter().find(|r| &r[0] == "themes").unwrap();
        assert_eq!(&themes[3], "Polarisatie");

        // A record format is refused for a comparison, and nothing is written.
        let xlsx = ExportRequest {
            format: Format::Xlsx,
            path: dir.path().join("vergelijking.xlsx"),
            ..request.clone()
        };
        let refused = write_export(&state, &xlsx).unwrap_err();
        assert!(
            refused.message.contains("md, csv of json"),
            "{}",
            refused.message
        );
        assert!(!dir.path().join("vergelijking.xlsx").exists());
    }

    #[test]
    fn the_compare_view_needs_two_to_export() {
        use crate::tui::msg::Key;
        use crate::tui::state::{Notice, View};
        let mut state = fixture::state();
        state.ui.compare.toggle(0);
        state.ui.view = View::Compare;
        crate::tui::dispatch(&mut state, [Msg::Key(Key::char('e'))]);
        assert!(state.ui.overlay.is_none());
        assert!(
            matches!(&state.ui.notice, Some(Notice::Warning(t)) if t.contains("twee tot vier")),
            "{:?}",
            state.ui.notice
        );
    }

    #[test]
    fn the_dialog_says_an_export_is_under_way_until_it_is_written() {
        use crate::tui::msg::KeyCode;
        use crate::tui::state::Overlay;
        use crate::tui::view::tests::{render, screen_text};
        let dir = tempfile::tempdir().unwrap();
        let mut state = fixture::state();
        super::super::export_dialog::open(&mut state);
        if let Some(Overlay::Export(d)) = &mut state.ui.overlay {
            d.path = dir.path().join("alles.csv").display().to_string();
        }
        let effects = crate::tui::update(&mut state, fixture::key(KeyCode::Enter));
        let Some(Effect::Export(request)) = effects.first() else {
            panic!("no export asked for: {effects:?}");
        };
        // The frame drawn before the (possibly long) write says it is under way.
        let screen = screen_text(render(&mut state, 100, 30).backend().buffer());
        assert!(screen.contains("bezig met exporteren"), "{screen}");
        let done = write_export(&state, request);
        super::super::export_dialog::exported(&mut state, done);
        let screen = screen_text(render(&mut state, 100, 30).backend().buffer());
        assert!(!screen.contains("bezig met exporteren"), "{screen}");
        assert!(screen.contains("✓ geschreven"), "{screen}");
    }
}
