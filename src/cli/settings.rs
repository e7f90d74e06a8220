//! Flags over the config, resolved once into what the library takes: the archive folder, the
//! phrasebook layers, the checker's settings. Every command resolves them here, so a flag means
//! the same in each, and a value is validated the same whether a flag or the config gave it.

use std::path::{Path, PathBuf};

use jianggao::config::Found;
use jianggao::error::{Error, Location, Result};
use jianggao::reuse::check::{DEFAULT_FORMULA_MIN_SPEECHES, DEFAULT_MAX_REUSE, Settings};
use jianggao::reuse::classify::PhrasebookTexts;

/// The archive: `--archive DIR`, else the config's `archive`, else `./archive`.
pub fn archive_dir(flag: Option<&Path>, config: &Found) -> PathBuf {
    flag.map(Path::to_path_buf)
        .or_else(|| config.archive())
        .unwrap_or_else(|| PathBuf::from(jianggao::archive::DEFAULT_DIR))
}

/// The phrasebook folders on top of the shipped one: the config's layers, then each
/// `--phrasebook DIR` (later ones win by id) — in every command alike.
pub fn phrasebook_layers(flags: &[PathBuf], config: &Found) -> Vec<PathBuf> {
    let mut layers = config.phrasebook_layers();
    layers.extend(flags.iter().cloned());
    layers
}

/// The checker's flags as given on a command line.
#[derive(Debug, Default)]
pub struct CheckFlags<'a> {
    pub archive: Option<&'a Path>,
    pub max_reuse: Option<f64>,
    pub min_chars: Option<usize>,
    pub exclude: &'a [PathBuf],
}

/// Check settings: the flags over the config over the defaults, each value validated once.
pub fn check(flags: &CheckFlags, config: &Found, phrasebook: PhrasebookTexts) -> Result<Settings> {
    let c = &config.config;
    let in_config = |key: &'static str| {
        move |e: Error| {
            let file = config.path.clone().unwrap_or_else(|| PathBuf::from(jianggao::config::FILE_NAME));
            Error::input(Location::file(file), format!("{key} {}", e.message))
                .with_hint(e.hint.unwrap_or_default())
        }
    };
    let max_reuse = match (flags.max_reuse, c.max_reuse) {
        (Some(m), _) => max_reuse(m).map_err(|e| flag_error("--max-reuse", e))?,
        (None, Some(m)) => max_reuse(m).map_err(in_config("max_reuse"))?,
        (None, None) => DEFAULT_MAX_REUSE,
    };
    let min_chars = match (flags.min_chars, c.min_chars) {
        (Some(n), _) => min_chars(n).map_err(|e| flag_error("--min-chars", e))?,
        (None, Some(n)) => min_chars(n).map_err(in_config("min_chars"))?,
        (None, None) => jianggao::reuse::align::DEFAULT_MIN_CHARS,
    };
    let formula_min_speeches = match c.formula_min_speeches {
        Some(n) if n < 2 => {
            return Err(in_config("formula_min_speeches")(
                Error::usage(format!("{n} 太小")).with_hint("至少为 2，默认 5"),
            ));
        }
        Some(n) => n,
        None => DEFAULT_FORMULA_MIN_SPEECHES,
    };
    let archive = archive_dir(flags.archive, config);
    // The config's exclusions are relative to the archive; a flag's may be relative to here.
    let mut exclude: Vec<PathBuf> =
        c.exclude.iter().map(|p| if p.is_absolute() { p.clone() } else { archive.join(p) }).collect();
    exclude.extend(flags.exclude.iter().cloned());
    Ok(Settings {
        archive,
        min_chars,
        formula_min_speeches,
        exclude,
        ignore: c.ignore.clone(),
        phrasebook,
        max_reuse,
    })
}

fn flag_error(flag: &str, e: Error) -> Error {
    Error::usage(format!("{flag} {}", e.message)).with_hint(e.hint.unwrap_or_default())
}

use jianggao::config::{check_max_reuse as max_reuse, check_min_chars as min_chars};

#[cfg(test)]
mod tests {
    use super::*;

    fn found(yaml: &str) -> Found {
        Found {
            path: Some(PathBuf::from("工作/jianggao.yaml")),
            config: jianggao::config::parse(yaml, Path::new("jianggao.yaml")).unwrap(),
        }
    }

    #[test]
    fn a_value_is_validated_alike_from_a_flag_or_the_config() {
        let pb = PhrasebookTexts::default;
        let flag =
            check(&CheckFlags { min_chars: Some(5), ..Default::default() }, &found(""), pb()).unwrap_err();
        assert_eq!(flag.to_string(), "错误：--min-chars 5 太小；至少为 6，默认 13");
        // A bad config value is refused where the file is read, at its line and column, with the
        // flag's words — even when a flag would override it, since the file itself is wrong.
        let cfg = jianggao::config::parse("min_chars: 5\n", Path::new("jianggao.yaml")).unwrap_err();
        assert_eq!(cfg.to_string(), "错误：jianggao.yaml:1:12：min_chars 5 太小；至少为 6，默认 13");
        let ok =
            check(&CheckFlags { min_chars: Some(20), ..Default::default() }, &found("min_chars: 30\n"), pb());
        assert_eq!(ok.unwrap().min_chars, 20, "the flag wins");
        let e =
            jianggao::config::parse("max_reuse: 150\n", Path::new("jianggao.yaml")).unwrap_err().to_string();
        assert!(e.contains("max_reuse 150 不在 0 到 100 之间"), "{e}");
    }

    #[test]
    fn phrasebook_flags_add_to_the_config_layers() {
        let f = found("phrasebook: [我的素材]\n");
        let layers = phrasebook_layers(&[PathBuf::from("科室素材")], &f);
        assert_eq!(layers, [PathBuf::from("工作/我的素材"), PathBuf::from("科室素材")]);
    }
}
