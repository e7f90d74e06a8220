//! One self-contained HTML file (no external assets, no script needed): the draft with marked
//! spans; choosing a span (a link to `#mN`) shows the source passage side by side via `:target`.

use std::fmt::Write;

use super::escape_html;
use crate::reuse::classify::Kind;
use crate::reuse::report::{ChangeOp, DiffReport, ParagraphStatus, Piece, Report};

const STYLE: &str = r#"
body{font-family:"Source Han Serif SC","Noto Serif CJK SC","SimSun",serif;margin:0;color:#222;background:#fafafa}
header{padding:1em 2em;background:#fff;border-bottom:1px solid #ddd}
h1{font-size:1.3em;margin:0 0 .4em}
.ratio{font-size:1.6em;font-weight:bold}.over{color:#c00}.ok{color:#070}
main{display:flex;gap:1.5em;padding:1em 2em}
#draft{flex:1;white-space:pre-wrap;line-height:1.9;background:#fff;padding:1em;border:1px solid #ddd}
#side{flex:1;position:sticky;top:0;align-self:flex-start;max-height:100vh;overflow:auto}
mark{cursor:pointer;border-radius:2px}
a.m{color:inherit;text-decoration:none}
.copied{background:#f8c8c8}.formula{background:#fde9a9}.quote{background:#d5e8f8}
.match{display:none;background:#fff;border:1px solid #ddd;padding:1em;margin-bottom:1em}
.match:target{display:block}
.pair{display:flex;gap:1em}.pair>div{flex:1;line-height:1.8}
del,ins{text-decoration:none}.pair del{background:#f3a0a0}.pair ins{background:#a8e0a8}
table{border-collapse:collapse}td,th{padding:.2em .8em;border-bottom:1px solid #eee;text-align:left}
.kept{color:#777}.new{background:#e3f6e3}.moved{border-left:4px solid #e0b000;padding-left:.5em}
.removed{background:#fbe3e3}
"#;

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

fn kind_class(k: Kind) -> &'static str {
    match k {
        Kind::Copied => "copied",
        Kind::Formula => "formula",
        Kind::Quote => "quote",
    }
}

fn pieces(out: &mut String, ps: &[Piece], tag: &str) {
    for p in ps {
        if p.changed {
            let _ = write!(out, "<{tag}>{}</{tag}>", escape_html(&p.text));
        } else {
            out.push_str(&escape_html(&p.text));
        }
    }
}

/// The `check` report as one HTML page.
pub fn check(r: &Report) -> String {
    let v = &r.view;
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>查重报告 {}</title><style>{STYLE}</style></head><body>\n<header><h1>查重报告：{}</h1>",
        escape_html(&r.draft),
        escape_html(&r.draft)
    );
    let _ = write!(
        out,
        "<div>总复制比 <span class=\"ratio {}\">{}</span>（上限 {}%）　含规范提法与引用 {}（规范提法 {}，引用 {}）　字数 {}　比对库 {}（{} 篇）</div>",
        if v.exceeds { "over" } else { "ok" },
        pct(r.reuse_ratio),
        v.max_reuse,
        pct(r.reuse_ratio_all),
        pct(v.formula_ratio),
        pct(v.quote_ratio),
        r.chars,
        escape_html(&v.archive),
        v.archive_speeches
    );
    if !r.sources.is_empty() {
        out.push_str("<table><tr><th>复制比</th><th>来源</th><th>日期</th><th>文件</th></tr>");
        for s in &r.sources {
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                pct(s.ratio),
                escape_html(&s.title),
                escape_html(s.date.as_deref().unwrap_or("")),
                escape_html(&s.path)
            );
        }
        out.push_str("</table>");
    }
    if !r.sections.is_empty() {
        out.push_str("<table><tr><th>分节</th><th>复制比</th></tr>");
        for s in &r.sections {
            let _ = write!(out, "<tr><td>{}</td><td>{}</td></tr>", escape_html(&s.heading), pct(s.ratio));
        }
        out.push_str("</table>");
    }
    out.push_str("</header>\n<main><div id=\"draft\">");
    // Each draft character belongs to the first match covering it.
    let chars: Vec<char> = v.draft_text.chars().collect();
    let mut owner: Vec<Option<usize>> = vec![None; chars.len()];
    for (i, m) in r.matches.iter().enumerate() {
        for o in owner[m.draft_start.min(chars.len())..m.draft_end.min(chars.len())].iter_mut() {
            if o.is_none() {
                *o = Some(i);
            }
        }
    }
    let mut i = 0;
    while i < chars.len() {
        let own = owner[i];
        let mut j = i;
        while j < chars.len() && owner[j] == own {
            j += 1;
        }
        let text: String = chars[i..j].iter().collect();
        match own {
            Some(m) => {
                let _ = write!(
                    out,
                    "<a class=\"m\" href=\"#m{}\"><mark class=\"{}\" title=\"{}\">{}</mark></a>",
                    m + 1,
                    kind_class(r.matches[m].kind),
                    r.matches[m].kind.label(),
                    escape_html(&text)
                );
            }
            None => out.push_str(&escape_html(&text)),
        }
        i = j;
    }
    out.push_str("</div>\n<div id=\"side\">");
    if r.matches.is_empty() {
        out.push_str("<p>未发现与讲话库重复的段落。</p>");
    } else {
        out.push_str("<p>点击左侧标出的段落，查看原文对照。</p>");
    }
    for (i, m) in r.matches.iter().enumerate() {
        let _ = write!(
            out,
            "<section class=\"match\" id=\"m{}\"><h2>[{}] {}　相似度 {:.0}%</h2><p>稿件第 {} 行 ← {}（{}）第 {} 行</p>",
            i + 1,
            i + 1,
            m.kind.label(),
            m.similarity * 100.0,
            m.draft_line,
            escape_html(&m.side.source_title),
            escape_html(&m.source),
            m.source_line
        );
        if let Some(p) = &m.point {
            let _ = write!(out, "<p>素材要点：{}</p>", escape_html(p));
        }
        if !m.also_in.is_empty() {
            let _ = write!(out, "<p>也见于：{}</p>", escape_html(&m.also_in.join("，")));
        }
        out.push_str("<div class=\"pair\"><div><b>稿件</b><br>");
        pieces(&mut out, &m.side.draft, "del");
        out.push_str("</div><div><b>原文</b><br>");
        pieces(&mut out, &m.side.source, "ins");
        out.push_str("</div></div></section>");
    }
    out.push_str("</div></main></body></html>\n");
    out
}

/// The `diff` report as one HTML page.
pub fn diff(r: &DiffReport) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>稿件对比</title><style>{STYLE}</style></head><body>\n<header><h1>稿件对比：{} → {}</h1><div>新稿 {} 字，取自旧稿 <span class=\"ratio\">{}</span></div></header><main><div id=\"draft\">",
        escape_html(&r.old),
        escape_html(&r.new),
        r.chars,
        pct(r.share_from_old)
    );
    for p in &r.paragraphs {
        let class = match p.status {
            ParagraphStatus::Kept => "kept",
            ParagraphStatus::Changed => "changed",
            ParagraphStatus::New => "new",
        };
        let moved = if p.moved { " moved" } else { "" };
        let _ = write!(out, "<p class=\"{class}{moved}\" title=\"第 {} 行\">", p.line);
        if p.status == ParagraphStatus::Changed {
            for c in &p.changes {
                match c.op {
                    ChangeOp::Same => out.push_str(&escape_html(&c.text)),
                    ChangeOp::Removed => {
                        let _ = write!(
                            out,
                            "<del style=\"background:#f3a0a0;text-decoration:line-through\">{}</del>",
                            escape_html(&c.text)
                        );
                    }
                    ChangeOp::Added => {
                        let _ =
                            write!(out, "<ins style=\"background:#a8e0a8\">{}</ins>", escape_html(&c.text));
                    }
                }
            }
        } else {
            out.push_str(&escape_html(&p.text));
        }
        out.push_str("</p>");
    }
    for d in &r.removed {
        let _ = write!(
            out,
            "<p class=\"removed\" title=\"旧稿第 {} 行\"><del>{}</del></p>",
            d.old_line,
            escape_html(&d.text)
        );
    }
    out.push_str("</div></main></body></html>\n");
    out
}
