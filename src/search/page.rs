//! What the web view (`fahras serve`) asks of an index, on the search of `fahras search`: a
//! page of hits with the number of matches and the facets that filter them, and one stored
//! article with the query's words found in it and its near-copies.
//!
//! The server keeps one [`Engine`] per commit of the index and answers every request with it
//! ([`Engine::over`]), so what is read per request is what the request asks and nothing more;
//! the facets and the total come from one pass over the matches' fast fields
//! ([`views::count::count_each`]).

use anyhow::{Context, Result};
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, IndexReader, ReloadPolicy, Searcher, Term};

use super::stats::QueryStats;
use super::views::{self, Bucket, Bucketing};
use super::{Engine, Outcome, SearchOptions, Similar, SnippetMaker, SNIPPET_CHARS};
use crate::article::Article;
use crate::index::near::{self, Signatures};
use crate::index::{ArticleIndex, BlockCache};

/// The matches of a query counted by source, year and month.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    pub sources: Vec<Bucket>,
    pub years: Vec<Bucket>,
    pub months: Vec<Bucket>,
}

/// One page of a search: its hits, how many articles match in all, and the facets.
#[derive(Debug, Clone)]
pub struct ResultPage {
    pub total: u64,
    pub outcome: Outcome,
    pub facets: Facets,
}

/// A stored article shown whole, with where the query's words are in it.
#[derive(Debug, Clone)]
pub struct ArticlePage {
    pub article: Article,
    /// Matched words of the title and of the body, as character ranges.
    pub title_marks: Vec<(usize, usize)>,
    pub body_marks: Vec<(usize, usize)>,
    /// The live articles similar to it (near-copies of the same story).
    pub similar: Vec<Similar>,
}

/// Follows the commits of an index for a process that outlives them (the server): one reader,
/// reloaded when asked, each commit searched through an [`Engine`] of its own.
pub struct Follower<'a> {
    index: &'a ArticleIndex,
    reader: IndexReader,
}

impl<'a> Follower<'a> {
    pub fn new(index: &'a ArticleIndex) -> Result<Follower<'a>> {
        let reader = index
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            // stored articles are read through `StoredArticles`, which keeps its own blocks
            .doc_store_cache_num_blocks(0)
            .try_into()
            .map_err(|err| crate::index::damage::damaged(&index.dir, err))?;
        Ok(Follower { index, reader })
    }

    /// An engine over the index's last commit.
    pub fn latest(&self) -> Result<Engine<'a>> {
        self.reader
            .reload()
            .map_err(|err| crate::index::damage::damaged(&self.index.dir, err))?;
        Engine::over(self.index, self.reader.searcher())
    }
}

