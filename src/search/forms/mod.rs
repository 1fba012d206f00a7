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
mod union;

use std::sync::Arc;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::index::SegmentId;
use tantivy::postings::SegmentPostings;
use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

use super::stats::{Located, QueryStats};
pub use phrase::{LastWords, StemPhrase};
use scorer::Bm25;
pub use union::WordsUnion;

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
    /// What the word's score is multiplied by ([`Self::boosted`]).
    boost: Score,
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
            boost: 1.0,
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
            boost: 1.0,
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

    /// Multiplies the word's score by `boost`, as tantivy's `BoostQuery` would (it passes its
    /// boost down to the scorer, as this does): a word that is its own query, not wrapped, can
    /// join a [`WordsUnion`], which skips the articles that cannot enter the top hits.
    pub fn boosted(mut self, boost: Score) -> WordForms {
        self.boost = boost;
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
        Ok(Box::new(self.forms_weight(enable_scoring)?))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        match &self.reported {
            Some(terms) => terms.iter().for_each(|term| visitor(term, false)),
            None => self.forms.iter().for_each(|(term, _)| visitor(term, false)),
        }
    }
}

impl WordForms {
    fn forms_weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<WordFormsWeight> {
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
        Ok(WordFormsWeight {
            field: self.field,
            record: self.record,
            forms: self.forms.clone(),
            located: self.located.clone(),
            weight: idf * (1.0 + K1),
            length_norm,
            boost: self.boost,
        })
    }
}

/// The postings of a word's forms in one segment, each with its factor.
type FormPostings = Vec<(SegmentPostings, Score)>;

struct WordFormsWeight {
    field: Field,
    record: IndexRecordOption,
    forms: Vec<(Term, Score)>,
    located: Option<(Arc<[SegmentId]>, Vec<Located>)>,
    weight: Score,
    length_norm: [Score; 256],
    boost: Score,
}

impl WordFormsWeight {
    /// The scorer of the word in one segment with the most it can score there, `None` where the
    /// segment has none of its forms. BM25 saturates: `weight × f / (f + norm)` stays below
    /// `weight` whatever the frequency `f`; and when only presence counts, `f` is at most the
    /// sum of the forms' factors and `norm` at least that of an empty field.
    fn bounded_scorer(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<(Box<dyn Scorer>, Score)>> {
        let Some((postings, bm25)) = self.postings(reader, boost * self.boost)? else {
            return Ok(None);
        };
        let saturation = match self.record {
            IndexRecordOption::Basic => {
                let most: Score = postings.iter().map(|(_, factor)| factor).sum();
                most / (most + self.length_norm[0])
            }
            _ => 1.0,
        };
        let bound = bm25.weight * saturation;
        Ok(Some((scorer::forms_scorer(postings, bm25), bound)))
    }

    /// The postings of the forms a segment has, each with its factor, and BM25 for the segment.
    fn postings(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<(FormPostings, Bm25)>> {
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
            return Ok(None);
        }
        let bm25 = Bm25 {
            weight: self.weight * boost,
            length_norm: self.length_norm,
            lengths: reader.get_fieldnorms_reader(self.field)?,
        };
        Ok(Some((postings, bm25)))
    }

    fn unboosted_scorer(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.postings(reader, boost)? {
            Some((postings, bm25)) => scorer::forms_scorer(postings, bm25),
            None => Box::new(EmptyScorer),
        })
    }
}

impl Weight for WordFormsWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        // as `BoostQuery` does: the boost multiplies the term weight, not the score
        self.unboosted_scorer(reader, boost * self.boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        // as `BoostQuery` explains: the score unboosted, times the boost
        let mut scorer = self.unboosted_scorer(reader, 1.0)?;
        // A scorer only seeks forward (and an empty one is already past every document).
        if scorer.doc() > doc || scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        Ok(Explanation::new(
            "word forms, BM25",
            scorer.score() * self.boost,
        ))
    }
}

#[cfg(test)]
mod tests;
