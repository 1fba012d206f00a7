//! Drops Arabic function words, which carry no topic and would only add noise to BM25.
//!
//! The list is our own: the closed classes of Modern Standard Arabic (prepositions,
//! conjunctions, particles, pronouns, demonstratives, relative pronouns, the auxiliary كان) and
//! their most frequent و/ف-prefixed forms, written as they are spelled in news text. It follows
//! the classes of Jacques Savoy's list that Lucene ships, but keeps out words that double as
//! content: `علي` (the name Ali; only the preposition spelling `على` is listed), `ضد`, numbers.
//!
//! The filter runs *before* spelling folding, like Lucene's, because folding merges a function
//! word with a content word (`على` → `علي`). Harakat and tatweel are ignored when looking a word
//! up, so `عَلَى` is still recognised.

use std::sync::OnceLock;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

#[rustfmt::skip]
const STOPWORDS: &[&str] = &[
    // prepositions and adverbs of place and time
    "في", "من", "إلى", "الى", "على", "عن", "مع", "حتى", "منذ", "مذ", "لدى", "عند", "نحو", "بين",
    "خلال", "ضمن", "حول", "دون", "عبر", "تجاه", "إزاء", "ازاء", "بعد", "قبل", "فوق", "تحت",
    "أمام", "امام", "لدي", "عندما", "حين", "حينما", "بينما", "كلما", "أثناء", "اثناء",
    // conjunctions and particles
    "و", "ف", "ثم", "أو", "او", "أم", "بل", "لكن", "لأن", "لان", "كي", "لكي", "إذ", "اذ", "إذا",
    "اذا", "إذن", "لو", "لولا", "لما", "كما", "مما", "عما", "فيما", "حيث", "إن", "ان", "أن",
    "أنه", "انه", "أنها", "انها", "إنه", "إنها", "قد", "لقد", "لم", "لن", "لا", "ما", "ليس",
    "ليست", "سوف", "هل", "كل", "كلا", "بعض", "غير", "سوى", "أي", "اي", "أى", "أيضا", "ايضا",
    "جدا", "فقط", "إلا", "الا", "يا", "أما", "اما", "إما", "أيها",
    // interrogatives: a question's "when" or "how many" is not in the passage that answers it,
    // and kept as words they only match passages that happen to ask something (EVALUATION.md)
    "متى", "كيف", "أين", "اين", "ماذا", "لماذا", "كم", "ماهي", "ماهو",
    // and with a proclitic: "by what", "for whom", "and when"
    "بماذا", "وماذا", "فماذا", "لمن", "بمن", "ممن", "بكم", "ومتى", "وكيف", "وأين", "واين", "ولماذا",
    // the relative pronoun التي as web text often misspells it
    "اللتى", "اللتي",
    // a bare article, left over when text is cut mid-word; it never carries a topic
    "ال",
    // pronouns, demonstratives, relatives
    "هو", "هي", "هم", "هن", "هما", "أنا", "انا", "نحن", "أنت", "انت", "أنتم", "انتم",
    "هذا", "هذه", "هذان", "هذين", "هاتان", "هاتين", "هؤلاء", "ذلك", "تلك", "ذاك", "أولئك",
    "اولئك", "هنا", "هناك", "هنالك", "الذي", "التي", "التى", "الذين", "اللذان", "اللتان",
    "اللذين", "اللتين", "اللواتي", "اللاتي",
    // prepositions with pronoun suffixes
    "عليه", "عليها", "عليهم", "فيه", "فيها", "فيهم", "منه", "منها", "منهم", "له", "لها", "لهم",
    "به", "بها", "بهم", "عنه", "عنها", "عنهم", "إليه", "اليه", "إليها", "اليها", "معه", "معها",
    // auxiliaries
    "كان", "كانت", "كانوا", "يكون", "تكون",
    // the same words as Egyptian and much web text spell them, with ى for a final ي (and the
    // other way round): فى is as common there as في elsewhere
    "فى", "وفى", "هى", "وهى", "الذى", "متي", "حتي", "ماهى", "إلي",
    // frequent و- and ف-prefixed forms (the stemmer would strip و only later)
    "وفي", "ومن", "وعلى", "وإلى", "والى", "وعن", "ومع", "وهو", "وهي", "وهم", "وقد", "ولا", "ولم",
    "ولن", "وما", "وأن", "وان", "وإن", "وكان", "وكانت", "وهذا", "وهذه", "وذلك", "وكل", "وبين",
    "وبعد", "وقبل", "وحتى", "وكما", "وأيضا", "ولكن", "وأما", "واما", "وأو", "فإن", "فان", "فقد",
    "فلا", "فما", "فهو", "فهي", "فيما",
];

