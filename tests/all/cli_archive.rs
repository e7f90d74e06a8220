//! `jianggao archive add|import|list|show` end to end.

use crate::common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn jianggao(dir: &Path) -> Command {
    let mut cmd = crate::jianggao();
    cmd.current_dir(dir);
    cmd
}

const WELCOME: &str = "各位来宾，同志们：\n金秋时节，我们在这里举行区域协作交流会。我代表市委、市政府，向各位来宾表示热烈欢迎！\n希望大家多走走、多看看，为我市发展多提宝贵意见。\n";
const FORUM: &str =
    "同志们：\n今天召开座谈会，主要是听取大家对协作工作的意见建议。\n一、充分肯定成绩\n二、明确下一步任务\n";
/// FORUM in Traditional script with different line breaks and punctuation: the same speech.
const FORUM_TRAD: &str = "同志們：\r\n今天召開座談會，主要是聽取大家對協作工作的意見建議。\r\n一、充分肯定成績\r\n二、明確下一步任務。\r\n";
const REPORT: &str = "各位代表：\n过去一年，全市上下团结奋斗，经济社会发展取得新成效。\n";

fn md_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    v.sort();
    v
}

#[test]
fn add_copies_in_as_markdown_and_list_and_show_find_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("欢迎词.txt"), WELCOME).unwrap();
    jianggao(dir.path())
        .args([
            "archive",
            "add",
            "欢迎词.txt",
            "--title",
            "在区域协作交流会上的欢迎词",
            "--date",
            "2024-10-12",
        ])
        .args(["--speaker", "王同志", "--occasion", "区域协作交流会"])
        .assert()
        .success()
        .stdout(predicate::str::contains("已加入：欢迎词.txt → archive"));
    let added = dir.path().join("archive").join("2024-10-12-在区域协作交流会上的欢迎词.md");
    let md = std::fs::read_to_string(&added).unwrap();
    assert_eq!(
        md,
        format!(
            "---\ntitle: 在区域协作交流会上的欢迎词\ndate: 2024-10-12\nspeaker: 王同志\noccasion: 区域协作交流会\n---\n{WELCOME}"
        )
    );
    assert_eq!(std::fs::read_to_string(dir.path().join("欢迎词.txt")).unwrap(), WELCOME);

    jianggao(dir.path())
        .args(["archive", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "2024-10-12-在区域协作交流会上的欢迎词  2024-10-12  在区域协作交流会上的欢迎词  75",
        ))
        .stdout(predicate::str::contains("共 1 篇"));
    jianggao(dir.path())
        .args(["archive", "show", "2024-10-12-在区域协作交流会上的欢迎词"])
        .assert()
        .success()
        .stdout(predicate::str::contains("讲话人：王同志").and(predicate::str::contains("金秋时节")))
        .stdout(predicate::str::contains("title:").not());
    jianggao(dir.path()).args(["archive", "show", "没有这篇"]).assert().code(2).stderr(
        predicate::str::contains("没有编号为 没有这篇 的讲话").and(predicate::str::contains("archive list")),
    );
}

