//! JSON Lines output: one object per hit, for pipelines (`fahras search … --json | jq …`).
//!
//! The field set is a contract: fields are only ever added, never renamed or removed.
//! `highlights` are half-open character (Unicode scalar) offsets into `snippet`. In batch mode
//! (`--queries`) every record also carries the query's id as `qid`.
//!
//! A query without hits prints nothing, unless the index suggests respellings: then one
//! [`JsonSuggestions`] record (`did_you_mean`, no `rank`) stands in for the hits, so the output
//! stays one JSON object per line and `jq 'select(.rank)'` keeps only hits.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use super::Hit;
use crate::search::Similar;

/// The JSON record of one hit.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct JsonHit {
    /// The query's id, in batch mode only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qid: Option<String>,
    pub rank: usize,
    pub score: f32,
    /// The article's id, what `fahras show` takes (`path#N`, a DOCNO, or the path).
    pub id: String,
    pub path: String,
    pub docno: Option<String>,
    pub title: String,
    pub date: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub snippet: String,
    pub highlights: Vec<[usize; 2]>,
    /// Near-copies folded under this hit (empty with `--all`).
    pub similar: Vec<JsonSimilar>,
}

/// An article folded under a hit, or one of a `fahras dups` group.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct JsonSimilar {
    pub id: String,
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    pub source: Option<String>,
}

impl From<&Similar> for JsonSimilar {
    fn from(similar: &Similar) -> Self {
        JsonSimilar {
            id: similar.id.clone(),
            path: similar.path.clone(),
            title: similar.title.clone(),
            date: similar.date.clone(),
            source: similar.source.clone(),
        }
    }
}

/// The record printed instead of hits when a query found nothing but respellings would.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct JsonSuggestions {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qid: Option<String>,
    pub query: String,
    pub did_you_mean: Vec<String>,
}

impl JsonHit {
    pub(crate) fn new(hit: &Hit, qid: Option<&str>) -> Self {
        JsonHit {
            qid: qid.map(str::to_string),
            rank: hit.rank,
            score: hit.score,
            id: hit.id.clone(),
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
            similar: hit.similar.iter().map(JsonSimilar::from).collect(),
        }
    }
}

/// Prints each hit as one JSON object on its own line.
pub fn print_hits(out: &mut impl Write, hits: &[Hit], qid: Option<&str>) -> io::Result<()> {
    for hit in hits {
        serde_json::to_writer(&mut *out, &JsonHit::new(hit, qid))?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Prints the suggestions record of a query without hits (nothing if there are none).
pub fn print_suggestions(
    out: &mut impl Write,
    query: &str,
    suggestions: &[String],
    qid: Option<&str>,
) -> io::Result<()> {
    if suggestions.is_empty() {
        return Ok(());
    }
    let record = JsonSuggestions {
        qid: qid.map(str::to_string),
        query: query.to_string(),
        did_you_mean: suggestions.to_vec(),
    };
    serde_json::to_writer(&mut *out, &record)?;
    out.write_all(b"\n")
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
            id: "/a.txt#2".into(),
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
            similar: vec![],
        };
        let mut out = Vec::new();
        print_hits(&mut out, &[hit.clone(), hit], None).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        let parsed: JsonHit = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(parsed.highlights, vec![[5, 8]]);
        assert_eq!(parsed.snippet, "قال \"قسد\"\nx");
        assert!(lines[0]
            .starts_with(r#"{"rank":1,"score":2.5,"id":"/a.txt#2","path":"/a.txt","docno":null"#));
        assert!(lines[0].ends_with(r#""similar":[]}"#), "{}", lines[0]);
    }

    #[test]
    fn batch_records_carry_the_query_id_first() {
        let mut out = Vec::new();
        print_suggestions(&mut out, "دمشك", &["دمشق".into()], Some("q7")).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "{\"qid\":\"q7\",\"query\":\"دمشك\",\"did_you_mean\":[\"دمشق\"]}\n"
        );
        let mut out = Vec::new();
        print_suggestions(&mut out, "x", &[], None).unwrap();
        assert!(out.is_empty());
    }
}
