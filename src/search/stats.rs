//! Index statistics looked up once per query.
//!
//! One query word asks for the same document frequencies many times: its clitic and spelling
//! alternatives are each compared with the stem's frequency, BM25 weighs every term in every
//! field it is searched in, and the snippet maker weighs the terms again. Each lookup walks the
//! term dictionary of every segment. [`QueryStats`] remembers the answers for the life of one
//! query (a new query makes a new one, so a batch of queries costs what its queries cost apart),
//! and with them where each segment keeps the term, so that the word scorers of
//! [`super::forms`] open their postings without walking the dictionaries again.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use tantivy::index::SegmentId;
use tantivy::postings::TermInfo;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// Where a term is in each segment's term dictionary, in the searcher's segment order; `None`
/// where a segment lacks it.
pub type Located = Arc<[Option<TermInfo>]>;

/// Document frequencies and field lengths of one searcher, each looked up once.
pub struct QueryStats<'a> {
    searcher: &'a Searcher,
    segments: Arc<[SegmentId]>,
    terms: RefCell<HashMap<Term, (u64, Located)>>,
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
        let term = Term::from_field_text(index.fields.body, "تحالف");
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
