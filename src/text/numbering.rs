//! The one numbering recogniser and formatter: 一、 （一） 1. （1） 一是/一要 第一， 首先/其次/最后.
//!
//! Draft (the template filter), lint, harvest and the per-section report all use it. The default
//! hierarchy follows GB/T 9704: 一、 → （一） (or 一是 paragraphs) → 1. → （1）.

use crate::text::span::Span;

/// A numbering style. The variant order is the GB/T 9704 hierarchy for the four heading styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Style {
    /// 一、
    #[serde(rename = "一、")]
    HanComma,
    /// （一）
    #[serde(rename = "（一）")]
    HanParen,
    /// 1.  (also 1． and 1、 when read)
    #[serde(rename = "1.")]
    ArabicDot,
    /// （1）
    #[serde(rename = "（1）")]
    ArabicParen,
    /// 一是 / 一要 / 一方面 — a paragraph lead inside running text.
    #[serde(rename = "一是")]
    HanShi,
    /// 第一，
    #[serde(rename = "第一，")]
    Ordinal,
    /// 首先 / 其次 / 再次 / 最后.
    #[serde(rename = "首先")]
    Sequence,
}

impl Style {
    pub const ALL: [Style; 7] = [
        Style::HanComma,
        Style::HanParen,
        Style::ArabicDot,
        Style::ArabicParen,
        Style::HanShi,
        Style::Ordinal,
        Style::Sequence,
    ];

    /// The level (1–4) this style has in the default GB/T 9704 hierarchy. 一是/第一/首先 sit at
    /// paragraph level, counted with （一） as level 2.
    pub fn default_level(self) -> u8 {
        match self {
            Style::HanComma => 1,
            Style::HanParen | Style::HanShi | Style::Ordinal | Style::Sequence => 2,
            Style::ArabicDot => 3,
            Style::ArabicParen => 4,
        }
    }

    /// True for styles that make a heading line of their own (as opposed to a paragraph lead).
    pub fn is_heading(self) -> bool {
        matches!(self, Style::HanComma | Style::HanParen | Style::ArabicDot | Style::ArabicParen)
    }

    /// The style's name as written in outlines and config (`一、`, `（一）`, …).
    pub fn name(self) -> &'static str {
        match self {
            Style::HanComma => "一、",
            Style::HanParen => "（一）",
            Style::ArabicDot => "1.",
            Style::ArabicParen => "（1）",
            Style::HanShi => "一是",
            Style::Ordinal => "第一，",
            Style::Sequence => "首先",
        }
    }

    /// Parse a style name as written in outlines (`一、`, `(一)`, `1.`, `一是`, `第一`, `首先` …).
    pub fn parse(name: &str) -> Option<Style> {
        let n = name.trim();
        Some(match n {
            "一、" | "一" => Style::HanComma,
            "（一）" | "(一)" => Style::HanParen,
            "1." | "1．" | "1、" | "1" => Style::ArabicDot,
            "（1）" | "(1)" => Style::ArabicParen,
            "一是" | "一要" => Style::HanShi,
            "第一，" | "第一" | "第一、" => Style::Ordinal,
            "首先" => Style::Sequence,
            _ => return None,
        })
    }

    /// The marker for item `n` (1-based) in this style: `format(HanParen, 12)` = `（十二）`.
    /// `HanShi` gives `一是`; `Sequence` gives 首先/其次/再次/最后 only through [`sequence_word`].
    pub fn format(self, n: u32) -> String {
        match self {
            Style::HanComma => format!("{}、", han_numeral(n)),
            Style::HanParen => format!("（{}）", han_numeral(n)),
            Style::ArabicDot => format!("{n}."),
            Style::ArabicParen => format!("（{n}）"),
            Style::HanShi => format!("{}是", han_numeral(n)),
            Style::Ordinal => format!("第{}，", han_numeral(n)),
            Style::Sequence => sequence_word(n, n).to_string(),
        }
    }
}

