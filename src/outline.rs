//! The outline a writer gives `draft`: kind, title, vars, sections of points (ids, inline text, picks).
//!
//! [`Outline::parse`] checks everything the outline alone can get wrong (syntax, types, unknown
//! fields, an unknown `kind`, an empty outline, a bad numbering style or date);
//! [`Outline::check_against`] checks it against a phrasebook (unknown or repeated ids, variables a
//! point needs but `vars` does not give). Every error names the outline's file:line:column and says
//! what to do. Picks are resolved while planning (by the drafting step), which reports a pick
//! nothing satisfies at the pick's own location.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_yaml::Value;

use crate::error::{Error, Location, Result};
use crate::phrasebook::{Kind, Phrasebook, Slot, VarValue, template_vars};
use crate::text::numbering::Style;
use crate::yaml::{self, NodePath, Pos, YamlMap};

/// The salutation used when the outline gives none.
pub const DEFAULT_SALUTATION: &str = "同志们";

/// The numbering hierarchy used when the outline gives none (GB/T 9704).
pub const DEFAULT_NUMBERING: [Style; 4] =
    [Style::HanComma, Style::HanParen, Style::ArabicDot, Style::ArabicParen];

/// A length target: characters, or minutes at the speech's rate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Length {
    Chars(usize),
    Minutes(f64),
}

impl Length {
    /// The target in 字 at `rate` 字/分钟.
    pub fn chars(self, rate: u32) -> usize {
        match self {
            Length::Chars(n) => n,
            Length::Minutes(m) => crate::count::chars_for_minutes(m, rate),
        }
    }
}

/// A choice the generator makes: up to `count` points of a slot, with any of `tags`, of a kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    pub slot: Option<Slot>,
    pub tags: Vec<String>,
    /// Defaults to the outline's kind.
    pub kind: Option<Kind>,
    pub count: usize,
}

/// What one entry of `opening`, `points` or `closing` asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemKind {
    /// A phrasebook id.
    Point(String),
    /// Inline text, with an optional lead title.
    Text {
        text: String,
        title: Option<String>,
    },
    Pick(Pick),
}

/// One entry with where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub kind: ItemKind,
    pub at: Pos,
}

/// One section: a numbered heading and its points.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub heading: String,
    pub length: Option<Length>,
    pub points: Vec<Item>,
    pub at: Pos,
}

