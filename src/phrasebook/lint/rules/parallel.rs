//! Rules `parallel-length` and `parallel-anchor` (warnings) on sibling titles: the points in
//! effect whose ids share the prefix up to the last dot, checked as one series by the draft rule.

use std::collections::BTreeMap;

use crate::lint::rules::parallel::{ANCHOR, LENGTH, check};
use crate::lint::{Finding, Severity};
use crate::phrasebook::lint::{Book, Def, Rule};

pub struct Parallel;

impl Rule for Parallel {
    fn ids(&self) -> &'static [(&'static str, Severity)] {
        &[(LENGTH, Severity::Warning), (ANCHOR, Severity::Warning)]
    }

    fn check(&self, book: &Book<'_>) -> Vec<Finding> {
        let mut groups: BTreeMap<&str, Vec<&Def>> = BTreeMap::new();
        for d in book.effective() {
            let parent = d.point.id.rsplit_once('.').map_or("", |(p, _)| p);
            groups.entry(parent).or_default().push(d);
        }
        let mut out = Vec::new();
        for sibs in groups.values() {
            let titles: Vec<&str> = sibs.iter().map(|d| d.point.title.as_str()).collect();
            for sh in check(&titles) {
                let Some((f, item)) = book.node(sibs[sh.item]) else { continue };
                if let Some(node) = item.get("title") {
                    out.push(f.place(node, sh.hit));
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
    fn sibling_titles_breaking_the_series() {
        let r = run_one(&CLEAN.replace("title: 在服务上下功夫", "title: 服务群众"));
        let got = rules_of(&r);
        assert!(!got.is_empty());
        assert!(got.iter().all(|(rule, line, _)| *rule == ANCHOR && *line == 18), "{got:?}");
        assert_eq!(r.errors(), 0);
    }
}
