//! A speech's printed layout to GB/T 9704: its structure recognised from text, Word and HTML output.
//!
//! [`Speech::parse`] reads plain text (a draft, an export source, a lint target) into blocks —
//! title, speaker/date lines, salutation, numbered headings by level, 一是/二是 paragraphs with
//! their lead sentence, body paragraphs. Every block keeps its span in the text it came from, so
//! lint rules can report positions; [`docx`] and [`html`] render the same blocks.

pub mod docx;
pub mod html;

use crate::text::numbering::{self, Style as Numbering};
use crate::text::read::Document;
use crate::text::span::Span;

/// What a block is in the printed speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum BlockKind {
    /// The speech's title (二号 小标宋, centred).
    Title,
    /// A speaker or date line under the title, e.g. （2026年3月18日）.
    Byline,
    /// 同志们： — the line that opens the speech, not indented.
    Salutation,
    /// A numbered heading 一、 （一） 1. （1） at `level` 1–4. `head` is the number of scalars of
    /// the block text that are the heading proper (marker and first sentence); anything after it
    /// is body text run into the same paragraph, as in “1.加强学习。要……”.
    Heading { level: u8, style: Numbering, head: usize },
    /// A paragraph led by 一是/二是 (一要) or 第一，/第二，: body style, its lead sentence (the
    /// first `lead` scalars, marker included) bold by house rule.
    Lead { lead: usize },
    /// An ordinary paragraph.
    Body,
}

/// One paragraph of the speech.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Block {
    #[serde(flatten)]
    pub kind: BlockKind,
    /// The paragraph text, trimmed (and without Markdown heading marks).
    pub text: String,
    /// Where `text` sits in the source text (scalar offsets); empty for blocks supplied from
    /// front matter rather than found in the text.
    pub span: Span<char>,
}

impl Block {
    /// The text split at `at` scalars: (first part, rest).
    pub fn split_at(&self, at: usize) -> (&str, &str) {
        let byte = self.text.char_indices().nth(at).map(|(b, _)| b).unwrap_or(self.text.len());
        self.text.split_at(byte)
    }
}

/// A speech as a sequence of blocks.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Speech {
    pub blocks: Vec<Block>,
}

/// The longest line taken for a title, a byline or a salutation: anything longer is running text.
const TITLE_MAX: usize = 60;
const BYLINE_MAX: usize = 40;
const SALUTATION_MAX: usize = 40;

fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';' | '…')
}

fn ends_with_colon(s: &str) -> bool {
    s.ends_with('：') || s.ends_with(':')
}

/// Scalars up to and including the first sentence end (。！？), or all of `s` when it has none.
fn first_sentence_len(s: &str) -> usize {
    let mut n = 0;
    for c in s.chars() {
        n += 1;
        if matches!(c, '。' | '！' | '？' | '!' | '?') {
            return n;
        }
    }
    n
}

/// True for a line that opens the speech: short, ends with a colon, addresses people.
pub fn is_salutation(line: &str) -> bool {
    let t = line.trim();
    let n = t.chars().count();
    (2..=SALUTATION_MAX).contains(&n)
        && ends_with_colon(t)
        && !t.contains('。')
        && numbering::recognise(t).is_none()
}

impl Speech {
    /// Recognise the structure of `text`. Block spans are scalar offsets into `text`.
    pub fn parse(text: &str) -> Speech {
        Speech::parse_at(text, 0)
    }

