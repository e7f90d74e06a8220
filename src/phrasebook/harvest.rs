//! `phrasebook harvest`: turn a real speech into a phrasebook YAML skeleton for a person to review.
//!
//! The speech's paragraphs are rebuilt first (hard-wrapped PDF lines joined, page numbers dropped),
//! its numbered structure is recognised with [`crate::text::numbering`] (一、 （一） 1. （1） 一是 第一，
//! 首先/其次/最后; levels in the order the styles first appear), and every numbered item with text
//! of its own becomes a candidate point: title = the numbered lead sentence, variant = the rest,
//! id = the item's path in the section structure. Placeholders and place names used at least twice
//! become `{{ place }}`-style variables with the original text as the example value.

use std::collections::BTreeMap;

use crate::text::numbering::{self, Style};
use crate::text::placeholder;

/// One candidate point.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Candidate {
    pub id: String,
    pub title: String,
    pub slot: String,
    pub kinds: Vec<String>,
    /// Variable name → example value (the original text), only those this point uses.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub vars: BTreeMap<String, String>,
    pub variants: Vec<String>,
    /// 1-based line in the speech where the item starts (for the reviewer; not written as a field).
    #[serde(skip)]
    pub line: usize,
    /// The numbering marker as found (`（二）`, `三是`).
    #[serde(skip)]
    pub marker: String,
}

/// A paragraph rebuilt from the speech's lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub text: String,
    /// 1-based line where it starts.
    pub line: usize,
}

/// Rebuild the speech's paragraphs with [`crate::text::clean`] (pinyin glosses, watermarks and
/// page numbers dropped, hard wraps joined unless `join_wraps` is off as for `.docx`, Traditional
/// converted to Simplified), each with the line of the original text it starts on.
pub fn paragraphs(text: &str, join_wraps: bool) -> Vec<Paragraph> {
    let cleaned = crate::text::clean::clean(
        text,
        // Half-width marks kept: each paragraph is found again in the original by its first characters.
        crate::text::clean::CleanOptions { join_wraps, simplified: true, keep_halfwidth: true },
    );
    // Original lines without whitespace, to find where each paragraph started.
    let originals: Vec<String> =
        text.lines().map(|l| l.chars().filter(|c| !c.is_whitespace()).collect()).collect();
    let simplified: Vec<String> = originals.iter().map(|l| crate::text::script::simplify_chars(l)).collect();
    let mut next_line = 0;
    let mut out = Vec::new();
    for para in cleaned.text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let probe: String = para.chars().filter(|c| !c.is_whitespace()).take(6).collect();
        let found = (next_line..simplified.len())
            .find(|&i| simplified[i].contains(&probe) || originals[i].contains(&probe));
        let line = found.unwrap_or(next_line.min(originals.len().saturating_sub(1)));
        next_line = line + 1;
        out.push(Paragraph { text: para.to_string(), line: line + 1 });
    }
    out
}

/// Harvest candidate points from a decoded speech (`.docx` paragraphs are never joined).
/// Lines are the file's (a `.md` file's front matter counted, as in every other message).
pub fn harvest_document(doc: &crate::text::read::Document) -> Vec<Candidate> {
    let body = doc.body_text();
    let mut out = harvest_paragraphs(&paragraphs(body, doc.format != crate::text::read::Format::Docx), body);
    let before = crate::text::LineIndex::new(&doc.text).line(doc.body.start) - 1;
    for c in &mut out {
        c.line += before;
    }
    out
}

/// Harvest candidate points from a speech's plain text (hard wraps joined).
pub fn harvest(text: &str) -> Vec<Candidate> {
    harvest_paragraphs(&paragraphs(text, true), text)
}

