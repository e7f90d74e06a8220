//! `phrasebook lint`: what rots a shared phrasebook, as findings with file:line:column.
//!
//! Three steps: [`Book::load`] reads the layers file by file (a schema error in one file is kept
//! for the `schema` rule and does not hide the others) and resolves which definition of each id
//! wins; every rule of the registry [`rules::ALL`] (one rule a file) looks at the book; the
//! findings are put in file and position order. Only a file that cannot be read or parsed as YAML
//! at all is an [`Error`] (exit 2); everything else is a [`Finding`].

pub mod rules;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use super::{FORMULAS_FILE, LayerSource, Point, is_reserved_name, layer_files, parse_formulas, parse_points};
use crate::error::{Error, Result};
use crate::lint::{Finding, Hit, Severity};
use crate::text::LineIndex;
use crate::text::span::Span;
use crate::yaml::{self, Kind as NodeKind, Node};

/// Settings for [`lint`].
#[derive(Debug, Clone)]
pub struct Options {
    /// Shortest shared passage (key characters) that makes two variants near-duplicates.
    pub min_shared: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { min_shared: crate::reuse::align::DEFAULT_MIN_CHARS }
    }
}

/// The result of linting a stack of layers.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub files: usize,
    pub points: usize,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.severity == Severity::Error).count()
    }

    pub fn warnings(&self) -> usize {
        self.findings.iter().filter(|f| f.severity == Severity::Warning).count()
    }
}

/// A phrasebook lint rule. Adding one is a new file in [`rules`] and one line in [`rules::ALL`].
pub trait Rule: Sync {
    /// The ids this rule reports, with their severity.
    fn ids(&self) -> &'static [(&'static str, Severity)];
    /// Findings on the book, placed in its files.
    fn check(&self, book: &Book<'_>) -> Vec<Finding>;
}

/// The layers as linted: every file with its YAML tree, every definition of a point, and which
/// definition of each id is in effect.
pub struct Book<'a> {
    pub sources: &'a [LayerSource],
    pub options: &'a Options,
    pub files: Vec<File>,
    /// Every definition, in layer and file order (an overridden point is still text someone
    /// maintains, so the per-point rules look at each).
    pub defs: Vec<Def>,
    /// Indices into `defs` by id, in layer order: the last one is in effect.
    pub by_id: BTreeMap<String, Vec<usize>>,
    /// Indices into `defs` of the definitions in effect, in file order.
    pub effective: Vec<usize>,
    /// The texts of the standard formulations (`_formulas.yaml` of every layer).
    pub formulas: Vec<String>,
}

/// One file as linted: its text, line index and YAML tree.
pub struct File {
    pub path: PathBuf,
    /// Index into [`Book::sources`].
    pub layer: usize,
    chars: Vec<char>,
    index: LineIndex,
    tree: Option<Node>,
    /// Why the file does not hold valid points (or formulations), when it does not.
    pub schema: Option<Error>,
}

/// One point as defined in one file: the file (index into [`Book::files`]) and its list item.
pub struct Def {
    pub file: usize,
    pub item: usize,
    pub point: Point,
}

impl File {
    /// The YAML node of list item `i`.
    pub fn item(&self, i: usize) -> Option<&Node> {
        match &self.tree.as_ref()?.kind {
            NodeKind::Seq(items) => items.get(i),
            _ => None,
        }
    }

    /// A hit in the value of scalar `node` → a finding in this file.
    pub fn place(&self, node: &Node, hit: Hit) -> Finding {
        let start = node.source_offset(&self.chars, hit.span.start);
        let end = node.source_offset(&self.chars, hit.span.end).max(start);
        let (line, column) = self.index.line_col(start);
        Finding {
            rule: hit.rule,
            severity: hit.severity,
            path: self.path.clone(),
            span: Span::new(start, end),
            line,
            column,
            message: hit.message,
            fix: hit.fix,
        }
    }

    /// A finding at the start of `node`.
    pub fn at_node(
        &self,
        node: &Node,
        rule: &'static str,
        severity: Severity,
        message: String,
        fix: String,
    ) -> Finding {
        self.place(node, Hit { rule, severity, span: Span::new(0, 0), message, fix })
    }

