//! The shortlist file on disk: `shortlists.json` in `WEERBAAR_DATA_DIR`, else in the user's data
//! directory (`directories::ProjectDirs`). Saves are atomic (temporary file, flush, sync,
//! rename). A file that cannot be understood — corrupt, or written by a newer weerbaar — is
//! moved aside under a new name and never overwritten; a file that cannot be read at all is
//! left alone and nothing is saved over it.
//!
//! Every change is a read-modify-write under an advisory lock on the data directory, so that
//! two weerbaars (two shells, the explorer and the CLI) never save over each other's change:
//! the second waits for the first and starts from what it wrote. A writer killed mid-save
//! leaves the old file whole and a temporary file that the next save removes.

use std::fmt;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::{Book, FORMAT_VERSION};
use crate::core::atomic::{self, Overwrite, Sweep, WriteError};
use crate::core::model::text::{sanitize, sanitize_line};
use crate::core::model::utc_stamp;

pub const FILE_NAME: &str = "shortlists.json";

/// The environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "WEERBAAR_DATA_DIR";

/// A shortlist file larger than this is not a shortlist file.
const MAX_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug)]
pub enum StorageError {
    /// No home directory to put the data directory in.
    NoDataDir,
    /// The file exists but cannot be read (permissions, IO). It is left untouched.
    Unreadable(PathBuf, io::Error),
    /// The file is unusable and could not be moved aside, so it is left untouched.
    CannotMoveAside(PathBuf, String, io::Error),
    Write(WriteError),
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::NoDataDir => write!(
                f,
                "no data directory for shortlists (no home directory); set {DATA_DIR_ENV}"
            ),
            StorageError::Unreadable(p, e) => write!(
                f,
                "{}: cannot read the shortlists ({e}); the file is left as it is and nothing is saved",
                p.display()
            ),
            StorageError::CannotMoveAside(p, why, e) => write!(
                f,
                "{}: {why}, and it could not be moved aside ({e}); it is left as it is and nothing is saved",
                p.display()
            ),
            StorageError::Write(WriteError::NotWritable(p, e)) => write!(
                f,
                "{}: cannot save the shortlists here ({e}); the change is not saved (set {DATA_DIR_ENV} to another directory)",
                p.display()
            ),
            StorageError::Write(e) => write!(f, "cannot save the shortlists: {e}"),
        }
    }
}

impl std::error::Error for StorageError {}

/// The file as loaded, with a one-line notice when something had to be done about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub book: Book,
    pub notice: Option<String>,
}

/// Where the shortlists live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Storage {
    file: PathBuf,
}

impl Storage {
    pub fn in_dir(dir: &Path) -> Storage {
        Storage {
            file: dir.join(FILE_NAME),
        }
    }

