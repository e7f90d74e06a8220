//! Rule `placeholder-left` (error): what a writer meant to fill in and did not — placeholders as
//! [`crate::text::placeholder`] recognises them (☆ ×× 某某 ○○ ** lone X), template braces
//! `{{ }}` / `{% %}`, and notes to self: TODO, FIXME, 待核实, 待补充, 待确认, 待定.
//!
//! Phrasebook lint uses the same rule with `template_vars` set: there `{{ place }}` is a
//! variable, not a leftover, and only an empty or unclosed brace pair is reported.

use crate::lint::{Draft, Hit, Rule, Severity};
use crate::text::placeholder::{self, Kind};
use crate::text::span::Span;

pub const ID: &str = "placeholder-left";

/// What the text is.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Template text (phrasebook variants, titles): `{{ name }}` and `{% … %}` are allowed.
    pub template_vars: bool,
    /// Markdown: `**bold**` is emphasis, not a placeholder.
    pub markdown: bool,
}

/// Notes writers leave for themselves, matched case-insensitively for the Latin ones.
const NOTES: [&str; 6] = ["TODO", "FIXME", "待核实", "待补充", "待确认", "待定"];

/// Find every leftover in `text`. Spans are scalar offsets into `text`.
pub fn check(text: &str, opts: Options) -> Vec<Hit> {
    let chars: Vec<char> = text.chars().collect();
    let mut hits = Vec::new();

    // Template braces first: their insides are not searched for placeholders when allowed.
    let mut template_spans: Vec<Span<char>> = Vec::new();
    for t in placeholder::templates(text) {
        let span = t.span;
        let inner = t.inner(text);
        let shown = span.slice(text).to_string();
        if !t.closed {
            hits.push(Hit {
                rule: ID,
                severity: Severity::Error,
                span,
                message: format!("模板括号“{shown}”没有闭合"),
                fix: "补全为 {{ 变量名 }}，或删去多余的括号".into(),
            });
        } else if opts.template_vars && !inner.trim().is_empty() {
            template_spans.push(span);
        } else {
            hits.push(Hit {
                rule: ID,
                severity: Severity::Error,
                span,
                message: format!("遗留模板标记“{shown}”"),
                fix: if inner.trim().is_empty() {
                    "填入内容或删去这对括号".into()
                } else {
                    format!("把“{shown}”换成实际内容")
                },
            });
        }
    }

    let in_template = |s: Span<char>| template_spans.iter().any(|t| t.overlaps(&s));
    for p in placeholder::find_with(text, placeholder::Options { markdown: opts.markdown }) {
        if in_template(p.span) {
            continue;
        }
        let what = match p.kind {
            Kind::Star => "☆占位符",
            Kind::Cross => "××占位符",
            Kind::Mou => "“某某”占位符",
            Kind::Circle => "○○占位符",
            Kind::Asterisks => "**占位符",
            Kind::LoneX => "单个X占位符",
        };
        hits.push(Hit {
            rule: ID,
            severity: Severity::Error,
            span: p.span,
            message: format!("遗留{what}“{}”", p.span.slice(text)),
            fix: "填入实际的名称、数字或日期".into(),
        });
    }

    let upper: Vec<char> = chars.iter().map(|c| c.to_ascii_uppercase()).collect();
    for note in NOTES {
        let n: Vec<char> = note.chars().collect();
        let mut k = 0;
        while k + n.len() <= upper.len() {
            if upper[k..k + n.len()] == n[..] {
                let latin_word = note.is_ascii()
                    && (k.checked_sub(1).is_some_and(|b| chars[b].is_ascii_alphanumeric())
                        || chars.get(k + n.len()).is_some_and(|c| c.is_ascii_alphanumeric()));
                let span = Span::new(k, k + n.len());
                if !latin_word && !in_template(span) {
                    hits.push(Hit {
                        rule: ID,
                        severity: Severity::Error,
                        span,
                        message: format!("遗留批注“{}”", span.slice(text)),
                        fix: "核实并补全后删去批注".into(),
                    });
                }
                k += n.len();
            } else {
                k += 1;
            }
        }
    }
    hits.sort_by_key(|h| h.span);
    hits
}

pub struct PlaceholderLeft;

impl Rule for PlaceholderLeft {
    fn ids(&self) -> &'static [(&'static str, Severity)] {
        &[(ID, Severity::Error)]
    }

    /// A draft is not template text: `{{ }}` left in it is a leftover.
    fn check(&self, draft: &Draft<'_>) -> Vec<Hit> {
        check(draft.text, Options { template_vars: false, markdown: draft.markdown })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, opts: Options) -> Vec<String> {
        check(text, opts).into_iter().map(|h| h.span.slice(text).to_string()).collect()
    }

    #[test]
    fn finds_placeholders_braces_and_notes() {
        let text = "欢迎××同志来到☆☆市。{{ place }}的发展{{}}成绩（数据待核实）。todo：补充案例\n";
        assert_eq!(found(text, Options::default()), ["××", "☆☆", "{{ place }}", "{{}}", "待核实", "todo"]);
    }

    #[test]
    fn template_variables_are_allowed_in_phrasebook_text() {
        let opts = Options { template_vars: true, ..Options::default() };
        let text = "代表{{ place }}向{{ partner_short }}的同志们表示欢迎{% if x %}。";
        assert_eq!(found(text, opts), Vec::<String>::new());
        // Empty and unclosed braces are still wrong; placeholders outside braces too.
        assert_eq!(found("代表{{ }}和{{ place 的××", opts), ["{{ }}", "{{", "××"]);
    }

    #[test]
    fn clean_text_and_look_alikes_pass() {
        let text = "二○二六年，我们在Xbox展台看到todolist和TODOS之外的内容。某些同志待人热情。";
        assert_eq!(found(text, Options::default()), Vec::<String>::new());
    }

    #[test]
    fn markdown_emphasis_is_not_a_leftover() {
        let md = Options { markdown: true, ..Options::default() };
        assert_eq!(found("这是**重点工作**。", md), Vec::<String>::new());
    }
}
