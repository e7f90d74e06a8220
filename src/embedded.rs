//! The shipped `templates/` and `phrasebook/`, compiled into the binary so an installed
//! `jianggao` works from any folder. A user's own folders override or extend them.

use include_dir::{Dir, include_dir};

/// `templates/` as shipped.
pub static TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");

/// `phrasebook/` as shipped (the base layer).
pub static PHRASEBOOK: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/phrasebook");

/// How an embedded file is named in messages: `<内置>/phrasebook/welcome.yaml`.
pub fn display_name(root: &str, file: &std::path::Path) -> String {
    format!("<内置>/{root}/{}", file.display()).replace('\\', "/")
}
