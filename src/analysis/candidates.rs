//! Drops every token that cannot stem to one of a few wanted terms, before stemming it.
//!
//! Snippets re-analyze each hit's stored text to find the query's terms (see
//! `search::snippet`); stemming every word of a long article for the handful that matter was
//! most of a search's time. A light stem is a slice of the normalized word
//! (`a_stem_is_a_non_empty_slice_of_its_word` in tests/properties.rs), so a word whose
//! normalized text contains none of the wanted stems can never stem to one: this filter, placed
//! between normalization and stemming, lets only the others through. It never touches offsets.

use std::sync::Arc;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Keeps the tokens whose text contains at least one of `needles`.
#[derive(Clone, Debug)]
pub struct KeepContaining {
    needles: Arc<[String]>,
}

impl KeepContaining {
    pub fn new(needles: impl IntoIterator<Item = String>) -> KeepContaining {
        KeepContaining {
            needles: needles.into_iter().collect(),
        }
    }
}

impl TokenFilter for KeepContaining {
    type Tokenizer<T: Tokenizer> = KeepContainingFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> KeepContainingFilter<T> {
        KeepContainingFilter {
            inner: tokenizer,
            needles: self.needles,
        }
    }
}

/// [`KeepContaining`] applied to a tokenizer.
#[derive(Clone)]
pub struct KeepContainingFilter<T> {
    inner: T,
    needles: Arc<[String]>,
}

impl<T: Tokenizer> Tokenizer for KeepContainingFilter<T> {
    type TokenStream<'a> = KeepContainingStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        KeepContainingStream {
            tail: self.inner.token_stream(text),
            needles: &self.needles,
        }
    }
}

/// Token stream of [`KeepContainingFilter`].
pub struct KeepContainingStream<'a, S> {
    tail: S,
    needles: &'a [String],
}

impl<S: TokenStream> TokenStream for KeepContainingStream<'_, S> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            let text = &self.tail.token().text;
            if self
                .needles
                .iter()
                .any(|needle| text.contains(needle.as_str()))
            {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::test_util::tokens;
    use crate::analysis::{stemmed_analyzer, ArabicTokenizer};
    use tantivy::tokenizer::TextAnalyzer;

    #[test]
    fn only_tokens_holding_a_needle_pass_with_their_offsets() {
        let mut analyzer = TextAnalyzer::builder(ArabicTokenizer::default())
            .filter(KeepContaining::new(["تحالف".to_string()]))
            .build();
        let found = tokens(&mut analyzer, "قال والتحالف الدولي للتحالف");
        let texts: Vec<(&str, usize, usize)> = found
            .iter()
            .map(|t| (t.text.as_str(), t.offset_from, t.offset_to))
            .collect();
        assert_eq!(texts, [("والتحالف", 7, 23), ("للتحالف", 37, 51)]);
    }

    #[test]
    fn the_snippet_analyzer_finds_what_the_stemmed_one_finds() {
        let text = "وقال مستشار وزارة الخارجيّة الأمريكية للتحالف الدولي إنّ الولايات المتحدة تدعم قسد";
        let mut full = stemmed_analyzer();
        for wanted in ["تحالف", "امريك", "قسد", "ولا", "خارج", "لا"] {
            let expected: Vec<(usize, usize)> = tokens(&mut full, text)
                .iter()
                .filter(|t| t.text == wanted)
                .map(|t| (t.offset_from, t.offset_to))
                .collect();
            let mut narrow = crate::analysis::snippet_analyzer([wanted.to_string()]);
            let got: Vec<(usize, usize)> = tokens(&mut narrow, text)
                .iter()
                .filter(|t| t.text == wanted)
                .map(|t| (t.offset_from, t.offset_to))
                .collect();
            assert_eq!(got, expected, "{wanted}");
            // every wanted stem but the last (a stop word's) occurs in the text
            assert_eq!(expected.is_empty(), wanted == "لا", "{wanted}");
        }
    }
}
