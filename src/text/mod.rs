//! Text as users have it: reading files, offsets, placeholders, the folded view for matching.

pub mod clean;
pub mod fold;
pub mod noise;
pub mod numbering;
pub mod placeholder;
pub mod read;
pub mod script;
pub mod span;
pub mod word;

pub use span::{LineIndex, Span};

/// Terminal columns `s` takes, by the `unicode-width` crate (East Asian ambiguous characters such
/// as “ ” … count two, as in a Chinese console): for lining up tables and judging how full a line is.
pub fn display_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width_cjk(s)
}

/// `s` padded with spaces to `width` terminal columns.
pub fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(display_width(s))))
}
