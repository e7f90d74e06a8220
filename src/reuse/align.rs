//! Alignment: seed, extend, merge. Turns k-gram hits between two texts into passages with exact
//! boundaries on both sides — one passage per copied stretch, not a swarm of fragments.
//!
//! Seeds are exact k-gram matches on the key view (folded, punctuation left out), each checked
//! character by character so a hash collision never becomes a match. Seeds are chained while the
//! next one starts within [`MAX_GAP`] key characters of the chain in the first text and near the
//! chain in the second; "near" allows a jump back of up to [`REORDER`] characters, which bridges
//! clauses swapped inside a sentence. The ends are then extended character by character, treating
//! the placeholder token as equal to anything.

use std::ops::Range;

use crate::reuse::fingerprint::{FastMap, K, KeyView, key_view, kgrams};
use crate::text::fold::{Folded, PLACEHOLDER};

/// Largest gap (key characters) bridged between two seeds of one passage in the first text:
/// an edit every dozen characters leaves gaps of at most `K` here.
pub const MAX_GAP: usize = 10;

/// How far back (or forward, past a skipped clause) in the second text a seed may jump and still
/// belong to the same passage (clause reorder inside a sentence).
pub const REORDER: usize = 60;

/// Lowest share of a passage's characters that seeds must cover for it to count.
pub const MIN_COVERAGE: f64 = 0.55;

/// Lowest similarity (both sides' characters covered by shared stretches) of a passage. An edit
/// every dozen characters keeps about 0.9; below three in four the two passages are saying
/// similar things in the genre's words, not one copied from the other.
pub const MIN_SIMILARITY: f64 = 0.75;

/// Default shortest passage, in key characters (folded, punctuation not counted).
pub const DEFAULT_MIN_CHARS: usize = 13;

/// One shared passage between text A and text B. Ranges are positions in the folded views.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    /// Folded positions in A.
    pub a: Range<usize>,
    /// Folded positions in B.
    pub b: Range<usize>,
    /// 0–1: the share of both passages' key characters covered by exact shared runs.
    pub similarity: f64,
}

/// A passage in key-view positions (what the index-driven search works with).
#[derive(Debug, Clone, PartialEq)]
pub struct KeyPassage {
    pub a: Range<usize>,
    pub b: Range<usize>,
    pub similarity: f64,
    /// Key characters of A covered by exact shared runs.
    pub covered_a: usize,
}

/// A seed: the k-gram at key position `a` in A equals the one at `b` in B.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Seed {
    pub a: u32,
    pub b: u32,
}

/// Align two folded texts into the passages they share, each at least `min_chars` key characters
/// long in A, ordered by position in A. Both sides' ranges are exact folded positions; map them to
/// the original text with [`Folded::original_span`].
///
/// This is the pairwise entry point used by `diff`, by phrasebook near-duplicate lint and by usage
/// statistics. Cost is linear in the texts plus the number of seeds.
///
/// ```
/// use jianggao::text::fold::fold;
/// use jianggao::reuse::align::passages;
/// let a = fold("会上，我们要把东西部协作摆在更加突出的位置，切实抓紧抓好。");
/// let b = fold("同志们，要把东西部协作摆在更加突出位置，切实抓紧抓好各项工作。");
/// let found = passages(&a, &b, 13);
/// assert_eq!(found.len(), 1);
/// ```
pub fn passages(a: &Folded, b: &Folded, min_chars: usize) -> Vec<Passage> {
    let ka = key_view(a);
    let kb = key_view(b);
    align_keys(&ka, &kb, min_chars)
        .into_iter()
        .map(|p| Passage {
            a: ka.folded_range(p.a.start, p.a.end),
            b: kb.folded_range(p.b.start, p.b.end),
            similarity: p.similarity,
        })
        .collect()
}

/// [`passages`] on key views, returning key positions.
pub fn align_keys(a: &KeyView, b: &KeyView, min_chars: usize) -> Vec<KeyPassage> {
    let seeds = seeds_between(&a.chars, &b.chars);
    chain(&seeds, a, b, min_chars)
}