fn harvest_paragraphs(paras: &[Paragraph], text: &str) -> Vec<Candidate> {
    let kinds = guess_kinds(text);
    let names = repeated_place_names(text);

    // Numbered items with their level (styles get levels in order of first appearance).
    let mut levels: Vec<Style> = Vec::new();
    struct Item {
        level: usize,
        marker: String,
        title: String,
        /// The whole text after the marker.
        rest: String,
        body: Vec<String>,
        line: usize,
        path: Vec<usize>,
        has_children: bool,
    }
    let mut items: Vec<Item> = Vec::new();
    // Open ancestors: (level, path, children so far); the root is level `usize::MAX` by convention.
    let mut stack: Vec<(usize, Vec<usize>, usize)> = vec![(usize::MAX, Vec::new(), 0)];
    for p in paras {
        let Some(m) = numbering::recognise(&p.text) else {
            if let Some(last) = items.last_mut() {
                last.body.push(p.text.clone());
            }
            continue;
        };
        let level = match levels.iter().position(|s| *s == m.style) {
            Some(l) => l,
            None => {
                levels.push(m.style);
                levels.len() - 1
            }
        };
        while stack.len() > 1 && stack.last().is_some_and(|(l, _, _)| *l >= level) {
            stack.pop();
        }
        let parent = stack.last_mut().expect("root stays");
        parent.2 += 1;
        let mut path = parent.1.clone();
        path.push(parent.2);
        stack.push((level, path.clone(), 0));
        // Earlier items at shallower levels are this one's ancestors.
        for it in items.iter_mut().rev() {
            if it.level < level {
                it.has_children = true;
                break;
            }
        }
        let chars: Vec<char> = p.text.chars().collect();
        let rest: String = chars[m.span.end..].iter().collect();
        let rest = rest.trim_start_matches(['，', ',', '、', ' ', '　']).to_string();
        let (mut title, mut body) = split_lead(&rest);
        // A marker followed at once by a full stop (“四、。” in a noisy copy): lead with the next
        // sentence instead.
        while strip_end_punct(&title).trim().is_empty() && !body.is_empty() {
            (title, body) = split_lead(&body);
        }
        items.push(Item {
            level,
            marker: m.span.slice(&p.text).to_string(),
            title,
            rest: rest.clone(),
            body: if body.is_empty() { Vec::new() } else { vec![body] },
            line: p.line,
            path,
            has_children: false,
        });
    }

    let mut out = Vec::new();
    let mut section_slot: Vec<Option<&'static str>> = Vec::new();
    for it in &items {
        section_slot.truncate(it.level);
        let own = guess_slot(&it.title);
        let inherited = section_slot.iter().rev().flatten().next().copied();
        section_slot.push(own);
        if it.has_children && it.body.is_empty() {
            continue; // a section heading: it gives ids and slots to its children
        }
        if strip_end_punct(&it.title).trim().is_empty() {
            continue; // nothing but a marker
        }
        let slot = own.or(inherited).unwrap_or("requirements");
        let body = if it.body.is_empty() { it.rest.clone() } else { it.body.join("\n") };
        let mut vars = BTreeMap::new();
        let title = variablise(&it.title, &names, &mut vars);
        let variant = variablise(&body, &names, &mut vars);
        let id = format!("harvest.{}", it.path.iter().map(|n| n.to_string()).collect::<Vec<_>>().join("."));
        out.push(Candidate {
            id,
            title: strip_end_punct(&title),
            slot: slot.to_string(),
            kinds: kinds.clone(),
            vars,
            variants: vec![variant],
            line: it.line,
            marker: it.marker.clone(),
        });
    }
    out
}

/// The lead sentence (up to the first 。！？； or a heading's whole line) and the rest.
fn split_lead(rest: &str) -> (String, String) {
    match rest.char_indices().find(|(_, c)| "。！？；!?;".contains(*c)) {
        Some((i, c)) => {
            let title = rest[..i].trim().to_string();
            let body = rest[i + c.len_utf8()..].trim().to_string();
            (title, body)
        }
        None => (rest.trim().to_string(), String::new()),
    }
}

fn strip_end_punct(s: &str) -> String {
    s.trim_end_matches(|c: char| "。，；：！？,;:!? 　".contains(c)).to_string()
}

fn guess_kinds(text: &str) -> Vec<String> {
    let head: String = text.chars().take(400).collect();
    let welcome = head.contains("欢迎");
    let symposium = head.contains("座谈");
    match (welcome, symposium) {
        (true, false) => vec!["welcome".into()],
        (false, true) => vec!["symposium".into()],
        _ => vec!["welcome".into(), "symposium".into()],
    }
}

