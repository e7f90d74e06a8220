//! CSV for the data that is a table (archive list, phrasebook list and stats, lint findings,
//! `check` matches), written with the `csv` crate: a header row of Chinese column names, fields
//! quoted where needed, CRLF line ends (RFC 4180) and a UTF-8 byte-order mark, so that Excel and
//! WPS on Windows open it as UTF-8 rather than the local code page.

use crate::archive::listing::Listing as ArchiveListing;
use crate::error::display_path;
use crate::lint::{Finding, Severity};
use crate::phrasebook::browse::Listing as PointListing;
use crate::phrasebook::stats::Stats;
use crate::reuse::report::Report;

const BOM: &str = "\u{feff}";

/// A header and rows as CSV text.
fn write<R: AsRef<[String]>>(header: &[&str], rows: impl IntoIterator<Item = R>) -> String {
    let mut w = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(Vec::new());
    // Writing into memory cannot fail, and every field is valid UTF-8.
    let _ = w.write_record(header);
    for row in rows {
        let _ = w.write_record(row.as_ref());
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8_lossy(&bytes))
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

/// `archive list`: 编号, 日期, 标题, 字数 (empty when the file cannot be read), 文件.
pub fn archive_list(l: &ArchiveListing) -> String {
    let rows = l.speeches.iter().map(|s| {
        vec![
            s.id.clone(),
            opt(&s.date),
            s.title.clone(),
            s.chars.map(|n| n.to_string()).unwrap_or_default(),
            s.file.clone(),
        ]
    });
    write(&["编号", "日期", "标题", "字数", "文件"], rows)
}

/// `phrasebook list` / `search`: one row a point.
pub fn point_list(l: &PointListing) -> String {
    let rows = l.points.iter().map(|p| {
        let kinds: Vec<&str> = p.kinds.iter().map(|k| k.name()).collect();
        vec![
            p.id.clone(),
            p.title.clone(),
            p.slot.name().to_string(),
            kinds.join(","),
            p.tags.join(","),
            if p.optional { "是" } else { "否" }.to_string(),
            p.variants.to_string(),
            p.source.clone(),
        ]
    });
    write(&["编号", "标题", "位置", "讲话类型", "标签", "可省略", "表述数", "来源"], rows)
}

/// `phrasebook stats`: a row for each point (表述 empty, 状态 用得过多/从未用过), then one for
/// each of its variants.
pub fn stats(s: &Stats) -> String {
    let mut rows = Vec::new();
    for p in &s.points {
        let state = if p.worn_out {
            "用得过多"
        } else if p.never_used {
            "从未用过"
        } else {
            ""
        };
        rows.push(vec![
            p.id.clone(),
            p.title.clone(),
            String::new(),
            p.speeches.to_string(),
            opt(&p.latest),
            state.to_string(),
        ]);
        for v in &p.variants {
            rows.push(vec![
                p.id.clone(),
                p.title.clone(),
                v.number.to_string(),
                v.speeches.to_string(),
                opt(&v.latest),
                String::new(),
            ]);
        }
    }
    write(&["编号", "标题", "表述", "讲话数", "最近使用", "状态"], rows)
}

/// Lint findings, one row each.
pub fn findings(findings: &[Finding]) -> String {
    let rows = findings.iter().map(|f| {
        let severity = match f.severity {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        };
        vec![
            display_path(&f.path),
            f.line.to_string(),
            f.column.to_string(),
            severity.to_string(),
            f.rule.to_string(),
            f.message.clone(),
            f.fix.clone(),
        ]
    });
    write(&["文件", "行", "列", "级别", "规则", "说明", "改法"], rows)
}

/// `check`: one row a match, in draft order, with the draft's passage as read.
pub fn check(r: &Report) -> String {
    let rows = r.matches.iter().enumerate().map(|(i, m)| {
        let passage: String = m.side.draft.iter().map(|p| p.text.as_str()).collect();
        vec![
            (i + 1).to_string(),
            m.kind.label().to_string(),
            m.draft_line.to_string(),
            m.draft_start.to_string(),
            m.draft_end.to_string(),
            passage,
            format!("{:.3}", m.similarity),
            m.source.clone(),
            m.source_line.to_string(),
            m.side.source_title.clone(),
            opt(&m.side.source_date),
            opt(&m.point),
            m.also_in.join(";"),
        ]
    });
    write(
        &[
            "序号",
            "类别",
            "稿件行",
            "稿件起",
            "稿件止",
            "稿件文字",
            "相似度",
            "来源",
            "来源行",
            "来源标题",
            "来源日期",
            "素材要点",
            "也见于",
        ],
        rows,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::span::Span;

    fn parse(csv: &str) -> Vec<Vec<String>> {
        let body = csv.strip_prefix(BOM).expect("starts with a BOM");
        ::csv::Reader::from_reader(body.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn findings_round_trip_with_commas_quotes_and_newlines() {
        let f = Finding {
            rule: "halfwidth-punct",
            severity: Severity::Warning,
            path: "稿件/讲话.txt".into(),
            span: Span::new(3, 4),
            line: 2,
            column: 7,
            message: "半角逗号,应为全角".into(),
            fix: "改为“，”\n或\"，\"".into(),
        };
        let text = findings(&[f]);
        assert!(text.starts_with("\u{feff}文件,行,列,级别,规则,说明,改法\r\n"), "{text:?}");
        let rows = parse(&text);
        assert_eq!(rows.len(), 1);
        assert_eq!(
            rows[0],
            ["稿件/讲话.txt", "2", "7", "警告", "halfwidth-punct", "半角逗号,应为全角", "改为“，”\n或\"，\""]
        );
    }

    #[test]
    fn an_empty_table_is_its_header() {
        assert_eq!(findings(&[]), "\u{feff}文件,行,列,级别,规则,说明,改法\r\n");
    }
}
