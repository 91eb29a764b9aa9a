//! Searching off the UI thread, so typing never waits on matching (issue 8).
//!
//! One `Searcher` is shared by the UI thread and one worker thread (`SharedSearcher`), so both
//! build on the same earlier work: a query typed in the background and then narrowed by a facet
//! toggle on the UI thread only matches the records the toggle newly needs, and typing on after
//! the toggle goes on from there. Every search gets an id from one counter; asking for a newer
//! search makes every older one still running give up at its next check
//! (`Searcher::search_until`), keeping what it already matched. The worker takes only the newest
//! request waiting in its channel and answers with its id; the explorer drops answers it no
//! longer waits for.

use std::io;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::core::query::{Index, Matcher, Query, Results, Searcher};

/// More threads than this gain little: the matching per record is short, and the facet counts
/// and sorting after it run on one thread.
const MAX_THREADS: usize = 4;

/// The explorer's searcher, shared with the search worker, and the id of the newest search.
pub struct SharedSearcher {
    searcher: Mutex<Searcher>,
    /// The newest search asked for. 0 is never an id, so storing it cancels everything.
    latest: AtomicU64,
}

impl Default for SharedSearcher {
    fn default() -> Self {
        SharedSearcher::new()
    }
}

impl SharedSearcher {
    /// Matching a large inventory is split over the cores (at most `MAX_THREADS`): while the
    /// worker searches, the UI thread mostly waits for keys.
    pub fn new() -> SharedSearcher {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        SharedSearcher {
            searcher: Mutex::new(Searcher::with_threads(cores.min(MAX_THREADS))),
            latest: AtomicU64::new(0),
        }
    }

    /// An id for a new search. Every search started under an older id gives up.
    pub fn next_id(&self) -> u64 {
        self.latest.fetch_add(1, Ordering::SeqCst) + 1
    }

    /// Search on this thread now. A background search still running gives way within a few
    /// thousand records; its work so far is re-used.
    pub fn search_now(&self, index: &Index, matcher: &dyn Matcher, query: &Query) -> Results {
        self.next_id();
        self.lock().search(index, matcher, query)
    }

    /// Search `id`, unless a newer search is asked for before it finishes (`None`).
    pub fn search_as(
        &self,
        id: u64,
        index: &Index,
        matcher: &dyn Matcher,
        query: &Query,
    ) -> Option<Results> {
        let superseded = || self.latest.load(Ordering::SeqCst) != id;
        if superseded() {
            return None;
        }
        self.lock().search_until(index, matcher, query, &superseded)
    }

    /// The searcher. If a thread panicked while searching, what it left may be half updated:
    /// start afresh rather than trust it.
    fn lock(&self) -> MutexGuard<'_, Searcher> {
        match self.searcher.lock() {
            Ok(guard) => guard,
            Err(poisoned) => {
                let mut guard = poisoned.into_inner();
                *guard = Searcher::new();
                self.searcher.clear_poison();
                guard
            }
        }
    }
}

/// A search for the worker: the index is passed along, so a new index (another inventory, or
/// one finished loading) needs no restart.
pub struct Request {
    pub id: u64,
    pub index: Arc<Index>,
    pub query: Query,
}

/// The results of the search `id`.
#[derive(Debug)]
pub struct Answer {
    pub id: u64,
    pub results: Results,
}

/// The worker thread has ended (it can only do so by panicking): no answer will come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkerGone;

/// The search thread. Dropping this cancels its search and ends the thread.
pub struct SearchWorker {
    requests: Option<Sender<Request>>,
    answers: Receiver<Answer>,
    shared: Arc<SharedSearcher>,
    thread: Option<JoinHandle<()>>,
}

