//! Planning and rendering through the library: determinism, picks, length targets, snapshots,
//! and the shipped phrasebook rendering point by point.

use std::path::{Path, PathBuf};

use jianggao::draft::{Draft, Format, Renderer, Source, plan};
use jianggao::outline::Outline;
use jianggao::phrasebook::{Layer, Phrasebook};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rel)
}

/// The embedded phrasebook with the test fixture folder on top.
fn phrasebook() -> Phrasebook {
    Phrasebook::load(&[fixture("pb/base")]).unwrap()
}

/// Only the fixture folder (so tests do not depend on the shipped content).
fn fixture_only() -> Phrasebook {
    Phrasebook::from_layers(vec![Layer::from_dir(&fixture("pb/base")).unwrap()])
}

fn outline(text: &str) -> Outline {
    Outline::parse(text, Path::new("提纲.yaml")).unwrap()
}

fn variants(d: &Draft) -> Vec<(String, usize)> {
    d.sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .chain(&d.opening)
        .chain(&d.closing)
        .filter_map(|p| match &p.source {
            Source::Point { id, variant } => Some((id.clone(), *variant)),
            Source::Inline => None,
        })
        .collect()
}

fn variant_of(d: &Draft, id: &str) -> Option<usize> {
    variants(d).into_iter().find(|(i, _)| i == id).map(|(_, v)| v)
}

const HEAD: &str = "kind: welcome\ntitle: 在欢迎{{ partner }}挂职干部座谈会上的讲话\nspeaker: 市委书记\ndate: 2026-03-18\nvars: { place: 青川市, place_short: 青川, partner: 江宁市 }\n";

fn sections(points: &[&str]) -> String {
    let mut s = format!("{HEAD}sections:\n  - heading: 几点希望\n    points:\n");
    for p in points {
        s.push_str(&format!("      - {p}\n"));
    }
    s
}

#[test]
fn same_seed_same_bytes() {
    let pb = phrasebook();
    let o = outline(&std::fs::read_to_string(fixture("outlines/welcome.yaml")).unwrap());
    let r = Renderer::new(None).unwrap();
    let a = r.render(&plan(&o, &pb, 42, 180).unwrap(), Format::Text).unwrap();
    let b = r.render(&plan(&o, &pb, 42, 180).unwrap(), Format::Text).unwrap();
    assert_eq!(a, b);
}

#[test]
fn other_seeds_choose_other_variants() {
    let pb = phrasebook();
    let o = outline(&std::fs::read_to_string(fixture("outlines/welcome.yaml")).unwrap());
    let base = variants(&plan(&o, &pb, 0, 180).unwrap());
    let differing = (1..10).filter(|&seed| variants(&plan(&o, &pb, seed, 180).unwrap()) != base).count();
    assert!(differing >= 7, "only {differing} of 9 seeds changed anything");
}

#[test]
fn adding_a_point_does_not_reshuffle_the_others() {
    let pb = phrasebook();
    for seed in 0..16 {
        let small =
            plan(&outline(&sections(&["hopes.cadre.study", "support.host.work"])), &pb, seed, 180).unwrap();
        let big = plan(
            &outline(&sections(&["hopes.cadre.study", "hopes.cadre.integrity", "support.host.work"])),
            &pb,
            seed,
            180,
        )
        .unwrap();
        for id in ["hopes.cadre.study", "support.host.work"] {
            assert_eq!(variant_of(&small, id), variant_of(&big, id), "seed {seed}, {id}");
        }
    }
}

#[test]
fn picks_skip_listed_points_and_never_repeat() {
    let pb = fixture_only();
    // The pick comes first but must not take the id listed after it.
    let o = outline(&sections(&["pick: { slot: hopes, count: 3 }", "hopes.cadre.study"]));
    let d = plan(&o, &pb, 5, 180).unwrap();
    let ids: Vec<String> = variants(&d).into_iter().map(|(i, _)| i).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    assert_eq!(ids.len(), 3, "{ids:?}");
    assert_eq!(ids.last().unwrap(), "hopes.cadre.study");
    // Only two other hopes exist: a warning says the pick got fewer than asked.
    assert!(d.warnings.iter().any(|w| w.message.contains("只找到 2 个")), "{:?}", d.warnings);
}