/// [`align_keys`] looking only at the parts of B inside `windows` (key positions; merged and
/// clipped here): the index search already knows where in a speech the draft's hits are, and
/// aligning a long speech whole would cost more than the search.
pub fn align_keys_in(
    a: &KeyView,
    b: &KeyView,
    windows: &[Range<usize>],
    min_chars: usize,
) -> Vec<KeyPassage> {
    let mut w: Vec<Range<usize>> = windows
        .iter()
        .map(|r| r.start.min(b.len())..r.end.min(b.len()))
        .filter(|r| r.start < r.end)
        .collect();
    w.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in w {
        match merged.last_mut() {
            Some(m) if r.start <= m.end => m.end = m.end.max(r.end),
            _ => merged.push(r),
        }
    }
    let mut table: FastMap<u64, Vec<u32>> = FastMap::default();
    for r in &merged {
        for (h, s) in kgrams(&b.chars[r.clone()]) {
            let v = table.entry(h).or_default();
            if v.len() < MAX_REPEATS {
                v.push(s + r.start as u32);
            }
        }
    }
    let seeds = seeds_from_table(&a.chars, &b.chars, &table);
    chain(&seeds, a, b, min_chars)
}

/// Most positions one k-gram of B is looked up at: a k-gram repeated more often than this in one
/// text is boilerplate and seeds nothing useful.
const MAX_REPEATS: usize = 32;

/// Every verified k-gram match between A and B.
pub fn seeds_between(a: &[char], b: &[char]) -> Vec<Seed> {
    let gb = kgrams(b);
    let mut table: FastMap<u64, Vec<u32>> = FastMap::with_capacity_and_hasher(gb.len(), Default::default());
    for (h, s) in gb {
        let v = table.entry(h).or_default();
        if v.len() < MAX_REPEATS {
            v.push(s);
        }
    }
    seeds_from_table(a, b, &table)
}

fn seeds_from_table(a: &[char], b: &[char], table: &FastMap<u64, Vec<u32>>) -> Vec<Seed> {
    let mut seeds = Vec::new();
    for (h, sa) in kgrams(a) {
        if let Some(list) = table.get(&h) {
            for &sb in list {
                if a[sa as usize..sa as usize + K] == b[sb as usize..sb as usize + K] {
                    seeds.push(Seed { a: sa, b: sb });
                }
            }
        }
    }
    seeds
}

#[inline]
fn same(x: char, y: char) -> bool {
    x == y || x == PLACEHOLDER || y == PLACEHOLDER
}

/// Extension steps over one edited character only this many matching characters after the last.
const EDIT_SPACING: usize = 5;
/// …and only when at least this many characters match right after it.
const EDIT_RESUME: usize = 2;

/// Longest name a placeholder stands for, in key characters.
const PLACEHOLDER_SPAN: usize = 4;

/// Extend a match ending at `(x, y)` (exclusive) to the right, exactly; a placeholder on one side
/// may stand for one to [`PLACEHOLDER_SPAN`] characters on the other when two more match after it.
fn extend_right(a: &[char], b: &[char], mut x: usize, mut y: usize) -> (usize, usize) {
    let mut since_edit = EDIT_SPACING;
    loop {
        if x < a.len() && y < b.len() && same(a[x], b[y]) && !(a[x] == PLACEHOLDER || b[y] == PLACEHOLDER) {
            x += 1;
            y += 1;
            since_edit += 1;
            continue;
        }
        let ph_a = x < a.len() && a[x] == PLACEHOLDER;
        let ph_b = y < b.len() && b[y] == PLACEHOLDER;
        if !(ph_a || ph_b) {
            // One changed, inserted or deleted character, when what follows matches again.
            let ok = |nx: usize, ny: usize| {
                nx + EDIT_RESUME <= a.len()
                    && ny + EDIT_RESUME <= b.len()
                    && a[nx..nx + EDIT_RESUME] == b[ny..ny + EDIT_RESUME]
            };
            if since_edit >= EDIT_SPACING
                && let Some((nx, ny)) =
                    [(x + 1, y + 1), (x + 1, y), (x, y + 1)].into_iter().find(|&(nx, ny)| ok(nx, ny))
            {
                x = nx;
                y = ny;
                since_edit = 0;
                continue;
            }
            return (x, y);
        }
        let mut moved = false;
        for span in 1..=PLACEHOLDER_SPAN {
            let (nx, ny) = if ph_a { (x + 1, y + span) } else { (x + span, y + 1) };
            if nx + 2 <= a.len() && ny + 2 <= b.len() && a[nx..nx + 2] == b[ny..ny + 2] {
                x = nx;
                y = ny;
                moved = true;
                break;
            }
        }
        if !moved {
            return (x, y);
        }
    }
}

