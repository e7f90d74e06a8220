//! The Word file as a user sees it: converted to PDF by LibreOffice headless, its text extracted
//! with pdftotext. `.ci/run` installs libreoffice-writer and poppler-utils when missing; this test
//! skips (saying so) only when `soffice` is still unavailable.

use std::path::{Path, PathBuf};
use std::process::Command;

use jianggao::layout::{Options, Speech, Style, docx};

fn on_path(tool: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(tool)).find(|p| p.is_file())
}

/// A speech of about 1,600 字 in the house structure, written for this test.
fn speech_text() -> String {
    let mut s =
        String::from("在青川市欢迎江宁市第三批挂职干部座谈会上的讲话\n（2026年3月18日）\n\n同志们：\n");
    s.push_str("今天，我们在这里召开座谈会，热烈欢迎江宁市第三批挂职干部来青川工作。首先，我代表市委、市政府，向各位同志表示热烈欢迎！\n");
    let sections = [
        (
            "一、深刻认识东西部协作的重大意义",
            "协作是推动区域协调发展的重要举措，各位同志要从全局高度认识这项工作，把协作任务当作分内事。",
        ),
        (
            "二、扎实做好挂职期间的各项工作",
            "到任后要尽快熟悉情况，深入乡镇、企业、村组开展调研，摸清底数，找准问题，拿出务实举措。",
        ),
        (
            "三、为挂职干部创造良好条件",
            "各级各部门要在工作上大力支持，在生活上真诚关心，帮助大家解决实际困难，让大家安心工作。",
        ),
    ];
    for (heading, body) in sections {
        s.push_str(heading);
        s.push('\n');
        for (i, sub) in ["（一）提高政治站位。", "（二）把握工作重点。"].iter().enumerate()
        {
            s.push_str(sub);
            s.push_str(body);
            s.push('\n');
            s.push_str(&format!("{}.加强学习调研。{body}{body}\n", i + 1));
            s.push_str(&format!("一是要主动对接。{body}\n二是要真抓实干。{body}\n"));
        }
    }
    s.push_str("最后，祝大家工作顺利、身体健康！谢谢大家！\n");
    s
}

