//! JSON Lines output: one object per hit, for pipelines (`fahras search … --json | jq …`).
//!
//! The field set is a contract: fields are only ever added, never renamed or removed.
//! `highlights` are half-open character (Unicode scalar) offsets into `snippet`.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use super::Hit;

/// The JSON record of one hit.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct JsonHit {
    pub rank: usize,
    pub score: f32,
    pub path: String,
    pub docno: Option<String>,
    pub title: String,
    pub date: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub snippet: String,
    pub highlights: Vec<[usize; 2]>,
}

impl From<&Hit> for JsonHit {
    fn from(hit: &Hit) -> Self {
        JsonHit {
            rank: hit.rank,
            score: hit.score,
            path: hit.path.clone(),
            docno: hit.docno.clone(),
            title: hit.title.clone(),
            date: hit.date.clone(),
            source: hit.source.clone(),
            author: hit.author.clone(),
            snippet: hit.snippet.text.clone(),
            highlights: hit
                .snippet
                .highlights
                .iter()
                .map(|&(from, to)| [from, to])
                .collect(),
        }
    }
}

/// Prints each hit as one JSON object on its own line.
pub fn print_hits(out: &mut impl Write, hits: &[Hit]) -> io::Result<()> {
    for hit in hits {
        serde_json::to_writer(&mut *out, &JsonHit::from(hit))?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Snippet;

    #[test]
    fn one_line_per_hit_with_char_offsets() {
        let hit = Hit {
            rank: 1,
            score: 2.5,
            path: "/a.txt".into(),
            docno: None,
            title: "عنوان".into(),
            title_highlights: vec![],
            date: None,
            source: None,
            author: None,
            snippet: Snippet {
                text: "قال \"قسد\"\nx".into(),
                highlights: vec![(5, 8)],
            },
        };
        let mut out = Vec::new();
        print_hits(&mut out, &[hit.clone(), hit]).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        let parsed: JsonHit = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(parsed.highlights, vec![[5, 8]]);
        assert_eq!(parsed.snippet, "قال \"قسد\"\nx");
        assert!(lines[0].starts_with(r#"{"rank":1,"score":2.5,"path":"/a.txt","docno":null"#));
    }
}
