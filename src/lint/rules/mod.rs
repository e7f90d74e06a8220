//! One lint rule a file, each with its tests beside it. Rule ids are shared by `lint` (drafts) and
//! `phrasebook lint` where the rule is the same.

pub mod closing;
pub mod formula_near_miss;
pub mod halfwidth_punct;
pub mod length;
pub mod mixed_script;
pub mod numbering;
pub mod parallel;
pub mod placeholder_left;
pub mod salutation;

/// The kinds of speech the salutation and closing rules know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// 欢迎讲话
    Welcome,
    /// 座谈会讲话
    Symposium,
}

impl Kind {
    pub fn parse(name: &str) -> Option<Kind> {
        match name.trim() {
            "welcome" | "欢迎" => Some(Kind::Welcome),
            "symposium" | "座谈" | "座谈会" => Some(Kind::Symposium),
            _ => None,
        }
    }
}
