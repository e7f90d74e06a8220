//! `phrasebook fmt`: one canonical YAML layout for phrasebook files, comments kept.
//!
//! serde drops comments, so this is a small layout-aware re-emitter: saphyr-parser gives the events
//! with their source positions, comments are found in the gaps between scalars, each comment is tied
//! to the nearest entry (before it: own-line comments; on its line: trailing comments), and the tree
//! is written back in the one layout: key order id, title, slot, kinds, tags, optional, vars,
//! variants (unknown keys after, in file order), two-space indentation, kinds/tags as flow lists,
//! a blank line between points, plain scalars where YAML allows, else double quotes; text with line
//! breaks as literal blocks. Scalar values are never changed, wrapped or re-flowed.

use std::path::Path;

use saphyr_parser::ScalarStyle;

use crate::yaml::{Kind, Node, parse};

use crate::error::{Error, Location, Result};

/// Key order of a point.
pub const POINT_KEYS: [&str; 8] = ["id", "title", "slot", "kinds", "tags", "optional", "vars", "variants"];
/// Key order of a `_formulas.yaml` entry.
pub const FORMULA_KEYS: [&str; 2] = ["text", "outdated"];
/// Lists written inline (`[a, b]`) when their items are short scalars without comments.
const FLOW_LISTS: [&str; 3] = ["kinds", "tags", "outdated"];

/// The canonical layout of one phrasebook file. `path` names the file in errors and decides the
/// key order (`_formulas*.yaml` files hold formulations, others points).
pub fn format(text: &str, path: &Path) -> Result<String> {
    let bom = text.starts_with('\u{FEFF}');
    let body = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let crlf = body.contains("\r\n");
    let src: String = if crlf { body.replace("\r\n", "\n") } else { body.to_string() };
    let formulas = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("_formulas"));
    let order: &[&str] = if formulas { &FORMULA_KEYS } else { &POINT_KEYS };

    let tree = parse(&src, path)?;
    let mut scalar_spans = Vec::new();
    if let Some(t) = &tree {
        t.scalar_spans(&mut scalar_spans);
    }
    let comments = find_comments(&src, &scalar_spans);
    let mut anchors = Vec::new();
    if let Some(t) = &tree {
        let chars: Vec<char> = src.chars().collect();
        collect_anchors(t, &chars, &mut anchors);
    }
    let notes = attach(&comments, &anchors);

    let mut out = Emitter { lines: Vec::new(), notes, order };
    // Points are paragraphs of their own; formulations are one-liners kept together.
    let spaced = !formulas;
    match &tree {
        None => {}
        Some(Node { kind: Kind::Seq(items), .. }) => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 && spaced && out.lines.last().is_some_and(|l| !l.is_empty()) {
                    out.lines.push(String::new());
                }
                out.seq_item(item, 0, true);
            }
        }
        Some(other) => {
            return Err(Error::input(
                Location::at(path, other.line, other.col),
                "素材库文件应是一个要点列表（每项以“- ”开头）",
            )
            .with_hint("参照 phrasebook/ 中的文件改写"));
        }
    }
    if !out.notes.trailing_file.is_empty() {
        if !out.lines.is_empty() {
            out.lines.push(String::new());
        }
        let tail = std::mem::take(&mut out.notes.trailing_file);
        out.own_comments(&tail, 0);
    }
    while out.lines.last().is_some_and(|l| l.is_empty()) {
        out.lines.pop();
    }
    let nl = if crlf { "\r\n" } else { "\n" };
    let mut text = out.lines.join(nl);
    if !text.is_empty() {
        text.push_str(nl);
    }
    if bom {
        text.insert(0, '\u{FEFF}');
    }
    Ok(text)
}

/// True when `text` is already in the canonical layout.
pub fn is_canonical(text: &str, path: &Path) -> Result<bool> {
    Ok(format(text, path)? == text)
}

// ---------------------------------------------------------------------------------------------
// Comments.

#[derive(Debug)]
struct Comment {
    /// Char offset of the `#`.
    pos: usize,
    line: usize,
    /// From `#` to the end of the line, trailing whitespace dropped.
    text: String,
    /// Nothing but whitespace before it on its line.
    own_line: bool,
    /// An own-line comment with an empty line just before / just after it (kept: writers group
    /// points under heading comments).
    blank_before: bool,
    blank_after: bool,
}