    /// Like [`Speech::parse`], with spans shifted by `base` (the offset of `text` in its file).
    pub fn parse_at(text: &str, base: usize) -> Speech {
        let mut lines = Vec::new(); // (trimmed text, span, was a Markdown heading)
        let mut offset = 0;
        for raw in text.split('\n') {
            let len = raw.chars().count();
            let lead_ws = raw.chars().take_while(|c| c.is_whitespace()).count();
            let mut body: &str = raw.trim();
            let mut start = offset + lead_ws;
            let mut md_heading = false;
            if body.starts_with('#') {
                let hashes = body.chars().take_while(|&c| c == '#').count();
                let after = &body[hashes..];
                if hashes <= 6 && (after.starts_with(' ') || after.is_empty()) {
                    let skipped = hashes + after.chars().take_while(|c| c.is_whitespace()).count();
                    body = after.trim();
                    start += skipped;
                    md_heading = true;
                }
            }
            if !body.is_empty() {
                let n = body.chars().count();
                lines.push((body.to_string(), Span::new(base + start, base + start + n), md_heading));
            }
            offset += len + 1;
        }

        let mut blocks: Vec<Block> = Vec::with_capacity(lines.len());
        let mut seen_running_text = false;
        for (i, (line, span, md_heading)) in lines.into_iter().enumerate() {
            let n = line.chars().count();
            let last = line.chars().last().unwrap_or(' ');
            let marker = numbering::recognise(&line);
            let prev_is_top = blocks.iter().all(|b| matches!(b.kind, BlockKind::Title | BlockKind::Byline));
            let kind = if i == 0
                && marker.is_none()
                && (md_heading || (n <= TITLE_MAX && !ends_sentence(last) && !ends_with_colon(&line)))
            {
                BlockKind::Title
            } else if !seen_running_text
                && prev_is_top
                && blocks.first().is_some_and(|b| b.kind == BlockKind::Title)
                && marker.is_none()
                && n <= BYLINE_MAX
                && !ends_sentence(last)
                && !ends_with_colon(&line)
            {
                BlockKind::Byline
            } else if !seen_running_text && is_salutation(&line) {
                BlockKind::Salutation
            } else if let Some(m) = marker.filter(|m| m.style.is_heading()) {
                let rest = &line[line.char_indices().nth(m.span.end).map(|(b, _)| b).unwrap_or(line.len())..];
                BlockKind::Heading {
                    level: m.style.default_level(),
                    style: m.style,
                    head: m.span.end + first_sentence_len(rest),
                }
            } else if let Some(m) =
                marker.filter(|m| matches!(m.style, Numbering::HanShi | Numbering::Ordinal))
            {
                let rest = &line[line.char_indices().nth(m.span.end).map(|(b, _)| b).unwrap_or(line.len())..];
                BlockKind::Lead { lead: m.span.end + first_sentence_len(rest) }
            } else {
                BlockKind::Body
            };
            if !matches!(kind, BlockKind::Title | BlockKind::Byline | BlockKind::Salutation) {
                seen_running_text = true;
            }
            blocks.push(Block { kind, text: line, span });
        }
        Speech { blocks }
    }

    /// The structure of a decoded file: its body text, with a title and date from `.md` front
    /// matter added when the text itself has none.
    pub fn from_document(doc: &Document) -> Speech {
        let mut speech = Speech::parse_at(doc.body_text(), doc.body.start);
        if let Some(fm) = &doc.front_matter {
            let at = Span::new(doc.body.start, doc.body.start);
            let has_title = speech.title().is_some();
            let mut top = Vec::new();
            if !has_title && let Some(title) = fm.title.as_deref().filter(|t| !t.trim().is_empty()) {
                top.push(Block { kind: BlockKind::Title, text: title.trim().to_string(), span: at });
            }
            let has_byline = speech.blocks.iter().any(|b| b.kind == BlockKind::Byline);
            if !has_byline && let Some(date) = fm.date.as_deref().and_then(date_line) {
                top.push(Block { kind: BlockKind::Byline, text: date, span: at });
            }
            if !top.is_empty() {
                let title_blocks = if has_title { 1 } else { 0 };
                let rest = speech.blocks.split_off(title_blocks);
                speech.blocks.extend(top);
                speech.blocks.extend(rest);
            }
        }
        speech
    }

    pub fn title(&self) -> Option<&str> {
        self.blocks.iter().find(|b| b.kind == BlockKind::Title).map(|b| b.text.as_str())
    }

    /// The blocks that are read aloud (all but the title and the byline).
    pub fn spoken(&self) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(|b| !matches!(b.kind, BlockKind::Title | BlockKind::Byline))
    }
}

/// `2026-03-18` → `（2026年3月18日）`; `None` when it is not a date.
fn date_line(date: &str) -> Option<String> {
    let mut parts = date.trim().split('-');
    let y: u32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    (parts.next().is_none() && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("（{y}年{m}月{d}日）"))
}

/// Output variant: the filed standard layout or the read-aloud copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Style {
    /// GB/T 9704-2012: 三号 body on a 22 × 28 grid.
    #[default]
    Standard,
    /// 念稿版: larger type, wider line spacing, for reading at the lectern.
    Speech,
}

impl Style {
    /// `standard` or `speech` (also 标准 / 念稿).
    pub fn parse(name: &str) -> Option<Style> {
        match name.trim() {
            "standard" | "标准" | "gb" => Some(Style::Standard),
            "speech" | "念稿" => Some(Style::Speech),
            _ => None,
        }
    }
}

