//! `jianggao check DRAFT`: passages copied from the archive, side by side, 总复制比.

use std::cell::OnceCell;
use std::path::PathBuf;

use super::Outcome;
use super::output::{Formats, emit};
use super::progress::Progress;
use jianggao::config::Found;
use jianggao::error::{Result, display_path};
use jianggao::phrasebook::Phrasebook;
use jianggao::report::{self, Format, Render};
use jianggao::reuse::check::{Settings, check_document};
use jianggao::reuse::report::Report;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 待查稿件（.txt .md .docx）
    pub draft: PathBuf,
    /// 历年讲话库文件夹（默认取配置，或 ./archive）
    #[arg(long, value_name = "DIR")]
    pub archive: Option<PathBuf>,
    /// 输出格式（csv 为重复片段一览表）
    #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = Formats(Report::FORMATS))]
    pub format: Format,
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// 总复制比上限（百分比，默认 10），超过时退出码为 1
    #[arg(long, value_name = "PERCENT", allow_negative_numbers = true)]
    pub max_reuse: Option<f64>,
    /// 最短计入的重复长度（折叠后字数，默认 13）
    #[arg(long, value_name = "N")]
    pub min_chars: Option<usize>,
    /// 排除的库内文件（如本稿的旧版本），可重复
    #[arg(long, value_name = "PATH")]
    pub exclude: Vec<PathBuf>,
}

/// Indexing this many bytes or more shows a progress bar.
const PROGRESS_FROM_BYTES: u64 = 16 << 20;

/// Resolve flags over the config into check settings, against the config's phrasebook layers
/// (loaded leniently: a broken phrasebook file must not stop a check).
pub fn settings(args: &Args, config: &Found) -> Result<Settings> {
    let flags = super::settings::CheckFlags {
        archive: args.archive.as_deref(),
        max_reuse: args.max_reuse,
        min_chars: args.min_chars,
        exclude: &args.exclude,
    };
    let layers = super::settings::phrasebook_layers(&[], config);
    super::settings::check(&flags, config, Phrasebook::load_lenient(&layers).reuse_texts())
}

pub fn run(args: Args, config: &Found) -> Result<Outcome> {
    let settings = settings(&args, config)?;
    let doc = jianggao::text::read::read_path(&args.draft)?;
    jianggao::reuse::index::on_lock_wait(|dir| {
        anstream::eprintln!("提示：另一个 jianggao 进程正在更新索引（{}），正在等待……", display_path(dir));
    });
    // The bar appears only for an index big enough to take a while.
    let bar: OnceCell<Progress> = OnceCell::new();
    let progress = |done: u64, total: u64| {
        if total >= PROGRESS_FROM_BYTES {
            bar.get_or_init(|| Progress::new("建立索引 {bar:30} {bytes}/{total_bytes} {bytes_per_sec}"))
                .set(done, total, None);
        }
    };
    let checked = check_document(&doc, &display_path(&args.draft), &settings, Some(&progress));
    if let Some(b) = bar.get() {
        b.finish();
    }
    let checked = checked?;
    for n in &checked.notes.notes {
        anstream::eprintln!("{n}");
    }
    for u in &checked.unreadable {
        anstream::eprintln!(
            "警告：{}：无法读取，已跳过（{}）",
            display_path(&settings.archive.join(&u.path)),
            u.reason
        );
    }
    let r = &checked.report;
    let text = report::render(r, args.format)?;
    emit(&text, args.output.as_deref(), &[&args.draft])?;
    Ok(if r.view.exceeds { Outcome::Findings } else { Outcome::Ok })
}
