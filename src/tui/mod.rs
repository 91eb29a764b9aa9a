//! The terminal explorer, in the Elm architecture: `State` (state.rs) is drawn by `view`,
//! terminal events become `Msg`s (event.rs), and `update` (pure) turns a message into a new state
//! plus `Effect`s that the run loop here performs. Only this file touches the terminal.

pub mod compare_state;
pub mod event;
pub mod export_dialog;
pub mod keymap;
pub mod layout;
pub mod loader;
pub mod msg;
pub mod outside;
pub mod rebind;
pub mod search_worker;
pub mod shelf;
pub mod state;
pub mod symbols;
pub mod theme;
pub mod timing;
pub mod update;
pub mod view;

#[cfg(test)]
mod fixture;
#[cfg(test)]
mod props;

use std::io::{self, IsTerminal, Stdout};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Once};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, event as ct_event, execute};

use crate::core::query::SkimMatcher;
use crate::core::settings::RunSettings;
use crate::core::store::Records;
use loader::Loader;
use search_worker::{Request, SearchWorker};

pub use msg::{Effect, Msg};
pub use state::State;
pub use theme::ThemeKind;
pub use update::{dispatch, update};

/// How often the run loop checks for a termination signal while waiting for input.
const SIGNAL_CHECK: Duration = Duration::from_millis(200);

/// While the inventory loads, how often the run loop looks for the loader's reports.
const LOAD_CHECK: Duration = Duration::from_millis(50);

/// How long the explorer waits for the loader before its first frame: the bundled inventory
/// (and any small file) is read well within it, so it never flashes a progress line; a large
/// one shows its first frame after this and loads behind it.
const FIRST_FRAME_WAIT: Duration = Duration::from_millis(20);

/// While a background search is awaited, how long the run loop waits for a key before it
/// looks for the search's answer again.
const ANSWER_CHECK: Duration = Duration::from_millis(5);

/// How long the run loop waits for a background search's answer before drawing the typed text
/// without it (see `quick_answer`).
const QUICK_ANSWER: Duration = Duration::from_millis(8);

/// How long the run loop gets to leave by itself after a signal before the watcher ends the
/// process.
const HANGUP_GRACE: Duration = Duration::from_secs(2);

/// Set by SIGTERM or SIGHUP (a `kill`, a closed terminal window, a dropped SSH connection).
static SIGNALLED: std::sync::OnceLock<Arc<AtomicBool>> = std::sync::OnceLock::new();

/// Which of the two signals arrived (0: none), for the exit status.
static SIGNAL_NUMBER: std::sync::OnceLock<Arc<AtomicUsize>> = std::sync::OnceLock::new();

fn session_signalled() -> bool {
    SIGNALLED.get().is_some_and(|f| f.load(Ordering::Relaxed))
}

/// The signal that ended the session, if one did.
fn ending_signal() -> Option<i32> {
    let number = SIGNAL_NUMBER.get()?.load(Ordering::Relaxed);
    i32::try_from(number).ok().filter(|&n| n > 0)
}

/// Set by SIGTSTP from outside (`kill -TSTP`; Ctrl-Z in raw mode is a key, not a signal).
static SUSPEND: std::sync::OnceLock<Arc<AtomicBool>> = std::sync::OnceLock::new();

fn suspend_asked() -> bool {
    SUSPEND
        .get()
        .is_some_and(|f| f.swap(false, Ordering::Relaxed))
}

/// Stop as a shell's job control expects: put the terminal back, stop, and on SIGCONT take the
/// screen again and draw it whole.
fn suspend(terminal: &mut Terminal<CrosstermBackend<Stdout>>, state: &State) -> io::Result<()> {
    restore_terminal();
    #[cfg(unix)]
    let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
    // Here after SIGCONT.
    enter_terminal()?;
    terminal.clear()?;
    terminal.draw(|frame| view::draw(state, frame))?;
    Ok(())
}

