//! The standard formulations (规范提法) of `_formulas.yaml`: the one [`Formula`] type, the one
//! parser ([`parse`]) and the one way lists of several phrasebook layers combine ([`merge`]).
//!
//! The phrasebook loader keeps each layer's list with positions; lint checks drafts against the
//! merged list; the reuse checker counts the listed texts as formulations, never as copies.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result};
use crate::yaml::{self, NodePath, Pos, YamlMap};

/// The reserved file holding the standard formulations, at the top of a phrasebook folder.
pub const FILE_NAME: &str = "_formulas.yaml";

/// One standard formulation: its verbatim public wording and outdated or common wrong forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Formula {
    pub text: String,
    /// Outdated or common wrong forms, for lint's near-miss rule.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outdated: Vec<String>,
}

/// Parse one `_formulas.yaml` (`path` names it in messages): each formulation with where its list
/// item starts. An empty file is an empty list; errors carry file, line and column.
pub fn parse(text: &str, path: &Path) -> Result<Vec<(Formula, Pos)>> {
    yaml::check_bounds(text, path)?;
    let formulas: Vec<Formula> = match serde_yaml::from_str::<Option<Vec<Formula>>>(text) {
        Ok(f) => f.unwrap_or_default(),
        Err(e) => {
            return Err(yaml::error(text, path, &e, "规范提法文件格式有误")
                .with_hint("每一项写作 - text: 规范提法，可选 outdated: [旧提法]"));
        }
    };
    let map = YamlMap::build(text);
    let mut out = Vec::with_capacity(formulas.len());
    for (i, f) in formulas.into_iter().enumerate() {
        let pos = map.value_pos(&NodePath::root().index(i));
        if f.text.trim().is_empty() {
            return Err(Error::input(Location::at(path, pos.line, pos.column), "规范提法的 text 为空")
                .with_hint("写上提法原文，或删去这一项"));
        }
        out.push((f, pos));
    }
    Ok(out)
}

/// Lists of several layers, bottom first, as one: a formulation listed twice keeps its first
/// place and gains the outdated forms of both.
pub fn merge<'a>(lists: impl IntoIterator<Item = &'a Formula>) -> Vec<Formula> {
    let mut merged: Vec<Formula> = Vec::new();
    for f in lists {
        match merged.iter_mut().find(|m| m.text == f.text) {
            Some(m) => {
                for o in &f.outdated {
                    if !m.outdated.contains(o) {
                        m.outdated.push(o.clone());
                    }
                }
            }
            None => merged.push(f.clone()),
        }
    }
    merged
}

/// The shipped list (the embedded phrasebook's `_formulas.yaml`).
pub fn embedded() -> Result<Vec<Formula>> {
    let Some(file) = crate::embedded::PHRASEBOOK.get_file(FILE_NAME) else { return Ok(Vec::new()) };
    let name = crate::embedded::display_name("phrasebook", Path::new(FILE_NAME));
    Ok(parse(file.contents_utf8().unwrap_or(""), Path::new(&name))?.into_iter().map(|(f, _)| f).collect())
}

/// The shipped list and every layer folder's `_formulas.yaml` (a layer without one is fine),
/// merged; only the formulations are read, so a layer whose points do not load still lends them.
pub fn load(layers: &[PathBuf]) -> Result<Vec<Formula>> {
    let mut all = embedded()?;
    for dir in layers {
        let path = dir.join(FILE_NAME);
        if path.is_file() {
            let text = crate::fsio::read_utf8(&path)?;
            all.extend(parse(&text, &path)?.into_iter().map(|(f, _)| f));
        }
    }
    Ok(merge(&all))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_layers() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(FILE_NAME),
            "- text: 铸牢中华民族共同体意识\n- text: 以人民为中心的发展思想\n  outdated: [以人为本的发展思想]\n",
        )
        .unwrap();
        let all = load(&[dir.path().to_path_buf()]).unwrap();
        let mine: Vec<_> = all.iter().filter(|f| f.text == "以人民为中心的发展思想").collect();
        assert_eq!(mine.len(), 1);
        assert_eq!(mine[0].outdated, ["以人为本的发展思想"]);
        assert!(all.len() > 1, "the shipped list is there too");
    }

    #[test]
    fn merging_keeps_the_first_place_and_every_outdated_form() {
        let a = Formula { text: "甲乙丙丁戊己庚辛".into(), outdated: vec!["旧一".into()] };
        let b = Formula { text: "子丑寅卯".into(), outdated: vec![] };
        let a2 = Formula {
            text: "甲乙丙丁戊己庚辛".into(), outdated: vec!["旧二".into(), "旧一".into()]
        };
        let m = merge([&a, &b, &a2]);
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].outdated, ["旧一", "旧二"]);
    }

    #[test]
    fn unknown_field_and_empty_text_name_line_and_column() {
        let err = parse("- text: 甲乙丙丁戊己\n  old: [x]\n", Path::new("_formulas.yaml")).unwrap_err();
        assert!(err.to_string().starts_with("错误：_formulas.yaml:2:"), "{err}");
        let err = parse("- text: 甲乙丙丁\n- text: ' '\n", Path::new("_formulas.yaml")).unwrap_err();
        assert!(err.to_string().starts_with("错误：_formulas.yaml:2:3：规范提法的 text 为空"), "{err}");
    }
}
