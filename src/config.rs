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
    let text = crate::fsio::read_utf8(path)?;
    let config = parse(&text, path)?;
    Ok(Found { path: Some(path.to_path_buf()), config })
}

/// Parse config text; errors carry the file, line and column.
pub fn parse(text: &str, path: &Path) -> Result<Config> {
    if text.trim().is_empty() {
        return Ok(Config::default());
    }
    crate::yaml::check_bounds(text, path)?;
    let config: Config = serde_yaml::from_str(text).map_err(|e| {
        crate::yaml::error(text, path, &e, "配置文件格式有误").with_hint(
            "可用的设置有 phrasebook、templates、archive、rate、max_reuse、min_chars、formula_min_speeches、exclude、ignore",
        )
    })?;
    validate(&config, text, path)?;
    Ok(config)
}

/// The config's values checked by the rules the flags follow, the error at the key's value.
fn validate(c: &Config, text: &str, path: &Path) -> Result<()> {
    let checks = [
        ("rate", c.rate.map(check_rate).map(|r| r.map(drop))),
        ("max_reuse", c.max_reuse.map(check_max_reuse).map(|r| r.map(drop))),
        ("min_chars", c.min_chars.map(check_min_chars).map(|r| r.map(drop))),
        ("formula_min_speeches", c.formula_min_speeches.map(check_formula_min_speeches).map(|r| r.map(drop))),
    ];
    for (key, check) in checks {
        if let Some(Err(e)) = check {
            let (line, col) = value_position(text, key);
            return Err(Error::input(Location::at(path, line, col), format!("{key} {}", e.message))
                .with_hint(e.hint.unwrap_or_default()));
        }
    }
    Ok(())
}

/// Line and column (1-based, in characters) of a top-level `key:`'s value.
fn value_position(text: &str, key: &str) -> (usize, usize) {
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_start_matches('\u{feff}');
        if let Some(rest) = line.strip_prefix(key).and_then(|r| r.strip_prefix(':')) {
            let pad = rest.chars().take_while(|c| c.is_whitespace()).count();
            return (i + 1, key.chars().count() + 2 + pad);
        }
    }
    (1, 1)
}

/// The speaking rate, 字 a minute (`--rate`, `rate:`).
pub fn check_rate(n: u32) -> Result<u32> {
    if n == 0 {
        return Err(Error::usage("不能为 0").with_hint("语速是每分钟字数，一般为 160 到 220"));
    }
    Ok(n)
}

/// The reuse threshold in percent, 0 to 100 (`--max-reuse`, `max_reuse:`).
pub fn check_max_reuse(m: f64) -> Result<f64> {
    if (0.0..=100.0).contains(&m) {
        Ok(m)
    } else {
        Err(Error::usage(format!("{m} 不在 0 到 100 之间")).with_hint("例如 --max-reuse 10"))
    }
}

/// The shortest match counted: longer than the fingerprint's k-gram (`--min-chars`, `min_chars:`).
pub fn check_min_chars(n: usize) -> Result<usize> {
    if n > crate::reuse::fingerprint::K {
        Ok(n)
    } else {
        Err(Error::usage(format!("{n} 太小")).with_hint("至少为 6，默认 13"))
    }
}

/// In how many speeches a sentence must recur to count as a formula (`formula_min_speeches:`).
pub fn check_formula_min_speeches(n: usize) -> Result<usize> {
    if n < 2 {
        return Err(Error::usage(format!("{n} 太小")).with_hint("至少为 2，默认 5"));
    }
    Ok(n)
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
