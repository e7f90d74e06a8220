//! Text as users have it: reading files, offsets, placeholders, the folded view for matching.

pub mod fold;
pub mod placeholder;
pub mod read;
pub mod span;

pub use span::{LineIndex, Span};