/// A parsed, self-consistent outline.
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    /// The file as named in messages.
    pub path: PathBuf,
    pub kind: Kind,
    pub title: String,
    pub occasion: Option<String>,
    pub speaker: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub salutation: String,
    pub rate: Option<u32>,
    pub length: Option<Length>,
    /// Styles per level, outermost first; at least the default four levels.
    pub numbering: Vec<Style>,
    pub vars: BTreeMap<String, VarValue>,
    pub opening: Vec<Item>,
    pub sections: Vec<Section>,
    pub closing: Vec<Item>,
    /// Where `title`, `heading`s and top-level fields are, for later messages.
    map: YamlMap,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOutline {
    kind: String,
    title: String,
    #[serde(default)]
    occasion: Option<String>,
    #[serde(default)]
    speaker: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    salutation: Option<String>,
    #[serde(default)]
    rate: Option<u32>,
    #[serde(default)]
    length: Option<RawLength>,
    #[serde(default)]
    numbering: Option<Vec<String>>,
    #[serde(default)]
    vars: BTreeMap<String, VarValue>,
    #[serde(default)]
    opening: Vec<Value>,
    #[serde(default)]
    sections: Vec<RawSection>,
    #[serde(default)]
    closing: Vec<Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    heading: String,
    #[serde(default)]
    length: Option<RawLength>,
    #[serde(default)]
    points: Vec<Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLength {
    chars: Option<usize>,
    minutes: Option<f64>,
}

const FIELDS_HINT: &str = "提纲的字段为 kind、title、occasion、speaker、date、salutation、rate、length、numbering、vars、opening、sections、closing，格式见 README 的“提纲格式”";
const ITEM_HINT: &str =
    "每一项写素材编号（如 hopes.cadre.study）、text: 一段文字，或 pick: {slot: hopes, count: 2}";

impl Outline {
    /// Read and parse an outline file (UTF-8, BOM allowed).
    pub fn load(path: &Path) -> Result<Outline> {
        if path.is_dir() {
            return Err(Error::input(Location::file(path), "这是一个文件夹，不是提纲文件")
                .with_hint("请给出提纲的 .yaml 文件，如 examples/welcome.yaml"));
        }
        let bytes = crate::fsio::read_bytes(path)?;
        let mut text = String::from_utf8(bytes).map_err(|_| {
            Error::input(Location::file(path), "提纲不是 UTF-8 编码的文本")
                .with_hint("请在编辑器中另存为 UTF-8 编码")
        })?;
        if text.starts_with('\u{feff}') {
            text.remove(0);
        }
        Outline::parse(&text, path)
    }

    /// Parse outline text; `path` names the file in messages.
    pub fn parse(text: &str, path: &Path) -> Result<Outline> {
        let at = |p: Pos| Location::at(path, p.line, p.column);
        let empty = || {
            Error::input(Location::at(path, 1, 1), "提纲是空的")
                .with_hint("至少写上 kind、title 和一个 sections 小节；运行 jianggao init 可得到示例提纲")
        };
        yaml::check_bounds(text, path)?;
        let value: Value = match serde_yaml::from_str::<Value>(text) {
            Ok(Value::Null) => return Err(empty()),
            Ok(v) => v,
            Err(e) => return Err(yaml::error(text, path, &e, "提纲格式有误").with_hint(FIELDS_HINT)),
        };
        if !matches!(value, Value::Mapping(_)) {
            return Err(Error::input(Location::at(path, 1, 1), "提纲的最外层应是“字段: 值”的映射")
                .with_hint("第一行通常是 kind: welcome，见 README 的“提纲格式”"));
        }
        let raw: RawOutline = serde_yaml::from_str(text)
            .map_err(|e| yaml::error(text, path, &e, "提纲格式有误").with_hint(FIELDS_HINT))?;
        let map = YamlMap::build(text);
        let root = NodePath::root();

        let kind = Kind::parse(raw.kind.trim()).ok_or_else(|| {
            Error::input(at(map.value_pos(&root.key("kind"))), format!("未知的讲话类型 kind: {}", raw.kind))
                .with_hint("kind 只能是 welcome（欢迎讲话）或 symposium（座谈会讲话）")
        })?;
        if raw.title.trim().is_empty() {
            return Err(Error::input(at(map.value_pos(&root.key("title"))), "讲话标题 title 为空")
                .with_hint("写上标题，如“在欢迎江宁市第三批挂职干部座谈会上的讲话”"));
        }
        if let Some(d) = &raw.date
            && let Err(why) = crate::date::check(d)
        {
            return Err(Error::input(at(map.value_pos(&root.key("date"))), why)
                .with_hint("日期写作 YYYY-MM-DD，如 2026-03-18"));
        }
        if raw.rate == Some(0) {
            return Err(Error::input(at(map.value_pos(&root.key("rate"))), "语速 rate 不能为 0")
                .with_hint("rate 是每分钟字数，一般为 160 到 220"));
        }
        let length = convert_length(raw.length.as_ref(), &map, &root.key("length"), path)?;
        let mut numbering = DEFAULT_NUMBERING.to_vec();
        if let Some(styles) = &raw.numbering {
            for (i, name) in styles.iter().enumerate() {
                let style = Style::parse(name).ok_or_else(|| {
                    Error::input(
                        at(map.value_pos(&root.key("numbering").index(i))),
                        format!("不认识的序号样式 {name}"),
                    )
                    .with_hint("可用的序号样式：一、 （一） 1. （1） 一是 第一， 首先")
                })?;
                if i < numbering.len() {
                    numbering[i] = style;
                } else {
                    numbering.push(style);
                }
            }
        }

        let opening = convert_items(&raw.opening, &map, &root.key("opening"), path)?;
        let closing = convert_items(&raw.closing, &map, &root.key("closing"), path)?;
        let mut sections = Vec::with_capacity(raw.sections.len());
        for (i, s) in raw.sections.iter().enumerate() {
            let sp = root.key("sections").index(i);
            if s.heading.trim().is_empty() {
                return Err(Error::input(
                    at(map.value_pos(&sp.key("heading"))),
                    format!("第 {} 节的 heading 为空", i + 1),
                )
                .with_hint("写上小节标题，如“深刻认识东西部协作的重大意义”"));
            }
            sections.push(Section {
                heading: s.heading.trim().to_string(),
                length: convert_length(s.length.as_ref(), &map, &sp.key("length"), path)?,
                points: convert_items(&s.points, &map, &sp.key("points"), path)?,
                at: map.value_pos(&sp),
            });
        }
        if opening.is_empty() && closing.is_empty() && sections.iter().all(|s| s.points.is_empty()) {
            return Err(Error::input(at(map.value_pos(&root.key("sections"))), "提纲里没有任何要点")
                .with_hint("在 sections 的 points 下写素材编号、text: 文字或 pick: {slot: …}"));
        }

        Ok(Outline {
            path: path.to_path_buf(),
            kind,
            title: raw.title.trim().to_string(),
            occasion: raw.occasion.filter(|s| !s.trim().is_empty()),
            speaker: raw.speaker.filter(|s| !s.trim().is_empty()),
            date: raw.date,
            salutation: raw
                .salutation
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| DEFAULT_SALUTATION.into()),
            rate: raw.rate,
            length,
            numbering,
            vars: raw.vars,
            opening,
            sections,
            closing,
            map,
        })
    }

    /// The location of a node of this outline, for messages (e.g. `title`, `sections[1].heading`).
    pub fn location(&self, node: &NodePath) -> Location {
        let p = self.map.value_pos(node);
        Location::at(&self.path, p.line, p.column)
    }

    /// The location of an item.
    pub fn item_location(&self, item: &Item) -> Location {
        Location::at(&self.path, item.at.line, item.at.column)
    }

    /// Every item in speech order: opening, each section's points, closing.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.opening.iter().chain(self.sections.iter().flat_map(|s| &s.points)).chain(&self.closing)
    }

    /// Check the outline against a phrasebook: every id exists (else suggest the closest), no id
    /// is listed twice, and every variable a listed point, inline text, heading or the title uses
    /// is given in `vars`.
    pub fn check_against(&self, pb: &Phrasebook) -> Result<()> {
        let mut first: HashMap<&str, usize> = HashMap::new();
        for item in self.items() {
            match &item.kind {
                ItemKind::Point(id) => {
                    let Some(entry) = pb.get(id) else {
                        let near = pb.suggest(id, 3);
                        let hint = if near.is_empty() {
                            "请用 jianggao phrasebook list 查看可用编号，或改用 pick: {slot: …} 让程序挑选"
                                .to_string()
                        } else {
                            format!("是不是要写 {}？", near.join("、"))
                        };
                        return Err(Error::input(
                            self.item_location(item),
                            format!("素材库中没有编号为 {id} 的要点"),
                        )
                        .with_hint(hint));
                    };
                    if let Some(line) = first.get(id.as_str()) {
                        return Err(Error::input(
                            self.item_location(item),
                            format!("要点 {id} 在提纲中出现了两次（第 {line} 行已有）"),
                        )
                        .with_hint("同一要点在一篇讲话中只能用一次，请删去其一"));
                    }
                    first.insert(id, item.at.line);
                    self.check_point_vars(&entry.point, item)?;
                }
                ItemKind::Text { text, title } => {
                    for t in std::iter::once(text).chain(title) {
                        self.check_text_vars(t, self.item_location(item), "这段文字")?;
                    }
                }
                ItemKind::Pick(_) => {}
            }
        }
        self.check_text_vars(&self.title, self.location(&NodePath::root().key("title")), "标题")?;
        if let Some(o) = &self.occasion {
            self.check_text_vars(o, self.location(&NodePath::root().key("occasion")), "occasion")?;
        }
        for (i, s) in self.sections.iter().enumerate() {
            let node = NodePath::root().key("sections").index(i).key("heading");
            self.check_text_vars(&s.heading, self.location(&node), "小节标题")?;
        }
        Ok(())
    }

    /// Error when `point` (placed by `item`) uses a variable the outline does not give.
    pub fn check_point_vars(&self, point: &crate::phrasebook::Point, item: &Item) -> Result<()> {
        let missing: BTreeSet<String> =
            point.used_vars().into_iter().filter(|v| !self.vars.contains_key(v)).collect();
        if let Some(var) = missing.first() {
            let example =
                point.vars.get(var).map(|v| format!("{var}: {v}")).unwrap_or_else(|| format!("{var}: …"));
            return Err(Error::input(
                self.item_location(item),
                format!("要点 {} 需要变量 {var}，提纲的 vars 中没有", point.id),
            )
            .with_hint(format!("请在 vars 中加上 {example}")));
        }
        Ok(())
    }

    fn check_text_vars(&self, text: &str, loc: Location, what: &str) -> Result<()> {
        if let Some(var) = template_vars(text).into_iter().find(|v| !self.vars.contains_key(v)) {
            return Err(Error::input(loc, format!("{what}用到变量 {var}，提纲的 vars 中没有"))
                .with_hint(format!("请在 vars 中加上 {var}: …")));
        }
        Ok(())
    }
}

