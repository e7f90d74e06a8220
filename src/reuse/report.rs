//! What `check` and `diff` report, as plain data: [`Report`] and [`DiffReport`], made by the
//! checker and the paragraph diff beside this module; the renderers (text, JSON, HTML) show them
//! without recomputing anything.

use serde::Serialize;

use super::classify::Kind;

/// The JSON format version of [`Report`] and [`DiffReport`].
pub const FORMAT_VERSION: u32 = 1;

/// A `check` report. Serialized as is for `--format json` (fields marked `skip` are for the text
/// and HTML renderers only).
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub version: u32,
    /// The draft's path as given.
    pub draft: String,
    /// 字数 of the draft: every non-whitespace scalar.
    pub chars: usize,
    /// 总复制比: draft characters inside `copied` matches / `chars`.
    pub reuse_ratio: f64,
    /// The same counting every kind (copied, formula, quote).
    pub reuse_ratio_all: f64,
    pub sources: Vec<SourceShare>,
    pub sections: Vec<SectionShare>,
    pub matches: Vec<Match>,
    #[serde(skip)]
    pub view: CheckView,
}

/// One archive speech matches came from.
#[derive(Debug, Clone, Serialize)]
pub struct SourceShare {
    /// The archive directory joined with the file's path inside it.
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    /// Draft characters copied from this speech (best source of `copied` matches) / draft 字数.
    pub ratio: f64,
}

/// One numbered section of the draft (a top-level heading to the next), plus the opening before
/// the first heading when it has text.
#[derive(Debug, Clone, Serialize)]
pub struct SectionShare {
    pub heading: String,
    /// Scalar offsets into the draft as decoded.
    pub start: usize,
    pub end: usize,
    /// Copied characters in the section / the section's 字数.
    pub ratio: f64,
}

/// One detection: a draft passage, its best source, the other archive files holding it.
#[derive(Debug, Clone, Serialize)]
pub struct Match {
    pub draft_start: usize,
    pub draft_end: usize,
    /// 1-based line of `draft_start`.
    pub draft_line: usize,
    pub source: String,
    pub source_start: usize,
    pub source_end: usize,
    pub source_line: usize,
    pub kind: Kind,
    /// 0–1.
    pub similarity: f64,
    /// The phrasebook point a copied passage came from, when it matches one of its variants.
    pub point: Option<String>,
    pub also_in: Vec<String>,
    #[serde(skip)]
    pub side: SideBySide,
}

/// A passage split into pieces that are the same on both sides or differ.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Piece {
    pub text: String,
    pub changed: bool,
}

/// What the text and HTML renderers show beside each match.
#[derive(Debug, Clone, Default)]
pub struct SideBySide {
    pub draft: Vec<Piece>,
    pub source: Vec<Piece>,
    pub source_title: String,
    pub source_date: Option<String>,
}

/// Everything else the text and HTML renderers need.
#[derive(Debug, Clone, Default)]
pub struct CheckView {
    /// The draft text as decoded (offsets point into it).
    pub draft_text: String,
    pub archive: String,
    /// Speeches the archive holds (after exclusions).
    pub archive_speeches: usize,
    /// The threshold in percent and whether the report exceeds it.
    pub max_reuse: f64,
    pub exceeds: bool,
    /// Share of draft characters in formula and in quote matches.
    pub formula_ratio: f64,
    pub quote_ratio: f64,
}

/// How a paragraph of NEW relates to OLD.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParagraphStatus {
    Kept,
    Changed,
    New,
}

/// A `diff` report.
#[derive(Debug, Clone, Serialize)]
pub struct DiffReport {
    pub version: u32,
    pub old: String,
    pub new: String,
    /// 字数 of NEW.
    pub chars: usize,
    /// Share of NEW's characters taken from OLD (inside aligned passages), 0–1.
    pub share_from_old: f64,
    pub paragraphs: Vec<DiffParagraph>,
    /// Paragraphs of OLD with nothing in NEW.
    pub removed: Vec<RemovedParagraph>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DiffParagraph {
    pub status: ParagraphStatus,
    /// Kept or changed, and out of OLD's order.
    pub moved: bool,
    /// Scalar offsets into NEW as decoded, and its 1-based line.
    pub start: usize,
    pub end: usize,
    pub line: usize,
    /// The OLD paragraph it corresponds to, when kept or changed.
    pub old_start: Option<usize>,
    pub old_end: Option<usize>,
    pub old_line: Option<usize>,
    pub similarity: f64,
    /// The changes inside a changed paragraph, in order: pieces of OLD removed, of NEW added, and
    /// shared. Words (jieba) when the report is rendered for people, characters for JSON.
    pub changes: Vec<Change>,
    #[serde(skip)]
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RemovedParagraph {
    pub old_start: usize,
    pub old_end: usize,
    pub old_line: usize,
    #[serde(skip)]
    pub text: String,
}

/// One piece of a paragraph-level diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub op: ChangeOp,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeOp {
    Same,
    Removed,
    Added,
}

/// Round a ratio for output: four decimals are enough and keep reports stable.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}
