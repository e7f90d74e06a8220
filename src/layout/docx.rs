//! A speech as a Word file laid out to GB/T 9704-2012: A4, 37/35/28/26 mm margins, 22 lines × 28
//! characters of 三号 仿宋_GB2312, title in 二号 方正小标宋简体, headings 黑体/楷体_GB2312/仿宋_GB2312,
//! page numbers “— 1 —” in 四号 宋体 as a PAGE field.
//!
//! Written by hand (WordprocessingML strings with escaped text, packed with `zip`) rather than with
//! a docx crate: the parts WPS needs to keep the official fonts — `w:altName` in the font table,
//! a theme-less document with east-Asian fonts in every style, a `linesAndChars` grid with a
//! computed `charSpace` — are small, fixed, and not all expressible in the crates available.
//! Fonts are named, never embedded.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Write as _;

use super::{Block, BlockKind, Options, Speech, Style};

/// A font the layout names, with the name WPS/Word fall back to when it is not installed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Font {
    pub name: &'static str,
    pub alt: &'static str,
}

pub const TITLE_FONT: Font = Font { name: "方正小标宋简体", alt: "宋体" };
pub const BODY_FONT: Font = Font { name: "仿宋_GB2312", alt: "仿宋" };
pub const HEI_FONT: Font = Font { name: "黑体", alt: "SimHei" };
pub const KAI_FONT: Font = Font { name: "楷体_GB2312", alt: "楷体" };
pub const SONG_FONT: Font = Font { name: "宋体", alt: "SimSun" };

/// Every font the document names, for the font table.
pub const FONTS: [Font; 5] = [TITLE_FONT, BODY_FONT, HEI_FONT, KAI_FONT, SONG_FONT];

/// Twips (1/20 pt) in a millimetre.
fn mm(v: f64) -> u32 {
    (v / 25.4 * 1440.0).round() as u32
}

/// Page geometry and type sizes for one style, in Word's units (twips, half-points).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    pub page_w: u32,
    pub page_h: u32,
    pub top: u32,
    pub bottom: u32,
    pub left: u32,
    pub right: u32,
    /// Distance from the page's bottom edge to the footer (page number).
    pub footer: u32,
    /// Font sizes in half-points.
    pub title_sz: u32,
    pub body_sz: u32,
    pub page_number_sz: u32,
    /// Lines per page and characters per line of the document grid.
    pub lines: u32,
    pub chars: u32,
    /// Whether characters snap to a 28-a-line grid (standard) or only lines do (speech).
    pub char_grid: bool,
}

/// How much LibreOffice's grid cell may fall short of the pitch Word computes: it reads
/// `charSpace` as whole points plus a fraction truncated to whole twips (15.75 pt for 15.795 pt).
const LIBREOFFICE_CELL_SLACK_PT: f64 = 0.1;

impl Geometry {
    pub fn for_style(style: Style) -> Geometry {
        let base = Geometry {
            page_w: 11906, // A4 210 mm
            page_h: 16838, // A4 297 mm
            top: mm(37.0),
            bottom: mm(35.0),
            left: mm(28.0),
            right: mm(26.0),
            // The number sits about 7 mm below the type area, as GB/T 9704 7.5 asks.
            footer: mm(23.0),
            title_sz: 44,       // 二号 22 pt
            body_sz: 32,        // 三号 16 pt
            page_number_sz: 28, // 四号 14 pt
            lines: 22,
            chars: 28,
            char_grid: true,
        };
        match style {
            Style::Standard => base,
            // 念稿版: 小二 (18 pt) on double spacing; fewer, longer-spaced lines.
            Style::Speech => Geometry { body_sz: 36, lines: 17, chars: 24, char_grid: false, ..base },
        }
    }

    /// Width of the type area (版心), twips.
    pub fn text_width(&self) -> u32 {
        self.page_w - self.left - self.right
    }

    /// Height of the type area, twips.
    pub fn text_height(&self) -> u32 {
        self.page_h - self.top - self.bottom
    }

    /// The line pitch that fits `lines` lines in the type area (579 twips = 28.95 pt for GB/T 9704).
    pub fn line_pitch(&self) -> u32 {
        self.text_height() / self.lines
    }

