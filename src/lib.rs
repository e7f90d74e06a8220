//! jianggao（讲稿）: draft official Chinese speeches, check them for reuse, keep the phrasebook clean.
//!
//! The library never prints and never reads the config: it takes resolved settings and returns
//! plain data (drafts, findings, reports); the binary (`src/main.rs`, `src/cli/`) owns the command
//! line, renders and prints. Each shared convention has exactly one owner module: offsets and
//! line/column → [`text::span`], 字数 → [`count`], placeholders and template code →
//! [`text::placeholder`], numbering → [`text::numbering`], a speech's structure and kind →
//! [`speech`], 规范提法 → [`formulas`], YAML positions and errors → [`yaml`], configuration →
//! [`config`], errors → [`error`], dates → [`date`], the bounds on what is read → [`limits`].

pub mod archive;
pub mod config;
pub mod count;
pub mod date;
pub mod draft;
pub mod embedded;
pub mod error;
pub mod formulas;
pub mod fsio;
pub mod layout;
pub mod limits;
pub mod lint;
pub mod outline;
pub mod phrasebook;
pub mod report;
pub mod reuse;
pub mod speech;
pub mod text;
pub mod yaml;

pub use error::{Error, Result};
