//! The one YAML module: source positions and the mapping of serde_yaml's errors to ours
//! ([`error`]: file:line:column, the message in Chinese).
//!
//! YAML with source positions: one walk over saphyr-parser events builds a tree of [`Node`]s that
//! know where they start and end. [`parse`] is the strict reader of the phrasebook tools (`fmt`
//! keeps comments, `lint` reports line and column); [`YamlMap`] is the lenient view that looks
//! nodes up by path (`[3].variants[1]`), for loaders that locate semantic errors.
//!
//! serde_yaml reports locations only for syntax and type errors; semantic checks (a duplicate id,
//! an unknown point in an outline) look the offending node up here instead. Columns count Unicode
//! scalars, as everywhere in jianggao.

use std::cell::OnceCell;
use std::collections::HashSet;
use std::fmt;
use std::path::Path;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

use crate::error::{Error, Location, Result};
use crate::limits;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub kind: Kind,
    /// Char offset, 1-based line and 1-based column where the node starts.
    pub start: usize,
    pub line: usize,
    pub col: usize,
    /// Char offset where the node ends (scalars: including quotes / block content).
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Scalar {
        value: String,
        style: ScalarStyle,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
    /// A `*name` reference; only lenient trees ([`YamlMap`]) hold one, [`parse`] rejects it.
    Alias,
}

impl Node {
    /// Where comments cannot be: (start, end, least column) of every scalar. Block scalars hold
    /// a `#` line only when it is indented as far as their content.
    pub fn scalar_spans(&self, out: &mut Vec<(usize, usize, usize)>) {
        match &self.kind {
            Kind::Scalar { style: ScalarStyle::Literal | ScalarStyle::Folded, .. } => {
                out.push((self.start, self.end, self.col - 1))
            }
            Kind::Scalar { .. } => out.push((self.start, self.end, 0)),
            Kind::Alias => {}
            Kind::Seq(items) => items.iter().for_each(|n| n.scalar_spans(out)),
            Kind::Map(entries) => entries.iter().for_each(|(k, v)| {
                k.scalar_spans(out);
                v.scalar_spans(out);
            }),
        }
    }

    /// The value of `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.kind {
            Kind::Map(entries) => entries.iter().find(|(k, _)| k.as_str() == Some(key)).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The source offset (chars into the text given to [`parse`]) of scalar offset `at` in this
    /// scalar's value. Exact for plain and quoted one-line scalars without escapes and for literal
    /// blocks; otherwise the scalar's start (the line is still right for one-line values).
    pub fn source_offset(&self, src: &[char], at: usize) -> usize {
        let Kind::Scalar { value, style } = &self.kind else { return self.start };
        let raw: String = src.get(self.start..self.end.min(src.len())).unwrap_or(&[]).iter().collect();
        match style {
            ScalarStyle::Plain if raw == *value => self.start + at,
            ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted
                if raw.chars().count() == value.chars().count() + 2
                    && raw.chars().skip(1).take(value.chars().count()).eq(value.chars()) =>
            {
                self.start + 1 + at
            }
            ScalarStyle::Literal => {
                // Content lines start at the node's column; walk them line by line.
                let indent = self.col - 1;
                let mut line_start = self.start - indent;
                let mut rest = at;
                for line in value.split('\n') {
                    let n = line.chars().count();
                    if rest <= n {
                        return line_start + indent + rest;
                    }
                    rest -= n + 1;
                    // Next source line: skip to after the next newline.
                    let mut i = line_start;
                    while i < src.len() && src[i] != '\n' {
                        i += 1;
                    }
                    line_start = i + 1;
                    // Empty lines in the value may be shorter than the indentation in the file.
                }
                self.start
            }
            _ => self.start,
        }
    }

    /// Where the node starts, as line and column.
    pub fn pos(&self) -> Pos {
        Pos { line: self.line, column: self.col }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }
}

