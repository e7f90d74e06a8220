//! The reuse checker evaluated on ../shared/corpus in the PAN text-alignment manner
//! (`cargo bench --bench reuse_eval`): passages from the archive (provincial government work
//! reports of 2025, national reports, congress reports) changed the ways writers change them
//! (tests/support/eval.rs lists the kinds) and pasted into 3,000-character windows of the 2026
//! provincial reports — same genre, consecutive years, so hosts share much phrasing with the
//! archive by nature. Detections the host window already had before pasting (its own reuse of
//! last year's report) are left out of the scoring and counted separately.
//!
//! Negatives: formulations with a slot (a frame found across the archive with different words in
//! the slot, 习近平总书记考察{省}重要讲话精神) as the 2026 reports fill them, inserted into their
//! own province's window; passages quoted in full; speech windows that paste nothing; the shipped
//! examples drafted from our phrasebook. Also the real pair cpc-congress-20 / xi-20221025-01.
//!
//! Prints markdown tables. `EVAL_CASES=N` cases per kind (default 100); `EVAL_MISSED=1` prints the
//! passages found for less than half, with what was found there; `EVAL_FALSE=1` prints false
//! detections and detected text outside pasted passages; `EVAL_KIND=text` limits both to kinds
//! whose name contains it. Skips when the corpus is absent.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;
use std::time::Instant;

#[path = "../tests/common/mod.rs"]
#[allow(dead_code)]
mod common;
#[path = "../tests/support/eval.rs"]
#[allow(dead_code)]
mod eval;

use eval::{Case, Detection, Formulas, Kind, Maker, Rng};
use jianggao::reuse::check::{Settings, check_document};
use jianggao::reuse::classify::Kind as MatchKind;
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

/// Where host windows start in a 2026 report, and how long they are (characters).
const WINDOW: (usize, usize) = (2000, 3000);

fn window(text: &str, from: usize, n: usize) -> String {
    text.chars().skip(from).take(n).collect()
}

/// A path the checker reports, relative to the archive, with `/`.
fn relative(path: &str, archive: &Path) -> String {
    let p = Path::new(path);
    p.strip_prefix(archive).unwrap_or(p).to_string_lossy().replace('\\', "/")
}

fn s2t(s: &str) -> String {
    use ferrous_opencc::OpenCC;
    use ferrous_opencc::config::BuiltinConfig;
    use std::sync::OnceLock;
    static C: OnceLock<OpenCC> = OnceLock::new();
    C.get_or_init(|| OpenCC::from_config(BuiltinConfig::S2t).unwrap()).convert(s)
}

fn run(text: &str, s: &Settings) -> jianggao::reuse::report::Report {
    let doc = jianggao::text::read::decode(Path::new("draft.txt"), text.as_bytes()).unwrap();
    check_document(&doc, "draft.txt", s, None).unwrap().report
}

fn of_kinds(r: &jianggao::reuse::report::Report, archive: &Path, kinds: &[MatchKind]) -> Vec<Detection> {
    r.matches
        .iter()
        .filter(|m| kinds.contains(&m.kind))
        .map(|m| Detection {
            draft: m.draft_start..m.draft_end,
            source: relative(&m.source, archive),
            source_span: m.source_start..m.source_end,
            also: m.also_in.iter().map(|a| relative(a, archive)).collect(),
        })
        .collect()
}

/// Whether two texts share a stretch of `n` folded key characters (linear: a k-gram set).
fn share_run(a: &str, b: &str, n: usize) -> bool {
    let (ka, kb) = (eval::key_chars(a), eval::key_chars(b));
    let set: HashSet<&[char]> = ka.windows(n).collect();
    kb.windows(n).any(|w| set.contains(w))
}

fn province(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name).split('-').next().unwrap_or(name)
}

fn wanted(kind: Kind) -> bool {
    std::env::var("EVAL_KIND").ok().is_none_or(|k| kind.name().contains(&k))
}

