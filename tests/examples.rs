//! The shipped examples draft cleanly from the embedded phrasebook: snapshots of the text and
//! Markdown drafts and of the stderr summary, exactly as a writer sees them.

use assert_cmd::Command;

fn draft(example: &str, format: &str) -> (String, String) {
    let out = Command::cargo_bin("jianggao")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["draft", example, "--format", format])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    (String::from_utf8(out.stdout).unwrap(), stderr)
}

#[test]
fn welcome_example() {
    let (text, summary) = draft("examples/welcome.yaml", "text");
    assert!(!summary.contains("警告"), "{summary}");
    insta::assert_snapshot!("welcome_text", text);
    insta::assert_snapshot!("welcome_summary", summary);
    insta::assert_snapshot!("welcome_md", draft("examples/welcome.yaml", "md").0);
}

#[test]
fn symposium_example() {
    let (text, summary) = draft("examples/symposium.yaml", "text");
    assert!(!summary.contains("警告"), "{summary}");
    insta::assert_snapshot!("symposium_text", text);
    insta::assert_snapshot!("symposium_summary", summary);
    insta::assert_snapshot!("symposium_md", draft("examples/symposium.yaml", "md").0);
}