fn convert_length(
    raw: Option<&RawLength>,
    map: &YamlMap,
    node: &NodePath,
    path: &Path,
) -> Result<Option<Length>> {
    let Some(raw) = raw else { return Ok(None) };
    let p = map.value_pos(node);
    let err = |msg: &str| {
        Err(Error::input(Location::at(path, p.line, p.column), msg.to_string())
            .with_hint("篇幅写作 { chars: 1500 } 或 { minutes: 8 }，二者选一"))
    };
    match (raw.chars, raw.minutes) {
        (Some(0), None) => err("篇幅 chars 不能为 0"),
        (Some(c), None) => Ok(Some(Length::Chars(c))),
        (None, Some(m)) if m > 0.0 && m.is_finite() => Ok(Some(Length::Minutes(m))),
        (None, Some(_)) => err("篇幅 minutes 应为正数"),
        (Some(_), Some(_)) => err("篇幅不能同时给 chars 和 minutes"),
        (None, None) => err("篇幅没有给 chars 或 minutes"),
    }
}

fn convert_items(values: &[Value], map: &YamlMap, node: &NodePath, path: &Path) -> Result<Vec<Item>> {
    values.iter().enumerate().map(|(i, v)| convert_item(v, map, &node.index(i), path)).collect()
}

fn convert_item(v: &Value, map: &YamlMap, node: &NodePath, path: &Path) -> Result<Item> {
    let at = map.value_pos(node);
    let here = |p: Pos| Location::at(path, p.line, p.column);
    let bad = |p: Pos, msg: String| Err(Error::input(here(p), msg).with_hint(ITEM_HINT));
    let kind = match v {
        Value::String(s) if !s.trim().is_empty() => ItemKind::Point(s.trim().to_string()),
        Value::Mapping(m) => {
            let keys: Vec<&str> = m.keys().filter_map(Value::as_str).collect();
            if keys.len() != m.len() {
                return bad(at, "要点的字段名应是文字".into());
            }
            if m.contains_key("pick") {
                if let Some(k) = keys.iter().find(|k| **k != "pick") {
                    return bad(map.key_pos(&node.key(k)), format!("pick 项中不能再写 {k}"));
                }
                ItemKind::Pick(convert_pick(&m["pick"], map, &node.key("pick"), path)?)
            } else if m.contains_key("text") {
                if let Some(k) = keys.iter().find(|k| !matches!(**k, "text" | "title")) {
                    return bad(
                        map.key_pos(&node.key(k)),
                        format!("未知字段 {k}（文字项可用字段：text、title）"),
                    );
                }
                let text = match &m["text"] {
                    Value::String(s) if !s.trim().is_empty() => s.trim().to_string(),
                    _ => return bad(map.value_pos(&node.key("text")), "text 应是一段非空文字".into()),
                };
                let title = match m.get("title") {
                    None | Some(Value::Null) => None,
                    Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
                    Some(_) => return bad(map.value_pos(&node.key("title")), "title 应是一句文字".into()),
                };
                ItemKind::Text { text, title }
            } else {
                let k = keys.first().copied().unwrap_or("");
                return bad(map.key_pos(&node.key(k)), format!("不认识的要点写法（字段 {k}）"));
            }
        }
        _ => return bad(at, "不认识的要点写法".into()),
    };
    Ok(Item { kind, at })
}

