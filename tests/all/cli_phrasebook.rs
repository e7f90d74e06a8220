//! `jianggao phrasebook …` end to end: exit codes, output, files written.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pbmaint")
}

/// `jianggao` run in an empty temp folder (so no jianggao.yaml above the repo interferes).
fn jg(dir: &Path) -> Command {
    let mut cmd = crate::jianggao();
    cmd.current_dir(dir);
    cmd
}

/// A copy of the clean fixture layer in a temp folder.
fn clean_layer() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let layer = tmp.path().join("素材");
    std::fs::create_dir_all(&layer).unwrap();
    std::fs::copy(fixtures().join("clean/hopes.yaml"), layer.join("hopes.yaml")).unwrap();
    (tmp, layer)
}

#[test]
fn lint_clean_layer_exits_0() {
    let (tmp, layer) = clean_layer();
    jg(tmp.path())
        .args(["phrasebook", "lint", "--phrasebook"])
        .arg(&layer)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("未发现问题"));
}

#[test]
fn lint_errors_exit_1_warnings_alone_exit_0_and_json_is_data() {
    let (tmp, layer) = clean_layer();
    let file = layer.join("hopes.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    // A warning only: half-width comma.
    std::fs::write(&file, text.replace("摸清真实情况。", "摸清真实情况,把问题找准。")).unwrap();
    jg(tmp.path()).args(["phrasebook", "lint", "--phrasebook"]).arg(&layer).assert().code(0).stdout(
        predicate::str::contains("hopes.yaml:19:24：").and(predicate::str::contains("警告[halfwidth-punct]")),
    );
    // An error: a leftover placeholder.
    std::fs::write(&file, text.replace("把群众的急难愁盼", "把××群众的急难愁盼")).unwrap();
    let out = jg(tmp.path())
        .args(["phrasebook", "lint", "--format", "json", "--phrasebook"])
        .arg(&layer)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["errors"], 1);
    assert_eq!(v["findings"][0]["rule"], "placeholder-left");
    assert_eq!(v["findings"][0]["line"], 29);
    assert_eq!(v["findings"][0]["column"], 8);
}

#[test]
fn lint_unparsable_file_exits_2_with_location() {
    let (tmp, layer) = clean_layer();
    std::fs::write(layer.join("bad.yaml"), "- id: x\n  title: [没有闭合\n").unwrap();
    jg(tmp.path())
        .args(["phrasebook", "lint", "--phrasebook"])
        .arg(&layer)
        .assert()
        .code(2)
        .stderr(predicate::str::is_match(r"^错误：.*bad\.yaml:\d+:\d+：").unwrap());
}

#[test]
fn lint_reports_schema_errors_and_layer_overrides() {
    let (tmp, layer) = clean_layer();
    std::fs::write(
        layer.join("bad.yaml"),
        "- id: test.x\n  title: 标题\n  slot: middle\n  kinds: [welcome]\n  variants: [正文。]\n",
    )
    .unwrap();
    let mine = tmp.path().join("我的");
    std::fs::create_dir_all(&mine).unwrap();
    std::fs::write(
        mine.join("over.yaml"),
        "- id: test.hopes.study\n  title: 在学习上下功夫\n  slot: hopes\n  kinds: [welcome]\n  variants:\n    - 我们自己写的一段话。\n",
    )
    .unwrap();
    jg(tmp.path())
        .args(["phrasebook", "lint", "--phrasebook"])
        .arg(&layer)
        .arg("--phrasebook")
        .arg(&mine)
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("bad.yaml:3:9：错误[schema]")
                .and(predicate::str::contains("over.yaml:1:3：警告[duplicate-id]"))
                .and(predicate::str::contains("为准")),
        );
}