    /// `w:charSpace` for `chars` characters a line: the difference between the grid pitch and the
    /// body size, in 1/4096 pt, as Word computes it (−841 for GB/T 9704’s 28 × 三号 with these margins).
    pub fn char_space(&self) -> i32 {
        ((self.pitch_pt() - f64::from(self.body_sz) / 2.0) * 4096.0).round() as i32
    }

    /// The grid pitch in points (15.795 pt for GB/T 9704).
    fn pitch_pt(&self) -> f64 {
        f64::from(self.text_width()) / f64::from(self.chars) / 20.0
    }

    /// Horizontal scale (`w:w`, percent) of text on the character grid: 98 for GB/T 9704.
    ///
    /// 28 三号 characters (16 pt each, 448 pt) are wider than the 442 pt type area, so the grid
    /// pitch is 15.8 pt. Word adds `charSpace` (−0.2 pt) to every character's width, as ECMA-376
    /// §17.6.5 says, and sets 28 a line. LibreOffice instead gives each character as many whole
    /// grid cells as its glyph needs, so a 16 pt glyph takes two cells and a line holds 14. A
    /// glyph narrowed to fit one cell lays out at 28 a line in both: LibreOffice one cell each,
    /// Word 98% width − 0.2 pt each (15.48 pt; 29 of them would need 449 pt).
    pub fn char_scale(&self) -> u32 {
        if !self.char_grid {
            return 100;
        }
        let body_pt = f64::from(self.body_sz) / 2.0;
        let fit = (self.pitch_pt() - LIBREOFFICE_CELL_SLACK_PT) / body_pt * 100.0;
        (fit.floor() as u32).min(100)
    }

    /// The two-character first-line indent in twips, for readers that ignore `firstLineChars`
    /// (Word uses that). On the character grid LibreOffice starts the text at the next whole cell,
    /// so the indent must not exceed two of its cells, or first lines lose a character (25, not 26).
    pub fn first_line_indent(&self) -> u32 {
        if self.char_grid {
            (2.0 * (self.pitch_pt() - LIBREOFFICE_CELL_SLACK_PT) * 20.0).floor() as u32
        } else {
            self.body_sz * 20
        }
    }

    /// The `w:w` a style sets: the grid scale for text on the character grid, and an explicit 100
    /// for text off it (title, page number), whose styles would otherwise inherit Normal's.
    pub fn scale_for(&self, on_grid: bool) -> Option<u32> {
        match (self.char_scale(), on_grid) {
            (100, _) => None,
            (scale, true) => Some(scale),
            (_, false) => Some(100),
        }
    }
}

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// XML text or attribute value: characters XML 1.0 cannot carry dropped, the rest escaped.
fn esc(s: &str) -> Cow<'_, str> {
    if s.chars().any(|c| c < ' ' && !matches!(c, '\t' | '\n' | '\r')) {
        let clean: String = s.chars().filter(|&c| c >= ' ' || matches!(c, '\t' | '\n' | '\r')).collect();
        Cow::Owned(quick_xml::escape::escape(clean.as_str()).into_owned())
    } else {
        quick_xml::escape::escape(s)
    }
}