/// Make SIGTERM, SIGHUP, SIGINT and SIGQUIT set a flag that the run loop checks, instead of
/// killing the process with the terminal still raw. The loop cannot always see the flag: when the terminal hangs
/// up, crossterm keeps reading an empty stdin inside `poll` and never returns. So a watcher
/// thread also waits for the signal and, if the loop has not left within a grace period,
/// restores what it can and ends the process, instead of spinning on a dead terminal.
fn watch_signals() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    let flag = SIGNALLED.get_or_init(|| Arc::new(AtomicBool::new(false)));
    let number = SIGNAL_NUMBER.get_or_init(|| Arc::new(AtomicUsize::new(0)));
    let suspend = SUSPEND.get_or_init(|| Arc::new(AtomicBool::new(false)));
    signal_hook::flag::register(SIGTSTP, Arc::clone(suspend))?;
    const ENDING: [i32; 4] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT];
    for signal in ENDING {
        signal_hook::flag::register_conditional_shutdown(signal, 1, Arc::clone(flag))?;
        signal_hook::flag::register(signal, Arc::clone(flag))?;
        // Signal numbers are small and positive.
        let value = usize::try_from(signal).unwrap_or_default();
        signal_hook::flag::register_usize(signal, Arc::clone(number), value)?;
    }
    let mut signals = signal_hook::iterator::Signals::new(ENDING)?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            std::thread::sleep(HANGUP_GRACE);
            crate::core::atomic::remove_staged();
            restore_terminal();
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

/// At most this many queued events are handled before the next frame, so a flood (a long paste,
/// a stuck key) still shows progress.
const MAX_BATCH: usize = 512;

/// Open the inventory and run the explorer until the user quits. The terminal is restored on
/// every way out: quit, error and panic.
pub fn run(ctx: &RunSettings) -> Result<(), String> {
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(
            "the explorer needs a terminal; for scripts and pipes use `weerbaar list` (see --help)"
                .into(),
        );
    }
    // Open, check the schema and read the metadata here (quick); the index is built behind
    // the first frame by the loader, and a file's integrity check runs beside it. Only the
    // index is held; full records are fetched from the database when shown.
    let (db, check) =
        crate::core::inventory::database_deferred(ctx.db.as_deref()).map_err(|e| e.to_string())?;
    let mut loader = db
        .open_again()
        .map_err(|e| e.to_string())
        .and_then(|second| {
            Loader::start(second, check).map_err(|e| format!("cannot start reading: {e}"))
        })?;
    // A small inventory is read by now: its first frame shows it whole. A damaged small file
    // is refused here, before the terminal is touched.
    let loaded = loader.wait(FIRST_FRAME_WAIT);
    if let Some(failure) = loader.failure() {
        return Err(failure.to_string());
    }
    let records = Records::database(db);
    let theme = ThemeKind::from_config(ctx.config.theme, std::env::var("NO_COLOR").ok().as_deref());
    let (mut outside, lists, notice) =
        outside::Outside::open(ctx.db.as_deref(), records.metadata());
    let mut state = State::loading(records, ctx.lang, theme, ctx.current_year);
    dispatch(&mut state, loaded);
    state.apply_config(&ctx.config);
    state.db = ctx.db.clone();
    let home = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
    state.export_defaults = export_dialog::ExportDefaults {
        format: ctx.config.export_format,
        folder: ctx.config.export_folder(home.as_deref()),
    };
    state.ui.shelf.lists = lists;
    state.ui.notice = notice.map(state::Notice::Warning);
    let mut session =
        Session::start().map_err(|e| format!("cannot start the terminal explorer: {e}"))?;
    // Searches typed in the search bar run on their own thread; without one, in the loop.
    let worker = SearchWorker::start(
        Arc::clone(&state.searcher),
        Box::new(SkimMatcher::default()),
    )
    .ok();
    state.background_search = worker.is_some();
    let result = run_loop(
        &mut session.terminal,
        &mut state,
        &mut outside,
        worker.as_ref(),
        &mut loader,
    );
    drop(worker);
    drop(session);
    // A file that failed its integrity check (or could not be read) while the explorer ran:
    // the terminal is restored; leave with the one-line reason.
    if let Some(failure) = loader.failure() {
        return Err(failure.to_string());
    }
    // Ended by a signal: the terminal is restored; report it the way shells expect (128 + n),
    // so a script or a supervisor can tell a kill from a quit.
    if let Some(signal) = ending_signal() {
        std::process::exit(128 + signal);
    }
    let failures = result.map_err(|e| format!("terminal error: {e}"))?;
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("; "))
    }
}

