//! The binary's command line: clap definitions ([`args`]) and one module a command, each
//! resolving its flags over the config into settings once, calling the library and rendering
//! the data it returns. The only place that prints.

pub mod archive;
pub mod args;
pub mod check;
pub mod clean;
pub mod diff;
pub mod draft;
pub mod export;
pub mod init;
pub mod lint;
pub mod output;
pub mod phrasebook;
pub mod progress;
pub mod settings;

use args::{Cli, Command};
use jianggao::error::Result;

/// How a command that did not fail ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Ok,
    /// Exit 1: findings over a threshold (reuse above --max-reuse, lint errors, fmt --check diffs).
    Findings,
}

impl Outcome {
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Ok => 0,
            Outcome::Findings => 1,
        }
    }
}

/// Run one parsed command line.
pub fn run(cli: Cli) -> Result<Outcome> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let env = std::env::var_os(jianggao::config::ENV_VAR);
    let config = jianggao::config::find(&cwd, env.as_deref())?;
    match cli.command {
        Command::Init(args) => init::run(args),
        Command::Draft(args) => draft::run(args, &config),
        Command::Check(args) => check::run(args, &config),
        Command::Diff(args) => diff::run(args),
        Command::Archive(cmd) => archive::run(cmd, &config),
        Command::Clean(args) => clean::run(args),
        Command::Phrasebook(cmd) => phrasebook::run(cmd, &config),
        Command::Lint(args) => lint::run(args, &config),
        Command::Export(args) => export::run(args),
    }
}
