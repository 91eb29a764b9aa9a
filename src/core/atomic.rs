//! Writing files so that a crash or a full disk never leaves a half-written file behind: the
//! bytes go to a temporary file in the same directory, are flushed and synced, and only then
//! take the final name in one rename. Used by the shortlist store and by exports.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};

/// Why a file could not be written. Each variant is one clear line for the user.
#[derive(Debug)]
pub enum WriteError {
    /// The target exists and overwriting was not allowed.
    Exists(PathBuf),
    /// The directory cannot be written (read-only, permission denied).
    NotWritable(PathBuf, io::Error),
    Io(PathBuf, io::Error),
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Exists(p) => write!(
                f,
                "{}: the file already exists (use --force to overwrite it)",
                p.display()
            ),
            WriteError::NotWritable(p, e) => {
                write!(f, "{}: cannot write here ({e})", p.display())
            }
            WriteError::Io(p, e) => write!(f, "{}: {e}", p.display()),
        }
    }
}

impl std::error::Error for WriteError {}

/// Whether an existing target may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    Allow,
    Refuse,
}

/// A temporary file holding the complete new content, synced to disk, not yet renamed.
/// Dropping it without `commit` removes it and leaves the target untouched.
#[derive(Debug)]
pub struct Staged {
    tmp: PathBuf,
    target: PathBuf,
    committed: bool,
}

fn classify(path: &Path, e: io::Error) -> WriteError {
    match e.kind() {
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            WriteError::NotWritable(path.to_path_buf(), e)
        }
        _ => WriteError::Io(path.to_path_buf(), e),
    }
}

/// The temporary file could not be made: name the folder in full (not "." for the current
/// one), and say when it does not exist rather than repeat the system's "No such file".
fn cannot_create_in(dir: &Path, e: io::Error) -> WriteError {
    let shown = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    // A path through a plain file keeps the system's "Not a directory".
    if dir.exists() && !dir.is_dir() {
        return WriteError::Io(shown, e);
    }
    if !dir.exists() {
        let missing = io::Error::new(io::ErrorKind::NotFound, "no such folder");
        return WriteError::Io(shown, missing);
    }
    match classify(&shown, e) {
        WriteError::Io(p, e) => WriteError::NotWritable(p, e),
        other => other,
    }
}

fn parent_dir(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The hidden name a temporary file for `target` gets: `.<name>.<pid>.<n>.tmp`.
fn staged_name(name: &str, pid: u32, n: u32) -> String {
    format!(".{name}.{pid}.{n}.tmp")
}

/// A fresh temporary path next to `target`, named so that `sweep_stale` recognises it.
pub fn temp_path(target: &Path) -> PathBuf {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    parent_dir(target).join(staged_name(
        &name,
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
    ))
}

/// Temporary files being written now (and SQLite's journal beside one), removed by
/// `remove_staged` when a signal ends the process before they are renamed or dropped.
static STAGED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Note a temporary file (and its possible `-journal`) for removal on a signal.
pub fn track(tmp: &Path) {
    let mut staged = STAGED.lock().unwrap_or_else(|e| e.into_inner());
    staged.push(tmp.to_path_buf());
}

/// The temporary file was renamed or removed: nothing to do for it on a signal.
pub fn untrack(tmp: &Path) {
    let mut staged = STAGED.lock().unwrap_or_else(|e| e.into_inner());
    staged.retain(|p| p != tmp);
}

/// Remove every temporary file being written (and SQLite journals beside them). For the way
/// out on SIGTERM, SIGINT or SIGHUP.
pub fn remove_staged() {
    let staged = STAGED.lock().unwrap_or_else(|e| e.into_inner());
    for tmp in staged.iter() {
        let _ = fs::remove_file(tmp);
        let mut journal = tmp.clone().into_os_string();
        journal.push("-journal");
        let _ = fs::remove_file(journal);
    }
}

/// On SIGTERM, SIGINT or SIGHUP, remove the temporary files being written and end the
/// process with the status shells expect (128 + the signal's number). For the command-line
/// face; the explorer has its own watcher, which calls `remove_staged` too.
pub fn remove_staged_on_signals() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP]) else {
            return;
        };
        let _ = std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    remove_staged();
                    std::process::exit(128 + signal);
                }
            });
    }
}

