//! A trailing `*`: `دمش*` is every word of the index that starts with دمش.
//!
//! The index keeps words as written (folded), clitics attached, and a bare query word matches
//! across them (دمشق finds لدمشق and الدمشقي). A prefix does the same, so it is looked up in
//! each segment's term dictionary as the folded prefix itself and after each prefix the light
//! stemmer strips (ال وال بال كال فال لل): دمش* finds دمشق, دمشقي, الدمشقي, والدمشقيين. A prefix
//! typed with its article (الرئ*) keeps it: only the forms with an article. A prefix of three
//! letters or more also meets the one-letter proclitics (و ف ب ل ك) that `super::super::expand`
//! adds to a word, with the same test: لدمش* is kept when its words are rarer than those of
//! دمش* itself, so زير* does not pull in the far more common وزير (minister).
//!
//! All the words found are scored as one word, as a word's forms are ([`WordForms`]). The
//! most frequent [`MAX_PREFIX_FORMS`] are kept; a prefix that stands for more is searched as
//! those, with a note on stderr naming the query: what Xapian's "most frequent" wildcard limit
//! (which recoll builds on) does, rather than failing the whole query as Lucene's clause limit
//! does. A phrase may end in a prefix (`"مجلس الام*"`, or tantivy's `"مجلس الام"*`): its last
//! position is then any of those words.

use std::collections::{BTreeMap, HashSet};
use std::sync::Mutex;

use anyhow::{bail, Result};
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query};
use tantivy::query_grammar::UserInputLiteral;

use super::{Compiler, Target};
use crate::analysis::{self, light_stem};
use crate::messages;
use crate::search::forms::{LastWords, StemPhrase, WordForms};

/// Most words one prefix is searched as: Lucene's classic clause limit (1,024), rounded. A
/// prefix of one letter stands for tens of thousands of words; the most frequent thousand
/// match most of the articles any of them would.
pub const MAX_PREFIX_FORMS: usize = 1_000;

/// Most words with a trailing `*` in one query: each walks a dozen ranges of every segment's
/// term dictionary in each field, and scores up to [`MAX_PREFIX_FORMS`] words.
pub const MAX_PREFIXES: usize = 16;

/// The prefixes the light stemmer takes off a word, which a prefix may follow.
const ARTICLES: [&str; 6] = ["ال", "وال", "بال", "كال", "فال", "لل"];

/// One-letter proclitics, kept only where the index says they are clitics (module docs).
const PROCLITICS: [char; 5] = ['و', 'ف', 'ب', 'ل', 'ك'];

/// Shortest prefix (in letters) that meets the one-letter proclitics.
const MIN_PROCLITIC_LETTERS: usize = 3;

/// The words of the index a prefix stands for.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Expansion {
    /// (folded word, documents holding it), most frequent first, at most
    /// [`MAX_PREFIX_FORMS`].
    pub forms: Vec<(String, u64)>,
    /// How many words the prefix matched before the bound.
    pub matched: usize,
}

impl Expansion {
    /// The stems of the words kept, as terms of `field`: what the snippets look for.
    pub fn stems(&self, field: Field) -> Vec<Term> {
        let mut seen = HashSet::new();
        self.forms
            .iter()
            .map(|(form, _)| light_stem(form))
            .filter(|stem| seen.insert(stem.to_string()))
            .map(|stem| Term::from_field_text(field, stem))
            .collect()
    }

    /// The documents of the most frequent word: the prefix's document frequency, as for the
    /// forms of one word.
    pub fn doc_freq(&self) -> u64 {
        self.forms.first().map_or(0, |(_, df)| *df)
    }
}

/// If `text` (a bare query word) ends with `*`, what comes before it; a `*` anywhere else
/// is refused, since only "words starting with" is supported.
pub fn prefix_of(text: &str) -> Result<Option<&str>> {
    let head = text.trim_end_matches('*');
    if head.contains('*') {
        bail!("{text} has a * inside it; only a trailing * (words starting with) is supported");
    }
    Ok((head.len() < text.len()).then_some(head))
}

