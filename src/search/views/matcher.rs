//! Where a query's words stand in an article's text, for the concordance of `fahras kwic`.
//!
//! A query matches articles, not places in them; the concordance needs the places. Its bare
//! words are found as `search` highlights them: any word of the text whose stem is the query
//! word's stem or one of the alternatives the compiler searched (clitic forms, spelling
//! variants, a near spelling), which each word compiled alone reports as its terms. A quoted
//! phrase is found only as a phrase: its stems at the same distances as in the query (function
//! words the index skips leave the same gaps in both). Words under `-`, `NOT` or in `source:`
//! and `author:` are not looked for: they name no place in the text. A word marked `=word` is
//! found only as written, after any proclitics ([`exact`]), in a phrase or alone.

use std::collections::HashSet;

use anyhow::Result;
use tantivy::query::Query;
use tantivy::query_grammar::{Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::tokenizer::TextAnalyzer;

use crate::analysis;
use crate::index::Fields;
use crate::search::compile::exact;
use crate::search::compile::words::positioned_tokens;
use crate::search::compile::{sought_literals, Compiler};
use crate::search::stats::QueryStats;
use crate::search::{query, Ranking, SearchOptions};

/// The words and phrases of a query, as stems.
#[derive(Debug, Default)]
pub struct Targets {
    words: HashSet<String>,
    /// The folded forms `=word`s match.
    exact: HashSet<String>,
    /// Each phrase's words with their positions relative to its first word.
    phrases: Vec<Vec<(usize, Want)>>,
}

/// What a position of a phrase wants.
#[derive(Debug)]
enum Want {
    /// A word of this stem.
    Stem(String),
    /// One of these folded forms (`=word`).
    Forms(HashSet<String>),
}

/// A word of the text: position, byte range, stem.
type Token = (usize, usize, usize, String);

/// One place the query matched: a byte range of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub from: usize,
    pub to: usize,
}

impl Targets {
    /// The targets of `text` as `options` parse it (plain words or the query language).
    pub fn of_query(
        stats: &QueryStats,
        fields: Fields,
        text: &str,
        options: &SearchOptions,
    ) -> Result<Targets> {
        let ast = if options.plain {
            query::plain_words(text)
        } else {
            query::parse(text)?
        };
        // The literals a match must or may contain: those under no `-` or `NOT`, on title or body.
        let mut literals = Vec::new();
        sought_literals(&ast, &mut literals);
        literals.retain(|literal| {
            matches!(literal.field_name.as_deref(), None | Some("title" | "body"))
        });
        let mut targets = Targets::default();
        let mut stemmed = analysis::stemmed_analyzer();
        let mut folded = analysis::exact_analyzer();
        for literal in literals {
            let marked = exact::has_mark(&literal.phrase);
            if literal.delimiter != Delimiter::None {
                let tokens = positioned_tokens(&mut stemmed, &literal.phrase);
                if tokens.len() > 1 {
                    let forms = exact::marked_tokens(&mut folded, &literal.phrase);
                    let phrase = tokens
                        .into_iter()
                        .zip(forms)
                        .map(|((at, stem), (_, word, marked))| match marked {
                            true => (at, Want::Forms(exact_forms(&word))),
                            false => (at, Want::Stem(stem)),
                        })
                        .collect();
                    targets.phrases.push(phrase);
                    continue;
                }
            }
            if marked {
                let tokens = positioned_tokens(&mut stemmed, &literal.phrase);
                let forms = exact::marked_tokens(&mut folded, &literal.phrase);
                for ((_, stem), (_, word, marked)) in tokens.into_iter().zip(forms) {
                    match marked {
                        true => targets.exact.extend(exact_forms(&word)),
                        false => _ = targets.words.insert(stem),
                    }
                }
                continue;
            }
            targets.add_word(stats, fields, options.ranking, literal)?;
        }
        Ok(targets)
    }

    /// The stems a bare word was searched as, which its compiled query reports.
    fn add_word(
        &mut self,
        stats: &QueryStats,
        fields: Fields,
        ranking: Ranking,
        literal: &UserInputLiteral,
    ) -> Result<()> {
        let mut alone = literal.clone();
        alone.delimiter = Delimiter::None;
        let ast = UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(alone)));
        let Some(compiled) = Compiler::new(stats, fields, ranking).compile(&ast)? else {
            return Ok(());
        };
        let words = &mut self.words;
        compiled.query.query_terms(&mut |term, _| {
            if term.field() == fields.title || term.field() == fields.body {
                if let Some(stem) = term.value().as_str() {
                    words.insert(stem.to_string());
                }
            }
        });
        Ok(())
    }

    /// Is there nothing to look for (a query of dates, sources or `*` only)?
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.exact.is_empty() && self.phrases.is_empty()
    }

    /// Every place of `text` where a target stands, in text order, none overlapping.
    pub fn places(&self, analyzer: &mut TextAnalyzer, text: &str) -> Vec<Place> {
        // (position, byte range, stem) of every word
        let mut tokens: Vec<Token> = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            tokens.push((
                token.position,
                token.offset_from,
                token.offset_to,
                token.text.clone(),
            ));
        }
        let mut places = Vec::new();
        for (i, (position, from, to, stem)) in tokens.iter().enumerate() {
            if self.words.contains(stem) || self.is_exact(&text[*from..*to]) {
                places.push(Place {
                    from: *from,
                    to: *to,
                });
            }
            for phrase in &self.phrases {
                if let Some(end) = phrase_end(text, &tokens[i..], *position, phrase) {
                    places.push(Place {
                        from: *from,
                        to: end,
                    });
                }
            }
        }
        places.sort_by_key(|p| (p.from, std::cmp::Reverse(p.to)));
        let mut kept: Vec<Place> = Vec::with_capacity(places.len());
        for place in places {
            if kept.last().is_none_or(|last| place.from >= last.to) {
                kept.push(place);
            }
        }
        kept
    }

    /// Is `word` of the text one of the forms of an `=word`?
    fn is_exact(&self, word: &str) -> bool {
        !self.exact.is_empty() && self.exact.contains(&fold(word))
    }
}

/// The forms an `=word` of folded form `word` matches.
fn exact_forms(word: &str) -> HashSet<String> {
    exact::proclitic_forms(word).into_iter().collect()
}

/// A word of the text folded as the index keeps it.
fn fold(word: &str) -> String {
    let mut out = String::new();
    analysis::fold_into(word, &mut out);
    out
}

/// Where the phrase starting at the first of `tokens` ends (a byte offset), if it does.
fn phrase_end(
    text: &str,
    tokens: &[Token],
    start: usize,
    phrase: &[(usize, Want)],
) -> Option<usize> {
    let mut end = None;
    for (offset, wanted) in phrase {
        let want = start + offset;
        let found = tokens.iter().take_while(|t| t.0 <= want).find(|t| {
            t.0 == want
                && match wanted {
                    Want::Stem(stem) => t.3 == *stem,
                    Want::Forms(forms) => forms.contains(&fold(&text[t.1..t.2])),
                }
        })?;
        end = Some(found.2);
    }
    end
}
