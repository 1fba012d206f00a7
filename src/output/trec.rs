//! TREC run-file output (`QID Q0 DOC RANK SCORE TAG`), what IR evaluation tools read.
//!
//! The document is the article's path; the tag is always `fahras`. A query without an id (a
//! single query, not a batch) is called `1`.

use std::io::{self, Write};

use super::Hit;

/// Prints one run line per hit.
pub fn print_hits(out: &mut impl Write, hits: &[Hit], qid: Option<&str>) -> io::Result<()> {
    let qid = qid.unwrap_or("1");
    for hit in hits {
        writeln!(
            out,
            "{qid} Q0 {} {} {:.6} fahras",
            hit.path, hit.rank, hit.score
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Snippet;

    #[test]
    fn one_line_per_hit() {
        let hit = Hit {
            rank: 2,
            score: 1.5,
            path: "/c/a.txt".into(),
            docno: None,
            title: String::new(),
            title_highlights: vec![],
            date: None,
            source: None,
            author: None,
            snippet: Snippet::default(),
        };
        let mut out = Vec::new();
        print_hits(&mut out, &[hit], Some("q1")).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "q1 Q0 /c/a.txt 2 1.500000 fahras\n"
        );
    }
}