/// The slot a heading suggests, from its words.
fn guess_slot(title: &str) -> Option<&'static str> {
    const RULES: [(&str, &str); 9] = [
        ("欢迎", "welcome"),
        ("意义", "significance"),
        ("重要性", "significance"),
        ("形势", "situation"),
        ("成效", "situation"),
        ("成绩", "situation"),
        ("希望", "hopes"),
        ("支持", "support"),
        ("保障", "support"),
    ];
    RULES.iter().find(|(w, _)| title.contains(w)).map(|(_, s)| *s).or_else(|| {
        (title.contains("要求") || title.starts_with('要') || title.starts_with("切实"))
            .then_some("requirements")
    })
}

/// A place name used in the speech and the variable it becomes.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceName {
    pub name: String,
    pub var: String,
    /// The name without 市/县/区 and its variable, when the short form is used on its own too.
    pub short: Option<(String, String)>,
}

/// Words ending in 市 县 区 省 州 that are not place names.
const NOT_PLACES: &[&str] = &[
    "全市",
    "我市",
    "本市",
    "各市",
    "该市",
    "城市",
    "都市",
    "超市",
    "上市",
    "门市",
    "股市",
    "全县",
    "我县",
    "本县",
    "各县",
    "该县",
    "郡县",
    "全区",
    "我区",
    "本区",
    "各区",
    "该区",
    "地区",
    "社区",
    "园区",
    "景区",
    "小区",
    "城区",
    "市区",
    "片区",
    "辖区",
    "山区",
    "牧区",
    "新区",
    "灾区",
    "老区",
    "街区",
    "全省",
    "我省",
    "本省",
    "各省",
    "外省",
    "全州",
    "我州",
    "本州",
    "开发区",
    "示范区",
    "实验区",
    "保护区",
    "功能区",
];

/// Two-character names + 市/县/区/省/州 used at least twice, most frequent first, named after the
/// shared variable names: place, partner, then place_3 ….
pub fn repeated_place_names(text: &str) -> Vec<PlaceName> {
    let chars: Vec<char> = text.chars().collect();
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new(); // name → (count, first offset)
    for i in 2..chars.len() {
        if !"市县区省州".contains(chars[i]) {
            continue;
        }
        let (a, b) = (chars[i - 2], chars[i - 1]);
        if !placeholder::is_han(a) || !placeholder::is_han(b) {
            continue;
        }
        let word: String = [a, b, chars[i]].iter().collect();
        let tail: String = [b, chars[i]].iter().collect();
        if NOT_PLACES.contains(&word.as_str()) || NOT_PLACES.contains(&tail.as_str()) {
            continue;
        }
        if NOT_PLACES.iter().any(|w| {
            let w: Vec<char> = w.chars().collect();
            w.len() == 3 && i >= 3 && chars[i - 3..=i] == [w[0], w[1], w[2], chars[i]][..] // 开发区 etc.
        }) {
            continue;
        }
        let e = counts.entry(word).or_insert((0, i));
        e.0 += 1;
    }
    let mut names: Vec<(String, usize, usize)> =
        counts.into_iter().filter(|(_, (n, _))| *n >= 2).map(|(w, (n, first))| (w, n, first)).collect();
    names.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    names
        .into_iter()
        .enumerate()
        .map(|(i, (name, _, _))| {
            let var = match i {
                0 => "place".to_string(),
                1 => "partner".to_string(),
                n => format!("place_{}", n + 1),
            };
            let short: String = name.chars().take(2).collect();
            let short_alone = text.matches(&short).count() > text.matches(&name).count();
            let short_var = match i {
                0 => "place_short".to_string(),
                1 => "partner_short".to_string(),
                n => format!("place_{}_short", n + 1),
            };
            PlaceName { name, var, short: short_alone.then_some((short, short_var)) }
        })
        .collect()
}

