//! The words of a text as the near-duplicate signature sees them: each folded as the index
//! folds it ([`fold_into`]) and hashed, in one pass over the characters, since this runs on
//! every article ingested.

use std::sync::LazyLock;

use unicode_normalization::char::is_combining_mark;

#[cfg(doc)]
use crate::analysis::fold_into;
use crate::analysis::{fold_char, fold_char_into, letters, Fold};

/// What a character does to the word being hashed ([`word_hashes`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Ends the word: neither a letter nor a digit, and not folded away.
    Split,
    /// Folded away inside a word (harakat, tatweel): splits nothing.
    Skip,
    /// Adds this character.
    Push(char),
    /// Anything else (a combining mark kept inside a word but not at its start, compatibility
    /// forms, other scripts): [`fold_char_into`] decides.
    Fold,
}

/// [`Step`] of each character of ASCII (0–127) and of the Arabic block (128–383, for U+0600
/// to U+06FF), where nearly every character of the text is: one load instead of classifying
/// and folding each character twice, as splitting and then folding words would.
static STEPS: LazyLock<[Step; 384]> = LazyLock::new(|| {
    let mut steps = [Step::Fold; 384];
    let chars = (0..0x80).chain(0x600..0x700).filter_map(char::from_u32);
    for (step, c) in steps.iter_mut().zip(chars) {
        *step = match fold_char(c) {
            _ if splits(c) => Step::Split,
            Fold::Drop => Step::Skip,
            Fold::Char(r) => Step::Push(r),
            Fold::Keep if is_combining_mark(c) => Step::Fold,
            Fold::Keep => Step::Push(c),
            Fold::Compat => Step::Fold,
        };
    }
    steps
});

/// Does `c` end a word? Neither a letter nor a digit, and not folded away: harakat and
/// tatweel are not letters either, but they split nothing.
fn splits(c: char) -> bool {
    !letters::is_alphanumeric(c) && fold_char(c) != Fold::Drop
}

/// The [`Step`] of `c`.
#[inline]
fn step(c: char) -> Step {
    match c as u32 {
        code @ 0..=0x7F => STEPS[code as usize],
        code @ 0x600..=0x6FF => STEPS[code as usize - 0x600 + 0x80],
        _ => Step::Fold,
    }
}

/// Hashes of the folded words of `text`, in order: the words are what is left between
/// characters that are neither letters nor digits nor folded away, each folded as
/// [`fold_into`] folds it. One pass over the characters.
pub(super) fn word_hashes(text: &str) -> Vec<u64> {
    let mut hashes = Vec::with_capacity(text.len() / 6);
    let mut word = String::new();
    let mut end_word = |word: &mut String| {
        if !word.is_empty() {
            hashes.push(xxhash_rust::xxh3::xxh3_64(word.as_bytes()));
            word.clear();
        }
    };
    for c in text.chars() {
        match step(c) {
            Step::Split => end_word(&mut word),
            Step::Skip => {}
            Step::Push(r) => word.push(r),
            Step::Fold if splits(c) => end_word(&mut word),
            Step::Fold => fold_char_into(c, &mut word, 0),
        }
    }
    end_word(&mut word);
    hashes
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words as they were hashed before [`word_hashes`] took one pass: split, then fold.
    fn word_hashes_split_then_fold(text: &str) -> Vec<u64> {
        let separates = |c: char| !letters::is_alphanumeric(c) && fold_char(c) != Fold::Drop;
        let mut folded = String::new();
        let mut hashes = Vec::new();
        for word in text.split(separates).filter(|w| !w.is_empty()) {
            folded.clear();
            crate::analysis::fold_into(word, &mut folded);
            if !folded.is_empty() {
                hashes.push(xxhash_rust::xxh3::xxh3_64(folded.as_bytes()));
            }
        }
        hashes
    }

    /// Texts of ASCII, the Arabic block (harakat, hamza forms, digits, tatweel), joiners,
    /// presentation forms, other combining marks, other scripts and cases.
    fn mixed_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::char::range;
        let chars = proptest::prop_oneof![
            range('\u{0}', '\u{7F}'),
            range('\u{600}', '\u{6FF}'),
            range('\u{600}', '\u{6FF}'),
            range('\u{200B}', '\u{200F}'),
            range('\u{FB50}', '\u{FDFF}'),
            range('\u{FE70}', '\u{FEFF}'),
            range('\u{300}', '\u{36F}'),
            range('\u{370}', '\u{500}'),
            proptest::char::any(),
        ];
        proptest::strategy::Strategy::prop_map(proptest::collection::vec(chars, 0..40), |chars| {
            chars.into_iter().collect()
        })
    }

    proptest::proptest! {
        #[test]
        fn one_pass_hashes_the_words_that_splitting_then_folding_does(text in mixed_text()) {
            proptest::prop_assert_eq!(word_hashes(&text), word_hashes_split_then_fold(&text));
        }
    }

    #[test]
    fn one_pass_hashes_a_real_story_as_splitting_then_folding_does() {
        let text = format!(
            "{} الأمـيـركيّة، والـ«تحالف» ﻻ ١٢٣ ABC ُبدأ",
            super::super::tests::STORY
        );
        assert_eq!(word_hashes(&text), word_hashes_split_then_fold(&text));
        assert!(word_hashes(&text).len() > 40);
    }
}
