//! Finding stored articles by what a user has at hand, for `fahras show`: the document id, the
//! corpus's DOCNO, or the path of the file (as ingested, or any spelling that still names it).

use std::path::Path;

use anyhow::{Context, Result};
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use super::{ArticleIndex, Fields};
use crate::article::Article;

/// A read-only view of the index for looking documents up.
pub struct Lookup<'a> {
    index: &'a ArticleIndex,
    searcher: Searcher,
}

impl<'a> Lookup<'a> {
    pub fn new(index: &'a ArticleIndex) -> Result<Lookup<'a>> {
        let searcher = index.searcher()?;
        Ok(Lookup { index, searcher })
    }

    /// The articles `target` names, in index order: those whose id is `target`, else those
    /// with that DOCNO, else those read from that file (a file may hold several articles).
    /// Empty if nothing matches.
    pub fn find(&self, target: &Path) -> Result<Vec<Article>> {
        let fields = &self.index.fields;
        let text = target.to_string_lossy();
        let mut candidates = vec![
            (fields.id, text.to_string()),
            (fields.docno, text.to_string()),
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
        read_article(&self.searcher, &self.index.fields, address)
    }
}

/// The stored article at `address`, its title and body unpacked.
pub fn read_article(searcher: &Searcher, fields: &Fields, address: DocAddress) -> Result<Article> {
    let doc: TantivyDocument = searcher
        .doc(address)
        .context("cannot read a stored document")?;
    let text = |field: Field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let packed_text = |field: Field| {
        doc.get_first(field)
            .and_then(|v| v.as_bytes())
            .map(super::packed::unpack)
            .unwrap_or_default()
    };
    Ok(Article {
        id: text(fields.id).unwrap_or_default(),
        path: text(fields.path).unwrap_or_default(),
        docno: text(fields.docno),
        title: packed_text(fields.title_text),
        body: packed_text(fields.body_text),
        date: text(fields.date),
        source: text(fields.source),
        author: text(fields.author),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{open_or_create, ArticleWriter};

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
    fn finds_by_id_then_docno_then_path() {
        let dir = tempfile::tempdir().unwrap();
        let index = open_or_create(dir.path()).unwrap();
        let mut writer = ArticleWriter::new(&index, 1, false).unwrap();
        // a file holding two articles, and a third article in a file of its own
        writer
            .upsert(&article("AL-1", "/c/multi.xml", Some("AL-1")))
            .unwrap();
        writer
            .upsert(&article("/c/multi.xml#2", "/c/multi.xml", None))
            .unwrap();
        writer
            .upsert(&article("/c/one.txt", "/c/one.txt", None))
            .unwrap();
        writer.commit().unwrap();
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
