//! `--format` from the outside: every table as CSV (UTF-8 with BOM, CRLF, a header) read back by
//! a CSV reader, the lists as JSON, and a format a command does not write refused in one line.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn jianggao(dir: &Path) -> Command {
    let mut c = crate::jianggao();
    c.current_dir(dir).env("NO_COLOR", "1");
    c
}

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path)
}

/// Standard output of a run that exits with `code`.
fn stdout(cmd: &mut Command, code: i32) -> String {
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(code), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// A CSV text as its header and rows, checking the BOM and the CRLF line ends on the way.
fn csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let body = text.strip_prefix('\u{feff}').unwrap_or_else(|| panic!("no BOM: {text:?}"));
    assert!(body.ends_with("\r\n") && !body.replace("\r\n", "").contains('\n'), "{body:?}");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header = reader.headers().unwrap().iter().map(str::to_string).collect();
    let rows = reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
    (header, rows)
}

/// An archive of two speeches, one with a comma and quotes in its title.
fn archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let arch = dir.path().join("archive");
    std::fs::create_dir_all(&arch).unwrap();
    std::fs::write(
        arch.join("2024-03-01-欢迎讲话.md"),
        "---\ntitle: 在欢迎会上的讲话，“第一批”\ndate: 2024-03-01\nspeaker: 李同志\n---\n同志们：\n欢迎大家来到青川。\n",
    )
    .unwrap();
    std::fs::write(arch.join("2025-09-12-座谈会讲话.txt"), "同志们：\n今天召开座谈会。\n谢谢大家！\n")
        .unwrap();
    dir
}

#[test]
fn archive_list_as_csv_and_json_show_as_json() {
    let dir = archive();
    let (header, rows) = csv(&stdout(jianggao(dir.path()).args(["archive", "list", "--format", "csv"]), 0));
    assert_eq!(header, ["编号", "日期", "标题", "字数", "文件"]);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0][..4], ["2024-03-01-欢迎讲话", "2024-03-01", "在欢迎会上的讲话，“第一批”", "13"]);
    assert_eq!(rows[1][3], "17");

    let json: serde_json::Value =
        serde_json::from_str(&stdout(jianggao(dir.path()).args(["archive", "list", "--format", "json"]), 0))
            .unwrap();
    let speeches = json["speeches"].as_array().unwrap();
    assert_eq!(speeches.len(), 2);
    assert_eq!(speeches[1]["chars"], 17);
    assert_eq!(speeches[1]["date"], "2025-09-12");

    let shown: serde_json::Value = serde_json::from_str(&stdout(
        jianggao(dir.path()).args(["archive", "show", "2024-03-01-欢迎讲话", "--format", "json"]),
        0,
    ))
    .unwrap();
    assert_eq!(shown["speaker"], "李同志");
    assert_eq!(shown["body"], "同志们：\n欢迎大家来到青川。\n");
}

#[test]
fn lint_findings_as_csv() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = jianggao(dir.path());
    cmd.arg("lint").arg(fixture("lint/numbering.bad.txt")).args(["--format", "csv"]);
    let (header, rows) = csv(&stdout(&mut cmd, 1));
    assert_eq!(header, ["文件", "行", "列", "级别", "规则", "说明", "改法"]);
    assert!(!rows.is_empty());
    let skip = rows.iter().find(|r| r[4] == "numbering-skip").expect("a skipped number");
    assert_eq!((skip[1].as_str(), skip[2].as_str(), skip[3].as_str()), ("4", "1", "错误"));
    assert!(skip[6].starts_with("改为"), "{skip:?}");
}

#[test]
fn phrasebook_list_search_show_stats_and_lint_in_every_format_they_take() {
    let dir = archive();
    let layer = fixture("pb/local");
    let run = |args: &[&str], code: i32| {
        let mut cmd = jianggao(dir.path());
        cmd.arg("phrasebook").args(args).arg("--phrasebook").arg(&layer);
        stdout(&mut cmd, code)
    };
    let (header, rows) = csv(&run(&["list", "--format", "csv"], 0));
    assert_eq!(header, ["编号", "标题", "位置", "讲话类型", "标签", "可省略", "表述数", "来源"]);
    let text_rows = run(&["list"], 0).lines().count() - 1;
    assert!(rows.len() >= 20 && rows.len() == text_rows, "{} CSV rows, {text_rows} text rows", rows.len());
    assert!(rows.iter().all(|r| r[6].parse::<usize>().unwrap() >= 1), "every point has a variant");

    let found: serde_json::Value =
        serde_json::from_str(&run(&["search", "协作", "--format", "json"], 0)).unwrap();
    assert_eq!(found["query"], "协作");
    let points = found["points"].as_array().unwrap();
    assert!(!points.is_empty());
    let id = points[0]["id"].as_str().unwrap().to_string();
    let none: serde_json::Value =
        serde_json::from_str(&run(&["search", "航天飞机", "--format", "json"], 0)).unwrap();
    assert_eq!(none["points"], serde_json::json!([]));

    let shown: serde_json::Value = serde_json::from_str(&run(&["show", &id, "--format", "json"], 0)).unwrap();
    assert_eq!(shown["id"], id.as_str());
    assert!(shown["variants"].as_array().unwrap().iter().all(|v| !v.as_str().unwrap().contains("{{")));

    let (header, rows) = csv(&run(&["stats", "--archive", "archive", "--format", "csv"], 0));
    assert_eq!(header, ["编号", "标题", "表述", "讲话数", "最近使用", "状态"]);
    let point_rows = rows.iter().filter(|r| r[2].is_empty()).count();
    assert!(point_rows >= 20 && rows.len() > point_rows, "{} rows, {point_rows} points", rows.len());

    let (header, _) = csv(&run(&["lint", "--format", "csv"], 0));
    assert_eq!(header[4], "规则");
}

#[test]
fn phrasebook_lint_findings_as_csv_carry_the_file_and_position() {
    let dir = tempfile::tempdir().unwrap();
    let bad = "- id: a.b\n  title: 标题\n  slot: middle\n  kinds: [welcome]\n  variants: [正文。]\n";
    std::fs::create_dir_all(dir.path().join("素材")).unwrap();
    std::fs::write(dir.path().join("素材/a.yaml"), bad).unwrap();
    let mut cmd = jianggao(dir.path());
    cmd.args(["phrasebook", "lint", "--format", "csv", "--phrasebook", "素材"]);
    let (_, rows) = csv(&stdout(&mut cmd, 1));
    let schema: Vec<&Vec<String>> = rows.iter().filter(|r| r[4] == "schema").collect();
    assert_eq!(schema.len(), 1, "{rows:?}");
    assert_eq!(schema[0][..4], ["素材/a.yaml", "3", "9", "错误"]);
}

#[test]
fn a_format_a_command_does_not_write_is_one_chinese_line_and_exit_2() {
    let dir = archive();
    for (args, offered) in [
        (&["lint", "x.txt", "--format", "html"][..], "可选 text、json、csv"),
        (&["archive", "show", "x", "--format", "csv"][..], "可选 text、json"),
        (&["diff", "a.txt", "b.txt", "--format", "csv"][..], "可选 text、json、html"),
        (&["draft", "o.yaml", "--format", "json"][..], "可选 text、md、docx、html"),
        (&["check", "d.txt", "--format", "xml"][..], "可选 text、json、html、csv"),
    ] {
        let out = jianggao(dir.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("错误：") && err.contains(offered), "{args:?}: {err}");
    }
    jianggao(dir.path())
        .args(["archive", "list", "--format", "JSON"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("{"));
}
