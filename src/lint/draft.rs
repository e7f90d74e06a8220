//! Draft lint: every rule that applies to a speech draft, run over its text.

use std::path::Path;

use super::rules;
use super::{Finding, Hit};
use crate::formulas::Formula;
use crate::speech::{BlockKind, Kind, Speech};
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
    hits.extend(rules::mixed_script::check(text));
    hits.extend(rules::halfwidth_punct::check(text));
    hits.extend(parallel(&speech));
    hits.sort_by(|a, b| a.span.cmp(&b.span).then(a.rule.cmp(b.rule)));
    hits
}

/// 排比 among sibling headings (same level, same parent) and among a section's 一是/二是 lead
/// sentences; each sibling is its heading or lead part, spans placed back in the text.
fn parallel(speech: &Speech) -> Vec<Hit> {
    let mut groups: Vec<Vec<(usize, &str)>> = Vec::new();
    // Open heading groups by level (index 1..=4), and the current run of leads.
    let mut open: [Option<usize>; 5] = [None; 5];
    let mut leads: Option<usize> = None;
    for block in &speech.blocks {
        match block.kind {
            BlockKind::Heading { level, head, .. } => {
                let level = usize::from(level.clamp(1, 4));
                for deeper in open.iter_mut().skip(level + 1) {
                    *deeper = None;
                }
                leads = None;
                let g = *open[level].get_or_insert_with(|| {
                    groups.push(Vec::new());
                    groups.len() - 1
                });
                groups[g].push((block.span.start, block.split_at(head).0));
            }
            BlockKind::Lead { lead } => {
                let g = *leads.get_or_insert_with(|| {
                    groups.push(Vec::new());
                    groups.len() - 1
                });
                groups[g].push((block.span.start, block.split_at(lead).0));
            }
            _ => {}
        }
    }
    let mut hits = Vec::new();
    for group in groups {
        let texts: Vec<&str> = group.iter().map(|(_, t)| *t).collect();
        for sh in rules::parallel::check(&texts) {
            let mut hit = sh.hit;
            hit.span = hit.span.shifted(group[sh.item].0);
            hits.push(hit);
        }
    }
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
