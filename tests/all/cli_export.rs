//! `jianggao export`: .txt/.md/.docx in, GB/T 9704 Word or print HTML out, written atomically.

use std::path::{Path, PathBuf};

use jianggao::layout::{BlockKind, Speech};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export").join(name)
}

fn export(input: &Path, format: &str, out: &Path, extra: &[&str]) -> std::process::Output {
    crate::jianggao()
        .arg("export")
        .arg(input)
        .args(["--format", format, "-o"])
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn txt_to_docx_round_trips_through_the_reader() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("欢迎讲话.docx");
    let o = export(&fixture("welcome.txt"), "docx", &out, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Reading the Word file back gives the same paragraphs, in order, as the source.
    let back = jianggao::text::read::read_path(&out).unwrap();
    let source = std::fs::read_to_string(fixture("welcome.txt")).unwrap();
    let want: Vec<String> = Speech::parse(&source).blocks.into_iter().map(|b| b.text).collect();
    let got: Vec<String> = Speech::parse(&back.text).blocks.into_iter().map(|b| b.text).collect();
    assert_eq!(got, want);
    // And it is recognised the same way: headings stay headings.
    let kinds: Vec<BlockKind> = Speech::parse(&back.text).blocks.iter().map(|b| b.kind).collect();
    assert_eq!(kinds[0], BlockKind::Title);
    assert!(kinds.iter().any(|k| matches!(k, BlockKind::Heading { level: 3, .. })));
    // Nothing but the output is left in the folder (atomic write, no temporary files).
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn markdown_with_front_matter_to_html() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("座谈会.html");
    let o = export(&fixture("symposium.md"), "html", &out, &["--no-bold-leads"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<h1 class=\"title\">在全市东西部协作工作座谈会上的讲话</h1>"));
    assert!(html.contains("<p class=\"byline\">（2026年6月9日）</p>"));
    assert!(html.contains("<h2 class=\"h1\">一、充分肯定协作工作取得的成绩</h2>"));
    assert!(!html.contains("## "), "Markdown marks are dropped");
    assert!(!html.contains("<strong"), "--no-bold-leads");
}

#[test]
fn docx_in_speech_style_out() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("a.docx");
    assert!(export(&fixture("symposium.md"), "docx", &first, &[]).status.success());
    let second = dir.path().join("b.docx");
    let o = export(&first, "docx", &second, &["--style", "speech"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&second).unwrap()).unwrap();
    let mut styles = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/styles.xml").unwrap(), &mut styles).unwrap();
    assert!(styles.contains(r#"<w:sz w:val="36"/>"#), "read-aloud body size");
}

#[test]
fn gb18030_text_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("旧稿.txt");
    let text = "同志们：\r\n一、提高认识\r\n要把协作工作抓实抓细。\r\n谢谢大家！\r\n";
    let (bytes, _, _) = encoding_rs::GB18030.encode(text);
    std::fs::write(&src, &bytes).unwrap();
    let out = dir.path().join("旧稿.html");
    let o = export(&src, "html", &out, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(std::fs::read_to_string(&out).unwrap().contains("<h2 class=\"h1\">一、提高认识</h2>"));
}

#[test]
fn bad_style_and_overwriting_the_source_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let o = export(&fixture("welcome.txt"), "docx", &dir.path().join("x.docx"), &["--style", "fancy"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.starts_with("错误：") && err.contains("standard"), "{err}");

    let src = dir.path().join("稿.txt");
    std::fs::write(&src, "同志们：\n正文。\n").unwrap();
    let o = export(&src, "html", &src, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&src).unwrap(), "同志们：\n正文。\n");
}
