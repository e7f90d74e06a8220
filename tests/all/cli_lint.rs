//! `jianggao lint`: one triggering and one clean fixture per rule, exit codes, text and JSON.

use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lint").join(name)
}

fn lint(file: &str, extra: &[&str]) -> (i32, serde_json::Value) {
    let dir = tempfile::tempdir().unwrap(); // no jianggao.yaml above it
    let out = crate::jianggao()
        .current_dir(dir.path())
        .arg("lint")
        .arg(fixture(file))
        .args(["--format", "json", "--phrasebook"])
        .arg(fixture("phrasebook"))
        .args(extra)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code().unwrap(), json)
}

fn rules(json: &serde_json::Value) -> Vec<String> {
    json["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap().to_string()).collect()
}

/// Each rule: its triggering fixture reports it (with the exit code its severity implies), its
/// clean fixture does not.
#[test]
fn every_rule_triggers_on_its_fixture_and_not_on_the_clean_one() {
    let cases: [(&str, &str, &[&str], i32); 9] = [
        ("numbering", "numbering-skip", &[], 1),
        ("placeholder-left", "placeholder-left", &[], 1),
        ("formula-near-miss", "formula-near-miss", &[], 1),
        ("missing-salutation", "missing-salutation", &["--kind", "welcome"], 0),
        ("missing-closing", "missing-closing", &["--kind", "welcome"], 0),
        ("length-target", "length-target", &["--minutes", "1", "--rate", "55"], 0),
        // Shared with phrasebook lint (rules from the pbmaint branch), warnings in a draft.
        ("mixed-script", "mixed-script", &[], 0),
        ("halfwidth-punct", "halfwidth-punct", &[], 0),
        ("parallel", "parallel-length", &[], 0),
    ];
    for (file, rule, extra, bad_code) in cases {
        let (code, json) = lint(&format!("{file}.bad.txt"), extra);
        assert!(rules(&json).contains(&rule.to_string()), "{file}: {json}");
        assert_eq!(code, bad_code, "{file}: {json}");
        let (code, json) = lint(&format!("{file}.good.txt"), extra);
        assert!(!rules(&json).contains(&rule.to_string()), "{file} clean: {json}");
        assert_eq!(code, 0, "{file} clean: {json}");
    }
}

#[test]
fn closings_depend_on_the_kind() {
    // 再次欢迎 closes a welcome speech, not a symposium one.
    let (_, welcome) = lint("missing-closing.good.txt", &["--kind", "welcome"]);
    let (_, symposium) = lint("missing-closing.good.txt", &["--kind", "symposium"]);
    assert!(!rules(&welcome).contains(&"missing-closing".to_string()));
    assert!(rules(&symposium).contains(&"missing-closing".to_string()));
}

#[test]
fn a_clean_speech_passes_every_rule() {
    let (code, json) = lint("clean.txt", &["--kind", "symposium", "--minutes", "1.5", "--rate", "180"]);
    assert_eq!((code, rules(&json)), (0, vec![]), "{json}");
}

#[test]
fn text_output_names_file_line_column_rule_and_fix() {
    let dir = tempfile::tempdir().unwrap();
    let out = crate::jianggao()
        .current_dir(dir.path())
        .arg("lint")
        .arg(fixture("numbering.bad.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let first = stdout.lines().next().unwrap();
    assert!(first.contains("numbering.bad.txt:4:1：错误[numbering-skip]"), "{stdout}");
    assert!(first.contains("改为（二）"), "{stdout}");
    assert!(stdout.contains("numbering.bad.txt:5:1：错误[numbering-skip]"), "{stdout}");
}

#[test]
fn bad_arguments_and_missing_files_exit_2_with_one_chinese_line() {
    for args in [vec!["--kind", "farewell"], vec!["--minutes", "0"]] {
        let out = crate::jianggao().arg("lint").arg(fixture("clean.txt")).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.starts_with("错误：") && err.trim_end().lines().count() == 1, "{err}");
    }
    let out = crate::jianggao().args(["lint", "没有这个文件.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("没有这个文件.txt"));
}

#[test]
fn a_broken_formulas_list_is_an_input_error_with_position() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("_formulas.yaml"), "- text: 甲乙丙丁戊己\n  typo: 1\n").unwrap();
    let out = crate::jianggao()
        .arg("lint")
        .arg(fixture("clean.txt"))
        .arg("--phrasebook")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("_formulas.yaml:2:"), "{err}");
}
