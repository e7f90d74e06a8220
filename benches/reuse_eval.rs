//! The reuse checker evaluated on ../shared/corpus in the PAN text-alignment manner
//! (`cargo bench --bench reuse_eval`): passages from the archive (provincial government work
//! reports of 2025, national reports, congress reports) obfuscated and pasted into 3,000-character
//! windows of the 2026 provincial reports — same genre, consecutive years, so hosts share much
//! phrasing with the archive by nature. Detections the host window already had before pasting
//! (its own reuse of last year's report) are left out of the scoring and counted separately.
//! Also: drafts that copied nothing (speech windows), and the real pair cpc-congress-20 /
//! xi-20221025-01. Prints markdown tables. Skips when the corpus is absent.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

#[path = "../tests/common/mod.rs"]
#[allow(dead_code)]
mod common;
#[path = "../tests/support/eval.rs"]
#[allow(dead_code)]
mod eval;

use eval::{Case, Detection, Obf, Rng};
use jianggao::reuse::check::{Settings, check_document};
use jianggao::reuse::classify::Kind;
use jianggao::text::span::Span;

fn read_folder(dir: &Path, sub: &str) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = std::fs::read_dir(dir.join(sub))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            (
                format!("{sub}/{}", p.file_name().unwrap().to_string_lossy()),
                std::fs::read_to_string(&p).unwrap_or_default(),
            )
        })
        .collect();
    v.sort();
    v
}

fn window(text: &str, from: usize, n: usize) -> String {
    text.chars().skip(from).take(n).collect()
}

fn s2t(s: &str) -> String {
    use ferrous_opencc::OpenCC;
    use ferrous_opencc::config::BuiltinConfig;
    OpenCC::from_config(BuiltinConfig::S2t).unwrap().convert(s)
}

fn run(text: &str, s: &Settings) -> jianggao::reuse::report::Report {
    let doc = jianggao::text::read::decode(Path::new("draft.txt"), text.as_bytes()).unwrap();
    check_document(&doc, "draft.txt", s, None).unwrap().report
}

fn copied(r: &jianggao::reuse::report::Report, archive: &Path) -> Vec<Detection> {
    of_kinds(r, archive, &[Kind::Copied])
}

fn of_kinds(r: &jianggao::reuse::report::Report, archive: &Path, kinds: &[Kind]) -> Vec<Detection> {
    r.matches
        .iter()
        .filter(|m| kinds.contains(&m.kind))
        .map(|m| Detection {
            draft: m.draft_start..m.draft_end,
            source: Path::new(&m.source).strip_prefix(archive).unwrap().to_string_lossy().replace('\\', "/"),
            source_span: m.source_start..m.source_end,
        })
        .collect()
}

/// The key characters (folded, punctuation left out) of a text.
fn folded_key(text: &str) -> Vec<char> {
    let f = jianggao::text::fold::fold(text);
    jianggao::reuse::fingerprint::key_view(&f).chars
}

/// The longest stretch two texts share exactly.
fn longest_common_run(a: &[char], b: &[char]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut best = 0;
    for &x in a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, &y) in b.iter().enumerate() {
            if x == y {
                cur[j + 1] = prev[j] + 1;
                best = best.max(cur[j + 1]);
            }
        }
        prev = cur;
    }
    best
}

/// For every run of `n` key characters in the archive (hashed), how many archive speeches hold it.
fn run_support(sources: &[(String, String)], n: usize) -> HashMap<u64, (u32, u32)> {
    let mut support: HashMap<u64, (u32, u32)> = HashMap::new();
    for (i, (_, text)) in sources.iter().enumerate() {
        let key = folded_key(text);
        for w in key.windows(n) {
            let e = support.entry(jianggao::reuse::fingerprint::content_hash(w)).or_insert((0, u32::MAX));
            if e.1 != i as u32 {
                *e = (e.0 + 1, i as u32);
            }
        }
    }
    support
}

/// A passage most of whose text stands in at least `speeches` archive speeches is boilerplate by
/// the checker's own definition (a formulation, such as the licence notice Wikisource puts in
/// every resolution), not a passage one could be said to copy from one source.
fn is_boilerplate(passage: &str, support: &HashMap<u64, (u32, u32)>, n: usize, speeches: usize) -> bool {
    let key = folded_key(passage);
    let windows: Vec<&[char]> = key.windows(n).collect();
    let common = windows
        .iter()
        .filter(|w| {
            support
                .get(&jianggao::reuse::fingerprint::content_hash(w))
                .is_some_and(|e| e.0 as usize >= speeches)
        })
        .count();
    common * 2 > windows.len()
}