#[test]
fn picks_are_stable_when_unrelated_points_are_added() {
    let pb = fixture_only();
    let pick = "pick: { slot: hopes, tags: [样例学习, 样例调研], count: 1 }";
    for seed in 0..8 {
        let a = plan(&outline(&sections(&[pick])), &pb, seed, 180).unwrap();
        let b = plan(&outline(&sections(&["support.host.work", pick])), &pb, seed, 180).unwrap();
        let first_hope = |d: &Draft| variants(d).into_iter().find(|(i, _)| i.starts_with("hopes.")).unwrap();
        assert_eq!(first_hope(&a), first_hope(&b), "seed {seed}");
    }
}

fn with_length(section_len: Option<&str>, whole: Option<&str>) -> String {
    let mut s = HEAD.to_string();
    if let Some(w) = whole {
        s.push_str(&format!("length: {w}\n"));
    }
    s.push_str("sections:\n  - heading: 几点希望\n");
    if let Some(l) = section_len {
        s.push_str(&format!("    length: {l}\n"));
    }
    s.push_str(
        "    points:\n      - hopes.cadre.study\n      - hopes.cadre.research\n      - hopes.cadre.integrity\n      - support.host.work\n",
    );
    s
}

#[test]
fn short_section_target_picks_short_variants_and_drops_optional_points() {
    let pb = fixture_only();
    let d = plan(&outline(&with_length(Some("{ chars: 130 }"), None)), &pb, 0, 180).unwrap();
    let s = &d.sections[0];
    assert!(s.zishu.abs_diff(130) <= 19, "{} 字", s.zishu);
    assert!(variant_of(&d, "hopes.cadre.integrity").is_none(), "the optional point is dropped");
    assert!(d.warnings.iter().any(|w| w.message.contains("略去了可选要点：hopes.cadre.integrity")));
    assert!(!d.warnings.iter().any(|w| w.message.contains("相差超过")), "{:?}", d.warnings);
}

#[test]
fn long_section_target_picks_long_variants() {
    let pb = fixture_only();
    let d = plan(&outline(&with_length(Some("{ chars: 330 }"), None)), &pb, 0, 180).unwrap();
    let s = &d.sections[0];
    assert_eq!(s.paragraphs.len(), 4);
    assert!(s.zishu.abs_diff(330) <= 50, "{} 字", s.zishu);
    assert!(variants(&d).iter().all(|(_, v)| *v == 1), "{:?}", variants(&d));
}

#[test]
fn whole_speech_minutes_target() {
    let pb = fixture_only();
    // 1 minute at 150 字/分钟 = 150 字 for the whole speech, header included.
    let d = plan(&outline(&with_length(None, Some("{ minutes: 1 }"))), &pb, 0, 150).unwrap();
    assert_eq!(d.target, Some(150));
    assert!(d.zishu().abs_diff(150) <= 22, "{} 字", d.zishu());
}

#[test]
fn unreachable_target_warns() {
    let pb = fixture_only();
    let d = plan(&outline(&with_length(Some("{ chars: 2000 }"), None)), &pb, 0, 180).unwrap();
    let w: Vec<&str> = d.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(w.iter().any(|m| m.contains("与目标 2000 字相差超过 15%")), "{w:?}");
    assert!(d.warnings.iter().any(|w| w.location.as_deref() == Some("提纲.yaml:7:5")), "{:?}", d.warnings);
}

#[test]
fn section_counts_add_up_to_the_rendered_text() {
    let pb = phrasebook();
    let o = outline(&std::fs::read_to_string(fixture("outlines/welcome.yaml")).unwrap());
    let d = plan(&o, &pb, 0, 180).unwrap();
    let text = Renderer::new(None).unwrap().render(&d, Format::Text).unwrap();
    assert_eq!(d.zishu(), jianggao::count::zishu(&text));
}

#[test]
fn snapshot_fixture_drafts() {
    let pb = phrasebook();
    let o = outline(&std::fs::read_to_string(fixture("outlines/welcome.yaml")).unwrap());
    let r = Renderer::new(None).unwrap();
    let d = plan(&o, &pb, 0, 180).unwrap();
    insta::assert_snapshot!("fixture_welcome_text", r.render(&d, Format::Text).unwrap());
    insta::assert_snapshot!("fixture_welcome_md", r.render(&d, Format::Md).unwrap());
    let numbered = std::fs::read_to_string(fixture("outlines/welcome.yaml"))
        .unwrap()
        .replace("kind: welcome", "kind: welcome\nnumbering: [一、, 一是]");
    let d = plan(&outline(&numbered), &pb, 1, 180).unwrap();
    insta::assert_snapshot!("fixture_welcome_yishi_text", r.render(&d, Format::Text).unwrap());
}

