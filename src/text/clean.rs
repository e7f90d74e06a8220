//! `clean`: the text as a reader wants it. Web noise removed (pinyin glosses, doubled
//! punctuation, zero-width characters, spaces between Chinese characters, full-width letters and
//! digits, half-width punctuation in Chinese text), watermark and page-number lines dropped, PDF
//! hard wraps joined into paragraphs, optionally converted to Simplified phrase by phrase.
//!
//! Output: one paragraph per line, indentation removed, no blank lines.

use std::collections::HashMap;

use crate::text::noise;
use crate::text::numbering;
use crate::text::placeholder::is_han;
use crate::text::script;

/// What to do besides removing noise.
#[derive(Debug, Clone, Copy)]
pub struct CleanOptions {
    /// Join lines broken in the middle of a sentence (PDF text). Off for `.docx`, whose
    /// paragraphs are real.
    pub join_wraps: bool,
    /// Convert to Simplified, phrase by phrase (乾隆 stays, 乾燥 → 干燥).
    pub simplified: bool,
    /// Leave half-width , ; : ? ! ( ) in Chinese text as they are (by default they become
    /// ，；：？！（）, see [`fullwidth_punctuation`]).
    pub keep_halfwidth: bool,
}

impl Default for CleanOptions {
    fn default() -> Self {
        CleanOptions { join_wraps: true, simplified: false, keep_halfwidth: false }
    }
}

/// The cleaned text and what was done to it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cleaned {
    /// UTF-8 text, one paragraph per line, ending with a line break (CRLF if the input mostly
    /// used CRLF).
    pub text: String,
    /// Each distinct watermark line dropped, with how many times it occurred.
    pub watermarks: Vec<(String, usize)>,
    /// Page-number lines dropped.
    pub page_numbers: usize,
    /// Hard line breaks joined.
    pub joined: usize,
    /// Pinyin glosses removed.
    pub glosses: usize,
    /// Half-width punctuation marks made full-width.
    pub fullwidth: usize,
}

/// Words a watermark or copyright line says.
const WATERMARK_WORDS: [&str; 14] = [
    "权属",
    "版权",
    "严禁",
    "禁止",
    "复制",
    "剽窃",
    "转载",
    "仅供",
    "侵权",
    "盗版",
    "水印",
    "所有权",
    "未经",
    "授权",
];

/// Clean `text` (a file's body as decoded).
pub fn clean(text: &str, opts: CleanOptions) -> Cleaned {
    let crlf = text.matches("\r\n").count() * 2 > text.matches('\n').count();
    let mut out = Cleaned::default();
    let lines: Vec<String> = text
        .split('\n')
        .map(|l| {
            let (cleaned, glosses) = clean_line(l);
            out.glosses += glosses;
            if opts.keep_halfwidth {
                return cleaned;
            }
            let (full, n) = fullwidth_punctuation(&cleaned);
            out.fullwidth += n;
            full
        })
        .collect();

    // Watermarks: judged on the folded line, so spacing and punctuation variants count together.
    let key = |l: &str| crate::text::fold::fold(l).as_string();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for l in lines.iter().filter(|l| !l.is_empty()) {
        *counts.entry(key(l)).or_default() += 1;
    }
    let mut watermarks: Vec<(String, usize)> = Vec::new();
    let mut kept: Vec<String> = Vec::with_capacity(lines.len());
    let pages = page_number_run(&lines);
    for (i, l) in lines.into_iter().enumerate() {
        if l.is_empty() {
            kept.push(l);
            continue;
        }
        if is_page_number(&l) || pages.binary_search(&i).is_ok() {
            out.page_numbers += 1;
            continue;
        }
        let n = counts.get(&key(&l)).copied().unwrap_or(0);
        if is_watermark(&l, n) {
            match watermarks.iter_mut().find(|(w, _)| *w == l) {
                Some((_, c)) => *c += 1,
                None => watermarks.push((l, 1)),
            }
            continue;
        }
        kept.push(l);
    }
    out.watermarks = watermarks;

    let paragraphs = if opts.join_wraps { join_wraps(&kept, &mut out.joined) } else { kept };
    let eol = if crlf { "\r\n" } else { "\n" };
    let mut text: String =
        paragraphs.into_iter().filter(|p| !p.is_empty()).flat_map(|p| [p, eol.to_string()]).collect();
    if opts.simplified {
        text = script::to_simplified(&text);
    }
    out.text = text;
    out
}

