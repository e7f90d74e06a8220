//! `jianggao draft` and `jianggao init` end to end: every input error is one Chinese line naming
//! file:line:column, exit 2, nothing written; success writes atomically and summarises on stderr.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rel)
}

/// A scratch folder (no jianggao.yaml above it that we control) and a command running in it.
struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new() -> Self {
        Scratch { dir: tempfile::tempdir().unwrap() }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        p
    }

    fn cmd(&self) -> Command {
        let mut c = crate::jianggao();
        c.current_dir(self.dir.path());
        c
    }

    /// Run `draft OUTLINE -o out.txt --phrasebook <fixture>` plus `extra`; expect one error line
    /// naming `file_line_col` and containing every `needles`; check nothing was written.
    fn draft_fails(&self, outline: &str, extra: &[&str], file_line_col: &str, needles: &[&str]) {
        let out_file = self.path("out.txt");
        let mut c = self.cmd();
        c.arg("draft").arg(outline).arg("-o").arg(&out_file).arg("--phrasebook").arg(fixture("pb/base"));
        c.args(extra);
        let output = c.output().unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(output.stdout.is_empty());
        assert_eq!(stderr.lines().count(), 1, "one line expected: {stderr}");
        assert!(stderr.starts_with("错误："), "{stderr}");
        assert!(stderr.contains(file_line_col), "expected {file_line_col} in {stderr}");
        for n in needles {
            assert!(stderr.contains(n), "expected {n} in {stderr}");
        }
        assert!(!out_file.exists(), "-o file must not be created on error");
        let leftovers: Vec<_> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }
}

const GOOD: &str = "\
kind: welcome
title: 在欢迎{{ partner }}挂职干部座谈会上的讲话
speaker: 市委书记
date: 2026-03-18
vars: { place: 青川市, place_short: 青川, partner: 江宁市 }
sections:
  - heading: 对挂职干部的几点希望
    points:
      - hopes.cadre.study
      - pick: { slot: hopes, tags: [样例调研], count: 1 }
closing:
  - closing.wish.success
";

#[test]
fn malformed_yaml() {
    let s = Scratch::new();
    s.write("提纲.yaml", "kind: welcome\ntitle: [未闭合\nsections: []\n");
    s.draft_fails("提纲.yaml", &[], "提纲.yaml:3:", &["提纲格式有误"]);
}

#[test]
fn unknown_point_id_suggests_the_closest() {
    let s = Scratch::new();
    s.write("提纲.yaml", &GOOD.replace("- hopes.cadre.study", "- hopes.cadre.studdy"));
    s.draft_fails(
        "提纲.yaml",
        &[],
        "提纲.yaml:9:9：",
        &["素材库中没有编号为 hopes.cadre.studdy 的要点", "是不是要写 hopes.cadre.study"],
    );
}

#[test]
fn missing_variable_names_the_variable_and_the_point() {
    let s = Scratch::new();
    s.write("提纲.yaml", &GOOD.replace(", place_short: 青川", ""));
    s.draft_fails(
        "提纲.yaml",
        &[],
        "提纲.yaml:12:5：",
        &["要点 closing.wish.success 需要变量 place_short", "请在 vars 中加上 place_short: 青川"],
    );
}

#[test]
fn missing_variable_in_a_picked_point_points_at_the_pick() {
    let s = Scratch::new();
    let text = GOOD
        .replace("tags: [样例调研]", "tags: [样例廉洁]")
        .replace("{ place: 青川市, place_short: 青川, partner: 江宁市 }", "{ place_short: 青川 }")
        .replace("在欢迎{{ partner }}挂职", "在欢迎挂职");
    s.write("提纲.yaml", &text);
    s.draft_fails("提纲.yaml", &[], "提纲.yaml:10:9：", &["要点 hopes.cadre.integrity 需要变量 partner"]);
}

#[test]
fn unknown_kind() {
    let s = Scratch::new();
    s.write("提纲.yaml", &GOOD.replace("kind: welcome", "kind: farewell"));
    s.draft_fails(
        "提纲.yaml",
        &[],
        "提纲.yaml:1:7：",
        &["未知的讲话类型 kind: farewell", "welcome", "symposium"],
    );
}

