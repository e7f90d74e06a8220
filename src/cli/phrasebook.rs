//! `jianggao phrasebook lint|fmt|list|show|search|stats|harvest|add`.

use std::path::{Path, PathBuf};

use super::Outcome;
use super::output::{Formats, emit};
use jianggao::config::Found;
use jianggao::error::{Error, Location, Result};
use jianggao::phrasebook::browse::{Listing, Shown};
use jianggao::phrasebook::{self as pb, LayerSource, Phrasebook};
use jianggao::report::{self, Format, Render};

#[derive(Debug, clap::Args)]
pub struct Layers {
    /// 素材库文件夹，可重复；叠加在内置素材库和配置中的各层之上
    #[arg(long = "phrasebook", value_name = "DIR")]
    pub phrasebook: Vec<PathBuf>,
}

/// `list` and `search` filters: a point must have the tag, suit the kind and sit in the slot.
#[derive(Debug, clap::Args)]
pub struct Filter {
    #[arg(long)]
    pub tag: Option<String>,
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long)]
    pub slot: Option<String>,
}

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// 检查素材库：格式、重复、变量、占位符、繁简混用、标点、排比
    Lint {
        #[command(flatten)]
        layers: Layers,
        /// 输出格式
        #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = Formats(pb::lint::Report::FORMATS))]
        format: Format,
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
        #[command(flatten)]
        filter: Filter,
        /// 输出格式
        #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = Formats(Listing::FORMATS))]
        format: Format,
    },
    /// 显示一个要点的各个表述
    Show {
        #[command(flatten)]
        layers: Layers,
        id: String,
        /// 输出格式
        #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = Formats(Shown::FORMATS))]
        format: Format,
    },
    /// 按词检索要点
    Search {
        #[command(flatten)]
        layers: Layers,
        query: String,
        #[command(flatten)]
        filter: Filter,
        /// 输出格式
        #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = Formats(Listing::FORMATS))]
        format: Format,
    },
    /// 统计各要点在历年讲话中的使用情况
    Stats {
        #[command(flatten)]
        layers: Layers,
        #[arg(long, value_name = "DIR")]
        archive: Option<PathBuf>,
        /// 输出格式
        #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = Formats(pb::stats::Stats::FORMATS))]
        format: Format,
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
        /// 变量及示例值，如 --var place=青川市，可重复
        #[arg(long = "var", value_name = "NAME=VALUE")]
        vars: Vec<String>,
    },
}

impl Layers {
    /// The folders to act on: the config's layers, then the flags' (none: the shipped phrasebook).
    pub fn dirs(&self, config: &Found) -> Vec<PathBuf> {
        super::settings::phrasebook_layers(&self.phrasebook, config)
    }

    /// The layers bottom first: the shipped phrasebook, then the folders. The shipped one is left
    /// out when a folder holds exactly the same files (linting the project's own `phrasebook/`).
    pub fn sources(&self, config: &Found) -> Result<Vec<LayerSource>> {
        let dirs = self.dirs(config);
        let embedded = pb::layer_files(&LayerSource::Embedded)?;
        let strip = |v: Vec<(PathBuf, String, String)>| -> Vec<(String, String)> {
            v.into_iter().map(|(_, rel, text)| (rel, text)).collect()
        };
        let embedded = strip(embedded);
        let mut out = Vec::new();
        let mut same = false;
        for d in &dirs {
            if !same
                && !embedded.is_empty()
                && strip(pb::layer_files(&LayerSource::Dir(d.clone()))?) == embedded
            {
                same = true;
            }
        }
        if !same {
            out.push(LayerSource::Embedded);
        }
        out.extend(dirs.into_iter().map(LayerSource::Dir));
        Ok(out)
    }

    fn load(&self, config: &Found) -> Result<Phrasebook> {
        Phrasebook::load(&self.dirs(config))
    }
}

