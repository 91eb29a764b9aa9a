//! Reading a file the user named (a config, a mapping, an import, the shortlist file) without
//! hanging or running out of memory: a pipe (FIFO) would block the open or the read forever,
//! and `/dev/zero` reports size 0 while never ending. So the file is opened without blocking,
//! its type is checked on the open handle, and every read stops at a byte limit that holds
//! whatever size the file claims.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Open `path` for reading if it is a regular file. A pipe, device or socket is refused with
/// an `InvalidInput` error whose text says so; a folder with `IsADirectory`.
pub fn open_regular(path: &Path) -> io::Result<File> {
    let mut options = File::options();
    options.read(true);
    // Opening a FIFO for reading blocks until a writer appears; non-blocking, it returns at
    // once and the type check below refuses it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "this is a folder, not a file",
        ));
    }
    if !meta.is_file() {
        return Err(not_a_file());
    }
    Ok(file)
}

/// The error for a pipe, device or socket.
pub fn not_a_file() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        "not a regular file (a pipe, a device or a socket); give the name of a file",
    )
}

/// True when `path` exists and is neither a regular file nor a folder (checked without
/// opening it, so it never blocks).
pub fn is_special(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// The whole of a regular file, refused when it holds more than `limit` bytes (counted while
/// reading, not taken from its metadata).
pub fn read_limited(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(limit));
    }
    Ok(bytes)
}

/// The error for a file over its limit.
pub fn too_large(limit: u64) -> io::Error {
    let shown = if limit >= 1_000_000 {
        format!("{} MB", limit / 1_000_000)
    } else {
        format!("{} KB", limit / 1000)
    };
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!("the file is larger than the limit of {shown}"),
    )
}

#[cfg(test)]
#[cfg(unix)]
pub(crate) mod tests {
    use super::*;

    /// A FIFO at `path` (made with mkfifo), as an attacker or a mistake would leave one.
    pub(crate) fn fifo(path: &Path) {
        let made = std::process::Command::new("mkfifo").arg(path).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo {}", path.display());
    }

    #[test]
    fn a_fifo_or_device_is_refused_without_blocking_and_reads_are_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let pipe = dir.path().join("pipe");
        fifo(&pipe);
        let err = read_limited(&pipe, 10).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        assert!(err.to_string().contains("not a regular file"), "{err}");
        assert!(is_special(&pipe));
        let err = read_limited(Path::new("/dev/zero"), 10).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        let err = read_limited(dir.path(), 10).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::IsADirectory);
        let file = dir.path().join("f");
        std::fs::write(&file, "12345678901").unwrap();
        assert_eq!(
            read_limited(&file, 10).unwrap_err().kind(),
            io::ErrorKind::FileTooLarge
        );
        assert_eq!(read_limited(&file, 11).unwrap().len(), 11);
    }
}
