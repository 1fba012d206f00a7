//! Output of `fahras show`: a stored article as readable text or as one JSON object per line.
//!
//! The JSON record has the fields of `fahras search --json` that describe the article, plus
//! `id` and the whole cleaned `body` (one paragraph per line). Like every JSON record of fahras,
//! its fields are only ever added, never renamed or removed.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use super::escape_text;
use crate::article::Article;

/// The JSON record of one stored article.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct JsonDocument {
    pub id: String,
    pub path: String,
    pub docno: Option<String>,
    pub title: String,
    pub date: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub body: String,
}

impl From<&Article> for JsonDocument {
    fn from(article: &Article) -> Self {
        JsonDocument {
            id: article.id.clone(),
            path: article.path.clone(),
            docno: article.docno.clone(),
            title: article.title.clone(),
            date: article.date.clone(),
            source: article.source.clone(),
            author: article.author.clone(),
            body: article.body.clone(),
        }
    }
}

/// Prints each article as one JSON object on its own line.
pub fn print_json(out: &mut impl Write, articles: &[Article]) -> io::Result<()> {
    for article in articles {
        serde_json::to_writer(&mut *out, &JsonDocument::from(article))?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Prints each article as `name: value` metadata lines, a blank line and the body; articles
/// are separated by a blank line. Everything from the document is escaped for the terminal.
pub fn print_text(out: &mut impl Write, articles: &[Article]) -> io::Result<()> {
    for (i, article) in articles.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let id = (article.id != article.path).then_some(&article.id);
        let fields = [
            ("title", Some(&article.title)),
            ("path", Some(&article.path)),
            ("id", id),
            ("docno", article.docno.as_ref()),
            ("date", article.date.as_ref()),
            ("source", article.source.as_ref()),
            ("author", article.author.as_ref()),
        ];
        for (name, value) in fields {
            if let Some(value) = value {
                writeln!(out, "{name:<7} {}", escape_text(value, false))?;
            }
        }
        if !article.body.is_empty() {
            writeln!(out)?;
            writeln!(out, "{}", escape_text(&article.body, true))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article() -> Article {
        Article {
            id: "/n/a.txt#2".into(),
            path: "/n/a.txt".into(),
            docno: Some("AL-1".into()),
            title: "قسد\x1b[2J".into(),
            body: "فقرة أولى\nفقرة ثانية".into(),
            date: Some("2018-07-15".into()),
            ..Article::default()
        }
    }

    #[test]
    fn text_has_metadata_then_paragraphs() {
        let mut out = Vec::new();
        print_text(&mut out, &[article()]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "title   قسد\\u{1b}[2J\npath    /n/a.txt\nid      /n/a.txt#2\ndocno   AL-1\n\
             date    2018-07-15\n\nفقرة أولى\nفقرة ثانية\n"
        );
    }

    #[test]
    fn json_round_trips_one_line_per_article() {
        let mut out = Vec::new();
        print_json(&mut out, &[article(), article()]).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 2);
        let parsed: JsonDocument = serde_json::from_str(text.lines().next().unwrap()).unwrap();
        assert_eq!(parsed, JsonDocument::from(&article()));
        assert_eq!(parsed.body, "فقرة أولى\nفقرة ثانية");
    }
}
