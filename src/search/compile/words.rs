//! What one literal of a query becomes: each word's stem and alternatives, as all their forms
//! in the title and body fields, and its exact form as a bonus; phrases of stems; and the
//! folded words of the source and author fields.

use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::query_grammar::UserInputLiteral;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

use super::{exact, Compiler, Target, MAX_RESPELLED_WORDS};
use crate::analysis;
use crate::search::exact_marks;
use crate::search::expand::Vocabulary;
use crate::search::forms::{StemPhrase, WordForms};
use crate::search::names::{self, Family};

impl Compiler<'_> {
    /// Every word of `literal`: the Should clauses of each (see [`Self::word`]).
    pub(super) fn plain_words(
        &mut self,
        literal: &UserInputLiteral,
        target: Target,
    ) -> anyhow::Result<Vec<Box<dyn Query>>> {
        if let Some(prefix) = super::prefix::prefix_of(&literal.phrase)? {
            return self.prefix_words(&literal.phrase, prefix, target);
        }
        let words = analysis::analyze(&mut self.stemmed, &literal.phrase);
        self.spend(words.len(), false)?;
        let mut clauses = Vec::new();
        if exact::has_mark(&literal.phrase) {
            // `=word`: the marked words as written, the others as usual
            let marked = exact::marked_tokens(&mut self.exact, &literal.phrase);
            for (stem, (_, folded, marked)) in words.iter().zip(&marked) {
                match marked {
                    true => clauses.extend(self.exact_word(folded, target)),
                    false => clauses.extend(self.word(&literal.phrase, stem, target)?),
                }
            }
            return Ok(clauses);
        }
        for stem in &words {
            clauses.extend(self.word(&literal.phrase, stem, target)?);
        }
        Ok(clauses)
    }

    /// One `=word` ([`exact`]): its folded form after any proclitics, on the fields `target`
    /// allows, scored as one word with the stem's weight. Never respelled: it means that word.
    fn exact_word(&mut self, folded: &str, target: Target) -> Vec<Box<dyn Query>> {
        let forms = exact::proclitic_forms(folded);
        let mut clauses: Vec<Box<dyn Query>> = Vec::new();
        for (field, weight) in self.stem_fields(target) {
            if weight > 0.0 {
                let query = self.exact_forms(field, &forms, folded).boosted(weight);
                clauses.push(Box::new(query));
            }
        }
        if clauses.is_empty() {
            // every field weighed zero (`--tune`), as in `Self::word`
            clauses.push(Box::new(BooleanQuery::new(Vec::new())));
        }
        clauses
    }

    /// The forms of each `=word` of a phrase the index has in `field`, by position.
    fn exact_positions(&mut self, field: Field, text: &str) -> Vec<(usize, Vec<String>)> {
        let marked = exact::marked_tokens(&mut self.exact, text);
        let mut out = Vec::new();
        for (position, folded, exact) in marked {
            if exact {
                let forms = exact::proclitic_forms(&folded).into_iter().filter(|form| {
                    let term = Term::from_field_text(field, form);
                    self.stats.locate(&term).is_ok_and(|(df, _)| df > 0)
                });
                out.push((position, forms.collect()));
            }
        }
        out
    }

    /// The articles holding any of `forms` in `field`, as one word whose frequency is theirs;
    /// reports the marked word `=folded` for the snippets, which then highlight its forms only
    /// (`search::exact_marks`).
    fn exact_forms(&mut self, field: Field, forms: &[String], folded: &str) -> WordForms {
        let present: Vec<&str> = forms
            .iter()
            .map(String::as_str)
            .filter(|form| {
                let term = Term::from_field_text(field, form);
                self.stats.locate(&term).is_ok_and(|(df, _)| df > 0)
            })
            .collect();
        self.found_known_word |= !present.is_empty();
        let words = WordForms::new(field, present.into_iter().map(|form| (form, 1.0)));
        let reported = vec![Term::from_field_text(field, &exact_marks::reported(folded))];
        words.reporting(reported).locate(self.stats)
    }

    /// The fields a word's stem is searched in, with the weight of a match by stem.
    pub(super) fn stem_fields(&self, target: Target) -> Vec<(Field, f32)> {
        let (f, r) = (&self.fields, &self.ranking);
        target.select((f.title, r.title), (f.body, r.body))
    }

    /// The same fields, with the weight of the bonus for the exact form.
    fn exact_fields(&self, target: Target) -> Vec<(Field, f32)> {
        let (f, r) = (&self.fields, &self.ranking);
        target.select((f.title, r.title_exact), (f.body, r.body_exact))
    }

    /// One query word: the forms of its stem (and alternatives), its exact form as a bonus,
    /// as clauses of which any may match. `surface` is the word as typed, `stem` its stemmed
    /// form.
    pub(super) fn word(
        &mut self,
        surface: &str,
        stem: &str,
        target: Target,
    ) -> tantivy::Result<Vec<Box<dyn Query>>> {
        // Alternatives are judged on the body's vocabulary (the title's is too small to say
        // what is frequent), unless the word is restricted to titles.
        let vocab_field = if target == Target::Title {
            self.fields.title
        } else {
            self.fields.body
        };
        let vocab = Vocabulary::new(self.stats, vocab_field);
        let exact = analysis::analyze(&mut self.exact, surface);
        // a name's forms apart from the stem's others (`crate::search::names`)
        let family = match exact.as_slice() {
            [folded] => names::family(&vocab, folded, stem),
            _ => Family::All,
        };
        // (stem, factor, whether its forms may carry a prefix)
        let mut terms: Vec<(String, f32, bool)> = vec![(stem.to_string(), 1.0, true)];
        if self.ranking.clitics > 0.0 {
            for (form, prefixed) in vocab.clitic_forms(stem) {
                terms.push((form, self.ranking.clitics, prefixed));
            }
        }
        if self.ranking.variants > 0.0 {
            for form in vocab.spelling_variants(stem) {
                if !terms.iter().any(|(t, _, _)| *t == form) {
                    terms.push((form, self.ranking.variants, true));
                }
            }
        }
        if terms
            .iter()
            .any(|(text, _, prefixed)| vocab.doc_freq_as(text, *prefixed) > 0)
        {
            self.found_known_word = true;
        } else if self.ranking.respell > 0.0
            && self.required == 0
            && self.respelled < MAX_RESPELLED_WORDS
        {
            // Only a word that may be missing gets respelled: `+word` and `-word` mean that
            // very word.
            if let Some(near) = vocab.near_spelling(stem) {
                terms.push((near, self.ranking.respell, true));
                self.respelled += 1;
            }
        }
        let common = self.common_factor(&vocab, stem);
        let mut clauses: Vec<Box<dyn Query>> = Vec::new();
        for (field, weight) in self.stem_fields(target) {
            let weight = weight * common;
            if weight <= 0.0 {
                continue;
            }
            // One BM25 term for all the forms: see `super::forms`.
            let stems = terms.iter().map(|(t, f, p)| (t.as_str(), *f, *p));
            let keep = |form: &str| family.keeps(stem, form);
            let forms = WordForms::of_stems_keeping(self.stats, field, stems, keep)?;
            // boosted in place, not wrapped, so that the words can join a `WordsUnion`
            clauses.push(Box::new(forms.boosted(weight)));
        }
        // The exact form of the typed word; a word the stemmed analyzer kept but the exact one
        // splits differently cannot happen (same tokenizer and folding), but an empty result
        // just means no bonus.
        if exact.len() == 1 {
            for (field, weight) in self.exact_fields(target) {
                let weight = weight * common;
                if weight > 0.0 {
                    clauses.push(Box::new(self.exact_form(field, &exact[0]).boosted(weight)));
                }
            }
        }
        if clauses.is_empty() {
            // Every field weighed zero (`--tune`): the word matches nothing, as an empty
            // union does.
            clauses.push(Box::new(BooleanQuery::new(Vec::new())));
        }
        Ok(clauses)
    }

    /// The factor of a word's weight in a long query: `Ranking::common` when its stem is in
    /// more than `Ranking::common_share` of the articles, else 1.
    fn common_factor(&self, vocab: &Vocabulary, stem: &str) -> f32 {
        let ranking = &self.ranking;
        if ranking.common == 1.0 || self.query_words < ranking.long_words as usize {
            return 1.0;
        }
        let articles = self.stats.searcher().num_docs().max(1) as f32;
        let share = vocab.doc_freq_as(stem, true) as f32 / articles;
        match share > ranking.common_share {
            true => ranking.common,
            false => 1.0,
        }
    }

    /// A quoted phrase: its words' stems next to each other, each as any of its forms.
    pub(super) fn phrase(
        &mut self,
        text: &str,
        slop: u32,
        target: Target,
    ) -> anyhow::Result<Option<Box<dyn Query>>> {
        let tokens = positioned_tokens(&mut self.stemmed, text);
        self.spend(tokens.len(), tokens.len() > 1)?;
        let marked = exact::has_mark(text);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (field, weight) in self.stem_fields(target) {
            let exact = match marked {
                true => self.exact_positions(field, text),
                false => Vec::new(),
            };
            let query: Box<dyn Query> = match tokens.as_slice() {
                [] => return Ok(None),
                [(_, only)] if marked => {
                    let forms = exact::proclitic_forms(&self.fold(text));
                    Box::new(self.exact_forms(field, &forms, only))
                }
                [(_, only)] => Box::new(WordForms::of_stems(
                    self.stats,
                    field,
                    [(only.as_str(), 1.0, true)],
                )?),
                _ => Box::new(StemPhrase::with_exact(
                    self.stats, field, &tokens, &exact, slop,
                )?),
            };
            clauses.push((Occur::Should, Box::new(BoostQuery::new(query, weight))));
        }
        Ok(Some(Box::new(BooleanQuery::new(clauses))))
    }

    /// Exact forms of several words next to each other (`title_exact:`, `body_exact:`): each
    /// form must be there, and the words' stems in that order, which scores as a phrase.
    pub(super) fn exact_phrase(
        &mut self,
        target: Target,
        text: &str,
    ) -> anyhow::Result<Option<Box<dyn Query>>> {
        let field = match target {
            Target::Title => self.fields.title,
            _ => self.fields.body,
        };
        let tokens = positioned_tokens(&mut self.exact, text);
        match tokens.as_slice() {
            [] => return Ok(None),
            [(_, only)] => {
                self.spend(1, false)?;
                return Ok(Some(Box::new(self.exact_form(field, only))));
            }
            _ => {}
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = tokens
            .iter()
            .map(|(_, t)| {
                let query: Box<dyn Query> = Box::new(self.exact_form(field, t));
                (Occur::Must, query)
            })
            .collect();
        let Some(phrase) = self.phrase(text, 0, target)? else {
            return Ok(None);
        };
        clauses.push((Occur::Must, phrase));
        Ok(Some(Box::new(BooleanQuery::new(clauses))))
    }

    /// The folded form of the one word of `text`.
    fn fold(&mut self, text: &str) -> String {
        analysis::analyze(&mut self.exact, text)
            .pop()
            .unwrap_or_default()
    }

    /// Whether an article has `form` in `field`, weighed by the form's rarity.
    fn exact_form(&self, field: Field, form: &str) -> WordForms {
        let forms = WordForms::new(field, [(form, 1.0)]).presence();
        forms.locate(self.stats)
    }

    /// All words of `text`, folded, in a field analyzed with the exact analyzer.
    pub(super) fn folded_phrase(
        &mut self,
        field: Field,
        text: &str,
    ) -> anyhow::Result<Option<Box<dyn Query>>> {
        let tokens = positioned_tokens(&mut self.exact, text);
        self.spend(tokens.len(), false)?;
        Ok(match tokens.as_slice() {
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
        })
    }
}

/// Tokens of `text` with positions relative to the first one (gaps of removed function words
/// kept, so a phrase matches the same way the document was indexed).
pub(crate) fn positioned_tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut first = None;
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        let base = *first.get_or_insert(token.position);
        out.push((token.position - base, token.text.clone()));
    }
    out
}
