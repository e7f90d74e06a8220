//! The check pipeline: a draft against the archive index → verified, classified detections → a
//! [`Report`]. Also the scoring of candidate texts for `draft --archive`.
//!
//! Steps: every k-gram of the draft is looked up in the index; hits are chained per speech in hash
//! space (no text read yet) to rank speeches and to count, per draft position, how many distinct
//! speeches (by folded content) share it — the frequency test for formulations. Only the best few
//! speeches per draft position are read and aligned for real, so every reported passage is verified
//! against the text with exact boundaries on both sides.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::report::{CheckView, Match, Piece, Report, SectionShare, SideBySide, SourceShare, round4};
use crate::error::{Error, Location, Result};
use crate::reuse::align::{self, KeyPassage, Seed};
use crate::reuse::classify::{self, Kind, PhrasebookTexts};
use crate::reuse::fingerprint::{FastMap, KeyView, key_view, key_view_text, kgrams};
use crate::reuse::index::{self, DocEntry, Index, Progress, Unreadable, UpdateNotes};
use crate::speech::{BlockKind, Speech};
use crate::text::LineIndex;
use crate::text::fold::{Folded, fold};
use crate::text::read::Document;

/// Default for `formula_min_speeches`.
pub const DEFAULT_FORMULA_MIN_SPEECHES: usize = 5;
/// Default `--max-reuse`, in percent.
pub const DEFAULT_MAX_REUSE: f64 = 10.0;
/// Most speeches read per draft position (the best source and the others listed with it).
const READ_PER_POSITION: usize = 5;
/// Most speeches read for one check.
const READ_AT_MOST: usize = 48;
/// A k-gram found in more places than this is boilerplate: it seeds nothing.
const MAX_HITS_PER_GRAM: usize = 20_000;

/// Everything a check needs besides the draft.
#[derive(Debug, Clone)]
pub struct Settings {
    pub archive: PathBuf,
    pub min_chars: usize,
    pub formula_min_speeches: usize,
    /// Archive files left out: paths (absolute, or relative to the archive) or globs relative to
    /// the archive (`*`, `?`).
    pub exclude: Vec<PathBuf>,
    /// Passages accepted as not copied (matched on folded text).
    pub ignore: Vec<String>,
    pub phrasebook: PhrasebookTexts,
    /// Percent.
    pub max_reuse: f64,
}

impl Settings {
    /// Defaults for an archive, classifying against the shipped formulations only (no phrasebook
    /// points); the binary resolves the user's settings and phrasebook layers itself.
    pub fn new(archive: impl Into<PathBuf>) -> Self {
        let formulas = crate::formulas::embedded().unwrap_or_default();
        Settings {
            archive: archive.into(),
            min_chars: align::DEFAULT_MIN_CHARS,
            formula_min_speeches: DEFAULT_FORMULA_MIN_SPEECHES,
            exclude: Vec::new(),
            ignore: Vec::new(),
            phrasebook: PhrasebookTexts {
                formulas: formulas.into_iter().map(|f| f.text).collect(),
                points: Vec::new(),
            },
            max_reuse: DEFAULT_MAX_REUSE,
        }
    }
}

/// A check's result plus what the command should tell the user on stderr.
#[derive(Debug)]
pub struct Checked {
    pub report: Report,
    pub notes: UpdateNotes,
    /// Archive files that could not be read (skipped).
    pub unreadable: Vec<Unreadable>,
}

/// Check a decoded draft against the archive. `name` is how the draft is named in the report.
pub fn check_document(
    doc: &Document,
    name: &str,
    settings: &Settings,
    progress: Option<Progress<'_>>,
) -> Result<Checked> {
    let (mut idx, mut notes) = index::open(&settings.archive, false, progress)?;
    if idx.docs().len() == excluded_ids(&idx, settings).len() {
        let why = if idx.docs().is_empty() {
            "讲话库中没有可读的讲话稿"
        } else {
            "讲话库中的讲话稿都被排除了"
        };
        return Err(Error::input(Location::file(&settings.archive), why)
            .with_hint("请把历年讲话（.txt .md .docx）放进该文件夹，或用 --archive 指定别的文件夹"));
    }
    let draft = Draft::of(doc);
    let found = match find(&mut idx, &draft, settings) {
        Ok(f) => f,
        Err(Corruption) => {
            drop(idx);
            let (i2, n2) = index::open(&settings.archive, true, progress)?;
            idx = i2;
            notes.notes.push(format!(
                "提示：索引校验和不符（文件已损坏），已重建（{}）",
                crate::error::display_path(&settings.archive.join(index::DIR_NAME))
            ));
            notes.indexed += n2.indexed;
            notes.bytes += n2.bytes;
            find(&mut idx, &draft, settings).map_err(|_| {
                Error::input(Location::file(settings.archive.join(index::DIR_NAME)), "索引反复损坏")
                    .with_hint("请删除该文件夹后重试，并检查磁盘")
            })?
        }
    };
    let unreadable = idx.unreadable().to_vec();
    let report = build_report(name, &draft, &idx, found, settings);
    Ok(Checked { report, notes, unreadable })
}

/// Check draft text (not yet saved anywhere) against the archive: the entry point for
/// `draft --check`. Index notes are dropped; use [`check_document`] to show them.
pub fn check_text(text: &str, name: &str, settings: &Settings) -> Result<Report> {
    let doc = crate::text::read::decode(Path::new(name), text.as_bytes())?;
    Ok(check_document(&doc, name, settings, None)?.report)
}

