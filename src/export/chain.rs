//! fahras's analysis rebuilt from the parts every OpenSearch node has, for `settings.json`.
//!
//! OpenSearch analyzes with Lucene's classes, so the chain is made of Lucene's: the `standard`
//! tokenizer, a `mapping` char filter, `lowercase`, `decimal_digit`, a `stop` filter,
//! `arabic_normalization`, `persian_normalization` and `pattern_replace` filters. Each part is
//! derived from fahras's own tables, so the export follows them when they change:
//!
//! * fahras looks function words up *before* folding (folding merges على with the name علي),
//!   so the folds that tell function words apart (أ إ آ ى ة, the Persian letters, the digits)
//!   are left to Lucene's filters after the stop filter; the char filter only does what
//!   fahras's stopword lookup ignores too (harakat, tatweel, joiners) and the folds Lucene has
//!   no filter for (the hamza seats ؤ ئ, alef wasla, the rarer Persian and Urdu letters,
//!   presentation forms). The stop list is fahras's, spelled as the char filter leaves it.
//! * fahras's light stemmer (light10 with its own corrections: ان and ين need three letters
//!   left, ت before the pronoun ها is a ة) is written as one regular expression per affix,
//!   applied in fahras's order; Lucene's `arabic_stem` would strip ان/ين from four-letter words
//!   (سكان → سك). One departure: fahras keeps a lone و on the word and finds the word's و-forms
//!   in the index at query time, which OpenSearch cannot do; without it the chain ranked below
//!   OpenSearch's own `arabic` analyzer (EVALUATION.md, "The exported OpenSearch analyzer"). So
//!   a lone و comes off when four letters stay (light10 takes it off when three stay): وزير
//!   keeps its و, وساهدون loses it.
//!
//! What cannot be rebuilt (fahras resolves a query's stems against the index at search time,
//! with clitic forms and an exact-form bonus) is described in the README, "When one machine is
//! not enough".

use serde_json::{json, Map, Value};

use crate::analysis::{fold_char, fold_into, stopword_list, Fold};

/// Name of the analyzer of `title` and `body` in the exported settings.
pub const ANALYZER: &str = "fahras_arabic";
/// Name of the char filter.
const FOLD_FILTER: &str = "fahras_fold";
/// Name of the stop filter.
const STOP_FILTER: &str = "fahras_stop";

/// Letters whose fold decides whether a word is a function word (على against علي, أن against
/// ان is the same word but إن is listed apart), with the Lucene filter that folds them after
/// the stop filter as fahras does: they stay out of the char filter.
fn folded_after_stop(c: char) -> bool {
    matches!(c,
        // arabic_normalization: alef with madda, hamza above, hamza below; alef maksura; teh marbuta
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0649}' | '\u{0629}'
        // persian_normalization: farsi yeh, yeh barree, keheh, heh with yeh above, heh goal
        | '\u{06CC}' | '\u{06D2}' | '\u{06A9}' | '\u{06C0}' | '\u{06C1}'
        // decimal_digit
        | '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
}

/// Punctuation that the standard tokenizer (Unicode's word boundaries, UAX #29) keeps inside
/// a word between letters or digits, and that fahras's tokenizer splits at: `kazim_alsahir`,
/// `بيت.كوم`, `3.9`, `1,000`, `ocean's`. The classes ExtendNumLet, MidNumLet, MidLetter and
/// MidNum, and the apostrophe.
const JOINING_PUNCTUATION: [char; 34] = [
    '_', '\u{203F}', '\u{2040}', '\u{2054}', '\u{FE33}', '\u{FE34}', '\u{FE4D}', '\u{FE4E}',
    '\u{FE4F}', '\u{FF3F}', '\u{202F}', // ExtendNumLet
    '.', '\u{2018}', '\u{2019}', '\u{2024}', '\u{FE52}', '\u{FF07}', '\u{FF0E}',
    '\'', // MidNumLet
    ':', '\u{00B7}', '\u{2027}', '\u{FE55}', '\u{FF1A}', // MidLetter
    ',', ';', '\u{060C}', '\u{060D}', '\u{066B}', '\u{066C}', '\u{FE50}', '\u{FE54}', '\u{FF0C}',
    '\u{FF1B}', // MidNum
];

/// What the char filter puts for [`JOINING_PUNCTUATION`]: a space that the tokenizer breaks
/// words at. Not U+0020: OpenSearch trims the sides of a mapping rule, which would leave
/// nothing, and joins the words.
const WORD_BREAK: char = '\u{3000}';

