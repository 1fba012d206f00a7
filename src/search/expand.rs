//! Corpus-aware alternatives of a query word, looked up in the index's own vocabulary.
//!
//! Light stemming cannot know whether the first letter of لدمشق or وزير is a clitic: stripping
//! one-letter proclitics everywhere makes وزير match زير, never stripping them leaves لدمشق out of a
//! search for دمشق. The index can tell. A one-letter proclitic (و ف ب ل ك) is taken as a clitic
//! only when the word without it is *more* frequent than the word with it: دمشق is far more
//! common than لدمشق, while زير is far rarer than وزير. The same test, run the other way, adds
//! لدمشق and بدمشق to a query for دمشق (and, when the index has no bare دمشق at all, still
//! لدمشق and بدمشق, since ب and ل are the prepositions that glue onto names).
//!
//! A small folder (thirty articles) has too little evidence for that comparison: a folder that
//! writes only وتركيا would never find it under تركيا, and one that has زير but not وزير would
//! answer وزير with زير. When the word and its candidate are in fewer than `MIN_EVIDENCE` (10)
//! articles between them, the comparison is not trusted and Lucene's rule stands in, in the
//! direction that cannot change the word asked for: the index's words are read with و and ف
//! stripped (وتركيا is found by تركيا) when the word asked for has at least
//! `MIN_FALLBACK_LETTERS` (4) letters, as a name does; and a letter of the query word is only
//! taken for a proclitic when what is left has that many letters too, so وزير never becomes زير
//! while ولتركيا may still become لتركيا.
//!
//! Spelling variants of names are found the same way: a stem ending in يا (سوريا) also looks for
//! the stem without it (سورية stems to سور), and the other way round; امريك and اميرك (the
//! American and the Levantine spelling of "American") are one ر/ي swap apart; a short stem that
//! starts with ي or ت (يقع, تقع) may be a present-tense verb, whose other person has the other
//! letter; a final ا may be the accusative ending (جنوبا، جديدا), and the word without it is
//! searched too when the index has it at least as often. A variant is only used when the index
//! has it.
//!
//! A word the index does not have at all (a typo: بلجيكيا، موريطانيا) is also searched as the
//! most frequent stem one edit away from it, at a lower weight, so a question with one misspelt
//! word still counts that word.
//!
//! Everything here works on stems of one field and only reads document frequencies: a stem's
//! is the number of articles holding any of its forms (`QueryStats::stem`).

use std::collections::BTreeSet;

use tantivy::query::FuzzyTermQuery;
use tantivy::schema::Field;
use tantivy::Term;

use super::stats::QueryStats;
use crate::analysis::letters::is_arabic_letter;
use crate::analysis::{accepts, light_stem};

/// Letters that attach to the front of a word as one-letter proclitics.
const PROCLITICS: [char; 5] = ['و', 'ف', 'ب', 'ل', 'ك'];

/// Proclitics accepted on a word the index does not have on its own.
const NAME_PREPOSITIONS: [char; 2] = ['ب', 'ل'];

/// Shortest stem (in letters) that gets proclitic forms added.
const MIN_STEM_LETTERS: usize = 3;

/// Fewest articles holding a word or its clitic candidate between them for their frequencies
/// to decide whether the candidate is the same word (see the module docs).
const MIN_EVIDENCE: u64 = 10;

/// Shortest word (in letters) that the small-folder fallback reads after a stripped و or ف, or
/// that a query word's first letter is stripped into: three-letter words are too often another
/// word with a letter attached (وزير and زير).
const MIN_FALLBACK_LETTERS: usize = 4;

/// Conjunctions Lucene strips, which the small-folder fallback strips too.
const CONJUNCTIONS: [char; 2] = ['و', 'ف'];

/// Shortest stem (in letters) that is respelled when the index lacks it: one edit from a
/// three-letter stem reaches too many unrelated words (EVALUATION.md).
const MIN_NEAR_LETTERS: usize = 4;

/// Reads document frequencies of stems in one field.
pub struct Vocabulary<'a> {
    stats: &'a QueryStats<'a>,
    field: Field,
}