/// How much of each candidate text already occurs in the archive: the share of its key characters
/// inside passages of at least `min_chars` found in the archive, each counted twice when the
/// passage is in a speech whose front matter names the same `audience` or `occasion` — so 0–2,
/// 0 = nothing of it in the archive. Formulations count like any other text here. The entry point
/// for `draft --archive`: prefer the variant with the lowest score.
pub fn archive_overlap(
    candidates: &[String],
    audience: Option<&str>,
    occasion: Option<&str>,
    settings: &Settings,
) -> Result<Vec<f64>> {
    let (mut idx, _) = index::open(&settings.archive, false, None)?;
    let mut out = Vec::with_capacity(candidates.len());
    for text in candidates {
        let text = crate::text::placeholder::substitute_templates(text);
        let draft = Draft::new(&text);
        if draft.key.is_empty() {
            out.push(0.0);
            continue;
        }
        let found = match find(&mut idx, &draft, settings) {
            Ok(f) => f,
            Err(Corruption) => {
                drop(idx);
                idx = index::open(&settings.archive, true, None)?.0;
                find(&mut idx, &draft, settings).map_err(|_| Error::usage("索引反复损坏"))?
            }
        };
        let mut weight = vec![0.0f64; draft.key.len()];
        for d in &found.detections {
            let docs = std::iter::once(d.best.0).chain(d.also.iter().copied());
            let same = docs.filter_map(|id| idx.doc(id)).any(|e| {
                (audience.is_some() && e.audience.as_deref() == audience)
                    || (occasion.is_some() && e.occasion.as_deref() == occasion)
            });
            let w = if same { 2.0 } else { 1.0 };
            for p in d.best.1.a.clone() {
                weight[p] = weight[p].max(w);
            }
        }
        out.push(weight.iter().sum::<f64>() / draft.key.len() as f64);
    }
    Ok(out)
}

/// A draft prepared for matching.
struct Draft<'a> {
    text: &'a str,
    folded: Folded,
    key: KeyView,
}

impl<'a> Draft<'a> {
    fn new(text: &'a str) -> Self {
        Self::with_folded(text, fold(text))
    }

    fn of(doc: &'a Document) -> Self {
        Self::with_folded(&doc.text, crate::text::fold::fold_document(doc))
    }

    fn with_folded(text: &'a str, folded: Folded) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let key = key_view_text(&folded, &chars);
        Draft { text, folded, key }
    }
}

/// A bucket failed its checksum during the search.
struct Corruption;

/// One detection before it becomes a [`Match`]: the best (document, passage) and the other
/// documents that hold the same draft passage.
struct Detection {
    best: (u32, KeyPassage),
    also: Vec<u32>,
    kind: Kind,
    point: Option<String>,
}

/// A speech read during the search.
struct Loaded {
    doc: Document,
    folded: Folded,
    key: KeyView,
}

struct Search {
    detections: Vec<Detection>,
    loaded: HashMap<u32, Loaded>,
    speeches: usize,
}

/// Exclusion patterns (globs relative to the archive, `/`-separated) go through globset, with
/// `*` and `?` never crossing a `/` (`2025/*旧稿*` is one folder's drafts); a pattern globset
/// cannot read matches only itself. This is the rule `excluded_ids` applies.
#[cfg(test)]
fn glob_match(pattern: &str, path: &str) -> bool {
    match globset::GlobBuilder::new(pattern).literal_separator(true).build() {
        Ok(g) => g.compile_matcher().is_match(path),
        Err(_) => pattern == path,
    }
}

fn excluded_ids(idx: &Index, settings: &Settings) -> HashSet<u32> {
    let archive_abs = settings.archive.canonicalize().unwrap_or_else(|_| settings.archive.clone());
    let mut pats: Vec<String> = Vec::new();
    let mut files: HashSet<PathBuf> = HashSet::new();
    for e in &settings.exclude {
        if let Ok(c) = e.canonicalize() {
            files.insert(c);
        }
        let rel = e.strip_prefix(&settings.archive).unwrap_or(e);
        pats.push(index::relative(Path::new(""), rel));
        if let Ok(rel2) = e.canonicalize().map(|c| c.strip_prefix(&archive_abs).map(Path::to_path_buf))
            && let Ok(r) = rel2
        {
            pats.push(index::relative(Path::new(""), &r));
        }
    }
    // Compiled once, not once a speech.
    let globs: Vec<globset::GlobMatcher> = pats
        .iter()
        .filter_map(|p| globset::GlobBuilder::new(p).literal_separator(true).build().ok())
        .map(|g| g.compile_matcher())
        .collect();
    idx.docs()
        .iter()
        .filter(|d| {
            globs.iter().any(|g| g.is_match(&d.path))
                || pats.contains(&d.path)
                || (!files.is_empty() && idx.path_of(d).canonicalize().is_ok_and(|c| files.contains(&c)))
        })
        .map(|d| d.id)
        .collect()
}

/// What the search knows about one speech before reading it: its clusters in hash space.
struct Candidate {
    doc: u32,
    /// Longest shared stretch, the verbatim part counted twice (the ranking key).
    score: usize,
    /// Draft key ranges of its clusters.
    clusters: Vec<Range<usize>>,
}

/// Steps 1–2 of the search: the speeches sharing k-grams with the draft, each with its clusters
/// (ranked best first), where in the speech to align (key ranges), and per distinct speech
/// content the draft stretches it shares, for the formulation test.
struct Candidates {
    ranked: Vec<Candidate>,
    windows: FastMap<u32, Vec<Range<usize>>>,
    shared: FastMap<u64, Vec<Range<usize>>>,
}