/// Every comment in `src`: a `#` at a line start or after whitespace, outside every scalar.
fn find_comments(src: &str, scalars: &[(usize, usize, usize)]) -> Vec<Comment> {
    let lines: Vec<&str> = src.split('\n').collect();
    let blank = |i: Option<usize>| i.and_then(|i| lines.get(i)).is_some_and(|l| l.trim().is_empty());
    let mut out = Vec::new();
    let mut offset = 0;
    for (i, line) in lines.iter().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        for (j, &c) in chars.iter().enumerate() {
            if c != '#' || (j > 0 && !chars[j - 1].is_whitespace()) {
                continue;
            }
            let pos = offset + j;
            if scalars.iter().any(|&(s, e, min_col)| s <= pos && pos < e && j >= min_col) {
                continue;
            }
            let text: String = chars[j..].iter().collect();
            let own_line = chars[..j].iter().all(|c| c.is_whitespace());
            out.push(Comment {
                pos,
                line: i + 1,
                text: text.trim_end().to_string(),
                own_line,
                blank_before: own_line && blank(i.checked_sub(1)),
                blank_after: own_line && i + 1 < lines.len() - 1 && blank(Some(i + 1)),
            });
            break;
        }
        offset += chars.len() + 1;
    }
    out
}

/// A place a comment can belong to: a map entry (its key) or a sequence item.
#[derive(Debug, Clone, Copy)]
struct Anchor {
    pos: usize,
    line: usize,
    /// An entry of a flow collection (`[a, b]`, `{k: v}`): a comment after it on its line
    /// belongs to the key holding the collection.
    in_flow: bool,
}

/// Anchors in source order, identified by their start offset (unique per entry/item: an item's
/// anchor and its first key's share the offset, so both share the comments, which are emitted once).
fn collect_anchors(node: &Node, src: &[char], out: &mut Vec<Anchor>) {
    let in_flow = matches!(src.get(node.start), Some('[' | '{'));
    match &node.kind {
        Kind::Scalar { .. } | Kind::Alias => {}
        Kind::Seq(items) => {
            for item in items {
                out.push(Anchor { pos: item.start, line: item.line, in_flow });
                collect_anchors(item, src, out);
            }
        }
        Kind::Map(entries) => {
            for (k, v) in entries {
                out.push(Anchor { pos: k.start, line: k.line, in_flow });
                collect_anchors(v, src, out);
            }
        }
    }
}

/// Comments by the anchor offset they belong to.
#[derive(Debug, Default)]
struct Notes {
    leading: std::collections::HashMap<usize, Vec<Own>>,
    trailing: std::collections::HashMap<usize, String>,
    trailing_file: Vec<Own>,
}

/// An own-line comment as emitted.
#[derive(Debug, Clone)]
struct Own {
    text: String,
    blank_before: bool,
    blank_after: bool,
}

fn attach(comments: &[Comment], anchors: &[Anchor]) -> Notes {
    let mut notes = Notes::default();
    for c in comments {
        if c.own_line {
            let own = Own { text: c.text.clone(), blank_before: c.blank_before, blank_after: c.blank_after };
            match anchors.iter().find(|a| a.pos > c.pos) {
                Some(a) => notes.leading.entry(a.pos).or_default().push(own),
                None => notes.trailing_file.push(own),
            }
        } else {
            let before: Vec<&Anchor> = anchors.iter().filter(|a| a.pos < c.pos && !a.in_flow).collect();
            let on_line = before.iter().rev().find(|a| a.line == c.line).or(before.last());
            match on_line {
                Some(a) => {
                    let slot = notes.trailing.entry(a.pos).or_default();
                    if !slot.is_empty() {
                        slot.push(' ');
                    }
                    slot.push_str(&c.text);
                }
                None => notes.leading.entry(0).or_default().push(Own {
                    text: c.text.clone(),
                    blank_before: false,
                    blank_after: false,
                }),
            }
        }
    }
    notes
}

// ---------------------------------------------------------------------------------------------
// Emitting.

struct Emitter<'a> {
    lines: Vec<String>,
    notes: Notes,
    order: &'a [&'a str],
}

