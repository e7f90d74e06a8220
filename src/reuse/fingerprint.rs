//! Fingerprints of folded text: the key view (folded text without punctuation), rolling 64-bit
//! k-gram hashes over it, and winnowing for the archive index.
//!
//! Punctuation is left out of the key so that a copy re-punctuated (，for 、, ；for 。) or with a
//! web page's doubled marks still shares every k-gram with its source. k-grams that contain the
//! placeholder token are never hashed: a placeholder is a wildcard the aligner bridges, not a seed.

use crate::text::fold::{Folded, PLACEHOLDER};

/// Characters per k-gram. Five Han characters are rarely shared by chance between two passages
/// that are not related, and a passage edited every dozen characters still keeps runs of 11.
pub const K: usize = 5;

/// Winnowing window (in k-grams). Every shared run of `K + WINDOW - 1` = 8 key characters leaves
/// at least one fingerprint in the index, and consecutive fingerprints are at most `WINDOW` apart,
/// so the k-grams of the fingerprints cover an exact copy without gaps.
pub const WINDOW: usize = 4;

/// The folded text without punctuation: what hashes and alignment look at.
#[derive(Debug, Clone, Default)]
pub struct KeyView {
    /// Key characters (Han, letters, digits lower-cased, the placeholder token).
    pub chars: Vec<char>,
    /// For each key character, its index in the folded view.
    pub at: Vec<u32>,
    /// `brk[i]`: a sentence ends or a line breaks between key characters `i - 1` and `i`.
    /// Alignment does not let a passage begin or end with a scrap of a neighbouring sentence.
    pub brk: Vec<bool>,
}

impl KeyView {
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The folded range `[from, to)` covered by key positions `[ka, kb)`.
    pub fn folded_range(&self, ka: usize, kb: usize) -> std::ops::Range<usize> {
        if ka >= kb || ka >= self.at.len() {
            let at = self
                .at
                .get(ka)
                .map(|&x| x as usize)
                .unwrap_or_else(|| self.at.last().map(|&x| x as usize + 1).unwrap_or(0));
            return at..at;
        }
        self.at[ka] as usize..self.at[kb - 1] as usize + 1
    }

    /// The key position of the first key character at or after folded index `f`.
    pub fn key_at_or_after(&self, f: usize) -> usize {
        self.at.partition_point(|&x| (x as usize) < f)
    }
}

/// Hashes keyed by k-gram hashes (already well mixed) and document ids: SipHash over them was a
/// tenth of a warm check.
#[derive(Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        // Spread small values (ids) over the high bits too; mixed hashes stay mixed.
        self.0 = (self.0 ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29);
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(n as u64);
    }
}

/// A map keyed by k-gram hashes or document ids.
pub type FastMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<KeyHasher>>;

/// Whether a folded character takes part in matching (punctuation and symbols do not).
#[inline]
pub fn is_key_char(c: char) -> bool {
    // Han and ASCII first: the Unicode tables behind `is_alphanumeric` are slow for CJK.
    matches!(c, '\u{4E00}'..='\u{9FFF}' | 'a'..='z' | 'A'..='Z' | '0'..='9')
        || c == PLACEHOLDER
        || (c as u32 >= 0x80 && c.is_alphanumeric())
}

/// A 64-bit hash of a whole key text: equal for copies that differ only in what folding removes.
pub fn content_hash(chars: &[char]) -> u64 {
    let mut h = 0x9E37_79B9_7F4A_7C15u64;
    for &c in chars {
        h = (h ^ c as u64).wrapping_mul(0x0000_0100_0000_01B3).rotate_left(23);
    }
    mix(h ^ chars.len() as u64)
}

/// Punctuation that ends a sentence or a clause group (a comma does not).
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '：' | ':' | '…')
}

/// The key view of a folded text, without sentence breaks (nothing to see them in).
pub fn key_view(folded: &Folded) -> KeyView {
    build(folded, None)
}

/// The key view of a folded text, with sentence ends and line breaks taken from `text`, the
/// original the folded view was made from (folding drops punctuation and line breaks).
pub fn key_view_text(folded: &Folded, text: &[char]) -> KeyView {
    build(folded, Some(text))
}

fn build(folded: &Folded, text: Option<&[char]>) -> KeyView {
    let n = folded.len();
    let mut out =
        KeyView { chars: Vec::with_capacity(n), at: Vec::with_capacity(n), brk: Vec::with_capacity(n) };
    let mut prev_end: Option<usize> = None;
    for (i, &c) in folded.chars.iter().enumerate() {
        if !is_key_char(c) {
            continue;
        }
        let start = folded.starts[i] as usize;
        let brk = match (text, prev_end) {
            (Some(t), Some(e)) if e < start => {
                t.get(e..start).is_some_and(|gap| gap.iter().any(|&g| g == '\n' || is_sentence_end(g)))
            }
            _ => false,
        };
        out.chars.push(if c.is_ascii_uppercase() { c.to_ascii_lowercase() } else { c });
        out.at.push(i as u32);
        out.brk.push(brk);
        prev_end = Some(folded.ends[i] as usize);
    }
    out
}

