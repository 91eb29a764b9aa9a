//! Shell integration: `weerbaar completions SHELL` and `weerbaar man`, both generated from the
//! same clap definition as the parser, so they never drift from the real flags.

use std::io::Write;

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, CliError};

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Print the completion script, e.g. `weerbaar completions bash > ~/.local/share/bash-completion/completions/weerbaar`.
/// The script asks `weerbaar` itself for the candidates (clap_complete's dynamic completion,
/// answered in `cli::main` through `COMPLETE=<shell>`): intervention ids, shortlist names and
/// vocabulary values, not file names. It is the same as `COMPLETE=bash weerbaar` prints.
pub fn completions(args: &CompletionsArgs) -> Result<(), CliError> {
    use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};
    // Written to memory first, so a failed write to stdout is ours, with a proper error.
    let mut script = Vec::new();
    let shell: Option<&dyn EnvCompleter> = match args.shell {
        Shell::Bash => Some(&Bash),
        Shell::Zsh => Some(&Zsh),
        Shell::Fish => Some(&Fish),
        Shell::PowerShell => Some(&Powershell),
        Shell::Elvish => Some(&Elvish),
        _ => None,
    };
    match shell {
        Some(shell) => {
            shell.write_registration("COMPLETE", "weerbaar", "weerbaar", "weerbaar", &mut script)?
        }
        // A shell clap_complete learns later: its static script (flags and subcommands).
        None => clap_complete::generate(args.shell, &mut Cli::command(), "weerbaar", &mut script),
    }
    let mut out = std::io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(())
}

#[derive(Args, Debug)]
pub struct ManArgs {
    /// A subcommand's own page (`weerbaar man list`); without it, the program's page.
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

/// Print a manual page as roff, e.g. `weerbaar man | man -l -` or `weerbaar man list | man -l -`.
pub fn man(args: &ManArgs) -> Result<(), CliError> {
    let version = env!("CARGO_PKG_VERSION");
    let cli = Cli::command().version(version);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match &args.command {
        Some(name) => {
            let Some(sub) = cli.find_subcommand(name) else {
                let names: Vec<&str> = cli.get_subcommands().map(|c| c.get_name()).collect();
                return Err(CliError::Usage(format!(
                    "no command `{name}`; use one of {}",
                    names.join(", ")
                )));
            };
            // The page is `weerbaar-list(1)`; its synopsis reads `weerbaar list [OPTIONS]`.
            let sub = sub
                .clone()
                .display_name(format!("weerbaar-{}", sub.get_name()))
                .bin_name(format!("weerbaar {}", sub.get_name()));
            clap_mangen::Man::new(sub)
                .source(format!("weerbaar {version}"))
                .render(&mut out)?;
        }
        None => {
            let page = clap_mangen::Man::new(cli.clone());
            page.render_title(&mut out)?;
            page.render_name_section(&mut out)?;
            page.render_synopsis_section(&mut out)?;
            page.render_description_section(&mut out)?;
            page.render_options_section(&mut out)?;
            page.render_subcommands_section(&mut out)?;
            out.write_all(extra_sections(&cli).as_bytes())?;
            page.render_version_section(&mut out)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// What clap does not know: the environment, the files, the exit codes, the other pages.
fn extra_sections(cli: &clap::Command) -> String {
    use roff::{Roff, bold, roman};
    let mut r = Roff::new();
    let item = |r: &mut Roff, term: &str, text: &str| {
        r.control("TP", []).text([bold(term)]).text([roman(text)]);
    };
    r.control("SH", ["ENVIRONMENT"]);
    item(
        &mut r,
        "WEERBAAR_DB",
        "Open this inventory instead of the bundled one (as --db; --db wins). Set but empty: the bundled one.",
    );
    item(
        &mut r,
        "WEERBAAR_CONFIG",
        "Read the configuration from this file (as --config).",
    );
    item(
        &mut r,
        "WEERBAAR_DATA_DIR",
        "Keep the shortlists in this folder.",
    );
    item(
        &mut r,
        "WEERBAAR_CACHE_DIR",
        "Remember here which inventory files passed the integrity check, so an unchanged file is not checked again.",
    );
    item(
        &mut r,
        "NO_COLOR",
        "When set and not empty, --color auto prints no colour.",
    );
    item(
        &mut r,
        "LANG",
        "An English locale (en_*) makes English the default language.",
    );
    r.control("SH", ["FILES"]);
    item(
        &mut r,
        "config.toml",
        "In the configuration folder: ~/.config/weerbaar/ on Linux (weerbaar config path prints \
         it). Optional; weerbaar config show prints every setting with its allowed values.",
    );
    r.control("SH", ["EXIT STATUS"]);
    r.text([roman(
        "0 success, 1 an error (a file, the data), 2 a wrong command line.",
    )]);
    r.control("SH", ["SEE ALSO"]);
    let pages: Vec<String> = cli
        .get_subcommands()
        .filter(|c| c.get_name() != "help")
        .map(|c| format!("weerbaar-{}(1)", c.get_name()))
        .collect();
    r.text([roman(format!(
        "{} — printed by weerbaar man COMMAND.",
        pages.join(", ")
    ))]);
    r.to_roff()
}
