//! A speech's printed layout to GB/T 9704: Word ([`docx`]) and print HTML ([`html`]) of the blocks
//! [`crate::speech::Speech::parse`] recognises.

pub mod docx;
pub mod html;

pub use crate::speech::{Block, BlockKind, Speech};

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
