use std::process::ExitCode;

fn main() -> ExitCode {
    weerbaar::tui::timing::process_started();
    // No subcommand opens the terminal explorer.
    weerbaar::cli::main(weerbaar::tui::run)
}
