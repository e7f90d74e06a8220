//! `jianggao init [DIR]`: example outlines, an empty personal phrasebook and a `jianggao.yaml`.

use std::path::PathBuf;

use super::Outcome;
use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 目标文件夹（默认当前文件夹）
    pub dir: Option<PathBuf>,
}

pub fn run(_args: Args) -> Result<Outcome> {
    Err(super::not_yet("init"))
}
