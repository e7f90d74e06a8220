//! What kind of reuse a passage is: `copied`, a standard `formula` (规范提法), or a `quote`.
//!
//! Classification works on positions of the draft's key view: each position is marked formula
//! (covered by a listed formulation, or by text found in at least `formula_min_speeches` distinct
//! archive speeches) or quote (inside “…” 「…」 『…』 or 《…》). A passage is `copied` as soon as an
//! unmarked stretch of at least `min_chars` remains — a formulation inside a longer copied passage
//! does not excuse it; otherwise it takes the kind that covers most of it.

use serde::Serialize;
use std::ops::Range;

use crate::reuse::fingerprint::{KeyView, key_view};
use crate::text::fold::{Folded, fold};

/// The kind of a match. Only `Copied` counts toward the reuse ratio.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Copied,
    Formula,
    Quote,
}

impl Kind {
    /// The Chinese label used in text and HTML reports.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Copied => "复制",
            Kind::Formula => "规范提法",
            Kind::Quote => "引用",
        }
    }
}

/// The phrasebook texts the checker needs: the 规范提法 list and each point's variants (the
/// phrasebook makes them: `Phrasebook::reuse_texts`).
#[derive(Debug, Clone, Default)]
pub struct PhrasebookTexts {
    pub formulas: Vec<String>,
    /// (point id, variants with `{{ … }}` expressions replaced by the placeholder token)
    pub points: Vec<(String, Vec<String>)>,
}

/// Positions of `needles` (folded, key view) inside `key`, as a mask. A needle may hold slots
/// (`{地名}` …, read by [`crate::formulas::Pattern`]): the word filling one is marked with it.
pub fn mark_occurrences(key: &KeyView, needles: &[String], mask: &mut [bool]) {
    let hay = &key.chars;
    let key_of = |t: &str| key_view(&fold(t)).chars;
    for n in needles {
        let pattern = crate::formulas::Pattern::parse(n);
        if pattern.has_slot() {
            for r in pattern.find_in(hay, key_of) {
                mask[r].iter_mut().for_each(|m| *m = true);
            }
            continue;
        }
        let nk = key_of(n);
        if nk.len() < 2 || nk.len() > hay.len() {
            continue;
        }
        let first = nk[0];
        for i in 0..=hay.len() - nk.len() {
            if hay[i] == first && hay[i..i + nk.len()] == nk[..] {
                mask[i..i + nk.len()].iter_mut().for_each(|m| *m = true);
            }
        }
    }
}

/// Key positions of the draft that lie inside quotation marks or 《…》.
pub fn quote_mask(text: &str, folded: &Folded, key: &KeyView) -> Vec<bool> {
    let chars: Vec<char> = text.chars().collect();
    let mut inside = vec![false; chars.len() + 1];
    let mut open: Vec<(char, usize)> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let closer = match c {
            '“' => Some('”'),
            '「' => Some('」'),
            '『' => Some('』'),
            '《' => Some('》'),
            _ => None,
        };
        if let Some(cl) = closer {
            open.push((cl, i));
            continue;
        }
        if let Some(pos) = open.iter().rposition(|&(cl, _)| cl == c) {
            let start = open[pos].1;
            open.truncate(pos);
            inside[start + 1..i].iter_mut().for_each(|m| *m = true);
        }
        // A paragraph ends every unclosed quote.
        if c == '\n' {
            open.clear();
        }
    }
    key.at.iter().map(|&f| inside.get(folded.starts[f as usize] as usize).copied().unwrap_or(false)).collect()
}

/// The kind of the draft passage `range` (key positions), given the formula and quote marks:
/// `Copied` as soon as its unmarked positions reach `min_chars` in all (a formulation or quote
/// in the middle of a pasted passage does not excuse the text around it), else the mark that
/// covers most of it.
pub fn classify(range: &Range<usize>, formula: &[bool], quote: &[bool], min_chars: usize) -> Kind {
    let (mut nf, mut nq, mut free) = (0, 0, 0);
    for p in range.clone() {
        let f = formula.get(p).copied().unwrap_or(false);
        let q = quote.get(p).copied().unwrap_or(false);
        nf += f as usize;
        nq += q as usize;
        free += !(f || q) as usize;
    }
    if free >= min_chars {
        Kind::Copied
    } else if nq > nf {
        Kind::Quote
    } else {
        Kind::Formula
    }
}

/// Marked stretches shorter than this stay inside the copied passage around them.
const EDGE_MIN: usize = 4;

