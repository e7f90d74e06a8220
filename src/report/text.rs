//! Terminal text: `check` (CNKI-style) and `diff` reports, lint findings, the archive's and the
//! phrasebook's lists, tables and points, the draft summary. Colour is written as ANSI codes; the
//! caller writes through `anstream`, which drops them under NO_COLOR or when the output is not a
//! terminal. Columns line up by display width (a Han character is two columns).

use std::fmt::Write;

use crate::archive::listing::{Listing as ArchiveListing, Shown as ArchiveShown};
use crate::draft::summary::Summary;
use crate::error::display_path;
use crate::lint::{Finding, Severity, tally};
use crate::phrasebook::browse::{Listing as PointListing, Shown as PointShown};
use crate::phrasebook::lint::Report as PhrasebookLint;
use crate::phrasebook::stats::Stats;
use crate::reuse::classify::Kind;
use crate::reuse::report::{ChangeOp, DiffReport, ParagraphStatus, Piece, Report};
use crate::text::{display_width, pad};

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

fn pieces(out: &mut String, ps: &[Piece], colour: &str) {
    for p in ps {
        if p.changed {
            let _ = write!(out, "{colour}〔{}〕{RESET}", p.text.replace('\n', "⏎"));
        } else {
            out.push_str(&p.text.replace('\n', "⏎"));
        }
    }
}

/// The `check` report for a terminal.
pub fn check(r: &Report) -> String {
    let v = &r.view;
    let mut out = String::new();
    let _ = writeln!(out, "{BOLD}查重报告{RESET}  {}", r.draft);
    let _ = writeln!(out, "比对库：{}（{} 篇）  字数：{}", v.archive, v.archive_speeches, r.chars);
    let verdict = if v.exceeds {
        format!("{RED}{BOLD}超过上限 {}%{RESET}", v.max_reuse)
    } else {
        format!("{GREEN}未超过上限 {}%{RESET}", v.max_reuse)
    };
    let _ = writeln!(out, "{BOLD}总复制比：{}{RESET}  {verdict}", pct(r.reuse_ratio));
    let _ = writeln!(
        out,
        "  去除规范提法与引用：{}    含规范提法与引用：{}（规范提法 {}，引用 {}）",
        pct(r.reuse_ratio),
        pct(r.reuse_ratio_all),
        pct(v.formula_ratio),
        pct(v.quote_ratio)
    );
    if !r.sources.is_empty() {
        let _ = writeln!(out, "\n{BOLD}来源{RESET}");
        for (i, s) in r.sources.iter().enumerate() {
            let _ = writeln!(
                out,
                "  {:>2}. {:>6}  {}  {}  {DIM}{}{RESET}",
                i + 1,
                pct(s.ratio),
                s.title,
                s.date.as_deref().unwrap_or("日期不详"),
                s.path
            );
        }
    }
    if !r.sections.is_empty() {
        let _ = writeln!(out, "\n{BOLD}分节复制比{RESET}");
        for s in &r.sections {
            let heading: String = s.heading.chars().take(30).collect();
            let colour = if s.ratio * 100.0 > v.max_reuse { RED } else { "" };
            let _ = writeln!(out, "  {colour}{:>6}{RESET}  {heading}", pct(s.ratio));
        }
    }
    if r.matches.is_empty() {
        let _ = writeln!(out, "\n未发现与讲话库重复的段落。");
        return out;
    }
    let _ = writeln!(out, "\n{BOLD}重复片段（按稿件顺序）{RESET}");
    for (i, m) in r.matches.iter().enumerate() {
        let colour = match m.kind {
            Kind::Copied => RED,
            Kind::Formula | Kind::Quote => YELLOW,
        };
        let _ = writeln!(
            out,
            "\n[{}] {colour}{}{RESET}  稿件第 {} 行 ← {} 第 {} 行  相似度 {:.0}%",
            i + 1,
            m.kind.label(),
            m.draft_line,
            m.source,
            m.source_line,
            m.similarity * 100.0
        );
        let _ = writeln!(
            out,
            "    来源：{}  {}",
            m.side.source_title,
            m.side.source_date.as_deref().unwrap_or("日期不详")
        );
        if let Some(p) = &m.point {
            let _ = writeln!(out, "    素材要点：{p}");
        }
        if !m.also_in.is_empty() {
            let _ = writeln!(out, "    也见于：{}", m.also_in.join("，"));
        }
        out.push_str("    稿件：");
        pieces(&mut out, &m.side.draft, RED);
        out.push('\n');
        out.push_str("    原文：");
        pieces(&mut out, &m.side.source, GREEN);
        out.push('\n');
    }
    out
}

