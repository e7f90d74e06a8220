//! Two drafts compared: which paragraphs of NEW are kept from OLD, changed (with a word- or
//! character-level diff inside), new, or moved, and the share of NEW taken from OLD.
//!
//! Paragraphs are paired by shared k-grams of their key views, so punctuation, script and
//! whitespace changes do not break a pair; moved paragraphs are the pairs outside the longest run
//! that keeps OLD's order. jieba is loaded only when a word-level diff is asked for.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use super::report::{Change, ChangeOp, DiffParagraph, DiffReport, ParagraphStatus, RemovedParagraph, round4};
use crate::reuse::align;
use crate::reuse::fingerprint::{K, key_view, kgrams};
use crate::text::LineIndex;
use crate::text::fold::fold;
use crate::text::read::Document;

/// How finely changed paragraphs are diffed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// jieba words: what people read (text and HTML reports).
    Words,
    /// Characters: no dictionary to load (JSON).
    Chars,
}

/// Share of a NEW paragraph's k-grams found in one OLD paragraph for the two to be paired.
const PAIR_AT_LEAST: f64 = 0.3;

struct Para {
    span: Range<usize>,
    line: usize,
    text: String,
    key: String,
    grams: Vec<u64>,
}

fn paragraphs(text: &str, from: usize) -> Vec<Para> {
    let lines = LineIndex::new(text);
    let mut out = Vec::new();
    let mut offset = 0usize;
    for (i, line) in text.split('\n').enumerate() {
        let n = line.chars().count();
        let trimmed = line.trim_end_matches('\r');
        if offset >= from && !trimmed.trim().is_empty() {
            let lead = trimmed.chars().take_while(|c| c.is_whitespace()).count();
            let body = trimmed.trim();
            let start = offset + lead;
            let end = start + body.chars().count();
            let key_chars = key_view(&fold(body)).chars;
            let grams = kgrams(&key_chars).into_iter().map(|g| g.0).collect();
            out.push(Para {
                span: start..end,
                line: lines.line(start).max(i + 1),
                text: body.to_string(),
                key: key_chars.iter().collect(),
                grams,
            });
        }
        offset += n + 1;
    }
    out
}

fn jieba() -> &'static jieba_rs::Jieba {
    static J: OnceLock<jieba_rs::Jieba> = OnceLock::new();
    J.get_or_init(jieba_rs::Jieba::new)
}

/// The changes turning `old` into `new`, at the given detail.
pub fn changes(old: &str, new: &str, detail: Detail) -> Vec<Change> {
    let (a, b): (Vec<&str>, Vec<&str>) = match detail {
        Detail::Words => (words(old), words(new)),
        Detail::Chars => (split_chars(old), split_chars(new)),
    };
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &a, &b);
    let mut out: Vec<Change> = Vec::new();
    let mut push = |op: ChangeOp, s: &str| {
        if let Some(last) = out.last_mut()
            && last.op == op
        {
            last.text.push_str(s);
        } else if !s.is_empty() {
            out.push(Change { op, text: s.to_string() });
        }
    };
    for op in ops {
        for (tag, _, range) in op.iter_slices(&a, &b).map(|(t, s)| (t, (), s)) {
            let text: String = range.concat();
            let op = match tag {
                similar::ChangeTag::Equal => ChangeOp::Same,
                similar::ChangeTag::Delete => ChangeOp::Removed,
                similar::ChangeTag::Insert => ChangeOp::Added,
            };
            push(op, &text);
        }
    }
    out
}

fn words(s: &str) -> Vec<&str> {
    jieba().cut(s, false).into_iter().map(|t| t.word).collect()
}

fn split_chars(s: &str) -> Vec<&str> {
    s.char_indices().map(|(i, c)| &s[i..i + c.len_utf8()]).collect()
}

/// Compare two drafts. `old_name` / `new_name` are how they are named in the report.
pub fn diff_texts(old: &str, new: &str, old_name: &str, new_name: &str, detail: Detail) -> DiffReport {
    diff_from(old, 0, new, 0, old_name, new_name, detail)
}

