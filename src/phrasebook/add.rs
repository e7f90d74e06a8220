//! `phrasebook add`: append a point from flags or a YAML file, checked like a loaded point,
//! written atomically in the canonical layout (comments in the target file kept).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{Kind, Phrasebook, Point, Slot, VarValue, parse_points};
use crate::error::{Error, Location, Result};

/// The point's fields as given on the command line.
#[derive(Debug, Clone, Default)]
pub struct Flags {
    pub id: Option<String>,
    pub title: Option<String>,
    pub slot: Option<String>,
    pub kinds: Vec<String>,
    pub tags: Vec<String>,
    pub variants: Vec<String>,
    pub optional: bool,
    /// `name=value`
    pub vars: Vec<String>,
}

impl Flags {
    pub fn is_empty(&self) -> bool {
        self.id.is_none()
            && self.title.is_none()
            && self.slot.is_none()
            && self.kinds.is_empty()
            && self.tags.is_empty()
            && self.variants.is_empty()
            && !self.optional
            && self.vars.is_empty()
    }

    /// The point the flags describe; a missing or invalid field is a usage error saying which.
    pub fn into_point(self) -> Result<Point> {
        let need = |v: Option<String>, flag: &str, eg: &str| {
            v.filter(|s| !s.trim().is_empty())
                .ok_or_else(|| Error::usage(format!("缺少 {flag}")).with_hint(format!("例如 {flag} {eg}")))
        };
        let id = need(self.id, "--id", "hopes.study.theory")?;
        let title = need(self.title, "--title", "加强理论学习")?;
        let slot_name = need(self.slot, "--slot", "hopes")?;
        let slot = Slot::parse(&slot_name).ok_or_else(|| {
            let all: Vec<&str> = Slot::ALL.iter().map(|s| s.name()).collect();
            Error::usage(format!("--slot {slot_name} 无效")).with_hint(format!("可选 {}", all.join("、")))
        })?;
        if self.kinds.is_empty() {
            return Err(
                Error::usage("缺少 --kind").with_hint("至少写一个：--kind welcome 或 --kind symposium")
            );
        }
        let kinds = self.kinds.iter().map(|k| Kind::from_flag(k)).collect::<Result<Vec<_>>>()?;
        if self.variants.is_empty() {
            return Err(Error::usage("缺少 --variant").with_hint("至少写一段正文：--variant \"……\""));
        }
        let mut vars = BTreeMap::new();
        for v in &self.vars {
            let (name, value) = v.split_once('=').ok_or_else(|| {
                Error::usage(format!("--var {v} 格式不对"))
                    .with_hint("写作 --var 名称=示例值，如 --var place=青川市")
            })?;
            let value = match value.trim().parse::<i64>() {
                Ok(n) => VarValue::Int(n),
                Err(_) => VarValue::Str(value.trim().to_string()),
            };
            vars.insert(name.trim().to_string(), value);
        }
        Ok(Point {
            id,
            title,
            slot,
            kinds,
            tags: self.tags,
            optional: self.optional,
            vars,
            variants: self.variants,
        })
    }
}

/// Points from a YAML file holding one point (a mapping) or a list of points.
pub fn points_from_yaml(text: &str, path: &Path) -> Result<Vec<Point>> {
    let trimmed = text.trim_start_matches('\u{FEFF}');
    crate::yaml::check_bounds(trimmed, path)?;
    let is_list = serde_yaml::from_str::<serde_yaml::Value>(trimmed).is_ok_and(|v| v.is_sequence());
    let as_list = if is_list {
        trimmed.to_string()
    } else {
        // One mapping: indent it under a dash, keeping line numbers (errors point at the file).
        let mut s = String::new();
        for (i, line) in trimmed.lines().enumerate() {
            s.push_str(if i == 0 { "- " } else { "  " });
            s.push_str(line);
            s.push('\n');
        }
        s
    };
    Ok(parse_points(&as_list, path)?.into_iter().map(|p| p.value).collect())
}

/// Check `points` (as the loader would, plus declared variables and ids unique across the
/// phrasebook), append them to `target` and return the path written.
pub fn append(target: &Path, points: &[Point], book: &Phrasebook) -> Result<PathBuf> {
    // Concurrent adds to one file take turns, each reading the file as the last one left it.
    crate::fsio::with_file_lock(target, || append_locked(target, points, book))
}

