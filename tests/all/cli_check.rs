//! `jianggao check` and `jianggao diff` from the outside: reports, exit codes, bad input, and two
//! processes indexing one archive at once.

use crate::texts;

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn jianggao(dir: &Path) -> Command {
    let mut c = crate::jianggao();
    c.current_dir(dir).env("NO_COLOR", "1");
    c
}

/// A working folder with `arch/` (the six sources) and a draft copying one passage plus a
/// formulation-by-frequency sentence and a quote.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let arch = dir.path().join("arch");
    std::fs::create_dir_all(&arch).unwrap();
    for (i, (name, text)) in texts::SOURCES.iter().enumerate() {
        let text = if i < 5 { format!("{text}{}\n", texts::CLOSING) } else { text.to_string() };
        std::fs::write(arch.join(name), text).unwrap();
    }
    let draft = format!(
        "在全市文旅工作会议上的讲话\n同志们：\n一、把资源变成产品\n过去游客来了，看一眼就走，留不下来、花不了钱。各级干部要把企业的难处当成自己的难处，主动上门问需，做到有求必应、无事不扰。\n二、把服务做到细处\n古人讲：“天下难事，必作于易；天下大事，必作于细。”旅游厕所要干净，停车要方便。\n{}\n",
        texts::CLOSING
    );
    std::fs::write(dir.path().join("draft.txt"), draft).unwrap();
    dir
}

