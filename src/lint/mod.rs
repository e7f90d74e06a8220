//! Findings of the lint rules (draft lint and phrasebook lint share rule ids and rule code).
//!
//! A finding is plain data with a typed span into the text as the user gave it; renderers never
//! recompute anything.

use std::path::PathBuf;

use crate::text::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One lint finding.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Finding {
    /// Stable rule id, e.g. `placeholder-left`, shared by `lint` and `phrasebook lint`.
    pub rule: &'static str,
    pub severity: Severity,
    pub path: PathBuf,
    /// Scalar offsets into the file as decoded.
    pub span: Span<char>,
    /// 1-based, in scalars.
    pub line: usize,
    pub column: usize,
    /// What is wrong, one line of Chinese.
    pub message: String,
    /// What to do, one line of Chinese.
    pub fix: String,
}
