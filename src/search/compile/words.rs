//! What one literal of a query becomes: each word's stem and alternatives in the stemmed
//! fields and its exact form as a bonus, phrases on the stemmed fields, and the folded words
//! of the exact, source and author fields.

use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::query_grammar::UserInputLiteral;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

use super::{Compiler, Target, MAX_RESPELLED_WORDS};
use crate::analysis;
use crate::search::expand::Vocabulary;
use crate::search::forms::WordForms;

impl Compiler<'_> {
    /// Every word of `literal`: the Should clauses of each (see [`Self::word`]).
    pub(super) fn plain_words(
        &mut self,
        literal: &UserInputLiteral,
        target: Target,
    ) -> Vec<Box<dyn Query>> {
        let words = analysis::analyze(&mut self.stemmed, &literal.phrase);
        let mut clauses = Vec::new();
        for stem in &words {
            clauses.extend(self.word(&literal.phrase, stem, target));
        }
        clauses
    }

    fn stem_fields(&self, target: Target) -> Vec<(Field, f32)> {
        let (f, r) = (&self.fields, &self.ranking);
        target.select((f.title, r.title), (f.body, r.body))
    }

    fn exact_fields(&self, target: Target) -> Vec<(Field, f32)> {
        let (f, r) = (&self.fields, &self.ranking);
        target.select((f.title_exact, r.title_exact), (f.body_exact, r.body_exact))
    }

    /// One query word: its stem (and alternatives) in the stemmed fields, its exact form as a
    /// bonus, as clauses of which any may match. `surface` is the word as typed, `stem` its
    /// stemmed form.
    fn word(&mut self, surface: &str, stem: &str, target: Target) -> Vec<Box<dyn Query>> {
        // Alternatives are judged on the body's vocabulary (the title's is too small to say
        // what is frequent), unless the word is restricted to titles.
        let vocab_field = if target == Target::Title {
            self.fields.title
        } else {
            self.fields.body
        };
        let vocab = Vocabulary::new(self.stats, vocab_field);
        let mut terms: Vec<(String, f32)> = vec![(stem.to_string(), 1.0)];
        if self.ranking.clitics > 0.0 {
            for form in vocab.clitic_forms(stem) {
                terms.push((form, self.ranking.clitics));
            }
        }
        if self.ranking.variants > 0.0 {
            for form in vocab.spelling_variants(stem) {
                if !terms.iter().any(|(t, _)| *t == form) {
                    terms.push((form, self.ranking.variants));
                }
            }
        }
        if terms.iter().any(|(text, _)| vocab.doc_freq(text) > 0) {
            self.found_known_word = true;
        } else if self.ranking.respell > 0.0
            && self.required == 0
            && self.respelled < MAX_RESPELLED_WORDS
        {
            // Only a word that may be missing gets respelled: `+word` and `-word` mean that
            // very word.
            if let Some(near) = vocab.near_spelling(stem) {
                terms.push((near, self.ranking.respell));
                self.respelled += 1;
            }
        }
        let mut clauses: Vec<Box<dyn Query>> = Vec::new();
        for (field, weight) in self.stem_fields(target) {
            if weight <= 0.0 {
                continue;
            }
            // One BM25 term for all the forms: see `super::forms`.
            let forms = WordForms::new(field, terms.iter().map(|(t, f)| (t.as_str(), *f)));
            let forms = forms.locate(self.stats);
            clauses.push(Box::new(BoostQuery::new(Box::new(forms), weight)));
        }
        // The exact form of the typed word; a word the stemmed analyzer kept but the exact one
        // splits differently cannot happen (same tokenizer and folding), but an empty result
        // just means no bonus.
        let exact = analysis::analyze(&mut self.exact, surface);
        if exact.len() == 1 {
            for (field, weight) in self.exact_fields(target) {
                if weight > 0.0 {
                    let query = self.exact_form(field, &exact[0]);
                    clauses.push(Box::new(BoostQuery::new(query, weight)));
                }
            }
        }
        if clauses.is_empty() {
            // Every field weighed zero (`--tune`): the word matches nothing, as an empty
            // union does.
            clauses.push(Box::new(BooleanQuery::new(Vec::new())));
        }
        clauses
    }

    /// A quoted phrase on the stemmed fields.
    pub(super) fn phrase(
        &mut self,
        text: &str,
        slop: u32,
        target: Target,
    ) -> Option<Box<dyn Query>> {
        let tokens = positioned_tokens(&mut self.stemmed, text);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (field, weight) in self.stem_fields(target) {
            let query: Box<dyn Query> = match tokens.as_slice() {
                [] => return None,
                [(_, only)] => Box::new(TermQuery::new(
                    Term::from_field_text(field, only),
                    IndexRecordOption::WithFreqs,
                )),
                _ => {
                    let terms = tokens
                        .iter()
                        .map(|(pos, text)| (*pos, Term::from_field_text(field, text)))
                        .collect();
                    Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop))
                }
            };
            clauses.push((Occur::Should, Box::new(BoostQuery::new(query, weight))));
        }
        Some(Box::new(BooleanQuery::new(clauses)))
    }

    /// Exact forms of several words next to each other. The exact fields keep no positions
    /// (they would add an eighth to the index for a rarely used query), so the words' order is
    /// checked on the stemmed field, which has them, and their exact forms on the exact field.
    pub(super) fn exact_phrase(
        &mut self,
        field: Field,
        target: Target,
        text: &str,
    ) -> Option<Box<dyn Query>> {
        let tokens = positioned_tokens(&mut self.exact, text);
        match tokens.as_slice() {
            [] => return None,
            [(_, only)] => return Some(self.exact_form(field, only)),
            _ => {}
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = tokens
            .iter()
            .map(|(_, t)| (Occur::Must, self.exact_form(field, t)))
            .collect();
        clauses.push((Occur::Must, self.phrase(text, 0, target)?));
        Some(Box::new(BooleanQuery::new(clauses)))
    }

    /// `form` in `field` (`title_exact` or `body_exact`), scored by the lengths of the stemmed
    /// twin (the exact fields keep none).
    fn exact_form(&self, field: Field, form: &str) -> Box<dyn Query> {
        let forms = WordForms::new(field, [(form, 1.0)]).lengths_of(self.fields.lengths_for(field));
        Box::new(forms.locate(self.stats))
    }

    /// All words of `text`, folded, in a field analyzed with the exact analyzer.
    pub(super) fn folded_phrase(&mut self, field: Field, text: &str) -> Option<Box<dyn Query>> {
        let tokens = positioned_tokens(&mut self.exact, text);
        match tokens.as_slice() {
            [] => None,
            [(_, only)] => Some(Box::new(TermQuery::new(
                Term::from_field_text(field, only),
                IndexRecordOption::WithFreqs,
            ))),
            _ => Some(Box::new(PhraseQuery::new_with_offset(
                tokens
                    .iter()
                    .map(|(pos, t)| (*pos, Term::from_field_text(field, t)))
                    .collect(),
            ))),
        }
    }
}

/// Tokens of `text` with positions relative to the first one (gaps of removed function words
/// kept, so a phrase matches the same way the document was indexed).
fn positioned_tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut first = None;
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        let base = *first.get_or_insert(token.position);
        out.push((token.position - base, token.text.clone()));
    }
    out
}