fn short(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

fn main() {
    let Some(corpus) = common::corpus() else {
        println!("reuse_eval: ../shared/corpus not found, skipped");
        return;
    };
    let started = Instant::now();
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    let mut sources = read_folder(&corpus, "gwr-prov-2025");
    sources.extend(read_folder(&corpus, "gwr-national"));
    sources.extend(read_folder(&corpus, "cpc-congress"));
    eval::write_all(&archive, &sources);
    let settings = Settings::new(&archive);
    let min = settings.min_chars;
    let reports_2026 = read_folder(&corpus, "gwr-prov-2026");
    let hosts: Vec<(String, String)> = reports_2026
        .iter()
        .filter(|(_, t)| t.chars().count() > 6000)
        .map(|(n, t)| (n.clone(), window(t, WINDOW.0, WINDOW.1)))
        .collect();

    // What the archive says is a formulation (independently of the checker).
    let t = Instant::now();
    let texts: Vec<&str> = sources.iter().map(|(_, t)| t.as_str()).collect();
    let formulas = Formulas::build(&texts, settings.formula_min_speeches, &settings.phrasebook.formulas);
    // Formulations with a slot as the 2026 reports fill them, outside the host windows.
    let mut frames: Vec<(String, String)> = Vec::new();
    let mut seen = HashSet::new();
    for (n, text) in &reports_2026 {
        if !hosts.iter().any(|h| &h.0 == n) {
            continue;
        }
        for (r, _) in formulas.slot_frames(text, min) {
            if r.end <= WINDOW.0 || r.start >= WINDOW.0 + WINDOW.1 {
                let f = Span::new(r.start, r.end).slice(text).to_string();
                if seen.insert((n.clone(), f.clone())) {
                    frames.push((n.clone(), f));
                }
            }
        }
    }
    println!(
        "formulations: archive of {} speeches; {} formulations with a slot as the 2026 reports fill them ({:.1} s)\n",
        sources.len(),
        frames.len(),
        t.elapsed().as_secs_f64()
    );

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
            r.matches
                .iter()
                .filter(|m| m.kind == MatchKind::Copied)
                .map(|m| m.draft_start..m.draft_end)
                .collect(),
        );
    }
    println!(
        "hosts: {} windows of 3,000 chars from gwr-prov-2026; their own reuse of the archive before pasting: {:.1}% of characters (copied kind)\n",
        hosts.len(),
        100.0 * natural_chars as f64 / host_chars.max(1) as f64
    );

    let per = std::env::var("EVAL_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(100);
    let mut rng = Rng::new(2026);
    let compatible = |s: &str, h: &str| province(s) != province(h);
    let maker = Maker {
        sources: &sources,
        hosts: &hosts,
        formulas: &formulas,
        min_chars: min,
        lengths: (20, 200),
        s2t: &s2t,
        compatible: &compatible,
        slot_frames: &frames,
    };
    let mut cases: Vec<Case> = Vec::new();
    for kind in Kind::PASTED.into_iter().chain(Kind::NEGATIVE) {
        let made = maker.make(&mut rng, kind, per);
        if made.len() < per {
            println!("{}: only {} cases could be made", kind.name(), made.len());
        }
        cases.extend(made);
    }

    let t = Instant::now();
    let mut dets = Vec::new();
    let mut dets_any = Vec::new();
    let mut preexisting = 0;
    let mut preexisting_unread = 0;
    // The same without leaving out host reuse the bare-host run did not find.
    let mut strict: Vec<Vec<Detection>> = Vec::new();
    let mut as_formula = 0;
    let show_missed = std::env::var_os("EVAL_MISSED").is_some();
    let show_false = std::env::var_os("EVAL_FALSE").is_some();
    for c in &cases {
        let r = run(&c.text, &settings);
        let ins = &c.inserted;
        let over = |d: &Range<usize>| d.start < ins.end && ins.start < d.end;
        // Every kind, but only where it overlaps what was inserted (the rest is the host's).
        dets_any.push(
            of_kinds(&r, &archive, &[MatchKind::Copied, MatchKind::Formula, MatchKind::Quote])
                .into_iter()
                .filter(|d| over(&d.draft))
                .collect::<Vec<_>>(),
        );
        // Pasted passages the checker found but classed as formulation or quotation only.
        if !c.truth.is_empty()
            && r.matches.iter().any(|m| m.kind != MatchKind::Copied && over(&(m.draft_start..m.draft_end)))
            && !r.matches.iter().any(|m| m.kind == MatchKind::Copied && over(&(m.draft_start..m.draft_end)))
        {
            as_formula += 1;
        }
        let inserted =
            c.text.chars().count() - hosts.iter().find(|h| h.0 == c.name).unwrap().1.chars().count();
        let at = ins.start;
        let nat = &natural[&c.name];
        let mut keep = Vec::new();
        strict.push(Vec::new());
        for d in of_kinds(&r, &archive, &[MatchKind::Copied]) {
            // Back to host coordinates, for spans wholly outside what was inserted.
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
                    share_run(a, b, min)
                }
            };
            if !over(&d.draft) && was_there {
                preexisting += 1;
            } else if !over(&d.draft) && host_shares() {
                preexisting_unread += 1;
                strict.last_mut().unwrap().push(d.clone());
            } else {
                let outside = c
                    .truth
                    .first()
                    .is_none_or(|t| d.draft.start < t.draft.start || d.draft.end > t.draft.end);
                if show_false && wanted(c.kind) && outside {
                    // EVAL_FALSE=1: a false detection, or what one covers outside the passage.
                    let src = std::fs::read_to_string(archive.join(&d.source)).unwrap_or_default();
                    println!(
                        "{} [{}] in {} inserted {:?} det {:?}: {:?}\n    source {} {:?}: {:?}",
                        if c.truth.is_empty() { "false" } else { "outside" },
                        c.kind.name(),
                        short(&c.name),
                        ins,
                        d.draft,
                        Span::new(d.draft.start, d.draft.end).slice(&c.text),
                        d.source,
                        d.source_span,
                        Span::new(d.source_span.start, d.source_span.end).slice(&src),
                    );
                }
                strict.last_mut().unwrap().push(d.clone());
                keep.push(d);
            }
        }
        // EVAL_MISSED=1: pasted passages found for less than half or in pieces, and what was
        // found there.
        let pieces = c.truth.first().map_or(0, |t| {
            keep.iter()
                .filter(|d| {
                    d.source == t.source && d.draft.start < t.draft.end && t.draft.start < d.draft.end
                })
                .count()
        });
        if show_missed
            && wanted(c.kind)
            && !c.truth.is_empty()
            && (eval::case_recall(c, &keep) < 0.5 || pieces > 1)
        {
            let t = &c.truth[0];
            let parts: Vec<&str> =
                t.parts.iter().map(|p| Span::new(p.0.start, p.0.end).slice(&c.text)).collect();
            println!(
                "{} [{}] recall {:.2}{}: {} {:?} pasted at {:?} in {} {}: {:?}\n    copied parts: {parts:?}",
                if pieces > 1 { "split" } else { "missed" },
                c.kind.name(),
                eval::case_recall(c, &keep),
                if t.right_to_miss { " (right to miss)" } else { "" },
                t.source,
                t.source_span,
                t.draft,
                short(&c.name),
                c.note,
                Span::new(t.draft.start, t.draft.end).slice(&c.text)
            );
            for m in r.matches.iter().filter(|m| m.draft_start < t.draft.end && t.draft.start < m.draft_end) {
                println!(
                    "    found {:?} {:?} {:?} from {} {:?} sim {:.3} also {:?}",
                    m.kind,
                    m.draft_start..m.draft_end,
                    Span::new(m.draft_start, m.draft_end).slice(&c.text),
                    short(&m.source),
                    m.source_start..m.source_end,
                    m.similarity,
                    m.also_in.iter().map(|a| short(a)).collect::<Vec<_>>()
                );
            }
        }
        dets.push(keep);
    }
    let checks_s = t.elapsed().as_secs_f64();

    // Drafts that copied nothing: windows of speeches, none pasted, against the report archive.
    // These speeches were not written by pasting, but Xi's speeches do quote his congress reports
    // (and the work reports quote him): a copied detection whose two passages share a stretch of
    // at least `min_chars` folded characters verbatim is such pre-existing shared text, counted
    // apart; the rest are false detections (they enter the table as kind "nothing pasted").
    let mut neg_shared = 0;
    let mut neg_formula = 0;
    for (n, t) in read_folder(&corpus, "xi-speeches-2022-2025").iter().take(40) {
        if t.chars().count() < 3500 || n.contains("20221025") {
            continue;
        }
        let w = window(t, 500, 3000);
        let r = run(&w, &settings);
        let mut false_here = Vec::new();
        for m in r.matches.iter().filter(|m| m.kind == MatchKind::Copied) {
            let src = std::fs::read_to_string(&m.source).unwrap_or_default();
            let a = Span::new(m.draft_start, m.draft_end).slice(&w);
            let b = Span::new(m.source_start, m.source_end).slice(&src);
            if share_run(a, b, min) {
                neg_shared += 1;
                continue;
            }
            if show_false && wanted(Kind::NoPaste) {
                println!(
                    "false [{}] in {n} ({:.2}): {a:?}\n    source {}: {b:?}",
                    Kind::NoPaste.name(),
                    m.similarity,
                    short(&m.source)
                );
            }
            false_here.push(Detection {
                draft: m.draft_start..m.draft_end,
                source: m.source.clone(),
                source_span: m.source_start..m.source_end,
                also: Vec::new(),
            });
        }
        neg_formula += r.matches.iter().filter(|m| m.kind != MatchKind::Copied).count();
        cases.push(Case {
            kind: Kind::NoPaste,
            name: n.clone(),
            text: w,
            inserted: 0..0,
            truth: Vec::new(),
            note: String::new(),
        });
        dets.push(false_here.clone());
        strict.push(false_here);
        dets_any.push(Vec::new());
    }

    let rows = eval::by_kind(&cases, &dets);
    println!("{}", eval::table(&rows));
    println!("{}\n", eval::overall_line(&eval::overall(&cases, &dets)));
    println!(
        "{} detections of the hosts' own reuse left out; also left out: {preexisting_unread} detections wholly in host text that share ≥ {min} folded characters verbatim with their source but that the run on the bare host did not find (it read other speeches). Counting them as false:\n\n{}",
        preexisting,
        eval::table(&eval::by_kind(&cases, &strict))
    );
    println!(
        "alignment alone (every kind of match counted as a detection, only those overlapping what was inserted):\n\n{}",
        eval::table(&eval::by_kind(&cases, &dets_any))
    );
    println!(
        "pasted passages found but classed formula/quote only (counted as missed above): {as_formula} of {}",
        cases.iter().filter(|c| !c.truth.is_empty()).count()
    );
    println!(
        "nothing pasted: {} speech windows (3,000 chars) against the report archive; {neg_shared} copied detections there share ≥ {min} folded characters verbatim with their source (text the speech really shares with a report, not counted); {neg_formula} formula/quote detections\n",
        cases.iter().filter(|c| c.kind == Kind::NoPaste).count()
    );
    let kinds: Vec<Kind> = rows.keys().copied().collect();
    println!("{}", eval::right_to_miss_notes(&kinds));

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
                if m.kind == MatchKind::Copied {
                    draft_copied += 1;
                    if show_false {
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
    let t = Instant::now();
    let r = run(&xi, &Settings::new(&pair_dir));
    println!(
        "real pair: xi-20221025-01 ({} chars) against cpc-congress-20: 总复制比 {:.1}%, {} matches, {} copied; {:.0} ms\n",
        r.chars,
        r.reuse_ratio * 100.0,
        r.matches.len(),
        r.matches.iter().filter(|m| m.kind == MatchKind::Copied).count(),
        t.elapsed().as_secs_f64() * 1e3
    );
    println!(
        "time: {:.1} s in all, {:.1} s checking {} cases",
        started.elapsed().as_secs_f64(),
        checks_s,
        cases.iter().filter(|c| c.kind != Kind::NoPaste).count()
    );
}