/// Mirror of [`extend_right`] for the start of a match at `(x, y)` (inclusive).
fn extend_left(a: &[char], b: &[char], mut x: usize, mut y: usize) -> (usize, usize) {
    let mut since_edit = EDIT_SPACING;
    loop {
        if x > 0 && y > 0 && same(a[x - 1], b[y - 1]) && !(a[x - 1] == PLACEHOLDER || b[y - 1] == PLACEHOLDER)
        {
            x -= 1;
            y -= 1;
            since_edit += 1;
            continue;
        }
        let ph_a = x > 0 && a[x - 1] == PLACEHOLDER;
        let ph_b = y > 0 && b[y - 1] == PLACEHOLDER;
        if !(ph_a || ph_b) {
            let ok = |nx: usize, ny: usize| {
                nx >= EDIT_RESUME && ny >= EDIT_RESUME && a[nx - EDIT_RESUME..nx] == b[ny - EDIT_RESUME..ny]
            };
            if since_edit >= EDIT_SPACING
                && x > 0
                && y > 0
                && let Some((nx, ny)) =
                    [(x - 1, y - 1), (x - 1, y), (x, y - 1)].into_iter().find(|&(nx, ny)| ok(nx, ny))
            {
                x = nx;
                y = ny;
                since_edit = 0;
                continue;
            }
            return (x, y);
        }
        let mut moved = false;
        for span in 1..=PLACEHOLDER_SPAN {
            let (nx, ny) = if ph_a {
                (x.wrapping_sub(1), y.wrapping_sub(span))
            } else {
                (x.wrapping_sub(span), y.wrapping_sub(1))
            };
            if nx <= x && ny <= y && nx >= 2 && ny >= 2 && a[nx - 2..nx] == b[ny - 2..ny] {
                x = nx;
                y = ny;
                moved = true;
                break;
            }
        }
        if !moved {
            // A placeholder at the very start of both texts' shared stretch still belongs to it.
            if ph_a && y >= 1 {
                return (x - 1, y - 1);
            }
            return (x, y);
        }
    }
}

#[derive(Debug, Clone)]
struct Chain {
    a0: usize,
    a1: usize,
    b0: usize,
    b1: usize,
    /// Diagonal (b − a) of the last seed, to prefer continuing on the same diagonal.
    diag: i64,
    /// Seeds in the chain.
    n: usize,
    /// Covered positions of A, as merged runs (seeds arrive in order of A, so runs only grow).
    runs_a: Vec<Range<usize>>,
    runs_b: Vec<Range<usize>>,
    /// The seeds taken, in order of A.
    seeds: Vec<Seed>,
}