#[test]
fn user_template_can_import_embedded_macros() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("welcome.j2"),
        "{% import \"_macros.j2\" as m %}【内部讨论稿】\n{{ m.title_block(speech, format) }}\n{{ m.body(speech, format) }}\n",
    )
    .unwrap();
    let pb = phrasebook();
    let o = outline(&std::fs::read_to_string(fixture("outlines/welcome.yaml")).unwrap());
    let d = plan(&o, &pb, 0, 180).unwrap();
    let mine = Renderer::new(Some(dir.path())).unwrap().render(&d, Format::Text).unwrap();
    let stock = Renderer::new(None).unwrap().render(&d, Format::Text).unwrap();
    assert_eq!(mine, format!("【内部讨论稿】\n{stock}"));
}

#[test]
fn numbering_styles_follow_the_outline() {
    let pb = fixture_only();
    let text = sections(&["hopes.cadre.study", "hopes.cadre.research", "support.host.work"])
        .replace("kind: welcome", "kind: welcome\nnumbering: [第一，, 首先]");
    let d = plan(&outline(&text), &pb, 0, 180).unwrap();
    let out = Renderer::new(None).unwrap().render(&d, Format::Text).unwrap();
    assert!(out.contains("\n　　第一，几点希望\n"), "{out}");
    assert!(out.contains("\n　　首先，要加强学习"), "{out}");
    assert!(out.contains("\n　　其次，要深入基层"), "{out}");
    assert!(out.contains("\n　　最后，为挂职干部"), "{out}");
}

/// Every point of the shipped phrasebook parses, and renders in a one-point outline of its first
/// kind with its own example vars, leaving no template syntax or placeholder behind.
#[test]
fn every_shipped_point_renders_with_its_example_vars() {
    let pb = Phrasebook::load(&[]).unwrap();
    // The starter phrasebook promises at least 80 points; an empty one would make this test vacuous.
    assert!(pb.len() >= 80, "the shipped phrasebook has only {} points", pb.len());
    let r = Renderer::new(None).unwrap();
    for e in pb.entries() {
        let p = &e.point;
        let undeclared = p.undeclared_vars();
        assert!(
            undeclared.is_empty(),
            "{}: {} uses undeclared vars {undeclared:?}",
            e.origin.location(),
            p.id
        );
        let mut vars = serde_yaml::Mapping::new();
        for (k, v) in &p.vars {
            vars.insert(k.clone().into(), serde_yaml::to_value(v).unwrap());
        }
        let mut doc = serde_yaml::Mapping::new();
        doc.insert("kind".into(), p.kinds[0].name().into());
        doc.insert("title".into(), "测试讲话".into());
        doc.insert("vars".into(), serde_yaml::Value::Mapping(vars));
        let mut section = serde_yaml::Mapping::new();
        section.insert("heading".into(), "测试".into());
        section.insert("points".into(), vec![serde_yaml::Value::from(p.id.clone())].into());
        doc.insert("sections".into(), vec![serde_yaml::Value::Mapping(section)].into());
        let text = serde_yaml::to_string(&doc).unwrap();
        let o = Outline::parse(&text, Path::new("one-point.yaml")).unwrap();
        let d = plan(&o, &pb, 0, 180).unwrap_or_else(|err| panic!("{}: {err}", p.id));
        let out = r.render(&d, Format::Text).unwrap();
        assert!(!out.contains("{{") && !out.contains("}}"), "{}: {out}", p.id);
        // Every variant, not only the one seed 0 chose, expands with the example vars.
        let mut env = minijinja::Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        for (i, v) in std::iter::once(&p.title).chain(&p.variants).enumerate() {
            let text = env
                .render_str(v, minijinja::value::Value::from(minijinja::value::Serde(&p.vars)))
                .unwrap_or_else(|err| panic!("{} text {i}: {err}", p.id));
            assert!(!text.contains("{{") && !text.trim().is_empty(), "{} text {i}: {text}", p.id);
            assert!(
                jianggao::text::placeholder::find(&text).is_empty(),
                "{} text {i} leaves a placeholder: {text}",
                p.id
            );
        }
    }
}

