//! The scriptable face: clap subcommands over the same core as the explorer. Data goes to
//! stdout, messages to stderr; exit 0 ok, 1 error, 2 usage.

mod compare;
pub mod complete;
mod config;
mod db;
mod export;

/// `eprintln!` that never panics: a message on stderr is best effort, and a stderr that cannot
/// be written (closed by `2>&1 | head`, or `2>/dev/full`) must not turn into a panic or stop the
/// work it reports on.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        // Messages quote user and file text: never let it write escape sequences to the
        // terminal or flood it (see `text::for_message`).
        let message = $crate::core::model::text::for_message(&::std::format!($($arg)*));
        let _ = ::std::writeln!(::std::io::stderr(), "{message}");
    }};
}

pub mod filters;
mod import;
mod list;
mod matrix;
pub mod messages;
mod output;
mod related;
mod shell;
mod shortlist;
mod show;
mod style;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use crate::core::config::Problem;
use crate::core::i18n::Text;
use crate::core::model::Lang;
use crate::core::settings::RunSettings;
use crate::core::store::{self, Inventory, StoreError};

pub use filters::FilterArgs;
pub use style::{ColorChoice, Style};

/// Where `--help` lists the options every command takes, apart from the command's own.
const GLOBAL: &str = "Global options";

#[derive(Parser, Debug)]
#[command(
    name = "weerbaar",
    about = "Verken interventies die weerbaarheid versterken — offline, in de terminal.\n\
             Explore interventions that strengthen resilience — offline, in the terminal.",
    long_about = None,
    disable_version_flag = true
)]
pub struct Cli {
    /// Open this inventory instead of the bundled one [env: WEERBAAR_DB; empty means bundled].
    // The variable is read in `main`, not by clap: clap refuses a set-but-empty variable.
    #[arg(long, global = true, value_name = "PATH", help_heading = GLOBAL)]
    pub db: Option<PathBuf>,

    /// Interface language (default: from the configuration, else LANG, else nl).
    #[arg(long, global = true, value_name = "nl|en", value_parser = parse_lang, help_heading = GLOBAL)]
    pub lang: Option<Lang>,

    /// Read the configuration from this file (default: see `weerbaar config path`).
    #[arg(
        long,
        global = true,
        env = "WEERBAAR_CONFIG",
        value_name = "FILE",
        help_heading = GLOBAL
    )]
    pub config: Option<PathBuf>,

    /// Colour in tables and text: auto = only on a terminal and when NO_COLOR is not set.
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "WHEN",
        default_value = "auto",
        help_heading = GLOBAL
    )]
    pub color: ColorChoice,

    /// Print the program version and the inventory's version and date.
    #[arg(short = 'V', long)]
    pub version: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| {
        crate::tr!(
            "onbekende taal `{s}`; kies nl of en",
            "unknown language `{s}`; use nl or en"
        )
    })
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// List interventions matching a search and filters.
    List(list::ListArgs),
    /// Show one intervention in full.
    Show(show::ShowArgs),
    /// Count the values of every facet group under a search and filters.
    Facets(list::FacetsArgs),
    /// Compare two to four interventions side by side.
    Compare(compare::CompareArgs),
    /// List the interventions most similar to one, with what they share.
    Related(related::RelatedArgs),
    /// Cross two facet groups: how many interventions carry each pair of values.
    Matrix(matrix::MatrixArgs),
    /// Build, check or summarise the inventory.
    #[command(subcommand)]
    Db(db::DbCommand),
    /// Named shortlists with a note per item, kept per inventory.
    #[command(subcommand)]
    Shortlist(shortlist::ShortlistCommand),
    /// Write a shortlist or a search as CSV, CSV for Dutch Excel, XLSX, JSON, Markdown, RIS or CSL-JSON.
    Export(export::ExportArgs),
    /// Make an inventory from CSV, JSON or TOML files (see docs/import.md).
    Import(import::ImportArgs),
    /// Show where the configuration file is and what is in effect.
    #[command(subcommand)]
    Config(config::ConfigCommand),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(shell::CompletionsArgs),
    /// Print the manual page (roff), e.g. `weerbaar man | man -l -`.
    Man(shell::ManArgs),
}

/// An error the user can act on, with its exit code.
#[derive(Debug)]
pub enum CliError {
    /// Exit 1: something failed (a file, the data).
    Failed(String),
    /// Exit 2: the command line was wrong.
    Usage(String),
    /// Exit 0: whoever reads standard output stopped reading (`weerbaar list | head`). That is
    /// the reader's choice, not a failure, so nothing is said. Known by the IO error's kind; an
    /// error that reached here as text only is still recognised by `is_broken_pipe`.
    Closed,
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        CliError::Failed(e.to_string())
    }
}