impl<'a> Engine<'a> {
    /// An engine over `searcher` (a reader's view of one commit) for many requests: its
    /// document stores share [`BlockCache::Shared`], as a batch's do.
    pub fn over(index: &'a ArticleIndex, searcher: Searcher) -> Result<Engine<'a>> {
        let stored = index.stored_articles(&searcher, BlockCache::Shared)?;
        Ok(Engine {
            index,
            searcher,
            stored,
            paths: std::sync::OnceLock::new(),
            signatures: std::sync::OnceLock::new(),
        })
    }

    /// The page `options` asks for (`offset`, `limit`), the total and the facets.
    pub fn result_page(&self, query: &str, options: &SearchOptions) -> Result<ResultPage> {
        let outcome = self.search(query, options)?;
        let by = [Bucketing::Source, Bucketing::Year, Bucketing::Month];
        let mut counts = views::count::count_each(self, query, options, &by)?.into_iter();
        let mut next = || counts.next().unwrap_or_default();
        let facets = Facets {
            sources: next(),
            years: next(),
            months: next(),
        };
        // every match has one source bucket, (none) included
        let total = facets.sources.iter().map(|b| b.documents).sum();
        Ok(ResultPage {
            total,
            outcome,
            facets,
        })
    }

    /// The live article whose id is `id` (exactly), with `query`'s words marked in it (none
    /// for an empty query), or `None` if the index holds no such article.
    pub fn article_page(
        &self,
        id: &str,
        query: &str,
        options: &SearchOptions,
    ) -> Result<Option<ArticlePage>> {
        let Some(address) = self.address_of(id)? else {
            return Ok(None);
        };
        let article = self.stored.read(address)?;
        let (mut title_marks, mut body_marks) = (Vec::new(), Vec::new());
        if !query.trim().is_empty() {
            if let Some(compiled) = self.build(query, options)? {
                let stats = QueryStats::new(&self.searcher);
                let fields = [self.fields().body, self.fields().title];
                let mut maker =
                    SnippetMaker::new(&stats, compiled.as_ref(), &fields, SNIPPET_CHARS);
                title_marks = maker.highlight(&article.title);
                body_marks = maker.highlight(&article.body);
            }
        }
        let similar = self.similar_to(address)?;
        Ok(Some(ArticlePage {
            article,
            title_marks,
            body_marks,
            similar,
        }))
    }

    /// The live document whose id is `id`.
    fn address_of(&self, id: &str) -> Result<Option<DocAddress>> {
        let term = Term::from_field_text(self.fields().id, id);
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let found = self
            .searcher
            .search(&query, &DocSetCollector)
            .context("lookup failed")?;
        Ok(found.into_iter().min())
    }

    /// The articles similar to the one at `address`, oldest first.
    fn similar_to(&self, address: DocAddress) -> Result<Vec<Similar>> {
        let signatures = self
            .signatures
            .get_or_init(|| Signatures::open(&self.searcher));
        let Some(signature) = signatures.get(address) else {
            return Ok(Vec::new());
        };
        let threshold = near::DEFAULT_SIMILARITY;
        let found = near::similar_to(
            &self.searcher,
            self.fields(),
            signatures,
            address,
            &signature,
            threshold,
        )?;
        let mut similar: Vec<Similar> = found
            .into_iter()
            .map(|other| self.stored.read(other))
            .map(|read| {
                read.map(|article| Similar {
                    id: article.id,
                    path: article.path,
                    title: article.title,
                    date: article.date,
                    source: article.source,
                })
            })
            .collect::<Result<_>>()?;
        similar.sort_by(|a, b| {
            (a.date.is_none(), &a.date, &a.id).cmp(&(b.date.is_none(), &b.date, &b.id))
        });
        Ok(similar)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::index_with;

    fn article(id: &str, source: &str, date: &str, body: &str) -> Article {
        Article {
            id: id.into(),
            path: id.into(),
            title: format!("عنوان {id}"),
            body: body.into(),
            date: Some(date.into()),
            source: Some(source.into()),
            ..Article::default()
        }
    }

    const STORY: &str = "أعلنت وزارة الصحة اليوم عن تسجيل حالات جديدة في مدينة الرياض وقالت \
        الوزارة في بيان إن الفرق الطبية تتابع الحالات وإن الوضع تحت السيطرة ودعت المواطنين \
        إلى اتباع الإرشادات الصحية والابتعاد عن التجمعات في الأماكن العامة";

    #[test]
    fn a_page_counts_its_matches_by_source_and_period_and_filters_by_source() {
        let (_dir, index) = index_with(&[
            article("/a", "BBC", "2018-01-05", "التحالف الدولي"),
            article("/b", "BBC Arabic", "2018-03-01", "قال التحالف"),
            article("/c", "CNN", "2019-02-01", "التحالف"),
            article("/d", "CNN", "2019-02-01", "خبر آخر"),
        ]);
        let engine = Engine::over(&index, index.searcher().unwrap()).unwrap();
        let options = SearchOptions::default();
        let page = engine.result_page("التحالف", &options).unwrap();
        assert_eq!(page.total, 3);
        assert_eq!(page.outcome.hits.len(), 3);
        let keys = |buckets: &[Bucket]| -> Vec<(Option<String>, u64)> {
            buckets
                .iter()
                .map(|b| (b.key.clone(), b.documents))
                .collect()
        };
        let some = |k: &str, n| (Some(k.to_string()), n);
        assert_eq!(keys(&page.facets.years), [some("2018", 2), some("2019", 1)]);
        assert_eq!(page.facets.months.len(), 14);
        assert_eq!(
            keys(&page.facets.sources),
            [some("BBC", 1), some("BBC Arabic", 1), some("CNN", 1)]
        );
        let only_bbc = SearchOptions {
            source: Some("BBC".into()),
            ..SearchOptions::default()
        };
        let filtered = engine.result_page("التحالف", &only_bbc).unwrap();
        assert_eq!(filtered.total, 1, "BBC Arabic is another source");
        assert_eq!(filtered.outcome.hits[0].id, "/a");
    }

    #[test]
    fn an_article_is_found_by_its_id_with_its_marks_and_copies() {
        let (_dir, index) = index_with(&[
            article("/one", "BBC", "2018-01-05", STORY),
            article(
                "/copy",
                "CNN",
                "2018-01-06",
                &format!("الرياض - واس: {STORY}"),
            ),
            article("/other", "CNN", "2018-01-06", "فاز فريق الهلال على النصر"),
        ]);
        let engine = Engine::over(&index, index.searcher().unwrap()).unwrap();
        let options = SearchOptions::default();
        let page = engine
            .article_page("/one", "الوزارة", &options)
            .unwrap()
            .unwrap();
        assert_eq!(page.article.id, "/one");
        let marked: Vec<String> = page
            .body_marks
            .iter()
            .map(|&(from, to)| {
                page.article
                    .body
                    .chars()
                    .skip(from)
                    .take(to - from)
                    .collect()
            })
            .collect();
        assert!(!marked.is_empty());
        assert!(
            marked.iter().all(|word| word.contains("وزارة")),
            "{marked:?}"
        );
        let copies: Vec<&str> = page.similar.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(copies, ["/copy"]);
        assert!(engine
            .article_page("/none", "", &options)
            .unwrap()
            .is_none());
        let unmarked = engine
            .article_page("/other", "", &options)
            .unwrap()
            .unwrap();
        assert!(unmarked.body_marks.is_empty() && unmarked.similar.is_empty());
    }
}
