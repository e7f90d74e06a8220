//! The folded view used for matching, with an exact map back to the original text.
//!
//! INTERFACE FIXED, IMPLEMENTATION MINIMAL: the text/archive issue replaces the body of [`fold`]
//! with the full folding (script, width, punctuation, pinyin glosses, doubled punctuation,
//! placeholders); the types and signatures below stay.

use crate::text::span::Span;

/// The single token every placeholder run folds to; the matcher may treat it as a wildcard.
pub const PLACEHOLDER: char = '\u{E000}';

/// Folded characters plus, for each, the scalar range of the original text it came from.
/// Monotone: `starts[i] <= starts[i+1]` and `ends[i] <= starts[i+1]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    pub chars: Vec<char>,
    pub starts: Vec<u32>,
    pub ends: Vec<u32>,
}

impl Folded {
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The original scalar span covered by folded positions `[from, to)`.
    pub fn original_span(&self, from: usize, to: usize) -> Span<char> {
        if from >= to || from >= self.chars.len() {
            let at = self.starts.get(from).copied().unwrap_or_else(|| self.ends.last().copied().unwrap_or(0));
            return Span::new(at as usize, at as usize);
        }
        Span::new(self.starts[from] as usize, self.ends[to - 1] as usize)
    }

    pub fn as_string(&self) -> String {
        self.chars.iter().collect()
    }
}

/// Fold `text` for matching. Offsets in the map are scalar offsets into `text`.
pub fn fold(text: &str) -> Folded {
    let mut out = Folded::default();
    for (i, c) in text.chars().enumerate() {
        if c.is_whitespace() {
            continue;
        }
        out.chars.push(c);
        out.starts.push(i as u32);
        out.ends.push(i as u32 + 1);
    }
    out
}