/// Noise removed from one line; returns the line (trimmed) and how many glosses it had.
pub fn clean_line(line: &str) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut glosses = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if noise::is_invisible(c) || (c.is_control() && c != '\t') {
            i += 1;
            continue;
        }
        if matches!(c, '(' | '（') {
            let before = out.iter().rev().find(|c| !c.is_whitespace()).copied();
            if before.is_some_and(is_han)
                && let Some(len) = noise::pinyin_gloss_len(&chars, i)
            {
                while out.last().is_some_and(|c| c.is_whitespace()) {
                    out.pop();
                }
                glosses += 1;
                i += len;
                continue;
            }
        }
        // Full-width letters and digits read as ordinary ones (ＧＤＰ → GDP); full-width
        // punctuation is Chinese punctuation and stays.
        let h = noise::half_width(c);
        let c = if h.is_ascii_alphanumeric() { h } else { c };
        out.push(c);
        i += 1;
    }
    let out = collapse_doubled_punctuation(&out);
    let out = drop_spaces_between_chinese(&out);
    let s: String = out.into_iter().collect();
    (s.trim().to_string(), glosses)
}

/// Strength of a pause or stop mark, for collapsing runs such as ，，、 or 。， (the strongest
/// wins); `None` for everything else (？！ and …… are left alone).
fn pause_strength(c: char) -> Option<u8> {
    Some(match c {
        '。' | '．' => 5,
        '；' | ';' => 4,
        '：' | ':' => 3,
        '，' | ',' => 2,
        '、' => 1,
        _ => return None,
    })
}

/// ！ and ？ in either width, which collapse only with themselves (！！ → ！, but ？！ stays).
fn exclamation(c: char) -> Option<char> {
    match c {
        '！' | '!' => Some('！'),
        '？' | '?' => Some('？'),
        _ => None,
    }
}

/// The end (exclusive) of a run of marks starting at `i`, blanks between marks included (，，
/// and ， ， are both doubled), and how many marks it holds.
fn mark_run(chars: &[char], i: usize, is_mark: impl Fn(char) -> bool) -> (usize, usize) {
    let (mut end, mut marks, mut k) = (i, 0, i);
    while k < chars.len() {
        if is_mark(chars[k]) {
            marks += 1;
            k += 1;
            end = k;
        } else if chars[k] == ' ' || chars[k] == '\u{3000}' {
            k += 1;
        } else {
            break;
        }
    }
    (end, marks)
}

fn collapse_doubled_punctuation(chars: &[char]) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let run = if pause_strength(c).is_some() {
            Some(mark_run(chars, i, |c| pause_strength(c).is_some()))
        } else {
            exclamation(c).map(|kind| mark_run(chars, i, |c| exclamation(c) == Some(kind)))
        };
        let Some((end, _)) = run.filter(|&(_, marks)| marks >= 2) else {
            out.push(c);
            i += 1;
            continue;
        };
        let marks_in = || chars[i..end].iter().copied().filter(|c| !c.is_whitespace());
        // ASCII marks count as doubled only next to Chinese text: between digits or letters they
        // belong to something else (a,,b in code, 1::2).
        let before = out.iter().rev().find(|c| !c.is_whitespace()).copied();
        let after = chars[end..].iter().find(|c| !c.is_whitespace()).copied();
        let chinese_context = marks_in().any(|c| !c.is_ascii())
            || before.is_some_and(|c| !c.is_ascii())
            || after.is_some_and(|c| !c.is_ascii());
        if !chinese_context {
            out.extend_from_slice(&chars[i..end]);
        } else if pause_strength(c).is_some() {
            // The last of the strongest: ，, keeps the mark nearest the following text.
            out.push(marks_in().max_by_key(|&c| pause_strength(c)).unwrap_or(c));
        } else {
            // Full-width if any of them was; half-width ones may still be made full-width later.
            out.push(marks_in().find(|c| !c.is_ascii()).unwrap_or(c));
        }
        i = end;
    }
    out
}

