//! Finds the words of a text that stem to one of a few wanted terms, without analyzing the rest.
//!
//! Snippets re-analyze each hit's stored text to find the query's terms (see
//! `search::snippet`); stemming every word of a long article for the handful that matter was
//! most of a search's time. Two shortcuts, each exact:
//!
//! * A light stem is a slice of the normalized word (`a_stem_is_a_non_empty_slice_of_its_word`
//!   in tests/properties.rs), so a word whose normalized text contains none of the wanted stems
//!   can never stem to one: [`KeepContaining`], placed between normalization and stemming, lets
//!   only the others through.
//! * Most Arabic letters (ب ت ث ج … م ن و) are folded to from themselves only, so a word can
//!   only come to contain دمشق if it already holds a ش. [`StemFinder`] gives each wanted stem
//!   its rarest such letter as an anchor, finds the anchors with a plain substring search, and
//!   analyzes only the words around them. Text with presentation forms (which fold to any
//!   letter), and stems without an anchor, take the slow road: every word.
//! * The anchor's neighbours in the stem narrow it further. Folding maps each of these letters
//!   to itself and only drops marks (harakat, tatweel, joiners) around them, so a word that
//!   can stem to متحد holds م ت ح د in a row with at most dropped marks between them. A common
//!   anchor (the د of دول, the م of امم) is taken only where its neighbours are there too,
//!   which keeps most words with that letter away from the analyzer.

/// Arabic letters that no other plain character folds to (see `fold_char`: ا ء ي ه ك are
/// targets of folding and are left out), rarest in news text first.
const ANCHOR_LETTERS_RAREST_FIRST: &str = "ظذغضثخزصطشجحقفسدعبترنومل";

/// Drops the needles that contain another: a word that holds لدمشق holds دمشق.
///
/// Each needle's substrings of the kept needles' lengths are looked up in a set, rather than
/// each kept needle searched for in it: with one needle per query word, comparing every pair
/// took 30 s for a query of 25,000 words.
fn shortest_needles(needles: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut all: Vec<String> = needles.into_iter().filter(|n| !n.is_empty()).collect();
    all.sort_by_key(String::len);
    all.dedup();
    let mut kept: Vec<String> = Vec::new();
    let mut kept_set: HashSet<String> = HashSet::new();
    let mut lengths: Vec<usize> = Vec::new(); // ascending, as the needles come
    for needle in all {
        let holds_one = lengths.iter().any(|&len| {
            needle.char_indices().any(|(start, _)| {
                needle
                    .get(start..start + len)
                    .is_some_and(|part| kept_set.contains(part))
            })
        });
        if !holds_one {
            if lengths.last() != Some(&needle.len()) {
                lengths.push(needle.len());
            }
            kept_set.insert(needle.clone());
            kept.push(needle);
        }
    }
    kept
}

/// How one needle is looked for: the anchor letters next to its anchor, which a word holding
/// the needle holds next to it as well (with only dropped marks between).
#[derive(Debug, Clone, PartialEq)]
struct Probe {
    /// Anchor letters before the anchor in the needle, nearest first.
    before: Vec<char>,
    /// Anchor letters after the anchor in the needle, in order.
    after: Vec<char>,
}

impl Probe {
    /// Does the anchor letter that starts at byte `at` of `text` have the probe's neighbours?
    fn holds(&self, text: &str, at: usize, anchor: char) -> bool {
        let kept = |c: &char| fold_char(*c) != Fold::Drop;
        let mut back = text[..at].chars().rev().filter(kept);
        let mut ahead = text[at + anchor.len_utf8()..].chars().filter(kept);
        self.before.iter().all(|&want| back.next() == Some(want))
            && self.after.iter().all(|&want| ahead.next() == Some(want))
    }
}

fn is_anchor_letter(c: char) -> bool {
    ANCHOR_LETTERS_RAREST_FIRST.contains(c)
}

