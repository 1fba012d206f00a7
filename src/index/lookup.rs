//! Finding stored articles by what a user has at hand: the document id (`path#12` with any
//! spelling of the path), the corpus's DOCNO, or the path of the file (as ingested, or any
//! spelling that names it, also once the file is gone). `show` reads them through [`Lookup`]; `rm` spells paths with [`path_spelling`].

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

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

    /// The articles `target` names, in index order: the one whose id is `target` (an article's
    /// DOCNO is its id), else those read from that file (a file may hold several articles),
    /// else the one whose id is `target`'s `path#N` with the path spelled as the index keeps it.
    /// Empty if nothing matches.
    pub fn find(&self, target: &Path) -> Result<Vec<Article>> {
        let fields = &self.index.fields;
        let text = target.to_string_lossy();
        let mut candidates = vec![
            (fields.id, text.to_string()),
            (fields.path, text.to_string()),
        ];
        // Ingest stores canonical paths, so `./a.txt` or a path through a symlink must be
        // resolved first, also for a file deleted since.
        if let Some(spelling) = path_spelling(target.as_os_str()) {
            candidates.push((fields.path, spelling));
        }
        // `news/a.json#12` names the 12th article of a file by any spelling of its path.
        if let Some((path, record)) = text.rsplit_once('#') {
            let numbered = !record.is_empty() && record.bytes().all(|b| b.is_ascii_digit());
            if let Some(spelling) = numbered.then(|| path_spelling(OsStr::new(path))).flatten() {
                candidates.push((fields.id, format!("{spelling}#{record}")));
            }
        }
        for (field, value) in candidates {
            let addresses = self.addresses(field, &value)?;
            if !addresses.is_empty() {
                let mut articles = addresses
                    .into_iter()
                    .map(|a| self.article(a))
                    .collect::<Result<Vec<Article>>>()?;
                // A file's articles may lie in several segments (tantivy indexes on several
                // threads), so index order is not file order: `PATH#N` ids give it back.
                articles.sort_by_key(record_number);
                return Ok(articles);
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

/// The spelling the index keeps of a path a user typed: canonical, also for a path that no
/// longer exists (the nearest existing ancestor is canonicalized and the rest appended), so
/// that `show` and `rm` find the articles of a file deleted since it was ingested.
pub fn path_spelling(target: &OsStr) -> Option<String> {
    let path = PathBuf::from(target);
    let absolute = if path.is_absolute() {
        path
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    let mut existing: &Path = &absolute;
    let mut rest = Vec::new();
    loop {
        if let Ok(canonical) = std::fs::canonicalize(existing) {
            let full = rest.iter().rev().fold(canonical, |p: PathBuf, c| p.join(c));
            return Some(full.to_string_lossy().into_owned());
        }
        rest.push(existing.file_name()?.to_os_string());
        existing = existing.parent()?;
    }
}

/// Where an article stands in its file: the `N` of an id `PATH#N`, 0 for an article named by
/// its path or a DOCNO (the sort is stable, so those keep index order).
fn record_number(article: &Article) -> u64 {
    article
        .id
        .strip_prefix(article.path.as_str())
        .and_then(|rest| rest.strip_prefix('#'))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
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
    fn a_path_is_spelled_canonically_even_once_it_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let real = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir(real.join("news")).unwrap();
        let typed = real.join("news/../news/gone/a.txt");
        assert_eq!(
            path_spelling(typed.as_os_str()).unwrap(),
            real.join("news/gone/a.txt").to_string_lossy()
        );
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

    #[test]
    fn a_numbered_record_is_found_by_any_spelling_of_its_path() {
        let dir = tempfile::tempdir().unwrap();
        let real = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir(real.join("news")).unwrap();
        let file = real.join("news/day.json").to_string_lossy().into_owned();
        let (_index_dir, index) = index_with(&[
            article(&format!("{file}#1"), &file, None),
            article(&format!("{file}#2"), &file, None),
        ]);
        let lookup = Lookup::new(&index).unwrap();
        let typed = real.join("news/../news/day.json#2");
        let found = lookup.find(&typed).unwrap();
        let ids: Vec<String> = found.into_iter().map(|a| a.id).collect();
        assert_eq!(ids, [format!("{file}#2")]);
        assert!(lookup
            .find(&real.join("news/day.json#3"))
            .unwrap()
            .is_empty());
    }
}
