//! Answers about the whole result set that need no snippets: how many documents match
//! (`search -c`, `search -q`) and which files they are (`search -l`).
//!
//! They parse the query exactly as [`super::search`] does, so the three modes always agree on
//! what matches, but skip snippet making, which is most of the cost of a ranked search.

use anyhow::{Context, Result};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query;
use tantivy::schema::Value;
use tantivy::{Searcher, TantivyDocument};

use super::{Engine, SearchOptions};
use crate::index::ArticleIndex;

fn prepare(
    index: &ArticleIndex,
    query_text: &str,
    options: &SearchOptions,
) -> Result<(Searcher, Option<Box<dyn Query>>)> {
    let engine = Engine::new(index)?;
    let query = engine.build(query_text, options)?;
    Ok((engine.searcher().clone(), query))
}

/// The number of documents matching `query_text`: all of them, however many a search would show.
pub fn count(index: &ArticleIndex, query_text: &str, options: &SearchOptions) -> Result<usize> {
    let (searcher, query) = prepare(index, query_text, options)?;
    let Some(query) = query else {
        return Ok(0);
    };
    searcher
        .search(&query, &Count)
        .map_err(|err| invalid(query_text, err))
}

/// Some queries parse but fail only when run, such as `body:*` (which needs a fast field):
/// they are the query's fault, reported as [`super::search`] reports them.
fn invalid(query_text: &str, err: tantivy::TantivyError) -> anyhow::Error {
    anyhow::anyhow!("invalid query {}: {err}", super::query::quoted(query_text))
}

/// The paths of the documents matching `query_text`, best first: one per document (a file
/// holding several matching documents appears once for each), skipping the `offset` best, at
/// most `limit` of them (`None`: all).
pub fn paths(
    index: &ArticleIndex,
    query_text: &str,
    options: &SearchOptions,
    offset: usize,
    limit: Option<usize>,
) -> Result<Vec<String>> {
    let (searcher, query) = prepare(index, query_text, options)?;
    let Some(query) = query else {
        return Ok(Vec::new());
    };
    let limit = match limit {
        Some(limit) => limit,
        // TopDocs needs a size; the number of matches is the smallest one that takes them all.
        None => searcher
            .search(&query, &Count)
            .map_err(|err| invalid(query_text, err))?
            .saturating_sub(offset),
    };
    if limit == 0 {
        return Ok(Vec::new());
    }
    let top = searcher
        .search(
            &query,
            &TopDocs::with_limit(limit)
                .and_offset(offset)
                .order_by_score(),
        )
        .map_err(|err| invalid(query_text, err))?;
    let path_field = index.fields.path;
    top.into_iter()
        .map(|(_, address)| {
            let doc: TantivyDocument = searcher
                .doc(address)
                .context("cannot read a stored document")?;
            Ok(doc
                .get_first(path_field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string())
        })
        .collect()
}
