//! `fahras search`: runs queries against the index and gathers ranked hits with snippets.
//!
//! An [`Engine`] opens the index reader once and answers any number of queries with it, so a
//! batch of thousands of queries costs one index open. Each answer is an [`Outcome`]: plain
//! [`Hit`]s (printing them is the `output` module's job) and, when nothing matched, "did you
//! mean" suggestions from the index's vocabulary.

mod collapse;
pub mod compile;
pub mod dates;
mod evidence;
mod exact_marks;
pub mod expand;
mod feedback;
mod forms;
mod hits;
pub mod limits;
mod names;
pub mod page;
pub mod query;
pub mod question;
pub mod ranking;
pub mod snippet;
mod stats;
mod stopword_query;
pub mod suggest;
pub mod summary;
pub mod views;

pub use ranking::Ranking;
pub use snippet::{Snippet, SnippetMaker};

use std::sync::OnceLock;

use anyhow::{Context, Result};
use tantivy::collector::TopDocs;
use tantivy::columnar::StrColumn;
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::query_grammar::UserInputBound;
use tantivy::{DocAddress, Order, Searcher};

use crate::index::stored::StoredArticles;
use crate::index::{ArticleIndex, BlockCache, Fields};
use stats::QueryStats;

/// Snippet length in characters.
pub const SNIPPET_CHARS: usize = 200;

/// One ranked result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub rank: usize,
    pub score: f32,
    /// The article's id: what `show` takes (its DOCNO, `path#N` for the N-th record of a file
    /// holding several, else the path).
    pub id: String,
    pub path: String,
    pub docno: Option<String>,
    pub title: String,
    /// Matched words in the title, as character ranges.
    pub title_highlights: Vec<(usize, usize)>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub snippet: Snippet,
    /// Near-copies of this article that match the query, best first, folded under it
    /// (empty with `--all`; see `search::collapse`).
    pub similar: Vec<Similar>,
}

/// An article folded under a hit as a near-copy of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Similar {
    pub id: String,
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    pub source: Option<String>,
}

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// Best match first.
    #[default]
    Score,
    /// Newest first; articles without a date come last.
    Date,
}

/// How to search.
#[derive(Debug, Clone)]
pub struct SearchOptions {
    pub limit: usize,
    /// How many of the best hits to skip (for paging); ranks count them.
    pub offset: usize,
    pub ranking: Ranking,
    /// Treat the query as plain words: no operators, quotes or fields.
    pub plain: bool,
    /// Only articles dated on or after this ISO date (or year, or year-month).
    pub since: Option<String>,
    /// Only articles dated on or before this ISO date (or year, or year-month).
    pub until: Option<String>,
    pub sort: SortBy,
    /// Show each story once, its near-copies folded under its best-ranked copy (`search::collapse`);
    /// `false` with `--all`.
    pub collapse: bool,
    /// Only articles whose source is exactly this (as written): a facet of `fahras serve`.
    pub source: Option<String>,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 10,
            offset: 0,
            ranking: Ranking::default(),
            plain: false,
            since: None,
            until: None,
            sort: SortBy::Score,
            collapse: false,
            source: None,
        }
    }
}

/// A ranked document named by its path, and by its id when the path alone does not name it:
/// what a run file for evaluation and `search -l` and `--ids` need. [`Engine::ranked_paths`]
/// finds them without reading stored articles where it can.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedPath {
    pub rank: usize,
    pub score: f32,
    pub path: String,
    /// The article's id when its file holds several articles; `None` when the path is the
    /// whole answer (the file holds this article alone).
    pub record: Option<String>,
}

impl RankedPath {
    /// The name that addresses this article alone: its id when its file holds several, else
    /// its path. `show` takes either.
    pub fn name(&self) -> &str {
        self.record.as_deref().unwrap_or(&self.path)
    }
}

/// The answer to one query: [`Hit`]s from [`Engine::search`], [`RankedPath`]s from
/// [`Engine::ranked_paths`].
#[derive(Debug, Clone)]
pub struct Outcome<H = Hit> {
    pub hits: Vec<H>,
    /// Respelled queries that would find something; only filled when there is no hit.
    pub suggestions: Vec<String>,
}

impl<H> Default for Outcome<H> {
    fn default() -> Self {
        Outcome {
            hits: Vec::new(),
            suggestions: Vec::new(),
        }
    }
}

