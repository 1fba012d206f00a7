//! A phrase of stems: words next to each other, each as any form of its stem.
//!
//! The index keeps words as written, so "التحالف الدولي" must also match والتحالف الدولية: each
//! position of the phrase is the union of its stem's forms. tantivy's `RegexPhraseQuery` scores
//! exactly that (a union of terms at each position) and is given, for each position, the
//! alternation of the forms [`QueryStats::stem`] found. BM25 weighs a phrase by its terms'
//! document frequencies; here those are the stems', so a phrase scores as it did when the index
//! kept stems.

use std::collections::HashMap;

use tantivy::query::{
    Bm25StatisticsProvider, EmptyWeight, EnableScoring, Query, RegexPhraseQuery, Weight,
};
use tantivy::schema::Field;
use tantivy::Term;

use super::super::stats::QueryStats;

/// Stems at their positions in a phrase, matched as any of their forms.
#[derive(Clone, Debug)]
pub struct StemPhrase {
    /// The stems, reported as the query's terms.
    stems: Vec<Term>,
    /// `None` when a stem has no form in the index: the phrase matches nothing.
    phrase: Option<RegexPhraseQuery>,
    /// The document frequency of each position's pattern: its stem's.
    doc_freqs: HashMap<Term, u64>,
}

impl StemPhrase {
    /// `stems` are (position, stem) pairs, at least two; the positions of `exact` are any of
    /// the words given for them
    /// instead of the forms of their stem (`=word` in a phrase); a position with no word
    /// matches nothing.
    pub fn with_exact(
        stats: &QueryStats,
        field: Field,
        stems: &[(usize, String)],
        exact: &[(usize, Vec<String>)],
        slop: u32,
    ) -> tantivy::Result<StemPhrase> {
        Self::build(stats, field, stems, exact, None, slop)
    }

    /// [`Self::with_exact`] without exact words, with one more position after the stems when `last` is given: at its
    /// position, any of its words (with the documents holding the most frequent, and the
    /// stems it reports), as a phrase ending in a prefix is.
    pub fn ending_in(
        stats: &QueryStats,
        field: Field,
        stems: &[(usize, String)],
        last: Option<LastWords>,
        slop: u32,
    ) -> tantivy::Result<StemPhrase> {
        Self::build(stats, field, stems, &[], last, slop)
    }

    fn build(
        stats: &QueryStats,
        field: Field,
        stems: &[(usize, String)],
        exact: &[(usize, Vec<String>)],
        last: Option<LastWords>,
        slop: u32,
    ) -> tantivy::Result<StemPhrase> {
        let mut patterns = Vec::new();
        let mut doc_freqs = HashMap::new();
        let mut terms = Vec::new();
        let mut empty = false;
        let mut positions = Vec::new();
        for (position, text) in stems {
            let term = Term::from_field_text(field, text);
            if let Some((_, words)) = exact.iter().find(|(at, _)| at == position) {
                let mut doc_freq = 0;
                for word in words {
                    let (df, _) = stats.locate(&Term::from_field_text(field, word))?;
                    doc_freq = doc_freq.max(df);
                }
                let pattern = alternation(words.iter().map(String::as_str));
                positions.push((*position, pattern, doc_freq));
                terms.push(term);
                continue;
            }
            let stem = stats.stem(&term)?;
            terms.push(term);
            let forms: Vec<String> = stem
                .forms
                .iter()
                .filter_map(|(form, _)| form.value().as_str().map(str::to_string))
                .collect();
            let pattern = alternation(forms.iter().map(String::as_str));
            positions.push((*position, pattern, stem.doc_freq));
        }
        if let Some(last) = last {
            let words = last.words.iter().map(String::as_str);
            positions.push((last.position, alternation(words), last.doc_freq));
            terms.extend(last.reported);
        }
        for (position, pattern, doc_freq) in positions {
            let Some(pattern) = pattern else {
                empty = true;
                continue;
            };
            doc_freqs.insert(Term::from_field_text(field, &pattern), doc_freq);
            patterns.push((position, pattern));
        }
        let phrase = (!empty && patterns.len() > 1)
            .then(|| RegexPhraseQuery::new_with_offset_and_slop(field, patterns, slop));
        Ok(StemPhrase {
            stems: terms,
            phrase,
            doc_freqs,
        })
    }
}

/// The last position of a phrase that ends in a prefix: the words the prefix stands for.
pub struct LastWords {
    pub position: usize,
    pub words: Vec<String>,
    pub doc_freq: u64,
    /// The terms the phrase reports for it (the stems of its words, for the snippets).
    pub reported: Vec<Term>,
}

/// The regular expression matching any of `words`; `None` when there is none.
fn alternation<'a>(words: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let escaped: Vec<String> = words.into_iter().map(regex::escape).collect();
    (!escaped.is_empty()).then(|| format!("(?:{})", escaped.join("|")))
}

/// The statistics of a search, with each position's pattern counted as its stem.
struct StemCounts<'a> {
    inner: &'a dyn Bm25StatisticsProvider,
    doc_freqs: &'a HashMap<Term, u64>,
}

impl Bm25StatisticsProvider for StemCounts<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        self.inner.total_num_tokens(field)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.inner.total_num_docs()
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        match self.doc_freqs.get(term) {
            Some(&known) => Ok(known),
            None => self.inner.doc_freq(term),
        }
    }
}

impl Query for StemPhrase {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let Some(phrase) = &self.phrase else {
            return Ok(Box::new(EmptyWeight));
        };
        match enable_scoring {
            EnableScoring::Enabled {
                searcher,
                statistics_provider,
            } => {
                let counts = StemCounts {
                    inner: statistics_provider,
                    doc_freqs: &self.doc_freqs,
                };
                phrase.weight(EnableScoring::enabled_from_statistics_provider(
                    &counts, searcher,
                ))
            }
            disabled => phrase.weight(disabled),
        }
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for term in &self.stems {
            visitor(term, true);
        }
    }
}