    /// A finding at 1-based `line` and `column`.
    pub fn at_line(&self, line: usize, column: usize, hit: Hit) -> Finding {
        let start = self.index.offset(line, column);
        Finding {
            rule: hit.rule,
            severity: hit.severity,
            path: self.path.clone(),
            span: Span::new(start, start),
            line,
            column,
            message: hit.message,
            fix: hit.fix,
        }
    }
}

impl<'a> Book<'a> {
    /// Read the layers, bottom first (later layers win by id, as in `draft`).
    pub fn load(sources: &'a [LayerSource], options: &'a Options) -> Result<Book<'a>> {
        let mut book = Book {
            sources,
            options,
            files: Vec::new(),
            defs: Vec::new(),
            by_id: BTreeMap::new(),
            effective: Vec::new(),
            formulas: Vec::new(),
        };
        for (layer, source) in sources.iter().enumerate() {
            for (path, rel, text) in layer_files(source)? {
                let name = std::path::Path::new(&rel).file_name().and_then(|n| n.to_str()).unwrap_or("");
                let is_formulas = rel == FORMULAS_FILE;
                if is_reserved_name(name) && !is_formulas {
                    continue;
                }
                book.add_file(layer, path, &text, is_formulas)?;
            }
        }
        book.resolve();
        Ok(book)
    }

    /// One file: its tree, then its points (or formulations) or the schema error that stops them.
    fn add_file(&mut self, layer: usize, path: PathBuf, text: &str, is_formulas: bool) -> Result<()> {
        // Not YAML at all: the file cannot be checked (exit 2).
        let tree = yaml::parse(text, &path)?;
        let file = self.files.len();
        let schema = if is_formulas {
            parse_formulas(text, &path).map(|fs| self.formulas.extend(fs.into_iter().map(|f| f.value.text)))
        } else {
            parse_points(text, &path).map(|points| {
                let defs = points.into_iter().enumerate().map(|(item, p)| Def { file, item, point: p.value });
                self.defs.extend(defs);
            })
        }
        .err();
        self.files.push(File {
            path,
            layer,
            chars: text.chars().collect(),
            index: LineIndex::new(text),
            tree,
            schema,
        });
        Ok(())
    }

    /// Which definition of each id is in effect: the last layer's.
    fn resolve(&mut self) {
        for (i, d) in self.defs.iter().enumerate() {
            self.by_id.entry(d.point.id.clone()).or_default().push(i);
        }
        self.effective = self.by_id.values().map(|v| *v.last().expect("non-empty")).collect();
        self.effective.sort_by_key(|&i| (self.defs[i].file, self.defs[i].item));
    }

    /// The definitions in effect.
    pub fn effective(&self) -> impl Iterator<Item = &Def> {
        self.effective.iter().map(|&i| &self.defs[i])
    }

    /// A definition's file and YAML node.
    pub fn node(&self, d: &Def) -> Option<(&File, &Node)> {
        let f = &self.files[d.file];
        f.item(d.item).map(|n| (f, n))
    }

    /// A point's title and variants with their YAML nodes, as written (template code included).
    pub fn texts<'b>(&'b self, d: &'b Def) -> Vec<(&'b Node, &'b str)> {
        let Some((_, item)) = self.node(d) else { return Vec::new() };
        let mut texts: Vec<(&Node, &str)> = Vec::new();
        if let Some(n) = item.get("title") {
            texts.push((n, &d.point.title));
        }
        if let Some(NodeKind::Seq(vs)) = item.get("variants").map(|n| &n.kind) {
            texts.extend(vs.iter().zip(d.point.variants.iter().map(String::as_str)));
        }
        texts
    }

    /// A text rule (placeholder-left, mixed-script, …) run on every title and variant.
    pub fn each_text(&self, rule: impl Fn(&str) -> Vec<Hit>) -> Vec<Finding> {
        let mut out = Vec::new();
        for d in &self.defs {
            let f = &self.files[d.file];
            for (node, text) in self.texts(d) {
                out.extend(rule(text).into_iter().map(|hit| f.place(node, hit)));
            }
        }
        out
    }

    /// A layer as named in messages.
    pub fn layer_name(&self, layer: usize) -> String {
        match &self.sources[layer] {
            LayerSource::Embedded => "内置素材库".to_string(),
            LayerSource::Dir(d) => crate::error::display_path(d),
        }
    }

    /// Stable order: file by file (layer order), then position and rule; repeats dropped.
    fn order(&self, findings: &mut Vec<Finding>) {
        let order: HashMap<&PathBuf, usize> =
            self.files.iter().enumerate().map(|(i, f)| (&f.path, i)).collect();
        findings.sort_by(|a, b| {
            (order.get(&a.path), a.span.start, a.rule).cmp(&(order.get(&b.path), b.span.start, b.rule))
        });
        findings.dedup();
    }
}

