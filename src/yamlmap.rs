//! Where each node of a YAML document starts: a map from node path (`[3].variants[1]`) to its
//! 1-based line and column, built with a span-aware parser.
//!
//! serde_yaml reports locations only for syntax and type errors; semantic checks (a duplicate id,
//! an unknown point in an outline) look the offending node up here instead. Columns count Unicode
//! scalars, as everywhere in jianggao.

use std::collections::HashMap;
use std::fmt;

use saphyr_parser::{Event, Parser, Span};

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

/// Locations of every node in one YAML document. Built leniently: a document the span parser
/// cannot read gives an empty (or partial) map, and lookups fall back to the nearest ancestor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YamlMap {
    nodes: HashMap<NodePath, NodePos>,
    /// Keys written twice in one mapping: the second occurrence of each, in document order.
    duplicates: Vec<(NodePath, Pos)>,
}

impl YamlMap {
    /// Locate every node of the first document in `text`.
    pub fn build(text: &str) -> YamlMap {
        YamlMap::build_to_depth(text, usize::MAX)
    }

    /// Locate only nodes at most `depth` steps below the root (`[3].id` is depth 2): cheaper when
    /// only the outer structure is needed on the hot path, with [`YamlMap::build`] kept for errors.
    pub fn build_to_depth(text: &str, depth: usize) -> YamlMap {
        let mut b = Builder { map: YamlMap::default(), stack: Vec::new(), depth };
        let mut parser = Parser::new_from_str(text);
        while let Some(Ok((event, span))) = parser.next_event() {
            match b.event(event, span) {
                Flow::Continue => {}
                Flow::Stop => break,
            }
        }
        b.map
    }

    /// Mapping keys written twice, at their second occurrence, in document order.
    pub fn duplicate_keys(&self) -> &[(NodePath, Pos)] {
        &self.duplicates
    }

    /// The node at `path`, if the document has it.
    pub fn get(&self, path: &NodePath) -> Option<NodePos> {
        self.nodes.get(path).copied()
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
        let mut p = path.clone();
        loop {
            if let Some(n) = self.nodes.get(&p) {
                return Some(*n);
            }
            if p.0.is_empty() {
                return None;
            }
            p.0.pop();
        }
    }
}

enum Flow {
    Continue,
    Stop,
}

/// One open collection while walking the event stream.
enum Frame {
    Seq {
        path: NodePath,
        next: usize,
    },
    /// `pending` is the key just read (with its position), waiting for its value.
    Map {
        path: NodePath,
        pending: Option<(String, Pos)>,
    },
}

struct Builder {
    map: YamlMap,
    stack: Vec<Frame>,
    depth: usize,
}

fn pos_of(span: &Span) -> Pos {
    Pos { line: span.start.line(), column: span.start.col() + 1 }
}

impl Builder {
    fn event(&mut self, event: Event<'_>, span: Span) -> Flow {
        match event {
            Event::Scalar(value, ..) => {
                // A scalar in key position of a mapping is a key, not a node.
                if let Some(Frame::Map { pending, .. }) = self.stack.last_mut()
                    && pending.is_none()
                {
                    *pending = Some((value.into_owned(), pos_of(&span)));
                    return Flow::Continue;
                }
                self.place(pos_of(&span));
            }
            Event::Alias(_) => {
                self.place(pos_of(&span));
            }
            Event::SequenceStart(..) => {
                let path = self.place(pos_of(&span));
                self.stack.push(Frame::Seq { path, next: 0 });
            }
            Event::MappingStart(..) => {
                // A complex (non-scalar) key: give up on key tracking for this mapping by
                // treating it like any value; such keys never occur in our files.
                let path = self.place(pos_of(&span));
                self.stack.push(Frame::Map { path, pending: None });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                self.stack.pop();
            }
            Event::DocumentEnd => return Flow::Stop,
            _ => {}
        }
        Flow::Continue
    }

    /// Record a node starting at `pos` in the current container; returns its path.
    fn place(&mut self, pos: Pos) -> NodePath {
        // Below the depth limit nothing is recorded: keep the counters moving, skip the paths.
        if self.stack.len() > self.depth {
            match self.stack.last_mut() {
                Some(Frame::Seq { next, .. }) => *next += 1,
                Some(Frame::Map { pending, .. }) => *pending = None,
                None => {}
            }
            return NodePath::root();
        }
        let (path, key) = match self.stack.last_mut() {
            None => (NodePath::root(), None),
            Some(Frame::Seq { path, next }) => {
                let p = path.index(*next);
                *next += 1;
                (p, None)
            }
            Some(Frame::Map { path, pending }) => match pending.take() {
                Some((k, kpos)) => (path.key(&k), Some(kpos)),
                None => (path.key("?"), None),
            },
        };
        match self.map.nodes.entry(path.clone()) {
            std::collections::hash_map::Entry::Occupied(_) => {
                if let Some(k) = key {
                    self.map.duplicates.push((path.clone(), k));
                }
            }
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(NodePos { value: pos, key });
            }
        }
        path
    }
}

/// A serde_yaml error on `text` as one of ours ([`crate::config::yaml_error`]), moved to the
/// repeated key for serde's “duplicate entry”, which serde places at the mapping's start.
pub fn yaml_error(text: &str, path: &std::path::Path, err: &serde_yaml::Error, what: &str) -> crate::Error {
    let e = crate::config::yaml_error(path, err, what);
    let msg = err.to_string();
    let Some((_, rest)) = msg.split_once("duplicate entry with key ") else { return e };
    let key = rest.split(" at line ").next().unwrap_or(rest).trim_matches('"');
    let map = YamlMap::build(text);
    let dup = map.duplicate_keys().iter().find(|(p, _)| p.0.last() == Some(&Seg::Key(key.to_string())));
    match dup.or(map.duplicate_keys().first()) {
        Some((_, pos)) => e.with_location(crate::error::Location::at(path, pos.line, pos.column)),
        None => e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let e = yaml_error(text, std::path::Path::new("提纲.yaml"), &err, "提纲格式有误").to_string();
        assert!(e.starts_with("错误：提纲.yaml:5:3：提纲格式有误：字段 place 重复"), "{e}");
    }

    #[test]
    fn broken_yaml_gives_a_partial_map_not_a_panic() {
        let m = YamlMap::build("a: [1, 2\nb: :\n");
        assert_eq!(m.value_pos(&NodePath::root().key("zzz")), p(1, 1));
    }
}
