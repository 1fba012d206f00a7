//! Arabic text analysis for indexing and querying.
//!
//! Two analyzers share one tokenizer and one normalizing filter:
//!
//! * [`exact_analyzer`]: tokenizer → [`ArabicStopWords`] → [`ArabicNormalizer`] → length limit.
//!   The index keeps title and body this way, registered as [`EXACT`].
//! * [`stemmed_analyzer`]: the same, followed by [`LightStemmer`]. Queries are stemmed with it,
//!   and each stem is searched as the forms of it the index has ([`FormsOf`]).
//!
//! Every step is a tantivy [`TokenFilter`](tantivy::tokenizer::TokenFilter) that rewrites only
//! the token *text*. Offsets always point into the original stored text, so a snippet highlights
//! the word the author wrote, harakat and hamza included, while matching ignores them.
//!
//! tantivy does not persist analyzers: [`register`] must run every time an index is opened.

mod candidates;
pub mod letters;
mod normalize;
mod stem;
mod stem_forms;
mod stopwords;
mod tokenizer;
pub mod topicless;

pub use candidates::{KeepContaining, StemFinder};
pub use normalize::{fold_char, fold_char_into, fold_into, ArabicNormalizer, Fold};
pub use stem::{light_stem, LightStemmer};
pub use stem_forms::{accepts, FormsOf};
pub use stopwords::{is_stopword, stopword_list, ArabicStopWords};
pub use tokenizer::ArabicTokenizer;

use tantivy::tokenizer::{
    RemoveLongFilter, TextAnalyzer, TextAnalyzerBuilder, Tokenizer, TokenizerManager,
};

/// Name of the analyzer that folds spelling variants but keeps words whole.
pub const EXACT: &str = "fahras_exact";
/// Tokens longer than this many bytes after folding are dropped: no real word is that long,
/// and tantivy rejects terms over 64 KiB (a 200 MB file without spaces must not abort ingest).
const MAX_TOKEN_BYTES: usize = 256;

/// The exact analysis: what the index keeps of every text field, and a query word's exact form.
pub fn exact_analyzer() -> TextAnalyzer {
    folding().build()
}

/// The steps every analyzer shares but the snippets' (which narrows before the length limit).
fn folding() -> TextAnalyzerBuilder<impl Tokenizer> {
    TextAnalyzer::builder(ArabicTokenizer::default())
        .filter(ArabicStopWords)
        .filter(ArabicNormalizer)
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
}

/// Every word folded as the index keeps it, function words kept: how a query's trailing-`*`
/// prefix and a query of only function words are read.
pub fn words_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(ArabicTokenizer::default())
        .filter(ArabicNormalizer)
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .build()
}

/// The stemmed analysis of a query's words.
pub fn stemmed_analyzer() -> TextAnalyzer {
    folding().filter(LightStemmer).build()
}

/// The stemmed analyzer narrowed to the tokens that can stem to one of `stems` (see
/// [`KeepContaining`]): the same tokens, stems and offsets for those, found faster.
/// [`StemFinder`] runs it only on the words that may match.
pub fn snippet_analyzer(stems: impl IntoIterator<Item = String>) -> TextAnalyzer {
    TextAnalyzer::builder(ArabicTokenizer::default())
        .filter(ArabicStopWords)
        .filter(ArabicNormalizer)
        .filter(KeepContaining::new(stems))
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LightStemmer)
        .build()
}

/// Registers the analyzer under the name the schema refers to.
pub fn register(manager: &TokenizerManager) {
    manager.register(EXACT, exact_analyzer());
}

/// Token texts an analyzer produces for `text`, for tests and diagnostics.
pub fn analyze(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

#[cfg(test)]
pub(crate) mod test_util {
    use tantivy::tokenizer::{TextAnalyzer, Token};

    /// All tokens of `text`, with offsets and positions.
    pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            out.push(token.clone());
        }
        out
    }

    /// Checks one token the way tantivy's own filter tests do.
    pub fn assert_token(token: &Token, position: usize, text: &str, from: usize, to: usize) {
        assert_eq!(token.position, position, "position of {token:?}");
        assert_eq!(token.text, text, "text of {token:?}");
        assert_eq!(token.offset_from, from, "offset_from of {token:?}");
        assert_eq!(token.offset_to, to, "offset_to of {token:?}");
    }

    /// Every string of up to `max` characters drawn from `alphabet`.
    pub fn all_words(alphabet: &[char], max: usize) -> Vec<String> {
        let mut words = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..max {
            last = last
                .iter()
                .flat_map(|w| alphabet.iter().map(move |&c| format!("{w}{c}")))
                .collect();
            words.extend(last.iter().cloned());
        }
        words
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(text: &str) -> Vec<String> {
        analyze(&mut stemmed_analyzer(), text)
    }

    fn exact(text: &str) -> Vec<String> {
        analyze(&mut exact_analyzer(), text)
    }

    #[test]
    fn clitics_and_spelling_variants_share_a_stem() {
        for form in ["التحالف", "والتحالف", "للتحالف", "بالتحالف", "تحالف"]
        {
            assert_eq!(stem(form), vec!["تحالف"], "{form}");
        }
        assert_eq!(stem("الامريكية"), stem("الأمريكيّة"));
    }

    #[test]
    fn exact_field_folds_spelling_but_keeps_clitics() {
        assert_eq!(exact("الأمريكيّة"), vec!["الامريكيه"]);
        assert_eq!(exact("والتحالف"), vec!["والتحالف"]);
    }

    // Lucene TestArabicAnalyzer (full chain) vectors A1–A10, A15.
    #[test]
    fn lucene_analyzer_vectors() {
        let cases: &[(&str, &[&str])] = &[
            ("كبير", &["كبير"]),
            ("كبيرة", &["كبير"]),
            ("مشروب", &["مشروب"]),
            ("مشروبات", &["مشروب"]),
            ("أمريكيين", &["امريك"]),
            ("امريكي", &["امريك"]),
            ("كتاب", &["كتاب"]),
            ("الكتاب", &["كتاب"]),
            ("ما ملكت أيمانكم", &["ملكت", "ايمانكم"]),
            ("الذين ملكت أيمانكم", &["ملكت", "ايمانكم"]),
            ("١٢٣٤", &["1234"]),
            ("English text.", &["english", "text"]),
        ];
        for (input, expected) in cases {
            assert_eq!(stem(input), *expected, "{input}");
        }
    }

    // bleve's presentation-form vector: NFKC folding happens inside the filter too, so a query
    // typed with ligatures matches ingested text.
    #[test]
    fn presentation_forms_fold_to_letters() {
        assert_eq!(
            stem("\u{FE8D}\u{FEDF}\u{FEB4}\u{FEFC}\u{FEE2}"),
            vec!["سلام"]
        );
    }

    #[test]
    fn offsets_survive_every_filter() {
        let text = "قالَ وزيرُ الخارجيّةِ";
        let tokens = test_util::tokens(&mut stemmed_analyzer(), text);
        let surfaces: Vec<&str> = tokens
            .iter()
            .map(|t| &text[t.offset_from..t.offset_to])
            .collect();
        assert_eq!(surfaces, vec!["قالَ", "وزيرُ", "الخارجيّةِ"]);
    }
}