/// A bare IO error in a command is a failed write of its output (files are written through
/// `atomic`, whose errors name the file), so it names standard output:
/// `weerbaar list > /dev/full` says where there was no space. The exception: an export that
/// stopped at a record it could not read says so.
impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        match crate::core::export::read_failure(&e) {
            Some(failure) => CliError::Failed(failure.to_string()),
            None if e.kind() == std::io::ErrorKind::BrokenPipe => CliError::Closed,
            None => CliError::Failed(format!("cannot write to standard output: {e}")),
        }
    }
}

/// Shared context for the subcommands.
pub struct Context {
    /// What the explorer is started with too.
    pub run: RunSettings,
    /// `--config` / `WEERBAAR_CONFIG`, if given.
    pub config_file: Option<PathBuf>,
    /// What was wrong with the configuration file; already reported as warnings.
    pub config_problems: Vec<Problem>,
    /// Colour for the CLI's own output.
    pub style: Style,
}

impl Context {
    pub fn open(&self) -> Result<Inventory, StoreError> {
        crate::core::inventory::open(self.run.db.as_deref())
    }

    /// The search index of an open inventory: the one stored in the file, else built from the
    /// records, with a one-line hint on stderr that `db index` adds it.
    pub fn index(
        &self,
        db: &store::Database,
        with_text: bool,
    ) -> Result<crate::core::query::Index, StoreError> {
        let (index, missing) = crate::core::inventory::index(db, with_text)?;
        if missing && let Some(path) = &self.run.db {
            say!(
                "{}: {} weerbaar db index {} -o {}",
                path.display(),
                crate::core::i18n::Text::NoSearchIndex.get(self.run.lang),
                shell_word(&path.display().to_string()),
                shell_word(&indexed_name(path))
            );
        }
        Ok(index)
    }

    /// The inventory's database, open for streaming and fetching records by id.
    pub fn open_database(&self) -> Result<store::Database, StoreError> {
        crate::core::inventory::database(self.run.db.as_deref())
    }
}

/// Parse the command line and run it. `run_tui` is called when no subcommand is given.
pub fn main(run_tui: impl FnOnce(&RunSettings) -> Result<(), String>) -> ExitCode {
    // `COMPLETE=bash weerbaar …`: the shell asks for completions (see `complete`); answered and
    // exited here, before anything else runs.
    clap_complete::CompleteEnv::with_factory(Cli::command).complete();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    messages::set_lang(messages::early_lang(&args));
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help and version to stdout with exit 0, and usage errors with exit 2;
            // a usage error in Dutch is ours, one line with the help hint.
            match (e.use_stderr(), messages::lang()) {
                (true, Lang::Nl) => match messages::dutch(&e) {
                    Some(line) => {
                        crate::say!("weerbaar: {line}\n(meer: weerbaar --help)");
                    }
                    None => {
                        let _ = e.print();
                    }
                },
                _ => {
                    let _ = e.print();
                }
            }
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let loaded = config::load(cli.config.as_deref());
    let lang = cli
        .lang
        .or(loaded.config.language)
        .unwrap_or_else(|| Lang::from_locale(std::env::var("LANG").ok().as_deref()));
    // `config show` reports the problems itself, as errors; everywhere else they are warnings
    // and the program carries on with the defaults for the bad settings.
    if !matches!(
        cli.command,
        Some(Command::Config(config::ConfigCommand::Show))
    ) {
        let mut cap = crate::core::cap::Cap::default();
        for p in &loaded.problems {
            if cap.admit(&p.message) {
                crate::say!("weerbaar: warning: {p}");
            }
        }
        if let Some(rest) = cap.summary(lang) {
            crate::say!("weerbaar: warning: {rest}");
        }
    }
    messages::set_lang(lang);
    let ctx = Context {
        run: RunSettings {
            lang,
            db: cli.db.clone().or_else(|| {
                std::env::var_os("WEERBAAR_DB")
                    .filter(|v| !v.is_empty())
                    .map(PathBuf::from)
            }),
            current_year: crate::core::model::current_year(),
            config: loaded.config,
        },
        config_file: cli.config.clone(),
        config_problems: loaded.problems,
        style: cli.color.resolve_here(),
    };
    // A command killed by a catchable signal leaves no half-written temporary file; the
    // explorer watches for signals itself (it must restore the terminal first).
    if cli.command.is_some() {
        crate::core::atomic::remove_staged_on_signals();
    }
    // Rust treats a closed stdout (`>&-`) as a sink that swallows everything: a command whose
    // output is its point would exit 0 having written nothing.
    let writes_stdout = match &cli.command {
        Some(Command::List(_) | Command::Show(_) | Command::Facets(_))
        | Some(Command::Related(_) | Command::Matrix(_)) => true,
        Some(Command::Export(args)) => args.output.is_none(),
        _ => false,
    };
    if writes_stdout && !stdout_open() {
        crate::say!("weerbaar: {}", Text::StdoutClosed.get(lang));
        return ExitCode::from(1);
    }
    let result = if cli.version {
        print_version(&ctx)
    } else {
        match cli.command {
            None => run_tui(&ctx.run).map_err(CliError::Failed),
            Some(Command::List(args)) => list::run(&ctx, &args),
            Some(Command::Show(args)) => show::run(&ctx, &args),
            Some(Command::Facets(args)) => list::facets(&ctx, &args),
            Some(Command::Compare(args)) => compare::run(&ctx, &args),
            Some(Command::Related(args)) => related::run(&ctx, &args),
            Some(Command::Matrix(args)) => matrix::run(&ctx, &args),
            Some(Command::Db(cmd)) => db::run(&ctx, &cmd),
            Some(Command::Shortlist(cmd)) => shortlist::run(&ctx, &cmd),
            Some(Command::Export(args)) => export::run(&ctx, &args),
            Some(Command::Import(args)) => import::run(&ctx, &args),
            Some(Command::Config(cmd)) => config::run(&ctx, &cmd),
            Some(Command::Completions(args)) => shell::completions(&args),
            Some(Command::Man(args)) => shell::man(&args),
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Closed) => ExitCode::SUCCESS,
        Err(CliError::Failed(msg)) if is_broken_pipe(&msg) => ExitCode::SUCCESS,
        Err(CliError::Failed(msg)) => {
            crate::say!("weerbaar: {msg}");
            ExitCode::from(1)
        }
        Err(CliError::Usage(msg)) => {
            crate::say!("weerbaar: {msg}");
            ExitCode::from(2)
        }
    }
}

