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

/// Positions of `needles` (folded, key view) inside `key`, as a mask.
pub fn mark_occurrences(key: &KeyView, needles: &[String], mask: &mut [bool]) {
    let hay = &key.chars;
    for n in needles {
        let nk = key_view(&fold(n)).chars;
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

/// The kind of the draft passage `range` (key positions), given the formula and quote marks.
pub fn classify(range: &Range<usize>, formula: &[bool], quote: &[bool], min_chars: usize) -> Kind {
    let mut run = 0;
    let (mut nf, mut nq) = (0, 0);
    for p in range.clone() {
        let f = formula.get(p).copied().unwrap_or(false);
        let q = quote.get(p).copied().unwrap_or(false);
        nf += f as usize;
        nq += q as usize;
        if f || q {
            run = 0;
        } else {
            run += 1;
            if run >= min_chars {
                return Kind::Copied;
            }
        }
    }
    if nq > nf { Kind::Quote } else { Kind::Formula }
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
}
