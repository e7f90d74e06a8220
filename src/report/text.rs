//! Terminal text for `check` (CNKI-style) and `diff`. Colour is written as ANSI codes; the caller
//! writes through `anstream`, which drops them under NO_COLOR or when the output is not a terminal.

use std::fmt::Write;

use crate::reuse::classify::Kind;
use crate::reuse::report::{ChangeOp, DiffReport, ParagraphStatus, Piece, Report};

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
pub fn render_check(r: &Report) -> String {
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
pub fn render_diff(r: &DiffReport) -> String {
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