/// The full-width form GB/T 15834 wants for a half-width mark in Chinese text.
pub fn fullwidth_form(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

/// Han characters and the punctuation only Chinese text uses. Curly quotes are left out: English
/// quotations use them too, so “OK!” keeps its half-width mark.
fn is_chinese(c: char) -> bool {
    is_han(c)
        || matches!(c, '\u{3001}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '…' | '—')
}

fn is_url_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c)
}

/// Scalar ranges never converted: URLs and mail addresses (without the punctuation around them,
/// as in 网址:http://a.cn,欢迎), and a numbering marker such as (1) at the line start.
fn protected(chars: &[char], line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_url_char(chars[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && is_url_char(chars[j]) {
            j += 1;
        }
        let run: String = chars[i..j].iter().collect();
        if run.contains("://") || run.contains("www.") || (run.contains('@') && run.contains('.')) {
            let mut a = i;
            while a < j && !chars[a].is_ascii_alphanumeric() {
                a += 1;
            }
            let mut b = j;
            while b > a && ",;:!?().".contains(chars[b - 1]) {
                b -= 1;
            }
            out.push((a, b));
        }
        i = j;
    }
    if let Some(m) = numbering::recognise(line) {
        out.push((m.span.start, m.span.end));
    }
    out
}

/// Half-width , ; : ? ! ( ) in Chinese text made full-width (，；：？！（）): a mark with Chinese
/// on either side, as the `halfwidth-punct` lint finds them. Left alone: marks between digits
/// (1,000 · 12:30 · 3:2), URLs and mail addresses, a numbering marker at the line start, and
/// marks among Latin words (Hello, world). A parenthesis pair changes together, and blanks
/// between a changed mark and Chinese text go. Returns the line and how many marks changed.
pub fn fullwidth_punctuation(line: &str) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    if !chars.iter().any(|&c| fullwidth_form(c).is_some()) {
        return (line.to_string(), 0);
    }
    let keep = protected(&chars, line);
    let kept = |i: usize| keep.iter().any(|&(a, b)| a <= i && i < b);
    let blank = |c: char| c == ' ' || c == '\t';
    let mut change = vec![false; chars.len()];
    for (i, &c) in chars.iter().enumerate() {
        if fullwidth_form(c).is_none() || kept(i) {
            continue;
        }
        let before = chars[..i].iter().rev().find(|c| !blank(**c)).copied();
        let after = chars[i + 1..].iter().find(|c| !blank(**c)).copied();
        if before.is_some_and(|b| b.is_ascii_digit()) && after.is_some_and(|a| a.is_ascii_digit()) {
            continue;
        }
        change[i] = before.is_some_and(is_chinese) || after.is_some_and(is_chinese);
    }
    // Parentheses in pairs: （GDP） even where only one side touches Chinese text.
    let mut open: Vec<usize> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '(' => open.push(i),
            ')' => {
                if let Some(o) = open.pop()
                    && (change[o] || change[i])
                    && !kept(o)
                    && !kept(i)
                {
                    change[o] = true;
                    change[i] = true;
                }
            }
            _ => {}
        }
    }
    let mut out = String::with_capacity(line.len());
    let mut n = 0;
    let mut after_change = false;
    for (i, &c) in chars.iter().enumerate() {
        if change[i] {
            // A blank before the changed mark goes when Chinese text precedes it …
            let trimmed = out.trim_end_matches([' ', '\t']);
            if trimmed.len() < out.len() && trimmed.chars().last().is_some_and(is_chinese) {
                out.truncate(trimmed.len());
            }
            out.push(fullwidth_form(c).unwrap_or(c));
            n += 1;
            after_change = true;
            continue;
        }
        if blank(c) && after_change {
            // … and one after it when Chinese text follows.
            let next = chars[i..].iter().find(|c| !blank(**c)).copied();
            if next.is_some_and(|c| is_chinese(c) || fullwidth_form(c).is_some()) {
                continue;
            }
        }
        after_change = false;
        out.push(c);
    }
    (out, n)
}

