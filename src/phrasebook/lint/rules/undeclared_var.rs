//! Rule `undeclared-var` (error): a title or variant uses a variable its point's `vars` does not
//! declare; reported at the first use.

use crate::lint::{Finding, Hit, Severity};
use crate::phrasebook::lint::{Book, Rule};
use crate::text::placeholder::template_spans;
use crate::text::span::Span;

pub const ID: &str = "undeclared-var";

pub struct UndeclaredVar;

impl Rule for UndeclaredVar {
    fn ids(&self) -> &'static [(&'static str, Severity)] {
        &[(ID, Severity::Error)]
    }

    fn check(&self, book: &Book<'_>) -> Vec<Finding> {
        let mut out = Vec::new();
        for d in &book.defs {
            let f = &book.files[d.file];
            let texts = book.texts(d);
            for var in d.point.undeclared_vars() {
                let Some((node, o)) = texts.iter().find_map(|(n, t)| expr_offset(t, &var).map(|o| (*n, o)))
                else {
                    continue;
                };
                out.push(f.place(
                    node,
                    Hit {
                        rule: ID,
                        severity: Severity::Error,
                        span: Span::new(o, o + var.chars().count()),
                        message: format!("要点 {} 用了变量 {var}，但 vars 中没有声明", d.point.id),
                        fix: format!("在 vars 下加一行 {var}: 示例值"),
                    },
                ));
            }
        }
        out
    }
}

/// Scalar offset of `var` inside a template expression of `text`.
fn expr_offset(text: &str, var: &str) -> Option<usize> {
    let v: Vec<char> = var.chars().collect();
    for span in template_spans(text) {
        let chars: Vec<char> = span.slice(text).chars().collect();
        for k in 0..chars.len().saturating_sub(v.len() - 1) {
            let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric() || *c == '_');
            if chars[k..].starts_with(&v)
                && !word(k.checked_sub(1).and_then(|j| chars.get(j)))
                && !word(chars.get(k + v.len()))
            {
                return Some(span.start + k);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phrasebook::lint::testing::*;

    #[test]
    fn a_variable_used_but_not_declared_is_an_error_at_its_use() {
        let text = CLEAN.replace("    - 要多到田间地头走一走", "    - 要多到{{ county }}的田间地头走一走");
        let r = run_one(&text);
        assert_eq!(rules_of(&r), vec![(ID, 15, 13)], "{:#?}", r.findings);
        assert!(r.findings[0].message.contains("county"));
        assert_eq!(r.errors(), 1);
    }

    #[test]
    fn the_offset_is_of_the_whole_word() {
        assert_eq!(expr_offset("去{{ places }}和{{ place }}", "place"), Some(17));
        assert_eq!(expr_offset("没有变量", "place"), None);
    }
}
