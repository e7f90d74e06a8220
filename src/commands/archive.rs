//! `jianggao archive add|import|list|show`: the folder of earlier speeches.

use std::path::PathBuf;

use super::Outcome;
use crate::config::Found;
use crate::error::Result;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// 把讲话稿复制进库（转为带元数据的 UTF-8 Markdown，不改动原文件）
    Add(AddArgs),
    /// 导入整个文件夹
    Import(ImportArgs),
    /// 列出库中讲话
    List(ListArgs),
    /// 显示一篇讲话
    Show(ShowArgs),
}

#[derive(Debug, clap::Args)]
pub struct ArchiveArg {
    /// 历年讲话库文件夹（默认取配置，或 ./archive）
    #[arg(long, value_name = "DIR")]
    pub archive: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub archive: ArchiveArg,
    #[arg(long)]
    pub title: Option<String>,
    /// 日期 YYYY-MM-DD
    #[arg(long)]
    pub date: Option<String>,
    #[arg(long)]
    pub speaker: Option<String>,
    #[arg(long)]
    pub occasion: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    pub dir: PathBuf,
    #[command(flatten)]
    pub archive: ArchiveArg,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub archive: ArchiveArg,
}

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// 编号（见 archive list）
    pub id: String,
    #[command(flatten)]
    pub archive: ArchiveArg,
}

pub fn run(_cmd: Command, _config: &Found) -> Result<Outcome> {
    Err(super::not_yet("archive"))
}