fn province(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name).split('-').next().unwrap_or(name)
}

fn main() {
    let Some(corpus) = common::corpus() else {
        println!("reuse_eval: ../shared/corpus not found, skipped");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    let mut sources = read_folder(&corpus, "gwr-prov-2025");
    sources.extend(read_folder(&corpus, "gwr-national"));
    sources.extend(read_folder(&corpus, "cpc-congress"));
    eval::write_all(&archive, &sources);
    let settings = Settings::new(&archive);
    let hosts_full = read_folder(&corpus, "gwr-prov-2026");
    let hosts: Vec<(String, String)> = hosts_full
        .iter()
        .filter(|(_, t)| t.chars().count() > 6000)
        .map(|(n, t)| (n.clone(), window(t, 2000, 3000)))
        .collect();

    // The hosts' own reuse before anything is pasted.
    let mut natural: HashMap<String, Vec<Range<usize>>> = HashMap::new();
    let mut natural_chars = 0usize;
    let mut host_chars = 0usize;
    for (n, t) in &hosts {
        let r = run(t, &settings);
        natural_chars += (r.reuse_ratio * r.chars as f64) as usize;
        host_chars += r.chars;
        natural.insert(
            n.clone(),
            r.matches.iter().filter(|m| m.kind == Kind::Copied).map(|m| m.draft_start..m.draft_end).collect(),
        );
    }
    println!(
        "hosts: {} windows of 3,000 chars from gwr-prov-2026; their own reuse of the archive before pasting: {:.1}% of characters (copied kind)\n",
        hosts.len(),
        100.0 * natural_chars as f64 / host_chars.max(1) as f64
    );

    let per = std::env::var("EVAL_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(20);
    let mut rng = Rng::new(2026);
    let mut cases: Vec<Case> = Vec::new();
    let support = run_support(&sources, settings.min_chars);
    let mut boilerplate = 0;
    for obf in Obf::ALL {
        let mut made = 0;
        while made < per {
            let (hname, htext) = &hosts[rng.below(hosts.len())];
            // A source of another province (or a national report), so the case is not the host's own.
            let (sname, stext) = &sources[rng.below(sources.len())];
            if province(sname) == province(hname) {
                continue;
            }
            let Some(span) = eval::pick_passage(&mut rng, stext, 40, 200) else { continue };
            let passage: String = stext.chars().skip(span.start).take(span.len()).collect();
            if is_boilerplate(&passage, &support, settings.min_chars, settings.formula_min_speeches) {
                boilerplate += 1;
                continue;
            }
            if obf == Obf::Reorder && !passage.contains('，') {
                continue;
            }
            let pasted = eval::obfuscate(&mut rng, &passage, obf, &s2t);
            let (text, draft) = eval::paste(&mut rng, htext, &pasted);
            cases.push(Case {
                obf: Some(obf),
                name: hname.clone(),
                text,
                truth: vec![eval::Truth { draft, source: sname.clone(), source_span: span }],
            });
            made += 1;
        }
    }
    let mut dets = Vec::new();
    let mut dets_any = Vec::new();
    let mut preexisting = 0;
    let mut preexisting_unread = 0;
    // The same without leaving out host reuse the bare-host run did not find.
    let mut strict: Vec<Vec<Detection>> = Vec::new();
    let mut as_formula = 0;
    for c in &cases {
        let r = run(&c.text, &settings);
        let t = &c.truth[0];
        // Every kind, but only where it overlaps the pasted passage (the rest is the host's).
        dets_any.push(
            of_kinds(&r, &archive, &[Kind::Copied, Kind::Formula, Kind::Quote])
                .into_iter()
                .filter(|d| d.draft.start < t.draft.end && t.draft.start < d.draft.end)
                .collect::<Vec<_>>(),
        );
        // Pasted passages the checker found but classed as a formulation (text in ≥ 5 reports).
        if r.matches
            .iter()
            .any(|m| m.kind != Kind::Copied && m.draft_start < t.draft.end && t.draft.start < m.draft_end)
            && !r
                .matches
                .iter()
                .any(|m| m.kind == Kind::Copied && m.draft_start < t.draft.end && t.draft.start < m.draft_end)
        {
            as_formula += 1;
        }
        let inserted =
            c.text.chars().count() - hosts.iter().find(|h| h.0 == c.name).unwrap().1.chars().count();
        let at = t.draft.start;
        let nat = &natural[&c.name];
        let mut keep = Vec::new();
        strict.push(Vec::new());
        for d in copied(&r, &archive) {
            let overlaps_truth = d.draft.start < t.draft.end && t.draft.start < d.draft.end;
            // Back to host coordinates, for spans wholly outside the pasted passage.
            let host_span = if d.draft.end <= at {
                Some(d.draft.clone())
            } else if d.draft.start >= at + inserted.saturating_sub(2) {
                Some(d.draft.start - inserted..d.draft.end - inserted)
            } else {
                None
            };
            let was_there =
                host_span.as_ref().is_some_and(|h| nat.iter().any(|n| n.start < h.end && h.start < n.end));
            // Wholly in the host's own text and sharing a verbatim stretch with its source: the
            // host's own reuse too, found now because pasting changed which speeches rank high
            // enough to be read (the run on the bare host read others).
            let host_shares = || {
                host_span.is_some() && {
                    let src = std::fs::read_to_string(archive.join(&d.source)).unwrap_or_default();
                    let a = Span::new(d.draft.start, d.draft.end).slice(&c.text);
                    let b = Span::new(d.source_span.start, d.source_span.end).slice(&src);
                    longest_common_run(&folded_key(a), &folded_key(b)) >= settings.min_chars
                }
            };
            if !overlaps_truth && was_there {
                preexisting += 1;
            } else if !overlaps_truth && host_shares() {
                preexisting_unread += 1;
                strict.last_mut().unwrap().push(d.clone());
            } else {
                if std::env::var_os("EVAL_FALSE").is_some()
                    && (d.draft.start < t.draft.start || d.draft.end > t.draft.end)
                {
                    // EVAL_FALSE=1: what a kept detection covers outside the pasted passage.
                    let src = std::fs::read_to_string(archive.join(&d.source)).unwrap_or_default();
                    println!(
                        "outside {:?} truth {:?} det {:?}: {:?}\n    source {} {:?}",
                        c.obf.map(|o| o.name()),
                        t.draft,
                        d.draft,
                        Span::new(d.draft.start, d.draft.end).slice(&c.text),
                        d.source,
                        Span::new(d.source_span.start, d.source_span.end).slice(&src),
                    );
                }
                strict.last_mut().unwrap().push(d.clone());
                keep.push(d);
            }
        }
        // EVAL_MISSED=1: why a pasted passage was not found as copied from its source.
        if std::env::var_os("EVAL_MISSED").is_some()
            && !keep
                .iter()
                .any(|d| d.source == t.source && d.draft.start < t.draft.end && t.draft.start < d.draft.end)
        {
            println!(
                "missed {:?}: {} {:?} pasted at {:?} in {}: {:?}",
                c.obf.map(|o| o.name()),
                t.source,
                t.source_span,
                t.draft,
                c.name,
                Span::new(t.draft.start, t.draft.end).slice(&c.text)
            );
            for m in r.matches.iter().filter(|m| m.draft_start < t.draft.end && t.draft.start < m.draft_end) {
                println!(
                    "    found {:?} {:?} from {} {:?} also {:?}",
                    m.kind,
                    m.draft_start..m.draft_end,
                    m.source.rsplit(['/', '\\']).next().unwrap_or(""),
                    m.source_start..m.source_end,
                    m.also_in.iter().map(|a| a.rsplit(['/', '\\']).next().unwrap_or("")).collect::<Vec<_>>()
                );
            }
        }
        dets.push(keep);
    }
    println!(
        "passages not pasted because most of their text stands in ≥ {} archive speeches (formulations by definition, e.g. licence notices): {boilerplate}\n",
        settings.formula_min_speeches
    );
    let rows = eval::by_obfuscation(&cases, &dets);
    println!("{}", eval::table(&rows));
    let all: Vec<eval::Scored> = cases.iter().zip(&dets).map(|(c, d)| (c.truth.clone(), d.clone())).collect();
    let o = eval::score(&all);
    println!(
        "overall: {} cases, precision {:.3}, recall {:.3}, granularity {:.3}, plagdet {:.3}; {} detections of the hosts' own reuse left out\n",
        o.cases, o.precision, o.recall, o.granularity, o.plagdet, preexisting
    );
    println!(
        "also left out above: {preexisting_unread} detections wholly in host text that share ≥ {} folded characters verbatim with their source but that the run on the bare host did not find (it read other speeches); counting them as false:\n\n{}",
        settings.min_chars,
        eval::table(&eval::by_obfuscation(&cases, &strict))
    );
    println!(
        "alignment alone (every kind counted, only detections overlapping the pasted passage):\n\n{}",
        eval::table(&eval::by_obfuscation(&cases, &dets_any))
    );
    println!(
        "pasted passages found but classed formula/quote only (counted as missed above): {as_formula} of {}\n",
        cases.len()
    );

    // Drafts that copied nothing: windows of speeches, none pasted, against the report archive.
    // These speeches were not written by pasting, but Xi's speeches do quote his congress reports
    // (and the work reports quote him): a copied detection whose two passages share a stretch of
    // at least `min_chars` folded characters verbatim is such pre-existing shared text, counted
    // apart; the rest would be false detections.
    let mut neg_total = 0;
    let mut neg_copied = 0;
    let mut neg_shared = 0;
    let mut neg_formula = 0;
    for (n, t) in read_folder(&corpus, "xi-speeches-2022-2025").iter().take(40) {
        if t.chars().count() < 3500 || n.contains("20221025") {
            continue;
        }
        let w = window(t, 500, 3000);
        let r = run(&w, &settings);
        neg_total += 1;
        for m in r.matches.iter().filter(|m| m.kind == Kind::Copied) {
            neg_copied += 1;
            let src = std::fs::read_to_string(&m.source).unwrap_or_default();
            let a = Span::new(m.draft_start, m.draft_end).slice(&w);
            let b = Span::new(m.source_start, m.source_end).slice(&src);
            if longest_common_run(&folded_key(a), &folded_key(b)) >= settings.min_chars {
                neg_shared += 1;
            } else if std::env::var_os("EVAL_FALSE").is_some() {
                // EVAL_FALSE=1: each false detection on a draft that copied nothing, both sides.
                println!(
                    "false in {n} ({:.2}): {a:?}\n    source {}: {b:?}",
                    m.similarity,
                    m.source.rsplit(['/', '\\']).next().unwrap_or("")
                );
            }
        }
        neg_formula += r.matches.iter().filter(|m| m.kind != Kind::Copied).count();
    }
    println!(
        "negatives: {neg_total} speech windows (3,000 chars) that paste nothing: {neg_copied} copied-kind detections, of which {neg_shared} share ≥ {} folded characters verbatim with their source (text the speech really shares with a report) and {} do not (false detections); {neg_formula} formula/quote detections\n",
        settings.min_chars,
        neg_copied - neg_shared
    );

    // Drafts that truly copied nothing: the shipped examples drafted from our own phrasebook over
    // several seeds (formulations from _formulas.yaml may be found, as formula).
    let bin = env!("CARGO_BIN_EXE_jianggao");
    let (mut drafts, mut draft_copied, mut draft_other) = (0, 0, 0);
    for example in ["examples/welcome.yaml", "examples/symposium.yaml"] {
        for seed in 0..6 {
            let out = std::process::Command::new(bin)
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .args(["draft", example, "--seed", &seed.to_string()])
                .output()
                .unwrap();
            let text = String::from_utf8(out.stdout).unwrap();
            let r = run(&text, &settings);
            drafts += 1;
            for m in &r.matches {
                if m.kind == Kind::Copied {
                    draft_copied += 1;
                    if std::env::var_os("EVAL_FALSE").is_some() {
                        let a = Span::new(m.draft_start, m.draft_end).slice(&text);
                        println!("false in {example} seed {seed}: {a:?} from {}", m.source);
                    }
                } else {
                    draft_other += 1;
                }
            }
        }
    }
    println!(
        "own drafts: {drafts} drafts of the shipped examples (seeds 0–5) that copy nothing: {draft_copied} copied-kind detections, {draft_other} formula/quote detections\n"
    );

    // The real pair: the 20th congress report and the same report as a speech transcript.
    let pair_dir = tmp.path().join("pair");
    let cpc = std::fs::read_to_string(corpus.join("cpc-congress/cpc-congress-20.txt")).unwrap();
    eval::write_all(&pair_dir, &[("cpc-congress-20.txt".into(), cpc)]);
    let xi = std::fs::read_to_string(corpus.join("xi-speeches-2022-2025/xi-20221025-01.txt")).unwrap();
    let t = std::time::Instant::now();
    let r = run(&xi, &Settings::new(&pair_dir));
    println!(
        "real pair: xi-20221025-01 ({} chars) against cpc-congress-20: 总复制比 {:.1}%, {} matches, {} copied; {:.0} ms",
        r.chars,
        r.reuse_ratio * 100.0,
        r.matches.len(),
        r.matches.iter().filter(|m| m.kind == Kind::Copied).count(),
        t.elapsed().as_secs_f64() * 1e3
    );
}