impl<'a> Vocabulary<'a> {
    pub fn new(stats: &'a QueryStats<'a>, field: Field) -> Vocabulary<'a> {
        Vocabulary { stats, field }
    }

    /// Number of documents containing a form of the stem `text` in the field.
    pub fn doc_freq(&self, text: &str) -> u64 {
        self.doc_freq_as(text, true)
    }

    /// Number of documents holding the word `form` itself (a form, not a stem).
    pub fn form_doc_freq(&self, form: &str) -> u64 {
        let term = Term::from_field_text(self.field, form);
        self.stats.locate(&term).map_or(0, |(doc_freq, _)| doc_freq)
    }

    /// Every form of the stem `text` the index has, with the documents holding it.
    pub fn forms_of(&self, text: &str) -> Vec<(String, u64)> {
        let term = Term::from_field_text(self.field, text);
        let Ok(stem) = self.stats.stem(&term) else {
            return Vec::new();
        };
        stem.forms
            .iter()
            .filter_map(|(form, _)| {
                let text = form.value().as_str()?.to_string();
                let doc_freq = self.form_doc_freq(&text);
                Some((text, doc_freq))
            })
            .collect()
    }

    /// Number of documents holding a form of the stem `text`, or, when `prefixed` is false,
    /// a form that has no prefix before it.
    pub fn doc_freq_as(&self, text: &str, prefixed: bool) -> u64 {
        let term = Term::from_field_text(self.field, text);
        self.stats
            .stem_as(&term, !prefixed)
            .map_or(0, |stem| stem.doc_freq)
    }

    /// The clitic alternatives of `stem` (see the module docs), without `stem` itself, each
    /// with whether its forms may carry a prefix. The article never comes before a
    /// proclitic, so a stem with one attached (وتحالف) is searched as the words that begin
    /// with it: a third of the term dictionary walks of a word.
    pub fn clitic_forms(&self, stem: &str) -> Vec<(String, bool)> {
        clitic_candidates(stem)
            .into_iter()
            .filter(|(candidate, direction)| {
                let df = self.doc_freq_as(candidate, *direction == Direction::Detach);
                if df == 0 {
                    return false;
                }
                let stem_df = self.doc_freq(stem);
                let thin = df + stem_df < MIN_EVIDENCE;
                match direction {
                    // candidate = proclitic + stem: keep it if rarer than the stem, or,
                    // when the index lacks the stem itself, if the proclitic is one of the
                    // prepositions that glue onto names (لدمشق، بحلب) and never و, which
                    // starts too many words of its own (وزير); on thin evidence, a name's
                    // و and ف come off as Lucene takes them off
                    Direction::Attach => {
                        let proclitic = candidate.chars().next().unwrap_or(' ');
                        df < stem_df
                            || (stem_df == 0 && NAME_PREPOSITIONS.contains(&proclitic))
                            || (thin
                                && CONJUNCTIONS.contains(&proclitic)
                                && letters(stem) >= MIN_FALLBACK_LETTERS)
                    }
                    // candidate = stem without its first letter: keep it if more common,
                    // and on thin evidence only if it is long enough to be the same word
                    Direction::Detach => {
                        df > stem_df && (!thin || letters(candidate) >= MIN_FALLBACK_LETTERS)
                    }
                }
            })
            .map(|(candidate, direction)| (candidate, direction == Direction::Detach))
            .collect()
    }

    /// The most frequent stem of the index one edit (a letter added, dropped, changed, or two
    /// neighbours swapped) from `stem`, for a word the index does not have at all.
    ///
    /// The index keeps forms, not stems, so each segment's term dictionary is walked with a
    /// Levenshtein automaton of `stem` and one of `stem` after the article ال, which between them
    /// meet the bare and the definite forms of the stems within reach, without visiting the
    /// whole vocabulary; each form found is stemmed, and stems one edit from `stem` kept.
    pub fn near_spelling(&self, stem: &str) -> Option<String> {
        if letters(stem) < MIN_NEAR_LETTERS {
            return None;
        }
        let near = |text: &str| {
            let probe = FuzzyTermQuery::new(Term::from_field_text(self.field, text), 1, true);
            probe.automaton().ok()
        };
        let within_reach = near(stem)?;
        let with_article = near(&format!("ال{stem}"))?;
        let mut found: BTreeSet<String> = BTreeSet::new();
        for automaton in [&within_reach, &with_article] {
            for segment in self.stats.searcher().segment_readers() {
                let Ok(inverted) = segment.inverted_index(self.field) else {
                    continue;
                };
                let Ok(mut stream) = inverted.terms().search(automaton).into_stream() else {
                    continue;
                };
                while stream.advance() {
                    let Ok(form) = std::str::from_utf8(stream.key()) else {
                        continue;
                    };
                    let candidate = light_stem(form);
                    if candidate != stem && accepts(&within_reach, candidate) {
                        found.insert(candidate.to_string());
                    }
                }
            }
        }
        found
            .into_iter()
            .map(|near| (self.doc_freq(&near), near))
            // most frequent first; ties by text, so the choice does not depend on hashing
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
            .map(|(_, near)| near)
    }

    /// The spelling variants of `stem` that occur in the index.
    pub fn spelling_variants(&self, stem: &str) -> Vec<String> {
        let mut variants: Vec<String> = variant_candidates(stem)
            .into_iter()
            .filter(|candidate| self.doc_freq(candidate) > 0)
            .collect();
        if let Some(base) = self.tanween_base(stem) {
            variants.push(base);
        }
        variants
    }

    /// The word without a final ا that may be the accusative ending (tanween): جنوبا and
    /// جنوب, جديدا and جديد. Kept only when the index has the bare form at least as often, so
    /// مجددا ("again", 813 articles of ki-ant) does not pull in the rare مجدد (11). A country name
    /// also meets its adjective this way (فرنسا and فرنس, the stem of فرنسي), at the variants'
    /// weight; the evaluation measured the rule with that (EVALUATION.md).
    fn tanween_base(&self, stem: &str) -> Option<String> {
        let base = stem.strip_suffix('ا')?;
        if stem.ends_with("يا")
            || letters(base) < MIN_STEM_LETTERS
            || !base.chars().all(is_arabic_letter)
        {
            return None;
        }
        let df = self.doc_freq(base);
        (df > 0 && df >= self.doc_freq(stem)).then(|| base.to_string())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Attach,
    Detach,
}

