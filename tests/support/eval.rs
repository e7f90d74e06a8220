// Evaluation in the PAN text-alignment manner: passages taken from archive speeches, obfuscated,
// pasted into host drafts; detections scored by precision, recall, granularity and plagdet
// (Potthast et al., "An Evaluation Framework for Plagiarism Detection", 2010).
//
// Shared by tests/reuse_eval.rs (small, own texts, asserts the bar) and benches/reuse_eval.rs
// (the corpus, prints the table).

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

/// Deterministic xorshift64*: the same cases on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() % 10_000) as f64 / 10_000.0 < p
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Obf {
    Exact,
    Light,
    Heavy,
    Traditional,
    Pinyin,
    Layout,
    Placeholder,
    Reorder,
}

impl Obf {
    pub const ALL: [Obf; 8] = [
        Obf::Exact,
        Obf::Light,
        Obf::Heavy,
        Obf::Traditional,
        Obf::Pinyin,
        Obf::Layout,
        Obf::Placeholder,
        Obf::Reorder,
    ];
    pub fn name(self) -> &'static str {
        match self {
            Obf::Exact => "exact",
            Obf::Light => "light edits",
            Obf::Heavy => "heavy edits",
            Obf::Traditional => "traditional",
            Obf::Pinyin => "pinyin glosses",
            Obf::Layout => "punct/space/wraps",
            Obf::Placeholder => "placeholders",
            Obf::Reorder => "clause reorder",
        }
    }
}

/// One pasted passage: where it is in the draft and where it came from (scalar offsets).
#[derive(Debug, Clone)]
pub struct Truth {
    pub draft: Range<usize>,
    pub source: String,
    pub source_span: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Case {
    pub obf: Option<Obf>,
    pub name: String,
    pub text: String,
    pub truth: Vec<Truth>,
}

/// A detection as the checker reports it.
#[derive(Debug, Clone)]
pub struct Detection {
    pub draft: Range<usize>,
    pub source: String,
    pub source_span: Range<usize>,
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

fn is_soft(c: char) -> bool {
    c.is_whitespace() || "，。、；：！？“”‘’（）《》,.;:!?()—…".contains(c)
}

/// Shrink a span of `chars` so it neither starts nor ends with punctuation or whitespace.
pub fn trim(chars: &[char], mut r: Range<usize>) -> Range<usize> {
    while r.start < r.end && is_soft(chars[r.start]) {
        r.start += 1;
    }
    while r.end > r.start && is_soft(chars[r.end - 1]) {
        r.end -= 1;
    }
    r
}

/// Sentence ends (exclusive offsets) in `chars`.
fn sentence_ends(chars: &[char]) -> Vec<usize> {
    let mut v: Vec<usize> = chars
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c, '。' | '！' | '？' | '\n'))
        .map(|(i, _)| i + 1)
        .collect();
    v.dedup();
    v
}

/// A passage of whole sentences, `lo..hi` Han characters long, from `text`.
pub fn pick_passage(rng: &mut Rng, text: &str, lo: usize, hi: usize) -> Option<Range<usize>> {
    let chars: Vec<char> = text.chars().collect();
    let mut ends = vec![0];
    ends.extend(sentence_ends(&chars));
    for _ in 0..40 {
        let i = rng.below(ends.len().saturating_sub(1));
        let start = ends[i];
        for &end in &ends[i + 1..] {
            let han = chars[start..end].iter().filter(|&&c| is_han(c)).count();
            if han > hi {
                break;
            }
            if han >= lo {
                let mut r = trim(&chars, start..end);
                // A salutation or heading before a break (同志们：) is not part of a passage.
                if let Some(b) = chars[r.clone()].iter().position(|&c| matches!(c, '：' | '\n'))
                    && chars[r.start..r.start + b].iter().filter(|&&c| is_han(c)).count() < 6
                {
                    r = trim(&chars, r.start + b + 1..r.end);
                }
                // Skip front-matter-like or heading-only pieces.
                if chars[r.clone()].iter().filter(|&&c| c == '，').count() >= 1 {
                    return Some(r);
                }
                break;
            }
        }
    }
    None
}

const POOL: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研";

fn random_han(rng: &mut Rng) -> char {
    let pool: Vec<char> = POOL.chars().collect();
    pool[rng.below(pool.len())]
}

const SYLLABLES: [&str; 12] =
    ["xié", "zuò", "fā", "zhǎn", "jiàn", "shè", "gǎi", "gé", "chuàng", "xīn", "mín", "shēng"];

