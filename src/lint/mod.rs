//! Findings of the lint rules (draft lint and phrasebook lint share rule ids and rule code).
//!
//! A finding is plain data with a typed span into the text as the user gave it; renderers never
//! recompute anything.

pub mod draft;
pub mod rules;

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

/// What a rule reports, relative to the text it was given; the caller adds the path and turns
/// the span into line and column (so rules stay pure functions of text).
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub rule: &'static str,
    pub severity: Severity,
    pub span: Span<char>,
    pub message: String,
    pub fix: String,
}

impl Hit {
    /// Place a hit found in a text that starts at scalar `base` of the file's text.
    pub fn into_finding(
        self,
        path: &std::path::Path,
        base: usize,
        index: &crate::text::LineIndex,
    ) -> Finding {
        let span = self.span.shifted(base);
        let (line, column) = index.line_col(span.start);
        Finding {
            rule: self.rule,
            severity: self.severity,
            path: path.to_path_buf(),
            span,
            line,
            column,
            message: self.message,
            fix: self.fix,
        }
    }
}
