//! `jianggao phrasebook lint|fmt|list|show|search|stats|harvest|add`.

use std::path::PathBuf;

use super::Outcome;
use crate::config::Found;
use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct Layers {
    /// 素材库文件夹，可重复（默认取配置中的各层，否则为项目自带的 phrasebook/）
    #[arg(long = "phrasebook", value_name = "DIR")]
    pub phrasebook: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FindingsFormat {
    Text,
    Json,
}

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// 检查素材库：格式、重复、变量、占位符、繁简混用、标点、排比
    Lint {
        #[command(flatten)]
        layers: Layers,
        #[arg(long, value_enum, default_value_t = FindingsFormat::Text)]
        format: FindingsFormat,
    },
    /// 统一 YAML 排版（--check 只检查不改写）
    Fmt {
        #[command(flatten)]
        layers: Layers,
        #[arg(long)]
        check: bool,
    },
    /// 列出要点
    List {
        #[command(flatten)]
        layers: Layers,
        /// 编号前缀
        prefix: Option<String>,
        #[arg(long)]
        tag: Option<String>,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        slot: Option<String>,
    },
    /// 显示一个要点的各个表述
    Show {
        #[command(flatten)]
        layers: Layers,
        id: String,
    },
    /// 按词检索要点
    Search {
        #[command(flatten)]
        layers: Layers,
        query: String,
        #[arg(long)]
        tag: Option<String>,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        slot: Option<String>,
    },
    /// 统计各要点在历年讲话中的使用情况
    Stats {
        #[command(flatten)]
        layers: Layers,
        #[arg(long, value_name = "DIR")]
        archive: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = FindingsFormat::Text)]
        format: FindingsFormat,
    },
    /// 从一篇讲话中采集候选要点，生成素材库 YAML 草稿
    Harvest {
        speech: PathBuf,
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// 向素材库追加一个要点
    Add {
        #[command(flatten)]
        layers: Layers,
        /// 写入的文件（YAML）
        #[arg(long, value_name = "FILE")]
        to: Option<PathBuf>,
        /// 从 YAML 文件读取要点
        #[arg(long, value_name = "FILE")]
        from: Option<PathBuf>,
        #[arg(long)]
        id: Option<String>,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        slot: Option<String>,
        #[arg(long = "kind")]
        kinds: Vec<String>,
        #[arg(long = "tag")]
        tags: Vec<String>,
        #[arg(long = "variant")]
        variants: Vec<String>,
        #[arg(long)]
        optional: bool,
    },
}

pub fn run(_cmd: Command, _config: &Found) -> Result<Outcome> {
    Err(super::not_yet("phrasebook"))
}