/// The characters the char filter rewrites, each with what it becomes (maybe nothing): the
/// Arabic block and the joiners by fahras's [`fold_char`], the presentation forms by its
/// whole fold ([`fold_into`]), since fahras never finds a function word spelled in them, and
/// [`JOINING_PUNCTUATION`] by a [`WORD_BREAK`].
pub fn char_mappings() -> Vec<(char, String)> {
    let arabic = ('\u{0600}'..='\u{06FF}').chain(['\u{200C}', '\u{200D}']);
    let mut mappings: Vec<(char, String)> = arabic
        .filter(|&c| !folded_after_stop(c))
        .filter_map(|c| match fold_char(c) {
            Fold::Drop => Some((c, String::new())),
            Fold::Char(to) => Some((c, to.to_string())),
            Fold::Keep | Fold::Compat => None,
        })
        .collect();
    let presentation = ('\u{FB50}'..='\u{FDFF}').chain('\u{FE70}'..='\u{FEFF}');
    mappings.extend(presentation.filter_map(|c| {
        let mut folded = String::new();
        fold_into(&c.to_string(), &mut folded);
        (folded != c.to_string()).then_some((c, folded))
    }));
    mappings.extend(JOINING_PUNCTUATION.map(|c| (c, WORD_BREAK.to_string())));
    mappings
}

/// `text` as the char filter leaves it.
fn char_filtered(text: &str, mappings: &[(char, String)]) -> String {
    text.chars()
        .map(|c| match mappings.iter().find(|(from, _)| *from == c) {
            Some((_, to)) => to.clone(),
            None => c.to_string(),
        })
        .collect()
}

/// fahras's function words as the stop filter sees them: after the char filter.
pub fn stopwords(mappings: &[(char, String)]) -> Vec<String> {
    let mut words: Vec<String> = stopword_list()
        .iter()
        .map(|word| char_filtered(word, mappings))
        .collect();
    words.sort();
    words.dedup();
    words
}

/// Marks a word whose ت before ها is a ة, until every suffix has been tried: fahras drops that
/// ت last, and no suffix pattern matches a word ending in it. A private-use character, which
/// no text keeps after the last filter removes it.
const TIED_TEH: char = '\u{E000}';

/// fahras's light stemmer ([`crate::analysis::light_stem`]) as `pattern_replace` filters, in
/// the order it works: (name, Java regular expression, replacement). The words are already
/// folded (ة is ه), so light10's ية and ة never match and are left out. A `.` is one letter.
pub fn stem_patterns() -> Vec<(&'static str, String, String)> {
    let marked = format!("$1{TIED_TEH}");
    let rule = |name, pattern: &str, replacement: &str| {
        (name, pattern.to_string(), replacement.to_string())
    };
    vec![
        // the first of ال وال بال كال فال لل that fits, if two letters stay; else a lone و,
        // if four letters stay
        rule(
            "fahras_prefix",
            "^(?:ال(?=..)|وال(?=..)|بال(?=..)|كال(?=..)|فال(?=..)|لل(?=..)|و(?=....))",
            "",
        ),
        // ها; a ت before it with three letters (not ا) before that is a ة (عاصمتها, not ذاتها)
        rule("fahras_suffix_tied_ha", "^(..+[^ا])تها$", &marked),
        rule("fahras_suffix_ha", "^(..+)ها$", "$1"),
        // ان and ين need three letters left (سكان, امين stay whole)
        rule("fahras_suffix_an", "^(...+)ان$", "$1"),
        rule("fahras_suffix_at", "^(..+)ات$", "$1"),
        rule("fahras_suffix_un", "^(..+)ون$", "$1"),
        rule("fahras_suffix_in", "^(...+)ين$", "$1"),
        rule("fahras_suffix_iyh", "^(..+)يه$", "$1"),
        rule("fahras_suffix_h", "^(..+)ه$", "$1"),
        rule("fahras_suffix_i", "^(..+)ي$", "$1"),
        rule("fahras_tied_teh", &format!("{TIED_TEH}$"), ""),
    ]
}

