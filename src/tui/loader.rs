//! Opening the inventory behind the first frame (issue 8: open to first frame ≤ 300 ms at
//! 100k records). The explorer draws at once and a loader thread builds the index in two
//! stages, each a pass over the database on a connection of its own: first the keys (names,
//! aliases, providers, facets, evidence: the results and facets become usable), then the word
//! index over the long text (plain terms then search it too). A file from elsewhere has its
//! integrity check run meanwhile on a third connection; if it fails, the explorer leaves with
//! the check's one-line message. Progress and the indexes reach `update` as messages, so the
//! state changes only there.

use std::io;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::time::{Duration, Instant};

use crate::core::query::Index;
use crate::core::store::{Database, IntegrityCheck};

use super::msg::{LoadStage, Loading, Msg, SharedIndex};

/// An inventory with at most this many records is read in one pass (keys and text together):
/// it takes a few milliseconds, and a second pass would only add to them.
const ONE_PASS: usize = 5_000;

/// How often the loader reports progress (at most).
const REPORT_EVERY: Duration = Duration::from_millis(100);

/// What the loader threads tell the run loop.
enum Report {
    Progress(Loading),
    Index {
        index: Box<Index>,
        complete: bool,
    },
    /// The integrity check passed.
    Checked,
    /// Reading or the integrity check failed: the one line to leave with.
    Failed(String),
}

/// The loader threads, seen from the run loop.
pub struct Loader {
    reports: Receiver<Report>,
    /// Set when the complete index has arrived (or the load failed).
    finished: bool,
    /// Set when the integrity check has passed (or there is none to run).
    checked: bool,
    failure: Option<String>,
}

impl Loader {
    /// Start loading from `db` (a connection for the loader alone), and `check` on a thread of
    /// its own when there is one.
    pub fn start(db: Database, check: Option<IntegrityCheck>) -> io::Result<Loader> {
        let (tx, reports) = mpsc::channel();
        let checked = check.is_none();
        if let Some(check) = check {
            let tx = tx.clone();
            std::thread::Builder::new()
                .name("integrity-check".into())
                .spawn(move || {
                    let report = match check.run() {
                        Ok(()) => Report::Checked,
                        Err(e) => Report::Failed(e.to_string()),
                    };
                    let _ = tx.send(report);
                })?;
        }
        std::thread::Builder::new()
            .name("loader".into())
            .spawn(move || {
                if let Err(e) = load(&db, &tx) {
                    let _ = tx.send(Report::Failed(e.to_string()));
                }
            })?;
        Ok(Loader {
            reports,
            finished: false,
            checked,
            failure: None,
        })
    }

    /// Whether reports may still come: the index is not complete or the check has not passed.
    pub fn is_running(&self) -> bool {
        self.failure.is_none() && !(self.finished && self.checked)
    }

    /// Why loading failed, once it has: the explorer leaves with this message.
    pub fn failure(&self) -> Option<&str> {
        self.failure.as_deref()
    }

    /// The reports that have arrived, as messages, without waiting.
    pub fn take(&mut self) -> Vec<Msg> {
        let mut msgs = Vec::new();
        while self.is_running() {
            match self.reports.try_recv() {
                Ok(report) => msgs.extend(self.receive(report)),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => self.gone(),
            }
        }
        msgs
    }

    /// Wait up to `limit` for the load to finish, collecting its messages: a small inventory
    /// is complete by then, so its first frame shows it whole instead of a progress line.
    pub fn wait(&mut self, limit: Duration) -> Vec<Msg> {
        let deadline = Instant::now() + limit;
        let mut msgs = Vec::new();
        while self.is_running() {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.reports.recv_timeout(left) {
                Ok(report) => msgs.extend(self.receive(report)),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => self.gone(),
            }
        }
        msgs
    }

    fn receive(&mut self, report: Report) -> Option<Msg> {
        match report {
            Report::Checked => {
                self.checked = true;
                None
            }
            Report::Progress(loading) => Some(Msg::LoadProgress(loading)),
            Report::Index { index, complete } => {
                self.finished |= complete;
                Some(Msg::Loaded {
                    index: SharedIndex(Arc::from(index)),
                    complete,
                })
            }
            Report::Failed(message) => {
                self.failure = Some(message);
                None
            }
        }
    }

    /// Both threads ended without finishing: only a panic does that.
    fn gone(&mut self) {
        if self.is_running() {
            self.failure = Some("reading the inventory stopped unexpectedly".into());
        }
    }
}

/// The loader thread: count, then the keys, then the text (or all at once when small).
fn load(db: &Database, tx: &Sender<Report>) -> Result<(), crate::core::store::StoreError> {
    // A file with its search index stored needs no passes over the records: it is read whole,
    // at 100k in a fraction of the time the keys pass took.
    if let crate::core::inventory::stored::Stored::Loaded(index) =
        crate::core::inventory::stored_index(db, true)?
    {
        let _ = tx.send(Report::Index {
            index,
            complete: true,
        });
        return Ok(());
    }
    let total = db.count()?;
    let mut progress = Progress::new(tx, LoadStage::Keys, total);
    progress.report(0);
    if total <= ONE_PASS {
        let index = crate::core::inventory::load(db)?;
        let _ = tx.send(Report::Index {
            index: Box::new(index),
            complete: true,
        });
        return Ok(());
    }
    let keys = crate::core::inventory::load_keys(db, |read| progress.report(read))?;
    // The explorer gets the keys now; the loader keeps a copy to add the text to.
    let mut whole = keys.clone();
    let _ = tx.send(Report::Index {
        index: Box::new(keys),
        complete: false,
    });
    let mut progress = Progress::new(tx, LoadStage::Text, total);
    let text = crate::core::inventory::load_text(db, |read| progress.report(read))?;
    if !whole.set_text(text) {
        return Err(crate::core::store::StoreError::BadContent(
            db.label().to_path_buf(),
            "the file changed while it was being read".into(),
        ));
    }
    let _ = tx.send(Report::Index {
        index: Box::new(whole),
        complete: true,
    });
    Ok(())
}