/// Cut a scrap shorter than a k-gram off either end of a chain when a sentence end or line break
/// separates it from the rest, on either side (seeds and extension both cross such breaks).
fn trim_scraps(c: &mut Chain, ka: &KeyView, kb: &KeyView) {
    let brk = |x: usize, y: usize| {
        ka.brk.get(x).copied().unwrap_or(false) || kb.brk.get(y).copied().unwrap_or(false)
    };
    for d in 1..K.min(c.a1 - c.a0) {
        if c.b0 + d < c.b1 && brk(c.a0 + d, c.b0 + d) {
            c.a0 += d;
            c.b0 += d;
            break;
        }
    }
    for d in 1..K.min(c.a1 - c.a0) {
        if c.b1 >= d + c.b0 && brk(c.a1 - d, c.b1 - d) {
            c.a1 -= d;
            c.b1 -= d;
            break;
        }
    }
    clip(&mut c.runs_a, c.a0, c.a1);
    clip(&mut c.runs_b, c.b0, c.b1);
}

fn clip(runs: &mut Vec<Range<usize>>, lo: usize, hi: usize) {
    for r in runs.iter_mut() {
        r.start = r.start.clamp(lo, hi);
        r.end = r.end.clamp(lo, hi);
    }
    runs.retain(|r| r.start < r.end);
}

fn add_run(runs: &mut Vec<Range<usize>>, r: Range<usize>) {
    if let Some(last) = runs.last_mut()
        && r.start <= last.end
        && r.end >= last.start
    {
        last.start = last.start.min(r.start);
        last.end = last.end.max(r.end);
        return;
    }
    runs.push(r);
}

/// How many positions the ranges cover together: overlapping or out-of-order ranges (runs of B
/// after a clause reorder) are merged before counting.
pub fn covered(runs: &[Range<usize>]) -> usize {
    let mut v: Vec<Range<usize>> = runs.to_vec();
    v.sort_by_key(|r| r.start);
    let mut total = 0;
    let mut cur: Option<Range<usize>> = None;
    for r in v {
        match &mut cur {
            Some(c) if r.start <= c.end => c.end = c.end.max(r.end),
            _ => {
                if let Some(c) = cur.take() {
                    total += c.len();
                }
                cur = Some(r);
            }
        }
    }
    total + cur.map(|c| c.len()).unwrap_or(0)
}

/// A chain of seeds before extension and verification: what the index search ranks documents by.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    pub a: Range<usize>,
    pub b: Range<usize>,
    pub seeds: usize,
    /// The stretches of A its seeds' k-grams cover (merged, in order): the text actually
    /// shared, without the gaps the chain bridges.
    pub runs_a: Vec<Range<usize>>,
}

/// Group seeds into chains without looking at the texts (the index search, before any document is
/// read).
/// Seeds of the index are winnowed (about two in five k-grams), so chains may bridge twice the gap
/// alignment does.
pub fn clusters(seeds: &[Seed]) -> Vec<Cluster> {
    group(seeds, 2 * MAX_GAP, REORDER)
        .into_iter()
        .map(|c| Cluster { a: c.a0..c.a1, b: c.b0..c.b1, seeds: c.n, runs_a: c.runs_a })
        .collect()
}

