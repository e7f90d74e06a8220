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
