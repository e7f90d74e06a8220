//! Hostile and huge inputs from the outside: whatever a file holds, every command ends with a report
//! or one Chinese line and exit 2 — no abort, no hang, no English — and skips a bad archive file
//! instead of stopping. Every input is built here.

use crate::{common, texts};

use std::path::Path;

use assert_cmd::Command;

fn jianggao(dir: &Path) -> Command {
    let mut c = crate::jianggao();
    c.current_dir(dir).env("NO_COLOR", "1");
    c
}

/// Exit code, stdout, stderr.
fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = jianggao(dir).args(args).timeout(std::time::Duration::from_secs(120)).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

/// An error line as the promise has it: one line, the prefix, Chinese, no English from below.
fn assert_one_chinese_line(stderr: &str) {
    let line = stderr.trim_end();
    assert!(!line.contains('\n'), "one line: {stderr}");
    assert!(line.starts_with("错误："), "{stderr}");
    for english in
        ["os error", "Is a directory", "No space", "recursion limit", "untagged", "expected", "invalid type"]
    {
        assert!(!line.contains(english), "English leaks: {stderr}");
    }
}

/// An archive of the six test speeches plus the given hostile files.
fn archive_with(dir: &Path, extra: &[(&str, Vec<u8>)]) {
    let arch = dir.join("arch");
    std::fs::create_dir_all(&arch).unwrap();
    for (name, text) in texts::SOURCES {
        std::fs::write(arch.join(name), text).unwrap();
    }
    for (name, bytes) in extra {
        std::fs::write(arch.join(name), bytes).unwrap();
    }
}

fn oversize_speech() -> Vec<u8> {
    let line = "同志们：今天我们召开全市工作推进会，研究部署下一阶段工作。\n";
    line.repeat(jianggao::limits::MAX_SPEECH_BYTES as usize / line.len() + 1).into_bytes()
}

#[test]
fn bombs_and_oversize_files_in_the_archive_are_skipped_and_listed_once() {
    let dir = tempfile::tempdir().unwrap();
    let cap = jianggao::limits::MAX_DOCX_PART_BYTES as usize;
    archive_with(
        dir.path(),
        &[
            ("附件一.docx", common::docx_bomb(cap * 8)),
            ("附件二.docx", common::docx_numbering_bomb(50)),
            ("合订本.txt", oversize_speech()),
        ],
    );
    std::fs::write(dir.path().join("稿.txt"), texts::HOSTS[0].1).unwrap();
    let (code, stdout, stderr) = run(dir.path(), &["check", "稿.txt", "--archive", "arch"]);
    assert!(matches!(code, Some(0 | 1)), "{stderr}");
    assert!(stdout.contains("查重报告"), "{stdout}");
    // The numbering bomb now reads (with short labels); the two others are skipped, once each.
    for name in ["附件一.docx", "合订本.txt"] {
        assert_eq!(stderr.matches(name).count(), 1, "{name}: {stderr}");
    }
    assert!(stderr.contains("超过讲话稿的上限") && stderr.contains("解压后超过"), "{stderr}");
    assert!(!stderr.contains("附件二.docx"), "{stderr}");
    // A second check finds the index up to date and says the same.
    let (code, _, again) = run(dir.path(), &["check", "稿.txt", "--archive", "arch"]);
    assert!(matches!(code, Some(0 | 1)), "{again}");
    assert_eq!(again.matches("附件一.docx").count(), 1, "{again}");

    let (code, stdout, stderr) = run(dir.path(), &["archive", "list", "--archive", "arch"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("共 9 篇"), "{stdout}");
    assert_eq!(stderr.matches("附件一.docx").count(), 1, "{stderr}");

    // Adding a bomb refuses it in one line and adds nothing.
    let (code, _, stderr) = run(dir.path(), &["archive", "add", "arch/附件一.docx", "--archive", "新库"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.lines().next().unwrap().starts_with("错误：arch/附件一.docx：文档解压后超过 16 MB"),
        "{stderr}"
    );
    assert!(
        !dir.path().join("新库").exists() || std::fs::read_dir(dir.path().join("新库")).unwrap().count() == 0
    );
}

#[test]
fn an_oversize_draft_is_refused_saying_a_speech_is_never_megabytes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("合订本.txt"), oversize_speech()).unwrap();
    for args in
        [&["lint", "合订本.txt"][..], &["clean", "合订本.txt"], &["check", "合订本.txt", "--archive", "."]]
    {
        let (code, _, stderr) = run(dir.path(), args);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert_one_chinese_line(&stderr);
        assert!(stderr.contains("合订本.txt：文件有 ") && stderr.contains("从不到几 MB"), "{stderr}");
    }
}

