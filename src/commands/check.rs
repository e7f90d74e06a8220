//! `jianggao check DRAFT`: passages copied from the archive, side by side, 总复制比.

use std::path::PathBuf;

use super::Outcome;
use crate::config::Found;
use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
    Html,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 待查稿件（.txt .md .docx）
    pub draft: PathBuf,
    /// 历年讲话库文件夹（默认取配置，或 ./archive）
    #[arg(long, value_name = "DIR")]
    pub archive: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// 总复制比上限（百分比，默认 10），超过时退出码为 1
    #[arg(long, value_name = "PERCENT")]
    pub max_reuse: Option<f64>,
    /// 最短计入的重复长度（折叠后字数，默认 13）
    #[arg(long, value_name = "N")]
    pub min_chars: Option<usize>,
    /// 排除的库内文件（如本稿的旧版本），可重复
    #[arg(long, value_name = "PATH")]
    pub exclude: Vec<PathBuf>,
}

pub fn run(_args: Args, _config: &Found) -> Result<Outcome> {
    Err(super::not_yet("check"))
}
