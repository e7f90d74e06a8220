//! The phrasebook lint rules, one a file named after the rule id it reports, each with its tests
//! beside it. [`ALL`] is the registry `phrasebook lint` runs: adding a rule is one new file and
//! one line there. `placeholder-left`, `mixed-script`, `halfwidth-punct` and `parallel-*` are
//! the draft lint's own rules ([`crate::lint::rules`]) run on titles and variants.

pub mod duplicate_id;
pub mod halfwidth_punct;
pub mod mixed_script;
pub mod near_duplicate;
pub mod parallel;
pub mod placeholder_left;
pub mod schema;
pub mod undeclared_var;
pub mod unused_var;

use super::Rule;
use crate::lint::Severity;

/// Every phrasebook rule.
pub static ALL: &[&dyn Rule] = &[
    &schema::Schema,
    &duplicate_id::DuplicateId,
    &near_duplicate::NearDuplicate,
    &undeclared_var::UndeclaredVar,
    &unused_var::UnusedVar,
    &placeholder_left::PlaceholderLeft,
    &mixed_script::MixedScript,
    &halfwidth_punct::HalfwidthPunct,
    &parallel::Parallel,
];

/// Every rule id `phrasebook lint` can report, with its severity (help texts, the README).
pub fn ids() -> impl Iterator<Item = (&'static str, Severity)> {
    ALL.iter().flat_map(|r| r.ids().iter().copied())
}
