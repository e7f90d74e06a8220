//! Reuse checking: fingerprints of the archive's folded text, alignment into passages, and the
//! classification of each passage (copied, formula, quote). `diff` uses the same engine.

pub mod align;
pub mod check;
pub mod classify;
pub mod diff;
pub mod fingerprint;
pub mod index;
pub mod report;
