//! jianggao（讲稿）: draft official Chinese speeches, check them for reuse, keep the phrasebook clean.
//!
//! The library never prints: every command returns plain data (drafts, findings, reports) and the
//! binary renders it. Each shared convention has exactly one owner module:
//! offsets and line/column → [`text::span`], 字数 → [`count`], placeholders → [`text::placeholder`],
//! numbering → [`numbering`], configuration → [`config`], errors → [`error`].

pub mod archive;
pub mod config;
pub mod count;
pub mod draft;
pub mod embedded;
pub mod error;
pub mod formulas;
pub mod fsio;
pub mod layout;
pub mod lint;
pub mod outline;
pub mod phrasebook;
pub mod report;
pub mod reuse;
pub mod speech;
pub mod text;
pub mod yaml;

pub use error::{Error, Result};
