//! The words of a text as the near-duplicate signature sees them: each folded as the index
//! folds it ([`fold_into`]) and hashed, in one pass over the bytes, since this runs on every
//! article ingested.

use std::sync::LazyLock;

use unicode_normalization::char::is_combining_mark;

#[cfg(doc)]
use crate::analysis::fold_into;
use crate::analysis::{fold_char, fold_char_into, letters, Fold};

/// What each character of ASCII (0–127) and of the Arabic block (128–383, for U+0600 to
/// U+06FF) does to the word being hashed ([`word_hashes`]), where nearly every character of
/// the text is: one load instead of decoding, classifying and folding each character. An
/// entry is `kind << 24 | second byte << 8 | first byte`, the bytes being the character folded
/// (UTF-8); kinds 0 to 2 add that many of the bytes (0: folded away inside a word, harakat and
/// tatweel), so adding a character is the same two stores whatever it folds to.
static STEPS: LazyLock<[u32; 384]> = LazyLock::new(|| {
    let mut steps = [FOLD; 384];
    let chars = (0..0x80).chain(0x600..0x700).filter_map(char::from_u32);
    for (step, c) in steps.iter_mut().zip(chars) {
        *step = match fold_char(c) {
            _ if splits(c) => SPLIT,
            Fold::Drop => 0,
            Fold::Char(r) => push(r),
            Fold::Keep if is_combining_mark(c) => FOLD,
            Fold::Keep => push(c),
            Fold::Compat => FOLD,
        };
    }
    steps
});

/// [`STEPS`] kinds (an entry's top byte) past the 0 to 2 bytes a character adds: one that ends
/// the word (neither a letter nor a digit, and not folded away); one [`fold_char_into`] must
/// decide on (a combining mark kept inside a word but not at its start, a compatibility form);
/// and what [`letters_from`] gives at the end of the text.
const SPLIT_KIND: u32 = 3;
const FOLD_KIND: u32 = 4;
const END_KIND: u32 = 5;
/// The [`STEPS`] entries of those kinds.
const SPLIT: u32 = SPLIT_KIND << 24;
const FOLD: u32 = FOLD_KIND << 24;
const END: u32 = END_KIND << 24;

/// The [`STEPS`] entry that adds `c`, or [`FOLD`] for a character of more than two bytes
/// (none of ASCII or the Arabic block folds into one).
fn push(c: char) -> u32 {
    let mut bytes = [0u8; 4];
    match *c.encode_utf8(&mut bytes).as_bytes() {
        [one] => 1 << 24 | u32::from(one),
        [lead, next] => 2 << 24 | u32::from(next) << 8 | u32::from(lead),
        _ => FOLD,
    }
}

/// Does `c` end a word? Neither a letter nor a digit, and not folded away: harakat and
/// tatweel are not letters either, but they split nothing.
fn splits(c: char) -> bool {
    !letters::is_alphanumeric(c) && fold_char(c) != Fold::Drop
}

/// Bytes of a word kept on the stack; a longer one (a URL, letters without spaces) moves to
/// the heap.
const SHORT_WORD: usize = 64;