impl SearchWorker {
    /// Start the thread, searching with `shared` and `matcher`.
    pub fn start(
        shared: Arc<SharedSearcher>,
        matcher: Box<dyn Matcher>,
    ) -> io::Result<SearchWorker> {
        let (requests, inbox) = mpsc::channel::<Request>();
        let (outbox, answers) = mpsc::channel::<Answer>();
        let searcher = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("search".into())
            .spawn(move || serve(&searcher, &*matcher, &inbox, &outbox))?;
        Ok(SearchWorker {
            requests: Some(requests),
            answers,
            shared,
            thread: Some(thread),
        })
    }

    /// Ask for a search; its id must come from the shared searcher's `next_id`, so asking
    /// already made every older search give up.
    pub fn request(&self, request: Request) -> Result<(), WorkerGone> {
        let requests = self.requests.as_ref().ok_or(WorkerGone)?;
        requests.send(request).map_err(|_| WorkerGone)
    }

    /// An answer if one is ready.
    pub fn try_answer(&self) -> Result<Option<Answer>, WorkerGone> {
        match self.answers.try_recv() {
            Ok(answer) => Ok(Some(answer)),
            Err(TryRecvError::Empty) => Ok(None),
            Err(TryRecvError::Disconnected) => Err(WorkerGone),
        }
    }

    /// Wait at most `timeout` for an answer.
    pub fn answer_within(&self, timeout: Duration) -> Result<Option<Answer>, WorkerGone> {
        match self.answers.recv_timeout(timeout) {
            Ok(answer) => Ok(Some(answer)),
            Err(RecvTimeoutError::Timeout) => Ok(None),
            Err(RecvTimeoutError::Disconnected) => Err(WorkerGone),
        }
    }
}