    /// `WEERBAAR_DATA_DIR` when set, else the platform's data directory for weerbaar
    /// (`~/.local/share/weerbaar` on Linux).
    pub fn locate() -> Result<Storage, StorageError> {
        if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
            return Ok(Storage::in_dir(Path::new(&dir)));
        }
        directories::ProjectDirs::from("nl", "", "weerbaar")
            .map(|p| Storage::in_dir(p.data_dir()))
            .ok_or(StorageError::NoDataDir)
    }

    pub fn path(&self) -> &Path {
        &self.file
    }

    /// Read the file. A missing file is an empty book; a corrupt or newer one is moved aside.
    pub fn load(&self) -> Result<Loaded, StorageError> {
        let bytes = match read_limited(&self.file) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Ok(Loaded {
                    book: Book::default(),
                    notice: None,
                });
            }
            Err(e) => return Err(StorageError::Unreadable(self.file.clone(), e)),
        };
        match parse(&bytes) {
            Ok(book) => Ok(Loaded { book, notice: None }),
            Err(problem) => {
                let (tag, why) = match &problem {
                    Problem::Newer(v) => (
                        format!("newer-v{v}"),
                        format!(
                            "written by a newer weerbaar (format version {v}; this one reads version {FORMAT_VERSION})"
                        ),
                    ),
                    Problem::Corrupt(detail) => (
                        "corrupt".to_string(),
                        format!("not a valid shortlist file ({detail})"),
                    ),
                };
                let aside = self.move_aside(&tag).map_err(|e| {
                    StorageError::CannotMoveAside(self.file.clone(), why.clone(), e)
                })?;
                let hint = match problem {
                    Problem::Newer(_) => "; update weerbaar and rename it back to use it",
                    Problem::Corrupt(_) => "",
                };
                Ok(Loaded {
                    book: Book::default(),
                    notice: Some(format!(
                        "{}: {why}; kept as {}{hint}; starting with no shortlists",
                        self.file.display(),
                        aside.display()
                    )),
                })
            }
        }
    }

    /// Rename the file to `shortlists.json.<tag>-<time>` (with a counter if that exists).
    fn move_aside(&self, tag: &str) -> io::Result<PathBuf> {
        let base = format!("{FILE_NAME}.{tag}-{}", utc_stamp());
        let dir = self.file.parent().unwrap_or(Path::new("."));
        let mut target = dir.join(&base);
        let mut n = 2;
        while target.exists() {
            target = dir.join(format!("{base}-{n}"));
            n += 1;
        }
        std::fs::rename(&self.file, &target)?;
        Ok(target)
    }

    fn dir(&self) -> &Path {
        self.file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
    }

    /// Create the data directory when needed.
    fn make_dir(&self) -> Result<(), StorageError> {
        let dir = self.dir();
        std::fs::create_dir_all(dir).map_err(|e| {
            StorageError::Write(match e.kind() {
                io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
                    WriteError::NotWritable(dir.to_path_buf(), e)
                }
                _ => WriteError::Io(dir.to_path_buf(), e),
            })
        })
    }

    /// Wait for the advisory lock on the data directory; it is held until the value is dropped
    /// (and released by the system when the process dies, so a killed writer never blocks the
    /// next one). On Unix the directory itself is locked, so no lock file is left lying around.
    fn lock(&self) -> Result<std::fs::File, StorageError> {
        let dir = self.dir();
        let write_error = |e: io::Error| StorageError::Write(WriteError::Io(dir.to_path_buf(), e));
        #[cfg(unix)]
        let file = std::fs::File::open(dir).map_err(write_error)?;
        #[cfg(not(unix))]
        let file = std::fs::File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(".shortlists.lock"))
            .map_err(write_error)?;
        file.lock().map_err(write_error)?;
        Ok(file)
    }

    /// Write the whole book atomically, creating the directory when needed. Takes the lock
    /// itself; a change to the file as it is goes through `update`.
    pub fn save(&self, book: &Book) -> Result<(), StorageError> {
        self.make_dir()?;
        let _lock = self.lock()?;
        self.save_locked(book)
    }

    fn save_locked(&self, book: &Book) -> Result<(), StorageError> {
        // Under the lock no other weerbaar is writing: any temporary file is a dead writer's.
        atomic::sweep_stale(&self.file, Sweep::All);
        atomic::write(&self.file, Overwrite::Allow, |w| encode(book, w))
            .map_err(StorageError::Write)
    }

    /// Load, change, save, all under the data directory's lock: the way every change is made,
    /// so that changes made meanwhile by another weerbaar (the CLI while the explorer runs, two
    /// scripts at once) are neither overwritten with an old copy nor lost in a race. Nothing
    /// is written when `change` fails or changes nothing.
    pub fn update<T, E: From<StorageError>>(
        &self,
        change: impl FnOnce(&mut Book) -> Result<T, E>,
    ) -> Result<(T, Loaded), E> {
        self.make_dir()?;
        let _lock = self.lock()?;
        let mut loaded = self.load()?;
        let before = loaded.book.clone();
        let out = change(&mut loaded.book)?;
        if loaded.book != before {
            self.save_locked(&loaded.book)?;
        }
        Ok((out, loaded))
    }
}

fn encode(book: &Book, w: &mut dyn io::Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, book)?;
    w.write_all(b"\n")
}

/// A pipe or device at the file's place is unreadable (left alone, nothing saved over it);
/// a file over the limit reads as over it, and is moved aside as not a shortlist file.
fn read_limited(path: &Path) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    crate::core::input::open_regular(path)?
        .take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

enum Problem {
    Newer(u64),
    Corrupt(String),
}

