//! Export and lint speed over ../shared/corpus: structure recognition + Word writing, and draft
//! lint with the shipped formulation list, in MB/s of input (UTF-8 bytes) and ms per speech.
//! Run with `cargo bench --bench docx_lint`. Skips when the corpus is absent.

#[path = "../tests/common/mod.rs"]
#[allow(dead_code)]
mod common;

use std::time::Instant;

use jianggao::layout::{Options, Speech, docx, html};
use jianggao::lint::Settings;
use jianggao::lint::draft::check_text;

fn report(what: &str, bytes: usize, files: usize, secs: f64) {
    println!(
        "{what}: {:.1} MB/s, {:.2} ms per speech ({files} speeches, {:.1} MB, {secs:.2} s)",
        bytes as f64 / secs / 1e6,
        secs * 1e3 / files as f64,
        bytes as f64 / 1e6
    );
}

fn main() {
    let Some(files) = common::corpus_txt_files() else {
        println!("docx_lint: skipped (../shared/corpus not found; set JIANGGAO_CORPUS to run)");
        return;
    };
    let texts: Vec<String> =
        files.iter().filter_map(|p| jianggao::text::read::read_path(p).ok()).map(|d| d.text).collect();
    let bytes: usize = texts.iter().map(String::len).sum();

    let start = Instant::now();
    let mut out = 0;
    for t in &texts {
        out += docx::write(&Speech::parse(t), &Options::default()).len();
    }
    report("export docx", bytes, texts.len(), start.elapsed().as_secs_f64());
    println!("  ({:.1} MB of .docx written)", out as f64 / 1e6);

    let start = Instant::now();
    let mut html_bytes = 0;
    for t in &texts {
        html_bytes += html::write(&Speech::parse(t), &Options::default()).len();
    }
    report("export html", bytes, texts.len(), start.elapsed().as_secs_f64());
    println!("  ({:.1} MB of HTML written)", html_bytes as f64 / 1e6);

    let formulas = jianggao::formulas::load(&[]).expect("shipped formulations");
    let settings = Settings { rate: 180, minutes: Some(10.0), formulas, ..Settings::default() };
    let start = Instant::now();
    let mut findings = 0;
    for t in &texts {
        findings += check_text(t, false, &settings).len();
    }
    report(
        &format!("lint ({} formulations)", settings.formulas.len()),
        bytes,
        texts.len(),
        start.elapsed().as_secs_f64(),
    );
    println!("  ({findings} findings)");
}
