//! The shipped examples draft cleanly from the embedded phrasebook: snapshots of the text and
//! Markdown drafts and of the stderr summary, exactly as a writer sees them.

fn draft(example: &str, format: &str) -> (String, String) {
    let out = crate::jianggao()
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

/// What the tool drafts, the tool's own `lint` accepts: no numbering slip, no leftover, no missing
/// salutation or closing, no half-width punctuation — over several seeds, for both kinds.
#[test]
fn drafts_of_the_examples_pass_lint() {
    let dir = tempfile::tempdir().unwrap();
    for (example, kind) in [("examples/welcome.yaml", "welcome"), ("examples/symposium.yaml", "symposium")] {
        for seed in 0..4 {
            let file = dir.path().join(format!("{kind}-{seed}.txt"));
            crate::jianggao()
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .args(["draft", example, "--seed", &seed.to_string(), "-o"])
                .arg(&file)
                .assert()
                .success();
            let out = crate::jianggao()
                .args(["lint", "--kind", kind, "--format", "json"])
                .arg(&file)
                .output()
                .unwrap();
            let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(out.status.code(), Some(0), "{example} seed {seed}: {report}");
            assert_eq!(
                report["findings"].as_array().map(Vec::len),
                Some(0),
                "{example} seed {seed}: {report}"
            );
        }
    }
}
