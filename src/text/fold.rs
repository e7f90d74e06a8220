//! The folded view used for matching, with an exact map back to the original text.
//!
//! What folding does, character by character, and why:
//! - Traditional → Simplified by OpenCC's per-character table ([`crate::text::script`]): a copy
//!   in the other script is still a copy. Per character, never phrase-level, so it is fast and
//!   every folded character maps to exactly one original character.
//! - Full-width ASCII → half-width, ASCII letters → lower case: `ＧＤＰ`, `GDP` and `gdp` match.
//! - Punctuation is DROPPED, not folded to a canonical mark. Copies change punctuation more than
//!   anything else (，for 、, a full stop split into two sentences, doubled marks from web pages
//!   such as ，，、), and a changed mark must not break a matched passage in two. Matching works
//!   on the words; where sentences end is still in the original text, which the map points to.
//!   `%` and `‰` are kept: they are part of a figure.
//! - Whitespace, line breaks and invisible characters (zero-width space, soft hyphen) are
//!   dropped, so hard wraps and indentation do not matter; so are private-use characters
//!   (symbol-font bullets), which also keeps [`PLACEHOLDER`] unambiguous.
//! - Pinyin glosses after a Chinese character, 協(xié)作 or 协（xié）作, are dropped. Only
//!   tone-marked pinyin counts, so `(GDP)` stays.
//! - Each placeholder run (☆☆, ××, 某某, `**`, a lone X standing for a name — whatever
//!   [`crate::text::placeholder`] recognises) becomes one [`PLACEHOLDER`] token whose original
//!   span is the whole run; the matcher may treat it as a wildcard for a short name.
//!
//! The map: folded position `i` came from original scalars `starts[i]..ends[i]` (one character,
//! or a whole placeholder run). Positions are strictly increasing and never overlap. Refolding the
//! original slice of a folded range gives that range back, except where a placeholder's
//! recognition depends on its neighbours (a lone `X` is a name only next to Chinese text).

use crate::text::noise;
use crate::text::placeholder::{self, Placeholder};
use crate::text::read::{Document, Format};
use crate::text::script;
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
        let to = to.min(self.chars.len());
        Span::new(self.starts[from] as usize, self.ends[to - 1] as usize)
    }

    pub fn as_string(&self) -> String {
        self.chars.iter().collect()
    }

    /// A 64-bit hash of the folded characters: two texts that differ only in noise, script,
    /// width, punctuation or layout hash the same. Used to spot a speech already archived.
    pub fn content_hash(&self) -> u64 {
        let mut bytes = Vec::with_capacity(self.chars.len() * 3);
        let mut buf = [0u8; 4];
        for c in &self.chars {
            bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
        xxhash_rust::xxh3::xxh3_64(&bytes)
    }
}

/// Options for [`fold_with`].
#[derive(Debug, Clone, Copy, Default)]
pub struct FoldOptions {
    /// The text is Markdown: `**重点**` is emphasis, not a placeholder.
    pub markdown: bool,
}

/// Fold `text` for matching. Offsets in the map are scalar offsets into `text`.
pub fn fold(text: &str) -> Folded {
    fold_with(text, FoldOptions::default())
}

/// Fold `text` with options. Offsets in the map are scalar offsets into `text`.
pub fn fold_with(text: &str, opts: FoldOptions) -> Folded {
    fold_text(text, placeholder::Options { markdown: opts.markdown }, 0)
}

/// Fold a document's body (front matter left out). Offsets are into [`Document::text`], like
/// every offset jianggao reports.
pub fn fold_document(doc: &Document) -> Folded {
    let opts = placeholder::Options { markdown: doc.format == Format::Md };
    fold_text(doc.body_text(), opts, doc.body.start as u32)
}

/// Fold a document's body like [`fold_document`], handing each folded character and its
/// original scalar range to `sink` instead of keeping the map: the indexer needs only the
/// characters, and not storing three vectors per archive file is a fifth of indexing time.
pub fn fold_document_into(doc: &Document, sink: impl FnMut(char, u32, u32)) {
    let opts = placeholder::Options { markdown: doc.format == Format::Md };
    fold_text_into(doc.body_text(), opts, doc.body.start as u32, sink)
}

/// One character folded on its own: `None` when it is dropped (whitespace, punctuation,
/// invisible, control), else its matching form.
#[inline]
pub fn fold_char(c: char) -> Option<char> {
    fold_char_in(script::char_table(), c)
}