fn find(idx: &mut Index, draft: &Draft, settings: &Settings) -> std::result::Result<Search, Corruption> {
    let min = settings.min_chars;
    let excluded = excluded_ids(idx, settings);
    let speeches: HashSet<u64> =
        idx.docs().iter().filter(|d| !excluded.contains(&d.id)).map(|d| d.folded_hash).collect();
    let mut found = Search { detections: Vec::new(), loaded: HashMap::new(), speeches: speeches.len() };
    if draft.key.len() < min {
        return Ok(found);
    }
    let seeds = seed_speeches(idx, draft, &excluded)?;
    let Candidates { ranked, mut windows, shared } = candidates(idx, &seeds, min);
    let formula = formula_mask(shared, draft, settings);
    let quote = classify::quote_mask(draft.text, &draft.folded, &draft.key);
    let mut ignored = vec![false; draft.key.len()];
    classify::mark_occurrences(&draft.key, &settings.ignore, &mut ignored);
    let (to_read, twins) = choose_reads(idx, &ranked, draft.key.len());
    let jobs: Vec<(u32, PathBuf, Vec<Range<usize>>)> = to_read
        .iter()
        .filter_map(|&doc| {
            let entry = idx.doc(doc)?;
            Some((doc, idx.path_of(entry), windows.remove(&doc).unwrap_or_default()))
        })
        .collect();
    let all = align_read(&jobs, draft, min, &mut found.loaded);
    let mut dets = one_per_passage(all, min);
    list_twins(&mut dets, idx, &twins);
    // 7. Classify; drop what the user accepted.
    dets.retain(|d| {
        let r = &d.best.1.a;
        let ign = r.clone().filter(|&p| ignored[p]).count();
        ign * 5 < r.len() * 4
    });
    let mut dets = split_marked(dets, draft, &found.loaded, &formula, &quote, min);
    let mut points: Option<PointTable> = None;
    for d in &mut dets {
        if d.kind == Kind::Copied && !settings.phrasebook.points.is_empty() {
            let table = points.get_or_insert_with(|| PointTable::new(&settings.phrasebook));
            d.point = table.point_of(&draft.key, &d.best.1.a, min);
        }
    }
    dets.sort_by_key(|d| d.best.1.a.start);
    found.detections = dets;
    Ok(found)
}

/// Step 1: Every draft k-gram looked up; the hits as seeds per speech (k-grams found in more than
/// [`MAX_HITS_PER_GRAM`] places seed nothing).
fn seed_speeches(
    idx: &mut Index,
    draft: &Draft,
    excluded: &HashSet<u32>,
) -> std::result::Result<FastMap<u32, Vec<Seed>>, Corruption> {
    let grams = kgrams(&draft.key.chars);
    let mut at: FastMap<u64, Vec<u32>> = FastMap::with_capacity_and_hasher(grams.len(), Default::default());
    for &(h, p) in &grams {
        at.entry(h).or_default().push(p);
    }
    let hashes: Vec<u64> = at.keys().copied().collect();
    let mut hits = idx.lookup(&hashes).map_err(|_| Corruption)?;
    if !excluded.is_empty() {
        hits.retain(|h| !excluded.contains(&h.doc));
    }
    let mut per_hash: FastMap<u64, usize> =
        FastMap::with_capacity_and_hasher(hashes.len(), Default::default());
    for h in &hits {
        *per_hash.entry(h.hash).or_default() += 1;
    }
    let mut seeds: FastMap<u32, Vec<Seed>> = FastMap::default();
    for h in &hits {
        if per_hash[&h.hash] > MAX_HITS_PER_GRAM {
            continue;
        }
        let s = seeds.entry(h.doc).or_default();
        for &p in &at[&h.hash] {
            s.push(Seed { a: p, b: h.pos });
        }
    }
    Ok(seeds)
}

/// Step 2: Seeds per speech chained in hash space (no text read yet) into clusters.
fn candidates(idx: &Index, seeds: &FastMap<u32, Vec<Seed>>, min: usize) -> Candidates {
    let mut out = Candidates {
        ranked: Vec::new(),
        windows: FastMap::with_capacity_and_hasher(seeds.len(), Default::default()),
        shared: FastMap::with_capacity_and_hasher(seeds.len(), Default::default()),
    };
    for (doc, s) in seeds {
        let Some(entry) = idx.doc(*doc) else { continue };
        let found: Vec<align::Cluster> =
            align::clusters(s).into_iter().filter(|c| c.seeds >= 2 && c.a.len() * 2 >= min).collect();
        if found.is_empty() {
            continue;
        }
        // Room around each cluster for extension, reorder and the edits between seeds.
        let pad = 2 * align::REORDER + 2 * min;
        out.windows
            .insert(*doc, found.iter().map(|c| c.b.start.saturating_sub(pad)..c.b.end + pad).collect());
        // A speech supports a formulation only where it shares the text itself: the stretches
        // its k-grams cover, not the gaps a cluster bridges between scattered common phrases
        // (which would mark a whole pasted passage as formula when its pieces are common).
        // Runs one short gap apart are one stretch: a formulation with a slot (来X考察) recurs
        // around a word that varies, so no speech shares the whole of it verbatim.
        let shared = found.iter().flat_map(|c| bridge_slots(&c.runs_a)).filter(|r| r.len() + 4 >= min);
        out.shared.entry(entry.folded_hash).or_default().extend(shared);
        // Ranked by the longest shared stretch, not the total: a speech sharing one long passage
        // matters more than one sharing many scattered formulations. Within a stretch the text
        // shared verbatim counts again: when many speeches share a passage's frame (a resolution
        // of every year, bridged between its common phrases), the one it was pasted from shares
        // the words between too and must be read before the per-position limit fills up.
        let score: usize = found
            .iter()
            .map(|c| c.a.len() + c.runs_a.iter().map(|r| r.len()).sum::<usize>())
            .max()
            .unwrap_or(0);
        let clusters: Vec<Range<usize>> = found.into_iter().map(|c| c.a).collect();
        out.ranked.push(Candidate { doc: *doc, score, clusters });
    }
    out.ranked.sort_by(|x, y| y.score.cmp(&x.score).then(x.doc.cmp(&y.doc)));
    out
}

