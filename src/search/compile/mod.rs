//! Compiles a parsed query (tantivy's query grammar, or plain words) into a tantivy query.
//!
//! tantivy's own `QueryParser` sends each word to each field as one term. fahras needs more per
//! word: the forms of its stem in title and body, the exact (folded only) form as a bonus, and the
//! corpus-aware clitic and spelling alternatives of [`super::expand`]. So the grammar's syntax
//! tree is walked here (words found near each other are rewarded later, by `super::hits`):
//!
//! * a bare word → the word query above, on the fields its `title:`/`body:` prefix allows; a
//!   word the index lacks is also searched under its nearest spelling, unless it is `+`/`-`;
//! * `"..."` → a phrase of stems, each position any form of its stem, so it matches across
//!   clitics;
//! * `+`, `-`, `AND`, `OR`, `NOT`, parentheses → boolean clauses; the clauses of optional
//!   bare words join their parent's union directly instead of nesting a union per word, which
//!   scores the same and takes about a tenth off a batch (BENCHMARKS.md, "Fewer instructions");
//! * `source:`/`author:` → their folded words; `title_exact:`/`body_exact:` → the exact forms
//!   of the words in title or body;
//!   `date:[A TO B]` → a range on the ISO date.
//!
//! * `word*` → every word of the index starting with `word`, as one word (`prefix`).
//!
//! This module walks the tree; `words` makes the queries of its literals, `prefix` those of a
//! trailing `*`.

pub(crate) mod exact;
mod prefix;
pub(crate) mod words;

use anyhow::{bail, Result};
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::query_grammar::{
    Delimiter, Occur as AstOccur, UserInputAst, UserInputLeaf, UserInputLiteral,
};
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

use super::dates::checked_date_range;
use super::forms::WordsUnion;
use super::limits;
use super::ranking::Ranking;
use super::stats::QueryStats;
use super::stopword_query::StoredWords;
use crate::analysis;
use crate::index::Fields;

/// Most words of one query searched under a near spelling: each walks every segment's term
/// dictionary, and a query of a thousand unknown words (pasted text, an attack) must not take
/// a second.
const MAX_RESPELLED_WORDS: usize = 16;

/// Which of title and body a word may match in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Both,
    Title,
    Body,
}

impl Target {
    /// Of a title field and a body field (each with its weight), those this target allows.
    fn select<T>(self, title: T, body: T) -> Vec<T> {
        match self {
            Target::Both => vec![title, body],
            Target::Title => vec![title],
            Target::Body => vec![body],
        }
    }
}

/// Turns one query's syntax tree into a tantivy query.
pub struct Compiler<'a> {
    stats: &'a QueryStats<'a>,
    fields: Fields,
    ranking: Ranking,
    exact: TextAnalyzer,
    stemmed: TextAnalyzer,
    /// How many `+`/`-` (or AND/NOT) clauses enclose the word being compiled.
    required: usize,
    /// Whether some word of the query is in the index as typed (or as a clitic or spelling
    /// alternative).
    found_known_word: bool,
    /// How many words were searched under a near spelling.
    respelled: usize,
    /// How many words and phrases were compiled, held to [`limits`]' budget.
    words: usize,
    phrases: usize,
    /// Words with a trailing `*` that stood for more than [`prefix::MAX_PREFIX_FORMS`] words,
    /// with how many they stood for.
    bounded: Vec<(String, usize)>,
    /// How many words with a trailing `*` were compiled (at most [`prefix::MAX_PREFIXES`]).
    prefixes: usize,
    /// Every word of the query is a function word: its words are looked for in the stored
    /// text ([`super::stopword_query`]).
    function_words: bool,
    /// How many content words the query looks for (`Ranking::long_words`).
    query_words: usize,
}

/// A compiled query, ready to run.
pub struct Compiled {
    pub query: Box<dyn Query>,
    /// How many words the index lacks were also searched under a near spelling.
    pub respelled: usize,
    /// Words with a trailing `*` searched as only their most frequent words, with how many
    /// words they matched: the caller says so on stderr ([`note_bound`]).
    pub bounded: Vec<(String, usize)>,
}

pub use prefix::{note_bound, MAX_PREFIX_FORMS};