#[test]
fn empty_outline() {
    let s = Scratch::new();
    s.write("提纲.yaml", "# 还没写\n");
    s.draft_fails("提纲.yaml", &[], "提纲.yaml:1:1：", &["提纲是空的"]);
}

#[test]
fn pick_that_nothing_satisfies() {
    let s = Scratch::new();
    s.write("提纲.yaml", &GOOD.replace("tags: [样例调研]", "tags: [外事]"));
    s.draft_fails(
        "提纲.yaml",
        &[],
        "提纲.yaml:10:9：",
        &["没有符合 pick 条件（slot: hopes，tags: [外事]，kind: welcome）的要点", "可用的标签有：", "学习"],
    );
}

#[test]
fn template_that_fails_to_parse_names_its_line() {
    let s = Scratch::new();
    s.write("提纲.yaml", GOOD);
    s.write("模板/welcome.j2", "{% import \"_macros.j2\" as m %}\n{{ m.title_block(speech, format) }}\n{% if speech.title %}\n{{ m.body(speech, format) }}\n");
    s.draft_fails("提纲.yaml", &["--templates", "模板"], "welcome.j2:", &["模板语法错误"]);
    let out = s
        .cmd()
        .args(["draft", "提纲.yaml", "--templates", "模板", "--phrasebook"])
        .arg(fixture("pb/base"))
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("模板/welcome.j2:5:") || err.contains("模板/welcome.j2:4:"), "{err}");
}

#[test]
fn bad_phrasebook_file_names_its_line() {
    let s = Scratch::new();
    s.write("提纲.yaml", GOOD);
    s.write(
        "我的素材/a.yaml",
        "- id: mine.a\n  title: 标题\n  slot: hope\n  kinds: [welcome]\n  variants: [正文]\n",
    );
    s.draft_fails("提纲.yaml", &["--phrasebook", "我的素材"], "a.yaml:3:9：", &["取值 hope 无效", "hopes"]);
}

#[test]
fn missing_outline_file() {
    let s = Scratch::new();
    s.draft_fails("没有.yaml", &[], "没有.yaml", &["读取失败"]);
}

#[test]
fn bad_format_and_check_flags_are_usage_errors() {
    let s = Scratch::new();
    s.write("提纲.yaml", GOOD);
    // Word is binary: it goes to a file, never to the terminal.
    let out = s.cmd().args(["draft", "提纲.yaml", "--format", "docx"]).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("--format docx 需要指定输出文件") && stderr.contains("-o"), "{stderr}");
    assert!(out.stdout.is_empty());
    s.draft_fails("提纲.yaml", &["--max-reuse", "5"], "--max-reuse", &["--check"]);
    s.draft_fails("提纲.yaml", &["--format", "docx", "--style", "宽松"], "版式 宽松 无效", &["speech"]);
    // An archive with nothing readable in it is an input error naming the folder.
    std::fs::create_dir_all(s.path("空库")).unwrap();
    s.draft_fails("提纲.yaml", &["--check", "--archive", "空库"], "空库", &["讲话库中没有可读的讲话稿"]);
}

