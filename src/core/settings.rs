//! What one run of weerbaar works with, the same for both faces: the language, the inventory
//! file, the year and the user's settings. The command line (`cli`) resolves them from its
//! arguments, the environment and the configuration file, and hands them to the explorer
//! (`tui::run`), so the explorer needs nothing from the command line.

use std::path::PathBuf;

use crate::core::config::Config;
use crate::core::model::Lang;

#[derive(Debug, Clone)]
pub struct RunSettings {
    pub lang: Lang,
    /// `--db` / `WEERBAAR_DB`; the bundled inventory without.
    pub db: Option<PathBuf>,
    pub current_year: u16,
    /// The settings in effect (defaults where the file has none or a bad value).
    pub config: Config,
}