#[test]
fn deep_yaml_is_refused_at_its_line_before_the_parser_slows() {
    let dir = tempfile::tempdir().unwrap();
    let outline = format!(
        "kind: welcome\ntitle: 在座谈会上的讲话\nvars:\n  place: {}青川{}\nsections: []\n",
        "{a: ".repeat(100_000),
        "}".repeat(100_000)
    );
    std::fs::write(dir.path().join("提纲.yaml"), outline).unwrap();
    let (code, _, stderr) = run(dir.path(), &["draft", "提纲.yaml"]);
    assert_eq!(code, Some(2));
    assert_one_chinese_line(&stderr);
    assert!(stderr.starts_with("错误：提纲.yaml:4:") && stderr.contains("嵌套超过 32 层"), "{stderr}");
    std::fs::write(
        dir.path().join("jianggao.yaml"),
        format!("rate: {}1{}\n", "[".repeat(50_000), "]".repeat(50_000)),
    )
    .unwrap();
    let mut c = jianggao(dir.path());
    c.env_remove(jianggao::config::ENV_VAR).args(["archive", "list"]);
    let out = c.output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_one_chinese_line(&stderr);
    assert!(stderr.contains("jianggao.yaml:1:") && stderr.contains("嵌套"), "{stderr}");
}

#[test]
fn impossible_dates_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("稿.txt"), texts::HOSTS[0].1).unwrap();
    let (code, _, stderr) =
        run(dir.path(), &["archive", "add", "稿.txt", "--date", "2026-02-30", "--archive", "库"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        stderr.trim_end(),
        "错误：日期 2026-02-30 不存在（2026 年 2 月只有 28 天）；例如 --date 2025-03-18"
    );
    std::fs::write(
        dir.path().join("稿.md"),
        format!("---\ntitle: 讲话\ndate: 2026-02-30\n---\n{}", texts::HOSTS[0].1),
    )
    .unwrap();
    let (code, _, stderr) = run(dir.path(), &["export", "稿.md", "--format", "html", "-o", "稿.html"]);
    assert_eq!(code, Some(2));
    assert!(stderr.starts_with("错误：稿.md:3:7：日期 2026-02-30 不存在"), "{stderr}");
    assert!(!dir.path().join("稿.html").exists());
}

#[cfg(unix)]
#[test]
fn links_to_parent_folders_and_pipes_in_the_archive_neither_loop_nor_block() {
    let dir = tempfile::tempdir().unwrap();
    archive_with(dir.path(), &[]);
    let arch = dir.path().join("arch");
    std::fs::create_dir_all(arch.join("子").join("孙")).unwrap();
    std::os::unix::fs::symlink("..", arch.join("子").join("孙").join("上")).unwrap();
    std::os::unix::fs::symlink("../..", arch.join("子").join("孙").join("上上")).unwrap();
    let fifo = arch.join("管道.txt");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    std::fs::write(dir.path().join("稿.txt"), texts::HOSTS[0].1).unwrap();
    for args in [
        &["archive", "list", "--archive", "arch"][..],
        &["check", "稿.txt", "--archive", "arch"],
        &["phrasebook", "stats", "--archive", "arch"],
        &["archive", "import", "arch", "--archive", "新库"],
    ] {
        let (code, stdout, stderr) = run(dir.path(), args);
        assert!(matches!(code, Some(0 | 1)), "{args:?}: {stderr}");
        assert!(!stdout.contains("管道") && !stderr.contains("管道"), "{args:?}: {stdout}{stderr}");
    }
    let (_, stdout, _) = run(dir.path(), &["archive", "list", "--archive", "arch"]);
    assert!(stdout.contains("共 6 篇"), "{stdout}");
}

#[test]
fn an_output_that_is_an_input_is_refused_and_the_input_kept() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let draft = texts::HOSTS[0].1;
    std::fs::write(d.join("稿.txt"), draft).unwrap();
    std::fs::write(d.join("新稿.txt"), texts::HOSTS[1].1).unwrap();
    std::fs::write(d.join("提纲.yaml"), "kind: welcome\ntitle: 在座谈会上的讲话\nsections: []\n").unwrap();
    archive_with(d, &[]);
    // `./稿.txt` and `arch/../稿.txt` are the same file by another name.
    let cases: [&[&str]; 6] = [
        &["check", "稿.txt", "--archive", "arch", "--format", "html", "-o", "./稿.txt"],
        &["clean", "稿.txt", "-o", "arch/../稿.txt"],
        &["diff", "新稿.txt", "稿.txt", "-o", "稿.txt"],
        &["phrasebook", "harvest", "稿.txt", "-o", "稿.txt"],
        &["export", "稿.txt", "--format", "docx", "-o", "稿.txt"],
        &["draft", "提纲.yaml", "-o", "提纲.yaml"],
    ];
    for args in cases {
        let (code, _, stderr) = run(d, args);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert_one_chinese_line(&stderr);
        assert!(stderr.contains("就是输入文件"), "{args:?}: {stderr}");
    }
    assert_eq!(std::fs::read_to_string(d.join("稿.txt")).unwrap(), draft);
    assert!(std::fs::read_to_string(d.join("提纲.yaml")).unwrap().starts_with("kind: welcome"));
}

