// No unsafe code in what is shipped (Cargo.toml denies it everywhere; here it cannot be allowed).
#![forbid(unsafe_code)]
use std::process::ExitCode;

fn main() -> ExitCode {
    weerbaar::tui::timing::process_started();
    // No subcommand opens the terminal explorer.
    weerbaar::cli::main(weerbaar::tui::run)
}
