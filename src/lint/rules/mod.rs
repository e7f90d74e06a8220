//! The draft lint rules, one a file named after the rule id it reports (a family found in one walk,
//! `numbering-*` or `parallel-*`, shares a file), each with its tests beside it. [`ALL`] is the
//! registry `lint` runs: adding a rule is one new file and one line there. The text rules
//! (`placeholder-left`, `mixed-script`, `halfwidth-punct`, `parallel-*`) are shared with
//! `phrasebook lint`, which calls their `check` functions on titles and variants.

pub mod formula_near_miss;
pub mod halfwidth_punct;
pub mod length_target;
pub mod missing_closing;
pub mod missing_salutation;
pub mod mixed_script;
pub mod numbering;
pub mod parallel;
pub mod placeholder_left;

use super::{Rule, Severity};

/// Every draft rule, in the order their findings are listed at one position.
pub static ALL: &[&dyn Rule] = &[
    &numbering::Numbering,
    &placeholder_left::PlaceholderLeft,
    &formula_near_miss::FormulaNearMiss,
    &missing_salutation::MissingSalutation,
    &missing_closing::MissingClosing,
    &length_target::LengthTarget,
    &mixed_script::MixedScript,
    &halfwidth_punct::HalfwidthPunct,
    &parallel::Parallel,
];

/// Every rule id `lint` can report, with its severity (for help texts and the README's table).
pub fn ids() -> impl Iterator<Item = (&'static str, Severity)> {
    ALL.iter().flat_map(|r| r.ids().iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_the_readme_lists_each() {
        let ids: Vec<&str> = ids().map(|(id, _)| id).collect();
        assert!(ids.len() >= 13, "{ids:?}");
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), ids.len(), "{ids:?}");
        let readme = include_str!("../../../README.md");
        for id in ids {
            assert!(readme.contains(&format!("`{id}`")), "README does not list {id}");
        }
    }
}
