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
                other => bail!(
                    "--tune: unknown key {other:?} (title, title_exact, body, body_exact, \
                     proximity, proximity_chars, lead, lead_chars, answer, answer_chars, \
                     clitics, variants, respell)"
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
    fn tune_rejects_bad_input() {
        for spec in ["title", "title=x", "nope=1", "body=-1"] {
            assert!(Ranking::default().tune(spec).is_err(), "{spec}");
        }
    }
}
