//! The standard formulations (规范提法) lint checks against: `_formulas.yaml` from the embedded
//! phrasebook and from each layer folder, in order (later layers add entries).
//!
//! Parsed here with a tiny struct of its own; when the phrasebook model reads `_formulas.yaml`
//! itself, [`load`] can be redirected to it without touching the rule.

use std::path::{Path, PathBuf};

use crate::error::Result;

pub const FILE_NAME: &str = "_formulas.yaml";

/// One formulation and its outdated or common wrong forms.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Formula {
    pub text: String,
    #[serde(default)]
    pub outdated: Vec<String>,
}

/// Parse one `_formulas.yaml`; errors carry file, line and column.
pub fn parse(yaml: &str, path: &Path) -> Result<Vec<Formula>> {
    if yaml.trim().is_empty() {
        return Ok(Vec::new());
    }
    serde_yaml::from_str(yaml).map_err(|e| {
        crate::yaml::error(yaml, path, &e, "规范提法清单格式有误")
            .with_hint("每条写作 - text: 提法，可选 outdated: [旧提法]")
    })
}

/// The embedded list plus every layer's `_formulas.yaml` (a layer without one is fine); a
/// formulation listed twice keeps its first place and gains the outdated forms of both.
pub fn load(layers: &[PathBuf]) -> Result<Vec<Formula>> {
    let mut all = Vec::new();
    if let Some(file) = crate::embedded::PHRASEBOOK.get_file(FILE_NAME) {
        let name = crate::embedded::display_name("phrasebook", Path::new(FILE_NAME));
        all.extend(parse(file.contents_utf8().unwrap_or(""), Path::new(&name))?);
    }
    for dir in layers {
        let path = dir.join(FILE_NAME);
        if path.is_file() {
            let bytes = crate::fsio::read_bytes(&path)?;
            let text = String::from_utf8_lossy(&bytes);
            all.extend(parse(&text, &path)?);
        }
    }
    let mut merged: Vec<Formula> = Vec::with_capacity(all.len());
    for f in all {
        match merged.iter_mut().find(|m| m.text == f.text) {
            Some(m) => {
                for o in f.outdated {
                    if !m.outdated.contains(&o) {
                        m.outdated.push(o);
                    }
                }
            }
            None => merged.push(f),
        }
    }
    Ok(merged)
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
    }

    #[test]
    fn unknown_field_names_line_and_column() {
        let err = parse("- text: 甲乙丙丁戊己\n  old: [x]\n", Path::new("_formulas.yaml")).unwrap_err();
        assert!(err.to_string().starts_with("错误：_formulas.yaml:2:"), "{err}");
    }
}