#[test]
fn text_report_snapshot_and_exit_code_over_the_threshold() {
    let ws = workspace();
    let out = jianggao(ws.path()).args(["check", "draft.txt", "--archive", "arch"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\x1b'), "no colour when piped");
    insta::assert_snapshot!("check_text", text);
}

#[test]
fn json_report_snapshot_with_offsets_into_the_draft_as_decoded() {
    let ws = workspace();
    let out = jianggao(ws.path())
        .args(["check", "draft.txt", "--archive", "arch", "--format", "json", "--max-reuse", "50"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["version"], 1);
    let draft = std::fs::read_to_string(ws.path().join("draft.txt")).unwrap();
    let m = json["matches"].as_array().unwrap().iter().find(|m| m["kind"] == "copied").unwrap();
    let (s, e) = (m["draft_start"].as_u64().unwrap() as usize, m["draft_end"].as_u64().unwrap() as usize);
    let copied: String = draft.chars().skip(s).take(e - s).collect();
    assert_eq!(copied, "各级干部要把企业的难处当成自己的难处，主动上门问需，做到有求必应、无事不扰");
    let source = std::fs::read_to_string(ws.path().join(m["source"].as_str().unwrap())).unwrap();
    let (s, e) = (m["source_start"].as_u64().unwrap() as usize, m["source_end"].as_u64().unwrap() as usize);
    assert_eq!(source.chars().skip(s).take(e - s).collect::<String>(), copied);
    insta::assert_snapshot!("check_json", String::from_utf8(out.stdout).unwrap());
}

#[test]
fn csv_report_is_the_matches_table_in_the_json_report_order() {
    let ws = workspace();
    let run = |format: &str| {
        let out = jianggao(ws.path())
            .args(["check", "draft.txt", "--archive", "arch", "--format", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let csv_text = run("csv");
    let body = csv_text.strip_prefix('\u{feff}').expect("a BOM for Excel and WPS");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "序号",
            "类别",
            "稿件行",
            "稿件起",
            "稿件止",
            "稿件文字",
            "相似度",
            "来源",
            "来源行",
            "来源标题",
            "来源日期",
            "素材要点",
            "也见于"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let matches = json["matches"].as_array().unwrap();
    assert!(!matches.is_empty());
    assert_eq!(rows.len(), matches.len());
    let draft: Vec<char> = std::fs::read_to_string(ws.path().join("draft.txt")).unwrap().chars().collect();
    for (row, m) in rows.iter().zip(matches) {
        assert_eq!(row[3], *m["draft_start"].to_string());
        assert_eq!(&row[7], m["source"].as_str().unwrap());
        let (s, e) = (row[3].parse::<usize>().unwrap(), row[4].parse::<usize>().unwrap());
        assert_eq!(row[5], *draft[s..e].iter().collect::<String>(), "the passage as the draft has it");
    }
    assert!(rows.iter().any(|r| &r[1] == "复制"));
}

#[test]
fn html_report_is_one_self_contained_file() {
    let ws = workspace();
    jianggao(ws.path())
        .args(["check", "draft.txt", "--archive", "arch", "--format", "html", "-o", "r.html"])
        .assert()
        .code(1);
    let html = std::fs::read_to_string(ws.path().join("r.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("src="));
    assert!(html.contains("<mark class=\"copied\""));
    assert!(html.contains("id=\"m1\""));
}

#[test]
fn excluding_the_source_and_accepting_passages() {
    let ws = workspace();
    jianggao(ws.path())
        .args([
            "check",
            "draft.txt",
            "--archive",
            "arch",
            "--exclude",
            "arch/2024-05-08-在优化营商环境大会上的讲话.txt",
        ])
        .assert()
        .stdout(predicate::str::contains("在优化营商环境大会上的讲话").not())
        .stdout(predicate::str::contains("各级干部要把企业").not());
    std::fs::write(ws.path().join("jianggao.yaml"), "archive: arch\nignore:\n  - 做到有求必应、无事不扰\n  - 各级干部要把企业的难处当成自己的难处，主动上门问需\n").unwrap();
    jianggao(ws.path())
        .env_remove(jianggao::config::ENV_VAR)
        .args(["check", "draft.txt"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("总复制比：0.0%"));
}

#[test]
fn missing_or_empty_archive_and_unreadable_draft_exit_2() {
    let ws = workspace();
    jianggao(ws.path())
        .args(["check", "draft.txt", "--archive", "nowhere"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("讲话库文件夹不存在"));
    std::fs::create_dir_all(ws.path().join("empty")).unwrap();
    jianggao(ws.path())
        .args(["check", "draft.txt", "--archive", "empty"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("没有可读的讲话稿"));
    jianggao(ws.path())
        .args(["check", "missing.txt", "--archive", "arch"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("错误："));
}

#[test]
fn undecodable_archive_file_is_listed_once_and_skipped() {
    let ws = workspace();
    std::fs::write(ws.path().join("arch/坏文件.docx"), b"not a zip at all").unwrap();
    let out = jianggao(ws.path()).args(["check", "draft.txt", "--archive", "arch"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.matches("坏文件.docx").count(), 1, "{err}");
}

#[test]
fn two_processes_indexing_at_once_both_succeed_and_leave_a_sound_index() {
    let ws = workspace();
    // Enough files that indexing takes a moment.
    // (Copies of texts the draft does not use, so its copied passage stays in one speech.)
    for i in 0..150 {
        let t = if i % 2 == 0 { texts::SOURCES[5].1 } else { texts::HOSTS[1 + i % 3].1 };
        std::fs::write(ws.path().join(format!("arch/copy-{i:03}.txt")), format!("第{i}份。{t}")).unwrap();
    }
    let bin = assert_cmd::cargo::cargo_bin("jianggao");
    let spawn = || {
        std::process::Command::new(&bin)
            .current_dir(ws.path())
            .env(jianggao::config::ENV_VAR, "none")
            .env("NO_COLOR", "1")
            .args(["check", "draft.txt", "--archive", "arch", "--format", "json"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert_eq!(a.status.code(), Some(1), "{}", String::from_utf8_lossy(&a.stderr));
    assert_eq!(b.status.code(), Some(1), "{}", String::from_utf8_lossy(&b.stderr));
    assert_eq!(a.stdout, b.stdout);
    // The index left behind is sound: a third run neither rebuilds nor differs.
    let c = jianggao(ws.path())
        .args(["check", "draft.txt", "--archive", "arch", "--format", "json"])
        .output()
        .unwrap();
    assert!(c.stderr.is_empty(), "{}", String::from_utf8_lossy(&c.stderr));
    assert_eq!(c.stdout, a.stdout);
}

#[test]
fn corrupt_index_is_rebuilt_with_a_note() {
    let ws = workspace();
    jianggao(ws.path()).args(["check", "draft.txt", "--archive", "arch"]).assert().code(1);
    let idx = ws.path().join("arch/.jianggao");
    let seg = std::fs::read_dir(&idx)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().contains("seg-"))
        .unwrap();
    let mut bytes = std::fs::read(&seg).unwrap();
    let at = bytes.len() - 5;
    bytes[at] ^= 0x40;
    std::fs::write(&seg, bytes).unwrap();
    jianggao(ws.path())
        .args(["check", "draft.txt", "--archive", "arch"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("重建"))
        .stdout(predicate::str::contains("各级干部要把企业的难处"));
}

const OLD: &str = "同志们：\n今天，我们召开座谈会，欢迎江宁市第三批挂职干部来到青川。\n挂职干部扎根基层，把先进理念和管理经验带到了一线，赢得了干部群众的广泛赞誉。\n希望大家尽快转换角色，主动融入当地，在实践中增长才干。\n";
const NEW: &str = "同志们：\n希望大家尽快转换角色，主动融入当地，在实践中增长才干。\n今天，我们召开座谈会，热烈欢迎江宁市第三批挂职干部来到青川工作。\n最后，祝大家工作顺利、身体健康！\n";

#[test]
fn diff_text_and_json() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("old.txt"), OLD).unwrap();
    std::fs::write(dir.path().join("new.txt"), NEW).unwrap();
    let out = jianggao(dir.path()).args(["diff", "old.txt", "new.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("diff_text", String::from_utf8(out.stdout).unwrap());
    let out = jianggao(dir.path()).args(["diff", "old.txt", "new.txt", "--format", "json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["version"], 1);
    let statuses: Vec<&str> =
        json["paragraphs"].as_array().unwrap().iter().map(|p| p["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, vec!["kept", "kept", "changed", "new"]);
    assert_eq!(json["paragraphs"][1]["moved"], true);
    assert_eq!(json["removed"].as_array().unwrap().len(), 1);
    jianggao(dir.path()).args(["diff", "old.txt", "nope.txt"]).assert().code(2);
}
