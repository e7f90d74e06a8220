//! `jianggao diff OLD NEW`: what NEW keeps, changes and adds, with moved paragraphs.

use std::path::PathBuf;

use super::Outcome;
use super::check::ReportFormat;
use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    pub old: PathBuf,
    pub new: PathBuf,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(_args: Args) -> Result<Outcome> {
    Err(super::not_yet("diff"))
}
