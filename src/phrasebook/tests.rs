use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pb").join(name)
}

fn base_and_local() -> Phrasebook {
    let base = Layer::from_dir(&fixture("base")).unwrap();
    let local = Layer::from_dir(&fixture("local")).unwrap();
    Phrasebook::from_layers(vec![base, local])
}

fn err(text: &str) -> String {
    parse_points(text, Path::new("素材.yaml")).unwrap_err().to_string()
}

#[test]
fn loads_a_folder_with_subfolders_and_skips_reserved_files() {
    let layer = Layer::from_dir(&fixture("base")).unwrap();
    let ids: Vec<&str> = layer.points().map(|(_, p)| p.value.id.as_str()).collect();
    assert_eq!(ids.len(), 9, "{ids:?}");
    // Path order: hopes.yaml, sub/support.yaml, welcome.yaml.
    assert_eq!(ids[0], "hopes.cadre.study");
    assert_eq!(ids[3], "support.host.work");
    let formulas = layer.formulas.as_ref().unwrap();
    assert_eq!(formulas.formulas[0].value.text, "铸牢中华民族共同体意识");
    assert_eq!(formulas.formulas[0].value.outdated, vec!["铸牢中华民族共同体意思".to_string()]);
    assert_eq!(formulas.formulas[1].line, 3);
}

#[test]
fn points_remember_file_and_line() {
    let pb = base_and_local();
    let e = pb.get("significance.eastwest.strategy").unwrap();
    assert!(e.origin.file.ends_with("welcome.yaml"));
    assert_eq!((e.origin.line, e.origin.column), (23, 3));
    assert_eq!(e.origin.layer, 0);
    assert!(e.overrides.is_empty());
    let p = &e.point;
    assert_eq!(p.slot, Slot::Significance);
    assert_eq!(p.kinds, vec![Kind::Welcome, Kind::Symposium]);
    assert!(!p.optional);
}

#[test]
fn later_layers_override_by_id_and_keep_the_place() {
    let pb = base_and_local();
    assert_eq!(pb.len(), 10);
    let e = pb.get("hopes.cadre.study").unwrap();
    assert_eq!(e.point.title, "要勤学善思，尽快进入角色");
    assert_eq!(e.origin.layer, 1);
    assert!(e.origin.file.ends_with("mine.yaml"));
    assert_eq!(e.overrides.len(), 1);
    assert!(e.overrides[0].file.ends_with("hopes.yaml"));
    assert_eq!(e.overrides[0].line, 1);
    assert_eq!(pb.entries()[0].point.id, "hopes.cadre.study");
    assert_eq!(pb.entries().last().unwrap().point.id, "hopes.cadre.bridge");
}

#[test]
fn used_and_undeclared_vars() {
    let pb = base_and_local();
    let p = &pb.get("welcome.greeting.on-behalf").unwrap().point;
    let used: Vec<String> = p.used_vars().into_iter().collect();
    assert_eq!(used, vec!["partner".to_string(), "place".to_string()]);
    assert!(p.undeclared_vars().is_empty());
    assert_eq!(p.vars["place"].to_string(), "青川市");
}

#[test]
fn suggests_close_ids() {
    let pb = base_and_local();
    assert_eq!(pb.suggest("hopes.cadre.studdy", 3), vec!["hopes.cadre.study"]);
    // Equally plausible ids are all offered.
    assert_eq!(pb.suggest("hopes.cadre.x", 3).len(), 3, "{:?}", pb.suggest("hopes.cadre.x", 3));
    assert_eq!(pb.suggest("welcome.greting.on-behalf", 1), vec!["welcome.greeting.on-behalf"]);
    assert!(pb.suggest("完全无关的东西", 3).is_empty());
}

#[test]
fn pick_filters_and_is_stable_under_exclusion() {
    let pb = base_and_local();
    let q = Query { slot: Some(Slot::Hopes), tags: vec!["学习".into()], kind: Some(Kind::Welcome) };
    let all: Vec<&str> = pb.matching(&q).map(|e| e.point.id.as_str()).collect();
    assert_eq!(all, vec!["hopes.cadre.study", "hopes.cadre.research"]);
    let none = HashSet::new();
    let two: Vec<&str> = pb.pick(&q, 2, 7, &none).iter().map(|e| e.point.id.as_str()).collect();
    assert_eq!(two.len(), 2);
    let one = pb.pick(&q, 1, 7, &none)[0].point.id.clone();
    assert_eq!(one, two[0]);
    // Excluding the first choice yields the second, not a reshuffle.
    let ex: HashSet<String> = [one.clone()].into();
    assert_eq!(pb.pick(&q, 1, 7, &ex)[0].point.id, two[1]);
    // Symposium has no hopes here.
    let q2 = Query { kind: Some(Kind::Symposium), ..q };
    assert!(pb.pick(&q2, 1, 7, &none).is_empty());
}