/// Compare two decoded documents; front matter is left out, offsets stay into the texts as decoded.
pub fn diff_documents(
    old: &Document,
    new: &Document,
    old_name: &str,
    new_name: &str,
    detail: Detail,
) -> DiffReport {
    diff_from(&old.text, old.body.start, &new.text, new.body.start, old_name, new_name, detail)
}

fn diff_from(
    old: &str,
    old_from: usize,
    new: &str,
    new_from: usize,
    old_name: &str,
    new_name: &str,
    detail: Detail,
) -> DiffReport {
    let po = paragraphs(old, old_from);
    let pn = paragraphs(new, new_from);
    // k-gram → OLD paragraphs holding it.
    let mut where_old: HashMap<u64, Vec<u32>> = HashMap::new();
    for (i, p) in po.iter().enumerate() {
        for &g in &p.grams {
            let v = where_old.entry(g).or_default();
            if v.last() != Some(&(i as u32)) {
                v.push(i as u32);
            }
        }
    }
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in po.iter().enumerate() {
        by_key.entry(p.key.as_str()).or_default().push(i);
    }
    let mut used = vec![false; po.len()];
    let mut pairs: Vec<Option<(usize, bool)>> = Vec::with_capacity(pn.len());
    for p in &pn {
        // Identical (after folding) first, then the OLD paragraph sharing most k-grams.
        if let Some(i) = by_key.get(p.key.as_str()).and_then(|v| v.iter().copied().find(|&i| !used[i])) {
            used[i] = true;
            pairs.push(Some((i, true)));
            continue;
        }
        let mut counts: HashMap<u32, usize> = HashMap::new();
        for g in &p.grams {
            if let Some(v) = where_old.get(g) {
                for &i in v {
                    *counts.entry(i).or_default() += 1;
                }
            }
        }
        let best = counts
            .into_iter()
            .filter(|(i, _)| !used[*i as usize])
            .max_by_key(|&(i, c)| (c, std::cmp::Reverse(i)));
        match best {
            Some((i, c)) if c as f64 >= PAIR_AT_LEAST * p.grams.len().max(1) as f64 => {
                used[i as usize] = true;
                pairs.push(Some((i as usize, false)));
            }
            _ => pairs.push(None),
        }
    }
    let moved = out_of_order(&pairs);
    let mut paragraphs = Vec::with_capacity(pn.len());
    for (k, (p, pair)) in pn.iter().zip(&pairs).enumerate() {
        let (status, old_p, sim, ch) = match pair {
            Some((i, true)) => (ParagraphStatus::Kept, Some(&po[*i]), 1.0, Vec::new()),
            Some((i, false)) => {
                let o = &po[*i];
                let ratio = similar::TextDiff::from_chars(o.text.as_str(), p.text.as_str()).ratio() as f64;
                (ParagraphStatus::Changed, Some(o), ratio, changes(&o.text, &p.text, detail))
            }
            None => (ParagraphStatus::New, None, 0.0, Vec::new()),
        };
        paragraphs.push(DiffParagraph {
            status,
            moved: moved[k],
            start: p.span.start,
            end: p.span.end,
            line: p.line,
            old_start: old_p.map(|o| o.span.start),
            old_end: old_p.map(|o| o.span.end),
            old_line: old_p.map(|o| o.line),
            similarity: (sim * 1000.0).round() / 1000.0,
            changes: ch,
            text: p.text.clone(),
        });
    }
    let removed = po
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(o, _)| RemovedParagraph {
            old_start: o.span.start,
            old_end: o.span.end,
            old_line: o.line,
            text: o.text.clone(),
        })
        .collect();
    // Share of NEW inside passages aligned with OLD (the whole texts, so split or merged paragraphs
    // count too).
    let (fo, fnew) = (fold(old), fold(new));
    let new_chars: Vec<char> = new.chars().collect();
    let in_body = |i: usize| i >= new_from;
    let mut covered = vec![false; new_chars.len()];
    for p in align::passages(&fnew, &fo, 2 * K) {
        let s = fnew.original_span(p.a.start, p.a.end);
        covered[s.start..s.end].iter_mut().for_each(|c| *c = true);
    }
    let total = new_chars.iter().enumerate().filter(|(i, c)| in_body(*i) && !c.is_whitespace()).count();
    let taken = new_chars
        .iter()
        .zip(&covered)
        .enumerate()
        .filter(|(i, (c, k))| in_body(*i) && **k && !c.is_whitespace())
        .count();
    DiffReport {
        version: super::report::FORMAT_VERSION,
        old: old_name.to_string(),
        new: new_name.to_string(),
        chars: total,
        share_from_old: if total == 0 { 0.0 } else { round4(taken as f64 / total as f64) },
        paragraphs,
        removed,
    }
}

