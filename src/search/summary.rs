//! Answers about the whole result set that need no snippets: how many documents match
//! (`search -c`, `search -q`) and which files they are (`search -l`).
//!
//! They parse the query exactly as [`Engine::search`](super::Engine::search) does, so the three modes always agree on
//! what matches, but skip snippet making, which is most of the cost of a ranked search.

use anyhow::Result;
use tantivy::collector::Count;

use super::{Engine, SearchOptions};
use crate::index::ArticleIndex;

/// The number of documents matching `query_text`: all of them, however many a search would show.
pub fn count(index: &ArticleIndex, query_text: &str, options: &SearchOptions) -> Result<usize> {
    count_in(&Engine::new(index)?, query_text, options)
}

/// [`count`] with an engine already open (a search that also says how many matched).
pub fn count_in(engine: &Engine, query_text: &str, options: &SearchOptions) -> Result<usize> {
    let Some(query) = engine.build(query_text, options)? else {
        return Ok(0);
    };
    engine
        .searcher()
        .search(&query, &Count)
        .map_err(|err| invalid(query_text, err))
}

/// Some queries parse but fail only when run, such as `body:*` (which needs a fast field):
/// they are the query's fault, reported as [`super::search`] reports them.
fn invalid(query_text: &str, err: tantivy::TantivyError) -> anyhow::Error {
    anyhow::anyhow!("invalid query {}: {err}", super::query::quoted(query_text))
}

/// The paths of the documents matching `query_text`, best first and in the order a search
/// shows them (its first page reranked the same way): one per document (a file holding several
/// matching documents appears once for each), skipping the `offset` best, at most `limit` of
/// them (`None`: all).
pub fn paths(
    index: &ArticleIndex,
    query_text: &str,
    options: &SearchOptions,
    offset: usize,
    limit: Option<usize>,
) -> Result<Vec<String>> {
    let engine = Engine::new(index)?;
    let limit = match limit {
        Some(limit) => limit,
        // The number of matches is the smallest limit that takes them all.
        None => count_in(&engine, query_text, options)?.saturating_sub(offset),
    };
    if limit == 0 {
        return Ok(Vec::new());
    }
    let options = SearchOptions {
        limit,
        offset,
        ..options.clone()
    };
    let outcome = engine.ranked_paths(query_text, &options)?;
    Ok(outcome.hits.into_iter().map(|hit| hit.path).collect())
}
