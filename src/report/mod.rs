//! Renderers only: terminal text, JSON and HTML, chosen by `--format` — data in, text out.
//!
//! The data lives with what makes it: `check`'s and `diff`'s reports in [`crate::reuse::report`],
//! lint findings in [`crate::lint`]. Everything a renderer shows is computed before it is called.

pub mod findings;
pub mod html;
pub mod json;
pub mod text;

/// Text escaped for HTML (`& < > " '`), through quick-xml's escaper: the one HTML escape, shared
/// by the report pages and the print layout.
pub fn escape_html(s: &str) -> std::borrow::Cow<'_, str> {
    quick_xml::escape::escape(s)
}
