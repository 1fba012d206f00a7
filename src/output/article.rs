//! Printing cleaned articles for `fahras clean`: readable blocks, or JSON Lines whose field set
//! `{"path","docno","title","date","source","author","body"}` is a contract (fields may be
//! added, never renamed or removed). `body` holds one paragraph per line.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use super::{escape_char, is_unsafe_for_terminal};
use crate::article::Article;

/// The JSON record of one cleaned article.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct JsonArticle<'a> {
    pub path: &'a str,
    pub docno: Option<&'a str>,
    pub title: &'a str,
    pub date: Option<&'a str>,
    pub source: Option<&'a str>,
    pub author: Option<&'a str>,
    pub body: &'a str,
}

impl<'a> JsonArticle<'a> {
    /// The record of `article`.
    pub fn new(article: &'a Article) -> JsonArticle<'a> {
        JsonArticle {
            path: &article.path,
            docno: article.docno.as_deref(),
            title: &article.title,
            date: article.date.as_deref(),
            source: article.source.as_deref(),
            author: article.author.as_deref(),
            body: &article.body,
        }
    }
}

/// Prints `article` as one JSON line.
pub fn print_json(out: &mut impl Write, article: &Article) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &JsonArticle::new(article))?;
    out.write_all(b"\n")
}

fn safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_unsafe_for_terminal(c) {
            escape_char(c, &mut out);
        } else {
            out.push(c);
        }
    }
    out
}

/// Prints `article` as a readable block: a `==> path <==` header (as `head` does), the title,
/// a metadata line, a blank line and the body; `first` says whether a separator is needed.
pub fn print_text(out: &mut impl Write, article: &Article, first: bool) -> io::Result<()> {
    if !first {
        writeln!(out)?;
    }
    // The id tells records of one file apart (`path#2`) when they have no DOCNO.
    let mut header = safe(&article.path);
    match &article.docno {
        Some(docno) => header.push_str(&format!(" [{}]", safe(docno))),
        None if article.id != article.path => header = safe(&article.id),
        None => {}
    }
    writeln!(out, "==> {header} <==")?;
    writeln!(out, "{}", safe(&article.title))?;
    let meta: Vec<String> = [
        ("date", &article.date),
        ("source", &article.source),
        ("author", &article.author),
    ]
    .iter()
    .filter_map(|(name, value)| value.as_deref().map(|v| format!("{name}: {}", safe(v))))
    .collect();
    if !meta.is_empty() {
        writeln!(out, "{}", meta.join(" · "))?;
    }
    if !article.body.is_empty() {
        writeln!(out)?;
        for line in article.body.lines() {
            writeln!(out, "{}", safe(line))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article() -> Article {
        Article {
            id: "/a.txt".into(),
            path: "/a.txt".into(),
            title: "عنوان".into(),
            body: "فقرة أولى.\nفقرة \u{1b}[31mثانية.".into(),
            date: Some("2024-05-02".into()),
            author: Some("أثر".into()),
            ..Article::default()
        }
    }

    #[test]
    fn json_has_the_documented_fields_in_order() {
        let mut out = Vec::new();
        print_json(&mut out, &article()).unwrap();
        let line = String::from_utf8(out).unwrap();
        assert!(line.starts_with(r#"{"path":"/a.txt","docno":null,"title":"عنوان","date":"2024-05-02","source":null,"author":"أثر","body":"فقرة أولى.\nفقرة "#), "{line}");
        assert!(line.ends_with("}\n"));
    }

    #[test]
    fn text_is_a_block_with_escaped_controls() {
        let mut out = Vec::new();
        print_text(&mut out, &article(), true).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "==> /a.txt <==\nعنوان\ndate: 2024-05-02 · author: أثر\n\nفقرة أولى.\nفقرة \\u{1b}[31mثانية.\n"
        );
    }
}
