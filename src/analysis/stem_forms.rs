//! The inverse of [`light_stem`]: which words of a term dictionary stem to a given stem.
//!
//! The index keeps each word as written (folded only), and a query word is stemmed at search
//! time and searched as every form of its stem the index has. Stemming every token while
//! indexing, and indexing each text's exact forms beside the stems, took a third of the ingest's
//! CPU (BENCHMARKS.md, "Stems found"); the forms of one stem are found in a term dictionary in
//! microseconds instead.
//!
//! light10 only strips affixes, so a word that stems to `stem` is one of the prefixes (or none),
//! then `stem`, then letters of the suffixes (and the ت read as ة). [`FormsOf`] is the automaton
//! of exactly that language, walked over the term dictionary's FST so that only the paths it
//! allows are visited; [`FormsOf::stems_to`] then keeps the words [`light_stem`] really stems to
//! `stem` (light10's length conditions decide which affixes come off).

use tantivy_fst::Automaton;

use super::stem::{light_stem, Letter, PREFIXES, SUFFIXES, TEH};

/// Lead bytes of the suffix letters in UTF-8: all are in U+0600–U+067F.
const LEADS: [u8; 2] = [0xD8, 0xD9];

/// Automaton of the words that may stem to one stem: prefix? stem suffix-letter*.
#[derive(Debug, Clone)]
pub struct FormsOf {
    stem: String,
    /// The stem and each prefix followed by it, as bytes.
    literals: Vec<Vec<u8>>,
    /// The letters a suffix can leave after the stem.
    suffix_letters: Vec<Letter>,
}

/// Where the automaton is: which literals still match the bytes read (`alive`, one bit each,
/// all at byte `at`), and in which phase of the suffix letters some finished literal is
/// (`tail`: bit 0 between letters, bit 1 + i after the lead byte `LEADS[i]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormsState {
    alive: u8,
    at: u16,
    tail: u8,
}

/// The state no word reaches a match from.
const DEAD: FormsState = FormsState {
    alive: 0,
    at: 0,
    tail: 0,
};

const BETWEEN_LETTERS: u8 = 1;

impl FormsOf {
    pub fn new(stem: &str) -> FormsOf {
        let mut literals = vec![stem.as_bytes().to_vec()];
        for prefix in PREFIXES {
            let mut literal: Vec<u8> = prefix.iter().flat_map(|l| l.to_be_bytes()).collect();
            literal.extend_from_slice(stem.as_bytes());
            literals.push(literal);
        }
        let mut suffix_letters: Vec<Letter> = SUFFIXES
            .iter()
            .flat_map(|(suffix, _)| suffix.iter().copied())
            .chain([TEH])
            .collect();
        suffix_letters.sort_unstable();
        suffix_letters.dedup();
        debug_assert!(suffix_letters
            .iter()
            .all(|l| LEADS.contains(&l.to_be_bytes()[0])));
        FormsOf {
            stem: stem.to_string(),
            literals,
            suffix_letters,
        }
    }

    /// The automaton split by literal: for each, the range of words that begin with it and
    /// the automaton of those words. Walking a term dictionary range by range seeks straight
    /// to each literal, where the whole automaton would try every branch near the root of the
    /// FST (three quarters of a batch of searches, `perf`).
    pub fn ranges(&self) -> impl Iterator<Item = (FormsOf, Option<Vec<u8>>)> + '_ {
        self.literals.iter().map(|literal| {
            let one = FormsOf {
                stem: self.stem.clone(),
                literals: vec![literal.clone()],
                suffix_letters: self.suffix_letters.clone(),
            };
            (one, successor(literal))
        })
    }

    /// The first literal: where a range of [`Self::ranges`] begins.
    pub fn first_literal(&self) -> &[u8] {
        &self.literals[0]
    }

    /// The words that stem to `stem` without a prefix coming off: for a stem that is a
    /// one-letter proclitic and a word (وتحالف, بدمشق), whose forms never take the article
    /// before the proclitic.
    pub fn unprefixed(stem: &str) -> FormsOf {
        let mut forms = FormsOf::new(stem);
        forms.literals.truncate(1);
        forms
    }

    /// Does `word`, an indexed (folded) form the automaton accepted, stem to the stem?
    pub fn stems_to(&self, word: &str) -> bool {
        light_stem(word) == self.stem
    }

    /// Does the automaton accept `word`? (What walking a term dictionary with it checks.)
    pub fn accepts(&self, word: &str) -> bool {
        accepts(self, word)
    }
}

/// Does `automaton` accept `text`, as walking a term dictionary with it would find?
pub fn accepts<A: Automaton>(automaton: &A, text: &str) -> bool {
    let mut state = automaton.start();
    for &byte in text.as_bytes() {
        state = automaton.accept(&state, byte);
    }
    automaton.is_match(&state)
}