#[test]
fn fmt_check_lists_files_then_fmt_rewrites_keeping_comments() {
    let (tmp, layer) = clean_layer();
    let file = layer.join("hopes.yaml");
    let canonical = std::fs::read_to_string(&file).unwrap();
    let messy = canonical
        .replace(
            "  kinds: [welcome]\n  tags: [学习]\n",
            "  tags:\n    - 学习\n  kinds: [ welcome ]   # 只用于欢迎讲话\n",
        )
        .replace("  title: 在调研上下功夫\n", "  title: '在调研上下功夫'\n");
    std::fs::write(&file, &messy).unwrap();
    jg(tmp.path())
        .args(["phrasebook", "fmt", "--check", "--phrasebook"])
        .arg(&layer)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("需要格式化：").and(predicate::str::contains("hopes.yaml")));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), messy, "--check writes nothing");
    jg(tmp.path()).args(["phrasebook", "fmt", "--phrasebook"]).arg(&layer).assert().code(0);
    let out = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        out,
        canonical.replace(
            "  kinds: [welcome]\n  tags: [学习]\n",
            "  kinds: [welcome]  # 只用于欢迎讲话\n  tags: [学习]\n"
        )
    );
    jg(tmp.path()).args(["phrasebook", "fmt", "--check", "--phrasebook"]).arg(&layer).assert().code(0);
}

#[test]
fn list_show_and_search() {
    let (tmp, layer) = clean_layer();
    jg(tmp.path())
        .args(["phrasebook", "list", "test.hopes", "--slot", "hopes", "--kind", "symposium", "--phrasebook"])
        .arg(&layer)
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("test.hopes.research")
                .and(predicate::str::contains("test.hopes.service"))
                .and(predicate::str::contains("test.hopes.study").not())
                .and(predicate::str::contains("共 2 条")),
        );
    jg(tmp.path())
        .args(["phrasebook", "show", "test.hopes.study", "--phrasebook"])
        .arg(&layer)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("表述 1：希望大家尽快熟悉青川市的山川地貌和风土人情。"));
    jg(tmp.path())
        .args(["phrasebook", "show", "test.hopes.studdy", "--phrasebook"])
        .arg(&layer)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("test.hopes.study"));
    let out = jg(tmp.path())
        .args(["phrasebook", "search", "扑下身子察实情，不坐办公室听汇报", "--phrasebook"])
        .arg(&layer)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.starts_with("test.hopes.research"), "{out}");
}

#[test]
fn stats_counts_archive_uses() {
    let (tmp, layer) = clean_layer();
    let out = jg(tmp.path())
        .args(["phrasebook", "stats", "--format", "json", "--archive"])
        .arg(fixtures().join("archive"))
        .arg("--phrasebook")
        .arg(&layer)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["speeches"], 3);
    let point = |id: &str| v["points"].as_array().unwrap().iter().find(|p| p["id"] == id).unwrap().clone();
    let study = point("test.hopes.study");
    assert_eq!(study["variants"][0]["speeches"], 1);
    assert_eq!(study["variants"][0]["latest"], "2024-03-01");
    assert_eq!(study["variants"][1]["speeches"], 0);
    let research = point("test.hopes.research");
    assert_eq!(research["speeches"], 2);
    assert_eq!(research["latest"], "2025-09-12");
    assert_eq!(research["worn_out"], true);
    assert_eq!(point("test.hopes.service")["never_used"], true);
    jg(tmp.path())
        .args(["phrasebook", "stats", "--archive"])
        .arg(fixtures().join("archive"))
        .arg("--phrasebook")
        .arg(&layer)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("从未用过").and(predicate::str::contains("用得过多")));
}

