//! Lint findings as terminal text or JSON (shared by `lint` and, where it fits, `phrasebook lint`).

use crate::error::display_path;
use crate::lint::{Finding, Severity};

/// Counts of errors and warnings.
pub fn tally(findings: &[Finding]) -> (usize, usize) {
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    (errors, findings.len() - errors)
}

/// One line a finding, `FILE:LINE:COL：错误[rule] message；fix`, then a summary line.
pub fn text(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let sev = match f.severity {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        };
        out.push_str(&format!(
            "{}:{}:{}：{sev}[{}] {}；{}\n",
            display_path(&f.path),
            f.line,
            f.column,
            f.rule,
            f.message,
            f.fix
        ));
    }
    let (errors, warnings) = tally(findings);
    if findings.is_empty() {
        out.push_str("未发现问题\n");
    } else {
        out.push_str(&format!("共 {} 处：错误 {errors} 处，警告 {warnings} 处\n", findings.len()));
    }
    out
}

#[derive(serde::Serialize)]
struct JsonReport<'a> {
    errors: usize,
    warnings: usize,
    findings: &'a [Finding],
}

/// `{"errors": N, "warnings": N, "findings": [...]}`, pretty-printed.
pub fn json(findings: &[Finding]) -> String {
    let (errors, warnings) = tally(findings);
    let mut s = serde_json::to_string_pretty(&JsonReport { errors, warnings, findings })
        .expect("findings serialise to JSON");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::span::Span;

    fn finding(severity: Severity) -> Finding {
        Finding {
            rule: "numbering-skip",
            severity,
            path: "稿件/讲话.txt".into(),
            span: Span::new(3, 5),
            line: 4,
            column: 1,
            message: "序号跳号".into(),
            fix: "改为三、".into(),
        }
    }

    #[test]
    fn text_has_position_rule_and_fix() {
        let s = text(&[finding(Severity::Error), finding(Severity::Warning)]);
        assert!(s.starts_with("稿件/讲话.txt:4:1：错误[numbering-skip] 序号跳号；改为三、\n"), "{s}");
        assert!(s.ends_with("共 2 处：错误 1 处，警告 1 处\n"));
        assert_eq!(text(&[]), "未发现问题\n");
    }

    #[test]
    fn json_is_machine_readable() {
        let v: serde_json::Value = serde_json::from_str(&json(&[finding(Severity::Error)])).unwrap();
        assert_eq!(v["errors"], 1);
        assert_eq!(v["findings"][0]["rule"], "numbering-skip");
        assert_eq!(v["findings"][0]["severity"], "error");
        assert_eq!(v["findings"][0]["span"], serde_json::json!([3, 5]));
    }
}
