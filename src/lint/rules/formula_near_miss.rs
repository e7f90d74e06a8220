//! Rule `formula-near-miss` (error): a standard formulation (规范提法) with one character changed —
//! the typical slip, 筑牢 for 铸牢 — or written in an outdated form listed for it. The costliest
//! slip in an official speech, because a reader who knows the formulation sees it at once.
//!
//! Calibrated on real speeches, where every hit is a false alarm: inserted or dropped words
//! (进一步深化改革, 坚持加强党的全面领导) and swapped two-character verbs (深刻认识/深刻领悟) are
//! legitimate variants there, and short formulations (推动高质量发展) recur inside other phrases; so
//! only one-character substitutions in formulations of at least [`MIN_LEN`] characters count, and
//! everything else is left to the `outdated` list.
//!
//! The list comes from the phrasebook's `_formulas.yaml` ([`crate::formulas`]).

use crate::formulas::Formula;
use crate::lint::{Draft, Hit, Rule, Severity};
use crate::text::placeholder::is_han;
use crate::text::span::Span;

pub const ID: &str = "formula-near-miss";

/// Formulations shorter than this recur inside other phrases too often to judge a near miss.
pub const MIN_LEN: usize = 8;

/// Verb characters that are interchangeable in formulations (推动/推进, 促进/推进): not a slip.
const INTERCHANGEABLE: [(char, char); 2] = [('动', '进'), ('促', '推')];

/// Find near misses and outdated forms of `formulas` in `text`. Spans are scalar offsets.
pub fn check(text: &str, formulas: &[Formula]) -> Vec<Hit> {
    let chars: Vec<char> = text.chars().collect();
    let exact: Vec<Vec<char>> = formulas.iter().map(|f| f.text.chars().collect()).collect();
    // Where each listed formulation occurs verbatim: nothing overlapping these is a miss.
    let mut correct: Vec<Span<char>> = Vec::new();
    for f in &exact {
        correct.extend(occurrences(&chars, f));
    }
    let mut hits = Vec::new();

    for formula in formulas {
        for old in &formula.outdated {
            let o: Vec<char> = old.chars().collect();
            for span in occurrences(&chars, &o) {
                if correct.iter().any(|c| c.start <= span.start && span.end <= c.end) {
                    continue; // the outdated form is part of a current one
                }
                hits.push(Hit {
                    rule: ID,
                    severity: Severity::Error,
                    span,
                    message: format!("过时提法“{old}”"),
                    fix: format!("改为规范提法“{}”", formula.text),
                });
            }
        }
    }

    for (formula, f) in formulas.iter().zip(&exact) {
        if f.len() < MIN_LEN {
            continue;
        }
        // Every same-length window with exactly one character changed.
        let mut candidates: Vec<(usize, Span<char>)> = Vec::new();
        for start in 0..chars.len().saturating_sub(f.len() - 1) {
            let end = start + f.len();
            // A changed last character followed by more Chinese is another phrase running on
            // (社会主义核心价值体系 is not 社会主义核心价值观 misspelt).
            let runs_on = chars[end - 1] != f[f.len() - 1] && chars.get(end).is_some_and(|&c| is_han(c));
            if !runs_on && near_miss(&chars[start..end], f) {
                candidates.push((1, Span::new(start, start + f.len())));
            }
        }
        candidates.sort_by_key(|&(score, span)| (score, span.start));
        let mut taken: Vec<Span<char>> = Vec::new();
        for (_, span) in candidates {
            let clashes = correct.iter().chain(&taken).any(|c| c.overlaps(&span))
                || hits.iter().any(|h: &Hit| h.span.overlaps(&span))
                || formula.outdated.iter().any(|o| o.as_str() == span.slice(text));
            if clashes {
                continue;
            }
            taken.push(span);
        }
        for span in taken {
            hits.push(Hit {
                rule: ID,
                severity: Severity::Error,
                span,
                message: format!("疑似提法有误：“{}”", span.slice(text)),
                fix: format!("规范提法为“{}”", formula.text),
            });
        }
    }
    hits.sort_by_key(|h| h.span);
    hits
}

