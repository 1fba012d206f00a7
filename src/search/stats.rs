//! Index statistics looked up once per query.
//!
//! One query word asks for the same document frequencies many times: its clitic and spelling
//! alternatives are each compared with the stem's frequency, BM25 weighs every term in every
//! field it is searched in, and the snippet maker weighs the terms again. Each lookup walks the
//! term dictionary of every segment. [`QueryStats`] remembers the answers for the life of one
//! query (a new query makes a new one, so a batch of queries costs what its queries cost apart).

use std::cell::RefCell;
use std::collections::HashMap;

use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// Document frequencies and field lengths of one searcher, each looked up once.
pub struct QueryStats<'a> {
    searcher: &'a Searcher,
    doc_freqs: RefCell<HashMap<Term, u64>>,
    field_tokens: RefCell<HashMap<Field, u64>>,
}

impl<'a> QueryStats<'a> {
    pub fn new(searcher: &'a Searcher) -> QueryStats<'a> {
        QueryStats {
            searcher,
            doc_freqs: RefCell::new(HashMap::new()),
            field_tokens: RefCell::new(HashMap::new()),
        }
    }

    pub fn searcher(&self) -> &'a Searcher {
        self.searcher
    }

    /// Number of documents holding `term` (0 if the index cannot say).
    pub fn doc_freq_of(&self, term: &Term) -> u64 {
        Bm25StatisticsProvider::doc_freq(self, term).unwrap_or(0)
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
        if let Some(&known) = self.doc_freqs.borrow().get(term) {
            return Ok(known);
        }
        let found = self.searcher.doc_freq(term)?;
        self.doc_freqs.borrow_mut().insert(term.clone(), found);
        Ok(found)
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
