//! `phrasebook lint`: what rots a shared phrasebook, as findings with file:line:column.
//!
//! Files are checked one by one (a schema error in one file does not hide the others): schema
//! errors, ids defined in more than one layer (which one wins), near-duplicate variants (a long
//! shared folded passage, found with the reuse aligner), variables used but not declared or
//! declared but never used, leftover placeholders, mixed Traditional/Simplified script, half-width
//! punctuation in Chinese text, and sibling titles that break 排比. Only a file that cannot be read
//! or parsed as YAML at all is an [`Error`] (exit 2); everything else is a [`Finding`].

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use super::{FORMULAS_FILE, LayerSource, Point, is_reserved_name, layer_files, parse_formulas, parse_points};
use crate::error::Result;
use crate::lint::{Finding, Hit, Severity, rules};
use crate::text::LineIndex;
use crate::text::placeholder::template_spans;
use crate::text::span::Span;
use crate::yaml::{self, Kind as NodeKind, Node};

pub const RULE_SCHEMA: &str = "schema";
pub const RULE_DUPLICATE_ID: &str = "duplicate-id";
pub const RULE_NEAR_DUPLICATE: &str = "near-duplicate";
pub const RULE_UNDECLARED_VAR: &str = "undeclared-var";
pub const RULE_UNUSED_VAR: &str = "unused-var";
/// Shared with the draft lint's leftover rule.
pub const RULE_PLACEHOLDER: &str = rules::placeholder_left::ID;

/// Least share of a shared passage covered by exact common runs (reuse's similarity) for two
/// variants to be near-duplicates.
pub const MIN_SIMILARITY: f64 = 0.75;

/// Every rule id `phrasebook lint` can report, with its severity, for help texts and the README.
pub const RULES: &[(&str, Severity)] = &[
    (RULE_SCHEMA, Severity::Error),
    (RULE_DUPLICATE_ID, Severity::Warning),
    (RULE_NEAR_DUPLICATE, Severity::Warning),
    (RULE_UNDECLARED_VAR, Severity::Error),
    (RULE_UNUSED_VAR, Severity::Warning),
    (RULE_PLACEHOLDER, Severity::Error),
    (rules::mixed_script::RULE, Severity::Warning),
    (rules::halfwidth_punct::RULE, Severity::Warning),
    (rules::parallel::RULE_LENGTH, Severity::Warning),
    (rules::parallel::RULE_ANCHOR, Severity::Warning),
];

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

/// One file as linted: its text, line index and YAML tree.
struct File {
    path: PathBuf,
    layer: usize,
    chars: Vec<char>,
    index: LineIndex,
    tree: Option<Node>,
}

/// One point as defined in one file, with its YAML node.
struct Def {
    file: usize,
    item: usize,
    point: Point,
}

impl File {
    fn item(&self, i: usize) -> Option<&Node> {
        match &self.tree.as_ref()?.kind {
            NodeKind::Seq(items) => items.get(i),
            _ => None,
        }
    }

