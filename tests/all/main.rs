//! The integration tests, one binary: a module a concern (the command line as data in `cli_cases`,
//! each command's end-to-end behaviour, the corpus checks, property tests).

#[path = "../common/mod.rs"]
mod common;
#[path = "../support/eval.rs"]
mod eval;
#[path = "../support/texts.rs"]
mod texts;

/// The binary, run with no config file unless a test writes one into its own folder and lets
/// discovery find it (`.env_remove(jianggao::config::ENV_VAR)`): what lies above the temporary
/// folder on a developer's machine never leaks in.
pub fn jianggao() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("jianggao").expect("the binary is built for tests");
    c.env(jianggao::config::ENV_VAR, "none");
    c
}

/// How many corpus tests skipped in this run.
static CORPUS_SKIPS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Say, in the test output, that a corpus test skipped, and count it (the corpus is optional;
/// a `JIANGGAO_CORPUS` naming a missing folder fails in `common::corpus` instead).
pub fn skip_without_corpus(test: &str) {
    let n = CORPUS_SKIPS.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
    eprintln!("跳过（第 {n} 个语料测试）：{test}：没有找到语料 ../shared/corpus，可用 JIANGGAO_CORPUS 指定");
}

mod cli_archive;
mod cli_cases;
mod cli_check;
mod cli_clean;
mod cli_draft;
mod cli_export;
mod cli_formats;
mod cli_lint;
mod cli_phrasebook;
mod corpus_harvest;
mod corpus_lint;
mod corpus_read_fold;
mod docx_pdf;
mod draft_plan;
mod examples;
mod fold_props;
mod fuzz;
mod hostile;
mod read_docx;
mod reuse_eval;