/// The `diff` report for a terminal.
pub fn diff(r: &DiffReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{BOLD}稿件对比{RESET}  {} → {}", r.old, r.new);
    let count = |s: ParagraphStatus| r.paragraphs.iter().filter(|p| p.status == s).count();
    let moved = r.paragraphs.iter().filter(|p| p.moved).count();
    let _ = writeln!(
        out,
        "新稿 {} 字，取自旧稿 {}；段落：保留 {}，修改 {}，新增 {}，移动 {}，删去 {}",
        r.chars,
        pct(r.share_from_old),
        count(ParagraphStatus::Kept),
        count(ParagraphStatus::Changed),
        count(ParagraphStatus::New),
        moved,
        r.removed.len()
    );
    for p in &r.paragraphs {
        let mv = if p.moved {
            format!("{YELLOW}（移动，原第 {} 行）{RESET}", p.old_line.unwrap_or(0))
        } else {
            String::new()
        };
        match p.status {
            ParagraphStatus::Kept => {
                let _ = writeln!(out, "\n{DIM}第 {} 行 保留{RESET}{mv}  {}", p.line, p.text);
            }
            ParagraphStatus::New => {
                let _ = writeln!(out, "\n{GREEN}第 {} 行 新增{RESET}  {GREEN}{}{RESET}", p.line, p.text);
            }
            ParagraphStatus::Changed => {
                let _ = write!(
                    out,
                    "\n第 {} 行 {BOLD}修改{RESET}（原第 {} 行，相似度 {:.0}%）{mv}\n    ",
                    p.line,
                    p.old_line.unwrap_or(0),
                    p.similarity * 100.0
                );
                for c in &p.changes {
                    match c.op {
                        ChangeOp::Same => out.push_str(&c.text),
                        ChangeOp::Removed => {
                            let _ = write!(out, "{RED}[-{}-]{RESET}", c.text);
                        }
                        ChangeOp::Added => {
                            let _ = write!(out, "{GREEN}{{+{}+}}{RESET}", c.text);
                        }
                    }
                }
                out.push('\n');
            }
        }
    }
    for d in &r.removed {
        let _ = writeln!(out, "\n{RED}旧稿第 {} 行 删去{RESET}  {RED}{}{RESET}", d.old_line, d.text);
    }
    out
}

/// One line a finding, `FILE:LINE:COL：错误[rule] message；fix`, then a summary line.
pub fn findings(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let sev = match f.severity {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        };
        let _ = writeln!(
            out,
            "{}:{}:{}：{sev}[{}] {}；{}",
            display_path(&f.path),
            f.line,
            f.column,
            f.rule,
            f.message,
            f.fix
        );
    }
    let (errors, warnings) = tally(findings);
    if findings.is_empty() {
        out.push_str("未发现问题\n");
    } else {
        let _ = writeln!(out, "共 {} 处：错误 {errors} 处，警告 {warnings} 处", findings.len());
    }
    out
}

/// The findings, then what was checked.
pub fn phrasebook_lint(r: &PhrasebookLint) -> String {
    let mut out = findings(&r.findings);
    let _ = writeln!(out, "检查了 {} 个文件、{} 个要点", r.files, r.points);
    out
}

/// Rows of cells in columns two spaces apart, by display width; the last column is not padded.
fn table(rows: &[Vec<String>]) -> String {
    // A cell is one line: a title with a newline or tab in it must not break the table.
    let rows: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| one_line(c)).collect()).collect();
    let rows = rows.as_slice();
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| rows.iter().filter_map(|r| r.get(c)).map(|s| display_width(s)).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            if c + 1 < row.len() {
                line.push_str(&pad(cell, widths[c] + 2));
            } else {
                line.push_str(cell);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// `text` with each run of control characters (newlines, tabs) as one space.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_run = false;
    for c in text.chars() {
        if c.is_control() {
            if !in_run {
                out.push(' ');
            }
            in_run = true;
        } else {
            out.push(c);
            in_run = false;
        }
    }
    out
}

