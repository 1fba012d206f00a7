//! `fahras search`: runs a query against the index and gathers ranked hits with snippets.
//!
//! The result is a list of plain [`Hit`]s; printing them is the `output` module's job.

pub mod query;
pub mod snippet;
pub mod summary;

pub use query::FieldBoosts;
pub use snippet::{Snippet, SnippetMaker};

use anyhow::{Context, Result};
use tantivy::collector::TopDocs;
use tantivy::schema::Value;
use tantivy::{ReloadPolicy, TantivyDocument};

use crate::index::ArticleIndex;

/// Snippet length in characters.
pub const SNIPPET_CHARS: usize = 200;

/// One ranked result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub rank: usize,
    pub score: f32,
    pub path: String,
    pub docno: Option<String>,
    pub title: String,
    /// Matched words in the title, as character ranges.
    pub title_highlights: Vec<(usize, usize)>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub snippet: Snippet,
}

/// How to search.
#[derive(Debug, Clone)]
pub struct SearchOptions {
    pub limit: usize,
    /// How many of the best hits to skip (for paging); ranks count them.
    pub offset: usize,
    pub boosts: FieldBoosts,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 10,
            offset: 0,
            boosts: FieldBoosts::default(),
        }
    }
}

fn first_text(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

/// Runs `query_text` and returns up to `options.limit` hits, best first, after skipping the
/// `options.offset` best.
pub fn search(index: &ArticleIndex, query_text: &str, options: &SearchOptions) -> Result<Vec<Hit>> {
    let reader = index
        .index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .context("cannot read the index")?;
    let searcher = reader.searcher();
    let fields = &index.fields;
    let parser = query::parser(&index.index, fields, options.boosts);
    let query = query::parse(&parser, query_text)?;
    if options.limit == 0 {
        return Ok(Vec::new());
    }
    let top = searcher
        .search(
            &query,
            &TopDocs::with_limit(options.limit)
                .and_offset(options.offset)
                .order_by_score(),
        )
        // Parsing accepts some queries that only fail here, such as `body:*` (which needs a
        // fast field): they are still the query's fault.
        .map_err(|err| anyhow::anyhow!("invalid query {query_text:?}: {err}"))?;
    let mut snippets = SnippetMaker::new(
        &searcher,
        query.as_ref(),
        &[fields.body, fields.title],
        SNIPPET_CHARS,
    );
    let mut hits = Vec::with_capacity(top.len());
    for (rank, (score, address)) in top.into_iter().enumerate() {
        let doc: TantivyDocument = searcher
            .doc(address)
            .context("cannot read a stored document")?;
        let title = first_text(&doc, fields.title).unwrap_or_default();
        let body = first_text(&doc, fields.body).unwrap_or_default();
        hits.push(Hit {
            rank: options.offset + rank + 1,
            score,
            path: first_text(&doc, fields.path).unwrap_or_default(),
            docno: first_text(&doc, fields.docno),
            title_highlights: snippets.highlight(&title),
            title,
            date: first_text(&doc, fields.date),
            source: first_text(&doc, fields.source),
            author: first_text(&doc, fields.author),
            snippet: snippets.snippet(&body),
        });
    }
    Ok(hits)
}