/// YAML text within bounds ([`crate::limits`]): its size, and its nesting, measured in one pass over
/// the span parser's events that stops at the first node too deep (serde_yaml's own parser takes
/// time quadratic in the depth before it gives up). Every YAML reader calls this first.
pub fn check_bounds(text: &str, path: &Path) -> Result<()> {
    if text.len() as u64 > limits::MAX_YAML_BYTES {
        return Err(limits::too_large(path, limits::Kind::Yaml, text.len() as u64));
    }
    if !could_nest_deeper(text, limits::MAX_YAML_DEPTH) {
        return Ok(());
    }
    let mut depth = 0usize;
    for ev in Parser::new_from_str(text) {
        let (ev, span) = match ev {
            Ok(ev) => ev,
            // Too deep for the span parser, or a syntax error before any node too deep: either
            // way the text goes no further (serde_yaml would spend its quadratic time on it).
            Err(e) => return Err(syntax_error(path, &e)),
        };
        match ev {
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                depth += 1;
                if depth > limits::MAX_YAML_DEPTH {
                    return Err(too_deep(path, span.start.line(), span.start.col() + 1));
                }
            }
            Event::SequenceEnd | Event::MappingEnd => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

fn too_deep(path: &Path, line: usize, column: usize) -> Error {
    Error::input(
        Location::at(path, line, column),
        format!("YAML 嵌套超过 {} 层（列表、映射套得太深）", limits::MAX_YAML_DEPTH),
    )
    .with_hint("提纲、配置和素材库都用不到这么深的层次；请检查缩进和 [ ] { } 是否成对")
}

/// An upper bound on the nesting depth of `text` exceeds `limit`. A block collection inside
/// another is indented further or opened by an indicator (`- `, `? `, `: `) on its line, a flow
/// collection by a bracket; so no line is deeper than its indentation + its indicators + the
/// brackets open at its deepest + 2, and one pass over the bytes spares the usual file a second parse.
fn could_nest_deeper(text: &str, limit: usize) -> bool {
    let mut flow = 0usize;
    for line in text.split('\n') {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let (mut indicators, mut peak) = (0usize, flow);
        for b in line.bytes() {
            match b {
                b'[' | b'{' => {
                    flow += 1;
                    peak = peak.max(flow);
                }
                b']' | b'}' => flow = flow.saturating_sub(1),
                b'-' | b'?' | b':' => indicators += 1,
                _ => {}
            }
        }
        if indent + indicators + peak + 2 > limit {
            return true;
        }
    }
    false
}

/// A span-parser syntax error as ours, at its place, in Chinese.
fn syntax_error(path: &Path, e: &saphyr_parser::ScanError) -> Error {
    let m = e.marker();
    if e.info().contains("recursion limit") {
        return too_deep(path, m.line(), m.col() + 1);
    }
    Error::input(
        Location::at(path, m.line(), m.col() + 1),
        format!("YAML 语法错误：{}", translate_syntax(e.info())),
    )
    .with_hint("请检查缩进、冒号和引号")
}

/// The YAML parsers' syntax messages (libyaml's wording, which both parsers share) in Chinese; an
/// uncommon one is kept as a detail.
pub fn translate_syntax(msg: &str) -> String {
    const TABLE: [(&str, &str); 24] = [
        ("recursion limit", "嵌套太深"),
        ("did not find expected key", "缺少“键:”，或这一行的缩进与上面不齐"),
        ("mapping values are not allowed", "这里不能再写“键: 值”（冒号后的内容要加引号，或检查缩进）"),
        ("mapping keys are not allowed", "这里不能写键（检查缩进）"),
        ("block sequence entries are not allowed", "这里不能开始“- ”列表（检查缩进）"),
        ("did not find expected '-' indicator", "列表项应以“- ”开头，且缩进对齐"),
        ("did not find expected node content", "这里缺少值"),
        ("expected ',' or ']'", "[ ] 没有成对，或列表项之间缺少逗号"),
        ("expected ',' or '}'", "{ } 没有成对，或项之间缺少逗号"),
        ("misplaced bracket", "括号放错了位置"),
        ("quoted scalar, found unexpected end of stream", "引号没有闭合"),
        ("found unexpected end of stream", "文件在结构未完时就结束了"),
        ("unexpected eof", "文件在结构未完时就结束了"),
        ("unexpected end of plain scalar", "文字没有正确结束"),
        ("found unknown escape character", "双引号里的 \\ 转义无效（要写反斜杠本身请用单引号）"),
        ("invalid unicode character escape", "双引号里的 \\u 转义无效"),
        ("tab", "不能用制表符（Tab）缩进，请改用空格"),
        ("cannot start any token", "出现了不能在这里开头的字符（如 @ ` %），请给这段文字加引号"),
        ("unexpected character", "出现了不能在这里开头的字符，请给这段文字加引号"),
        ("unknown anchor", "别名（*）引用了不存在的锚点（&）"),
        ("duplicated anchor", "锚点（&）重复"),
        ("could not find expected ':'", "缺少冒号“:”"),
        ("simple key expect", "缺少冒号“:”，或键写得太长"),
        ("indentation", "缩进有误"),
    ];
    let lower = msg.to_ascii_lowercase();
    // libyaml says where the construct began after a comma; the location is printed anyway.
    let head = lower.split(" at line ").next().unwrap_or(&lower);
    for (pattern, chinese) in TABLE {
        if head.contains(&pattern.to_ascii_lowercase()) {
            return chinese.to_string();
        }
    }
    format!("格式有误（详细信息：{}）", msg.split(" at line ").next().unwrap_or(msg).trim())
}

/// Parse one YAML document strictly: a syntax error, an anchor, alias or tag, or a second document
/// is an error at its place. `None` when the file holds no node (empty or comments only).
pub fn parse(src: &str, path: &Path) -> Result<Option<Node>> {
    check_bounds(src, path)?;
    // Every event first, so that a syntax error anywhere wins over a structural complaint.
    let mut events = Vec::new();
    for ev in Parser::new_from_str(src) {
        match ev {
            Ok((e, span)) => events.push((e, span)),
            Err(e) => return Err(syntax_error(path, &e)),
        }
    }
    let builder = Builder::new(src, Some(path), usize::MAX);
    let mut it = events.into_iter();
    let mut root = None;
    let mut docs = 0;
    while let Some((e, span)) = it.next() {
        match e {
            Event::DocumentStart(_) => {
                docs += 1;
                if docs > 1 {
                    return Err(Error::input(
                        Location::at(path, span.start.line(), span.start.col() + 1),
                        "一个素材库文件只能有一个 YAML 文档",
                    )
                    .with_hint("去掉多余的“---”，或拆成几个文件"));
                }
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
            other => {
                root = Some(builder.node(other, span, &mut it, 0)?);
            }
        }
    }
    Ok(root)
}

/// Turns events into nodes. Strict (with the file's path, for errors) or lenient (anything the
/// parser accepts, aliases as [`Kind::Alias`]); nodes deeper than `depth` are skipped.
struct Builder<'s> {
    src: &'s str,
    /// The text as scalars, made on the first quoted scalar (whose end needs a look at the text).
    chars: OnceCell<Vec<char>>,
    strict: Option<&'s Path>,
    depth: usize,
}

impl<'s> Builder<'s> {
    fn new(src: &'s str, strict: Option<&'s Path>, depth: usize) -> Self {
        Builder { src, chars: OnceCell::new(), strict, depth }
    }

    /// The node starting with event `e` at `level` below the root, its content read from `it`.
    fn node<'e>(
        &self,
        e: Event<'e>,
        span: Span,
        it: &mut impl Iterator<Item = (Event<'e>, Span)>,
        level: usize,
    ) -> Result<Node> {
        let (line, col) = (span.start.line(), span.start.col() + 1);
        let unsupported = |what: &str| match self.strict {
            Some(path) => {
                Err(Error::input(Location::at(path, line, col), format!("素材库文件不支持 YAML {what}"))
                    .with_hint("把内容直接写出来"))
            }
            None => Ok(()),
        };
        let is_seq = matches!(e, Event::SequenceStart(..));
        let kind = match e {
            Event::Scalar(value, style, anchor, tag) => {
                if anchor != 0 {
                    unsupported("锚点（&）")?;
                }
                if tag.is_some() {
                    unsupported("标签（!!）")?;
                }
                Kind::Scalar { value: value.into_owned(), style }
            }
            Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    unsupported("锚点或标签")?;
                }
                let (mut items, mut entries) = (Vec::new(), Vec::new());
                if level >= self.depth {
                    skip_content(it);
                } else {
                    while let Some((e, s)) = it.next() {
                        if matches!(e, Event::SequenceEnd | Event::MappingEnd) {
                            break;
                        }
                        let node = self.node(e, s, it, level + 1)?;
                        if is_seq {
                            items.push(node);
                        } else {
                            let Some((e, s)) = it.next() else { break };
                            entries.push((node, self.node(e, s, it, level + 1)?));
                        }
                    }
                }
                if is_seq { Kind::Seq(items) } else { Kind::Map(entries) }
            }
            Event::Alias(_) => {
                unsupported("别名（*）")?;
                Kind::Alias
            }
            _ => {
                let path = self.strict.unwrap_or(Path::new(""));
                return Err(Error::input(Location::at(path, line, col), "无法理解的 YAML 结构"));
            }
        };
        let start = span.start.index();
        let end = match &kind {
            // The parser's end for a quoted scalar can run past a comment after it: find the quote.
            Kind::Scalar { style: ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted, .. } => {
                let chars = self.chars.get_or_init(|| self.src.chars().collect());
                quoted_end(chars, start).unwrap_or(span.end.index())
            }
            _ => span.end.index(),
        };
        Ok(Node { kind, start, line, col, end })
    }
}

