//! `jianggao clean FILE`: the text as a reader wants it (noise removed, hard wraps joined).

use std::path::PathBuf;

use super::Outcome;
use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    pub file: PathBuf,
    /// 同时转为简体（词组级转换）
    #[arg(long)]
    pub simplified: bool,
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(_args: Args) -> Result<Outcome> {
    Err(super::not_yet("clean"))
}
