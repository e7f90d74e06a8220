//! Rule `unused-var` (warning): a variable declared in `vars` that neither the title nor any
//! variant uses; reported at the declaration.

use crate::lint::{Finding, Severity};
use crate::phrasebook::lint::{Book, Rule};
use crate::yaml::Kind as NodeKind;

pub const ID: &str = "unused-var";

pub struct UnusedVar;

impl Rule for UnusedVar {
    fn ids(&self) -> &'static [(&'static str, Severity)] {
        &[(ID, Severity::Warning)]
    }

    fn check(&self, book: &Book<'_>) -> Vec<Finding> {
        let mut out = Vec::new();
        for d in &book.defs {
            let Some((f, item)) = book.node(d) else { continue };
            let Some(NodeKind::Map(entries)) = item.get("vars").map(|n| &n.kind) else { continue };
            let used = d.point.used_vars();
            for (k, _) in entries {
                let Some(name) = k.as_str() else { continue };
                if !used.contains(name) {
                    out.push(f.at_node(
                        k,
                        ID,
                        Severity::Warning,
                        format!("要点 {} 声明了变量 {name}，但标题和表述都没有用到", d.point.id),
                        format!("删去这个声明，或在表述中用上 {{{{ {name} }}}}"),
                    ));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phrasebook::lint::testing::*;

    #[test]
    fn a_declared_variable_nobody_uses_is_a_warning_at_its_declaration() {
        let text =
            CLEAN.replace("  vars:\n    place: 青川市\n", "  vars:\n    place: 青川市\n    year: 2026\n");
        let r = run_one(&text);
        assert_eq!(rules_of(&r), vec![(ID, 7, 5)], "{:#?}", r.findings);
        assert_eq!(r.findings[0].fix, "删去这个声明，或在表述中用上 {{ year }}");
        assert_eq!(r.errors(), 0);
    }
}
