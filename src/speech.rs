//! A speech's structure, recognised from its text: title, speaker/date lines, salutation,
//! numbered headings by level, 一是/二是 paragraphs with their lead sentence, body paragraphs —
//! and the kinds of speech there are ([`Kind`]).
//!
//! [`Speech::parse`] keeps every block's span in the text it came from, so lint rules report
//! positions; the Word and HTML layouts render the same blocks; the reuse report's per-section
//! shares are cut at the same headings.

use std::fmt;

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
    crate::date::Date::parse(date.trim()).map(|d| format!("（{}）", d.chinese()))
}

/// The kind of speech. One type for outlines, phrasebook points, lint and every flag, accepting
/// the same spellings everywhere ([`Kind::parse`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// 欢迎讲话
    Welcome,
    /// 座谈会讲话
    Symposium,
}

impl Kind {
    pub const ALL: [Kind; 2] = [Kind::Welcome, Kind::Symposium];

    /// The name as written in YAML and flags (`welcome`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Welcome => "welcome",
            Kind::Symposium => "symposium",
        }
    }

    /// `welcome` / `symposium`, or as a writer says it: 欢迎、欢迎讲话、欢迎词 / 座谈、座谈会、
    /// 座谈会讲话.
    pub fn parse(name: &str) -> Option<Kind> {
        match name.trim() {
            "welcome" | "欢迎" | "欢迎讲话" | "欢迎词" => Some(Kind::Welcome),
            "symposium" | "座谈" | "座谈会" | "座谈会讲话" => Some(Kind::Symposium),
            _ => None,
        }
    }

    /// The Chinese label (`欢迎讲话`).
    pub fn label(self) -> &'static str {
        match self {
            Kind::Welcome => "欢迎讲话",
            Kind::Symposium => "座谈会讲话",
        }
    }

    /// The embedded template that renders this kind (`welcome.j2`).
    pub fn template_name(self) -> &'static str {
        match self {
            Kind::Welcome => "welcome.j2",
            Kind::Symposium => "symposium.j2",
        }
    }

    /// `--kind NAME` as a kind, or the one usage error every command gives for a wrong one.
    pub fn from_flag(name: &str) -> crate::Result<Kind> {
        Kind::parse(name).ok_or_else(|| {
            crate::Error::usage(format!("讲话类型 {name} 无效"))
                .with_hint("--kind 可选 welcome（欢迎讲话）或 symposium（座谈会讲话），也可写 欢迎、座谈会")
        })
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

// By hand: through `Kind::parse`, so YAML takes the same spellings as flags, while a wrong one
// still names the two canonical values as serde would.
impl<'de> serde::Deserialize<'de> for Kind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Kind, D::Error> {
        let s = String::deserialize(d)?;
        Kind::parse(&s).ok_or_else(|| serde::de::Error::unknown_variant(&s, &["welcome", "symposium"]))
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
    fn kinds_are_spelt_alike_everywhere() {
        for (s, k) in [
            ("welcome", Kind::Welcome),
            ("欢迎", Kind::Welcome),
            ("欢迎讲话", Kind::Welcome),
            (" 座谈会 ", Kind::Symposium),
            ("symposium", Kind::Symposium),
        ] {
            assert_eq!(Kind::parse(s), Some(k), "{s}");
        }
        assert_eq!(Kind::parse("farewell"), None);
        let kinds: Vec<Kind> = serde_yaml::from_str("[welcome, 座谈会讲话]").unwrap();
        assert_eq!(kinds, [Kind::Welcome, Kind::Symposium]);
        let e = serde_yaml::from_str::<Vec<Kind>>("[farewell]").unwrap_err().to_string();
        assert!(e.contains("unknown variant `farewell`, expected `welcome` or `symposium`"), "{e}");
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
