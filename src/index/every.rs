//! Every live article of the index, one at a time, with its near-duplicate group: what
//! `fahras export` writes out for another engine.
//!
//! Articles are read segment by segment in document order and handed over one by one, so an
//! export holds one article at a time however large the index. The groups are those of
//! `fahras dups` at its default similarity ([`super::dups::groups`]); only the articles in a
//! group are remembered (an address and a group number each), named by the group's first
//! article, the one a corpus builder keeps.

use std::collections::HashMap;

use anyhow::Result;
use tantivy::{DocAddress, Searcher};

use super::near::DEFAULT_SIMILARITY;
use super::stored::StoredArticles;
use super::{ArticleIndex, BlockCache};
use crate::article::Article;

/// Decompressed document-store blocks kept per segment: the articles are read in order, so
/// each block is read once and one is enough.
const SEQUENTIAL_BLOCKS: usize = 1;

/// The near-duplicate group of each article that has one.
struct Groups {
    of: HashMap<DocAddress, u32>,
    /// The id of each group's first article, by group number.
    names: Vec<String>,
}

impl Groups {
    fn read(searcher: &Searcher, stored: &StoredArticles) -> Result<Groups> {
        let mut of = HashMap::new();
        let mut names = Vec::new();
        for (number, group) in super::dups::groups(searcher, DEFAULT_SIMILARITY)?
            .into_iter()
            .enumerate()
        {
            names.push(stored.read(group[0])?.id);
            of.extend(group.into_iter().map(|address| (address, number as u32)));
        }
        Ok(Groups { of, names })
    }

    fn of(&self, address: DocAddress) -> Option<&str> {
        let number = *self.of.get(&address)?;
        Some(&self.names[number as usize])
    }
}

/// Calls `visit` with every live article and the id naming its near-duplicate group (`None`
/// when it has no near-copy), in document order; stops at the first error. Returns how many
/// articles were visited.
pub fn each_article(
    index: &ArticleIndex,
    mut visit: impl FnMut(&Article, Option<&str>) -> Result<()>,
) -> Result<u64> {
    let searcher = index.searcher()?;
    let stored = index.stored_articles(&searcher, BlockCache::PerSegment(SEQUENTIAL_BLOCKS))?;
    let groups = Groups::read(&searcher, &stored)?;
    let mut visited = 0;
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        for doc in segment.doc_ids_alive() {
            let address = DocAddress::new(ord as u32, doc);
            visit(&stored.read(address)?, groups.of(address))?;
            visited += 1;
        }
    }
    Ok(visited)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::index_with;

    fn article(id: &str, body: &str) -> Article {
        Article {
            id: id.to_string(),
            path: format!("/news/{id}.txt"),
            title: format!("عنوان {id}"),
            body: body.to_string(),
            ..Article::default()
        }
    }

    #[test]
    fn every_article_once_with_the_group_of_its_near_copies() {
        let story = "أعلن التحالف الدولي اليوم أن قواته شنت غارات جديدة على مواقع التنظيم في \
                     محيط مدينة الرقة شمال سوريا وقال المتحدث باسم التحالف إن الغارات دمرت \
                     مخازن أسلحة ومراكز قيادة وإن العمليات ستستمر حتى تحرير المدينة بالكامل";
        let other = "افتتح وزير الثقافة معرض الكتاب السنوي بمشاركة مئات دور النشر العربية \
                     والأجنبية ويستمر المعرض عشرة أيام تقام خلالها ندوات وأمسيات شعرية";
        let articles = [
            article("a", story),
            article("b", other),
            article("c", &format!("{story} بالكامل")),
        ];
        let (_dir, index) = index_with(&articles);
        let mut seen = Vec::new();
        let count = each_article(&index, |article, group| {
            seen.push((article.id.clone(), group.map(str::to_string)));
            Ok(())
        })
        .unwrap();
        assert_eq!(count, 3);
        seen.sort();
        let a = Some("a".to_string());
        assert_eq!(
            seen,
            [
                ("a".to_string(), a.clone()),
                ("b".to_string(), None),
                ("c".to_string(), a)
            ]
        );
    }

    #[test]
    fn an_error_of_the_visitor_stops_the_walk() {
        let (_dir, index) = index_with(&[article("a", "نص"), article("b", "نص آخر")]);
        let mut calls = 0;
        let result = each_article(&index, |_, _| {
            calls += 1;
            anyhow::bail!("disk full")
        });
        assert_eq!(result.unwrap_err().to_string(), "disk full");
        assert_eq!(calls, 1);
    }
}