/// The first byte string after every string that begins with `prefix`; `None` if there is
/// none (`prefix` is all 0xFF bytes).
fn successor(prefix: &[u8]) -> Option<Vec<u8>> {
    let mut end = prefix.to_vec();
    while let Some(last) = end.pop() {
        if last < u8::MAX {
            end.push(last + 1);
            return Some(end);
        }
    }
    None
}

impl Automaton for FormsOf {
    type State = FormsState;

    fn start(&self) -> FormsState {
        FormsState {
            alive: (1u8 << self.literals.len()) - 1,
            at: 0,
            tail: 0,
        }
    }

    fn is_match(&self, state: &FormsState) -> bool {
        state.tail & BETWEEN_LETTERS != 0
    }

    fn can_match(&self, state: &FormsState) -> bool {
        state.alive != 0 || state.tail != 0
    }

    fn accept(&self, state: &FormsState, byte: u8) -> FormsState {
        if !self.can_match(state) {
            return DEAD;
        }
        let at = usize::from(state.at);
        let mut next = FormsState {
            alive: 0,
            at: state.at.saturating_add(1),
            tail: 0,
        };
        for (i, literal) in self.literals.iter().enumerate() {
            if state.alive & (1 << i) != 0 && literal.get(at) == Some(&byte) {
                if literal.len() == at + 1 {
                    next.tail |= BETWEEN_LETTERS;
                } else {
                    next.alive |= 1 << i;
                }
            }
        }
        if state.tail & BETWEEN_LETTERS != 0 {
            if let Some(i) = LEADS.iter().position(|&lead| lead == byte) {
                next.tail |= 2 << i;
            }
        }
        for (i, &lead) in LEADS.iter().enumerate() {
            if state.tail & (2 << i) != 0
                && self
                    .suffix_letters
                    .contains(&Letter::from_be_bytes([lead, byte]))
            {
                next.tail |= BETWEEN_LETTERS;
            }
        }
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::test_util::all_words;

    #[test]
    fn accepts_every_word_that_stems_to_the_stem() {
        // affix letters, another letter, and characters of one and three bytes
        let alphabet: Vec<char> = "الوبهنتيةم".chars().chain(['a', '€']).collect();
        let words = all_words(&alphabet, 4);
        let stemmed: Vec<(&str, &str)> =
            words.iter().map(|w| (w.as_str(), light_stem(w))).collect();
        let mut stems: Vec<&str> = stemmed.iter().map(|(_, stem)| *stem).collect();
        stems.sort_unstable();
        stems.dedup();
        let mut checked = 0;
        for stem in stems.iter().filter(|s| !s.is_empty()).step_by(31) {
            let forms = FormsOf::new(stem);
            for (word, its_stem) in &stemmed {
                // accepted and stemming to the stem exactly when it does
                assert_eq!(
                    forms.accepts(word) && forms.stems_to(word),
                    its_stem == stem,
                    "{word} / {stem}"
                );
                checked += usize::from(its_stem == stem);
            }
        }
        assert!(checked > 500, "{checked}");
    }

    #[test]
    fn successors_bound_the_words_that_begin_with_a_prefix() {
        assert_eq!(successor(b"ab"), Some(b"ac".to_vec()));
        assert_eq!(successor(&[b'a', 0xFF]), Some(b"b".to_vec()));
        assert_eq!(successor(&[0xFF, 0xFF]), None);
        let forms = FormsOf::new("تحالف");
        let ranges: Vec<_> = forms.ranges().collect();
        assert_eq!(ranges.len(), 7);
        for word in ["تحالف", "التحالف", "والتحالفات", "للتحالف", "بالتحالفين"]
        {
            let bytes = word.as_bytes();
            let within = |(one, to): &(FormsOf, Option<Vec<u8>>)| {
                bytes >= one.first_literal() && to.as_deref().is_none_or(|to| bytes < to)
            };
            // in exactly one range, whose automaton accepts it
            let found: Vec<_> = ranges.iter().filter(|range| within(range)).collect();
            assert_eq!(found.len(), 1, "{word}");
            assert!(found[0].0.accepts(word), "{word}");
        }
    }

    #[test]
    fn rejects_other_words_early() {
        let forms = FormsOf::new("تحالف");
        for word in ["تحالف", "التحالف", "والتحالفات", "للتحالف", "بالتحالفين"]
        {
            assert!(forms.accepts(word) && forms.stems_to(word), "{word}");
        }
        for word in ["متحالف", "تحالفم", "وتحالف", "تحال"] {
            assert!(!forms.accepts(word), "{word}");
        }
        // a dead state stays dead, whatever follows
        let mut state = forms.start();
        for &byte in "م".as_bytes() {
            state = forms.accept(&state, byte);
        }
        assert!(!forms.can_match(&state));
    }
}
