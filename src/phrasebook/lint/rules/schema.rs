//! Rule `schema` (error): a file that is YAML but not a valid point list (or `_formulas.yaml`):
//! unknown fields, a wrong slot or kind, a missing field, an empty title or variant, a template
//! expression written wrong. Reported where the loader stopped; the other files are still checked.

use crate::lint::{Finding, Hit, Severity};
use crate::phrasebook::lint::{Book, Rule};
use crate::text::span::Span;

pub const ID: &str = "schema";

pub struct Schema;

impl Rule for Schema {
    fn ids(&self) -> &'static [(&'static str, Severity)] {
        &[(ID, Severity::Error)]
    }

    fn check(&self, book: &Book<'_>) -> Vec<Finding> {
        let mut out = Vec::new();
        for f in &book.files {
            let Some(e) = &f.schema else { continue };
            let (line, column) =
                e.location.as_ref().map(|l| (l.line.unwrap_or(1), l.column.unwrap_or(1))).unwrap_or((1, 1));
            let hit = Hit {
                rule: ID,
                severity: Severity::Error,
                span: Span::new(0, 0),
                message: e.message.clone(),
                fix: e.hint.clone().unwrap_or_else(|| "对照 README 的“素材库格式”改正".to_string()),
            };
            out.push(f.at_line(line, column, hit));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phrasebook::lint::testing::*;

    #[test]
    fn schema_errors_are_findings_with_positions_and_other_files_still_checked() {
        let bad = "- id: a.b\n  title: 标题\n  slot: middle\n  kinds: [welcome]\n  variants: [正文。]\n";
        let (_d, src) = layer(&[("a.yaml", bad), ("hopes.yaml", CLEAN)]);
        let r = run(&[src]);
        assert_eq!(rules_of(&r), vec![(ID, 3, 9)], "{:#?}", r.findings);
        assert!(r.findings[0].message.contains("middle"));
        assert_eq!(r.points, 3);
        assert_eq!(r.errors(), 1);
    }
}
