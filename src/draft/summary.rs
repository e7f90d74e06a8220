//! What `draft` reports on standard error after writing a draft, as plain data: 字数 by part, the
//! total and speaking time, the planner's warnings and the placeholders left in the text.

use serde::Serialize;

use super::{Draft, Warning, plan::marker};
use crate::phrasebook::Kind;
use crate::text::placeholder;
use crate::text::span::LineIndex;

/// One part of the speech: the opening, a numbered section or the closing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    /// The section's number as printed (`一、`), empty for the opening and closing.
    pub marker: String,
    /// The section heading, or 开场 / 结束语.
    pub name: String,
    pub chars: usize,
    pub target: Option<usize>,
}

/// A placeholder the rendered draft still holds, at 1-based line and column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeftPlaceholder {
    pub line: usize,
    pub column: usize,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub kind: Kind,
    /// Where the draft went: a path, or 标准输出.
    pub output: String,
    pub parts: Vec<Part>,
    pub chars: usize,
    pub target: Option<usize>,
    pub rate: u32,
    /// Speaking time at `rate`, as said (约 8 分钟).
    pub minutes: String,
    pub warnings: Vec<Warning>,
    pub placeholders: Vec<LeftPlaceholder>,
}

impl Summary {
    /// The summary of `draft` as rendered into `text` (Markdown when `markdown`).
    pub fn new(draft: &Draft, text: &str, markdown: bool, output: &str) -> Summary {
        let part = |name: &str, chars| Part { marker: String::new(), name: name.into(), chars, target: None };
        let mut parts = Vec::new();
        if !draft.opening.is_empty() {
            parts.push(part("开场", draft.opening_zishu()));
        }
        let head = draft.style(1);
        for s in &draft.sections {
            parts.push(Part {
                marker: marker(head, s.number, draft.sections.len() as u32),
                name: s.heading.clone(),
                chars: s.zishu,
                target: s.target,
            });
        }
        if !draft.closing.is_empty() {
            parts.push(part("结束语", draft.closing_zishu()));
        }
        let index = LineIndex::new(text);
        let placeholders = placeholder::find_with(text, placeholder::Options { markdown })
            .into_iter()
            .map(|p| {
                let (line, column) = index.line_col(p.span.start);
                LeftPlaceholder { line, column, text: p.span.slice(text).to_string() }
            })
            .collect();
        let chars = draft.zishu();
        Summary {
            kind: draft.kind,
            output: output.to_string(),
            parts,
            chars,
            target: draft.target,
            rate: draft.rate,
            minutes: crate::count::minutes_label(chars, draft.rate),
            warnings: draft.warnings.clone(),
            placeholders,
        }
    }
}