    /// A hit in the value of scalar `node` → a finding in this file.
    fn place(&self, node: &Node, hit: Hit) -> Finding {
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

    fn at_node(
        &self,
        node: &Node,
        rule: &'static str,
        severity: Severity,
        message: String,
        fix: String,
    ) -> Finding {
        self.place(node, Hit { rule, severity, span: Span::new(0, 0), message, fix })
    }
}

/// Lint the layers, bottom first (later layers win by id, as in `draft`).
pub fn lint(sources: &[LayerSource], opts: &Options) -> Result<Report> {
    let mut report = Report::default();
    let mut files: Vec<File> = Vec::new();
    let mut defs: Vec<Def> = Vec::new();
    let mut formulas: Vec<String> = Vec::new();

    for (layer, source) in sources.iter().enumerate() {
        for (path, rel, text) in layer_files(source)? {
            let name = std::path::Path::new(&rel).file_name().and_then(|n| n.to_str()).unwrap_or("");
            let is_formulas = rel == FORMULAS_FILE;
            if is_reserved_name(name) && !is_formulas {
                continue;
            }
            // Not YAML at all: the file cannot be checked (exit 2).
            let tree = yaml::parse(&text, &path)?;
            report.files += 1;
            let file_no = files.len();
            files.push(File {
                path: path.clone(),
                layer,
                chars: text.chars().collect(),
                index: LineIndex::new(&text),
                tree,
            });
            let schema_error = if is_formulas {
                match parse_formulas(&text, &path) {
                    Ok(fs) => {
                        formulas.extend(fs.into_iter().map(|f| f.value.text));
                        None
                    }
                    Err(e) => Some(e),
                }
            } else {
                match parse_points(&text, &path) {
                    Ok(points) => {
                        for (item, p) in points.into_iter().enumerate() {
                            defs.push(Def { file: file_no, item, point: p.value });
                        }
                        None
                    }
                    Err(e) => Some(e),
                }
            };
            if let Some(e) = schema_error {
                let (line, column) = e
                    .location
                    .as_ref()
                    .map(|l| (l.line.unwrap_or(1), l.column.unwrap_or(1)))
                    .unwrap_or((1, 1));
                let start = files[file_no].index.offset(line, column);
                report.findings.push(Finding {
                    rule: RULE_SCHEMA,
                    severity: Severity::Error,
                    path,
                    span: Span::new(start, start),
                    line,
                    column,
                    message: e.message,
                    fix: e.hint.unwrap_or_else(|| "对照 README 的“素材库格式”改正".to_string()),
                });
            }
        }
    }

    // The effective definition of each id: the last layer's.
    let mut by_id: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, d) in defs.iter().enumerate() {
        by_id.entry(d.point.id.as_str()).or_default().push(i);
    }
    for ids in by_id.values().filter(|v| v.len() > 1) {
        let winner = &defs[*ids.last().expect("non-empty")];
        let wf = &files[winner.file];
        let losers: Vec<String> = ids[..ids.len() - 1]
            .iter()
            .map(|&i| {
                let f = &files[defs[i].file];
                let line = f.item(defs[i].item).map_or(1, |n| n.line);
                format!("{}:{line}", crate::error::display_path(&f.path))
            })
            .collect();
        if let Some(node) = wf.item(winner.item) {
            report.findings.push(wf.at_node(
                node,
                RULE_DUPLICATE_ID,
                Severity::Warning,
                format!(
                    "编号 {} 也定义在 {}，以这里（{}）为准",
                    winner.point.id,
                    losers.join("、"),
                    layer_name(&sources[wf.layer])
                ),
                "有意覆盖则忽略；否则给其中一条改个编号".to_string(),
            ));
        }
    }
    let mut effective: Vec<&Def> = by_id.values().map(|v| &defs[*v.last().expect("non-empty")]).collect();
    effective.sort_by_key(|d| (d.file, d.item));
    report.points = effective.len();

    // Per-point checks (every definition: an overridden point is still text someone maintains).
    for d in &defs {
        let f = &files[d.file];
        let Some(item) = f.item(d.item) else { continue };
        report.findings.extend(point_findings(f, item, &d.point));
    }

    // Near-duplicates between variants of the effective points.
    report.findings.extend(near_duplicates(&files, &effective, &formulas, opts.min_shared));

    // Sibling titles: ids sharing the prefix up to the last dot.
    let mut groups: BTreeMap<&str, Vec<&Def>> = BTreeMap::new();
    for d in &effective {
        let parent = d.point.id.rsplit_once('.').map_or("", |(p, _)| p);
        groups.entry(parent).or_default().push(d);
    }
    for sibs in groups.values() {
        let titles: Vec<&str> = sibs.iter().map(|d| d.point.title.as_str()).collect();
        for sh in rules::parallel::check(&titles) {
            let d = sibs[sh.item];
            let f = &files[d.file];
            if let Some(node) = f.item(d.item).and_then(|n| n.get("title")) {
                report.findings.push(f.place(node, sh.hit));
            }
        }
    }

