//! Drafting: outline + phrasebook layers → chosen points and variants ([`plan()`]) → rendered
//! speech ([`render`]).
//!
//! A [`Draft`] is plain data: header fields, the opening, numbered sections of paragraphs and the
//! closing, each with its 字数, plus the warnings the planner raised. Templates turn it into text
//! or Markdown; the library never prints.

pub mod plan;
pub mod render;
pub mod summary;

use serde::Serialize;

use crate::count::zishu;
use crate::error::Location;
use crate::phrasebook::Kind;
use crate::text::numbering::Style;

pub use plan::{Staleness, plan, plan_with};
pub use render::{Format, Renderer};

/// Where a paragraph's text came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Source {
    /// A phrasebook point and the index of the variant chosen.
    Point { id: String, variant: usize },
    /// Inline text from the outline.
    Inline,
}

/// One paragraph: an optional numbered lead (the point's title) and the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// The lead sentence, numbered by the template (“一是要……”); `None` for plain paragraphs
    /// and for everything in the opening and closing.
    pub title: Option<String>,
    /// 1-based number among the titled paragraphs of its section.
    pub number: Option<u32>,
    pub body: String,
    pub source: Source,
}

/// A numbered section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// 1-based.
    pub number: u32,
    pub heading: String,
    pub paragraphs: Vec<Paragraph>,
    /// How many paragraphs carry a numbered lead (首先/其次/最后 need the total).
    pub leads: u32,
    /// 字数 of the section: heading and leads with their numbers, and bodies.
    pub zishu: usize,
    /// The length target in 字, when the outline gave one.
    pub target: Option<usize>,
}

/// Something the writer should look at; not an error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub location: Option<String>,
    pub message: String,
}

impl Warning {
    pub fn new(location: Option<&Location>, message: impl Into<String>) -> Self {
        Warning { location: location.map(ToString::to_string), message: message.into() }
    }
}

/// A planned speech, ready to render.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Draft {
    pub kind: Kind,
    pub title: String,
    pub occasion: Option<String>,
    pub speaker: Option<String>,
    /// `YYYY-MM-DD` as given.
    pub date: Option<String>,
    /// The date as printed under the title: `2026年3月18日`.
    pub date_cn: Option<String>,
    pub salutation: String,
    pub opening: Vec<Paragraph>,
    pub sections: Vec<Section>,
    pub closing: Vec<Paragraph>,
    /// Numbering style per level, by name (`一、`, `一是` …), for the templates.
    pub numbering: Vec<String>,
    /// Speaking rate in 字/分钟 used for minutes and `minutes` targets.
    pub rate: u32,
    /// The whole-speech target in 字, when given.
    pub target: Option<usize>,
    pub warnings: Vec<Warning>,
}

impl Draft {
    /// 字数 of the opening paragraphs.
    pub fn opening_zishu(&self) -> usize {
        self.opening.iter().map(|p| zishu(&p.body)).sum()
    }

    /// 字数 of the closing paragraphs.
    pub fn closing_zishu(&self) -> usize {
        self.closing.iter().map(|p| zishu(&p.body)).sum()
    }

    /// 字数 of the header block: title, speaker, date line and salutation as the shipped
    /// templates print them.
    pub fn header_zishu(&self) -> usize {
        zishu(&self.title)
            + self.speaker.as_deref().map_or(0, zishu)
            + self.date_cn.as_deref().map_or(0, |d| zishu(d) + 2)
            + zishu(&self.salutation)
            + 1
    }

    /// 字数 of the whole speech as the shipped templates print it.
    pub fn zishu(&self) -> usize {
        self.header_zishu()
            + self.opening_zishu()
            + self.sections.iter().map(|s| s.zishu).sum::<usize>()
            + self.closing_zishu()
    }

    /// The style for numbering level `level` (1-based); deeper levels than given reuse the last.
    pub fn style(&self, level: usize) -> Style {
        self.numbering
            .get(level.saturating_sub(1))
            .or(self.numbering.last())
            .and_then(|n| Style::parse(n))
            .unwrap_or(Style::HanComma)
    }
}

/// The date as printed under a title: `2026-03-08` → `2026年3月8日`.
pub fn date_cn(iso: &str) -> Option<String> {
    crate::date::Date::parse(iso).map(|d| d.chinese())
}

/// A title as a lead sentence: a full stop is added unless it already ends in punctuation.
pub fn as_sentence(title: &str) -> String {
    let t = title.trim_end();
    match t.chars().last() {
        Some('。' | '！' | '？' | '；' | '：' | '，' | '…' | '.' | '!' | '?') | None => t.to_string(),
        _ => format!("{t}。"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_sentences() {
        assert_eq!(date_cn("2026-03-08").as_deref(), Some("2026年3月8日"));
        assert_eq!(date_cn("2026-3"), None);
        assert_eq!(date_cn("2026-02-30"), None);
        assert_eq!(as_sentence("要提高政治站位"), "要提高政治站位。");
        assert_eq!(as_sentence("要提高政治站位！"), "要提高政治站位！");
    }
}
