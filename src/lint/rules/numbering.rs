//! Rule `numbering`: numbered headings and 一是/二是 leads that skip (一、→三、), repeat (（二）
//! twice), mix spellings at one level (1. beside 1、, 一是 beside 第二，), or break the GB/T 9704
//! order 一、→（一）→1.→（1） (a （一） where an 一、 belongs, a level left out).
//!
//! Reported ids: `numbering-skip`, `numbering-repeat`, `numbering-mixed`, `numbering-order`, all
//! errors. Only markers at a line start count (see [`crate::text::numbering::recognise`]).

use crate::lint::{Draft, Hit, Rule, Severity};
use crate::text::numbering::{self, Marker, Style, han_numeral};
use crate::text::span::Span;

pub const SKIP: &str = "numbering-skip";
pub const REPEAT: &str = "numbering-repeat";
pub const MIXED: &str = "numbering-mixed";
pub const ORDER: &str = "numbering-order";

/// The marker as the writer spelled it apart from its number: `1.` vs `1、` vs `1．`,
/// `（一）` vs `(一)`. Two spellings at one level are a mix.
fn spelling(marker: &str) -> String {
    marker.chars().filter(|c| !c.is_ascii_digit() && !"一二三四五六七八九十两".contains(*c)).collect()
}

fn shown(style: Style, value: u32) -> String {
    match style {
        Style::Sequence => numbering::sequence_word(value.max(1), value.max(1)).to_string(),
        _ => style.format(value),
    }
}

/// One open level of heading numbering.
struct Open {
    style: Style,
    rank: u8,
    value: u32,
    spelling: String,
    /// Scalar offset of its latest marker.
    at: usize,
}

/// One run of paragraph leads (一是/二是, 第一，/第二，, 首先/其次) inside a section.
struct LeadRun {
    style: Style,
    value: u32,
    at: usize,
}

/// How a marker for item `value` may be written inside running text.
fn spellings(style: Style, value: u32) -> Vec<String> {
    let h = han_numeral(value);
    match style {
        Style::HanComma => vec![format!("{h}、")],
        Style::HanParen => vec![format!("（{h}）"), format!("({h})")],
        Style::ArabicDot => vec![format!("{value}."), format!("{value}．"), format!("{value}、")],
        Style::ArabicParen => vec![format!("（{value}）"), format!("({value})")],
        Style::HanShi => vec![format!("{h}是"), format!("{h}要")],
        Style::Ordinal => vec![format!("第{h}")],
        Style::Sequence => Vec::new(),
    }
}

/// True when every item in `values` is written somewhere in `chars[from..to]` — a list whose
/// earlier items sit inside a paragraph (“……。一是……”) rather than at a line start.
fn mentioned(chars: &[char], from: usize, to: usize, style: Style, values: std::ops::Range<u32>) -> bool {
    let hay: String = chars[from.min(to)..to.min(chars.len())].iter().collect();
    !values.is_empty()
        && values.into_iter().all(|v| spellings(style, v).iter().any(|n| hay.contains(n.as_str())))
}

/// A line that starts a new part (第二部分, 第三章, 附件): numbering starts afresh after it.
fn is_part_divider(line: &str) -> bool {
    let t = line.trim();
    if t.starts_with("附件") {
        return true;
    }
    let Some(rest) = t.strip_prefix('第') else { return false };
    let n = rest.chars().take_while(|c| "一二三四五六七八九十两".contains(*c)).count();
    let after: String = rest.chars().skip(n).take(2).collect();
    n > 0 && (after == "部分" || after.starts_with('章') || after.starts_with('篇'))
}

/// Check the numbering of `text` (a whole draft). Spans are scalar offsets into `text`.
pub fn check(text: &str) -> Vec<Hit> {
    let chars: Vec<char> = text.chars().collect();
    let mut c = Checker {
        chars: &chars,
        hits: Vec::new(),
        stack: Vec::new(),
        leads: None,
        top_rank: None,
        section: 0,
    };
    let mut offset = 0;
    for line in text.split('\n') {
        let line_len = line.chars().count();
        if is_part_divider(line) {
            c.stack.clear();
            c.top_rank = None;
            c.leads = None;
            c.section = offset;
        } else if let Some(m) = numbering::recognise(line) {
            let span = Span::new(offset + m.span.start, offset + m.span.end);
            let written = m.span.slice(line);
            if m.style.is_heading() {
                c.leads = None;
                c.heading(m, span, written);
                c.section = span.start;
            } else {
                c.lead(m, span);
            }
        }
        offset += line_len + 1;
    }
    c.hits
}

