//! What an index holds, for `fahras stats`: documents, size on disk, date range, sources and
//! the most frequent words.
//!
//! Dates and words come from the term dictionaries, which are small next to the documents, so
//! they cost little whatever the corpus size. tantivy keeps a deleted (re-ingested) document's
//! terms until a merge drops them, so every count that could include one is recounted over live
//! documents only. Source names are read from the stored documents, because the indexed form of
//! a source is folded and split into words; that scan is skipped when no article has a source.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};
use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::termdict::TermMerger;
use tantivy::{DocAddress, InvertedIndexReader, Searcher, Term};

use super::stored::StoredValue;
use super::{ArticleIndex, BlockCache};
use crate::analysis::topicless;

/// A name and the number of live documents that have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedCount {
    pub name: String,
    pub documents: u64,
}

/// A summary of one index.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexStats {
    pub dir: String,
    pub documents: u64,
    pub segments: usize,
    /// Bytes of every file in the index directory.
    pub disk_bytes: u64,
    /// Earliest and latest publication date (`YYYY-MM-DD`), if any article has one.
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// Sources, most articles first.
    pub sources: Vec<NamedCount>,
    /// The words found in the most articles (titles and bodies: the body fields index the title
    /// too), folded as the index sees them, most first, function words and numbers left out.
    pub terms: Vec<NamedCount>,
}

/// Gathers the statistics of `index`, listing the `top_terms` most frequent words.
pub fn stats(index: &ArticleIndex, top_terms: usize) -> Result<IndexStats> {
    let searcher = index.searcher()?;
    let fields = &index.fields;
    let deletes = has_deletes(&searcher);
    let mut live_dates = Vec::new();
    for (date, _) in merged_terms(&searcher, fields.date)? {
        if !deletes || live_count(&searcher, fields.date, &date)? > 0 {
            live_dates.push(date);
        }
    }
    Ok(IndexStats {
        dir: index.dir.to_string_lossy().into_owned(),
        documents: searcher.num_docs(),
        segments: searcher.segment_readers().len(),
        disk_bytes: disk_bytes(&index.dir),
        first_date: live_dates.first().cloned(),
        last_date: live_dates.last().cloned(),
        sources: sources(index, &searcher)?,
        terms: top_terms_of(&searcher, fields.body, top_terms)?,
    })
}

fn disk_bytes(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|entry| entry.ok()?.metadata().ok())
        .filter(|meta| meta.is_file())
        .map(|meta| meta.len())
        .sum()
}

fn inverted_indexes(searcher: &Searcher, field: Field) -> Result<Vec<Arc<InvertedIndexReader>>> {
    searcher
        .segment_readers()
        .iter()
        .map(|segment| segment.inverted_index(field))
        .collect::<tantivy::Result<_>>()
        .context("cannot read the term dictionary")
}

/// Every term of `field` in byte order (which for ISO dates is time order), deleted
/// documents' terms included.
fn merged_terms(searcher: &Searcher, field: Field) -> Result<Vec<(String, u64)>> {
    let mut out = Vec::new();
    for_each_term(searcher, field, |term, doc_freq| {
        out.push((term.to_string(), doc_freq));
    })?;
    Ok(out)
}

fn for_each_term(searcher: &Searcher, field: Field, mut f: impl FnMut(&str, u64)) -> Result<()> {
    let inverted = inverted_indexes(searcher, field)?;
    let streams = inverted
        .iter()
        .map(|ii| ii.terms().stream())
        .collect::<std::io::Result<Vec<_>>>()
        .context("cannot read the term dictionary")?;
    let mut merger = TermMerger::new(streams);
    while merger.advance() {
        let doc_freq: u64 = merger
            .current_segment_ords_and_term_infos()
            .map(|(_, info)| u64::from(info.doc_freq))
            .sum();
        // Text terms are UTF-8; skip anything else rather than print mojibake.
        if let Ok(term) = std::str::from_utf8(merger.key()) {
            f(term, doc_freq);
        }
    }
    Ok(())
}

fn has_deletes(searcher: &Searcher) -> bool {
    searcher.segment_readers().iter().any(|s| s.has_deletes())
}

/// Live documents containing `term` in `field`.
fn live_count(searcher: &Searcher, field: Field, term: &str) -> Result<u64> {
    let query = TermQuery::new(Term::from_field_text(field, term), IndexRecordOption::Basic);
    let count = searcher.search(&query, &Count).context("count failed")?;
    Ok(count as u64)
}

/// The `k` terms of `field` in the most live documents, most first, ties in byte order;
/// function words and numbers ([`topicless::names_no_topic`]) are left out.
///
/// Candidates are picked by raw document frequency, which can only overcount. If the k-th
/// live count is at least the raw frequency of every term left out, no term left out can beat
/// it and the answer is exact; otherwise the search widens.
fn top_terms_of(searcher: &Searcher, field: Field, k: usize) -> Result<Vec<NamedCount>> {
    if k == 0 {
        return Ok(Vec::new());
    }
    let deletes = has_deletes(searcher);
    let mut width = if deletes { k.saturating_mul(4) } else { k };
    loop {
        // A max-heap of the worst kept candidate: lowest frequency, then last in byte order.
        let mut heap: BinaryHeap<(Reverse<u64>, String)> = BinaryHeap::with_capacity(width + 1);
        let mut left_out_max = 0;
        for_each_term(searcher, field, |term, doc_freq| {
            if topicless::names_no_topic(term) {
                return;
            }
            heap.push((Reverse(doc_freq), term.to_string()));
            if heap.len() > width {
                if let Some((Reverse(dropped), _)) = heap.pop() {
                    left_out_max = left_out_max.max(dropped);
                }
            }
        })?;
        let mut counted = Vec::with_capacity(heap.len());
        for (Reverse(raw), name) in heap {
            let documents = if deletes {
                live_count(searcher, field, &name)?
            } else {
                raw
            };
            if documents > 0 {
                counted.push(NamedCount { name, documents });
            }
        }
        sort_counts(&mut counted);
        counted.truncate(k);
        let exact = counted.len() == k && counted[k - 1].documents >= left_out_max;
        if exact || left_out_max == 0 {
            return Ok(counted);
        }
        width = width.saturating_mul(4);
    }
}