fn parse(bytes: &[u8]) -> Result<Book, Problem> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(Problem::Corrupt(format!(
            "larger than {} MB",
            MAX_BYTES / 1024 / 1024
        )));
    }
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| Problem::Corrupt(e.to_string()))?;
    match value.get("version").and_then(serde_json::Value::as_u64) {
        Some(v) if v > u64::from(FORMAT_VERSION) => return Err(Problem::Newer(v)),
        Some(v) if v >= 1 => {}
        _ => {
            return Err(Problem::Corrupt(
                "no format version number at the top".into(),
            ));
        }
    }
    let mut book: Book =
        serde_json::from_value(value).map_err(|e| Problem::Corrupt(e.to_string()))?;
    book.version = FORMAT_VERSION;
    // The file may have been edited by hand: clean what will reach a terminal.
    for lists in book.inventories.values_mut() {
        lists.label = sanitize_line(&lists.label);
        lists.active = lists.active.as_deref().map(sanitize_line);
        for list in &mut lists.shortlists {
            list.name = sanitize_line(&list.name);
            for item in &mut list.items {
                item.id = sanitize_line(&item.id);
                item.note = sanitize(&item.note, true);
            }
        }
        for view in &mut lists.views {
            view.name = sanitize_line(&view.name);
        }
    }
    Ok(book)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::shortlist::{BUNDLED_KEY, ShortlistError};

    fn files(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn add(storage: &Storage, name: &str, ids: &[&str]) -> Result<(), ShortlistError> {
        storage
            .update(|book| {
                book.lists_mut(BUNDLED_KEY, "test 1")
                    .add(name, ids)
                    .map_err(ShortlistError::from)
            })
            .map(|_| ())
    }

    #[test]
    fn a_missing_file_is_an_empty_book_and_a_save_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let storage = Storage::in_dir(&dir.path().join("nested"));
        assert_eq!(storage.load().unwrap().book, Book::default());
        add(&storage, "sessie", &["a", "b"]).unwrap();
        let book = storage.load().unwrap().book;
        let list = book.lists(BUNDLED_KEY).unwrap().get("sessie").unwrap();
        assert_eq!(list.items.len(), 2);
        assert_eq!(book.lists(BUNDLED_KEY).unwrap().label, "test 1");
    }

    #[test]
    fn a_crash_between_write_and_rename_leaves_the_old_file_readable() {
        let dir = tempfile::tempdir().unwrap();
        let storage = Storage::in_dir(dir.path());
        add(&storage, "sessie", &["a"]).unwrap();
        let old = std::fs::read(storage.path()).unwrap();

        let mut newer = storage.load().unwrap().book;
        newer
            .lists_mut(BUNDLED_KEY, "")
            .add("sessie", &["b"])
            .unwrap();
        // Write the new content to the temporary file, then "crash": never rename, and leave
        // the temporary file behind as a killed process would.
        let staged = atomic::stage(storage.path(), |w| encode(&newer, w)).unwrap();
        std::mem::forget(staged);

        assert_eq!(std::fs::read(storage.path()).unwrap(), old);
        let book = storage.load().unwrap().book;
        let list = book.lists(BUNDLED_KEY).unwrap().get("sessie").unwrap();
        assert_eq!(list.items.len(), 1);
        // The next save still works with the leftover temporary file present.
        add(&storage, "sessie", &["c"]).unwrap();
        assert_eq!(
            storage
                .load()
                .unwrap()
                .book
                .lists(BUNDLED_KEY)
                .unwrap()
                .shortlists[0]
                .items
                .len(),
            2
        );
    }

    #[test]
    fn a_corrupt_file_is_moved_aside_and_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let storage = Storage::in_dir(dir.path());
        std::fs::write(storage.path(), "{\"version\": 1, \"inventories\": [").unwrap();
        let loaded = storage.load().unwrap();
        assert_eq!(loaded.book, Book::default());
        let notice = loaded.notice.unwrap();
        assert!(notice.contains("not a valid shortlist file"), "{notice}");
        assert!(notice.contains("shortlists.json.corrupt-"), "{notice}");
        let names = files(dir.path());
        assert_eq!(names.len(), 1);
        assert!(names[0].starts_with("shortlists.json.corrupt-"));
        let aside = dir.path().join(&names[0]);
        assert_eq!(
            std::fs::read_to_string(&aside).unwrap(),
            "{\"version\": 1, \"inventories\": ["
        );
        // Saving afterwards creates a fresh file and leaves the corrupt one alone.
        add(&storage, "nieuw", &["a"]).unwrap();
        assert_eq!(files(dir.path()).len(), 2);
        assert_eq!(
            std::fs::read_to_string(&aside).unwrap(),
            "{\"version\": 1, \"inventories\": ["
        );
    }

    #[test]
    fn a_file_from_a_newer_version_is_moved_aside() {
        let dir = tempfile::tempdir().unwrap();
        let storage = Storage::in_dir(dir.path());
        std::fs::write(storage.path(), r#"{"version": 7, "whatever": true}"#).unwrap();
        let notice = storage.load().unwrap().notice.unwrap();
        assert!(
            notice.contains("newer weerbaar (format version 7"),
            "{notice}"
        );
        let names = files(dir.path());
        assert!(
            names[0].starts_with("shortlists.json.newer-v7-"),
            "{names:?}"
        );
    }

    #[test]
    fn files_without_a_version_or_with_wrong_types_are_corrupt() {
        for content in [
            "[]",
            r#"{"inventories": {}}"#,
            r#"{"version": 1, "inventories": {"bundled": {"shortlists": "x"}}}"#,
            "\u{0}\u{1}binary",
        ] {
            let dir = tempfile::tempdir().unwrap();
            let storage = Storage::in_dir(dir.path());
            std::fs::write(storage.path(), content).unwrap();
            let loaded = storage.load().unwrap();
            assert!(loaded.notice.is_some(), "{content}");
            assert!(!storage.path().exists());
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_directory_gives_a_clear_error_and_loading_still_works() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let storage = Storage::in_dir(dir.path());
        add(&storage, "sessie", &["a"]).unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
        // Root ignores permissions; only check where they apply.
        let probe = dir.path().join("probe");
        if std::fs::write(&probe, "").is_ok() {
            let _ = std::fs::remove_file(&probe);
        } else {
            let err = add(&storage, "sessie", &["b"]).unwrap_err().to_string();
            assert!(err.contains("cannot save the shortlists here"), "{err}");
            let book = storage.load().unwrap().book;
            assert_eq!(
                book.lists(BUNDLED_KEY).unwrap().shortlists[0].items.len(),
                1
            );
        }
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    }

    #[test]
    fn update_without_a_change_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let storage = Storage::in_dir(dir.path());
        let _ = storage
            .update(|book| Ok::<_, StorageError>(book.lists(BUNDLED_KEY).is_none()))
            .unwrap();
        assert!(files(dir.path()).is_empty());
    }

    #[test]
    fn unknown_fields_of_the_same_version_are_kept_on_save() {
        let dir = tempfile::tempdir().unwrap();
        let storage = Storage::in_dir(dir.path());
        std::fs::write(
            storage.path(),
            r#"{"version":1,"synced":"2026-12-01","inventories":{"bundled":{"colour":"blue","shortlists":[{"name":"sessie","shared":true,"items":[{"id":"a","note":"","rating":5}]}],"views":[{"name":"v","pinned":1}]}}}"#,
        )
        .unwrap();
        add(&storage, "sessie", &["b"]).unwrap();
        let saved: serde_json::Value =
            serde_json::from_slice(&std::fs::read(storage.path()).unwrap()).unwrap();
        assert_eq!(saved["synced"], "2026-12-01");
        let lists = &saved["inventories"]["bundled"];
        assert_eq!(lists["colour"], "blue");
        assert_eq!(lists["shortlists"][0]["shared"], true);
        assert_eq!(lists["shortlists"][0]["items"][0]["rating"], 5);
        assert_eq!(lists["shortlists"][0]["items"][1]["id"], "b");
        assert_eq!(lists["views"][0]["pinned"], 1);
    }

    #[test]
    fn hand_edited_text_is_sanitised_on_load() {
        let dir = tempfile::tempdir().unwrap();
        let storage = Storage::in_dir(dir.path());
        std::fs::write(
            storage.path(),
            r#"{"version":1,"inventories":{"bundled":{"shortlists":[{"name":"a\u001b[2Jb","items":[{"id":"x","note":"n\u001b]0;t\u0007m"}]}]}}}"#,
        )
        .unwrap();
        let book = storage.load().unwrap().book;
        let list = &book.lists(BUNDLED_KEY).unwrap().shortlists[0];
        assert_eq!(list.name, "ab");
        assert_eq!(list.items[0].note, "nm");
    }
}
