//! `parallel-length` and `parallel-anchor`: sibling titles or headings that break 排比.
//!
//! Three or more siblings read as a parallel series: roughly the same length, and sharing an anchor
//! word at the start (坚持……, 在……) or the end (……上下功夫). A title far from the others' length,
//! or one missing the anchor most of its siblings share, is a warning: the writer decides. In a
//! draft the siblings are headings of one level under one parent, and a section's 一是/二是 lead
//! sentences; in the phrasebook, the titles of points whose ids share a parent.

use crate::lint::{Draft, Hit, Rule, Severity};
use crate::speech::{BlockKind, Speech};
use crate::text::span::Span;

pub const LENGTH: &str = "parallel-length";
pub const ANCHOR: &str = "parallel-anchor";

/// Fewer siblings than this are not a series.
const MIN_SIBLINGS: usize = 3;
/// A `{{ … }}` expression counts as this many characters (a typical place name).
const EXPR_CHARS: usize = 3;
/// Single characters that anchor a series on their own when they start it.
const ONE_CHAR_LEADS: &str = "要在以把为向更做当抓让";

/// A hit on one of the siblings; `hit.span` is relative to that sibling's text.
#[derive(Debug, Clone, PartialEq)]
pub struct SiblingHit {
    /// Index into the slice given to [`check`].
    pub item: usize,
    pub hit: Hit,
}

/// The siblings' texts (titles or heading lines, numbering markers allowed) → warnings.
pub fn check(siblings: &[&str]) -> Vec<SiblingHit> {
    if siblings.len() < MIN_SIBLINGS {
        return Vec::new();
    }
    let cores: Vec<Core> = siblings.iter().map(|s| Core::of(s)).collect();
    let mut out = Vec::new();

    // Length spread: far from the median length.
    let mut lens: Vec<usize> = cores.iter().map(|c| c.weight).collect();
    lens.sort_unstable();
    let median = lens[lens.len() / 2];
    let allowed = (median / 2).max(3);
    for (item, core) in cores.iter().enumerate() {
        if core.weight.abs_diff(median) > allowed {
            let (what, fix) = if core.weight > median {
                ("偏长", "压缩到与其他几条相近的字数")
            } else {
                ("偏短", "补足到与其他几条相近的字数")
            };
            out.push(SiblingHit {
                item,
                hit: Hit {
                    rule: LENGTH,
                    severity: Severity::Warning,
                    span: core.span,
                    message: format!(
                        "排比不齐：这一条约 {} 字，同组其他条目约 {median} 字，{what}",
                        core.weight
                    ),
                    fix: fix.to_string(),
                },
            });
        }
    }

    // Missing anchor: a start or end most siblings share.
    let need = (siblings.len() * 2).div_ceil(3).max(2);
    for at_start in [true, false] {
        let Some(anchor) = shared_anchor(&cores, at_start, need) else { continue };
        for (item, core) in cores.iter().enumerate() {
            let has = if at_start { core.text.starts_with(&anchor) } else { core.text.ends_with(&anchor) };
            if has {
                continue;
            }
            let (where_, pattern) = if at_start {
                ("开头", format!("“{anchor}……”"))
            } else {
                ("结尾", format!("“……{anchor}”"))
            };
            out.push(SiblingHit {
                item,
                hit: Hit {
                    rule: ANCHOR,
                    severity: Severity::Warning,
                    span: core.span,
                    message: format!("排比不齐：同组多数条目{where_}都是{pattern}，这一条不是"),
                    fix: format!("改成{pattern}的句式，或有意为之则忽略"),
                },
            });
        }
    }
    out.sort_by_key(|h| (h.item, h.hit.span.start));
    out
}

pub struct Parallel;

impl Rule for Parallel {
    fn ids(&self) -> &'static [(&'static str, Severity)] {
        &[(LENGTH, Severity::Warning), (ANCHOR, Severity::Warning)]
    }

    fn check(&self, draft: &Draft<'_>) -> Vec<Hit> {
        let mut hits = Vec::new();
        for group in sibling_groups(draft.speech) {
            let texts: Vec<&str> = group.iter().map(|(_, t)| *t).collect();
            for sh in check(&texts) {
                let mut hit = sh.hit;
                hit.span = hit.span.shifted(group[sh.item].0);
                hits.push(hit);
            }
        }
        hits
    }
}

/// The draft's sibling groups: headings of one level under one parent, and each run of a
/// section's leads; each sibling is its heading or lead part with its offset in the text.
fn sibling_groups(speech: &Speech) -> Vec<Vec<(usize, &str)>> {
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
    groups
}

/// A sibling without numbering marker and closing punctuation, with its span in the given text.
struct Core {
    text: String,
    span: Span<char>,
    weight: usize,
}

