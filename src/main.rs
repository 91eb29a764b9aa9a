use std::process::ExitCode;

fn main() -> ExitCode {
    weerbaar::cli::main(|_ctx| {
        Err("the terminal explorer is not built yet; try `weerbaar --help`".to_string())
    })
}
