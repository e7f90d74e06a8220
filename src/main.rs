//! The thin binary: parse arguments, run the command, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = match jianggao::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return jianggao::cli::usage_error_exit(err),
    };
    match jianggao::commands::run(cli) {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(err) => {
            anstream::eprintln!("{err}");
            ExitCode::from(err.exit_code())
        }
    }
}
