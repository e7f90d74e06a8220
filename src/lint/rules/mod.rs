//! One lint rule a file, each with its tests beside it. Rule ids are shared by `lint` (drafts) and
//! `phrasebook lint` where the rule is the same.

pub mod closing;
pub mod formula_near_miss;
pub mod halfwidth_punct;
pub mod length;
pub mod mixed_script;
pub mod numbering;
pub mod parallel;
pub mod placeholder_left;
pub mod salutation;
