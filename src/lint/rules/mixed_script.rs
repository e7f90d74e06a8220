//! `mixed-script`: Traditional and Simplified characters mixed in one text (a point, a draft).
//!
//! A text wholly in one script is left alone; when both occur, the minority script's characters
//! are reported (Traditional ones on a tie, since speeches are written in Simplified), in runs.
//! The per-character table finds candidates; each is confirmed by phrase-level conversion of its
//! context, so 乾坤 and 哪吒 in Simplified text, or 合作 in Traditional text, are not reported.

use crate::lint::{Draft, Hit, Rule, Severity};
use crate::text::script::{
    is_simplified_only, is_traditional, script_counts, simplify_chars, to_simplified, to_traditional,
};
use crate::text::span::Span;

pub const ID: &str = "mixed-script";

/// Hits on the minority script's characters when `text` mixes Traditional and Simplified.
pub fn check(text: &str) -> Vec<Hit> {
    let counts = script_counts(text);
    if counts.traditional == 0 || counts.simplified == 0 {
        return Vec::new();
    }
    let flag_traditional = counts.traditional <= counts.simplified;
    let chars: Vec<char> = text.chars().collect();
    let candidate = |c: char| if flag_traditional { is_traditional(c) } else { is_simplified_only(c) };
    // Confirmed: converting a few characters around it to the other script changes it.
    let confirmed: Vec<bool> = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| candidate(c) && changes_in_context(&chars, i, flag_traditional))
        .collect();
    let minority = |i: usize| confirmed[i];
    let mut hits = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !minority(i) {
            i += 1;
            continue;
        }
        // A run: minority characters, allowing shared characters in between (協作 → one run).
        let mut j = i + 1;
        let mut last = i;
        while j < chars.len()
            && j - last <= 2
            && !chars[j].is_whitespace()
            && crate::text::placeholder::is_han(chars[j])
        {
            if minority(j) {
                last = j;
            }
            j += 1;
        }
        let run: String = chars[i..=last].iter().collect();
        let (message, fix) = if flag_traditional {
            (format!("简体文本中混有繁体字“{run}”"), format!("改为“{}”", simplify_chars(&run)))
        } else {
            (format!("繁体文本中混有简体字“{run}”"), "全文统一为简体（用 jianggao clean 可转换）".to_string())
        };
        hits.push(Hit { rule: ID, severity: Severity::Warning, span: Span::new(i, last + 1), message, fix });
        i = last + 1;
    }
    hits
}

/// Does phrase-level conversion of the text around `chars[i]` change that character?
fn changes_in_context(chars: &[char], i: usize, to_simple: bool) -> bool {
    let from = i.saturating_sub(4);
    let to = (i + 5).min(chars.len());
    let window: String = chars[from..to].iter().collect();
    let converted: Vec<char> =
        if to_simple { to_simplified(&window) } else { to_traditional(&window) }.chars().collect();
    // Phrase tables keep lengths in practice; if not, trust the character table.
    converted.len() != to - from || converted[i - from] != chars[i]
}

pub struct MixedScript;

impl Rule for MixedScript {
    fn ids(&self) -> &'static [(&'static str, Severity)] {
        &[(ID, Severity::Warning)]
    }

    fn check(&self, draft: &Draft<'_>) -> Vec<Hit> {
        check(draft.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_traditional_characters_in_simplified_text() {
        let text = "深化东西部協作，推动产业發展。";
        let hits = check(text);
        let runs: Vec<&str> = hits.iter().map(|h| h.span.slice(text)).collect();
        assert_eq!(runs, vec!["協", "發"]);
        assert_eq!(hits[0].fix, "改为“协”");
        assert_eq!(hits[0].severity, Severity::Warning);
    }

    #[test]
    fn a_text_in_one_script_passes() {
        assert!(check("深化东西部协作，推动产业发展。").is_empty());
        assert!(check("深化東西部協作，推動產業發展。").is_empty());
        assert!(check("同志们好").is_empty());
        // Characters both scripts use in these words are not slips.
        assert!(check("扭转乾坤，深化东西部协作发展。").is_empty());
        assert!(check("深化東西部協作，推動產業發展，合作共贏。").is_empty());
    }

    #[test]
    fn flags_simplified_characters_in_traditional_text() {
        let text = "深化東西部協作，推動產业發展。";
        let runs: Vec<&str> = check(text).iter().map(|h| h.span.slice(text)).collect();
        assert_eq!(runs, vec!["业"]);
    }
}
