//! The reuse checker's quality bar on our own texts, in the PAN text-alignment manner: passages
//! pasted into host drafts under every kind of change real copying shows, and formulations with
//! a slot and passages quoted in full that must not count, scored per kind; drafts that copied
//! nothing report nothing copied; formulations (listed, or repeated across the archive) are kept
//! out of `copied`.

use crate::eval;
use crate::texts;

use std::collections::BTreeMap;
use std::path::Path;

use eval::{Case, Detection, Formulas, Kind, Maker, Rng, Scores};
use jianggao::reuse::check::{Settings, check_document};
use jianggao::reuse::classify::Kind as MatchKind;

/// A path the checker reports, relative to the archive, with `/`.
fn relative(path: &str, archive: &Path) -> String {
    let p = Path::new(path);
    p.strip_prefix(archive).unwrap_or(p).to_string_lossy().replace('\\', "/")
}

fn s2t(s: &str) -> String {
    use ferrous_opencc::OpenCC;
    use ferrous_opencc::config::BuiltinConfig;
    OpenCC::from_config(BuiltinConfig::S2t).unwrap().convert(s)
}

fn archive() -> (tempfile::TempDir, Vec<(String, String)>) {
    let dir = tempfile::tempdir().unwrap();
    let mut sources: Vec<(String, String)> = Vec::new();
    for (i, (name, text)) in texts::SOURCES.iter().enumerate() {
        // Five of the six end with the same closing sentence: a formulation by frequency.
        let text = if i < 5 { format!("{text}{}\n", texts::CLOSING) } else { text.to_string() };
        sources.push((name.to_string(), text));
    }
    sources.extend(texts::MORE_SOURCES.iter().map(|(n, t)| (n.to_string(), t.to_string())));
    eval::write_all(dir.path(), &sources);
    (dir, sources)
}

fn settings(dir: &Path) -> Settings {
    let mut s = Settings::new(dir);
    s.phrasebook.formulas = vec![
        "全面建设社会主义现代化国家".into(),
        "巩固拓展脱贫攻坚成果".into(),
        "坚持稳中求进工作总基调".into(),
    ];
    s
}

fn run(case_text: &str, name: &str, s: &Settings) -> jianggao::reuse::report::Report {
    let doc = jianggao::text::read::decode(Path::new(name), case_text.as_bytes()).unwrap();
    check_document(&doc, name, s, None).unwrap().report
}

fn detections(r: &jianggao::reuse::report::Report, archive: &Path) -> Vec<Detection> {
    r.matches
        .iter()
        .filter(|m| m.kind == MatchKind::Copied)
        .map(|m| Detection {
            draft: m.draft_start..m.draft_end,
            source: relative(&m.source, archive),
            source_span: m.source_start..m.source_end,
            also: m.also_in.iter().map(|a| relative(a, archive)).collect(),
        })
        .collect()
}

/// One run of the evaluation over our texts.
struct Evaluation {
    cases: Vec<Case>,
    /// Copied detections, per case.
    dets: Vec<Vec<Detection>>,
    rows: BTreeMap<Kind, Scores>,
    /// Per case: whether any match (of any kind) overlaps what was inserted.
    seen: Vec<bool>,
}

/// Every kind over our texts: the cases, what was detected, and the per-kind scores.
fn evaluate() -> Evaluation {
    let (dir, sources) = archive();
    let hosts: Vec<(String, String)> =
        texts::HOSTS.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
    let s = settings(dir.path());
    let texts: Vec<&str> = sources.iter().map(|(_, t)| t.as_str()).collect();
    let formulas = Formulas::build(&texts, s.formula_min_speeches, &s.phrasebook.formulas);
    let frames: Vec<(String, String)> =
        texts::HOST_SLOT_FRAMES.iter().map(|(h, f)| (h.to_string(), f.to_string())).collect();
    for (_, f) in &frames {
        // The archive's own evidence makes each a formulation with a slot.
        assert_eq!(formulas.slot_frames(f, s.min_chars).len(), 1, "{f}");
    }
    let maker = Maker {
        sources: &sources,
        hosts: &hosts,
        formulas: &formulas,
        min_chars: s.min_chars,
        lengths: (20, 90),
        s2t: &s2t,
        compatible: &|_, _| true,
        slot_frames: &frames,
    };
    let mut rng = Rng::new(20260321);
    let mut cases: Vec<Case> = Vec::new();
    for kind in Kind::PASTED.into_iter().chain(Kind::NEGATIVE) {
        let made = maker.make(&mut rng, kind, CASES);
        assert_eq!(made.len(), CASES, "{}: our texts give too few cases", kind.name());
        cases.extend(made);
    }
    // The hosts as they are, nothing pasted.
    cases.extend(hosts.iter().map(|(n, t)| Case {
        kind: Kind::NoPaste,
        name: n.clone(),
        text: t.clone(),
        inserted: 0..0,
        truth: Vec::new(),
        note: String::new(),
    }));
    let mut dets: Vec<Vec<Detection>> = Vec::new();
    let mut seen = Vec::new();
    for c in &cases {
        let r = run(&c.text, &c.name, &s);
        let ins = &c.inserted;
        seen.push(r.matches.iter().any(|m| m.draft_start < ins.end && ins.start < m.draft_end));
        dets.push(detections(&r, dir.path()));
    }
    let rows = eval::by_kind(&cases, &dets);
    Evaluation { cases, dets, rows, seen }
}

