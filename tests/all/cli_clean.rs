//! `jianggao clean`: snapshots of what readers get from web copies, PDF text and other files.

use crate::common;

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn jianggao(dir: &Path) -> Command {
    let mut cmd = crate::jianggao();
    cmd.current_dir(dir);
    cmd
}

fn clean_stdout(name: &str, bytes: &[u8], extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    let out = jianggao(dir.path()).arg("clean").arg(name).args(extra).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// A web copy: pinyin glosses, doubled punctuation (mixed and identical, full- and half-width),
/// half-width punctuation in Chinese text beside numbers, a time, a URL and English that keep
/// theirs, zero-width spaces, spaces between characters, full-width letters, a copyright line
/// repeated.
const WEB_COPY: &str = "\
在全市協(xié)作交流座談會上的講話\n\
\n\
\u{3000}\u{3000}同志们，，大家好！今天我们召开这次座谈会，主要任务是总结去年区域协（xié）作工作，，、部署今年任务。\n\
本文来源网络，仅供学习交流，严禁转载\n\
\u{3000}\u{3000}过去一年，全市ＧＤＰ增长５.２%，协作项目\u{200B}落地３０个，各 项 工 作 取 得 新 进 展。\n\
本文来源网络，仅供学习交流，严禁转载\n\
\u{3000}\u{3000}一、把握新形势（GDP 口径按新标准计算）\n\
\u{3000}\u{3000}协作交流是推动发展的重要抓手。。要坚持互利共赢，在产业、人才、科技等方面深化合作。\n\
\u{3000}\u{3000}二、抓好重点任务,,确保落地见效\n\
\u{3000}\u{3000}今年要新建协作项目1,200个,带动就业3.5万人;每周一上午9:30召开调度会!!各单位要按时参加。\n\
\u{3000}\u{3000}项目清单见协作网站(http://xiezuo.example.cn/list?year=2025),请及时更新 ， ，逐项销号。\n\
\u{3000}\u{3000}这次论坛的主题是“Win-win, Together!”,两地代表都作了发言？？大家反响很好。\n";

/// PDF text: hard wraps at a fixed width, page numbers, a running header, headings.
const PDF_TEXT: &str = "\
关于推进区域协作的几点意见\n\
（2025年3月18日）\n\
同志们：\n\
今年是推进区域协作的关键之年，我们要立足新的发展阶\n\
段，把协作交流摆在更加突出的位置，推动产业链和创新链\n\
深度融合，努力走出一条互利共赢的新路子。\n\
- 1 -\n\
某某市协作交流办公室\n\
一、提高站位\n\
要从全局高度认识协作工作的重要意义，切实增强责任感和\n\
紧迫感，把各项任务落到实处。\n\
1.细化措施。各部门要制定年度计划，明确时间表和路线图\n\
，做到有安排、有检查、有落实。\n\
- 2 -\n\
某某市协作交流办公室\n\
二、狠抓落实\n\
要建立月调度制度，对进展滞后的项目及时督促提醒，确保\n\
全年目标任务圆满完成。\n\
- 3 -\n\
某某市协作交流办公室\n\
本资料权属本站所有，严禁复制剽窃\n";

#[test]
fn web_copy() {
    insta::assert_snapshot!("web_copy", clean_stdout("网页.txt", WEB_COPY.as_bytes(), &[]));
}

#[test]
fn keep_halfwidth_leaves_half_width_marks_but_still_collapses_doubles() {
    let out = clean_stdout("网页.txt", WEB_COPY.as_bytes(), &["--keep-halfwidth"]);
    assert!(out.contains("二、抓好重点任务,确保落地见效\n"), "{out}");
    assert!(out.contains("每周一上午9:30召开调度会!各单位要按时参加。"), "{out}");
    assert!(out.contains("同志们，大家好！"), "{out}");
    let default = clean_stdout("网页.txt", WEB_COPY.as_bytes(), &[]);
    assert!(default.contains("二、抓好重点任务，确保落地见效\n"), "{default}");
}

#[test]
fn web_copy_simplified() {
    insta::assert_snapshot!(
        "web_copy_simplified",
        clean_stdout("网页.txt", WEB_COPY.as_bytes(), &["--simplified"])
    );
}

#[test]
fn pdf_text_hard_wraps_page_numbers_and_watermarks() {
    insta::assert_snapshot!("pdf_text", clean_stdout("意见.txt", PDF_TEXT.as_bytes(), &[]));
}

#[test]
fn gb18030_crlf_input_gives_utf8_with_crlf() {
    let crlf = PDF_TEXT.replace('\n', "\r\n");
    let (gb, _, _) = encoding_rs::GB18030.encode(&crlf);
    let out = clean_stdout("意见.txt", &gb, &[]);
    assert_eq!(out, clean_stdout("意见.txt", PDF_TEXT.as_bytes(), &[]).replace('\n', "\r\n"));
}

#[test]
fn markdown_keeps_its_front_matter() {
    let md = "---\ntitle: 协作交流座谈会讲话\n---\n同志们：\n今年我们要推动产业链和创新链深度融合，努力走出一\n条互利共赢的新路子。\n";
    insta::assert_snapshot!("markdown", clean_stdout("讲话.md", md.as_bytes(), &[]));
}

#[test]
fn output_file_is_written_and_summary_printed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("意见.txt"), PDF_TEXT).unwrap();
    jianggao(dir.path()).args(["clean", "意见.txt", "-o", "out/整理后.txt"]).assert().success().stdout(
        predicate::str::contains("已写入 out/整理后.txt")
            .and(predicate::str::contains("去除水印 4 行、页码 3 行")),
    );
    let written = std::fs::read_to_string(dir.path().join("out/整理后.txt")).unwrap();
    assert_eq!(written, clean_stdout("意见.txt", PDF_TEXT.as_bytes(), &[]));
    // The input is untouched.
    assert_eq!(std::fs::read_to_string(dir.path().join("意见.txt")).unwrap(), PDF_TEXT);
}

#[test]
fn bad_inputs_are_one_line_errors_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("旧稿.doc"), b"\xD0\xCF\x11\xE0").unwrap();
    std::fs::write(dir.path().join("空.txt"), b"").unwrap();
    jianggao(dir.path())
        .args(["clean", "旧稿.doc"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("错误：旧稿.doc：旧版 .doc 格式无法直接读取；"));
    jianggao(dir.path())
        .args(["clean", "空.txt"])
        .assert()
        .code(2)
        .stderr("错误：空.txt：文件是空的；请确认选对了文件\n");
    jianggao(dir.path())
        .args(["clean", "没有.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("没有.txt"));
}

#[test]
fn docx_paragraphs_are_never_joined() {
    // Word paragraphs are real paragraphs even without a full stop (a title, a heading).
    let text = "关于进一步加强区域协作工作的实施意见和具体安排\n为深入推进区域协作，结合我市实际，制定本意见，请各单位认真抓好落实\n一、总体要求";
    let out = clean_stdout("意见.docx", &common::docx_of(text), &[]);
    assert_eq!(out, format!("{text}\n"));
}