/// Replace placeholders and repeated place names in `text` by `{{ var }}`, recording the variables.
fn variablise(text: &str, names: &[PlaceName], vars: &mut BTreeMap<String, String>) -> String {
    // Placeholders first (their spans are into the original text).
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut last = 0;
    let mut blank_no = 0;
    for ph in placeholder::find(text) {
        let mut end = ph.span.end;
        let next = chars.get(end).copied();
        let var = if next.is_some_and(|c| "市县区省州".contains(c)) {
            end += 1;
            "place".to_string()
        } else if chars[end..].iter().take(2).collect::<String>() == "同志" {
            "name".to_string()
        } else {
            blank_no += 1;
            format!("blank_{blank_no}")
        };
        // A placeholder `place` must not clash with a real place name's variable.
        let var = if var == "place" && names.iter().any(|n| n.var == "place") {
            "place_blank".to_string()
        } else {
            var
        };
        out.extend(&chars[last..ph.span.start]);
        out.push_str(&format!("{{{{ {var} }}}}"));
        vars.entry(var).or_insert_with(|| chars[ph.span.start..end].iter().collect());
        last = end;
    }
    out.extend(&chars[last.min(chars.len())..]);

    // Then place names: full names first, then short forms.
    let mut text = out;
    for n in names {
        if text.contains(&n.name) {
            text = text.replace(&n.name, &format!("{{{{ {} }}}}", n.var));
            vars.insert(n.var.clone(), n.name.clone());
        }
    }
    for n in names {
        if let Some((short, var)) = &n.short
            && text.contains(short.as_str())
        {
            text = text.replace(short.as_str(), &format!("{{{{ {var} }}}}"));
            vars.insert(var.clone(), short.clone());
        }
    }
    text
}

