//! Cuts the passage of a document that best shows why it matched, and marks the matched words.
//!
//! tantivy's `SnippetGenerator` measures its budget in bytes (so an Arabic snippet gets half the
//! letters a Latin one does), starts fragments mid-word and reports byte ranges. This generator
//! counts *characters*, picks the window of text with the most distinct query terms (weighted by
//! rarity), widens it to about `max_chars`, keeps it inside the paragraphs it spans, cuts at
//! word boundaries, marks cuts with "…", and reports highlights as character offsets into the
//! snippet. Matching re-runs the stemmed analyzer over the stored text, so highlights cover the
//! words as written, diacritics included; only words that can stem to a query term are stemmed
//! ([`crate::analysis::StemFinder`]).

use std::collections::HashMap;

use tantivy::query::Query;
use tantivy::schema::Field;

use super::exact_marks::{self, ExactWords};
use super::stats::QueryStats;
use crate::analysis::StemFinder;

/// Ellipsis marking text cut away at either end.
const ELLIPSIS: &str = "…";

/// A passage of a document and where the query matched in it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Snippet {
    /// One line of text.
    pub text: String,
    /// Half-open character (Unicode scalar) ranges into `text`, sorted, not overlapping.
    pub highlights: Vec<(usize, usize)>,
}

/// Makes snippets for one query.
pub struct SnippetMaker {
    /// Stemmed query term → weight (its rarity in the index).
    terms: HashMap<String, f32>,
    /// Sum of the weights, added in sorted order: a sum in the map's (random) order would
    /// differ in the last bit from run to run, and so would the scores it scales.
    total_weight: f32,
    finder: StemFinder,
    /// The query's `=word`s, which match only some words of their stems.
    exact: ExactWords,
    max_chars: usize,
}

/// Where the query's terms occur in one text, from [`SnippetMaker::find`].
#[derive(Debug, Clone, Default)]
pub struct Matches(pub(super) Vec<Match>);

/// One matched word: character range in the text, its start in bytes, and index of its term.
#[derive(Debug, Clone, Copy)]
pub(super) struct Match {
    pub(super) from: usize,
    pub(super) to: usize,
    from_byte: usize,
    pub(super) term: usize,
    pub(super) weight: f32,
}

impl SnippetMaker {
    /// Collects the query's stems on `fields` and weighs them by inverse document frequency.
    pub fn new(
        stats: &QueryStats,
        query: &dyn Query,
        fields: &[Field],
        max_chars: usize,
    ) -> SnippetMaker {
        let num_docs = stats.searcher().num_docs() as f32;
        let mut terms = HashMap::new();
        let mut exact = ExactWords::default();
        query.query_terms(&mut |term, _| {
            if !fields.contains(&term.field()) {
                return;
            }
            let value = term.value();
            let Some(text) = value.as_str() else {
                return;
            };
            // an `=word` is looked for by its stem, weighed as its stem was searched
            let stem = match exact_marks::exact_word(text) {
                Some(folded) => exact.add(folded),
                None => {
                    exact.add_plain(text);
                    text.to_string()
                }
            };
            let stem_term = tantivy::Term::from_field_text(term.field(), &stem);
            let doc_freq = stats.searched_stem_doc_freq(&stem_term) as f32;
            let weight = (1.0 + (num_docs - doc_freq + 0.5) / (doc_freq + 0.5)).ln();
            let entry = terms.entry(stem).or_insert(0.0f32);
            *entry = entry.max(weight);
        });
        SnippetMaker {
            exact,
            ..SnippetMaker::from_terms(terms, max_chars)
        }
    }

    /// A maker for explicit terms (already stemmed) and weights.
    pub fn from_terms(terms: HashMap<String, f32>, max_chars: usize) -> SnippetMaker {
        let mut weights: Vec<f32> = terms.values().copied().collect();
        weights.sort_by(f32::total_cmp);
        SnippetMaker {
            total_weight: weights.iter().sum(),
            finder: StemFinder::new(terms.keys().cloned()),
            exact: ExactWords::default(),
            max_chars: max_chars.max(20),
            terms,
        }
    }

    /// Every matched word of `text`, as character ranges.
    pub fn highlight(&mut self, text: &str) -> Vec<(usize, usize)> {
        self.find(text)
            .0
            .into_iter()
            .map(|m| (m.from, m.to))
            .collect()
    }

    /// Finds the query's terms in `text`.
    pub fn find(&mut self, text: &str) -> Matches {
        Matches(self.matches(text))
    }

    /// The summed weight of the query's terms.
    pub fn total_weight(&self) -> f32 {
        self.total_weight
    }