/// Lint the layers, bottom first (later layers win by id, as in `draft`).
pub fn lint(sources: &[LayerSource], opts: &Options) -> Result<Report> {
    let book = Book::load(sources, opts)?;
    let mut findings: Vec<Finding> = rules::ALL.iter().flat_map(|rule| rule.check(&book)).collect();
    book.order(&mut findings);
    Ok(Report { findings, files: book.files.len(), points: book.effective.len() })
}

/// Helpers for the rules' tests: a layer folder, a run, and a clean phrasebook to spoil.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// A layer folder with the given files.
    pub fn layer(files: &[(&str, &str)]) -> (tempfile::TempDir, LayerSource) {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let src = LayerSource::Dir(dir.path().to_path_buf());
        (dir, src)
    }

    pub fn run(sources: &[LayerSource]) -> Report {
        lint(sources, &Options::default()).unwrap()
    }

    /// A one-file layer's report.
    pub fn run_one(text: &str) -> Report {
        let (_d, src) = layer(&[("hopes.yaml", text)]);
        run(&[src])
    }

    pub fn rules_of(r: &Report) -> Vec<(&'static str, usize, usize)> {
        r.findings.iter().map(|f| (f.rule, f.line, f.column)).collect()
    }

    pub const CLEAN: &str = "\
- id: hopes.study
  title: 在学习上下功夫
  slot: hopes
  kinds: [welcome]
  vars:
    place: 青川市
  variants:
    - 希望大家尽快熟悉{{ place }}的风土人情。
    - 学习是干部成长的阶梯，要向书本学、向群众学、向实践学，在干中学、学中干。
- id: hopes.research
  title: 在调研上下功夫
  slot: hopes
  kinds: [welcome]
  variants:
    - 要多到田间地头走一走，摸清真实情况。
    - 调查研究是谋事之基、成事之道，没有调查就没有发言权。
- id: hopes.service
  title: 在服务上下功夫
  slot: hopes
  kinds: [welcome]
  variants:
    - 把群众的急难愁盼放在心上。
    - 服务没有休止符，要把每一件小事办实办好。
";
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;

    #[test]
    fn a_clean_phrasebook_has_no_findings() {
        let r = run_one(CLEAN);
        assert!(r.findings.is_empty(), "{:#?}", r.findings);
        assert_eq!((r.files, r.points), (1, 3));
    }

    #[test]
    fn a_file_that_is_not_yaml_is_an_error() {
        let (_d, src) = layer(&[("a.yaml", "- id: [unclosed\n")]);
        let err = lint(&[src], &Options::default()).unwrap_err();
        assert!(err.to_string().contains("a.yaml:"), "{err}");
    }

    #[test]
    fn findings_are_in_file_then_position_order() {
        let spoilt = CLEAN
            .replace("把群众的急难愁盼放在心上。", "把××群众的急难愁盼放在心上,落到实处。")
            .replace("要多到田间地头走一走", "要多到{{ county }}的田间地头走一走");
        let (_d, src) = layer(&[("b.yaml", &spoilt), ("a.yaml", CLEAN)]);
        let r = run(&[src]);
        let files: Vec<String> =
            r.findings.iter().map(|f| f.path.file_name().unwrap().to_string_lossy().into_owned()).collect();
        assert!(files.len() >= 3, "{:#?}", r.findings);
        let lines: Vec<usize> = r.findings.iter().map(|f| f.line).collect();
        let mut sorted = lines.clone();
        sorted.sort_unstable();
        assert_eq!(lines, sorted);
    }

    #[test]
    fn every_rule_id_is_listed_once_and_in_the_readme() {
        let ids: Vec<&str> = rules::ids().map(|(id, _)| id).collect();
        assert!(ids.len() >= 10, "{ids:?}");
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), ids.len(), "{ids:?}");
        let readme = include_str!("../../../README.md");
        for id in ids {
            assert!(readme.contains(&format!("`{id}`")), "README does not list {id}");
        }
    }
}