const BASE: u64 = 0x100_0000_01b3;

/// `BASE^(K-1)`, to drop the outgoing character from the rolling hash.
const fn base_pow() -> u64 {
    let mut p = 1u64;
    let mut i = 1;
    while i < K {
        p = p.wrapping_mul(BASE);
        i += 1;
    }
    p
}
const BASE_POW: u64 = base_pow();

/// A final mix so that every bit of the hash depends on every character (splitmix64).
#[inline]
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The hash of one k-gram (the same value [`kgrams`] gives it).
pub fn hash_kgram(gram: &[char]) -> u64 {
    let mut h = 0u64;
    for &c in gram {
        h = h.wrapping_mul(BASE).wrapping_add(c as u64 + 1);
    }
    mix(h)
}

/// Every k-gram of `chars` that holds no placeholder, as `(hash, start)`, in order.
pub fn kgrams(chars: &[char]) -> Vec<(u64, u32)> {
    let mut out = Vec::with_capacity(chars.len());
    if chars.len() < K {
        return out;
    }
    let mut h = 0u64;
    // Position of the last placeholder seen; a k-gram starting at or before it is skipped.
    let mut last_ph: Option<usize> = None;
    for (i, &c) in chars.iter().enumerate() {
        if i >= K {
            h = h.wrapping_sub((chars[i - K] as u64 + 1).wrapping_mul(BASE_POW));
        }
        h = h.wrapping_mul(BASE).wrapping_add(c as u64 + 1);
        if c == PLACEHOLDER {
            last_ph = Some(i);
        }
        if i + 1 >= K {
            let start = i + 1 - K;
            if last_ph.is_none_or(|p| p < start) {
                out.push((mix(h), start as u32));
            }
        }
    }
    out
}

/// Buffers [`index_fingerprints_into`] reuses from one document to the next.
#[derive(Debug, Default)]
pub struct Scratch {
    key: Vec<u32>,
    grams: Vec<(u64, u32)>,
}

/// What the index stores of one document, from its folded characters: the winnowed fingerprints
/// (the same as `winnow(&kgrams(&key_view(f).chars), WINDOW)`) into `out` (cleared first), and
/// the key length and [`content_hash`] returned; `scratch` is reused from one document to the
/// next. Indexing speed is this function: it works in three passes that
/// each run without branch mispredictions or serial dependencies on earlier results — key
/// characters, then every k-gram's hash on its own, then the window minima by a comparison
/// tree — which is a third faster than one pass keeping a rolling hash and a running minimum.
pub fn index_fingerprints_into(
    folded: &[char],
    scratch: &mut Scratch,
    out: &mut Vec<(u64, u32)>,
) -> (usize, u64) {
    out.clear();
    let key = &mut scratch.key;
    key.clear();
    let mut content = 0x9E37_79B9_7F4A_7C15u64;
    let mut any_placeholder = false;
    for &c0 in folded {
        if !is_key_char(c0) {
            continue;
        }
        let c = if c0.is_ascii_uppercase() { c0.to_ascii_lowercase() } else { c0 };
        content = (content ^ c as u64).wrapping_mul(0x0000_0100_0000_01B3).rotate_left(23);
        any_placeholder |= c == PLACEHOLDER;
        key.push(c as u32);
    }
    let n = key.len();
    let content = mix(content ^ n as u64);
    let grams = &mut scratch.grams;
    grams.clear();
    if n < K {
        return (n, content);
    }
    grams.extend(key.windows(K).enumerate().map(|(i, w)| {
        let mut h = 0u64;
        for &c in w {
            h = h.wrapping_mul(BASE).wrapping_add(c as u64 + 1);
        }
        (mix(h), i as u32)
    }));
    if any_placeholder {
        let ph = PLACEHOLDER as u32;
        grams.retain(|&(_, s)| !key[s as usize..s as usize + K].contains(&ph));
    }
    if grams.len() < WINDOW {
        // Fewer k-grams than one window: keep the smallest (rightmost on ties).
        if let Some(m) = grams.iter().rev().min_by_key(|g| g.0) {
            out.push(*m);
        }
        return (n, content);
    }
    // The minimum of each window, rightmost on ties, each kept once. Written unconditionally
    // and kept by advancing the length: whether a window's minimum is new is a coin toss the
    // branch predictor loses.
    out.resize(grams.len() - WINDOW + 1, (0, 0));
    let mut kept = 0usize;
    let mut last = usize::MAX;
    for (s, win) in grams.windows(WINDOW).enumerate() {
        let m = s + window_min(win);
        out[kept] = grams[m];
        kept += (m != last) as usize;
        last = m;
    }
    out.truncate(kept);
    (n, content)
}

/// The index of the smallest hash in a window (rightmost on ties), by a tree of comparisons so
/// the dependency chain is log2(WINDOW) deep.
#[inline(always)]
fn window_min(win: &[(u64, u32)]) -> usize {
    #[inline(always)]
    fn pick(a: (u64, usize), b: (u64, usize)) -> (u64, usize) {
        if b.0 <= a.0 { b } else { a }
    }
    let e = |i: usize| (win[i].0, i);
    const { assert!(WINDOW == 4, "window_min is written for a window of four") };
    pick(pick(e(0), e(1)), pick(e(2), e(3))).1
}

