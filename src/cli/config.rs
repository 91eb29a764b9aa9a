//! The configuration file at the edge: where it lives, reading it, and `weerbaar config
//! path|show`. Parsing and validation are in the core (`crate::core::config`).

use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use clap::Subcommand;

use crate::core::config::{self, Loaded, Problem};

use super::{CliError, Context};

#[derive(Subcommand, Debug)]
pub enum ConfigCommand {
    /// Print where the configuration file is read from (it need not exist).
    Path,
    /// Print the configuration in effect as TOML, defaults included, and report every problem
    /// in the file (exit 1 when there are any).
    Show,
}

/// Where the file is: `--config` / `WEERBAAR_CONFIG` if given, else `config.toml` in the
/// user's configuration folder (e.g. `~/.config/weerbaar/` on Linux).
pub fn path(given: Option<&Path>) -> Option<PathBuf> {
    match given {
        Some(p) => Some(p.to_path_buf()),
        None => directories::ProjectDirs::from("nl", "", "weerbaar")
            .map(|d| d.config_dir().join("config.toml")),
    }
}

/// Read and parse the file. A missing file in the default place is simply the defaults; a
/// missing file that was asked for by name, or one that cannot be read, is a problem.
pub fn load(given: Option<&Path>) -> Loaded {
    let Some(file) = path(given) else {
        return Loaded::default();
    };
    let problem = |message: String| Loaded {
        problems: vec![Problem {
            file: file.clone(),
            line: 1,
            column: 1,
            key: String::new(),
            message,
        }],
        ..Loaded::default()
    };
    match crate::core::input::read_limited(&file, config::MAX_CONFIG_BYTES) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => config::parse(&text, &file),
            Err(_) => problem("not UTF-8 text; save the file as UTF-8".to_string()),
        },
        Err(e) if e.kind() == ErrorKind::NotFound && given.is_none() => Loaded::default(),
        Err(e) if e.kind() == ErrorKind::NotFound => {
            problem("no such file (from --config or WEERBAAR_CONFIG); using the defaults".into())
        }
        Err(e) => problem(format!("cannot read: {e}; using the defaults")),
    }
}

pub fn run(ctx: &Context, cmd: &ConfigCommand) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    match cmd {
        ConfigCommand::Path => {
            let file = path(ctx.config_file.as_deref()).ok_or_else(|| {
                CliError::Failed(
                    "no home folder found for the configuration; set WEERBAAR_CONFIG".into(),
                )
            })?;
            writeln!(out, "{}", file.display())?;
        }
        ConfigCommand::Show => {
            // Values come from the file: cleaned like every text that reaches the terminal.
            let shown = crate::core::model::text::sanitize(
                &config::render(&ctx.run.config, ctx.run.lang),
                true,
            );
            write!(out, "{shown}")?;
            out.flush()?;
            if !ctx.config_problems.is_empty() {
                for p in &ctx.config_problems {
                    crate::say!("weerbaar: {p}");
                }
                return Err(CliError::Failed(format!(
                    "{} problem(s) in the configuration; the settings above use the defaults for those",
                    ctx.config_problems.len()
                )));
            }
        }
    }
    Ok(())
}