/// Answers queries against one open index.
pub struct Engine<'a> {
    index: &'a ArticleIndex,
    searcher: Searcher,
    stored: StoredArticles,
    /// The path fast field of each segment: a run file needs only paths, and reading them here
    /// spares decompressing a stored-document block per hit. Opened on first use, since a
    /// search with snippets never needs them.
    paths: OnceLock<Vec<Option<StrColumn>>>,
    /// The near-duplicate signatures of each segment, opened on the first search that folds.
    signatures: OnceLock<crate::index::near::Signatures>,
}

impl<'a> Engine<'a> {
    /// An engine for many queries: its document stores keep up to 96 MiB of decompressed
    /// blocks, so an article that several queries show is mostly decompressed once.
    pub fn new(index: &'a ArticleIndex) -> Result<Engine<'a>> {
        Self::with_cache(index, BlockCache::Shared)
    }

    /// An engine for a single search that shows `page` hits (offset and limit), as `fahras
    /// search QUERY` runs. Each decompressed block the store keeps holds on to its 128 KiB,
    /// so the next block is decompressed into fresh memory that the kernel must map and zero;
    /// a block freed at once is reused (BENCHMARKS.md, "Block caches"). So a first page keeps no
    /// block, and a longer page keeps one per segment, which its reading in index order
    /// (the `hits` module) needs to decompress a block with several hits once.
    pub fn for_one_search(index: &'a ArticleIndex, page: usize) -> Result<Engine<'a>> {
        let blocks = if page <= hits::RERANK_DEPTH { 0 } else { 1 };
        Self::with_cache(index, BlockCache::PerSegment(blocks))
    }

    fn with_cache(index: &'a ArticleIndex, cache: BlockCache) -> Result<Engine<'a>> {
        let searcher = index.searcher()?;
        let stored = index.stored_articles(&searcher, cache)?;
        Ok(Engine {
            index,
            searcher,
            stored,
            paths: OnceLock::new(),
            signatures: OnceLock::new(),
        })
    }

    fn fields(&self) -> Fields {
        self.index.fields
    }

    /// The searcher every query of this engine runs on.
    pub fn searcher(&self) -> &Searcher {
        &self.searcher
    }

    /// Builds the tantivy query for `text`; `None` if nothing searchable is left.
    pub fn build(&self, text: &str, options: &SearchOptions) -> Result<Option<Box<dyn Query>>> {
        self.build_with(&QueryStats::new(&self.searcher), text, options)
    }

    fn build_with(
        &self,
        stats: &QueryStats,
        text: &str,
        options: &SearchOptions,
    ) -> Result<Option<Box<dyn Query>>> {
        // nesting first: 10,000 parentheses are refused for their depth, not their length
        let limited = match options.plain {
            true => limits::check_length(text),
            false => limits::check_nesting(text).and_then(|()| limits::check_length(text)),
        };
        limited.map_err(|err| query::invalid(text, err))?;
        let ast = if options.plain {
            query::plain_words(text)
        } else {
            query::parse(text)?
        };
        let compiler = compile::Compiler::new(stats, self.fields(), options.ranking);
        let Some(compiled) = compiler
            .compile(&ast)
            .map_err(|err| query::invalid(text, err))?
        else {
            return Ok(None);
        };
        for (word, matched) in &compiled.bounded {
            compile::note_bound(text, word, *matched);
        }
        let mut clauses = vec![(Occur::Must, compiled.query)];
        if options.since.is_some() || options.until.is_some() {
            let lower = options
                .since
                .as_ref()
                .map_or(UserInputBound::Unbounded, |d| {
                    UserInputBound::Inclusive(d.clone())
                });
            // "--until 2024" must keep 2024-12-31: any date starting with the bound sorts
            // below the bound followed by '~'.
            let upper = options
                .until
                .as_ref()
                .map_or(UserInputBound::Unbounded, |d| {
                    UserInputBound::Inclusive(format!("{d}~"))
                });
            clauses.push((
                Occur::Must,
                dates::date_range(self.fields().date, &lower, &upper),
            ));
        }
        if let Some(source) = &options.source {
            // a range of one value over the source's fast column, which keeps it whole as
            // written (its indexed words are folded)
            let exactly = UserInputBound::Inclusive(source.clone());
            clauses.push((
                Occur::Must,
                dates::date_range(self.fields().source, &exactly, &exactly),
            ));
        }
        Ok(Some(if clauses.len() == 1 {
            clauses.pop().expect("one clause").1
        } else {
            Box::new(BooleanQuery::new(clauses))
        }))
    }

    /// Runs `text` and returns up to `options.limit` hits, best (or newest) first.
    pub fn search(&self, text: &str, options: &SearchOptions) -> Result<Outcome> {
        self.answer(text, options, |stats, query, ranked, folded, expects| {
            self.hits(stats, query, ranked, folded, options, expects)
        })
    }

    /// Ranks as [`Engine::search`] does (same documents, order and scores) but returns only
    /// each document's path, read from the path fast field: no snippet is cut, and no stored
    /// article is read beyond those the first page's rerank needs.
    /// An article of a file holding several is named by its id too ([`RankedPath::name`]).
    pub fn ranked_paths(&self, text: &str, options: &SearchOptions) -> Result<Outcome<RankedPath>> {
        self.answer(text, options, |stats, query, ranked, _, expects| {
            self.paths_of(stats, query, ranked, options, expects, true)
        })
    }

    /// [`Engine::ranked_paths`] without the ids ([`RankedPath::record`] is `None`): what
    /// listing files needs.
    pub fn ranked_files(&self, text: &str, options: &SearchOptions) -> Result<Outcome<RankedPath>> {
        self.answer(text, options, |stats, query, ranked, _, expects| {
            self.paths_of(stats, query, ranked, options, expects, false)
        })
    }

    /// Parses and ranks `text`, turning the ranked documents into answers with `finish`, or
    /// suggesting respellings when nothing matched.
    fn answer<H>(
        &self,
        text: &str,
        options: &SearchOptions,
        finish: impl FnOnce(
            &QueryStats,
            &dyn Query,
            Vec<(f32, DocAddress)>,
            &collapse::Folded,
            Option<question::Expects>,
        ) -> Result<Vec<H>>,
    ) -> Result<Outcome<H>> {
        let stats = QueryStats::new(&self.searcher);
        let Some(query) = self.build_with(&stats, text, options)? else {
            return Ok(Outcome::default());
        };
        // `feedback` ranks with words of the first hits; snippets show the query's own words
        let expanded = self.with_feedback(&stats, query.as_ref(), text, options)?;
        let ranked_by = expanded.as_deref().unwrap_or(query.as_ref());
        let (ranked, folded) = if options.collapse {
            self.rank_folded(&stats, ranked_by, options)?
        } else {
            let ranked = self.rank(&stats, ranked_by, options)?;
            (ranked, collapse::Folded::default())
        };
        if ranked.is_empty() {
            let suggestions = if options.plain {
                suggest::suggest(&self.searcher, self.fields(), &query::plain_words(text))
            } else {
                query::parse(text)
                    .map(|ast| suggest::suggest(&self.searcher, self.fields(), &ast))
                    .unwrap_or_default()
            };
            return Ok(Outcome {
                hits: Vec::new(),
                suggestions,
            });
        }
        let expects = question::expected_answer(text);
        let hits = finish(&stats, query.as_ref(), ranked, &folded, expects)?;
        Ok(Outcome {
            hits,
            suggestions: Vec::new(),
        })
    }

    pub(super) fn rank(
        &self,
        stats: &QueryStats,
        query: &dyn Query,
        options: &SearchOptions,
    ) -> Result<Vec<(f32, DocAddress)>> {
        if options.limit == 0 {
            return Ok(Vec::new());
        }
        // The proximity rerank reorders the first page, so that page is ranked whole.
        let top = if hits::reranks(options) {
            TopDocs::with_limit((options.offset + options.limit).max(hits::rerank_depth(options)))
        } else {
            TopDocs::with_limit(options.limit).and_offset(options.offset)
        };
        match options.sort {
            // Parsing accepts some queries that only fail here: still the query's fault.
            SortBy::Score => self
                .searcher
                .search_with_statistics_provider(query, &top.order_by_score(), stats)
                .map_err(|err| anyhow::anyhow!("invalid query: {err}")),
            SortBy::Date => {
                let by_date = self
                    .searcher
                    .search(query, &top.order_by_string_fast_field("date", Order::Desc))
                    .context("search failed")?;
                // Sorting by date loses the scores; recompute them for the few hits shown.
                by_date
                    .into_iter()
                    .map(|(_, address)| {
                        let score = query
                            .explain(&self.searcher, address)
                            .map(|e| e.value())
                            .unwrap_or(0.0);
                        Ok((score, address))
                    })
                    .collect()
            }
        }
    }
}

#[cfg(test)]
mod tests;
