//! Renderers for findings: terminal text, JSON and HTML, chosen by `--format`.

pub mod findings;
