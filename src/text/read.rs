//! Bytes → decoded text as the user's editor shows it: encodings, `.docx`, `.md` front matter.
//!
//! Offsets everywhere are into [`Document::text`]: BOM dropped, CRLF kept (counts 2), front matter
//! kept, `.docx` paragraphs (with rendered list numbers) joined by "\n".
//!
//! Plain text is decoded without being told the encoding: a BOM decides (UTF-8, UTF-16 LE/BE);
//! else valid UTF-8 is UTF-8; else `chardetng` guesses and the guess is accepted only if it is a
//! Chinese encoding (GB18030/GBK or Big5) and decodes without a single error. Anything else is
//! refused with a one-line error rather than shown as mojibake.

use std::path::{Path, PathBuf};

use encoding_rs::{BIG5, Encoding, GB18030};

use crate::error::{Error, Location, Result};
use crate::text::span::Span;

/// The file formats drafts and archive speeches come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Txt,
    Md,
    Docx,
}

/// Optional metadata at the top of a `.md` speech.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct FrontMatter {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// YYYY-MM-DD
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub occasion: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// One file, decoded.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: PathBuf,
    pub format: Format,
    /// The encoding it was decoded from (`UTF-8`, `GB18030`, `UTF-16LE`, `Big5`, …).
    pub encoding: &'static str,
    /// The decoded text. Every offset jianggao reports is a scalar offset into this string.
    pub text: String,
    pub front_matter: Option<FrontMatter>,
    /// The part of `text` after any front matter (all of it when there is none).
    pub body: Span<char>,
}

impl Document {
    /// The body text (front matter excluded).
    pub fn body_text(&self) -> &str {
        // The body always runs to the end; without front matter it is the whole text, and
        // slicing would count every scalar of it.
        if self.body.start == 0 {
            return &self.text;
        }
        self.body.slice(&self.text)
    }

    /// A document made from text already in memory (a draft being written, a test input).
    pub fn from_text(path: impl Into<PathBuf>, format: Format, text: String) -> Document {
        let body = Span::new(0, text.chars().count());
        Document { path: path.into(), format, encoding: "UTF-8", text, front_matter: None, body }
    }
}

/// File extensions read as drafts and speeches.
pub const EXTENSIONS: [&str; 4] = ["txt", "md", "markdown", "docx"];

/// Read and decode a draft or speech file: only a regular file, and only up to the caps in
/// [`crate::limits`] (a speech is never megabytes).
pub fn read_path(path: &Path) -> Result<Document> {
    refuse_unreadable_format(path)?;
    let bytes = crate::limits::read(path, crate::limits::Kind::of_speech(path))?;
    decode(path, &bytes)
}

/// Decode bytes already read from `path` (the extension decides the format).
pub fn decode(path: &Path, bytes: &[u8]) -> Result<Document> {
    refuse_unreadable_format(path)?;
    let format = format_of(path);
    crate::limits::check_size(path, crate::limits::Kind::of_speech(path), bytes.len())?;
    if bytes.is_empty() {
        return Err(empty(path));
    }
    if format == Format::Docx {
        let text = crate::text::word::docx_text(path, bytes)?;
        if text.trim().is_empty() {
            return Err(Error::input(Location::file(path), "文档中没有文字").with_hint("请确认选对了文件"));
        }
        return Ok(Document::from_text(path, Format::Docx, text));
    }
    let (text, encoding) = decode_text(path, bytes)?;
    if text.trim().is_empty() {
        return Err(empty(path));
    }
    if format == Format::Md {
        let (front_matter, body_start) = split_front_matter(path, &text)?;
        let body = Span::new(body_start, text.chars().count());
        return Ok(Document { path: path.to_path_buf(), format, encoding, text, front_matter, body });
    }
    let mut doc = Document::from_text(path, format, text);
    doc.encoding = encoding;
    Ok(doc)
}

/// The format a path is read as, by its extension (anything unknown is plain text).
pub fn format_of(path: &Path) -> Format {
    match extension(path).as_str() {
        "md" | "markdown" => Format::Md,
        "docx" => Format::Docx,
        _ => Format::Txt,
    }
}

fn extension(path: &Path) -> String {
    path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default()
}

fn empty(path: &Path) -> Error {
    Error::input(Location::file(path), "文件是空的").with_hint("请确认选对了文件")
}