/// 首先, 其次, 再次, … 最后 for item `n` of `total`.
pub fn sequence_word(n: u32, total: u32) -> &'static str {
    if n == 1 {
        "首先"
    } else if n == total && total > 1 {
        "最后"
    } else if n == 2 {
        "其次"
    } else {
        "再次"
    }
}

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// Chinese numeral for 1..=99 as used in numbering (十, 十一, 二十, 九十九); larger numbers fall
/// back to Arabic digits, which no real outline reaches.
pub fn han_numeral(n: u32) -> String {
    match n {
        0 => "零".into(),
        1..=9 => DIGITS[n as usize].to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", DIGITS[(n % 10) as usize]),
        20..=99 if n.is_multiple_of(10) => format!("{}十", DIGITS[(n / 10) as usize]),
        20..=99 => format!("{}十{}", DIGITS[(n / 10) as usize], DIGITS[(n % 10) as usize]),
        _ => n.to_string(),
    }
}

/// Value of a Chinese numeral 1..=99 (一 … 九十九, also 两 for 2); `None` for anything else.
pub fn parse_han_numeral(s: &str) -> Option<u32> {
    let digit = |c: char| match c {
        '两' => Some(2),
        c => DIGITS.iter().position(|&d| d == c).map(|d| d as u32).filter(|&d| d > 0),
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [d] => digit(*d),
        ['十', d] => Some(10 + digit(*d)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', d] => Some(digit(*t)? * 10 + digit(*d)?),
        _ => None,
    }
}

/// A numbering marker found at the start of a line or paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    pub style: Style,
    /// 1-based value (一 = 1); for `Sequence`, 首先 = 1, 其次 = 2, 再次 = 3, 最后 = 0 (unknown).
    pub value: u32,
    /// The marker itself (e.g. `（三）`, `二是`), as scalar offsets into the line given.
    pub span: Span<char>,
}

