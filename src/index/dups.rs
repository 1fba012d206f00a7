//! The groups of near-copies in the whole index, for `fahras dups`.
//!
//! Every live article's signature is read from its fast field ([`super::near`]); articles that
//! share a band are compared, and pairs at least `threshold` alike are linked. Groups are then
//! made around representatives, never by chaining: articles are taken earliest first (undated
//! last, then by path), and each one not yet in a group takes every linked article not yet in
//! one. So each member is a near-copy of its group's first article, the one a corpus builder
//! keeps; removing it makes the next one the first. Nothing is saved: the groups are read off
//! the index each time, so they always agree with it.

use std::collections::HashSet;

use anyhow::Result;
use tantivy::columnar::StrColumn;
use tantivy::{DocAddress, Searcher};

use super::near::{Signature, SignatureColumn, BANDS};

/// Members of a band compared with each other in full; a larger band's members are compared
/// with these first ones only (thousands of copies of one boilerplate text would otherwise
/// cost millions of comparisons, and each copy is still linked to the first ones).
const FULL_BAND: usize = 64;

/// A live article with a signature, and what orders it as a representative.
struct Member {
    address: DocAddress,
    signature: Signature,
    /// Earliest first, undated last, then by path.
    order: (bool, String, String),
}

fn text_of(column: Option<&StrColumn>, doc: u32) -> Option<String> {
    let column = column?;
    let ord = column.term_ords(doc).next()?;
    let mut text = String::new();
    column.ord_to_str(ord, &mut text).ok()?.then_some(text)
}

/// Every live article with a signature.
fn members(searcher: &Searcher) -> Result<Vec<Member>> {
    let mut members = Vec::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let signatures = SignatureColumn::open(segment);
        let dates = segment.fast_fields().str("date")?;
        let paths = segment.fast_fields().str("path")?;
        for doc in segment.doc_ids_alive() {
            let Some(signature) = signatures.get(doc) else {
                continue;
            };
            let date = text_of(dates.as_ref(), doc);
            let path = text_of(paths.as_ref(), doc).unwrap_or_default();
            members.push(Member {
                address: DocAddress::new(ord as u32, doc),
                signature,
                order: (date.is_none(), date.unwrap_or_default(), path),
            });
        }
    }
    Ok(members)
}

/// The pairs of members at least `threshold` alike that share a band, with their estimated
/// similarity; each pair once, the lower index first.
fn links(members: &[Member], threshold: f32) -> Vec<(u32, u32, f32)> {
    let mut linked = Vec::new();
    let mut compared = HashSet::new();
    let bands: Vec<[u64; BANDS]> = members.iter().map(|m| m.signature.bands()).collect();
    let mut keyed: Vec<(u64, u32)> = Vec::with_capacity(members.len());
    for band in 0..BANDS {
        keyed.clear();
        keyed.extend(bands.iter().enumerate().map(|(i, b)| (b[band], i as u32)));
        keyed.sort_unstable();
        for bucket in keyed.chunk_by(|a, b| a.0 == b.0) {
            for (at, &(_, a)) in bucket.iter().enumerate().take(FULL_BAND) {
                for &(_, b) in &bucket[at + 1..] {
                    if !compared.insert((a, b)) {
                        continue;
                    }
                    let (x, y) = (&members[a as usize], &members[b as usize]);
                    let similarity = x.signature.similarity(&y.signature);
                    if similarity >= threshold {
                        linked.push((a, b, similarity));
                    }
                }
            }
        }
    }
    linked
}

/// Every pair of live articles at least `threshold` alike, with its estimated similarity:
/// what `dups --pairs` prints for the evaluation (EVALUATION.md, "Near-duplicates").
pub fn pairs(searcher: &Searcher, threshold: f32) -> Result<Vec<(DocAddress, DocAddress, f32)>> {
    let members = members(searcher)?;
    Ok(links(&members, threshold)
        .into_iter()
        .map(|(a, b, s)| (members[a as usize].address, members[b as usize].address, s))
        .collect())
}

/// The groups of articles at least `threshold` alike, each a representative first, then its
/// near-copies; groups in the order of their representatives.
pub fn groups(searcher: &Searcher, threshold: f32) -> Result<Vec<Vec<DocAddress>>> {
    let members = members(searcher)?;
    let mut linked: Vec<Vec<u32>> = vec![Vec::new(); members.len()];
    for (a, b, _) in links(&members, threshold) {
        linked[a as usize].push(b);
        linked[b as usize].push(a);
    }
    let mut order: Vec<u32> = (0..members.len() as u32)
        .filter(|&i| !linked[i as usize].is_empty())
        .collect();
    let key = |i: &u32| &members[*i as usize].order;
    order.sort_by(|a, b| key(a).cmp(key(b)));
    let mut grouped = vec![false; members.len()];
    let mut groups = Vec::new();
    for first in order {
        if grouped[first as usize] {
            continue;
        }
        let mut copies: Vec<u32> = linked[first as usize]
            .iter()
            .copied()
            .filter(|&i| !grouped[i as usize])
            .collect();
        if copies.is_empty() {
            continue;
        }
        copies.sort_by(|a, b| key(a).cmp(key(b)));
        copies.dedup();
        grouped[first as usize] = true;
        let mut group = vec![members[first as usize].address];
        for copy in copies {
            grouped[copy as usize] = true;
            group.push(members[copy as usize].address);
        }
        groups.push(group);
    }
    Ok(groups)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::index::{index_with, BlockCache};

    const STORY: &str = "أعلنت وزارة الصحة اليوم عن تسجيل حالات جديدة في مدينة الرياض وقالت \
        الوزارة في بيان إن الفرق الطبية تتابع الحالات وإن الوضع تحت السيطرة ودعت المواطنين إلى \
        اتباع الإرشادات والابتعاد عن التجمعات في الأماكن العامة";

    fn article(path: &str, date: &str, body: &str) -> Article {
        Article {
            id: path.into(),
            path: path.into(),
            title: "عنوان".into(),
            body: body.into(),
            date: Some(date.into()),
            ..Article::default()
        }
    }

    #[test]
    fn copies_group_under_the_earliest_and_other_stories_stay_out() {
        let (_dir, index) = index_with(&[
            article("/c/b.txt", "2015-05-02", &format!("عكاظ: {STORY}")),
            article("/c/a.txt", "2015-05-01", STORY),
            article("/c/c.txt", "2015-05-03", &format!("{STORY} وأضافت")),
            article(
                "/c/d.txt",
                "2015-05-01",
                "فاز الهلال على النصر بهدفين في الملعب",
            ),
        ]);
        let searcher = index.searcher().unwrap();
        let groups = groups(&searcher, 0.5).unwrap();
        let stored = index
            .stored_articles(&searcher, BlockCache::PerSegment(1))
            .unwrap();
        let paths: Vec<Vec<String>> = groups
            .iter()
            .map(|g| g.iter().map(|a| stored.read(*a).unwrap().path).collect())
            .collect();
        assert_eq!(paths, vec![vec!["/c/a.txt", "/c/b.txt", "/c/c.txt"]]);
    }
}
