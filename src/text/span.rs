//! Typed half-open spans and the line/column convention shared by every command.
//!
//! `Span<char>` counts Unicode scalars into the decoded text exactly as the user gave it (BOM
//! dropped, CRLF counting 2). `Span<u8>` counts bytes of the same `str`. The type parameter keeps
//! the two from being mixed up; convert with [`LineIndex`].

use std::fmt;
use std::marker::PhantomData;

/// A half-open range `[start, end)` in units of `T` (`char` = Unicode scalars, `u8` = bytes).
pub struct Span<T> {
    pub start: usize,
    pub end: usize,
    unit: PhantomData<fn() -> T>,
}

impl<T> Span<T> {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end, unit: PhantomData }
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    pub fn contains(&self, pos: usize) -> bool {
        self.start <= pos && pos < self.end
    }

    pub fn overlaps(&self, other: &Span<T>) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: &Span<T>) -> Span<T> {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn shifted(&self, by: usize) -> Span<T> {
        Span::new(self.start + by, self.end + by)
    }
}

// Manual impls: derives would demand `T: Clone` etc., which `char`/`u8` have but the marker need not.
impl<T> Clone for Span<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Span<T> {}
impl<T> PartialEq for Span<T> {
    fn eq(&self, o: &Self) -> bool {
        self.start == o.start && self.end == o.end
    }
}
impl<T> Eq for Span<T> {}
impl<T> PartialOrd for Span<T> {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl<T> Ord for Span<T> {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        (self.start, self.end).cmp(&(o.start, o.end))
    }
}
impl<T> std::hash::Hash for Span<T> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        (self.start, self.end).hash(h)
    }
}
impl<T> fmt::Debug for Span<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}
impl<T> serde::Serialize for Span<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (self.start, self.end).serialize(s)
    }
}

impl Span<char> {
    /// The text this span covers in `text` (which must be the text it was measured in).
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        let start = byte_of_scalar(text.as_bytes(), 0, self.start);
        let end = if self.end > self.start {
            byte_of_scalar(text.as_bytes(), start, self.end - self.start)
        } else {
            start
        };
        &text[start..end]
    }
}

/// The byte offset of the scalar `n` scalars after byte `from` (a char boundary), or the end.
/// Counts lead bytes a block at a time: slicing a whole speech's body is on the hot path of
/// indexing, and a per-char walk costs more than decoding it.
fn byte_of_scalar(bytes: &[u8], from: usize, mut n: usize) -> usize {
    const BLOCK: usize = 64;
    let is_lead = |b: &u8| (*b as i8) >= -0x40;
    let mut at = from;
    while n >= BLOCK && at + BLOCK <= bytes.len() {
        let leads = bytes[at..at + BLOCK].iter().filter(|b| is_lead(b)).count();
        if leads > n {
            break;
        }
        n -= leads;
        at += BLOCK;
    }
    for (i, b) in bytes[at..].iter().enumerate() {
        if is_lead(b) {
            if n == 0 {
                return at + i;
            }
            n -= 1;
        }
    }
    bytes.len()
}

/// Maps scalar offsets to 1-based lines and columns (and to byte offsets) in one text.
///
/// Lines end at `\n`; a `\r` before it belongs to the line it ends, so CRLF counts 2 scalars.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Scalar offset at which each line starts.
    line_starts: Vec<usize>,
    /// Byte offset of every scalar, plus the text length at the end (for byte conversion).
    byte_of: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        let mut byte_of = Vec::with_capacity(text.len() / 2 + 1);
        for (i, (b, c)) in text.char_indices().enumerate() {
            byte_of.push(b);
            if c == '\n' {
                line_starts.push(i + 1);
            }
        }
        byte_of.push(text.len());
        LineIndex { line_starts, byte_of }
    }

    /// Number of scalars in the text.
    pub fn len_chars(&self) -> usize {
        self.byte_of.len() - 1
    }

    /// 1-based (line, column) of scalar offset `pos`; `pos == len` is the position after the end.
    pub fn line_col(&self, pos: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= pos).max(1);
        (line, pos - self.line_starts[line - 1] + 1)
    }

    /// 1-based line of scalar offset `pos`.
    pub fn line(&self, pos: usize) -> usize {
        self.line_col(pos).0
    }

    /// Scalar offset where 1-based `line` starts (clamped to the end of the text).
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line.saturating_sub(1)).copied().unwrap_or_else(|| self.len_chars())
    }

    /// Scalar offset of 1-based (line, column).
    pub fn offset(&self, line: usize, column: usize) -> usize {
        (self.line_start(line) + column.saturating_sub(1)).min(self.len_chars())
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte offset of scalar offset `pos`.
    pub fn byte(&self, pos: usize) -> usize {
        self.byte_of[pos.min(self.len_chars())]
    }

    /// Scalar offset of byte offset `byte` (which must be on a char boundary; else the next one).
    pub fn char_of_byte(&self, byte: usize) -> usize {
        self.byte_of.partition_point(|&b| b < byte)
    }

    pub fn to_bytes(&self, span: Span<char>) -> Span<u8> {
        Span::new(self.byte(span.start), self.byte(span.end))
    }

    pub fn to_chars(&self, span: Span<u8>) -> Span<char> {
        Span::new(self.char_of_byte(span.start), self.char_of_byte(span.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The block-counting slice equals a per-char walk, on any text and span (also spans
        /// reaching past the end).
        #[test]
        fn slice_equals_the_char_walk(text in "[a-z协作。\u{1F600}\n]{0,300}", a in 0usize..320, len in 0usize..320) {
            let span = Span::new(a, a + len);
            let walk: String = text.chars().skip(a).take(len).collect();
            proptest::prop_assert_eq!(span.slice(&text), walk.as_str());
        }
    }

    #[test]
    fn crlf_counts_two_and_columns_are_scalars() {
        let text = "同志们：\r\n大家好！\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.len_chars(), 11);
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col(4), (1, 5)); // the \r
        assert_eq!(idx.line_col(6), (2, 1)); // 大
        assert_eq!(idx.line_col(9), (2, 4)); // ！
        assert_eq!(idx.line_col(11), (3, 1));
        assert_eq!(idx.offset(2, 3), 8);
    }

    #[test]
    fn byte_and_char_spans_round_trip() {
        let text = "a协作b";
        let idx = LineIndex::new(text);
        let s: Span<char> = Span::new(1, 3);
        let b = idx.to_bytes(s);
        assert_eq!((b.start, b.end), (1, 7));
        assert_eq!(idx.to_chars(b), s);
        assert_eq!(s.slice(text), "协作");
        assert_eq!(Span::<char>::new(3, 4).slice(text), "b");
        assert_eq!(Span::<char>::new(4, 4).slice(text), "");
    }
}
