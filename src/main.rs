use std::process::ExitCode;

fn main() -> ExitCode {
    // No subcommand opens the terminal explorer.
    weerbaar::cli::main(weerbaar::tui::run)
}