fn run_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    state: &mut State,
    outside: &mut outside::Outside,
    worker: Option<&SearchWorker>,
    loader: &mut Loader,
) -> io::Result<Vec<String>> {
    let size = terminal.size()?;
    dispatch(state, [Msg::Resize(size.width, size.height)]);
    let mut dirty = true;
    let mut timings = timing::Timings::from_env();
    loop {
        if dirty {
            terminal.draw(|frame| view::draw(state, frame))?;
            timings.drawn(state);
        }
        // Wait for an event or, while a search runs in the background, for its answer; look
        // up now and then for a SIGTERM or SIGHUP: on one, leave through the normal way out,
        // so the terminal is restored and nothing is cut short.
        let mut msgs: Vec<Msg> = Vec::new();
        while msgs.is_empty() {
            if session_signalled() {
                return Ok(finish_queued(state, outside));
            }
            if suspend_asked() {
                suspend(terminal, state)?;
            }
            // The loader's progress and indexes, as they come.
            if loader.is_running() {
                msgs.extend(loader.take());
                if loader.failure().is_some() {
                    return Ok(Vec::new());
                }
                if !msgs.is_empty() {
                    break;
                }
            }
            let wait = if loader.is_running() {
                LOAD_CHECK
            } else {
                SIGNAL_CHECK
            };
            match worker.filter(|_| state.awaited.is_some()) {
                Some(worker) => {
                    if let Some(answer) = worker.try_answer().map_err(worker_gone)? {
                        msgs.push(Msg::SearchDone {
                            id: answer.id,
                            results: answer.results,
                        });
                    } else if ct_event::poll(ANSWER_CHECK)? {
                        msgs.extend(event::to_msg(&ct_event::read()?));
                    }
                }
                None => {
                    if ct_event::poll(wait)? {
                        msgs.extend(event::to_msg(&ct_event::read()?));
                        break;
                    }
                }
            }
        }
        // Drain what is already queued before recomputing, so fast typing is matched once.
        while msgs.len() < MAX_BATCH && ct_event::poll(Duration::ZERO)? {
            msgs.extend(event::to_msg(&ct_event::read()?));
        }
        if msgs.is_empty() {
            dirty = false;
            continue;
        }
        let before = (state.ui.clone(), state.generation, state.awaited);
        let next = handle(state, outside, worker, msgs, |state| {
            // A large export takes seconds: show that it is under way before writing it.
            terminal.draw(|frame| view::draw(state, frame)).map(|_| ())
        })?;
        if let Next::Quit(failures) = next {
            return Ok(failures);
        }
        // Redraw only when something visible changed.
        dirty = (&state.ui, state.generation, state.awaited) != (&before.0, before.1, before.2);
    }
}

/// What a batch of messages led to.
#[derive(Debug, PartialEq)]
enum Next {
    Continue,
    /// Leave, with what could not be done of the effects still queued (one line each).
    Quit(Vec<String>),
}

/// Update with one batch of messages and perform the effects they asked for. `exporting` is
/// called before an export is written (to draw the "under way" frame).
fn handle(
    state: &mut State,
    outside: &mut outside::Outside,
    worker: Option<&SearchWorker>,
    msgs: Vec<Msg>,
    exporting: impl FnOnce(&State) -> io::Result<()>,
) -> io::Result<Next> {
    if dispatch(state, msgs) {
        return Ok(Next::Quit(finish_queued(state, outside)));
    }
    if state
        .outbox
        .iter()
        .any(|e| matches!(e, msg::Effect::Export(_)))
    {
        exporting(state)?;
    }
    if perform_effects(state, outside, worker)? {
        return Ok(Next::Quit(finish_queued(state, outside)));
    }
    Ok(Next::Continue)
}