/// `w:rFonts` naming one font for every script, with the east-Asian hint; no theme attributes.
fn rfonts(font: Font) -> String {
    let f = esc(font.name);
    format!(r#"<w:rFonts w:ascii="{f}" w:eastAsia="{f}" w:hAnsi="{f}" w:cs="{f}" w:hint="eastAsia"/>"#)
}

/// Run properties; `scale` is the `w:w` to set, if any (see [`Geometry::scale_for`]).
fn run_props(font: Font, sz: u32, bold: bool, scale: Option<u32>) -> String {
    let b = if bold { "<w:b/><w:bCs/>" } else { "" };
    let w = scale.map(|v| format!(r#"<w:w w:val="{v}"/>"#)).unwrap_or_default();
    format!(r#"<w:rPr>{}{b}{w}<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/></w:rPr>"#, rfonts(font))
}

/// A paragraph style and the character style linked to it; both carry the font, so WPS keeps it
/// whether it applies the paragraph or the run style.
struct StyleDef {
    id: &'static str,
    name: &'static str,
    font: Font,
    sz: u32,
    bold: bool,
    /// Whether the text is on the character grid (everything but the title).
    on_grid: bool,
    /// Paragraph properties beyond the style's run properties.
    ppr: String,
}

fn styles_xml(g: &Geometry) -> String {
    let line = g.line_pitch();
    let scale = g.scale_for(true);
    let body_indent = format!(r#"<w:ind w:firstLineChars="200" w:firstLine="{}"/>"#, g.first_line_indent());
    let spacing = format!(r#"<w:spacing w:before="0" w:after="0" w:line="{line}" w:lineRule="exact"/>"#);
    let heading_def = |id, name, font, level: u8| StyleDef {
        id,
        name,
        font,
        sz: g.body_sz,
        bold: false,
        on_grid: true,
        ppr: format!(
            r#"<w:keepNext/>{body_indent}<w:jc w:val="both"/><w:outlineLvl w:val="{}"/>"#,
            level - 1
        ),
    };
    let defs = [
        StyleDef {
            id: "Title",
            name: "Title",
            font: TITLE_FONT,
            sz: g.title_sz,
            bold: false,
            // The title is centred, off the grid (snapToGrid 0), in its natural width.
            on_grid: false,
            ppr: r#"<w:keepNext/><w:snapToGrid w:val="0"/><w:ind w:firstLine="0"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/>"#.into(),
        },
        StyleDef {
            id: "Byline",
            name: "Byline",
            font: KAI_FONT,
            sz: g.body_sz,
            bold: false,
            on_grid: true,
            ppr: r#"<w:keepNext/><w:ind w:firstLine="0"/><w:jc w:val="center"/>"#.into(),
        },
        StyleDef {
            id: "Salutation",
            name: "Salutation",
            font: BODY_FONT,
            sz: g.body_sz,
            bold: false,
            on_grid: true,
            ppr: r#"<w:keepNext/><w:ind w:firstLine="0"/><w:jc w:val="both"/>"#.into(),
        },
        heading_def("Heading1", "heading 1", HEI_FONT, 1),
        heading_def("Heading2", "heading 2", KAI_FONT, 2),
        heading_def("Heading3", "heading 3", BODY_FONT, 3),
        heading_def("Heading4", "heading 4", BODY_FONT, 4),
    ];

    let mut x = String::new();
    // Theme-less defaults: the body font by name for every script, so nothing resolves to a theme.
    // Widow control off, explicitly: every page full to its 22nd line, as 公文 are set. Left out,
    // Word takes it as off (ECMA-376 §17.3.1.44) but LibreOffice as on, and the two paginate apart.
    let _ = write!(
        x,
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>{}<w:kern w:val="2"/><w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val="0"/>{spacing}<w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>"#,
        rfonts(BODY_FONT),
        sz = g.body_sz,
    );
    // 正文: the default paragraph style. Word does not let Normal be a linked style, so the body
    // character style stands alone.
    let _ = write!(
        x,
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr>{spacing}{body_indent}<w:jc w:val="both"/></w:pPr>{}</w:style>"#,
        run_props(BODY_FONT, g.body_sz, false, scale)
    );
    let _ = write!(
        x,
        r#"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>"#
    );
    let _ = write!(
        x,
        r#"<w:style w:type="character" w:customStyle="1" w:styleId="BodyChar"><w:name w:val="Body Char"/>{}</w:style>"#,
        run_props(BODY_FONT, g.body_sz, false, scale)
    );
    for d in &defs {
        let _ = write!(
            x,
            r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:link w:val="{id}Char"/><w:qFormat/><w:pPr>{ppr}</w:pPr>{rpr}</w:style><w:style w:type="character" w:customStyle="1" w:styleId="{id}Char"><w:name w:val="{name} Char"/><w:link w:val="{id}"/>{rpr}</w:style>"#,
            id = d.id,
            name = d.name,
            ppr = d.ppr,
            rpr = run_props(d.font, d.sz, d.bold, g.scale_for(d.on_grid)),
        );
    }
    // The bold lead sentence of 一是/二是 paragraphs, and the page number.
    let _ = write!(
        x,
        r#"<w:style w:type="character" w:customStyle="1" w:styleId="LeadChar"><w:name w:val="Lead Sentence"/><w:basedOn w:val="BodyChar"/>{}</w:style>"#,
        run_props(BODY_FONT, g.body_sz, true, scale)
    );
    let _ = write!(
        x,
        r#"<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:link w:val="PageNumberChar"/><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/></w:pPr>{rpr}</w:style><w:style w:type="character" w:customStyle="1" w:styleId="PageNumberChar"><w:name w:val="page number"/><w:link w:val="Footer"/>{rpr}</w:style>"#,
        rpr = run_props(SONG_FONT, g.page_number_sz, false, g.scale_for(false))
    );
    x.push_str("</w:styles>");
    x
}

fn font_table_xml() -> String {
    let mut x =
        format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="{W_NS}">"#);
    for f in FONTS {
        // charset 86 = GB2312: WPS picks a Chinese fallback of the same family when it substitutes.
        let _ = write!(
            x,
            r#"<w:font w:name="{}"><w:altName w:val="{}"/><w:charset w:val="86"/><w:family w:val="{}"/><w:pitch w:val="variable"/></w:font>"#,
            esc(f.name),
            esc(f.alt),
            if f == HEI_FONT { "modern" } else { "roman" },
        );
    }
    x.push_str("</w:fonts>");
    x
}

fn settings_xml(opts: &Options) -> String {
    // GB/T 9704 7.5: odd page numbers right, even left — two footers.
    let even_odd = if opts.style == Style::Standard { "<w:evenAndOddHeaders/>" } else { "" };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings xmlns:w="{W_NS}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>{even_odd}<w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#
    )
}

/// A footer with “— N —” where N is a PAGE field. `align` is left, right or center; the number
/// keeps one character's distance from the edge it is set against.
fn footer_xml(align: &str, g: &Geometry) -> String {
    let indent = match align {
        "right" => format!(r#"<w:ind w:right="{}" w:firstLine="0"/>"#, g.page_number_sz * 10),
        "left" => format!(r#"<w:ind w:left="{}" w:firstLine="0"/>"#, g.page_number_sz * 10),
        _ => r#"<w:ind w:firstLine="0"/>"#.to_string(),
    };
    let run = |inner: &str| format!(r#"<w:r><w:rPr><w:rStyle w:val="PageNumberChar"/></w:rPr>{inner}</w:r>"#);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr><w:pStyle w:val="Footer"/>{indent}<w:jc w:val="{align}"/></w:pPr>{}{}{}{}{}{}</w:p></w:ftr>"#,
        run(r#"<w:t xml:space="preserve">— </w:t>"#),
        run(r#"<w:fldChar w:fldCharType="begin"/>"#),
        run(r#"<w:instrText xml:space="preserve"> PAGE </w:instrText>"#),
        run(r#"<w:fldChar w:fldCharType="separate"/>"#),
        run(r#"<w:t>1</w:t><w:fldChar w:fldCharType="end"/>"#),
        run(r#"<w:t xml:space="preserve"> —</w:t>"#),
    )
}

fn text_run(text: &str, char_style: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    format!(
        r#"<w:r><w:rPr><w:rStyle w:val="{char_style}"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
        esc(text)
    )
}

fn paragraph(style: &str, runs: &str) -> String {
    format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p>"#)
}

fn block_xml(block: &Block, opts: &Options) -> String {
    match block.kind {
        BlockKind::Title => paragraph("Title", &text_run(&block.text, "TitleChar")),
        BlockKind::Byline => paragraph("Byline", &text_run(&block.text, "BylineChar")),
        BlockKind::Salutation => paragraph("Salutation", &text_run(&block.text, "SalutationChar")),
        BlockKind::Heading { level, head, .. } => {
            let id = format!("Heading{}", level.clamp(1, 4));
            let (h, rest) = block.split_at(head);
            let runs = text_run(h, &format!("{id}Char")) + &text_run(rest, "BodyChar");
            if rest.is_empty() {
                paragraph(&id, &runs)
            } else {
                // A heading with its body run in is a body paragraph for pagination: kept with the
                // next one, a chain of them can outgrow the page, and LibreOffice then moves the
                // whole chain on, leaving most of a page blank (Word splits it).
                format!(r#"<w:p><w:pPr><w:pStyle w:val="{id}"/><w:keepNext w:val="0"/></w:pPr>{runs}</w:p>"#)
            }
        }
        BlockKind::Lead { lead } => {
            let (l, rest) = block.split_at(lead);
            let lead_style = if opts.bold_leads { "LeadChar" } else { "BodyChar" };
            paragraph("Normal", &(text_run(l, lead_style) + &text_run(rest, "BodyChar")))
        }
        BlockKind::Body => paragraph("Normal", &text_run(&block.text, "BodyChar")),
    }
}

fn document_xml(speech: &Speech, opts: &Options, g: &Geometry) -> String {
    let mut body = String::new();
    let mut in_top = false;
    for block in &speech.blocks {
        let top = matches!(block.kind, BlockKind::Title | BlockKind::Byline);
        if in_top && !top {
            // GB/T 9704: one blank line between the title block and what follows.
            body.push_str(&paragraph("Normal", ""));
        }
        in_top = top;
        body.push_str(&block_xml(block, opts));
    }
    let footers = match opts.style {
        Style::Standard => {
            r#"<w:footerReference w:type="default" r:id="rIdFooterOdd"/><w:footerReference w:type="even" r:id="rIdFooterEven"/>"#
        }
        Style::Speech => r#"<w:footerReference w:type="default" r:id="rIdFooterOdd"/>"#,
    };
    let grid = match g.char_grid {
        true => format!(
            r#"<w:docGrid w:type="linesAndChars" w:linePitch="{}" w:charSpace="{}"/>"#,
            g.line_pitch(),
            g.char_space()
        ),
        false => format!(r#"<w:docGrid w:type="lines" w:linePitch="{}"/>"#, g.line_pitch()),
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}<w:sectPr>{footers}<w:pgSz w:w="{}" w:h="{}"/><w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="851" w:footer="{}" w:gutter="0"/><w:cols w:space="425"/>{grid}</w:sectPr></w:body></w:document>"#,
        g.page_w, g.page_h, g.top, g.right, g.bottom, g.left, g.footer,
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rIdFooterOdd" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/><Relationship Id="rIdFooterEven" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/></Relationships>"#;

fn core_xml(title: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>jianggao</dc:creator></cp:coreProperties>"#,
        esc(title)
    )
}

const APP_XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>jianggao</Application></Properties>"#;

/// Every part of the package as (path, XML), in the order they are written.
pub fn parts(speech: &Speech, opts: &Options) -> Vec<(&'static str, String)> {
    let g = Geometry::for_style(opts.style);
    let (odd, even) = match opts.style {
        Style::Standard => ("right", "left"),
        Style::Speech => ("center", "center"),
    };
    vec![
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", PACKAGE_RELS.to_string()),
        ("docProps/core.xml", core_xml(speech.title().unwrap_or(""))),
        ("docProps/app.xml", APP_XML.to_string()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/document.xml", document_xml(speech, opts, &g)),
        ("word/styles.xml", styles_xml(&g)),
        ("word/settings.xml", settings_xml(opts)),
        ("word/fontTable.xml", font_table_xml()),
        ("word/footer1.xml", footer_xml(odd, &g)),
        ("word/footer2.xml", footer_xml(even, &g)),
    ]
}

/// The speech as the bytes of a `.docx` file. Same input, same bytes (fixed zip timestamps).
pub fn write(speech: &Speech, opts: &Options) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::DEFAULT);
    for (name, xml) in parts(speech, opts) {
        // Writing into a Vec cannot fail short of memory exhaustion.
        zip.start_file(name, options).expect("zip entry in memory");
        zip.write_all(xml.as_bytes()).expect("zip write in memory");
    }
    zip.finish().expect("zip finish in memory").into_inner()
}

#[cfg(test)]
mod tests;
