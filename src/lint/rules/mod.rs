//! One lint rule a file, each with its tests beside it. Rule ids are shared by `lint` (drafts) and
//! `phrasebook lint` where the rule is the same.

pub mod halfwidth_punct;
pub mod parallel;