fn letters(s: &str) -> usize {
    s.chars().count()
}

/// Every proclitic form of `stem` and, if it starts with a proclitic letter, `stem` without it.
fn clitic_candidates(stem: &str) -> Vec<(String, Direction)> {
    let mut out = Vec::new();
    let len = letters(stem);
    if len < MIN_STEM_LETTERS || !stem.chars().all(is_arabic_letter) {
        return out;
    }
    for p in PROCLITICS {
        out.push((format!("{p}{stem}"), Direction::Attach));
    }
    let mut chars = stem.chars();
    if let Some(first) = chars.next() {
        if PROCLITICS.contains(&first) && len > MIN_STEM_LETTERS {
            out.push((chars.as_str().to_string(), Direction::Detach));
        }
    }
    out
}

/// Spelling variants worth looking up: يا-final names and the ري/ير swap.
fn variant_candidates(stem: &str) -> Vec<String> {
    let mut out = Vec::new();
    let len = letters(stem);
    if len < MIN_STEM_LETTERS || !stem.chars().all(is_arabic_letter) {
        return out;
    }
    if let Some(base) = stem.strip_suffix("يا") {
        if letters(base) >= MIN_STEM_LETTERS {
            out.push(base.to_string());
        }
    } else {
        out.push(format!("{stem}يا"));
    }
    // The person prefix of a present-tense verb: تقع and يقع, يحدها and تحد.
    if (3..=4).contains(&len) {
        if let Some(rest) = stem.strip_prefix('ي') {
            out.push(format!("ت{rest}"));
        } else if let Some(rest) = stem.strip_prefix('ت') {
            out.push(format!("ي{rest}"));
        }
    }
    if len >= 5 {
        let chars: Vec<char> = stem.chars().collect();
        // Internal positions only: the first and last letters anchor the word.
        for i in 1..chars.len() - 2 {
            let pair = (chars[i], chars[i + 1]);
            if pair == ('ر', 'ي') || pair == ('ي', 'ر') {
                let mut swapped = chars.clone();
                swapped.swap(i, i + 1);
                out.push(swapped.into_iter().collect());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attach(stem: &str) -> Vec<String> {
        clitic_candidates(stem)
            .into_iter()
            .filter(|(_, d)| *d == Direction::Attach)
            .map(|(c, _)| c)
            .collect()
    }

    fn detach(stem: &str) -> Vec<String> {
        clitic_candidates(stem)
            .into_iter()
            .filter(|(_, d)| *d == Direction::Detach)
            .map(|(c, _)| c)
            .collect()
    }

    #[test]
    fn proclitic_forms_of_a_name() {
        assert_eq!(
            attach("دمشق"),
            ["ودمشق", "فدمشق", "بدمشق", "لدمشق", "كدمشق"]
        );
        assert_eq!(detach("لدمشق"), ["دمشق"]);
        assert_eq!(detach("بحلب"), ["حلب"]);
        assert_eq!(detach("لقسد"), ["قسد"]);
    }

    #[test]
    fn short_and_non_arabic_words_get_no_candidates() {
        assert!(clitic_candidates("قس").is_empty());
        assert!(clitic_candidates("isis").is_empty());
        // a three-letter word keeps its first letter: بحر is not ب + حر
        assert!(detach("بحر").is_empty());
    }

    #[test]
    fn ya_final_names_and_the_ri_yr_swap() {
        assert_eq!(variant_candidates("سوريا")[0], "سور");
        assert_eq!(variant_candidates("سور"), ["سوريا"]);
        assert!(variant_candidates("امريك").contains(&"اميرك".to_string()));
        assert!(variant_candidates("اميرك").contains(&"امريك".to_string()));
        assert!(variant_candidates("قض").is_empty());
    }

    #[test]
    fn present_tense_person_prefixes() {
        assert!(variant_candidates("يقع").contains(&"تقع".to_string()));
        assert!(variant_candidates("تحد").contains(&"يحد".to_string()));
        // longer stems are mostly nouns: تحالف is not a verb form of يحالف
        assert!(!variant_candidates("تحالف").contains(&"يحالف".to_string()));
    }
}