    fn matches(&mut self, text: &str) -> Vec<Match> {
        let mut matches = Vec::new();
        if self.terms.is_empty() {
            return matches;
        }
        let mut term_ids: HashMap<&str, usize> = HashMap::new();
        // Byte offsets come in increasing order, so one forward walk converts them to chars,
        // and it stops at the last match.
        let (mut at_byte, mut at_char) = (0, 0);
        let mut to_char = |byte: usize| -> usize {
            if byte < at_byte {
                (at_byte, at_char) = (0, 0);
            }
            at_char += text[at_byte..byte].chars().count();
            at_byte = byte;
            at_char
        };
        let (terms, exact) = (&self.terms, &mut self.exact);
        self.finder.find(text, |offset_from, offset_to, stem| {
            let Some((key, &weight)) = terms.get_key_value(stem) else {
                return;
            };
            if exact.keeps(stem, &text[offset_from..offset_to]) {
                let next_id = term_ids.len();
                let term = *term_ids.entry(key.as_str()).or_insert(next_id);
                let from = to_char(offset_from);
                let to = to_char(offset_to);
                matches.push(Match {
                    from,
                    to,
                    from_byte: offset_from,
                    term,
                    weight,
                });
            }
        });
        matches
    }

    /// The best passage of `text` (one paragraph per line) for this query.
    pub fn snippet(&mut self, text: &str) -> Snippet {
        let found = self.find(text);
        self.snippet_of(text, &found)
    }

    /// The best passage of `text`, whose matches `found` already holds.
    pub fn snippet_of(&self, text: &str, found: &Matches) -> Snippet {
        let matches = &found.0;
        let window = best_window(matches, self.max_chars);
        // Only the characters within `max_chars` of the window can end up in the snippet or
        // bound it, so only those are decoded; a paragraph break beyond them changes nothing.
        let reach = self.max_chars + 1;
        let (window_from, window_from_byte, window_to) = match window {
            Some((first, last, _)) => (
                matches[first].from,
                matches[first].from_byte,
                matches[last].to,
            ),
            None => (0, 0, 0),
        };
        let region_from = window_from.saturating_sub(reach);
        let region_from_byte = match window_from - region_from {
            0 => window_from_byte,
            back => text[..window_from_byte]
                .char_indices()
                .rev()
                .nth(back - 1)
                .map_or(0, |(i, _)| i),
        };
        let region: Vec<char> = text[region_from_byte..]
            .chars()
            .take(window_to - region_from + reach)
            .collect();
        let (start, end) = widen(
            &region,
            window_from - region_from,
            window_to - region_from,
            self.max_chars,
        );
        let mut out = String::new();
        let cut_before = start > 0 && region[start - 1] != '\n';
        let cut_after = end < region.len() && region[end] != '\n';
        if cut_before {
            out.push_str(ELLIPSIS);
            out.push(' ');
        }
        let shift = out.chars().count();
        out.extend(
            region[start..end]
                .iter()
                .map(|&c| if c == '\n' { ' ' } else { c }),
        );
        if cut_after {
            out.push(' ');
            out.push_str(ELLIPSIS);
        }
        let (start, end) = (start + region_from, end + region_from);
        let highlights = matches
            .iter()
            .filter(|m| m.from >= start && m.to <= end)
            .map(|m| (m.from - start + shift, m.to - start + shift))
            .collect();
        Snippet {
            text: out,
            highlights,
        }
    }
}

/// Indices of the first and last match of the window of at most `max_chars` characters with the
/// highest weight of distinct terms (ties: more matches, then earlier), and that weight.
pub(super) fn best_window(matches: &[Match], max_chars: usize) -> Option<(usize, usize, f32)> {
    let mut best: Option<(f32, usize, usize, usize)> = None;
    let mut seen = Vec::new();
    for first in 0..matches.len() {
        seen.clear();
        let mut score = 0.0;
        let mut last = first;
        for (j, m) in matches.iter().enumerate().skip(first) {
            if m.to - matches[first].from > max_chars {
                break;
            }
            if !seen.contains(&m.term) {
                seen.push(m.term);
                score += m.weight;
            }
            last = j;
        }
        let count = last - first + 1;
        let better = match best {
            None => true,
            Some((s, c, _, _)) => score > s + 1e-6 || ((score - s).abs() <= 1e-6 && count > c),
        };
        if better {
            best = Some((score, count, first, last));
        }
    }
    best.map(|(score, _, first, last)| (first, last, score))
}

