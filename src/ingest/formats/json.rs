//! JSON article dumps: JSON Lines, a JSON array of records, or a single record object.
//!
//! Field names differ between scrapers, so each record field is looked up under the names
//! seen in the wild (SaudiNewsNet uses `title`, `content`, `author`, `source`, `url`,
//! `date_extracted`). A crawl date is only used when the record has no publication date.
//! Numbers and arrays (several authors) are turned into text; a line of a JSON Lines file that
//! is not valid JSON is skipped with a warning naming its line. An array is read one element
//! at a time: its records, not a tree of the whole file, are what is held (an array of 480,000
//! small records took 691 MB as a `Vec<Value>`).

use std::fmt;

use serde::de::{Deserializer as _, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::{non_empty, Record};

const DOCNO: &[&str] = &["docno", "doc_id", "docid", "id", "_id", "guid"];
const TITLE: &[&str] = &["title", "headline", "name"];
const BODY: &[&str] = &[
    "content",
    "text",
    "body",
    "article",
    "article_body",
    "articleBody",
    "story",
    "full_text",
];
const SUMMARY: &[&str] = &["summary", "abstract", "description", "lead"];
const DATE: &[&str] = &[
    "date",
    "published",
    "publish_date",
    "published_at",
    "date_published",
    "datePublished",
    "pubDate",
    "pub_date",
    "datetime",
    "time",
    "timestamp",
    "created_at",
    "date_extracted",
    "crawled_at",
];
const AUTHOR: &[&str] = &["author", "authors", "byline", "writer", "creator"];
const URL: &[&str] = &["url", "link", "href", "canonical_url"];
const SOURCE: &[&str] = &[
    "source",
    "site",
    "site_name",
    "publisher",
    "source_name",
    "newspaper",
];

/// Is `text` JSON we can read (checked on its first record only, to stay cheap)?
pub fn looks_like_json(text: &str) -> bool {
    let first_line = text.lines().next().unwrap_or("").trim();
    if serde_json::from_str::<Map<String, Value>>(first_line).is_ok() {
        return true;
    }
    let head = text.trim_start();
    if let Some(inner) = head.strip_prefix('[') {
        // `[` then an object (or an empty array): an array of records.
        let inner = inner.trim_start();
        return inner.starts_with('{') || inner.starts_with(']');
    }
    serde_json::from_str::<Map<String, Value>>(text).is_ok()
}

/// Text of a JSON value: strings as they are, arrays joined, objects by their `name`.
fn value_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => non_empty(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(value_text).collect();
            (!parts.is_empty()).then(|| parts.join("، "))
        }
        Value::Object(map) => map.get("name").and_then(value_text),
        Value::Bool(_) | Value::Null => None,
    }
}

/// The first non-empty field among `names`.
fn field(map: &Map<String, Value>, names: &[&str]) -> Option<String> {
    names
        .iter()
        .find_map(|name| map.get(*name).and_then(value_text))
}

fn record(map: &Map<String, Value>) -> Record {
    Record {
        docno: field(map, DOCNO),
        url: field(map, URL),
        title: field(map, TITLE),
        date: field(map, DATE),
        source: field(map, SOURCE),
        author: field(map, AUTHOR),
        summary: field(map, SUMMARY),
        body: field(map, BODY).unwrap_or_default(),
    }
}

/// Reads every record; fails only when the file is not JSON at all.
pub fn parse(text: &str) -> Result<(Vec<Record>, Vec<String>), String> {
    let trimmed = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    if trimmed.starts_with('[') {
        return Ok((array(trimmed)?, Vec::new()));
    }
    if let Ok(map) = serde_json::from_str::<Map<String, Value>>(trimmed) {
        return Ok((vec![record(&map)], Vec::new()));
    }
    let mut records = Vec::new();
    let mut warnings = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match serde_json::from_str::<Map<String, Value>>(line) {
            Ok(map) => records.push(record(&map)),
            Err(err) => warnings.push(format!("line {}: not a JSON object ({err})", i + 1)),
        }
    }
    if records.is_empty() {
        return Err(warnings
            .into_iter()
            .next()
            .unwrap_or_else(|| "no JSON records".to_string()));
    }
    Ok((records, warnings))
}

/// Collects the records of an array, one element in memory at a time; elements that are not
/// objects are passed over.
struct ArrayRecords;

impl<'de> Visitor<'de> for ArrayRecords {
    type Value = Vec<Record>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Vec<Record>, A::Error> {
        let mut records = Vec::new();
        while let Some(item) = items.next_element::<Value>()? {
            if let Value::Object(map) = item {
                records.push(record(&map));
            }
        }
        Ok(records)
    }
}

/// The records of a JSON array (the whole text, nothing after it but white space).
fn array(text: &str) -> Result<Vec<Record>, String> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let records = deserializer
        .deserialize_seq(ArrayRecords)
        .and_then(|records| deserializer.end().map(|()| records))
        .map_err(|err| format!("invalid JSON: {err}"))?;
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saudinewsnet_array() {
        let text = r#"[{"source": "was", "url": "http://spa.gov.sa/1", "date_extracted": "2015-08-10 10:00:00", "title": "عام / مهرجان", "author": "", "content": "بريدة واس\nيواصل المهرجان."}]"#;
        let (records, warnings) = parse(text).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(records.len(), 1);
        let r = &records[0];
        assert_eq!(r.source.as_deref(), Some("was"));
        assert_eq!(r.title.as_deref(), Some("عام / مهرجان"));
        assert_eq!(r.date.as_deref(), Some("2015-08-10 10:00:00"));
        assert_eq!(r.author, None);
        assert_eq!(r.body, "بريدة واس\nيواصل المهرجان.");
    }

    #[test]
    fn json_lines_skip_bad_lines_with_a_warning() {
        let text = "{\"headline\": \"أ\", \"text\": \"نص\", \"authors\": [\"س\", \"ص\"], \"id\": 7}\nnot json\n\n{\"title\": \"ب\", \"body\": \"نص ثان\", \"published\": \"2024-05-02\"}\n";
        let (records, warnings) = parse(text).unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].author.as_deref(), Some("س، ص"));
        assert_eq!(records[0].docno.as_deref(), Some("7"));
        assert_eq!(records[1].date.as_deref(), Some("2024-05-02"));
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].starts_with("line 2:"), "{warnings:?}");
    }

    #[test]
    fn broken_json_is_an_error() {
        assert!(parse("[{\"title\": ").is_err());
        assert!(!looks_like_json("{ليس"));
    }
}