/// Step 3: Draft positions that are formulations: shared by at least `formula_min_speeches` distinct
/// speeches (copies of one speech count once), or listed.
fn formula_mask(
    mut shared: FastMap<u64, Vec<Range<usize>>>,
    draft: &Draft,
    settings: &Settings,
) -> Vec<bool> {
    let n = draft.key.len();
    let mut support = vec![0i32; n + 1];
    for ranges in shared.values_mut() {
        ranges.sort_by_key(|r| r.start);
        let mut cur: Option<Range<usize>> = None;
        for r in ranges.drain(..) {
            match &mut cur {
                Some(c) if r.start <= c.end => c.end = c.end.max(r.end),
                _ => {
                    if let Some(c) = cur.take() {
                        support[c.start.min(n)] += 1;
                        support[c.end.min(n)] -= 1;
                    }
                    cur = Some(r);
                }
            }
        }
        if let Some(c) = cur {
            support[c.start.min(n)] += 1;
            support[c.end.min(n)] -= 1;
        }
    }
    let mut formula = vec![false; n];
    let mut running = 0;
    for (p, f) in formula.iter_mut().enumerate() {
        running += support[p];
        *f = running as usize >= settings.formula_min_speeches;
    }
    classify::mark_occurrences(&draft.key, &settings.phrasebook.formulas, &mut formula);
    formula
}

/// Step 4: The best few speeches per draft position ([`READ_PER_POSITION`], at most [`READ_AT_MOST`]
/// in all), and the twins (same folded content) of each, read once for all of them.
fn choose_reads(idx: &Index, ranked: &[Candidate], n: usize) -> (Vec<u32>, FastMap<u64, Vec<u32>>) {
    let mut read_cover = vec![0u8; n];
    let mut twins: FastMap<u64, Vec<u32>> = FastMap::default();
    let mut to_read: Vec<u32> = Vec::new();
    for c in ranked {
        let fh = idx.doc(c.doc).map(|d| d.folded_hash).unwrap_or(0);
        if let Some(t) = twins.get_mut(&fh) {
            t.push(c.doc);
            continue;
        }
        if to_read.len() >= READ_AT_MOST {
            break;
        }
        let useful =
            c.clusters.iter().any(|r| r.clone().any(|p| (read_cover[p] as usize) < READ_PER_POSITION));
        if !useful {
            continue;
        }
        for r in &c.clusters {
            for p in r.clone() {
                read_cover[p] = read_cover[p].saturating_add(1);
            }
        }
        twins.insert(fh, vec![c.doc]);
        to_read.push(c.doc);
    }
    (to_read, twins)
}

/// Step 5: Each chosen speech read and aligned with the draft. Reading, folding and aligning a speech
/// is most of a warm check and each is independent: they run on a few threads, results in order.
/// The speeches read are kept in `loaded`.
fn align_read(
    jobs: &[(u32, PathBuf, Vec<Range<usize>>)],
    draft: &Draft,
    min: usize,
    loaded: &mut HashMap<u32, Loaded>,
) -> Vec<(u32, KeyPassage)> {
    type Read = Option<(Vec<KeyPassage>, Loaded)>;
    let read_one = |(_, path, w): &(u32, PathBuf, Vec<Range<usize>>)| -> Read {
        let bytes = crate::limits::read(path, crate::limits::Kind::of_speech(path)).ok()?;
        let d = index::read_document(path, &bytes).ok()?;
        let (folded, key) = index::document_key(&d);
        let passages = align::align_keys_in(&draft.key, &key, w, min);
        Some((passages, Loaded { doc: d, folded, key }))
    };
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4).min(jobs.len());
    let results: Vec<Read> = if workers <= 1 {
        jobs.iter().map(read_one).collect()
    } else {
        let next = std::sync::atomic::AtomicUsize::new(0);
        let mut slots: Vec<Read> = (0..jobs.len()).map(|_| None).collect();
        let done: Vec<Vec<(usize, Read)>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..workers)
                .map(|_| {
                    s.spawn(|| {
                        let mut out = Vec::new();
                        loop {
                            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(job) = jobs.get(i) else { break };
                            out.push((i, read_one(job)));
                        }
                        out
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
        });
        for (i, r) in done.into_iter().flatten() {
            slots[i] = r;
        }
        slots
    };
    let mut all: Vec<(u32, KeyPassage)> = Vec::new();
    for ((doc, _, _), r) in jobs.iter().zip(results) {
        let Some((passages, l)) = r else { continue };
        all.extend(passages.into_iter().map(|p| (*doc, p)));
        loaded.insert(*doc, l);
    }
    all
}

/// Step 6: One detection per draft passage: the strongest source first, the rest listed with it; a
/// passage mostly inside ones already placed is dropped.
fn one_per_passage(mut all: Vec<(u32, KeyPassage)>, min: usize) -> Vec<Detection> {
    all.sort_by(|x, y| {
        y.1.covered_a.cmp(&x.1.covered_a).then(y.1.similarity.total_cmp(&x.1.similarity)).then(x.0.cmp(&y.0))
    });
    let mut dets: Vec<Detection> = Vec::new();
    for (doc, p) in all {
        let mut placed = false;
        let mut overlap_total = 0;
        for d in &mut dets {
            let ov = align::overlap_len(&d.best.1.a, &p.a);
            overlap_total += ov;
            if ov * 2 >= p.a.len().min(d.best.1.a.len()) && ov > 0 {
                if d.best.0 != doc && !d.also.contains(&doc) {
                    d.also.push(doc);
                }
                placed = true;
                break;
            }
        }
        if placed || p.a.len().saturating_sub(overlap_total) < min {
            continue;
        }
        dets.push(Detection { best: (doc, p), also: Vec::new(), kind: Kind::Copied, point: None });
    }
    dets
}