/// `archive list`: 编号, 日期, 标题, 字数 (`?` when the file cannot be read), then the count.
pub fn archive_list(l: &ArchiveListing) -> String {
    let mut rows = vec![vec!["编号".to_string(), "日期".into(), "标题".into(), "字数".into()]];
    for s in &l.speeches {
        rows.push(vec![
            s.id.clone(),
            s.date.clone().unwrap_or_else(|| "-".into()),
            s.title.clone(),
            s.chars.map_or_else(|| "?".into(), |n| n.to_string()),
        ]);
    }
    let mut out = table(&rows);
    let _ = writeln!(out, "共 {} 篇", l.speeches.len());
    out
}

/// `archive show`: the metadata given, 字数, a blank line, the body.
pub fn archive_show(s: &ArchiveShown) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "编号：{}", s.id);
    let _ = writeln!(out, "标题：{}", s.title);
    for (label, value) in
        [("日期", &s.date), ("讲话人", &s.speaker), ("场合", &s.occasion), ("对象", &s.audience)]
    {
        if let Some(v) = value {
            let _ = writeln!(out, "{label}：{v}");
        }
    }
    if !s.tags.is_empty() {
        let _ = writeln!(out, "标签：{}", s.tags.join("、"));
    }
    let _ = writeln!(out, "文件：{}", s.file);
    let _ = writeln!(out, "字数：{}\n", s.chars);
    let _ = writeln!(out, "{}", s.body.trim_end());
    out
}

/// `phrasebook list` and `search`: id, slot, kinds, title a line, then the count.
pub fn point_list(l: &PointListing) -> String {
    if let (Some(q), true) = (&l.query, l.points.is_empty()) {
        return format!("没有找到与“{q}”相关的要点\n");
    }
    let width = l.points.iter().map(|p| display_width(&p.id)).max().unwrap_or(0);
    let mut out = String::new();
    for p in &l.points {
        let kinds: Vec<&str> = p.kinds.iter().map(|k| k.name()).collect();
        let _ = writeln!(
            out,
            "{}  {}  {}  {}",
            pad(&p.id, width),
            pad(p.slot.label(), 6),
            pad(&kinds.join(","), 17),
            p.title
        );
    }
    let _ = writeln!(out, "共 {} 条", l.points.len());
    out
}

/// `phrasebook show`: header, where it is defined, tags and example values, title, variants.
pub fn point_show(p: &PointShown) -> String {
    let kinds: Vec<&str> = p.kinds.iter().map(|k| k.label()).collect();
    let mut out = String::new();
    let optional = if p.optional { "｜可省略" } else { "" };
    let _ = writeln!(out, "{}（{}｜{}{optional}）", p.id, p.slot.label(), kinds.join("、"));
    let _ = writeln!(out, "来源：{}", p.source);
    for o in &p.overrides {
        let _ = writeln!(out, "覆盖：{o}");
    }
    if !p.tags.is_empty() {
        let _ = writeln!(out, "标签：{}", p.tags.join("、"));
    }
    if !p.vars.is_empty() {
        let vars: Vec<String> = p.vars.iter().map(|(k, v)| format!("{k} = {v}")).collect();
        let _ = writeln!(out, "示例变量：{}", vars.join("，"));
    }
    let _ = writeln!(out, "标题：{}", p.title);
    for (i, v) in p.variants.iter().enumerate() {
        let _ = writeln!(out, "表述 {}：{v}", i + 1);
    }
    out
}

/// `phrasebook stats`: each point's speeches and latest use, its variants below it, flags.
pub fn stats(stats: &Stats) -> String {
    let width = stats.points.iter().map(|p| display_width(&p.id)).max().unwrap_or(4).max(9);
    let mut out = format!("{}  讲话数  最近使用\n", pad("要点", width));
    for p in &stats.points {
        let flag = if p.worn_out {
            "  用得过多"
        } else if p.never_used {
            "  从未用过"
        } else {
            ""
        };
        let latest = p.latest.as_deref().unwrap_or("—");
        let _ = writeln!(out, "{}  {:>6}  {latest}{flag}", pad(&p.id, width), p.speeches);
        for v in &p.variants {
            let latest = v.latest.as_deref().unwrap_or("—");
            let _ =
                writeln!(out, "{}  {:>6}  {latest}", pad(&format!("  表述 {}", v.number), width), v.speeches);
        }
    }
    let worn = stats.points.iter().filter(|p| p.worn_out).count();
    let never = stats.points.iter().filter(|p| p.never_used).count();
    let _ = writeln!(
        out,
        "共 {} 条要点，历年讲话 {} 篇（最近 {} 篇按日期计）；用得过多 {worn} 条，从未用过 {never} 条",
        stats.points.len(),
        stats.speeches,
        stats.recent.len()
    );
    out
}

