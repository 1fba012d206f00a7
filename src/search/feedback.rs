//! Pseudo-relevance feedback, RM3-style: words of the first hits join the query.
//!
//! A query names what it wants in few words; the articles it finds first use others for the same
//! thing. Here the stems of the first `feedback_docs` hits are weighed as relevance model 1
//! does (a stem's share of each article's words, times the article's share of their BM25
//! scores), times their inverse document frequency, so that the words every article of the
//! topic shares (the title of a Wikipedia article, repeated in each of its paragraphs) weigh
//! little against the words that set these hits apart. The best `feedback_words` stems,
//! searched as words through the compiler (their clitic forms and variants too), are added
//! with `feedback` times the query's weight, the query itself required: the matches stay
//! those of the query, only their order changes. Off by default: see EVALUATION.md.

use std::collections::{HashMap, HashSet};

use anyhow::Result;
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::query_grammar::{Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::Term;

use super::stats::QueryStats;
use super::{compile, Engine, SearchOptions, SortBy};
use crate::analysis;

/// A stem's evidence from the first hits: its relevance-model weight and a word of the text
/// that has it (what is searched).
struct Candidate {
    weight: f32,
    written: String,
}

impl Engine<'_> {
    /// `query` with the words of its first hits added, or `None` when feedback is off or
    /// finds nothing to add.
    pub(super) fn with_feedback(
        &self,
        stats: &QueryStats,
        query: &dyn Query,
        text: &str,
        options: &SearchOptions,
    ) -> Result<Option<Box<dyn Query>>> {
        let ranking = options.ranking;
        if ranking.feedback <= 0.0 || ranking.feedback_docs == 0 || options.sort != SortBy::Score {
            return Ok(None);
        }
        let first = SearchOptions {
            offset: 0,
            limit: ranking.feedback_docs as usize,
            collapse: false,
            ..options.clone()
        };
        let mut ranked = self.rank(stats, query, &first)?;
        ranked.truncate(ranking.feedback_docs as usize);
        let total: f32 = ranked.iter().map(|(score, _)| score).sum();
        if ranked.is_empty() || total <= 0.0 {
            return Ok(None);
        }
        let mut stemmed = analysis::stemmed_analyzer();
        let own: HashSet<String> = analysis::analyze(&mut stemmed, text).into_iter().collect();
        let addresses: Vec<_> = ranked.iter().map(|(_, address)| *address).collect();
        let articles = self.read_page(&addresses)?;
        let mut candidates: HashMap<String, Candidate> = HashMap::new();
        for ((score, _), article) in ranked.iter().zip(&articles) {
            let words = stems_of(&mut stemmed, &article.title, &article.body);
            let share = score / total / words.len().max(1) as f32;
            for (stem, written) in words {
                if own.contains(&stem) || stem.chars().count() < 3 {
                    continue;
                }
                candidates
                    .entry(stem)
                    .or_insert(Candidate {
                        weight: 0.0,
                        written,
                    })
                    .weight += share;
            }
        }
        let chosen = self.best_candidates(stats, candidates, ranking.feedback_words as usize);
        if chosen.is_empty() {
            return Ok(None);
        }
        let query_words = own.len().max(1) as f32;
        let sum: f32 = chosen.iter().map(|(_, weight)| weight).sum();
        let expansion = UserInputAst::Clause(
            chosen
                .into_iter()
                .map(|(written, weight)| {
                    let boost = f64::from(ranking.feedback * query_words * weight / sum);
                    (
                        None,
                        UserInputAst::Boost(Box::new(literal(written)), boost.into()),
                    )
                })
                .collect(),
        );
        let mut plain = ranking;
        plain.feedback = 0.0;
        let compiler = compile::Compiler::new(stats, self.fields(), plain);
        let Some(expansion) = compiler.compile(&expansion)? else {
            return Ok(None);
        };
        Ok(Some(Box::new(BooleanQuery::new(vec![
            (Occur::Must, query.box_clone()),
            (Occur::Should, expansion.query),
        ]))))
    }

    /// The `count` candidates of highest weight times inverse document frequency, with that
    /// weight. Only the `4 × count` of highest weight are looked up in the index.
    fn best_candidates(
        &self,
        stats: &QueryStats,
        candidates: HashMap<String, Candidate>,
        count: usize,
    ) -> Vec<(String, f32)> {
        let mut by_weight: Vec<(String, Candidate)> = candidates.into_iter().collect();
        // ties by stem, so that the same hits give the same words whatever the map's order
        by_weight.sort_by(|a, b| b.1.weight.total_cmp(&a.1.weight).then(a.0.cmp(&b.0)));
        by_weight.truncate(count * 4);
        let articles = self.searcher.num_docs().max(1) as f32;
        let body = self.fields().body;
        let mut scored: Vec<(String, f32)> = by_weight
            .into_iter()
            .filter_map(|(stem, candidate)| {
                let term = Term::from_field_text(body, &stem);
                let doc_freq = stats.searched_stem_doc_freq(&term) as f32;
                // a stem only these hits have says nothing about the others
                (doc_freq >= 2.0).then(|| {
                    let idf = (1.0 + (articles - doc_freq + 0.5) / (doc_freq + 0.5)).ln();
                    (candidate.written, candidate.weight * idf)
                })
            })
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored.truncate(count);
        scored
    }
}

/// The stems of an article's title and body, each with the word of the text it came from.
fn stems_of(
    stemmed: &mut tantivy::tokenizer::TextAnalyzer,
    title: &str,
    body: &str,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for text in [title, body] {
        let mut stream = stemmed.token_stream(text);
        while let Some(token) = stream.next() {
            let written = text[token.offset_from..token.offset_to].to_string();
            out.push((token.text.clone(), written));
        }
    }
    out
}

/// A plain query word.
fn literal(word: String) -> UserInputAst {
    UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(UserInputLiteral {
        field_name: None,
        phrase: word,
        delimiter: Delimiter::None,
        slop: 0,
        prefix: false,
    })))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::tests::{article, index_with};
    use crate::search::Ranking;

    #[test]
    fn feedback_adds_words_of_the_first_hits_and_keeps_the_matches_of_the_query() {
        let (_dir, index) = index_with(&[
            article("probe", "هبط المسبار على سطح المريخ وأرسل صور المريخ", None),
            article("planet", "المريخ كوكب أحمر", None),
            article("weather", "كلام عن الطقس", None),
        ]);
        let engine = Engine::new(&index).unwrap();
        let options = SearchOptions {
            ranking: Ranking::default().tune("feedback=0.5").unwrap(),
            ..SearchOptions::default()
        };
        let stats = QueryStats::new(engine.searcher());
        let query = engine.build_with(&stats, "المسبار", &options).unwrap();
        let query = query.unwrap();
        let expanded = engine
            .with_feedback(&stats, query.as_ref(), "المسبار", &options)
            .unwrap()
            .expect("a word to add");
        let mut terms = Vec::new();
        expanded.query_terms(&mut |term, _| {
            terms.push(term.value().as_str().unwrap_or_default().to_string())
        });
        assert!(terms.iter().any(|t| t == "مريخ"), "{terms:?}");
        // a word only the first hit has (سطح) says nothing about the others
        assert!(!terms.iter().any(|t| t == "سطح"), "{terms:?}");
        // the planet article has the added word but not the query's: still not a match
        let hits = engine.search("المسبار", &options).unwrap().hits;
        assert_eq!(hits.len(), 1);
        let off = SearchOptions::default();
        let unchanged = engine.with_feedback(&stats, query.as_ref(), "المسبار", &off);
        assert!(unchanged.unwrap().is_none());
    }
}