#[test]
fn dash_as_output_means_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("稿.txt"), texts::HOSTS[0].1).unwrap();
    archive_with(dir.path(), &[]);
    for args in [&["clean", "稿.txt", "-o", "-"][..], &["check", "稿.txt", "--archive", "arch", "-o", "-"]]
    {
        let (code, stdout, stderr) = run(dir.path(), args);
        assert!(matches!(code, Some(0 | 1)), "{args:?}: {stderr}");
        assert!(!stdout.is_empty(), "{args:?}");
        assert!(!dir.path().join("-").exists(), "{args:?} wrote a file named -");
    }
}

#[cfg(unix)]
#[test]
fn output_through_a_link_reaches_its_target_and_pipes_are_written_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("稿.txt"), texts::HOSTS[0].1).unwrap();
    std::fs::create_dir(d.join("out")).unwrap();
    std::os::unix::fs::symlink("out/结果.txt", d.join("链接.txt")).unwrap();
    let (code, _, stderr) = run(d, &["clean", "稿.txt", "-o", "链接.txt"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(std::fs::symlink_metadata(d.join("链接.txt")).unwrap().file_type().is_symlink());
    let written = std::fs::read_to_string(d.join("out/结果.txt")).unwrap();
    assert!(written.contains(texts::HOSTS[0].1.lines().next().unwrap().trim()), "{written}");
    // A link to the input is the input.
    std::os::unix::fs::symlink("稿.txt", d.join("别名.txt")).unwrap();
    let (code, _, stderr) = run(d, &["clean", "稿.txt", "-o", "别名.txt"]);
    assert_eq!(code, Some(2), "{stderr}");
    // A FIFO stays a FIFO and receives the text.
    let fifo = d.join("管道");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let (code, _, stderr) = run(d, &["clean", "稿.txt", "-o", "管道"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!reader.join().unwrap().is_empty());
    assert!(!std::fs::symlink_metadata(&fifo).unwrap().file_type().is_file());
    // /dev/stdout is written into, not replaced.
    let (code, stdout, stderr) = run(d, &["clean", "稿.txt", "-o", "/dev/stdout"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains(texts::HOSTS[0].1.lines().next().unwrap().trim()), "{stdout}");
}

#[test]
fn concurrent_phrasebook_adds_keep_every_point() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("素材")).unwrap();
    let children: Vec<_> = (0..6)
        .map(|i| {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("jianggao"))
                .current_dir(dir.path())
                .env(jianggao::config::ENV_VAR, "none")
                .env("NO_COLOR", "1")
                .args(["phrasebook", "add", "--phrasebook", "素材", "--slot", "closing", "--kind", "welcome"])
                .args(["--id", &format!("mine.closing.t{i}"), "--title", &format!("感谢{i}")])
                .args(["--variant", &format!("再次感谢大家，第{i}次！")])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let file = std::fs::read_to_string(dir.path().join("素材/closing.yaml")).unwrap();
    for i in 0..6 {
        assert!(file.contains(&format!("mine.closing.t{i}")), "point {i} lost:\n{file}");
    }
}

#[test]
fn phrasebook_fmt_keeps_a_byte_order_mark() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("素材")).unwrap();
    let path = dir.path().join("素材/closing.yaml");
    std::fs::write(
        &path,
        "\u{feff}- id: mine.closing.a\n  title:    感谢\n  slot: closing\n  kinds: [welcome]\n  variants: [再次感谢大家！]\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run(dir.path(), &["phrasebook", "fmt", "--phrasebook", "素材"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("改写 1 个"), "{stdout}");
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with("\u{feff}- id".as_bytes()), "{:?}", String::from_utf8_lossy(&bytes));
}

#[test]
fn config_values_follow_the_flags_rules_and_name_their_line() {
    let dir = tempfile::tempdir().unwrap();
    archive_with(dir.path(), &[]);
    std::fs::write(dir.path().join("稿.txt"), texts::HOSTS[0].1).unwrap();
    let cases = [
        ("rate: 0\n", "jianggao.yaml:1:7", "rate 不能为 0"),
        ("archive: arch\nmax_reuse: -5\n", "jianggao.yaml:2:12", "max_reuse -5 不在 0 到 100 之间"),
        ("min_chars: 0\n", "jianggao.yaml:1:12", "min_chars 0 太小"),
        ("formula_min_speeches: 0\n", "jianggao.yaml:1:23", "formula_min_speeches 0 太小"),
    ];
    for (yaml, at, says) in cases {
        std::fs::write(dir.path().join("jianggao.yaml"), yaml).unwrap();
        let mut c = jianggao(dir.path());
        let out = c.env_remove(jianggao::config::ENV_VAR).args(["check", "稿.txt"]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{yaml}: {stderr}");
        assert_one_chinese_line(&stderr);
        assert!(stderr.contains(at) && stderr.contains(says), "{yaml}: {stderr}");
    }
    // The flag says the same about a negative value, as a bad value, not an unknown argument.
    std::fs::remove_file(dir.path().join("jianggao.yaml")).unwrap();
    let (code, _, stderr) = run(dir.path(), &["check", "稿.txt", "--archive", "arch", "--max-reuse", "-5"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert_one_chinese_line(&stderr);
    assert!(stderr.contains("--max-reuse -5 不在 0 到 100 之间"), "{stderr}");
}
