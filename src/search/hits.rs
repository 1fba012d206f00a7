//! Turns ranked documents into hits: reads the stored articles, reranks the first page by where
//! the query's words stand in them, and cuts the snippets.
//!
//! BM25 counts a query's words wherever they are in an article; an article that holds them
//! side by side, or names them in its opening words, is more likely about what was asked than
//! one that mentions each in a different paragraph. So each of the first [`RERANK_DEPTH`] hits
//! gets its BM25 score multiplied by
//!
//! * `1 + proximity × cluster`, where `cluster` is the part of the query's term weight
//!   (inverse document frequencies) found together in the best stretch of `proximity_chars`
//!   characters (EVALUATION.md: +0.007 MRR@10 on questions, +0.001 on headlines);
//! * `1 + lead × lead share`, the part found in the first `lead_chars` characters (+0.005 on
//!   questions, −0.0002 on headlines);
//! * `1 + answer` when the query asks "when" or "how many" and a year or number stands within
//!   `answer_chars` characters of a query word ([`super::question`]; +0.004 on questions);
//! * `1 + tight × share` within `tight_chars` characters, off by default (it lost on both sets,
//!   as did a deeper rerank: EVALUATION.md, "Ranking that generalizes").
//!
//! Only the first page is reranked: its articles are read for their snippets anyway, and the
//! same search shows the same first ten whatever `--limit` says. Later ranks keep BM25's order.

use anyhow::{Context, Result};
use tantivy::collector::Count;
use tantivy::query::{Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Term};

use super::collapse::Folded;
use super::question::Expects;
use super::snippet::Matches;
use super::stats::QueryStats;
use super::{Engine, Hit, RankedPath, SearchOptions, Similar, SnippetMaker, SortBy, SNIPPET_CHARS};
use crate::article::Article;

/// How many of the best hits the rerank reorders by default (`Ranking::rerank_depth`).
pub const RERANK_DEPTH: usize = 10;

/// How many of the best hits this search's rerank reorders.
pub fn rerank_depth(options: &SearchOptions) -> usize {
    options.ranking.rerank_depth as usize
}

/// Does this search rerank its first page? Then `rank` returns that page from rank one on.
pub fn reranks(options: &SearchOptions) -> bool {
    let ranking = &options.ranking;
    (ranking.proximity > 0.0 || ranking.lead > 0.0 || ranking.answer > 0.0)
        && options.sort == SortBy::Score
        && options.offset < rerank_depth(options)
}

/// A stored article read for the rerank, kept for its hit.
struct Read {
    article: Article,
    /// Where the query matched in the snippet's passage.
    found: Matches,
}

/// The text a hit's snippet comes from: its body, or its title when the body is empty (an
/// article that is all title still gets a snippet).
fn passage(article: &Article) -> &str {
    if article.body.trim().is_empty() {
        &article.title
    } else {
        &article.body
    }
}

/// A ranked document, with its article once the rerank has read it.
type Ranked = (f32, DocAddress, Option<Read>);

