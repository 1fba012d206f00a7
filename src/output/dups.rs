//! Printers of `fahras dups`: a text block per group, or one JSON object per group,
//! `{"group","documents":[{"id","path","title","date","source"},…]}`. The first document is
//! the group's representative and `group` is its id, so `jq '.documents[1:]'` are the copies.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use super::json::JsonSimilar;
use super::text::render_plain;
use crate::search::Similar;

/// The JSON record of one group.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct JsonGroup {
    pub group: String,
    pub documents: Vec<JsonSimilar>,
}

/// Prints one group as a JSON object on its own line.
pub fn print_json(out: &mut impl Write, documents: &[Similar]) -> io::Result<()> {
    let record = JsonGroup {
        group: documents.first().map_or_else(String::new, |d| d.id.clone()),
        documents: documents.iter().map(JsonSimilar::from).collect(),
    };
    serde_json::to_writer(&mut *out, &record)?;
    out.write_all(b"\n")
}

/// Prints group `n`: a header with its first title and size, then a line per document
/// (path · date · source), the representative first.
pub fn print_text(out: &mut impl Write, n: usize, documents: &[Similar]) -> io::Result<()> {
    if n > 1 {
        writeln!(out)?;
    }
    let title = documents.first().map_or("", |d| d.title.as_str());
    writeln!(
        out,
        "{n}. {} ({} documents)",
        render_plain(title),
        documents.len()
    )?;
    for document in documents {
        let mut line = render_plain(&document.path);
        for field in [&document.date, &document.source].into_iter().flatten() {
            line.push_str(" · ");
            line.push_str(&render_plain(field));
        }
        writeln!(out, "   {line}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(id: &str, source: Option<&str>) -> Similar {
        Similar {
            id: id.into(),
            path: format!("/c/{id}.txt"),
            title: "خبر\x1b".into(),
            date: Some("2015-05-01".into()),
            source: source.map(str::to_string),
        }
    }

    #[test]
    fn a_group_is_one_json_object_named_after_its_first_document() {
        let mut out = Vec::new();
        print_json(&mut out, &[document("a", Some("واس")), document("b", None)]).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 1);
        let group: JsonGroup = serde_json::from_str(&text).unwrap();
        assert_eq!(group.group, "a");
        assert_eq!(group.documents[1].path, "/c/b.txt");
        assert!(text.starts_with(r#"{"group":"a","documents":[{"id":"a","path":"/c/a.txt""#));
    }

    #[test]
    fn text_lists_each_document_escaped() {
        let mut out = Vec::new();
        print_text(
            &mut out,
            2,
            &[document("a", Some("واس")), document("b", None)],
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "\n2. خبر\\u{1b} (2 documents)\n   /c/a.txt · 2015-05-01 · واس\n   /c/b.txt · 2015-05-01\n"
        );
    }
}
