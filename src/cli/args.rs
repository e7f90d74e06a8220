//! The command line: clap definitions only. Each subcommand's arguments live beside its code in
//! its own module of `cli/`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::cli;

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
    Init(cli::init::Args),
    /// 由提纲和素材库生成讲话初稿
    Draft(cli::draft::Args),
    /// 检查稿件与历年讲话库的重复（查重）
    Check(cli::check::Args),
    /// 比较两稿：保留、改动、新增和移动的段落
    Diff(cli::diff::Args),
    /// 管理历年讲话库
    #[command(subcommand)]
    Archive(cli::archive::Command),
    /// 清理网页、PDF 复制来的文本：去噪、并行、去水印
    Clean(cli::clean::Args),
    /// 维护素材库：检查、格式化、检索、统计、采集
    #[command(subcommand)]
    Phrasebook(cli::phrasebook::Command),
    /// 检查讲话稿：序号、遗留占位符、提法、称呼与结束语、篇幅
    Lint(cli::lint::Args),
    /// 把稿件导出为符合 GB/T 9704 的 Word 文件或网页
    Export(cli::export::Args),
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
            let (detail, usage) = clap_detail(&err.render().to_string());
            let hint = match usage {
                Some(u) => format!("用法：{u}；运行 jianggao --help 查看说明"),
                None => "运行 jianggao --help 查看用法".to_string(),
            };
            anstream::eprintln!("错误：{what}（{detail}）；{hint}");
            ExitCode::from(2)
        }
    }
}

/// clap's message folded to one line (its first paragraph names the offending argument) and its
/// `Usage:` line, if any.
fn clap_detail(rendered: &str) -> (String, Option<String>) {
    let mut paragraphs = rendered.split("\n\n");
    let detail = paragraphs
        .next()
        .unwrap_or("")
        .lines()
        .map(|l| l.trim().trim_start_matches("error:").trim())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let usage = rendered.lines().find_map(|l| l.trim().strip_prefix("Usage:").map(|u| u.trim().to_string()));
    (detail, usage)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_errors_fold_to_one_line_with_the_argument_and_usage() {
        let rendered = "error: the following required arguments were not provided:\n  <OUTLINE>\n\nUsage: jianggao draft <OUTLINE>\n\nFor more information, try '--help'.\n";
        let (detail, usage) = clap_detail(rendered);
        assert_eq!(detail, "the following required arguments were not provided: <OUTLINE>");
        assert_eq!(usage.as_deref(), Some("jianggao draft <OUTLINE>"));
    }
}
