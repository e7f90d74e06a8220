//! Bytes → decoded text as the user's editor shows it: encodings, `.docx`, `.md` front matter.
//!
//! Offsets everywhere are into [`Document::text`]: BOM dropped, CRLF kept (counts 2), front matter
//! kept, `.docx` paragraphs (with rendered list numbers) joined by "\n".

use std::path::{Path, PathBuf};

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
    pub title: Option<String>,
    /// YYYY-MM-DD
    pub date: Option<String>,
    pub speaker: Option<String>,
    pub occasion: Option<String>,
    pub audience: Option<String>,
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
        self.body.slice(&self.text)
    }
}

/// Read and decode a draft or speech file.
pub fn read_path(path: &Path) -> Result<Document> {
    let bytes = crate::fsio::read_bytes(path)?;
    decode(path, &bytes)
}

/// Decode bytes already read from `path` (the extension decides the format).
pub fn decode(path: &Path, bytes: &[u8]) -> Result<Document> {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    let format = match ext.as_str() {
        "md" | "markdown" => Format::Md,
        "docx" => Format::Docx,
        _ => Format::Txt,
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = String::from_utf8(bytes.to_vec()).map_err(|_| {
        Error::input(Location::file(path), "无法识别文件编码").with_hint("请另存为 UTF-8 编码的文本后重试")
    })?;
    let body = Span::new(0, text.chars().count());
    Ok(Document { path: path.to_path_buf(), format, encoding: "UTF-8", text, front_matter: None, body })
}
