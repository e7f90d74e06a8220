//! Lint: the [`Rule`] trait every draft rule implements, one rule a file in [`rules`] (listed once
//! in [`rules::ALL`]), run over a draft by [`draft`]; and the findings they make, shared with
//! `phrasebook lint` (whose own rules live in `phrasebook::lint`, reusing the text rules here).
//!
//! A finding is plain data with a typed span into the text as the user gave it; renderers never
//! recompute anything.

pub mod draft;
pub mod rules;

use std::path::PathBuf;

use crate::formulas::Formula;
use crate::speech::{Kind, Speech};
use crate::text::span::Span;

/// What draft lint checks against.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub kind: Option<Kind>,
    /// Target length: minutes at `rate` 字/分钟.
    pub minutes: Option<f64>,
    pub rate: u32,
    pub formulas: Vec<Formula>,
}

/// What a draft rule looks at: the draft's body as written, its structure, and the settings.
#[derive(Debug, Clone, Copy)]
pub struct Draft<'a> {
    pub text: &'a str,
    pub speech: &'a Speech,
    /// Markdown: `**bold**` is emphasis, not a placeholder.
    pub markdown: bool,
    pub settings: &'a Settings,
}

/// A draft lint rule. Adding one is a new file in [`rules`] and one line in [`rules::ALL`].
pub trait Rule: Sync {
    /// The ids this rule reports, with their severity. A family found in one walk over the text
    /// (`numbering-*`, `parallel-*`) lists each of its ids.
    fn ids(&self) -> &'static [(&'static str, Severity)];
    /// Hits on the draft, spans relative to `draft.text`.
    fn check(&self, draft: &Draft<'_>) -> Vec<Hit>;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// Counts of errors and warnings.
pub fn tally(findings: &[Finding]) -> (usize, usize) {
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    (errors, findings.len() - errors)
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
