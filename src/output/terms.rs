//! Output of `fahras terms`: one line per word, or one JSON object per word.
//!
//! A text line is `SCORE  DOCUMENTS  WORD`: the numbers first and right-aligned, the word last,
//! so that an Arabic word cannot move the numbers when a terminal lays the line out right to
//! left (as `stats` prints its counts).

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use super::escape_text;
use crate::search::views::CharacteristicTerm;

/// The JSON record of one word.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct JsonTerm {
    pub term: String,
    pub documents: u64,
    pub score: f64,
}

/// Prints one JSON object per word.
pub fn print_json(out: &mut impl Write, terms: &[CharacteristicTerm]) -> io::Result<()> {
    for term in terms {
        let record = JsonTerm {
            term: term.term.clone(),
            documents: term.documents,
            score: term.score,
        };
        serde_json::to_writer(&mut *out, &record)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Prints one line per word: its score (one decimal), the articles holding it, the word.
pub fn print_text(out: &mut impl Write, terms: &[CharacteristicTerm]) -> io::Result<()> {
    let scores: Vec<String> = terms.iter().map(|t| format!("{:.1}", t.score)).collect();
    let score_width = scores.iter().map(String::len).max().unwrap_or(0);
    let documents_width = terms
        .iter()
        .map(|t| t.documents.to_string().len())
        .max()
        .unwrap_or(0);
    for (term, score) in terms.iter().zip(&scores) {
        writeln!(
            out,
            "{score:>score_width$}  {:>documents_width$}  {}",
            term.documents,
            escape_text(&term.term, false)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms() -> Vec<CharacteristicTerm> {
        vec![
            CharacteristicTerm {
                term: "المونديال".into(),
                documents: 120,
                score: 1234.56,
            },
            CharacteristicTerm {
                term: "ركلة".into(),
                documents: 7,
                score: 45.0,
            },
        ]
    }

    #[test]
    fn numbers_line_up_before_the_words() {
        let mut out = Vec::new();
        print_text(&mut out, &terms()).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "1234.6  120  المونديال\n  45.0    7  ركلة\n"
        );
    }

    #[test]
    fn json_has_term_documents_and_score() {
        let mut out = Vec::new();
        print_json(&mut out, &terms()).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text.lines().next().unwrap(),
            r#"{"term":"المونديال","documents":120,"score":1234.56}"#
        );
    }
}
