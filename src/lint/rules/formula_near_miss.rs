//! Rule `formula-near-miss` (error): a standard formulation (规范提法) written almost right — one
//! word (up to two characters) changed, added or dropped — or in an outdated form. The costliest
//! slip in an official speech, because a reader who knows the formulation sees it at once.
//!
//! The list comes from the phrasebook's `_formulas.yaml` ([`crate::lint::formulas`]).

use crate::lint::formulas::Formula;
use crate::lint::{Hit, Severity};
use crate::text::span::Span;

pub const ID: &str = "formula-near-miss";

/// The most characters a "one word" change may touch on either side.
const WORD: usize = 2;
/// Formulations shorter than this are too short to judge a near miss reliably.
const MIN_LEN: usize = 6;

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
        // Every window that is a near miss, scored by how much it changes; the smallest change
        // wins where windows overlap ("要筑牢…" loses to "筑牢…").
        let mut candidates: Vec<(usize, Span<char>)> = Vec::new();
        for start in 0..chars.len() {
            for len in f.len().saturating_sub(WORD)..=f.len() + WORD {
                if len == 0 || start + len > chars.len() {
                    continue;
                }
                if let Some(score) = near_miss(&chars[start..start + len], f) {
                    candidates.push((score, Span::new(start, start + len)));
                }
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

/// `Some(size of the change)` when `w` is `f` with one contiguous change of at most [`WORD`]
/// characters on each side, the rest (at least two thirds of `f`) kept around it, and every
/// inserted character a Chinese one.
fn near_miss(w: &[char], f: &[char]) -> Option<usize> {
    if w == f || w.first() != f.first() && w.last() != f.last() {
        return None;
    }
    let prefix = w.iter().zip(f).take_while(|(a, b)| a == b).count();
    let max_suffix = w.len().min(f.len()) - prefix;
    let suffix = w.iter().rev().zip(f.iter().rev()).take(max_suffix).take_while(|(a, b)| a == b).count();
    let w_mid = &w[prefix..w.len() - suffix];
    let f_mid = &f[prefix..f.len() - suffix];
    let kept = prefix + suffix;
    // A change at either end must put something in place of what it drops: a window that
    // merely stops short of the formulation's first or last character is misaligned, not wrong.
    let at_edge = prefix == 0 || suffix == 0;
    let near = !(at_edge && w_mid.is_empty())
        && w_mid.len() <= WORD
        && f_mid.len() <= WORD
        && kept * 3 >= f.len() * 2
        && w_mid.iter().all(|&c| crate::text::placeholder::is_han(c));
    near.then_some(w_mid.len() + f_mid.len())
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
            found("我们要铸牢中华民族团结体意识，推动工作。"),
            [("铸牢中华民族团结体意识".to_string(), "规范提法为“铸牢中华民族共同体意识”".to_string())]
        );
        assert_eq!(found("要筑牢中华民族共同体意识。")[0].0, "筑牢中华民族共同体意识");
        // A common slip mixing two listed formulations.
        assert_eq!(found("全面建设社会主义现代化强国").len(), 1);
        // One character dropped.
        assert_eq!(found("为全面建设社会主义现代国家而奋斗").len(), 1);
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
    }
}
