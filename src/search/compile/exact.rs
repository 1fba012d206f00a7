//! `=word`: a word as written, up to folding, with the proclitics Arabic glues onto it but no
//! suffix stemming.
//!
//! A plain query word is searched as every form of its light10 stem, and light10 cannot tell a
//! name from a word that shares its letters: `الرياض` (Riyadh) and `الرياضة` (sport) both stem to
//! `رياض`. `=الرياض` is the word a journalist counts: the folded word itself (hamza and alef
//! forms, ة/ه, ى/ي, harakat and tatweel folded as the index folds them) after any of the
//! proclitics that are written onto a word without changing it — a conjunction (و ف), then a
//! preposition (ب ك ل), where ل before the article drops the article's alef (`للرياض`). The
//! article itself is part of the word as written: `=رياض` is the first name, not the city.
//!
//! The mark is an `=` at the start of a word (of a bare word, a `field:` value or a word of a
//! quoted phrase); an `=` inside a word (`x=y`) is punctuation, as before.

use tantivy::tokenizer::TextAnalyzer;

/// What marks a word as exact.
pub const MARK: char = '=';

/// Conjunctions that may come first.
const CONJUNCTIONS: [&str; 3] = ["", "و", "ف"];

/// Prepositions that may follow the conjunction.
const PREPOSITIONS: [&str; 4] = ["", "ب", "ك", "ل"];

/// The tokens of `text` (one literal of a query) with whether each is marked exact, and its
/// folded form: (position, folded word, exact).
pub fn marked_tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(usize, String, bool)> {
    let mut out = Vec::new();
    let mut first = None;
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        let base = *first.get_or_insert(token.position);
        let exact = is_marked(text, token.offset_from);
        out.push((token.position - base, token.text.clone(), exact));
    }
    out
}

/// Is the word starting at byte `from` of `text` preceded by the mark at the start of a word?
pub fn is_marked(text: &str, from: usize) -> bool {
    let mut before = text[..from].chars().rev();
    before.next() == Some(MARK)
        && before
            .next()
            .is_none_or(|c| c.is_whitespace() || c == '"' || c == '(')
}

/// Does `text` mark any word exact?
pub fn has_mark(text: &str) -> bool {
    text.char_indices()
        .any(|(at, c)| c == MARK && is_marked(text, at + MARK.len_utf8()))
}

/// Every form `=folded` matches: the word after each proclitic sequence, itself first.
pub fn proclitic_forms(folded: &str) -> Vec<String> {
    let mut forms = Vec::new();
    for conjunction in CONJUNCTIONS {
        for preposition in PREPOSITIONS {
            let form = match (preposition, folded.strip_prefix("ال")) {
                // ل + ال is written لل: لل + الرياض → للرياض
                ("ل", Some(rest)) => format!("{conjunction}لل{rest}"),
                _ => format!("{conjunction}{preposition}{folded}"),
            };
            forms.push(form);
        }
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis;

    #[test]
    fn proclitics_go_before_the_word_and_lam_merges_with_the_article() {
        let forms = proclitic_forms("الرياض");
        for form in [
            "الرياض",
            "والرياض",
            "بالرياض",
            "للرياض",
            "وللرياض",
            "فبالرياض",
            "كالرياض",
        ] {
            assert!(forms.contains(&form.to_string()), "{form}");
        }
        // no suffix, no article added, no لال
        for form in ["الرياضه", "رياض", "لالرياض"] {
            assert!(!forms.contains(&form.to_string()), "{form}");
        }
        assert_eq!(forms[0], "الرياض");
        assert!(proclitic_forms("تركيا").contains(&"وتركيا".to_string()));
        assert!(!proclitic_forms("تركيا").contains(&"التركيا".to_string()));
    }

    #[test]
    fn the_mark_opens_a_word() {
        let mut analyzer = analysis::exact_analyzer();
        let tokens = marked_tokens(&mut analyzer, "=الرياض اليوم");
        assert_eq!(
            tokens,
            [
                (0, "الرياض".to_string(), true),
                (1, "اليوم".to_string(), false)
            ]
        );
        // inside a word it is punctuation
        let tokens = marked_tokens(&mut analyzer, "x=y");
        assert!(tokens.iter().all(|(_, _, exact)| !exact));
        assert!(has_mark("=الرياض") && has_mark("\"=a b\"") && !has_mark("x=y"));
    }
}
