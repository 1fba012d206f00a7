//! Which files the index holds articles of, read from the index itself.
//!
//! The index, not the manifest, is the truth about what is indexed: the manifest is a cache of
//! content keys, which a crash, a lost segment or `fahras rm DOCNO` can leave claiming more than
//! the index holds. The `path` field is indexed whole (a raw term per file), so the files under
//! a folder are a range of its term dictionary, and a file's articles are its term's postings.
//! Only *live* documents count: a delete that is committed but not yet merged away leaves the
//! term in the dictionary, with its documents marked dead in the segment's alive bitset.

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use tantivy::postings::TermInfo;
use tantivy::schema::IndexRecordOption;
use tantivy::termdict::TermStreamer;
use tantivy::{InvertedIndexReader, Searcher, SegmentReader, Term};

use super::Fields;

/// Live documents of `segment` among the postings of a term, `info`.
fn live_in(segment: &SegmentReader, field: tantivy::schema::Field, info: &TermInfo) -> Result<u64> {
    let Some(alive) = segment.alive_bitset() else {
        return Ok(u64::from(info.doc_freq));
    };
    let inverted = segment.inverted_index(field)?;
    let postings = inverted.read_postings_from_terminfo(info, IndexRecordOption::Basic)?;
    Ok(u64::from(postings.doc_freq_given_deletes(alive)))
}

/// How many live articles of the file at `path` (canonical) the searcher's commit holds: one
/// term lookup per segment, and a walk of the postings only in a segment with deletes.
pub fn live_count(searcher: &Searcher, fields: Fields, path: &str) -> Result<u64> {
    live_docs(searcher, &Term::from_field_text(fields.path, path))
}

/// How many live documents of the searcher's commit hold `term` (tantivy's `doc_freq` also
/// counts the deleted ones not yet merged away).
pub fn live_docs(searcher: &Searcher, term: &Term) -> Result<u64> {
    let mut live = 0;
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(term.field())?;
        if let Some(info) = inverted.get_term_info(term)? {
            live += live_in(segment, term.field(), &info)?;
        }
    }
    Ok(live)
}

/// The files at `under` or below it (a folder: `under/…`), each with its count of live
/// articles, in path order; files whose articles are all deleted are left out.
pub fn indexed_files(
    searcher: &Searcher,
    fields: Fields,
    under: &str,
) -> Result<Vec<(String, u64)>> {
    let folder = format!("{}/", under.trim_end_matches('/'));
    // Every path below the folder starts with `folder`; '/' + 1 is '0', the first byte after
    // the whole range.
    let end = format!("{}0", folder.trim_end_matches('/'));
    let files = count_files(searcher, fields, |segment, inverted, count| {
        if let Some(info) = inverted.get_term_info(&Term::from_field_text(fields.path, under))? {
            count(segment, under.as_bytes(), &info)?;
        }
        let range = inverted.terms().range();
        let stream = range.ge(folder.as_bytes()).lt(end.as_bytes()).into_stream();
        count_stream(
            segment,
            stream.context("cannot read the index's paths")?,
            count,
        )
    })?;
    Ok(files.into_iter().collect())
}

/// Every file the index holds articles of, with its count of live articles (for `check`).
pub fn all_indexed_files(searcher: &Searcher, fields: Fields) -> Result<BTreeMap<String, u64>> {
    count_files(searcher, fields, |segment, inverted, count| {
        let stream = inverted.terms().stream();
        count_stream(
            segment,
            stream.context("cannot read the index's paths")?,
            count,
        )
    })
}

/// Adds the live articles of one path term of a segment to the count.
type Count<'a> = dyn FnMut(&SegmentReader, &[u8], &TermInfo) -> Result<()> + 'a;

/// Live articles per path, over the path terms that `visit` hands to its counter in each
/// segment.
fn count_files(
    searcher: &Searcher,
    fields: Fields,
    mut visit: impl FnMut(&SegmentReader, &InvertedIndexReader, &mut Count) -> Result<()>,
) -> Result<BTreeMap<String, u64>> {
    let mut files: BTreeMap<String, u64> = BTreeMap::new();
    let mut count = |segment: &SegmentReader, key: &[u8], info: &TermInfo| -> Result<()> {
        let live = live_in(segment, fields.path, info)?;
        if live > 0 {
            let path = String::from_utf8_lossy(key).into_owned();
            *files.entry(path).or_default() += live;
        }
        Ok(())
    };
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(fields.path)?;
        visit(segment, &inverted, &mut count)?;
    }
    Ok(files)
}

/// Hands every term of `stream` to `count`.
fn count_stream(
    segment: &SegmentReader,
    mut stream: TermStreamer<'_>,
    count: &mut Count,
) -> Result<()> {
    while stream.advance() {
        count(segment, stream.key(), stream.value())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::index::{index_with, ArticleWriter};

    fn article(id: &str, path: &str) -> Article {
        Article {
            id: id.into(),
            path: path.into(),
            title: "عنوان".into(),
            body: "نص".into(),
            ..Article::default()
        }
    }

    #[test]
    fn files_under_a_folder_count_only_live_articles() {
        let (_dir, index) = index_with(&[
            article("1", "/n/a.txt"),
            article("2", "/n/sub/b.xml"),
            article("3", "/n/sub/b.xml"),
            article("4", "/n-other/c.txt"),
            article("5", "/n.txt"),
            article("6", "/n/gone.txt"),
        ]);
        let mut writer = ArticleWriter::new(&index, 1, false).unwrap();
        writer.delete_file("/n/gone.txt");
        writer.delete_term(Term::from_field_text(index.fields.id, "3"));
        writer.commit().unwrap();
        writer.finish().unwrap();
        let searcher = index.searcher().unwrap();
        let files = indexed_files(&searcher, index.fields, "/n").unwrap();
        let expected = [("/n/a.txt".to_string(), 1), ("/n/sub/b.xml".to_string(), 1)];
        assert_eq!(files, expected);
        let one = indexed_files(&searcher, index.fields, "/n/a.txt").unwrap();
        assert_eq!(one, [("/n/a.txt".to_string(), 1)]);
        assert_eq!(
            live_count(&searcher, index.fields, "/n/sub/b.xml").unwrap(),
            1
        );
        assert_eq!(
            live_count(&searcher, index.fields, "/n/gone.txt").unwrap(),
            0
        );
        assert_eq!(live_count(&searcher, index.fields, "/n.txt").unwrap(), 1);
        assert!(indexed_files(&searcher, index.fields, "/x")
            .unwrap()
            .is_empty());
    }
}
