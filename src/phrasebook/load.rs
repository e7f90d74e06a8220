//! Reading phrasebook folders (on disk or embedded) into checked [`Layer`]s, with every error
//! naming file:line:column in Chinese.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{Formula, FormulaFile, Layer, LayerSource, Located, Point, PointFile};
use crate::error::{Error, Location, Result};
use crate::yaml::{self, NodePath, Pos, YamlMap};

/// The reserved file holding the standard formulations.
pub const FORMULAS_FILE: &str = crate::formulas::FILE_NAME;

/// Files (and only files) whose name starts with `_` are reserved: not point lists.
pub fn is_reserved_name(file_name: &str) -> bool {
    file_name.starts_with('_')
}

fn is_yaml(name: &str) -> bool {
    name.ends_with(".yaml") || name.ends_with(".yml")
}

const POINT_FIELDS_HINT: &str =
    "每个要点的字段为 id、title、slot、kinds、tags、optional、vars、variants，格式见 README 的“素材库格式”";

/// Parse one point file. `path` is how the file is named in messages. Checks, beyond the types:
/// ids well-formed and unique in the file, non-empty title, kinds and variants, and every title
/// and variant a valid template. Fails on the first problem; [`check_points`] collects them all.
pub fn parse_points(text: &str, path: &Path) -> Result<Vec<Located<Point>>> {
    let (points, mut problems) = check_points(text, path)?;
    if problems.is_empty() { Ok(points) } else { Err(problems.swap_remove(0)) }
}

/// Parse one point file and check every point, collecting every semantic problem (in file order)
/// instead of stopping at the first. Points with a problem are left out of the list. A file that is
/// not valid YAML, or not a list of points of the right types, is still one error (`Err`): serde
/// stops at the first such error.
pub fn check_points(text: &str, path: &Path) -> Result<(Vec<Located<Point>>, Vec<Error>)> {
    yaml::check_bounds(text, path)?;
    let points: Vec<Point> = match serde_yaml::from_str::<Option<Vec<Point>>>(text) {
        Ok(p) => p.unwrap_or_default(),
        Err(e) => return Err(yaml::error(text, path, &e, "素材库文件格式有误").with_hint(POINT_FIELDS_HINT)),
    };
    if points.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    // Items and their fields are enough on the good path; a problem inside a list (a variant)
    // needs the full map, built only then.
    let map = YamlMap::build_to_depth(text, 2);
    let full = std::cell::OnceCell::new();
    let deep = || full.get_or_init(|| YamlMap::build(text));
    let mut first_line: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::with_capacity(points.len());
    let mut problems = Vec::new();
    for (i, point) in points.iter().enumerate() {
        let item = NodePath::root().index(i);
        match check_point(point, &item, &map, &deep, path, &mut first_line) {
            Ok(()) => {
                let pos = map.value_pos(&item);
                out.push(Located { value: point.clone(), line: pos.line, column: pos.column });
            }
            Err(e) => problems.push(e),
        }
    }
    Ok((out, problems))
}

