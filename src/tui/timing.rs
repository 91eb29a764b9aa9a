//! `WEERBAAR_TIMINGS=FILE`: the explorer appends to FILE, in milliseconds since the process
//! started, when its first frame was drawn, when the drawn results were usable (the keys
//! indexed) and when the text was indexed too. This is how docs/performance.md measures open
//! to first frame; nothing is recorded unless the variable is set.

use std::io::Write;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Instant;

use super::state::State;

static STARTED: OnceLock<Instant> = OnceLock::new();

/// Note the start of the process; `main` calls this first.
pub fn process_started() {
    STARTED.get_or_init(Instant::now);
}

/// The moments still to record, and where.
pub struct Timings {
    file: Option<PathBuf>,
    first_frame: bool,
    results: bool,
    complete: bool,
}

impl Timings {
    pub fn from_env() -> Timings {
        Timings {
            file: std::env::var_os("WEERBAAR_TIMINGS").map(PathBuf::from),
            first_frame: false,
            results: false,
            complete: false,
        }
    }

    /// After each frame: record what this frame is the first to show.
    pub fn drawn(&mut self, state: &State) {
        if self.file.is_none() || self.complete {
            return;
        }
        let mut lines = Vec::new();
        if !self.first_frame {
            self.first_frame = true;
            lines.push("first-frame");
        }
        if !self.results && !state.index.is_empty() {
            self.results = true;
            lines.push("results-usable");
        }
        if self.results && state.ui.loading.is_none() {
            self.complete = true;
            lines.push("text-indexed");
        }
        let ms = STARTED
            .get()
            .map_or(0.0, |t| t.elapsed().as_secs_f64() * 1000.0);
        if let Some(file) = &self.file
            && let Ok(mut out) = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(file)
        {
            for line in lines {
                // Timing is best effort: a write that fails costs the explorer nothing.
                let _ = writeln!(out, "{line} {ms:.1} ms ({} records)", state.index.len());
            }
        }
    }
}
