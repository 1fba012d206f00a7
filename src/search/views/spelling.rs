//! The most frequent spelling of a word in the articles.
//!
//! The index keeps words folded (أ/إ/آ → ا, ة → ه, ى → ي, harakat dropped), so its
//! vocabulary lists الرءيس and المتحده, which no one writes. The articles keep the words as
//! written: each word's folded form and its spelling are read together from the stored text
//! (the analyzer's offsets point into it), and the spelling seen most often stands for the
//! folded word. `fahras terms` counts the spellings of the articles it reads anyway; `fahras
//! stats` reads the first articles holding each word it lists.

use std::collections::{HashMap, HashSet};

use anyhow::Result;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, DocSet, Term, TERMINATED};

use crate::analysis;
use crate::search::Engine;

/// Articles read per word for its spelling in [`spell_words`]: a word's spelling is the
/// same in most articles that use it, and a handful settles it.
const SAMPLE_ARTICLES: usize = 16;

/// Spellings of folded words, counted.
pub struct Spellings {
    counts: HashMap<String, HashMap<String, u32>>,
    /// Only these folded words are counted, when set.
    wanted: Option<HashSet<String>>,
}

impl Default for Spellings {
    fn default() -> Self {
        Spellings::new()
    }
}

impl Spellings {
    /// Counts the spellings of every word.
    pub fn new() -> Spellings {
        Spellings {
            counts: HashMap::new(),
            wanted: None,
        }
    }

    /// Counts the spellings of these folded words only.
    pub fn only(words: impl IntoIterator<Item = String>) -> Spellings {
        Spellings {
            counts: HashMap::new(),
            wanted: Some(words.into_iter().collect()),
        }
    }

    /// Counts one occurrence of `folded` written as `written`.
    pub fn add(&mut self, folded: &str, written: &str) {
        if self.wanted.as_ref().is_some_and(|w| !w.contains(folded)) {
            return;
        }
        let spellings = match self.counts.get_mut(folded) {
            Some(spellings) => spellings,
            None => self.counts.entry(folded.to_string()).or_default(),
        };
        match spellings.get_mut(written) {
            Some(count) => *count += 1,
            None => {
                spellings.insert(written.to_string(), 1);
            }
        }
    }

    /// Counts every word of `text`, as the index's analyzer (`analyzer`) splits and folds it.
    pub fn add_text(&mut self, analyzer: &mut TextAnalyzer, text: &str) {
        let mut stream = analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            self.add(&token.text, &text[token.offset_from..token.offset_to]);
        }
    }

    /// The spelling of `folded` seen most often; ties go to the spelling with fewer
    /// characters (no tatweel or harakat), then to the first in byte order.
    pub fn most_frequent(&self, folded: &str) -> Option<&str> {
        self.counts
            .get(folded)?
            .iter()
            .min_by(|a, b| {
                b.1.cmp(a.1)
                    .then(a.0.chars().count().cmp(&b.0.chars().count()))
                    .then(a.0.cmp(b.0))
            })
            .map(|(written, _)| written.as_str())
    }
}

/// The most frequent spelling of each of the folded `words` of `field` (title or body),
/// from the first `SAMPLE_ARTICLES` live articles holding it in index order: the first
/// articles of a segment share the first blocks of its store, so the words of a list are
/// mostly read from the same few decompressed blocks. An article that cannot be read is
/// passed over; a word none of whose articles could be read keeps its folded form.
pub fn spell_words(
    engine: &Engine,
    field: Field,
    words: &[String],
) -> Result<HashMap<String, String>> {
    let mut addresses: Vec<DocAddress> = Vec::new();
    for word in words {
        let term = Term::from_field_text(field, word);
        let mut found = 0;
        for (ord, segment) in engine.searcher().segment_readers().iter().enumerate() {
            let Some(mut postings) = segment
                .inverted_index(field)?
                .read_postings(&term, IndexRecordOption::Basic)?
            else {
                continue;
            };
            let alive = segment.alive_bitset();
            let mut doc = postings.doc();
            while doc != TERMINATED && found < SAMPLE_ARTICLES {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    addresses.push(DocAddress::new(ord as u32, doc));
                    found += 1;
                }
                doc = postings.advance();
            }
        }
    }
    addresses.sort();
    addresses.dedup();
    let mut spellings = Spellings::only(words.iter().cloned());
    let mut analyzer = analysis::exact_analyzer();
    // in index order, so one decompressed block serves the articles it holds; an article
    // that cannot be read (a damaged store, which `fahras check` reports) only costs its
    // spellings: the list is still worth showing
    for address in addresses {
        if let Ok(article) = engine.stored.read(address) {
            spellings.add_text(&mut analyzer, &article.title);
            spellings.add_text(&mut analyzer, &article.body);
        }
    }
    Ok(words
        .iter()
        .map(|word| {
            let written = spellings.most_frequent(word).unwrap_or(word);
            (word.clone(), written.to_string())
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_frequent_spelling_wins_and_ties_go_to_the_plainest() {
        let mut spellings = Spellings::new();
        let mut analyzer = analysis::exact_analyzer();
        spellings.add_text(
            &mut analyzer,
            "قال الرئيس إن الرئيس والرئيسُ التقى الرئيسَ والرئيس",
        );
        assert_eq!(spellings.most_frequent("الرءيس"), Some("الرئيس"));
        assert_eq!(spellings.most_frequent("والرءيس"), Some("والرئيس"));
        assert_eq!(spellings.most_frequent("غاءب"), None);
    }

    #[test]
    fn only_the_wanted_words_are_counted() {
        let mut spellings = Spellings::only(["المتحده".to_string()]);
        let mut analyzer = analysis::exact_analyzer();
        spellings.add_text(&mut analyzer, "الأمم المتحدة");
        assert_eq!(spellings.most_frequent("المتحده"), Some("المتحدة"));
        assert_eq!(spellings.most_frequent("الامم"), None);
    }
}
