//! Rule `missing-closing` (warning): a speech ends with a closing — thanks, wishes, or for a
//! symposium the 我就讲这些 formula — in its last paragraphs.

use crate::lint::{Draft, Hit, Rule, Severity};
use crate::speech::{Kind, Speech};
use crate::text::span::Span;

pub const ID: &str = "missing-closing";

/// Closings every kind accepts.
const COMMON: [&str; 8] =
    ["谢谢大家", "谢谢！", "谢谢各位", "祝", "预祝", "衷心感谢", "再次感谢", "共同努力"];
/// A welcome speech may close by welcoming again.
const WELCOME: [&str; 3] = ["再次欢迎", "再次表示热烈欢迎", "宾至如归"];
/// A symposium speech may close with its own formula.
const SYMPOSIUM: [&str; 5] = ["我就讲这些", "我就讲这么多", "以上意见", "就讲这几点", "讲这几点意见"];

/// How many closing paragraphs to look in.
const TAIL: usize = 2;

pub fn check(speech: &Speech, kind: Option<Kind>) -> Vec<Hit> {
    let spoken: Vec<_> = speech.spoken().collect();
    let Some(last) = spoken.last() else { return Vec::new() };
    let tail = &spoken[spoken.len().saturating_sub(TAIL)..];
    let extra: &[&str] = match kind {
        Some(Kind::Welcome) => &WELCOME,
        Some(Kind::Symposium) => &SYMPOSIUM,
        None => &[],
    };
    let closes = tail.iter().any(|b| COMMON.iter().chain(extra).any(|w| b.text.contains(w)));
    if closes {
        return Vec::new();
    }
    let example = match kind {
        Some(Kind::Welcome) => "最后，祝各位同志在青川工作顺利、生活愉快！谢谢大家！",
        Some(Kind::Symposium) => "我就讲这些。谢谢大家！",
        None => "谢谢大家！",
    };
    vec![Hit {
        rule: ID,
        severity: Severity::Warning,
        span: Span::new(last.span.end, last.span.end),
        message: "讲话结尾没有结束语".into(),
        fix: format!("在最后加一句结束语，如“{example}”"),
    }]
}

pub struct MissingClosing;

impl Rule for MissingClosing {
    fn ids(&self) -> &'static [(&'static str, Severity)] {
        &[(ID, Severity::Warning)]
    }

    fn check(&self, draft: &Draft<'_>) -> Vec<Hit> {
        check(draft.speech, draft.settings.kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_speech_that_just_stops_is_reported_at_its_end() {
        let text = "同志们：\n今天召开座谈会。\n要抓好落实。";
        let hits = check(&Speech::parse(text), Some(Kind::Symposium));
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].span.start, text.chars().count());
        assert!(hits[0].fix.contains("我就讲这些"));
    }

    #[test]
    fn thanks_wishes_and_kind_formulas_pass() {
        assert!(check(&Speech::parse("同志们：\n正文。\n谢谢大家！\n"), None).is_empty());
        assert!(check(&Speech::parse("同志们：\n正文。\n最后，祝大家工作顺利！\n"), None).is_empty());
        let sym = Speech::parse("同志们：\n正文。\n我就讲这些。\n");
        assert!(check(&sym, Some(Kind::Symposium)).is_empty());
        assert_eq!(check(&sym, Some(Kind::Welcome)).len(), 1);
    }
}