#[test]
fn empty_embedded_layer_works() {
    let pb = Phrasebook::load(&[]).unwrap();
    // Whatever is shipped must load; an empty shipped folder gives an empty phrasebook.
    assert_eq!(pb.layers().len(), 1);
    assert_eq!(pb.layers()[0].source, LayerSource::Embedded);
    for e in pb.entries() {
        assert!(e.origin.file.to_string_lossy().starts_with("<内置>/phrasebook/"));
    }
}

#[test]
fn empty_and_comment_only_files_have_no_points() {
    assert!(parse_points("", Path::new("a.yaml")).unwrap().is_empty());
    assert!(parse_points("# 只有注释\n", Path::new("a.yaml")).unwrap().is_empty());
}

const ONE: &str = "- id: a.b\n  title: 标题\n  slot: hopes\n  kinds: [welcome]\n  variants: [正文]\n";

#[test]
fn bad_slot_names_line_column_and_choices() {
    let e = err(&ONE.replace("slot: hopes", "slot: hope"));
    assert!(e.starts_with("错误：素材.yaml:3:9："), "{e}");
    assert!(e.contains("hope") && e.contains("hopes"), "{e}");
    assert!(!e.contains('\n'));
}

#[test]
fn unknown_field_is_an_error() {
    let e = err(&ONE.replace("slot: hopes", "slot: hopes\n  note: 备注"));
    assert!(e.starts_with("错误：素材.yaml:4:3："), "{e}");
    assert!(e.contains("未知字段 note"), "{e}");
}

#[test]
fn duplicate_id_in_one_file_points_at_the_second() {
    let text = format!("{ONE}{ONE}");
    let e = err(&text);
    assert!(e.starts_with("错误：素材.yaml:6:7：要点编号 a.b 重复（第 1 行已有）"), "{e}");
}

#[test]
fn empty_kinds_variants_and_bad_templates() {
    let e = err(&ONE.replace("kinds: [welcome]", "kinds: []"));
    assert!(e.starts_with("错误：素材.yaml:4:10：") && e.contains("kinds 为空"), "{e}");
    let e = err(&ONE.replace("variants: [正文]", "variants: []"));
    assert!(e.contains(":5:13：") && e.contains("variants 为空"), "{e}");
    let e = err(&ONE.replace("variants: [正文]", "variants:\n    - 好的\n    - 在{{ place 工作"));
    assert!(e.starts_with("错误：素材.yaml:7:7：要点 a.b 的模板表达式有误"), "{e}");
    let e = err(&ONE.replace("id: a.b", "id: a..b"));
    assert!(e.starts_with("错误：素材.yaml:1:7："), "{e}");
}

#[test]
fn duplicate_id_across_files_of_one_layer() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.yaml"), ONE).unwrap();
    std::fs::write(dir.path().join("b.yaml"), format!("# 注释\n{ONE}")).unwrap();
    let e = Layer::from_dir(dir.path()).unwrap_err().to_string();
    assert!(e.contains("b.yaml:2:3：要点编号 a.b 与 ") && e.contains("a.yaml:1 重复"), "{e}");
}

#[test]
fn missing_folder_is_an_input_error() {
    let e = Layer::from_dir(Path::new("没有这个文件夹")).unwrap_err();
    assert_eq!(e.exit_code(), 2);
    assert!(e.to_string().starts_with("错误：没有这个文件夹：素材库文件夹不存在"));
}

#[test]
fn serde_columns_count_scalars_after_chinese_text() {
    let e = err(&ONE.replace("kinds: [welcome]", "kinds: [welcome]\n  tags: [欢迎, 协作, {a: b}]"));
    // `{` is the 18th scalar of line 5 (columns count scalars, not bytes).
    assert!(e.starts_with("错误：素材.yaml:5:18："), "{e}");
}

#[test]
fn check_points_collects_every_problem_and_keeps_the_good_points() {
    let text = format!(
        "{ONE}{}{}{}",
        ONE.replace("id: a.b", "id: a.c").replace("kinds: [welcome]", "kinds: []"),
        ONE.replace("id: a.b", "id: a.d"),
        ONE,
    );
    let (points, problems) = check_points(&text, Path::new("素材.yaml")).unwrap();
    let ids: Vec<&str> = points.iter().map(|p| p.value.id.as_str()).collect();
    assert_eq!(ids, vec!["a.b", "a.d"]);
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].starts_with("错误：素材.yaml:9:10：要点 a.c 的 kinds 为空"), "{lines:?}");
    assert!(lines[1].starts_with("错误：素材.yaml:16:7：要点编号 a.b 重复（第 1 行已有）"), "{lines:?}");
}
