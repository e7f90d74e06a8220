//! Reading `.docx` as Word shows it: paragraphs in order, list numbers from `numbering.xml`
//! rendered into the text (一、 （一） 1. …), tracked insertions kept and deletions dropped,
//! table cells read (each cell paragraph its own line), hidden text and field codes left out.
//!
//! Reading is bounded ([`crate::limits`]): a part is inflated only up to its cap, labels stay
//! short whatever counter a list starts at, and the text stops at a speech's cap.

use std::collections::{HashMap, HashSet};
use std::io::Cursor;
use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::error::{Error, Location, Result};

/// The text of a `.docx` file: its paragraphs joined by "\n".
pub fn docx_text(path: &Path, bytes: &[u8]) -> Result<String> {
    let not_docx = || {
        Error::input(Location::file(path), "不是有效的 .docx 文件（无法解压）")
            .with_hint("请用 Word 或 WPS 打开，重新“另存为” .docx 后重试")
    };
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        // An OLE container: an old .doc renamed, or a password-protected .docx.
        return Err(Error::input(Location::file(path), "这是旧版 .doc 或加密的文档，无法读取")
            .with_hint("请在 Word 或 WPS 中取消密码，“另存为” .docx 后重试"));
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| not_docx())?;
    let too_big = || {
        Error::input(
            Location::file(path),
            format!(
                "文档解压后超过 {}（正常的讲话稿远小于此，文件可能已损坏或是恶意构造的），已停止读取",
                crate::limits::size_label(crate::limits::MAX_DOCX_PART_BYTES)
            ),
        )
        .with_hint("请用 Word 或 WPS 打开，重新“另存为” .docx 后重试；或把文字复制存为 .txt")
    };
    let mut part = |name: &str| -> Result<Option<String>> {
        let Ok(file) = zip.by_name(name) else { return Ok(None) };
        // The declared size may lie; the read stops one byte past the cap either way.
        if file.size() > crate::limits::MAX_DOCX_PART_BYTES {
            return Err(too_big());
        }
        let bytes = crate::limits::read_at_most(file, crate::limits::MAX_DOCX_PART_BYTES)
            .map_err(|_| not_docx())?
            .ok_or_else(too_big)?;
        String::from_utf8(bytes).map(Some).map_err(|_| not_docx())
    };
    let document = part("word/document.xml")?.ok_or_else(not_docx)?;
    let numbering = part("word/numbering.xml")?.map(|x| Numbering::parse(&x)).unwrap_or_default();
    let styles = part("word/styles.xml")?.map(|x| style_numbering(&x)).unwrap_or_default();
    match paragraphs(&document, numbering, &styles) {
        Ok(ps) => Ok(ps.join("\n")),
        Err(Stop::Xml) => Err(Error::input(Location::file(path), "文档内容已损坏（XML 格式错误）")
            .with_hint("请用 Word 或 WPS 打开，重新“另存为” .docx 后重试")),
        Err(Stop::TooLong) => Err(crate::limits::too_large(
            path,
            crate::limits::Kind::Speech,
            crate::limits::MAX_DOCX_TEXT_BYTES as u64 + 1,
        )),
        Err(Stop::TooDeep) => {
            Err(Error::input(Location::file(path), "文档结构嵌套过深（段落套段落超过 32 层）")
                .with_hint("请用 Word 或 WPS 打开，重新“另存为” .docx 后重试"))
        }
    }
}

/// Why reading `document.xml` stopped early.
#[derive(Debug)]
enum Stop {
    /// Not well-formed XML.
    Xml,
    /// The text passed a speech's cap.
    TooLong,
    /// Paragraphs nested past [`crate::limits::MAX_DOCX_NESTING`].
    TooDeep,
}

/// The value of the attribute whose local name is `name` (`w:val` → `val`), unescaped.
fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().with_checks(false).flatten().find(|a| a.key.local_name().as_ref() == name).map(|a| {
        let v = a.value.as_ref();
        quick_xml::escape::unescape(v).map(|c| c.into_owned()).unwrap_or_else(|_| v.to_string())
    })
}

fn local(e: &BytesStart) -> String {
    e.local_name().as_ref().to_string()
}

/// A `w:val` flag such as `<w:vanish/>`: on unless val is 0/false/off.
fn flag_on(e: &BytesStart) -> bool {
    !matches!(attr(e, "val").as_deref(), Some("0" | "false" | "off"))
}

/// One list level from `numbering.xml`.
#[derive(Debug, Clone)]
struct Level {
    start: u32,
    format: String,
    text: String,
    suffix: String,
}

