//! Renderers only: the data a command shows, in the format `--format` names — data in, text out,
//! one module a format ([`text`], [`json`], [`csv`], [`html`]). [`Format`] is the one output-format
//! enum of every command; [`Render`] says which formats each kind of data comes in.
//!
//! The data lives with what makes it: `check`'s and `diff`'s reports in [`crate::reuse::report`],
//! lint findings in [`crate::lint`] and [`crate::phrasebook::lint`], the archive's listing in
//! [`crate::archive::listing`], the phrasebook's in [`crate::phrasebook::browse`] and
//! [`crate::phrasebook::stats`], the draft summary in [`crate::draft::summary`]. Everything a
//! renderer shows is computed before it is called. (Word files and print pages of a speech are
//! layouts, in the `layout` module.)

pub mod csv;
pub mod html;
pub mod json;
pub mod text;

use std::fmt;

use crate::archive::listing::{Listing as ArchiveListing, Shown as ArchiveShown};
use crate::draft::summary::Summary;
use crate::error::{Error, Result};
use crate::lint::Finding;
use crate::phrasebook::browse::{Listing as PointListing, Shown as PointShown};
use crate::phrasebook::lint::Report as PhrasebookLint;
use crate::phrasebook::stats::Stats;
use crate::reuse::report::{DiffReport, Report};

/// Every output format a command can write; each command takes the subset its data comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Terminal text (colour where the terminal takes it).
    Text,
    /// Markdown (a draft).
    Md,
    Json,
    /// A table for spreadsheets: UTF-8 with BOM, CRLF, a header row.
    Csv,
    /// One self-contained HTML page.
    Html,
    /// A GB/T 9704 Word file (a speech's layout).
    Docx,
}

impl Format {
    pub const ALL: [Format; 6] =
        [Format::Text, Format::Md, Format::Json, Format::Csv, Format::Html, Format::Docx];

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Md => "md",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Html => "html",
            Format::Docx => "docx",
        }
    }

    /// A `--format` value, case-insensitively.
    pub fn parse(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name().eq_ignore_ascii_case(name.trim()))
    }

    /// `text、json、csv`, for messages.
    pub fn list(formats: &[Format]) -> String {
        formats.iter().map(|f| f.name()).collect::<Vec<_>>().join("、")
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Data a command shows, and the formats it comes in.
pub trait Render {
    /// The formats this data is rendered in, the default first.
    const FORMATS: &'static [Format];
    /// The data in `format`; `None` for a format not in [`Render::FORMATS`].
    fn render(&self, format: Format) -> Option<String>;
}

/// `data` in `format`, or a usage error naming the formats it does come in.
pub fn render<T: Render + ?Sized>(data: &T, format: Format) -> Result<String> {
    data.render(format).ok_or_else(|| {
        Error::usage(format!("这里不能输出 {format} 格式"))
            .with_hint(format!("--format 可选 {}", Format::list(T::FORMATS)))
    })
}

impl Render for Report {
    const FORMATS: &'static [Format] = &[Format::Text, Format::Json, Format::Html, Format::Csv];
    fn render(&self, format: Format) -> Option<String> {
        Some(match format {
            Format::Text => text::check(self),
            Format::Json => json::to_json(self),
            Format::Html => html::check(self),
            Format::Csv => csv::check(self),
            _ => return None,
        })
    }
}

impl Render for DiffReport {
    const FORMATS: &'static [Format] = &[Format::Text, Format::Json, Format::Html];
    fn render(&self, format: Format) -> Option<String> {
        Some(match format {
            Format::Text => text::diff(self),
            Format::Json => json::to_json(self),
            Format::Html => html::diff(self),
            _ => return None,
        })
    }
}

/// A draft's lint findings.
impl Render for [Finding] {
    const FORMATS: &'static [Format] = &[Format::Text, Format::Json, Format::Csv];
    fn render(&self, format: Format) -> Option<String> {
        Some(match format {
            Format::Text => text::findings(self),
            Format::Json => json::findings(self),
            Format::Csv => csv::findings(self),
            _ => return None,
        })
    }
}

impl Render for PhrasebookLint {
    const FORMATS: &'static [Format] = <[Finding] as Render>::FORMATS;
    fn render(&self, format: Format) -> Option<String> {
        Some(match format {
            Format::Text => text::phrasebook_lint(self),
            Format::Json => json::findings(&self.findings),
            Format::Csv => csv::findings(&self.findings),
            _ => return None,
        })
    }
}

impl Render for ArchiveListing {
    const FORMATS: &'static [Format] = &[Format::Text, Format::Json, Format::Csv];
    fn render(&self, format: Format) -> Option<String> {
        Some(match format {
            Format::Text => text::archive_list(self),
            Format::Json => json::to_json(self),
            Format::Csv => csv::archive_list(self),
            _ => return None,
        })
    }
}

impl Render for ArchiveShown {
    const FORMATS: &'static [Format] = &[Format::Text, Format::Json];
    fn render(&self, format: Format) -> Option<String> {
        Some(match format {
            Format::Text => text::archive_show(self),
            Format::Json => json::to_json(self),
            _ => return None,
        })
    }
}

impl Render for PointListing {
    const FORMATS: &'static [Format] = &[Format::Text, Format::Json, Format::Csv];
    fn render(&self, format: Format) -> Option<String> {
        Some(match format {
            Format::Text => text::point_list(self),
            Format::Json => json::to_json(self),
            Format::Csv => csv::point_list(self),
            _ => return None,
        })
    }
}

impl Render for PointShown {
    const FORMATS: &'static [Format] = &[Format::Text, Format::Json];
    fn render(&self, format: Format) -> Option<String> {
        Some(match format {
            Format::Text => text::point_show(self),
            Format::Json => json::to_json(self),
            _ => return None,
        })
    }
}

impl Render for Stats {
    const FORMATS: &'static [Format] = &[Format::Text, Format::Json, Format::Csv];
    fn render(&self, format: Format) -> Option<String> {
        Some(match format {
            Format::Text => text::stats(self),
            Format::Json => json::to_json(self),
            Format::Csv => csv::stats(self),
            _ => return None,
        })
    }
}

/// The draft summary goes to standard error, as text only.
impl Render for Summary {
    const FORMATS: &'static [Format] = &[Format::Text];
    fn render(&self, format: Format) -> Option<String> {
        (format == Format::Text).then(|| text::draft_summary(self))
    }
}

/// Text escaped for HTML (`& < > " '`), through quick-xml's escaper: the one HTML escape, shared
/// by the report pages and the print layout.
pub fn escape_html(s: &str) -> std::borrow::Cow<'_, str> {
    quick_xml::escape::escape(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for f in Format::ALL {
            assert_eq!(Format::parse(f.name()), Some(f));
        }
        assert_eq!(Format::parse("JSON"), Some(Format::Json));
        assert_eq!(Format::parse("xml"), None);
    }

    #[test]
    fn a_format_the_data_does_not_come_in_is_a_usage_error() {
        let findings: Vec<Finding> = Vec::new();
        let e = render(findings.as_slice(), Format::Html).unwrap_err().to_string();
        assert_eq!(e, "错误：这里不能输出 html 格式；--format 可选 text、json、csv");
        assert_eq!(render(findings.as_slice(), Format::Text).unwrap(), "未发现问题\n");
    }
}
