//! A YAML tree with source positions (saphyr-parser events), for the tools that must know where
//! each value sits in the file: `fmt` (to keep comments) and `lint` (to report line and column).

use std::path::Path;

use saphyr_parser::{Event, Parser, ScalarStyle};

use crate::error::{Error, Location, Result};

#[derive(Debug)]
pub struct Node {
    pub kind: Kind,
    /// Char offset, 1-based line and 1-based column where the node starts.
    pub start: usize,
    pub line: usize,
    pub col: usize,
    /// Char offset where the node ends (scalars: including quotes / block content).
    pub end: usize,
}

#[derive(Debug)]
pub enum Kind {
    Scalar { value: String, style: ScalarStyle },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
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

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }
}

/// Parse one YAML document; `None` when the file holds no node (empty or comments only).
pub fn parse(src: &str, path: &Path) -> Result<Option<Node>> {
    let mut events = Vec::new();
    for ev in Parser::new_from_str(src) {
        match ev {
            Ok((e, span)) => events.push((e, span)),
            Err(e) => {
                let m = e.marker();
                return Err(Error::input(
                    Location::at(path, m.line(), m.col() + 1),
                    format!("YAML 语法错误：{}", e.info()),
                )
                .with_hint("请检查缩进、冒号和引号"));
            }
        }
    }
    let chars: Vec<char> = src.chars().collect();
    let mut it = events.into_iter().peekable();
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
                root = Some(build(other, span, &mut it, path, &chars)?);
            }
        }
    }
    Ok(root)
}

type Events<'a> = std::iter::Peekable<std::vec::IntoIter<(Event<'a>, saphyr_parser::Span)>>;

fn build(
    e: Event<'_>,
    span: saphyr_parser::Span,
    it: &mut Events<'_>,
    path: &Path,
    src: &[char],
) -> Result<Node> {
    let (line, col) = (span.start.line(), span.start.col() + 1);
    let unsupported = |what: &str| {
        Error::input(Location::at(path, line, col), format!("素材库文件不支持 YAML {what}"))
            .with_hint("把内容直接写出来")
    };
    let kind = match e {
        Event::Scalar(value, style, anchor, tag) => {
            if anchor != 0 {
                return Err(unsupported("锚点（&）"));
            }
            if tag.is_some() {
                return Err(unsupported("标签（!!）"));
            }
            Kind::Scalar { value: value.into_owned(), style }
        }
        Event::SequenceStart(anchor, tag) => {
            if anchor != 0 || tag.is_some() {
                return Err(unsupported("锚点或标签"));
            }
            let mut items = Vec::new();
            while let Some((e, s)) = it.next() {
                if matches!(e, Event::SequenceEnd) {
                    break;
                }
                items.push(build(e, s, it, path, src)?);
            }
            Kind::Seq(items)
        }
        Event::MappingStart(anchor, tag) => {
            if anchor != 0 || tag.is_some() {
                return Err(unsupported("锚点或标签"));
            }
            let mut entries = Vec::new();
            while let Some((e, s)) = it.next() {
                if matches!(e, Event::MappingEnd) {
                    break;
                }
                let key = build(e, s, it, path, src)?;
                let Some((e, s)) = it.next() else { break };
                let value = build(e, s, it, path, src)?;
                entries.push((key, value));
            }
            Kind::Map(entries)
        }
        Event::Alias(_) => return Err(unsupported("别名（*）")),
        _ => return Err(Error::input(Location::at(path, line, col), "无法理解的 YAML 结构")),
    };
    let start = span.start.index();
    let end = match &kind {
        // The parser's end for a quoted scalar can run past a comment after it: find the quote.
        Kind::Scalar { style: ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted, .. } => {
            quoted_end(src, start).unwrap_or(span.end.index())
        }
        _ => span.end.index(),
    };
    Ok(Node { kind, start, line, col, end })
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
}
