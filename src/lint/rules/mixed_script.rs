//! `mixed-script`: Traditional and Simplified characters mixed in one text (a point, a draft).
//!
//! A text wholly in one script is left alone; when both occur, the minority script's characters
//! are reported (Traditional ones on a tie, since speeches are written in Simplified), in runs.

use crate::lint::{Hit, Severity};
use crate::text::script::{is_simplified_only, is_traditional, script_counts, simplify_chars};
use crate::text::span::Span;

pub const RULE: &str = "mixed-script";

/// Hits on the minority script's characters when `text` mixes Traditional and Simplified.
pub fn check(text: &str) -> Vec<Hit> {
    let counts = script_counts(text);
    if counts.traditional == 0 || counts.simplified == 0 {
        return Vec::new();
    }
    let flag_traditional = counts.traditional <= counts.simplified;
    let minority = |c: char| if flag_traditional { is_traditional(c) } else { is_simplified_only(c) };
    let chars: Vec<char> = text.chars().collect();
    let mut hits = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !minority(chars[i]) {
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
            if minority(chars[j]) {
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
        hits.push(Hit {
            rule: RULE,
            severity: Severity::Warning,
            span: Span::new(i, last + 1),
            message,
            fix,
        });
        i = last + 1;
    }
    hits
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
    }

    #[test]
    fn flags_simplified_characters_in_traditional_text() {
        let text = "深化東西部協作，推動產业發展。";
        let runs: Vec<&str> = check(text).iter().map(|h| h.span.slice(text)).collect();
        assert_eq!(runs, vec!["业"]);
    }
}
