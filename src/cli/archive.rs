//! `jianggao archive add|import|list|show`: the folder of earlier speeches.

use std::path::PathBuf;

use super::Outcome;
use super::output::{Formats, emit};
use jianggao::archive::listing::{self, Listing, Shown};
use jianggao::archive::{self, store};
use jianggao::config::Found;
use jianggao::error::{Error, Result, display_path};
use jianggao::report::{self, Format, Render};

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
    /// 输出格式
    #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = Formats(Listing::FORMATS))]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// 编号（见 archive list）
    pub id: String,
    #[command(flatten)]
    pub archive: ArchiveArg,
    /// 输出格式
    #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = Formats(Shown::FORMATS))]
    pub format: Format,
}

pub fn run(cmd: Command, config: &Found) -> Result<Outcome> {
    match cmd {
        Command::Add(args) => add(args, config),
        Command::Import(args) => import(args, config),
        Command::List(args) => list(args, config),
        Command::Show(args) => show(args, config),
    }
}

fn archive_dir(arg: &ArchiveArg, config: &Found) -> PathBuf {
    super::settings::archive_dir(arg.archive.as_deref(), config)
}

fn add(args: AddArgs, config: &Found) -> Result<Outcome> {
    if let Some(date) = &args.date {
        store::check_date(date).map_err(|m| Error::usage(m).with_hint("例如 --date 2025-03-18"))?;
    }
    let root = archive_dir(&args.archive, config);
    let meta =
        store::Meta { title: args.title, date: args.date, speaker: args.speaker, occasion: args.occasion };
    let mut failed = 0usize;
    for file in &args.files {
        match store::add(&root, file, &meta) {
            Ok(dest) => anstream::println!("已加入：{} → {}", display_path(file), display_path(&dest)),
            Err(e) => {
                anstream::eprintln!("{e}");
                failed += 1;
            }
        }
    }
    if failed > 0 {
        return Err(
            Error::usage(format!("{failed} 个文件未能加入讲话库")).with_hint("请按上面的提示处理后重试")
        );
    }
    Ok(Outcome::Ok)
}

fn import(args: ImportArgs, config: &Found) -> Result<Outcome> {
    let root = archive_dir(&args.archive, config);
    let bar = super::progress::Progress::new("{bar:30} {pos}/{len} {wide_msg}");
    let report = store::import(&root, &args.dir, &mut |done, total, file| {
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        bar.set(done as u64, total as u64, Some(name));
    })?;
    bar.finish();
    anstream::println!(
        "导入完成：新增 {} 篇，重复跳过 {} 篇，失败 {} 篇（讲话库：{}）",
        report.imported.len(),
        report.duplicates.len(),
        report.failed.len(),
        display_path(&root)
    );
    for (source, dest) in &report.imported {
        anstream::println!("  新增：{} → {}", display_path(source), display_path(dest));
    }
    for d in &report.duplicates {
        anstream::println!(
            "  重复：{} 与库中 {} 内容相同，已跳过",
            display_path(&d.source),
            display_path(&d.existing)
        );
    }
    for (_, err) in &report.failed {
        anstream::println!("  失败：{}", err.to_string().trim_start_matches("错误："));
    }
    Ok(if report.failed.is_empty() { Outcome::Ok } else { Outcome::Findings })
}

fn list(args: ListArgs, config: &Found) -> Result<Outcome> {
    let root = archive_dir(&args.archive, config);
    let listing = listing::list(&archive::scan(&root)?);
    for e in &listing.unreadable {
        anstream::eprintln!("{e}");
    }
    emit(&report::render(&listing, args.format)?, None, &[])?;
    Ok(Outcome::Ok)
}

fn show(args: ShowArgs, config: &Found) -> Result<Outcome> {
    let root = archive_dir(&args.archive, config);
    let scanned = archive::scan(&root)?;
    let entry = scanned.find(&args.id).ok_or_else(|| {
        Error::usage(format!("讲话库中没有编号为 {} 的讲话", args.id))
            .with_hint("运行 jianggao archive list 查看编号")
    })?;
    let shown = Shown::new(entry, &archive::load(entry)?);
    emit(&report::render(&shown, args.format)?, None, &[])?;
    Ok(Outcome::Ok)
}