/// Twins of every listed speech are listed too.
fn list_twins(dets: &mut [Detection], idx: &Index, twins: &FastMap<u64, Vec<u32>>) {
    for d in dets {
        let mut extra = Vec::new();
        for id in std::iter::once(d.best.0).chain(d.also.iter().copied()) {
            let fh = idx.doc(id).map(|e| e.folded_hash).unwrap_or(0);
            if let Some(t) = twins.get(&fh) {
                extra.extend(t.iter().copied().filter(|&x| x != id));
            }
        }
        for x in extra {
            if x != d.best.0 && !d.also.contains(&x) {
                d.also.push(x);
            }
        }
    }
}

/// The widest gap between two shared runs of one cluster still read as a slot: the longest slot
/// word, plus what winnowing may leave unseeded next to it.
const SLOT_GAP: usize = 4 + crate::reuse::fingerprint::WINDOW - 1;

/// A cluster's shared runs (draft positions) with the gaps of at most [`SLOT_GAP`] between them
/// closed: the stretches a speech shares with the draft but for a varying word.
fn bridge_slots(runs: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut v = runs.to_vec();
    v.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(v.len());
    for r in v {
        match out.last_mut() {
            Some(last) if r.start <= last.end + SLOT_GAP => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Each detection classified; one partly a formulation or quote at an end is split there
/// ([`classify::pieces`]), each piece with the stretch of the source it aligns with.
fn split_marked(
    dets: Vec<Detection>,
    draft: &Draft,
    loaded: &HashMap<u32, Loaded>,
    formula: &[bool],
    quote: &[bool],
    min: usize,
) -> Vec<Detection> {
    let mut out = Vec::with_capacity(dets.len());
    for d in dets {
        let ps = classify::pieces(&d.best.1.a, formula, quote, min);
        if ps.len() == 1 {
            out.push(Detection { kind: ps[0].1, ..d });
            continue;
        }
        let src = loaded.get(&d.best.0).map(|l| &l.key.chars[..]);
        for (a, kind) in ps {
            let b = match src {
                Some(s) => source_of(&draft.key.chars, s, &d.best.1, &a),
                None => d.best.1.b.clone(),
            };
            let p = KeyPassage { a: a.clone(), b, similarity: d.best.1.similarity, covered_a: a.len() };
            out.push(Detection { best: (d.best.0, p), also: d.also.clone(), kind, point: None });
        }
    }
    out
}

/// The stretch of the source that the draft piece `a` of passage `p` aligns with: from the first
/// to the last k-gram the piece shares with the source passage, or the proportional stretch when
/// it shares none.
fn source_of(draft: &[char], src: &[char], p: &KeyPassage, a: &Range<usize>) -> Range<usize> {
    let b = p.b.start.min(src.len())..p.b.end.min(src.len());
    let seeds = align::seeds_between(&draft[a.clone()], &src[b.clone()]);
    let k = crate::reuse::fingerprint::K;
    let lo = seeds.iter().map(|s| s.b as usize).min();
    let hi = seeds.iter().map(|s| s.b as usize + k).max();
    match (lo, hi) {
        (Some(lo), Some(hi)) => {
            // Stretched by what the piece has before its first and after its last shared k-gram.
            let first_a = seeds.iter().map(|s| s.a as usize).min().unwrap_or(0);
            let last_a = seeds.iter().map(|s| s.a as usize + k).max().unwrap_or(a.len());
            let start = (b.start + lo).saturating_sub(first_a).max(b.start);
            let end = (b.start + hi + a.len().saturating_sub(last_a)).min(b.end);
            start..end.max(start)
        }
        _ => {
            let scale = |x: usize| b.start + (x - p.a.start) * b.len() / p.a.len().max(1);
            scale(a.start)..scale(a.end)
        }
    }
}

/// The phrasebook's variants folded once per check, with a table of their k-grams: a passage is
/// aligned only with the few variants it shares a k-gram with, not with every variant.
struct PointTable<'a> {
    /// (point id, key view of one variant)
    variants: Vec<(&'a str, KeyView)>,
    /// k-gram hash → variants holding it.
    grams: FastMap<u64, Vec<u32>>,
}

impl<'a> PointTable<'a> {
    fn new(pb: &'a PhrasebookTexts) -> Self {
        let mut variants = Vec::new();
        let mut grams: FastMap<u64, Vec<u32>> = FastMap::default();
        for (id, texts) in &pb.points {
            for v in texts {
                let key = key_view(&fold(v));
                let i = variants.len() as u32;
                for (h, _) in kgrams(&key.chars) {
                    let list = grams.entry(h).or_default();
                    if list.last() != Some(&i) {
                        list.push(i);
                    }
                }
                variants.push((id.as_str(), key));
            }
        }
        PointTable { variants, grams }
    }

    /// The point whose variant covers most of the draft passage, if any covers half of it.
    fn point_of(&self, key: &KeyView, range: &Range<usize>, min: usize) -> Option<String> {
        let passage = KeyView {
            chars: key.chars[range.clone()].to_vec(),
            at: (0..range.len() as u32).collect(),
            brk: key.brk[range.clone()].to_vec(),
        };
        let mut candidates: Vec<u32> =
            kgrams(&passage.chars).iter().filter_map(|(h, _)| self.grams.get(h)).flatten().copied().collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(usize, &str)> = None;
        for i in candidates {
            let (id, vk) = &self.variants[i as usize];
            let cov: usize = align::align_keys(&passage, vk, min).iter().map(|p| p.a.len()).sum();
            if cov * 2 >= range.len() && best.is_none_or(|(c, _)| cov > c) {
                best = Some((cov, id));
            }
        }
        best.map(|(_, id)| id.to_string())
    }
}

/// The draft's characters and which kind covers each (the smallest kind where several do).
struct Coverage {
    chars: Vec<char>,
    kind: Vec<Option<Kind>>,
    /// Per source speech: which draft characters it is the copied source of.
    copied_by_source: HashMap<u32, Vec<bool>>,
}

impl Coverage {
    /// Non-whitespace characters whose kind satisfies `pred`.
    fn count(&self, pred: impl Fn(Option<Kind>) -> bool) -> usize {
        self.kind.iter().zip(&self.chars).filter(|(k, c)| pred(**k) && !c.is_whitespace()).count()
    }
}

fn build_report(name: &str, draft: &Draft, idx: &Index, found: Search, settings: &Settings) -> Report {
    let lines = LineIndex::new(draft.text);
    let (matches, cover) = matches_of(draft, idx, &found, &lines);
    let total = cover.chars.iter().filter(|c| !c.is_whitespace()).count();
    let ratio = |n: usize| if total == 0 { 0.0 } else { round4(n as f64 / total as f64) };
    let copied = cover.count(|k| k == Some(Kind::Copied));
    let any = cover.count(|k| k.is_some());
    let formula = cover.count(|k| k == Some(Kind::Formula));
    let quote = cover.count(|k| k == Some(Kind::Quote));
    let sources = source_shares(&found, idx, &cover, &ratio);
    let sections = section_shares(draft.text, &lines, &cover);
    let reuse_ratio = ratio(copied);
    Report {
        version: super::report::FORMAT_VERSION,
        draft: name.to_string(),
        chars: total,
        reuse_ratio,
        reuse_ratio_all: ratio(any),
        sources,
        sections,
        matches,
        view: CheckView {
            draft_text: draft.text.to_string(),
            archive: crate::error::display_path(&settings.archive),
            archive_speeches: found.speeches,
            max_reuse: settings.max_reuse,
            exceeds: reuse_ratio * 100.0 > settings.max_reuse + 1e-9,
            formula_ratio: ratio(formula),
            quote_ratio: ratio(quote),
        },
    }
}

fn source_path(idx: &Index, e: &DocEntry) -> String {
    crate::error::display_path(&idx.path_of(e))
}

/// Each detection as a [`Match`] in original-text offsets on both sides, with the side-by-side
/// view, and the draft characters each kind covers.
fn matches_of(draft: &Draft, idx: &Index, found: &Search, lines: &LineIndex) -> (Vec<Match>, Coverage) {
    let chars: Vec<char> = draft.text.chars().collect();
    let mut cover = Coverage { kind: vec![None; chars.len()], chars, copied_by_source: HashMap::new() };
    let mut matches = Vec::new();
    for d in &found.detections {
        let (doc, p) = &d.best;
        let Some(l) = found.loaded.get(doc) else { continue };
        let Some(entry) = idx.doc(*doc) else { continue };
        let fa = draft.key.folded_range(p.a.start, p.a.end);
        let fb = l.key.folded_range(p.b.start, p.b.end);
        let da = draft.folded.original_span(fa.start, fa.end);
        let sb = l.folded.original_span(fb.start, fb.end);
        for m in cover.kind[da.start..da.end].iter_mut() {
            *m = Some(match *m {
                Some(k) => k.min(d.kind),
                None => d.kind,
            });
        }
        if d.kind == Kind::Copied {
            let n = cover.chars.len();
            let v = cover.copied_by_source.entry(*doc).or_insert_with(|| vec![false; n]);
            v[da.start..da.end].iter_mut().for_each(|x| *x = true);
        }
        let (dp, sp) = side_by_side(da.slice(draft.text), sb.slice(&l.doc.text));
        let src_lines = LineIndex::new(&l.doc.text);
        let mut also: Vec<String> =
            d.also.iter().filter_map(|id| idx.doc(*id)).map(|e| source_path(idx, e)).collect();
        also.sort();
        also.dedup();
        matches.push(Match {
            draft_start: da.start,
            draft_end: da.end,
            draft_line: lines.line(da.start),
            source: source_path(idx, entry),
            source_start: sb.start,
            source_end: sb.end,
            source_line: src_lines.line(sb.start),
            kind: d.kind,
            similarity: (p.similarity * 1000.0).round() / 1000.0,
            point: d.point.clone(),
            also_in: also,
            side: SideBySide {
                draft: dp,
                source: sp,
                source_title: entry.title.clone(),
                source_date: entry.date.clone(),
            },
        });
    }
    (matches, cover)
}

/// The share of the draft each best source is the copied source of, largest first.
fn source_shares(
    found: &Search,
    idx: &Index,
    cover: &Coverage,
    ratio: &dyn Fn(usize) -> f64,
) -> Vec<SourceShare> {
    let mut sources: Vec<SourceShare> = Vec::new();
    let mut seen = HashSet::new();
    for d in &found.detections {
        if !seen.insert(d.best.0) {
            continue;
        }
        let Some(e) = idx.doc(d.best.0) else { continue };
        let n = cover
            .copied_by_source
            .get(&d.best.0)
            .map(|v| v.iter().zip(&cover.chars).filter(|(x, c)| **x && !c.is_whitespace()).count())
            .unwrap_or(0);
        sources.push(SourceShare {
            path: source_path(idx, e),
            title: e.title.clone(),
            date: e.date.clone(),
            ratio: ratio(n),
        });
    }
    sources.sort_by(|a, b| b.ratio.total_cmp(&a.ratio).then(a.path.cmp(&b.path)));
    sources
}

/// The copied share of each section of the draft ([`sections_of`]).
fn section_shares(text: &str, lines: &LineIndex, cover: &Coverage) -> Vec<SectionShare> {
    let mut nonspace_prefix = Vec::with_capacity(cover.chars.len() + 1);
    let mut acc = 0u32;
    nonspace_prefix.push(0);
    for c in &cover.chars {
        acc += !c.is_whitespace() as u32;
        nonspace_prefix.push(acc);
    }
    sections_of(text, lines)
        .into_iter()
        .map(|(heading, r)| {
            let chars = (nonspace_prefix[r.end] - nonspace_prefix[r.start]) as usize;
            let cop = (r.clone())
                .filter(|&i| cover.kind[i] == Some(Kind::Copied) && !cover.chars[i].is_whitespace())
                .count();
            SectionShare {
                heading,
                start: r.start,
                end: r.end,
                ratio: if chars == 0 { 0.0 } else { round4(cop as f64 / chars as f64) },
            }
        })
        .collect()
}

/// A heading line longer than this is running text that happens to start with a number.
const SECTION_HEADING_MAX: usize = 60;

/// The draft's sections: from each top-level numbered heading ([`Speech::parse`]'s headings of
/// the smallest level used) to the next, plus the opening before the first when it has text.
pub fn sections_of(text: &str, lines: &LineIndex) -> Vec<(String, Range<usize>)> {
    let speech = Speech::parse(text);
    let heads: Vec<(u8, usize, String)> = speech
        .blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Heading { level, .. } if b.text.chars().count() <= SECTION_HEADING_MAX => {
                Some((level, lines.line_start(lines.line(b.span.start)), b.text.clone()))
            }
            _ => None,
        })
        .collect();
    let Some(top) = heads.iter().map(|h| h.0).min() else { return Vec::new() };
    let heads: Vec<(usize, String)> = heads.into_iter().filter(|h| h.0 == top).map(|h| (h.1, h.2)).collect();
    let end = lines.len_chars();
    let mut out = Vec::new();
    let opening = text.chars().take(heads[0].0).filter(|c| !c.is_whitespace()).count();
    if opening > 0 {
        out.push(("（开篇）".to_string(), 0..heads[0].0));
    }
    for (i, (start, heading)) in heads.iter().enumerate() {
        let stop = heads.get(i + 1).map(|h| h.0).unwrap_or(end);
        out.push((heading.clone(), *start..stop));
    }
    out
}

/// The two passages split into same / changed pieces (character diff), for display.
pub fn side_by_side(a: &str, b: &str) -> (Vec<Piece>, Vec<Piece>) {
    let diff = similar::TextDiff::configure().algorithm(similar::Algorithm::Myers).diff_chars(a, b);
    let mut left: Vec<Piece> = Vec::new();
    let mut right: Vec<Piece> = Vec::new();
    let push = |v: &mut Vec<Piece>, text: &str, changed: bool| {
        if let Some(last) = v.last_mut()
            && last.changed == changed
        {
            last.text.push_str(text);
        } else {
            v.push(Piece { text: text.to_string(), changed });
        }
    };
    for change in diff.iter_all_changes() {
        let t = change.value();
        match change.tag() {
            similar::ChangeTag::Equal => {
                push(&mut left, t, false);
                push(&mut right, t, false);
            }
            similar::ChangeTag::Delete => push(&mut left, t, true),
            similar::ChangeTag::Insert => push(&mut right, t, true),
        }
    }
    (left, right)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEECH: &str = "---\ntitle: 欢迎讲话\ndate: 2025-03-18\naudience: 挂职干部\n---\n挂职干部扎根基层，把先进理念和管理经验带到了一线，赢得了干部群众的广泛赞誉。\n";
    const OTHER: &str = "安全生产是发展的底线，也是民生的红线，各级各部门要认真落实安全生产责任制。\n";

    fn archive() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("2025-03-18-欢迎讲话.md"), SPEECH).unwrap();
        std::fs::write(dir.path().join("安全.txt"), OTHER).unwrap();
        dir
    }

    #[test]
    fn archive_overlap_prefers_fresh_text_and_weighs_the_same_audience() {
        let dir = archive();
        let s = Settings::new(dir.path());
        let old = "挂职干部扎根基层，把先进理念和管理经验带到了一线，赢得了干部群众的广泛赞誉。".to_string();
        let fresh = "各位同志来到{{ place }}以后，走村入户、问需于民，很快就和当地干部打成一片。".to_string();
        let plain = archive_overlap(&[old.clone(), fresh.clone()], None, None, &s).unwrap();
        assert!(plain[0] > 0.9, "{plain:?}");
        assert_eq!(plain[1], 0.0);
        let same = archive_overlap(&[old, fresh], Some("挂职干部"), None, &s).unwrap();
        assert!(same[0] > 1.8 && same[1] == 0.0, "{same:?}");
    }

    #[test]
    fn check_text_reports_offsets_into_the_given_text() {
        let dir = archive();
        let s = Settings::new(dir.path());
        let draft =
            "同志们：\n今年，挂职干部扎根基层，把先进理念和管理经验带到了一线，赢得了干部群众的广泛赞誉。\n";
        let r = check_text(draft, "新稿.txt", &s).unwrap();
        assert_eq!(r.matches.len(), 1);
        let m = &r.matches[0];
        assert_eq!(
            crate::text::Span::<char>::new(m.draft_start, m.draft_end).slice(draft),
            "挂职干部扎根基层，把先进理念和管理经验带到了一线，赢得了干部群众的广泛赞誉"
        );
        // Offsets into the source include its front matter, as decoded.
        assert_eq!(
            crate::text::Span::<char>::new(m.source_start, m.source_end).slice(SPEECH),
            "挂职干部扎根基层，把先进理念和管理经验带到了一线，赢得了干部群众的广泛赞誉"
        );
        assert_eq!(m.source_line, 6);
        assert!(r.view.exceeds);
        assert_eq!(r.sources[0].title, "欢迎讲话");
    }

    #[test]
    fn a_copied_passage_names_the_phrasebook_point_it_came_from() {
        let dir = archive();
        let mut s = Settings::new(dir.path());
        s.phrasebook.points = vec![
            (
                "hopes.rooted".into(),
                vec![crate::text::placeholder::substitute_templates(
                    "{{ partner }}的挂职干部扎根基层，把先进理念和管理经验带到了一线，赢得了干部群众的广泛赞誉。",
                )],
            ),
            ("safety.redline".into(), vec!["安全生产是发展的底线。".into()]),
        ];
        let draft =
            "我们看到，挂职干部扎根基层，把先进理念和管理经验带到了一线，赢得了干部群众的广泛赞誉。\n";
        let r = check_text(draft, "新稿.txt", &s).unwrap();
        assert_eq!(r.matches.len(), 1);
        assert_eq!(r.matches[0].point.as_deref(), Some("hopes.rooted"));
    }

    #[test]
    fn glob_matches_paths() {
        assert!(glob_match("2024/*.md", "2024/a.md"));
        assert!(glob_match("2025/*旧稿*", "2025/讲话旧稿一.txt"));
        assert!(!glob_match("*旧稿*", "2025/讲话旧稿一.txt"), "* stops at a folder");
        assert!(!glob_match("2024/*.md", "2025/a.md"));
        assert!(glob_match("a?.txt", "ab.txt"));
    }

    #[test]
    fn runs_one_short_gap_apart_are_one_stretch() {
        assert_eq!(bridge_slots(&[12..20, 0..8, 9..11]), vec![0..8 + 12]);
        assert_eq!(bridge_slots(&[0..8, 8 + SLOT_GAP + 1..30]), [0..8, 8 + SLOT_GAP + 1..30]);
    }

    /// Seven speeches holding one frame around a place that varies, each otherwise its own.
    fn slot_archive() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let places = ["苏", "浙", "皖", "闽", "赣", "鲁", "豫"];
        let tails = [
            "把招商引资作为一号工程，盯住龙头企业和产业链关键环节。",
            "把城乡融合摆在突出位置，推动县城补短板强弱项。",
            "抓好粮食生产，稳住播种面积，提高单产水平。",
            "持续优化营商环境，让经营主体放心投资、安心经营。",
            "加快建设现代化产业体系，培育一批专精特新企业。",
            "扎实推进乡村全面振兴，办好群众身边的实事。",
            "守牢安全生产底线，抓实重点行业领域隐患排查。",
        ];
        for (i, (p, t)) in places.iter().zip(tails).enumerate() {
            let text = format!("同志们：\n深入学习领会总书记来{p}考察时提出的一系列新要求，{t}\n");
            std::fs::write(dir.path().join(format!("讲话{i}.txt")), text).unwrap();
        }
        dir
    }

    #[test]
    fn a_frame_recurring_around_a_varying_place_is_a_formulation() {
        let dir = slot_archive();
        let s = Settings::new(dir.path());
        // The frame with 苏 is in one speech verbatim, with other places in six more.
        let draft =
            "各位代表：\n我们要深入学习领会总书记来苏考察时提出的一系列新要求，全力以赴拼经济、促发展。\n";
        let r = check_text(draft, "新稿.txt", &s).unwrap();
        assert!(!r.matches.is_empty());
        assert!(r.matches.iter().all(|m| m.kind == Kind::Formula), "{:?}", r.matches);
        assert_eq!(r.reuse_ratio, 0.0);
    }

    #[test]
    fn only_the_formulation_at_the_start_of_a_pasted_passage_is_formula() {
        let dir = slot_archive();
        let mut s = Settings::new(dir.path());
        // Listed, so its edges are exact (the index samples k-grams: found from the archive alone,
        // a formulation's first or last character may go unseen and stay with the copied text).
        s.phrasebook.formulas.push("深入学习领会总书记来{地名}考察时提出的一系列新要求".into());
        let draft = "各位代表：\n深入学习领会总书记来赣考察时提出的一系列新要求，加快建设现代化产业体系，培育一批专精特新企业。\n";
        let r = check_text(draft, "新稿.txt", &s).unwrap();
        let kinds: Vec<Kind> = r.matches.iter().map(|m| m.kind).collect();
        assert_eq!(kinds, [Kind::Formula, Kind::Copied], "{:?}", r.matches);
        let copied = &r.matches[1];
        let piece = |a: usize, b: usize, t: &str| crate::text::Span::<char>::new(a, b).slice(t).to_string();
        let tail = "加快建设现代化产业体系，培育一批专精特新企业";
        let got = piece(copied.draft_start, copied.draft_end, draft);
        assert_eq!(got, tail);
        let src = std::fs::read_to_string(dir.path().join("讲话4.txt")).unwrap();
        assert_eq!(piece(copied.source_start, copied.source_end, &src), got);
    }
}
