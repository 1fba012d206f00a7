//! What the rerank reads in a top hit besides BM25: where the query's words stand in the text.
//!
//! Each measure is a share (0 to 1) of the query's term weight, so it means the same for a
//! two-word headline as for a ten-word question:
//!
//! * **cluster**: found together in one stretch of text (the words of the query side by side);
//! * **lead**: found at the very start of the text, where an article or an encyclopedia
//!   paragraph names what it is about (الباراسيتامول هو…);
//! * and, for a question that asks "when" or "how many", whether a year or number stands near
//!   a query word ([`super::question`]).

use super::question::{numbers, Expects};
use super::snippet::{best_window, Matches};

impl Matches {
    /// The share of `total` weight of the query's terms found together in the best stretch of
    /// `chars` characters.
    pub fn cluster_share(&self, total: f32, chars: usize) -> f32 {
        match best_window(&self.0, chars) {
            Some((_, _, weight)) if total > 0.0 => weight / total,
            _ => 0.0,
        }
    }

    /// The share of `total` weight of the query's terms found in the first `chars` characters.
    pub fn lead_share(&self, total: f32, chars: usize) -> f32 {
        if total <= 0.0 {
            return 0.0;
        }
        let mut seen = Vec::new();
        let mut weight = 0.0;
        for found in self.0.iter().take_while(|m| m.from < chars) {
            if !seen.contains(&found.term) {
                seen.push(found.term);
                weight += found.weight;
            }
        }
        weight / total
    }

    /// Whether a number of the kind asked for stands within `chars` characters of a match in
    /// `text` (the text these matches were found in). A number that is itself part of a match
    /// (a year typed in the query) does not count.
    pub fn number_near(&self, text: &str, kind: Expects, chars: usize) -> bool {
        if self.0.is_empty() {
            return false;
        }
        // Both lists are in text order and numbers do not overlap, so each match looks only at
        // the numbers that end at most `chars` before it: linear in a long article, not
        // matches × numbers.
        let numbers = numbers(text, kind);
        self.0.iter().any(|m| {
            let first = numbers.partition_point(|&(_, to)| to + chars < m.from);
            numbers[first..]
                .iter()
                .take_while(|&&(from, _)| from <= m.to + chars)
                .any(|&(from, to)| from >= m.to || to <= m.from)
        })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::search::SnippetMaker;

    fn maker() -> SnippetMaker {
        let terms = HashMap::from([("نجيب".to_string(), 1.0), ("محفوظ".to_string(), 3.0)]);
        SnippetMaker::from_terms(terms, 200)
    }

    #[test]
    fn lead_counts_only_the_opening_characters() {
        let mut maker = maker();
        let text = "نجيب محفوظ روائي مصري";
        let found = maker.find(text);
        assert_eq!(found.lead_share(maker.total_weight(), 20), 1.0);
        assert_eq!(found.lead_share(maker.total_weight(), 3), 0.25);
        let later = maker.find("روائي مصري كبير اسمه نجيب محفوظ");
        assert_eq!(later.lead_share(maker.total_weight(), 20), 0.0);
    }

    #[test]
    fn cluster_counts_each_term_once() {
        let mut maker = maker();
        let found = maker.find("محفوظ محفوظ ثم كلام طويل جدا جدا جدا جدا عن شيء آخر ثم نجيب");
        assert_eq!(found.cluster_share(maker.total_weight(), 15), 0.75);
        assert_eq!(found.cluster_share(maker.total_weight(), 200), 1.0);
    }

    #[test]
    fn a_year_near_a_query_word() {
        let mut maker = maker();
        let near = "ولد نجيب محفوظ عام 1911 في القاهرة";
        let far = "ولد نجيب محفوظ في حي الجمالية بالقاهرة وكتب كثيرا عن حواري المدينة القديمة وعاش حتى 2006";
        let found = maker.find(near);
        assert!(found.number_near(near, Expects::Year, 10));
        assert!(!found.number_near(near, Expects::Year, 3));
        let found = maker.find(far);
        assert!(!found.number_near(far, Expects::Year, 30));
        assert!(found.number_near(far, Expects::Year, 80));
        let found = maker.find("لا شيء هنا 1911");
        assert!(!found.number_near("لا شيء هنا 1911", Expects::Year, 100));
    }

    #[test]
    fn a_number_that_is_a_query_word_is_not_an_answer() {
        let terms = HashMap::from([("2015".to_string(), 1.0)]);
        let mut maker = SnippetMaker::from_terms(terms, 200);
        let alone = "حدث ذلك في 2015 وحده";
        let found = maker.find(alone);
        assert!(!found.number_near(alone, Expects::Year, 50));
        let two = "حدث ذلك في 2015 ثم 2016";
        let found = maker.find(two);
        assert!(found.number_near(two, Expects::Year, 50));
    }
}
