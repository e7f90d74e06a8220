//! A speech as one print-friendly HTML file: the same blocks and fonts as the Word output, A4
//! page margins in CSS `@page`, no external assets (fonts are named, never linked).

use std::fmt::Write as _;

use super::docx::{BODY_FONT, Font, Geometry, HEI_FONT, KAI_FONT, SONG_FONT, TITLE_FONT};
use super::{BlockKind, Options, Speech, Style};

use crate::report::escape_html as esc;

/// A CSS font-family list: the official name, its alternative, then generic Chinese fallbacks.
fn family(font: Font, generic: &str) -> String {
    format!("\"{}\", \"{}\", {generic}", font.name, font.alt)
}

fn css(opts: &Options) -> String {
    let g = Geometry::for_style(opts.style);
    let pt = |half: u32| f64::from(half) / 2.0;
    let tw_mm = |tw: u32| f64::from(tw) / 1440.0 * 25.4;
    let line_pt = f64::from(g.line_pitch()) / 20.0;
    let fang = family(BODY_FONT, "\"FangSong\", \"STFangsong\", serif");
    // GB/T 9704 7.5: odd pages number at the right, even pages at the left; the read-aloud copy
    // centres them.
    let number = format!(
        r#"content: "— " counter(page) " —"; font-family: {}; font-size: {}pt;"#,
        family(SONG_FONT, "serif"),
        pt(g.page_number_sz)
    );
    let page_numbers = match opts.style {
        Style::Standard => format!(
            "@page :right {{ @bottom-right {{ {number} }} }}\n@page :left {{ @bottom-left {{ {number} }} }}"
        ),
        Style::Speech => format!("@page {{ @bottom-center {{ {number} }} }}"),
    };
    format!(
        r#"@page {{ size: A4; margin: {top:.0}mm {right:.0}mm {bottom:.0}mm {left:.0}mm; }}
{page_numbers}
html {{ background: #f3f3f3; }}
body {{ margin: 0; font-family: {fang}; font-size: {body}pt; line-height: {line_pt:.2}pt; color: #000; }}
main {{ background: #fff; width: {width:.0}mm; margin: 12mm auto; padding: {top:.0}mm {right:.0}mm {bottom:.0}mm {left:.0}mm; box-shadow: 0 0 4px #bbb; }}
p {{ margin: 0; text-align: justify; text-indent: 2em; }}
h1.title {{ font-family: {title}; font-size: {title_sz}pt; font-weight: normal; text-align: center; margin: 0; line-height: {line_pt:.2}pt; }}
p.byline {{ font-family: {kai}; text-align: center; text-indent: 0; }}
p.blank {{ height: {line_pt:.2}pt; }}
p.salutation {{ text-indent: 0; }}
.h1 {{ font-family: {hei}; font-weight: normal; }}
.h2 {{ font-family: {kai}; font-weight: normal; }}
.h3, .h4 {{ font-family: {fang}; font-weight: normal; }}
h2, h3, h4, h5 {{ font-size: {body}pt; margin: 0; text-indent: 2em; text-align: justify; line-height: {line_pt:.2}pt; }}
h2 .rest, h3 .rest, h4 .rest, h5 .rest {{ font-family: {fang}; }}
strong.lead {{ font-weight: bold; }}
@media print {{ html {{ background: none; }} main {{ width: auto; margin: 0; padding: 0; box-shadow: none; }} }}
"#,
        top = tw_mm(g.top),
        right = tw_mm(g.right),
        bottom = tw_mm(g.bottom),
        left = tw_mm(g.left),
        width = tw_mm(g.text_width()),
        body = pt(g.body_sz),
        title = family(TITLE_FONT, "\"SimSun\", serif"),
        title_sz = pt(g.title_sz),
        kai = family(KAI_FONT, "\"KaiTi\", \"STKaiti\", serif"),
        hei = family(HEI_FONT, "\"Heiti SC\", sans-serif"),
    )
}

/// The speech as a complete HTML document.
pub fn write(speech: &Speech, opts: &Options) -> String {
    let title = speech.title().unwrap_or("讲话稿");
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"generator\" content=\"jianggao\">\n<title>{}</title>\n<style>\n{}</style>\n</head>\n<body>\n<main>\n",
        esc(title),
        css(opts)
    );
    let mut in_top = false;
    for block in &speech.blocks {
        let top = matches!(block.kind, BlockKind::Title | BlockKind::Byline);
        if in_top && !top {
            out.push_str("<p class=\"blank\"></p>\n");
        }
        in_top = top;
        let t = esc(&block.text);
        let _ = match block.kind {
            BlockKind::Title => writeln!(out, "<h1 class=\"title\">{t}</h1>"),
            BlockKind::Byline => writeln!(out, "<p class=\"byline\">{t}</p>"),
            BlockKind::Salutation => writeln!(out, "<p class=\"salutation\">{t}</p>"),
            BlockKind::Heading { level, head, .. } => {
                let (h, rest) = block.split_at(head);
                let level = level.clamp(1, 4);
                let rest = if rest.is_empty() {
                    String::new()
                } else {
                    format!("<span class=\"rest\">{}</span>", esc(rest))
                };
                writeln!(out, "<h{n} class=\"h{level}\">{}{rest}</h{n}>", esc(h), n = level + 1)
            }
            BlockKind::Lead { lead } if opts.bold_leads => {
                let (l, rest) = block.split_at(lead);
                writeln!(out, "<p><strong class=\"lead\">{}</strong>{}</p>", esc(l), esc(rest))
            }
            BlockKind::Lead { .. } | BlockKind::Body => writeln!(out, "<p>{t}</p>"),
        };
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "在全市协作工作会议上的讲话\n（2026年4月2日）\n同志们：\n一、统一思想\n（一）看清形势。当前任务很重。\n一是要压实责任。层层抓落实。\n<谢谢>大家！\n";

    #[test]
    fn renders_every_block_with_its_font_and_no_external_assets() {
        let html = write(&Speech::parse(TEXT), &Options::default());
        assert!(html.contains("<title>在全市协作工作会议上的讲话</title>"));
        assert!(html.contains("<h1 class=\"title\">在全市协作工作会议上的讲话</h1>"));
        assert!(html.contains("<p class=\"byline\">（2026年4月2日）</p>\n<p class=\"blank\"></p>"));
        assert!(html.contains("<p class=\"salutation\">同志们：</p>"));
        assert!(html.contains("<h2 class=\"h1\">一、统一思想</h2>"));
        assert!(
            html.contains("<h3 class=\"h2\">（一）看清形势。<span class=\"rest\">当前任务很重。</span></h3>")
        );
        assert!(html.contains("<p><strong class=\"lead\">一是要压实责任。</strong>层层抓落实。</p>"));
        assert!(html.contains("<p>&lt;谢谢&gt;大家！</p>"));
        assert!(html.contains("margin: 37mm 26mm 35mm 28mm"));
        assert!(html.contains("\"仿宋_GB2312\", \"仿宋\""));
        assert!(html.contains("\"方正小标宋简体\", \"宋体\""));
        assert!(html.contains("content: \"— \" counter(page) \" —\""));
        for external in ["http://", "https://", "<link", "<script", "url("] {
            assert!(!html.contains(external), "{external}");
        }
    }

    #[test]
    fn leads_can_stay_plain() {
        let html = write(&Speech::parse(TEXT), &Options { bold_leads: false, ..Options::default() });
        assert!(html.contains("<p>一是要压实责任。层层抓落实。</p>"));
        assert!(!html.contains("<strong"));
    }
}
