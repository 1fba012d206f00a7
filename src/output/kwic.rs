//! Output of `fahras kwic`: concordance lines as text, or one JSON object per line.
//!
//! A text line is laid out so that the matched word stands in one column whether or not the
//! terminal reorders right-to-left text:
//!
//! ```text
//! ⟨id⟩⟨pad⟩␠␠RLI ⟨pad⟩⟨before⟩␠␠⟨match⟩␠␠⟨after⟩⟨pad⟩ PDI
//! ```
//!
//! The id comes first, padded to the longest, as search output puts paths and dates first: it
//! stays at the start of the line whichever way a terminal lays the line out. The text before
//! the match is padded to `width` columns on its outer side, the text after it likewise (the
//! white space next to the match is the two-space separator's), so the match starts at the
//! same column on every line. A terminal without bidi (tmux, most Linux terminals) shows the
//! characters in that order: the context reads on in the order it was written, into the match
//! and out of it. A terminal with bidi lays the isolate (U+2067 … U+2069, which take no cell)
//! out right to left as one block: the text before the match goes to the right of it, as an
//! Arabic reader expects, and since both contexts fill exactly `width` columns the match still
//! starts at the same column. The isolate also keeps a Latin word in the context from
//! splitting the block. The isolate opens after a space, not at the start of the line: tmux
//! drops a character that takes no cell when there is no cell before it to attach it to. The
//! article text is escaped first, so its own bidi controls cannot unbalance the isolate.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use super::count::columns;
use super::escape_text;
use crate::search::views::KwicLine;

/// RIGHT-TO-LEFT ISOLATE and POP DIRECTIONAL ISOLATE.
const RLI: char = '\u{2067}';
const PDI: char = '\u{2069}';

/// The JSON record of one concordance line.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct JsonKwicLine {
    pub id: String,
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    /// The text before the match.
    pub left: String,
    #[serde(rename = "match")]
    pub matched: String,
    /// The text after the match.
    pub right: String,
}

/// Prints one JSON object per line.
pub fn print_json(out: &mut impl Write, lines: &[KwicLine]) -> io::Result<()> {
    for line in lines {
        let record = JsonKwicLine {
            id: line.id.clone(),
            path: line.path.clone(),
            title: line.title.clone(),
            date: line.date.clone(),
            left: line.left.clone(),
            matched: line.matched.clone(),
            right: line.right.clone(),
        };
        serde_json::to_writer(&mut *out, &record)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Prints the lines as aligned text, `width` columns of context on each side.
pub fn print_text(out: &mut impl Write, lines: &[KwicLine], width: usize) -> io::Result<()> {
    let ids: Vec<String> = lines.iter().map(|l| escape_text(&l.id, false)).collect();
    let id_width = ids.iter().map(|id| columns(id)).max().unwrap_or(0);
    for (line, id) in lines.iter().zip(&ids) {
        // the space between a context and the match is the separator's to show
        let left = escape_text(line.left.trim_end(), false);
        let right = escape_text(line.right.trim_start(), false);
        // an escape can make a context wider than asked; it is then shown whole
        let id_pad = id_width - columns(id);
        let left_pad = width.saturating_sub(columns(&left));
        let right_pad = width.saturating_sub(columns(&right));
        writeln!(
            out,
            "{id}{:id_pad$}  {RLI}{:left_pad$}{left}  {}  {right}{:right_pad$}{PDI}",
            "",
            "",
            escape_text(&line.matched, false),
            "",
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(left: &str, matched: &str, right: &str) -> KwicLine {
        KwicLine {
            id: format!("AL-{}", left.len()),
            path: "/n/a.txt".into(),
            title: "عنوان".into(),
            date: Some("2018-07-15".into()),
            left: left.into(),
            matched: matched.into(),
            right: right.into(),
        }
    }

    #[test]
    fn the_match_starts_in_one_column_whatever_the_context() {
        let lines = [
            line("قالَ وزير", "التحالف", "الدولي"),
            line("", "والتحالف", "قسد\u{1b}"),
        ];
        let mut out = Vec::new();
        print_text(&mut out, &lines, 10).unwrap();
        let text = String::from_utf8(out).unwrap();
        let shown: Vec<&str> = text.lines().collect();
        assert_eq!(
            shown[0],
            "AL-17  \u{2067}  قالَ وزير  التحالف  الدولي    \u{2069}"
        );
        assert_eq!(
            shown[1],
            "AL-0   \u{2067}            والتحالف  قسد\\u{1b} \u{2069}"
        );
        for (shown, matched) in shown.iter().zip(["التحالف", "والتحالف"]) {
            let at = shown.find(matched).unwrap();
            assert_eq!(columns(&shown[..at]), 7 + 12, "{shown}");
        }
    }

    #[test]
    fn json_names_the_match_match() {
        let mut out = Vec::new();
        print_json(&mut out, &[line("قبل", "التحالف", "بعد")]).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "{\"id\":\"AL-6\",\"path\":\"/n/a.txt\",\"title\":\"عنوان\",\"date\":\"2018-07-15\",\
             \"left\":\"قبل\",\"match\":\"التحالف\",\"right\":\"بعد\"}\n"
        );
    }
}
