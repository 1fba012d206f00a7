//! `char::is_alphabetic` and `char::is_alphanumeric`, with Arabic answered by a range check.
//!
//! The standard library answers ASCII at once but looks every other character up in its
//! Unicode tables. Arabic letters are most of our text, and the lookups were a fifth of
//! indexing time in the tokenizer and 13% of a plain-text ingest in the cleaner and the
//! repetition table (BENCHMARKS.md, "Reading and analysis on bytes"). The answers are the
//! same for every character (a unit test checks them all).

/// Arabic letters: the bulk of the text.
#[inline]
pub(crate) fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063F}' | '\u{0641}'..='\u{064A}' | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}' | '\u{06FA}'..='\u{06FC}' | '\u{06FF}')
}

/// Arabic letters and Arabic-Indic digits.
#[inline]
pub(crate) fn is_arabic_letter_or_digit(c: char) -> bool {
    is_arabic_letter(c) || matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
}

/// Where the character at byte `at` of `text` (a char boundary) stands in U+0600–U+06FF,
/// read from its two UTF-8 bytes (110110xx 10xxxxxx) without decoding it; `None` outside that
/// block. Lets per-character tables of the block answer most of the text.
#[inline]
pub(crate) fn arabic_block_offset(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let lead = bytes[at];
    // `text` is valid UTF-8, so a lead byte of the block has its second byte
    (0xD8..=0xDB)
        .contains(&lead)
        .then(|| usize::from(lead & 0x03) << 6 | usize::from(bytes[at + 1] & 0x3F))
}

/// Same as [`char::is_alphabetic`].
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        is_arabic_letter(c) || c.is_alphabetic()
    }
}

/// Same as [`char::is_alphanumeric`].
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_arabic_letter_or_digit(c) || c.is_alphanumeric()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_answers_as_the_standard_library_for_every_character() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            if is_arabic_letter_or_digit(c) {
                assert!(c.is_alphanumeric(), "{c:?}");
            }
            let block = ('\u{0600}'..='\u{06FF}')
                .contains(&c)
                .then(|| c as usize - 0x0600);
            assert_eq!(arabic_block_offset(&format!("{c}x"), 0), block, "{c:?}");
        }
    }
}