    // Stable order: file by file (layer order), then position.
    let order: HashMap<PathBuf, usize> = files.iter().enumerate().map(|(i, f)| (f.path.clone(), i)).collect();
    report.findings.sort_by(|a, b| {
        (order.get(&a.path), a.span.start, a.rule).cmp(&(order.get(&b.path), b.span.start, b.rule))
    });
    report.findings.dedup();
    Ok(report)
}

fn layer_name(source: &LayerSource) -> String {
    match source {
        LayerSource::Embedded => "内置素材库".to_string(),
        LayerSource::Dir(d) => crate::error::display_path(d),
    }
}

/// The text rules and the variable checks of one point.
fn point_findings(f: &File, item: &Node, p: &Point) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut texts: Vec<(&Node, &str)> = Vec::new();
    if let Some(n) = item.get("title") {
        texts.push((n, &p.title));
    }
    if let Some(NodeKind::Seq(vs)) = item.get("variants").map(|n| &n.kind) {
        texts.extend(vs.iter().zip(p.variants.iter().map(String::as_str)));
    }
    for (node, text) in &texts {
        for hit in text_hits(text) {
            out.push(f.place(node, hit));
        }
    }

    // Variables used but not declared: at the first use.
    for var in p.undeclared_vars() {
        let at = texts.iter().find_map(|(n, t)| expr_offset(t, &var).map(|o| (*n, o)));
        if let Some((node, o)) = at {
            out.push(f.place(
                node,
                Hit {
                    rule: RULE_UNDECLARED_VAR,
                    severity: Severity::Error,
                    span: Span::new(o, o + var.chars().count()),
                    message: format!("要点 {} 用了变量 {var}，但 vars 中没有声明", p.id),
                    fix: format!("在 vars 下加一行 {var}: 示例值"),
                },
            ));
        }
    }
    // Declared but never used: at the declaration.
    let used = p.used_vars();
    if let Some(NodeKind::Map(entries)) = item.get("vars").map(|n| &n.kind) {
        for (k, _) in entries {
            let Some(name) = k.as_str() else { continue };
            if !used.contains(name) {
                out.push(f.at_node(
                    k,
                    RULE_UNUSED_VAR,
                    Severity::Warning,
                    format!("要点 {} 声明了变量 {name}，但标题和表述都没有用到", p.id),
                    "删去这个声明，或在表述中用上 {{ ".to_string() + name + " }}",
                ));
            }
        }
    }
    out
}

/// The single-text rules, on a title or variant (template code is left to the rules to skip).
pub fn text_hits(text: &str) -> Vec<Hit> {
    let leftovers = rules::placeholder_left::Options { template_vars: true, markdown: false };
    let mut hits = rules::placeholder_left::check(text, leftovers);
    hits.extend(rules::mixed_script::check(text));
    hits.extend(rules::halfwidth_punct::check(text));
    hits
}

/// Scalar offset of `var` inside a template expression of `text`.
fn expr_offset(text: &str, var: &str) -> Option<usize> {
    for span in template_spans(text) {
        let expr = span.slice(text);
        let chars: Vec<char> = expr.chars().collect();
        let v: Vec<char> = var.chars().collect();
        for k in 0..chars.len().saturating_sub(v.len() - 1) {
            let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric() || *c == '_');
            if chars[k..].starts_with(&v)
                && !word(k.checked_sub(1).and_then(|j| chars.get(j)))
                && !word(chars.get(k + v.len()))
            {
                return Some(span.start + k);
            }
        }
    }
    None
}