#[test]
fn add_refuses_a_bad_date_and_names_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), WELCOME).unwrap();
    std::fs::write(dir.path().join("旧.doc"), b"\xD0\xCF\x11\xE0").unwrap();
    jianggao(dir.path())
        .args(["archive", "add", "a.txt", "--date", "2024/10/12"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("YYYY-MM-DD"));
    jianggao(dir.path())
        .args(["archive", "add", "旧.doc", "a.txt"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("已加入：a.txt"))
        .stderr(predicate::str::contains("旧.doc").and(predicate::str::contains("1 个文件未能加入")));
}

#[test]
fn archive_folder_from_flag_config_or_default() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), WELCOME).unwrap();
    std::fs::write(dir.path().join("jianggao.yaml"), "archive: 历年讲话\n").unwrap();
    // Discovery on: the config sits in the test's own folder.
    let found = |cwd: &Path| {
        let mut c = jianggao(cwd);
        c.env_remove(jianggao::config::ENV_VAR);
        c
    };
    found(dir.path()).args(["archive", "add", "a.txt"]).assert().success();
    assert_eq!(md_files(&dir.path().join("历年讲话")).len(), 1);
    jianggao(dir.path()).args(["archive", "add", "a.txt", "--archive", "别处"]).assert().success();
    assert_eq!(md_files(&dir.path().join("别处")).len(), 1);
    // From a subfolder the config is still found and its relative path resolved against it.
    std::fs::create_dir(dir.path().join("子目录")).unwrap();
    found(&dir.path().join("子目录"))
        .args(["archive", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("共 1 篇"));
    jianggao(dir.path())
        .args(["archive", "list", "--archive", "不存在"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("讲话库文件夹不存在"));
}

#[test]
fn import_a_folder_with_duplicates_and_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("旧稿");
    std::fs::create_dir_all(src.join("2023")).unwrap();
    std::fs::create_dir_all(src.join(".备份")).unwrap();
    // Good files in every format and encoding.
    std::fs::write(src.join("2023").join("2023-06-01-座谈会讲话.txt"), encoding_rs::GB18030.encode(FORUM).0)
        .unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for u in WELCOME.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    std::fs::write(src.join("欢迎词.txt"), utf16).unwrap();
    std::fs::write(src.join("工作报告.docx"), common::docx_of(REPORT)).unwrap();
    std::fs::write(
        src.join("致辞.md"),
        format!("---\ntitle: 新春致辞\ndate: 2025-01-25\n---\n{}", "同志们：新春佳节即将来临。\n"),
    )
    .unwrap();
    // The same speech again, in Traditional script and Big5: a duplicate.
    std::fs::write(src.join("座谈会讲话（繁体）.txt"), encoding_rs::BIG5.encode(FORUM_TRAD).0).unwrap();
    // Bad files: one each, none stops the rest.
    std::fs::write(src.join("老格式.doc"), b"\xD0\xCF\x11\xE0").unwrap();
    std::fs::write(src.join("空白.txt"), b"").unwrap();
    std::fs::write(src.join("坏.docx"), b"PK\x03\x04garbage").unwrap();
    // Ignored: a dot-folder and a file type that is not a speech.
    std::fs::write(src.join(".备份").join("x.txt"), WELCOME).unwrap();
    std::fs::write(src.join("照片.jpg"), b"\xFF\xD8\xFF").unwrap();

    let out = jianggao(dir.path()).args(["archive", "import", "旧稿"]).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.starts_with("导入完成：新增 4 篇，重复跳过 1 篇，失败 3 篇"), "{stdout}");
    assert!(
        stdout.contains("重复：旧稿/座谈会讲话（繁体）.txt 与库中 2023-06-01-座谈会讲话.md 内容相同"),
        "{stdout}"
    );
    assert!(stdout.contains("失败：旧稿/老格式.doc：旧版 .doc 格式无法直接读取"), "{stdout}");
    assert!(stdout.contains("失败：旧稿/空白.txt：文件是空的"), "{stdout}");
    assert!(stdout.contains("失败：旧稿/坏.docx：不是有效的 .docx 文件"), "{stdout}");
    // The progress bar stays off stderr when it is not a terminal.
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));

    let archive = dir.path().join("archive");
    let names: Vec<String> =
        md_files(&archive).iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, vec!["2023-06-01-座谈会讲话.md", "2025-01-25-新春致辞.md", "工作报告.md", "欢迎词.md"]);
    let forum = std::fs::read_to_string(archive.join("2023-06-01-座谈会讲话.md")).unwrap();
    assert!(forum.ends_with(FORUM) && forum.contains("date: 2023-06-01"), "{forum}");
    let report = std::fs::read_to_string(archive.join("工作报告.md")).unwrap();
    assert!(report.ends_with(REPORT), "{report}");

    // Importing again finds every good file already there.
    jianggao(dir.path())
        .args(["archive", "import", "旧稿"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("导入完成：新增 0 篇，重复跳过 5 篇，失败 3 篇"));
    assert_eq!(md_files(&archive).len(), 4);
}

#[test]
fn import_without_bad_files_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("稿")).unwrap();
    std::fs::write(dir.path().join("稿").join("a.txt"), WELCOME).unwrap();
    jianggao(dir.path())
        .args(["archive", "import", "稿"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("导入完成：新增 1 篇，重复跳过 0 篇，失败 0 篇"));
}

#[test]
fn concurrent_adds_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("讲话.txt"), WELCOME).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("jianggao");
    let children: Vec<_> = (0..8)
        .map(|_| {
            std::process::Command::new(&bin)
                .current_dir(dir.path())
                .env(jianggao::config::ENV_VAR, "none")
                .args(["archive", "add", "讲话.txt", "--title", "同一个标题", "--date", "2025-05-01"])
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let files = md_files(&dir.path().join("archive"));
    assert_eq!(files.len(), 8, "{files:?}");
    for f in &files {
        assert!(std::fs::read_to_string(f).unwrap().ends_with(WELCOME));
    }
    // No temporary files left behind.
    let all = std::fs::read_dir(dir.path().join("archive")).unwrap().count();
    assert_eq!(all, 8);
}
