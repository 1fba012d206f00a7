//! Answers about the whole result set that need no snippets: how many articles match
//! (`search -c`, `search -q`), which files hold them (`search -l`, each file once) and which
//! articles they are (`search --ids`).
//!
//! They parse the query exactly as [`Engine::search`](super::Engine::search) does, so the three modes always agree on
//! what matches, but skip snippet making, which is most of the cost of a ranked search.

use std::collections::HashSet;

use anyhow::Result;
use tantivy::collector::Count;

use super::{Engine, RankedPath, SearchOptions};
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

/// What `search -l` and `search --ids` list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listed {
    /// `-l`: each file holding a matching article, once, where its best article ranks.
    Files,
    /// `--ids`: each matching article, by the name `show` takes ([`RankedPath::name`]).
    Articles,
}

/// The files (or articles) matching `query_text`, best first and in the order a search shows
/// them (its first page reranked the same way), skipping the `offset` best, at most `limit` of
/// them (`None`: all). Files are counted as files: `-n 10` lists ten files, however many of
/// their articles match.
pub fn listed(
    index: &ArticleIndex,
    query_text: &str,
    options: &SearchOptions,
    (offset, limit): (usize, Option<usize>),
    what: Listed,
) -> Result<Vec<String>> {
    let engine = Engine::new(index)?;
    let total = count_in(&engine, query_text, options)?;
    match what {
        Listed::Articles => {
            // The number of matches is the smallest limit that takes them all.
            let limit = limit.unwrap_or(total).min(total.saturating_sub(offset));
            let ranked = ranked(&engine, query_text, options, (offset, limit), true)?;
            Ok(ranked.iter().map(|hit| hit.name().to_string()).collect())
        }
        Listed::Files => files(&engine, query_text, options, total, (offset, limit)),
    }
}

/// The distinct paths of the matching articles, best first. Several articles of a file may
/// match, so the articles are ranked in ever deeper pages until enough distinct files are
/// found or every match is ranked.
fn files(
    engine: &Engine,
    query_text: &str,
    options: &SearchOptions,
    total: usize,
    (offset, limit): (usize, Option<usize>),
) -> Result<Vec<String>> {
    let wanted = limit.map_or(usize::MAX, |limit| offset.saturating_add(limit));
    let mut depth = wanted.min(total);
    loop {
        let ranked = ranked(engine, query_text, options, (0, depth), false)?;
        let mut seen = HashSet::new();
        let distinct: Vec<String> = ranked
            .into_iter()
            .map(|hit| hit.path)
            .filter(|path| seen.insert(path.clone()))
            .take(wanted)
            .collect();
        if distinct.len() >= wanted || depth >= total {
            let limit = limit.unwrap_or(usize::MAX);
            return Ok(distinct.into_iter().skip(offset).take(limit).collect());
        }
        depth = depth.saturating_mul(4).min(total);
    }
}

/// `limit` ranked articles from the `offset`-th on, with their ids if `with_records`.
fn ranked(
    engine: &Engine,
    query_text: &str,
    options: &SearchOptions,
    (offset, limit): (usize, usize),
    with_records: bool,
) -> Result<Vec<RankedPath>> {
    if limit == 0 {
        return Ok(Vec::new());
    }
    let options = SearchOptions {
        limit,
        offset,
        ..options.clone()
    };
    let outcome = match with_records {
        true => engine.ranked_paths(query_text, &options)?,
        false => engine.ranked_files(query_text, &options)?,
    };
    Ok(outcome.hits)
}