/// The first problem of one point; records its id in `first_line` when the id itself is fine.
fn check_point<'a, 'b>(
    point: &'a Point,
    item: &NodePath,
    map: &YamlMap,
    deep: &dyn Fn() -> &'b YamlMap,
    path: &Path,
    first_line: &mut HashMap<&'a str, usize>,
) -> Result<()> {
    let at = |p: Pos| Location::at(path, p.line, p.column);
    let id_pos = map.value_pos(&item.key("id"));
    check_id(&point.id).map_err(|why| {
        Error::input(at(id_pos), format!("要点编号“{}”{why}", point.id))
            .with_hint("编号用英文字母、数字、连字符，以点分级，如 welcome.greeting.on-behalf")
    })?;
    if let Some(line) = first_line.get(point.id.as_str()) {
        return Err(Error::input(at(id_pos), format!("要点编号 {} 重复（第 {line} 行已有）", point.id))
            .with_hint("同一素材库中每个编号只能用一次，请改名或删去其一"));
    }
    first_line.insert(&point.id, id_pos.line);
    if point.title.trim().is_empty() {
        return Err(Error::input(
            at(map.value_pos(&item.key("title"))),
            format!("要点 {} 的 title 为空", point.id),
        )
        .with_hint("title 是一句简短的引领句，如“提高政治站位”"));
    }
    if point.kinds.is_empty() {
        return Err(Error::input(
            at(map.value_pos(&item.key("kinds"))),
            format!("要点 {} 的 kinds 为空", point.id),
        )
        .with_hint("kinds 至少写一种：[welcome]、[symposium] 或 [welcome, symposium]"));
    }
    if point.variants.is_empty() {
        return Err(Error::input(
            at(map.value_pos(&item.key("variants"))),
            format!("要点 {} 没有任何表述（variants 为空）", point.id),
        )
        .with_hint("variants 下至少写一段正文"));
    }
    let texts = std::iter::once((item.key("title"), &point.title))
        .chain(point.variants.iter().enumerate().map(|(j, v)| (item.key("variants").index(j), v)));
    for (node, t) in texts {
        if t.trim().is_empty() {
            return Err(Error::input(at(deep().value_pos(&node)), format!("要点 {} 有一段空表述", point.id))
                .with_hint("删去这一项或补上正文"));
        }
        check_template(t).map_err(|why| {
            Error::input(at(deep().value_pos(&node)), format!("要点 {} 的模板表达式有误：{why}", point.id))
                .with_hint("变量写作 {{ place }}，花括号须成对")
        })?;
    }
    Ok(())
}

/// Parse `_formulas.yaml` (through [`crate::formulas::parse`]), each formulation located.
pub fn parse_formulas(text: &str, path: &Path) -> Result<Vec<Located<Formula>>> {
    Ok(crate::formulas::parse(text, path)?
        .into_iter()
        .map(|(value, pos)| Located { value, line: pos.line, column: pos.column })
        .collect())
}

fn check_id(id: &str) -> std::result::Result<(), &'static str> {
    if id.is_empty() {
        return Err("为空");
    }
    if id.chars().any(char::is_whitespace) {
        return Err("含有空白");
    }
    if id.starts_with('.') || id.ends_with('.') || id.contains("..") {
        return Err("的分级写法有误（点不能在首尾或连用）");
    }
    Ok(())
}

fn check_template(text: &str) -> std::result::Result<(), String> {
    if !text.contains('{') {
        return Ok(());
    }
    super::model::syntax_env()
        .template_from_str(text)
        .map(|_| ())
        .map_err(|e| e.detail().unwrap_or("无法解析").to_string())
}

/// Build a layer from (shown path, relative name, text) triples in path order.
fn assemble(source: LayerSource, files: Vec<(PathBuf, String, String)>) -> Result<Layer> {
    let mut layer = Layer { source, files: Vec::new(), formulas: None };
    let mut seen: HashMap<String, (PathBuf, usize)> = HashMap::new();
    for (shown, rel, text) in files {
        let name = Path::new(&rel).file_name().and_then(|n| n.to_str()).unwrap_or("");
        if is_reserved_name(name) {
            if rel == FORMULAS_FILE {
                let formulas = parse_formulas(&text, &shown)?;
                layer.formulas = Some(FormulaFile { path: shown, text, formulas });
            }
            continue;
        }
        let points = parse_points(&text, &shown)?;
        for p in &points {
            if let Some((other, line)) = seen.get(&p.value.id) {
                return Err(Error::input(
                    Location::at(&shown, p.line, p.column),
                    format!("要点编号 {} 与 {}:{line} 重复", p.value.id, crate::error::display_path(other)),
                )
                .with_hint("同一素材库中每个编号只能用一次；要覆盖内置要点，请放在另一个素材库文件夹中"));
            }
            seen.insert(p.value.id.clone(), (shown.clone(), p.line));
        }
        layer.files.push(PointFile { path: shown, text, points });
    }
    Ok(layer)
}