/// Consume the rest of a collection whose start was just read, through its end.
fn skip_content<'e>(it: &mut impl Iterator<Item = (Event<'e>, Span)>) {
    let mut open = 1usize;
    for (e, _) in it {
        match e {
            Event::SequenceStart(..) | Event::MappingStart(..) => open += 1,
            Event::SequenceEnd | Event::MappingEnd => {
                open -= 1;
                if open == 0 {
                    return;
                }
            }
            _ => {}
        }
    }
}

/// The offset just after the closing quote of the quoted scalar starting at `start`.
fn quoted_end(src: &[char], start: usize) -> Option<usize> {
    let q = *src.get(start)?;
    let mut i = start + 1;
    while i < src.len() {
        match src[i] {
            '\\' if q == '"' => i += 2,
            '\'' if q == '\'' && src.get(i + 1) == Some(&'\'') => i += 2,
            c if c == q => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// One step into a YAML document: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A path from the document root to a node.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct NodePath(pub Vec<Seg>);

impl NodePath {
    pub fn root() -> Self {
        NodePath(Vec::new())
    }

    /// This path extended by a key.
    pub fn key(&self, k: &str) -> Self {
        let mut v = self.0.clone();
        v.push(Seg::Key(k.to_string()));
        NodePath(v)
    }

    /// This path extended by a sequence index.
    pub fn index(&self, i: usize) -> Self {
        let mut v = self.0.clone();
        v.push(Seg::Index(i));
        NodePath(v)
    }

    /// The enclosing node's path (the root's parent is the root).
    pub fn parent(&self) -> Self {
        let mut v = self.0.clone();
        v.pop();
        NodePath(v)
    }
}

impl fmt::Display for NodePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(k) if i == 0 => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// A 1-based line and column (in scalars).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

/// Where one node is: its value, and for a mapping entry, its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodePos {
    /// Start of the node's value (for a block sequence item, the first scalar after `- `).
    pub value: Pos,
    /// Start of the key when the node is a mapping entry.
    pub key: Option<Pos>,
}

/// The nodes of one YAML document, looked up by path. Built leniently: a document the span parser
/// cannot read gives an empty (or partial) tree, and lookups fall back to the nearest ancestor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YamlMap {
    root: Option<Node>,
}

impl YamlMap {
    /// Locate every node of the first document in `text`.
    pub fn build(text: &str) -> YamlMap {
        YamlMap::build_to_depth(text, usize::MAX)
    }

    /// Locate only nodes at most `depth` steps below the root (`[3].id` is depth 2): cheaper when
    /// only the outer structure is needed on the hot path, with [`YamlMap::build`] kept for errors.
    pub fn build_to_depth(text: &str, depth: usize) -> YamlMap {
        let builder = Builder::new(text, None, depth);
        // Up to the first parse error or the end of the first document.
        let mut it = Parser::new_from_str(text)
            .map_while(|ev| ev.ok())
            .take_while(|(e, _)| !matches!(e, Event::DocumentEnd));
        let mut root = None;
        while let Some((e, span)) = it.next() {
            match e {
                Event::StreamStart | Event::StreamEnd | Event::DocumentStart(_) | Event::Nothing => {}
                other => {
                    root = builder.node(other, span, &mut it, 0).ok();
                    break;
                }
            }
        }
        YamlMap { root }
    }

    /// Mapping keys written twice, at their second occurrence, in document order.
    pub fn duplicate_keys(&self) -> Vec<(NodePath, Pos)> {
        fn walk(
            node: &Node,
            path: NodePath,
            key: Option<Pos>,
            seen: &mut HashSet<NodePath>,
            out: &mut Vec<(NodePath, Pos)>,
        ) {
            if !seen.insert(path.clone())
                && let Some(k) = key
            {
                out.push((path.clone(), k));
            }
            match &node.kind {
                Kind::Seq(items) => {
                    for (i, item) in items.iter().enumerate() {
                        walk(item, path.index(i), None, seen, out);
                    }
                }
                Kind::Map(entries) => {
                    for (k, v) in entries {
                        walk(v, path.key(key_name(k)), k.as_str().map(|_| k.pos()), seen, out);
                    }
                }
                Kind::Scalar { .. } | Kind::Alias => {}
            }
        }
        let mut out = Vec::new();
        if let Some(root) = &self.root {
            walk(root, NodePath::root(), None, &mut HashSet::new(), &mut out);
        }
        out
    }

    /// The node at `path`, if the document has it (under a key written twice, the first in
    /// document order that has it).
    pub fn get(&self, path: &NodePath) -> Option<NodePos> {
        self.find(&path.0)
    }

    fn find(&self, segs: &[Seg]) -> Option<NodePos> {
        fn find(node: &Node, segs: &[Seg], key: Option<&Node>) -> Option<NodePos> {
            let Some((seg, rest)) = segs.split_first() else {
                return Some(NodePos { value: node.pos(), key: key.map(Node::pos) });
            };
            match (seg, &node.kind) {
                (Seg::Index(i), Kind::Seq(items)) => find(items.get(*i)?, rest, None),
                (Seg::Key(name), Kind::Map(entries)) => entries
                    .iter()
                    .filter(|(k, _)| key_name(k) == name.as_str())
                    .find_map(|(k, v)| find(v, rest, k.as_str().map(|_| k))),
                _ => None,
            }
        }
        find(self.root.as_ref()?, segs, None)
    }

    /// Start of the value at `path`, or of the nearest ancestor that exists; (1, 1) at worst.
    pub fn value_pos(&self, path: &NodePath) -> Pos {
        self.nearest(path).map(|n| n.value).unwrap_or(Pos { line: 1, column: 1 })
    }

    /// Start of the key of the entry at `path` (falling back to its value, then to ancestors).
    pub fn key_pos(&self, path: &NodePath) -> Pos {
        self.nearest(path).map(|n| n.key.unwrap_or(n.value)).unwrap_or(Pos { line: 1, column: 1 })
    }

    fn nearest(&self, path: &NodePath) -> Option<NodePos> {
        (0..=path.0.len()).rev().find_map(|n| self.find(&path.0[..n]))
    }
}

/// A mapping key as a path step: its text, or `?` for a key that is not a scalar.
fn key_name(key: &Node) -> &str {
    key.as_str().unwrap_or("?")
}

/// A serde_yaml error on `text` as one of ours — file, 1-based line and column in scalars, the
/// message in Chinese — moved to the repeated key for serde's “duplicate entry”, which serde
/// places at the mapping's start. Every YAML reader (outline, phrasebook, formulas, config, front
/// matter) reports through this.
pub fn error(text: &str, path: &Path, err: &serde_yaml::Error, what: &str) -> Error {
    let e = serde_error(path, err, what);
    let msg = err.to_string();
    let Some((_, rest)) = msg.split_once("duplicate entry with key ") else { return e };
    let key = rest.split(" at line ").next().unwrap_or(rest).trim_matches('"');
    let dups = YamlMap::build(text).duplicate_keys();
    let dup = dups.iter().find(|(p, _)| p.0.last() == Some(&Seg::Key(key.to_string())));
    match dup.or(dups.first()) {
        Some((_, pos)) => e.with_location(Location::at(path, pos.line, pos.column)),
        None => e,
    }
}

/// A serde_yaml error as one of ours: file, 1-based line and column (in scalars), Chinese message.
fn serde_error(path: &Path, err: &serde_yaml::Error, what: &str) -> Error {
    let location = match err.location() {
        Some(loc) => Location::at(path, loc.line(), loc.column()),
        None => Location::file(path),
    };
    Error::input(location, format!("{what}：{}", translate_yaml_message(&err.to_string())))
}

/// serde's English messages, shortened and put into Chinese where the pattern is a common one.
pub fn translate_yaml_message(msg: &str) -> String {
    // Drop serde_yaml's own " at line X column Y" suffix: we print the location ourselves.
    let msg = msg.split(" at line ").next().unwrap_or(msg).trim();
    // And its node path prefix (`.[0]: `, `sections[1].points: `): the location already says where.
    let msg = match msg.split_once(": ") {
        Some((path, rest))
            if !path.is_empty()
                && path.chars().all(|c| c.is_ascii_alphanumeric() || "_-.[]".contains(c))
                && rest.starts_with(|c: char| c.is_ascii_lowercase()) =>
        {
            rest
        }
        _ => msg,
    };
    if let Some(rest) = msg.strip_prefix("duplicate entry with key ") {
        return format!("字段 {} 重复", rest.trim_matches('"'));
    }
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let field = rest.split(',').next().unwrap_or(rest).trim_matches('`');
        let expected = rest.split_once("expected ").map(|(_, e)| e.replace('`', "")).unwrap_or_default();
        return if expected.is_empty() {
            format!("未知字段 {field}")
        } else {
            format!("未知字段 {field}（可用字段：{expected}）")
        };
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        return format!("缺少必填字段 {}", rest.trim_matches('`'));
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let variant = rest.split(',').next().unwrap_or(rest).trim_matches('`');
        let expected = rest.split_once("expected ").map(|(_, e)| e.replace('`', "")).unwrap_or_default();
        return format!("取值 {variant} 无效（可选：{expected}）");
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        return match rest.split_once(", expected ") {
            Some((found, expected)) => {
                format!("类型不对：这里应是{}，写成了{}", type_name(expected), type_name(found))
            }
            None => format!("类型不对：{}", translate_detail(rest)),
        };
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        return match rest.split_once(", expected ") {
            Some((found, expected)) => {
                format!("取值不对：这里应是{}，写成了{}", type_name(expected), type_name(found))
            }
            None => format!("取值不对（详细信息：{rest}）"),
        };
    }
    if let Some(rest) = msg.strip_prefix("invalid length ") {
        return format!("个数不对（详细信息：{rest}）");
    }
    if msg.starts_with("data did not match any variant of untagged enum") {
        // The only untagged type is a variable's value.
        return "取值的类型不对：应是文字、整数、小数或 true/false".to_string();
    }
    if msg.starts_with("EOF while parsing") {
        return "文件在结构未完时就结束了".to_string();
    }
    if msg.starts_with("deserializing from YAML containing more than one document") {
        return "只能有一个 YAML 文档（去掉多余的“---”）".to_string();
    }
    if msg.starts_with("repetition limit exceeded") {
        return "别名（*）展开后过大".to_string();
    }
    if msg.starts_with("failed to parse YAML number") {
        return "数字的写法不对".to_string();
    }
    translate_syntax(msg)
}