/// Letter-spaced Chinese (加 强 协 作, from PDF extraction or alignment) is closed up: a space
/// between two non-ASCII characters goes when the words on both sides (punctuation ends a word)
/// are single characters, or when one side is Chinese punctuation (更新 ，销号).
/// Spaces between longer words (会议上 陕西省省长) are separators and stay; spaces next to Latin
/// words and numbers stay.
fn drop_spaces_between_chinese(chars: &[char]) -> Vec<char> {
    let token_len = |from: usize, step: isize| {
        let mut n = 0;
        let mut k = from as isize;
        while k >= 0
            && (k as usize) < chars.len()
            && !chars[k as usize].is_whitespace()
            && !noise::is_punctuation(chars[k as usize])
        {
            n += 1;
            k += step;
        }
        n
    };
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() && i > 0 {
            let mut j = i;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            let before = chars[i - 1];
            let after = chars.get(j).copied();
            // Chinese punctuation on either side: a space beside ， or 。 is never a separator.
            let cjk_mark = |c: char| !c.is_ascii() && noise::is_punctuation(c);
            if !before.is_whitespace()
                && !before.is_ascii()
                && after.is_some_and(|a| !a.is_ascii())
                && ((token_len(i - 1, -1) == 1 && token_len(j, 1) == 1)
                    || cjk_mark(before)
                    || after.is_some_and(cjk_mark))
            {
                i = j;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// `- 3 -`, `— 12 —`, `第 3 页`, `第3页 共20页`, `3/20`: page furniture from PDF text. A line
/// holding only a number is left to [`page_number_run`], which needs to see the pages counted.
fn is_page_number(line: &str) -> bool {
    let s: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let core = s.trim_matches(['-', '—', '–', '－']);
    let digits = |t: &str| !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit());
    if digits(core) {
        return core.len() < s.len(); // dashes around it
    }
    if let Some((a, b)) = core.split_once('/') {
        return digits(a) && digits(b);
    }
    let page = |t: &str| t.strip_prefix('第').and_then(|t| t.strip_suffix('页')).is_some_and(digits);
    if let Some(idx) = core.find("页共") {
        let (a, b) = core.split_at(idx + "页".len());
        let b = b.strip_prefix('共').and_then(|t| t.strip_suffix('页'));
        return page(a) && b.is_some_and(digits);
    }
    page(core)
}

/// The value of a line that holds nothing but a number.
fn bare_number(line: &str) -> Option<u32> {
    let t = line.trim();
    (!t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit())).then(|| t.parse().ok()).flatten()
}

/// Indices of number-only lines that count pages: the file's bare numbers, in order, go up by
/// one at a time (1, 2, 3 …) at least twice. A lone number inside the text (a footnote mark, a
/// figure split off by a line break) is text and stays.
fn page_number_run(lines: &[String]) -> Vec<usize> {
    let numbered: Vec<(usize, u32)> =
        lines.iter().enumerate().filter_map(|(i, l)| bare_number(l).map(|n| (i, n))).collect();
    let counting = numbered.len() >= 2 && numbered.windows(2).all(|w| w[1].1 == w[0].1 + 1);
    if counting { numbered.into_iter().map(|(i, _)| i).collect() } else { Vec::new() }
}

/// A short line repeated through the file that says it is a copyright notice, or a short line
/// without punctuation repeated three times or more (a running header); or a single notice that
/// says so twice over (本资料权属…严禁复制).
fn is_watermark(line: &str, occurrences: usize) -> bool {
    let len = line.chars().count();
    if len > 60 {
        return false;
    }
    let words = WATERMARK_WORDS.iter().filter(|w| line.contains(*w)).count();
    if (occurrences >= 2 && words >= 1) || words >= 2 {
        return true;
    }
    // A running header is a phrase, not a word: 建议 or 附件 repeated is text broken by links.
    // Lines with no word at all (↑, >) are page debris whatever their length.
    let ends_like_a_sentence = line.chars().last().is_some_and(noise::is_punctuation);
    let wordless = !line.chars().any(|c| c.is_alphanumeric());
    occurrences >= 3
        && !ends_like_a_sentence
        && numbering::recognise(line).is_none()
        && (len >= 6 || wordless)
}

/// Sentence-final: the line ends a paragraph as written (。！？；： … and closing quotes after them).
fn ends_sentence(line: &str) -> bool {
    let mut it = line.chars().rev();
    let mut last = it.next();
    while last.is_some_and(|c| matches!(c, '”' | '’' | '」' | '』' | '）' | ')' | '》' | '"')) {
        last = it.next();
    }
    matches!(last, Some('。' | '！' | '？' | '；' | '：' | '…' | '!' | '?' | ';' | ':' | '.'))
}

/// Join lines broken mid-sentence. A line is joined to the next when it does not end a
/// sentence, is nearly as wide as the text's full lines (so short titles and headings stay on
/// their own), is not itself a numbered heading, and the next line does not start a numbered item.
fn join_wraps(lines: &[String], joined: &mut usize) -> Vec<String> {
    let mut widths: Vec<usize> =
        lines.iter().filter(|l| !l.is_empty()).map(|l| super::display_width(l)).collect();
    widths.sort_unstable();
    let full = widths.get(widths.len() * 4 / 5).copied().unwrap_or(0);
    let mut out: Vec<String> = Vec::new();
    let mut open = false; // the last paragraph may continue on the next line
    for l in lines {
        if l.is_empty() {
            open = false;
            continue;
        }
        let starts_item = numbering::recognise(l).is_some();
        if open && !starts_item {
            let last = out.last_mut().expect("open implies a paragraph");
            if last.chars().last().is_some_and(|c| c.is_ascii_alphanumeric())
                && l.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
            {
                last.push(' ');
            }
            last.push_str(l);
            *joined += 1;
        } else {
            out.push(l.clone());
        }
        let heading = numbering::recognise(l).is_some_and(|m| m.style.is_heading())
            && super::display_width(l) * 10 < full * 7;
        open = !ends_sentence(l) && super::display_width(l) * 10 >= full * 7 && !heading;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(s: &str) -> String {
        clean_line(s).0
    }

    #[test]
    fn line_noise() {
        assert_eq!(line("　　加强協(xié)作，，、共谋发展。。"), "加强協作，共谋发展。");
        assert_eq!(line("协 （xié zuò） 作"), "协作");
        assert_eq!(line("增长（GDP）达到 ５％"), "增长（GDP）达到 5％");
        assert_eq!(line("加 强 协 作 GDP 增长"), "加强协作 GDP 增长");
        assert_eq!(line("会议上 陕西省省长 赵 刚"), "会议上 陕西省省长 赵刚");
        assert_eq!(line("比值3.5，增长"), "比值3.5，增长");
        assert_eq!(line("零\u{200B}宽"), "零宽");
    }

    #[test]
    fn identical_doubles_collapse_like_mixed_ones() {
        assert_eq!(line("同志们，，大家好"), "同志们，大家好");
        assert_eq!(line("同志们,,大家好"), "同志们,大家好");
        assert_eq!(line("同志们， ，大家好"), "同志们，大家好");
        assert_eq!(line("同志们, ,大家好"), "同志们,大家好");
        assert_eq!(line("请及时更新 ， ，逐项销号"), "请及时更新，逐项销号");
        assert_eq!(line("发展。。很好"), "发展。很好");
        assert_eq!(line("发展；；；很好"), "发展；很好");
        assert_eq!(line("太好了！！真的？？"), "太好了！真的？");
        assert_eq!(line("太好了!!真的??"), "太好了!真的?");
        // Mixed kinds: the strongest pause wins; ？！ is a real combination and stays.
        assert_eq!(line("同志们，,、大家好"), "同志们,大家好");
        assert_eq!(line("真的吗？！"), "真的吗？！");
        assert_eq!(line("说完了……"), "说完了……");
        // Among ASCII text doubled marks are something else.
        assert_eq!(line("x = a,,b; std::vec"), "x = a,,b; std::vec");
    }

    fn full(s: &str) -> String {
        fullwidth_punctuation(s).0
    }

    #[test]
    fn halfwidth_marks_in_chinese_text_become_fullwidth() {
        assert_eq!(
            full("今年以来,全市协作项目完成投资3.2亿元;就业帮扶成效明显"),
            "今年以来，全市协作项目完成投资3.2亿元；就业帮扶成效明显"
        );
        assert_eq!(full("大家好!我们开会:一是总结?"), "大家好！我们开会：一是总结？");
        assert_eq!(full("全市GDP增长5.2%,协作项目落地"), "全市GDP增长5.2%，协作项目落地");
        assert_eq!(full("增长(GDP)达到"), "增长（GDP）达到");
        assert_eq!(full("协作 , 交流"), "协作，交流");
        assert_eq!(fullwidth_punctuation("甲,乙;丙").1, 2);
    }

    #[test]
    fn numbers_times_urls_numbering_and_english_keep_their_marks() {
        for s in [
            "投资1,000万元",
            "上午12:30开会",
            "比分3 : 2",
            "详见http://www.example.cn/a?b=1,2",
            "(1)细化清单",
            "引用“Hello, world!”一句",
            "f(x) = a, b",
        ] {
            assert_eq!(full(s), s);
        }
        // Around a URL the marks are Chinese punctuation again.
        assert_eq!(full("网址:http://www.example.cn,欢迎访问"), "网址：http://www.example.cn，欢迎访问");
        assert_eq!(full("(1)细化清单,明确责任"), "(1)细化清单，明确责任");
    }

    #[test]
    fn the_option_keeps_halfwidth_marks() {
        let text = "同志们,,大家好!今年以来,全市协作项目进展顺利。\n";
        let cleaned = clean(text, CleanOptions::default());
        assert_eq!(cleaned.text, "同志们，大家好！今年以来，全市协作项目进展顺利。\n");
        assert_eq!(cleaned.fullwidth, 3);
        let kept = clean(text, CleanOptions { keep_halfwidth: true, ..CleanOptions::default() });
        assert_eq!(kept.text, "同志们,大家好!今年以来,全市协作项目进展顺利。\n");
        assert_eq!(kept.fullwidth, 0);
    }

    #[test]
    fn page_numbers() {
        for p in ["- 3 -", "—12—", "第 3 页", "第3页共20页", "3/20"] {
            assert!(is_page_number(p), "{p}");
        }
        for p in ["2025年", "第三页", "一、总体要求", "3.5", "7"] {
            assert!(!is_page_number(p), "{p}");
        }
        let lines: Vec<String> = ["正文", "1", "正文", "2", "正文", "3"].map(String::from).to_vec();
        assert_eq!(page_number_run(&lines), vec![1, 3, 5]);
        let lines: Vec<String> = ["增长", "2", "正文", "2", "正文", "10"].map(String::from).to_vec();
        assert!(page_number_run(&lines).is_empty());
    }

    #[test]
    fn watermark_rules() {
        assert!(is_watermark("本资料权属某某文库，严禁复制剽窃", 1));
        assert!(is_watermark("仅供内部学习", 2));
        assert!(is_watermark("某某市人民政府办公室", 3));
        assert!(!is_watermark("某某市人民政府办公室", 2));
        assert!(!is_watermark("同志们：", 5));
        assert!(!is_watermark("谢谢大家！", 3));
        assert!(!is_watermark("建议", 4));
        assert!(is_watermark("↑", 4));
    }

    #[test]
    fn ends_sentence_looks_through_closing_quotes() {
        assert!(ends_sentence("要做到“三个坚持”。"));
        assert!(ends_sentence("他说：“要抓落实。”"));
        assert!(!ends_sentence("要坚持“两个毫不"));
        assert!(!ends_sentence("推动经济社会"));
    }
}