impl Core {
    fn of(s: &str) -> Core {
        let chars: Vec<char> = s.chars().collect();
        let mut start = crate::text::numbering::recognise(s).map_or(0, |m| m.span.end);
        while start < chars.len() && chars[start].is_whitespace() {
            start += 1;
        }
        let mut end = chars.len();
        while end > start && (chars[end - 1].is_whitespace() || "。；，：！？;,.:!?".contains(chars[end - 1]))
        {
            end -= 1;
        }
        let text: String = chars[start..end].iter().collect();
        Core { weight: weight(&text), text, span: Span::new(start, end) }
    }
}

/// Length in characters as read aloud: whitespace not counted, a `{{ … }}` as a short name.
fn weight(text: &str) -> usize {
    let code = crate::text::placeholder::template_spans(text);
    let in_code = |i: usize| code.iter().any(|s| s.contains(i));
    let plain = text.chars().enumerate().filter(|&(i, c)| !c.is_whitespace() && !in_code(i)).count();
    plain + code.len() * EXPR_CHARS
}

/// The longest start (or end) of 1–4 characters that at least `need` siblings share but not all.
fn shared_anchor(cores: &[Core], at_start: bool, need: usize) -> Option<String> {
    let mut best: Option<(usize, usize, String)> = None; // (len, count, anchor)
    for core in cores {
        let chars: Vec<char> = core.text.chars().collect();
        for len in 1..=4.min(chars.len().saturating_sub(2)) {
            let cand: String = if at_start {
                chars[..len].iter().collect()
            } else {
                chars[chars.len() - len..].iter().collect()
            };
            if cand.contains(['{', '}']) || !cand.chars().all(crate::text::placeholder::is_han) {
                continue;
            }
            if len == 1 && !(at_start && ONE_CHAR_LEADS.contains(&cand)) {
                continue;
            }
            let count = cores
                .iter()
                .filter(|c| if at_start { c.text.starts_with(&cand) } else { c.text.ends_with(&cand) })
                .count();
            if count < need || count == cores.len() {
                continue;
            }
            if best.as_ref().is_none_or(|(l, n, _)| (len, count) > (*l, *n)) {
                best = Some((len, count, cand));
            }
        }
    }
    // When every sibling already shares a start (or end), even a single character (代表……,
    // 加强/加快/加大……), the series has its anchor; a longer one most share is just content.
    let edge = |c: &Core| if at_start { c.text.chars().next() } else { c.text.chars().last() };
    let first = edge(&cores[0]);
    if first.is_some() && cores.iter().all(|c| edge(c) == first) {
        return None;
    }
    best.map(|(_, _, anchor)| anchor)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(titles: &[&str]) -> Vec<(usize, &'static str)> {
        check(titles).into_iter().map(|h| (h.item, h.hit.rule)).collect()
    }

    #[test]
    fn a_well_formed_series_passes() {
        assert!(rules(&["一、坚持理想信念", "二、坚持实干担当", "三、坚持廉洁自律"]).is_empty());
        assert!(rules(&["在学习上下功夫", "在调研上下功夫", "在服务上下功夫", "在自律上下功夫"]).is_empty());
        assert!(rules(&["提高政治站位", "强化责任担当", "严守纪律规矩"]).is_empty());
        // All share 代表: a longer start two of them share is content, not the anchor.
        assert!(
            rules(&["代表市委市政府表示欢迎", "代表全市人民致以问候", "代表市委市政府致以慰问"]).is_empty()
        );
        // Two items are a pair, not a series.
        assert!(rules(&["坚持学习", "切实把各项工作落到实处并取得实效"]).is_empty());
    }

    #[test]
    fn flags_a_title_far_from_the_others_length() {
        let titles = [
            "提高政治站位",
            "强化责任担当",
            "切实增强推动{{ place }}高质量发展的责任感和使命感",
            "严守纪律规矩",
        ];
        let hits = check(&titles);
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!((hits[0].item, hits[0].hit.rule), (2, LENGTH));
        assert!(hits[0].hit.message.contains("偏长"));
    }

    #[test]
    fn flags_a_title_missing_the_shared_anchor() {
        let titles = ["（一）在学习上下功夫", "（二）在调研上下功夫", "（三）服务群众要用心"];
        let hits = check(&titles);
        let anchors: Vec<_> = hits.iter().filter(|h| h.hit.rule == ANCHOR).collect();
        assert_eq!(anchors.len(), 2, "{hits:?}");
        assert!(anchors.iter().all(|h| h.item == 2));
        assert!(anchors.iter().any(|h| h.hit.message.contains("“在……”")));
        assert!(anchors.iter().any(|h| h.hit.message.contains("“……上下功夫”")));
        // The span skips the numbering marker.
        assert_eq!(anchors[0].hit.span.slice(titles[2]), "服务群众要用心");
    }
}
