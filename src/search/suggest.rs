//! "Did you mean": respellings of a query that found nothing, from the index's own vocabulary.
//!
//! Each searched-for word that no article contains (in its folded, unstemmed form) is compared
//! with every folded word of the titles and bodies; the closest by edit distance (counted in
//! letters, on folded forms, so hamza and harakat differences cost nothing) and then the most
//! frequent replace it. This only runs when a query has no hit, so walking the vocabulary is
//! affordable.

use std::collections::HashMap;

use tantivy::query_grammar::{Delimiter, UserInputAst, UserInputLeaf};
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use crate::analysis;
use crate::index::Fields;

/// Most distinct unknown words a query may have and still get suggestions.
const MAX_UNKNOWN_WORDS: usize = 16;

/// How many respelled queries to offer.
const MAX_SUGGESTIONS: usize = 3;

/// Up to three respelled queries, best first; empty when every word is known.
pub fn suggest(searcher: &Searcher, fields: Fields, ast: &UserInputAst) -> Vec<String> {
    let mut words = Vec::new();
    collect_words(ast, false, &mut words);
    let mut exact = analysis::exact_analyzer();
    let folded: Vec<Vec<String>> = words
        .iter()
        .map(|w| analysis::analyze(&mut exact, w))
        .collect();
    let known = |w: &str| {
        [fields.body, fields.title]
            .iter()
            .any(|&f| searcher.doc_freq(&Term::from_field_text(f, w)).unwrap_or(0) > 0)
    };
    let mut unknown: Vec<&str> = folded
        .iter()
        .flatten()
        .map(String::as_str)
        .filter(|w| !known(w))
        .collect();
    unknown.sort_unstable();
    unknown.dedup();
    // Each unknown word is compared with the whole vocabulary: a query of many unknown words
    // is not a typo, and respelling them all would take seconds.
    if unknown.is_empty() || unknown.len() > MAX_UNKNOWN_WORDS {
        return Vec::new();
    }
    let candidates = closest_words(searcher, &[fields.body, fields.title], &unknown);
    let mut out = Vec::new();
    for choice in 0..MAX_SUGGESTIONS {
        let mut changed = false;
        let respelled: Vec<String> = folded
            .iter()
            .flatten()
            .map(|w| match candidates.get(w.as_str()) {
                Some(list) if !list.is_empty() => {
                    changed = true;
                    list[choice.min(list.len() - 1)].clone()
                }
                _ => w.clone(),
            })
            .collect();
        let line = respelled.join(" ");
        if changed && !out.contains(&line) {
            out.push(line);
        }
    }
    out
}

/// The surface text of every bare or quoted word that is not negated.
fn collect_words(ast: &UserInputAst, negated: bool, out: &mut Vec<String>) {
    match ast {
        UserInputAst::Clause(children) => {
            for (occur, child) in children {
                let not = matches!(occur, Some(tantivy::query_grammar::Occur::MustNot));
                collect_words(child, negated ^ not, out);
            }
        }
        UserInputAst::Boost(child, _) => collect_words(child, negated, out),
        UserInputAst::Leaf(leaf) => {
            if let UserInputLeaf::Literal(literal) = leaf.as_ref() {
                let searchable =
                    matches!(literal.field_name.as_deref(), None | Some("title" | "body"));
                if !negated && searchable {
                    match literal.delimiter {
                        Delimiter::None => out.push(literal.phrase.clone()),
                        _ => out.extend(literal.phrase.split_whitespace().map(str::to_string)),
                    }
                }
            }
        }
    }
}

/// Largest edit distance accepted for a word of `letters` letters.
fn max_distance(letters: usize) -> usize {
    match letters {
        0..=3 => 1,
        _ => 2,
    }
}

/// For each unknown word, the vocabulary words closest to it, best first.
fn closest_words(
    searcher: &Searcher,
    fields: &[Field],
    unknown: &[&str],
) -> HashMap<String, Vec<String>> {
    let targets: Vec<Vec<char>> = unknown.iter().map(|w| w.chars().collect()).collect();
    // word → (distance, document frequency) per unknown word
    let mut found: Vec<HashMap<String, (usize, u64)>> = vec![HashMap::new(); unknown.len()];
    for segment in searcher.segment_readers() {
        for &field in fields {
            let Ok(inverted) = segment.inverted_index(field) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().stream() else {
                continue;
            };
            while stream.advance() {
                let Ok(word) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                let doc_freq = u64::from(stream.value().doc_freq);
                let chars: Vec<char> = word.chars().collect();
                for (target, slot) in targets.iter().zip(found.iter_mut()) {
                    let limit = max_distance(target.len());
                    if chars.len().abs_diff(target.len()) > limit {
                        continue;
                    }
                    if let Some(d) = bounded_distance(target, &chars, limit) {
                        let entry = slot.entry(word.to_string()).or_insert((d, 0));
                        entry.1 += doc_freq;
                    }
                }
            }
        }
    }
    unknown
        .iter()
        .zip(found)
        .map(|(word, slot)| {
            let mut list: Vec<(String, (usize, u64))> = slot.into_iter().collect();
            list.sort_by(|a, b| {
                a.1 .0
                    .cmp(&b.1 .0)
                    .then(b.1 .1.cmp(&a.1 .1))
                    .then(a.0.cmp(&b.0))
            });
            let words = list
                .into_iter()
                .map(|(w, _)| w)
                .take(MAX_SUGGESTIONS)
                .collect();
            (word.to_string(), words)
        })
        .collect()
}

/// Levenshtein distance between `a` and `b` if it is at most `limit`.
fn bounded_distance(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        current[0] = i + 1;
        let mut row_min = current[0];
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
            row_min = row_min.min(current[j + 1]);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    let d = previous[b.len()];
    (d <= limit).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distance(a: &str, b: &str, limit: usize) -> Option<usize> {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        bounded_distance(&a, &b, limit)
    }

    #[test]
    fn distance_counts_letters() {
        assert_eq!(distance("التحالف", "التحالف", 2), Some(0));
        assert_eq!(distance("التحلف", "التحالف", 2), Some(1));
        assert_eq!(distance("دمشك", "دمشق", 1), Some(1));
        assert_eq!(distance("قسد", "قصف", 1), None);
        assert_eq!(distance("", "ab", 2), Some(2));
    }

    #[test]
    fn negated_and_metadata_words_are_not_respelled() {
        let ast =
            tantivy::query_grammar::parse_query("دمشك -حلب source:رويترز title:الرقه").unwrap();
        let mut words = Vec::new();
        collect_words(&ast, false, &mut words);
        assert_eq!(words, ["دمشك", "الرقه"]);
    }
}
