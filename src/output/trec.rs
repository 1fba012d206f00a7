//! TREC run-file output (`QID Q0 DOC RANK SCORE TAG`), what IR evaluation tools read.
//!
//! The document is the article's path, or its id when its file holds several articles (its
//! DOCNO, or `path#N`), so that each line names one article, as evaluation tools expect; the
//! tag is always `fahras`. A query without an id (a
//! single query, not a batch) is called `1`. A run file is read line by line, so each hit stays
//! one line: control characters in an id or a path (a file name may hold a newline or an
//! ESC) are written as visible escapes (`\u{a}`). A batch refuses such ids before this point
//! (`commands::search`); escaping them here too keeps the guarantee in one place.

use std::io::{self, Write};

use std::borrow::Cow;

use super::{escape_text, is_unsafe_for_terminal};
use crate::search::RankedPath;

/// `text` as is, or escaped if it holds a control character: almost every path is written
/// without a copy (a batch writes thousands of lines a second).
fn one_line(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_unsafe_for_terminal) {
        Cow::Owned(escape_text(text, false))
    } else {
        Cow::Borrowed(text)
    }
}

/// Prints one run line per ranked document.
pub fn print_hits(out: &mut impl Write, hits: &[RankedPath], qid: Option<&str>) -> io::Result<()> {
    let qid = one_line(qid.unwrap_or("1"));
    for hit in hits {
        writeln!(
            out,
            "{qid} Q0 {} {} {:.6} fahras",
            one_line(hit.name()),
            hit.rank,
            hit.score
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_per_hit() {
        let hit = RankedPath {
            rank: 2,
            score: 1.5,
            path: "/c/a.txt".into(),
            record: None,
        };
        let mut out = Vec::new();
        print_hits(&mut out, &[hit], Some("q1")).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "q1 Q0 /c/a.txt 2 1.500000 fahras\n"
        );
    }

    #[test]
    fn an_article_sharing_its_file_is_named_by_its_id() {
        let hit = |n: usize| RankedPath {
            rank: n,
            score: 1.0,
            path: "/c/day.json".into(),
            record: Some(format!("/c/day.json#{n}")),
        };
        let mut out = Vec::new();
        print_hits(&mut out, &[hit(1), hit(2)], None).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "1 Q0 /c/day.json#1 1 1.000000 fahras\n1 Q0 /c/day.json#2 2 1.000000 fahras\n"
        );
    }

    #[test]
    fn a_line_break_or_escape_in_a_path_or_id_stays_on_the_line() {
        let hit = RankedPath {
            rank: 1,
            score: 1.0,
            path: "/c/a\nb\u{1b}]0;x\u{7}.txt".into(),
            record: None,
        };
        let mut out = Vec::new();
        print_hits(&mut out, &[hit], Some("q\u{1b}1")).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "q\\u{1b}1 Q0 /c/a\\u{a}b\\u{1b}]0;x\\u{7}.txt 1 1.000000 fahras\n"
        );
    }
}
