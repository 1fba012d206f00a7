//! Which segments an ingest merges: tantivy's log-sized levels, but never more than
//! [`MAX_MERGE_INPUT_BYTES`] of segments in one merge.
//!
//! A merge reads its segments through memory maps, and every page it touches counts in the
//! process's resident memory until the merge ends. tantivy's default policy merges any eight
//! segments of a similar size, however large: on ki-ant four times over (318 MB of plain
//! text, 117,352 files) it merged full segments at the end of the ingest and took the peak RSS
//! to 332 MiB, past the 300 MB bound of BENCHMARKS.md, and the larger the corpus, the larger
//! the merges. Bounding each merge's input bounds that memory whatever the corpus size (205
//! MiB there). The price is more segments in a large index, each opened by every search; the
//! small segments that incremental ingests leave behind are still merged.

use std::fs;
use std::path::PathBuf;

use tantivy::index::{SegmentComponent, SegmentId, SegmentMeta};
use tantivy::merge_policy::{LogMergePolicy, MergeCandidate, MergePolicy};

/// Most bytes of segment files one merge reads. A full writer budget (64 MiB a thread) leaves
/// segments of 28–35 MB on news text (ki-ant four times over), which stay as they are; only
/// smaller segments, such as incremental ingests leave, are merged.
pub const MAX_MERGE_INPUT_BYTES: u64 = 32 * 1024 * 1024;

/// The files a segment is made of (the deletes file only once it has deletes).
const COMPONENTS: [SegmentComponent; 7] = [
    SegmentComponent::Postings,
    SegmentComponent::Positions,
    SegmentComponent::FastFields,
    SegmentComponent::FieldNorms,
    SegmentComponent::Terms,
    SegmentComponent::Store,
    SegmentComponent::Delete,
];

/// tantivy's [`LogMergePolicy`] with each merge cut down to at most `max_input_bytes` of its
/// smallest segments.
#[derive(Debug)]
pub struct BoundedMergePolicy {
    dir: PathBuf,
    levels: LogMergePolicy,
    max_input_bytes: u64,
}

impl BoundedMergePolicy {
    /// A policy for the index in `dir`, whose segment files it measures.
    pub fn new(dir: PathBuf, max_input_bytes: u64) -> BoundedMergePolicy {
        BoundedMergePolicy {
            dir,
            levels: LogMergePolicy::default(),
            max_input_bytes,
        }
    }

    /// Bytes of a segment's files on disk; a file that cannot be measured counts as too large
    /// to merge, so an unknown cost is never taken on.
    fn segment_bytes(&self, segment: &SegmentMeta) -> u64 {
        COMPONENTS
            .iter()
            .filter(|component| {
                **component != SegmentComponent::Delete || segment.num_deleted_docs() > 0
            })
            .map(|component| {
                fs::metadata(self.dir.join(segment.relative_path(component.clone())))
                    .map_or(u64::MAX / 8, |meta| meta.len())
            })
            .fold(0u64, u64::saturating_add)
    }
}

/// Cuts a merge of segments of the given sizes down to its smallest ones that fit in
/// `max_input_bytes` together, or to nothing if fewer than two do.
fn within_budget(mut sized: Vec<(u64, SegmentId)>, max_input_bytes: u64) -> Vec<SegmentId> {
    sized.sort_unstable_by_key(|(bytes, id)| (*bytes, *id));
    let mut total = 0u64;
    let kept: Vec<SegmentId> = sized
        .into_iter()
        .take_while(|(bytes, _)| {
            total = total.saturating_add(*bytes);
            total <= max_input_bytes
        })
        .map(|(_, id)| id)
        .collect();
    if kept.len() < 2 {
        Vec::new()
    } else {
        kept
    }
}

impl MergePolicy for BoundedMergePolicy {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        self.levels
            .compute_merge_candidates(segments)
            .into_iter()
            .filter_map(|MergeCandidate(ids)| {
                let sized = ids
                    .into_iter()
                    .filter_map(|id| segments.iter().find(|segment| segment.id() == id))
                    .map(|segment| (self.segment_bytes(segment), segment.id()))
                    .collect();
                let kept = within_budget(sized, self.max_input_bytes);
                (!kept.is_empty()).then_some(MergeCandidate(kept))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Vec<SegmentId> {
        (0..n).map(|_| SegmentId::generate_random()).collect()
    }

    #[test]
    fn a_merge_takes_its_smallest_segments_up_to_the_budget() {
        let id = ids(5);
        let sized = vec![
            (40, id[0]),
            (10, id[1]),
            (30, id[2]),
            (20, id[3]),
            (50, id[4]),
        ];
        let mut kept = within_budget(sized, 60);
        kept.sort();
        let mut want = vec![id[1], id[3], id[2]];
        want.sort();
        assert_eq!(kept, want);
    }

    #[test]
    fn no_merge_of_one_segment_or_of_segments_too_large() {
        let id = ids(3);
        assert!(within_budget(vec![(10, id[0]), (70, id[1])], 60).is_empty());
        assert!(within_budget(vec![(70, id[0]), (80, id[1]), (90, id[2])], 60).is_empty());
        assert_eq!(within_budget(vec![(30, id[0]), (30, id[1])], 60).len(), 2);
    }

    #[test]
    fn segments_are_measured_on_disk() {
        use tantivy::schema::{Schema, TEXT};
        let dir = tempfile::tempdir().unwrap();
        let mut schema = Schema::builder();
        let text = schema.add_text_field("text", TEXT);
        let index = tantivy::Index::create_in_dir(dir.path(), schema.build()).unwrap();
        let mut writer: tantivy::IndexWriter =
            index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(tantivy::merge_policy::NoMergePolicy));
        for n in 0..10 {
            let words = "كلمة ".repeat(1 + n * 50);
            writer.add_document(tantivy::doc!(text => words)).unwrap();
            writer.commit().unwrap();
        }
        let segments = index.searchable_segment_metas().unwrap();
        assert_eq!(segments.len(), 10);

        let unbounded = BoundedMergePolicy::new(dir.path().to_path_buf(), u64::MAX / 2);
        let all = unbounded.compute_merge_candidates(&segments);
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].0.len(), 10);

        let policy = BoundedMergePolicy::new(dir.path().to_path_buf(), 0);
        let mut sizes: Vec<u64> = segments.iter().map(|s| policy.segment_bytes(s)).collect();
        sizes.sort_unstable();
        assert!(sizes[0] > 100 && sizes[0] < sizes[9], "{sizes:?}");
        let budget = sizes[..3].iter().sum::<u64>();
        let bounded = BoundedMergePolicy::new(dir.path().to_path_buf(), budget);
        let three = bounded.compute_merge_candidates(&segments);
        assert_eq!(three.len(), 1);
        let mut merged: Vec<u64> = three[0]
            .0
            .iter()
            .map(|id| segments.iter().find(|s| s.id() == *id).unwrap())
            .map(|s| bounded.segment_bytes(s))
            .collect();
        merged.sort_unstable();
        assert_eq!(merged, sizes[..3]);
    }
}