/// The list definitions of a document and the running counters, as Word keeps them: counters
/// belong to the abstract list, so two list instances of one definition continue each other
/// unless an instance overrides its start.
#[derive(Debug, Default)]
struct Numbering {
    /// abstractNumId → ilvl → level
    abstracts: HashMap<String, HashMap<u8, Level>>,
    /// numId → (abstractNumId, ilvl → start override)
    nums: HashMap<String, (String, HashMap<u8, u32>)>,
    /// abstractNumId → counter per level (None = not started / restarted)
    counters: HashMap<String, [Option<u32>; 9]>,
    /// numIds whose start overrides have been applied
    overridden: HashSet<String>,
}

impl Numbering {
    fn parse(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let mut abstract_id: Option<String> = None;
        let mut level: Option<(u8, Level)> = None;
        let mut num: Option<(String, String, HashMap<u8, u32>)> = None;
        let mut override_lvl: Option<u8> = None;
        loop {
            let ev = match reader.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(ev) => ev,
            };
            match ev {
                Event::Start(e) | Event::Empty(e) => match local(&e).as_str() {
                    "abstractNum" => abstract_id = attr(&e, "abstractNumId"),
                    "lvl" if abstract_id.is_some() => {
                        let ilvl = attr(&e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                        let lv = Level {
                            start: 1,
                            format: "decimal".into(),
                            text: String::new(),
                            suffix: "tab".into(),
                        };
                        level = Some((ilvl, lv));
                    }
                    "start" => {
                        if let Some((_, lv)) = level.as_mut() {
                            lv.start = attr(&e, "val").and_then(|v| v.parse().ok()).unwrap_or(1);
                        }
                    }
                    "numFmt" => {
                        if let Some((_, lv)) = level.as_mut() {
                            lv.format = attr(&e, "val").unwrap_or_default();
                        }
                    }
                    "lvlText" => {
                        if let Some((_, lv)) = level.as_mut() {
                            lv.text = attr(&e, "val").unwrap_or_default();
                        }
                    }
                    "suff" => {
                        if let Some((_, lv)) = level.as_mut() {
                            lv.suffix = attr(&e, "val").unwrap_or_default();
                        }
                    }
                    "num" => {
                        if let Some(id) = attr(&e, "numId") {
                            num = Some((id, String::new(), HashMap::new()));
                        }
                    }
                    "abstractNumId" => {
                        if let Some((_, a, _)) = num.as_mut() {
                            *a = attr(&e, "val").unwrap_or_default();
                        }
                    }
                    "lvlOverride" => override_lvl = attr(&e, "ilvl").and_then(|v| v.parse().ok()),
                    "startOverride" => {
                        if let (Some((_, _, o)), Some(l)) = (num.as_mut(), override_lvl) {
                            o.insert(l, attr(&e, "val").and_then(|v| v.parse().ok()).unwrap_or(1));
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    "lvl" => {
                        if let (Some(a), Some((ilvl, lv))) = (abstract_id.as_ref(), level.take()) {
                            n.abstracts.entry(a.clone()).or_default().insert(ilvl, lv);
                        }
                    }
                    "abstractNum" => abstract_id = None,
                    "num" => {
                        if let Some((id, a, o)) = num.take() {
                            n.nums.insert(id, (a, o));
                        }
                    }
                    "lvlOverride" => override_lvl = None,
                    _ => {}
                },
                _ => {}
            }
        }
        n
    }

    /// The number label for the next paragraph of list `num_id` at level `ilvl`, advancing the
    /// counters; `None` when the list is unknown or a bullet.
    fn next_label(&mut self, num_id: &str, ilvl: u8) -> Option<String> {
        let (abs, overrides) = self.nums.get(num_id)?.clone();
        let levels = self.abstracts.get(&abs)?.clone();
        let ilvl = ilvl.min(8);
        let counters = self.counters.entry(abs.clone()).or_insert([None; 9]);
        if !self.overridden.contains(num_id) {
            self.overridden.insert(num_id.to_string());
            for (&l, &start) in &overrides {
                if let Some(c) = counters.get_mut(l as usize) {
                    *c = Some(start.saturating_sub(1));
                }
            }
        }
        let level = levels.get(&ilvl)?;
        let current = match counters[ilvl as usize] {
            Some(v) => v + 1,
            None => level.start,
        };
        counters[ilvl as usize] = Some(current);
        for deeper in counters.iter_mut().skip(ilvl as usize + 1) {
            *deeper = None;
        }
        if level.format == "bullet" || level.format == "none" {
            return None;
        }
        // Each %k is filled in once, left to right, from a level text cut to the label cap: a
        // hostile lvlText of a million "%1" must not multiply.
        let max = crate::limits::MAX_LABEL_CHARS;
        let mut label = String::new();
        let mut chars = level.text.chars().take(max).peekable();
        while let Some(c) = chars.next() {
            let k = match (c, chars.peek()) {
                ('%', Some(d)) if ('1'..='9').contains(d) => *d as u8 - b'0',
                _ => {
                    label.push(c);
                    continue;
                }
            };
            chars.next();
            let lv = levels.get(&(k - 1));
            let value = counters[(k - 1) as usize].unwrap_or_else(|| lv.map_or(1, |l| l.start));
            let fmt = lv.map_or("decimal", |l| l.format.as_str());
            label.push_str(&format_number(value, fmt));
            if label.chars().count() > max {
                break;
            }
        }
        if label.chars().count() > max {
            label = label.chars().take(max).collect();
        }
        if label.is_empty() {
            return None;
        }
        // Word puts a tab (or a space) between label and text. A label ending in Chinese
        // punctuation (一、 （一）) needs no gap in plain text; 1. gets a space.
        let ends_cjk = label.chars().last().is_some_and(|c| !c.is_ascii());
        if level.suffix != "nothing" && !ends_cjk {
            label.push(' ');
        }
        Some(label)
    }
}

/// A counter value in one of Word's number formats.
fn format_number(n: u32, format: &str) -> String {
    const TIANGAN: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
    const CIRCLED: &str = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "japaneseCounting"
        | "ideographDigital" => crate::text::numbering::han_numeral(n),
        "ideographTraditional" => {
            TIANGAN.get((n as usize).wrapping_sub(1)).map_or(n.to_string(), |c| c.to_string())
        }
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => {
            CIRCLED.chars().nth((n as usize).wrapping_sub(1)).map_or(n.to_string(), |c| c.to_string())
        }
        "decimalFullWidth" | "decimalFullWidth2" => {
            n.to_string().chars().map(|d| char::from_u32(d as u32 + 0xFEE0).unwrap_or(d)).collect()
        }
        // Letters repeat (aa, bbb …) and Roman numerals grow a letter a thousand; past what a label
        // can hold, Word's counter is shown in digits.
        "upperLetter" | "lowerLetter" if (n.max(1) as usize - 1) / 26 < crate::limits::MAX_LABEL_CHARS => {
            let base = if format == "upperLetter" { b'A' } else { b'a' };
            let k = (n.max(1) - 1) as usize;
            std::iter::repeat_n((base + (k % 26) as u8) as char, k / 26 + 1).collect()
        }
        "upperRoman" | "lowerRoman" if (1..4000).contains(&n) => {
            let r = roman(n);
            if format == "lowerRoman" { r.to_lowercase() } else { r }
        }
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// styleId → (numId, ilvl) for paragraph styles that carry list numbering (Word's 标题 styles
/// in many government templates).
fn style_numbering(xml: &str) -> HashMap<String, (String, u8)> {
    let mut out = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut style: Option<String> = None;
    let mut num: (Option<String>, u8) = (None, 0);
    loop {
        match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match local(&e).as_str() {
                "style" => {
                    style = attr(&e, "styleId");
                    num = (None, 0);
                }
                "numId" if style.is_some() => num.0 = attr(&e, "val"),
                "ilvl" if style.is_some() => {
                    num.1 = attr(&e, "val").and_then(|v| v.parse().ok()).unwrap_or(0)
                }
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == "style" => {
                if let (Some(s), Some(id)) = (style.take(), num.0.take()) {
                    out.insert(s, (id, num.1));
                }
            }
            _ => {}
        }
    }
    out
}

/// A paragraph being read.
#[derive(Default)]
struct Para {
    text: String,
    num_id: Option<String>,
    ilvl: Option<u8>,
    style: Option<String>,
}

/// Every paragraph of `document.xml`, in order, with list labels rendered.
fn paragraphs(
    xml: &str,
    mut numbering: Numbering,
    styles: &HashMap<String, (String, u8)>,
) -> std::result::Result<Vec<String>, Stop> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    // UTF-8 bytes of text so far (paragraphs being read included), against the speech cap.
    let mut total = 0usize;
    let mut stack: Vec<Para> = Vec::new();
    // Depth counters for regions whose text Word does not show.
    let mut deleted = 0usize; // w:del, w:moveFrom
    let mut fallback = 0usize; // mc:Fallback duplicates mc:Choice
    let mut in_ppr = 0usize;
    let mut in_rpr = 0usize;
    let mut in_text = false; // inside w:t
    let mut hidden_run = false;
    loop {
        let ev = reader.read_event().map_err(|_| Stop::Xml)?;
        if total > crate::limits::MAX_DOCX_TEXT_BYTES {
            return Err(Stop::TooLong);
        }
        let hidden = deleted > 0 || fallback > 0 || hidden_run;
        match ev {
            Event::Eof => break,
            Event::Start(e) => match local(&e).as_str() {
                "p" if stack.len() >= crate::limits::MAX_DOCX_NESTING => return Err(Stop::TooDeep),
                "p" => stack.push(Para::default()),
                "pPr" => in_ppr += 1,
                "rPr" => in_rpr += 1,
                "r" => hidden_run = false,
                "t" => in_text = true,
                "del" | "moveFrom" => deleted += 1,
                "Fallback" => fallback += 1,
                _ => {}
            },
            Event::Empty(e) => {
                let name = local(&e);
                match name.as_str() {
                    "numId" if in_ppr > 0 => {
                        if let Some(p) = stack.last_mut() {
                            p.num_id = attr(&e, "val");
                        }
                    }
                    "ilvl" if in_ppr > 0 => {
                        if let Some(p) = stack.last_mut() {
                            p.ilvl = attr(&e, "val").and_then(|v| v.parse().ok());
                        }
                    }
                    "pStyle" if in_ppr > 0 => {
                        if let Some(p) = stack.last_mut() {
                            p.style = attr(&e, "val");
                        }
                    }
                    "vanish" if in_rpr > 0 && in_ppr == 0 => hidden_run = flag_on(&e),
                    "tab" if in_ppr == 0 && !hidden => push(&mut stack, &mut total, "\t"),
                    // A page break shows no line of its own.
                    "br" | "cr" if in_ppr == 0 && !hidden && attr(&e, "type").as_deref() != Some("page") => {
                        push(&mut stack, &mut total, "\n")
                    }
                    "noBreakHyphen" if !hidden => push(&mut stack, &mut total, "-"),
                    "p" => {
                        total += 1;
                        out.push(String::new())
                    }
                    _ => {}
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "p" => {
                    if let Some(p) = stack.pop() {
                        let label = paragraph_label(&p, &mut numbering, styles);
                        let line = format!("{}{}", label.unwrap_or_default(), p.text);
                        total += line.len() - p.text.len() + 1;
                        out.push(line);
                    }
                }
                "pPr" => in_ppr = in_ppr.saturating_sub(1),
                "rPr" => in_rpr = in_rpr.saturating_sub(1),
                "r" => hidden_run = false,
                "t" => in_text = false,
                "del" | "moveFrom" => deleted = deleted.saturating_sub(1),
                "Fallback" => fallback = fallback.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) if in_text && !hidden => push(&mut stack, &mut total, &t.xml10_content()),
            Event::CData(t) if in_text && !hidden => push(&mut stack, &mut total, t.as_ref()),
            Event::GeneralRef(r) if in_text && !hidden => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match r.as_ref() {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        _ => String::new(),
                    },
                };
                push(&mut stack, &mut total, &resolved);
            }
            _ => {}
        }
    }
    Ok(out)
}

fn push(stack: &mut [Para], total: &mut usize, s: &str) {
    if let Some(p) = stack.last_mut() {
        *total += s.len();
        p.text.push_str(s);
    }
}

/// The list label of a paragraph: its own numPr, else its style's.
fn paragraph_label(
    p: &Para,
    numbering: &mut Numbering,
    styles: &HashMap<String, (String, u8)>,
) -> Option<String> {
    let from_style = p.style.as_ref().and_then(|s| styles.get(s));
    let num_id = p.num_id.clone().or_else(|| from_style.map(|(n, _)| n.clone()))?;
    if num_id == "0" {
        return None;
    }
    let ilvl = p.ilvl.or_else(|| from_style.map(|&(_, l)| l)).unwrap_or(0);
    numbering.next_label(&num_id, ilvl)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats() {
        assert_eq!(format_number(3, "chineseCounting"), "三");
        assert_eq!(format_number(12, "chineseCountingThousand"), "十二");
        assert_eq!(format_number(2, "decimal"), "2");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(2, "ideographTraditional"), "乙");
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
    }
}
