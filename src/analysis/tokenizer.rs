//! Splits text into words the way an Arabic reader sees them.
//!
//! tantivy's `SimpleTokenizer` splits on anything that is not alphanumeric, which cuts a word at
//! any harakah outside the Other_Alphabetic set (U+0658–U+065F, Quranic marks) and at the
//! zero-width non-joiner that Persian-influenced spelling puts inside words (`الت‌حالف`).
//! Here a word is a run of letters and digits together with the combining marks and joiners
//! inside it; everything else (spaces, ، ؛ ؟ « » quotes, brackets, dashes) separates words.
//! Joiners and marks never *start* a word, so a stray mark cannot become a token of its own.

use std::sync::LazyLock;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_normalization::char::is_combining_mark;

use super::letters::{arabic_block_offset, is_arabic_letter_or_digit};

/// Tokenizer for Arabic (and Latin) news text. Offsets are byte offsets into the input.
#[derive(Clone, Default)]
pub struct ArabicTokenizer {
    token: Token,
}

/// The token stream of [`ArabicTokenizer`].
pub struct ArabicTokenStream<'a> {
    text: &'a str,
    cursor: usize,
    token: &'a mut Token,
}

impl Tokenizer for ArabicTokenizer {
    type TokenStream<'a> = ArabicTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ArabicTokenStream<'a> {
        self.token.reset();
        ArabicTokenStream {
            text,
            cursor: 0,
            token: &mut self.token,
        }
    }
}

/// Arabic punctuation that separates words: comma, semicolon, question mark, full stop.
#[inline]
fn is_arabic_separator(c: char) -> bool {
    matches!(
        c,
        '\u{060C}' | '\u{061B}' | '\u{061F}' | '\u{06D4}' | '\u{066A}'..='\u{066D}'
    )
}

/// Can this character start a word?
#[inline]
fn starts_word(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if is_arabic_letter_or_digit(c) {
        true
    } else {
        // Harakat count as alphabetic in Unicode, but a mark with no letter before it is noise.
        !is_arabic_separator(c) && c.is_alphanumeric() && !is_combining_mark(c)
    }
}

/// Can this character continue a word that has started?
#[inline]
fn continues_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if is_arabic_letter_or_digit(c) || matches!(c, '\u{0640}'..='\u{065F}' | '\u{0670}') {
        return true;
    }
    // U+200C ZWNJ and U+200D ZWJ shape letters without separating words.
    !is_arabic_separator(c)
        && (c.is_alphanumeric() || is_combining_mark(c) || c == '\u{200C}' || c == '\u{200D}')
}

