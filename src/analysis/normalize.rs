//! Folds the spelling variants of Arabic script that readers treat as the same word.
//!
//! Lucene's `ArabicNormalizationFilter` is the base (alef forms, alef maksura, teh marbuta,
//! tatweel, harakat). On top of it, for news text as it really arrives:
//!
//! * alef wasla ٱ and the wavy-hamza alefs fold to ا like أ إ آ;
//! * the hamza seats ؤ and ئ fold to a bare ء, so `مسؤول` and `مسئول` (both common) meet;
//! * Persian and Urdu letters typed on non-Arabic keyboards (ک ی ې ے ە ۀ ہ ھ) fold to the
//!   Arabic letters they stand for;
//! * Arabic-Indic and Extended Arabic-Indic digits fold to ASCII;
//! * Quranic annotation marks, the superscript alef and zero-width joiners are removed;
//! * presentation forms (ﻻ ﺍﻟﺴﻼﻡ) are decomposed with NFKC, so a query pasted from an old PDF
//!   matches;
//! * Latin letters are lowercased.
//!
//! Only the token text changes; a token that folds to nothing (a lone tatweel run) is dropped.

use std::mem;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::letters::arabic_block_offset;

/// What one character becomes in the folded token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    /// Unchanged.
    Keep,
    /// Removed (harakat, tatweel, joiners).
    Drop,
    /// Replaced by another single character.
    Char(char),
    /// A compatibility form that NFKC expands (presentation forms, ligatures).
    Compat,
}

/// How the normalizer treats `c`.
#[inline]
pub fn fold_char(c: char) -> Fold {
    match c {
        'A'..='Z' => Fold::Char(c.to_ascii_lowercase()),
        '\0'..='\u{7F}' => Fold::Keep,
        // Most of the text: one load instead of the ranges below.
        '\u{0600}'..='\u{06FF}' => ARABIC_BLOCK[c as usize - 0x0600],
        '\u{200C}' | '\u{200D}' => Fold::Drop,
        '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' => Fold::Compat,
        _ if c.is_uppercase() => Fold::Compat,
        _ => Fold::Keep,
    }
}

/// [`fold_char`] of each character of the Arabic block, U+0600 to U+06FF.
static ARABIC_BLOCK: [Fold; 256] = {
    let mut folds = [Fold::Keep; 256];
    let mut at = 0;
    while at < 256 {
        folds[at] = fold_arabic(0x0600 + at as u32);
        at += 1;
    }
    folds
};

/// How the normalizer treats a character of the Arabic block.
const fn fold_arabic(c: u32) -> Fold {
    match c {
        // harakat, Quranic small marks, superscript alef, tatweel
        0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x0640 => Fold::Drop,
        0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x06E7 | 0x06E8 | 0x06EA..=0x06ED => Fold::Drop,
        // alef with hamza above/below, madda, wasla, wavy hamza
        0x0622 | 0x0623 | 0x0625 | 0x0671..=0x0673 | 0x0675 => Fold::Char('\u{0627}'),
        // hamza on waw / on yeh → bare hamza
        0x0624 | 0x0626 | 0x0678 => Fold::Char('\u{0621}'),
        // alef maksura, Farsi yeh, Pashto/Urdu yehs → yeh
        0x0649 | 0x06CC | 0x06D0 | 0x06D2 | 0x06CD => Fold::Char('\u{064A}'),
        // teh marbuta, Kurdish ae, heh with yeh above, heh goal, heh doachashmee → heh
        0x0629 | 0x06D5 | 0x06C0 | 0x06C1 | 0x06C2 | 0x06BE => Fold::Char('\u{0647}'),
        // keheh, swash kaf → kaf
        0x06A9 | 0x06AA => Fold::Char('\u{0643}'),
        0x0660..=0x0669 => Fold::Char((b'0' + (c - 0x0660) as u8) as char),
        0x06F0..=0x06F9 => Fold::Char((b'0' + (c - 0x06F0) as u8) as char),
        // the rest of the block has no case: no need for the Unicode case tables
        _ => Fold::Keep,
    }
}

/// Is every character of `text` [`Fold::Keep`]? Reads ASCII and the Arabic block from the
/// UTF-8 bytes instead of decoding each character: this runs on every token indexed.
pub fn keeps_all(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let lead = bytes[at];
        if lead.is_ascii() {
            if lead.is_ascii_uppercase() {
                return false;
            }
            at += 1;
        } else if let Some(offset) = arabic_block_offset(text, at) {
            if ARABIC_BLOCK[offset] != Fold::Keep {
                return false;
            }
            at += 2;
        } else {
            let c = text[at..]
                .chars()
                .next()
                .expect("a char boundary inside the text");
            if fold_char(c) != Fold::Keep {
                return false;
            }
            at += c.len_utf8();
        }
    }
    true
}

/// Appends the folded form of `text` to `out`.
pub fn fold_into(text: &str, out: &mut String) {
    let start = out.len();
    for c in text.chars() {
        fold_char_into(c, out, start);
    }
}

/// Appends the folded form of `c` to `out`, where the word being folded began at `start`.
#[inline]
pub fn fold_char_into(c: char, out: &mut String, start: usize) {
    match fold_char(c) {
        // Once the letters before it are folded away, a combining mark cannot begin a word
        // (the tokenizer would not start one there), so it goes too.
        Fold::Keep if out.len() == start && is_combining_mark(c) => {}
        Fold::Keep => out.push(c),
        Fold::Drop => {}
        Fold::Char(r) => out.push(r),
        Fold::Compat if c.is_uppercase() => out.extend(c.to_lowercase()),
        // The expansion may itself hold foldable letters (ﻵ → لآ), hence the second pass.
        Fold::Compat => {
            // Isolated harakat forms (U+FE70–FE7F) expand to a space and the mark; the
            // space must not end up inside a token.
            for d in std::iter::once(c).nfkc().filter(|d| !d.is_whitespace()) {
                match fold_char(d) {
                    Fold::Keep | Fold::Compat if out.len() == start && is_combining_mark(d) => {}
                    Fold::Keep | Fold::Compat => out.push(d),
                    Fold::Drop => {}
                    Fold::Char(r) => out.push(r),
                }
            }
        }
    }
}

