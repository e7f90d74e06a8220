//! Rule `mixed-script` (warning) on titles and variants: the draft rule, text by text.

use crate::lint::rules::mixed_script::{ID, check};
use crate::lint::{Finding, Severity};
use crate::phrasebook::lint::{Book, Rule};

pub struct MixedScript;

impl Rule for MixedScript {
    fn ids(&self) -> &'static [(&'static str, Severity)] {
        &[(ID, Severity::Warning)]
    }

    fn check(&self, book: &Book<'_>) -> Vec<Finding> {
        book.each_text(check)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phrasebook::lint::testing::*;

    #[test]
    fn mixed_script_in_a_variant() {
        let text = CLEAN.replace("把群众的急难愁盼放在心上。", "把群眾的急难愁盼放在心上。");
        let r = run_one(&text);
        assert_eq!(rules_of(&r), vec![(ID, 22, 9)], "{:#?}", r.findings);
        assert_eq!(r.findings[0].fix, "改为“众”");
    }
}
