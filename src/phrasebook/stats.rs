//! `phrasebook stats`: how often each point and variant appears in the archive of earlier speeches.
//!
//! A variant is looked for with its `{{ … }}` parts as wildcards (the placeholder token of the
//! folded view, which the reuse aligner bridges), on folded text, so script, punctuation and
//! layout differences do not hide a use. Long variants are aligned with the reuse engine and count
//! when most of them is found (a lightly edited use still counts); short ones must appear whole.
//! Points used in most of the recent speeches are worn out; points never used are flagged too.

use std::collections::HashSet;

use crate::reuse::align::align_keys;
use crate::reuse::fingerprint::{K, KeyView, key_view, kgrams};
use crate::text::fold::{PLACEHOLDER, fold};

use super::Phrasebook;

/// Share of a long variant's characters that must be found for it to count as used.
pub const MIN_FOUND: f64 = 0.8;
/// How many of the latest dated speeches count as "recent".
pub const RECENT: usize = 5;
/// Longest text a `{{ … }}` wildcard stands for in a short variant, in key characters.
const WILDCARD_MAX: usize = 12;

/// One archive speech, prepared for matching.
pub struct Speech {
    /// As listed (the archive entry id).
    pub id: String,
    /// YYYY-MM-DD when known.
    pub date: Option<String>,
    key: KeyView,
    grams: HashSet<u64>,
}

impl Speech {
    pub fn new(id: impl Into<String>, date: Option<String>, text: &str) -> Speech {
        let key = key_view(&fold(text));
        let grams = kgrams(&key.chars).into_iter().map(|(h, _)| h).collect();
        Speech { id: id.into(), date, key, grams }
    }
}

/// Use of one variant.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct VariantUse {
    /// 1-based, in file order.
    pub number: usize,
    /// Archive speeches containing it.
    pub speeches: usize,
    pub latest: Option<String>,
}

/// Use of one point (any of its variants).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PointUse {
    pub id: String,
    pub title: String,
    pub variants: Vec<VariantUse>,
    /// Speeches containing at least one variant.
    pub speeches: usize,
    pub latest: Option<String>,
    /// Used in more than half of the recent speeches.
    pub worn_out: bool,
    pub never_used: bool,
}

/// The whole table.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Stats {
    pub points: Vec<PointUse>,
    /// Speeches in the archive.
    pub speeches: usize,
    /// The recent speeches (ids), latest first.
    pub recent: Vec<String>,
}

/// A variant as a pattern: template expressions as the placeholder token, in the key view.
fn pattern(variant: &str) -> KeyView {
    let code = crate::text::placeholder::template_spans(variant);
    let mut text = String::with_capacity(variant.len());
    let mut skip_to = 0;
    for (i, c) in variant.chars().enumerate() {
        if i < skip_to {
            continue;
        }
        match code.iter().find(|s| s.start == i) {
            Some(s) => {
                // A placeholder run (☆) folds to the placeholder token: a wildcard.
                text.push(crate::text::placeholder::TEMPLATE_STAND_IN);
                skip_to = s.end;
            }
            None => text.push(c),
        }
    }
    key_view(&fold(&text))
}

/// Does `speech` contain the variant `pat`?
fn contains(pat: &KeyView, speech: &Speech, min_chars: usize) -> bool {
    let literal = pat.chars.iter().filter(|&&c| c != PLACEHOLDER).count();
    if literal == 0 {
        return false;
    }
    if literal >= min_chars {
        // Cheap filter first: a use shares many k-grams.
        let shared = kgrams(&pat.chars).iter().filter(|(h, _)| speech.grams.contains(h)).count();
        if shared < (literal.saturating_sub(K) / 3).max(1) {
            return false;
        }
        let found: usize = align_keys(pat, &speech.key, min_chars)
            .iter()
            .map(|p| p.a.len())
            .sum::<usize>()
            .min(pat.chars.len());
        return found as f64 >= MIN_FOUND * literal as f64;
    }
    wildcard_match(&pat.chars, &speech.key.chars)
}

/// Literal segments (split at placeholders) in order, each wildcard bridging at most
/// [`WILDCARD_MAX`] characters.
fn wildcard_match(pat: &[char], text: &[char]) -> bool {
    let segments: Vec<&[char]> = pat.split(|&c| c == PLACEHOLDER).collect();
    let first = segments.iter().position(|s| !s.is_empty());
    let Some(first) = first else { return false };
    let find = |hay: &[char], needle: &[char], from: usize| -> Option<usize> {
        (from..=hay.len().saturating_sub(needle.len())).find(|&i| hay[i..].starts_with(needle))
    };
    let mut from = 0;
    'start: while let Some(at) = find(text, segments[first], from) {
        let mut pos = at + segments[first].len();
        for seg in &segments[first + 1..] {
            if seg.is_empty() {
                continue;
            }
            // The next segment must start within the wildcard's reach.
            let window_end = (pos + WILDCARD_MAX + seg.len()).min(text.len());
            match find(&text[..window_end], seg, pos + 1) {
                Some(next) => pos = next + seg.len(),
                None => {
                    from = at + 1;
                    continue 'start;
                }
            }
        }
        return true;
    }
    false
}

