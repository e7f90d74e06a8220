//! Draft lint: every rule of the registry ([`super::rules::ALL`]) run over a speech draft.

use std::path::Path;

use super::{Draft, Finding, Hit, Settings, rules};
use crate::speech::Speech;
use crate::text::LineIndex;
use crate::text::read::{Document, Format};

/// Every rule's hits on `text` (a draft's body), sorted by position then rule id.
pub fn check_text(text: &str, markdown: bool, settings: &Settings) -> Vec<Hit> {
    let speech = Speech::parse(text);
    let draft = Draft { text, speech: &speech, markdown, settings };
    let mut hits: Vec<Hit> = rules::ALL.iter().flat_map(|rule| rule.check(&draft)).collect();
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

    #[test]
    fn shared_rules_run_on_drafts() {
        let text = "同志们：\n一、堅持協作,推动发展\n（一）在产业协作上下功夫\n（二）在劳务协作上下功夫\n（三）在人才交流上下功夫\n（四）关于进一步加强和改进消费帮扶工作的若干具体措施和办法\n谢谢大家！\n";
        let hits = check_text(text, false, &Settings { rate: 180, ..Settings::default() });
        let rules: Vec<&str> = hits.iter().map(|h| h.rule).collect();
        assert!(rules.contains(&"mixed-script"), "{rules:?}");
        assert!(rules.contains(&"halfwidth-punct"), "{rules:?}");
        assert!(rules.iter().any(|r| r.starts_with("parallel-")), "{rules:?}");
        // The 排比 hit points at the odd sibling, in the draft's own offsets.
        let p = hits.iter().find(|h| h.rule.starts_with("parallel-")).unwrap();
        assert!(p.span.slice(text).contains("消费帮扶"), "{:?}", p.span.slice(text));
    }
}
