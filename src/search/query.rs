//! Parses the user's query string with tantivy's query grammar and words its errors for people;
//! with `--plain`, [`plain_words`] takes every word as a bare word instead.
//!
//! The syntax is tantivy's: bare words are OR-ed and ranked, `"..."` is a phrase, `+word` is
//! required, `-word` excluded, `AND`/`OR`/`NOT` and parentheses combine, `title:word` searches
//! one field. [`super::compile`] turns the syntax tree into the query that runs.

use anyhow::{anyhow, Result};
use tantivy::query_grammar::{Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral};

/// Character (not byte) position of a byte offset, for error messages a person can count.
fn char_position(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    text.char_indices().take_while(|&(i, _)| i < byte).count()
}

/// The query as quoted in an error: Debug-escaped (so it stays on one line and cannot steer the
/// terminal), and cut after `QUOTED_CHARS` characters so a 10,000-character query does not
/// bury the message.
pub fn quoted(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(QUOTED_CHARS).collect();
    match chars.next() {
        None => format!("{head:?}"),
        Some(_) => format!("{head:?}… ({} characters)", text.chars().count()),
    }
}

/// A respelled query as shown in a "did you mean" line: cut after `QUOTED_CHARS`
/// characters like [`quoted`], since a query of thousands of words respells into as many.
pub fn clipped(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(QUOTED_CHARS).collect();
    match chars.next() {
        None => head,
        Some(_) => format!("{head}…"),
    }
}

/// How much of a query an error message quotes.
const QUOTED_CHARS: usize = 60;

/// Parses `text`; a malformed query becomes one line naming the problem and where it is, and
/// a query nested too deep for the parser's recursion is refused before it is parsed.
pub fn parse(text: &str) -> Result<UserInputAst> {
    super::limits::check_nesting(text).map_err(|err| invalid(text, err))?;
    match tantivy::query_grammar::parse_query(text) {
        Ok(ast) => Ok(ast),
        Err(_) => {
            // The strict parser says nothing useful; the lenient one knows where it stumbled.
            let (_, errors) = tantivy::query_grammar::parse_query_lenient(text);
            Err(match errors.first() {
                Some(first) => anyhow!(
                    "invalid query {}: {} at character {}",
                    quoted(text),
                    first.message,
                    char_position(text, first.pos) + 1
                ),
                None => anyhow!("invalid query {}: syntax error", quoted(text)),
            })
        }
    }
}

/// Wraps a problem found while compiling `text` into the same one-line form.
pub fn invalid(text: &str, err: anyhow::Error) -> anyhow::Error {
    anyhow!("invalid query {}: {err}", quoted(text))
}

/// A plain-words query: every whitespace-separated word is a bare word, no syntax.
pub fn plain_words(text: &str) -> UserInputAst {
    UserInputAst::Clause(
        text.split_whitespace()
            .map(|word| {
                let literal = UserInputLiteral {
                    field_name: None,
                    // a trailing * is not special either: not a prefix, and not a letter;
                    // nor is a leading = (an exact word)
                    phrase: word.replace(['*', '='], " "),
                    delimiter: Delimiter::None,
                    slop: 0,
                    prefix: false,
                };
                (
                    None,
                    UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(literal))),
                )
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_positions_count_letters_not_bytes() {
        assert_eq!(char_position("(مدرسة", 11), 6);
        assert_eq!(char_position("abc", 99), 3);
    }

    #[test]
    fn long_queries_are_quoted_short_and_escaped() {
        assert_eq!(quoted("قسد\u{1b}"), "\"قسد\\u{1b}\"");
        let long = "ب".repeat(10_000);
        let shown = quoted(&long);
        assert_eq!(
            shown,
            format!("{:?}… (10000 characters)", "ب".repeat(QUOTED_CHARS))
        );
    }

    #[test]
    fn long_suggestions_are_clipped() {
        assert_eq!(clipped("دمشق حلب"), "دمشق حلب");
        let long = "حلب ".repeat(1000);
        assert_eq!(clipped(&long).chars().count(), QUOTED_CHARS + 1);
        assert!(clipped(&long).ends_with('…'));
    }

    #[test]
    fn syntax_errors_name_a_character_position() {
        let err = parse("(قسد").unwrap_err().to_string();
        assert!(err.starts_with("invalid query \"(قسد\": "), "{err}");
        assert!(err.contains("at character"), "{err}");
    }
}
