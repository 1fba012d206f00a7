//! Human-readable output: a numbered block per hit with title, location and snippet.
//!
//! Colour (bold titles, bold red matches, as ripgrep does) is only used when asked for or when
//! stdout is a terminal. Whatever the colour choice, characters from documents that could
//! steer a terminal are printed as visible escapes.

use std::io::{self, Write};

use super::{escape_char, is_unsafe_for_terminal, Hit};
use crate::search::Similar;

const BOLD: &str = "\x1b[1m";
const MATCH: &str = "\x1b[1;31m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// Renders `text` with `highlights` (char ranges), escaping unsafe characters.
fn render(text: &str, highlights: &[(usize, usize)], color: bool) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut marks = highlights.iter().peekable();
    let mut open_until: Option<usize> = None;
    for (i, c) in text.chars().enumerate() {
        if open_until == Some(i) {
            if color {
                out.push_str(RESET);
            }
            open_until = None;
        }
        if open_until.is_none() {
            while marks.peek().is_some_and(|&&(_, to)| to <= i) {
                marks.next();
            }
            if let Some(&&(from, to)) = marks.peek() {
                if from == i {
                    if color {
                        out.push_str(MATCH);
                    }
                    open_until = Some(to);
                    marks.next();
                }
            }
        }
        if is_unsafe_for_terminal(c) {
            escape_char(c, &mut out);
        } else {
            out.push(c);
        }
    }
    if open_until.is_some() && color {
        out.push_str(RESET);
    }
    out
}

/// What the location line names a hit by: its path, or its id when the id says more than the
/// path and the DOCNO already do (`path#12`, the 12th record of a file holding several, or a
/// member of an archive). Either is one word that `fahras show` takes as it is.
fn location_name(hit: &Hit) -> &str {
    if hit.id != hit.path && hit.docno.as_ref() != Some(&hit.id) {
        &hit.id
    } else {
        &hit.path
    }
}

/// `text` with the characters that could steer a terminal escaped.
pub fn render_plain(text: &str) -> String {
    render(text, &[], false)
}

/// Prints the header line that starts a batch query's results: `[ID] QUERY`.
pub fn print_query_header(out: &mut impl Write, qid: &str, query: &str) -> io::Result<()> {
    let line = render(&format!("[{qid}] {query}"), &[], false);
    writeln!(out, "{line}")
}

/// Prints hits as text blocks separated by blank lines.
pub fn print_hits(out: &mut impl Write, hits: &[Hit], color: bool) -> io::Result<()> {
    for (i, hit) in hits.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let title = render(&hit.title, &hit.title_highlights, false);
        if color {
            writeln!(out, "{BOLD}{}. {title}{RESET}", hit.rank)?;
        } else {
            writeln!(out, "{}. {title}", hit.rank)?;
        }
        let mut location = render(location_name(hit), &[], false);
        if let Some(docno) = &hit.docno {
            location.push_str(&format!(" [{}]", render(docno, &[], false)));
        }
        if let Some(date) = &hit.date {
            location.push_str(&format!(" · {}", render(date, &[], false)));
        }
        if let Some(source) = &hit.source {
            location.push_str(&format!(" · {}", render(source, &[], false)));
        }
        if color {
            writeln!(out, "   {DIM}{location}{RESET}")?;
        } else {
            writeln!(out, "   {location}")?;
        }
        let snippet = render(&hit.snippet.text, &hit.snippet.highlights, color);
        if !snippet.is_empty() {
            writeln!(out, "   {snippet}")?;
        }
        if let Some(line) = similar_line(&hit.similar) {
            writeln!(out, "   {line}")?;
        }
    }
    Ok(())
}

/// How many of a hit's near-copies are named on its `+N similar` line.
const SIMILAR_NAMED: usize = 2;

/// `+3 similar: الرياض, عكاظ, …`: how many near-copies are folded under a hit, named by their
/// source (else date, else path), escaped.
fn similar_line(similar: &[Similar]) -> Option<String> {
    if similar.is_empty() {
        return None;
    }
    let names: Vec<String> = similar
        .iter()
        .take(SIMILAR_NAMED)
        .map(|s| {
            let name = s.source.as_deref().or(s.date.as_deref()).unwrap_or(&s.path);
            render(name, &[], false)
        })
        .collect();
    let more = if similar.len() > SIMILAR_NAMED {
        ", …"
    } else {
        ""
    };
    Some(format!(
        "+{} similar: {}{more}",
        similar.len(),
        names.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_marks_exactly_the_highlights() {
        let rendered = render("قال قسد اليوم", &[(4, 7)], true);
        assert_eq!(rendered, format!("قال {MATCH}قسد{RESET} اليوم"));
    }

    #[test]
    fn near_copies_are_counted_and_the_first_named() {
        let copy = |source: Option<&str>, date: Option<&str>| Similar {
            id: "x".into(),
            path: "/c/x.txt".into(),
            title: "t".into(),
            date: date.map(str::to_string),
            source: source.map(str::to_string),
        };
        assert_eq!(similar_line(&[]), None);
        let one = [copy(None, Some("2015-01-02"))];
        assert_eq!(similar_line(&one).unwrap(), "+1 similar: 2015-01-02");
        let three = [
            copy(Some("الرياض"), None),
            copy(Some("عكاظ"), Some("2015-01-02")),
            copy(None, None),
        ];
        assert_eq!(similar_line(&three).unwrap(), "+3 similar: الرياض, عكاظ, …");
    }

    #[test]
    fn without_colour_text_is_unchanged() {
        assert_eq!(render("قال قسد", &[(4, 7)], false), "قال قسد");
    }

    #[test]
    fn a_hit_is_located_by_its_id_only_when_the_id_says_more() {
        let hit = |id: &str, docno: Option<&str>| Hit {
            rank: 1,
            score: 1.0,
            id: id.into(),
            path: "/n/day.json".into(),
            docno: docno.map(str::to_string),
            title: String::new(),
            title_highlights: vec![],
            date: None,
            source: None,
            author: None,
            snippet: crate::search::Snippet::default(),
            similar: Vec::new(),
        };
        assert_eq!(
            location_name(&hit("/n/day.json#12", None)),
            "/n/day.json#12"
        );
        assert_eq!(location_name(&hit("/n/day.json", None)), "/n/day.json");
        assert_eq!(location_name(&hit("AL-1", Some("AL-1"))), "/n/day.json");
    }

    #[test]
    fn escape_sequences_and_bidi_overrides_are_escaped() {
        let rendered = render("a\x1b[31mb\u{202E}c\u{200C}", &[], false);
        assert_eq!(rendered, "a\\u{1b}[31mb\\u{202e}c\u{200C}");
    }
}