/// The word (as [`ArabicTokenizer`] cuts it) that holds the character at byte `at`, as a byte
/// range; `None` if that character is in no word. Lets a caller that found a letter by a fast
/// search cut out just its word instead of tokenizing the whole text.
pub(crate) fn word_around(text: &str, at: usize) -> Option<(usize, usize)> {
    // A word is the stretch of a maximal run of word-continuing characters from its first
    // character that can start a word (every starter also continues a word).
    if !text[at..].chars().next().is_some_and(continues_word) {
        return None;
    }
    let run_start = text[..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| !continues_word(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let run_end = text[at..]
        .char_indices()
        .find(|&(_, c)| !continues_word(c))
        .map_or(text.len(), |(i, _)| at + i);
    let (start, _) = text[run_start..run_end]
        .char_indices()
        .find(|&(_, c)| starts_word(c))?;
    // marks and joiners before the first letter belong to no word
    (run_start + start <= at).then_some((run_start + start, run_end))
}

/// [`starts_word`] of a character, as a bit of its [`WordClass`].
const STARTS: u8 = 1;
/// [`continues_word`] of a character, as a bit of its [`WordClass`].
const CONTINUES: u8 = 2;

/// What a character can do in a word: [`STARTS`] and [`CONTINUES`] bits.
type WordClass = u8;

fn word_class(c: char) -> WordClass {
    (if starts_word(c) { STARTS } else { 0 }) | (if continues_word(c) { CONTINUES } else { 0 })
}

/// [`word_class`] of U+0600–U+06FF, most of the text, looked up from the UTF-8 bytes.
static ARABIC_BLOCK: LazyLock<[WordClass; 256]> = LazyLock::new(|| {
    let mut classes = [0; 256];
    for (at, class) in classes.iter_mut().enumerate() {
        *class = char::from_u32(0x0600 + at as u32).map_or(0, word_class);
    }
    classes
});

/// The class of the character at byte `at` of `text` (a char boundary), and its length in
/// bytes. Reads ASCII and the Arabic block from the bytes, without decoding them: the
/// tokenizer was a quarter of the analyzers' time (BENCHMARKS.md, "Reading and analysis on bytes").
#[inline]
fn class_at(text: &str, at: usize, arabic: &[WordClass; 256]) -> (WordClass, usize) {
    let lead = text.as_bytes()[at];
    if lead.is_ascii() {
        let class = if lead.is_ascii_alphanumeric() {
            STARTS | CONTINUES
        } else {
            0
        };
        (class, 1)
    } else if let Some(offset) = arabic_block_offset(text, at) {
        (arabic[offset], 2)
    } else {
        let c = text[at..]
            .chars()
            .next()
            .expect("a char boundary inside the text");
        (word_class(c), c.len_utf8())
    }
}

impl TokenStream for ArabicTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let arabic = &*ARABIC_BLOCK;
        let end = self.text.len();
        let mut at = self.cursor;
        let from = loop {
            if at >= end {
                self.cursor = end;
                return false;
            }
            let (class, len) = class_at(self.text, at, arabic);
            at += len;
            if class & STARTS != 0 {
                // every character that starts a word also continues it
                break at - len;
            }
        };
        while at < end {
            let (class, len) = class_at(self.text, at, arabic);
            if class & CONTINUES == 0 {
                break;
            }
            at += len;
        }
        let to = at;
        self.cursor = to;
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.position = self.token.position.wrapping_add(1);
        self.token.position_length = 1;
        self.token.text.clear();
        self.token.text.push_str(&self.text[from..to]);
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::test_util::{assert_token, tokens};
    use tantivy::tokenizer::TextAnalyzer;

    fn split(text: &str) -> Vec<Token> {
        tokens(&mut TextAnalyzer::from(ArabicTokenizer::default()), text)
    }

    #[test]
    fn the_word_around_any_character_is_the_token_holding_it() {
        let texts = [
            "قال، «نعم»؛ لماذا؟ (قسد) “روباك”",
            "\u{064E}والتَّحالُفِ الت\u{200C}حالف ـ ١٢٣ abc-def \u{200C}\u{064F}x",
            "",
            "   ",
        ];
        for text in texts {
            let tokens = split(text);
            for (at, _) in text.char_indices() {
                let holder = tokens
                    .iter()
                    .find(|t| t.offset_from <= at && at < t.offset_to)
                    .map(|t| (t.offset_from, t.offset_to));
                assert_eq!(word_around(text, at), holder, "{text:?} at {at}");
            }
        }
    }

    #[test]
    fn arabic_punctuation_separates_words() {
        let text = "قال، «نعم»؛ لماذا؟ (قسد) “روباك”";
        let words: Vec<String> = split(text).into_iter().map(|t| t.text).collect();
        assert_eq!(words, ["قال", "نعم", "لماذا", "قسد", "روباك"]);
    }

    #[test]
    fn harakat_tatweel_and_joiners_stay_inside_words() {
        let text = "وَفْدٌ قســـد الت\u{200C}حالف";
        let tokens = split(text);
        assert_eq!(tokens.len(), 3);
        assert_token(&tokens[0], 0, "وَفْدٌ", 0, 12);
        assert_token(&tokens[1], 1, "قســـد", 13, 25);
        assert_token(&tokens[2], 2, "الت\u{200C}حالف", 26, 43);
    }

    #[test]
    fn marks_and_joiners_alone_are_not_words() {
        assert!(split("\u{064E} \u{200C} - ،").is_empty());
        assert!(split("").is_empty());
    }

    #[test]
    fn shortcuts_agree_with_the_unicode_tables() {
        for c in ('\u{0600}'..='\u{06FF}').chain('\u{0750}'..='\u{077F}') {
            let general = c.is_alphanumeric() && !is_combining_mark(c);
            assert_eq!(starts_word(c), general, "{c:?} U+{:04X}", c as u32);
            let general = c.is_alphanumeric() || is_combining_mark(c);
            assert_eq!(continues_word(c), general, "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn classes_read_from_bytes_agree_with_the_predicates() {
        let arabic = &*ARABIC_BLOCK;
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let text = format!("{c}x");
            assert_eq!(
                class_at(&text, 0, arabic),
                (word_class(c), c.len_utf8()),
                "{c:?}"
            );
            // every starter continues a word, which the tokenizer relies on
            assert!(!starts_word(c) || continues_word(c), "{c:?}");
        }
    }

    #[test]
    fn latin_and_digits() {
        let tokens = split("BBC 2024 ٢٠٢٤");
        assert_token(&tokens[0], 0, "BBC", 0, 3);
        assert_token(&tokens[1], 1, "2024", 4, 8);
        assert_token(&tokens[2], 2, "٢٠٢٤", 9, 17);
    }
}
