//! Optional query words ranked without scoring the articles that cannot enter the top hits.
//!
//! A query of a few words is a union of word scorers ([`WordForms`]: a word's forms in title
//! or body, its exact form), any of which may match. tantivy's union scores every article any
//! of them is in, and its block-max WAND, which skips the others, only drives its own term
//! scorers; so on an archive every article holding a common word such as الدولي was scored,
//! and a search grew with the archive (BENCHMARKS.md, "Archive scale").
//!
//! [`WordsUnion`] ranks the same union with MaxScore (Turtle and Flood, 1995; what Lucene does
//! for unions): each word scorer has a most it can score in a segment (BM25 saturates, see
//! [`WordFormsWeight::bounded_scorer`](super::WordFormsWeight)). Once the top k is full, the
//! words whose bounds add up to no more than the k-th score cannot bring an article in on
//! their own: only the articles of the other words are visited, and the first ones are looked
//! up there only while the article can still pass. An article's score is added up in the
//! clauses' order, as tantivy's union adds it, so the hits and their scores are the same bits;
//! anything else (counting, explaining, scoring one article) is tantivy's own union.

use std::sync::Mutex;

use tantivy::query::{BooleanQuery, EnableScoring, Explanation, Occur, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

use super::{WordForms, WordFormsWeight};

/// The clauses of a boolean query.
pub type Clauses = Vec<(Occur, Box<dyn Query>)>;

/// Optional words, any of which may match, scored as the sum of those that do.
#[derive(Clone, Debug)]
pub struct WordsUnion {
    words: Vec<WordForms>,
}

impl WordsUnion {
    /// The union of `clauses` if each is an optional [`WordForms`], else the clauses back.
    pub fn of(clauses: Vec<(Occur, Box<dyn Query>)>) -> Result<WordsUnion, Clauses> {
        let all_words = clauses
            .iter()
            .all(|(occur, query)| *occur == Occur::Should && query.is::<WordForms>());
        if !all_words || clauses.is_empty() {
            return Err(clauses);
        }
        let words = clauses
            .into_iter()
            .map(|(_, query)| *query.downcast::<WordForms>().expect("checked above"))
            .collect();
        Ok(WordsUnion { words })
    }

    /// The same union as tantivy runs it: what every use but top-k ranking gets.
    fn boolean(&self) -> BooleanQuery {
        let clauses = self.words.iter().map(|word| {
            let query: Box<dyn Query> = Box::new(word.clone());
            (Occur::Should, query)
        });
        BooleanQuery::new(clauses.collect())
    }
}

impl Query for WordsUnion {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let words = self
            .words
            .iter()
            .map(|word| word.forms_weight(enable_scoring))
            .collect::<tantivy::Result<_>>()?;
        Ok(Box::new(WordsUnionWeight {
            words,
            union: self.boolean().weight(enable_scoring)?,
            floor: Mutex::new(Score::MIN),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for word in &self.words {
            word.query_terms(visitor);
        }
    }
}

struct WordsUnionWeight {
    words: Vec<WordFormsWeight>,
    /// tantivy's union of the same words.
    union: Box<dyn Weight>,
    /// The highest k-th score of a segment ranked so far: an article of another segment that
    /// cannot score above it cannot enter the top k either, the k articles above it being
    /// better. A segment's top k starts empty, so without this each segment would have to
    /// find good articles again before it skips any.
    floor: Mutex<Score>,
}

impl Weight for WordsUnionWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.union.scorer(reader, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.union.explain(reader, doc)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.union.count(reader)
    }

    fn for_each_no_score(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(&[DocId]),
    ) -> tantivy::Result<()> {
        self.union.for_each_no_score(reader, callback)
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        self.prune(threshold, reader, callback).map(|_visited| ())
    }
}

impl WordsUnionWeight {
    /// [`Weight::for_each_pruning`], returning how many articles it visited.
    fn prune(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<usize> {
        let mut clauses = Vec::with_capacity(self.words.len());
        for (order, word) in self.words.iter().enumerate() {
            if let Some((scorer, bound)) = word.bounded_scorer(reader, 1.0)? {
                if scorer.doc() != TERMINATED {
                    clauses.push(Clause {
                        scorer,
                        bound,
                        order,
                    });
                }
            }
        }
        let floor = *self.floor.lock().expect("a score");
        let mut kth = threshold;
        let mut collect = |doc: DocId, score: Score| {
            kth = callback(doc, score);
            kth
        };
        let visited = MaxScore::new(clauses, self.words.len()).run(threshold, floor, &mut collect);
        let mut shared = self.floor.lock().expect("a score");
        *shared = shared.max(kth);
        Ok(visited)
    }
}

/// One word's scorer in a segment, the most it scores there, and its place in the query.
struct Clause {
    scorer: Box<dyn Scorer>,
    bound: Score,
    order: usize,
}

/// Bounds are compared with a margin, so that the rounding of sums taken in another order than
/// the score's never skips an article that passes.
fn cannot_pass(most: Score, threshold: Score) -> bool {
    most * (1.0 + 1e-4) <= threshold
}

/// MaxScore over the clauses of one segment.
struct MaxScore {
    /// Sorted by bound, smallest first.
    clauses: Vec<Clause>,
    /// `reach[i]`: the sum of the bounds of `clauses[..=i]`.
    reach: Vec<Score>,
    /// Each clause's score of the article at hand, by its place in the query.
    scores: Vec<Option<Score>>,
}

impl MaxScore {
    fn new(mut clauses: Vec<Clause>, words: usize) -> MaxScore {
        clauses.sort_by(|a, b| a.bound.total_cmp(&b.bound));
        let reach = clauses
            .iter()
            .scan(0.0, |sum, clause| {
                *sum += clause.bound;
                Some(*sum)
            })
            .collect();
        MaxScore {
            clauses,
            reach,
            scores: vec![None; words],
        }
    }

    /// How many of the clauses (the first ones) cannot bring an article past `threshold` alone.
    fn non_essential(&self, threshold: Score) -> usize {
        self.reach
            .iter()
            .take_while(|&&reach| cannot_pass(reach, threshold))
            .count()
    }

    /// Hands `callback` each article that scores above `threshold` (which it raises); returns
    /// how many articles were visited.
    /// Articles that cannot score above `floor` are skipped as well.
    fn run(
        mut self,
        mut threshold: Score,
        floor: Score,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> usize {
        let mut first_essential = self.non_essential(threshold.max(floor));
        let mut visited = 0;
        while first_essential < self.clauses.len() {
            let essential = &mut self.clauses[first_essential..];
            let doc = essential
                .iter()
                .map(|c| c.scorer.doc())
                .min()
                .unwrap_or(TERMINATED);
            if doc == TERMINATED {
                break;
            }
            visited += 1;
            // the essential clauses at `doc`, moved past it
            let mut most = 0.0;
            for clause in essential.iter_mut() {
                if clause.scorer.doc() == doc {
                    let score = clause.scorer.score();
                    self.scores[clause.order] = Some(score);
                    most += score;
                    clause.scorer.advance();
                }
            }
            let skip_below = threshold.max(floor);
            if let Some(score) = self.score_of(doc, most, first_essential, skip_below) {
                // equal to the floor, it might still come before the k-th by its address
                if score > threshold && score >= floor {
                    threshold = callback(doc, score);
                    first_essential = self.non_essential(threshold.max(floor));
                }
            }
            self.scores.iter_mut().for_each(|score| *score = None);
        }
        visited
    }

    /// The score of `doc`, unless it cannot pass `threshold`: `most` is what its essential
    /// clauses scored; the others are looked up, the one that may score most first, while the
    /// article can still pass.
    fn score_of(
        &mut self,
        doc: DocId,
        mut most: Score,
        first_essential: usize,
        threshold: Score,
    ) -> Option<Score> {
        for i in (0..first_essential).rev() {
            if cannot_pass(most + self.reach[i], threshold) {
                return None;
            }
            let clause = &mut self.clauses[i];
            if clause.scorer.doc() < doc {
                clause.scorer.seek(doc);
            }
            if clause.scorer.doc() == doc {
                let score = clause.scorer.score();
                self.scores[clause.order] = Some(score);
                most += score;
            }
        }
        // added up in the query's order, as tantivy's union does
        let score = self.scores.iter().flatten().fold(0.0, |sum, s| sum + s);
        Some(score)
    }
}

#[cfg(test)]
mod tests;