impl Emitter<'_> {
    fn leading(&mut self, pos: usize, indent: usize) {
        if let Some(cs) = self.notes.leading.remove(&pos) {
            self.own_comments(&cs, indent);
        }
    }

    fn own_comments(&mut self, cs: &[Own], indent: usize) {
        for c in cs {
            if c.blank_before && self.lines.last().is_some_and(|l| !l.is_empty()) {
                self.lines.push(String::new());
            }
            self.lines.push(format!("{}{}", " ".repeat(indent), c.text));
            if c.blank_after {
                self.lines.push(String::new());
            }
        }
    }

    /// Append the trailing comment of `pos` to the line at `line_index`.
    fn trailing(&mut self, pos: usize, line_index: usize) {
        if let Some(c) = self.notes.trailing.remove(&pos) {
            let line = &mut self.lines[line_index];
            line.push_str("  ");
            line.push_str(&c);
        }
    }

    /// One sequence item at `indent` (the dash's column); `top` for a file's points.
    fn seq_item(&mut self, item: &Node, indent: usize, top: bool) {
        let pad = " ".repeat(indent);
        self.leading(item.start, indent);
        match &item.kind {
            Kind::Map(entries) if !entries.is_empty() => {
                let sorted = self.sorted(entries, top);
                // Comments of the first emitted key go above the dash: nothing fits between.
                self.leading(sorted[0].0.start, indent);
                let first_line = self.lines.len();
                for (i, (k, v)) in sorted.iter().enumerate() {
                    let prefix = if i == 0 { format!("{pad}- ") } else { format!("{pad}  ") };
                    self.entry(k, v, &prefix, indent + 2);
                }
                self.trailing(item.start, first_line);
            }
            _ => {
                let at = self.lines.len();
                self.value_lines(item, &format!("{pad}- "), indent + 2);
                self.trailing(item.start, at);
            }
        }
    }

    fn sorted<'n>(&self, entries: &'n [(Node, Node)], top: bool) -> Vec<&'n (Node, Node)> {
        let mut sorted: Vec<&(Node, Node)> = entries.iter().collect();
        if top {
            let rank = |k: &Node| {
                k.as_str().and_then(|s| self.order.iter().position(|o| *o == s)).unwrap_or(self.order.len())
            };
            sorted.sort_by_key(|(k, _)| rank(k)); // stable: unknown keys keep file order
        }
        sorted
    }

    /// `key: value` with `prefix` before the key; nested content at `indent + 2`.
    fn entry(&mut self, key: &Node, value: &Node, prefix: &str, indent: usize) {
        if !prefix.trim_start().starts_with('-') {
            self.leading(key.start, indent);
        }
        let at = self.lines.len();
        let k = key.as_str().map(|s| scalar_inline(s, &ScalarStyle::Plain, false)).unwrap_or_default();
        let head = format!("{prefix}{k}:");
        let flow_ok = key.as_str().is_some_and(|k| FLOW_LISTS.contains(&k));
        match &value.kind {
            Kind::Scalar { .. } | Kind::Alias => self.value_lines(value, &format!("{head} "), indent + 2),
            Kind::Seq(items) if items.is_empty() => self.lines.push(format!("{head} []")),
            Kind::Map(entries) if entries.is_empty() => self.lines.push(format!("{head} {{}}")),
            Kind::Seq(items) if flow_ok && self.flowable(items) => {
                let parts: Vec<String> = items
                    .iter()
                    .map(|n| match &n.kind {
                        Kind::Scalar { value, style } => scalar_inline(value, style, true),
                        _ => unreachable!("flowable checked"),
                    })
                    .collect();
                self.lines.push(format!("{head} [{}]", parts.join(", ")));
            }
            Kind::Seq(items) => {
                self.lines.push(head);
                for item in items {
                    self.seq_item(item, indent + 2, false);
                }
            }
            Kind::Map(entries) => {
                self.lines.push(head);
                let pad = " ".repeat(indent + 2);
                for (k, v) in entries {
                    self.entry(k, v, &pad, indent + 2);
                }
            }
        }
        self.trailing(key.start, at);
    }

    /// Short single-line scalars without comments of their own go in a flow list.
    fn flowable(&self, items: &[Node]) -> bool {
        items.iter().all(|n| {
            matches!(&n.kind, Kind::Scalar { value, .. } if !value.contains('\n'))
                && !self.notes.leading.contains_key(&n.start)
                && !self.notes.trailing.contains_key(&n.start)
        })
    }

    /// A value after `head` (`- ` or `key: `): scalars inline or as a literal block, collections
    /// nested below (for sequence items holding collections).
    fn value_lines(&mut self, node: &Node, head: &str, indent: usize) {
        match &node.kind {
            Kind::Scalar { value, style } => match literal_block(value) {
                Some((indicator, body)) => {
                    self.lines.push(format!("{head}{indicator}"));
                    let pad = " ".repeat(indent);
                    for l in body {
                        self.lines.push(if l.is_empty() { String::new() } else { format!("{pad}{l}") });
                    }
                }
                None => self.lines.push(format!("{head}{}", scalar_inline(value, style, false))),
            },
            // `parse` rejects aliases: none reaches the emitter.
            Kind::Alias => {}
            Kind::Seq(items) if items.is_empty() => self.lines.push(format!("{head}[]")),
            Kind::Map(entries) if entries.is_empty() => self.lines.push(format!("{head}{{}}")),
            Kind::Seq(items) => {
                // `- - x` is legal but unreadable: put nested lists on their own lines.
                self.lines.push(head.trim_end().to_string());
                for item in items {
                    self.seq_item(item, indent, false);
                }
            }
            Kind::Map(entries) => {
                let pad = " ".repeat(indent);
                for (i, (k, v)) in entries.iter().enumerate() {
                    let prefix = if i == 0 { head.to_string() } else { pad.clone() };
                    self.entry(k, v, &prefix, indent);
                }
            }
        }
    }
}