fn sort_counts(counts: &mut [NamedCount]) {
    counts.sort_by(|a, b| b.documents.cmp(&a.documents).then(a.name.cmp(&b.name)));
}

/// Live documents per stored source name.
fn sources(index: &ArticleIndex, searcher: &Searcher) -> Result<Vec<NamedCount>> {
    let field = index.fields.source;
    let mut any = false;
    for_each_term(searcher, field, |_, _| any = true)?;
    if !any {
        return Ok(Vec::new());
    }
    // Documents are read in store order, so one block per segment is enough.
    let stored = index.stored_articles(searcher, BlockCache::PerSegment(1))?;
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let alive = segment.alive_bitset();
        for doc in (0..segment.max_doc()).filter(|&doc| alive.is_none_or(|a| a.is_alive(doc))) {
            let mut source = None;
            stored.for_each_value(DocAddress::new(ord as u32, doc), |f, value| {
                if let (true, None, StoredValue::Text(text)) = (f == field, &source, value) {
                    source = Some(text.to_string());
                }
            })?;
            if let Some(source) = source {
                *counts.entry(source).or_default() += 1;
            }
        }
    }
    let mut out: Vec<NamedCount> = counts
        .into_iter()
        .map(|(name, documents)| NamedCount { name, documents })
        .collect();
    sort_counts(&mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::index::{open_or_create, ArticleWriter};

    fn article(id: &str, body: &str, date: Option<&str>, source: Option<&str>) -> Article {
        Article {
            id: id.into(),
            path: id.into(),
            // No title: the body fields index the title too, and these tests count body words.
            title: String::new(),
            body: body.into(),
            date: date.map(str::to_string),
            source: source.map(str::to_string),
            ..Article::default()
        }
    }

    /// Commits each batch separately, so that replacing an article leaves a deleted copy in an
    /// older segment.
    fn index_with(batches: &[&[Article]]) -> (tempfile::TempDir, ArticleIndex) {
        let dir = tempfile::tempdir().unwrap();
        let index = open_or_create(dir.path()).unwrap();
        for batch in batches {
            let mut writer = ArticleWriter::new(&index, 1, false).unwrap();
            for article in *batch {
                writer.upsert(article).unwrap();
            }
            writer.commit().unwrap();
        }
        (dir, index)
    }

    fn names(counts: &[NamedCount]) -> Vec<(&str, u64)> {
        counts
            .iter()
            .map(|c| (c.name.as_str(), c.documents))
            .collect()
    }

    #[test]
    fn dates_and_sources_count_live_documents_only() {
        let (dir, index) = index_with(&[
            &[
                article("a", "مطر", Some("2014-03-01"), Some("BBC Arabic")),
                article("b", "مطر", Some("2016-05-05"), Some("العربية")),
                article("c", "مطر", Some("2015-01-01"), None),
            ],
            // a's replacement has a later date and another source
            &[article("a", "مطر", Some("2015-06-30"), Some("العربية"))],
        ]);
        let stats = stats(&index, 5).unwrap();
        assert!(index.index.searchable_segments().unwrap().len() >= 2);
        assert_eq!(stats.documents, 3);
        assert_eq!(stats.first_date.as_deref(), Some("2015-01-01"));
        assert_eq!(stats.last_date.as_deref(), Some("2016-05-05"));
        assert_eq!(names(&stats.sources), [("العربية", 2)]);
        assert_eq!(stats.disk_bytes, super::disk_bytes(dir.path()));
        assert!(stats.disk_bytes > 0);
    }

    #[test]
    fn top_terms_are_exact_when_replaced_articles_inflate_raw_counts() {
        // Five words appear in three articles each, all three later replaced; one word is in
        // two live articles. Raw dictionary counts rank the five dead words first.
        let dead = "زلزال بركان اعصار فيضان جفاف";
        let first: Vec<Article> = (0..3)
            .map(|i| article(&format!("d{i}"), dead, None, None))
            .chain([
                article("live1", "مطر", None, None),
                article("live2", "مطر غيم", None, None),
            ])
            .collect();
        let replaced: Vec<Article> = (0..3)
            .map(|i| article(&format!("d{i}"), "هدوء", None, None))
            .collect();
        let (_dir, index) = index_with(&[&first, &replaced]);
        let stats = stats(&index, 2).unwrap();
        assert_eq!(names(&stats.terms), [("هدوء", 3), ("مطر", 2)]);
        let one = super::top_terms_of(
            &index.index.reader().unwrap().searcher(),
            index.fields.body,
            1,
        )
        .unwrap();
        assert_eq!(names(&one), [("هدوء", 3)]);
    }

    #[test]
    fn ties_are_broken_in_byte_order() {
        let (_dir, index) = index_with(&[&[
            article("x", "جيم باء الف", None, None),
            article("y", "باء", None, None),
        ]]);
        let stats = stats(&index, 3).unwrap();
        assert_eq!(names(&stats.terms), [("باء", 2), ("الف", 1), ("جيم", 1)]);
    }
}
