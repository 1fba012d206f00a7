//! Index statistics looked up once per query.
//!
//! One query word asks for the same document frequencies many times: its clitic and spelling
//! alternatives are each compared with the stem's frequency, BM25 weighs every term in every
//! field it is searched in, and the snippet maker weighs the terms again. Each lookup walks the
//! term dictionary of every segment. [`QueryStats`] remembers the answers for the life of one
//! query (a new query makes a new one, so a batch of queries costs what its queries cost apart),
//! and with them where each segment keeps the term, so that the word scorers of
//! [`super::forms`] open their postings without walking the dictionaries again.
//!
//! The title and body fields keep words as written (folded), so a query's stem is not a term
//! of the index: [`QueryStats::stem`] finds its forms in each segment's term dictionary
//! ([`analysis::FormsOf`]) and counts the documents holding any of them, which is what the
//! stem's own document frequency was when the index kept stems.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use tantivy::index::SegmentId;
use tantivy::postings::TermInfo;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{BitSet, InvertedIndexReader, Searcher, Term};

use crate::analysis;

/// Where a term is in each segment's term dictionary, in the searcher's segment order; `None`
/// where a segment lacks it.
pub type Located = Arc<[Option<TermInfo>]>;

/// A stem of the title or body field: the forms of it the index has, where each segment keeps
/// them, and how many documents hold any of them.
#[derive(Debug, Default)]
pub struct Stem {
    pub doc_freq: u64,
    /// Sorted by text, so that scores add up in the same order every run.
    pub forms: Vec<(Term, Located)>,
}

/// Document frequencies and field lengths of one searcher, each looked up once.
pub struct QueryStats<'a> {
    searcher: &'a Searcher,
    segments: Arc<[SegmentId]>,
    terms: RefCell<HashMap<Term, (u64, Located)>>,
    /// Keyed by the stem and whether it was looked up [`analysis::FormsOf::unprefixed`].
    stems: RefCell<HashMap<(Term, bool), Arc<Stem>>>,
    field_tokens: RefCell<HashMap<Field, u64>>,
}

impl<'a> QueryStats<'a> {
    pub fn new(searcher: &'a Searcher) -> QueryStats<'a> {
        QueryStats {
            searcher,
            segments: searcher
                .segment_readers()
                .iter()
                .map(|segment| segment.segment_id())
                .collect(),
            terms: RefCell::new(HashMap::new()),
            stems: RefCell::new(HashMap::new()),
            field_tokens: RefCell::new(HashMap::new()),
        }
    }

    pub fn searcher(&self) -> &'a Searcher {
        self.searcher
    }

    /// The searcher's segments, in the order [`Located`] follows.
    pub fn segments(&self) -> Arc<[SegmentId]> {
        Arc::clone(&self.segments)
    }

    /// Number of documents holding `term` (0 if the index cannot say).
    #[cfg(test)]
    pub fn doc_freq_of(&self, term: &Term) -> u64 {
        Bm25StatisticsProvider::doc_freq(self, term).unwrap_or(0)
    }

    /// The number of documents holding `term` (deleted ones included, as tantivy counts) and
    /// where each segment keeps it.
    pub fn locate(&self, term: &Term) -> tantivy::Result<(u64, Located)> {
        if let Some((doc_freq, located)) = self.terms.borrow().get(term) {
            return Ok((*doc_freq, Arc::clone(located)));
        }
        let mut doc_freq = 0;
        let located: Located = self
            .searcher
            .segment_readers()
            .iter()
            .map(|segment| {
                let info = segment.inverted_index(term.field())?.get_term_info(term)?;
                doc_freq += info.as_ref().map_or(0, |info| u64::from(info.doc_freq));
                Ok(info)
            })
            .collect::<tantivy::Result<_>>()?;
        self.terms
            .borrow_mut()
            .insert(term.clone(), (doc_freq, Arc::clone(&located)));
        Ok((doc_freq, located))
    }
}

