//! The binary: parse arguments, run the command, map the outcome to an exit code. Everything that
//! prints lives here, in [`cli`]; the library returns data.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = match cli::args::Cli::try_parse() {
        Ok(args) => args,
        Err(err) => return cli::args::usage_error_exit(err),
    };
    match cli::run(args) {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(err) => {
            anstream::eprintln!("{err}");
            ExitCode::from(err.exit_code())
        }
    }
}
