//! One query word and its alternative forms, scored as one term (what Lucene's `SynonymQuery`
//! does for synonyms).
//!
//! A query word is searched as its stem plus forms the index says are the same word: the
//! stem with a one-letter proclitic (توفي and وتوفي), a spelling variant (سوريا and سورية), the
//! bare form of an accusative ending. Scored as separate BM25 terms, each form brings its own
//! inverse document frequency: a rare form such as وتوفي weighs more than the word itself, and an
//! article with two forms counts the word twice. So the forms share one BM25 term here: their
//! frequencies in an article are added (each times its factor), and the inverse document
//! frequency is the one of the most frequent form, as for one word.
//!
//! The index keeps words as written, so each of those stems is itself a set of forms
//! ([`WordForms::of_stems`]): تحالف is التحالف, والتحالف, تحالفات… Their frequencies add up to
//! the stem's, and the stem's document frequency counts the articles holding any of them, so a
//! word scores as it did when the index kept stems.

mod phrase;
mod scorer;

use std::sync::Arc;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::index::SegmentId;
use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

use super::stats::{Located, QueryStats};
pub use phrase::{LastWords, StemPhrase};
use scorer::Bm25;

/// BM25's constants, as tantivy's own scorer has them.
const K1: Score = 1.2;
const B: Score = 0.75;

/// The forms of one word in one field, each with the factor its frequency counts with.
#[derive(Clone, Debug)]
pub struct WordForms {
    field: Field,
    forms: Vec<(Term, Score)>,
    /// Where each form is in each segment, when [`Self::locate`] looked the forms up; the
    /// segments' order comes first.
    located: Option<(Arc<[SegmentId]>, Vec<Located>)>,
    /// Documents holding the word, when its forms are those of stems ([`Self::of_stems`]): a
    /// stem's own frequency, which no single form has.
    doc_freq: Option<u64>,
    /// What the query reports as its terms (for the snippets): the stems it was made of, or
    /// the forms themselves.
    reported: Option<Vec<Term>>,
    /// `Basic` when only whether an article has a form counts ([`Self::presence`]).
    record: IndexRecordOption,
}

impl WordForms {
    /// `forms` are (text, factor) pairs; the first is the word itself.
    pub fn new<'a>(field: Field, forms: impl IntoIterator<Item = (&'a str, Score)>) -> WordForms {
        let forms = forms
            .into_iter()
            .filter(|(_, factor)| *factor > 0.0)
            .map(|(text, factor)| (Term::from_field_text(field, text), factor))
            .collect();
        WordForms {
            field,
            forms,
            located: None,
            doc_freq: None,
            reported: None,
            record: IndexRecordOption::WithFreqs,
        }
    }

    /// Every form of each of `stems`, found in the index through `stats`: (stem, factor,
    /// whether its forms may carry a prefix) of which the first is the word's own. Scored as
    /// one term whose document frequency is that of the most frequent stem, as when the index
    /// kept stems; reports the stems as its terms.
    pub fn of_stems<'a>(
        stats: &QueryStats,
        field: Field,
        stems: impl IntoIterator<Item = (&'a str, Score, bool)>,
    ) -> tantivy::Result<WordForms> {
        Self::of_stems_keeping(stats, field, stems, |_| true)
    }

    /// [`Self::of_stems`], with only the forms of the first stem (the word's own) that `keep`
    /// accepts; when it leaves some out, that stem counts the documents of its most frequent
    /// form kept.
    pub fn of_stems_keeping<'a>(
        stats: &QueryStats,
        field: Field,
        stems: impl IntoIterator<Item = (&'a str, Score, bool)>,
        keep: impl Fn(&str) -> bool,
    ) -> tantivy::Result<WordForms> {
        let mut forms = Vec::new();
        let mut located = Vec::new();
        let mut reported = Vec::new();
        let mut doc_freq = 0;
        for (i, (text, factor, prefixed)) in stems.into_iter().enumerate() {
            if factor <= 0.0 {
                continue;
            }
            let term = Term::from_field_text(field, text);
            let stem = stats.stem_as(&term, !prefixed)?;
            let mut stem_doc_freq = stem.doc_freq;
            for (form, where_) in &stem.forms {
                if i == 0 && !form.value().as_str().is_some_and(&keep) {
                    stem_doc_freq = 0;
                    continue;
                }
                forms.push((form.clone(), factor));
                located.push(Arc::clone(where_));
            }
            if stem_doc_freq == 0 && i == 0 {
                // some forms left out: the most frequent one kept stands for the stem
                for (form, _) in forms.iter() {
                    stem_doc_freq = stem_doc_freq.max(stats.locate(form)?.0);
                }
            }
            doc_freq = doc_freq.max(stem_doc_freq);
            reported.push(term);
        }
        Ok(WordForms {
            field,
            forms,
            located: Some((stats.segments(), located)),
            doc_freq: Some(doc_freq),
            reported: Some(reported),
            record: IndexRecordOption::WithFreqs,
        })
    }

    /// Reports `terms` as the query's terms (for the snippets) instead of the forms: the stems
    /// of the words a prefix stands for.
    pub fn reporting(mut self, terms: Vec<Term>) -> WordForms {
        self.reported = Some(terms);
        self
    }

    /// Counts whether an article has a form, not how often: the exact form of a query word
    /// is a bonus, and a yes or no ranked better than a count (EVALUATION.md). Reports no
    /// terms: the snippets look for the word's stem already.
    pub fn presence(mut self) -> WordForms {
        self.record = IndexRecordOption::Basic;
        self.reported = Some(Vec::new());
        self
    }

    /// Looks the forms up through `stats`, which a query's statistics do anyway, so that the
    /// scorers open their postings without walking each segment's term dictionary again
    /// (4% of a batch's CPU, BENCHMARKS.md, "Fewer instructions"). A segment `stats` did not see is
    /// looked up as usual, and so is every segment when a lookup fails here: the scorer then
    /// meets the error and reports it.
    pub fn locate(mut self, stats: &QueryStats) -> WordForms {
        let located: tantivy::Result<Vec<Located>> = self
            .forms
            .iter()
            .map(|(term, _)| Ok(stats.locate(term)?.1))
            .collect();
        self.located = located.ok().map(|located| (stats.segments(), located));
        self
    }
}

