//! One article as another engine or a corpus builder reads it: the JSON object of both the
//! bulk files and `--format jsonl`, so the two exports always carry the same fields.
//!
//! The fields are a contract, like every JSON record of fahras: only ever added, never renamed
//! or removed. Absent metadata is `null`, so every record has every field.

use serde::Serialize;

use crate::article::Article;
use crate::output::article::JsonArticle;

/// The exported record of one article, borrowing its text: the fields `fahras clean --json`
/// prints for an article, between its id and its near-duplicate group.
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    /// The article's id in fahras (`path#N`, a DOCNO or the path): the document `_id`.
    pub id: &'a str,
    /// path, docno, title, date (`YYYY-MM-DD`), source, author and body (the cleaned text, one
    /// paragraph per line, title excluded).
    #[serde(flatten)]
    pub article: JsonArticle<'a>,
    /// The id of the first article of its near-duplicate group (`fahras dups`), the
    /// article's own id when it has no near-copy: one story, one group, so that keeping the
    /// records whose group is their id, or OpenSearch's `collapse` on `group`, keeps one
    /// article per story.
    pub group: &'a str,
}

impl<'a> Record<'a> {
    /// The record of `article`, in the near-duplicate group named `group` if it has one.
    pub fn new(article: &'a Article, group: Option<&'a str>) -> Record<'a> {
        Record {
            id: &article.id,
            article: JsonArticle::new(article),
            group: group.unwrap_or(&article.id),
        }
    }

    /// The record as one line of JSON, newline included, appended to `out`.
    pub fn write_line(&self, out: &mut Vec<u8>) {
        serde_json::to_writer(&mut *out, self).expect("a record serializes to memory");
        out.push(b'\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_even_absent_and_hostile_text_survives() {
        let article = Article {
            id: "a.txt#2".into(),
            path: "/news/a\n\"b\".txt".into(),
            title: "عنوان\u{0}\u{202E}".into(),
            body: "سطر\nسطر\t\\".into(),
            date: Some("2018-02-01".into()),
            ..Article::default()
        };
        let mut line = Vec::new();
        Record::new(&article, Some("g")).write_line(&mut line);
        assert_eq!(line.iter().filter(|&&b| b == b'\n').count(), 1);
        assert_eq!(line.last(), Some(&b'\n'));
        let value: serde_json::Value = serde_json::from_slice(&line).unwrap();
        assert_eq!(value["path"], "/news/a\n\"b\".txt");
        assert_eq!(value["title"], "عنوان\u{0}\u{202E}");
        assert_eq!(value["body"], "سطر\nسطر\t\\");
        assert_eq!(value["group"], "g");
        assert!(value["source"].is_null() && value["docno"].is_null());
        let mut alone = Vec::new();
        Record::new(&article, None).write_line(&mut alone);
        let alone: serde_json::Value = serde_json::from_slice(&alone).unwrap();
        assert_eq!(
            alone["group"], "a.txt#2",
            "an article without copies is its own group"
        );
        let keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        assert_eq!(keys.len(), 9, "{keys:?}");
    }
}
