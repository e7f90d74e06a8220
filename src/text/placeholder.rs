//! The one placeholder recogniser: ☆ ★, ×× XX xx (and longer runs), 某某, ○○ outside numbers,
//! runs of `*` that are not Markdown emphasis, and a lone X standing for a name.
//!
//! Draft, lint, phrasebook lint and matching all call [`find`]; nobody else decides what a
//! placeholder is.
//!
//! Template code — `{{ var }}` and `{% … %}` in phrasebook texts and outlines — is found here too
//! ([`templates`]), and matching stands each expression in by a placeholder run
//! ([`substitute_templates`]), so a variant matches whatever name a draft filled in.

use super::span::Span;

/// Which placeholder convention a run follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// ☆ or ★, one or more.
    Star,
    /// ×× XX xx ＸＸ ｘｘ, two or more.
    Cross,
    /// 某某, two or more 某.
    Mou,
    /// ○○ or 〇〇 that is not part of a Chinese number such as 二○○八.
    Circle,
    /// `**`, `***` … that is not Markdown emphasis.
    Asterisks,
    /// A single X (or Ｘ) between Chinese characters, as in “X市”, standing for a short name.
    LoneX,
}

/// One placeholder run found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placeholder {
    pub span: Span<char>,
    pub kind: Kind,
}

/// Options for [`find_with`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// The text is Markdown: `*x*` and `**x**` pairs are emphasis, not placeholders.
    pub markdown: bool,
}

/// All placeholder runs in `text` (plain text), in order, as scalar spans.
pub fn find(text: &str) -> Vec<Placeholder> {
    find_with(text, Options::default())
}

/// True for the characters a placeholder run can start with. Every run [`find`] returns starts
/// with one, and recognition looks no further than the line, so a caller scanning a long text
/// may run [`find_with`] only on the lines that hold one of these (the folded view does).
pub fn can_start(c: char) -> bool {
    matches!(c, '☆' | '★' | '×' | 'X' | 'x' | 'Ｘ' | 'ｘ' | '某' | '○' | '〇' | '*')
}

/// True when `text` holds any placeholder.
pub fn contains(text: &str) -> bool {
    !find(text).is_empty()
}

/// All placeholder runs in `text`, in order.
pub fn find_with(text: &str, opts: Options) -> Vec<Placeholder> {
    let chars: Vec<char> = text.chars().collect();
    let emphasis = if opts.markdown { markdown_emphasis(&chars) } else { Vec::new() };
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let run_end = |pred: &dyn Fn(char) -> bool| {
            let mut j = i;
            while j < chars.len() && pred(chars[j]) {
                j += 1;
            }
            j
        };
        let found = match c {
            '☆' | '★' => Some((run_end(&|c| c == '☆' || c == '★'), Kind::Star)),
            '×' | 'X' | 'x' | 'Ｘ' | 'ｘ' => {
                let j = run_end(&|c| matches!(c, '×' | 'X' | 'x' | 'Ｘ' | 'ｘ'));
                let before = i.checked_sub(1).map(|k| chars[k]);
                let after = chars.get(j).copied();
                let latin_neighbour = before.is_some_and(is_latin_word) || after.is_some_and(is_latin_word);
                if latin_neighbour {
                    None
                } else if j - i >= 2 {
                    Some((j, Kind::Cross))
                } else if matches!(c, 'X' | 'Ｘ') && (before.is_some_and(is_han) || after.is_some_and(is_han))
                {
                    Some((j, Kind::LoneX))
                } else {
                    None
                }
            }
            '某' => {
                let j = run_end(&|c| c == '某');
                (j - i >= 2).then_some((j, Kind::Mou))
            }
            '○' | '〇' => {
                let j = run_end(&|c| c == '○' || c == '〇');
                let before = i.checked_sub(1).map(|k| chars[k]);
                let after = chars.get(j).copied();
                let in_number = before.is_some_and(is_numeral) || after.is_some_and(is_numeral);
                (j - i >= 2 && !in_number).then_some((j, Kind::Circle))
            }
            '*' => {
                let j = run_end(&|c| c == '*');
                let is_emphasis = emphasis.iter().any(|&(s, e)| s <= i && j <= e);
                (j - i >= 2 && !is_emphasis).then_some((j, Kind::Asterisks))
            }
            _ => None,
        };
        match found {
            Some((end, kind)) => {
                out.push(Placeholder { span: Span::new(i, end), kind });
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// What a template expression becomes before folding for matching: a placeholder run, which
/// folds to the placeholder token (the matcher's wildcard).
pub const TEMPLATE_STAND_IN: char = '☆';

/// One piece of template code: `{{ … }}` or `{% … %}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Template {
    /// From the opening pair to the closing one; just the opening pair when it is not closed.
    pub span: Span<char>,
    /// Closed on the same line (an expression never spans lines).
    pub closed: bool,
}

impl Template {
    /// What is between the braces (empty for an unclosed pair).
    pub fn inner<'a>(&self, text: &'a str) -> &'a str {
        if !self.closed {
            return "";
        }
        Span::<char>::new(self.span.start + 2, self.span.end - 2).slice(text)
    }
}

