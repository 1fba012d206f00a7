//! Light stemming: strips the clitics and inflectional suffixes that glue onto Arabic words.
//!
//! This is Larkey, Ballesteros and Connell's *light10* as Lucene's `ArabicStemmer` implements it,
//! with Lucene's test vectors as the oracle:
//!
//! * prefixes ال وال بال كال فال لل, tried in that order, the first one that fits is removed if
//!   at least 2 letters are left over (Lucene also strips a lone و; see `PREFIXES` for why not);
//! * suffixes ها ان ات ون ين يه ية ه ة ي, each tried once in that order on the shrinking word,
//!   each needing at least 2 letters left over (3 for ان and ين in fahras, below).
//!
//! One addition, where light10 is blind: before a pronoun, ة is written ت (عاصمة, عاصمتها), so
//! light10 stems عاصمتها to عاصمت and never meets عاصم, the stem of عاصمة. When the pronoun ها came
//! off and what is left ends in ت with at least three letters before it, that ت is taken for the
//! ة and dropped too: عاصمتها and حكومتها stem like عاصمة and حكومة; three letters keep ذاتها,
//! وقتها and صوتها whole. The same is not done after ه: by then ة has been folded to ه too, and
//! ثابته (ثابتة) must keep its ت.
//!
//! A second one: ان and ين are only taken off when three letters stay. In a word of four
//! letters they are nearly always part of the word, the patterns فعال and فعيل: light10 stems
//! سكان to سك, مكان to مك, امين to ام (mother) and ثمين to ثم (then), and so pulls unrelated words
//! together. Three letters keep those whole and still stem مصريين, سودان and الطيران; the dual of a
//! two-letter noun (يدان) is the rare loss. The other suffixes keep light10's two letters, since
//! لغة and لغات must still meet at لغ.
//!
//! Unlike Snowball's Arabic stemmer (which tantivy ships), light10 strips وال and never eats a
//! name's first letter (بطاطس, فلسطين stay whole), which keeps news search predictable.
//! It runs after [`super::ArabicNormalizer`], so ة has already become ه.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// An Arabic letter as its two UTF-8 bytes, lead byte high: every affix is made of these, so
/// affixes are matched by comparing numbers. Compared as strings, each affix tried was a
/// `memcmp` call of a few bytes (`memcmp` was 17.7% of the analyzers' profile, BENCHMARKS.md,
/// "Reading and analysis on bytes").
pub(super) type Letter = u16;

/// The [`Letter`] of a character of U+0080–U+07FF (two bytes in UTF-8).
const fn letter(c: char) -> Letter {
    let c = c as u32;
    (((0xC0 | (c >> 6)) << 8) | (0x80 | (c & 0x3F))) as Letter
}

const ALEF: Letter = letter('ا');
const LAM: Letter = letter('ل');
const WAW: Letter = letter('و');
const BEH: Letter = letter('ب');
const KAF: Letter = letter('ك');
const FEH: Letter = letter('ف');
const HEH: Letter = letter('ه');
const NOON: Letter = letter('ن');
pub(super) const TEH: Letter = letter('ت');
const YEH: Letter = letter('ي');
const TEH_MARBUTA: Letter = letter('ة');

// Departure from Lucene: light10 also strips a lone و from words of four letters or more, which
// makes وزير (minister) match زير and ولاية match لاية. fahras leaves one-letter proclitics to the
// corpus-aware expansion at query time (`search::expand`), which strips و only when the index
// says the rest is the more common word. Lucene vectors S7 and S18 change accordingly.
/// ال وال بال كال فال لل, in the order they are tried.
pub(super) const PREFIXES: [&[Letter]; 6] = [
    &[ALEF, LAM],
    &[WAW, ALEF, LAM],
    &[BEH, ALEF, LAM],
    &[KAF, ALEF, LAM],
    &[FEH, ALEF, LAM],
    &[LAM, LAM],
];

/// Letters a word must keep when one of the usual suffixes comes off, as in light10.
const MIN_LETTERS_BEFORE_SUFFIX: usize = 2;

/// Letters a word must keep when ان or ين comes off (light10 keeps 2): in a four-letter word
/// they are usually part of the pattern (فعال, فعيل) rather than an ending.
const MIN_LETTERS_BEFORE_PATTERN_SUFFIX: usize = 3;

/// ها ان ات ون ين يه ية ه ة ي, in the order they are tried, each with the letters it must leave.
pub(super) const SUFFIXES: [(&[Letter], usize); 10] = [
    (PRONOUN_HA, MIN_LETTERS_BEFORE_SUFFIX),
    (&[ALEF, NOON], MIN_LETTERS_BEFORE_PATTERN_SUFFIX),
    (&[ALEF, TEH], MIN_LETTERS_BEFORE_SUFFIX),
    (&[WAW, NOON], MIN_LETTERS_BEFORE_SUFFIX),
    (&[YEH, NOON], MIN_LETTERS_BEFORE_PATTERN_SUFFIX),
    (&[YEH, HEH], MIN_LETTERS_BEFORE_SUFFIX),
    (&[YEH, TEH_MARBUTA], MIN_LETTERS_BEFORE_SUFFIX),
    (&[HEH], MIN_LETTERS_BEFORE_SUFFIX),
    (&[TEH_MARBUTA], MIN_LETTERS_BEFORE_SUFFIX),
    (&[YEH], MIN_LETTERS_BEFORE_SUFFIX),
];