pub fn run(cmd: Command, config: &Found) -> Result<Outcome> {
    match cmd {
        Command::Lint { layers, format } => lint(&layers, format, config),
        Command::Fmt { layers, check } => fmt(&layers, check, config),
        Command::List { layers, prefix, filter, format } => {
            let book = layers.load(config)?;
            let query = query(filter)?;
            let rows = book
                .matching(&query)
                .filter(|e| prefix.as_deref().is_none_or(|p| id_has_prefix(&e.point.id, p)));
            emit(&report::render(&Listing::new(rows, None), format)?, None, &[])?;
            Ok(Outcome::Ok)
        }
        Command::Show { layers, id, format } => {
            let book = layers.load(config)?;
            let Some(entry) = book.get(&id) else {
                let near = book.suggest(&id, 3);
                let hint = if near.is_empty() {
                    "用 jianggao phrasebook list 查看全部编号".to_string()
                } else {
                    format!("是不是：{}", near.join("、"))
                };
                return Err(Error::usage(format!("素材库中没有编号为 {id} 的要点")).with_hint(hint));
            };
            emit(&report::render(&pb::browse::show(entry), format)?, None, &[])?;
            Ok(Outcome::Ok)
        }
        Command::Search { layers, query: q, filter, format } => {
            let book = layers.load(config)?;
            let filter = query(filter)?;
            let hits = pb::browse::search(&book, &q, &filter);
            let listing = Listing::new(hits.iter().map(|h| h.entry), Some(&q));
            emit(&report::render(&listing, format)?, None, &[])?;
            Ok(Outcome::Ok)
        }
        Command::Stats { layers, archive, format } => stats(&layers, archive, format, config),
        Command::Harvest { speech, output } => harvest(&speech, output.as_deref()),
        Command::Add { layers, to, from, id, title, slot, kinds, tags, variants, optional, vars } => {
            let flags = pb::add::Flags { id, title, slot, kinds, tags, variants, optional, vars };
            add(&layers, config, to, from, flags)
        }
    }
}

fn id_has_prefix(id: &str, prefix: &str) -> bool {
    id.starts_with(prefix)
}

fn query(Filter { tag, kind, slot }: Filter) -> Result<pb::Query> {
    let kind = match kind {
        Some(k) => Some(pb::Kind::from_flag(&k)?),
        None => None,
    };
    let slot = match slot {
        Some(s) => Some(pb::Slot::parse(&s).ok_or_else(|| {
            let all: Vec<&str> = pb::Slot::ALL.iter().map(|s| s.name()).collect();
            Error::usage(format!("位置 {s} 无效")).with_hint(format!("可选 {}", all.join("、")))
        })?),
        None => None,
    };
    Ok(pb::Query { slot, kind, tags: tag.into_iter().collect() })
}

fn lint(layers: &Layers, format: Format, config: &Found) -> Result<Outcome> {
    let r = pb::lint::lint(&layers.sources(config)?, &pb::lint::Options::default())?;
    emit(&report::render(&r, format)?, None, &[])?;
    Ok(if r.errors() > 0 { Outcome::Findings } else { Outcome::Ok })
}

fn fmt(layers: &Layers, check: bool, config: &Found) -> Result<Outcome> {
    let dirs = layers.dirs(config);
    let sources: Vec<LayerSource> = if dirs.is_empty() {
        if !check {
            return Err(Error::usage("内置素材库不能改写").with_hint(
                "用 --phrasebook DIR 指定要格式化的素材库文件夹，或只检查：jianggao phrasebook fmt --check",
            ));
        }
        vec![LayerSource::Embedded]
    } else {
        dirs.into_iter().map(LayerSource::Dir).collect()
    };
    let mut changed = Vec::new();
    let mut total = 0;
    for source in &sources {
        for (path, rel, text) in pb::layer_files(source)? {
            let name = Path::new(&rel).file_name().and_then(|n| n.to_str()).unwrap_or("");
            if pb::is_reserved_name(name) && rel != pb::FORMULAS_FILE {
                continue;
            }
            total += 1;
            let formatted = pb::fmt::format(&text, &path)?;
            if formatted != text {
                if !check {
                    // Re-read under the lock (another writer may have changed it meanwhile),
                    // as raw UTF-8 so a byte-order mark the file starts with is kept.
                    jianggao::fsio::with_file_lock(&path, || {
                        let now = String::from_utf8(jianggao::fsio::read_bytes(&path)?).map_err(|_| {
                            Error::input(jianggao::error::Location::file(&path), "不是 UTF-8 编码的文本")
                        })?;
                        jianggao::fsio::write_atomic(&path, pb::fmt::format(&now, &path)?.as_bytes())
                    })?;
                }
                changed.push(path);
            }
        }
    }
    let shown: Vec<String> = changed.iter().map(|p| jianggao::error::display_path(p)).collect();
    if check {
        for p in &shown {
            anstream::println!("需要格式化：{p}");
        }
        if changed.is_empty() {
            anstream::println!("{total} 个文件均已是统一格式");
            Ok(Outcome::Ok)
        } else {
            anstream::println!(
                "{total} 个文件中有 {} 个需要格式化；运行 jianggao phrasebook fmt 改写",
                changed.len()
            );
            Ok(Outcome::Findings)
        }
    } else {
        for p in &shown {
            anstream::println!("已格式化：{p}");
        }
        anstream::println!("{total} 个文件，改写 {} 个", changed.len());
        Ok(Outcome::Ok)
    }
}