/// Every `{{ … }}` and `{% … %}` in `text`, in order.
pub fn templates(text: &str) -> Vec<Template> {
    if !text.contains('{') {
        return Vec::new();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < chars.len() {
        let close = match (chars[i], chars[i + 1]) {
            ('{', '{') => '}',
            ('{', '%') => '%',
            _ => {
                i += 1;
                continue;
            }
        };
        let end = (i + 2..chars.len().saturating_sub(1))
            .take_while(|&k| chars[k] != '\n')
            .find(|&k| chars[k] == close && chars[k + 1] == '}')
            .map(|k| k + 2);
        let t = Template { span: Span::new(i, end.unwrap_or(i + 2)), closed: end.is_some() };
        out.push(t);
        i = t.span.end;
    }
    out
}

/// The spans of the closed template expressions of `text`.
pub fn template_spans(text: &str) -> Vec<Span<char>> {
    templates(text).into_iter().filter(|t| t.closed).map(|t| t.span).collect()
}

/// `text` with every closed template expression replaced by [`TEMPLATE_STAND_IN`].
pub fn substitute_templates(text: &str) -> String {
    let spans = template_spans(text);
    if spans.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for s in spans {
        out.push_str(Span::<char>::new(at, s.start).slice(text));
        out.push(TEMPLATE_STAND_IN);
        at = s.end;
    }
    out.push_str(Span::<char>::new(at, usize::MAX).slice(text));
    out
}

fn is_latin_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('Ａ'..='Ｚ').contains(&c) || ('ａ'..='ｚ').contains(&c)
}

/// A CJK unified ideograph (the blocks speeches use).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{20000}'..='\u{2A6DF}' | '\u{F900}'..='\u{FAFF}')
}

fn is_numeral(c: char) -> bool {
    // ○/〇 count too: the scan retries one character into a run, so 二〇〇〇 must stay a number
    // from its second 〇 on.
    c.is_ascii_digit() || "零〇○一二三四五六七八九十百千万".contains(c)
}

/// Char ranges (of delimiter runs included) that are Markdown emphasis: `*x*`, `**x**`, `***x***`
/// on one line, the opening run followed and the closing run preceded by non-whitespace.
fn markdown_emphasis(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '*' {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && chars[j] == '*' {
            j += 1;
        }
        let n = j - i;
        let opens = n <= 3 && chars.get(j).is_some_and(|c| !c.is_whitespace() && *c != '*');
        if opens {
            // Find a closing run of the same length on the same line.
            let mut k = j;
            let mut closed = None;
            while k < chars.len() && chars[k] != '\n' {
                if chars[k] == '*' {
                    let mut m = k;
                    while m < chars.len() && chars[m] == '*' {
                        m += 1;
                    }
                    if m - k == n && !chars[k - 1].is_whitespace() {
                        closed = Some(m);
                    }
                    break;
                }
                k += 1;
            }
            if let Some(end) = closed {
                out.push((i, end));
                i = end;
                continue;
            }
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, Kind)> {
        find(text).into_iter().map(|p| (p.span.slice(text).to_string(), p.kind)).collect()
    }

    #[test]
    fn recognises_each_convention() {
        assert_eq!(kinds("欢迎来到☆☆市"), vec![("☆☆".into(), Kind::Star)]);
        assert_eq!(kinds("××县委书记"), vec![("××".into(), Kind::Cross)]);
        assert_eq!(kinds("xx同志和XXX同志"), vec![("xx".into(), Kind::Cross), ("XXX".into(), Kind::Cross)]);
        assert_eq!(kinds("某某单位"), vec![("某某".into(), Kind::Mou)]);
        assert_eq!(kinds("○○区"), vec![("○○".into(), Kind::Circle)]);
        assert_eq!(kinds("**市**区"), vec![("**".into(), Kind::Asterisks), ("**".into(), Kind::Asterisks)]);
        assert_eq!(kinds("X市的同志"), vec![("X".into(), Kind::LoneX)]);
    }

    #[test]
    fn leaves_ordinary_text_alone() {
        assert!(find("二○○八年，一九〇〇年").is_empty());
        assert!(find("比二〇〇〇年翻两番，到二○○○年").is_empty());
        assert!(find("某些地方").is_empty());
        assert!(find("GDP增长5%，Xbox和x86").is_empty());
        assert!(find("a * b").is_empty());
        assert!(find("max() 和 xxhash").is_empty());
    }

    #[test]
    fn markdown_emphasis_is_not_a_placeholder() {
        let md = Options { markdown: true };
        assert!(find_with("这是**重点**内容", md).is_empty());
        assert_eq!(find_with("欢迎**同志到**工作", md).len(), 0);
        assert_eq!(find_with("来自 ** 市", md).len(), 1);
        // Plain text has no emphasis, so the same runs are placeholders.
        assert_eq!(find("这是**重点**内容").len(), 2);
    }

    #[test]
    fn every_run_starts_with_a_can_start_character() {
        let text = "☆☆ ★ ×× XX xx ＸＸ 某某 ○○ ** X市 x";
        for p in find(text) {
            assert!(can_start(p.span.slice(text).chars().next().unwrap()));
        }
        assert!(!can_start('市') && !can_start('a'));
    }

    #[test]
    fn template_code_is_found_on_its_line_and_stood_in_for() {
        let text = "欢迎{{ partner }}的同志{% if x %}！{{ 未闭合\n{{}}";
        let t = templates(text);
        assert_eq!(t.len(), 4);
        assert_eq!(t[0].inner(text), " partner ");
        assert!(t[1].closed && !t[2].closed && t[3].closed);
        assert_eq!(t[2].span.slice(text), "{{");
        assert_eq!(substitute_templates("欢迎{{ partner }}的同志{% if x %}！"), "欢迎☆的同志☆！");
        assert_eq!(substitute_templates("a{b}"), "a{b}");
        assert_eq!(
            template_spans("甲{{ 乙 }}丙").iter().map(|s| s.slice("甲{{ 乙 }}丙")).collect::<Vec<_>>(),
            ["{{ 乙 }}"]
        );
    }

    #[test]
    fn spans_are_scalar_offsets() {
        let p = find("同志们：欢迎××同志")[0];
        assert_eq!((p.span.start, p.span.end), (6, 8));
    }
}