struct Checker<'a> {
    chars: &'a [char],
    hits: Vec<Hit>,
    stack: Vec<Open>,
    leads: Option<LeadRun>,
    top_rank: Option<u8>,
    /// Where the current section (text under the latest heading) starts.
    section: usize,
}

impl Checker<'_> {
    fn heading(&mut self, m: Marker, span: Span<char>, written: &str) {
        let rank = m.style.default_level();
        let spelled = spelling(written);
        // A shallower level than the first one used: the draft's levels are upside down.
        if let Some(top) = self.top_rank
            && rank < top
        {
            let first = self.stack.first().map(|o| o.style).unwrap_or(m.style);
            self.hits.push(Hit {
                rule: ORDER,
                severity: Severity::Error,
                span,
                message: format!("层级顺序颠倒：前文以{}开头，此处又出现上一级的{}", first.name(), written),
                fix: "按 一、→（一）→1.→（1） 的顺序调整各级序号".into(),
            });
            self.stack.clear();
            self.top_rank = Some(rank);
        }
        while self.stack.last().is_some_and(|o| o.rank > rank) {
            self.stack.pop();
        }
        let chars = self.chars;
        let parent_at = self.stack.iter().rev().find(|o| o.rank < rank).map(|o| o.at).unwrap_or(self.section);
        match self.stack.last_mut() {
            Some(open) if open.rank == rank => {
                if open.style == m.style && open.spelling != spelled {
                    self.hits.push(Hit {
                        rule: MIXED,
                        severity: Severity::Error,
                        span,
                        message: format!(
                            "同一级序号写法不一：前面用“{}”，此处用“{written}”",
                            shown_spelled(open, m.value)
                        ),
                        fix: format!("统一写作“{}”", shown_spelled(open, m.value)),
                    });
                }
                let (style, prev, from) = (m.style, open.value, open.at);
                open.value = m.value;
                open.at = span.start;
                sequence(&mut self.hits, chars, from, style, prev, m.value, span, written);
            }
            parent => {
                let parent_rank = parent.map(|p| p.rank);
                if self.top_rank.is_none() {
                    self.top_rank = Some(rank);
                }
                if let Some(pr) = parent_rank
                    && rank > pr + 1
                {
                    let missing =
                        Style::ALL.iter().find(|s| s.is_heading() && s.default_level() == pr + 1).unwrap();
                    self.hits.push(Hit {
                        rule: ORDER,
                        severity: Severity::Error,
                        span,
                        message: format!(
                            "层级跳过：{}之下直接用了{}，缺少{}一级",
                            parent_name(&self.stack),
                            written,
                            missing.name()
                        ),
                        fix: format!(
                            "在此前加{}一级标题，或把本级改为{}",
                            missing.name(),
                            missing.format(m.value.max(1))
                        ),
                    });
                }
                if m.value != 1 && !mentioned(chars, parent_at, span.start, m.style, 1..m.value) {
                    self.hits.push(Hit {
                        rule: SKIP,
                        severity: Severity::Error,
                        span,
                        message: format!("本级序号从{written}开始，前面没有{}", shown(m.style, 1)),
                        fix: format!("从{}开始编号", shown(m.style, 1)),
                    });
                }
                self.stack.push(Open {
                    style: m.style,
                    rank,
                    value: m.value,
                    spelling: spelled,
                    at: span.start,
                });
            }
        }
    }

    fn lead(&mut self, m: Marker, span: Span<char>) {
        // “最后，祝愿……” after a 第一/一是 run is how speeches close, not the run's next item.
        if m.style == Style::Sequence
            && m.value == 0
            && self.leads.as_ref().is_some_and(|r| r.style != Style::Sequence)
        {
            return;
        }
        let written = m.style.name().trim_end_matches('，');
        let chars = self.chars;
        // 一是 / 第一 / 首先 opens a new run; so does a marker whose predecessors were written
        // inside the paragraphs before it. A sequence word has no reliable count (最后 = 0).
        let continues_inline = m.value > 1 && mentioned(chars, self.section, span.start, m.style, 1..m.value);
        let starts =
            m.value == 1 || (continues_inline && self.leads.as_ref().is_none_or(|r| r.style != m.style));
        match &mut self.leads {
            Some(r) if !starts => {
                if r.style != m.style {
                    self.hits.push(Hit {
                        rule: MIXED,
                        severity: Severity::Error,
                        span,
                        message: format!(
                            "同一组并列段落序号写法不一：前面用{}，此处用{}",
                            r.style.name().trim_end_matches('，'),
                            written
                        ),
                        fix: format!(
                            "统一用{}式：{}",
                            r.style.name().trim_end_matches('，'),
                            shown(r.style, r.value + 1)
                        ),
                    });
                } else if m.style != Style::Sequence {
                    sequence(
                        &mut self.hits,
                        chars,
                        r.at,
                        m.style,
                        r.value,
                        m.value,
                        span,
                        &shown(m.style, m.value),
                    );
                }
                r.value = if m.value == 0 { r.value + 1 } else { m.value };
                r.at = span.start;
            }
            _ => {
                if !starts && m.style != Style::Sequence {
                    self.hits.push(Hit {
                        rule: SKIP,
                        severity: Severity::Error,
                        span,
                        message: format!("{}之前没有{}", shown(m.style, m.value), shown(m.style, 1)),
                        fix: format!("从{}开始", shown(m.style, 1)),
                    });
                }
                self.leads = Some(LeadRun { style: m.style, value: m.value.max(1), at: span.start });
            }
        }
    }
}