#[test]
fn draft_to_word_and_html_uses_the_gbt9704_layout() {
    let s = Scratch::new();
    s.write("提纲.yaml", GOOD);
    let docx = s.path("初稿.docx");
    s.cmd()
        .args(["draft", "提纲.yaml", "--format", "docx", "-o"])
        .arg(&docx)
        .arg("--phrasebook")
        .arg(fixture("pb/base"))
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
    // The Word file is a zip whose body holds the title and the salutation, laid out in styles.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    assert!(xml.contains("在欢迎江宁市挂职干部座谈会上的讲话"), "title missing");
    assert!(xml.contains("同志们："));
    assert!(xml.contains("w:docGrid"), "GB/T 9704 grid missing");

    let out = s
        .cmd()
        .args(["draft", "提纲.yaml", "--format", "html", "--phrasebook"])
        .arg(fixture("pb/base"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("在欢迎江宁市挂职干部座谈会上的讲话"));
}

#[test]
fn check_flags_the_reuse_of_last_years_draft_and_archive_steers_away_from_it() {
    let s = Scratch::new();
    s.write("提纲.yaml", GOOD);
    let pb = fixture("pb/base");
    // Last year's speech: this very outline drafted with the default seed.
    let last = s.path("archive/2025-03-18-欢迎讲话.txt");
    s.cmd().args(["draft", "提纲.yaml", "-o"]).arg(&last).arg("--phrasebook").arg(&pb).assert().success();
    let last_text = std::fs::read_to_string(&last).unwrap();

    // --check (against ./archive, the default): the draft is still written, the report goes to
    // stderr, exit 1 over the threshold.
    let again = s.path("今年.txt");
    let out = s
        .cmd()
        .args(["draft", "提纲.yaml", "--check", "-o"])
        .arg(&again)
        .arg("--phrasebook")
        .arg(&pb)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("总复制比"), "{stderr}");
    assert!(stderr.contains("2025-03-18-欢迎讲话"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&again).unwrap(), last_text);

    // --archive: with no length target, every point with another variant moves to it.
    let fresh = s.path("换新.txt");
    s.cmd()
        .args(["draft", "提纲.yaml", "--archive", "archive", "-o"])
        .arg(&fresh)
        .arg("--phrasebook")
        .arg(&pb)
        .assert()
        .success();
    let fresh_text = std::fs::read_to_string(&fresh).unwrap();
    let body_lines = |t: &str| t.lines().skip(5).map(str::to_string).collect::<Vec<_>>();
    let (old, new) = (body_lines(&last_text), body_lines(&fresh_text));
    let kept = new.iter().filter(|l| l.chars().count() > 20 && old.contains(l)).count();
    assert_eq!(kept, 0, "paragraphs repeated from the archive:\n{fresh_text}");
}

#[test]
fn writes_atomically_and_summarises_on_stderr() {
    let s = Scratch::new();
    s.write("提纲.yaml", GOOD);
    let out = s.path("稿件/初稿.txt");
    s.cmd()
        .args(["draft", "提纲.yaml", "--rate", "200", "-o"])
        .arg(&out)
        .arg("--phrasebook")
        .arg(fixture("pb/base"))
        .assert()
        .success()
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("已生成欢迎讲话初稿"))
        .stderr(predicate::str::contains("一、对挂职干部的几点希望"))
        .stderr(predicate::str::contains("按每分钟 200 字计"))
        .stderr(predicate::str::contains("警告").not());
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("在欢迎江宁市挂职干部座谈会上的讲话\n"), "{text}");
    assert!(text.contains("\n同志们：\n"));
    assert!(text.ends_with("！\n"), "{text}");
}

#[test]
fn placeholder_left_in_the_output_is_a_warning() {
    let s = Scratch::new();
    s.write(
        "提纲.yaml",
        &GOOD.replace("closing:\n", "closing:\n  - text: 感谢××同志为本次活动付出的努力。\n"),
    );
    let out = s.cmd().args(["draft", "提纲.yaml", "--phrasebook"]).arg(fixture("pb/base")).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let line = stdout.lines().position(|l| l.contains("××")).unwrap() + 1;
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains(&format!("警告：稿件第 {line} 行第 5 列留有占位符“××”")), "{err}");
}

