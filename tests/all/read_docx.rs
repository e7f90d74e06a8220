//! `.docx` read as Word shows it, from documents built here (never binary fixtures).

use crate::common;

use std::path::Path;

use common::{docx, docx_with_styles};

use jianggao::text::read::{Format, decode, read_path};

fn para(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn numbered(num_id: u32, ilvl: u32, text: &str) -> String {
    format!(
        "<w:p><w:pPr><w:pStyle w:val=\"a3\"/><w:numPr><w:ilvl w:val=\"{ilvl}\"/><w:numId w:val=\"{num_id}\"/></w:numPr><w:tabs><w:tab w:val=\"left\" w:pos=\"420\"/></w:tabs></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"
    )
}

/// GB/T 9704 style list: 一、 （一） 1. （1）
const NUMBERING: &str = r#"
<w:abstractNum w:abstractNumId="7">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%4）"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="9">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="9"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
"#;

#[test]
fn paragraphs_numbering_tracked_changes_and_tables() {
    let body = [
        para("在全市协作交流座谈会上的讲话"),
        numbered(1, 0, "提高站位，凝聚共识"),
        numbered(1, 1, "深化认识"),
        numbered(1, 2, "细化措施"),
        numbered(1, 2, "压实责任"),
        numbered(1, 3, "按月调度"),
        numbered(1, 1, "统筹推进"),
        numbered(1, 0, "聚焦重点，狠抓落实"),
        numbered(1, 1, "抓好项目"),
        numbered(2, 0, "一条不编号的要点"),
        // Tracked changes: the insertion is shown, the deletion is not.
        "<w:p><w:r><w:t>要坚持</w:t></w:r><w:ins w:id=\"1\" w:author=\"审稿\"><w:r><w:t>问题导向和</w:t></w:r></w:ins><w:del w:id=\"2\" w:author=\"审稿\"><w:r><w:delText>老办法</w:delText></w:r></w:del><w:r><w:t>目标导向。</w:t></w:r></w:p>".to_string(),
        // Hidden text, a field code, an entity, a tab and a line break.
        "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏批注</w:t></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t>产学研&amp;用</w:t><w:tab/><w:t>协同</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>".to_string(),
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>项目</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>进度</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>园区</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>八成</w:t></w:r></w:p></w:tc></w:tr></w:tbl>".to_string(),
        "<w:p/>".to_string(),
        numbered(3, 0, "另起一个清单"),
    ]
    .concat();
    let bytes = docx(&body, Some(NUMBERING));
    let doc = decode(Path::new("讲话.docx"), &bytes).unwrap();
    assert_eq!(doc.format, Format::Docx);
    let expected = [
        "在全市协作交流座谈会上的讲话",
        "一、提高站位，凝聚共识",
        "（一）深化认识",
        "1. 细化措施",
        "2. 压实责任",
        "（1）按月调度",
        "（二）统筹推进",
        "二、聚焦重点，狠抓落实",
        "（一）抓好项目",
        "一条不编号的要点",
        "要坚持问题导向和目标导向。",
        "产学研&用\t协同\n第二行",
        "项目",
        "进度",
        "园区",
        "八成",
        "",
        "一、另起一个清单",
    ]
    .join("\n");
    assert_eq!(doc.text, expected);
    assert_eq!(doc.body_text(), expected);
}

#[test]
fn without_numbering_part_numbered_paragraphs_are_plain() {
    let bytes = docx(&numbered(1, 0, "提高站位"), None);
    let doc = decode(Path::new("a.docx"), &bytes).unwrap();
    assert_eq!(doc.text, "提高站位");
}

#[test]
fn broken_and_empty_docx_are_one_line_errors() {
    let e = decode(Path::new("坏.docx"), b"PK\x03\x04 not really a zip").unwrap_err().to_string();
    assert!(e.starts_with("错误：坏.docx：不是有效的 .docx 文件"), "{e}");
    let e = decode(Path::new("旧.docx"), b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1").unwrap_err().to_string();
    assert!(e.contains("旧版 .doc 或加密"), "{e}");
    let bytes = docx("<w:p/><w:p><w:r><w:t>  </w:t></w:r></w:p>", None);
    let e = decode(Path::new("空.docx"), &bytes).unwrap_err().to_string();
    assert!(e.contains("文档中没有文字"), "{e}");
    let bytes = docx("<w:p><w:r><w:t>未闭合", None);
    let e = decode(Path::new("损坏.docx"), &bytes).unwrap_err().to_string();
    assert!(e.contains("损坏.docx") && !e.contains('\n'), "{e}");
}

#[test]
fn read_path_reads_a_docx_from_disk() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("稿.docx");
    std::fs::write(&p, docx(&para("同志们："), None)).unwrap();
    assert_eq!(read_path(&p).unwrap().text, "同志们：");
}

#[test]
fn heading_styles_carry_their_numbering() {
    // Government templates number headings through the paragraph style, not the paragraph.
    let styles = r#"<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>"#;
    let p = |style: &str, text: &str| {
        format!("<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
    };
    let body =
        [p("1", "总体要求"), p("2", "指导思想"), p("2", "工作目标"), p("1", "重点任务"), para("正文段落。")]
            .concat();
    let doc =
        decode(Path::new("方案.docx"), &docx_with_styles(&body, Some(NUMBERING), Some(styles))).unwrap();
    assert_eq!(doc.text, "一、总体要求\n（一）指导思想\n（二）工作目标\n二、重点任务\n正文段落。");
}

#[test]
fn a_zip_bomb_is_refused_in_one_line_past_the_part_cap() {
    let cap = jianggao::limits::MAX_DOCX_PART_BYTES as usize;
    let bomb = common::docx_bomb(cap * 4);
    assert!(bomb.len() < cap / 50, "the bomb is small on disk: {}", bomb.len());
    let e = decode(Path::new("附件.docx"), &bomb).unwrap_err().to_string();
    assert!(e.starts_with("错误：附件.docx：文档解压后超过 16 MB"), "{e}");
    assert!(!e.contains('\n'));
    // Under the part cap but over a speech's worth of text: refused as too long a speech.
    let e = decode(Path::new("长.docx"), &common::docx_bomb(cap / 2)).unwrap_err().to_string();
    assert!(e.contains("超过讲话稿的上限 512 KB"), "{e}");
}

#[test]
fn a_list_starting_at_the_largest_counter_keeps_labels_short() {
    let mut levels = String::new();
    for (i, fmt) in ["lowerLetter", "upperLetter", "upperRoman", "lowerRoman", "decimal"].iter().enumerate() {
        levels.push_str(&format!(
            r#"<w:lvl w:ilvl="{i}"><w:start w:val="2147483647"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="%{}."/></w:lvl>"#,
            i + 1
        ));
    }
    // A level text of many %1: each is filled in, but the label stays within the cap.
    levels.push_str(&format!(
        r#"<w:lvl w:ilvl="5"><w:start w:val="3"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="{}"/></w:lvl>"#,
        "%1".repeat(100_000)
    ));
    let numbering = format!(
        r#"<w:abstractNum w:abstractNumId="1">{levels}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>"#
    );
    let body: String = (0..6).flat_map(|l| [numbered(1, l, "要点"), numbered(1, l, "要点")]).collect();
    let d = decode(Path::new("编号.docx"), &docx(&body, Some(&numbering))).unwrap();
    let max = jianggao::limits::MAX_LABEL_CHARS;
    for line in d.text.lines() {
        let label = line.trim_end_matches("要点").trim_end();
        assert!(label.chars().count() <= max, "label too long: {} chars", label.chars().count());
    }
    // Beyond what a label holds the counter shows in digits; Word's own small counters are kept.
    let lines: Vec<&str> = d.text.lines().collect();
    assert_eq!(lines[0], "2147483647. 要点");
    assert!(lines.iter().any(|l| l.starts_with("2147483647. ")), "{lines:?}");
    assert_eq!(d.text.lines().count(), 12);
}

#[test]
fn paragraphs_nested_past_reason_are_refused() {
    let body = format!("{}{}", "<w:p>".repeat(40), "</w:p>".repeat(40));
    let e = decode(Path::new("套.docx"), &docx(&body, None)).unwrap_err().to_string();
    assert!(e.contains("嵌套过深"), "{e}");
}
