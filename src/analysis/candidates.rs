//! Drops every token that cannot stem to one of a few wanted terms, before stemming it.
//!
//! Snippets re-analyze each hit's stored text to find the query's terms (see
//! `search::snippet`); stemming every word of a long article for the handful that matter was
//! most of a search's time. A light stem is a slice of the normalized word
//! (`a_stem_is_a_non_empty_slice_of_its_word` in tests/properties.rs), so a word whose
//! normalized text contains none of the wanted stems can never stem to one: this filter, placed
//! between normalization and stemming, lets only the others through. It never touches offsets.
//!
//! Normalizing and stop-word testing every word only to throw almost all of them away was still
//! most of the cost, so [`KeepMayContain`] runs first, on the raw words: most Arabic letters
//! (ب ت ث ج … م ن و) are folded to from themselves only, so a word can only come to contain
//! دمشق if it already holds a ق. Each needle gets its rarest such letter as an anchor; a raw word
//! without any anchor (and without the presentation forms that fold to letters) cannot match.

/// Arabic letters that no other plain character folds to (see `fold_char`: ا ء ي ه ك are
/// targets of folding and are left out), rarest in news text first.
const ANCHOR_LETTERS_RAREST_FIRST: &str = "ظذغضثخزصطشجحقفسدعبترنومل";

/// Presentation forms: NFKC folds them to plain letters, so they may hide any anchor.
fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Drops the needles that contain another: a word that holds لدمشق holds دمشق.
fn shortest_needles(needles: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut all: Vec<String> = needles.into_iter().filter(|n| !n.is_empty()).collect();
    all.sort_by_key(String::len);
    all.dedup();
    let mut kept: Vec<String> = Vec::new();
    for needle in all {
        if !kept.iter().any(|k| needle.contains(k.as_str())) {
            kept.push(needle);
        }
    }
    kept
}

/// The anchor of each needle, or `None` when some needle has none (then every word may match).
fn anchors(needles: &[String]) -> Option<Vec<char>> {
    let mut out = Vec::new();
    for needle in needles {
        let anchor = ANCHOR_LETTERS_RAREST_FIRST
            .chars()
            .find(|&letter| needle.contains(letter))?;
        if !out.contains(&anchor) {
            out.push(anchor);
        }
    }
    Some(out)
}

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
            needles: shortest_needles(needles).into(),
        }
    }
}

/// Keeps the raw (not yet folded) tokens that may fold to text containing one of the needles:
/// the ones holding a needle's anchor letter or a presentation form. Every token it drops,
/// [`KeepContaining`] would drop after folding.
#[derive(Clone, Debug)]
pub struct KeepMayContain {
    /// `None`: some needle has no anchor, every token passes.
    anchors: Option<Arc<[char]>>,
}

impl KeepMayContain {
    pub fn new(needles: impl IntoIterator<Item = String>) -> KeepMayContain {
        KeepMayContain {
            anchors: anchors(&shortest_needles(needles)).map(Into::into),
        }
    }
}

impl TokenFilter for KeepMayContain {
    type Tokenizer<T: Tokenizer> = KeepMayContainFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> KeepMayContainFilter<T> {
        KeepMayContainFilter {
            inner: tokenizer,
            anchors: self.anchors,
        }
    }
}

/// [`KeepMayContain`] applied to a tokenizer.
#[derive(Clone)]
pub struct KeepMayContainFilter<T> {
    inner: T,
    anchors: Option<Arc<[char]>>,
}

impl<T: Tokenizer> Tokenizer for KeepMayContainFilter<T> {
    type TokenStream<'a> = KeepMayContainStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        KeepMayContainStream {
            tail: self.inner.token_stream(text),
            anchors: self.anchors.as_deref(),
        }
    }
}

/// Token stream of [`KeepMayContainFilter`].
pub struct KeepMayContainStream<'a, S> {
    tail: S,
    anchors: Option<&'a [char]>,
}

impl<S: TokenStream> TokenStream for KeepMayContainStream<'_, S> {
    fn advance(&mut self) -> bool {
        let Some(anchors) = self.anchors else {
            return self.tail.advance();
        };
        while self.tail.advance() {
            if self
                .tail
                .token()
                .text
                .chars()
                .any(|c| anchors.contains(&c) || is_presentation_form(c))
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
    fn needles_holding_another_are_redundant() {
        let kept = shortest_needles(
            ["لدمشق", "دمشق", "بدمشق", "سوريا", "سور", "دمشق", ""].map(String::from),
        );
        assert_eq!(kept, ["سور", "دمشق"]);
    }

    #[test]
    fn each_needle_is_anchored_on_its_rarest_unfolded_letter() {
        assert_eq!(
            anchors(&["دمشق".into(), "تحالف".into()]),
            Some(vec!['ش', 'ح'])
        );
        // ا ي ه ك are what other letters fold to, and ASCII has case: no safe anchor
        assert_eq!(anchors(&["دمشق".into(), "ايه".into()]), None);
        assert_eq!(anchors(&["isis".into()]), None);
    }

    #[test]
    fn raw_words_without_an_anchor_are_dropped() {
        let mut analyzer = TextAnalyzer::builder(ArabicTokenizer::default())
            .filter(KeepMayContain::new(["دمشق".to_string()]))
            .build();
        // ﺵ is the isolated presentation form of ش: it folds to ش, so it must pass
        let found = tokens(&mut analyzer, "قال الشيخ في دمشقَ وفي حلب \u{FEB5}");
        let texts: Vec<&str> = found.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["الشيخ", "دمشقَ", "\u{FEB5}"]);
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
