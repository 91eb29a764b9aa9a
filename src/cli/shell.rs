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
pub fn completions(args: &CompletionsArgs) -> Result<(), CliError> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    clap_complete::generate(args.shell, &mut Cli::command(), "weerbaar", &mut out);
    out.flush()?;
    Ok(())
}

/// Print the manual page as roff, e.g. `weerbaar man | man -l -`.
pub fn man() -> Result<(), CliError> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    out.flush()?;
    Ok(())
}