impl Engine<'_> {
    pub(super) fn hits(
        &self,
        stats: &QueryStats,
        query: &dyn Query,
        ranked: Vec<(f32, DocAddress)>,
        folded: &Folded,
        options: &SearchOptions,
        expects: Option<Expects>,
    ) -> Result<Vec<Hit>> {
        let fields = self.fields();
        let mut maker =
            SnippetMaker::new(stats, query, &[fields.body, fields.title], SNIPPET_CHARS);
        let mut ranked: Vec<Ranked> = ranked.into_iter().map(|(s, a)| (s, a, None)).collect();
        if reranks(options) {
            self.rerank_first_page(&mut maker, &mut ranked, options, expects)?;
        }
        // The articles the rerank did not read are read together.
        let unread: Vec<DocAddress> = ranked
            .iter()
            .filter(|(_, _, read)| read.is_none())
            .map(|(_, address, _)| *address)
            .collect();
        let mut unread = self.read_page(&unread)?.into_iter();
        let mut hits = Vec::with_capacity(ranked.len());
        for (rank, (score, address, read)) in ranked.into_iter().enumerate() {
            let (article, found) = match read {
                Some(Read { article, found }) => (article, Some(found)),
                None => (
                    unread
                        .next()
                        .context("a hit's stored article was not read")?,
                    None,
                ),
            };
            let passage = passage(&article);
            let found = found.unwrap_or_else(|| maker.find(passage));
            hits.push(Hit {
                rank: options.offset + rank + 1,
                score,
                title_highlights: maker.highlight(&article.title),
                snippet: maker.snippet_of(passage, &found),
                id: article.id,
                path: article.path,
                docno: article.docno,
                title: article.title,
                date: article.date,
                source: article.source,
                author: article.author,
                similar: self.similar_of(folded, address)?,
            });
        }
        Ok(hits)
    }

    /// What a hit folds, read from the store.
    fn similar_of(&self, folded: &Folded, address: DocAddress) -> Result<Vec<Similar>> {
        let Some(members) = folded.similar.get(&address) else {
            return Ok(Vec::new());
        };
        let articles = self.read_page(members)?;
        Ok(articles
            .into_iter()
            .map(|article| Similar {
                id: article.id,
                path: article.path,
                title: article.title,
                date: article.date,
                source: article.source,
            })
            .collect())
    }

    /// The hits [`Engine::hits`] would make, named by path: taken from the fast field, so only
    /// the articles the rerank reads (or of an index without the field) are read, and, if
    /// `with_records`, those of files holding several articles, whose ids tell them apart.
    pub(super) fn paths_of(
        &self,
        stats: &QueryStats,
        query: &dyn Query,
        ranked: Vec<(f32, DocAddress)>,
        options: &SearchOptions,
        expects: Option<Expects>,
        with_records: bool,
    ) -> Result<Vec<RankedPath>> {
        let mut ranked: Vec<Ranked> = ranked.into_iter().map(|(s, a)| (s, a, None)).collect();
        if reranks(options) {
            let fields = self.fields();
            let mut maker =
                SnippetMaker::new(stats, query, &[fields.body, fields.title], SNIPPET_CHARS);
            self.rerank_first_page(&mut maker, &mut ranked, options, expects)?;
        }
        let paths: Vec<Option<String>> = ranked
            .iter()
            .map(|(_, address, _)| self.fast_path(*address))
            .collect();
        let unread: Vec<DocAddress> = ranked
            .iter()
            .zip(&paths)
            .filter(|((_, _, read), path)| read.is_none() && path.is_none())
            .map(|((_, address, _), _)| *address)
            .collect();
        let mut unread = self.read_page(&unread)?.into_iter();
        let mut named = Vec::with_capacity(ranked.len());
        for (rank, ((score, address, read), path)) in ranked.into_iter().zip(paths).enumerate() {
            let (path, id) = match (path, read) {
                (Some(path), read) => (path, read.map(|read| read.article.id)),
                (None, Some(read)) => (read.article.path, Some(read.article.id)),
                (None, None) => {
                    let article = unread
                        .next()
                        .context("a hit's stored article was not read")?;
                    (article.path, Some(article.id))
                }
            };
            let record = if with_records && self.shares_file(&path)? {
                Some(match id {
                    Some(id) => id,
                    None => self.stored.read(address)?.id,
                })
            } else {
                None
            };
            named.push(RankedPath {
                rank: options.offset + rank + 1,
                score,
                path,
                record,
            });
        }
        Ok(named)
    }

    /// Does the file at `path` hold more than one live article? Most files hold one, and the
    /// term's document frequency says so without a search; it also counts articles deleted
    /// but not yet merged away, so a frequency above one is checked with a count.
    fn shares_file(&self, path: &str) -> Result<bool> {
        let term = Term::from_field_text(self.fields().path, path);
        if self.searcher.doc_freq(&term)? < 2 {
            return Ok(false);
        }
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        Ok(self.searcher.search(&query, &Count)? > 1)
    }

    /// Reads the first [`RERANK_DEPTH`] articles, rescores them by where the query's words
    /// stand in them (the module comment says how), reorders them, and cuts the page
    /// (`offset`, `limit`) out of what was ranked whole.
    fn rerank_first_page(
        &self,
        maker: &mut SnippetMaker,
        ranked: &mut Vec<Ranked>,
        options: &SearchOptions,
        expects: Option<Expects>,
    ) -> Result<()> {
        let depth = ranked.len().min(rerank_depth(options));
        let addresses: Vec<DocAddress> = ranked[..depth].iter().map(|hit| hit.1).collect();
        let articles = self.read_page(&addresses)?;
        for ((score, _, read), article) in ranked[..depth].iter_mut().zip(articles) {
            let text = passage(&article);
            let found = maker.find(text);
            let ranking = &options.ranking;
            let total = maker.total_weight();
            let cluster = found.cluster_share(total, ranking.proximity_chars as usize);
            let lead = found.lead_share(total, ranking.lead_chars as usize);
            *score *= (1.0 + ranking.proximity * cluster) * (1.0 + ranking.lead * lead);
            if ranking.tight > 0.0 {
                let tight = found.cluster_share(total, ranking.tight_chars as usize);
                *score *= 1.0 + ranking.tight * tight;
            }
            if let Some(kind) = expects {
                if found.number_near(text, kind, ranking.answer_chars as usize) {
                    *score *= 1.0 + ranking.answer;
                }
            }
            *read = Some(Read { article, found });
        }
        // stable: equal scores keep BM25's order
        ranked[..depth].sort_by(|a, b| b.0.total_cmp(&a.0));
        ranked.drain(..options.offset.min(ranked.len()));
        ranked.truncate(options.limit);
        Ok(())
    }

    /// Reads the stored articles at `addresses`, returned in the same order. They are read in
    /// index order, so that hits in one block of the document store follow each other and the
    /// block is decompressed once even when the store keeps only the last one
    /// ([`Engine::for_one_search`]).
    pub(super) fn read_page(&self, addresses: &[DocAddress]) -> Result<Vec<Article>> {
        let mut order: Vec<usize> = (0..addresses.len()).collect();
        order.sort_by_key(|&i| addresses[i]);
        let mut placed: Vec<Option<Article>> = addresses.iter().map(|_| None).collect();
        for i in order {
            placed[i] = Some(self.stored.read(addresses[i])?);
        }
        Ok(placed.into_iter().flatten().collect())
    }

    /// The path of a document from the fast field, if the index has one.
    fn fast_path(&self, address: DocAddress) -> Option<String> {
        let paths = self.paths.get_or_init(|| {
            self.searcher
                .segment_readers()
                .iter()
                .map(|segment| segment.fast_fields().str("path").ok().flatten())
                .collect()
        });
        let column = paths.get(address.segment_ord as usize)?.as_ref()?;
        let ord = column.term_ords(address.doc_id).next()?;
        let mut path = String::new();
        column.ord_to_str(ord, &mut path).ok()?.then_some(path)
    }
}