/// Grows `[from, to)` to about `max_chars` characters around the matches, staying inside the
/// paragraphs they are in and cutting only between words.
fn widen(chars: &[char], from: usize, to: usize, max_chars: usize) -> (usize, usize) {
    let len = chars.len();
    // Paragraph bounds: do not spill into the paragraphs before the first match or after the last.
    let para_start = chars[..from]
        .iter()
        .rposition(|&c| c == '\n')
        .map_or(0, |i| i + 1);
    let para_end = chars[to..]
        .iter()
        .position(|&c| c == '\n')
        .map_or(len, |i| to + i);
    let slack = max_chars.saturating_sub(to - from);
    // Leading context is worth less than what follows a match: give it a third of the slack.
    let mut start = from.saturating_sub(slack / 3).max(para_start);
    let mut end = (start + max_chars).max(to).min(para_end);
    if end - start < max_chars {
        start = end.saturating_sub(max_chars).max(para_start).min(from);
    }
    // Cut between words: move inwards to the nearest space, unless that loses the matches.
    if start > para_start && !chars[start - 1].is_whitespace() {
        if let Some(i) = chars[start..from].iter().position(|c| c.is_whitespace()) {
            start += i + 1;
        }
    }
    if end < para_end && !chars[end].is_whitespace() {
        if let Some(i) = chars[to..end].iter().rposition(|c| c.is_whitespace()) {
            end = to + i;
        }
    }
    (start, end.max(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn maker(terms: &[&str], max_chars: usize) -> SnippetMaker {
        let terms = terms.iter().map(|t| (t.to_string(), 1.0)).collect();
        SnippetMaker::from_terms(terms, max_chars)
    }

    fn marked(snippet: &Snippet) -> String {
        let chars: Vec<char> = snippet.text.chars().collect();
        let mut out = String::new();
        let mut pos = 0;
        for &(from, to) in &snippet.highlights {
            out.extend(&chars[pos..from]);
            out.push('[');
            out.extend(&chars[from..to]);
            out.push(']');
            pos = to;
        }
        out.extend(&chars[pos..]);
        out
    }

    #[test]
    fn the_cluster_share_is_the_same_bit_for_bit_every_time() {
        // weights whose float sum depends on the order they are added in: each small one alone
        // is lost against the large one, together they are not
        let words = "سوق بحر نهر جبل حلب دمشق قسد طرطوس درعا ادلب حمص تدمر";
        let terms: Vec<(String, f32)> = words
            .split(' ')
            .enumerate()
            .map(|(i, w)| (w.to_string(), if i == 0 { 1.0 } else { 3e-8 }))
            .collect();
        let share = |_| {
            let mut maker = SnippetMaker::from_terms(terms.iter().cloned().collect(), 200);
            let found = maker.find(words);
            let share = found.cluster_share(maker.total_weight(), 30);
            assert!(share > 0.0 && share < 1.0, "{share}");
            share.to_bits()
        };
        let first = share(0);
        assert!((1..40).map(share).all(|bits| bits == first));
    }

    #[test]
    fn highlights_the_diacritized_original() {
        let snippet = maker(&["تحالف"], 200).snippet("قال إنّ والتَّحالُفِ الدولي مستمر");
        assert_eq!(marked(&snippet), "قال إنّ [والتَّحالُفِ] الدولي مستمر");
    }

    #[test]
    fn picks_the_window_with_most_distinct_terms() {
        let filler = "كلمة ".repeat(60);
        let text = format!("{filler}قسد هنا {filler}قسد والتحالف معا {filler}");
        let snippet = maker(&["قسد", "تحالف"], 60).snippet(&text);
        assert!(
            marked(&snippet).contains("[قسد] [والتحالف]"),
            "{}",
            marked(&snippet)
        );
        assert!(snippet.text.starts_with("… ") && snippet.text.ends_with(" …"));
        assert!(snippet.text.chars().count() <= 60 + 4);
    }

    #[test]
    fn no_match_gives_the_lead_cut_at_a_word() {
        let text = "الفقرة الأولى من المقال طويلة بما يكفي لقصها هنا";
        let snippet = maker(&["غائب"], 25).snippet(text);
        assert!(snippet.highlights.is_empty());
        assert!(snippet.text.ends_with(" …"));
        assert!(text.starts_with(snippet.text.trim_end_matches(" …")));
    }

    #[test]
    fn a_match_deep_in_a_long_text_is_cut_out_with_its_highlight() {
        let filler = "كلمة ".repeat(400);
        let text = format!("سطر أول\n{filler}هنا ذكر قسد ثم {filler}\nسطر أخير");
        let snippet = maker(&["قسد"], 60).snippet(&text);
        assert!(
            marked(&snippet).contains("ذكر [قسد] ثم"),
            "{}",
            marked(&snippet)
        );
        assert!(snippet.text.starts_with("… ") && snippet.text.ends_with(" …"));
        assert!(snippet.text.chars().count() <= 60 + 4);
        // and near the start of the text, the cut stops at the paragraph break
        let text = format!("عنوان\nقسد {filler}");
        let snippet = maker(&["قسد"], 60).snippet(&text);
        assert!(
            marked(&snippet).starts_with("[قسد] كلمة"),
            "{}",
            marked(&snippet)
        );
    }

    #[test]
    fn stays_inside_the_matching_paragraph() {
        let text = "فقرة أولى لا علاقة لها\nهنا ذكر قسد فقط\nفقرة ثالثة";
        let snippet = maker(&["قسد"], 200).snippet(text);
        assert_eq!(marked(&snippet), "هنا ذكر [قسد] فقط");
    }
}