/// Apply one obfuscation to a passage.
pub fn obfuscate(rng: &mut Rng, passage: &str, obf: Obf, s2t: &dyn Fn(&str) -> String) -> String {
    let chars: Vec<char> = passage.chars().collect();
    match obf {
        Obf::Exact => passage.to_string(),
        Obf::Light => edit_every(rng, &chars, 30),
        Obf::Heavy => edit_every(rng, &chars, 12),
        Obf::Traditional => s2t(passage),
        Obf::Pinyin => {
            let mut out = String::new();
            let mut since = 0;
            for &c in &chars {
                out.push(c);
                since += 1;
                if is_han(c) && since >= 6 && rng.chance(0.3) {
                    let s = SYLLABLES[rng.below(SYLLABLES.len())];
                    if rng.chance(0.5) {
                        out.push_str(&format!("({s})"))
                    } else {
                        out.push_str(&format!("（{s}）"))
                    }
                    since = 0;
                }
            }
            out
        }
        Obf::Layout => {
            let mut out = String::new();
            let mut line = 0;
            let wrap = 18 + rng.below(10);
            for &c in &chars {
                match c {
                    '，' if rng.chance(0.4) => out.push('、'),
                    '，' if rng.chance(0.3) => out.push_str("，，"),
                    '。' if rng.chance(0.5) => out.push('；'),
                    '、' => out.push('，'),
                    _ => out.push(c),
                }
                if matches!(c, '，' | '。') && rng.chance(0.3) {
                    out.push(' ');
                }
                line += 1;
                if line >= wrap && is_han(c) {
                    out.push('\n');
                    line = 0;
                }
            }
            out
        }
        Obf::Placeholder => {
            let mut out = chars.clone();
            let marks = ["××", "☆☆", "某某", "XX"];
            let n = 1 + rng.below(2);
            let mut done = 0;
            for _ in 0..30 {
                if done == n || out.len() < 20 {
                    break;
                }
                let at = 3 + rng.below(out.len() - 8);
                let len = 2 + rng.below(2);
                if out[at..at + len].iter().all(|&c| is_han(c)) {
                    let m: Vec<char> = marks[rng.below(marks.len())].chars().collect();
                    out.splice(at..at + len, m);
                    done += 1;
                }
            }
            out.into_iter().collect()
        }
        Obf::Reorder => {
            // Swap two adjacent clauses inside the longest sentence that has them.
            let text: String = chars.iter().collect();
            let mut sentences: Vec<String> = Vec::new();
            let mut cur = String::new();
            for c in text.chars() {
                cur.push(c);
                if matches!(c, '。' | '！' | '？' | '；') {
                    sentences.push(std::mem::take(&mut cur));
                }
            }
            if !cur.is_empty() {
                sentences.push(cur);
            }
            let best = (0..sentences.len()).max_by_key(|&i| sentences[i].matches('，').count());
            if let Some(i) = best {
                let s = &sentences[i];
                let end = s.chars().last().filter(|c| matches!(c, '。' | '！' | '？' | '；'));
                let body: &str = match end {
                    Some(e) => &s[..s.len() - e.len_utf8()],
                    None => s,
                };
                let mut clauses: Vec<&str> = body.split('，').collect();
                if clauses.len() >= 2 {
                    let j = rng.below(clauses.len() - 1);
                    clauses.swap(j, j + 1);
                    let mut t = clauses.join("，");
                    if let Some(e) = end {
                        t.push(e);
                    }
                    sentences[i] = t;
                }
            }
            sentences.concat()
        }
    }
}

fn edit_every(rng: &mut Rng, chars: &[char], every: usize) -> String {
    let mut out: Vec<char> = Vec::with_capacity(chars.len() + chars.len() / every + 1);
    let mut next = every / 2 + rng.below(every / 2);
    for (i, &c) in chars.iter().enumerate() {
        if i == next && is_han(c) {
            match rng.below(3) {
                0 => out.push(random_han(rng)),
                1 => {
                    out.push(c);
                    out.push(random_han(rng));
                }
                _ => {}
            }
            next = i + every - 2 + rng.below(5);
        } else {
            if i == next {
                next += 1;
            }
            out.push(c);
        }
    }
    out.into_iter().collect()
}

/// Paste `passage` into `host` after a sentence end chosen at random; returns the draft and the
/// passage's span in it.
pub fn paste(rng: &mut Rng, host: &str, passage: &str) -> (String, Range<usize>) {
    let chars: Vec<char> = host.chars().collect();
    let ends: Vec<usize> =
        chars.iter().enumerate().filter(|(_, c)| matches!(c, '。' | '\n')).map(|(i, _)| i + 1).collect();
    let at = if ends.is_empty() { chars.len() } else { ends[rng.below(ends.len())] };
    let mut out: String = chars[..at].iter().collect();
    let start = at;
    out.push_str(passage);
    let len = passage.chars().count();
    out.extend(chars[at..].iter());
    let all: Vec<char> = out.chars().collect();
    (out, trim(&all, start..start + len))
}

/// Build cases: for each obfuscation, `per_obf` drafts, each a host with one pasted passage.
pub fn make_cases(
    rng: &mut Rng,
    sources: &[(String, String)],
    hosts: &[(String, String)],
    per_obf: usize,
    lengths: (usize, usize),
    s2t: &dyn Fn(&str) -> String,
) -> Vec<Case> {
    let mut cases = Vec::new();
    for obf in Obf::ALL {
        let mut made = 0;
        let mut tries = 0;
        while made < per_obf && tries < per_obf * 20 {
            tries += 1;
            let (sname, stext) = &sources[rng.below(sources.len())];
            let Some(span) = pick_passage(rng, stext, lengths.0, lengths.1) else { continue };
            let passage: String = stext.chars().skip(span.start).take(span.len()).collect();
            if obf == Obf::Reorder && !passage.contains('，') {
                continue;
            }
            let pasted = obfuscate(rng, &passage, obf, s2t);
            let (hname, htext) = &hosts[rng.below(hosts.len())];
            let (text, draft) = paste(rng, htext, &pasted);
            cases.push(Case {
                obf: Some(obf),
                name: format!("{}-{made}-{hname}", obf.name()),
                text,
                truth: vec![Truth { draft, source: sname.clone(), source_span: span }],
            });
            made += 1;
        }
    }
    cases
}

