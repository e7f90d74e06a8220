//! `jianggao export FILE --format docx|html -o OUT`: any draft to GB/T 9704 Word or print HTML.

use std::path::PathBuf;

use super::Outcome;
use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Docx,
    Html,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    pub file: PathBuf,
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
    /// standard（GB/T 9704）或 speech（念稿版）
    #[arg(long, default_value = "standard")]
    pub style: String,
    /// 一是/二是 段落的首句不加粗
    #[arg(long)]
    pub no_bold_leads: bool,
}

pub fn run(_args: Args) -> Result<Outcome> {
    Err(super::not_yet("export"))
}
