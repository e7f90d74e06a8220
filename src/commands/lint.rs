//! `jianggao lint DRAFT`: the checks a careful 秘书 does before a draft goes up.

use std::path::PathBuf;

use super::Outcome;
use super::phrasebook::FindingsFormat;
use crate::config::Found;
use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    pub draft: PathBuf,
    /// 讲话类型：welcome（欢迎讲话）或 symposium（座谈会讲话）
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long, value_enum, default_value_t = FindingsFormat::Text)]
    pub format: FindingsFormat,
    /// 目标时长（分钟）
    #[arg(long)]
    pub minutes: Option<f64>,
    /// 语速（字/分钟）
    #[arg(long)]
    pub rate: Option<u32>,
    /// 素材库文件夹（提供规范提法清单），可重复
    #[arg(long = "phrasebook", value_name = "DIR")]
    pub phrasebook: Vec<PathBuf>,
}

pub fn run(_args: Args, _config: &Found) -> Result<Outcome> {
    Err(super::not_yet("lint"))
}