/// Precision, recall, granularity, plagdet.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scores {
    pub precision: f64,
    pub recall: f64,
    pub granularity: f64,
    pub plagdet: f64,
    pub cases: usize,
    pub detections: usize,
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

fn union_len(v: Vec<Range<usize>>) -> usize {
    jianggao::reuse::align::covered(&v)
}

/// PAN measures over (truth, detections) pairs of the same drafts. A detection detects a case when
/// it names the same source and overlaps it in the draft and in the source.
pub fn score(pairs: &[Scored]) -> Scores {
    let (mut rec_sum, mut prec_sum, mut gran_sum) = (0.0, 0.0, 0.0);
    let (mut n_s, mut n_r, mut n_detected) = (0usize, 0usize, 0usize);
    for (truth, dets) in pairs {
        for s in truth {
            n_s += 1;
            let hits: Vec<&Detection> = dets
                .iter()
                .filter(|r| {
                    r.source == s.source
                        && overlap(&r.draft, &s.draft) > 0
                        && overlap(&r.source_span, &s.source_span) > 0
                })
                .collect();
            if !hits.is_empty() {
                n_detected += 1;
                gran_sum += hits.len() as f64;
            }
            let d = union_len(
                hits.iter()
                    .map(|r| r.draft.start.max(s.draft.start)..r.draft.end.min(s.draft.end))
                    .filter(|r| r.start < r.end)
                    .collect(),
            );
            let src = union_len(
                hits.iter()
                    .map(|r| {
                        r.source_span.start.max(s.source_span.start)..r.source_span.end.min(s.source_span.end)
                    })
                    .filter(|r| r.start < r.end)
                    .collect(),
            );
            rec_sum += (d + src) as f64 / (s.draft.len() + s.source_span.len()) as f64;
        }
        for r in dets {
            n_r += 1;
            let hits: Vec<&Truth> = truth
                .iter()
                .filter(|s| {
                    r.source == s.source
                        && overlap(&r.draft, &s.draft) > 0
                        && overlap(&r.source_span, &s.source_span) > 0
                })
                .collect();
            let d = union_len(
                hits.iter()
                    .map(|s| r.draft.start.max(s.draft.start)..r.draft.end.min(s.draft.end))
                    .filter(|x| x.start < x.end)
                    .collect(),
            );
            let src = union_len(
                hits.iter()
                    .map(|s| {
                        r.source_span.start.max(s.source_span.start)..r.source_span.end.min(s.source_span.end)
                    })
                    .filter(|x| x.start < x.end)
                    .collect(),
            );
            prec_sum += (d + src) as f64 / (r.draft.len() + r.source_span.len()).max(1) as f64;
        }
    }
    let precision = if n_r == 0 { 1.0 } else { prec_sum / n_r as f64 };
    let recall = if n_s == 0 { 1.0 } else { rec_sum / n_s as f64 };
    let granularity = if n_detected == 0 { 1.0 } else { gran_sum / n_detected as f64 };
    let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
    Scores {
        precision,
        recall,
        granularity,
        plagdet: f1 / (1.0 + granularity).log2(),
        cases: n_s,
        detections: n_r,
    }
}

/// The truth of some drafts and what was detected in them.
pub type Scored = (Vec<Truth>, Vec<Detection>);

/// Group scored pairs by obfuscation.
pub fn by_obfuscation(cases: &[Case], dets: &[Vec<Detection>]) -> BTreeMap<Obf, Scores> {
    let mut groups: BTreeMap<Obf, Vec<Scored>> = BTreeMap::new();
    for (c, d) in cases.iter().zip(dets) {
        if let Some(o) = c.obf {
            groups.entry(o).or_default().push((c.truth.clone(), d.clone()));
        }
    }
    groups.into_iter().map(|(o, v)| (o, score(&v))).collect()
}

pub fn table(rows: &BTreeMap<Obf, Scores>) -> String {
    let mut s = String::from(
        "| obfuscation | cases | precision | recall | granularity | plagdet |\n|---|---|---|---|---|---|\n",
    );
    for (o, sc) in rows {
        s.push_str(&format!(
            "| {} | {} | {:.3} | {:.3} | {:.3} | {:.3} |\n",
            o.name(),
            sc.cases,
            sc.precision,
            sc.recall,
            sc.granularity,
            sc.plagdet
        ));
    }
    s
}

/// Write `files` (relative name → text) under `dir`.
pub fn write_all(dir: &Path, files: &[(String, String)]) {
    for (name, text) in files {
        let p = dir.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}