impl Compiler<'_> {
    /// The clauses of a bare literal `typed` that ends in `*`, `head` being what comes before
    /// it: each word of the head but the last as usual, and the last as every word of the
    /// index that starts with it.
    pub(super) fn prefix_words(
        &mut self,
        typed: &str,
        head: &str,
        target: Target,
    ) -> Result<Vec<Box<dyn Query>>> {
        let mut words = analysis::analyze(&mut analysis::words_analyzer(), head);
        let Some(prefix) = words.pop() else {
            bail!("{typed} has no letters before its *; a lone * finds every article");
        };
        let mut clauses = Vec::new();
        for word in &words {
            for stem in analysis::analyze(&mut self.stemmed, word) {
                self.spend(1, false)?;
                clauses.extend(self.word(word, &stem, target)?);
            }
        }
        self.spend(1, false)?;
        clauses.extend(self.prefix_clauses(typed, &prefix, target)?);
        Ok(clauses)
    }

    /// A word `prefix` (folded) stands for, in each field `target` allows.
    fn prefix_clauses(
        &mut self,
        typed: &str,
        prefix: &str,
        target: Target,
    ) -> Result<Vec<Box<dyn Query>>> {
        self.prefixes += 1;
        if self.prefixes > MAX_PREFIXES {
            bail!("it has more than the {MAX_PREFIXES} words ending in * a query may have");
        }
        let mut clauses: Vec<Box<dyn Query>> = Vec::new();
        for (field, weight) in self.stem_fields(target) {
            if weight <= 0.0 {
                continue;
            }
            let expansion = self.expansion(field, prefix)?;
            self.note_matched(typed, expansion.matched);
            let words = expansion.forms.iter().map(|(word, _)| (word.as_str(), 1.0));
            let forms = WordForms::new(field, words).reporting(expansion.stems(field));
            clauses.push(Box::new(forms.boosted(weight)));
        }
        if clauses.is_empty() {
            // every field weighed zero (`--tune`): nothing matches, as for a word
            clauses.push(Box::new(BooleanQuery::new(Vec::new())));
        }
        Ok(clauses)
    }

    /// Remembers that `typed` matched `matched` words in a field, when that is more than are
    /// searched: the most of its fields (the body's vocabulary holds the title's) is noted.
    fn note_matched(&mut self, typed: &str, matched: usize) {
        if matched <= MAX_PREFIX_FORMS {
            return;
        }
        match self.bounded.iter_mut().find(|(word, _)| word == typed) {
            Some((_, most)) => *most = (*most).max(matched),
            None => self.bounded.push((typed.to_string(), matched)),
        }
    }

    /// [`expand`] in `field`, noting that the query has a word the index knows.
    pub(super) fn expansion(&mut self, field: Field, prefix: &str) -> Result<Expansion> {
        let expansion = expand(self.stats.searcher(), field, prefix)?;
        if !expansion.forms.is_empty() {
            self.found_known_word = true;
        }
        Ok(expansion)
    }
}

/// If the quoted `literal` ends in a prefix (`"مجلس الام*"`, or `"مجلس الام"*` as tantivy
/// writes a phrase prefix), its text without the `*`; a `*` elsewhere in it is refused.
pub fn phrase_prefix(literal: &UserInputLiteral) -> Result<Option<&str>> {
    let text = literal.phrase.trim_end();
    let head = text.trim_end_matches('*');
    if head.contains('*') {
        bail!("a * in a phrase only works at its end (\"مجلس الام*\")");
    }
    Ok((literal.prefix || head.len() < text.len()).then_some(head))
}

impl Compiler<'_> {
    /// A phrase whose last word is a prefix: the stems of the words before it, then at the
    /// next position any word the prefix stands for.
    pub(super) fn prefix_phrase(
        &mut self,
        typed: &str,
        head: &str,
        slop: u32,
        target: Target,
    ) -> Result<Option<Box<dyn Query>>> {
        let mut folded = analysis::words_analyzer();
        let (before, last) = head.rsplit_once(char::is_whitespace).unwrap_or(("", head));
        let Some(prefix) = analysis::analyze(&mut folded, last).pop() else {
            bail!("{typed:?} has no letters before its *");
        };
        let stems = absolute_tokens(&mut self.stemmed, before);
        let Some(&(first, _)) = stems.first() else {
            // only the prefix is left: a word
            let clauses = self.prefix_clauses(typed, &prefix, target)?;
            return Ok(Some(Box::new(BooleanQuery::new(
                clauses.into_iter().map(|q| (Occur::Should, q)).collect(),
            ))));
        };
        // the prefix comes after every word before it, function words included
        let position = analysis::analyze(&mut folded, before).len() - first;
        let stems: Vec<(usize, String)> = stems.into_iter().map(|(p, s)| (p - first, s)).collect();
        self.spend(stems.len() + 1, true)?;
        self.prefixes += 1;
        if self.prefixes > MAX_PREFIXES {
            bail!("it has more than the {MAX_PREFIXES} words ending in * a query may have");
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (field, weight) in self.stem_fields(target) {
            let expansion = self.expansion(field, &prefix)?;
            self.note_matched(typed, expansion.matched);
            let last = LastWords {
                position,
                doc_freq: expansion.doc_freq(),
                reported: expansion.stems(field),
                words: expansion.forms.into_iter().map(|(word, _)| word).collect(),
            };
            let phrase = StemPhrase::ending_in(self.stats, field, &stems, Some(last), slop)?;
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(phrase), weight)),
            ));
        }
        Ok(Some(Box::new(BooleanQuery::new(clauses))))
    }
}

