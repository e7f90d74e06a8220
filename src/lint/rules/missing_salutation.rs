//! Rule `missing-salutation` (warning): a speech opens by addressing its audience (同志们：,
//! 各位领导、同志们：); a welcome speech also greets its guests.

use crate::lint::{Draft, Hit, Rule, Severity};
use crate::speech::{BlockKind, Kind, Speech};
use crate::text::span::Span;

pub const ID: &str = "missing-salutation";

/// Check the opening of `speech` (parsed from the draft text; spans are offsets into it).
pub fn check(speech: &Speech, kind: Option<Kind>) -> Vec<Hit> {
    let at = speech.spoken().next().map(|b| Span::new(b.span.start, b.span.start)).unwrap_or(Span::new(0, 0));
    let salutation = speech.blocks.iter().find(|b| b.kind == BlockKind::Salutation);
    let fix_example = match kind {
        Some(Kind::Welcome) => "尊敬的各位来宾，同志们：",
        _ => "同志们：",
    };
    match salutation {
        None => vec![Hit {
            rule: ID,
            severity: Severity::Warning,
            span: at,
            message: "讲话开头没有称呼".into(),
            fix: format!("在正文前单独一行写称呼，如“{fix_example}”"),
        }],
        Some(_) => Vec::new(),
    }
}

pub struct MissingSalutation;

impl Rule for MissingSalutation {
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
    fn reports_a_missing_salutation_at_the_first_spoken_paragraph() {
        let text = "在座谈会上的讲话\n今天我们召开座谈会。\n";
        let hits = check(&Speech::parse(text), Some(Kind::Welcome));
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].span.start, 9);
        assert!(hits[0].fix.contains("尊敬的各位来宾"));
    }

    #[test]
    fn a_salutation_line_passes() {
        let text = "在座谈会上的讲话\n各位领导、同志们：\n今天我们召开座谈会。\n";
        assert!(check(&Speech::parse(text), None).is_empty());
    }
}