/// The candidates as a phrasebook YAML file in the canonical layout, each with a comment saying
/// where it came from.
pub fn to_yaml(candidates: &[Candidate], source: &str) -> String {
    let mut src = format!(
        "# 由 jianggao phrasebook harvest 从 {source} 采集的候选要点，请逐条审阅：\n\
         # 核对 slot 和 kinds，补写第二种表述（variants），把编号改成有意义的名字。\n"
    );
    for c in candidates {
        let one = serde_yaml::to_string(&[c]).unwrap_or_default();
        src.push_str(&format!("# 原文第 {} 行（{}）\n", c.line, c.marker));
        src.push_str(&one);
    }
    // Our own output always parses; fall back to the raw text if it somehow does not.
    super::fmt::format(&src, std::path::Path::new("harvest.yaml")).unwrap_or(src)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(c: &[Candidate]) -> Vec<(&str, &str)> {
        c.iter().map(|c| (c.id.as_str(), c.title.as_str())).collect()
    }

    const HEADINGS: &str = "\
在欢迎江宁市挂职干部座谈会上的讲话

同志们：
今天我们在青川市召开座谈会，欢迎江宁市的同志们来青川市挂职。

一、充分认识对口协作的重要意义
（一）协作是大势所趋。江宁市和青川市山水相连，合作由来已久。
（二）协作是民心所向。两地群众盼望更紧密的交流。
二、对挂职干部的几点希望
1. 加强学习。要尽快熟悉青川市情。
2. 深入调研。要多到基层走走看看。
";

    #[test]
    fn headings_become_ids_titles_and_variants() {
        let c = harvest(HEADINGS);
        assert_eq!(
            titles(&c),
            vec![
                ("harvest.1.1", "协作是大势所趋"),
                ("harvest.1.2", "协作是民心所向"),
                ("harvest.2.1", "加强学习"),
                ("harvest.2.2", "深入调研"),
            ]
        );
        assert_eq!(c[0].slot, "significance");
        assert_eq!(c[2].slot, "hopes");
        assert_eq!(c[0].kinds, vec!["welcome", "symposium"]);
        // Place names used twice or more become the shared variables.
        assert_eq!(c[0].variants, vec!["{{ partner }}和{{ place }}山水相连，合作由来已久。"]);
        assert_eq!(c[0].vars.get("place").map(String::as_str), Some("青川市"));
        assert_eq!(c[0].vars.get("partner").map(String::as_str), Some("江宁市"));
        assert_eq!(c[2].variants, vec!["要尽快熟悉{{ place }}情。"]);
        assert_eq!(c[2].line, 10);
    }

    #[test]
    fn paragraph_leads_and_sequences() {
        let text = "同志们：\n首先，我代表市委市政府，向大家表示热烈欢迎！\n其次，希望大家安心工作。\n\
                    最后，祝大家工作顺利。\n";
        let c = harvest(text);
        assert_eq!(titles(&c).len(), 3);
        assert_eq!(c[0].title, "我代表市委市政府，向大家表示热烈欢迎");
        assert_eq!(c[0].slot, "welcome");
        assert_eq!(c[0].variants, vec!["我代表市委市政府，向大家表示热烈欢迎！"]);

        let text = "一是要加强学习。学习是立身之本。\n二是要改进作风。作风连着民心。\n三是要严守纪律。纪律是生命线。\n";
        let c = harvest(text);
        assert_eq!(
            titles(&c),
            vec![("harvest.1", "要加强学习"), ("harvest.2", "要改进作风"), ("harvest.3", "要严守纪律")]
        );
        assert_eq!(c[1].variants, vec!["作风连着民心。"]);

        let text = "第一，提高站位。要把协作放在心上。\n第二，压实责任。要把任务落到人头。\n";
        assert_eq!(titles(&harvest(text)), vec![("harvest.1", "提高站位"), ("harvest.2", "压实责任")]);

        let text = "（1）摸清底数。逐村走访。\n（2）建立台账。一户一档。\n";
        assert_eq!(titles(&harvest(text)), vec![("harvest.1", "摸清底数"), ("harvest.2", "建立台账")]);
    }

    #[test]
    fn hard_wrapped_noisy_text_and_placeholders() {
        let text = "\
同志们：
　　一、关于××县的对口协作
　　近年来，××县与江宁市携手推进产业协作，建成
了一批合作园区，带动了当地群众务工就业、持续
增收。
- 2 -
　　二、下一步工作要求
　　要坚持问题导向，聚焦江宁市企业的用工需求，组
织好劳务对接。请××同志牵头落实。

— 3 —
";
        let c = harvest(text);
        assert_eq!(
            titles(&c),
            vec![("harvest.1", "关于{{ place_blank }}的对口协作"), ("harvest.2", "下一步工作要求")]
        );
        assert_eq!(
            c[0].variants,
            vec![
                "近年来，{{ place_blank }}与{{ place }}携手推进产业协作，建成了一批合作园区，带动了当地群众务工就业、持续增收。"
            ]
        );
        assert_eq!(c[0].vars.get("place_blank").map(String::as_str), Some("××县"));
        assert_eq!(c[0].vars.get("place").map(String::as_str), Some("江宁市"));
        assert!(!c[0].variants[0].contains("2"), "page number dropped: {:?}", c[0].variants);
        assert_eq!(
            c[1].variants[0],
            "要坚持问题导向，聚焦{{ place }}企业的用工需求，组织好劳务对接。请{{ name }}同志牵头落实。"
        );
        assert_eq!(c[1].vars.get("name").map(String::as_str), Some("××"));
        assert_eq!(c[1].slot, "requirements");
    }

    #[test]
    fn web_copies_with_glosses_and_traditional_script() {
        let text = "一、深化東西部協(xié)作\n　　兩地要加強產業對接，把園區共建做實。\n二、加强干部交流\n　　互派干部要常態化。\n";
        let c = harvest(text);
        assert_eq!(titles(&c), vec![("harvest.1", "深化东西部协作"), ("harvest.2", "加强干部交流")]);
        assert_eq!(c[0].variants, vec!["两地要加强产业对接，把园区共建做实。"]);
        assert_eq!((c[0].line, c[1].line), (1, 3));
    }

    #[test]
    fn bare_markers_never_make_empty_titles() {
        let c = harvest("一、\n二、严守纪律。不越红线。\n");
        assert_eq!(titles(&c), vec![("harvest.2", "严守纪律")]);
        let p = |text: &str, line| Paragraph { text: text.into(), line };
        let c = harvest_paragraphs(&[p("一、。要抓好落实。", 1), p("二、。", 2)], "");
        assert_eq!(titles(&c), vec![("harvest.1", "要抓好落实")]);
    }

    #[test]
    fn yaml_output_is_canonical_and_loads() {
        let c = harvest(HEADINGS);
        let yaml = to_yaml(&c, "讲话.txt");
        assert!(yaml.starts_with("# 由 jianggao phrasebook harvest 从 讲话.txt"));
        assert!(
            yaml.contains("# 原文第 10 行（1.）\n- id: harvest.2.1\n  title: 加强学习\n  slot: hopes\n"),
            "{yaml}"
        );
        assert_eq!(super::super::fmt::format(&yaml, std::path::Path::new("h.yaml")).unwrap(), yaml);
        let v: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap();
        assert_eq!(v.as_sequence().unwrap().len(), 4);
    }
}