/// Convert `docx` to PDF in `dir`; returns the PDF path.
fn to_pdf(soffice: &Path, docx: &Path, dir: &Path) -> PathBuf {
    // A private LibreOffice profile, so parallel runs and a user's open LibreOffice do not clash.
    let profile = format!("-env:UserInstallation=file://{}", dir.join("lo-profile").display());
    let status = Command::new(soffice)
        .args([profile.as_str(), "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(docx)
        .output()
        .expect("soffice runs");
    assert!(status.status.success(), "soffice failed: {}", String::from_utf8_lossy(&status.stderr));
    let pdf = dir.join(docx.with_extension("pdf").file_name().unwrap());
    assert!(pdf.is_file(), "no PDF written: {}", String::from_utf8_lossy(&status.stdout));
    pdf
}

/// The PDF's text in content order (`-raw`: grid-spaced lines are not re-merged by position).
fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext").arg("-raw").arg(pdf).arg("-").output().expect("pdftotext runs");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// Pages in the PDF: form feeds in pdftotext's output, or without pdftotext the page objects.
fn page_count(pdf: &Path) -> usize {
    if on_path("pdftotext").is_some() {
        return pdf_text(pdf).matches('\u{c}').count();
    }
    let bytes = std::fs::read(pdf).unwrap();
    let raw = String::from_utf8_lossy(&bytes).replace("/Type /Page", "/Type/Page");
    raw.matches("/Type/Page").count() - raw.matches("/Type/Pages").count()
}

/// The document's text as the user reads it: from the PDF with pdftotext, or (when poppler is
/// missing) from LibreOffice's own plain-text export of the same file, without page numbers.
fn rendered_text(soffice: &Path, docx: &Path, pdf: &Path, dir: &Path) -> (String, bool) {
    if on_path("pdftotext").is_some() {
        return (pdf_text(pdf), true);
    }
    let profile = format!("-env:UserInstallation=file://{}", dir.join("lo-profile").display());
    let txt_dir = dir.join("txt");
    let out = Command::new(soffice)
        .args([profile.as_str(), "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir"])
        .arg(&txt_dir)
        .arg(docx)
        .output()
        .expect("soffice runs");
    assert!(out.status.success());
    let txt = txt_dir.join(docx.with_extension("txt").file_name().unwrap());
    (std::fs::read_to_string(txt).unwrap(), false)
}

#[test]
fn word_file_converts_to_a_pdf_with_the_speech_text_and_page_numbers() {
    let Some(soffice) = on_path("soffice") else {
        eprintln!("跳过：没有 soffice（.ci/run 会安装 libreoffice-writer 和 poppler-utils）");
        return;
    };
    if on_path("pdftotext").is_none() {
        eprintln!("注意：没有 pdftotext（poppler-utils），改用 LibreOffice 的文本导出核对文字，不核对页码");
    }
    let dir = tempfile::tempdir().unwrap();
    let text = speech_text();
    let speech = Speech::parse(&text);
    let zishu = jianggao::count::zishu(&text);
    for (style, name) in [(Style::Standard, "standard.docx"), (Style::Speech, "speech.docx")] {
        let path = dir.path().join(name);
        std::fs::write(&path, docx::write(&speech, &Options { style, bold_leads: true })).unwrap();
        let pdf = to_pdf(&soffice, &path, dir.path());
        let (extracted, has_page_numbers) = rendered_text(&soffice, &path, &pdf, dir.path());
        let flat: String = extracted.chars().filter(|c| !c.is_whitespace()).collect();
        // Every paragraph's text is in the PDF, in order. A paragraph may run on to the next page,
        // so the footers' page numbers (their own lines) are left out of this reading.
        let is_page_number = |l: &&str| {
            let t = l.trim();
            t.starts_with('—') && t.ends_with('—') && t.trim_matches(['—', ' ']).parse::<u32>().is_ok()
        };
        let body: String = extracted
            .lines()
            .filter(|l| !is_page_number(l))
            .flat_map(str::chars)
            .filter(|c| !c.is_whitespace())
            .collect();
        let mut at = 0;
        for block in &speech.blocks {
            let want: String = block.text.chars().filter(|c| !c.is_whitespace()).collect();
            let found =
                body[at..].find(&want).unwrap_or_else(|| panic!("{name}: “{want}” missing after byte {at}"));
            at += found + want.len();
        }
        // Page numbers as “— N —” on every page.
        let pages = page_count(&pdf);
        for n in (1..=pages).filter(|_| has_page_numbers) {
            assert!(flat.contains(&format!("—{n}—")), "{name}: page number {n} missing");
        }
        // 22 lines × 28 characters is at most 616 字 a page, so ~1,600 字 with headings and
        // paragraph ends fill three to four pages; the read-aloud copy is longer.
        let min = zishu.div_ceil(616);
        let max = match style {
            Style::Standard => min + 1,
            Style::Speech => 3 * (min + 1),
        };
        assert!((min..=max).contains(&pages), "{name}: {pages} pages for {zishu} 字, expected {min}..={max}");
        eprintln!("{name}: {zishu} 字 → {pages} 页（LibreOffice）");
    }
}

/// LibreOffice reads the styles' east-Asian fonts as named (not a theme or a substitute): its own
/// ODF conversion of the file names every official font.
#[test]
fn libreoffice_keeps_the_official_east_asian_fonts() {
    let Some(soffice) = on_path("soffice") else {
        eprintln!("跳过：没有 soffice（.ci/run 会安装 libreoffice-writer）");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fonts.docx");
    std::fs::write(&path, docx::write(&Speech::parse(&speech_text()), &Options::default())).unwrap();
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("lo-profile").display());
    let out = Command::new(&soffice)
        .args([profile.as_str(), "--headless", "--convert-to", "odt", "--outdir"])
        .arg(dir.path())
        .arg(&path)
        .output()
        .expect("soffice runs");
    assert!(out.status.success());
    let odt = std::fs::File::open(dir.path().join("fonts.odt")).unwrap();
    let mut zip = zip::ZipArchive::new(odt).unwrap();
    let mut styles = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("styles.xml").unwrap(), &mut styles).unwrap();
    for font in ["仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "宋体"] {
        assert!(
            styles.contains(&format!("svg:font-family=\"{font}\"")),
            "{font} missing from LibreOffice's styles"
        );
    }
}

/// Running text written for this test: long paragraphs of Han characters and full-width
/// punctuation only (digits and Latin letters take whole grid cells, which would blur the count).
fn grid_text() -> String {
    let sentences = [
        "各级各部门要把协作工作摆在重要位置，主要负责同志亲自过问、亲自推动。",
        "挂职干部要沉下身子，多到田间地头和企业车间走一走，听听群众的意见。",
        "对群众反映强烈的问题，要建立台账、明确时限，一件一件抓好落实。",
        "要把两地的资源优势和市场优势结合起来，让协作成果更多惠及基层群众。",
        "各接收单位要为大家创造良好的工作条件，在生活上多关心、多照顾。",
    ];
    let mut s = String::from("在全市协作工作推进会上的讲话\n\n同志们：\n");
    for p in 0..14 {
        for k in 0..5 {
            s.push_str(sentences[(p + k) % sentences.len()]);
        }
        s.push('\n');
    }
    s
}

/// Whether `c` is punctuation LibreOffice and Word may let hang past the right margin.
fn hangs(c: char) -> bool {
    "，。、；：！？”）》".contains(c)
}

/// GB/T 9704's grid as LibreOffice lays it out: 28 characters a line (26 after the two-character
/// indent), 22 lines a page, whatever CJK fonts stand in for the official ones.
#[test]
fn libreoffice_sets_28_characters_a_line_and_22_lines_a_page() {
    let Some(soffice) = on_path("soffice") else {
        eprintln!("跳过：没有 soffice（.ci/run 会安装 libreoffice-writer 和 poppler-utils）");
        return;
    };
    if on_path("pdftotext").is_none() {
        eprintln!("跳过：没有 pdftotext（poppler-utils），无法按行核对版式");
        return;
    }
    // Without a Chinese font LibreOffice draws narrow boxes, which fit a grid cell whatever the
    // layout asks for: the counts below still hold, but cannot catch a glyph taking two cells.
    let cjk_font = Command::new("fc-list")
        .args([":lang=zh", "family"])
        .output()
        .is_ok_and(|o| o.status.success() && !o.stdout.trim_ascii().is_empty());
    if !cjk_font {
        eprintln!("注意：没有中文字体（如 fonts-wqy-zenhei），无法核对全角字是否各占一格，只核对行数与字数");
    }
    let dir = tempfile::tempdir().unwrap();
    let text = grid_text();
    let path = dir.path().join("grid.docx");
    std::fs::write(&path, docx::write(&Speech::parse(&text), &Options::default())).unwrap();
    let pdf = to_pdf(&soffice, &path, dir.path());
    let out = Command::new("pdftotext").arg("-layout").arg(&pdf).arg("-").output().expect("pdftotext runs");
    assert!(out.status.success());
    let layout = String::from_utf8(out.stdout).unwrap();
    let pages: Vec<Vec<&str>> = layout
        .split('\u{c}')
        .map(|page| {
            page.lines()
                .filter(|l| !l.trim().is_empty())
                // The page number “— N —” sits in the footer, below the type area.
                .filter(|l| !l.trim().starts_with('—'))
                .collect()
        })
        .filter(|lines: &Vec<&str>| !lines.is_empty())
        .collect();
    let body: usize = text.lines().skip(3).map(|l| l.chars().count()).sum();
    assert!(pages.len() >= 3, "{} pages for {body} 字", pages.len());

    // Lines a page: the first page gives one line to the blank after the title; the last is short.
    let counts: Vec<usize> = pages.iter().map(Vec::len).collect();
    assert_eq!(counts[0], 21, "lines per page: {counts:?}");
    for (i, &n) in counts.iter().enumerate().take(counts.len() - 1).skip(1) {
        assert_eq!(n, 22, "page {}: lines per page {counts:?}", i + 1);
    }
    assert!(counts[counts.len() - 1] <= 22, "{counts:?}");

    // Characters a line, for every line a paragraph continues past: the first line of a
    // paragraph is indented (pdftotext keeps the indent as spaces), the others start at the margin.
    let lines: Vec<&str> = pages.iter().flatten().skip(2).copied().collect();
    let mut full = 0;
    for pair in lines.windows(2) {
        let (line, next) = (pair[0], pair[1]);
        if next.starts_with(' ') {
            continue; // `line` ends its paragraph
        }
        let chars: Vec<char> = line.chars().filter(|c| !c.is_whitespace()).collect();
        let want = if line.starts_with(' ') { 26 } else { 28 };
        let n = chars.len();
        let ok = n == want || (n == want + 1 && hangs(chars[n - 1]));
        assert!(ok, "{n} characters, expected {want}: “{}”", line.trim());
        full += 1;
    }
    assert!(full > 40, "only {full} full lines measured");
    eprintln!("版式：{} 页，每页行数 {counts:?}，{full} 个满行均为每行 28 字（LibreOffice）", pages.len());
}
