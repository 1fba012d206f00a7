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

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
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

/// FNV-1a: the keys are a few bytes long and not attacker-chosen in a way that matters (a
/// fixed list), so SipHash's protection is not worth its cost on every token.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

type StopSet = HashSet<&'static str, BuildHasherDefault<Fnv>>;

fn stopword_set() -> &'static StopSet {
    static SET: OnceLock<StopSet> = OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().copied().collect())
}

fn is_mark_or_tatweel(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

/// Does `word` hold a haraka or tatweel? Checked on the UTF-8 bytes (all of them are 0xD9
/// followed by 0x80, 0x8B–0x9F or 0xB0), which is cheaper than decoding every word.
fn has_mark_or_tatweel(word: &str) -> bool {
    word.as_bytes()
        .windows(2)
        .any(|pair| pair[0] == 0xD9 && matches!(pair[1], 0x80 | 0x8B..=0x9F | 0xB0))
}

/// Is `word` (as written, harakat allowed) an Arabic function word?
pub fn is_stopword(word: &str) -> bool {
    if has_mark_or_tatweel(word) {
        let bare: String = word.chars().filter(|&c| !is_mark_or_tatweel(c)).collect();
        return bare.len() <= LONGEST && stopword_set().contains(bare.as_str());
    }
    word.len() <= LONGEST && stopword_set().contains(word)
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
    fn longest_bound_covers_every_entry() {
        assert!(STOPWORDS.iter().all(|w| w.len() <= LONGEST));
    }
}