/// Formats we cannot read, refused by extension with what to do instead.
fn refuse_unreadable_format(path: &Path) -> Result<()> {
    let ext = extension(path);
    let (what, hint) = match ext.as_str() {
        "doc" | "wps" | "dot" | "wpt" => (
            format!("旧版 .{ext} 格式无法直接读取"),
            "请在 Word 或 WPS 中打开，“另存为” .docx 后重试".to_string(),
        ),
        "pdf" => {
            ("无法直接读取 PDF".to_string(), "请把文字复制存为 .txt，再用 jianggao clean 整理".to_string())
        }
        "xls" | "xlsx" | "ppt" | "pptx" | "et" | "dps" => {
            (format!(".{ext} 不是讲话稿格式"), "请提供 .txt、.md 或 .docx 文件".to_string())
        }
        _ => return Ok(()),
    };
    Err(Error::input(Location::file(path), what).with_hint(hint))
}

/// Decode plain-text bytes, detecting the encoding. Returns the text and the encoding's name.
pub fn decode_text(path: &Path, bytes: &[u8]) -> Result<(String, &'static str)> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let rest = &bytes[bom_len..];
        let text = strict(enc, rest).ok_or_else(|| undecodable(path, enc.name()))?;
        return Ok((text, display_name(enc)));
    }
    // encoding_rs validates Chinese UTF-8 several times faster than `std::str::from_utf8`,
    // which shows when a whole archive is indexed.
    if let Some(s) = encoding_rs::UTF_8.decode_without_bom_handling_and_without_replacement(bytes) {
        if looks_binary(bytes) {
            return Err(binary(path));
        }
        return Ok((s.into_owned(), "UTF-8"));
    }
    if looks_binary(bytes) {
        return Err(binary(path));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    // GBK files may hold GB18030's four-byte sequences; the GB18030 decoder reads both.
    let big5_first = guess == BIG5 || low_trail_ratio(bytes) > 0.15;
    let candidates: &[&'static Encoding] = if big5_first { &[BIG5, GB18030] } else { &[GB18030, BIG5] };
    for &enc in candidates {
        if let Some(text) = strict(enc, bytes)
            && mostly_chinese(&text)
        {
            return Ok((text, display_name(enc)));
        }
    }
    Err(undecodable(path, guess.name()))
}

/// The name users know an encoding by (encoding_rs spells GB18030 in lower case).
fn display_name(enc: &'static Encoding) -> &'static str {
    if enc == GB18030 { "GB18030" } else { enc.name() }
}

/// Share of two-byte sequences whose second byte is below 0xA1. GB2312 (all common Simplified
/// characters) never has one; Big5 has one in about two Traditional characters. Short files
/// give the statistical detector little to go on; this tells the two apart from a few characters.
fn low_trail_ratio(bytes: &[u8]) -> f64 {
    let (mut pairs, mut low) = (0usize, 0usize);
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] >= 0x81 {
            pairs += 1;
            if bytes[i + 1] < 0xA1 {
                low += 1;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    if pairs == 0 { 0.0 } else { low as f64 / pairs as f64 }
}

/// Decode with no replacement characters: any malformed sequence means the guess was wrong.
fn strict(enc: &'static Encoding, bytes: &[u8]) -> Option<String> {
    enc.decode_without_bom_handling_and_without_replacement(bytes).map(|c| c.into_owned())
}

/// A decoded legacy text is accepted only if its non-ASCII characters are mostly Chinese
/// characters and Chinese punctuation (a wrong guess yields rare symbols and Latin letters).
fn mostly_chinese(text: &str) -> bool {
    let mut non_ascii = 0usize;
    let mut chinese = 0usize;
    for c in text.chars().filter(|c| !c.is_ascii()) {
        non_ascii += 1;
        if crate::text::placeholder::is_han(c)
            || ('\u{3000}'..='\u{303F}').contains(&c)
            || ('\u{FF00}'..='\u{FFEF}').contains(&c)
            || ('\u{2010}'..='\u{2027}').contains(&c)
        {
            chinese += 1;
        }
    }
    non_ascii == 0 || chinese * 10 >= non_ascii * 8
}

/// NUL bytes, or more than a few control characters that no text file has, mean binary.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    // A branch-free count, so it vectorises.
    let controls: usize = sample
        .iter()
        .map(|&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B)) as usize)
        .sum();
    sample.contains(&0) || controls * 100 > sample.len()
}