/// Longest entry in bytes: longer tokens skip the lookup.
const LONGEST: usize = 14;

/// A word of 2 to [`LONGEST`] bytes as one number: its bytes in order, zero-padded, and its
/// length in the top byte (so no two words share a key). Built from two overlapping loads
/// shifted into place, not a byte loop or a `memcpy` of varying length: this runs for every
/// token indexed.
fn key(word: &[u8]) -> u128 {
    let len = word.len();
    let load8 = |at: usize| u64::from_le_bytes(word[at..at + 8].try_into().expect("8 bytes"));
    let load4 = |at: usize| {
        u64::from(u32::from_le_bytes(
            word[at..at + 4].try_into().expect("4 bytes"),
        ))
    };
    let (low, high) = if len >= 8 {
        // the second load's last `len - 8` bytes are the bytes after the first load
        let rest = load8(len - 8)
            .checked_shr(8 * (16 - len) as u32)
            .unwrap_or(0);
        (load8(0), rest)
    } else if len >= 4 {
        (load4(0) | (load4(len - 4) >> (8 * (8 - len)) << 32), 0)
    } else {
        let third = if len == 3 {
            u64::from(word[2]) << 16
        } else {
            0
        };
        (u64::from(word[0]) | u64::from(word[1]) << 8 | third, 0)
    };
    u128::from(low) | (u128::from(high) << 64) | ((len as u128) << 120)
}

/// Slots of the lookup table: a power of two, over twice the number of entries, so probes
/// stay short.
const SLOTS: usize = 1024;

fn slot(key: u128) -> usize {
    let mixed =
        ((key as u64) ^ ((key >> 64) as u64).rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (mixed >> (64 - SLOTS.trailing_zeros())) as usize
}

/// The stopwords by [`key`], open addressing with linear probing. Every token of every indexed
/// text is looked up: a hash set of strings with FNV hashing took 25 ns a word, this table,
/// which fits in L1 and compares numbers, 16–19 ns.
fn stopword_table() -> &'static [u128; SLOTS] {
    static TABLE: OnceLock<Box<[u128; SLOTS]>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Box::new([0u128; SLOTS]);
        for word in STOPWORDS {
            let key = key(word.as_bytes());
            let mut at = slot(key);
            while table[at] != 0 && table[at] != key {
                at = (at + 1) % SLOTS;
            }
            table[at] = key;
        }
        table
    })
}

fn in_table(word: &[u8]) -> bool {
    if !(2..=LONGEST).contains(&word.len()) {
        return false;
    }
    let table = stopword_table();
    let key = key(word);
    let mut at = slot(key);
    loop {
        match table[at] {
            0 => return false,
            found if found == key => return true,
            _ => at = (at + 1) % SLOTS,
        }
    }
}

fn is_mark_or_tatweel(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

/// Does `word` hold a haraka or tatweel? Checked on the UTF-8 bytes (all of them are 0xD9
/// followed by 0x80, 0x8B–0x9F or 0xB0), which is cheaper than decoding every word, and
/// without a branch per byte: the early-exit `windows(2).any` took 34 ns a word.
fn has_mark_or_tatweel(word: &str) -> bool {
    let bytes = word.as_bytes();
    bytes
        .iter()
        .zip(&bytes[1.min(bytes.len())..])
        .fold(false, |found, (&lead, &next)| {
            let mark = (next == 0x80) | (next.wrapping_sub(0x8B) <= 0x9F - 0x8B) | (next == 0xB0);
            found | ((lead == 0xD9) & mark)
        })
}

/// Every function word, as listed: what an export to another engine gives its stop filter.
pub fn stopword_list() -> &'static [&'static str] {
    STOPWORDS
}

/// Is `word` (as written, harakat allowed) an Arabic function word?
pub fn is_stopword(word: &str) -> bool {
    if has_mark_or_tatweel(word) {
        let bare: String = word.chars().filter(|&c| !is_mark_or_tatweel(c)).collect();
        return in_table(bare.as_bytes());
    }
    in_table(word.as_bytes())
}

/// Token filter that removes Arabic function words, leaving gaps in positions so that phrase
/// queries still line up.
#[derive(Clone, Copy, Debug, Default)]
pub struct ArabicStopWords;

