//! The user's configuration: an optional TOML file with language, theme, default sort, export
//! defaults, the facet groups shown and the key bindings.
//!
//! Pure: `parse` turns the file's text into a `Config` plus every problem found (each with file,
//! line, key and the allowed values), keeping the valid settings and defaults for the rest, so a
//! broken file never stops the program. Finding and reading the file is the faces' job.

mod commands;
pub mod keys;
mod parse;
mod render;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::core::export::Format;
use crate::core::model::{FacetGroup, Lang};
use crate::core::query::Sort;

pub use commands::{Command, Context, Patch};
pub use keys::{Action, Bindings, Chord, Key, Preset};
pub use parse::parse;
pub use render::render;

/// A configuration file larger than this is not read (a pipe or device is never read).
pub const MAX_CONFIG_BYTES: u64 = 4_000_000;

/// The explorer's colours. Every theme carries information by symbols too, never colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Dark,
    Light,
    /// Black and white with bold and reverse video only, for low vision and monochrome screens.
    HighContrast,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::Dark, Theme::Light, Theme::HighContrast];

    pub fn id(self) -> &'static str {
        match self {
            Theme::Dark => "dark",
            Theme::Light => "light",
            Theme::HighContrast => "high-contrast",
        }
    }
}

/// Every setting, with the defaults filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// `None`: from `--lang`, else `LANG`, else Dutch.
    pub language: Option<Lang>,
    pub theme: Theme,
    pub sort: Sort,
    /// The export format when neither `--format` nor the file name says; `None`: ask.
    pub export_format: Option<Format>,
    /// As written (`~/` allowed); `None`: the current directory. See `export_folder`.
    pub export_folder: Option<String>,
    /// The facet groups the explorer shows, in this order.
    pub facets: Vec<FacetGroup>,
    pub key_preset: Preset,
    /// Actions whose keys the user set, replacing the preset's.
    pub key_overrides: BTreeMap<Action, Vec<Chord>>,
    /// The other contexts' keys the user set (`[keys.compare]` …), each over that context's
    /// defaults.
    pub key_patches: BTreeMap<Context, Patch>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            language: None,
            theme: Theme::default(),
            sort: Sort::default(),
            export_format: None,
            export_folder: None,
            facets: FacetGroup::ALL.to_vec(),
            key_preset: Preset::default(),
            key_overrides: BTreeMap::new(),
            key_patches: BTreeMap::new(),
        }
    }
}

impl Config {
    /// The key bindings in effect.
    pub fn bindings(&self) -> Bindings {
        Bindings::new(self.key_preset, &self.key_overrides)
    }

    /// The export folder with a leading `~` replaced by `home`.
    pub fn export_folder(&self, home: Option<&Path>) -> Option<PathBuf> {
        let folder = self.export_folder.as_deref()?;
        match (folder.strip_prefix('~'), home) {
            (Some(""), Some(home)) => Some(home.to_path_buf()),
            (Some(rest), Some(home)) if rest.starts_with(['/', '\\']) => {
                Some(home.join(&rest[1..]))
            }
            _ => Some(PathBuf::from(folder)),
        }
    }
}

/// One problem in a configuration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    /// The dotted key (`keys.compare`), empty when the file is not TOML at all.
    pub key: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file.display(), self.line, self.column)?;
        if !self.key.is_empty() {
            write!(f, "`{}`: ", self.key)?;
        }
        f.write_str(&self.message)
    }
}

/// A parsed file: the configuration to use and what was wrong with the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded {
    pub config: Config,
    pub problems: Vec<Problem>,
}
