//! Structural tests on the generated package: the XML parses, and the fonts, sizes, margins, grid,
//! footers and styles are what GB/T 9704 and WPS need.

use super::*;
use crate::layout::{Options, Speech, Style};

/// A minimal element tree, enough to query the generated parts.
#[derive(Debug, Default)]
pub(crate) struct El {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<El>,
    pub text: String,
}

impl El {
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
    pub fn child(&self, name: &str) -> Option<&El> {
        self.children.iter().find(|c| c.name == name)
    }
    /// Every descendant (self included) named `name`, in document order.
    pub fn all<'a>(&'a self, name: &str, out: &mut Vec<&'a El>) {
        if self.name == name {
            out.push(self);
        }
        for c in &self.children {
            c.all(name, out);
        }
    }
    pub fn find_all(&self, name: &str) -> Vec<&El> {
        let mut v = Vec::new();
        self.all(name, &mut v);
        v
    }
    /// All text below this element.
    pub fn text_content(&self) -> String {
        let mut s = self.text.clone();
        for c in &self.children {
            s.push_str(&c.text_content());
        }
        s
    }
}

/// Parse XML into an [`El`] tree; panics (failing the test) on malformed XML.
pub(crate) fn parse_xml(xml: &str) -> El {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut stack = vec![El::default()];
    let element = |e: &quick_xml::events::BytesStart| El {
        name: e.name().as_ref().to_string(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.expect("well-formed attribute");
                let v = quick_xml::escape::unescape(&a.value).expect("attribute escapes").into_owned();
                (a.key.as_ref().to_string(), v)
            })
            .collect(),
        ..El::default()
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(element(&e)),
            Event::Empty(e) => stack.last_mut().unwrap().children.push(element(&e)),
            Event::End(_) => {
                let el = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(el);
            }
            Event::Text(t) => stack.last_mut().unwrap().text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let s: &str = &r;
                let c = match s {
                    "lt" => "<",
                    "gt" => ">",
                    "amp" => "&",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                };
                stack.last_mut().unwrap().text.push_str(c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    stack.pop().unwrap().children.pop().expect("a root element")
}

const SPEECH: &str = "在青川市欢迎江宁市挂职干部座谈会上的讲话\n（2026年3月18日）\n\n同志们：\n今天，我们在这里召开座谈会，欢迎江宁市第三批挂职干部来青川工作。\n一、深刻认识协作的重要意义\n（一）提高站位。要把东西部协作摆在全局工作的重要位置。\n1.加强学习。\n一是要学政策。各部门要组织专题学习，吃透文件精神。\n二是要抓落实。确保每项任务有人管、有人抓。\n（1）细化清单\n谢谢大家！\n";

fn part(speech: &Speech, opts: &Options, name: &str) -> El {
    let (_, xml) = parts(speech, opts).into_iter().find(|(n, _)| *n == name).expect(name);
    parse_xml(&xml)
}

fn standard() -> (Speech, Options) {
    (Speech::parse(SPEECH), Options::default())
}

/// (eastAsia font, ascii font, size in half-points, bold) of a style's run properties.
fn style_run(styles: &El, id: &str) -> (String, String, u32, bool) {
    let style = styles
        .children
        .iter()
        .find(|s| s.name == "w:style" && s.attr("w:styleId") == Some(id))
        .unwrap_or_else(|| panic!("style {id}"));
    let rpr = style.child("w:rPr").unwrap_or_else(|| panic!("{id} has run properties"));
    let fonts = rpr.child("w:rFonts").unwrap_or_else(|| panic!("{id} names fonts"));
    let sz = rpr.child("w:sz").and_then(|s| s.attr("w:val")).unwrap().parse().unwrap();
    (
        fonts.attr("w:eastAsia").unwrap_or("").to_string(),
        fonts.attr("w:ascii").unwrap_or("").to_string(),
        sz,
        rpr.child("w:b").is_some(),
    )
}

#[test]
fn every_part_is_well_formed_xml() {
    let (s, o) = standard();
    for (name, xml) in parts(&s, &o) {
        let root = parse_xml(&xml);
        assert!(!root.name.is_empty(), "{name}");
    }
}

#[test]
fn page_is_a4_with_gbt9704_margins_and_a_22_by_28_grid() {
    let (s, o) = standard();
    let doc = part(&s, &o, "word/document.xml");
    let sect = doc.find_all("w:sectPr")[0];
    let pg = sect.child("w:pgSz").unwrap();
    assert_eq!((pg.attr("w:w"), pg.attr("w:h")), (Some("11906"), Some("16838")));
    let mar = sect.child("w:pgMar").unwrap();
    // 37, 35, 28, 26 mm in twips.
    assert_eq!(mar.attr("w:top"), Some("2098"));
    assert_eq!(mar.attr("w:bottom"), Some("1984"));
    assert_eq!(mar.attr("w:left"), Some("1587"));
    assert_eq!(mar.attr("w:right"), Some("1474"));
    let grid = sect.child("w:docGrid").unwrap();
    assert_eq!(grid.attr("w:type"), Some("linesAndChars"));
    assert_eq!(grid.attr("w:linePitch"), Some("579"));
    assert_eq!(grid.attr("w:charSpace"), Some("-841"));
    // 22 lines of 579 twips fill the 225 mm type area; 28 characters fill 156 mm.
    let g = Geometry::for_style(Style::Standard);
    assert_eq!(g.text_height() / g.line_pitch(), 22);
    let pitch_pt = 16.0 + f64::from(g.char_space()) / 4096.0;
    assert_eq!((f64::from(g.text_width()) / 20.0 / pitch_pt).round(), 28.0);
}

#[test]
fn styles_name_east_asian_fonts_and_sizes_without_theme_fonts() {
    let (s, o) = standard();
    let styles = part(&s, &o, "word/styles.xml");
    let expect = [
        ("Normal", "仿宋_GB2312", 32, false),
        ("BodyChar", "仿宋_GB2312", 32, false),
        ("Title", "方正小标宋简体", 44, false),
        ("TitleChar", "方正小标宋简体", 44, false),
        ("Heading1", "黑体", 32, false),
        ("Heading1Char", "黑体", 32, false),
        ("Heading2", "楷体_GB2312", 32, false),
        ("Heading2Char", "楷体_GB2312", 32, false),
        ("Heading3", "仿宋_GB2312", 32, false),
        ("Heading4Char", "仿宋_GB2312", 32, false),
        ("LeadChar", "仿宋_GB2312", 32, true),
        ("Footer", "宋体", 28, false),
        ("PageNumberChar", "宋体", 28, false),
    ];
    for (id, font, sz, bold) in expect {
        let (east, ascii, got_sz, got_bold) = style_run(&styles, id);
        assert_eq!((east.as_str(), ascii.as_str(), got_sz, got_bold), (font, font, sz, bold), "{id}");
    }
    // The defaults name the body font too, and nothing anywhere refers to a theme.
    let defaults = styles.child("w:docDefaults").unwrap();
    let fonts = defaults.find_all("w:rFonts");
    assert_eq!(fonts[0].attr("w:eastAsia"), Some("仿宋_GB2312"));
    for (name, xml) in parts(&s, &o) {
        assert!(!xml.contains("Theme"), "{name} mentions a theme font");
    }
    assert!(!parts(&s, &o).iter().any(|(n, _)| n.contains("theme")));
    // Body paragraphs: first-line indent of two characters, exact line spacing on the grid pitch.
    let normal = styles.children.iter().find(|s| s.attr("w:styleId") == Some("Normal")).unwrap();
    let ppr = normal.child("w:pPr").unwrap();
    assert_eq!(ppr.child("w:ind").unwrap().attr("w:firstLineChars"), Some("200"));
    let spacing = ppr.child("w:spacing").unwrap();
    assert_eq!((spacing.attr("w:line"), spacing.attr("w:lineRule")), (Some("579"), Some("exact")));
}

/// The `w:w` (horizontal scale, percent) a style sets, if any.
fn style_scale(styles: &El, id: &str) -> Option<u32> {
    let style = styles.children.iter().find(|s| s.attr("w:styleId") == Some(id)).unwrap();
    style.child("w:rPr")?.child("w:w").map(|w| w.attr("w:val").unwrap().parse().unwrap())
}

/// The grid cell LibreOffice's Word import derives from `charSpace`: the Normal size plus the
/// whole points of the 20.12 fixed-point value, plus its fraction truncated to twips.
fn libreoffice_cell_pt(body_pt: f64, char_space: i32) -> f64 {
    let whole = f64::from((char_space & !0xFFF) / 0x1000);
    let fraction_twips = f64::from((char_space & 0xFFF) * 20 / 0xFFF);
    body_pt + whole + fraction_twips / 20.0
}

#[test]
fn grid_text_is_narrowed_to_one_cell_so_both_word_and_libreoffice_set_28_a_line() {
    let (s, o) = standard();
    let styles = part(&s, &o, "word/styles.xml");
    let g = Geometry::for_style(Style::Standard);
    let scale = g.char_scale();
    for id in [
        "Normal",
        "BodyChar",
        "Byline",
        "BylineChar",
        "Salutation",
        "Heading1",
        "Heading2Char",
        "Heading4",
        "LeadChar",
    ] {
        assert_eq!(style_scale(&styles, id), Some(scale), "{id}");
    }
    // Off the grid: full width, set explicitly since these styles are based on Normal.
    for id in ["Title", "TitleChar", "Footer", "PageNumberChar"] {
        assert_eq!(style_scale(&styles, id), Some(100), "{id}");
    }
    let body_pt = f64::from(g.body_sz) / 2.0;
    let glyph = body_pt * f64::from(scale) / 100.0;
    let width_pt = f64::from(g.text_width()) / 20.0;
    // LibreOffice: a glyph no wider than a cell takes one cell, and 28 cells fit the line.
    let cell = libreoffice_cell_pt(body_pt, g.char_space());
    assert!(glyph <= cell, "{glyph} pt glyph, {cell} pt cell");
    assert_eq!((width_pt / cell).floor(), 28.0, "{cell} pt cell");
    // Word (ECMA-376 §17.6.5): charSpace is added to each character's own width.
    let word_pitch = glyph + f64::from(g.char_space()) / 4096.0;
    assert_eq!((width_pt / word_pitch).floor(), 28.0, "{word_pitch} pt in Word");
    // The narrowing is the least that fits: one percent more and the glyph spills into two cells.
    assert!(body_pt * f64::from(scale + 1) / 100.0 > cell - 0.05);
    // Two characters of first-line indent stay within two LibreOffice cells; Word reads the
    // character count.
    let normal = styles.children.iter().find(|s| s.attr("w:styleId") == Some("Normal")).unwrap();
    let ind = normal.child("w:pPr").unwrap().child("w:ind").unwrap();
    assert_eq!(ind.attr("w:firstLineChars"), Some("200"));
    let first_line: f64 = ind.attr("w:firstLine").unwrap().parse().unwrap();
    assert!(first_line / 20.0 <= 2.0 * cell && first_line / 20.0 > 1.9 * cell, "{first_line}");
}

#[test]
fn the_read_aloud_copy_has_no_character_grid_and_full_width_glyphs() {
    let s = Speech::parse(SPEECH);
    let o = Options { style: Style::Speech, ..Options::default() };
    let styles = part(&s, &o, "word/styles.xml");
    assert_eq!(Geometry::for_style(Style::Speech).char_scale(), 100);
    for id in ["Normal", "BodyChar", "Title", "LeadChar", "Footer"] {
        assert_eq!(style_scale(&styles, id), None, "{id}");
    }
    let normal = styles.children.iter().find(|s| s.attr("w:styleId") == Some("Normal")).unwrap();
    let ind = normal.child("w:pPr").unwrap().child("w:ind").unwrap();
    assert_eq!(ind.attr("w:firstLine"), Some("720"));
}

#[test]
fn only_headings_standing_alone_are_kept_with_the_next_paragraph() {
    let (s, o) = standard();
    let doc = part(&s, &o, "word/document.xml");
    let styles = part(&s, &o, "word/styles.xml");
    // The heading styles keep with next …
    for id in ["Heading1", "Heading2", "Heading3", "Heading4"] {
        let style = styles.children.iter().find(|s| s.attr("w:styleId") == Some(id)).unwrap();
        assert!(style.child("w:pPr").unwrap().child("w:keepNext").is_some(), "{id}");
    }
    // … and a heading with body text run into it switches that off for its paragraph.
    let keep: Vec<(String, Option<String>)> = doc
        .find_all("w:p")
        .into_iter()
        .filter_map(|p| {
            let ppr = p.child("w:pPr")?;
            let style = ppr.child("w:pStyle")?.attr("w:val")?;
            style.starts_with("Heading").then(|| {
                let off = ppr.child("w:keepNext").and_then(|k| k.attr("w:val")).map(str::to_string);
                (p.text_content(), off)
            })
        })
        .collect();
    assert_eq!(
        keep,
        [
            ("一、深刻认识协作的重要意义".to_string(), None),
            ("（一）提高站位。要把东西部协作摆在全局工作的重要位置。".to_string(), Some("0".to_string())),
            ("1.加强学习。".to_string(), None),
            ("（1）细化清单".to_string(), None),
        ]
    );
}

#[test]
fn font_table_gives_each_font_an_alternative_name() {
    let (s, o) = standard();
    let table = part(&s, &o, "word/fontTable.xml");
    let alt = |name: &str| {
        table
            .children
            .iter()
            .find(|f| f.attr("w:name") == Some(name))
            .and_then(|f| f.child("w:altName"))
            .and_then(|a| a.attr("w:val"))
            .map(str::to_string)
    };
    assert_eq!(alt("仿宋_GB2312").as_deref(), Some("仿宋"));
    assert_eq!(alt("楷体_GB2312").as_deref(), Some("楷体"));
    assert_eq!(alt("方正小标宋简体").as_deref(), Some("宋体"));
    assert_eq!(alt("黑体").as_deref(), Some("SimHei"));
    assert_eq!(alt("宋体").as_deref(), Some("SimSun"));
}

#[test]
fn footers_carry_a_page_field_between_dashes_odd_right_even_left() {
    let (s, o) = standard();
    let settings = part(&s, &o, "word/settings.xml");
    assert!(settings.child("w:evenAndOddHeaders").is_some());
    for (file, align, indent_attr) in
        [("word/footer1.xml", "right", "w:right"), ("word/footer2.xml", "left", "w:left")]
    {
        let f = part(&s, &o, file);
        let p = &f.find_all("w:p")[0];
        let ppr = p.child("w:pPr").unwrap();
        assert_eq!(ppr.child("w:jc").unwrap().attr("w:val"), Some(align));
        // One 四号 character (14 pt = 280 twips) from the edge.
        assert_eq!(ppr.child("w:ind").unwrap().attr(indent_attr), Some("280"));
        let instr: String = f.find_all("w:instrText").iter().map(|e| e.text.clone()).collect();
        assert_eq!(instr.trim(), "PAGE");
        let kinds: Vec<_> =
            f.find_all("w:fldChar").iter().map(|e| e.attr("w:fldCharType").unwrap()).collect();
        assert_eq!(kinds, ["begin", "separate", "end"]);
        assert_eq!(p.text_content(), "—  PAGE 1 —");
        assert!(f.find_all("w:rStyle").iter().all(|r| r.attr("w:val") == Some("PageNumberChar")));
    }
    let doc = part(&s, &o, "word/document.xml");
    let refs: Vec<_> = doc.find_all("w:footerReference").iter().map(|r| r.attr("w:type").unwrap()).collect();
    assert_eq!(refs, ["default", "even"]);
}

/// (paragraph style, [(char style, text)]) for each paragraph of the body.
fn paragraphs(doc: &El) -> Vec<(String, Vec<(String, String)>)> {
    doc.find_all("w:p")
        .into_iter()
        .map(|p| {
            let style = p.find_all("w:pStyle")[0].attr("w:val").unwrap().to_string();
            let runs = p
                .find_all("w:r")
                .into_iter()
                .map(|r| (r.find_all("w:rStyle")[0].attr("w:val").unwrap().to_string(), r.text_content()))
                .collect();
            (style, runs)
        })
        .collect()
}

#[test]
fn blocks_get_their_level_styles_and_leads_are_bold() {
    let (s, o) = standard();
    let ps = paragraphs(&part(&s, &o, "word/document.xml"));
    let styles: Vec<&str> = ps.iter().map(|(st, _)| st.as_str()).collect();
    assert_eq!(
        styles,
        [
            "Title",
            "Byline",
            "Normal",
            "Salutation",
            "Normal",
            "Heading1",
            "Heading2",
            "Heading3",
            "Normal",
            "Normal",
            "Heading4",
            "Normal"
        ]
    );
    // The blank line after the title block has no runs.
    assert!(ps[2].1.is_empty());
    // A run-in level-2 heading: heading font for the heading sentence, body font after it.
    assert_eq!(
        ps[6].1,
        [
            ("Heading2Char".to_string(), "（一）提高站位。".to_string()),
            ("BodyChar".to_string(), "要把东西部协作摆在全局工作的重要位置。".to_string())
        ]
    );
    assert_eq!(ps[8].1[0], ("LeadChar".to_string(), "一是要学政策。".to_string()));
    assert_eq!(ps[8].1[1].0, "BodyChar");

    let plain = Options { bold_leads: false, ..o };
    let ps = paragraphs(&part(&s, &plain, "word/document.xml"));
    assert!(ps.iter().flat_map(|(_, r)| r).all(|(st, _)| st != "LeadChar"));
}

#[test]
fn text_is_escaped_and_control_characters_dropped() {
    let s = Speech::parse("同志们：\n关于<规划>与“A&B”项目\u{1}的说明。\n");
    let doc = part(&s, &Options::default(), "word/document.xml");
    assert!(doc.text_content().contains("关于<规划>与“A&B”项目的说明。"));
}

#[test]
fn speech_style_is_larger_and_wider() {
    let s = Speech::parse(SPEECH);
    let o = Options { style: Style::Speech, ..Options::default() };
    let styles = part(&s, &o, "word/styles.xml");
    assert_eq!(style_run(&styles, "Normal").2, 36);
    assert_eq!(style_run(&styles, "Heading1").0, "黑体");
    let doc = part(&s, &o, "word/document.xml");
    let grid = doc.find_all("w:docGrid")[0];
    assert_eq!(grid.attr("w:type"), Some("lines"));
    let pitch: u32 = grid.attr("w:linePitch").unwrap().parse().unwrap();
    assert!(pitch > 579 + 100, "{pitch}");
    assert_eq!(part(&s, &o, "word/footer1.xml").find_all("w:jc")[0].attr("w:val"), Some("center"));
}

#[test]
fn output_is_a_zip_and_deterministic() {
    let (s, o) = standard();
    let a = write(&s, &o);
    assert_eq!(a, write(&s, &o));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(a)).unwrap();
    let mut names: Vec<String> =
        (0..zip.len()).map(|i| zip.by_index(i).unwrap().name().unwrap().to_string()).collect();
    names.sort();
    assert!(names.contains(&"word/document.xml".to_string()));
    assert!(names.contains(&"[Content_Types].xml".to_string()));
    let mut doc = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut doc).unwrap();
    assert!(doc.contains("深刻认识协作的重要意义"));
}
