//! Finding stored articles by what a user has at hand, for `fahras show`: the document id, the
//! corpus's DOCNO, or the path of the file (as ingested, or any spelling that still names it).

use std::path::Path;

use anyhow::{Context, Result};
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, Searcher, Term};

use super::stored::StoredArticles;
use super::{ArticleIndex, BlockCache};
use crate::article::Article;

/// A read-only view of the index for looking documents up.
pub struct Lookup<'a> {
    index: &'a ArticleIndex,
    searcher: Searcher,
    stored: StoredArticles,
}

impl<'a> Lookup<'a> {
    pub fn new(index: &'a ArticleIndex) -> Result<Lookup<'a>> {
        let searcher = index.searcher()?;
        // The articles of one file are neighbours in the store: one block each is enough.
        let stored = index.stored_articles(&searcher, BlockCache::PerSegment(1))?;
        Ok(Lookup {
            index,
            searcher,
            stored,
        })
    }

    /// The articles `target` names, in index order: those whose id is `target` (an article's
    /// DOCNO is its id), else those read from that file (a file may hold several articles).
    /// Empty if nothing matches.
    pub fn find(&self, target: &Path) -> Result<Vec<Article>> {
        let fields = &self.index.fields;
        let text = target.to_string_lossy();
        let mut candidates = vec![
            (fields.id, text.to_string()),
            (fields.path, text.to_string()),
        ];
        // Ingest stores canonical paths, so `./a.txt` or a path through a symlink must be
        // resolved first; a file deleted since ingest can still be named by its stored path.
        if let Ok(canonical) = std::fs::canonicalize(target) {
            candidates.push((fields.path, canonical.to_string_lossy().into_owned()));
        }
        for (field, value) in candidates {
            let addresses = self.addresses(field, &value)?;
            if !addresses.is_empty() {
                return addresses.into_iter().map(|a| self.article(a)).collect();
            }
        }
        Ok(Vec::new())
    }

    fn addresses(&self, field: Field, value: &str) -> Result<Vec<DocAddress>> {
        let query = TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        );
        let mut found: Vec<DocAddress> = self
            .searcher
            .search(&query, &DocSetCollector)
            .context("lookup failed")?
            .into_iter()
            .collect();
        found.sort();
        Ok(found)
    }

    fn article(&self, address: DocAddress) -> Result<Article> {
        self.stored.read(address)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::index_with;

    fn article(id: &str, path: &str, docno: Option<&str>) -> Article {
        Article {
            id: id.into(),
            path: path.into(),
            docno: docno.map(str::to_string),
            title: format!("عنوان {id}"),
            body: "نص الخبر".into(),
            ..Article::default()
        }
    }

    #[test]
    fn finds_by_id_or_docno_then_path() {
        // a file holding two articles, and a third article in a file of its own
        let (_dir, index) = index_with(&[
            article("AL-1", "/c/multi.xml", Some("AL-1")),
            article("/c/multi.xml#2", "/c/multi.xml", None),
            article("/c/one.txt", "/c/one.txt", None),
        ]);
        let lookup = Lookup::new(&index).unwrap();
        let ids = |target: &str| -> Vec<String> {
            let found = lookup.find(Path::new(target)).unwrap();
            found.into_iter().map(|a| a.id).collect()
        };
        assert_eq!(ids("AL-1"), ["AL-1"]);
        assert_eq!(ids("/c/multi.xml#2"), ["/c/multi.xml#2"]);
        assert_eq!(ids("/c/multi.xml"), ["AL-1", "/c/multi.xml#2"]);
        assert_eq!(ids("/c/one.txt"), ["/c/one.txt"]);
        assert!(ids("/c/none.txt").is_empty());
        let found = lookup.find(Path::new("AL-1")).unwrap();
        assert_eq!(found[0], article("AL-1", "/c/multi.xml", Some("AL-1")));
    }
}