impl<'a> Compiler<'a> {
    pub fn new(stats: &'a QueryStats<'a>, fields: Fields, ranking: Ranking) -> Compiler<'a> {
        Compiler {
            stats,
            fields,
            ranking,
            exact: analysis::exact_analyzer(),
            stemmed: analysis::stemmed_analyzer(),
            required: 0,
            found_known_word: false,
            respelled: 0,
            words: 0,
            phrases: 0,
            bounded: Vec::new(),
            prefixes: 0,
            function_words: false,
            query_words: 0,
        }
    }

    /// Compiles `ast`; `None` when nothing searchable is left (only function words).
    pub fn compile(mut self, ast: &UserInputAst) -> Result<Option<Compiled>> {
        self.function_words = only_function_words(ast)?;
        self.query_words = content_words(ast, &mut self.stemmed);
        let mut query = self.node(ast)?;
        if self.respelled > 0 && !self.found_known_word {
            // Near spellings only add weight to a query that matches by itself: a query none of
            // whose words the index has finds nothing and gets "did you mean" suggestions.
            self.ranking.respell = 0.0;
            (self.respelled, self.words, self.phrases, self.prefixes) = (0, 0, 0, 0);
            self.bounded.clear();
            query = self.node(ast)?;
        }
        let (respelled, bounded) = (self.respelled, self.bounded);
        Ok(query.map(|query| Compiled {
            query,
            respelled,
            bounded,
        }))
    }

    fn node(&mut self, ast: &UserInputAst) -> Result<Option<Box<dyn Query>>> {
        match ast {
            UserInputAst::Clause(children) => {
                let mut clauses = Vec::new();
                for (occur, child) in children {
                    let occur = match occur {
                        Some(AstOccur::Must) => Occur::Must,
                        Some(AstOccur::MustNot) => Occur::MustNot,
                        Some(AstOccur::Should) | None => Occur::Should,
                    };
                    // `a AND NOT b` parses as (+a +(-b)): lift the lone exclusion into this
                    // clause, where it has something to exclude from.
                    if let UserInputAst::Clause(inner) = child {
                        let only_not = !inner.is_empty()
                            && inner
                                .iter()
                                .all(|(o, _)| matches!(o, Some(AstOccur::MustNot)));
                        if only_not && occur != Occur::MustNot {
                            self.required += 1;
                            let excluded: Result<Vec<_>> =
                                inner.iter().map(|(_, child)| self.node(child)).collect();
                            self.required -= 1;
                            for query in excluded?.into_iter().flatten() {
                                clauses.push((Occur::MustNot, query));
                            }
                            continue;
                        }
                    }
                    if occur == Occur::Should {
                        if let Some(words) = self.word_clauses(child)? {
                            clauses.extend(words.into_iter().map(|q| (Occur::Should, q)));
                            continue;
                        }
                    }
                    let required = occur != Occur::Should;
                    self.required += usize::from(required);
                    let query = self.node(child);
                    self.required -= usize::from(required);
                    if let Some(query) = query? {
                        clauses.push((occur, query));
                    }
                }
                if clauses.is_empty() {
                    return Ok(None);
                }
                if clauses.iter().all(|(occur, _)| *occur == Occur::MustNot) {
                    bail!("it only excludes words; add a word to search for");
                }
                if clauses.len() == 1 && clauses[0].0 != Occur::MustNot {
                    return Ok(clauses.pop().map(|(_, q)| q));
                }
                Ok(Some(union(clauses)))
            }
            UserInputAst::Boost(child, boost) => Ok(self
                .node(child)?
                .map(|q| Box::new(BoostQuery::new(q, boost.into_inner() as f32)) as Box<_>)),
            UserInputAst::Leaf(leaf) => self.leaf(leaf),
        }
    }

    fn leaf(&mut self, leaf: &UserInputLeaf) -> Result<Option<Box<dyn Query>>> {
        match leaf {
            UserInputLeaf::Literal(literal) => self.literal(literal),
            UserInputLeaf::All => Ok(Some(Box::new(AllQuery))),
            UserInputLeaf::Range {
                field,
                lower,
                upper,
            } => match field.as_deref() {
                Some("date") => checked_date_range(self.fields.date, lower, upper).map(Some),
                _ => bail!("ranges only work on dates: date:[2024-01-01 TO 2024-12-31]"),
            },
            UserInputLeaf::Set { .. } => bail!("IN [...] sets are not supported"),
            UserInputLeaf::Exists { .. } => bail!("field:* is not supported"),
            UserInputLeaf::Regex { .. } => bail!("regular expressions are not supported"),
        }
    }

    fn literal(&mut self, literal: &UserInputLiteral) -> Result<Option<Box<dyn Query>>> {
        let target = match literal.field_name.as_deref() {
            None => Target::Both,
            Some("title") => Target::Title,
            Some("body") => Target::Body,
            Some("source") => return self.folded_phrase(self.fields.source, &literal.phrase),
            Some("author") => return self.folded_phrase(self.fields.author, &literal.phrase),
            // Exact forms: no stemming and no clitic alternatives.
            Some("title_exact") => return self.exact_phrase(Target::Title, &literal.phrase),
            Some("body_exact") => return self.exact_phrase(Target::Body, &literal.phrase),
            Some("date") => {
                let term = Term::from_field_text(self.fields.date, literal.phrase.trim());
                return Ok(Some(Box::new(TermQuery::new(
                    term,
                    IndexRecordOption::Basic,
                ))));
            }
            Some(other) => {
                bail!(
                    "unknown field {other:?} (fields: title, body, title_exact, body_exact, \
                     source, author, date)"
                )
            }
        };
        if self.function_words && !has_content_words(&literal.phrase) {
            return Ok(Some(self.stored_words(&literal.phrase, target)));
        }
        if literal.delimiter == Delimiter::None {
            let mut clauses = self.plain_words(literal, target)?;
            return Ok(match clauses.len() {
                0 => None,
                1 => clauses.pop(),
                _ => Some(union(
                    clauses.into_iter().map(|q| (Occur::Should, q)).collect(),
                )),
            });
        }
        match prefix::phrase_prefix(literal)? {
            Some(head) => self.prefix_phrase(&literal.phrase, head, literal.slop, target),
            None => self.phrase(&literal.phrase, literal.slop, target),
        }
    }

    /// Counts `words` more words searched for, and a phrase if `phrase`, refusing a query that
    /// goes past [`limits::MAX_WORDS`] or [`limits::MAX_PHRASES`]: the cost of a query grows
    /// with each, and none of them is cheap.
    fn spend(&mut self, words: usize, phrase: bool) -> Result<()> {
        self.words += words;
        self.phrases += usize::from(phrase);
        if self.words > limits::MAX_WORDS {
            bail!(
                "it searches for more than the {} words a query may have",
                limits::MAX_WORDS
            );
        }
        if self.phrases > limits::MAX_PHRASES {
            bail!(
                "it has more than the {} phrases a query may have",
                limits::MAX_PHRASES
            );
        }
        Ok(())
    }

    /// The clauses of a literal of plain words on title and body, for a clause to take in
    /// among its own; `None` for any other node. A union of unions scores what one union of
    /// all their clauses does, but walks each document once more (BENCHMARKS.md, "Fewer
    /// instructions").
    fn word_clauses(&mut self, ast: &UserInputAst) -> Result<Option<Vec<Box<dyn Query>>>> {
        let UserInputAst::Leaf(leaf) = ast else {
            return Ok(None);
        };
        let UserInputLeaf::Literal(literal) = leaf.as_ref() else {
            return Ok(None);
        };
        let target = match literal.field_name.as_deref() {
            None => Target::Both,
            Some("title") => Target::Title,
            Some("body") => Target::Body,
            Some(_) => return Ok(None),
        };
        if literal.delimiter != Delimiter::None
            || (self.function_words && !has_content_words(&literal.phrase))
        {
            return Ok(None);
        }
        Ok(Some(self.plain_words(literal, target)?))
    }

    /// The words of `text` in a row, looked for in the stored title and body as `target`
    /// allows: for a query of only function words.
    fn stored_words(&mut self, text: &str, target: Target) -> Box<dyn Query> {
        let (f, r) = (&self.fields, &self.ranking);
        let fields = target.select((f.title_text, r.title), (f.body_text, r.body));
        Box::new(StoredWords::new(text, fields))
    }
}