/// A scalar on one line: plain where YAML reads it back as the same string, else double-quoted.
/// A value written plain in the file stays plain (so `count: 12` stays a number).
fn scalar_inline(value: &str, style: &ScalarStyle, flow: bool) -> String {
    let was_plain = matches!(style, ScalarStyle::Plain);
    if plain_safe(value, flow) && (was_plain || !looks_typed(value)) {
        value.to_string()
    } else if value.chars().any(|c| c.is_control() || c == '\u{FEFF}') {
        double_quoted(value)
    } else {
        // Single quotes keep the text verbatim: only ' itself is doubled, no escapes.
        format!("'{}'", value.replace('\'', "''"))
    }
}

fn plain_safe(s: &str, flow: bool) -> bool {
    let Some(first) = s.chars().next() else { return false };
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) || first.is_whitespace() {
        return false;
    }
    if s.ends_with(char::is_whitespace) || s.ends_with(':') {
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.chars().any(|c| c.is_control() || c == '\u{FEFF}') {
        return false;
    }
    !(flow && s.contains([',', '[', ']', '{', '}']))
}

/// Would a plain scalar with this text be read as something other than a string?
fn looks_typed(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    matches!(lower.as_str(), "~" | "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n")
        || lower.parse::<f64>().is_ok()
        || lower.starts_with("0x")
        || lower.starts_with("0o")
        || matches!(lower.as_str(), ".inf" | "-.inf" | "+.inf" | ".nan")
}

fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || c == '\u{FEFF}' => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A multi-line value as a literal block: the indicator (`|`, `|-`, `|+`) and the content lines.
/// `None` when the value is one line or cannot be a literal block exactly.
fn literal_block(value: &str) -> Option<(&'static str, Vec<&str>)> {
    let core = value.trim_end_matches('\n');
    if !core.contains('\n') {
        return None;
    }
    let first = core.lines().next().unwrap_or("");
    let bad = first.starts_with([' ', '\t'])
        || core.chars().any(|c| (c.is_control() && c != '\n') || c == '\u{FEFF}')
        || core.lines().any(|l| l.ends_with([' ', '\t']));
    if bad || core.is_empty() {
        return None;
    }
    let trailing = value.len() - core.len();
    let indicator = match trailing {
        0 => "|-",
        1 => "|",
        _ => "|+",
    };
    let mut body: Vec<&str> = core.split('\n').collect();
    if trailing > 1 {
        body.extend(std::iter::repeat_n("", trailing - 1));
    }
    Some((indicator, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(text: &str) -> String {
        format(text, Path::new("welcome.yaml")).unwrap()
    }

    const MESSY: &str = "\
# 欢迎讲话的开场要点
-   variants:
      - '首先，我代表{{ place }}，向大家表示热烈欢迎！'   # 短的
      # 长的一条
      - \"{{ place }}山清水秀，今天迎来了远方的亲人。\"
    id: welcome.greeting.on-behalf   # 稳定编号
    kinds:
      - welcome
    title: 代表{{ place }}表示欢迎
    vars: {place: 青川市, count: 12}
    slot: welcome
-   {id: welcome.greeting.short, title: 简短问候, slot: welcome, kinds: [welcome, symposium], variants: [同志们好。]}
# 文件末尾的说明
";

    const CANONICAL: &str = "\
# 欢迎讲话的开场要点
- id: welcome.greeting.on-behalf  # 稳定编号
  title: 代表{{ place }}表示欢迎
  slot: welcome
  kinds: [welcome]
  vars:
    place: 青川市
    count: 12
  variants:
    - 首先，我代表{{ place }}，向大家表示热烈欢迎！  # 短的
    # 长的一条
    - '{{ place }}山清水秀，今天迎来了远方的亲人。'

- id: welcome.greeting.short
  title: 简短问候
  slot: welcome
  kinds: [welcome, symposium]
  variants:
    - 同志们好。

# 文件末尾的说明
";

    #[test]
    fn canonical_layout_keeps_comments_and_values() {
        let out = fmt(MESSY);
        assert_eq!(out, CANONICAL, "\n{out}");
        assert_eq!(fmt(&out), out, "idempotent");
        // Same data before and after.
        let a: serde_yaml::Value = serde_yaml::from_str(MESSY).unwrap();
        let b: serde_yaml::Value = serde_yaml::from_str(&out).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn multi_line_text_becomes_a_literal_block_and_long_lines_stay_whole() {
        let long = "这是一段很长的文字".repeat(30);
        let src = format!("- id: a.b\n  variants:\n    - \"第一行\\n第二行 # 不是注释\\n\"\n    - {long}\n");
        let out = fmt(&src);
        assert!(out.contains("    - |\n      第一行\n      第二行 # 不是注释\n"), "{out}");
        assert!(out.contains(&format!("    - {long}\n")));
        assert_eq!(fmt(&out), out);
        let a: serde_yaml::Value = serde_yaml::from_str(&src).unwrap();
        let b: serde_yaml::Value = serde_yaml::from_str(&out).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn comments_around_block_scalars_are_kept() {
        let src =
            "- id: a\n  variants:\n    - |\n      第一行\n      # 这是正文\n    # 这是注释\n    - 第二条\n";
        let out = fmt(src);
        assert!(out.contains("      # 这是正文\n"), "{out}");
        assert!(out.contains("    # 这是注释\n    - 第二条\n"), "{out}");
        assert_eq!(fmt(&out), out);
    }

    #[test]
    fn quotes_only_what_needs_quoting() {
        let src = "- id: a\n  vars: {year: '2026', count: 12, place: '青川市', note: 'a: b'}\n  variants: ['yes', \"{{ x }}\"]\n";
        let out = fmt(src);
        assert!(
            out.contains("    year: '2026'\n    count: 12\n    place: 青川市\n    note: 'a: b'\n"),
            "{out}"
        );
        assert!(out.contains("    - 'yes'\n    - '{{ x }}'\n"), "{out}");
        // A quote inside is doubled; control characters need double quotes.
        let out = fmt("- id: a\n  variants: [\"{{ x }}'s\", \"a\\tb\"]\n");
        assert!(out.contains("    - '{{ x }}''s'\n    - \"a\\tb\"\n"), "{out}");
    }

    #[test]
    fn blank_lines_around_heading_comments_are_kept() {
        let src = "# 文件说明\n\n# 第一组\n- text: 甲\n- text: 乙\n\n# 第二组\n- text: 丙\n";
        assert_eq!(format(src, Path::new("_formulas.yaml")).unwrap(), src);
        let src = "# 文件说明\n\n- id: a\n  title: 甲\n\n# 第二个\n- id: b\n  title: 乙\n";
        assert_eq!(fmt(src), src);
    }

    #[test]
    fn crlf_and_bom_are_kept() {
        let src = "\u{FEFF}- id: a\r\n  title: 标题\r\n";
        assert_eq!(fmt(src), src);
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let err = format("- id: a\n  title: [未闭合\n", Path::new("x.yaml")).unwrap_err();
        assert!(err.to_string().starts_with("错误：x.yaml:"), "{err}");
        let err = format("id: a\n", Path::new("x.yaml")).unwrap_err();
        assert!(err.to_string().contains("x.yaml:1:1"), "{err}");
    }

    #[test]
    fn formulas_files_use_their_own_key_order() {
        let src = "- outdated: [旧说法]\n  text: 新说法\n";
        assert_eq!(
            format(src, Path::new("_formulas.yaml")).unwrap(),
            "- text: 新说法\n  outdated: [旧说法]\n"
        );
    }

    /// Every YAML file the repository holds (shipped phrasebook, test fixtures): formatting is
    /// idempotent, keeps the data and keeps every comment line.
    #[test]
    fn idempotent_on_every_yaml_file_in_the_repository() {
        fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
                    out.push(p);
                }
            }
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        walk(&root.join("phrasebook"), &mut files);
        walk(&root.join("tests/fixtures"), &mut files);
        walk(&root.join("examples"), &mut files);
        let mut checked = 0;
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            let Ok(once) = format(&text, &path) else { continue }; // not a list (an outline) or not YAML
            checked += 1;
            assert_eq!(format(&once, &path).unwrap(), once, "{}", path.display());
            let a: serde_yaml::Value = serde_yaml::from_str(&text).unwrap_or(serde_yaml::Value::Null);
            let b: serde_yaml::Value = serde_yaml::from_str(&once).unwrap_or(serde_yaml::Value::Null);
            assert_eq!(a, b, "{}", path.display());
            let comments = |t: &str| t.lines().filter(|l| l.trim_start().starts_with('#')).count();
            assert_eq!(comments(&text), comments(&once), "{}", path.display());
        }
        assert!(checked >= 10, "{checked}");
    }

    mod idempotence {
        use super::*;
        use proptest::prelude::*;

        fn scalar() -> impl Strategy<Value = String> {
            prop_oneof![
                "[一-龥]{1,12}",
                "[一-龥，。！、]{1,20}",
                Just("{{ place }}在这里".to_string()),
                Just("12".to_string()),
                Just("yes".to_string()),
                Just("a: b".to_string()),
                Just("多行\n文字\n".to_string()),
                Just("# 井号开头".to_string()),
                Just("带 #号".to_string()),
                Just("'单引号'".to_string()),
            ]
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]
            #[test]
            fn format_is_idempotent_and_keeps_data(
                points in proptest::collection::vec(
                    (scalar(), proptest::collection::vec(scalar(), 0..3), proptest::option::of("[一-龥]{2,6}"), any::<bool>()),
                    1..4,
                )
            ) {
                // Build a file in a non-canonical layout via serde (quotes and order vary), with comments.
                let mut src = String::from("# 头注释\n");
                for (i, (title, variants, comment, shuffle)) in points.iter().enumerate() {
                    let t = serde_json::to_string(title).unwrap();
                    let vs = serde_json::to_string(variants).unwrap();
                    if *shuffle {
                        src.push_str(&format!("- variants: {vs}\n  title: {t}\n  id: p.{i}\n"));
                    } else {
                        src.push_str(&format!("- id: p.{i}\n  title: {t}\n  variants: {vs}\n"));
                    }
                    if let Some(c) = comment {
                        src.push_str(&format!("  # {c}\n  kinds: [welcome]  # {c}\n"));
                    }
                }
                let once = fmt(&src);
                let twice = fmt(&once);
                prop_assert_eq!(&once, &twice);
                let a: serde_yaml::Value = serde_yaml::from_str(&src).unwrap();
                let b: serde_yaml::Value = serde_yaml::from_str(&once).unwrap();
                prop_assert_eq!(a, b);
                let comments_in = src.matches('#').count() - src.matches(" #号").count() - src.matches("# 井号").count();
                let comments_out = once.matches('#').count() - once.matches(" #号").count() - once.matches("# 井号").count();
                prop_assert_eq!(comments_in, comments_out);
            }
        }
    }
}
