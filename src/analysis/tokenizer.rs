//! Splits text into words the way an Arabic reader sees them.
//!
//! tantivy's `SimpleTokenizer` splits on anything that is not alphanumeric, which cuts a word at
//! any harakah outside the Other_Alphabetic set (U+0658–U+065F, Quranic marks) and at the
//! zero-width non-joiner that Persian-influenced spelling puts inside words (`الت‌حالف`).
//! Here a word is a run of letters and digits together with the combining marks and joiners
//! inside it; everything else (spaces, ، ؛ ؟ « » quotes, brackets, dashes) separates words.
//! Joiners and marks never *start* a word, so a stray mark cannot become a token of its own.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_normalization::char::is_combining_mark;

use super::letters::is_arabic_letter_or_digit;

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

impl TokenStream for ArabicTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let rest = &self.text[self.cursor..];
        let Some((start, _)) = rest.char_indices().find(|&(_, c)| starts_word(c)) else {
            self.cursor = self.text.len();
            return false;
        };
        let word = &rest[start..];
        let len = word
            .char_indices()
            .find(|&(_, c)| !continues_word(c))
            .map_or(word.len(), |(i, _)| i);
        let from = self.cursor + start;
        let to = from + len;
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
    fn latin_and_digits() {
        let tokens = split("BBC 2024 ٢٠٢٤");
        assert_token(&tokens[0], 0, "BBC", 0, 3);
        assert_token(&tokens[1], 1, "2024", 4, 8);
        assert_token(&tokens[2], 2, "٢٠٢٤", 9, 17);
    }
}