/// A serde detail that is not one of the common patterns, marked as such.
fn translate_detail(rest: &str) -> String {
    format!("（详细信息：{rest}）")
}

/// serde's names for YAML types and values, as a writer would say them.
fn type_name(t: &str) -> String {
    let t = t.trim();
    let (head, value) = match t.split_once(' ') {
        Some((h, v)) => (h, v.trim_matches(|c| c == '`' || c == '"')),
        None => (t, ""),
    };
    let name = match head {
        "a" | "an" => return type_name(value),
        "sequence" => "列表",
        "map" | "struct" => "映射（字段: 值）",
        "string" => "文字",
        // serde's "path string" (PathBuf).
        "path" => "路径（文字）",
        "integer" | "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64" => "整数",
        "floating" | "f64" | "f32" => "数",
        "boolean" | "bool" => "true 或 false",
        "unit" | "null" => "空值",
        "any" => "一个值（文字、数、列表或映射）",
        "char" => "一个字",
        "unsigned" | "i128" | "u128" | "i8" | "i16" | "isize" => "整数",
        "option" => "一个值或空值",
        "newtype" | "tuple" | "enum" => "一个值",
        _ => return format!("“{t}”"),
    };
    if value.is_empty() || matches!(head, "struct" | "map" | "sequence" | "path" | "any" | "option" | "enum")
    {
        name.to_string()
    } else {
        format!("{name} {value}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_value_offsets_back_to_the_file() {
        let src = "- id: a\n  title: '欢迎{{ place }}'\n  variants:\n    - 第一句，有错\n    - |\n      第一行\n      第二行有错\n";
        let chars: Vec<char> = src.chars().collect();
        let root = parse(src, Path::new("x.yaml")).unwrap().unwrap();
        let Kind::Seq(points) = &root.kind else { panic!() };
        let p = &points[0];
        let idx = crate::text::LineIndex::new(src);
        let title = p.get("title").unwrap();
        assert_eq!(idx.line_col(title.source_offset(&chars, 2)), (2, 13));
        let Kind::Seq(vs) = &p.get("variants").unwrap().kind else { panic!() };
        assert_eq!(idx.line_col(vs[0].source_offset(&chars, 4)), (4, 11));
        assert_eq!(idx.line_col(vs[1].source_offset(&chars, 4 + 3)), (7, 10));
    }

    fn p(line: usize, column: usize) -> Pos {
        Pos { line, column }
    }

    #[test]
    fn locates_block_and_flow_nodes_in_scalar_columns() {
        let text = "- id: 欢迎.甲\n  kinds: [welcome, symposium]\n  variants:\n    - 第一段\n    - 第二段\n- id: b\n";
        let m = YamlMap::build(text);
        let first = NodePath::root().index(0);
        assert_eq!(m.get(&first).unwrap().value, p(1, 3));
        let id = first.key("id");
        assert_eq!(m.get(&id).unwrap(), NodePos { value: p(1, 7), key: Some(p(1, 3)) });
        assert_eq!(m.value_pos(&first.key("kinds").index(1)), p(2, 20));
        assert_eq!(m.value_pos(&first.key("variants").index(1)), p(5, 7));
        assert_eq!(m.value_pos(&NodePath::root().index(1).key("id")), p(6, 7));
        // A shallow map knows the items and their keys only.
        let shallow = YamlMap::build_to_depth(text, 2);
        assert_eq!(shallow.get(&id), m.get(&id));
        assert_eq!(shallow.get(&first.key("variants").index(1)), None);
        assert_eq!(
            shallow.get(&NodePath::root().index(1).key("id")),
            m.get(&NodePath::root().index(1).key("id"))
        );
        // A missing node falls back to its nearest ancestor.
        assert_eq!(m.value_pos(&first.key("tags").index(3)), p(1, 3));
        assert_eq!(first.key("variants").index(1).to_string(), "[0].variants[1]");
    }

    #[test]
    fn duplicate_keys_are_located_at_their_second_occurrence() {
        let text = "kind: welcome\ntitle: 一\nvars:\n  place: 甲\n  place: 乙\ntitle: 二\n";
        let m = YamlMap::build(text);
        let dups: Vec<String> =
            m.duplicate_keys().iter().map(|(p, pos)| format!("{p}@{}:{}", pos.line, pos.column)).collect();
        assert_eq!(dups, vec!["vars.place@5:3", "title@6:1"]);
        let err = serde_yaml::from_str::<serde_yaml::Value>(text).unwrap_err();
        let e = error(text, std::path::Path::new("提纲.yaml"), &err, "提纲格式有误").to_string();
        assert!(e.starts_with("错误：提纲.yaml:5:3：提纲格式有误：字段 place 重复"), "{e}");
    }

    #[test]
    fn serde_messages_in_chinese() {
        let nested = translate_yaml_message(".[0]: unknown field `note`, expected `id` at line 4 column 3");
        assert_eq!(nested, "未知字段 note（可用字段：id）");
        let keyed = translate_yaml_message("sections: invalid type: integer `5`, expected a sequence");
        assert_eq!(keyed, "类型不对：这里应是列表，写成了整数 5");
        assert_eq!(
            translate_yaml_message("invalid type: map, expected a string"),
            "类型不对：这里应是文字，写成了映射（字段: 值）"
        );
        assert_eq!(
            translate_yaml_message("invalid type: string \"八\", expected u32"),
            "类型不对：这里应是整数，写成了文字 八"
        );
        assert_eq!(
            translate_yaml_message("invalid type: sequence, expected path string"),
            "类型不对：这里应是路径（文字），写成了列表"
        );
        assert_eq!(translate_yaml_message("duplicate entry with key \"title\""), "字段 title 重复");
        assert_eq!(
            translate_yaml_message(
                "did not find expected key at line 3 column 1, while parsing a block mapping at line 1 column 1"
            ),
            "缺少“键:”，或这一行的缩进与上面不齐"
        );
        assert_eq!(translate_yaml_message("recursion limit exceeded at line 2 column 130"), "嵌套太深");
        assert_eq!(
            translate_yaml_message(
                "vars.place: data did not match any variant of untagged enum VarValue at line 3 column 10"
            ),
            "取值的类型不对：应是文字、整数、小数或 true/false"
        );
        assert_eq!(
            translate_yaml_message("invalid type: sequence, expected any YAML value"),
            "类型不对：这里应是一个值（文字、数、列表或映射），写成了列表"
        );
        assert_eq!(translate_yaml_message("something new"), "格式有误（详细信息：something new）");
    }

    #[test]
    fn broken_yaml_gives_a_partial_map_not_a_panic() {
        let m = YamlMap::build("a: [1, 2\nb: :\n");
        assert_eq!(m.value_pos(&NodePath::root().key("zzz")), p(1, 1));
    }

    #[test]
    fn one_walk_is_strict_for_parse_and_lenient_for_the_map() {
        let text = "base: &b\n  place: 礼堂\nvars: *b\nlist:\n  - 甲\n";
        let e = parse(text, Path::new("x.yaml")).unwrap_err().to_string();
        assert!(e.starts_with("错误：x.yaml:1:7：素材库文件不支持 YAML 锚点或标签"), "{e}");
        let m = YamlMap::build(text);
        assert_eq!(
            m.get(&NodePath::root().key("vars")).unwrap(),
            NodePos { value: p(3, 7), key: Some(p(3, 1)) }
        );
        assert_eq!(m.value_pos(&NodePath::root().key("list").index(0)), p(5, 5));
        assert_eq!(m.value_pos(&NodePath::root().key("base").key("place")), p(2, 10));
    }

    #[test]
    fn deep_yaml_is_refused_in_linear_time_at_its_place() {
        let path = Path::new("提纲.yaml");
        for n in [1_000usize, 100_000] {
            let flow_maps = format!("title: 讲话\nvars:\n  x: {}1{}\n", "{a: ".repeat(n), "}".repeat(n));
            let dashes = format!("sections:\n  {}x\n", "- ".repeat(n));
            let seqs = format!("a: {}{}\n", "[".repeat(n), "]".repeat(n));
            for text in [flow_maps, dashes, seqs] {
                // The scan stops at the first node too deep, so 100,000 levels return at once.
                let e = check_bounds(&text, path).unwrap_err().to_string();
                assert!(e.starts_with("错误：提纲.yaml:") && e.contains("嵌套超过 32 层"), "{e}");
            }
        }
        let indented: String = (0..40).map(|i| format!("{}k{i}:\n", " ".repeat(i * 2))).collect();
        let e = check_bounds(&format!("{indented}{}v\n", " ".repeat(80)), path).unwrap_err().to_string();
        assert!(e.starts_with("错误：提纲.yaml:33:65："), "{e}");
        // A real phrasebook file passes, and the cheap bound lets it pass without a second parse.
        let ok = "- id: hopes.study\n  title: 学习\n  slot: hopes\n  kinds: [welcome]\n  vars:\n    place: 青川\n  variants:\n    - 希望大家在{{ place }}学有所成。\n";
        assert!(check_bounds(ok, path).is_ok());
        assert!(!could_nest_deeper(ok, limits::MAX_YAML_DEPTH));
        let big = "a".repeat(limits::MAX_YAML_BYTES as usize + 1);
        assert!(check_bounds(&big, path).unwrap_err().to_string().contains("超过上限 4 MB"));
    }
}
