//! The reuse checker's quality bar on our own texts, in the PAN text-alignment manner: every
//! obfuscation pasted into host drafts and scored; drafts that copied nothing report nothing
//! copied; formulations (listed, or repeated across the archive) are kept out of `copied`.

use crate::eval;
use crate::texts;

use std::path::Path;

use eval::{Case, Detection, Obf, Rng};
use jianggao::reuse::check::{Settings, check_document};
use jianggao::reuse::classify::Kind;

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
    eval::write_all(dir.path(), &sources);
    (dir, sources)
}

/// Passages are taken from the sources without the shared closing (a formulation, not a copy).
fn pickable(sources: &[(String, String)]) -> Vec<(String, String)> {
    sources.iter().map(|(n, t)| (n.clone(), t.replace(texts::CLOSING, ""))).collect()
}

fn settings(dir: &Path) -> Settings {
    let mut s = Settings::new(dir);
    s.phrasebook.formulas = vec!["全面建设社会主义现代化国家".into(), "巩固拓展脱贫攻坚成果".into()];
    s
}

fn run(case_text: &str, name: &str, s: &Settings) -> jianggao::reuse::report::Report {
    let doc = jianggao::text::read::decode(Path::new(name), case_text.as_bytes()).unwrap();
    check_document(&doc, name, s, None).unwrap().report
}

fn detections(r: &jianggao::reuse::report::Report, archive: &Path) -> Vec<Detection> {
    r.matches
        .iter()
        .filter(|m| m.kind == Kind::Copied)
        .map(|m| Detection {
            draft: m.draft_start..m.draft_end,
            source: Path::new(&m.source).strip_prefix(archive).unwrap().to_string_lossy().replace('\\', "/"),
            source_span: m.source_start..m.source_end,
        })
        .collect()
}

#[test]
fn pan_style_evaluation_meets_the_bar() {
    let (dir, sources) = archive();
    let hosts: Vec<(String, String)> =
        texts::HOSTS.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
    let s = settings(dir.path());
    let mut rng = Rng::new(20260321);
    let cases: Vec<Case> = eval::make_cases(&mut rng, &pickable(&sources), &hosts, 12, (25, 90), &s2t);
    assert_eq!(cases.len(), 12 * Obf::ALL.len());
    let dets: Vec<Vec<Detection>> =
        cases.iter().map(|c| detections(&run(&c.text, &c.name, &s), dir.path())).collect();
    for (c, d) in cases.iter().zip(&dets) {
        if d.len() > 1 {
            println!("{}: {} detections {:?} truth {:?}", c.name, d.len(), d, c.truth);
        }
    }
    let rows = eval::by_obfuscation(&cases, &dets);
    let table = eval::table(&rows);
    println!("{table}");
    for (obf, sc) in &rows {
        // Scores over no cases (or no detections) would pass the bars below vacuously.
        assert!(sc.cases == 12 && sc.detections >= 10, "{}: {sc:?}\n{table}", obf.name());
        assert!(sc.plagdet >= 0.9, "{} below the bar:\n{table}", obf.name());
        assert!(sc.recall >= 0.9, "{} recall below the bar:\n{table}", obf.name());
    }
    let heavy = rows[&Obf::Heavy];
    assert!(heavy.plagdet >= 0.95 && heavy.recall >= 0.9, "{table}");
}

#[test]
fn drafts_that_copied_nothing_report_nothing_copied() {
    let (dir, _) = archive();
    let s = settings(dir.path());
    for (name, text) in texts::HOSTS {
        let r = run(text, name, &s);
        assert!(r.matches.iter().all(|m| m.kind != Kind::Copied), "{name}: {:?}", r.matches);
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
    let kinds: Vec<(String, Kind)> = r
        .matches
        .iter()
        .map(|m| (draft.chars().skip(m.draft_start).take(m.draft_end - m.draft_start).collect(), m.kind))
        .collect();
    let copied: Vec<&String> = kinds.iter().filter(|k| k.1 == Kind::Copied).map(|k| &k.0).collect();
    assert_eq!(
        copied,
        vec!["挂职干部扎根基层，把先进理念和管理经验带到了一线，赢得了干部群众的广泛赞誉"],
        "{kinds:?}"
    );
    assert!(kinds.iter().any(|k| k.1 == Kind::Formula && k.0.contains("奋力谱写高质量发展")), "{kinds:?}");
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
    let m = r.matches.iter().find(|m| m.kind == Kind::Copied).expect("the copied passage");
    let text: String = draft.chars().skip(m.draft_start).take(m.draft_end - m.draft_start).collect();
    assert!(text.starts_with("要严格落实党政同责"), "{text}");
}
