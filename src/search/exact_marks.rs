//! Which words of a text an `=word` of the query highlights: the word as written after any
//! proclitics ([`super::compile::exact`]), not every word of its stem.
//!
//! The snippets find a query's words by stem ([`crate::analysis::StemFinder`]), and `=الرياض`
//! shares its stem with `الرياضة` (sport), which it does not match. So the compiled query reports
//! an `=word` as [`reported`] (the mark, then the folded word) instead of its stem; the snippet
//! maker still looks for the stem, and a word found by it is kept only when its folded text is
//! one of the forms the `=word` searched, unless a plain word of the query wants that stem too.

use std::collections::{HashMap, HashSet};

use super::compile::exact::{proclitic_forms, MARK};
use crate::analysis;

/// What the compiled query reports for an `=word` whose folded form is `folded`.
pub fn reported(folded: &str) -> String {
    format!("{MARK}{folded}")
}

/// The folded word of a reported `=word`, or `None` for a plain word's stem.
pub fn exact_word(reported: &str) -> Option<&str> {
    reported.strip_prefix(MARK)
}

/// The `=word`s of a query, by the stem a snippet finds them under.
#[derive(Debug, Default)]
pub struct ExactWords {
    /// Stem → the folded forms its `=word`s match.
    forms: HashMap<String, HashSet<String>>,
    /// Stems some plain word of the query wants: any word of them is highlighted.
    plain: HashSet<String>,
    /// Scratch space for folding a word of the text.
    folded: String,
}

impl ExactWords {
    /// Adds the `=word` of folded form `folded`; returns the stem the snippets look for.
    pub fn add(&mut self, folded: &str) -> String {
        let stem = analysis::light_stem(folded).to_string();
        self.forms
            .entry(stem.clone())
            .or_default()
            .extend(proclitic_forms(folded));
        stem
    }

    /// Notes that a plain word of the query wants `stem`.
    pub fn add_plain(&mut self, stem: &str) {
        self.plain.insert(stem.to_string());
    }

    /// Does `written`, a word of the text that the stemmed analyzer gives `stem`, match the
    /// query? Always, unless only `=word`s want that stem and it is none of their forms.
    pub fn keeps(&mut self, stem: &str, written: &str) -> bool {
        if self.plain.contains(stem) {
            return true;
        }
        let Some(forms) = self.forms.get(stem) else {
            return true;
        };
        self.folded.clear();
        analysis::fold_into(written, &mut self.folded);
        forms.contains(&self.folded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exact_word_keeps_its_forms_and_not_its_stems_others() {
        let mut words = ExactWords::default();
        let stem = words.add("الرياض");
        assert_eq!(exact_word(&reported("الرياض")), Some("الرياض"));
        assert_eq!(exact_word("رياض"), None);
        for written in ["الرياض", "بالرياض", "والرِّياض", "للرياض"] {
            assert!(words.keeps(&stem, written), "{written}");
        }
        for written in ["الرياضة", "رياض", "الرياضي"] {
            assert!(!words.keeps(&stem, written), "{written}");
        }
        // a plain word of the same stem wants them all
        words.add_plain(&stem);
        assert!(words.keeps(&stem, "الرياضة"));
    }
}
