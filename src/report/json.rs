//! JSON: the data's own fields, pretty-printed, one trailing newline. `check` and `diff` carry
//! `"version": 1` (their documented formats); lint findings come as
//! `{"errors", "warnings", "findings": [...]}`.

use serde::Serialize;

use crate::lint::{Finding, tally};

/// Any report data as JSON.
pub fn to_json<T: Serialize + ?Sized>(data: &T) -> String {
    // Every report type is plain data (strings, numbers, lists): serialising cannot fail.
    let mut s = serde_json::to_string_pretty(data).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

#[derive(Serialize)]
struct Findings<'a> {
    errors: usize,
    warnings: usize,
    findings: &'a [Finding],
}

/// `{"errors": N, "warnings": N, "findings": [...]}`.
pub fn findings(findings: &[Finding]) -> String {
    let (errors, warnings) = tally(findings);
    to_json(&Findings { errors, warnings, findings })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::Severity;
    use crate::text::span::Span;

    #[test]
    fn findings_are_machine_readable() {
        let f = Finding {
            rule: "numbering-skip",
            severity: Severity::Error,
            path: "稿件/讲话.txt".into(),
            span: Span::new(3, 5),
            line: 4,
            column: 1,
            message: "序号跳号".into(),
            fix: "改为三、".into(),
        };
        let v: serde_json::Value = serde_json::from_str(&findings(&[f])).unwrap();
        assert_eq!(v["errors"], 1);
        assert_eq!(v["findings"][0]["rule"], "numbering-skip");
        assert_eq!(v["findings"][0]["severity"], "error");
        assert_eq!(v["findings"][0]["span"], serde_json::json!([3, 5]));
    }
}