/// Recognise a numbering marker at the start of `line` (leading whitespace, including full-width
/// spaces, is skipped). Returns `None` for ordinary text such as “一是一，二是二” in a sentence
/// middle — only the line start counts.
pub fn recognise(line: &str) -> Option<Marker> {
    let chars: Vec<char> = line.chars().collect();
    let lead = chars.iter().take_while(|c| c.is_whitespace()).count();
    let rest = &chars[lead..];
    let mk = |style, value, len: usize| Some(Marker { style, value, span: Span::new(lead, lead + len) });

    // （一） (一) （1） (1)
    if let Some(&open) = rest.first()
        && (open == '（' || open == '(')
    {
        let close = rest.iter().take(5).position(|&c| c == '）' || c == ')')?;
        let inner: String = rest[1..close].iter().collect();
        if let Some(v) = parse_han_numeral(&inner) {
            return mk(Style::HanParen, v, close + 1);
        }
        if let Ok(v) = inner.parse::<u32>()
            && inner.chars().all(|c| c.is_ascii_digit())
        {
            return mk(Style::ArabicParen, v, close + 1);
        }
        return None;
    }
    // 1. 1． 1、 (not 1.5, not a date like 2024.)
    let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    if (1..=2).contains(&digits)
        && let Some(&sep) = rest.get(digits)
        && matches!(sep, '.' | '．' | '、')
        && !rest.get(digits + 1).is_some_and(|c| c.is_ascii_digit())
    {
        let v: String = rest[..digits].iter().collect();
        return mk(Style::ArabicDot, v.parse().ok()?, digits + 1);
    }
    // 第一， 第二、
    if rest.first() == Some(&'第') {
        let n = rest[1..]
            .iter()
            .take(3)
            .take_while(|&&c| parse_han_numeral(&c.to_string()).is_some() || c == '十')
            .count();
        if n > 0 && matches!(rest.get(1 + n), Some('，' | '、' | ',' | '是')) {
            let v = parse_han_numeral(&rest[1..1 + n].iter().collect::<String>())?;
            return mk(Style::Ordinal, v, 2 + n);
        }
        return None;
    }
    // 首先 其次 再次 最后 (followed by a comma or directly by text)
    for (word, v) in [("首先", 1), ("其次", 2), ("再次", 3), ("最后", 0)] {
        let w: Vec<char> = word.chars().collect();
        if rest.starts_with(&w) && matches!(rest.get(2), Some('，' | ',' | '、' | '：' | '要' | '是')) {
            let len = if matches!(rest[2], '要' | '是') { 2 } else { 3 };
            return mk(Style::Sequence, v, len);
        }
    }
    // 一、 十二、 and 一是 一要 一方面
    let n = rest.iter().take(3).take_while(|&&c| DIGITS[1..].contains(&c) || c == '十' || c == '两').count();
    if n > 0 {
        let v = parse_han_numeral(&rest[..n].iter().collect::<String>())?;
        match rest.get(n) {
            Some('、') => return mk(Style::HanComma, v, n + 1),
            Some('是' | '要') if rest.get(n + 1) != Some(&'的') => return mk(Style::HanShi, v, n + 1),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_round_trip_to_99() {
        for n in 1..=99 {
            assert_eq!(parse_han_numeral(&han_numeral(n)), Some(n), "{n}");
        }
        assert_eq!(han_numeral(10), "十");
        assert_eq!(han_numeral(21), "二十一");
        assert_eq!(han_numeral(90), "九十");
    }

    #[test]
    fn formats_every_style() {
        assert_eq!(Style::HanComma.format(3), "三、");
        assert_eq!(Style::HanParen.format(12), "（十二）");
        assert_eq!(Style::ArabicDot.format(2), "2.");
        assert_eq!(Style::ArabicParen.format(4), "（4）");
        assert_eq!(Style::HanShi.format(2), "二是");
        assert_eq!(Style::Ordinal.format(1), "第一，");
        assert_eq!(sequence_word(3, 3), "最后");
        assert_eq!(sequence_word(2, 4), "其次");
    }

    fn rec(line: &str) -> Option<(Style, u32, String)> {
        recognise(line).map(|m| (m.style, m.value, m.span.slice(line).to_string()))
    }

    #[test]
    fn recognises_every_style_at_line_start() {
        assert_eq!(rec("一、提高政治站位"), Some((Style::HanComma, 1, "一、".into())));
        assert_eq!(rec("　　（十一）加强学习"), Some((Style::HanParen, 11, "（十一）".into())));
        assert_eq!(rec("(二)深入调研"), Some((Style::HanParen, 2, "(二)".into())));
        assert_eq!(rec("3. 严守纪律"), Some((Style::ArabicDot, 3, "3.".into())));
        assert_eq!(rec("2．加强协作"), Some((Style::ArabicDot, 2, "2．".into())));
        assert_eq!(rec("（4）做好保障"), Some((Style::ArabicParen, 4, "（4）".into())));
        assert_eq!(rec("二是要加强学习"), Some((Style::HanShi, 2, "二是".into())));
        assert_eq!(rec("三要廉洁自律"), Some((Style::HanShi, 3, "三要".into())));
        assert_eq!(rec("第二，要深入基层"), Some((Style::Ordinal, 2, "第二，".into())));
        assert_eq!(rec("最后，祝大家"), Some((Style::Sequence, 0, "最后，".into())));
        assert_eq!(rec("首先，我代表"), Some((Style::Sequence, 1, "首先，".into())));
    }

    #[test]
    fn ordinary_text_is_not_numbering() {
        assert_eq!(rec("一是一，二是二"), Some((Style::HanShi, 1, "一是".into()))); // a lead, by design
        assert_eq!(rec("一要的是"), None);
        assert_eq!(rec("2024.5亿元"), None);
        assert_eq!(rec("1.5亿元"), None);
        assert_eq!(rec("一定要"), None);
        assert_eq!(rec("第一书记"), None);
        assert_eq!(rec("首先要统一思想"), Some((Style::Sequence, 1, "首先".into())));
        assert_eq!(rec("最后一公里"), None);
        assert_eq!(rec("（注：略）"), None);
        assert_eq!(rec("同志们："), None);
    }
}