#[test]
fn harvest_each_numbering_style_into_a_loadable_layer() {
    let tmp = tempfile::tempdir().unwrap();
    let cases = [
        ("headings.txt", "title: 协作是大势所趋"),
        ("headings-gb18030.txt", "title: 协作是大势所趋"),
        ("sequence-crlf.txt", "title: 我代表市委市政府，向大家表示热烈欢迎"),
        ("leads.md", "# 原文第 8 行（二是）\n- id: harvest.2\n  title: 要改进作风"),
        ("ordinal.txt", "title: 压实责任"),
        ("noisy-wrapped.txt", "variants:\n    - 逐村逐户走访，建立劳动力台账。"),
    ];
    for (i, (speech, expect)) in cases.iter().enumerate() {
        let layer = tmp.path().join(format!("layer{i}"));
        let out = layer.join("harvested.yaml");
        jg(tmp.path())
            .args(["phrasebook", "harvest"])
            .arg(fixtures().join("speeches").join(speech))
            .arg("-o")
            .arg(&out)
            .assert()
            .code(0);
        let yaml = std::fs::read_to_string(&out).unwrap();
        assert!(yaml.contains(expect), "{speech}:\n{yaml}");
        // What harvest writes loads as a phrasebook layer and is already canonical.
        jg(tmp.path()).args(["phrasebook", "list", "harvest", "--phrasebook"]).arg(&layer).assert().code(0);
        jg(tmp.path()).args(["phrasebook", "fmt", "--check", "--phrasebook"]).arg(&layer).assert().code(0);
    }
}

#[test]
fn harvest_to_stdout() {
    let tmp = tempfile::tempdir().unwrap();
    jg(tmp.path())
        .args(["phrasebook", "harvest"])
        .arg(fixtures().join("speeches/noisy-wrapped.txt"))
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("- id: harvest.2.1\n  title: 摸清底数\n")
                .and(predicate::str::contains("place_blank: ××县"))
                .and(predicate::str::contains("建成了一批合作园区，带动了当地群众务工就业、持续增收。")),
        );
}

#[test]
fn add_from_flags_and_from_file() {
    let (tmp, layer) = clean_layer();
    jg(tmp.path())
        .args([
            "phrasebook",
            "add",
            "--id",
            "test.hopes.integrity",
            "--title",
            "在自律上下功夫",
            "--slot",
            "hopes",
        ])
        .args(["--kind", "welcome", "--tag", "廉洁", "--var", "place=青川市"])
        .args(["--variant", "在{{ place }}工作期间，要守住底线、不越红线。"])
        .arg("--phrasebook")
        .arg(&layer)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("已添加要点 test.hopes.integrity"));
    let written = std::fs::read_to_string(layer.join("hopes.yaml")).unwrap();
    assert!(written.starts_with("# 测试用素材"), "comments kept");
    assert!(written.contains("- id: test.hopes.integrity\n  title: 在自律上下功夫\n"), "{written}");
    // The same id again: refused, exit 2.
    jg(tmp.path())
        .args(["phrasebook", "add", "--id", "test.hopes.integrity", "--title", "又一条", "--slot", "hopes"])
        .args(["--kind", "welcome", "--variant", "正文。", "--phrasebook"])
        .arg(&layer)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("已存在"));
    // From a file holding one point, into a named file.
    let point = tmp.path().join("point.yaml");
    std::fs::write(&point, "id: test.support.housing\ntitle: 安排好住宿\nslot: support\nkinds: [welcome]\nvariants: [住宿已经安排妥当。]\n")
        .unwrap();
    jg(tmp.path())
        .args(["phrasebook", "add", "--from"])
        .arg(&point)
        .arg("--to")
        .arg(layer.join("support.yaml"))
        .arg("--phrasebook")
        .arg(&layer)
        .assert()
        .code(0);
    jg(tmp.path()).args(["phrasebook", "lint", "--phrasebook"]).arg(&layer).assert().code(0);
}

#[test]
fn shipped_phrasebook_passes_lint_and_fmt_check() {
    let tmp = tempfile::tempdir().unwrap();
    // The embedded copy (what an installed binary uses).
    let out = jg(tmp.path())
        .args(["phrasebook", "lint", "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["errors"], 0, "{v:#}");
    jg(tmp.path()).args(["phrasebook", "fmt", "--check"]).assert().code(0);
    // The folder in the repository, as a writer maintaining it would run it.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("phrasebook");
    jg(tmp.path()).args(["phrasebook", "lint", "--phrasebook"]).arg(&dir).assert().code(0);
    jg(tmp.path()).args(["phrasebook", "fmt", "--check", "--phrasebook"]).arg(&dir).assert().code(0);
    jg(tmp.path())
        .args(["phrasebook", "fmt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("内置素材库不能改写"));
}
