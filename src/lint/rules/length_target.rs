//! Rule `length-target` (warning): the spoken text (title and byline left out) against a target
//! in minutes at a speaking rate, with [`TOLERANCE`] either way.

use crate::count;
use crate::lint::{Draft, Hit, Rule, Severity};
use crate::speech::Speech;
use crate::text::span::Span;

pub const ID: &str = "length-target";

/// How far from the target a draft may be before it is reported (a fraction of the target).
pub const TOLERANCE: f64 = 0.10;

pub fn check(speech: &Speech, minutes: f64, rate: u32) -> Vec<Hit> {
    let target = count::chars_for_minutes(minutes, rate);
    if target == 0 {
        return Vec::new();
    }
    let chars: usize = speech.spoken().map(|b| count::zishu(&b.text)).sum();
    let off = chars as f64 / target as f64 - 1.0;
    if off.abs() <= TOLERANCE {
        return Vec::new();
    }
    let at = speech.spoken().next().map(|b| b.span.start).unwrap_or(0);
    let (what, fix) = if off > 0.0 {
        ("偏长", format!("删减约 {} 字（可先删可选的段落）", chars - target))
    } else {
        ("偏短", format!("补充约 {} 字", target - chars))
    };
    vec![Hit {
        rule: ID,
        severity: Severity::Warning,
        span: Span::new(at, at),
        message: format!(
            "篇幅{what}：正文 {chars} 字，按每分钟 {rate} 字{}，目标 {minutes} 分钟（约 {target} 字）",
            count::minutes_label(chars, rate)
        ),
        fix,
    }]
}

pub struct LengthTarget;

impl Rule for LengthTarget {
    fn ids(&self) -> &'static [(&'static str, Severity)] {
        &[(ID, Severity::Warning)]
    }

    /// Only when a target is set.
    fn check(&self, draft: &Draft<'_>) -> Vec<Hit> {
        let s = draft.settings;
        s.minutes.map(|m| check(draft.speech, m, s.rate.max(1))).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speech(body_chars: usize) -> Speech {
        Speech::parse(&format!("在会上的讲话\n同志们：\n{}。\n", "好".repeat(body_chars.saturating_sub(5))))
    }

    #[test]
    fn too_long_and_too_short_are_reported() {
        // 2 minutes at 180 = 360 字; 同志们：= 4 and 。 = 1 count too.
        let long = check(&speech(450), 2.0, 180);
        assert_eq!(long.len(), 1);
        assert!(long[0].message.contains("偏长：正文 450 字"), "{}", long[0].message);
        assert_eq!(long[0].fix, "删减约 90 字（可先删可选的段落）");
        assert!(check(&speech(200), 2.0, 180)[0].message.contains("偏短"));
    }

    #[test]
    fn within_ten_percent_passes() {
        assert!(check(&speech(380), 2.0, 180).is_empty());
        assert!(check(&speech(330), 2.0, 180).is_empty());
    }
}
