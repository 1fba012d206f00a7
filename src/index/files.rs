//! Which files the index holds articles of, read from the index itself.
//!
//! The index, not the manifest, is the truth about what is indexed: the manifest is a cache of
//! content keys, which a crash, a lost segment or `fahras rm DOCNO` can leave claiming more than
//! the index holds. The `path` field is indexed whole (a raw term per file), so the files under
//! a folder are a range of its term dictionary, and a file's articles are its term's postings.
//! Only *live* documents count: a delete that is committed but not yet merged away leaves the
//! term in the dictionary, with its documents marked dead in the segment's alive bitset.
//!
//! **Archive members.** The articles of a member of a zip archive have the path
//! `ARCHIVE!/MEMBER` ([`member_path`]): what search prints and `show` finds is the member, and
//! each member is replaced, kept or removed as a file would be. The *file*, for the manifest
//! and the rest of this module, is still the archive: a file's articles are those of its path
//! and of every `path!/…` below it, one more range of the term dictionary, so `rm ARCHIVE`,
//! `--prune` and the unchanged check (which compares the manifest's count for the archive with
//! the live articles of all its members) all see an archive as the one file it is on disk.

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

/// What joins an archive's path and a member's name in the path of the member's articles.
pub const MEMBER_SEPARATOR: &str = "!/";

/// The path of the articles of the member `name` of the archive at `archive` (canonical).
pub fn member_path(archive: &str, name: &str) -> String {
    format!("{archive}{MEMBER_SEPARATOR}{name}")
}

/// Is `path` named as a zip archive, the only file with members? (Only such a path costs
/// the lookup of a range of members: the unchanged check of every other file stays one term
/// lookup per segment.)
fn named_zip(path: &str) -> bool {
    path.len() >= 4
        && path.is_char_boundary(path.len() - 4)
        && path[path.len() - 4..].eq_ignore_ascii_case(".zip")
}

/// The file an indexed path belongs to: the archive of a member path (the part before the
/// first `.zip!/`, whatever the case of `zip`), else the path itself.
pub fn file_of(path: &str) -> &str {
    let mut from = 0;
    while let Some(at) = path[from..].find(MEMBER_SEPARATOR) {
        let end = from + at;
        let archive = &path[..end];
        if named_zip(archive) {
            return archive;
        }
        from = end + MEMBER_SEPARATOR.len();
    }
    path
}

/// How many live articles of the file at `path` (canonical) the searcher's commit holds, with
/// those of its members if it is an archive: one term lookup and one range per segment, and a
/// walk of the postings only in a segment with deletes.
pub fn live_count(searcher: &Searcher, fields: Fields, path: &str) -> Result<u64> {
    let mut live = live_docs(searcher, &Term::from_field_text(fields.path, path))?;
    for (_, members) in members_of(searcher, fields, path)? {
        live += members;
    }
    Ok(live)
}

/// The paths of the file at `path` the index holds live articles of, with their counts: its
/// own, and those of its members if it is an archive; in path order.
pub fn file_and_members(
    searcher: &Searcher,
    fields: Fields,
    path: &str,
) -> Result<Vec<(String, u64)>> {
    let mut paths = Vec::new();
    let own = live_docs(searcher, &Term::from_field_text(fields.path, path))?;
    if own > 0 {
        paths.push((path.to_string(), own));
    }
    paths.extend(members_of(searcher, fields, path)?);
    Ok(paths)
}

/// The member paths `archive!/…` with live articles.
fn members_of(searcher: &Searcher, fields: Fields, archive: &str) -> Result<Vec<(String, u64)>> {
    if !named_zip(archive) {
        return Ok(Vec::new());
    }
    let (start, end) = member_range(archive);
    let files = count_files(searcher, fields, |segment, inverted, count| {
        count_range(segment, inverted, (&start, &end), count)
    })?;
    Ok(files.into_iter().collect())
}

/// The range of the term dictionary holding the members of `archive`: from `archive!/` to
/// `archive!0` ('0' is the byte after '/').
fn member_range(archive: &str) -> (String, String) {
    (
        format!("{archive}{MEMBER_SEPARATOR}"),
        format!("{archive}!0"),
    )
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

/// The files at `under` or below it (a folder: `under/…`; an archive: `under!/…`), each with
/// its count of live articles, in path order; files whose articles are all deleted are left
/// out. Members are listed by their own paths.
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
        let (first_member, past_members) = member_range(under);
        count_range(segment, inverted, (&first_member, &past_members), count)?;
        count_range(segment, inverted, (&folder, &end), count)
    })?;
    Ok(files.into_iter().collect())
}

/// Every file the index holds articles of, with its count of live articles (for `check`); the
/// articles of an archive's members count as the archive's.
pub fn all_indexed_files(searcher: &Searcher, fields: Fields) -> Result<BTreeMap<String, u64>> {
    let paths = count_files(searcher, fields, |segment, inverted, count| {
        let stream = inverted.terms().stream();
        count_stream(
            segment,
            stream.context("cannot read the index's paths")?,
            count,
        )
    })?;
    let mut files: BTreeMap<String, u64> = BTreeMap::new();
    for (path, live) in paths {
        *files.entry(file_of(&path).to_string()).or_default() += live;
    }
    Ok(files)
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
/// Counts the live articles of every path in `[start, end)` of a segment's term dictionary.
fn count_range(
    segment: &SegmentReader,
    inverted: &InvertedIndexReader,
    (start, end): (&str, &str),
    count: &mut Count,
) -> Result<()> {
    let range = inverted.terms().range();
    let stream = range.ge(start.as_bytes()).lt(end.as_bytes()).into_stream();
    count_stream(
        segment,
        stream.context("cannot read the index's paths")?,
        count,
    )
}

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

    #[test]
    fn an_archive_is_one_file_with_its_members() {
        let (_dir, index) = index_with(&[
            article("1", "/n/a.zip!/x.json"),
            article("2", "/n/a.zip!/x.json"),
            article("3", "/n/a.zip!/sub/y.txt"),
            article("4", "/n/a.zip.txt"),
            article("5", "/n/a.zipper!/z.txt"),
        ]);
        let searcher = index.searcher().unwrap();
        assert_eq!(live_count(&searcher, index.fields, "/n/a.zip").unwrap(), 3);
        let members = file_and_members(&searcher, index.fields, "/n/a.zip").unwrap();
        let expected = [
            ("/n/a.zip!/sub/y.txt".to_string(), 1),
            ("/n/a.zip!/x.json".to_string(), 2),
        ];
        assert_eq!(members, expected);
        assert_eq!(
            indexed_files(&searcher, index.fields, "/n/a.zip").unwrap(),
            expected
        );
        let all = all_indexed_files(&searcher, index.fields).unwrap();
        assert_eq!(all.get("/n/a.zip"), Some(&3));
        assert_eq!(all.get("/n/a.zipper!/z.txt"), Some(&1));
        assert_eq!(file_of("/n/a.ZIP!/b/c.json"), "/n/a.ZIP");
        assert_eq!(file_of("/n/x!/a.zip!/b!/c"), "/n/x!/a.zip");
        assert_eq!(file_of("/n/x!/b.txt"), "/n/x!/b.txt");
    }
}
