//! Rule `placeholder-left` (error) on titles and variants: the draft rule with template variables
//! allowed (`{{ place }}` is a variable here; an empty or unclosed brace pair is not).

use crate::lint::rules::placeholder_left::{ID, Options, check};
use crate::lint::{Finding, Severity};
use crate::phrasebook::lint::{Book, Rule};

pub struct PlaceholderLeft;

impl Rule for PlaceholderLeft {
    fn ids(&self) -> &'static [(&'static str, Severity)] {
        &[(ID, Severity::Error)]
    }

    fn check(&self, book: &Book<'_>) -> Vec<Finding> {
        book.each_text(|text| check(text, Options { template_vars: true, markdown: false }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phrasebook::lint::testing::*;

    #[test]
    fn a_placeholder_in_a_variant_but_not_its_variables() {
        let text = CLEAN.replace("把群众的急难愁盼放在心上。", "把××群众的急难愁盼放在心上。");
        let r = run_one(&text);
        assert_eq!(rules_of(&r), vec![(ID, 22, 8)], "{:#?}", r.findings);
        assert_eq!(r.errors(), 1);
    }
}