/// A boolean query of `clauses`; when they are optional words, one that ranks the top hits
/// without scoring the articles that cannot enter them ([`WordsUnion`]).
fn union(clauses: Vec<(Occur, Box<dyn Query>)>) -> Box<dyn Query> {
    match WordsUnion::of(clauses) {
        Ok(words) => Box::new(words),
        Err(clauses) => Box::new(BooleanQuery::new(clauses)),
    }
}

/// Does `text` hold a word the index keeps (one that is not a function word)?
fn has_content_words(text: &str) -> bool {
    !analysis::analyze(&mut analysis::stemmed_analyzer(), text).is_empty()
}

/// Is every word `ast` searches for in title and body a function word (and is there one)?
/// Then the index, which leaves them out, cannot answer it ([`super::stopword_query`]). Words
/// it excludes (`لماذا -الطقس`) do not count: they are searched as usual.
fn only_function_words(ast: &UserInputAst) -> Result<bool> {
    let mut literals = Vec::new();
    sought_literals(ast, &mut literals);
    let mut folded = analysis::words_analyzer();
    let mut any = false;
    for literal in literals {
        if !matches!(literal.field_name.as_deref(), None | Some("title" | "body")) {
            continue;
        }
        let prefix = match literal.delimiter {
            Delimiter::None => prefix::prefix_of(&literal.phrase)?.is_some(),
            _ => prefix::phrase_prefix(literal)?.is_some(),
        };
        if prefix || has_content_words(&literal.phrase) {
            return Ok(false);
        }
        any |= !analysis::analyze(&mut folded, &literal.phrase).is_empty();
    }
    Ok(any)
}

/// How many content words the literals of `ast` that are not excluded hold.
fn content_words(ast: &UserInputAst, stemmed: &mut TextAnalyzer) -> usize {
    let mut literals = Vec::new();
    sought_literals(ast, &mut literals);
    literals
        .iter()
        .map(|literal| analysis::analyze(stemmed, &literal.phrase).len())
        .sum()
}

/// Every literal of `ast` that is not excluded (`-word`, `NOT word`), in order.
pub(in crate::search) fn sought_literals<'a>(
    ast: &'a UserInputAst,
    out: &mut Vec<&'a UserInputLiteral>,
) {
    match ast {
        UserInputAst::Clause(children) => {
            for (occur, child) in children {
                if *occur != Some(AstOccur::MustNot) {
                    sought_literals(child, out);
                }
            }
        }
        UserInputAst::Boost(child, _) => sought_literals(child, out),
        UserInputAst::Leaf(leaf) => {
            if let UserInputLeaf::Literal(literal) = leaf.as_ref() {
                out.push(literal);
            }
        }
    }
}
