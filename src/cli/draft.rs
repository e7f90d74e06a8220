//! `jianggao draft OUTLINE`: outline + phrasebook layers → first draft.

use std::io::Write;
use std::path::PathBuf;

use super::Outcome;
use super::export;
use super::output::Formats;
use jianggao::config::Found;
use jianggao::draft::summary::Summary;
use jianggao::draft::{self, Renderer, plan, plan_with};
use jianggao::error::{Error, Result, display_path};
use jianggao::layout::Speech;
use jianggao::outline::Outline;
use jianggao::phrasebook::Phrasebook;
use jianggao::report::{self, Format};
use jianggao::reuse::check::{Settings, archive_overlap, check_text};

/// What a draft can be written as: the template's text or Markdown, or either layout of it.
const FORMATS: &[Format] = &[Format::Text, Format::Md, Format::Docx, Format::Html];

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
    /// 输出格式（docx 须加 -o）
    #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = Formats(FORMATS))]
    pub format: Format,
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
    #[arg(long, value_name = "PERCENT", allow_negative_numbers = true)]
    pub max_reuse: Option<f64>,
    /// Word 版式：standard（GB/T 9704）或 speech（念稿版，大字宽行距）
    #[arg(long, default_value = "standard")]
    pub style: String,
}

pub fn run(args: Args, config: &Found) -> Result<Outcome> {
    // Refused before any work, so a mistyped -o costs nothing.
    if let Some(out) = args.output.as_deref().filter(|p| !super::output::is_stdout(Some(p))) {
        jianggao::fsio::refuse_input_as_output(out, &[&args.outline])?;
    }
    // Word and HTML are layouts of the plain-text draft, exactly as `export` lays out any draft.
    let (markup, layout) = match args.format {
        Format::Md => (draft::Format::Md, None),
        Format::Docx | Format::Html => (draft::Format::Text, Some(args.format)),
        _ => (draft::Format::Text, None),
    };
    if layout == Some(Format::Docx) && args.output.is_none() {
        return Err(Error::usage("--format docx 需要指定输出文件")
            .with_hint("请加上 -o 文件名.docx，例如 -o 欢迎讲话.docx"));
    }
    let layout_opts = layout.map(|_| export::layout_options(&args.style, false)).transpose()?;
    if args.max_reuse.is_some() && !args.check {
        return Err(Error::usage("--max-reuse 只在 --check 时有效").with_hint("请同时加上 --check"));
    }
    if let Some(r) = args.rate {
        jianggao::config::check_rate(r).map_err(|e| {
            Error::usage(format!("--rate {}", e.message)).with_hint(e.hint.clone().unwrap_or_default())
        })?;
    }

    let outline = Outline::load(&args.outline)?;
    let pb = Phrasebook::load(&super::settings::phrasebook_layers(&args.phrasebook, config))?;
    let rate = args.rate.or(outline.rate).or(config.config.rate).unwrap_or(jianggao::count::DEFAULT_RATE);
    // The archive, when asked for, is needed before planning (--archive) and after it (--check).
    let reuse_settings =
        if args.check || args.archive.is_some() { Some(reuse_settings(&args, config, &pb)?) } else { None };
    let draft = match (&args.archive, &reuse_settings) {
        (Some(_), Some(settings)) => {
            let occasion = outline.occasion.clone();
            let mut stale = |texts: &[String]| archive_overlap(texts, None, occasion.as_deref(), settings);
            plan_with(&outline, &pb, args.seed, rate, Some(&mut stale))?
        }
        _ => plan(&outline, &pb, args.seed, rate)?,
    };
    let templates = args.templates.clone().or_else(|| config.templates());
    let renderer = Renderer::new(templates.as_deref())?;
    let rendered = renderer.render(&draft, markup)?;

    let target = args
        .output
        .as_deref()
        .filter(|p| !super::output::is_stdout(Some(p)))
        .map(display_path)
        .unwrap_or_else(|| "标准输出".into());
    // Checked before anything is written, so a bad archive leaves no half-done output behind.
    let report = match reuse_settings.as_ref().filter(|_| args.check) {
        Some(settings) => Some(check_text(&rendered, &target, settings)?),
        None => None,
    };
    let summary = Summary::new(&draft, &rendered, markup == draft::Format::Md, &target);
    let bytes = match (layout, &layout_opts) {
        (Some(f), Some(opts)) => export::render(&Speech::parse(&rendered), f, opts),
        _ => rendered.clone().into_bytes(),
    };
    super::output::emit_bytes(&bytes, args.output.as_deref(), &[&args.outline])?;
    let mut err = anstream::stderr().lock();
    // The summary is a courtesy: a closed stderr must not turn a written draft into a failure.
    let _ = err.write_all(report::render(&summary, Format::Text)?.as_bytes());
    let Some(report) = report else { return Ok(Outcome::Ok) };
    // The draft is written even when the check finds too much reuse; the exit code says so.
    let _ = err.write_all(report::render(&report, Format::Text)?.as_bytes());
    Ok(if report.view.exceeds { Outcome::Findings } else { Outcome::Ok })
}

/// Check settings for `--check`/`--archive`: the config's, with this command's flags on top.
fn reuse_settings(args: &Args, config: &Found, pb: &Phrasebook) -> Result<Settings> {
    let flags = super::settings::CheckFlags {
        archive: args.archive.as_deref(),
        max_reuse: args.max_reuse,
        ..Default::default()
    };
    // The phrasebook this draft was made from (flag layers included) is the one the check
    // classifies against: a user's own formulations count, and it is not read a second time.
    super::settings::check(&flags, config, pb.reuse_texts())
}