/// Chain seeds ordered by A. `reorder`: how far back (or forward past a skipped clause) in B a
/// seed may jump and stay in the chain; 0 keeps chains monotone in B.
fn group(seeds: &[Seed], max_gap: usize, reorder: usize) -> Vec<Chain> {
    let mut seeds = seeds.to_vec();
    seeds.sort_unstable();
    seeds.dedup();
    let mut open: Vec<Chain> = Vec::new();
    let mut done: Vec<Chain> = Vec::new();
    // Per-position work lists, kept across positions.
    let mut taken: Vec<bool> = Vec::new();
    let mut fed: Vec<bool> = Vec::new();
    // (distance from the chain's diagonal, chain, seed)
    let mut pairs: Vec<(u64, usize, usize)> = Vec::new();
    let mut i = 0;
    while i < seeds.len() {
        // All seeds at one position of A: a k-gram repeated in B gives several.
        let sa = seeds[i].a as usize;
        let j = i + seeds[i..].iter().take_while(|s| s.a as usize == sa).count();
        let here = &seeds[i..j];
        i = j;
        // Close chains that can no longer be continued.
        let mut k = 0;
        while k < open.len() {
            if open[k].a1 + max_gap < sa {
                done.push(open.swap_remove(k));
            } else {
                k += 1;
            }
        }
        let near = |c: &Chain, sb: usize| {
            sb + reorder >= c.b0
                && (reorder > 0 || sb + K >= c.b1)
                && sb <= c.b1 + max_gap + reorder + sa.saturating_sub(c.a1)
        };
        // Each open chain takes at most one seed here, the one nearest its diagonal: the other
        // occurrences of a repeated k-gram nearby in B would stretch the chain's B side over
        // text that is not part of the passage (and fail the density check). Seeds go to chains
        // nearest first, so a chain that began on an earlier occurrence of a common phrase does
        // not take the seed that continues the true passage's own chain.
        taken.clear();
        taken.resize(here.len(), false);
        pairs.clear();
        for (ci, c) in open.iter().enumerate() {
            for (t, s) in here.iter().enumerate() {
                if near(c, s.b as usize) {
                    pairs.push(((c.diag - (s.b as i64 - sa as i64)).unsigned_abs(), ci, t));
                }
            }
        }
        if pairs.len() > 1 {
            pairs.sort_unstable();
        }
        fed.clear();
        fed.resize(open.len(), false);
        for &(_, ci, t) in &pairs {
            if fed[ci] || taken[t] {
                continue;
            }
            fed[ci] = true;
            taken[t] = true;
            let c = &mut open[ci];
            let s = here[t];
            let sb = s.b as usize;
            c.a1 = c.a1.max(sa + K);
            c.b0 = c.b0.min(sb);
            c.b1 = c.b1.max(sb + K);
            c.diag = sb as i64 - sa as i64;
            c.n += 1;
            add_run(&mut c.runs_a, sa..sa + K);
            c.runs_b.push(sb..sb + K);
            c.seeds.push(s);
        }
        // A seed no chain took starts one, unless it only repeats a k-gram near a chain.
        let before = open.len();
        for (t, s) in here.iter().enumerate() {
            let sb = s.b as usize;
            if taken[t] || open[..before].iter().any(|c| near(c, sb)) {
                continue;
            }
            open.push(Chain {
                a0: sa,
                a1: sa + K,
                b0: sb,
                b1: sb + K,
                diag: sb as i64 - sa as i64,
                n: 1,
                runs_a: std::iter::once(sa..sa + K).collect(),
                runs_b: std::iter::once(sb..sb + K).collect(),
                seeds: vec![*s],
            });
        }
    }
    done.extend(open);
    done
}

/// Chain seeds into passages, extend their ends, and keep one passage per stretch of A.
pub fn chain(seeds: &[Seed], ka: &KeyView, kb: &KeyView, min_chars: usize) -> Vec<KeyPassage> {
    let mut out: Vec<KeyPassage> = Vec::new();
    for c in group(seeds, MAX_GAP, REORDER) {
        let reordered = c.runs_b.windows(2).any(|w| w[1].start < w[0].start);
        // Kept for the fallback below only (`finish` consumes the chain).
        let pieces = if reordered { c.seeds.clone() } else { Vec::new() };
        // Clause reorder needs clauses: in a short stretch a jump back in B only pairs two
        // common phrases standing in the other order (中国特色社会主义道路……马克思主义).
        let whole =
            if reordered && c.a1 - c.a0 < 2 * min_chars { None } else { finish(c, ka, kb, min_chars) };
        match whole {
            Some(p) => out.push(p),
            // A chain that bridged a jump in B and failed as a whole may have joined two
            // passages (a paragraph moved next to its neighbour): its in-order pieces may each
            // still be one.
            None if reordered => out
                .extend(group(&pieces, MAX_GAP, 0).into_iter().filter_map(|c| finish(c, ka, kb, min_chars))),
            None => {}
        }
    }
    dedupe(out, min_chars)
}