/// Which processes' temporary files `sweep_stale` may remove.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sweep {
    /// Only those of processes that no longer run (any writer may be at work beside us).
    DeadOwners,
    /// All of them: the caller holds the lock every writer of this target takes, so none is
    /// being written (the shortlist file).
    All,
}

/// Remove temporary files of our own naming for `target` left by a process that was killed
/// (`kill -9`, a power cut) before it could clean up. Best effort: a file that cannot be
/// removed is left for the next run.
pub fn sweep_stale(target: &Path, which: Sweep) {
    let dir = parent_dir(target);
    let Some(name) = target.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let prefix = format!(".{name}.");
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name
            .to_str()
            .and_then(|f| f.strip_prefix(&prefix))
            .and_then(|f| {
                f.strip_suffix(".tmp")
                    .or_else(|| f.strip_suffix(".tmp-journal"))
            })
        else {
            continue;
        };
        // `<pid>.<n>`, both numbers: anything else is not ours.
        let Some((pid, n)) = rest.split_once('.') else {
            continue;
        };
        let (Ok(pid), Ok(_)) = (pid.parse::<u32>(), n.parse::<u32>()) else {
            continue;
        };
        let ours = pid == std::process::id();
        let stale = match which {
            Sweep::All => !ours,
            Sweep::DeadOwners => !ours && !process_runs(pid),
        };
        if stale && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether a process with this id runs (on Linux: has an entry in /proc). Where this cannot be
/// told, assume it does, so nothing of a live writer is removed.
fn process_runs(pid: u32) -> bool {
    let proc_dir = Path::new("/proc");
    if proc_dir.join("self").exists() {
        proc_dir.join(pid.to_string()).exists()
    } else {
        true
    }
}

/// Write the content produced by `fill` to a temporary file next to `target` and sync it.
pub fn stage(
    target: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<Staged, WriteError> {
    let dir = parent_dir(target);
    let tmp = temp_path(target);
    track(&tmp);
    let staged = Staged {
        tmp: tmp.clone(),
        target: target.to_path_buf(),
        committed: false,
    };
    let file = File::options()
        .write(true)
        .create_new(true)
        .open(&staged.tmp)
        .map_err(|e| cannot_create_in(dir, e))?;
    let mut out = io::BufWriter::new(file);
    fill(&mut out).map_err(|e| classify(target, e))?;
    let file = out
        .into_inner()
        .map_err(|e| classify(target, e.into_error()))?;
    file.sync_all().map_err(|e| classify(target, e))?;
    Ok(staged)
}

impl Staged {
    /// Give the staged file its final name.
    pub fn commit(mut self, overwrite: Overwrite) -> Result<(), WriteError> {
        match overwrite {
            Overwrite::Allow => {
                fs::rename(&self.tmp, &self.target).map_err(|e| classify(&self.target, e))?
            }
            Overwrite::Refuse => {
                // A hard link fails if the target exists, so no other writer can slip in
                // between a check and the rename. Where links are not supported, fall back.
                match fs::hard_link(&self.tmp, &self.target) {
                    Ok(()) => {
                        let _ = fs::remove_file(&self.tmp);
                    }
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                        return Err(WriteError::Exists(self.target.clone()));
                    }
                    Err(_) => {
                        if self.target.exists() {
                            return Err(WriteError::Exists(self.target.clone()));
                        }
                        fs::rename(&self.tmp, &self.target)
                            .map_err(|e| classify(&self.target, e))?;
                    }
                }
            }
        }
        self.committed = true;
        sync_dir(parent_dir(&self.target));
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.tmp);
        }
        untrack(&self.tmp);
    }
}

