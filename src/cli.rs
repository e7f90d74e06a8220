//! The command line: clap definitions only. Each subcommand's arguments live beside its code in
//! `commands/`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::commands;

/// 讲稿：起草欢迎讲话、座谈会讲话初稿，查重，维护素材库。
#[derive(Debug, Parser)]
#[command(name = "jianggao", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 在文件夹中生成示例提纲、个人素材库和 jianggao.yaml
    Init(commands::init::Args),
    /// 由提纲和素材库生成讲话初稿
    Draft(commands::draft::Args),
    /// 检查稿件与历年讲话库的重复（查重）
    Check(commands::check::Args),
    /// 比较两稿：保留、改动、新增和移动的段落
    Diff(commands::diff::Args),
    /// 管理历年讲话库
    #[command(subcommand)]
    Archive(commands::archive::Command),
    /// 清理网页、PDF 复制来的文本：去噪、并行、去水印
    Clean(commands::clean::Args),
    /// 维护素材库：检查、格式化、检索、统计、采集
    #[command(subcommand)]
    Phrasebook(commands::phrasebook::Command),
    /// 检查讲话稿：序号、遗留占位符、提法、称呼与结束语、篇幅
    Lint(commands::lint::Args),
    /// 把稿件导出为符合 GB/T 9704 的 Word 文件或网页
    Export(commands::export::Args),
}

/// clap's own errors, as one Chinese line and exit 2 (help and version print as usual, exit 0).
pub fn usage_error_exit(err: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match err.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = err.print();
            ExitCode::from(if err.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                2
            } else {
                0
            })
        }
        kind => {
            let what = match kind {
                ErrorKind::InvalidSubcommand => "没有这个子命令",
                ErrorKind::UnknownArgument => "不认识的参数",
                ErrorKind::MissingRequiredArgument => "缺少必需的参数",
                ErrorKind::InvalidValue | ErrorKind::ValueValidation => "参数值无效",
                ErrorKind::ArgumentConflict => "参数互相冲突",
                ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => "参数个数不对",
                _ => "命令行有误",
            };
            // clap's first line names the offending argument; keep it, drop its "error: " prefix.
            let rendered = err.render().to_string();
            let detail = rendered.lines().next().unwrap_or("").trim_start_matches("error: ").trim();
            anstream::eprintln!("错误：{what}（{detail}）；运行 jianggao --help 查看用法");
            ExitCode::from(2)
        }
    }
}
