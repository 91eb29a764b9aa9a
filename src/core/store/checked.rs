//! Remembering which files passed the integrity check, so an unchanged file is not checked
//! again on every command (`PRAGMA quick_check` reads every page: at 100k interventions about
//! half a second of CPU and 750 MB of reading, most of a whole `list` call).
//!
//! A file is known by its identity on disk: device, inode, size, modification time and status
//! change time (both to the nanosecond), plus the first 100 bytes of the file (the SQLite
//! header, whose change counter SQLite bumps on every committed write). Why this is sound
//! without hashing the content (which would read the whole file, as the check does): every
//! write to the file, by any program, sets its status change time (ctime) to the current time,
//! and no program can set ctime back (`touch` and `utimes` set only the access and
//! modification times, and setting them sets ctime too). Replacing the file (a rename) gives
//! another inode or, on the same inode, a new ctime. So a file with the remembered identity is
//! the file that passed, unless someone changed the system clock back to the nanosecond or
//! wrote to the disk beneath the file system; both need root, and root could as well replace
//! the program. A file that failed is never remembered, so a hostile file is refused on every
//! call, as before.
//!
//! The list lives in the cache directory (`WEERBAAR_CACHE_DIR`, else the platform's cache
//! directory for weerbaar), holds at most `KEEP` files, and is written atomically. If it cannot
//! be read or written, every file is simply checked, as before.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Where the list lives when `WEERBAAR_CACHE_DIR` is set.
pub const CACHE_DIR_ENV: &str = "WEERBAAR_CACHE_DIR";

const FILE_NAME: &str = "integrity-checked.txt";

/// How many passed files are remembered (the most recent ones).
const KEEP: usize = 64;

/// The cache directory: `WEERBAAR_CACHE_DIR` when set (and not empty), else the platform's.
pub fn cache_dir() -> Option<PathBuf> {
    match std::env::var_os(CACHE_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => directories::ProjectDirs::from("nl", "", "weerbaar").map(|d| d.cache_dir().into()),
    }
}

/// The file's identity as one line, or `None` when it cannot be taken (not Unix, unreadable).
pub fn identity(path: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let mut file = std::fs::File::open(path).ok()?;
        let meta = file.metadata().ok()?;
        let mut header = [0u8; 100];
        let mut filled = 0;
        while filled < header.len() {
            match file.read(&mut header[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(_) => return None,
            }
        }
        let hex: String = header[..filled]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Some(format!(
            "{} {} {} {}.{:09} {}.{:09} {hex}",
            meta.dev(),
            meta.ino(),
            meta.len(),
            meta.mtime(),
            meta.mtime_nsec(),
            meta.ctime(),
            meta.ctime_nsec()
        ))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// Whether a file with this identity passed the check before (the list in `dir`).
pub fn passed_in(dir: &Path, identity: &str) -> bool {
    std::fs::read_to_string(dir.join(FILE_NAME))
        .map(|list| list.lines().any(|l| l == identity))
        .unwrap_or(false)
}

/// Remember that a file with this identity passed (best effort: a failure to write only means
/// the file is checked again next time).
pub fn remember_in(dir: &Path, identity: &str) {
    let old = std::fs::read_to_string(dir.join(FILE_NAME)).unwrap_or_default();
    let mut lines: Vec<&str> = old.lines().filter(|l| *l != identity).collect();
    lines.push(identity);
    let start = lines.len().saturating_sub(KEEP);
    let mut text = lines[start..].join("\n");
    text.push('\n');
    let _ = std::fs::create_dir_all(dir);
    let tmp = dir.join(format!(".{FILE_NAME}.{}.tmp", std::process::id()));
    if std::fs::write(&tmp, text).is_err() || std::fs::rename(&tmp, dir.join(FILE_NAME)).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// Run `check` on the file at `path` unless a file with its identity passed before; remember
/// a pass when the file kept its identity throughout the check.
pub fn check_once<E>(path: &Path, check: impl FnOnce() -> Result<(), E>) -> Result<(), E> {
    check_once_in(cache_dir().as_deref(), path, check)
}

fn check_once_in<E>(
    dir: Option<&Path>,
    path: &Path,
    check: impl FnOnce() -> Result<(), E>,
) -> Result<(), E> {
    let (Some(dir), Some(before)) = (dir, identity(path)) else {
        return check();
    };
    if passed_in(dir, &before) {
        return Ok(());
    }
    check()?;
    if identity(path).as_deref() == Some(before.as_str()) {
        remember_in(dir, &before);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unchanged_file_is_checked_once_and_a_changed_or_failed_one_every_time() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let cache = dir.path().join("cache");
        let file = dir.path().join("a.sqlite");
        std::fs::write(&file, b"SQLite format 3\0 first").unwrap_or_else(|e| panic!("{e}"));
        let mut runs = 0;
        let mut check = |ok: bool| {
            check_once_in(Some(&cache), &file, || {
                runs += 1;
                if ok { Ok(()) } else { Err(()) }
            })
        };
        // A failure is never remembered.
        assert_eq!(check(false), Err(()));
        assert_eq!(check(false), Err(()));
        assert_eq!(check(true), Ok(()));
        assert_eq!(check(true), Ok(()));
        assert_eq!(runs, 3, "the pass was remembered");

        // Changed in place to the same size, with the modification time put back: the status
        // change time still differs, so it is checked again.
        let meta = std::fs::metadata(&file).unwrap_or_else(|e| panic!("{e}"));
        let mtime = meta.modified().unwrap_or_else(|e| panic!("{e}"));
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&file, b"SQLite format 3\0 other").unwrap_or_else(|e| panic!("{e}"));
        let f = std::fs::File::options()
            .write(true)
            .open(&file)
            .unwrap_or_else(|e| panic!("{e}"));
        f.set_modified(mtime).unwrap_or_else(|e| panic!("{e}"));
        drop(f);
        let mut runs = 0;
        let again = check_once_in(Some(&cache), &file, || {
            runs += 1;
            Err::<(), ()>(())
        });
        assert_eq!((again, runs), (Err(()), 1));
    }

    #[test]
    fn the_list_keeps_the_most_recent_files() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        for i in 0..KEEP + 5 {
            remember_in(dir.path(), &format!("file {i}"));
        }
        assert!(!passed_in(dir.path(), "file 0"));
        assert!(passed_in(dir.path(), &format!("file {}", KEEP + 4)));
        assert!(passed_in(dir.path(), "file 5"));
    }
}
