//! A query of only function words (`لماذا`, `title:"إلى أين"`), searched as words.
//!
//! The index leaves function words out ([`crate::analysis::ArabicStopWords`]): they would only
//! add noise to every other query and a fifth to the index. A query made of nothing else would
//! then find nothing, though a headline such as "إلى أين" is a fair thing to look for. So such a
//! query reads the stored title and body of every article and matches its words there, folded
//! as the index folds words, in a row for a phrase. This reads the whole store, which a normal
//! query never does (BENCHMARKS.md has the cost); it runs only when every word of the query is
//! a function word. An article scores by how often the words occur in each field, saturating
//! as BM25 does, times the field's weight.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::Field;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED};

use crate::analysis;
use crate::index::packed;
use crate::index::stored::{self, StoredValue};

/// BM25's saturation: a field holding the words `tf` times scores `tf / (tf + K1)`.
const K1: Score = 1.2;

/// Words in a row, looked for in the stored text of some fields.
#[derive(Clone, Debug)]
pub struct StoredWords {
    /// The packed stored fields (`title_text`, `body_text`) with their weights.
    fields: Vec<(Field, Score)>,
    /// The words, folded, function words kept.
    words: Vec<String>,
}

impl StoredWords {
    /// `text` as words in a row, in `fields` (stored, packed) each with its weight.
    pub fn new(text: &str, fields: Vec<(Field, Score)>) -> StoredWords {
        let words = analysis::analyze(&mut analysis::words_analyzer(), text);
        StoredWords { fields, words }
    }

    /// How many times the words occur in a row in `text`.
    fn occurrences(&self, analyzer: &mut TextAnalyzer, text: &str) -> usize {
        if self.words.is_empty() {
            return 0;
        }
        let mut window: Vec<String> = Vec::with_capacity(self.words.len());
        let mut found = 0;
        let mut stream = analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            if window.len() == self.words.len() {
                window.remove(0);
            }
            window.push(token.text.clone());
            found += usize::from(window == self.words);
        }
        found
    }

    /// The score of the stored document `bytes`, 0 when the words are not in it.
    fn score(&self, analyzer: &mut TextAnalyzer, bytes: &[u8]) -> tantivy::Result<Score> {
        let mut score = 0.0;
        stored::parse(bytes, |field, value| {
            let Some(&(_, weight)) = self.fields.iter().find(|(f, _)| *f == field) else {
                return;
            };
            let text = match value {
                StoredValue::Bytes(bytes) => packed::unpack(bytes),
                StoredValue::Text(text) => text.to_string(),
            };
            let tf = self.occurrences(analyzer, &text) as Score;
            score += weight * tf / (tf + K1);
        })
        .map_err(|err| tantivy::TantivyError::InternalError(format!("{err:#}")))?;
        Ok(score)
    }
}

impl Query for StoredWords {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for StoredWords {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let store = reader.get_store_reader(1)?;
        let mut analyzer = analysis::words_analyzer();
        let mut found = Vec::new();
        for doc in 0..reader.max_doc() {
            if reader
                .alive_bitset()
                .is_some_and(|alive| !alive.is_alive(doc))
            {
                continue;
            }
            let bytes = store.get_document_bytes(doc)?;
            let score = self.score(&mut analyzer, bytes.as_slice())?;
            if score > 0.0 {
                found.push((doc, score * boost));
            }
        }
        Ok(Box::new(Found { docs: found, at: 0 }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let store = reader.get_store_reader(0)?;
        let bytes = store.get_document_bytes(doc)?;
        let score = self.score(&mut analysis::words_analyzer(), bytes.as_slice())?;
        if score <= 0.0 {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        Ok(Explanation::new("function words in the stored text", score))
    }
}

/// The documents found, in order, with their scores.
struct Found {
    docs: Vec<(DocId, Score)>,
    at: usize,
}

impl DocSet for Found {
    fn advance(&mut self) -> DocId {
        self.at += 1;
        self.doc()
    }

    fn doc(&self) -> DocId {
        self.docs.get(self.at).map_or(TERMINATED, |(doc, _)| *doc)
    }

    fn size_hint(&self) -> u32 {
        (self.docs.len() - self.at.min(self.docs.len())) as u32
    }
}

impl Scorer for Found {
    fn score(&mut self) -> Score {
        self.docs.get(self.at).map_or(0.0, |(_, score)| *score)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::search::tests::{article, index_with};
    use crate::search::{Engine, SearchOptions};

    fn titled(id: &str, title: &str, body: &str) -> Article {
        Article {
            title: title.into(),
            ..article(id, body, None)
        }
    }

    fn found(engine: &Engine, query: &str) -> Vec<String> {
        let outcome = engine.search(query, &SearchOptions::default()).unwrap();
        let mut ids: Vec<String> = outcome.hits.into_iter().map(|hit| hit.path).collect();
        ids.sort();
        ids
    }

    #[test]
    fn words_are_found_folded_and_in_a_row() {
        let query = StoredWords::new("إلى أين", Vec::new());
        let mut analyzer = analysis::words_analyzer();
        assert_eq!(query.occurrences(&mut analyzer, "الى أينَ؟ ثم إلى أين"), 2);
        assert_eq!(query.occurrences(&mut analyzer, "أين إلى"), 0);
        assert_eq!(query.occurrences(&mut analyzer, "إلى البيت أين"), 0);
    }

    #[test]
    fn a_query_of_function_words_finds_the_article_titled_with_them() {
        let (_dir, index) = index_with(&[
            titled("where", "إلى أين", "سؤال عن مستقبل المنطقة"),
            titled("there", "الطريق إلى دمشق", "أين يقع الطريق"),
            titled("why", "الاقتصاد اليوم", "لا أحد يعرف لماذا"),
        ]);
        let engine = Engine::new(&index).unwrap();
        assert_eq!(found(&engine, "title:\"إلى أين\""), ["/c/where.txt"]);
        assert_eq!(found(&engine, "\"إلى أين\""), ["/c/where.txt"]);
        assert_eq!(found(&engine, "لماذا"), ["/c/why.txt"]);
        assert_eq!(found(&engine, "أين"), ["/c/there.txt", "/c/where.txt"]);
        assert_eq!(found(&engine, "أين -دمشق"), ["/c/where.txt"]);
    }
}