/// Progress reports for one stage, at most one per `REPORT_EVERY`.
struct Progress<'a> {
    tx: &'a Sender<Report>,
    stage: LoadStage,
    total: usize,
    last: Option<Instant>,
}

impl<'a> Progress<'a> {
    fn new(tx: &'a Sender<Report>, stage: LoadStage, total: usize) -> Progress<'a> {
        Progress {
            tx,
            stage,
            total,
            last: None,
        }
    }

    fn report(&mut self, read: usize) {
        // Looking at the clock for every record would cost more than the report.
        if !read.is_multiple_of(256) {
            return;
        }
        let now = Instant::now();
        if self
            .last
            .is_some_and(|t| now.duration_since(t) < REPORT_EVERY)
        {
            return;
        }
        self.last = Some(now);
        let _ = self.tx.send(Report::Progress(Loading {
            stage: self.stage,
            read,
            total: self.total,
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finish(loader: &mut Loader) -> Vec<Msg> {
        let mut msgs = Vec::new();
        while loader.is_running() {
            msgs.extend(loader.wait(Duration::from_secs(30)));
        }
        msgs
    }

    #[test]
    fn a_small_inventory_arrives_whole_in_one_message() {
        let db = Database::open_bundled().unwrap_or_else(|e| panic!("{e}"));
        let mut loader = Loader::start(db, None).unwrap_or_else(|e| panic!("{e}"));
        let msgs = finish(&mut loader);
        assert!(loader.failure().is_none());
        let loaded: Vec<&Msg> = msgs
            .iter()
            .filter(|m| matches!(m, Msg::Loaded { .. }))
            .collect();
        assert!(
            matches!(loaded.as_slice(), [Msg::Loaded { index, complete: true }] if index.0.len() > 50)
        );
    }

    #[test]
    fn a_large_inventory_arrives_in_two_stages_and_a_corrupt_one_is_refused() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("big.sqlite");
        let model = crate::core::store::open_bundled().unwrap_or_else(|e| panic!("{e}"));
        let big = crate::core::synth::generate(&model, ONE_PASS + 300, 3).unwrap_or_default();
        crate::core::inventory::write_atomically(&big, &path).unwrap_or_else(|e| panic!("{e}"));

        // With its search index stored, the file arrives complete in one go.
        let (db, check) = Database::open_path_deferred(&path).unwrap_or_else(|e| panic!("{e}"));
        let mut loader = Loader::start(db, Some(check)).unwrap_or_else(|e| panic!("{e}"));
        let msgs = finish(&mut loader);
        assert!(loader.failure().is_none(), "{:?}", loader.failure());
        let stored: Vec<(usize, bool)> = msgs
            .iter()
            .filter_map(|m| match m {
                Msg::Loaded { index, complete } => Some((index.0.len(), *complete)),
                _ => None,
            })
            .collect();
        assert_eq!(stored, [(ONE_PASS + 300, true)]);

        // Without it (an older or foreign file), in two stages.
        let conn = rusqlite::Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
        for table in crate::core::inventory::stored::INDEX_TABLES {
            conn.execute_batch(&format!("DROP TABLE {table}"))
                .unwrap_or_else(|e| panic!("{e}"));
        }
        drop(conn);
        let (db, check) = Database::open_path_deferred(&path).unwrap_or_else(|e| panic!("{e}"));
        let mut loader = Loader::start(db, Some(check)).unwrap_or_else(|e| panic!("{e}"));
        let msgs = finish(&mut loader);
        assert!(loader.failure().is_none(), "{:?}", loader.failure());
        let stages: Vec<(usize, bool)> = msgs
            .iter()
            .filter_map(|m| match m {
                Msg::Loaded { index, complete } => Some((index.0.len(), *complete)),
                _ => None,
            })
            .collect();
        assert_eq!(stages, [(ONE_PASS + 300, false), (ONE_PASS + 300, true)]);
        assert!(matches!(
            msgs.first(),
            Some(Msg::LoadProgress(Loading { stage: LoadStage::Keys, read: 0, total })) if *total == ONE_PASS + 300
        ));

        // Damage a page in the middle of the file: the check (or the reading) refuses it.
        let mut bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
        let middle = bytes.len() / 2 / 4096 * 4096;
        for b in &mut bytes[middle..middle + 4096] {
            *b = 0x5a;
        }
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
        let (db, check) = Database::open_path_deferred(&path).unwrap_or_else(|e| panic!("{e}"));
        let mut loader = Loader::start(db, Some(check)).unwrap_or_else(|e| panic!("{e}"));
        finish(&mut loader);
        let failure = loader.failure().unwrap_or_default();
        assert!(
            failure.starts_with(&path.display().to_string()),
            "{failure}"
        );
        assert!(failure.contains("corrupt"), "{failure}");
    }
}