impl TokenFilter for ArabicStopWords {
    type Tokenizer<T: Tokenizer> = ArabicStopWordsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> ArabicStopWordsFilter<T> {
        ArabicStopWordsFilter { inner: tokenizer }
    }
}

/// [`ArabicStopWords`] applied to a tokenizer.
#[derive(Clone)]
pub struct ArabicStopWordsFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for ArabicStopWordsFilter<T> {
    type TokenStream<'a> = ArabicStopWordsStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        ArabicStopWordsStream {
            tail: self.inner.token_stream(text),
        }
    }
}

/// Token stream of [`ArabicStopWordsFilter`].
pub struct ArabicStopWordsStream<S> {
    tail: S,
}

impl<S: TokenStream> TokenStream for ArabicStopWordsStream<S> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            if !is_stopword(&self.tail.token().text) {
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

    #[test]
    fn marks_are_found_on_the_bytes_exactly_as_on_the_chars() {
        for c in '\u{0600}'..='\u{06FF}' {
            let word = format!("ب{c}ت");
            assert_eq!(
                has_mark_or_tatweel(&word),
                is_mark_or_tatweel(c),
                "U+{:04X}",
                c as u32
            );
        }
    }
    use crate::analysis::test_util::{assert_token, tokens};
    use crate::analysis::ArabicTokenizer;
    use tantivy::tokenizer::TextAnalyzer;

    fn analyzer() -> TextAnalyzer {
        TextAnalyzer::builder(ArabicTokenizer::default())
            .filter(ArabicStopWords)
            .build()
    }

    #[test]
    fn removes_function_words_and_keeps_positions() {
        let tokens = tokens(&mut analyzer(), "زار الوفد إلى مدينة الرقة");
        let texts: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["زار", "الوفد", "مدينة", "الرقة"]);
        // the gap left by إلى keeps phrase positions honest
        assert_token(&tokens[2], 3, "مدينة", 25, 35);
    }

    #[test]
    fn diacritized_function_words_are_recognised() {
        assert!(is_stopword("عَلَى"));
        assert!(is_stopword("فِي"));
    }

    #[test]
    fn function_words_spelled_with_a_final_alef_maksura_are_recognised() {
        for word in ["فى", "هى", "الذى", "متي"] {
            assert!(is_stopword(word), "{word}");
        }
    }

    #[test]
    fn the_name_ali_is_not_a_stopword() {
        assert!(is_stopword("على"));
        assert!(!is_stopword("علي"));
        assert!(!is_stopword("ضد"));
    }

    #[test]
    fn the_table_holds_every_entry_and_nothing_near_one() {
        // Every entry, and every word one step from an entry (cut short, a letter added at
        // either end, the last letter changed): found exactly when it is itself an entry.
        // Words of every length share parts of their keys, so a key that lost a byte would
        // let one of these through.
        let mut near: Vec<String> = Vec::new();
        for entry in STOPWORDS {
            near.push(entry.to_string());
            let chars: Vec<char> = entry.chars().collect();
            for cut in 0..chars.len() {
                near.push(chars[..cut].iter().collect());
            }
            for letter in ['ا', 'ه', 'ي', 'ى', 'ن', 'ة', 'و', 'x', 'ء'] {
                near.push(format!("{entry}{letter}"));
                near.push(format!("{letter}{entry}"));
                let mut changed = chars.clone();
                *changed.last_mut().unwrap() = letter;
                near.push(changed.into_iter().collect());
            }
        }
        for word in &near {
            assert_eq!(
                in_table(word.as_bytes()),
                STOPWORDS.contains(&word.as_str()),
                "{word}"
            );
        }
        // and every entry with one byte changed, wherever it is
        for entry in STOPWORDS {
            for at in 0..entry.len() {
                for flip in [0x01, 0x20, 0x80] {
                    let mut bytes = entry.as_bytes().to_vec();
                    bytes[at] ^= flip;
                    let listed = STOPWORDS.iter().any(|w| w.as_bytes() == bytes.as_slice());
                    assert_eq!(
                        in_table(&bytes),
                        listed,
                        "{entry} with byte {at} ^ {flip:#x}"
                    );
                }
            }
        }
        assert!(!in_table(b""));
        assert!(!in_table("أولئكأولئكأ".as_bytes()));
    }

    #[test]
    fn longest_bound_covers_every_entry() {
        // and `key` needs at least two bytes
        assert!(STOPWORDS.iter().all(|w| (2..=LONGEST).contains(&w.len())));
    }
}