/// The tokens of `text` with their positions in it (function words counted).
fn absolute_tokens(
    analyzer: &mut tantivy::tokenizer::TextAnalyzer,
    text: &str,
) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        out.push((token.position, token.text.clone()));
    }
    out
}

/// Every word of `field` that starts with `prefix` (folded), after an optional article or
/// proclitic (module docs), the most frequent [`MAX_PREFIX_FORMS`] of them.
pub fn expand(searcher: &Searcher, field: Field, prefix: &str) -> tantivy::Result<Expansion> {
    let mut forms: BTreeMap<String, u64> = BTreeMap::new();
    let with_article = prefix.strip_prefix("ال").filter(|rest| !rest.is_empty());
    let bare = with_article.unwrap_or(prefix);
    if with_article.is_none() {
        add_words_starting(searcher, field, bare, &mut forms)?;
    }
    for article in ARTICLES {
        add_words_starting(searcher, field, &format!("{article}{bare}"), &mut forms)?;
    }
    if with_article.is_none() && bare.chars().count() >= MIN_PROCLITIC_LETTERS {
        let own: u64 = forms.values().sum();
        for proclitic in PROCLITICS {
            let mut attached = BTreeMap::new();
            add_words_starting(
                searcher,
                field,
                &format!("{proclitic}{bare}"),
                &mut attached,
            )?;
            if attached.values().sum::<u64>() < own {
                forms.extend(attached);
            }
        }
    }
    let matched = forms.len();
    let mut forms: Vec<(String, u64)> = forms.into_iter().collect();
    // most frequent first; ties by text, so the choice does not depend on segments
    forms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    forms.truncate(MAX_PREFIX_FORMS);
    Ok(Expansion { forms, matched })
}

/// Adds each word of `field` starting with `start`, with the documents holding it, to `forms`.
fn add_words_starting(
    searcher: &Searcher,
    field: Field,
    start: &str,
    forms: &mut BTreeMap<String, u64>,
) -> tantivy::Result<()> {
    if start.is_empty() {
        return Ok(());
    }
    // No UTF-8 text holds the byte 0xFF: every word starting with `start` sorts below this.
    let mut end = start.as_bytes().to_vec();
    end.push(0xFF);
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted
            .terms()
            .range()
            .ge(start.as_bytes())
            .lt(&end)
            .into_stream()?;
        while stream.advance() {
            if let Ok(word) = std::str::from_utf8(stream.key()) {
                *forms.entry(word.to_string()).or_insert(0) += u64::from(stream.value().doc_freq);
            }
        }
    }
    Ok(())
}

/// Says once per process, on stderr, that `word` in `query` stood for more words than are
/// searched: a batch or a `-l` that compiles the query twice says it once.
pub fn note_bound(query: &str, word: &str, matched: usize) {
    static SAID: Mutex<Option<HashSet<(String, String)>>> = Mutex::new(None);
    let mut said = SAID.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if said
        .get_or_insert_with(HashSet::new)
        .insert((query.to_string(), word.to_string()))
    {
        messages::emit(format_args!(
            "note: {word} in query {} matches {} words; searching the {} most frequent",
            super::super::query::quoted(query),
            messages::grouped(matched as u64),
            messages::grouped(MAX_PREFIX_FORMS as u64)
        ));
    }
}

#[cfg(test)]
mod tests;
