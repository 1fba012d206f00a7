//! `fahras terms`: the words most characteristic of a query's matches.
//!
//! Each word of the matching articles read (the best [`super::MAX_ARTICLES`]) is compared
//! with the whole index by Dunning's log-likelihood ratio, G² (Dunning 1993, "Accurate methods
//! for the statistics of surprise and coincidence"; the "keyness" of AntConc and WordSmith), on
//! a 2×2 table of articles: those read that hold the word (a), those read that do not (c − a),
//! the others of the index that hold it (b = its document frequency − a), and the others that
//! do not. G² = 2 Σ O ln(O / E) over the four cells, E being what the cell would hold if the
//! word were as frequent in the matches as elsewhere. Only words more frequent in the matches
//! than elsewhere are kept, found in at least a few of them, and no function word or number
//! ([`topicless::names_no_topic`]). Words are counted as the index keeps them (folded, clitics
//! attached) and shown in their most frequent spelling in the articles read.

use std::collections::HashMap;

use anyhow::Result;
use tantivy::Term;

use super::spelling::Spellings;
use crate::analysis::{self, topicless};
use crate::search::{Engine, SearchOptions};

/// A characteristic word of the matches.
#[derive(Debug, Clone, PartialEq)]
pub struct CharacteristicTerm {
    /// Its most frequent spelling in the articles read.
    pub term: String,
    /// Articles read that hold it.
    pub documents: u64,
    /// G², the higher the more characteristic.
    pub score: f64,
}

/// The words characteristic of the articles matching `text`, `limit` at most, best first; and
/// how many articles matched.
pub fn characteristic(
    engine: &Engine,
    text: &str,
    options: &SearchOptions,
    limit: usize,
) -> Result<(usize, Vec<CharacteristicTerm>)> {
    let Some(query) = engine.build(text, options)? else {
        return Ok((0, Vec::new()));
    };
    let (matched, addresses) =
        super::ranked(engine, text, query.as_ref(), super::MAX_ARTICLES, false)?;
    let read = addresses.len() as u64;
    // articles holding each folded word, and its spellings
    let mut in_matches: HashMap<String, u64> = HashMap::new();
    let mut spellings = Spellings::new();
    let mut analyzer = analysis::exact_analyzer();
    let mut seen: Vec<String> = Vec::new();
    super::read_in_order(engine, &addresses, |article| {
        seen.clear();
        for passage in [&article.title, &article.body] {
            let mut stream = analyzer.token_stream(passage);
            while let Some(token) = stream.next() {
                spellings.add(&token.text, &passage[token.offset_from..token.offset_to]);
                seen.push(token.text.clone());
            }
        }
        seen.sort_unstable();
        seen.dedup();
        for word in &seen {
            *in_matches.entry(word.clone()).or_default() += 1;
        }
        true
    })?;
    let total = engine.searcher().num_docs();
    let least = min_documents(read);
    let body = engine.fields().body;
    let mut scored = Vec::new();
    for (word, a) in in_matches {
        if a < least || topicless::names_no_topic(&word) {
            continue;
        }
        let everywhere = engine
            .searcher()
            .doc_freq(&Term::from_field_text(body, &word))?
            .max(a);
        if let Some(score) = keyness(a, read, everywhere, total) {
            scored.push((score, word, a));
        }
    }
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| x.1.cmp(&y.1)));
    scored.truncate(limit);
    let terms = scored
        .into_iter()
        .map(|(score, word, documents)| CharacteristicTerm {
            term: spellings.most_frequent(&word).unwrap_or(&word).to_string(),
            documents,
            score: (score * 100.0).round() / 100.0,
        })
        .collect();
    Ok((matched, terms))
}

/// Fewest articles read a word must be in: one article's rare words say nothing of a hundred.
fn min_documents(read: u64) -> u64 {
    (read / 10).clamp(1, 3)
}

/// G² of a word in `a` of the `read` articles and in `everywhere` of the `total`, if it is
/// more frequent in the articles read than in the others.
fn keyness(a: u64, read: u64, everywhere: u64, total: u64) -> Option<f64> {
    let (a, c, k, n) = (a as f64, read as f64, everywhere as f64, total as f64);
    let rest = n - c;
    let b = k - a;
    // as frequent or rarer in the matches than in the rest: not characteristic
    if rest <= 0.0 || a / c <= b / rest {
        return None;
    }
    let cells = [
        (a, c * k / n),
        (c - a, c * (n - k) / n),
        (b, rest * k / n),
        (rest - b, rest * (n - k) / n),
    ];
    let g2 = 2.0
        * cells
            .iter()
            .filter(|(observed, _)| *observed > 0.0)
            .map(|(observed, expected)| observed * (observed / expected).ln())
            .sum::<f64>();
    Some(g2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyness_matches_a_worked_example() {
        // 2x2 table [[10, 90], [20, 880]]: G² = 2 Σ O ln(O/E) with E from the margins
        let expected = 2.0
            * (10.0 * (10.0f64 / 3.0).ln()
                + 90.0 * (90.0f64 / 97.0).ln()
                + 20.0 * (20.0f64 / 27.0).ln()
                + 880.0 * (880.0f64 / 873.0).ln());
        let g2 = keyness(10, 100, 30, 1000).unwrap();
        assert!((g2 - expected).abs() < 1e-9, "{g2} against {expected}");
        // as frequent in the matches as elsewhere, or less: none
        assert_eq!(keyness(3, 100, 30, 1000), None);
        assert_eq!(keyness(1, 100, 30, 1000), None);
        // a word in every article read and nowhere else scores higher than a common one
        assert!(keyness(100, 100, 100, 1000).unwrap() > keyness(100, 100, 500, 1000).unwrap());
    }
}
