// Evaluation in the PAN text-alignment manner: passages taken from archive speeches, changed the
// way a writer changes them, pasted into host drafts; detections scored by precision, recall,
// granularity and plagdet at character level (Potthast et al., "An Evaluation Framework for
// Plagiarism Detection", 2010), per kind of change and overall.
//
// Shared by tests/reuse_eval.rs (our own texts, asserts the bar) and benches/reuse_eval.rs (the
// corpus, prints the tables).
//
// What counts as copied. A pasted passage is truth only where it is not a formulation or a
// quotation: the checker is built (like CNKI's 去除引用 ratio) not to count those. Formulation =
// what the product says it is — text standing in at least `formula_min_speeches` distinct
// archive speeches — measured here independently of the checker: a stretch covered by
// FORMULA_GRAM-character runs found in that many speeches, a frame of FLANK characters, a slot
// of 1–MAX_SLOT and FLANK characters found in that many speeches with at least two different
// words in the slot (习近平总书记考察{省}重要讲话精神), or a formulation listed in the phrasebook.
// Quotation = text inside “…” 「…」 『…』 《…》. Those parts of a pasted passage are neutral:
// neither credit when a detection covers them nor blame (the README lets a formulation inside a
// long copied passage stay copied; marking only it formula is planned — both are acceptable). The
// rest of the passage is truth when it has at least `min_chars` key characters in all.
//
// Negative kinds paste or write text that must not be reported as copied (a formulation whose
// slot word differs from the archive's; a passage quoted in full): every copied detection over
// what was inserted is false.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use jianggao::reuse::fingerprint::{FastMap, content_hash, key_view};
use jianggao::text::fold::fold;

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
    /// Uniform in `lo..=hi`.
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }
}

/// Kinds of case. The first eight are the original obfuscations; then the kinds real copying
/// showed; the last are negatives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Exact,
    Light,
    Heavy,
    Traditional,
    Pinyin,
    Layout,
    Placeholder,
    Reorder,
    HardWrap,
    Synonyms,
    Mixed,
    WebClean,
    ShortFormula,
    ShortHeavy,
    PartQuoted,
    SlotFormula,
    FullQuoted,
    NoPaste,
}

impl Kind {
    /// Kinds made by pasting a passage (truth), in table order.
    pub const PASTED: [Kind; 15] = [
        Kind::Exact,
        Kind::Light,
        Kind::Heavy,
        Kind::Traditional,
        Kind::Pinyin,
        Kind::Layout,
        Kind::Placeholder,
        Kind::Reorder,
        Kind::HardWrap,
        Kind::Synonyms,
        Kind::Mixed,
        Kind::WebClean,
        Kind::ShortFormula,
        Kind::ShortHeavy,
        Kind::PartQuoted,
    ];
    /// Kinds that insert text which must not be found as copied.
    pub const NEGATIVE: [Kind; 2] = [Kind::SlotFormula, Kind::FullQuoted];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Exact => "exact",
            Kind::Light => "light edits",
            Kind::Heavy => "heavy edits",
            Kind::Traditional => "traditional",
            Kind::Pinyin => "pinyin glosses",
            Kind::Layout => "punct/space/wraps",
            Kind::Placeholder => "placeholders",
            Kind::Reorder => "clause reorder",
            Kind::HardWrap => "hard wraps, half-width",
            Kind::Synonyms => "synonyms",
            Kind::Mixed => "mixed",
            Kind::WebClean => "web copy cleaned",
            Kind::ShortFormula => "short + formulation",
            Kind::ShortHeavy => "short, heavy edits",
            Kind::PartQuoted => "partly quoted",
            Kind::SlotFormula => "slot formulation (neg.)",
            Kind::FullQuoted => "quoted in full (neg.)",
            Kind::NoPaste => "nothing pasted (neg.)",
        }
    }

    pub fn negative(self) -> bool {
        matches!(self, Kind::SlotFormula | Kind::FullQuoted | Kind::NoPaste)
    }

    /// What this evaluation accepts as missed, and why (printed under the table).
    pub fn right_to_miss(self) -> &'static str {
        match self {
            Kind::Heavy | Kind::Synonyms | Kind::Mixed | Kind::ShortHeavy => {
                "passages left with less than 0.7 of their characters in common, in order, with the \
                 source (2·LCS/(len+len) of folded text), or with fewer than --min-chars characters \
                 in common: that is rewriting, not copying, and a reader comparing the two would not \
                 call it a copy"
            }
            Kind::ShortFormula => {
                "the formulation inside (neutral); passages whose other text is under --min-chars are \
                 not generated"
            }
            Kind::PartQuoted => {
                "the quoted part (neutral); passages whose unquoted text is under --min-chars are not \
                 generated"
            }
            Kind::SlotFormula | Kind::FullQuoted | Kind::NoPaste => "nothing: any copied detection is false",
            _ => "nothing beyond the formulations and quotations inside (neutral)",
        }
    }
}

/// Text with, for each character, the index of the passage character it came from (`None`:
/// inserted or rewritten). Every change keeps the map, so truth is exact after any mix.
#[derive(Debug, Clone, Default)]
pub struct Mapped {
    pub chars: Vec<char>,
    pub from: Vec<Option<usize>>,
}

impl Mapped {
    pub fn new(s: &str) -> Self {
        let chars: Vec<char> = s.chars().collect();
        let from = (0..chars.len()).map(Some).collect();
        Mapped { chars, from }
    }
    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }
    fn push(&mut self, c: char, f: Option<usize>) {
        self.chars.push(c);
        self.from.push(f);
    }
    fn push_str(&mut self, s: &str) {
        for c in s.chars() {
            self.push(c, None);
        }
    }
}

pub fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