/// Pairs outside the longest increasing run of OLD indices are the moved ones.
fn out_of_order(pairs: &[Option<(usize, bool)>]) -> Vec<bool> {
    let idx: Vec<(usize, usize)> =
        pairs.iter().enumerate().filter_map(|(k, p)| p.map(|(i, _)| (k, i))).collect();
    // Patience LIS with back-pointers.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev = vec![usize::MAX; idx.len()];
    for j in 0..idx.len() {
        let pos = tails.partition_point(|&t| idx[t].1 < idx[j].1);
        if pos > 0 {
            prev[j] = tails[pos - 1];
        }
        if pos == tails.len() {
            tails.push(j);
        } else {
            tails[pos] = j;
        }
    }
    let mut in_lis = vec![false; idx.len()];
    let mut cur = tails.last().copied().unwrap_or(usize::MAX);
    while cur != usize::MAX {
        in_lis[cur] = true;
        cur = prev[cur];
    }
    let mut moved = vec![false; pairs.len()];
    for (j, &(k, _)) in idx.iter().enumerate() {
        moved[k] = !in_lis[j];
    }
    moved
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = "同志们：\n今天，我们召开座谈会，欢迎江宁市第三批挂职干部来到青川。\n挂职干部扎根基层，把先进理念和管理经验带到了一线，赢得了干部群众的广泛赞誉。\n希望大家尽快转换角色，主动融入当地，在实践中增长才干。\n";
    const NEW: &str = "同志们：\n希望大家尽快转换角色，主动融入当地，在实践中增长才干。\n今天，我们召开座谈会，热烈欢迎江宁市第三批挂职干部来到青川工作。\n最后，祝大家工作顺利、身体健康！\n";

    #[test]
    fn kept_changed_new_moved_and_removed() {
        let r = diff_texts(OLD, NEW, "old.txt", "new.txt", Detail::Chars);
        let st: Vec<(ParagraphStatus, bool)> = r.paragraphs.iter().map(|p| (p.status, p.moved)).collect();
        assert_eq!(
            st,
            vec![
                (ParagraphStatus::Kept, false),
                (ParagraphStatus::Kept, true),
                (ParagraphStatus::Changed, false),
                (ParagraphStatus::New, false)
            ]
        );
        assert_eq!(r.removed.len(), 1);
        assert!(r.removed[0].text.starts_with("挂职干部"));
        let added: Vec<&str> = r.paragraphs[2]
            .changes
            .iter()
            .filter(|c| c.op == ChangeOp::Added)
            .map(|c| c.text.as_str())
            .collect();
        assert_eq!(added, vec!["热烈", "工作"]);
        assert!(r.share_from_old > 0.5 && r.share_from_old < 0.9, "{}", r.share_from_old);
        // Offsets are into NEW as decoded.
        let p = &r.paragraphs[1];
        let s: String = NEW.chars().skip(p.start).take(p.end - p.start).collect();
        assert!(s.starts_with("希望大家"));
        assert_eq!(p.line, 2);
    }

    #[test]
    fn word_level_changes_use_whole_words() {
        let c = changes("在实践中增长才干", "在工作中增长本领", Detail::Words);
        let removed: Vec<&str> =
            c.iter().filter(|c| c.op == ChangeOp::Removed).map(|c| c.text.as_str()).collect();
        let added: Vec<&str> =
            c.iter().filter(|c| c.op == ChangeOp::Added).map(|c| c.text.as_str()).collect();
        // 才干 → 本领 is replaced as a word, not as two characters.
        assert_eq!(removed.last(), Some(&"才干"));
        assert_eq!(added.last(), Some(&"本领"));
    }
}
