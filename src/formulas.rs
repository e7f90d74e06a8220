//! The standard formulations (规范提法) of `_formulas.yaml`: the one [`Formula`] type, the one
//! parser ([`parse`]) and the one way lists of several phrasebook layers combine ([`merge`]).
//!
//! The phrasebook loader keeps each layer's list with positions; lint checks drafts against the
//! merged list; the reuse checker counts the listed texts as formulations, never as copies.
//! A formulation may hold slots (`{地名}`, `{数字}`, `{序数}`) for the word that varies from
//! speech to speech; [`Pattern`] is the one reading of that syntax.

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

/// What a slot of a formulation stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// `{地名}`: a place name or its short form, 1–4 Chinese characters (苏, 浙江, 黔东南).
    Place,
    /// `{数字}`: a number in digits or Chinese numerals, 1–8 characters (3, 二十, 一百二十).
    Number,
    /// `{序数}`: an ordinal, 第 and 1–4 numerals (第三, 第十二), or 首.
    Ordinal,
}

impl Slot {
    /// The slot names `_formulas.yaml` accepts, as written between braces.
    pub const NAMES: [(&'static str, Slot); 3] =
        [("地名", Slot::Place), ("数字", Slot::Number), ("序数", Slot::Ordinal)];

    /// How many characters the slot takes at most.
    fn longest(self) -> usize {
        match self {
            Slot::Place => 4,
            Slot::Number => 8,
            Slot::Ordinal => 5,
        }
    }

    /// Whether `w` (key characters: folded, punctuation left out) can fill the slot.
    pub fn fits(self, w: &[char]) -> bool {
        let numeral = |c: &char| c.is_ascii_digit() || "零〇一二三四五六七八九十百千万两".contains(*c);
        let han = |c: &char| ('\u{4e00}'..='\u{9fff}').contains(c);
        match self {
            Slot::Place => (1..=4).contains(&w.len()) && w.iter().all(han),
            Slot::Number => (1..=8).contains(&w.len()) && w.iter().all(numeral),
            Slot::Ordinal => {
                w == ['首'] || (w.len() >= 2 && w.len() <= 5 && w[0] == '第' && w[1..].iter().all(numeral))
            }
        }
    }
}

/// One piece of a formulation: literal text or a slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Slot(Slot),
}

/// A formulation's text read as literal pieces and slots. Text without a known `{名称}` is one
/// literal piece, so entries written before slots existed read as they always did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub pieces: Vec<Piece>,
}

impl Pattern {
    pub fn parse(text: &str) -> Self {
        let mut pieces = Vec::new();
        let mut lit = String::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let slot = after.find('}').and_then(|close| {
                let name = &after[..close];
                Slot::NAMES.iter().find(|(n, _)| *n == name).map(|&(_, s)| (s, close))
            });
            match slot {
                Some((s, close)) => {
                    lit.push_str(&rest[..open]);
                    if !lit.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut lit)));
                    }
                    pieces.push(Piece::Slot(s));
                    rest = &after[close + 1..];
                }
                None => {
                    lit.push_str(&rest[..open + 1]);
                    rest = after;
                }
            }
        }
        lit.push_str(rest);
        if !lit.is_empty() {
            pieces.push(Piece::Text(lit));
        }
        Pattern { pieces }
    }

    pub fn has_slot(&self) -> bool {
        self.pieces.iter().any(|p| matches!(p, Piece::Slot(_)))
    }

    /// Where the pattern occurs in `hay` (key characters), each literal piece given as key
    /// characters by `key_of`: the ranges matched, slots filled by the shortest fitting word.
    pub fn find_in(&self, hay: &[char], key_of: impl Fn(&str) -> Vec<char>) -> Vec<std::ops::Range<usize>> {
        enum K {
            Lit(Vec<char>),
            Slot(Slot),
        }
        let ks: Vec<K> = self
            .pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => K::Lit(key_of(t)),
                Piece::Slot(s) => K::Slot(*s),
            })
            .filter(|k| !matches!(k, K::Lit(l) if l.is_empty()))
            .collect();
        let literal: usize = ks.iter().map(|k| if let K::Lit(l) = k { l.len() } else { 0 }).sum();
        if ks.is_empty() || literal < 2 {
            return Vec::new();
        }
        // Depth-first over the pieces; a slot tries its lengths shortest first.
        fn from(ks: &[K], hay: &[char], at: usize) -> Option<usize> {
            let Some((k, rest)) = ks.split_first() else { return Some(at) };
            match k {
                K::Lit(l) => {
                    (hay.len() >= at + l.len() && hay[at..at + l.len()] == l[..]).then_some(())?;
                    from(rest, hay, at + l.len())
                }
                K::Slot(s) => (1..=s.longest())
                    .filter(|n| at + n <= hay.len() && s.fits(&hay[at..at + n]))
                    .find_map(|n| from(rest, hay, at + n)),
            }
        }
        let mut out = Vec::new();
        for i in 0..hay.len() {
            if let Some(end) = from(&ks, hay, i) {
                out.push(i..end);
            }
        }
        out
    }
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

    fn chars(s: &str) -> Vec<char> {
        s.chars().filter(|c| !"，。、“”".contains(*c)).collect()
    }

    #[test]
    fn a_slot_matches_the_word_that_varies() {
        let p = Pattern::parse("深入学习贯彻总书记来{地名}视察时的重要指示精神");
        assert!(p.has_slot());
        let hay = chars("我们要深入学习贯彻总书记来黔视察时的重要指示精神，抓好落实。");
        let found = p.find_in(&hay, chars);
        assert_eq!(found.len(), 1);
        assert_eq!(
            hay[found[0].clone()].iter().collect::<String>(),
            "深入学习贯彻总书记来黔视察时的重要指示精神"
        );
        let two = chars("深入学习贯彻总书记来江西视察时的重要指示精神");
        assert_eq!(p.find_in(&two, chars).first(), Some(&(0..two.len())));
        // A slot takes only words of its class: 多 is not a number.
        let num = Pattern::parse("连续{数字}年保持增长");
        assert_eq!(num.find_in(&chars("粮食产量连续12年保持增长"), chars).first(), Some(&(4..13)));
        assert!(num.find_in(&chars("粮食产量连续多年保持增长"), chars).is_empty());
        let ord = Pattern::parse("{序数}次全体会议");
        assert_eq!(ord.find_in(&chars("召开第三次全体会议"), chars).first(), Some(&(2..9)));
    }

    #[test]
    fn text_without_a_known_slot_reads_as_before() {
        let p = Pattern::parse("坚持{两点论}和重点论");
        assert_eq!(p.pieces, [Piece::Text("坚持{两点论}和重点论".into())]);
        assert!(!p.has_slot());
        assert_eq!(Pattern::parse("全面从严治党").pieces, [Piece::Text("全面从严治党".into())]);
    }
}