/// Count every effective point's and variant's uses in `speeches`.
pub fn stats(book: &Phrasebook, speeches: &[Speech]) -> Stats {
    let min_chars = crate::reuse::align::DEFAULT_MIN_CHARS;
    let mut dated: Vec<&Speech> = speeches.iter().filter(|s| s.date.is_some()).collect();
    dated.sort_by(|a, b| b.date.cmp(&a.date).then(a.id.cmp(&b.id)));
    let recent: Vec<&Speech> = dated.into_iter().take(RECENT).collect();
    let recent_ids: HashSet<&str> = recent.iter().map(|s| s.id.as_str()).collect();

    let mut points = Vec::new();
    for entry in book.entries() {
        let p = &entry.point;
        let mut variants = Vec::new();
        let mut any: Vec<bool> = vec![false; speeches.len()];
        for (i, v) in p.variants.iter().enumerate() {
            let pat = pattern(v);
            let mut n = 0;
            let mut latest: Option<&str> = None;
            for (k, s) in speeches.iter().enumerate() {
                if contains(&pat, s, min_chars) {
                    n += 1;
                    any[k] = true;
                    if let Some(d) = s.date.as_deref() {
                        latest = Some(latest.map_or(d, |l| l.max(d)));
                    }
                }
            }
            variants.push(VariantUse { number: i + 1, speeches: n, latest: latest.map(str::to_string) });
        }
        let used: Vec<&Speech> = speeches.iter().zip(&any).filter(|(_, u)| **u).map(|(s, _)| s).collect();
        let in_recent = used.iter().filter(|s| recent_ids.contains(s.id.as_str())).count();
        let latest = used.iter().filter_map(|s| s.date.clone()).max();
        points.push(PointUse {
            id: p.id.clone(),
            title: p.title.clone(),
            variants,
            speeches: used.len(),
            latest,
            worn_out: recent.len() >= 2 && in_recent * 2 > recent.len(),
            never_used: used.is_empty(),
        });
    }
    Stats { points, speeches: speeches.len(), recent: recent.iter().map(|s| s.id.clone()).collect() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phrasebook::{Kind, Layer, LayerSource, Located, Point, PointFile, Slot};

    fn point(id: &str, variants: &[&str]) -> Located<Point> {
        Located {
            value: Point {
                id: id.into(),
                title: "标题".into(),
                slot: Slot::Hopes,
                kinds: vec![Kind::Welcome],
                tags: vec![],
                optional: false,
                vars: Default::default(),
                variants: variants.iter().map(|s| s.to_string()).collect(),
            },
            line: 1,
            column: 1,
        }
    }

    fn book(points: Vec<Located<Point>>) -> Phrasebook {
        let file = PointFile { path: "p.yaml".into(), text: String::new(), points };
        Phrasebook::from_layers(vec![Layer {
            source: LayerSource::Embedded,
            files: vec![file],
            formulas: None,
        }])
    }

    #[test]
    fn counts_uses_with_template_parts_as_wildcards() {
        let b = book(vec![
            point(
                "a.greet",
                &[
                    "我代表{{ place }}全体干部群众，向远道而来的同志们表示热烈欢迎！",
                    "同志们好，{{ place }}欢迎你。",
                ],
            ),
            point("a.never", &["这是一句从来没有人说过的独特话语，绝不会出现在讲话里。"]),
        ]);
        let speeches = vec![
            Speech::new(
                "2024-03-01-欢迎",
                Some("2024-03-01".into()),
                "同志们：\n我代表青川市全体干部群众，向远道而来的同志们表示热烈欢迎！",
            ),
            // Traditional script and different punctuation still count.
            Speech::new(
                "2025-06-01-座谈",
                Some("2025-06-01".into()),
                "我代表江寧市全體幹部群眾，向遠道而來的同志們表示熱烈歡迎。同志们好，江宁市欢迎你。",
            ),
            Speech::new("2023-01-01-其他", Some("2023-01-01".into()), "今天的会议主要研究产业协作。"),
        ];
        let s = stats(&b, &speeches);
        let greet = &s.points[0];
        assert_eq!(greet.speeches, 2);
        assert_eq!(greet.latest.as_deref(), Some("2025-06-01"));
        assert_eq!(
            greet.variants[0],
            VariantUse { number: 1, speeches: 2, latest: Some("2025-06-01".into()) }
        );
        assert_eq!(greet.variants[1].speeches, 1);
        assert!(greet.worn_out, "2 of the 3 recent speeches");
        assert!(!greet.never_used);
        assert!(s.points[1].never_used);
        assert!(!s.points[1].worn_out);
    }

    #[test]
    fn literal_braces_are_not_required() {
        let pat = pattern("欢迎{{ place }}的同志");
        assert!(wildcard_match(&pat.chars, &key_view(&fold("热烈欢迎江宁市的同志们")).chars));
        assert!(!pat.chars.contains(&'{') && pat.chars.contains(&PLACEHOLDER));
        assert!(!wildcard_match(
            &pat.chars,
            &key_view(&fold("欢迎来到这个非常非常非常遥远的地方的同志")).chars
        ));
    }
}