fn show(e: &Evaluation) -> String {
    let mut out = eval::table(&e.rows);
    out.push_str(&eval::overall_line(&eval::overall(&e.cases, &e.dets)));
    out.push('\n');
    out.push_str(&eval::right_to_miss_notes(&e.rows.keys().copied().collect::<Vec<_>>()));
    for (c, d) in e.cases.iter().zip(&e.dets) {
        let r = eval::case_recall(c, d);
        let false_here = d.iter().any(|x| !c.truth.iter().any(|t| t.source == x.source));
        if r < 0.5 || false_here || (c.kind.negative() && !d.is_empty()) {
            let ins: String = c.text.chars().skip(c.inserted.start).take(c.inserted.len()).collect();
            out.push_str(&format!("{} in {} (recall {r:.2}): {ins:?} {}\n", c.kind.name(), c.name, c.note));
        }
    }
    out
}

/// The kinds today's checker meets: plagdet and recall at least 0.9 (heavy edits 0.95 plagdet),
/// no false detection on a negative.
const MET: [Kind; 15] = [
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
    Kind::PartQuoted,
    Kind::FullQuoted,
    Kind::NoPaste,
];

/// Cases made of each kind (the hosts themselves for nothing pasted).
const CASES: usize = 12;

fn expected(kind: Kind) -> usize {
    if kind == Kind::NoPaste { texts::HOSTS.len() } else { CASES }
}

fn meets(kind: Kind, sc: &Scores) -> bool {
    let n = expected(kind);
    if kind.negative() {
        // Over no negative cases the bar would hold vacuously.
        sc.negatives == n && sc.false_detections == 0
    } else {
        let bar = if kind == Kind::Heavy { 0.95 } else { 0.9 };
        sc.cases == n && sc.detections >= n - 2 && sc.plagdet >= bar && sc.recall_rest >= 0.9
    }
}

#[test]
fn pan_style_evaluation_meets_the_bar() {
    let e = evaluate();
    let shown = show(&e);
    println!("{shown}");
    for kind in MET {
        assert!(meets(kind, &e.rows[&kind]), "{} below the bar:\n{shown}", kind.name());
    }
    // Passages quoted in full are no copy because the checker sees them and calls them quotes,
    // not because it finds nothing there.
    let quoted: Vec<bool> =
        e.cases.iter().zip(&e.seen).filter(|(c, _)| c.kind == Kind::FullQuoted).map(|(_, &s)| s).collect();
    assert!(quoted.iter().filter(|&&s| s).count() >= CASES - 2, "quoted in full, found: {quoted:?}\n{shown}");
}

/// Every kind, including the three today's checker does not meet: a formulation whose slot word
/// differs from the archive's is no copy; the own text of a short passage holding a formulation
/// is; heavily reworded short passages are found.
#[test]
#[ignore = "not met yet: formulations with a slot, short passages holding a formulation, heavily edited short passages"]
fn every_kind_meets_the_bar() {
    let e = evaluate();
    let shown = show(&e);
    println!("{shown}");
    let failing: Vec<&str> = e.rows.iter().filter(|(k, sc)| !meets(**k, sc)).map(|(k, _)| k.name()).collect();
    assert!(failing.is_empty(), "below the bar: {failing:?}\n{shown}");
}

#[test]
fn drafts_that_copied_nothing_report_nothing_copied() {
    let (dir, _) = archive();
    let s = settings(dir.path());
    for (name, text) in texts::HOSTS {
        let r = run(text, name, &s);
        assert!(r.matches.iter().all(|m| m.kind != MatchKind::Copied), "{name}: {:?}", r.matches);
        assert_eq!(r.reuse_ratio, 0.0);
    }
}

#[test]
fn formulations_are_kept_out_of_copied() {
    let (dir, _) = archive();
    let s = settings(dir.path());
    let (_, host) = texts::HOSTS[0];
    // A listed formulation and one repeated by five archive speeches, plus a real copy.
    let draft = format!(
        "{host}我们要全面建设社会主义现代化国家，巩固拓展脱贫攻坚成果。\n{}\n挂职干部扎根基层，把先进理念和管理经验带到了一线，赢得了干部群众的广泛赞誉。\n",
        texts::CLOSING
    );
    let r = run(&draft, "d.txt", &s);
    let kinds: Vec<(String, MatchKind)> = r
        .matches
        .iter()
        .map(|m| (draft.chars().skip(m.draft_start).take(m.draft_end - m.draft_start).collect(), m.kind))
        .collect();
    let copied: Vec<&String> = kinds.iter().filter(|k| k.1 == MatchKind::Copied).map(|k| &k.0).collect();
    assert_eq!(
        copied,
        vec!["挂职干部扎根基层，把先进理念和管理经验带到了一线，赢得了干部群众的广泛赞誉"],
        "{kinds:?}"
    );
    assert!(
        kinds.iter().any(|k| k.1 == MatchKind::Formula && k.0.contains("奋力谱写高质量发展")),
        "{kinds:?}"
    );
    assert!(r.reuse_ratio < r.reuse_ratio_all);
}

#[test]
fn formulation_inside_a_longer_copied_passage_does_not_excuse_it() {
    let (dir, sources) = archive();
    let s = settings(dir.path());
    // The last paragraph of a source plus the shared closing sentence, copied together.
    let (_, src) = &sources[1];
    let tail = "要严格落实党政同责、一岗双责、齐抓共管、失职追责，对责任不落实的严肃问责。";
    assert!(src.contains(tail));
    let draft = format!("{}{tail}{}\n", texts::HOSTS[1].1, texts::CLOSING);
    let r = run(&draft, "d.txt", &s);
    let m = r.matches.iter().find(|m| m.kind == MatchKind::Copied).expect("the copied passage");
    let text: String = draft.chars().skip(m.draft_start).take(m.draft_end - m.draft_start).collect();
    assert!(text.starts_with("要严格落实党政同责"), "{text}");
}
