//! `jianggao clean FILE`: the text as a reader wants it (noise removed, hard wraps joined).

use std::io::Write;
use std::path::PathBuf;

use super::Outcome;
use jianggao::error::{Error, Result, display_path};
use jianggao::text::clean::{CleanOptions, Cleaned, clean};
use jianggao::text::read::{Format, read_path};

#[derive(Debug, clap::Args)]
pub struct Args {
    pub file: PathBuf,
    /// 同时转为简体（词组级转换）
    #[arg(long)]
    pub simplified: bool,
    /// 中文里的半角标点（, ; : ? ! ( )）保持原样，不改为全角
    #[arg(long)]
    pub keep_halfwidth: bool,
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<Outcome> {
    let doc = read_path(&args.file)?;
    let opts = CleanOptions {
        join_wraps: doc.format != Format::Docx,
        simplified: args.simplified,
        keep_halfwidth: args.keep_halfwidth,
    };
    let cleaned = clean(doc.body_text(), opts);
    // Markdown keeps its front matter as written, ahead of the cleaned body.
    let front = &doc.text[..doc.text.char_indices().nth(doc.body.start).map_or(doc.text.len(), |(b, _)| b)];
    let out = format!("{front}{}", cleaned.text);
    match args.output.as_deref().filter(|p| !super::output::is_stdout(Some(p))) {
        Some(path) => {
            jianggao::fsio::write_output(path, out.as_bytes(), &[&args.file])?;
            anstream::println!("已写入 {}（{}）", display_path(path), summary(&cleaned));
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(out.as_bytes())
                .and_then(|()| stdout.flush())
                .map_err(|e| Error::io(std::path::Path::new("-"), "输出", &e))?;
            anstream::eprintln!("{}", summary(&cleaned));
        }
    }
    Ok(Outcome::Ok)
}

/// One line saying what was removed and joined.
fn summary(c: &Cleaned) -> String {
    let watermark_lines: usize = c.watermarks.iter().map(|(_, n)| n).sum();
    format!(
        "去除水印 {} 行、页码 {} 行、拼音注音 {} 处，半角标点改全角 {} 处，合并断行 {} 处",
        watermark_lines, c.page_numbers, c.glosses, c.fullwidth, c.joined
    )
}
