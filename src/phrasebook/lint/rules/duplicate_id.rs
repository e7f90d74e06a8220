//! Rule `duplicate-id` (warning): one id defined in more than one layer, reported at the
//! definition in effect with the others' places and which layer wins.

use crate::lint::{Finding, Severity};
use crate::phrasebook::lint::{Book, Rule};

pub const ID: &str = "duplicate-id";

pub struct DuplicateId;

impl Rule for DuplicateId {
    fn ids(&self) -> &'static [(&'static str, Severity)] {
        &[(ID, Severity::Warning)]
    }

    fn check(&self, book: &Book<'_>) -> Vec<Finding> {
        let mut out = Vec::new();
        for ids in book.by_id.values().filter(|v| v.len() > 1) {
            let winner = &book.defs[*ids.last().expect("non-empty")];
            let losers: Vec<String> = ids[..ids.len() - 1]
                .iter()
                .map(|&i| {
                    let f = &book.files[book.defs[i].file];
                    let line = f.item(book.defs[i].item).map_or(1, |n| n.line);
                    format!("{}:{line}", crate::error::display_path(&f.path))
                })
                .collect();
            let Some((wf, node)) = book.node(winner) else { continue };
            out.push(wf.at_node(
                node,
                ID,
                Severity::Warning,
                format!(
                    "编号 {} 也定义在 {}，以这里（{}）为准",
                    winner.point.id,
                    losers.join("、"),
                    book.layer_name(wf.layer)
                ),
                "有意覆盖则忽略；否则给其中一条改个编号".to_string(),
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phrasebook::lint::testing::*;

    #[test]
    fn duplicate_ids_across_layers_say_which_wins() {
        let (_a, base) = layer(&[("hopes.yaml", CLEAN)]);
        let mine = "- id: hopes.study\n  title: 在学习上下功夫\n  slot: hopes\n  kinds: [welcome]\n  variants:\n    - 我们自己的一段话。\n";
        let (_b, local) = layer(&[("mine.yaml", mine)]);
        let r = run(&[base.clone(), local]);
        let dup: Vec<&Finding> = r.findings.iter().filter(|f| f.rule == ID).collect();
        assert_eq!(dup.len(), 1, "{:#?}", r.findings);
        assert!(dup[0].path.ends_with("mine.yaml"));
        assert!(dup[0].message.contains("hopes.yaml:1"), "{}", dup[0].message);
        assert!(dup[0].message.contains("为准"));
        assert_eq!(r.errors(), 0);
        // One layer alone: no duplicate.
        assert!(run(&[base]).findings.iter().all(|f| f.rule != ID));
    }
}
