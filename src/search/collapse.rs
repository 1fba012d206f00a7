//! Folding near-copies of a story under its best-ranked copy (`fahras search` without `--all`).
//!
//! The ranked documents are taken best first. Each one that no earlier hit has claimed is
//! shown; it claims every other document that matches the query and is *similar to it*
//! ([`crate::index::near`]): found by looking its band terms up in the whole index, so a copy
//! ranked on page 40 is still listed under its hit on page 1, and checked against its
//! signature. Only documents similar to the shown one itself are folded under it, never a
//! copy of a copy: two articles that each share half of a third are not folded into one.
//! Nothing is computed at ingest beyond the signatures, so the groups always follow the
//! index: a new copy is folded from the next search on, and removing the copy that was shown
//! shows the next one.

use std::collections::{HashMap, HashSet};

use anyhow::Result;
use tantivy::query::{EnableScoring, Query};
use tantivy::{DocAddress, DocId, DocSet, Searcher};

use super::stats::QueryStats;
use super::{Engine, SearchOptions};
use crate::index::near::{self, similar_to, Signatures};
use crate::index::Fields;

/// The documents shown, and what each one folds.
#[derive(Debug, Default)]
pub struct Folded {
    /// Per shown document, the similar documents that match the query, best first.
    pub similar: HashMap<DocAddress, Vec<DocAddress>>,
}

impl Engine<'_> {
    /// Ranks as [`Engine::rank`] does, but each story once ([`collapse`]): ranks deeper until
    /// the page is full of stories or nothing is left, and returns what `rank` would (from rank
    /// one when the first page is reranked, else the page), with what each shown hit folds.
    pub(super) fn rank_folded(
        &self,
        stats: &QueryStats,
        query: &dyn Query,
        options: &SearchOptions,
    ) -> Result<(Vec<(f32, DocAddress)>, Folded)> {
        let mut want = options.offset.saturating_add(options.limit);
        if super::hits::reranks(options) {
            want = want.max(super::hits::rerank_depth(options));
        }
        let signatures = self
            .signatures
            .get_or_init(|| Signatures::open(&self.searcher));
        let mut depth = want;
        loop {
            let deeper = SearchOptions {
                offset: 0,
                limit: depth,
                ..options.clone()
            };
            let ranked = self.rank(stats, query, &deeper)?;
            let exhausted = ranked.len() < depth;
            let fields = self.fields();
            let (mut shown, folded) = fold(
                &self.searcher,
                fields,
                signatures,
                stats,
                query,
                ranked,
                want,
            )?;
            if shown.len() >= want || exhausted || depth == usize::MAX {
                if !super::hits::reranks(options) {
                    shown.drain(..options.offset.min(shown.len()));
                    shown.truncate(options.limit);
                }
                return Ok((shown, folded));
            }
            depth = deeper_depth(depth, want, shown.len());
        }
    }
}

/// How deep to rank next when `depth` ranked documents showed `shown` stories of the `want`
/// wanted: each ranking pass scores the whole index again, and an archive holding every story
/// many times (16 copies: 16 documents a story) would rank ever twice as deep five times. So the
/// next depth assumes each story to come as many times as it did so far, with half again as
/// many to spare, and at least doubles.
fn deeper_depth(depth: usize, want: usize, shown: usize) -> usize {
    let expected = want.saturating_mul(depth).saturating_mul(3) / shown.max(1).saturating_mul(2);
    depth.saturating_mul(2).max(expected)
}

/// Folds `ranked` (best first): returns the first `want` documents that no earlier one claims,
/// with what each folds.
pub(super) fn fold(
    searcher: &Searcher,
    fields: Fields,
    signatures: &Signatures,
    stats: &QueryStats,
    query: &dyn Query,
    ranked: Vec<(f32, DocAddress)>,
    want: usize,
) -> Result<(Vec<(f32, DocAddress)>, Folded)> {
    let scores: HashMap<DocAddress, f32> = ranked.iter().map(|&(s, a)| (a, s)).collect();
    let mut claimed = HashSet::new();
    let mut shown = Vec::new();
    let mut similar: HashMap<DocAddress, Vec<(f32, DocAddress)>> = HashMap::new();
    // Claimed documents ranked below what was ranked: they fold only if they match the query.
    let mut unranked: Vec<(DocAddress, DocAddress)> = Vec::new();
    for (score, address) in ranked {
        if shown.len() >= want {
            break;
        }
        if !claimed.insert(address) {
            continue;
        }
        shown.push((score, address));
        let Some(signature) = signatures.get(address) else {
            continue;
        };
        let threshold = near::DEFAULT_SIMILARITY;
        for other in similar_to(searcher, fields, signatures, address, &signature, threshold)? {
            if !claimed.insert(other) {
                continue;
            }
            match scores.get(&other) {
                Some(&score) => similar.entry(address).or_default().push((score, other)),
                None => unranked.push((address, other)),
            }
        }
    }
    for (shown_as, score, other) in matching(searcher, stats, query, unranked)? {
        similar.entry(shown_as).or_default().push((score, other));
    }
    let similar = similar
        .into_iter()
        .map(|(address, mut members)| {
            members.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            (address, members.into_iter().map(|(_, a)| a).collect())
        })
        .collect();
    Ok((shown, Folded { similar }))
}

/// The `(shown, document)` pairs whose document matches `query`, with its score.
fn matching(
    searcher: &Searcher,
    stats: &QueryStats,
    query: &dyn Query,
    mut pairs: Vec<(DocAddress, DocAddress)>,
) -> Result<Vec<(DocAddress, f32, DocAddress)>> {
    if pairs.is_empty() {
        return Ok(Vec::new());
    }
    let weight = query.weight(EnableScoring::enabled_from_statistics_provider(
        stats, searcher,
    ))?;
    pairs.sort_by_key(|&(_, doc)| doc);
    let mut out = Vec::new();
    let mut segment_ord = u32::MAX;
    let mut scorer = None;
    for (shown, doc) in pairs {
        if doc.segment_ord != segment_ord {
            segment_ord = doc.segment_ord;
            let segment = searcher.segment_reader(segment_ord);
            scorer = Some(weight.scorer(segment, 1.0)?);
        }
        let scorer = scorer.as_mut().expect("a scorer for the segment");
        let target: DocId = doc.doc_id;
        if scorer.doc() < target {
            scorer.seek(target);
        }
        if scorer.doc() == target {
            out.push((shown, scorer.score(), doc));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::deeper_depth;

    #[test]
    fn ranks_deep_enough_for_the_copies_seen_so_far() {
        // ten documents were four copies each of three stories (and two of a fourth): ten
        // stories need about thirty-three, so the next pass ranks fifty, not twenty
        assert_eq!(deeper_depth(10, 10, 3), 50);
        // sixteen copies of each: one story in ten documents
        assert_eq!(deeper_depth(10, 10, 1), 150);
        // few copies: still at least twice as deep
        assert_eq!(deeper_depth(10, 10, 9), 20);
        assert!(deeper_depth(usize::MAX / 2, 10, 1) >= usize::MAX - 1);
    }
}
