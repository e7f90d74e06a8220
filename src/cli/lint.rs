//! `jianggao lint DRAFT`: the checks a careful 秘书 does before a draft goes up.

use std::path::PathBuf;

use super::Outcome;
use super::output::{Formats, emit};
use jianggao::config::Found;
use jianggao::error::{Error, Result};
use jianggao::lint::Finding;
use jianggao::lint::Settings;
use jianggao::lint::draft::check_document;
use jianggao::report::{self, Format, Render};
use jianggao::speech::Kind;

#[derive(Debug, clap::Args)]
pub struct Args {
    pub draft: PathBuf,
    /// 讲话类型：welcome（欢迎讲话）或 symposium（座谈会讲话）
    #[arg(long)]
    pub kind: Option<String>,
    /// 输出格式
    #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = Formats(<[Finding]>::FORMATS))]
    pub format: Format,
    /// 目标时长（分钟）
    #[arg(long)]
    pub minutes: Option<f64>,
    /// 语速（字/分钟）
    #[arg(long)]
    pub rate: Option<u32>,
    /// 素材库文件夹（提供规范提法清单），可重复；叠加在配置中的各层之上
    #[arg(long = "phrasebook", value_name = "DIR")]
    pub phrasebook: Vec<PathBuf>,
}

/// Arguments and config resolved into lint settings.
pub fn settings(args: &Args, config: &Found) -> Result<Settings> {
    let kind = match args.kind.as_deref() {
        None => None,
        Some(k) => Some(Kind::from_flag(k)?),
    };
    if let Some(m) = args.minutes
        && !(m.is_finite() && m > 0.0)
    {
        return Err(
            Error::usage(format!("目标时长 {m} 无效")).with_hint("--minutes 应为大于 0 的分钟数，如 8")
        );
    }
    let rate = args.rate.or(config.config.rate).unwrap_or(jianggao::count::DEFAULT_RATE);
    if rate == 0 {
        return Err(Error::usage("语速不能为 0").with_hint("--rate 应为每分钟字数，如 180"));
    }
    let layers = super::settings::phrasebook_layers(&args.phrasebook, config);
    let formulas = jianggao::formulas::load(&layers)?;
    Ok(Settings { kind, minutes: args.minutes, rate, formulas })
}

pub fn run(args: Args, config: &Found) -> Result<Outcome> {
    let settings = settings(&args, config)?;
    let doc = jianggao::text::read::read_path(&args.draft)?;
    let findings = check_document(&doc, &settings);
    emit(&report::render(findings.as_slice(), args.format)?, None, &[])?;
    let (errors, _) = jianggao::lint::tally(&findings);
    Ok(if errors > 0 { Outcome::Findings } else { Outcome::Ok })
}
