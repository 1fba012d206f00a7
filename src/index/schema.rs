//! The fields of a fahras index and how each is analyzed.
//!
//! Title and body are indexed as written, only folded (alef and hamza forms, harakat…), with
//! positions for phrases. Stems are not indexed: a query word is stemmed at search time and
//! searched as every form of its stem the index has (`search::stats`, `analysis::FormsOf`), and
//! its exact form is one of those, which gives the bonus for it. Indexing the stems as well as
//! the forms took a third of the ingest's CPU (BENCHMARKS.md, "Stems found"). Neither field is
//! stored: the text that snippets are cut from and `show` prints is stored once, packed
//! (`*_text`, see [`super::packed`]).
//!
//! The date is an ISO `YYYY-MM-DD` string: indexed whole, so `--since`/`--until` are ranges over
//! strings that sort like dates, and a fast field, so `--sort date` needs no stored documents.

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST, STORED,
};

use super::near;
use crate::analysis;

/// Handles to every field of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub path: Field,
    pub docno: Field,
    pub title: Field,
    /// The stored title, packed.
    pub title_text: Field,
    pub body: Field,
    /// The stored body, packed.
    pub body_text: Field,
    pub date: Field,
    pub source: Field,
    pub author: Field,
    /// The near-duplicate signature (a fast field) and its indexed bands ([`super::near`]).
    pub near_sig: Field,
    pub near_bands: Field,
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

/// Builds the schema of a new index.
pub fn build() -> Schema {
    let mut builder = Schema::builder();
    builder.add_text_field("id", key() | STORED);
    // FAST: batch runs (`--trec`) read paths without decompressing stored documents.
    builder.add_text_field("path", key() | STORED | FAST);
    // Stored only: an article's DOCNO is its id whenever it has one (`ingest::read`), so the id
    // field is what finds it, and the store keeps "" for "the id" (see `ArticleWriter::upsert`).
    builder.add_text_field("docno", STORED);
    builder.add_text_field("title", text_field(analysis::EXACT, false));
    builder.add_bytes_field("title_text", STORED);
    builder.add_text_field("body", text_field(analysis::EXACT, false));
    builder.add_bytes_field("body_text", STORED);
    // FAST: `--sort date` orders by it without reading stored documents.
    builder.add_text_field("date", key() | STORED | FAST);
    // FAST, whole as written: `fahras count --by source|author` counts by them without
    // reading stored documents.
    builder.add_text_field("source", text_field(analysis::EXACT, true).set_fast("raw"));
    builder.add_text_field("author", text_field(analysis::EXACT, true).set_fast("raw"));
    // Near-duplicates (`super::near`): the signature is read per document, the bands are
    // looked up as terms; neither is ranked by, so the bands keep no field lengths.
    builder.add_u64_field(near::SIG_FIELD, FAST);
    builder.add_u64_field(near::BANDS_FIELD, NumericOptions::default().set_indexed());
    builder.build()
}

impl Fields {
    /// Looks the fields up in an index's schema; fails if one is missing.
    pub fn resolve(schema: &Schema) -> tantivy::Result<Fields> {
        Ok(Fields {
            id: schema.get_field("id")?,
            path: schema.get_field("path")?,
            docno: schema.get_field("docno")?,
            title: schema.get_field("title")?,
            title_text: schema.get_field("title_text")?,
            body: schema.get_field("body")?,
            body_text: schema.get_field("body_text")?,
            date: schema.get_field("date")?,
            source: schema.get_field("source")?,
            author: schema.get_field("author")?,
            near_sig: schema.get_field(near::SIG_FIELD)?,
            near_bands: schema.get_field(near::BANDS_FIELD)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_and_body_keep_folded_forms_with_positions_and_lengths() {
        let schema = build();
        let f = Fields::resolve(&schema).unwrap();
        for field in [f.title, f.body] {
            let entry = schema.get_field_entry(field);
            let tantivy::schema::FieldType::Str(options) = entry.field_type() else {
                panic!("{} is not text", entry.name());
            };
            let indexing = options.get_indexing_options().unwrap();
            assert_eq!(indexing.tokenizer(), analysis::EXACT);
            assert!(indexing.index_option().has_positions());
            assert!(entry.has_fieldnorms());
            assert!(!entry.is_stored());
        }
        assert!(schema.get_field("body_exact").is_err());
    }
}
