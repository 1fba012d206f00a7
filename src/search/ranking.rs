//! The ranking parameters, with the values the evaluation chose (EVALUATION.md).
//!
//! They live in one struct so the evaluation can try other values without a rebuild: the hidden
//! `--tune key=value,...` flag overrides any of them. Users never need it.

use anyhow::{anyhow, bail, Result};

/// How query words are weighed and which extra evidence counts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranking {
    /// Weight of a stemmed match in the title.
    pub title: f32,
    /// Extra weight of an exact (folded, unstemmed) match in the title.
    pub title_exact: f32,
    /// Weight of a stemmed match in the body.
    pub body: f32,
    /// Extra weight of an exact match in the body.
    pub body_exact: f32,
    /// Proximity: how much the share of the query's weight found together in one stretch of
    /// `proximity_chars` characters raises a top hit's score (0 turns it off; see
    /// `search::hits`).
    pub proximity: f32,
    /// Length of that stretch, in characters.
    pub proximity_chars: u32,
    /// Lead: how much the share of the query's weight found in the first `lead_chars`
    /// characters of a top hit's body raises its score (0 turns it off).
    pub lead: f32,
    /// Length of the lead, in characters.
    pub lead_chars: u32,
    /// Answer type: how much a top hit's score rises when a question asks "when" or "how
    /// many" and a year or number stands within `answer_chars` characters of a query word
    /// (0 turns it off; see `search::question`).
    pub answer: f32,
    /// How near the year or number must be, in characters.
    pub answer_chars: u32,
    /// How much an occurrence of a corpus-aware clitic form of a word (وتوفي for توفي) counts
    /// towards the word's frequency, against 1 for the word itself (0 turns the expansion off;
    /// the forms of a word are one BM25 term, see `search::forms`).
    pub clitics: f32,
    /// The same for spelling variants of a word found in the index (0 turns them off).
    pub variants: f32,
    /// The same for the nearest spelling in the index of a word the index lacks (0 turns it
    /// off).
    pub respell: f32,
    /// How many of the best hits the rerank (proximity, lead, answer) reorders.
    pub rerank_depth: u32,
    /// Tight proximity: like `proximity`, for the share found within `tight_chars` characters
    /// (words side by side rather than in one sentence; 0 turns it off).
    pub tight: f32,
    /// Length of that stretch, in characters.
    pub tight_chars: u32,
    /// Query-term weighting of long queries: in a query of at least `long_words` words, a word
    /// whose stem is in more than `common_share` of the articles weighs `common` times as much
    /// (1 leaves it alone).
    pub common: f32,
    /// Share of the articles above which a word of a long query is common.
    pub common_share: f32,
    /// Words (after function words are dropped) from which a query is long.
    pub long_words: u32,
    /// Pseudo-relevance feedback: weight of the expansion words, taken from the first
    /// `feedback_docs` hits, against 1 for the query (0 turns it off; see `search::feedback`).
    pub feedback: f32,
    /// How many of the first hits the expansion words come from.
    pub feedback_docs: u32,
    /// How many expansion words are added.
    pub feedback_words: u32,
}

impl Default for Ranking {
    fn default() -> Self {
        Ranking {
            title: 0.5,
            title_exact: 0.0,
            body: 1.0,
            body_exact: 0.5,
            proximity: 0.4,
            proximity_chars: 100,
            lead: 0.3,
            lead_chars: 20,
            answer: 0.2,
            answer_chars: 50,
            clitics: 1.0,
            variants: 0.7,
            respell: 0.7,
            rerank_depth: 10,
            tight: 0.0,
            tight_chars: 30,
            common: 1.0,
            common_share: 0.05,
            long_words: 5,
            feedback: 0.0,
            feedback_docs: 3,
            feedback_words: 10,
        }
    }
}

impl Ranking {
    /// Applies `key=value` pairs separated by commas, e.g. `title=3,proximity=0.5`.
    pub fn tune(mut self, spec: &str) -> Result<Ranking> {
        for pair in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, value) = pair
                .split_once('=')
                .ok_or_else(|| anyhow!("--tune: expected key=value, got {pair:?}"))?;
            let number: f32 = value
                .trim()
                .parse()
                .map_err(|_| anyhow!("--tune: {key} needs a number, got {value:?}"))?;
            if !number.is_finite() || number < 0.0 {
                bail!("--tune: {key} must be a non-negative number");
            }
            match key.trim() {
                "title" => self.title = number,
                "title_exact" => self.title_exact = number,
                "body" => self.body = number,
                "body_exact" => self.body_exact = number,
                "proximity" => self.proximity = number,
                "proximity_chars" => self.proximity_chars = number as u32,
                "lead" => self.lead = number,
                "lead_chars" => self.lead_chars = number as u32,
                "answer" => self.answer = number,
                "answer_chars" => self.answer_chars = number as u32,
                "clitics" => self.clitics = number,
                "variants" => self.variants = number,
                "respell" => self.respell = number,
                "rerank_depth" => self.rerank_depth = number as u32,
                "tight" => self.tight = number,
                "tight_chars" => self.tight_chars = number as u32,
                "common" => self.common = number,
                "common_share" => self.common_share = number,
                "long_words" => self.long_words = number as u32,
                "feedback" => self.feedback = number,
                "feedback_docs" => self.feedback_docs = number as u32,
                "feedback_words" => self.feedback_words = number as u32,
                other => bail!(
                    "--tune: unknown key {other:?} (title, title_exact, body, body_exact, \
                     proximity, proximity_chars, lead, lead_chars, answer, answer_chars, \
                     clitics, variants, respell, rerank_depth, tight, tight_chars, common, \
                     common_share, long_words, feedback, feedback_docs, feedback_words)"
                ),
            }
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tune_overrides_only_the_named_keys() {
        let tuned = Ranking::default().tune("title=3, proximity=0.5").unwrap();
        assert_eq!(tuned.title, 3.0);
        assert_eq!(tuned.proximity, 0.5);
        assert_eq!(tuned.body, Ranking::default().body);
    }

    #[test]
    fn the_variants_measured_for_issue_32_are_off_by_default_and_tunable() {
        let off = Ranking::default();
        assert_eq!((off.tight, off.common, off.feedback), (0.0, 1.0, 0.0));
        assert_eq!(off.rerank_depth, 10);
        let tuned = off
            .tune("rerank_depth=20,tight=0.2,common=0.5,common_share=0.2,feedback=0.1")
            .unwrap();
        assert_eq!(tuned.rerank_depth, 20);
        assert_eq!(
            (tuned.tight, tuned.common, tuned.common_share),
            (0.2, 0.5, 0.2)
        );
        assert_eq!(tuned.feedback, 0.1);
        assert_eq!(tuned.feedback_docs, off.feedback_docs);
    }

    #[test]
    fn tune_rejects_bad_input() {
        for spec in ["title", "title=x", "nope=1", "body=-1"] {
            assert!(Ranking::default().tune(spec).is_err(), "{spec}");
        }
    }
}