/// Hashes of the folded words of `text`, in order: the words are what is left between
/// characters that are neither letters nor digits nor folded away, each folded as
/// [`fold_into`] folds it. One pass over the bytes: ASCII is one byte and U+0600 to U+06FF
/// are two whose first is 0xD8 to 0xDB, so nearly every character is classified and folded
/// by one table load, without decoding it, and added to the word by two stores.
pub(super) fn word_hashes(text: &str) -> Vec<u64> {
    let steps: &[u32; 384] = &STEPS;
    let bytes = text.as_bytes();
    let mut hashes = Vec::with_capacity(text.len() / 6);
    // The word being read: `short[..len]`, or `long` once it outgrew `short`.
    let mut short = [0u8; SHORT_WORD];
    let mut len = 0usize;
    let mut long: Vec<u8> = Vec::new();
    let mut folded = String::new();
    let mut at = 0;
    loop {
        let (stop, step, width) = letters_from(bytes, at, steps, &mut short, &mut len);
        let pushed = step.to_le_bytes();
        let added = match step >> 24 {
            END_KIND => break,
            SPLIT_KIND => {
                end_word(&mut hashes, &short[..len], &mut long);
                len = 0;
                at = stop + width;
                continue;
            }
            FOLD_KIND => {
                // Another script, a presentation form, a combining mark: decoded and folded
                // as the index folds it.
                let c = text[stop..]
                    .chars()
                    .next()
                    .expect("a character starts here");
                at = stop + c.len_utf8();
                if splits(c) {
                    end_word(&mut hashes, &short[..len], &mut long);
                    len = 0;
                    continue;
                }
                // The word so far is folded already: only whether it is empty matters to
                // how `c` folds (a combining mark cannot begin a word), so `c` is folded
                // alone, from a start it cannot reach once the word has begun.
                folded.clear();
                fold_char_into(c, &mut folded, if len == 0 { 0 } else { usize::MAX });
                folded.as_bytes()
            }
            // a character of the tables that no longer fits on the stack
            kind => {
                at = stop + width;
                &pushed[..kind as usize]
            }
        };
        if len + added.len() <= SHORT_WORD {
            short[len..len + added.len()].copy_from_slice(added);
            len += added.len();
        } else {
            if long.is_empty() {
                long.extend_from_slice(&short[..len]);
            }
            long.extend_from_slice(added);
            // Past the stack: `len` only says the word is not empty.
            len = SHORT_WORD;
        }
    }
    end_word(&mut hashes, &short[..len], &mut long);
    hashes
}

/// Adds to `short[..len]` the characters from byte `at` that the tables fold into a word,
/// as long as they fit, and stops at the first that does not: returns where it is, its
/// [`STEPS`] entry ([`FOLD`] for a character outside the tables, [`END`] at the end) and
/// its length in bytes. The loop every character of a word goes through, kept apart so that
/// it holds little more than its position in registers.
#[inline(always)]
fn letters_from(
    bytes: &[u8],
    mut at: usize,
    steps: &[u32; 384],
    short: &mut [u8; SHORT_WORD],
    len: &mut usize,
) -> (usize, u32, usize) {
    let mut n = *len;
    let stop = loop {
        let Some(&lead) = bytes.get(at) else {
            break (at, END, 0);
        };
        let (step, width) = match lead {
            0..=0x7F => (steps[usize::from(lead)], 1),
            // A str is valid UTF-8: a continuation byte follows the lead byte.
            0xD8..=0xDB => {
                let next = bytes.get(at + 1).copied().unwrap_or(0x80);
                let code = usize::from(lead & 0x03) << 6 | usize::from(next & 0x3F);
                (steps[0x80 + code], 2)
            }
            _ => break (at, FOLD, 0),
        };
        let kind = (step >> 24) as usize;
        if kind > 2 || n + 2 > SHORT_WORD {
            break (at, step, width);
        }
        // Both bytes are written; `kind` says how many count.
        short[n] = step as u8;
        short[n + 1] = (step >> 8) as u8;
        n += kind;
        at += width;
    };
    *len = n;
    stop
}

/// Hashes the word that ended, `short` or else `long`, if it has any letter, and empties
/// `long` for the next.
#[inline]
fn end_word(hashes: &mut Vec<u64>, short: &[u8], long: &mut Vec<u8>) {
    if !long.is_empty() {
        hashes.push(xxhash_rust::xxh3::xxh3_64(long));
        long.clear();
    } else if !short.is_empty() {
        hashes.push(xxhash_rust::xxh3::xxh3_64(short));
    }
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
    fn words_longer_than_the_stack_hash_as_splitting_then_folding_does() {
        // Around the 64 bytes kept on the stack, with folded letters, harakat and a
        // presentation form (folded the long way) on either side of the spill.
        for n in [30, 31, 32, 33, 40, 100] {
            let word = format!("{}ة{}ﻻ{}", "ب".repeat(n), "\u{64E}", "أ".repeat(n));
            let text = format!("{word} و{word}ـ x{} ", "a".repeat(2 * n));
            assert_eq!(
                word_hashes(&text),
                word_hashes_split_then_fold(&text),
                "{n}"
            );
            assert_eq!(word_hashes(&text).len(), 3);
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