/// Extend a chain's ends and decide whether it is a passage.
fn finish(mut c: Chain, ka: &KeyView, kb: &KeyView, min_chars: usize) -> Option<KeyPassage> {
    let (a, b) = (&ka.chars[..], &kb.chars[..]);
    // Quick reject before extension: far too short to ever reach the minimum.
    if c.a1 - c.a0 + 2 * MAX_GAP < min_chars {
        return None;
    }
    // Extend the ends exactly. The start of A pairs with the start of B when the chain begins
    // on its diagonal, which is the usual case; otherwise the ends stay where the seeds put them.
    let first_diag_b = c.runs_b.first().map(|r| r.start).unwrap_or(c.b0);
    if first_diag_b == c.b0 {
        let (x, y) = extend_left(a, b, c.a0, c.b0);
        if x < c.a0 {
            add_run(&mut c.runs_a, x..c.a0);
            c.runs_a.sort_by_key(|r| r.start);
            c.runs_b.push(y..c.b0);
        }
        c.a0 = x;
        c.b0 = y;
    }
    let last_b = c.runs_b.last().map(|r| r.end).unwrap_or(c.b1);
    if last_b == c.b1 {
        let (x, y) = extend_right(a, b, c.a1, c.b1);
        if x > c.a1 {
            c.runs_a.push(c.a1..x);
            c.runs_b.push(c.b1..y);
        }
        c.a1 = x;
        c.b1 = y;
    }
    trim_scraps(&mut c, ka, kb);
    let len_a = c.a1 - c.a0;
    let len_b = c.b1 - c.b0;
    // Both sides must be long enough: a draft that repeats a short phrase ("党的二十大……党的
    // 二十大精神") chains to one short stretch of the source, which is no copied passage.
    if len_a < min_chars || len_b < min_chars {
        return None;
    }
    let cov_a = covered(&c.runs_a);
    let cov_b = covered(&c.runs_b);
    let similarity = ((cov_a + cov_b) as f64 / (len_a + len_b) as f64).min(1.0);
    // The source side must be as dense as the draft's: common phrases that stand together in the
    // draft but lie scattered across a whole paragraph of the source are not a copied passage.
    if similarity < MIN_SIMILARITY
        || (cov_a as f64) < MIN_COVERAGE * len_a as f64
        || (cov_b as f64) < MIN_COVERAGE * len_b as f64
        || cov_a < min_chars * 3 / 4
        || cov_b < min_chars * 3 / 4
    {
        return None;
    }
    // A passage must hold a long verbatim stretch: two set phrases that merely resemble each
    // other (取得了历史性成就 / 取得历史性成就, 第二十届……第一次 / 第七届……第二次, 坚决破除
    // 一切妨碍……的思想观念和体制机制弊端 / 坚决破除一切制约……) are the genre's shared wording,
    // not a copied passage. An edit every dozen characters still leaves such a stretch.
    let longest = if len_a < 2 * min_chars {
        longest_common_run(&a[c.a0..c.a1], &b[c.b0..c.b1])
    } else {
        // Long passages: the longest run of seeds on one diagonal (a DP would be quadratic).
        longest_seed_run(&c.seeds)
    };
    if longest < short_run(min_chars) {
        return None;
    }
    Some(KeyPassage { a: c.a0..c.a1, b: c.b0..c.b1, similarity, covered_a: cov_a })
}

/// The verbatim stretch a passage must hold (10 for the default 13).
fn short_run(min_chars: usize) -> usize {
    (min_chars * 3).div_ceil(4)
}

/// The longest exact stretch the seeds of a chain show: consecutive seeds on one diagonal
/// (each a verified k-gram match) make a stretch `K - 1` longer than their number.
fn longest_seed_run(seeds: &[Seed]) -> usize {
    let mut best = 0;
    let mut run = 0;
    let mut prev: Option<Seed> = None;
    for &s in seeds {
        run = match prev {
            Some(p) if s.a == p.a + 1 && s.b == p.b + 1 => run + 1,
            _ => 1,
        };
        best = best.max(run);
        prev = Some(s);
    }
    if best == 0 { 0 } else { best + K - 1 }
}

