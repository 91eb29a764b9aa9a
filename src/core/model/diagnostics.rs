//! Positioned diagnostics: where a value was written (`Pos`, `At`) and a problem found there
//! (`Problem`, shown as `file:line:column: message`). Sources, imports and the configuration all
//! report through these, so they live in the model rather than with any one reader.
//! (`LineIndex`, which turns byte offsets into positions, still lives in `store::draft`; it joins
//! these after the merge of issue 13.)

use std::fmt;
use std::path::{Path, PathBuf};

/// A 1-based line and column in a file. Column 0 means "the whole line" (a CSV row, say) and is
/// left out of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    pub fn new(line: usize, column: usize) -> Pos {
        Pos { line, column }
    }
}

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct At<T> {
    pub value: T,
    pub pos: Pos,
}

impl<T> At<T> {
    pub fn new(value: T, pos: Pos) -> At<T> {
        At { value, pos }
    }
}

/// One problem found in a file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Problem {
    pub file: PathBuf,
    pub line: usize,
    /// 0 when the problem concerns a whole line.
    pub column: usize,
    pub message: String,
}

impl Problem {
    pub fn new(file: &Path, pos: Pos, message: String) -> Problem {
        Problem {
            file: file.to_path_buf(),
            line: pos.line,
            column: pos.column,
            message,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.column == 0 {
            write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file.display(),
                self.line,
                self.column,
                self.message
            )
        }
    }
}