fn shown_spelled(open: &Open, value: u32) -> String {
    let n = match open.style {
        Style::HanComma | Style::HanParen => han_numeral(value),
        _ => value.to_string(),
    };
    let mut chars = open.spelling.chars();
    match open.style {
        Style::HanParen | Style::ArabicParen => {
            let (o, c) = (chars.next().unwrap_or('（'), chars.next().unwrap_or('）'));
            format!("{o}{n}{c}")
        }
        _ => format!("{n}{}", open.spelling),
    }
}

fn parent_name(stack: &[Open]) -> &'static str {
    stack.last().map(|o| o.style.name()).unwrap_or("")
}

/// Skips and repeats between the previous value and this one at the same level.
#[allow(clippy::too_many_arguments)]
fn sequence(
    hits: &mut Vec<Hit>,
    chars: &[char],
    from: usize,
    style: Style,
    prev: u32,
    value: u32,
    span: Span<char>,
    written: &str,
) {
    // The missing items written inside the paragraphs in between are not missing.
    if value == prev + 1 || (value > prev + 1 && mentioned(chars, from, span.start, style, prev + 1..value)) {
        return;
    }
    if value <= prev {
        hits.push(Hit {
            rule: REPEAT,
            severity: Severity::Error,
            span,
            message: format!("序号重复：前面已有{}，此处又是{written}", shown(style, value)),
            fix: format!("改为{}", shown(style, prev + 1)),
        });
    } else {
        let missing: Vec<String> = (prev + 1..value).map(|v| shown(style, v)).collect();
        hits.push(Hit {
            rule: SKIP,
            severity: Severity::Error,
            span,
            message: format!("序号跳号：{}之后是{written}，缺少{}", shown(style, prev), missing.join("、")),
            fix: format!("改为{}", shown(style, prev + 1)),
        });
    }
}

pub struct Numbering;

