//! Helpers shared by the integration tests: fixtures built in code, never binary files.
#![allow(dead_code)]

use std::io::Write;

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