fn append_locked(target: &Path, points: &[Point], book: &Phrasebook) -> Result<PathBuf> {
    let shown = target.to_path_buf();
    let existing = if target.exists() {
        String::from_utf8(crate::fsio::read_bytes(target)?).map_err(|_| {
            Error::input(Location::file(target), "不是 UTF-8 编码的文本").with_hint("请另存为 UTF-8 编码")
        })?
    } else {
        String::new()
    };
    let existing_points =
        if existing.trim().is_empty() { Vec::new() } else { parse_points(&existing, &shown)? };
    for p in points {
        if let Some(e) = book.get(&p.id) {
            return Err(Error::usage(format!("编号 {} 已存在（{}）", p.id, e.origin.location()))
                .with_hint("换一个编号；要修改已有要点请直接编辑文件"));
        }
        if existing_points.iter().any(|q| q.value.id == p.id) {
            return Err(Error::usage(format!(
                "编号 {} 在 {} 中已存在",
                p.id,
                crate::error::display_path(target)
            ))
            .with_hint("换一个编号"));
        }
        let undeclared = p.undeclared_vars();
        if !undeclared.is_empty() {
            let names: Vec<&str> = undeclared.iter().map(String::as_str).collect();
            return Err(Error::usage(format!("要点 {} 用了未声明的变量 {}", p.id, names.join("、")))
                .with_hint(format!("用 --var {}=示例值 声明", names[0])));
        }
    }
    let addition = serde_yaml::to_string(points).map_err(|e| Error::usage(format!("无法生成 YAML：{e}")))?;
    let mut text = existing.clone();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&addition);
    // The loader's checks (id form, templates, non-empty fields) on the result as a whole.
    parse_points(&text, &shown)?;
    let formatted = super::fmt::format(&text, &shown)?;
    crate::fsio::write_atomic(target, formatted.as_bytes())?;
    Ok(shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags() -> Flags {
        Flags {
            id: Some("hopes.study.new".into()),
            title: Some("在学习上下功夫".into()),
            slot: Some("hopes".into()),
            kinds: vec!["welcome".into()],
            tags: vec!["学习".into()],
            variants: vec!["希望大家尽快熟悉{{ place }}的情况。".into()],
            optional: false,
            vars: vec!["place=青川市".into()],
        }
    }

    #[test]
    fn appends_keeping_comments_and_layout() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("hopes.yaml");
        std::fs::write(&target, "# 我的希望类要点\n- id: hopes.old\n  title: 旧的\n  slot: hopes\n  kinds: [welcome]\n  variants: [旧的表述。]\n").unwrap();
        let book = Phrasebook::default();
        append(&target, &[flags().into_point().unwrap()], &book).unwrap();
        let text = std::fs::read_to_string(&target).unwrap();
        assert!(text.starts_with("# 我的希望类要点\n- id: hopes.old\n"), "{text}");
        assert!(text.contains("\n\n- id: hopes.study.new\n  title: 在学习上下功夫\n  slot: hopes\n  kinds: [welcome]\n  tags: [学习]\n  vars:\n    place: 青川市\n  variants:\n    - 希望大家尽快熟悉{{ place }}的情况。\n"), "{text}");
        assert_eq!(super::super::fmt::format(&text, &target).unwrap(), text);
        // The same id again is refused and the file is left alone.
        let err = append(&target, &[flags().into_point().unwrap()], &book).unwrap_err();
        assert!(err.to_string().contains("已存在"), "{err}");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), text);
    }

    #[test]
    fn refuses_undeclared_variables_and_bad_fields() {
        let mut f = flags();
        f.vars.clear();
        let err =
            append(Path::new("unused.yaml"), &[f.into_point().unwrap()], &Phrasebook::default()).unwrap_err();
        assert!(err.to_string().contains("未声明的变量 place"), "{err}");
        let mut f = flags();
        f.slot = Some("middle".into());
        assert!(f.into_point().unwrap_err().to_string().contains("--slot middle 无效"));
    }

    #[test]
    fn reads_one_point_or_a_list_from_yaml() {
        let one = "id: a.b\ntitle: 标题\nslot: hopes\nkinds: [welcome]\nvariants: [正文。]\n";
        assert_eq!(points_from_yaml(one, Path::new("p.yaml")).unwrap().len(), 1);
        let bad = "id: a.b\ntitle: 标题\nslot: hopes\nkinds: [welcome]\nvariant: [正文。]\n";
        let err = points_from_yaml(bad, Path::new("p.yaml")).unwrap_err().to_string();
        assert!(err.contains("p.yaml:5:"), "{err}");
    }
}
