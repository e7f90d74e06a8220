//! Acceptance over ../shared/corpus (real public speeches, never copied into the project):
//! `harvest` copes with every speech (its YAML loads as a phrasebook layer and is canonical), finds
//! candidates wherever the speech is numbered, and the shared text rules stay quiet on properly
//! typeset official text. Skips cleanly when the corpus is absent.

use crate::common;

use std::path::{Path, PathBuf};

use jianggao::lint::rules::{halfwidth_punct, mixed_script};
use jianggao::phrasebook::{fmt, harvest, parse_points};

fn speeches(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in std::fs::read_dir(root).unwrap().flatten() {
        let Ok(entries) = std::fs::read_dir(dir.path()) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "txt") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn harvest_copes_with_real_speeches() {
    let Some(root) = common::corpus() else {
        crate::skip_without_corpus(module_path!());
        return;
    };
    let (mut files, mut numbered, mut harvested, mut candidates) = (0, 0, 0, 0);
    for path in speeches(&root) {
        let Ok(doc) = jianggao::text::read::read_path(&path) else { continue };
        files += 1;
        let body = doc.body_text();
        let numbered_lines = body
            .lines()
            .filter(|l| jianggao::text::numbering::recognise(l).is_some_and(|m| m.style.is_heading()))
            .count();
        let found = harvest::harvest_document(&doc);
        let yaml = harvest::to_yaml(&found, "speech.txt");
        let shown = Path::new("harvest.yaml");
        let points = parse_points(&yaml, shown).unwrap_or_else(|e| panic!("{}: {e}\n{yaml}", path.display()));
        assert_eq!(points.len(), found.len(), "{}", path.display());
        assert_eq!(fmt::format(&yaml, shown).unwrap(), yaml, "{}: not canonical", path.display());
        for c in &found {
            assert!(!c.title.is_empty() && !c.variants[0].is_empty(), "{}: {c:?}", path.display());
        }
        if numbered_lines >= 3 {
            numbered += 1;
            if !found.is_empty() {
                harvested += 1;
            }
        }
        candidates += found.len();
    }
    eprintln!("harvest: {files} 篇，{numbered} 篇有编号，{harvested} 篇采到要点，共 {candidates} 条");
    assert!(harvested * 10 >= numbered * 9, "{harvested} of {numbered} numbered speeches harvested");
}

#[test]
fn text_rules_stay_quiet_on_official_text() {
    let Some(root) = common::corpus() else {
        crate::skip_without_corpus(module_path!());
        return;
    };
    let (mut chars, mut halfwidth, mut mixed) = (0usize, 0usize, 0usize);
    let mut samples = Vec::new();
    // Modern speeches only: the older congress and work reports are partly Traditional, partly
    // Simplified as digitised — genuinely mixed text the rule is right to report.
    let modern = |p: &Path| {
        let dir = p.parent().and_then(|d| d.file_name()).and_then(|n| n.to_str()).unwrap_or("");
        dir.starts_with("gwr-prov-") || dir.starts_with("xi-speeches-")
    };
    for path in speeches(&root).into_iter().filter(|p| modern(p)) {
        let Ok(doc) = jianggao::text::read::read_path(&path) else { continue };
        let body = doc.body_text();
        chars += body.chars().count();
        for h in halfwidth_punct::check(body) {
            halfwidth += 1;
            if samples.len() < 5 {
                let s = h.span.start.saturating_sub(8);
                samples
                    .push(jianggao::text::span::Span::<char>::new(s, h.span.end + 8).slice(body).to_string());
            }
        }
        let m = mixed_script::check(body);
        if !m.is_empty() && std::env::var_os("SHOW_MIXED").is_some() {
            let runs: Vec<String> = m.iter().take(6).map(|h| h.span.slice(body).to_string()).collect();
            eprintln!("{}: {} {runs:?}", path.display(), m.len());
        }
        mixed += m.len();
    }
    eprintln!(
        "{} 万字：halfwidth-punct {halfwidth} 处，mixed-script {mixed} 处；例：{samples:?}",
        chars / 10_000
    );
    // Web copies of official text do carry some half-width marks (开工,“两新” · 南宁(牛湾)), which
    // the rule rightly reports; it must stay rare. Mixed script in modern Simplified speeches is
    // almost only proper names (昇, 濛): at most one per 200,000 characters.
    assert!(halfwidth * 5_000 <= chars.max(1), "{halfwidth} halfwidth hits in {chars} chars: {samples:?}");
    assert!(mixed * 200_000 <= chars.max(1), "{mixed} mixed-script hits in {chars} chars");
}