impl QueryStats<'_> {
    /// The forms of the stem `term` (a title or body term, stemmed) in the index.
    pub fn stem(&self, term: &Term) -> tantivy::Result<Arc<Stem>> {
        self.stem_as(term, false)
    }

    /// [`Self::stem`], or with `unprefixed` the forms that have no prefix before the stem
    /// ([`analysis::FormsOf::unprefixed`]).
    pub fn stem_as(&self, term: &Term, unprefixed: bool) -> tantivy::Result<Arc<Stem>> {
        let key = (term.clone(), unprefixed);
        if let Some(known) = self.stems.borrow().get(&key) {
            return Ok(Arc::clone(known));
        }
        let stem = match term.value().as_str() {
            Some(text) if !text.is_empty() => {
                let automaton = if unprefixed {
                    analysis::FormsOf::unprefixed(text)
                } else {
                    analysis::FormsOf::new(text)
                };
                self.find_stem(term.field(), &automaton)?
            }
            _ => Stem::default(),
        };
        let stem = Arc::new(stem);
        self.stems.borrow_mut().insert(key, Arc::clone(&stem));
        Ok(stem)
    }

    /// Number of documents holding a form of the stem `term` (0 if the index cannot say).
    pub fn stem_doc_freq(&self, term: &Term) -> u64 {
        self.stem(term).map_or(0, |stem| stem.doc_freq)
    }

    /// The document frequency of the stem `term` as the query searched it, with or without
    /// prefixes, whichever it was looked up as; looked up with them if it was not.
    pub fn searched_stem_doc_freq(&self, term: &Term) -> u64 {
        let looked_up = |unprefixed: bool| {
            let stems = self.stems.borrow();
            stems
                .get(&(term.clone(), unprefixed))
                .map(|stem| stem.doc_freq)
        };
        looked_up(false)
            .or_else(|| looked_up(true))
            .unwrap_or_else(|| self.stem_doc_freq(term))
    }

    fn find_stem(&self, field: Field, automaton: &analysis::FormsOf) -> tantivy::Result<Stem> {
        let segments = self.searcher.segment_readers();
        let mut forms: BTreeMap<Vec<u8>, Vec<Option<TermInfo>>> = BTreeMap::new();
        let mut doc_freq = 0;
        let ranges: Vec<_> = automaton.ranges().collect();
        for (ord, segment) in segments.iter().enumerate() {
            let inverted = segment.inverted_index(field)?;
            let mut found = Vec::new();
            for (literal, to) in &ranges {
                let range = inverted.terms().search(literal).ge(literal.first_literal());
                let mut stream = match to {
                    Some(to) => range.lt(to).into_stream()?,
                    None => range.into_stream()?,
                };
                while stream.advance() {
                    let key = stream.key();
                    if !std::str::from_utf8(key).is_ok_and(|word| automaton.stems_to(word)) {
                        continue;
                    }
                    let slot = forms
                        .entry(key.to_vec())
                        .or_insert_with(|| vec![None; segments.len()]);
                    if slot[ord].is_none() {
                        slot[ord] = Some(stream.value().clone());
                        found.push(stream.value().clone());
                    }
                }
            }
            doc_freq += union_len(&inverted, &found, segment.max_doc())?;
        }
        let forms = forms
            .into_iter()
            .map(|(key, located)| {
                let text = String::from_utf8(key).expect("checked above");
                (Term::from_field_text(field, &text), located.into())
            })
            .collect();
        Ok(Stem { doc_freq, forms })
    }
}

/// How many documents of a segment of `max_doc` documents hold any of the terms `infos`.
fn union_len(
    inverted: &InvertedIndexReader,
    infos: &[TermInfo],
    max_doc: u32,
) -> tantivy::Result<u64> {
    match infos {
        [] => return Ok(0),
        [only] => return Ok(u64::from(only.doc_freq)),
        _ => {}
    }
    let mut seen = BitSet::with_max_value(max_doc);
    for info in infos {
        let mut block =
            inverted.read_block_postings_from_terminfo(info, IndexRecordOption::Basic)?;
        loop {
            let docs = block.docs();
            if docs.is_empty() {
                break;
            }
            for &doc in docs {
                seen.insert(doc);
            }
            block.advance();
        }
    }
    Ok(seen.len() as u64)
}

