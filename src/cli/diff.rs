//! `jianggao diff OLD NEW`: what NEW keeps, changes and adds, with moved paragraphs.

use std::path::PathBuf;

use super::Outcome;
use super::check::{ReportFormat, emit};
use jianggao::error::{Result, display_path};
use jianggao::reuse::diff::{Detail, diff_documents};

#[derive(Debug, clap::Args)]
pub struct Args {
    pub old: PathBuf,
    pub new: PathBuf,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<Outcome> {
    let old = jianggao::text::read::read_path(&args.old)?;
    let new = jianggao::text::read::read_path(&args.new)?;
    // Word-level diffs (jieba) only where people read them; JSON stays at characters.
    let detail = if args.format == ReportFormat::Json { Detail::Chars } else { Detail::Words };
    let r = diff_documents(&old, &new, &display_path(&args.old), &display_path(&args.new), detail);
    let text = match args.format {
        ReportFormat::Text => jianggao::report::text::render_diff(&r),
        ReportFormat::Json => jianggao::report::json::render_diff(&r),
        ReportFormat::Html => jianggao::report::html::render_diff(&r),
    };
    emit(&text, args.output.as_deref())?;
    Ok(Outcome::Ok)
}
