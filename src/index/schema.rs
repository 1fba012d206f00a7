//! The fields of a fahras index and how each is analyzed.
//!
//! Title and body are indexed twice: once stemmed and once only folded (`*_exact`). Neither is
//! stored: the text that snippets are cut from and `show` prints is stored once, packed
//! (`*_text`, see [`super::packed`]). A query word then scores in both fields
//! when the document has its exact form and in the stemmed one only when it has a relative, so
//! exact forms rank first without losing recall. The exact fields record neither positions nor
//! frequencies: a phrase is matched on the stemmed fields, and the bonus for the exact form is
//! then a yes or no, which ranked better than a count on both evaluation sets (EVALUATION.md)
//! and saves 12 MB of the 79 MB index of the ANT corpus (BENCHMARKS.md). So each distinct
//! form is sent to tantivy once per text (`analysis::twin`), and the exact fields keep no field
//! lengths: BM25 takes those of the stemmed twin, which counts the same tokens.
//!
//! The date is an ISO `YYYY-MM-DD` string: indexed whole, so `--since`/`--until` are ranges over
//! strings that sort like dates, and a fast field, so `--sort date` needs no stored documents.

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STORED,
};

use crate::analysis;

/// Handles to every field of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub path: Field,
    pub docno: Field,
    pub title: Field,
    pub title_exact: Field,
    /// The stored title, packed.
    pub title_text: Field,
    pub body: Field,
    pub body_exact: Field,
    /// The stored body, packed.
    pub body_text: Field,
    pub date: Field,
    pub source: Field,
    pub author: Field,
}

fn text_field(analyzer: &str, stored: bool) -> TextOptions {
    text_field_with(analyzer, stored, IndexRecordOption::WithFreqsAndPositions)
}

fn text_field_with(analyzer: &str, stored: bool, record: IndexRecordOption) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(analyzer)
        .set_index_option(record);
    let options = TextOptions::default().set_indexing_options(indexing);
    if stored {
        options.set_stored()
    } else {
        options
    }
}

/// An identifier indexed whole (tantivy's `STRING`), without the field lengths BM25 needs:
/// an id, path or date is looked up or filtered on, never ranked by.
fn key() -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer("raw")
        .set_index_option(IndexRecordOption::Basic)
        .set_fieldnorms(false);
    TextOptions::default().set_indexing_options(indexing)
}

/// An exact field: which articles hold each form, analyzed once per distinct form. Without
/// field lengths: its stemmed twin has the same (see `search::forms`).
fn exact_forms() -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(analysis::EXACT_DISTINCT)
        .set_index_option(IndexRecordOption::Basic)
        .set_fieldnorms(false);
    TextOptions::default().set_indexing_options(indexing)
}

/// Builds the schema of a new index.
pub fn build() -> Schema {
    let mut builder = Schema::builder();
    builder.add_text_field("id", key() | STORED);
    // FAST: batch runs (`--trec`) read paths without decompressing stored documents.
    builder.add_text_field("path", key() | STORED | FAST);
    // Stored only: an article's DOCNO is its id whenever it has one (`ingest::read`), so the id
    // field is what finds it, and the store keeps "" for "the id" (see `ArticleWriter::upsert`).
    builder.add_text_field("docno", STORED);
    builder.add_text_field("title", text_field(analysis::STEMMED, false));
    builder.add_text_field("title_exact", exact_forms());
    builder.add_bytes_field("title_text", STORED);
    builder.add_text_field("body", text_field(analysis::STEMMED, false));
    builder.add_text_field("body_exact", exact_forms());
    builder.add_bytes_field("body_text", STORED);
    // FAST: `--sort date` orders by it without reading stored documents.
    builder.add_text_field("date", key() | STORED | FAST);
    builder.add_text_field("source", text_field(analysis::EXACT, true));
    builder.add_text_field("author", text_field(analysis::EXACT, true));
    builder.build()
}

impl Fields {
    /// The field whose lengths BM25 normalizes `field` by: an exact field keeps none and takes
    /// its stemmed twin's, which counts the same tokens; any other field its own.
    pub fn lengths_for(&self, field: Field) -> Field {
        if field == self.title_exact {
            self.title
        } else if field == self.body_exact {
            self.body
        } else {
            field
        }
    }

    /// Looks the fields up in an index's schema; fails if one is missing.
    pub fn resolve(schema: &Schema) -> tantivy::Result<Fields> {
        Ok(Fields {
            id: schema.get_field("id")?,
            path: schema.get_field("path")?,
            docno: schema.get_field("docno")?,
            title: schema.get_field("title")?,
            title_exact: schema.get_field("title_exact")?,
            title_text: schema.get_field("title_text")?,
            body: schema.get_field("body")?,
            body_exact: schema.get_field("body_exact")?,
            body_text: schema.get_field("body_text")?,
            date: schema.get_field("date")?,
            source: schema.get_field("source")?,
            author: schema.get_field("author")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exact_field_takes_the_lengths_of_its_stemmed_twin() {
        let schema = build();
        let f = Fields::resolve(&schema).unwrap();
        assert_eq!(f.lengths_for(f.title_exact), f.title);
        assert_eq!(f.lengths_for(f.body_exact), f.body);
        for field in [f.title, f.body, f.source, f.author] {
            assert_eq!(f.lengths_for(field), field);
        }
        // the twin records lengths, the exact field none
        for (exact, twin) in [(f.title_exact, f.title), (f.body_exact, f.body)] {
            assert!(!schema.get_field_entry(exact).has_fieldnorms());
            assert!(schema.get_field_entry(twin).has_fieldnorms());
        }
    }
}