/// The suffix that is surely an attached pronoun, after which ة is written ت.
const PRONOUN_HA: &[Letter] = &[HEH, ALEF];

/// Where [`PRONOUN_HA`] stands in [`SUFFIXES`].
const PRONOUN_HA_AT: usize = 0;

/// Letters a word must keep before a ت read as ة.
const MIN_TIED_STEM_LETTERS: usize = 3;

/// Bytes of one [`Letter`].
const LETTER_BYTES: usize = 2;

/// Number of characters in `word`, cheap for the short words stemming deals with: every
/// character has one byte that is not `0b10xx_xxxx`.
fn chars(word: &[u8]) -> usize {
    word.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// The two bytes of `word` at `at` as a [`Letter`].
fn letter_at(word: &[u8], at: usize) -> Letter {
    Letter::from_be_bytes([word[at], word[at + 1]])
}

/// Does `word` begin with the bytes of `affix`?
fn begins_with(word: &[u8], affix: &[Letter]) -> bool {
    word.get(..affix.len() * LETTER_BYTES)
        .is_some_and(|head| ends_with(head, affix))
}

/// Does `word` end with the bytes of `affix`?
fn ends_with(word: &[u8], affix: &[Letter]) -> bool {
    let Some(start) = word.len().checked_sub(affix.len() * LETTER_BYTES) else {
        return false;
    };
    affix
        .iter()
        .enumerate()
        .all(|(i, &l)| letter_at(word, start + i * LETTER_BYTES) == l)
}

/// The light10 stem of an already normalized word, as a slice of it.
pub fn light_stem(word: &str) -> &str {
    let bytes = word.as_bytes();
    // The stem is bytes[from..to], `left` characters long; both ends move by whole letters,
    // so they stay on char boundaries.
    let (mut from, mut to) = (0, bytes.len());
    let mut left = chars(bytes);
    // The prefixes begin with different letters, so at most one fits.
    if let Some(prefix) = PREFIXES.iter().find(|prefix| begins_with(bytes, prefix)) {
        if left >= prefix.len() + 2 {
            from = prefix.len() * LETTER_BYTES;
            left -= prefix.len();
        }
    }
    let mut after_pronoun = false;
    for (at, (suffix, keep)) in SUFFIXES.into_iter().enumerate() {
        if left >= suffix.len() + keep && ends_with(&bytes[from..to], suffix) {
            to -= suffix.len() * LETTER_BYTES;
            left -= suffix.len();
            after_pronoun = at == PRONOUN_HA_AT;
        }
    }
    if after_pronoun && left > MIN_TIED_STEM_LETTERS && ends_with(&bytes[from..to], &[TEH]) {
        to -= LETTER_BYTES;
    }
    &word[from..to]
}

/// Token filter applying [`light_stem`] to every token.
#[derive(Clone, Copy, Debug, Default)]
pub struct LightStemmer;

impl TokenFilter for LightStemmer {
    type Tokenizer<T: Tokenizer> = LightStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> LightStemmerFilter<T> {
        LightStemmerFilter { inner: tokenizer }
    }
}

/// [`LightStemmer`] applied to a tokenizer.
#[derive(Clone)]
pub struct LightStemmerFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for LightStemmerFilter<T> {
    type TokenStream<'a> = LightStemmerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        LightStemmerStream {
            tail: self.inner.token_stream(text),
        }
    }
}

/// Token stream of [`LightStemmerFilter`].
pub struct LightStemmerStream<S> {
    tail: S,
}