/// Whether file descriptor 1 was open when the program started (`>&-` closes it). Rust's
/// runtime puts `/dev/null` on a closed standard descriptor before `main`, opened for reading
/// and writing; a shell's `> /dev/null` opens it for writing only. So stdout that is
/// `/dev/null` opened read-write was closed. The open mode is read from `/proc/self/fdinfo`
/// (no unsafe call); where that is missing, stdout counts as open.
fn stdout_open() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        const ACCESS_MODE: u32 = 0o3;
        const READ_WRITE: u32 = 0o2;
        let Some(flags) = std::fs::read_to_string("/proc/self/fdinfo/1")
            .ok()
            .and_then(|info| {
                info.lines()
                    .find_map(|l| l.strip_prefix("flags:"))
                    .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
            })
        else {
            return true;
        };
        if flags & ACCESS_MODE != READ_WRITE {
            return true;
        }
        let null = std::fs::metadata("/dev/null").map(|m| m.rdev()).ok();
        let out = std::fs::metadata("/proc/self/fd/1").map(|m| m.rdev()).ok();
        !(null.is_some() && null == out)
    }
    #[cfg(not(unix))]
    {
        true
    }
}

fn is_broken_pipe(msg: &str) -> bool {
    msg.contains("Broken pipe") || msg.contains("os error 32")
}

fn print_version(ctx: &Context) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    // The program's version first: it is known even when the inventory cannot be opened.
    writeln!(out, "weerbaar {}", env!("CARGO_PKG_VERSION"))?;
    out.flush()?;
    let inv = ctx.open()?;
    let m = &inv.metadata;
    writeln!(
        out,
        "{}: {} {} ({}, {} {})",
        if ctx.run.db.is_some() {
            Text::VersionInventory.get(ctx.run.lang)
        } else {
            Text::VersionBundled.get(ctx.run.lang)
        },
        m.title,
        m.version,
        m.date,
        inv.interventions.len(),
        Text::interventions(inv.interventions.len(), ctx.run.lang)
    )?;
    Ok(())
}

/// A name for the copy `db index` writes: `big.sqlite` → `big.indexed.sqlite`.
fn indexed_name(path: &std::path::Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "inventory".into());
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    path.with_file_name(format!("{stem}.indexed{ext}"))
        .display()
        .to_string()
}

/// A path as one word a POSIX shell reads back unchanged (quoted only when needed), so the
/// hint's command can be copied.
fn shell_word(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+:,@%".contains(c));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}