/// The explorer is quitting with effects still queued (`s` and `q` in one read: a paste, a
/// macro, keys coalesced over ssh): perform the saves, exports and copies now, so that nothing
/// asked for is lost, and return what failed, to be said once the terminal is restored.
fn finish_queued(state: &mut State, outside: &mut outside::Outside) -> Vec<String> {
    let mut failures = Vec::new();
    for effect in std::mem::take(&mut state.outbox) {
        if !matches!(
            effect,
            Effect::SaveLists(_) | Effect::Export(_) | Effect::Copy(_)
        ) {
            continue;
        }
        match outside.perform(state, effect) {
            Some(Msg::ListsSaved(Err(e))) | Some(Msg::Copied(Err(e))) => failures.push(e),
            Some(Msg::Exported(Err(e))) => failures.push(e.message),
            // Keep the explorer's copy in step, as the answer would in the loop.
            Some(answer @ Msg::ListsSaved(Ok(_))) => {
                let _ = dispatch(state, [answer]);
                state.outbox.clear();
            }
            _ => {}
        }
    }
    failures
}

/// Perform the IO the messages asked for and feed the answers back; hand searches to the
/// worker. Returns `true` when the explorer should quit.
fn perform_effects(
    state: &mut State,
    outside: &mut outside::Outside,
    worker: Option<&SearchWorker>,
) -> io::Result<bool> {
    while !state.outbox.is_empty() {
        for effect in std::mem::take(&mut state.outbox) {
            let answer = match (effect, worker) {
                (Effect::StartSearch { id, query }, Some(worker)) => {
                    let index = Arc::clone(&state.index);
                    worker
                        .request(Request { id, index, query })
                        .map_err(worker_gone)?;
                    quick_answer(worker, id)?
                }
                // Only asked for when there is a worker; without one, search here.
                (Effect::StartSearch { .. }, None) => {
                    let reselect = state.awaited.take().map(|a| a.reselect);
                    state.search(reselect.unwrap_or(msg::Reselect::Top));
                    None
                }
                (effect, _) => outside.perform(state, effect),
            };
            if let Some(answer) = answer
                && dispatch(state, [answer])
            {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// The answer to search `id` if it comes within `QUICK_ANSWER`: then the new results show in
/// the same frame as the key, without a "searching…" flash on every keystroke of a small
/// inventory. A slow search holds the frame back no longer than that.
fn quick_answer(worker: &SearchWorker, id: u64) -> io::Result<Option<Msg>> {
    let deadline = Instant::now() + QUICK_ANSWER;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match worker.answer_within(left).map_err(worker_gone)? {
            // An older search that finished just before this one was asked for.
            Some(answer) if answer.id != id => continue,
            Some(answer) => {
                return Ok(Some(Msg::SearchDone {
                    id: answer.id,
                    results: answer.results,
                }));
            }
            None => return Ok(None),
        }
    }
}

fn worker_gone(_: search_worker::WorkerGone) -> io::Error {
    io::Error::other("the search thread stopped unexpectedly")
}

/// The terminal in explorer mode: raw, alternate screen, mouse capture. Dropping it (or a
/// panic) puts everything back. ratatui's own init does not undo mouse capture, so we do this
/// ourselves.
struct Session {
    terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl Session {
    fn start() -> io::Result<Session> {
        install_panic_hook();
        watch_signals()?;
        let started =
            enter_terminal().and_then(|()| Terminal::new(CrosstermBackend::new(io::stdout())));
        match started {
            Ok(terminal) => Ok(Session { terminal }),
            Err(e) => {
                restore_terminal();
                Err(e)
            }
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Raw mode, the alternate screen, mouse capture and bracketed paste (a paste arrives as one
/// `Event::Paste`, not as keys to run). `restore_terminal` undoes it.
fn enter_terminal() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )
}

/// Undo everything `Session::start` did; safe to call more than once.
fn restore_terminal() {
    // Raw mode first: with it off, anything printed next (a panic message) lands readably.
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
}

/// Restore the terminal before the default hook prints the panic, so the message is readable
/// and the shell is usable afterwards.
fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore_terminal();
            previous(info);
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::shortlist::Storage;
    use fixture::{key, typing};
    use msg::KeyCode;

    #[test]
    fn a_save_queued_in_the_same_batch_as_quit_is_performed_before_leaving() {
        let dir = tempfile::tempdir().unwrap();
        let storage = Storage::in_dir(dir.path());
        let mut outside = outside::Outside::for_test(storage.clone(), "bundled");
        let mut state = fixture::state();
        // `s` then `q` in one read, as a paste or coalesced keys over ssh deliver them.
        let mut batch = typing("s");
        batch.push(key(KeyCode::Char('q')));
        let next = handle(&mut state, &mut outside, None, batch, |_| Ok(())).unwrap();
        assert_eq!(next, Next::Quit(Vec::new()));
        let book = storage.load().unwrap().book;
        let lists = book.lists("bundled").unwrap();
        assert_eq!(lists.shortlists.len(), 1, "{lists:?}");
        assert_eq!(lists.shortlists[0].items.len(), 1, "{lists:?}");
    }

    #[test]
    fn a_queued_save_that_fails_at_quit_is_said() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("blocker");
        std::fs::write(&blocker, "").unwrap();
        let storage = Storage::in_dir(&blocker.join("data"));
        let mut outside = outside::Outside::for_test(storage, "bundled");
        let mut state = fixture::state();
        let mut batch = typing("s");
        batch.push(key(KeyCode::Char('q')));
        match handle(&mut state, &mut outside, None, batch, |_| Ok(())).unwrap() {
            Next::Quit(failures) => assert!(!failures.is_empty()),
            Next::Continue => panic!("q quits"),
        }
    }

    #[test]
    fn a_paste_is_text_in_the_focused_field_never_commands() {
        use crate::core::i18n::Text;
        // In the results list, pasted `s` and `q` do nothing but say why.
        let mut state = fixture::state();
        dispatch(&mut state, [key(KeyCode::Esc)]);
        state.ui.focus = state::Pane::Results;
        let quit = dispatch(&mut state, [Msg::Paste("sq\n".into())]);
        assert!(!quit);
        assert!(state.outbox.is_empty(), "{:?}", state.outbox);
        assert_eq!(
            state.ui.notice,
            Some(state::Notice::Info(
                Text::PasteIgnored.get(state.ui.lang).into()
            ))
        );
        // In the search bar, a line break is a space and nothing runs.
        dispatch(&mut state, typing("/"));
        assert_eq!(state.ui.focus, state::Pane::Search);
        let quit = dispatch(&mut state, [Msg::Paste("rots\nwater\u{1b}[2J".into())]);
        assert!(!quit);
        assert_eq!(state.ui.query.text, "rots water");
        assert!(state.ui.notice.is_none());
        // Too long for the field: cut to its limit, said once.
        let long = "x".repeat(10_000);
        dispatch(&mut state, [Msg::Paste(long)]);
        assert_eq!(state.ui.query.text.chars().count(), update::MAX_QUERY_CHARS);
        assert_eq!(
            state.ui.notice,
            Some(state::Notice::Info(
                Text::PasteCut.get(state.ui.lang).into()
            ))
        );
        // The terminal's paste event becomes this message.
        assert_eq!(
            event::to_msg(&ratatui::crossterm::event::Event::Paste("a".into())),
            Some(Msg::Paste("a".into()))
        );
    }
}