impl<S: TokenStream> TokenStream for LightStemmerStream<S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        let (start, len) = {
            let stem = light_stem(&token.text);
            (
                stem.as_ptr() as usize - token.text.as_ptr() as usize,
                stem.len(),
            )
        };
        if len != token.text.len() {
            // The stem is a slice of the word: cut it out in place, no allocation.
            token.text.truncate(start + len);
            token.text.drain(..start);
        }
        true
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
    use crate::analysis::test_util::{all_words, assert_token, tokens};
    use crate::analysis::ArabicTokenizer;
    use tantivy::tokenizer::TextAnalyzer;

    // Lucene TestArabicStemFilter S1–S21 and S23, S7 and S18 departing as noted (the stemmer alone, no normalization before it).
    // S22 (a keyword-marked token left unstemmed) has no counterpart: fahras has no keyword marker.
    #[test]
    fn lucene_stem_vectors() {
        let cases = [
            ("الحسن", "حسن"),
            ("والحسن", "حسن"),
            ("بالحسن", "حسن"),
            ("كالحسن", "حسن"),
            ("فالحسن", "حسن"),
            ("للاخر", "اخر"),
            // S7 and S18: Lucene strips the lone و (وحسن → حسن, وساهدون → ساهد); fahras does not.
            ("وحسن", "وحسن"),
            ("زوجها", "زوج"),
            ("ساهدان", "ساهد"),
            ("ساهدات", "ساهد"),
            ("ساهدون", "ساهد"),
            ("ساهدين", "ساهد"),
            ("ساهديه", "ساهد"),
            ("ساهدية", "ساهد"),
            ("ساهده", "ساهد"),
            ("ساهدة", "ساهد"),
            ("ساهدي", "ساهد"),
            ("وساهدون", "وساهد"),
            ("ساهدهات", "ساهد"),
            ("الو", "الو"),
            ("English", "English"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(light_stem(input), expected, "{input}");
        }
    }

    /// light10 with fahras's changes as first written, on strings: the oracle for the
    /// letter-by-letter [`light_stem`].
    fn light_stem_on_strings(word: &str) -> &str {
        let chars = |s: &str| s.chars().count();
        let mut stem = word;
        let len = chars(stem);
        for prefix in ["ال", "وال", "بال", "كال", "فال", "لل"] {
            if len >= chars(prefix) + 2 && stem.starts_with(prefix) {
                stem = &stem[prefix.len()..];
                break;
            }
        }
        let mut after_pronoun = false;
        for suffix in ["ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي"] {
            let keep = if ["ان", "ين"].contains(&suffix) {
                3
            } else {
                2
            };
            if stem.ends_with(suffix) && chars(stem) >= chars(suffix) + keep {
                stem = &stem[..stem.len() - suffix.len()];
                after_pronoun = suffix == "ها";
            }
        }
        if after_pronoun {
            if let Some(base) = stem.strip_suffix('ت') {
                if chars(base) >= 3 {
                    stem = base;
                }
            }
        }
        stem
    }

    #[test]
    fn stems_as_the_string_version_did() {
        assert_eq!(SUFFIXES[PRONOUN_HA_AT].0, PRONOUN_HA);
        let firsts: std::collections::HashSet<Letter> = PREFIXES.iter().map(|p| p[0]).collect();
        assert_eq!(
            firsts.len(),
            PREFIXES.len(),
            "prefixes with the same first letter"
        );
        // the affix letters, one other Arabic letter, and characters of one and three bytes
        let affix_letters = "الوبكفهنتيةم".chars().chain(['a', 'ی', '€']);
        let short = all_words(&affix_letters.collect::<Vec<_>>(), 4);
        let long = all_words(&"الوهتنة".chars().collect::<Vec<_>>(), 6);
        for word in short.iter().chain(&long) {
            assert_eq!(light_stem(word), light_stem_on_strings(word), "{word}");
        }
    }

    #[test]
    fn teh_before_a_pronoun_is_a_teh_marbuta() {
        // normalized forms, as the stemmer sees them (ة is already ه)
        assert_eq!(light_stem("عاصمتها"), light_stem("عاصمه"));
        assert_eq!(light_stem("حكومتها"), light_stem("الحكومه"));
        assert_eq!(light_stem("سياستها"), light_stem("السياسه"));
        assert_eq!(light_stem("محافظاتها"), light_stem("محافظات"));
        // the ت is the word's own when too little would be left, or when no pronoun came off
        assert_eq!(light_stem("ذاتها"), "ذات");
        assert_eq!(light_stem("صوتها"), "صوت");
        // after ه it may be a folded ة: ثابتة is ثابت, not ثاب
        assert_eq!(light_stem("ثابته"), "ثابت");
        assert_eq!(light_stem("ثبت"), "ثبت");
        assert_eq!(light_stem("انترنت"), "انترنت");
        assert_eq!(light_stem("عاصمتهم"), "عاصمتهم");
    }

    #[test]
    fn an_and_in_stay_on_four_letter_words() {
        // فعال and فعيل: the ending is the word's own
        assert_eq!(light_stem("سكان"), "سكان");
        assert_eq!(light_stem("السكان"), "سكان");
        assert_eq!(light_stem("مكان"), "مكان");
        assert_eq!(light_stem("امين"), "امين");
        assert_ne!(light_stem("امين"), light_stem("ام"));
        // with three letters left they are still endings
        assert_eq!(light_stem("مصريين"), "مصر");
        assert_eq!(light_stem("الطيران"), "طير");
        assert_eq!(light_stem("لاعبين"), "لاعب");
        // the other suffixes keep light10's two letters
        assert_eq!(light_stem("لغات"), light_stem("لغه"));
    }

    #[test]
    fn a_lone_waw_stays_so_wazir_is_not_zir() {
        assert_eq!(light_stem("وزير"), "وزير");
        assert_ne!(light_stem("وزير"), light_stem("زير"));
        // و together with the article is still a clitic
        assert_eq!(light_stem("والحكومه"), "حكوم");
    }

    #[test]
    fn filter_rewrites_text_and_keeps_offsets() {
        let mut analyzer = TextAnalyzer::builder(ArabicTokenizer::default())
            .filter(LightStemmer)
            .build();
        let tokens = tokens(&mut analyzer, "والتحالف ساهدهات");
        assert_token(&tokens[0], 0, "تحالف", 0, 16);
        assert_token(&tokens[1], 1, "ساهد", 17, 31);
    }
}
