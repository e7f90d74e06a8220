//! Draft lint: every rule that applies to a speech draft, run over its text.

use std::path::Path;

use super::formulas::Formula;
use super::rules::{self, Kind};
use super::{Finding, Hit};
use crate::layout::Speech;
use crate::text::LineIndex;
use crate::text::read::{Document, Format};

/// What draft lint checks against.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub kind: Option<Kind>,
    /// Target length: minutes at `rate` 字/分钟.
    pub minutes: Option<f64>,
    pub rate: u32,
    pub formulas: Vec<Formula>,
}

/// Every rule's hits on `text` (a draft's body), sorted by position then rule id.
pub fn check_text(text: &str, markdown: bool, settings: &Settings) -> Vec<Hit> {
    let speech = Speech::parse(text);
    let mut hits = Vec::new();
    hits.extend(rules::numbering::check(text));
    let leftovers = rules::placeholder_left::Options { template_vars: false, markdown };
    hits.extend(rules::placeholder_left::check(text, leftovers));
    hits.extend(rules::formula_near_miss::check(text, &settings.formulas));
    hits.extend(rules::salutation::check(&speech, settings.kind));
    hits.extend(rules::closing::check(&speech, settings.kind));
    if let Some(minutes) = settings.minutes {
        hits.extend(rules::length::check(&speech, minutes, settings.rate.max(1)));
    }
    hits.sort_by(|a, b| a.span.cmp(&b.span).then(a.rule.cmp(b.rule)));
    hits
}

/// Lint a decoded draft: findings with the file's path and line:column in the file as decoded
/// (front matter counted, so positions match the user's editor).
pub fn check_document(doc: &Document, settings: &Settings) -> Vec<Finding> {
    let index = LineIndex::new(&doc.text);
    check_text(doc.body_text(), doc.format == Format::Md, settings)
        .into_iter()
        .map(|h| h.into_finding(&doc.path, doc.body.start, &index))
        .collect()
}

/// Convenience for callers holding only text (e.g. `draft` linting what it just wrote).
pub fn check_str(path: &Path, text: &str, settings: &Settings) -> Vec<Finding> {
    let index = LineIndex::new(text);
    check_text(text, false, settings).into_iter().map(|h| h.into_finding(path, 0, &index)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_line_and_column_in_the_file() {
        let text = "在座谈会上的讲话\n同志们：\n一、统一思想\n三、抓好落实\n请××同志发言。\n谢谢大家！\n";
        let f = check_str(Path::new("稿.txt"), text, &Settings { rate: 180, ..Settings::default() });
        let got: Vec<_> = f.iter().map(|f| (f.rule, f.line, f.column)).collect();
        assert_eq!(got, [("numbering-skip", 4, 1), ("placeholder-left", 5, 2)]);
    }
}