/// The longest stretch two short texts share exactly (placeholders match anything).
fn longest_common_run(a: &[char], b: &[char]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    let mut best = 0;
    for &x in a {
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = if same(x, y) { prev[j] + 1 } else { 0 };
            best = best.max(cur[j + 1]);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    best
}

/// One passage per stretch of A: the strongest wins an overlap; a weaker one survives only with
/// its own part at least `min_chars` long.
fn dedupe(mut v: Vec<KeyPassage>, min_chars: usize) -> Vec<KeyPassage> {
    v.sort_by(|x, y| y.covered_a.cmp(&x.covered_a).then(x.a.start.cmp(&y.a.start)));
    let mut kept: Vec<KeyPassage> = Vec::new();
    for p in v {
        let overlap: usize = kept.iter().map(|k| overlap_len(&k.a, &p.a)).sum();
        if overlap == 0 || (p.a.len() - overlap.min(p.a.len()) >= min_chars && overlap * 2 < p.a.len()) {
            kept.push(p);
        }
    }
    kept.sort_by_key(|p| p.a.start);
    kept
}

pub(crate) fn overlap_len(x: &Range<usize>, y: &Range<usize>) -> usize {
    x.end.min(y.end).saturating_sub(x.start.max(y.start))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold::fold;

    fn shown(f: &Folded, text: &str, r: &Range<usize>) -> String {
        f.original_span(r.start, r.end).slice(text).to_string()
    }

    const SOURCE: &str = "近年来，两地坚持优势互补、互利共赢，在产业协作、劳务协作、消费帮扶等方面取得了明显成效。挂职干部扎根基层，把先进理念和管理经验带到了一线，赢得了干部群众的广泛赞誉。下一步，我们要进一步健全协作机制，推动帮扶由输血向造血转变。";

    #[test]
    fn exact_copy_has_exact_boundaries_on_both_sides() {
        let draft = "今天召开座谈会。挂职干部扎根基层，把先进理念和管理经验带到了一线，赢得了干部群众的广泛赞誉。会后请抓好落实。";
        let (fa, fb) = (fold(draft), fold(SOURCE));
        let p = passages(&fa, &fb, 13);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(
            shown(&fa, draft, &p[0].a),
            "挂职干部扎根基层，把先进理念和管理经验带到了一线，赢得了干部群众的广泛赞誉"
        );
        assert_eq!(
            shown(&fb, SOURCE, &p[0].b),
            "挂职干部扎根基层，把先进理念和管理经验带到了一线，赢得了干部群众的广泛赞誉"
        );
        assert!(p[0].similarity > 0.99);
    }

    #[test]
    fn edits_every_dozen_chars_stay_one_passage() {
        let draft = "两地坚持优势互补、合作共赢，在产业协作、劳务对接、消费帮扶等方面取得了显著成效。挂职干部扎根一线，把先进理念与管理经验带到了基层，赢得了干部群众广泛赞誉。";
        let (fa, fb) = (fold(draft), fold(SOURCE));
        let p = passages(&fa, &fb, 13);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].a.len() > 60);
        assert!(p[0].similarity > 0.6 && p[0].similarity < 0.95, "{}", p[0].similarity);
    }

    #[test]
    fn clause_reorder_inside_a_sentence_is_one_passage() {
        let draft = "赢得了干部群众的广泛赞誉，挂职干部扎根基层，把先进理念和管理经验带到了一线。";
        let p = passages(&fold(draft), &fold(SOURCE), 13);
        assert_eq!(p.len(), 1, "{p:?}");
    }

    #[test]
    fn placeholder_stands_for_a_short_name() {
        let a = "欢迎××第三批挂职干部来到青川工作生活，共同书写协作新篇章";
        let b = "欢迎江宁市第三批挂职干部来到青川工作生活，共同书写协作新篇章";
        let fa = fold(a);
        assert!(fa.chars.contains(&PLACEHOLDER));
        let p = passages(&fa, &fold(b), 13);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].a.start, 0);
    }

    #[test]
    fn unrelated_texts_share_nothing() {
        let a = "今年以来，全市上下聚焦高质量发展，稳住了经济基本盘，民生保障持续加强。";
        assert!(passages(&fold(a), &fold(SOURCE), 13).is_empty());
    }

    #[test]
    fn a_phrase_repeated_near_the_source_passage_does_not_stretch_it() {
        // 地区生产总值 recurs in the source's next sentence, within reach of the chain: taking
        // every occurrence made the source side three times too long, and too sparse to count.
        let source = "会议提出，今后三年全市地区生产总值年均增长百分之六，这是统筹考虑各方面因素后提出的。按照最新统计，去年全市地区生产总值增长速度高于预期，地区生产总值总量迈上新台阶，人均地区生产总值继续提高。";
        let draft = "我们提出，今后三年全市地区生产总值年均增长百分之六，这是统筹考虑各方面因素后提出的。";
        let (fa, fb) = (fold(draft), fold(source));
        let p = passages(&fa, &fb, 13);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(
            shown(&fb, source, &p[0].b),
            "提出，今后三年全市地区生产总值年均增长百分之六，这是统筹考虑各方面因素后提出的"
        );
    }

    #[test]
    fn a_chain_begun_on_an_earlier_occurrence_does_not_take_the_passage() {
        // 坚持高质量发展 also stands a sentence earlier in the source: the chain that starts there
        // must not take the seeds of the copied sentence's own chain (which cannot simply be
        // extended over 就要 → 必须 to reach them).
        let source = "全市上下坚持高质量发展不动摇。坚持高质量发展，就要始终把握稳中求进工作总基调，统筹好速度与质量、当前与长远的关系。";
        let draft = "会议强调，坚持高质量发展，必须始终牢牢把握稳中求进工作总基调，统筹好速度与质量、当前与长远的关系。";
        let (fa, fb) = (fold(draft), fold(source));
        let p = passages(&fa, &fb, 13);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(
            shown(&fb, source, &p[0].b),
            "坚持高质量发展，就要始终把握稳中求进工作总基调，统筹好速度与质量、当前与长远的关系"
        );
    }

    #[test]
    fn look_alike_frames_without_a_long_verbatim_stretch_are_not_a_passage() {
        // The same frame with a word changed every seven or eight characters, longer than twice
        // the minimum: similar enough, but no verbatim stretch of ten.
        let a = "各级党委政府要把东西部协作摆在重要位置，主要负责同志要亲自过问、定期研究";
        let b = "各级党委政府须把东西部协作摆于重要位置，主要负责干部应亲自过问、按期研究";
        assert!(passages(&fold(a), &fold(b), 13).is_empty());
        // Two phrases standing in the other order in a short stretch are no clause reorder.
        let a = "东西部协作结对帮扶机制是推进乡村振兴的";
        let b = "推进乡村振兴要完善东西部协作结对帮扶机制";
        assert!(passages(&fold(a), &fold(b), 13).is_empty());
    }

    #[test]
    fn short_look_alike_set_phrases_are_not_a_passage() {
        // Same frame, different words every few characters: the genre's wording, not a copy.
        let a = "会议指出，中国共产党第二十届中央委员会第一次全体会议开得很成功。";
        let b = "大会认为，中国共产党第七届中央委员会第二次全体会议具有重要意义。";
        assert!(passages(&fold(a), &fold(b), 13).is_empty());
        // A short copy with one changed character still holds a long verbatim stretch.
        let a = "我们要把先进理念与管理经验带到一线，赢得干部群众赞誉。";
        let b = "挂职干部把先进理念和管理经验带到一线，赢得干部群众赞誉。";
        assert_eq!(passages(&fold(a), &fold(b), 13).len(), 1);
    }

    #[test]
    fn short_shared_phrase_is_below_the_minimum() {
        let a = "我们要推动帮扶由输血转变，确保见效。";
        assert!(passages(&fold(a), &fold(SOURCE), 13).is_empty());
    }
}