#[inline]
fn fold_char_in(table: &script::CharTable, c: char) -> Option<char> {
    let cp = c as u32;
    if cp < 0x80 {
        return fold_ascii(c);
    }
    if (0x3400..=0x9FFF).contains(&cp) {
        return Some(table.simplify(c));
    }
    let h = noise::half_width(c);
    if h != c {
        return if (h as u32) < 0x80 { fold_ascii(h) } else { Some(h) };
    }
    // Private-use characters are symbol-font glyphs (Word bullets, icons), never words; dropping
    // them also keeps PLACEHOLDER (itself private-use) meaning only a placeholder run.
    if c.is_whitespace()
        || c.is_control()
        || noise::is_invisible(c)
        || noise::is_punctuation(c)
        || ('\u{E000}'..='\u{F8FF}').contains(&c)
    {
        return None;
    }
    Some(table.simplify(c))
}

#[inline]
fn fold_ascii(c: char) -> Option<char> {
    if c.is_ascii_alphanumeric() {
        Some(c.to_ascii_lowercase())
    } else if c.is_ascii_whitespace() || c.is_ascii_control() || noise::is_punctuation(c) {
        None
    } else {
        Some(c)
    }
}

/// The placeholder runs of the line being folded, found only when the line holds a character
/// a run can start with (recognition never looks beyond the line; most lines have none).
struct LineHolders {
    /// Byte and scalar offsets (in the folded text) where the current line starts.
    start_byte: usize,
    start_scalar: usize,
    scanned: bool,
    runs: Vec<Placeholder>,
    next: usize,
}

impl LineHolders {
    fn new_line(&mut self, start_byte: usize, start_scalar: usize) {
        *self = LineHolders {
            start_byte,
            start_scalar,
            scanned: false,
            runs: std::mem::take(&mut self.runs),
            next: 0,
        };
        self.runs.clear();
    }

    /// The run starting at scalar `i`, if any (runs are returned in order; `i` only grows).
    fn run_at(&mut self, text: &str, i: usize, opts: placeholder::Options) -> Option<Span<char>> {
        if !self.scanned {
            self.scanned = true;
            let end = text[self.start_byte..].find('\n').map_or(text.len(), |k| self.start_byte + k);
            self.runs = placeholder::find_with(&text[self.start_byte..end], opts);
            for p in &mut self.runs {
                p.span = p.span.shifted(self.start_scalar);
            }
        }
        while self.runs.get(self.next).is_some_and(|p| p.span.start < i) {
            self.next += 1;
        }
        self.runs.get(self.next).filter(|p| p.span.start == i).map(|p| p.span)
    }
}

/// Fold into a [`Folded`] map. `base` is added to every offset (the scalar position of `text`
/// in the document).
fn fold_text(text: &str, opts: placeholder::Options, base: u32) -> Folded {
    // A lower bound on the scalar count (every scalar is at most 3 bytes in Chinese text).
    let capacity = text.len() / 3 + 16;
    let mut out = Folded {
        chars: Vec::with_capacity(capacity),
        starts: Vec::with_capacity(capacity),
        ends: Vec::with_capacity(capacity),
    };
    fold_text_into(text, opts, base, |c, start, end| {
        out.chars.push(c);
        out.starts.push(start);
        out.ends.push(end);
    });
    out
}

