//! What kind of reuse a passage is: `copied`, a standard `formula` (规范提法), or a `quote`.
//!
//! Classification works on positions of the draft's key view: each position is marked formula
//! (covered by a listed formulation, or by text found in at least `formula_min_speeches` distinct
//! archive speeches) or quote (inside “…” 「…」 『…』 or 《…》). A passage is `copied` as soon as an
//! unmarked stretch of at least `min_chars` remains — a formulation inside a longer copied passage
//! does not excuse it; otherwise it takes the kind that covers most of it.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

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

/// The phrasebook texts the checker needs: the 规范提法 list and each point's variants.
#[derive(Debug, Clone, Default)]
pub struct PhrasebookTexts {
    pub formulas: Vec<String>,
    /// (point id, variants with `{{ … }}` expressions replaced by the placeholder token)
    pub points: Vec<(String, Vec<String>)>,
}

#[derive(Deserialize)]
struct FormulaEntry {
    text: String,
}

#[derive(Deserialize)]
struct PointEntry {
    id: String,
    #[serde(default)]
    variants: Vec<String>,
}

/// Read the formulas and point variants from the embedded phrasebook and the user's layers.
///
/// Kept in one small function on purpose: when the phrasebook model (branch `draft`) is merged,
/// this is the one place to redirect to it. Files that do not parse are skipped here — the
/// phrasebook's own lint reports them with line and column.
pub fn load_phrasebook(layers: &[PathBuf]) -> PhrasebookTexts {
    let mut out = PhrasebookTexts::default();
    let mut add = |name: &Path, text: &str| {
        let file = name.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if !(file.ends_with(".yaml") || file.ends_with(".yml")) {
            return;
        }
        if file.starts_with("_formulas") {
            if let Ok(list) = serde_yaml::from_str::<Vec<FormulaEntry>>(text) {
                out.formulas.extend(list.into_iter().map(|f| f.text));
            }
        } else if !file.starts_with('_')
            && let Ok(list) = serde_yaml::from_str::<Vec<PointEntry>>(text)
        {
            for p in list {
                let vars = p.variants.iter().map(|v| template_to_placeholder(v)).collect();
                out.points.retain(|(id, _)| id != &p.id);
                out.points.push((p.id, vars));
            }
        }
    };
    let mut stack = vec![&crate::embedded::PHRASEBOOK];
    while let Some(dir) = stack.pop() {
        for file in dir.files() {
            add(file.path(), file.contents_utf8().unwrap_or(""));
        }
        stack.extend(dir.dirs());
    }
    for layer in layers {
        let Ok(rd) = std::fs::read_dir(layer) else { continue };
        let mut files: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
        files.sort();
        for f in files {
            if let Ok(text) = std::fs::read_to_string(&f) {
                add(&f, &text);
            }
        }
    }
    out
}

/// `{{ place }}` and `{% … %}` become a placeholder run (☆), which folding turns into the
/// placeholder token, so a variant matches whatever name a draft filled in.
pub fn template_to_placeholder(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(['{']) {
        let after = &rest[i..];
        let close = if after.starts_with("{{") {
            after.find("}}").map(|j| j + 2)
        } else if after.starts_with("{%") {
            after.find("%}").map(|j| j + 2)
        } else {
            None
        };
        match close {
            Some(j) => {
                out.push_str(&rest[..i]);
                out.push('☆');
                rest = &after[j..];
            }
            None => {
                out.push_str(&rest[..i + 1]);
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
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
    use crate::text::fold::PLACEHOLDER;

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
    fn template_expressions_become_placeholders() {
        assert_eq!(template_to_placeholder("欢迎{{ partner }}的同志{% if x %}！"), "欢迎☆的同志☆！");
        let f = fold(&template_to_placeholder("欢迎{{ partner }}的同志"));
        assert_eq!(f.chars.iter().filter(|&&c| c == PLACEHOLDER).count(), 1);
        assert_eq!(template_to_placeholder("a{b}"), "a{b}");
    }
}
