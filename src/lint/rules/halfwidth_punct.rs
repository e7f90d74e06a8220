//! `halfwidth-punct`: half-width , ; : ? ! ( ) inside Chinese text, where GB/T 15834 wants ，；：？！（）.
//!
//! Left alone: numbering markers at a line start (`(1)` is the numbering rule's business), digits on
//! both sides (1,000 · 14:30 · 1:2), URLs and e-mail addresses, minijinja `{{ … }}` / `{% … %}` code,
//! and punctuation between Latin words (“Hello, world”).

use crate::lint::{Draft, Hit, Rule, Severity};
use crate::text::placeholder::is_han;
use crate::text::span::Span;

pub const ID: &str = "halfwidth-punct";

/// The full-width form a writer of Chinese text should use instead of `c`.
pub fn fullwidth(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

/// Every half-width punctuation mark in `text` that sits in Chinese text.
pub fn check(text: &str) -> Vec<Hit> {
    let chars: Vec<char> = text.chars().collect();
    let skip = skipped_ranges(text, &chars);
    let mut hits = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let Some(full) = fullwidth(c) else { continue };
        if skip.iter().any(|s| s.contains(i)) {
            continue;
        }
        let before = chars[..i].iter().rev().find(|c| !is_blank(**c)).copied();
        let after = chars[i + 1..].iter().find(|c| !is_blank(**c)).copied();
        if before.is_some_and(|b| b.is_ascii_digit()) && after.is_some_and(|a| a.is_ascii_digit()) {
            continue; // 1,000 · 14:30 · 1:2
        }
        let chinese = before.is_some_and(is_chinese) || after.is_some_and(is_chinese);
        // An opening parenthesis looks ahead, a closing one behind, but either side in Chinese counts.
        if !chinese {
            continue;
        }
        hits.push(Hit {
            rule: ID,
            severity: Severity::Warning,
            span: Span::new(i, i + 1),
            message: format!("中文里用了半角标点“{c}”"),
            fix: format!("改为全角“{full}”"),
        });
    }
    hits
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// Han characters and the full-width punctuation that only occurs in Chinese text.
fn is_chinese(c: char) -> bool {
    is_han(c)
        || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '“' | '”' | '‘' | '’' | '…' | '—')
}

/// Scalar ranges the rule never looks into: template code, URLs, numbering at line starts.
fn skipped_ranges(text: &str, chars: &[char]) -> Vec<Span<char>> {
    // {{ … }} and {% … %}
    let mut out = crate::text::placeholder::template_spans(text);
    // URLs and mail addresses: a run of URL characters holding :// or www. or @.
    let mut i = 0;
    while i < chars.len() {
        if is_url_char(chars[i]) {
            let mut j = i;
            while j < chars.len() && is_url_char(chars[j]) {
                j += 1;
            }
            let run: String = chars[i..j].iter().collect();
            if run.contains("://") || run.starts_with("www.") || (run.contains('@') && run.contains('.')) {
                out.push(Span::new(i, j));
            }
            i = j;
        } else {
            i += 1;
        }
    }
    // Numbering markers at line starts.
    let mut start = 0;
    for line in text.split('\n') {
        if let Some(m) = crate::text::numbering::recognise(line) {
            out.push(m.span.shifted(start));
        }
        start += line.chars().count() + 1;
    }
    out
}

fn is_url_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c)
}

pub struct HalfwidthPunct;

impl Rule for HalfwidthPunct {
    fn ids(&self) -> &'static [(&'static str, Severity)] {
        &[(ID, Severity::Warning)]
    }

    fn check(&self, draft: &Draft<'_>) -> Vec<Hit> {
        check(draft.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(text: &str) -> Vec<String> {
        check(text).into_iter().map(|h| h.span.slice(text).to_string()).collect()
    }

    #[test]
    fn flags_halfwidth_marks_in_chinese_text() {
        assert_eq!(marks("同志们,大家好!今天我们在这里召开座谈会;"), vec![",", "!", ";"]);
        assert_eq!(marks("国内生产总值(GDP)增长较快"), vec!["(", ")"]);
        assert_eq!(marks("大家说:要不要再加把劲?"), vec![":", "?"]);
        let hit = &check("对口协作,成效明显")[0];
        assert_eq!(hit.rule, ID);
        assert_eq!(hit.severity, Severity::Warning);
        assert_eq!(hit.fix, "改为全角“，”");
    }

    #[test]
    fn leaves_numbers_urls_code_and_numbering_alone() {
        assert!(marks("全年投入资金1,200万元，会议于14:30开始，比例为1:2。").is_empty());
        assert!(marks("详见 https://example.org/a?b=1,2 的通知。").is_empty());
        assert!(marks("欢迎{{ place | default(\"青川市\") }}的同志们。").is_empty());
        assert!(marks("(1)加强学习\n(2)深入调研").is_empty());
        assert!(marks("He said: hello, world!").is_empty());
        assert!(marks("同志们，大家好！今天（周三）召开座谈会：").is_empty());
    }
}