#[test]
fn config_file_layers_are_found_without_flags() {
    let s = Scratch::new();
    s.write("提纲.yaml", GOOD);
    s.write("jianggao.yaml", &format!("phrasebook:\n  - {}\nrate: 150\n", fixture("pb/base").display()));
    std::fs::create_dir_all(s.path("二月")).unwrap();
    let mut c = s.cmd();
    c.current_dir(s.path("二月")).env_remove(jianggao::config::ENV_VAR);
    c.args(["draft", "../提纲.yaml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("一、对挂职干部的几点希望"))
        .stderr(predicate::str::contains("按每分钟 150 字计"));
}

#[test]
fn same_seed_same_bytes_other_seed_other_text() {
    let s = Scratch::new();
    let run = |seed: &str| {
        let out = s
            .cmd()
            .args(["draft", "--seed", seed, "--phrasebook"])
            .arg(fixture("pb/base"))
            .arg(fixture("outlines/welcome.yaml"))
            .output()
            .unwrap();
        assert!(out.status.success());
        out.stdout
    };
    assert_eq!(run("7"), run("7"));
    assert!((0..6).map(|i| run(&i.to_string())).collect::<std::collections::HashSet<_>>().len() > 1);
}

#[test]
fn init_writes_examples_and_never_overwrites() {
    let s = Scratch::new();
    s.cmd().args(["init", "工作"]).assert().success().stdout(
        predicate::str::contains("已创建：工作/jianggao.yaml")
            .or(predicate::str::contains("已创建：工作\\jianggao.yaml")),
    );
    for f in ["欢迎讲话提纲.yaml", "座谈会讲话提纲.yaml", "我的素材/示例.yaml", "jianggao.yaml"]
    {
        assert!(s.path("工作").join(f).is_file(), "{f}");
    }
    // The config names the personal phrasebook, and both examples draft from inside the folder.
    for example in ["欢迎讲话提纲.yaml", "座谈会讲话提纲.yaml"] {
        let mut c = s.cmd();
        c.current_dir(s.path("工作"));
        c.args(["draft", example]).assert().success().stdout(predicate::str::contains("同志们："));
    }
    s.write("工作/jianggao.yaml", "rate: 200\n");
    s.cmd()
        .args(["init", "工作"])
        .assert()
        .success()
        .stdout(predicate::str::contains("已存在，跳过").count(4))
        .stdout(predicate::str::contains("已创建").not());
    assert_eq!(std::fs::read_to_string(s.path("工作/jianggao.yaml")).unwrap(), "rate: 200\n");
}

#[test]
fn check_counts_the_formulations_of_the_phrasebook_layers_given_by_flag() {
    let s = Scratch::new();
    s.write("提纲.yaml", GOOD);
    let pb = fixture("pb/base");
    let first = s.path("初稿.txt");
    s.cmd().args(["draft", "提纲.yaml", "-o"]).arg(&first).arg("--phrasebook").arg(&pb).assert().success();
    // Last year's speech shares exactly one sentence with this draft, and the user's own layer
    // declares that sentence a standard formulation.
    let sentence = std::fs::read_to_string(&first)
        .unwrap()
        .lines()
        .map(|l| l.trim().split('。').next().unwrap_or("").to_string())
        .find(|l| l.chars().count() >= 20)
        .expect("a long sentence");
    s.write(
        "archive/2025-03-18-欢迎讲话.txt",
        &format!("同志们：\n　　今年的工作任务很重。{sentence}。我们要抓紧抓实。\n"),
    );
    s.write("我的素材/_formulas.yaml", &format!("- text: {sentence}\n"));
    let check = |layers: &[&Path]| {
        let mut c = s.cmd();
        c.args(["draft", "提纲.yaml", "--check", "-o"]).arg(s.path("今年.txt"));
        for l in layers {
            c.arg("--phrasebook").arg(l);
        }
        String::from_utf8(c.output().unwrap().stderr).unwrap()
    };
    let without = check(&[&pb]);
    let with = check(&[&pb, &s.path("我的素材")]);
    assert!(without.contains("规范提法 0.0%"), "{without}");
    assert!(!with.contains("规范提法 0.0%") && with.contains("规范提法"), "{with}");
}

#[test]
fn a_user_template_that_never_ends_stops_on_fuel_naming_its_file() {
    let s = Scratch::new();
    s.write("提纲.yaml", GOOD);
    s.write(
        "模板/welcome.j2",
        "{% for a in range(10000) %}{% for b in range(10000) %}{% for c in range(10000) %}.{% endfor %}{% endfor %}{% endfor %}\n",
    );
    s.draft_fails("提纲.yaml", &["--templates", "模板"], "模板/welcome.j2:", &["步数超过上限"]);
    // A recursive macro is blamed on the user's file, in Chinese.
    s.write("模板/welcome.j2", "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}\n");
    s.draft_fails("提纲.yaml", &["--templates", "模板"], "模板/welcome.j2:", &["嵌套调用过深"]);
}
