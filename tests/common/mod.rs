//! Helpers shared by the integration tests and the benchmarks: fixtures built in code, never binary
//! files, and where the optional speech corpus is.

use std::io::Write;
use std::path::PathBuf;

/// The corpus folder: $JIANGGAO_CORPUS, else ../shared/corpus beside the checkout (or one level
/// further up, for a git worktree); `None` when none is a folder, and the caller skips.
/// A `JIANGGAO_CORPUS` that names no folder is a mistake, not an absent corpus: it panics.
pub fn corpus() -> Option<PathBuf> {
    if let Some(named) = std::env::var_os("JIANGGAO_CORPUS").map(PathBuf::from) {
        assert!(named.is_dir(), "JIANGGAO_CORPUS names {}, which is not a folder", named.display());
        return Some(named);
    }
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    [
        std::env::var_os("JIANGGAO_CORPUS").map(PathBuf::from),
        Some(manifest.join("../shared/corpus")),
        Some(manifest.join("../../shared/corpus")),
    ]
    .into_iter()
    .flatten()
    .find(|p| p.is_dir())
}

/// Every .txt speech under the corpus folder, or `None` when there is no corpus.
pub fn corpus_txt_files() -> Option<Vec<PathBuf>> {
    let root = corpus()?;
    Some(jianggao::archive::walk(&root, &|p| p.extension().is_some_and(|e| e == "txt")).expect("walk corpus"))
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

/// A minimal .docx: [Content_Types].xml, document.xml and, when given, numbering.xml.
pub fn docx(body: &str, numbering: Option<&str>) -> Vec<u8> {
    docx_with_styles(body, numbering, None)
}

/// A minimal .docx with optional numbering.xml and styles.xml (inner XML of each root).
pub fn docx_with_styles(body: &str, numbering: Option<&str>, styles: Option<&str>) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let mut file = |name: &str, text: &str| {
        zip.start_file(name, opts).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    };
    file(
        "[Content_Types].xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#,
    );
    file(
        "word/document.xml",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}</w:body></w:document>"#
        ),
    );
    if let Some(n) = numbering {
        file(
            "word/numbering.xml",
            &format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering {W}>{n}</w:numbering>"#),
        );
    }
    if let Some(st) = styles {
        file(
            "word/styles.xml",
            &format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:styles {W}>{st}</w:styles>"#),
        );
    }
    zip.finish().unwrap().into_inner()
}

/// A one-paragraph-per-line .docx of `text`.
pub fn docx_of(text: &str) -> Vec<u8> {
    let body: String = text
        .lines()
        .map(|l| format!("<w:p><w:r><w:t xml:space=\"preserve\">{l}</w:t></w:r></w:p>"))
        .collect();
    docx(&body, None)
}

/// A .docx whose `word/document.xml` inflates to `inflated` bytes of one paragraph's text: a few
/// kilobytes on disk, written here piece by piece so the test never holds the inflated part.
pub fn docx_bomb(inflated: usize) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(inflated > u32::MAX as usize);
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(br#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>"#)
        .unwrap();
    let chunk = "讲".repeat(1 << 16);
    let mut written = 0;
    while written < inflated {
        zip.write_all(chunk.as_bytes()).unwrap();
        written += chunk.len();
    }
    zip.write_all(b"</w:t></w:r></w:p></w:body></w:document>").unwrap();
    zip.finish().unwrap().into_inner()
}

/// A .docx of `paragraphs` list paragraphs whose counter starts at 2147483647 in letters: the old
/// reader gave each label tens of millions of characters.
pub fn docx_numbering_bomb(paragraphs: usize) -> Vec<u8> {
    let numbering = r#"<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="2147483647"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>"#;
    let para = r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>要点</w:t></w:r></w:p>"#;
    docx(&para.repeat(paragraphs), Some(numbering))
}
