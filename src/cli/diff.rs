//! `jianggao diff OLD NEW`: what NEW keeps, changes and adds, with moved paragraphs.

use std::path::PathBuf;

use super::Outcome;
use super::output::{Formats, emit};
use jianggao::error::{Result, display_path};
use jianggao::report::{self, Format, Render};
use jianggao::reuse::diff::{Detail, diff_documents};
use jianggao::reuse::report::DiffReport;

#[derive(Debug, clap::Args)]
pub struct Args {
    pub old: PathBuf,
    pub new: PathBuf,
    /// 输出格式
    #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = Formats(DiffReport::FORMATS))]
    pub format: Format,
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<Outcome> {
    let old = jianggao::text::read::read_path(&args.old)?;
    let new = jianggao::text::read::read_path(&args.new)?;
    // Word-level diffs (jieba) only where people read them; JSON stays at characters.
    let detail = if args.format == Format::Json { Detail::Chars } else { Detail::Words };
    let r = diff_documents(&old, &new, &display_path(&args.old), &display_path(&args.new), detail);
    let text = report::render(&r, args.format)?;
    emit(&text, args.output.as_deref(), &[&args.old, &args.new])?;
    Ok(Outcome::Ok)
}