/// Token filter that folds Arabic spelling variants (see the module docs).
#[derive(Clone, Copy, Debug, Default)]
pub struct ArabicNormalizer;

impl TokenFilter for ArabicNormalizer {
    type Tokenizer<T: Tokenizer> = ArabicNormalizerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> ArabicNormalizerFilter<T> {
        ArabicNormalizerFilter {
            inner: tokenizer,
            buffer: String::new(),
        }
    }
}

/// [`ArabicNormalizer`] applied to a tokenizer.
#[derive(Clone)]
pub struct ArabicNormalizerFilter<T> {
    inner: T,
    buffer: String,
}

impl<T: Tokenizer> Tokenizer for ArabicNormalizerFilter<T> {
    type TokenStream<'a> = ArabicNormalizerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        ArabicNormalizerStream {
            tail: self.inner.token_stream(text),
            buffer: &mut self.buffer,
        }
    }
}

/// Token stream of [`ArabicNormalizerFilter`].
pub struct ArabicNormalizerStream<'a, S> {
    tail: S,
    buffer: &'a mut String,
}

impl<S: TokenStream> TokenStream for ArabicNormalizerStream<'_, S> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            let token = self.tail.token_mut();
            // Most tokens of clean text need nothing; skip the copy for them.
            if keeps_all(&token.text) {
                return true;
            }
            self.buffer.clear();
            fold_into(&token.text, self.buffer);
            mem::swap(&mut token.text, self.buffer);
            if !token.text.is_empty() {
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
    use crate::analysis::test_util::{assert_token, tokens};
    use crate::analysis::ArabicTokenizer;
    use tantivy::tokenizer::TextAnalyzer;

    fn analyzer() -> TextAnalyzer {
        TextAnalyzer::builder(ArabicTokenizer::default())
            .filter(ArabicNormalizer)
            .build()
    }

    #[test]
    fn keeps_all_reads_every_character_as_fold_char_does() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let keep = fold_char(c) == Fold::Keep;
            assert_eq!(keeps_all(&c.to_string()), keep, "{c:?}");
            assert_eq!(keeps_all(&format!("ab{c}د")), keep, "{c:?} inside a word");
        }
        assert!(keeps_all(""));
    }

    fn fold(text: &str) -> String {
        let mut out = String::new();
        fold_into(text, &mut out);
        out
    }

    // Lucene TestArabicNormalizationFilter, N1–N14 (N15, the empty term, is `empty_input`).
    #[test]
    fn lucene_normalization_vectors() {
        let cases = [
            ("آجن", "اجن"),
            ("أحمد", "احمد"),
            ("إعاذ", "اعاذ"),
            ("بنى", "بني"),
            ("فاطمة", "فاطمه"),
            ("روبرـــــت", "روبرت"),
            ("مَبنا", "مبنا"),
            ("علِي", "علي"),
            ("بُوات", "بوات"),
            ("ولداً", "ولدا"),
            ("ولدٍ", "ولد"),
            ("ولدٌ", "ولد"),
            ("نلْسون", "نلسون"),
            ("هتميّ", "هتمي"),
        ];
        for (input, expected) in cases {
            let tokens = tokens(&mut analyzer(), input);
            assert_eq!(tokens.len(), 1, "{input}");
            assert_token(&tokens[0], 0, expected, 0, input.len());
        }
    }

    #[test]
    fn empty_input() {
        assert!(tokens(&mut analyzer(), "").is_empty());
    }

    // Beyond Lucene: variants that real Arabic news text mixes.
    #[test]
    fn folds_beyond_lucene() {
        assert_eq!(fold("ٱلله"), "الله");
        assert_eq!(fold("مسؤولين"), fold("مسئولين"));
        assert_eq!(fold("الکردیة"), "الكرديه");
        assert_eq!(fold("٢٠٢٤"), "2024");
        assert_eq!(fold("۲۰۲۴"), "2024");
        assert_eq!(fold("الت\u{200C}حالف"), "التحالف");
        assert_eq!(fold("ﺍﻟﺴﻼﻡ"), "السلام");
        assert_eq!(fold("ﻵ"), "لا");
        // found by tests/properties.rs: U+FE7E expands to " \u{652}" under NFKC
        assert_eq!(fold("\u{FE7E}a"), "a");
        assert_eq!(fold("\u{FE70}\u{C55}a"), "a");
        assert_eq!(fold("BBC News"), "bbc news");
        assert_eq!(fold("ÉCOLE"), "école");
    }

    #[test]
    fn folding_is_idempotent() {
        for text in ["أَحْمَدُ", "ﻵ", "مسؤول", "۲۰۲۴", "ÉCOLE", "قســـد"]
        {
            let once = fold(text);
            assert_eq!(fold(&once), once, "{text}");
        }
    }

    #[test]
    fn a_token_that_folds_to_nothing_is_dropped() {
        let tokens = tokens(&mut analyzer(), "قال ـــ قسد");
        let texts: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["قال", "قسد"]);
        assert_token(&tokens[1], 2, "قسد", 14, 20);
    }
}