/// Verbatim occurrences of `needle` in `hay`.
fn occurrences(hay: &[char], needle: &[char]) -> Vec<Span<char>> {
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    (0..=hay.len() - needle.len())
        .filter(|&i| hay[i..i + needle.len()] == *needle)
        .map(|i| Span::new(i, i + needle.len()))
        .collect()
}

/// `w` is `f` with exactly one Chinese character replaced by another, not an interchangeable pair.
fn near_miss(w: &[char], f: &[char]) -> bool {
    let mut diffs = w.iter().zip(f).filter(|(a, b)| a != b);
    match (diffs.next(), diffs.next()) {
        (Some((&a, &b)), None) => {
            is_han(a)
                && is_han(b)
                && !INTERCHANGEABLE.iter().any(|&(x, y)| (a, b) == (x, y) || (a, b) == (y, x))
        }
        _ => false,
    }
}

pub struct FormulaNearMiss;

impl Rule for FormulaNearMiss {
    fn ids(&self) -> &'static [(&'static str, Severity)] {
        &[(ID, Severity::Error)]
    }

    fn check(&self, draft: &Draft<'_>) -> Vec<Hit> {
        check(draft.text, &draft.settings.formulas)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> Vec<Formula> {
        vec![
            Formula { text: "铸牢中华民族共同体意识".into(), outdated: vec![] },
            Formula { text: "全面建设社会主义现代化国家".into(), outdated: vec![] },
            Formula { text: "全面建成社会主义现代化强国".into(), outdated: vec![] },
            Formula {
                text: "以人民为中心的发展思想".into(), outdated: vec!["以人为本的发展思想".into()]
            },
        ]
    }

    fn found(text: &str) -> Vec<(String, String)> {
        check(text, &list()).into_iter().map(|h| (h.span.slice(text).to_string(), h.fix)).collect()
    }

    #[test]
    fn one_word_changed_is_reported_with_the_right_form() {
        assert_eq!(
            found("我们要铸牢中华民族共同休意识，推动工作。"),
            [("铸牢中华民族共同休意识".to_string(), "规范提法为“铸牢中华民族共同体意识”".to_string())]
        );
        assert_eq!(found("要筑牢中华民族共同体意识。")[0].0, "筑牢中华民族共同体意识");
        // A slip between two listed formulations.
        assert_eq!(found("全面建成社会主义现代化国家").len(), 1);
    }

    #[test]
    fn outdated_forms_are_reported() {
        let hits = check("坚持以人为本的发展思想。", &list());
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].message, "过时提法“以人为本的发展思想”");
    }

    #[test]
    fn verbatim_and_other_listed_forms_pass() {
        assert_eq!(
            found("铸牢中华民族共同体意识，全面建成社会主义现代化强国，全面建设社会主义现代化国家。"),
            []
        );
        assert_eq!(found("坚持以人民为中心的发展思想。"), []);
        // Ordinary text that shares a few characters is not a near miss.
        assert_eq!(found("中华民族伟大复兴，社会主义现代化建设。"), []);
        // Legitimate variants seen in real speeches: words added or dropped, interchangeable verbs.
        let more = [
            Formula { text: "进一步全面深化改革".into(), outdated: vec![] },
            Formula { text: "扎实推进共同富裕".into(), outdated: vec![] },
            Formula { text: "社会主义核心价值观".into(), outdated: vec![] },
        ];
        assert!(check("完善社会主义核心价值体系。", &more).is_empty());
        assert_eq!(check("践行社会主义核心价值关。", &more).len(), 1);
        assert!(check("进一步深化改革，扎实推动共同富裕。", &more).is_empty());
        assert_eq!(found("为全面建设社会主义现代国家而奋斗"), []);
    }
}