/// Make the rename itself durable (best effort; not every platform can open a directory).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// True when `path` is a device, a pipe or a socket (following links: `/dev/stdout` counts).
/// Such a target holds no data to lose, and a rename over it would replace the device node
/// itself with a plain file, so it is written to directly instead.
pub fn is_special(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// True when writing `path` would replace something: it exists and is not a device or pipe.
pub fn would_replace(path: &Path) -> bool {
    path.exists() && !is_special(path)
}

/// Write `target` atomically: stage, then rename. A device or pipe (`-o /dev/stdout`) is
/// written straight through, whatever `overwrite` says.
pub fn write(
    target: &Path,
    overwrite: Overwrite,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), WriteError> {
    if is_special(target) {
        let file = File::options()
            .write(true)
            .open(target)
            .map_err(|e| classify(target, e))?;
        let mut out = io::BufWriter::new(file);
        fill(&mut out).map_err(|e| classify(target, e))?;
        out.into_inner()
            .map_err(|e| classify(target, e.into_error()))?;
        return Ok(());
    }
    if overwrite == Overwrite::Refuse && target.exists() {
        // Fail before doing the work; `commit` checks again without a race.
        return Err(WriteError::Exists(target.to_path_buf()));
    }
    sweep_stale(target, Sweep::DeadOwners);
    stage(target, fill)?.commit(overwrite)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_cannot_be_made_names_the_folder_in_full() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nog-niet").join("x.csv");
        let e = write(&missing, Overwrite::Refuse, |w| w.write_all(b"x")).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("{}: no such folder", dir.path().join("nog-niet").display())
        );
        // A plain file standing in for the folder: the system's "Not a directory", named.
        let blocker = dir.path().join("bestand");
        std::fs::write(&blocker, "").unwrap();
        let e = write(&blocker.join("x.csv"), Overwrite::Refuse, |w| {
            w.write_all(b"x")
        })
        .unwrap_err()
        .to_string();
        assert!(e.starts_with(&format!("{}: ", blocker.display())), "{e}");
        assert!(e.contains("Not a directory"), "{e}");
        // A relative target in the current folder is named by its absolute folder, never ".".
        let e = cannot_create_in(Path::new("."), io::Error::other("x")).to_string();
        assert!(!e.starts_with(".:"), "{e}");
        assert!(e.contains("cannot write here"), "{e}");
    }

    #[test]
    fn an_existing_file_is_kept_unless_overwriting_is_allowed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        write(&path, Overwrite::Refuse, |w| w.write_all(b"one")).unwrap();
        let err = write(&path, Overwrite::Refuse, |w| w.write_all(b"two")).unwrap_err();
        assert!(matches!(err, WriteError::Exists(_)));
        assert!(err.to_string().contains("--force"));
        assert_eq!(fs::read_to_string(&path).unwrap(), "one");
        write(&path, Overwrite::Allow, |w| w.write_all(b"three")).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "three");
        // No temporary files are left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failing_writer_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        fs::write(&path, "old").unwrap();
        let err = write(&path, Overwrite::Allow, |w| {
            w.write_all(b"half")?;
            Err(io::Error::other("disk full"))
        })
        .unwrap_err();
        assert!(err.to_string().contains("disk full"));
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_written_through_never_replaced() {
        let null = Path::new("/dev/null");
        assert!(is_special(null) && !would_replace(null));
        write(null, Overwrite::Refuse, |w| w.write_all(b"gone")).unwrap();
        assert!(is_special(null), "/dev/null is still a device");
        // A full device reports the full disk, as one line naming it.
        let full = Path::new("/dev/full");
        if is_special(full) {
            let err = write(full, Overwrite::Refuse, |w| w.write_all(&[b'x'; 1 << 16]))
                .unwrap_err()
                .to_string();
            assert!(err.starts_with("/dev/full: "), "{err}");
            assert!(is_special(full));
        }
    }

    #[test]
    fn temporary_files_of_dead_writers_are_swept_on_the_next_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        // A number far above Linux's largest pid never runs; pid 1 always does.
        let dead = dir.path().join(staged_name("out.csv", 999_999_999, 3));
        let alive = dir.path().join(staged_name("out.csv", 1, 0));
        let foreign = dir.path().join(".out.csv.notours.tmp");
        for f in [&dead, &alive, &foreign] {
            fs::write(f, "half").unwrap();
        }
        write(&path, Overwrite::Allow, |w| w.write_all(b"new")).unwrap();
        assert!(!dead.exists(), "a dead writer's temporary file is swept");
        assert!(alive.exists(), "a running process's file is left alone");
        assert!(foreign.exists(), "a file not of our naming is left alone");
        sweep_stale(&path, Sweep::All);
        assert!(!alive.exists());
        assert!(foreign.exists());
    }

    #[test]
    fn staging_without_commit_leaves_the_target_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        fs::write(&path, "old").unwrap();
        let staged = stage(&path, |w| w.write_all(b"new")).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        drop(staged);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