/// A variant prepared for matching: template expressions as the placeholder token, folded.
struct Prepared<'a> {
    def: &'a Def,
    variant: usize,
    folded: crate::text::fold::Folded,
    /// For each scalar of the prepared text, its scalar offset in the variant.
    orig: Vec<usize>,
}

fn prepare<'a>(def: &'a Def, variant: usize) -> Prepared<'a> {
    let text = &def.point.variants[variant];
    let code = template_spans(text);
    let mut prepared = String::new();
    let mut orig = Vec::new();
    let mut i = 0;
    for (k, c) in text.chars().enumerate() {
        if k < i {
            continue;
        }
        if let Some(s) = code.iter().find(|s| s.start == k) {
            // A placeholder run (☆) folds to the placeholder token, which the aligner bridges.
            prepared.push(crate::text::placeholder::TEMPLATE_STAND_IN);
            orig.push(k);
            i = s.end;
            continue;
        }
        prepared.push(c);
        orig.push(k);
    }
    orig.push(text.chars().count());
    Prepared { def, variant, folded: crate::text::fold::fold(&prepared), orig }
}

fn near_duplicates(files: &[File], effective: &[&Def], formulas: &[String], min: usize) -> Vec<Finding> {
    use crate::reuse::fingerprint::{key_view, kgrams};
    let prepared: Vec<Prepared> =
        effective.iter().flat_map(|d| (0..d.point.variants.len()).map(move |v| prepare(d, v))).collect();
    // Candidate pairs: variants sharing at least three k-grams (a shared run of `min` shares many).
    let mut by_gram: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, p) in prepared.iter().enumerate() {
        let kv = key_view(&p.folded);
        let mut grams: Vec<u64> = kgrams(&kv.chars).into_iter().map(|(h, _)| h).collect();
        grams.sort_unstable();
        grams.dedup();
        for g in grams {
            by_gram.entry(g).or_default().push(i);
        }
    }
    let mut shared: HashMap<(usize, usize), usize> = HashMap::new();
    for list in by_gram.values().filter(|l| l.len() > 1 && l.len() < 50) {
        for (x, &a) in list.iter().enumerate() {
            for &b in &list[x + 1..] {
                *shared.entry((a, b)).or_default() += 1;
            }
        }
    }
    let folded_formulas: Vec<String> =
        formulas.iter().map(|f| crate::text::fold::fold(f).as_string()).collect();
    let mut pairs: Vec<(usize, usize)> =
        shared.into_iter().filter(|(_, n)| *n >= 3).map(|(p, _)| p).collect();
    pairs.sort_unstable();
    let mut out = Vec::new();
    for (a, b) in pairs {
        let (pa, pb) = (&prepared[a], &prepared[b]);
        let (ka, kb) = (key_view(&pa.folded), key_view(&pb.folded));
        for kp in crate::reuse::align::align_keys(&ka, &kb, min) {
            // A long passage stitched from short common phrases is not a duplicate: most of it
            // must be shared exactly.
            if kp.covered_a < min || kp.similarity < MIN_SIMILARITY {
                continue;
            }
            let passage = crate::reuse::align::Passage {
                a: ka.folded_range(kp.a.start, kp.a.end),
                b: kb.folded_range(kp.b.start, kp.b.end),
                similarity: kp.similarity,
            };
            let text: String = pb.folded.chars[passage.b.clone()].iter().collect();
            // A standard formulation is meant to be repeated verbatim.
            if folded_formulas.iter().any(|f| {
                f.contains(&text)
                    || (text.contains(f.as_str()) && text.chars().count() <= f.chars().count() + 4)
            }) {
                continue;
            }
            let shown: String = text.replace(crate::text::fold::PLACEHOLDER, "{{…}}");
            let f = &files[pb.def.file];
            let Some(node) =
                f.item(pb.def.item).and_then(|n| n.get("variants")).and_then(|n| match &n.kind {
                    NodeKind::Seq(items) => items.get(pb.variant),
                    _ => None,
                })
            else {
                continue;
            };
            let span = pb.folded.original_span(passage.b.start, passage.b.end);
            let span = Span::new(
                pb.orig[span.start.min(pb.orig.len() - 1)],
                pb.orig[span.end.min(pb.orig.len() - 1)],
            );
            let other = if pa.def.point.id == pb.def.point.id {
                "本要点的".to_string()
            } else {
                format!("要点 {} 的", pa.def.point.id)
            };
            out.push(f.place(
                node,
                Hit {
                    rule: RULE_NEAR_DUPLICATE,
                    severity: Severity::Warning,
                    span,
                    message: format!(
                        "要点 {} 的第 {} 条表述与{other}第 {} 条表述有一段 {} 字相同：“{}”",
                        pb.def.point.id,
                        pb.variant + 1,
                        pa.variant + 1,
                        text.chars().count(),
                        shown
                    ),
                    fix: "改写其中一条，或合并为一个要点".to_string(),
                },
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A layer folder with the given files.
    fn layer(files: &[(&str, &str)]) -> (tempfile::TempDir, LayerSource) {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let src = LayerSource::Dir(dir.path().to_path_buf());
        (dir, src)
    }

    fn run(sources: &[LayerSource]) -> Report {
        lint(sources, &Options::default()).unwrap()
    }

    fn rules_of(r: &Report) -> Vec<(&'static str, usize, usize)> {
        r.findings.iter().map(|f| (f.rule, f.line, f.column)).collect()
    }

    const CLEAN: &str = "\
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

    #[test]
    fn a_clean_phrasebook_has_no_findings() {
        let (_d, src) = layer(&[("hopes.yaml", CLEAN)]);
        let r = run(&[src]);
        assert!(r.findings.is_empty(), "{:#?}", r.findings);
        assert_eq!((r.files, r.points), (1, 3));
    }

    #[test]
    fn schema_errors_are_findings_with_positions_and_other_files_still_checked() {
        let bad = "- id: a.b\n  title: 标题\n  slot: middle\n  kinds: [welcome]\n  variants: [正文。]\n";
        let (_d, src) = layer(&[("a.yaml", bad), ("hopes.yaml", CLEAN)]);
        let r = run(&[src]);
        assert_eq!(rules_of(&r), vec![(RULE_SCHEMA, 3, 9)], "{:#?}", r.findings);
        assert!(r.findings[0].message.contains("middle"));
        assert_eq!(r.points, 3);
        assert_eq!(r.errors(), 1);
    }

    #[test]
    fn a_file_that_is_not_yaml_is_an_error() {
        let (_d, src) = layer(&[("a.yaml", "- id: [unclosed\n")]);
        let err = lint(&[src], &Options::default()).unwrap_err();
        assert!(err.to_string().contains("a.yaml:"), "{err}");
    }

    #[test]
    fn duplicate_ids_across_layers_say_which_wins() {
        let (_a, base) = layer(&[("hopes.yaml", CLEAN)]);
        let mine = "- id: hopes.study\n  title: 在学习上下功夫\n  slot: hopes\n  kinds: [welcome]\n  variants:\n    - 我们自己的一段话。\n";
        let (_b, local) = layer(&[("mine.yaml", mine)]);
        let r = run(&[base.clone(), local]);
        let dup: Vec<&Finding> = r.findings.iter().filter(|f| f.rule == RULE_DUPLICATE_ID).collect();
        assert_eq!(dup.len(), 1, "{:#?}", r.findings);
        assert!(dup[0].path.ends_with("mine.yaml"));
        assert!(dup[0].message.contains("hopes.yaml:1"), "{}", dup[0].message);
        assert!(dup[0].message.contains("为准"));
        assert_eq!(r.errors(), 0);
        // One layer alone: no duplicate.
        assert!(run(&[base]).findings.iter().all(|f| f.rule != RULE_DUPLICATE_ID));
    }

    #[test]
    fn near_duplicate_variants_name_both_points() {
        let copy = CLEAN
            .replace("把群众的急难愁盼放在心上。", "学习是干部成长的阶梯，要向书本学、向群众学，在干中学。");
        let (_d, src) = layer(&[("hopes.yaml", &copy)]);
        let r = run(&[src]);
        let near: Vec<&Finding> = r.findings.iter().filter(|f| f.rule == RULE_NEAR_DUPLICATE).collect();
        assert_eq!(near.len(), 1, "{:#?}", r.findings);
        assert!(near[0].message.contains("hopes.service 的第 1 条"), "{}", near[0].message);
        assert!(near[0].message.contains("与要点 hopes.study 的第 2 条"), "{}", near[0].message);
        assert_eq!(near[0].line, 22);
    }

    #[test]
    fn variables_undeclared_and_unused() {
        let text = CLEAN
            .replace("    - 要多到田间地头走一走", "    - 要多到{{ county }}的田间地头走一走")
            .replace("  vars:\n    place: 青川市\n", "  vars:\n    place: 青川市\n    year: 2026\n");
        let (_d, src) = layer(&[("hopes.yaml", &text)]);
        let r = run(&[src]);
        let got: Vec<(&str, usize, usize)> = rules_of(&r);
        assert!(got.contains(&(RULE_UNUSED_VAR, 7, 5)), "{got:?}");
        assert!(got.contains(&(RULE_UNDECLARED_VAR, 16, 13)), "{got:?}");
        assert_eq!(r.errors(), 1);
    }

    #[test]
    fn placeholders_and_halfwidth_punctuation_in_variants() {
        let text = CLEAN.replace("把群众的急难愁盼放在心上。", "把××群众的急难愁盼放在心上,落到实处。");
        let (_d, src) = layer(&[("hopes.yaml", &text)]);
        let r = run(&[src]);
        assert_eq!(
            rules_of(&r),
            vec![(RULE_PLACEHOLDER, 22, 8), (rules::halfwidth_punct::RULE, 22, 21)],
            "{:#?}",
            r.findings
        );
    }

    #[test]
    fn near_duplicate_variants_of_one_point() {
        let text = CLEAN.replace(
            "要多到田间地头走一走，摸清真实情况。",
            "调查研究是谋事之基、成事之道，没有调查就没有发言权。",
        );
        let (_d, src) = layer(&[("hopes.yaml", &text)]);
        let near: Vec<String> = run(&[src])
            .findings
            .into_iter()
            .filter(|f| f.rule == RULE_NEAR_DUPLICATE)
            .map(|f| f.message)
            .collect();
        assert_eq!(near.len(), 1, "{near:?}");
        assert!(near[0].contains("hopes.research 的第 2 条表述与本要点的第 1 条"), "{near:?}");
    }

    #[test]
    fn mixed_script_in_a_variant() {
        let text = CLEAN.replace("把群众的急难愁盼放在心上。", "把群眾的急难愁盼放在心上。");
        let (_d, src) = layer(&[("hopes.yaml", &text)]);
        let r = run(&[src]);
        assert_eq!(rules_of(&r), vec![(rules::mixed_script::RULE, 22, 9)], "{:#?}", r.findings);
        assert_eq!(r.findings[0].fix, "改为“众”");
    }

    #[test]
    fn sibling_titles_breaking_the_series() {
        let text = CLEAN.replace("title: 在服务上下功夫", "title: 服务群众");
        let (_d, src) = layer(&[("hopes.yaml", &text)]);
        let r = run(&[src]);
        let got = rules_of(&r);
        assert!(
            got.iter().all(|(rule, line, _)| *rule == rules::parallel::RULE_ANCHOR && *line == 18),
            "{got:?}"
        );
        assert!(!got.is_empty());
        assert_eq!(r.errors(), 0);
    }
}