/// BM25's inverse document frequency.
fn idf(doc_freq: u64, doc_count: u64) -> Score {
    let doc_freq = doc_freq.min(doc_count);
    let x = ((doc_count - doc_freq) as Score + 0.5) / (doc_freq as Score + 0.5);
    (1.0 + x).ln()
}

impl Query for WordForms {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let (idf, average_length) = match enable_scoring {
            EnableScoring::Enabled {
                statistics_provider,
                ..
            } => {
                let docs = statistics_provider.total_num_docs()?.max(1);
                let tokens = statistics_provider.total_num_tokens(self.field)?;
                let doc_freq = match self.doc_freq {
                    Some(known) => known,
                    None => {
                        let mut most = 0;
                        for (term, _) in &self.forms {
                            most = most.max(statistics_provider.doc_freq(term)?);
                        }
                        most
                    }
                };
                (
                    idf(doc_freq, docs),
                    (tokens as Score / docs as Score).max(1.0),
                )
            }
            EnableScoring::Disabled { .. } => (1.0, 1.0),
        };
        let mut length_norm = [0.0; 256];
        for (id, norm) in length_norm.iter_mut().enumerate() {
            let length = FieldNormReader::id_to_fieldnorm(id as u8) as Score;
            *norm = K1 * (1.0 - B + B * length / average_length);
        }
        Ok(Box::new(WordFormsWeight {
            field: self.field,
            record: self.record,
            forms: self.forms.clone(),
            located: self.located.clone(),
            weight: idf * (1.0 + K1),
            length_norm,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        match &self.reported {
            Some(terms) => terms.iter().for_each(|term| visitor(term, false)),
            None => self.forms.iter().for_each(|(term, _)| visitor(term, false)),
        }
    }
}

struct WordFormsWeight {
    field: Field,
    record: IndexRecordOption,
    forms: Vec<(Term, Score)>,
    located: Option<(Arc<[SegmentId]>, Vec<Located>)>,
    weight: Score,
    length_norm: [Score; 256],
}

impl Weight for WordFormsWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let index = reader.inverted_index(self.field)?;
        let located = self.located.as_ref().and_then(|(segments, located)| {
            let ord = segments.iter().position(|id| *id == reader.segment_id())?;
            Some((ord, located))
        });
        let mut postings = Vec::with_capacity(self.forms.len());
        for (i, (term, factor)) in self.forms.iter().enumerate() {
            let info = match located {
                Some((ord, located)) => located[i][ord].clone(),
                None => index.get_term_info(term)?,
            };
            if let Some(info) = info {
                let found = index.read_postings_from_terminfo(&info, self.record)?;
                postings.push((found, *factor));
            }
        }
        if postings.is_empty() {
            return Ok(Box::new(EmptyScorer));
        }
        let bm25 = Bm25 {
            weight: self.weight * boost,
            length_norm: self.length_norm,
            lengths: reader.get_fieldnorms_reader(self.field)?,
        };
        Ok(scorer::forms_scorer(postings, bm25))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        // A scorer only seeks forward (and an empty one is already past every document).
        if scorer.doc() > doc || scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        Ok(Explanation::new("word forms, BM25", scorer.score()))
    }
}

#[cfg(test)]
mod tests;