fn harvest(speech: &Path, output: Option<&Path>) -> Result<Outcome> {
    let doc = jianggao::text::read::read_path(speech)?;
    let candidates = pb::harvest::harvest_document(&doc);
    let name = speech.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let yaml = pb::harvest::to_yaml(&candidates, &name);
    if candidates.is_empty() {
        anstream::eprintln!(
            "提示：{} 中没有找到带编号的段落（一、（一）1. 一是 第一，首先……），未采集到要点",
            jianggao::error::display_path(speech)
        );
    }
    match output.filter(|p| !super::output::is_stdout(Some(p))) {
        Some(out) => {
            jianggao::fsio::write_output(out, yaml.as_bytes(), &[speech])?;
            anstream::eprintln!(
                "已采集 {} 条候选要点，写入 {}",
                candidates.len(),
                jianggao::error::display_path(out)
            );
        }
        None => anstream::print!("{yaml}"),
    }
    Ok(Outcome::Ok)
}

fn add(
    layers: &Layers,
    config: &Found,
    to: Option<PathBuf>,
    from: Option<PathBuf>,
    flags: pb::add::Flags,
) -> Result<Outcome> {
    let points = match &from {
        Some(path) => {
            if !flags.is_empty() {
                return Err(Error::usage("--from 与 --id/--title 等字段参数不能同时使用"));
            }
            let text = String::from_utf8(jianggao::fsio::read_bytes(path)?).map_err(|_| {
                Error::input(Location::file(path), "不是 UTF-8 编码的文本").with_hint("请另存为 UTF-8 编码")
            })?;
            pb::add::points_from_yaml(&text, path)?
        }
        None => vec![flags.into_point()?],
    };
    let dirs = layers.dirs(config);
    let target = match to {
        Some(t) => t,
        None => match dirs.last() {
            Some(d) => d.join(format!("{}.yaml", points[0].slot.name())),
            None => {
                return Err(Error::usage("不知道写入哪个文件").with_hint(
                    "用 --to FILE 指定，或用 --phrasebook DIR 指定素材库文件夹（写入其中以 slot 命名的文件）",
                ));
            }
        },
    };
    let book = Phrasebook::load(&dirs)?;
    let written = pb::add::append(&target, &points, &book)?;
    for p in &points {
        anstream::println!("已添加要点 {} → {}", p.id, jianggao::error::display_path(&written));
    }
    Ok(Outcome::Ok)
}

fn stats(layers: &Layers, archive: Option<PathBuf>, format: Format, config: &Found) -> Result<Outcome> {
    let given = archive.is_some() || config.archive().is_some();
    let dir = super::settings::archive_dir(archive.as_deref(), config);
    if !given && !dir.is_dir() {
        return Err(Error::usage("没有指定历年讲话库")
            .with_hint("用 --archive DIR 指定，或在 jianggao.yaml 中写 archive: 文件夹"));
    }
    let book = layers.load(config)?;
    let scanned = jianggao::archive::scan(&dir)?;
    let mut speeches = Vec::with_capacity(scanned.entries.len());
    for entry in &scanned.entries {
        match jianggao::archive::load(entry) {
            Ok(doc) => speeches.push(pb::stats::Speech::new(&entry.id, entry.date.clone(), doc.body_text())),
            Err(e) => anstream::eprintln!("{e}（已跳过）"),
        }
    }
    let table = pb::stats::stats(&book, &speeches);
    emit(&report::render(&table, format)?, None, &[])?;
    Ok(Outcome::Ok)
}