impl Bm25StatisticsProvider for QueryStats<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        if let Some(&known) = self.field_tokens.borrow().get(&field) {
            return Ok(known);
        }
        let found = self.searcher.total_num_tokens(field)?;
        self.field_tokens.borrow_mut().insert(field, found);
        Ok(found)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        // What tantivy counts, deleted documents included: document frequencies count them too,
        // and BM25 asserts that no frequency exceeds this total.
        Bm25StatisticsProvider::total_num_docs(self.searcher)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        Ok(self.locate(term)?.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::tests::{article, index_with};

    #[test]
    fn a_stem_is_every_form_of_it_and_counts_each_article_once() {
        let (_dir, index) = index_with(&[
            article("a", "قال التحالف الدولي ان التحالفات باقية", None),
            article("b", "والتحالف باق", None),
            article("c", "تحالفت الاحزاب", None),
            article("d", "متحالف مع تحالف", None),
            article("e", "لا شيء هنا", None),
        ]);
        let searcher = index.searcher().unwrap();
        let stats = QueryStats::new(&searcher);
        let stem = stats
            .stem(&Term::from_field_text(index.fields.body, "تحالف"))
            .unwrap();
        let forms: Vec<String> = stem
            .forms
            .iter()
            .map(|(term, _)| term.value().as_str().unwrap().to_string())
            .collect();
        // تحالفت stems to تحالفت and متحالف to متحالف: not forms of تحالف
        assert_eq!(forms, ["التحالف", "التحالفات", "تحالف", "والتحالف"]);
        // a, b and d; a has two forms and counts once
        assert_eq!(stem.doc_freq, 3);
        for (term, located) in &stem.forms {
            assert_eq!(located.len(), searcher.segment_readers().len());
            for (segment, info) in searcher.segment_readers().iter().zip(located.iter()) {
                let own = segment.inverted_index(term.field()).unwrap();
                assert_eq!(*info, own.get_term_info(term).unwrap());
            }
        }
        let unknown = Term::from_field_text(index.fields.body, "غائبتماما");
        assert_eq!(stats.stem_doc_freq(&unknown), 0);
        assert!(stats.stem(&unknown).unwrap().forms.is_empty());
    }

    #[test]
    fn answers_like_the_searcher() {
        let (_dir, index) = index_with(&[
            article("a", "قال التحالف الدولي", None),
            article("b", "والتحالف باق", None),
        ]);
        // replacing an article leaves its old copy counted until a merge: BM25 must see the
        // same totals as the frequencies, or it asserts
        let mut writer = crate::index::ArticleWriter::new(&index, 1, false).unwrap();
        writer
            .upsert(&article("a", "قال التحالف مجددا", None))
            .unwrap();
        writer.commit().unwrap();
        let searcher = index.searcher().unwrap();
        let stats = QueryStats::new(&searcher);
        let term = Term::from_field_text(index.fields.body, "التحالف");
        let absent = Term::from_field_text(index.fields.body, "غائبتماما");
        for _ in 0..2 {
            assert_eq!(stats.doc_freq_of(&term), searcher.doc_freq(&term).unwrap());
            let (_, located) = stats.locate(&term).unwrap();
            assert_eq!(located.len(), searcher.segment_readers().len());
            for (segment, info) in searcher.segment_readers().iter().zip(located.iter()) {
                let own = segment.inverted_index(term.field()).unwrap();
                assert_eq!(*info, own.get_term_info(&term).unwrap());
            }
            assert!(stats.doc_freq_of(&term) > 0);
            assert_eq!(stats.doc_freq_of(&absent), 0);
            assert_eq!(
                stats.total_num_tokens(index.fields.body).unwrap(),
                Bm25StatisticsProvider::total_num_tokens(&searcher, index.fields.body).unwrap()
            );
        }
        assert_eq!(
            stats.total_num_docs().unwrap(),
            Bm25StatisticsProvider::total_num_docs(&searcher).unwrap()
        );
        assert!(stats.total_num_docs().unwrap() > searcher.num_docs());
    }
}