/// Each anchor letter with the probes of the needles anchored on it, or `None` when some
/// needle has no anchor (then every word may match).
fn anchors(needles: &[String]) -> Option<Vec<(char, Vec<Probe>)>> {
    let mut out: Vec<(char, Vec<Probe>)> = Vec::new();
    for needle in needles {
        let anchor = ANCHOR_LETTERS_RAREST_FIRST
            .chars()
            .find(|&letter| needle.contains(letter))?;
        let letters: Vec<char> = needle.chars().collect();
        let at = letters.iter().position(|&c| c == anchor)?;
        let probe = Probe {
            before: letters[..at]
                .iter()
                .rev()
                .take_while(|&&c| is_anchor_letter(c))
                .copied()
                .collect(),
            after: letters[at + 1..]
                .iter()
                .take_while(|&&c| is_anchor_letter(c))
                .copied()
                .collect(),
        };
        match out.iter_mut().find(|(letter, _)| *letter == anchor) {
            Some((_, probes)) => probes.push(probe),
            None => out.push((anchor, vec![probe])),
        }
    }
    Some(out)
}

use std::collections::HashSet;
use std::sync::Arc;

use tantivy::tokenizer::{TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer};

use super::normalize::{fold_char, Fold};
use super::tokenizer::word_around;

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

/// The words of a text that analyze to one of a set of stems, found by their anchors.
pub struct StemFinder {
    /// The anchor letters and the probes anchored on each; `None` when some stem has none.
    anchors: Option<Vec<(char, Vec<Probe>)>>,
    /// The stemmed analyzer narrowed by [`KeepContaining`] (see `super::snippet_analyzer`).
    analyzer: TextAnalyzer,
    /// Byte ranges of the words around the anchors of the current text.
    words: Vec<(usize, usize)>,
    /// Those words, one space apart.
    buffer: String,
}

impl StemFinder {
    pub fn new(stems: impl IntoIterator<Item = String>) -> StemFinder {
        let stems = shortest_needles(stems);
        StemFinder {
            anchors: anchors(&stems),
            analyzer: super::snippet_analyzer(stems),
            words: Vec::new(),
            buffer: String::new(),
        }
    }

    /// Calls `found(from, to, stem)` for every word of `text` whose stem may be wanted, in text
    /// order, with its byte range: the same words, ranges and stems the narrowed analyzer gives
    /// over the whole text. The caller checks the stem against what it wants.
    pub fn find(&mut self, text: &str, mut found: impl FnMut(usize, usize, &str)) {
        let anchors = match &self.anchors {
            // 0xEF leads the UTF-8 of U+F000–U+FFFF, the presentation forms among them
            Some(anchors) if !text.as_bytes().contains(&0xEF) => anchors,
            _ => {
                let mut stream = self.analyzer.token_stream(text);
                while let Some(token) = stream.next() {
                    found(token.offset_from, token.offset_to, &token.text);
                }
                return;
            }
        };
        self.words.clear();
        for (anchor, probes) in anchors {
            let mut last_end = 0;
            for (at, _) in text.match_indices(*anchor) {
                if at < last_end {
                    continue; // a second anchor letter in a word already taken
                }
                if !probes.iter().any(|probe| probe.holds(text, at, *anchor)) {
                    continue;
                }
                if let Some(word) = word_around(text, at) {
                    last_end = word.1;
                    self.words.push(word);
                }
            }
        }
        self.words.sort_unstable();
        self.words.dedup();
        // The words, one space apart, go through the analyzer in one stream (a stream per word
        // cost an allocation each); every word stays one token, its offsets shifted back.
        let Self {
            analyzer,
            words,
            buffer,
            ..
        } = self;
        buffer.clear();
        let mut starts = Vec::with_capacity(words.len());
        for &(from, to) in words.iter() {
            starts.push((buffer.len(), from));
            buffer.push_str(&text[from..to]);
            buffer.push(' ');
        }
        let mut word = 0;
        let mut stream = analyzer.token_stream(buffer);
        while let Some(token) = stream.next() {
            while word + 1 < starts.len() && starts[word + 1].0 <= token.offset_from {
                word += 1;
            }
            let (buffer_from, text_from) = starts[word];
            found(
                text_from + token.offset_from - buffer_from,
                text_from + token.offset_to - buffer_from,
                &token.text,
            );
        }
    }
}

#[cfg(test)]
mod tests;