/// The `settings.analysis` object: the char filter, the filters and the analyzer.
pub fn analysis() -> Value {
    let mappings = char_mappings();
    let rules: Vec<String> = mappings
        .iter()
        .map(|(from, to)| format!("{from} => {to}"))
        .collect();
    let mut filters = Map::new();
    filters.insert(
        STOP_FILTER.to_string(),
        json!({"type": "stop", "stopwords": stopwords(&mappings)}),
    );
    let mut chain: Vec<Value> = [
        "lowercase",
        "decimal_digit",
        STOP_FILTER,
        "arabic_normalization",
        "persian_normalization",
    ]
    .map(Value::from)
    .to_vec();
    for (name, pattern, replacement) in stem_patterns() {
        filters.insert(
            name.to_string(),
            json!({"type": "pattern_replace", "pattern": pattern, "replacement": replacement}),
        );
        chain.push(name.into());
    }
    json!({
        "char_filter": {FOLD_FILTER: {"type": "mapping", "mappings": rules}},
        "filter": filters,
        "analyzer": {ANALYZER: {
            "type": "custom",
            "char_filter": [FOLD_FILTER],
            "tokenizer": "standard",
            "filter": chain,
        }},
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::light_stem;

    use crate::analysis::test_util::all_words;
    use regex::Regex;

    /// The stem patterns as Lucene's `PatternReplaceFilter` applies them, with the `regex`
    /// crate standing in for Java's regular expressions, which agree on these. `regex` has no
    /// lookahead, so the prefix rule's alternatives `X(?=...)` are read off its pattern and
    /// applied by hand: the first whose prefix begins the word and leaves as many letters as
    /// it has dots.
    struct Patterns {
        prefixes: Vec<(String, usize)>,
        suffixes: Vec<(Regex, String)>,
    }

    impl Patterns {
        fn new() -> Patterns {
            let rules = stem_patterns();
            let (_, prefix, _) = &rules[0];
            let alternatives = prefix
                .strip_prefix("^(?:")
                .unwrap()
                .strip_suffix(')')
                .unwrap();
            let prefixes = alternatives
                .split('|')
                .map(|alternative| {
                    let (letters, rest) = alternative.split_once("(?=").unwrap();
                    (letters.to_string(), rest.matches('.').count())
                })
                .collect();
            let suffixes = rules[1..]
                .iter()
                .map(|(_, pattern, to)| (Regex::new(pattern).unwrap(), to.clone()))
                .collect();
            Patterns { prefixes, suffixes }
        }

        fn stem(&self, word: &str) -> String {
            let mut word = word.to_string();
            let found = self.prefixes.iter().find(|(prefix, left)| {
                word.strip_prefix(prefix.as_str())
                    .is_some_and(|rest| rest.chars().count() >= *left)
            });
            if let Some((prefix, _)) = found {
                word.drain(..prefix.len());
            }
            for (regex, to) in &self.suffixes {
                word = regex.replace_all(&word, to.as_str()).into_owned();
            }
            word
        }
    }

    #[test]
    fn the_patterns_stem_as_fahras_does_but_for_a_lone_waw() {
        let patterns = Patterns::new();
        // every word of up to four of the affix letters (folded text: no ة, ى or أ), of up to
        // six of those that make the longest affixes, and a few more
        let letters: Vec<char> = "الوبكفهنتيم".chars().collect();
        let long: Vec<char> = "الوهتن".chars().collect();
        let words = all_words(&letters, 4)
            .into_iter()
            .chain(all_words(&long, 6))
            .chain(
                [
                    "والتحالف",
                    "عاصمتها",
                    "محافظاتها",
                    "حكوميتها",
                    "ساهدهات",
                    "امريكيين",
                ]
                .map(String::from),
            );
        let mut checked = 0;
        for word in words {
            let lone_waw = word.starts_with('و') && light_stem(&word).starts_with('و');
            if !lone_waw {
                assert_eq!(patterns.stem(&word), light_stem(&word), "{word}");
                checked += 1;
            }
        }
        assert!(checked > 50_000, "{checked}");
    }

    #[test]
    fn a_lone_waw_comes_off_when_four_letters_stay() {
        let patterns = Patterns::new();
        for (word, stem) in [
            ("وزير", "وزير"),
            ("وحسن", "وحسن"),
            ("والد", "والد"),
            ("وساهدون", "ساهد"),
            ("وتوفي", "توف"),
            ("وبالتحالف", "بالتحالف"),
            ("والتحالف", "تحالف"),
        ] {
            assert_eq!(patterns.stem(word), stem, "{word}");
        }
    }

    #[test]
    fn function_words_are_told_apart_before_folding() {
        let mappings = char_mappings();
        let stop = stopwords(&mappings);
        assert!(stop.contains(&"على".to_string()));
        assert!(!stop.contains(&"علي".to_string()), "the name Ali");
        // هؤلاء reaches the stop filter with its hamza seat folded
        assert!(stop.contains(&"هءلاء".to_string()));
        for (from, _) in &mappings {
            assert!(!folded_after_stop(*from), "{from:?}");
        }
    }

    #[test]
    fn the_char_filter_folds_what_lucene_has_no_filter_for() {
        let mappings = char_mappings();
        let map = |text: &str| char_filtered(text, &mappings);
        assert_eq!(map("قســـد"), "قسد");
        assert_eq!(map("وَفْدٌ"), "وفد");
        assert_eq!(map("الت\u{200C}حالف"), "التحالف");
        assert_eq!(map("مسؤولين"), map("مسئولين"));
        assert_eq!(map("ﺍﻟﺴﻼﻡ"), "السلام");
        // left to arabic_normalization, after the stop filter
        assert_eq!(map("على"), "على");
    }

    #[test]
    fn punctuation_the_standard_tokenizer_keeps_in_a_word_breaks_it_as_fahras_does() {
        let mappings = char_mappings();
        for c in JOINING_PUNCTUATION {
            let text = format!("كاظم{c}الساهر 3{c}9 ab{c}cd");
            let words = crate::analysis::analyze(&mut crate::analysis::words_analyzer(), &text);
            assert_eq!(words.len(), 6, "fahras splits at {c:?}: {words:?}");
            let mapped = char_filtered(&text, &mappings);
            assert_eq!(mapped.split(WORD_BREAK).count(), 4, "{c:?}");
            let position = mappings.iter().position(|(from, _)| *from == c);
            assert_eq!(
                position,
                mappings.iter().rposition(|(from, _)| *from == c),
                "{c:?} twice"
            );
        }
    }
}