#[test]
fn symposium_theme_title_gets_an_occasion_subtitle() {
    let pb = fixture_only();
    let text = "kind: symposium\ntitle: 携手并进 共谱协作新篇\noccasion: 青川·江宁协作工作座谈会\nspeaker: 市长\n\
                sections:\n  - heading: 回顾工作\n    points: [situation.review.progress]\n";
    let d = plan(&outline(text), &pb, 0, 180).unwrap();
    let r = Renderer::new(None).unwrap();
    let out = r.render(&d, Format::Text).unwrap();
    assert!(
        out.starts_with("携手并进 共谱协作新篇\n——在青川·江宁协作工作座谈会上的讲话\n市长\n\n同志们：\n"),
        "{out}"
    );
    let md = r.render(&d, Format::Md).unwrap();
    assert!(
        md.starts_with(
            "# 携手并进 共谱协作新篇\n\n——在青川·江宁协作工作座谈会上的讲话\n\n市长\n\n同志们：\n\n"
        ),
        "{md}"
    );
    // A title that already says 讲话 gets no subtitle.
    let d = plan(&outline(&text.replace("携手并进 共谱协作新篇", "在协作工作座谈会上的讲话")), &pb, 0, 180)
        .unwrap();
    assert!(!r.render(&d, Format::Text).unwrap().contains("——在"));
}

#[test]
fn pick_whose_candidates_are_all_listed_is_an_error_at_the_pick() {
    let pb = fixture_only();
    let text = sections(&["hopes.cadre.study", "pick: { slot: hopes, tags: [样例学习] }"]);
    let err = plan(&outline(&text), &pb, 0, 180).unwrap_err().to_string();
    assert!(err.starts_with("错误：提纲.yaml:10:9：符合 pick 条件（slot: hopes，tags: [样例学习]，kind: welcome）的要点都已在提纲中用过"), "{err}");
}

#[test]
fn listing_a_point_of_the_other_kind_is_a_warning() {
    let pb = fixture_only();
    let d = plan(&outline(&sections(&["situation.review.progress"])), &pb, 0, 180).unwrap();
    assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
    assert_eq!(d.warnings[0].location.as_deref(), Some("提纲.yaml:9:9"));
    assert!(d.warnings[0].message.contains("不是为欢迎讲话写的"));
}

static WELCOME: std::sync::LazyLock<(Phrasebook, Outline)> = std::sync::LazyLock::new(|| {
    (phrasebook(), outline(&std::fs::read_to_string(fixture("outlines/welcome.yaml")).unwrap()))
});

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Whatever the seed: no point twice, every variant index valid, same seed same draft.
    #[test]
    fn any_seed_gives_a_valid_repeatable_draft(seed in proptest::prelude::any::<u64>()) {
        let (pb, o) = &*WELCOME;
        let d = plan(o, pb, seed, 180).unwrap();
        let vs = variants(&d);
        let mut ids: Vec<&str> = vs.iter().map(|(i, _)| i.as_str()).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        proptest::prop_assert_eq!(ids.len(), n);
        for (id, v) in &vs {
            proptest::prop_assert!(*v < pb.get(id).unwrap().point.variants.len());
        }
        proptest::prop_assert_eq!(plan(o, pb, seed, 180).unwrap(), d);
    }
}

#[test]
fn archive_preference_moves_each_point_to_its_freshest_variant() {
    use jianggao::draft::plan_with;
    let pb = fixture_only();
    let o = outline(&std::fs::read_to_string(fixture("outlines/welcome.yaml")).unwrap());
    for seed in 0..8 {
        let plain = plan(&o, &pb, seed, 180).unwrap();
        // Pretend the archive holds every variant the seed chose: the planner must move away from
        // each of them wherever the point has another variant.
        let chosen: Vec<String> = plain
            .sections
            .iter()
            .flat_map(|s| &s.paragraphs)
            .chain(&plain.opening)
            .chain(&plain.closing)
            .filter(|p| matches!(p.source, Source::Point { .. }))
            .map(|p| p.body.clone())
            .collect();
        let mut calls = 0;
        let mut stale = |texts: &[String]| -> jianggao::Result<Vec<f64>> {
            calls += 1;
            Ok(texts.iter().map(|t| if chosen.contains(t) { 1.0 } else { 0.0 }).collect())
        };
        let fresh = plan_with(&o, &pb, seed, 180, Some(&mut stale)).unwrap();
        assert_eq!(calls, 1, "the archive is asked once per draft");
        let (before, after) = (variants(&plain), variants(&fresh));
        assert_eq!(before.len(), after.len());
        for ((id, v0), (id1, v1)) in before.iter().zip(&after) {
            assert_eq!(id, id1);
            let n = pb.get(id).unwrap().point.variants.len();
            if n > 1 {
                assert_ne!(v0, v1, "seed {seed}: {id} kept the variant the archive already holds");
            }
        }
    }
}