fn binary(path: &Path) -> Error {
    Error::input(Location::file(path), "这不是文本文件（含有二进制内容）")
        .with_hint("请提供 .txt、.md 或 .docx 文件；UTF-16 文本请带 BOM 保存")
}

fn undecodable(path: &Path, guess: &str) -> Error {
    Error::input(
        Location::file(path),
        format!("无法识别文件编码（不是 UTF-8、UTF-16、GB18030 或 Big5；猜测为 {guess}）"),
    )
    .with_hint("请用记事本或 WPS 打开，另存为 UTF-8 编码后重试")
}

/// Split YAML front matter (`---` … `---` or `...` at the top) off Markdown text. Returns the
/// parsed front matter and the scalar offset where the body starts.
pub fn split_front_matter(path: &Path, text: &str) -> Result<(Option<FrontMatter>, usize)> {
    let first_line_end = text.find('\n').map(|i| i + 1).unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "---" {
        return Ok((None, 0));
    }
    let mut at = first_line_end;
    while at < text.len() {
        let end = text[at..].find('\n').map(|i| at + i + 1).unwrap_or(text.len());
        let line = text[at..end].trim_end();
        if line == "---" || line == "..." {
            let yaml = &text[first_line_end..at];
            // Positions in the YAML block are one line above the file's: the block starts on line 2.
            let in_file = |mut err: Error| {
                if let Some(loc) = err.location.as_mut()
                    && let Some(line) = loc.line.as_mut()
                {
                    *line += 1;
                }
                err
            };
            const FIELDS: &str =
                "格式为 title: 标题、date: 2024-05-01、speaker、occasion、audience、tags: [..]";
            let front = if yaml.trim().is_empty() {
                FrontMatter::default()
            } else {
                crate::yaml::check_bounds(yaml, path).map_err(in_file)?;
                serde_yaml::from_str::<FrontMatter>(yaml).map_err(|e| {
                    in_file(crate::yaml::error(yaml, path, &e, "开头的元数据（front matter）格式有误"))
                        .with_hint(FIELDS)
                })?
            };
            if let Some(d) = &front.date
                && let Err(why) = crate::date::check(d.trim())
            {
                let pos =
                    crate::yaml::YamlMap::build(yaml).value_pos(&crate::yaml::NodePath::root().key("date"));
                return Err(in_file(Error::input(Location::at(path, pos.line, pos.column), why))
                    .with_hint("日期写作 YYYY-MM-DD，如 2025-03-18"));
            }
            return Ok((Some(front), text[..end].chars().count()));
        }
        at = end;
    }
    // No closing line: a horizontal rule, not front matter.
    Ok((None, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(name: &str, bytes: &[u8]) -> Result<Document> {
        decode(Path::new(name), bytes)
    }

    const SPEECH: &str = "同志们：\r\n今天我们在这里召开全市协作交流座谈会。\r\n";

    #[test]
    fn utf8_with_and_without_bom_keeps_crlf() {
        let d = dec("a.txt", SPEECH.as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SPEECH, "UTF-8"));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(SPEECH.as_bytes());
        let d = dec("a.txt", &bom).unwrap();
        assert_eq!(d.text, SPEECH);
        assert_eq!(d.body, Span::new(0, SPEECH.chars().count()));
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let units: Vec<u16> = SPEECH.encode_utf16().collect();
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in &units {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        let d = dec("a.txt", &le).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SPEECH, "UTF-16LE"));
        let d = dec("a.txt", &be).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SPEECH, "UTF-16BE"));
    }

    #[test]
    fn gb18030_and_big5_are_detected() {
        let (gb, _, bad) = GB18030.encode(SPEECH);
        assert!(!bad);
        let d = dec("a.txt", &gb).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SPEECH, "GB18030"));
        let trad = "各位來賓，大家好！歡迎各位蒞臨本市參加兩岸經貿交流會議。\n";
        let (b5, _, bad) = BIG5.encode(trad);
        assert!(!bad);
        let d = dec("a.txt", &b5).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (trad, "Big5"));
    }

    #[test]
    fn empty_binary_and_old_formats_are_refused_in_one_line() {
        let e = dec("空.txt", b"").unwrap_err().to_string();
        assert_eq!(e, "错误：空.txt：文件是空的；请确认选对了文件");
        assert!(dec("空.txt", b" \r\n\t").unwrap_err().to_string().contains("文件是空的"));
        let e = dec("图.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err().to_string();
        assert!(e.starts_with("错误：图.txt：这不是文本文件"), "{e}");
        let e = dec("旧稿.doc", b"\xD0\xCF\x11\xE0").unwrap_err().to_string();
        assert!(e.contains("旧稿.doc") && e.contains("另存为” .docx"), "{e}");
        let e = dec("稿.wps", b"x").unwrap_err().to_string();
        assert!(e.contains(".wps"), "{e}");
        let e =
            dec("乱码.txt", &[0xC3, 0x28, 0xA0, 0xA1, 0xFF, 0xFE, 0x80, 0x81, 0xFE, 0xFF, 0x99]).unwrap_err();
        assert!(e.to_string().contains("无法识别文件编码"), "{e}");
        assert!(!e.to_string().contains('\n'));
    }

    #[test]
    fn markdown_front_matter_is_split_off() {
        let md = "---\ntitle: 在协作交流座谈会上的讲话\ndate: 2025-03-18\ntags: [座谈会]\n---\n同志们：\n";
        let d = dec("a.md", md.as_bytes()).unwrap();
        let fm = d.front_matter.clone().unwrap();
        assert_eq!(fm.title.as_deref(), Some("在协作交流座谈会上的讲话"));
        assert_eq!(fm.date.as_deref(), Some("2025-03-18"));
        assert_eq!(fm.tags, vec!["座谈会"]);
        assert_eq!(d.body_text(), "同志们：\n");
        assert_eq!(d.text, md);
        // A rule without a closing line is text, not front matter.
        let d = dec("b.md", "---\n同志们：\n".as_bytes()).unwrap();
        assert!(d.front_matter.is_none());
        assert_eq!(d.body.start, 0);
    }

    #[test]
    fn an_impossible_date_in_front_matter_is_refused_at_its_place() {
        let md = "---\ntitle: 讲话\ndate: 2026-02-30\n---\n同志们：\n";
        let e = dec("a.md", md.as_bytes()).unwrap_err().to_string();
        assert_eq!(
            e,
            "错误：a.md:3:7：日期 2026-02-30 不存在（2026 年 2 月只有 28 天）；日期写作 YYYY-MM-DD，如 2025-03-18"
        );
        let deep = format!("---\ntitle: {}1{}\n---\n正文\n", "[".repeat(5000), "]".repeat(5000));
        let e = dec("b.md", deep.as_bytes()).unwrap_err().to_string();
        assert!(e.starts_with("错误：b.md:2:") && e.contains("嵌套超过"), "{e}");
    }

    #[test]
    fn a_speech_over_the_cap_is_refused_from_memory_too() {
        let text = "同志们：今天我们召开全市工作推进会。\n".repeat(20_000);
        assert!(text.len() as u64 > crate::limits::MAX_SPEECH_BYTES);
        let e = dec("合订本.txt", text.as_bytes()).unwrap_err().to_string();
        assert!(e.starts_with("错误：合订本.txt：文件有 ") && e.contains("超过讲话稿的上限 512 KB"), "{e}");
    }

    #[test]
    fn bad_front_matter_names_the_line() {
        let md = "---\ntitle: 讲话\ndate: [\n---\n正文\n";
        let e = dec("a.md", md.as_bytes()).unwrap_err().to_string();
        assert!(e.starts_with("错误：a.md:"), "{e}");
        assert!(e.contains("元数据"), "{e}");
    }

    #[test]
    fn short_legacy_texts_decode_right() {
        for s in ["同志们好", "会议", "一、总体要求", "各位代表：\n", "谢谢大家！", "协作", "发展"]
        {
            let (gb, _, _) = GB18030.encode(s);
            let d = dec("a.txt", &gb);
            assert_eq!(
                d.as_ref().map(|d| d.text.as_str()).ok(),
                Some(s),
                "GB18030 {s}: {:?}",
                d.as_ref().map(|d| d.encoding)
            );
        }
        for s in ["各位來賓", "會議", "謝謝大家！", "發展"] {
            let (b5, _, _) = BIG5.encode(s);
            let d = dec("a.txt", &b5);
            assert_eq!(
                d.as_ref().map(|d| d.text.as_str()).ok(),
                Some(s),
                "Big5 {s}: {:?}",
                d.as_ref().map(|d| d.encoding)
            );
        }
    }
}