/// A passage split where it is partly a formulation or quote: a marked stretch of at least
/// [`EDGE_MIN`] characters at either end becomes a piece of its own kind, the rest stays one
/// `Copied` piece when it reaches `min_chars` unmarked positions. Marks inside the copied rest are
/// not split out (two copied halves of one pasted passage are one passage, not two). A passage
/// that is not `Copied` as a whole is one piece.
pub fn pieces(
    range: &Range<usize>,
    formula: &[bool],
    quote: &[bool],
    min_chars: usize,
) -> Vec<(Range<usize>, Kind)> {
    let whole = classify(range, formula, quote, min_chars);
    if whole != Kind::Copied {
        return vec![(range.clone(), whole)];
    }
    let mark = |p: usize| {
        if quote.get(p).copied().unwrap_or(false) {
            Some(Kind::Quote)
        } else if formula.get(p).copied().unwrap_or(false) {
            Some(Kind::Formula)
        } else {
            None
        }
    };
    let lead = range.clone().take_while(|&p| mark(p).is_some()).count();
    let trail = range.clone().rev().take_while(|&p| mark(p).is_some()).count();
    let lead = if lead >= EDGE_MIN { lead } else { 0 };
    let trail = if trail >= EDGE_MIN && trail < range.len() - lead { trail } else { 0 };
    let mid = range.start + lead..range.end - trail;
    if classify(&mid, formula, quote, min_chars) != Kind::Copied {
        return vec![(range.clone(), whole)];
    }
    let kind_of = |r: &Range<usize>| {
        let q = r.clone().filter(|&p| mark(p) == Some(Kind::Quote)).count();
        if q * 2 > r.len() { Kind::Quote } else { Kind::Formula }
    };
    let mut out = Vec::new();
    if lead > 0 {
        let r = range.start..mid.start;
        out.push((r.clone(), kind_of(&r)));
    }
    out.push((mid.clone(), Kind::Copied));
    if trail > 0 {
        let r = mid.end..range.end;
        out.push((r.clone(), kind_of(&r)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> (Folded, KeyView) {
        let f = fold(s);
        let k = key_view(&f);
        (f, k)
    }

    #[test]
    fn a_formula_inside_a_copied_passage_does_not_excuse_it() {
        let text = "我们要铸牢中华民族共同体意识，把挂职干部的先进理念和管理经验带到基层一线去。";
        let (_, k) = key(text);
        let mut formula = vec![false; k.len()];
        mark_occurrences(&k, &["铸牢中华民族共同体意识".to_string()], &mut formula);
        let quote = vec![false; k.len()];
        assert_eq!(classify(&(0..k.len()), &formula, &quote, 13), Kind::Copied);
        // The formulation alone is a formula.
        assert_eq!(classify(&(3..14), &formula, &quote, 13), Kind::Formula);
    }

    #[test]
    fn quoted_text_is_a_quote() {
        let text = "古人说：“天下之事，必作于细；天下大事，必作于易。”我们要抓好落实。";
        let (f, k) = key(text);
        let q = quote_mask(text, &f, &k);
        let formula = vec![false; k.len()];
        let inner = 3..17;
        assert!(q[inner.clone()].iter().all(|&x| x));
        assert_eq!(classify(&inner, &formula, &q, 13), Kind::Quote);
        assert!(!q[k.len() - 1]);
    }

    #[test]
    fn unquoted_text_around_a_quote_is_copied_when_it_reaches_min_chars_in_all() {
        // Eight characters before the quote, seven after: neither alone reaches 13, both do.
        let text = "这些年我们始终坚持“绿水青山就是金山银山”，生态环境持续好转。";
        let (f, k) = key(text);
        let q = quote_mask(text, &f, &k);
        let formula = vec![false; k.len()];
        assert_eq!(classify(&(0..k.len()), &formula, &q, 13), Kind::Copied);
        // Fewer than 13 unquoted characters: a quote.
        let short = "坚持“绿水青山就是金山银山”理念。";
        let (f, k) = key(short);
        let q = quote_mask(short, &f, &k);
        assert_eq!(classify(&(0..k.len()), &vec![false; k.len()], &q, 13), Kind::Quote);
    }

    #[test]
    fn a_formulation_at_the_edge_of_a_copied_passage_is_a_piece_of_its_own() {
        let text = "深入学习贯彻习近平新时代中国特色社会主义思想，全市上下牢牢扭住高质量发展这个首要任务。";
        let (_, k) = key(text);
        let mut formula = vec![false; k.len()];
        mark_occurrences(&k, &["习近平新时代中国特色社会主义思想".to_string()], &mut formula);
        let quote = vec![false; k.len()];
        let ps = pieces(&(0..k.len()), &formula, &quote, 13);
        let kinds: Vec<Kind> = ps.iter().map(|p| p.1).collect();
        // 深入学习贯彻 (6) stays copied with the rest: the formulation is not at the edge.
        assert_eq!(kinds, [Kind::Copied]);
        let ps = pieces(&(6..k.len()), &formula, &quote, 13);
        assert_eq!(ps.iter().map(|p| p.1).collect::<Vec<_>>(), [Kind::Formula, Kind::Copied]);
        assert_eq!(ps[0].0, 6..22);
        assert_eq!(ps[1].0, 22..k.len());
        // Too little left besides the formulation: one formula piece.
        let ps = pieces(&(6..30), &formula, &quote, 13);
        assert_eq!(ps, [(6..30, Kind::Formula)]);
    }

    #[test]
    fn a_listed_formulation_with_a_slot_marks_the_word_in_it() {
        let text = "全面贯彻总书记来赣考察时的重要讲话精神，奋力谱写新篇章。";
        let (_, k) = key(text);
        let mut formula = vec![false; k.len()];
        mark_occurrences(&k, &["全面贯彻总书记来{地名}考察时的重要讲话精神".to_string()], &mut formula);
        assert!(formula[..19].iter().all(|&x| x), "{formula:?}");
        assert!(!formula[19]);
    }
}
