//! The integration tests, one binary: a module a concern (the command line as data in `cli_cases`,
//! each command's end-to-end behaviour, the corpus checks, property tests).

#[path = "../common/mod.rs"]
mod common;
#[path = "../support/eval.rs"]
mod eval;
#[path = "../support/texts.rs"]
mod texts;

mod cli_archive;
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