fn convert_pick(v: &Value, map: &YamlMap, node: &NodePath, path: &Path) -> Result<Pick> {
    let loc = |n: &NodePath| {
        let p = map.value_pos(n);
        Location::at(path, p.line, p.column)
    };
    let hint = "pick 写作 {slot: hopes, tags: [学习], kind: welcome, count: 2}，各字段均可省略";
    let Value::Mapping(m) = v else {
        return Err(Error::input(loc(node), "pick 的内容应是映射").with_hint(hint));
    };
    let mut pick = Pick { slot: None, tags: Vec::new(), kind: None, count: 1 };
    for (k, val) in m {
        let key = k.as_str().unwrap_or("");
        let vn = node.key(key);
        match key {
            "slot" => {
                let name = val.as_str().unwrap_or("");
                pick.slot = Some(Slot::parse(name).ok_or_else(|| {
                    let all: Vec<&str> = Slot::ALL.iter().map(|s| s.name()).collect();
                    Error::input(loc(&vn), format!("不认识的 slot {}", display_value(val)))
                        .with_hint(format!("slot 可选：{}", all.join("、")))
                })?);
            }
            "kind" => {
                let name = val.as_str().unwrap_or("");
                pick.kind = Some(Kind::parse(name).ok_or_else(|| {
                    Error::input(loc(&vn), format!("未知的讲话类型 kind: {}", display_value(val)))
                        .with_hint("kind 只能是 welcome（欢迎讲话）或 symposium（座谈会讲话）")
                })?);
            }
            "tags" => {
                pick.tags = match val {
                    Value::String(s) => vec![s.clone()],
                    Value::Sequence(seq) if seq.iter().all(|t| t.as_str().is_some()) => {
                        seq.iter().filter_map(|t| t.as_str().map(str::to_string)).collect()
                    }
                    _ => {
                        return Err(
                            Error::input(loc(&vn), "tags 应是标签列表").with_hint("写作 tags: [学习, 调研]")
                        );
                    }
                }
            }
            "count" => {
                pick.count = match val.as_u64() {
                    Some(n @ 1..=50) => n as usize,
                    _ => {
                        return Err(Error::input(loc(&vn), format!("count {} 无效", display_value(val)))
                            .with_hint("count 是要挑选的要点个数，1 到 50"));
                    }
                }
            }
            other => {
                let p = map.key_pos(&vn);
                return Err(Error::input(
                    Location::at(path, p.line, p.column),
                    format!("pick 中的未知字段 {other}"),
                )
                .with_hint(hint));
            }
        }
    }
    Ok(pick)
}

