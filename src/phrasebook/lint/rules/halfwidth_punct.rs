//! Rule `halfwidth-punct` (warning) on titles and variants: the draft rule, text by text.

use crate::lint::rules::halfwidth_punct::{ID, check};
use crate::lint::{Finding, Severity};
use crate::phrasebook::lint::{Book, Rule};

pub struct HalfwidthPunct;

impl Rule for HalfwidthPunct {
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
    fn halfwidth_punctuation_in_a_variant_beside_a_placeholder() {
        let text = CLEAN.replace("把群众的急难愁盼放在心上。", "把××群众的急难愁盼放在心上,落到实处。");
        let r = run_one(&text);
        let placeholder = crate::lint::rules::placeholder_left::ID;
        assert_eq!(rules_of(&r), vec![(placeholder, 22, 8), (ID, 22, 21)], "{:#?}", r.findings);
    }
}
