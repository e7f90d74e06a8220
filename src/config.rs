//! `jianggao.yaml`: found by walking up from the current folder; names the phrasebook layers, the
//! templates, the archive, the speaking rate and thresholds. Flags override it.
//!
//! Relative paths in the file are resolved against the folder that holds it, so a config works the
//! same from any subfolder.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Location, Result};

pub const FILE_NAME: &str = "jianggao.yaml";

/// The config file as written. Every field is optional; unknown fields are errors.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Phrasebook layers on top of the embedded one, in order (later ones win by id).
    pub phrasebook: Vec<PathBuf>,
    /// A folder of templates overriding the embedded ones by file name.
    pub templates: Option<PathBuf>,
    /// The archive of earlier speeches.
    pub archive: Option<PathBuf>,
    /// Speaking rate in 字/分钟.
    pub rate: Option<u32>,
    /// `check`: the highest acceptable 总复制比, in percent.
    pub max_reuse: Option<f64>,
    /// `check`: the shortest match counted, in folded characters.
    pub min_chars: Option<usize>,
    /// `check`: a passage found in at least this many distinct archive speeches is a formulation.
    pub formula_min_speeches: Option<usize>,
    /// `check`: files left out of the archive when checking (paths or globs relative to the archive).
    pub exclude: Vec<PathBuf>,
    /// `check`: passages accepted as not copied (matched on folded text).
    pub ignore: Vec<String>,
}

/// A config file that was found, with the folder its relative paths are resolved against.
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub path: Option<PathBuf>,
    pub config: Config,
}

impl Found {
    /// The folder relative paths in the config are taken from.
    pub fn base(&self) -> PathBuf {
        self.path.as_ref().and_then(|p| p.parent()).map(Path::to_path_buf).unwrap_or_default()
    }

    /// `p` resolved against the config's folder.
    pub fn resolve(&self, p: &Path) -> PathBuf {
        if p.is_absolute() { p.to_path_buf() } else { self.base().join(p) }
    }

    pub fn phrasebook_layers(&self) -> Vec<PathBuf> {
        self.config.phrasebook.iter().map(|p| self.resolve(p)).collect()
    }

    pub fn templates(&self) -> Option<PathBuf> {
        self.config.templates.as_deref().map(|p| self.resolve(p))
    }

    pub fn archive(&self) -> Option<PathBuf> {
        self.config.archive.as_deref().map(|p| self.resolve(p))
    }
}

/// The environment variable that overrides discovery: a config file's path, or empty / `none`
/// for no config at all (tests use it so nothing above their temporary folder is read).
pub const ENV_VAR: &str = "JIANGGAO_CONFIG";

/// The config the binary runs with: the file `env` (the value of [`ENV_VAR`]) names, none when it
/// is empty or `none`, else the first `jianggao.yaml` walking up from `start`.
pub fn find(start: &Path, env: Option<&std::ffi::OsStr>) -> Result<Found> {
    match env {
        None => discover(start),
        Some(v) if v.is_empty() || v == "none" => Ok(Found::default()),
        Some(v) => {
            let path = Path::new(v);
            if !path.is_file() {
                return Err(Error::usage(format!(
                    "环境变量 {ENV_VAR} 指向的配置文件不存在：{}",
                    path.display()
                ))
                .with_hint(format!("请改正路径；{ENV_VAR}=none 表示不读任何配置文件")));
            }
            load(path)
        }
    }
}

/// Walk up from `start` to the first folder holding `jianggao.yaml` and load it; no file is fine.
pub fn discover(start: &Path) -> Result<Found> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        let candidate = d.join(FILE_NAME);
        if candidate.is_file() {
            return load(&candidate);
        }
        dir = d.parent();
    }
    Ok(Found::default())
}

/// Load one config file.
pub fn load(path: &Path) -> Result<Found> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, "读取配置文件", &e))?;
    let config = parse(&text, path)?;
    Ok(Found { path: Some(path.to_path_buf()), config })
}

/// Parse config text; errors carry the file, line and column.
pub fn parse(text: &str, path: &Path) -> Result<Config> {
    if text.trim().is_empty() {
        return Ok(Config::default());
    }
    serde_yaml::from_str(text).map_err(|e| yaml_error(path, &e, "配置文件格式有误").with_hint(
        "可用的设置有 phrasebook、templates、archive、rate、max_reuse、min_chars、formula_min_speeches、exclude、ignore",
    ))
}

/// A serde_yaml error as one of ours: file, 1-based line and column (in scalars), Chinese message.
pub fn yaml_error(path: &Path, err: &serde_yaml::Error, what: &str) -> Error {
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
            None => format!("类型不对：{rest}"),
        };
    }
    msg.to_string()
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
        _ => return t.to_string(),
    };
    if value.is_empty() || head == "struct" || head == "map" || head == "sequence" || head == "path" {
        name.to_string()
    } else {
        format!("{name} {value}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discovers_by_walking_up_and_resolves_relative_paths() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "phrasebook: [我的素材]\narchive: 历年讲话\nrate: 200\n")
            .unwrap();
        let deep = dir.path().join("2026").join("三月");
        std::fs::create_dir_all(&deep).unwrap();
        let found = discover(&deep).unwrap();
        assert_eq!(found.config.rate, Some(200));
        assert_eq!(found.phrasebook_layers(), vec![dir.path().join("我的素材")]);
        assert_eq!(found.archive(), Some(dir.path().join("历年讲话")));
    }

    #[test]
    fn unknown_field_names_line_and_column() {
        let err = parse("rate: 180\narchiv: x\n", Path::new("jianggao.yaml")).unwrap_err();
        let line = err.to_string();
        assert!(line.starts_with("错误：jianggao.yaml:2:1："), "{line}");
        assert!(line.contains("未知字段 archiv"), "{line}");
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
        assert_eq!(translate_yaml_message("did not find expected key"), "did not find expected key");
    }

    #[test]
    fn the_environment_names_the_file_or_turns_discovery_off() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "rate: 200\n").unwrap();
        let other = dir.path().join("别处.yaml");
        std::fs::write(&other, "rate: 150\n").unwrap();
        assert_eq!(find(dir.path(), None).unwrap().config.rate, Some(200));
        assert_eq!(find(dir.path(), Some(std::ffi::OsStr::new("none"))).unwrap().config.rate, None);
        assert_eq!(find(dir.path(), Some(std::ffi::OsStr::new(""))).unwrap().config.rate, None);
        assert_eq!(find(dir.path(), Some(other.as_os_str())).unwrap().config.rate, Some(150));
        let missing = dir.path().join("没有.yaml");
        let e = find(dir.path(), Some(missing.as_os_str())).unwrap_err().to_string();
        assert!(e.contains("JIANGGAO_CONFIG") && e.contains("不存在"), "{e}");
    }

    #[test]
    fn no_config_is_fine() {
        let dir = tempfile::tempdir().unwrap();
        // A temp dir may sit below a folder with a config on a developer machine; only check the
        // parse of an empty file here.
        assert_eq!(parse("", &dir.path().join(FILE_NAME)).unwrap(), Config::default());
    }
}