pub(super) fn embedded_layer() -> Result<Layer> {
    assemble(LayerSource::Embedded, layer_files(&LayerSource::Embedded)?)
}

pub(super) fn dir_layer(dir: &Path) -> Result<Layer> {
    let source = LayerSource::Dir(dir.to_path_buf());
    assemble(source.clone(), layer_files(&source)?)
}

/// The YAML files of a layer as (path shown in messages, path relative to the layer, text), in
/// path order, hidden files skipped. For tools that look at files one by one (`phrasebook lint`,
/// `fmt`) instead of the merged, checked [`Layer`].
pub fn layer_files(source: &LayerSource) -> Result<Vec<(PathBuf, String, String)>> {
    match source {
        LayerSource::Embedded => embedded_files(),
        LayerSource::Dir(dir) => dir_files(dir),
    }
}

fn embedded_files() -> Result<Vec<(PathBuf, String, String)>> {
    fn walk(dir: &'static include_dir::Dir<'static>, out: &mut Vec<&'static include_dir::File<'static>>) {
        out.extend(dir.files());
        for d in dir.dirs() {
            walk(d, out);
        }
    }
    let mut files = Vec::new();
    walk(&crate::embedded::PHRASEBOOK, &mut files);
    files.sort_by_key(|f| f.path());
    let mut triples = Vec::new();
    for f in files {
        let rel = f.path().to_string_lossy().replace('\\', "/");
        let name = f.path().file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') || !is_yaml(name) {
            continue;
        }
        let shown = PathBuf::from(crate::embedded::display_name("phrasebook", f.path()));
        let text = crate::fsio::decode_utf8(f.contents().to_vec(), &shown)?;
        triples.push((shown, rel, text));
    }
    Ok(triples)
}

fn dir_files(dir: &Path) -> Result<Vec<(PathBuf, String, String)>> {
    if !dir.is_dir() {
        let what = if dir.exists() { "不是文件夹" } else { "不存在" };
        return Err(Error::input(Location::file(dir), format!("素材库文件夹{what}"))
            .with_hint("请检查 --phrasebook 或 jianggao.yaml 中 phrasebook 的路径"));
    }
    let paths = crate::fsio::walk(dir, &|p| p.file_name().and_then(|n| n.to_str()).is_some_and(is_yaml))?;
    let mut triples = Vec::new();
    for p in paths {
        let rel = p.strip_prefix(dir).unwrap_or(&p).to_string_lossy().replace('\\', "/");
        let text = crate::fsio::read_utf8(&p)?;
        triples.push((p, rel, text));
    }
    Ok(triples)
}

/// Every layer that can be listed, each file parsed on its own; files that fail are left out.
pub(super) fn lenient(dirs: &[PathBuf]) -> super::Phrasebook {
    let sources = std::iter::once(LayerSource::Embedded).chain(dirs.iter().cloned().map(LayerSource::Dir));
    let layers = sources
        .filter_map(|source| {
            let files = layer_files(&source).ok()?;
            let mut layer = Layer { source, files: Vec::new(), formulas: None };
            for (path, rel, text) in files {
                let name = rel.rsplit('/').next().unwrap_or(&rel);
                if name == FORMULAS_FILE && rel == name {
                    if let Ok(formulas) = parse_formulas(&text, &path) {
                        layer.formulas = Some(FormulaFile { path, text, formulas });
                    }
                } else if !is_reserved_name(name)
                    && let Ok((points, _problems)) = check_points(&text, &path)
                {
                    layer.files.push(PointFile { path, text, points });
                }
            }
            Some(layer)
        })
        .collect();
    super::Phrasebook::from_layers(layers)
}