/// The first `n` characters of a heading, with an ellipsis when cut.
fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

/// The draft summary: 字数 by part, total and speaking time, then warnings.
pub fn draft_summary(s: &Summary) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "已生成{}初稿 → {}", s.kind.label(), s.output);
    for p in &s.parts {
        let label = format!("{}{}", p.marker, short(&p.name, 16));
        // Labels shorter than four characters are filled to four with full-width spaces.
        let fill = 4usize.saturating_sub(label.chars().count()).max(1);
        let goal = p.target.map(|t| format!("（目标 {t}）")).unwrap_or_default();
        let _ = writeln!(out, "  {label}{}{:>5} 字{goal}", "　".repeat(fill), p.chars);
    }
    let goal = s.target.map(|t| format!("（目标 {t} 字）")).unwrap_or_default();
    let _ = writeln!(out, "全文 {} 字{goal}，按每分钟 {} 字计，{}", s.chars, s.rate, s.minutes);
    for w in &s.warnings {
        match &w.location {
            Some(loc) => _ = writeln!(out, "警告：{loc}：{}", w.message),
            None => _ = writeln!(out, "警告：{}", w.message),
        }
    }
    for p in &s.placeholders {
        let _ = writeln!(
            out,
            "警告：稿件第 {} 行第 {} 列留有占位符“{}”，请换成实际内容",
            p.line, p.column, p.text
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::span::Span;

    fn finding(severity: Severity) -> Finding {
        Finding {
            rule: "numbering-skip",
            severity,
            path: "稿件/讲话.txt".into(),
            span: Span::new(3, 5),
            line: 4,
            column: 1,
            message: "序号跳号".into(),
            fix: "改为三、".into(),
        }
    }

    #[test]
    fn findings_have_position_rule_and_fix() {
        let s = findings(&[finding(Severity::Error), finding(Severity::Warning)]);
        assert!(s.starts_with("稿件/讲话.txt:4:1：错误[numbering-skip] 序号跳号；改为三、\n"), "{s}");
        assert!(s.ends_with("共 2 处：错误 1 处，警告 1 处\n"));
        assert_eq!(findings(&[]), "未发现问题\n");
    }

    #[test]
    fn a_newline_in_a_cell_does_not_break_the_table() {
        let rows =
            vec![vec!["编号".to_string(), "标题".to_string()], vec!["a".into(), "在会上\r\n的讲话\t".into()]];
        assert_eq!(table(&rows), "编号  标题\na     在会上 的讲话\n");
    }

    #[test]
    fn table_columns_line_up_by_display_width() {
        let rows = vec![
            vec!["编号".to_string(), "字数".into()],
            vec!["2025-在座谈会上的讲话".to_string(), "68".into()],
        ];
        assert_eq!(table(&rows), "编号                   字数\n2025-在座谈会上的讲话  68\n");
    }

    #[test]
    fn stats_flag_worn_out_and_never_used_points() {
        use crate::phrasebook::stats::{PointUse, Stats, VariantUse};
        let point = |id: &str, speeches, worn_out, never_used| PointUse {
            id: id.into(),
            title: "标题".into(),
            variants: vec![VariantUse { number: 1, speeches, latest: None }],
            speeches,
            latest: (speeches > 0).then(|| "2025-06-01".to_string()),
            worn_out,
            never_used,
        };
        let s = Stats {
            points: vec![point("hopes.greet", 3, true, false), point("hopes.rare", 0, false, true)],
            speeches: 4,
            recent: vec!["a".into(), "b".into()],
        };
        let text = stats(&s);
        assert!(text.contains("hopes.greet       3  2025-06-01  用得过多\n"), "{text}");
        assert!(text.contains("hopes.rare        0  —  从未用过\n"), "{text}");
        assert!(
            text.ends_with("共 2 条要点，历年讲话 4 篇（最近 2 篇按日期计）；用得过多 1 条，从未用过 1 条\n"),
            "{text}"
        );
    }
}