/// The folding loop: `sink(folded char, original start, original end)` for each folded
/// character, in order.
#[inline]
fn fold_text_into(text: &str, opts: placeholder::Options, base: u32, mut sink: impl FnMut(char, u32, u32)) {
    let table = script::char_table();
    let mut holders =
        LineHolders { start_byte: 0, start_scalar: 0, scanned: false, runs: Vec::new(), next: 0 };
    // Whether the last thing kept was a Chinese character (whitespace in between allowed):
    // a pinyin gloss only counts right after one.
    let mut after_han = false;
    let mut gloss_buf: Vec<char> = Vec::new();
    let mut iter = text.char_indices();
    let mut i = 0usize; // scalar offset of the character at hand
    while let Some((byte, c)) = iter.next() {
        if c == '\n' {
            holders.new_line(byte + 1, i + 1);
        } else if placeholder::can_start(c)
            && let Some(run) = holders.run_at(text, i, opts)
        {
            sink(PLACEHOLDER, base + run.start as u32, base + run.end as u32);
            if run.len() > 1 {
                iter.nth(run.len() - 2);
            }
            i = run.end;
            after_han = false;
            continue;
        }
        if after_han && (c == '(' || c == '（') {
            gloss_buf.clear();
            gloss_buf.extend(text[byte..].chars().take(noise::MAX_GLOSS + 2));
            if let Some(len) = noise::pinyin_gloss_len(&gloss_buf, 0) {
                iter.nth(len - 2);
                i += len;
                continue;
            }
        }
        match fold_char_in(table, c) {
            Some(f) => {
                sink(f, base + i as u32, base + i as u32 + 1);
                after_han = placeholder::is_han(c);
            }
            None => {
                if !c.is_whitespace() {
                    after_han = false;
                }
            }
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> String {
        fold(text).as_string()
    }

    /// Each folded character with the original text it came from.
    fn pieces(text: &str) -> Vec<(char, String)> {
        let f = fold(text);
        (0..f.len()).map(|i| (f.chars[i], f.original_span(i, i + 1).slice(text).to_string())).collect()
    }

    #[test]
    fn traditional_folds_per_character() {
        assert_eq!(folded("加強區域協作，共謀發展"), "加强区域协作共谋发展");
        // Per character, not per phrase: 乾 is 干 even in 乾隆 — matching only needs both sides
        // to fold the same way.
        assert_eq!(folded("乾隆"), "干隆");
    }

    #[test]
    fn width_case_punctuation_and_whitespace() {
        assert_eq!(folded("ＧＤＰ增长５％，\r\n  GDP增长5%。"), "gdp增长5%gdp增长5%");
        assert_eq!(folded("“两个确立”、\u{200B}《决定》……"), "两个确立决定");
        assert_eq!(folded("　　同志们：\n\n大家好！"), "同志们大家好");
        assert_eq!(folded("\u{F0B7}要点\u{E000}"), "要点");
    }

    #[test]
    fn pinyin_glosses_and_doubled_punctuation_are_dropped() {
        assert_eq!(folded("協(xié)作"), "协作");
        assert_eq!(folded("协（xié）作"), "协作");
        assert_eq!(folded("協 (xié zuò) 作"), "协作");
        assert_eq!(folded("增长(GDP)"), "增长gdp");
        assert_eq!(folded("(xié)作"), "xié作"); // no character before: not a gloss
        assert_eq!(folded("发展，，、合作"), "发展合作");
    }

    #[test]
    fn placeholders_fold_to_one_token_each_run() {
        let p = PLACEHOLDER;
        assert_eq!(folded("欢迎☆☆同志来到××市"), format!("欢迎{p}同志来到{p}市"));
        assert_eq!(folded("某某单位**同志"), format!("{p}单位{p}同志"));
        assert_eq!(folded("X市和X县"), format!("{p}市和{p}县"));
        assert_eq!(folded("Xbox和二○○八年"), "xbox和二○○八年");
        let pcs = pieces("来到×× 市");
        assert_eq!(pcs[2], (p, "××".to_string()));
    }

    #[test]
    fn markdown_emphasis_is_not_a_placeholder() {
        let f = fold_with("要**抓落实**", FoldOptions { markdown: true });
        assert_eq!(f.as_string(), "要抓落实");
    }

    #[test]
    fn map_points_at_the_original_characters() {
        let text = "協(xié)作\r\n共贏";
        let f = fold(text);
        assert_eq!(f.as_string(), "协作共赢");
        assert_eq!(f.starts, vec![0, 6, 9, 10]);
        assert_eq!(f.original_span(0, 2).slice(text), "協(xié)作");
        assert_eq!(f.original_span(1, 4).slice(text), "作\r\n共贏");
        assert_eq!(f.original_span(4, 4), Span::new(11, 11));
    }

    #[test]
    fn fold_document_skips_front_matter_and_keeps_document_offsets() {
        let text = "---\ntitle: 讲话\n---\n要**抓落实**，X市\n".to_string();
        let doc = crate::text::read::decode(std::path::Path::new("a.md"), text.as_bytes()).unwrap();
        let f = fold_document(&doc);
        assert_eq!(f.as_string(), format!("要抓落实{PLACEHOLDER}市"));
        assert_eq!(f.original_span(0, 1).slice(&doc.text), "要");
        assert_eq!(f.starts[0] as usize, doc.body.start);
        assert_eq!(f.original_span(4, 6).slice(&doc.text), "X市");
    }

    #[test]
    fn content_hash_ignores_noise() {
        assert_eq!(fold("加強協作，共謀發展。").content_hash(), fold("加强协作\n共谋发展").content_hash());
        assert_ne!(fold("加强协作").content_hash(), fold("加强合作").content_hash());
    }
}