fn is_soft(c: char) -> bool {
    c.is_whitespace() || "，。、；：！？“”‘’（）《》,.;:!?()\"—…".contains(c)
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

fn is_clause_mark(c: char) -> bool {
    matches!(c, '，' | '。' | '；' | '：' | '！' | '？' | '、' | '\n')
}

/// Clause boundaries of one paragraph around `at`: offsets where a clause may start or end.
fn clause_bounds(chars: &[char], para: Range<usize>) -> Vec<usize> {
    let mut v = vec![para.start];
    v.extend((para.clone()).filter(|&i| is_clause_mark(chars[i])).map(|i| i + 1));
    v.push(para.end);
    v.dedup();
    v
}

fn paragraph_of(chars: &[char], at: usize) -> Range<usize> {
    let s = chars[..at].iter().rposition(|&c| c == '\n').map_or(0, |p| p + 1);
    let e = chars[at..].iter().position(|&c| c == '\n').map_or(chars.len(), |p| at + p);
    s..e
}

fn han_count(chars: &[char]) -> usize {
    chars.iter().filter(|&&c| is_han(c)).count()
}

/// A stretch of whole clauses (one paragraph) about `lo..=hi` Han characters long, its length
/// drawn uniformly: how a writer selects a sentence or part of one.
pub fn pick_clauses(rng: &mut Rng, text: &str, lo: usize, hi: usize) -> Option<Range<usize>> {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return None;
    }
    for _ in 0..40 {
        let para = paragraph_of(&chars, rng.below(chars.len()));
        if han_count(&chars[para.clone()]) < lo {
            continue;
        }
        let b = clause_bounds(&chars, para);
        let i = rng.below(b.len() - 1);
        let want = rng.between(lo, hi);
        for &end in &b[i + 1..] {
            let n = han_count(&chars[b[i]..end]);
            if n > hi {
                break;
            }
            if n >= want || (n >= lo && end == *b.last().unwrap()) {
                let r = trim(&chars, b[i]..end);
                if han_count(&chars[r.clone()]) >= lo {
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

/// Words of official prose and what a writer (or a 降重 tool) puts in their place. Both
/// directions are used.
const SYNONYMS: [(&str, &str); 72] = [
    ("推进", "推动"),
    ("加强", "强化"),
    ("提高", "提升"),
    ("促进", "推动"),
    ("深入", "扎实"),
    ("全面", "全方位"),
    ("积极", "主动"),
    ("开展", "实施"),
    ("建设", "打造"),
    ("措施", "举措"),
    ("明显", "显著"),
    ("成效", "成果"),
    ("完善", "健全"),
    ("落实", "执行"),
    ("努力", "奋力"),
    ("确保", "保证"),
    ("加快", "加速"),
    ("持续", "不断"),
    ("大力", "着力"),
    ("切实", "真正"),
    ("有效", "有力"),
    ("增强", "提升"),
    ("支持", "扶持"),
    ("保障", "保证"),
    ("稳定", "稳固"),
    ("优化", "改善"),
    ("重点", "关键"),
    ("领域", "方面"),
    ("群众", "百姓"),
    ("水平", "层次"),
    ("能力", "本领"),
    ("问题", "短板"),
    ("困难", "难题"),
    ("注重", "重视"),
    ("进一步", "更加"),
    ("实现", "达成"),
    ("取得", "获得"),
    ("作用", "效能"),
    ("提供", "给予"),
    ("各级", "各地"),
    ("部门", "单位"),
    ("充分", "全面"),
    ("构建", "建立"),
    ("机制", "制度"),
    ("体系", "系统"),
    ("创新", "革新"),
    ("突出", "显著"),
    ("重要", "重大"),
    ("严格", "从严"),
    ("统筹", "协调"),
    ("基础", "根基"),
    ("全力", "竭力"),
    ("认真", "扎实"),
    ("及时", "迅速"),
    ("广泛", "普遍"),
    ("力度", "强度"),
    ("质量", "品质"),
    ("效益", "收益"),
    ("环境", "氛围"),
    ("稳步", "有序"),
    ("加大", "强化"),
    ("扩大", "拓展"),
    ("拓宽", "拓展"),
    ("增长", "增加"),
    ("减少", "下降"),
    ("目前", "当前"),
    ("今年", "本年度"),
    ("坚决", "坚定"),
    ("推广", "普及"),
    ("培育", "培养"),
    ("引导", "带动"),
    ("鼓励", "支持"),
];

fn synonym_table() -> HashMap<Vec<char>, Vec<Vec<char>>> {
    let mut t: HashMap<Vec<char>, Vec<Vec<char>>> = HashMap::new();
    for (a, b) in SYNONYMS {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        t.entry(a.clone()).or_default().push(b.clone());
        t.entry(b).or_default().push(a);
    }
    t
}

/// The longest table word at `i` and its replacements.
fn synonym_at<'t>(
    t: &'t HashMap<Vec<char>, Vec<Vec<char>>>,
    chars: &[char],
    i: usize,
) -> Option<(usize, &'t Vec<Vec<char>>)> {
    (2..=3).rev().find_map(|len| {
        let w = chars.get(i..i + len)?;
        t.get(w).map(|alts| (len, alts))
    })
}

/// Swap table words, each found occurrence with probability `p`.
pub fn synonyms(rng: &mut Rng, m: &Mapped, p: f64) -> Mapped {
    let t = synonym_table();
    let mut out = Mapped::default();
    let mut i = 0;
    while i < m.chars.len() {
        if let Some((len, alts)) = synonym_at(&t, &m.chars, i)
            && rng.chance(p)
        {
            let alt = &alts[rng.below(alts.len())];
            for &c in alt {
                out.push(c, None);
            }
            i += len;
            continue;
        }
        out.push(m.chars[i], m.from[i]);
        i += 1;
    }
    out
}

/// A character changed, inserted or deleted about every `every` characters (random characters:
/// the original light/heavy edits).
pub fn edit_every(rng: &mut Rng, m: &Mapped, every: usize) -> Mapped {
    let mut out = Mapped::default();
    let mut next = every / 2 + rng.below(every / 2);
    for (i, &c) in m.chars.iter().enumerate() {
        if i == next && is_han(c) {
            match rng.below(3) {
                0 => out.push(random_han(rng), None),
                1 => {
                    out.push(c, m.from[i]);
                    out.push(random_han(rng), None);
                }
                _ => {}
            }
            next = i + every - 2 + rng.below(5);
        } else {
            if i == next {
                next += 1;
            }
            out.push(c, m.from[i]);
        }
    }
    out
}

const INSERTS: [&str; 8] = ["进一步", "切实", "全面", "不断", "更加", "积极", "大力", "认真"];
const FUNCTION_CHARS: &str = "的了要和并在把等都也将对";

/// Word-level rewording about every `every` characters, as a writer reworks a sentence: a word
/// swapped for a synonym, an adverb put before a verb or at the head of a clause, a function
/// word dropped — each at the first place within a few characters where it fits; where none
/// fits, one character of a word changed (培养 → 培育).
pub fn word_edits(rng: &mut Rng, m: &Mapped, every: usize) -> Mapped {
    let t = synonym_table();
    let mut out = Mapped::default();
    let mut next = every / 2 + rng.below(every / 2 + 1);
    let mut i = 0;
    // The edit wanted at `next`: 0–3 synonym, 4–5 adverb, 6–7 drop a function word, 8–9 change.
    let mut op = rng.below(10);
    while i < m.chars.len() {
        let c = m.chars[i];
        if i < next || !is_han(c) {
            out.push(c, m.from[i]);
            i += 1;
            continue;
        }
        let clause_head = i > 0 && matches!(m.chars[i - 1], '，' | '；' | '。');
        let word = synonym_at(&t, &m.chars, i);
        let late = i >= next + 6;
        if let (true, Some((len, alts))) = (op < 4 || late, word) {
            for &a in &alts[rng.below(alts.len())] {
                out.push(a, None);
            }
            i += len;
        } else if (4..6).contains(&op) && (word.is_some() || clause_head) {
            out.push_str(INSERTS[rng.below(INSERTS.len())]);
            out.push(c, m.from[i]);
            i += 1;
        } else if ((6..8).contains(&op) || late) && FUNCTION_CHARS.contains(c) {
            i += 1;
        } else if op >= 8 || late {
            out.push(random_han(rng), None);
            i += 1;
        } else {
            // That edit does not fit here: look one character further.
            out.push(c, m.from[i]);
            i += 1;
            continue;
        }
        next = i + every - 2 + rng.below(5);
        op = rng.below(10);
    }
    out
}

/// The passage in Traditional characters (OpenCC phrase conversion; per character when the
/// phrase conversion changes the length, so the map stays exact).
pub fn traditional(m: &Mapped, s2t: &dyn Fn(&str) -> String) -> Mapped {
    let t: Vec<char> = s2t(&m.text()).chars().collect();
    if t.len() == m.chars.len() {
        return Mapped { chars: t, from: m.from.clone() };
    }
    let mut out = Mapped::default();
    for (i, &c) in m.chars.iter().enumerate() {
        let s = s2t(&c.to_string());
        let mut it = s.chars();
        out.push(it.next().unwrap_or(c), m.from[i]);
        for extra in it {
            out.push(extra, None);
        }
    }
    out
}

/// Tone-marked pinyin after some characters, as some web pages print it: 协(xié)作.
pub fn pinyin(rng: &mut Rng, m: &Mapped, p: f64) -> Mapped {
    let mut out = Mapped::default();
    let mut since = 0;
    for (i, &c) in m.chars.iter().enumerate() {
        out.push(c, m.from[i]);
        since += 1;
        if is_han(c) && since >= 6 && rng.chance(p) {
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

/// Punctuation changed, doubled marks, spaces, wraps after Chinese characters.
pub fn layout(rng: &mut Rng, m: &Mapped) -> Mapped {
    let mut out = Mapped::default();
    let mut line = 0;
    let wrap = 18 + rng.below(10);
    for (i, &c) in m.chars.iter().enumerate() {
        let f = m.from[i];
        match c {
            '，' if rng.chance(0.4) => out.push('、', f),
            '，' if rng.chance(0.3) => {
                out.push('，', f);
                out.push('，', None);
            }
            '。' if rng.chance(0.5) => out.push('；', f),
            '、' => out.push('，', f),
            _ => out.push(c, f),
        }
        if matches!(c, '，' | '。') && rng.chance(0.3) {
            out.push(' ', None);
        }
        line += 1;
        if line >= wrap && is_han(c) {
            out.push('\n', None);
            line = 0;
        }
    }
    out
}

/// One or two short stretches replaced by a placeholder (××, ☆☆, 某某, XX).
pub fn placeholder(rng: &mut Rng, m: &Mapped) -> Mapped {
    let mut out = m.clone();
    let marks = ["××", "☆☆", "某某", "XX"];
    let n = 1 + rng.below(2);
    let mut done = 0;
    for _ in 0..30 {
        if done == n || out.chars.len() < 20 {
            break;
        }
        let at = 3 + rng.below(out.chars.len() - 8);
        let len = 2 + rng.below(2);
        if out.chars[at..at + len].iter().all(|&c| is_han(c)) {
            let mk: Vec<char> = marks[rng.below(marks.len())].chars().collect();
            let k = mk.len();
            out.chars.splice(at..at + len, mk);
            out.from.splice(at..at + len, std::iter::repeat_n(None, k));
            done += 1;
        }
    }
    out
}

/// Two adjacent clauses swapped inside the sentence that has the most.
pub fn reorder(rng: &mut Rng, m: &Mapped) -> Mapped {
    let n = m.chars.len();
    let mut sentences: Vec<Range<usize>> = Vec::new();
    let mut s = 0;
    for i in 0..n {
        if matches!(m.chars[i], '。' | '！' | '？' | '；') {
            sentences.push(s..i + 1);
            s = i + 1;
        }
    }
    if s < n {
        sentences.push(s..n);
    }
    let commas = |r: &Range<usize>| m.chars[r.clone()].iter().filter(|&&c| c == '，').count();
    let Some(best) = sentences.iter().max_by_key(|r| commas(r)).cloned() else { return m.clone() };
    let end_mark = matches!(m.chars[best.end - 1], '。' | '！' | '？' | '；');
    let body_end = if end_mark { best.end - 1 } else { best.end };
    let mut clauses: Vec<Range<usize>> = Vec::new();
    let mut cs = best.start;
    for i in best.start..body_end {
        if m.chars[i] == '，' {
            clauses.push(cs..i);
            cs = i + 1;
        }
    }
    clauses.push(cs..body_end);
    if clauses.len() < 2 {
        return m.clone();
    }
    let j = rng.below(clauses.len() - 1);
    clauses.swap(j, j + 1);
    let mut out = Mapped::default();
    for i in 0..best.start {
        out.push(m.chars[i], m.from[i]);
    }
    // The commas between clauses keep their places (they are rewritten, not moved).
    let commas_at: Vec<usize> = (best.start..body_end).filter(|&i| m.chars[i] == '，').collect();
    for (k, c) in clauses.iter().enumerate() {
        for i in c.clone() {
            out.push(m.chars[i], m.from[i]);
        }
        if let Some(&ci) = commas_at.get(k) {
            out.push('，', m.from[ci]);
        }
    }
    for i in body_end..n {
        out.push(m.chars[i], m.from[i]);
    }
    out
}

fn half_width_mark(c: char) -> Option<char> {
    Some(match c {
        '，' => ',',
        '。' => '.',
        '；' => ';',
        '：' => ':',
        '？' => '?',
        '！' => '!',
        '（' => '(',
        '）' => ')',
        _ => return None,
    })
}

/// Text copied out of a PDF: lines of a fixed width broken anywhere (the passage starts part-way
/// along a line), and the marks half-width as many converters write them (a space often after
/// them). Quotation marks stay full-width.
pub fn hard_wrap(rng: &mut Rng, m: &Mapped) -> Mapped {
    let mut out = Mapped::default();
    let all = rng.chance(0.7);
    let width = 2 * rng.between(22, 30);
    let mut col = rng.below(width);
    let mut furniture = true;
    for (i, &c) in m.chars.iter().enumerate() {
        let h = half_width_mark(c).filter(|_| all || rng.chance(0.5));
        let c2 = h.unwrap_or(c);
        out.push(c2, m.from[i]);
        col += if c2.is_ascii() { 1 } else { 2 };
        if h.is_some() && rng.chance(0.4) {
            out.push(' ', None);
            col += 1;
        }
        if col >= width && i + 1 < m.chars.len() {
            if rng.chance(0.2) {
                out.push(' ', None);
            }
            out.push('\n', None);
            col = 0;
            // A page ends here now and then (a page holds about 600 characters): its number and
            // the next page's running header come along in the copy.
            if furniture && rng.chance(0.045) {
                out.push_str(&format!("- {} -\n", rng.between(2, 30)));
                if rng.chance(0.5) {
                    out.push_str(PAGE_HEADERS[rng.below(PAGE_HEADERS.len())]);
                    out.push('\n', None);
                }
                furniture = false;
            }
        }
    }
    out
}

/// Running headers of printed reports (our own wording).
const PAGE_HEADERS: [&str; 3] = ["政府工作报告（征求意见稿）", "内部资料　注意保存", "全体会议文件之三"];

const WATERMARKS: [&str; 3] = [
    "本文来源：青川发布　版权所有，未经授权禁止转载",
    "仅供学习参考，严禁复制",
    "内部资料 注意保存 未经许可不得转载",
];
const DEBRIS: [&str; 5] =
    ["【打印本页】【关闭窗口】", "扫一扫在手机上查看", "分享到：", "- 2 -", "第2页 共4页"];

/// A web page's or PDF viewer's copy of the passage: perhaps Traditional, pinyin glosses,
/// zero-width and no-break spaces, a letter-spaced stretch, doubled marks, lines broken and
/// indented, watermark and debris lines at some breaks.
pub fn web_noise(rng: &mut Rng, m: &Mapped, s2t: &dyn Fn(&str) -> String) -> Mapped {
    let mut cur = m.clone();
    if rng.chance(0.3) {
        cur = traditional(&cur, s2t);
    }
    if rng.chance(0.6) {
        cur = pinyin(rng, &cur, 0.25);
    }
    let spaced = if rng.chance(0.3) && cur.chars.len() > 12 {
        let s = rng.below(cur.chars.len() - 10);
        s..s + rng.between(4, 10)
    } else {
        0..0
    };
    let wrap = if rng.chance(0.5) { Some(rng.between(30, 40)) } else { None };
    let watermark = WATERMARKS[rng.below(WATERMARKS.len())];
    let mut marks_left = if rng.chance(0.6) { 2 } else { 0 };
    let mut debris_left = rng.below(2);
    let mut out = Mapped::default();
    out.push_str("　　");
    let mut col = 0;
    let mut in_gloss = false;
    for (i, &c) in cur.chars.iter().enumerate() {
        out.push(c, cur.from[i]);
        col += 1;
        if matches!(c, '，' | '。') && rng.chance(0.25) {
            out.push(if rng.chance(0.5) { c } else { '、' }, None);
        }
        // Zero-width and no-break spaces come from the page's markup around words, not inside
        // a gloss.
        if is_han(c) && rng.chance(0.04) {
            out.push(if rng.chance(0.5) { '\u{200B}' } else { '\u{00A0}' }, None);
        }
        if spaced.contains(&i) && is_han(c) {
            out.push(' ', None);
        }
        // A line is not broken inside a gloss (the page sets it as one ruby).
        if matches!(c, '(' | '（') {
            in_gloss = true;
        } else if matches!(c, ')' | '）') {
            in_gloss = false;
        }
        let brk = match wrap {
            Some(w) => col >= w && !in_gloss,
            None => c == '。' && i + 1 < cur.chars.len() && rng.chance(0.5),
        };
        if brk && i + 1 < cur.chars.len() {
            out.push('\n', None);
            col = 0;
            if marks_left > 0 && rng.chance(0.5) {
                out.push_str(watermark);
                out.push('\n', None);
                marks_left -= 1;
            } else if debris_left > 0 && rng.chance(0.3) {
                out.push_str(DEBRIS[rng.below(DEBRIS.len())]);
                out.push('\n', None);
                debris_left -= 1;
            }
        }
    }
    out.push('\n', None);
    if marks_left > 0 {
        // A watermark printed under the text too.
        out.push_str(watermark);
        out.push('\n', None);
    }
    out
}

/// The library's `clean` run on `noisy`, the map carried over by a character diff.
pub fn cleaned(noisy: &Mapped) -> Mapped {
    use jianggao::text::clean::{CleanOptions, clean};
    let out: Vec<char> = clean(&noisy.text(), CleanOptions::default()).text.chars().collect();
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &noisy.chars, &out);
    let mut from = vec![None; out.len()];
    for op in ops {
        if let similar::DiffOp::Equal { old_index, new_index, len } = op {
            from[new_index..new_index + len].copy_from_slice(&noisy.from[old_index..old_index + len]);
        }
    }
    Mapped { chars: out, from }
}

/// Primitive changes, for the mixed kind.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Change {
    Reorder,
    Synonyms,
    Light,
    Placeholder,
    Traditional,
    Pinyin,
    Layout,
    HardWrap,
}

/// Apply the change of `kind` to a passage.
pub fn change(rng: &mut Rng, kind: Kind, passage: &str, s2t: &dyn Fn(&str) -> String) -> (Mapped, String) {
    let m = Mapped::new(passage);
    let out = match kind {
        Kind::Exact | Kind::ShortFormula | Kind::PartQuoted => m,
        Kind::Light => edit_every(rng, &m, 30),
        Kind::Heavy => edit_every(rng, &m, 12),
        Kind::Traditional => traditional(&m, s2t),
        Kind::Pinyin => pinyin(rng, &m, 0.3),
        Kind::Layout => layout(rng, &m),
        Kind::Placeholder => placeholder(rng, &m),
        Kind::Reorder => reorder(rng, &m),
        Kind::HardWrap => hard_wrap(rng, &m),
        Kind::Synonyms => synonyms(rng, &m, 0.5),
        Kind::ShortHeavy => word_edits(rng, &m, 6),
        Kind::WebClean => cleaned(&web_noise(rng, &m, s2t)),
        Kind::Mixed => {
            // Two or three changes, in the order a writer would make them (rewording before the
            // page is printed, reflowed or glossed).
            let order = [
                Change::Reorder,
                Change::Synonyms,
                Change::Light,
                Change::Placeholder,
                Change::Traditional,
                Change::Pinyin,
                Change::Layout,
                Change::HardWrap,
            ];
            let n = rng.between(2, 3);
            let mut chosen: Vec<Change> = Vec::new();
            while chosen.len() < n {
                let c = order[rng.below(order.len())];
                let clash = matches!(c, Change::Layout | Change::HardWrap)
                    && chosen.iter().any(|x| matches!(x, Change::Layout | Change::HardWrap));
                if !chosen.contains(&c) && !clash {
                    chosen.push(c);
                }
            }
            chosen.sort_by_key(|c| order.iter().position(|o| o == c));
            let mut cur = m;
            for c in &chosen {
                cur = match c {
                    Change::Reorder => reorder(rng, &cur),
                    Change::Synonyms => synonyms(rng, &cur, 0.4),
                    Change::Light => edit_every(rng, &cur, 30),
                    Change::Placeholder => placeholder(rng, &cur),
                    Change::Traditional => traditional(&cur, s2t),
                    Change::Pinyin => pinyin(rng, &cur, 0.3),
                    Change::Layout => layout(rng, &cur),
                    Change::HardWrap => hard_wrap(rng, &cur),
                };
            }
            return (cur, format!("{chosen:?}"));
        }
        Kind::SlotFormula | Kind::FullQuoted | Kind::NoPaste => m,
    };
    (out, String::new())
}

/// One pasted passage: where it lies in the draft and where it came from (scalar offsets), and
/// the parts of it that count as copied.
#[derive(Debug, Clone)]
pub struct Truth {
    pub source: String,
    /// The whole passage in the draft and in the source.
    pub draft: Range<usize>,
    pub source_span: Range<usize>,
    /// (draft, source) ranges of the copied parts; the rest of the two hulls is formulation or
    /// quotation, neutral. Empty when the passage is not a copy by these rules.
    pub parts: Vec<(Range<usize>, Range<usize>)>,
    /// Changed so much that missing it is acceptable (see [`Kind::right_to_miss`]).
    pub right_to_miss: bool,
    /// 2·LCS/(|a|+|b|) of the pasted text and its source (folded key characters): how much
    /// of the passage the change left.
    pub similarity: f64,
    /// Share of the source passage's key characters that are formulation or quotation.
    pub neutral: f64,
}

#[derive(Debug, Clone)]
pub struct Case {
    pub kind: Kind,
    /// The host (draft) it was pasted into.
    pub name: String,
    pub text: String,
    /// What the case added to the host, in draft offsets.
    pub inserted: Range<usize>,
    pub truth: Vec<Truth>,
    /// How it was made (the changes of a mixed case, the formulation of a slot case).
    pub note: String,
}

/// A detection as the checker reports it.
#[derive(Debug, Clone)]
pub struct Detection {
    pub draft: Range<usize>,
    pub source: String,
    pub source_span: Range<usize>,
    /// Other archive speeches the checker says hold the same passage: naming the truth's source
    /// here finds the passage too (its source span is then taken in proportion to the draft's).
    pub also: Vec<String>,
}

/// Insert `pasted` after a sentence end of `host` chosen at random; the draft and the offset of
/// the pasted text in it.
pub fn paste(rng: &mut Rng, host: &str, pasted: &str) -> (String, usize) {
    let chars: Vec<char> = host.chars().collect();
    let ends: Vec<usize> =
        chars.iter().enumerate().filter(|(_, c)| matches!(c, '。' | '\n')).map(|(i, _)| i + 1).collect();
    let at = if ends.is_empty() { chars.len() } else { ends[rng.below(ends.len())] };
    let mut out: String = chars[..at].iter().collect();
    out.push_str(pasted);
    out.extend(chars[at..].iter());
    (out, at)
}

/// Key characters of a text (folded, punctuation left out).
pub fn key_chars(text: &str) -> Vec<char> {
    key_view(&fold(text)).chars
}

/// Formulation characters (folded key positions) of a text, told by the archive.
pub struct Formulas {
    pub min_speeches: usize,
    grams: HashSet<u64>,
    templates: FastMap<u64, Template>,
    listed: Vec<Vec<char>>,
    /// Key characters of each distinct archive speech (by folded content).
    docs: Vec<Vec<char>>,
}

/// A frame with a slot found across the archive.
#[derive(Debug, Clone, Default)]
pub struct Template {
    /// Each slot word and how many distinct speeches hold the frame with it.
    pub fillers: Vec<(Vec<char>, u32)>,
    /// Some occurrences: (speech, key position of the frame's start).
    pub at: Vec<(u32, u32)>,
}

/// Shortest stretch of a formulation by frequency.
pub const FORMULA_GRAM: usize = 10;
/// Characters of a frame on each side of its slot.
pub const FLANK: usize = 5;
/// Longest slot word.
pub const MAX_SLOT: usize = 4;

fn frame_hash(l: &[char], gap: usize, r: &[char]) -> u64 {
    let mut v: Vec<char> = Vec::with_capacity(l.len() + r.len() + 1);
    v.extend_from_slice(l);
    v.push(char::from_u32(0x10_0000 + gap as u32).unwrap());
    v.extend_from_slice(r);
    content_hash(&v)
}

/// Distinct speeches per k-gram (only those in at least `min` kept).
fn gram_support(docs: &[Vec<char>], n: usize, min: usize) -> HashSet<u64> {
    let mut m: FastMap<u64, (u32, u32)> = FastMap::default();
    for (d, k) in docs.iter().enumerate() {
        for w in k.windows(n) {
            let e = m.entry(content_hash(w)).or_insert((0, u32::MAX));
            if e.1 != d as u32 {
                *e = (e.0 + 1, d as u32);
            }
        }
    }
    m.into_iter().filter(|(_, (c, _))| *c as usize >= min).map(|(h, _)| h).collect()
}

impl Formulas {
    /// From the archive's texts and the listed formulations.
    pub fn build(texts: &[&str], min_speeches: usize, listed: &[String]) -> Self {
        let mut seen = HashSet::new();
        let docs: Vec<Vec<char>> =
            texts.iter().map(|t| key_chars(t)).filter(|k| seen.insert(content_hash(k))).collect();
        let grams = gram_support(&docs, FORMULA_GRAM, min_speeches);
        // Frames with a slot: both flanks must be common on their own first (a cheap filter).
        let flanks = gram_support(&docs, FLANK, min_speeches);
        // (frame hash, slot word hash, speech, key position, slot length)
        let mut entries: Vec<(u64, u64, u32, u32, u8)> = Vec::new();
        for (d, k) in docs.iter().enumerate() {
            let hs: Vec<u64> = k.windows(FLANK).map(content_hash).collect();
            for i in 0..hs.len() {
                if !flanks.contains(&hs[i]) {
                    continue;
                }
                for g in 1..=MAX_SLOT {
                    let r = i + FLANK + g;
                    if r >= hs.len() {
                        break;
                    }
                    if flanks.contains(&hs[r]) {
                        let h = frame_hash(&k[i..i + FLANK], g, &k[r..r + FLANK]);
                        entries.push((h, content_hash(&k[i + FLANK..r]), d as u32, i as u32, g as u8));
                    }
                }
            }
        }
        entries.sort_unstable();
        let mut templates: FastMap<u64, Template> = FastMap::default();
        let mut s = 0;
        while s < entries.len() {
            let h = entries[s].0;
            let e = s + entries[s..].iter().take_while(|x| x.0 == h).count();
            let group = &entries[s..e];
            s = e;
            let mut speeches: Vec<u32> = group.iter().map(|x| x.2).collect();
            speeches.sort_unstable();
            speeches.dedup();
            if speeches.len() < min_speeches {
                continue;
            }
            // Sorted by slot word, then speech.
            let mut fillers: Vec<(Vec<char>, u32)> = Vec::new();
            let mut last: Option<(u64, u32)> = None;
            for &(_, fh, d, i, g) in group {
                if last.map(|l| l.0) != Some(fh) {
                    let (i, g) = (i as usize, g as usize);
                    fillers.push((docs[d as usize][i + FLANK..i + FLANK + g].to_vec(), 0));
                }
                if last != Some((fh, d)) {
                    fillers.last_mut().unwrap().1 += 1;
                }
                last = Some((fh, d));
            }
            if fillers.len() < 2 {
                continue;
            }
            let at: Vec<(u32, u32)> = group.iter().map(|x| (x.2, x.3)).collect();
            templates.insert(h, Template { fillers, at });
        }
        let listed = listed.iter().map(|f| key_chars(f)).filter(|k| k.len() >= 2).collect();
        Formulas { min_speeches, grams, templates, listed, docs }
    }

    /// The template whose frame starts at key position `i` of `key` with a slot of `g`.
    fn template_at(&self, key: &[char], i: usize, g: usize) -> Option<&Template> {
        let r = i + FLANK + g;
        if r + FLANK > key.len() {
            return None;
        }
        self.templates.get(&frame_hash(&key[i..i + FLANK], g, &key[r..r + FLANK]))
    }

    /// Which key characters of `key` belong to a formulation.
    pub fn mask(&self, key: &[char]) -> Vec<bool> {
        let mut m = vec![false; key.len()];
        for (i, w) in key.windows(FORMULA_GRAM).enumerate() {
            if self.grams.contains(&content_hash(w)) {
                m[i..i + FORMULA_GRAM].iter_mut().for_each(|x| *x = true);
            }
        }
        for i in 0..key.len() {
            for g in 1..=MAX_SLOT {
                if self.template_at(key, i, g).is_some() {
                    m[i..i + 2 * FLANK + g].iter_mut().for_each(|x| *x = true);
                }
            }
        }
        for f in &self.listed {
            for i in 0..key.len().saturating_sub(f.len() - 1) {
                if key[i..i + f.len()] == f[..] {
                    m[i..i + f.len()].iter_mut().for_each(|x| *x = true);
                }
            }
        }
        m
    }

    /// Formulations with a slot as `text` fills them (key ranges → char ranges of `text`): the
    /// frame found in at least `min_speeches` archive speeches with at least two slot words, this
    /// text's word among them, but the frame filled with this word in fewer (so it is the slot
    /// that makes it a formulation), stretched on both sides while as many speeches agree.
    /// Only frames of at least `min_chars` key characters (shorter ones are never reported).
    pub fn slot_frames(&self, text: &str, min_chars: usize) -> Vec<(Range<usize>, String)> {
        let f = fold(text);
        let k = key_view(&f);
        let key = &k.chars;
        let mut found: Vec<(Range<usize>, String)> = Vec::new();
        let mut i = 0;
        while i < key.len() {
            let mut best: Option<(Range<usize>, String)> = None;
            for g in 1..=MAX_SLOT {
                let Some(t) = self.template_at(key, i, g) else { continue };
                let word = &key[i + FLANK..i + FLANK + g];
                let Some(&(_, with_word)) = t.fillers.iter().find(|(w, _)| w[..] == word[..]) else {
                    continue;
                };
                if with_word as usize >= self.min_speeches {
                    continue;
                }
                let agree = |test: &dyn Fn(&[char], usize) -> bool| {
                    let mut ds: Vec<u32> =
                        t.at.iter()
                            .filter(|&&(d, p)| test(&self.docs[d as usize], p as usize))
                            .map(|x| x.0)
                            .collect();
                    ds.sort_unstable();
                    ds.dedup();
                    ds.len() >= self.min_speeches
                };
                let mut left = 0;
                while i > left
                    && agree(&|doc: &[char], p: usize| {
                        p > left && doc[p - left - 1..p] == key[i - left - 1..i]
                    })
                {
                    left += 1;
                }
                let end = i + 2 * FLANK + g;
                let mut right = 0;
                while end + right < key.len()
                    && agree(&|doc: &[char], p: usize| {
                        let e = p + 2 * FLANK + g;
                        e + right < doc.len() && doc[e..e + right + 1] == key[end..end + right + 1]
                    })
                {
                    right += 1;
                }
                let r = i - left..end + right;
                if r.len() >= min_chars && best.as_ref().is_none_or(|b| r.len() > b.0.len()) {
                    best = Some((r, word.iter().collect()));
                }
            }
            match best {
                Some((r, w)) => {
                    let span = f.original_span(k.at[r.start] as usize, k.at[r.end - 1] as usize + 1);
                    found.push((span.start..span.end, w));
                    i = r.end;
                }
                None => i += 1,
            }
        }
        found
    }
}

/// Characters of `text` inside “…” 「…」 『…』 《…》 (pairs closed within a paragraph).
pub fn quoted(chars: &[char]) -> Vec<bool> {
    let mut inside = vec![false; chars.len()];
    let mut open: Vec<(char, usize)> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let closer = match c {
            '“' => Some('”'),
            '「' => Some('」'),
            '『' => Some('』'),
            '《' => Some('》'),
            _ => None,
        };
        if let Some(cl) = closer {
            open.push((cl, i));
            continue;
        }
        if let Some(pos) = open.iter().rposition(|&(cl, _)| cl == c) {
            let s = open[pos].1;
            open.truncate(pos);
            inside[s..=i].iter_mut().for_each(|m| *m = true);
        }
        if c == '\n' {
            open.clear();
        }
    }
    inside
}

/// The neutral key positions of a passage (formulation or quotation) and its folded key view.
fn neutral_keys(passage: &str, formulas: &Formulas) -> (jianggao::text::fold::Folded, Vec<u32>, Vec<bool>) {
    let f = fold(passage);
    let k = key_view(&f);
    let mut n = formulas.mask(&k.chars);
    let q = quoted(&passage.chars().collect::<Vec<_>>());
    for (i, &fi) in k.at.iter().enumerate() {
        if q[f.starts[fi as usize] as usize] {
            n[i] = true;
        }
    }
    (f, k.at, n)
}

/// Key characters of a passage that are neither formulation nor quotation.
pub fn own_chars(passage: &str, formulas: &Formulas) -> usize {
    neutral_keys(passage, formulas).2.iter().filter(|&&x| !x).count()
}

/// The truth of a passage (`span` of `source_text`) pasted as `pasted` at draft offset `at`.
pub fn truth_of(
    source: &str,
    source_text: &str,
    span: Range<usize>,
    pasted: &Mapped,
    at: usize,
    formulas: &Formulas,
    min_chars: usize,
) -> Truth {
    let passage: String = source_text.chars().skip(span.start).take(span.len()).collect();
    let (f, at_key, neutral) = neutral_keys(&passage, formulas);
    let own = neutral.iter().filter(|&&x| !x).count();
    // Source side: runs of own key characters, as passage char ranges.
    let mut own_ranges: Vec<Range<usize>> = Vec::new();
    if own >= min_chars {
        let mut i = 0;
        while i < neutral.len() {
            if neutral[i] {
                i += 1;
                continue;
            }
            let j = i + neutral[i..].iter().take_while(|&&x| !x).count();
            own_ranges.push(f.starts[at_key[i] as usize] as usize..f.ends[at_key[j - 1] as usize] as usize);
            i = j;
        }
    }
    // Draft side: each pasted character labelled with the own range it came from (`None` when
    // inserted, `Some(usize::MAX)` when from a neutral part); runs of one label, bridging
    // inserted characters, are the parts (a reordered clause makes two).
    let label: Vec<Option<usize>> = pasted
        .from
        .iter()
        .map(|f| f.map(|p| own_ranges.iter().position(|r| r.contains(&p)).unwrap_or(usize::MAX)))
        .collect();
    let mut parts = Vec::new();
    let mut cur: Option<(usize, usize, usize)> = None; // (label, first, last) draft indices
    let flush = |c: Option<(usize, usize, usize)>, parts: &mut Vec<(Range<usize>, Range<usize>)>| {
        if let Some((l, a, b)) = c
            && l != usize::MAX
        {
            let src: Vec<usize> = (a..=b).filter_map(|x| pasted.from[x]).collect();
            let (s0, s1) = (*src.iter().min().unwrap(), *src.iter().max().unwrap() + 1);
            parts.push((at + a..at + b + 1, span.start + s0..span.start + s1));
        }
    };
    for (x, l) in label.iter().enumerate() {
        match (*l, cur) {
            (None, _) => {}
            (Some(l), Some((cl, a, _))) if l == cl => cur = Some((cl, a, x)),
            (Some(l), c) => {
                flush(c, &mut parts);
                cur = Some((l, x, x));
            }
        }
    }
    flush(cur, &mut parts);
    let hull = {
        let d: Vec<usize> = (0..pasted.chars.len()).filter(|&x| pasted.from[x].is_some()).collect();
        match (d.first(), d.last()) {
            (Some(&a), Some(&b)) => at + a..at + b + 1,
            _ => at..at + pasted.chars.len(),
        }
    };
    let neutral_share = 1.0 - own as f64 / neutral.len().max(1) as f64;
    let (similarity, _) = lcs_similarity(&key_chars(&pasted.text()), &f_key(&f));
    Truth {
        source: source.to_string(),
        draft: hull,
        source_span: span,
        parts,
        right_to_miss: false,
        similarity,
        neutral: neutral_share,
    }
}

fn f_key(f: &jianggao::text::fold::Folded) -> Vec<char> {
    key_view(f).chars
}

/// 2·LCS/(|a|+|b|) and the LCS length, on key characters.
pub fn lcs_similarity(a: &[char], b: &[char]) -> (f64, usize) {
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for &x in a {
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = if x == y { prev[j] + 1 } else { prev[j + 1].max(cur[j]) };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let l = prev[b.len()];
    (2.0 * l as f64 / (a.len() + b.len()).max(1) as f64, l)
}

/// What the cases are made from.
pub struct Maker<'a> {
    /// Archive speeches passages are taken from: (name in the archive, text).
    pub sources: &'a [(String, String)],
    /// Drafts passages are pasted into.
    pub hosts: &'a [(String, String)],
    pub formulas: &'a Formulas,
    pub min_chars: usize,
    /// Han characters of an ordinary pasted passage.
    pub lengths: (usize, usize),
    pub s2t: &'a dyn Fn(&str) -> String,
    /// May a passage of this source be pasted into this host (source name, host name)?
    pub compatible: &'a dyn Fn(&str, &str) -> bool,
    /// Formulations with a slot as writers filled them: (host name they belong to, text).
    pub slot_frames: &'a [(String, String)],
}

/// Lead-ins for a passage quoted in full (our own wording).
const QUOTE_LEADS: [&str; 4] =
    ["正如有关报告所讲：", "我们常说：", "会上大家都认同这样一段话：", "文件里写得很清楚："];

impl Maker<'_> {
    /// `n` cases of `kind` (fewer when the material runs out).
    pub fn make(&self, rng: &mut Rng, kind: Kind, n: usize) -> Vec<Case> {
        let mut cases = Vec::new();
        let mut tries = 0;
        while cases.len() < n && tries < n * 60 {
            tries += 1;
            if let Some(c) = self.one(rng, kind) {
                cases.push(c);
            }
        }
        cases
    }

    fn host_for(&self, rng: &mut Rng, source: &str) -> Option<&(String, String)> {
        for _ in 0..20 {
            let h = &self.hosts[rng.below(self.hosts.len())];
            if (self.compatible)(source, &h.0) {
                return Some(h);
            }
        }
        None
    }

    fn one(&self, rng: &mut Rng, kind: Kind) -> Option<Case> {
        match kind {
            Kind::SlotFormula => return self.slot_case(rng),
            Kind::NoPaste => return None,
            _ => {}
        }
        let (sname, stext) = &self.sources[rng.below(self.sources.len())];
        let span = match kind {
            Kind::ShortFormula => self.pick_with_formula(rng, stext)?,
            Kind::PartQuoted => self.pick_part_quoted(rng, stext)?,
            Kind::ShortHeavy => pick_clauses(rng, stext, 20, 60)?,
            Kind::FullQuoted => pick_passage(rng, stext, 20, 120)?,
            _ => {
                // Lengths drawn uniformly: a writer takes a sentence as often as a paragraph.
                let want = rng.between(self.lengths.0, self.lengths.1);
                pick_passage(rng, stext, want, self.lengths.1)?
            }
        };
        let passage: String = stext.chars().skip(span.start).take(span.len()).collect();
        // Nothing of its own to find: all formulation or quotation (a licence notice on every
        // page). Passages that are mostly formulation are kept: writers copy those too.
        if own_chars(&passage, self.formulas) < self.min_chars {
            return None;
        }
        // A passage its speech holds twice (a paragraph printed twice) has no one source span.
        let (pk, sk): (String, String) =
            (key_chars(&passage).into_iter().collect(), key_chars(stext).into_iter().collect());
        if sk.matches(pk.as_str()).count() > 1 {
            return None;
        }
        if kind == Kind::Reorder && !passage.contains('，') {
            return None;
        }
        // A quotation is of one paragraph (a paragraph break inside “…” is another typography).
        if kind == Kind::FullQuoted && passage.chars().any(|c| "“”《》「」『』\n".contains(c)) {
            return None;
        }
        let (hname, htext) = self.host_for(rng, sname)?;
        if kind == Kind::FullQuoted {
            let lead = QUOTE_LEADS[rng.below(QUOTE_LEADS.len())];
            let text = format!("{lead}“{passage}。”");
            let (draft, at) = paste(rng, htext, &text);
            let n = text.chars().count();
            return Some(Case {
                kind,
                name: hname.clone(),
                text: draft,
                inserted: at..at + n,
                truth: Vec::new(),
                note: format!("{sname} {span:?}"),
            });
        }
        let (pasted, note) = change(rng, kind, &passage, self.s2t);
        let ptext = pasted.text();
        let (draft, at) = paste(rng, htext, &ptext);
        let mut t = truth_of(sname, stext, span, &pasted, at, self.formulas, self.min_chars);
        if t.parts.is_empty() {
            return None;
        }
        if matches!(kind, Kind::Heavy | Kind::Synonyms | Kind::Mixed | Kind::ShortHeavy) {
            let (_, l) = lcs_similarity(&key_chars(&ptext), &key_chars(&passage));
            t.right_to_miss = t.similarity < 0.7 || l < self.min_chars;
        }
        Some(Case {
            kind,
            name: hname.clone(),
            text: draft,
            inserted: at..at + pasted.chars.len(),
            truth: vec![t],
            note,
        })
    }

    /// 20–60 Han characters of whole clauses holding a formulation, with at least `min_chars`
    /// key characters besides it.
    fn pick_with_formula(&self, rng: &mut Rng, text: &str) -> Option<Range<usize>> {
        let chars: Vec<char> = text.chars().collect();
        let f = fold(text);
        let k = key_view(&f);
        let m = self.formulas.mask(&k.chars);
        // Formulation stretches of the speech, as char offsets.
        let mut zones: Vec<Range<usize>> = Vec::new();
        let mut i = 0;
        while i < m.len() {
            if !m[i] {
                i += 1;
                continue;
            }
            let j = i + m[i..].iter().take_while(|&&x| x).count();
            zones.push(f.starts[k.at[i] as usize] as usize..f.ends[k.at[j - 1] as usize] as usize);
            i = j;
        }
        if zones.is_empty() {
            return None;
        }
        for _ in 0..20 {
            let z = zones[rng.below(zones.len())].clone();
            let para = paragraph_of(&chars, z.start);
            if z.end > para.end {
                continue;
            }
            if let Some(r) = self.clause_window(rng, &chars, para, z.clone()) {
                return Some(r);
            }
        }
        None
    }

    /// Whole clauses of `para` around `inner`, 20–60 Han characters with at least `min_chars`
    /// key characters outside formulations; `None` when this draw does not give one.
    fn clause_window(
        &self,
        rng: &mut Rng,
        chars: &[char],
        para: Range<usize>,
        inner: Range<usize>,
    ) -> Option<Range<usize>> {
        let b = clause_bounds(chars, para);
        let starts: Vec<usize> = b.iter().copied().filter(|&x| x <= inner.start).collect();
        let ends: Vec<usize> = b.iter().copied().filter(|&x| x >= inner.end).collect();
        if starts.is_empty() || ends.is_empty() {
            return None;
        }
        let want = rng.between(20, 60);
        let s = starts[starts.len() - 1 - rng.below(starts.len().min(3))];
        let &e = ends.iter().find(|&&e| han_count(&chars[s..e]) >= want)?;
        let r = trim(chars, s..e);
        let n = han_count(&chars[r.clone()]);
        let passage: String = chars[r.clone()].iter().collect();
        ((20..=60).contains(&n) && own_chars(&passage, self.formulas) >= self.min_chars).then_some(r)
    }

    /// 20–60 Han characters of whole clauses holding a complete “…” or 《…》 and at least
    /// `min_chars` key characters outside it.
    fn pick_part_quoted(&self, rng: &mut Rng, text: &str) -> Option<Range<usize>> {
        let chars: Vec<char> = text.chars().collect();
        let q = quoted(&chars);
        let opens: Vec<usize> = (0..chars.len()).filter(|&i| q[i] && (i == 0 || !q[i - 1])).collect();
        if opens.is_empty() {
            return None;
        }
        for _ in 0..20 {
            let o = opens[rng.below(opens.len())];
            let close = o + q[o..].iter().take_while(|&&x| x).count();
            let para = paragraph_of(&chars, o);
            if close > para.end {
                continue;
            }
            if let Some(r) = self.clause_window(rng, &chars, para, o..close) {
                return Some(r);
            }
        }
        None
    }

    /// A writer's formulation with a slot, inserted as the start of a sentence of its own host.
    fn slot_case(&self, rng: &mut Rng) -> Option<Case> {
        if self.slot_frames.is_empty() {
            return None;
        }
        let (owner, frame) = &self.slot_frames[rng.below(self.slot_frames.len())];
        let host =
            self.hosts.iter().find(|h| &h.0 == owner).unwrap_or(&self.hosts[rng.below(self.hosts.len())]);
        let chars: Vec<char> = host.1.chars().collect();
        let ends: Vec<usize> =
            chars.iter().enumerate().filter(|(_, c)| matches!(c, '。')).map(|(i, _)| i + 1).collect();
        let at = if ends.is_empty() { chars.len() } else { ends[rng.below(ends.len())] };
        let mut text: String = chars[..at].iter().collect();
        text.push_str(frame);
        text.push('，');
        text.extend(chars[at..].iter());
        let n = frame.chars().count();
        Some(Case {
            kind: Kind::SlotFormula,
            name: host.0.clone(),
            text,
            inserted: at..at + n,
            truth: Vec::new(),
            note: frame.clone(),
        })
    }
}

/// Precision, recall, granularity, plagdet and counts.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scores {
    pub precision: f64,
    pub recall: f64,
    pub granularity: f64,
    pub plagdet: f64,
    /// Pasted passages with copied parts.
    pub cases: usize,
    /// Cases that insert only text that must not be found.
    pub negatives: usize,
    pub detections: usize,
    /// Detections sharing nothing with the truth.
    pub false_detections: usize,
    pub right_to_miss: usize,
    /// Recall over the passages not right to miss.
    pub recall_rest: f64,
    /// Mean similarity of pasted text to source, and mean neutral share, over the passages.
    pub similarity: f64,
    pub neutral: f64,
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

fn union_len(v: Vec<Range<usize>>) -> usize {
    jianggao::reuse::align::covered(&v)
}

fn clip_all(r: &Range<usize>, to: &[Range<usize>]) -> Vec<Range<usize>> {
    to.iter().map(|t| r.start.max(t.start)..r.end.min(t.end)).filter(|x| x.start < x.end).collect()
}

/// `r` minus `holes` (length).
fn len_outside(r: &Range<usize>, holes: &[Range<usize>]) -> usize {
    r.len() - union_len(clip_all(r, holes))
}

/// Hull minus parts.
fn neutral_of(hull: &Range<usize>, parts: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut ps: Vec<Range<usize>> = parts.to_vec();
    ps.sort_by_key(|p| p.start);
    let mut out = Vec::new();
    let mut at = hull.start;
    for p in ps {
        if p.start > at {
            out.push(at..p.start.min(hull.end));
        }
        at = at.max(p.end);
    }
    if at < hull.end {
        out.push(at..hull.end);
    }
    out
}

/// How `d` detects a copied part of `t`: naming its source (both sides must overlap), or listing
/// it among the other speeches that hold the passage (the draft side must overlap).
#[derive(PartialEq)]
enum Hit {
    No,
    Source,
    Also,
}

fn hit(d: &Detection, t: &Truth, part: &(Range<usize>, Range<usize>)) -> Hit {
    if overlap(&d.draft, &part.0) == 0 {
        Hit::No
    } else if d.source == t.source && overlap(&d.source_span, &part.1) > 0 {
        Hit::Source
    } else if d.source != t.source && d.also.contains(&t.source) {
        Hit::Also
    } else {
        Hit::No
    }
}

/// The source side a hit covers: exact for the named source; for a listed one, the share of the
/// part's source as large as the share of its draft side covered.
fn source_cover(d: &Detection, p: &(Range<usize>, Range<usize>), how: &Hit) -> Vec<Range<usize>> {
    match how {
        Hit::Source => clip_all(&d.source_span, std::slice::from_ref(&p.1)),
        _ => {
            let dn = union_len(clip_all(&d.draft, std::slice::from_ref(&p.0)));
            let n = (dn * p.1.len()).div_ceil(p.0.len().max(1)).min(p.1.len());
            std::iter::once(p.1.start..p.1.start + n).collect()
        }
    }
}

/// The truth of some drafts and what was detected in them.
pub type Scored<'a> = (&'a [Truth], &'a [Detection]);

/// PAN measures, with the neutral parts of pasted passages left out of precision. A detection
/// detects a part when it names its source and overlaps it in the draft and in the source;
/// granularity counts detections per detected part.
pub fn score(pairs: &[Scored]) -> Scores {
    let mut sc = Scores::default();
    let (mut rec_sum, mut rest_sum, mut prec_sum, mut gran_sum) = (0.0, 0.0, 0.0, 0.0);
    let mut n_detected = 0usize;
    for &(truth, dets) in pairs {
        if truth.iter().all(|t| t.parts.is_empty()) {
            sc.negatives += 1;
        }
        for t in truth.iter().filter(|t| !t.parts.is_empty()) {
            sc.cases += 1;
            sc.similarity += t.similarity;
            sc.neutral += t.neutral;
            let (mut dn, mut sn) = (Vec::new(), Vec::new());
            let mut per_part = Vec::new();
            for p in &t.parts {
                let h: Vec<(&Detection, Hit)> =
                    dets.iter().map(|d| (d, hit(d, t, p))).filter(|(_, h)| *h != Hit::No).collect();
                if !h.is_empty() {
                    per_part.push(h.len());
                }
                for (d, how) in h {
                    dn.extend(clip_all(&d.draft, std::slice::from_ref(&p.0)));
                    sn.extend(source_cover(d, p, &how));
                }
            }
            let den: usize = t.parts.iter().map(|p| p.0.len() + p.1.len()).sum();
            let r = (union_len(dn) + union_len(sn)) as f64 / den.max(1) as f64;
            rec_sum += r;
            if t.right_to_miss {
                sc.right_to_miss += 1;
            } else {
                rest_sum += r;
            }
            if !per_part.is_empty() {
                n_detected += 1;
                gran_sum += per_part.iter().sum::<usize>() as f64 / per_part.len() as f64;
            }
        }
        for d in dets {
            let mut neutral_d = Vec::new();
            let mut neutral_s = Vec::new();
            let (mut dn, mut sn) = (Vec::new(), 0usize);
            for t in truth {
                if overlap(&d.draft, &t.draft) == 0 {
                    continue;
                }
                let pd: Vec<Range<usize>> = t.parts.iter().map(|p| p.0.clone()).collect();
                neutral_d.extend(neutral_of(&t.draft, &pd));
                if d.source == t.source {
                    let ps: Vec<Range<usize>> = t.parts.iter().map(|p| p.1.clone()).collect();
                    neutral_s.extend(neutral_of(&t.source_span, &ps));
                }
                let mut src = Vec::new();
                for p in &t.parts {
                    match hit(d, t, p) {
                        Hit::No => {}
                        Hit::Source => {
                            dn.extend(clip_all(&d.draft, std::slice::from_ref(&p.0)));
                            src.extend(clip_all(&d.source_span, std::slice::from_ref(&p.1)));
                        }
                        Hit::Also => {
                            // The detection's own source side, in proportion to its draft side.
                            let c = clip_all(&d.draft, std::slice::from_ref(&p.0));
                            let n = union_len(c.clone());
                            dn.extend(c);
                            sn += (n * d.source_span.len()).div_ceil(d.draft.len().max(1));
                        }
                    }
                }
                sn += union_len(src);
            }
            let own_d = len_outside(&d.draft, &neutral_d);
            if own_d == 0 {
                // Wholly inside a formulation or quotation of a pasted passage: neutral.
                continue;
            }
            sc.detections += 1;
            let num = union_len(dn) + sn.min(d.source_span.len());
            if num == 0 {
                sc.false_detections += 1;
            }
            prec_sum += num as f64 / (own_d + len_outside(&d.source_span, &neutral_s)).max(1) as f64;
        }
    }
    sc.precision = if sc.detections == 0 { 1.0 } else { prec_sum / sc.detections as f64 };
    sc.recall = if sc.cases == 0 { f64::NAN } else { rec_sum / sc.cases as f64 };
    sc.similarity = if sc.cases == 0 { f64::NAN } else { sc.similarity / sc.cases as f64 };
    sc.neutral = if sc.cases == 0 { f64::NAN } else { sc.neutral / sc.cases as f64 };
    let rest = sc.cases - sc.right_to_miss;
    sc.recall_rest = if rest == 0 { f64::NAN } else { rest_sum / rest as f64 };
    sc.granularity = if n_detected == 0 { 1.0 } else { gran_sum / n_detected as f64 };
    let r = if sc.recall.is_nan() { 1.0 } else { sc.recall };
    let f1 = if sc.precision + r == 0.0 { 0.0 } else { 2.0 * sc.precision * r / (sc.precision + r) };
    sc.plagdet = f1 / (1.0 + sc.granularity).log2();
    sc
}

/// Scores per kind.
pub fn by_kind(cases: &[Case], dets: &[Vec<Detection>]) -> BTreeMap<Kind, Scores> {
    let mut groups: BTreeMap<Kind, Vec<Scored>> = BTreeMap::new();
    for (c, d) in cases.iter().zip(dets) {
        groups.entry(c.kind).or_default().push((&c.truth, d));
    }
    groups.into_iter().map(|(k, v)| (k, score(&v))).collect()
}

/// Scores over all cases.
pub fn overall(cases: &[Case], dets: &[Vec<Detection>]) -> Scores {
    let v: Vec<Scored> = cases.iter().zip(dets).map(|(c, d)| (&c.truth[..], &d[..])).collect();
    score(&v)
}

fn num2(x: f64) -> String {
    if x.is_nan() { "—".into() } else { format!("{x:.2}") }
}

fn num(x: f64) -> String {
    if x.is_nan() { "—".into() } else { format!("{x:.3}") }
}

pub fn table(rows: &BTreeMap<Kind, Scores>) -> String {
    let mut s = String::from(
        "| kind | passages | sim | neutral | negatives | detections | false | precision | recall | granularity | plagdet | right to miss | recall, rest |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n",
    );
    for (k, sc) in rows {
        let plag = if k.negative() { "—".to_string() } else { num(sc.plagdet) };
        s.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            k.name(),
            sc.cases,
            num2(sc.similarity),
            num2(sc.neutral),
            sc.negatives,
            sc.detections,
            sc.false_detections,
            num(sc.precision),
            num(sc.recall),
            num(sc.granularity),
            plag,
            sc.right_to_miss,
            num(sc.recall_rest),
        ));
    }
    s
}

pub fn overall_line(o: &Scores) -> String {
    format!(
        "overall: {} passages, {} negative cases, {} detections ({} false): precision {:.3}, recall {:.3} ({} right to miss; recall over the rest {}), granularity {:.3}, plagdet {:.3}",
        o.cases,
        o.negatives,
        o.detections,
        o.false_detections,
        o.precision,
        o.recall,
        o.right_to_miss,
        num(o.recall_rest),
        o.granularity,
        o.plagdet
    )
}

/// What each kind accepts as missed.
pub fn right_to_miss_notes(kinds: &[Kind]) -> String {
    let mut s = String::from("What counts as right to miss, per kind:\n");
    for k in kinds {
        s.push_str(&format!("- {}: {}\n", k.name(), k.right_to_miss()));
    }
    s
}

/// Recall of one case's truth (0 when it has none), for diagnostics.
pub fn case_recall(c: &Case, d: &[Detection]) -> f64 {
    let s = score(&[(&c.truth[..], d)]);
    if s.recall.is_nan() { 1.0 } else { s.recall }
}

/// Write `files` (relative name → text) under `dir`.
pub fn write_all(dir: &Path, files: &[(String, String)]) {
    for (name, text) in files {
        let p = dir.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}
