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

mod cli_archive;
mod cli_cases;
mod cli_check;
mod cli_clean;
mod cli_draft;
mod cli_export;
mod cli_lint;
mod cli_phrasebook;
mod corpus_harvest;
mod corpus_lint;
mod corpus_read_fold;
mod docx_pdf;
mod draft_plan;
mod examples;
mod fold_props;
mod read_docx;
mod reuse_eval;
