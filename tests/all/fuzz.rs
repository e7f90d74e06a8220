//! Fuzzing on stable Rust (proptest with arbitrary bytes and mutated real inputs): the readers
//! (txt, md, docx), the YAML loaders, fold, the index reader and the template checker never panic,
//! whatever they are given. Bounded cases in every `cargo test`; `JIANGGAO_FUZZ_CASES=N` for a
//! long run (`JIANGGAO_FUZZ_CASES=200000 cargo test --release --test all fuzz::`).

use std::path::Path;

use crate::{common, texts};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    let cases = std::env::var("JIANGGAO_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// A real input with some bytes overwritten, some cut and some inserted.
fn mutated(seed: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    let len = seed.len().max(1);
    (prop::collection::vec((0..len, any::<u8>()), 0..16), 0..=len, prop::collection::vec(any::<u8>(), 0..32))
        .prop_map(move |(flips, cut, insert)| {
            let mut b = seed.clone();
            for (i, v) in flips {
                if i < b.len() {
                    b[i] = v;
                }
            }
            b.truncate(cut.max(1));
            let at = b.len() / 2;
            b.splice(at..at, insert);
            b
        })
}

const OUTLINE: &str = "kind: welcome\ntitle: 在座谈会上的讲话\nvars:\n  place: 青川\nsections:\n  - title: 一、总体要求\n    points:\n      - text: 我们要在{{ place }}坚持实干。\n";
const POINTS: &str = "- id: mine.closing.a\n  title: 感谢\n  slot: closing\n  kinds: [welcome]\n  variants: [再次感谢大家！]\n";

proptest! {
    #![proptest_config(config())]

    #[test]
    fn readers_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048), ext in prop::sample::select(vec!["txt", "md", "docx"])) {
        let _ = jianggao::text::read::decode(Path::new(&format!("x.{ext}")), &bytes);
    }

    #[test]
    fn docx_reader_never_panics_on_a_mutated_document(bytes in mutated(common::docx("<w:p><w:r><w:t>一、总体要求</w:t></w:r></w:p>", None))) {
        let _ = jianggao::text::read::decode(Path::new("x.docx"), &bytes);
    }

    #[test]
    fn yaml_loaders_never_panic(bytes in prop_oneof![mutated(OUTLINE.as_bytes().to_vec()), mutated(POINTS.as_bytes().to_vec()), prop::collection::vec(any::<u8>(), 0..512)]) {
        let text = String::from_utf8_lossy(&bytes);
        let p = Path::new("x.yaml");
        let _ = jianggao::outline::Outline::parse(&text, p);
        let _ = jianggao::formulas::parse(&text, p);
        let _ = jianggao::config::parse(&text, p);
        let _ = jianggao::phrasebook::parse_points(&text, p);
        let _ = jianggao::phrasebook::parse_formulas(&text, p);
    }

    #[test]
    fn fold_never_panics(text in "\\PC{0,300}", raw in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = jianggao::text::fold::fold(&text);
        let _ = jianggao::text::fold::fold(&String::from_utf8_lossy(&raw));
    }

    #[test]
    fn template_checker_never_panics(body in prop_oneof![
        "[{}%#a-z ()|\"]{0,80}",
        Just("{% for a in range(10) %}{{ a }}{% endfor %}".to_string()),
    ]) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("welcome.j2"), &body).unwrap();
        if let Ok(r) = jianggao::draft::Renderer::new(Some(dir.path())) {
            let _ = r.check("welcome.j2");
        }
    }
}

/// The index as written, then damaged: opening it rebuilds or refuses, never panics.
#[test]
fn index_reader_never_panics_on_a_damaged_index() {
    let dir = tempfile::tempdir().unwrap();
    let arch = dir.path().join("arch");
    std::fs::create_dir(&arch).unwrap();
    for (name, text) in texts::SOURCES {
        std::fs::write(arch.join(name), text).unwrap();
    }
    jianggao::reuse::index::open(&arch, false, None).unwrap();
    let idx = arch.join(jianggao::reuse::index::DIR_NAME);
    let files: Vec<_> = std::fs::read_dir(&idx)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_file() && !p.ends_with("lock"))
        .collect();
    let originals: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    let mut runner = proptest::test_runner::TestRunner::new(config());
    for (file, original) in files.iter().zip(&originals) {
        runner
            .run(&mutated(original.clone()), |bytes| {
                std::fs::write(file, &bytes).unwrap();
                let _ = jianggao::reuse::index::open(&arch, false, None);
                std::fs::write(file, original).unwrap();
                Ok(())
            })
            .unwrap();
    }
}