/// Winnowing (Schleimer, Wilkerson, Aiken 2003): the minimum hash of every window of `window`
/// consecutive k-grams, rightmost on ties, each kept once.
pub fn winnow(grams: &[(u64, u32)], window: usize) -> Vec<(u64, u32)> {
    let mut out: Vec<(u64, u32)> = Vec::with_capacity(grams.len() * 2 / (window + 1) + 1);
    if grams.is_empty() {
        return out;
    }
    let window = window.min(grams.len()).max(1);
    // The window is tiny (four): a direct scan beats a deque.
    let mut last = usize::MAX;
    for end in window..=grams.len() {
        let mut m = end - window;
        for i in end - window + 1..end {
            if grams[i].0 <= grams[m].0 {
                m = i;
            }
        }
        if m != last {
            out.push(grams[m]);
            last = m;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold::fold;

    fn index_fingerprints(folded: &Folded) -> (Vec<(u64, u32)>, usize, u64) {
        let mut out = Vec::new();
        let (n, content) = index_fingerprints_into(&folded.chars, &mut Scratch::default(), &mut out);
        (out, n, content)
    }

    #[test]
    fn rolling_hash_equals_direct_hash_and_skips_placeholders() {
        let chars: Vec<char> = "推动产业协作走深走实".chars().collect();
        let g = kgrams(&chars);
        assert_eq!(g.len(), chars.len() - K + 1);
        for &(h, s) in &g {
            assert_eq!(h, hash_kgram(&chars[s as usize..s as usize + K]));
        }
        let mut with_ph = chars.clone();
        with_ph[6] = PLACEHOLDER;
        let g = kgrams(&with_ph);
        assert!(g.iter().all(|&(_, s)| !(s as usize..s as usize + K).contains(&6)));
        assert_eq!(g.len(), 2);
    }

    #[test]
    fn key_view_drops_punctuation_and_maps_back() {
        let text = "协作，共赢。Ab\n合作";
        let f = fold(text);
        let chars: Vec<char> = text.chars().collect();
        let k = key_view_text(&f, &chars);
        assert_eq!(k.chars.iter().collect::<String>(), "协作共赢ab合作");
        let r = k.folded_range(2, 4);
        assert_eq!(f.original_span(r.start, r.end).slice(text), "共赢");
        // A comma is no sentence break; a full stop and a line break are.
        assert_eq!(k.brk, vec![false, false, false, false, true, false, true, false]);
    }

    #[test]
    fn one_pass_index_fingerprints_equal_the_composed_ones() {
        let text = format!(
            "各级党委政府要把东西部协作摆在重要位置，{}主要负责同志亲自过问。Ab定期研究解决重大问题",
            PLACEHOLDER
        );
        let f = fold(&text);
        let key = key_view(&f);
        let (fp, n, h) = index_fingerprints(&f);
        assert_eq!(fp, winnow(&kgrams(&key.chars), WINDOW));
        assert_eq!(n, key.len());
        assert_eq!(h, content_hash(&key.chars));
        let short = fold("协作共赢好");
        assert_eq!(index_fingerprints(&short).0, winnow(&kgrams(&key_view(&short).chars), WINDOW));
    }

    proptest::proptest! {
        /// Repetitive texts from a tiny alphabet make equal k-grams (ties), placeholders and
        /// punctuation break k-grams: the incremental winnowing must still equal the composed one.
        #[test]
        fn one_pass_winnowing_equals_the_composed_one_on_any_text(
            text in proptest::collection::vec(
                proptest::sample::select(vec!['发', '展', '协', '作', 'a', '，', '☆', '\n']),
                0..120,
            )
        ) {
            let text: String = text.into_iter().collect();
            let f = fold(&text);
            let key = key_view(&f);
            let (fp, n, h) = index_fingerprints(&f);
            proptest::prop_assert_eq!(fp, winnow(&kgrams(&key.chars), WINDOW));
            proptest::prop_assert_eq!(n, key.len());
            proptest::prop_assert_eq!(h, content_hash(&key.chars));
        }
    }

    #[test]
    fn winnowing_guarantees_a_fingerprint_in_every_long_shared_run() {
        let text: Vec<char> =
            "各级党委政府要把东西部协作摆在重要位置主要负责同志亲自过问定期研究解决重大问题"
                .chars()
                .collect();
        let grams = kgrams(&text);
        let fp = winnow(&grams, WINDOW);
        assert!(fp.len() < grams.len());
        // Every window of WINDOW consecutive k-grams holds a fingerprint.
        let starts: Vec<u32> = fp.iter().map(|f| f.1).collect();
        for w in 0..=grams.len() - WINDOW {
            assert!(starts.iter().any(|&s| (w as u32..(w + WINDOW) as u32).contains(&s)), "window {w}");
        }
    }
}