impl Drop for SearchWorker {
    fn drop(&mut self) {
        // Stop the running search, close the channel (the thread's `recv` fails), and wait.
        self.shared.latest.store(0, Ordering::SeqCst);
        self.requests = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The thread's loop: take the newest request, search it unless it is already superseded,
/// answer. Ends when the explorer drops its end of either channel.
fn serve(
    shared: &SharedSearcher,
    matcher: &dyn Matcher,
    inbox: &Receiver<Request>,
    outbox: &Sender<Answer>,
) {
    while let Ok(mut request) = inbox.recv() {
        // Requests queued behind this one are newer: only the last can still be wanted.
        while let Ok(newer) = inbox.try_recv() {
            request = newer;
        }
        let Some(results) = shared.search_as(request.id, &request.index, matcher, &request.query)
        else {
            continue;
        };
        if outbox
            .send(Answer {
                id: request.id,
                results,
            })
            .is_err()
        {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicBool;

    use super::*;
    use crate::core::query::{SkimMatcher, run};

    /// Long enough for any search here on a loaded machine; reaching it means an answer that
    /// should come never did (a failure, not a timing measurement).
    const PATIENCE: Duration = Duration::from_secs(120);

    fn index(count: usize) -> Arc<Index> {
        let model = crate::core::store::open_bundled().unwrap_or_else(|e| panic!("bundled: {e}"));
        let inv = crate::core::synth::generate(&model, count, 5).unwrap_or_default();
        Arc::new(Index::build(&inv))
    }

    fn query(text: &str) -> Query {
        Query {
            text: text.into(),
            ..Query::default()
        }
    }

    /// Skim's matcher that holds every call until the gate opens, and says when it was first
    /// called: a search the test can catch halfway.
    struct Gated {
        inner: SkimMatcher,
        entered: Arc<AtomicBool>,
        open: Arc<AtomicBool>,
    }

    impl Matcher for Gated {
        fn score(&self, haystack: &str, needle: &str) -> Option<i64> {
            self.entered.store(true, Ordering::SeqCst);
            while !self.open.load(Ordering::SeqCst) {
                std::thread::yield_now();
            }
            self.inner.score(haystack, needle)
        }

        fn indices(&self, haystack: &str, needle: &str) -> Option<(i64, Vec<usize>)> {
            self.inner.indices(haystack, needle)
        }
    }

    /// A worker with its own shared searcher and skim's matcher.
    fn started() -> (Arc<SharedSearcher>, SearchWorker) {
        let shared = Arc::new(SharedSearcher::new());
        let worker = SearchWorker::start(Arc::clone(&shared), Box::new(SkimMatcher::default()))
            .unwrap_or_else(|e| panic!("start: {e}"));
        (shared, worker)
    }

    fn ask(worker: &SearchWorker, shared: &SharedSearcher, index: &Arc<Index>, text: &str) -> u64 {
        let id = shared.next_id();
        worker
            .request(Request {
                id,
                index: Arc::clone(index),
                query: query(text),
            })
            .unwrap_or_else(|_| panic!("worker gone"));
        id
    }

    #[test]
    fn only_the_newest_request_answers_and_it_equals_a_fresh_search() {
        let index = index(300);
        let shared = Arc::new(SharedSearcher::new());
        let (entered, open) = (
            Arc::new(AtomicBool::new(false)),
            Arc::new(AtomicBool::new(false)),
        );
        let matcher = Gated {
            inner: SkimMatcher::default(),
            entered: Arc::clone(&entered),
            open: Arc::clone(&open),
        };
        let worker = SearchWorker::start(Arc::clone(&shared), Box::new(matcher))
            .unwrap_or_else(|e| panic!("start: {e}"));
        ask(&worker, &shared, &index, "o");
        // Wait until the first search is under way (held in the matcher), then type on.
        while !entered.load(Ordering::SeqCst) {
            std::thread::yield_now();
        }
        ask(&worker, &shared, &index, "ou");
        let last = ask(&worker, &shared, &index, "oud");
        open.store(true, Ordering::SeqCst);
        let answer = worker
            .answer_within(PATIENCE)
            .unwrap_or_else(|_| panic!("worker gone"))
            .unwrap_or_else(|| panic!("no answer"));
        // Answers come in order, so a superseded search would have answered first.
        assert_eq!(answer.id, last, "a superseded search answered");
        assert_eq!(
            answer.results,
            run(&index, &SkimMatcher::default(), &query("oud"))
        );
        assert!(matches!(worker.try_answer(), Ok(None)));
    }

    #[test]
    fn every_last_request_of_a_burst_answers_exactly() {
        let index = index(300);
        let (shared, worker) = started();
        let m = SkimMatcher::default();
        // Bursts of typing and backspacing, each followed by a pause for the answer.
        for burst in [
            &["r", "ra", "rad"][..],
            &["ra", "r", ""],
            &["o", "ou", "oud", "oude", "ouder", "ouders"],
            &["ouders", "ouders w", "ouders wi"],
        ] {
            let mut last = 0;
            for text in burst {
                last = ask(&worker, &shared, &index, text);
            }
            let expected = run(&index, &m, &query(burst[burst.len() - 1]));
            loop {
                let answer = worker
                    .answer_within(PATIENCE)
                    .unwrap_or_else(|_| panic!("worker gone"))
                    .unwrap_or_else(|| panic!("no answer for {burst:?}"));
                if answer.id == last {
                    assert_eq!(answer.results, expected, "{burst:?}");
                    break;
                }
                assert!(answer.id < last);
            }
        }
    }

    #[test]
    fn a_search_on_the_ui_thread_supersedes_a_running_one() {
        let index = index(200);
        let shared = SharedSearcher::new();
        let m = SkimMatcher::default();
        let id = shared.next_id();
        let now = shared.search_now(&index, &m, &query("ouders"));
        assert_eq!(now, run(&index, &m, &query("ouders")));
        assert_eq!(shared.search_as(id, &index, &m, &query("oud")), None);
    }

    #[test]
    fn dropping_the_worker_ends_its_thread() {
        let index = index(50);
        let (shared, worker) = started();
        ask(&worker, &shared, &index, "ouders");
        drop(worker);
        // The thread has been joined: it no longer holds the shared searcher or the index.
        assert_eq!(Arc::strong_count(&shared), 1);
        assert_eq!(Arc::strong_count(&index), 1);
    }
}
