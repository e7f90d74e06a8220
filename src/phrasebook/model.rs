//! The phrasebook's data types as written in YAML: points, slots, kinds, variables.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

/// Where in a speech a point belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Slot {
    /// 开场（问候、介绍会议）
    Opening,
    /// 欢迎（代表东道主致欢迎）
    Welcome,
    /// 意义（东西部协作、挂职锻炼的意义）
    Significance,
    /// 情况（工作回顾、成效）
    Situation,
    /// 希望（对挂职干部的希望）
    Hopes,
    /// 要求（任务、工作要求）
    Requirements,
    /// 支持（东道主的保障承诺）
    Support,
    /// 结束语
    Closing,
}

impl Slot {
    pub const ALL: [Slot; 8] = [
        Slot::Opening,
        Slot::Welcome,
        Slot::Significance,
        Slot::Situation,
        Slot::Hopes,
        Slot::Requirements,
        Slot::Support,
        Slot::Closing,
    ];

    /// The name as written in YAML (`hopes`).
    pub fn name(self) -> &'static str {
        match self {
            Slot::Opening => "opening",
            Slot::Welcome => "welcome",
            Slot::Significance => "significance",
            Slot::Situation => "situation",
            Slot::Hopes => "hopes",
            Slot::Requirements => "requirements",
            Slot::Support => "support",
            Slot::Closing => "closing",
        }
    }

    pub fn parse(name: &str) -> Option<Slot> {
        Slot::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The Chinese label used in listings (`希望`).
    pub fn label(self) -> &'static str {
        match self {
            Slot::Opening => "开场",
            Slot::Welcome => "欢迎",
            Slot::Significance => "意义",
            Slot::Situation => "情况",
            Slot::Hopes => "希望",
            Slot::Requirements => "要求",
            Slot::Support => "支持",
            Slot::Closing => "结束语",
        }
    }
}

impl fmt::Display for Slot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

pub use crate::speech::Kind;

/// A variable's value, as written in YAML: a string or a number (`count: 12`), kept as written so
/// rewriting a file does not turn `12` into `'12'`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum VarValue {
    Int(i64),
    Float(f64),
    Bool(bool),
    Str(String),
}

impl fmt::Display for VarValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VarValue::Int(n) => write!(f, "{n}"),
            VarValue::Float(x) => write!(f, "{x}"),
            VarValue::Bool(b) => write!(f, "{b}"),
            VarValue::Str(s) => f.write_str(s),
        }
    }
}

/// One numbered point of the phrasebook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Point {
    /// Stable dotted id; siblings share the prefix up to the last dot.
    pub id: String,
    /// The short lead sentence (“一是要……” / a heading); may use `{{ var }}`.
    pub title: String,
    pub slot: Slot,
    /// Non-empty: which kinds of speech may use it.
    pub kinds: Vec<Kind>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// May be dropped to meet a length target.
    #[serde(default, skip_serializing_if = "is_false")]
    pub optional: bool,
    /// Every variable the title and variants use, with an example value.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub vars: BTreeMap<String, VarValue>,
    /// Body texts, at least one; may use `{{ var }}`.
    pub variants: Vec<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Point {
    /// The variables the title and variants refer to (whether declared in `vars` or not).
    /// Texts that fail to parse as templates contribute nothing (the loader rejects them).
    pub fn used_vars(&self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for t in std::iter::once(&self.title).chain(&self.variants) {
            out.extend(template_vars(t));
        }
        out
    }

    /// Variables used but not declared in `vars` (a phrasebook-maintenance finding).
    pub fn undeclared_vars(&self) -> BTreeSet<String> {
        self.used_vars().into_iter().filter(|v| !self.vars.contains_key(v)).collect()
    }
}

/// The top-level variables a minijinja text refers to; empty when the text has no `{` at all
/// (the common case, kept cheap) or does not parse.
pub fn template_vars(text: &str) -> BTreeSet<String> {
    if !text.contains('{') {
        return BTreeSet::new();
    }
    match syntax_env().template_from_str(text) {
        Ok(t) => t.undeclared_variables(false).into_iter().collect(),
        Err(_) => BTreeSet::new(),
    }
}

/// One shared environment for parsing point texts: building one per text would dominate loading.
pub(crate) fn syntax_env() -> &'static minijinja::Environment<'static> {
    static ENV: std::sync::LazyLock<minijinja::Environment<'static>> =
        std::sync::LazyLock::new(minijinja::Environment::new);
    &ENV
}
