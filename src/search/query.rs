//! Turns the user's query string into a tantivy query over both analyses of title and body.
//!
//! The syntax is tantivy's: bare words are OR-ed and ranked by BM25, `"..."` is a phrase,
//! `+word` is required, `-word` excluded, `title:word` searches one field. Every word goes
//! through the same analyzers as the documents, so a phrase matches across clitics: the phrase
//! "الأمم المتحدة" finds "للأمم المتحدة" through the stemmed fields.

use anyhow::{anyhow, Result};
use tantivy::query::{Query, QueryParser, QueryParserError};
use tantivy::Index;

use crate::index::Fields;

/// Relative weight of each field in the BM25 sum.
#[derive(Debug, Clone, Copy)]
pub struct FieldBoosts {
    pub title: f32,
    pub title_exact: f32,
    pub body: f32,
    pub body_exact: f32,
}

impl Default for FieldBoosts {
    fn default() -> Self {
        FieldBoosts {
            title: 2.0,
            title_exact: 1.0,
            body: 1.0,
            body_exact: 0.5,
        }
    }
}

/// Builds the query parser fahras searches with.
pub fn parser(index: &Index, fields: &Fields, boosts: FieldBoosts) -> QueryParser {
    let mut parser = QueryParser::for_index(
        index,
        vec![
            fields.title,
            fields.title_exact,
            fields.body,
            fields.body_exact,
        ],
    );
    parser.set_field_boost(fields.title, boosts.title);
    parser.set_field_boost(fields.title_exact, boosts.title_exact);
    parser.set_field_boost(fields.body, boosts.body);
    parser.set_field_boost(fields.body_exact, boosts.body_exact);
    parser
}

/// Character (not byte) position of a byte offset, for error messages a person can count.
fn char_position(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    text.char_indices().take_while(|&(i, _)| i < byte).count()
}

/// Parses `text`; a malformed query becomes one line naming the problem and where it is.
pub fn parse(parser: &QueryParser, text: &str) -> Result<Box<dyn Query>> {
    match parser.parse_query(text) {
        Ok(query) => Ok(query),
        Err(err) => Err(describe_error(text, err)),
    }
}

fn describe_error(text: &str, err: QueryParserError) -> anyhow::Error {
    match err {
        QueryParserError::SyntaxError(_) => {
            let (_, errors) = tantivy::query_grammar::parse_query_lenient(text);
            match errors.first() {
                Some(first) => anyhow!(
                    "invalid query {text:?}: {} at character {}",
                    first.message,
                    char_position(text, first.pos) + 1
                ),
                None => anyhow!("invalid query {text:?}: syntax error"),
            }
        }
        QueryParserError::AllButQueryForbidden => {
            anyhow!("invalid query {text:?}: it only excludes words; add a word to search for")
        }
        QueryParserError::FieldDoesNotExist(field) => anyhow!(
            "invalid query {text:?}: unknown field {field:?} (fields: title, body, source, author)"
        ),
        other => anyhow!("invalid query {text:?}: {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_positions_count_letters_not_bytes() {
        assert_eq!(char_position("(مدرسة", 11), 6);
        assert_eq!(char_position("abc", 99), 3);
    }
}
