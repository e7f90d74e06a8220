//! Lint findings as terminal text or JSON (`--format text|json`), for `lint` and `phrasebook lint`.

use crate::error::display_path;
use crate::lint::{Finding, Severity};

/// One line per finding, `FILE:LINE:COL：级别［rule］message；fix`, then a summary line.
pub fn text(findings: &[Finding], checked: &str) -> String {
    let mut out = String::new();
    for f in findings {
        let level = match f.severity {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        };
        out.push_str(&format!(
            "{}:{}:{}：{level}［{}］{}；{}\n",
            display_path(&f.path),
            f.line,
            f.column,
            f.rule,
            f.message,
            f.fix
        ));
    }
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    let warnings = findings.len() - errors;
    if findings.is_empty() {
        out.push_str(&format!("{checked}：未发现问题\n"));
    } else {
        out.push_str(&format!("{checked}：错误 {errors} 处，警告 {warnings} 处\n"));
    }
    out
}

/// `{"findings": [...], "errors": n, "warnings": n}`, pretty-printed.
pub fn json(findings: &[Finding]) -> String {
    #[derive(serde::Serialize)]
    struct Out<'a> {
        findings: Vec<Row<'a>>,
        errors: usize,
        warnings: usize,
    }
    #[derive(serde::Serialize)]
    struct Row<'a> {
        #[serde(flatten)]
        finding: &'a Finding,
        /// The path as shown in text output (forward slashes kept, no `\\?\`).
        file: String,
    }
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    let out = Out {
        findings: findings.iter().map(|f| Row { finding: f, file: display_path(&f.path) }).collect(),
        errors,
        warnings: findings.len() - errors,
    };
    serde_json::to_string_pretty(&out).unwrap_or_else(|_| "{}".to_string()) + "\n"
}
