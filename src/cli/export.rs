//! `jianggao export FILE --format docx|html -o OUT`: any draft to GB/T 9704 Word or print HTML.

use std::path::PathBuf;

use super::Outcome;
use super::output::Formats;
use jianggao::error::{Error, Result};
use jianggao::layout::{self, Options, Speech};
use jianggao::report::Format;

/// The layouts of a speech.
const FORMATS: &[Format] = &[Format::Docx, Format::Html];

#[derive(Debug, clap::Args)]
pub struct Args {
    pub file: PathBuf,
    /// docx（GB/T 9704 Word 文件）或 html（可打印的网页）
    #[arg(long, value_name = "FORMAT", value_parser = Formats(FORMATS))]
    pub format: Format,
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
    /// standard（GB/T 9704）或 speech（念稿版）
    #[arg(long, default_value = "standard")]
    pub style: String,
    /// 一是/二是 段落的首句不加粗
    #[arg(long)]
    pub no_bold_leads: bool,
}

/// `--style` and `--no-bold-leads` as layout options (shared with `draft --format docx|html`).
pub fn layout_options(style: &str, no_bold_leads: bool) -> Result<Options> {
    let style = layout::Style::parse(style).ok_or_else(|| {
        Error::usage(format!("版式 {style} 无效"))
            .with_hint("--style 可选 standard（GB/T 9704）或 speech（念稿版）")
    })?;
    Ok(Options { style, bold_leads: !no_bold_leads })
}

/// The speech laid out in `format` (docx; html for anything else, the parsers admitting only
/// docx and html), as the bytes to write.
pub fn render(speech: &Speech, format: Format, opts: &Options) -> Vec<u8> {
    match format {
        Format::Docx => layout::docx::write(speech, opts),
        _ => layout::html::write(speech, opts).into_bytes(),
    }
}

pub fn run(args: Args) -> Result<Outcome> {
    let opts = layout_options(&args.style, args.no_bold_leads)?;
    jianggao::fsio::refuse_input_as_output(&args.output, &[&args.file])?;
    let doc = jianggao::text::read::read_path(&args.file)?;
    let speech = Speech::from_document(&doc);
    if speech.blocks.is_empty() {
        return Err(Error::input(jianggao::error::Location::file(&args.file), "稿件没有正文")
            .with_hint("请确认文件内容不为空"));
    }
    super::output::emit_bytes(&render(&speech, args.format, &opts), Some(&args.output), &[&args.file])?;
    Ok(Outcome::Ok)
}
