//! The scorers of a word's forms in one segment: BM25 over the forms' frequencies added up.
//!
//! A common word has a dozen forms in the index (its stem with و, ف, ب, ل, ك and their
//! combinations, a spelling variant), and the scorer is asked for every article any of them is
//! in. Merging the forms' postings one article at a time touched every form's cursor per article
//! (`perf`: 11% of a batch of searches). So, as tantivy's own union does, the forms are read
//! ahead a window of 1,024 articles at a time, each form's postings in one tight loop, into a
//! bitset of the articles found and an array of their weighted frequencies. A word with a single
//! form in the segment needs none of that and reads its postings directly.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::Scorer;
use tantivy::{DocId, DocSet, Score, TERMINATED};

/// BM25 for one segment: the term weight with its boost, and `k1 * (1 - b + b * length /
/// average)` for each of tantivy's 256 encoded field lengths.
pub(super) struct Bm25 {
    pub weight: Score,
    pub length_norm: [Score; 256],
    pub lengths: FieldNormReader,
}

impl Bm25 {
    fn score(&self, doc: DocId, freq: Score) -> Score {
        let norm = self.length_norm[self.lengths.fieldnorm_id(doc) as usize];
        self.weight * freq / (freq + norm)
    }
}

/// The scorer for `postings`, (form, factor) pairs; none may be empty of documents.
pub(super) fn forms_scorer(
    mut postings: Vec<(SegmentPostings, Score)>,
    bm25: Bm25,
) -> Box<dyn Scorer> {
    if postings.len() == 1 {
        let (postings, factor) = postings.pop().expect("one form");
        Box::new(OneFormScorer {
            postings,
            factor,
            bm25,
        })
    } else {
        Box::new(FormsScorer::new(postings, bm25))
    }
}

struct OneFormScorer {
    postings: SegmentPostings,
    factor: Score,
    bm25: Bm25,
}

impl DocSet for OneFormScorer {
    fn advance(&mut self) -> DocId {
        self.postings.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.postings.seek(target)
    }

    fn doc(&self) -> DocId {
        self.postings.doc()
    }

    fn size_hint(&self) -> u32 {
        self.postings.size_hint()
    }
}

impl Scorer for OneFormScorer {
    fn score(&mut self) -> Score {
        let freq = self.postings.term_freq() as Score * self.factor;
        self.bm25.score(self.postings.doc(), freq)
    }
}

/// Articles read ahead at a time.
const WINDOW: u32 = 1024;
const BUCKETS: usize = WINDOW as usize / 64;

struct FormsScorer {
    /// Forms not yet read to their end, each positioned past the window.
    postings: Vec<(SegmentPostings, Score)>,
    /// The articles of the window still to visit, a bit each.
    found: Box<[u64; BUCKETS]>,
    /// The weighted frequency of each article of the window.
    freqs: Box<[Score; WINDOW as usize]>,
    window_start: DocId,
    /// The bucket of `found` the next article is looked for in.
    bucket: usize,
    doc: DocId,
    freq: Score,
    size_hint: u32,
    bm25: Bm25,
}

impl FormsScorer {
    fn new(postings: Vec<(SegmentPostings, Score)>, bm25: Bm25) -> FormsScorer {
        let size_hint = postings
            .iter()
            .map(|(p, _)| p.size_hint())
            .max()
            .unwrap_or(0);
        let mut scorer = FormsScorer {
            postings,
            found: Box::new([0; BUCKETS]),
            freqs: Box::new([0.0; WINDOW as usize]),
            window_start: 0,
            bucket: BUCKETS,
            doc: 0,
            freq: 0.0,
            size_hint,
            bm25,
        };
        scorer.postings.retain(|(p, _)| p.doc() != TERMINATED);
        scorer.advance();
        scorer
    }

    /// Reads the next window, which starts at the first article of any form left.
    fn refill(&mut self) -> bool {
        let Some(start) = self.postings.iter().map(|(p, _)| p.doc()).min() else {
            return false;
        };
        self.window_start = start;
        self.bucket = 0;
        let end = start.saturating_add(WINDOW);
        for (postings, factor) in &mut self.postings {
            let mut doc = postings.doc();
            while doc < end {
                let delta = (doc - start) as usize;
                self.found[delta / 64] |= 1 << (delta % 64);
                self.freqs[delta] += postings.term_freq() as Score * *factor;
                doc = postings.advance();
            }
        }
        self.postings.retain(|(p, _)| p.doc() != TERMINATED);
        true
    }

    /// Moves to the next article of the window, if one is left.
    fn next_in_window(&mut self) -> bool {
        while self.bucket < BUCKETS {
            let bits = self.found[self.bucket];
            if bits != 0 {
                let bit = bits.trailing_zeros() as usize;
                self.found[self.bucket] = bits & (bits - 1);
                let delta = self.bucket * 64 + bit;
                self.doc = self.window_start + delta as DocId;
                self.freq = std::mem::take(&mut self.freqs[delta]);
                return true;
            }
            self.bucket += 1;
        }
        false
    }

    /// Forgets the window's unvisited articles before `delta` (all of them past its end).
    fn drop_window_before(&mut self, delta: usize) {
        let end = delta.min(WINDOW as usize);
        while self.bucket < BUCKETS && self.bucket * 64 < end {
            let from = self.bucket * 64;
            let mut bits = self.found[self.bucket];
            if end < from + 64 {
                // keep the bits at and after `end` in this bucket
                let keep = !0u64 << (end - from);
                let mut dropped = bits & !keep;
                while dropped != 0 {
                    self.freqs[from + dropped.trailing_zeros() as usize] = 0.0;
                    dropped &= dropped - 1;
                }
                self.found[self.bucket] = bits & keep;
                return;
            }
            while bits != 0 {
                self.freqs[from + bits.trailing_zeros() as usize] = 0.0;
                bits &= bits - 1;
            }
            self.found[self.bucket] = 0;
            self.bucket += 1;
        }
    }
}

impl DocSet for FormsScorer {
    fn advance(&mut self) -> DocId {
        loop {
            if self.next_in_window() {
                return self.doc;
            }
            if !self.refill() {
                self.doc = TERMINATED;
                return TERMINATED;
            }
        }
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        let delta = (target - self.window_start) as usize;
        self.drop_window_before(delta);
        if delta >= WINDOW as usize {
            // nothing of the window is left; the forms themselves seek
            for (postings, _) in &mut self.postings {
                if postings.doc() < target {
                    postings.seek(target);
                }
            }
            self.postings.retain(|(p, _)| p.doc() != TERMINATED);
        }
        self.advance()
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.size_hint
    }
}

impl Scorer for FormsScorer {
    fn score(&mut self) -> Score {
        self.bm25.score(self.doc, self.freq)
    }
}
