//! `jianggao draft OUTLINE`: outline + phrasebook layers → first draft.

use std::path::PathBuf;

use super::Outcome;
use crate::config::Found;
use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DraftFormat {
    Text,
    Md,
    Docx,
    Html,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 提纲文件（YAML）
    pub outline: PathBuf,
    /// 随机种子：同一提纲同一种子得到同一稿
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// 素材库文件夹，可重复；后者按编号覆盖前者，内置素材库为底
    #[arg(long = "phrasebook", value_name = "DIR")]
    pub phrasebook: Vec<PathBuf>,
    /// 模板文件夹，按文件名覆盖内置模板
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// 输出格式
    #[arg(long, value_enum, default_value_t = DraftFormat::Text)]
    pub format: DraftFormat,
    /// 输出文件（默认标准输出；docx 必须指定）
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// 语速（字/分钟），覆盖提纲和配置
    #[arg(long)]
    pub rate: Option<u32>,
    /// 生成后立即查重（超过 --max-reuse 时退出码为 1）
    #[arg(long)]
    pub check: bool,
    /// 历年讲话库：优先选用库中未出现过的表述
    #[arg(long, value_name = "DIR")]
    pub archive: Option<PathBuf>,
    /// 查重阈值（百分比）
    #[arg(long, value_name = "PERCENT")]
    pub max_reuse: Option<f64>,
    /// Word 版式：standard（GB/T 9704）或 speech（念稿版，大字宽行距）
    #[arg(long, default_value = "standard")]
    pub style: String,
}

pub fn run(_args: Args, _config: &Found) -> Result<Outcome> {
    Err(super::not_yet("draft"))
}