/// Options shared by the Word and HTML writers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub style: Style,
    /// Set the lead sentence of 一是/二是 paragraphs in bold (the common house rule).
    pub bold_leads: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { style: Style::Standard, bold_leads: true }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEECH: &str = "在青川市东西部协作工作座谈会上的讲话\n（2026年3月18日）\n市委书记　周明远\n\n同志们：\n　　今天我们召开座谈会，听取大家的意见。\n一、深刻认识协作的重大意义\n（一）提高站位。要把协作摆在重要位置。\n1.加强学习。\n一是要学政策。各部门要组织专题学习。\n二是要抓落实\n（1）细化清单\n谢谢大家！\n";

    fn kinds(s: &Speech) -> Vec<BlockKind> {
        s.blocks.iter().map(|b| b.kind).collect()
    }

    #[test]
    fn recognises_every_block_kind() {
        let s = Speech::parse(SPEECH);
        assert_eq!(
            kinds(&s),
            vec![
                BlockKind::Title,
                BlockKind::Byline,
                BlockKind::Byline,
                BlockKind::Salutation,
                BlockKind::Body,
                BlockKind::Heading { level: 1, style: Numbering::HanComma, head: 13 },
                BlockKind::Heading { level: 2, style: Numbering::HanParen, head: 8 },
                BlockKind::Heading { level: 3, style: Numbering::ArabicDot, head: 7 },
                BlockKind::Lead { lead: 7 },
                BlockKind::Lead { lead: 6 },
                BlockKind::Heading { level: 4, style: Numbering::ArabicParen, head: 7 },
                BlockKind::Body,
            ]
        );
        assert_eq!(s.title(), Some("在青川市东西部协作工作座谈会上的讲话"));
        let h2 = &s.blocks[6];
        assert_eq!(h2.split_at(8), ("（一）提高站位。", "要把协作摆在重要位置。"));
        assert_eq!(s.blocks[8].split_at(7).0, "一是要学政策。");
        let ordinal = Speech::parse("同志们：\n第二，要深入基层。多走多看。\n");
        assert_eq!(ordinal.blocks[1].kind, BlockKind::Lead { lead: 9 });
    }

    #[test]
    fn spans_point_into_the_source() {
        let s = Speech::parse(SPEECH);
        for b in &s.blocks {
            assert_eq!(b.span.slice(SPEECH), b.text, "{b:?}");
        }
        // The full-width indent before 今天 is not part of the block.
        assert!(s.blocks[4].text.starts_with("今天"));
    }

    #[test]
    fn a_speech_without_title_starts_with_its_salutation() {
        let s = Speech::parse("各位领导、同志们：\n\n大家上午好！今天很高兴。\n");
        assert_eq!(kinds(&s), vec![BlockKind::Salutation, BlockKind::Body]);
    }

    #[test]
    fn markdown_heading_marks_are_dropped_but_spans_stay_exact() {
        let md = "# 在欢迎会上的讲话\n\n同志们：\n\n## 一、提高认识\n\n正文。\n";
        let s = Speech::parse(md);
        assert_eq!(s.blocks[0].text, "在欢迎会上的讲话");
        assert_eq!(s.blocks[0].span.slice(md), "在欢迎会上的讲话");
        assert!(matches!(s.blocks[2].kind, BlockKind::Heading { level: 1, .. }));
    }

    #[test]
    fn a_salutation_later_in_the_text_is_body() {
        let s = Speech::parse("同志们：\n正文第一段。\n下面我讲三点意见：\n");
        assert_eq!(kinds(&s), vec![BlockKind::Salutation, BlockKind::Body, BlockKind::Body]);
    }

    #[test]
    fn front_matter_supplies_title_and_date() {
        let text = "---\ntitle: 在座谈会上的讲话\ndate: 2026-03-08\n---\n同志们：\n正文。\n";
        let start = text.find("同志们").map(|b| text[..b].chars().count()).unwrap();
        let doc = Document {
            path: "a.md".into(),
            format: crate::text::read::Format::Md,
            encoding: "UTF-8",
            text: text.into(),
            front_matter: Some(crate::text::read::FrontMatter {
                title: Some("在座谈会上的讲话".into()),
                date: Some("2026-03-08".into()),
                ..Default::default()
            }),
            body: Span::new(start, text.chars().count()),
        };
        let s = Speech::from_document(&doc);
        assert_eq!(kinds(&s)[..3], [BlockKind::Title, BlockKind::Byline, BlockKind::Salutation]);
        assert_eq!(s.blocks[1].text, "（2026年3月8日）");
        assert_eq!(s.blocks[2].span.slice(&doc.text), "同志们：");
    }
}
