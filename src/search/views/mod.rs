//! Corpus views: what a query's matches say as a whole, on the query language and analyzer
//! of `search` (so `التحالف` counts `والتحالف` too).
//!
//! * [`count`]: matches per source, author or period, from fast fields only;
//! * [`kwic`]: a concordance, each occurrence of a query word in its context;
//! * [`terms`]: the words most characteristic of the matches against the whole index;
//! * [`spelling`]: the most frequent spelling of a folded word in the articles, which `terms`
//!   and `stats` show instead of the folded form the index keeps.
//!
//! Views that read stored articles read at most [`MAX_ARTICLES`] of them, the best-ranked, so
//! that a query matching half the corpus answers in bounded time and memory.

mod calendar;
pub mod count;
pub mod kwic;
mod matcher;
pub mod spelling;
pub mod terms;

pub use count::{Bucket, Bucketing};
pub use kwic::{Concordance, KwicLine, LineOrder};
pub use terms::CharacteristicTerm;

use anyhow::{anyhow, Result};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query;
use tantivy::{DocAddress, Order};

use super::{query, Engine};
use crate::article::Article;

/// Most articles a view reads the stored text of.
pub const MAX_ARTICLES: usize = 1_000;

/// How many documents match, and the best `max` of them: by score, or newest first.
fn ranked(
    engine: &Engine,
    text: &str,
    query: &dyn Query,
    max: usize,
    newest_first: bool,
) -> Result<(usize, Vec<DocAddress>)> {
    let searcher = engine.searcher();
    let top = TopDocs::with_limit(max.max(1));
    let invalid = |err| anyhow!("invalid query {}: {err}", query::quoted(text));
    Ok(if newest_first {
        let by_date = top.order_by_string_fast_field("date", Order::Desc);
        let (total, docs) = searcher.search(query, &(Count, by_date)).map_err(invalid)?;
        (
            total,
            docs.into_iter().map(|(_, address)| address).collect(),
        )
    } else {
        let (total, docs) = searcher
            .search(query, &(Count, top.order_by_score()))
            .map_err(invalid)?;
        (
            total,
            docs.into_iter().map(|(_, address)| address).collect(),
        )
    })
}

/// Reads the articles at `addresses` in index order (one decompressed block serves the
/// articles it holds), handing them to `visit` in the order given, until it says stop.
fn read_in_order(
    engine: &Engine,
    addresses: &[DocAddress],
    mut visit: impl FnMut(Article) -> bool,
) -> Result<()> {
    // chunks: a visitor that stops early does not pay for articles it never sees
    for chunk in addresses.chunks(64) {
        let mut order: Vec<usize> = (0..chunk.len()).collect();
        order.sort_by_key(|&i| chunk[i]);
        let mut read: Vec<Option<Article>> = chunk.iter().map(|_| None).collect();
        for i in order {
            read[i] = Some(engine.stored.read(chunk[i])?);
        }
        for article in read.into_iter().flatten() {
            if !visit(article) {
                return Ok(());
            }
        }
    }
    Ok(())
}
