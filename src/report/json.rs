//! JSON for `check` and `diff`: the report structs serialized as documented (`"version": 1`).

use crate::reuse::report::{DiffReport, Report};

pub fn render_check(r: &Report) -> String {
    let mut s = serde_json::to_string_pretty(r).unwrap_or_default();
    s.push('\n');
    s
}

pub fn render_diff(r: &DiffReport) -> String {
    let mut s = serde_json::to_string_pretty(r).unwrap_or_default();
    s.push('\n');
    s
}