impl Rule for Numbering {
    fn ids(&self) -> &'static [(&'static str, Severity)] {
        &[
            (SKIP, Severity::Error),
            (REPEAT, Severity::Error),
            (MIXED, Severity::Error),
            (ORDER, Severity::Error),
        ]
    }

    fn check(&self, draft: &Draft<'_>) -> Vec<Hit> {
        check(draft.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<(&'static str, String)> {
        check(text).into_iter().map(|h| (h.rule, h.span.slice(text).to_string())).collect()
    }

    #[test]
    fn a_clean_hierarchy_has_no_findings() {
        let text = "同志们：\n一、提高认识\n（一）看清形势\n1.抓学习\n（1）读原文\n（2）谈体会\n2.抓调研\n（二）明确任务\n一是要压实责任。\n二是要加强督查。\n二、狠抓落实\n（一）细化分工\n首先，要统一思想。\n其次，要落实责任。\n最后，要强化保障。\n";
        assert_eq!(ids(text), vec![]);
    }

    #[test]
    fn skips_and_repeats() {
        let text = "一、甲\n二、乙\n四、丁\n（一）子\n（一）又一个\n";
        assert_eq!(ids(text), vec![(SKIP, "四、".to_string()), (REPEAT, "（一）".to_string())]);
        let h = &check(text)[0];
        assert!(h.message.contains("缺少三、"), "{}", h.message);
        assert_eq!(h.fix, "改为三、");
    }

    #[test]
    fn a_level_that_starts_past_one() {
        assert_eq!(ids("一、甲\n（二）乙\n"), vec![(SKIP, "（二）".to_string())]);
    }

    #[test]
    fn mixed_spellings_at_one_level() {
        assert_eq!(ids("一、甲\n（一）乙\n1.丙\n2、丁\n"), vec![(MIXED, "2、".to_string())]);
        assert_eq!(ids("一、甲\n(一)乙\n（二）丙\n"), vec![(MIXED, "（二）".to_string())]);
        assert_eq!(ids("一是要学。\n第二，要干。\n"), vec![(MIXED, "第二，".to_string())]);
    }

    #[test]
    fn order_breaks() {
        // 1. straight under 一、, with （一） left out.
        assert_eq!(ids("一、甲\n1.乙\n2.丙\n"), vec![(ORDER, "1.".to_string())]);
        // A draft that starts at （一） and later uses 一、.
        assert_eq!(ids("（一）甲\n（二）乙\n一、丙\n"), vec![(ORDER, "一、".to_string())]);
    }

    #[test]
    fn lead_runs_restart_and_skip() {
        assert_eq!(ids("一是甲。\n二是乙。\n一是丙。\n二是丁。\n"), vec![]);
        assert_eq!(ids("一是甲。\n三是丙。\n"), vec![(SKIP, "三是".to_string())]);
        assert_eq!(ids("二是乙。\n"), vec![(SKIP, "二是".to_string())]);
    }

    #[test]
    fn items_written_inside_paragraphs_count() {
        // 一是 inside the first paragraph, 二是 and 三是 at line starts.
        assert_eq!(ids("一、甲\n要抓好三件事。一是抓学习。\n二是抓调研。\n三是抓落实。\n"), vec![]);
        // 三是 written inline between 二是 and 四是.
        assert_eq!(ids("一是甲。\n二是乙，三是丙。\n四是丁。\n"), vec![]);
        // （一）（二） inline, （三） at a line start.
        assert_eq!(ids("一、甲\n包括（一）子、（二）丑两项。\n（三）寅\n"), vec![]);
    }

    #[test]
    fn a_new_part_restarts_numbering() {
        assert_eq!(ids("第一部分 回顾\n一、甲\n二、乙\n第二部分 安排\n一、丙\n"), vec![]);
        assert_eq!(ids("一、甲\n二、乙\n一、丙\n"), vec![(REPEAT, "一、".to_string())]);
    }

    #[test]
    fn a_closing_zuihou_after_a_numbered_run_is_not_an_item() {
        let text = "一、几点希望\n第一，提高站位。\n第二，深入调研。\n最后，祝愿同志们工作顺利！\n";
        assert!(ids(text).is_empty(), "{:?}", ids(text));
        // 其次 inside a 第一 run is still a mixed spelling.
        let mixed = "一、几点希望\n第一，提高站位。\n其次，深入调研。\n";
        assert_eq!(ids(mixed).iter().map(|(r, _)| *r).collect::<Vec<_>>(), vec![MIXED]);
    }

    #[test]
    fn numbers_in_running_text_are_not_markers() {
        assert_eq!(ids("今年完成投资1.5亿元。\n2026年3月召开。\n第一书记要带头。\n"), vec![]);
    }
}