fn display_value(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "（空）".into(),
        _ => "（复杂值）".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Outline> {
        Outline::parse(text, Path::new("提纲.yaml"))
    }

    fn err(text: &str) -> String {
        let e = parse(text).unwrap_err().to_string();
        assert!(!e.contains('\n'));
        e
    }

    const GOOD: &str = "\
kind: welcome
title: 在欢迎{{ partner }}挂职干部座谈会上的讲话
speaker: 市委书记
date: 2026-03-18
numbering: [一、, 一是]
length: { minutes: 6 }
vars: { place: 青川市, partner: 江宁市, count: 12 }
opening:
  - text: 今天，我们在这里召开座谈会。
sections:
  - heading: 提几点希望
    length: { chars: 400 }
    points:
      - hopes.cadre.study
      - pick: { slot: hopes, tags: [学习], count: 2 }
      - text: 要注意身体。
        title: 要保重身体
closing:
  - closing.wish.success
";

    #[test]
    fn parses_every_field_with_positions() {
        let o = parse(GOOD).unwrap();
        assert_eq!(o.kind, Kind::Welcome);
        assert_eq!(o.salutation, "同志们");
        assert_eq!(o.numbering, vec![Style::HanComma, Style::HanShi, Style::ArabicDot, Style::ArabicParen]);
        assert_eq!(o.length, Some(Length::Minutes(6.0)));
        assert_eq!(o.length.unwrap().chars(180), 1080);
        assert_eq!(o.vars["count"], VarValue::Int(12));
        let s = &o.sections[0];
        assert_eq!(s.length, Some(Length::Chars(400)));
        assert_eq!(s.points[0].kind, ItemKind::Point("hopes.cadre.study".into()));
        assert_eq!(s.points[0].at, Pos { line: 14, column: 9 });
        let ItemKind::Pick(p) = &s.points[1].kind else { panic!() };
        assert_eq!(p, &Pick { slot: Some(Slot::Hopes), tags: vec!["学习".into()], kind: None, count: 2 });
        assert_eq!(
            s.points[2].kind,
            ItemKind::Text { text: "要注意身体。".into(), title: Some("要保重身体".into()) }
        );
        assert_eq!(o.items().count(), 5);
    }

    #[test]
    fn unknown_kind_names_the_value_position() {
        let e = err(&GOOD.replace("kind: welcome", "kind: welcom"));
        assert!(
            e.starts_with("错误：提纲.yaml:1:7：未知的讲话类型 kind: welcom；kind 只能是 welcome"),
            "{e}"
        );
    }

    #[test]
    fn empty_outlines() {
        assert!(err("").starts_with("错误：提纲.yaml:1:1：提纲是空的"));
        assert!(err("# 只有注释\n").contains("提纲是空的"));
        let e = err("kind: welcome\ntitle: 讲话\nsections:\n  - heading: 一\n");
        assert!(e.starts_with("错误：提纲.yaml:4:3：提纲里没有任何要点"), "{e}");
    }

    #[test]
    fn malformed_yaml_and_unknown_fields() {
        let e = err("kind: welcome\ntitle: [未闭合\n");
        assert!(e.starts_with("错误：提纲.yaml:3:1：提纲格式有误"), "{e}");
        let e = err(&GOOD.replace("speaker:", "speker:"));
        assert!(e.starts_with("错误：提纲.yaml:3:1：提纲格式有误：未知字段 speker"), "{e}");
        let e = err("- 一\n- 二\n");
        assert!(e.contains("最外层"), "{e}");
    }

    #[test]
    fn bad_items_and_picks() {
        let e = err(&GOOD.replace("slot: hopes, tags", "slot: hope, tags"));
        assert!(e.starts_with("错误：提纲.yaml:15:23：不认识的 slot hope；slot 可选"), "{e}");
        let e = err(&GOOD.replace("count: 2 }", "count: 0 }"));
        assert!(e.contains(":15:49：count 0 无效"), "{e}");
        let e = err(&GOOD.replace("title: 要保重身体", "titel: 要保重身体"));
        assert!(e.starts_with("错误：提纲.yaml:17:9：未知字段 titel"), "{e}");
        let e = err(&GOOD.replace("- hopes.cadre.study", "- 12"));
        assert!(e.starts_with("错误：提纲.yaml:14:9：不认识的要点写法"), "{e}");
    }

    #[test]
    fn bad_numbering_date_and_length() {
        let e = err(&GOOD.replace("[一、, 一是]", "[一、, 甲]"));
        assert!(e.starts_with("错误：提纲.yaml:5:17：不认识的序号样式 甲"), "{e}");
        let e = err(&GOOD.replace("2026-03-18", "2026年3月18日"));
        assert!(e.starts_with("错误：提纲.yaml:4:7：日期 2026年3月18日 格式不对"), "{e}");
        let e = err(&GOOD.replace("2026-03-18", "2026-02-30"));
        assert!(
            e.starts_with("错误：提纲.yaml:4:7：日期 2026-02-30 不存在（2026 年 2 月只有 28 天）"),
            "{e}"
        );
        let e = err(&GOOD.replace("{ minutes: 6 }", "{ minutes: 6, chars: 100 }"));
        assert!(e.starts_with("错误：提纲.yaml:6:9：篇幅不能同时给"), "{e}");
    }
}
