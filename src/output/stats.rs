//! Output of `fahras stats`: a short report for people, or one JSON object for scripts.
//!
//! The JSON object's fields are only ever added, never renamed or removed.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use super::escape_text;
use crate::index::stats::{IndexStats, NamedCount};

/// The JSON record of `fahras stats --json`.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct JsonStats {
    pub index: String,
    pub documents: u64,
    pub segments: usize,
    pub disk_bytes: u64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub sources: Vec<JsonSource>,
    pub terms: Vec<JsonTerm>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct JsonSource {
    pub source: String,
    pub documents: u64,
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct JsonTerm {
    pub term: String,
    pub documents: u64,
}

impl From<&IndexStats> for JsonStats {
    fn from(stats: &IndexStats) -> Self {
        JsonStats {
            index: stats.dir.clone(),
            documents: stats.documents,
            segments: stats.segments,
            disk_bytes: stats.disk_bytes,
            first_date: stats.first_date.clone(),
            last_date: stats.last_date.clone(),
            sources: stats
                .sources
                .iter()
                .map(|c| JsonSource {
                    source: c.name.clone(),
                    documents: c.documents,
                })
                .collect(),
            terms: stats
                .terms
                .iter()
                .map(|c| JsonTerm {
                    term: c.name.clone(),
                    documents: c.documents,
                })
                .collect(),
        }
    }
}

/// Prints the statistics as one JSON object on one line.
pub fn print_json(out: &mut impl Write, stats: &IndexStats) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &JsonStats::from(stats))?;
    out.write_all(b"\n")
}

/// `bytes` in binary units with one decimal: `812 B`, `1.5 KiB`, `3.2 GiB`.
fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// Counts first, names after: the numbers line up and an Arabic name at the end of the line
/// cannot push them around when the terminal lays the line out right to left.
fn print_counts(out: &mut impl Write, counts: &[NamedCount]) -> io::Result<()> {
    let width = counts
        .iter()
        .map(|c| c.documents.to_string().len())
        .max()
        .unwrap_or(0);
    for count in counts {
        writeln!(
            out,
            "  {:>width$}  {}",
            count.documents,
            escape_text(&count.name, false)
        )?;
    }
    Ok(())
}

/// Prints the statistics as a short report.
pub fn print_text(out: &mut impl Write, stats: &IndexStats) -> io::Result<()> {
    let segments = match stats.segments {
        1 => "1 segment".to_string(),
        n => format!("{n} segments"),
    };
    writeln!(out, "index      {}", escape_text(&stats.dir, false))?;
    writeln!(
        out,
        "size       {} on disk, {segments}",
        human_bytes(stats.disk_bytes)
    )?;
    writeln!(out, "documents  {}", stats.documents)?;
    match (&stats.first_date, &stats.last_date) {
        (Some(first), Some(last)) => writeln!(
            out,
            "dates      {} to {}",
            escape_text(first, false),
            escape_text(last, false)
        )?,
        _ => writeln!(out, "dates      none known")?,
    }
    if stats.sources.is_empty() {
        writeln!(out, "sources    none known")?;
    } else {
        writeln!(out, "sources    {}, by documents:", stats.sources.len())?;
        print_counts(out, &stats.sources)?;
    }
    if !stats.terms.is_empty() {
        writeln!(out, "most frequent words, by documents:")?;
        print_counts(out, &stats.terms)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats() -> IndexStats {
        let count = |name: &str, documents| NamedCount {
            name: name.into(),
            documents,
        };
        IndexStats {
            dir: "/idx".into(),
            documents: 12,
            segments: 1,
            disk_bytes: 1536,
            first_date: Some("2015-01-02".into()),
            last_date: Some("2018-07-15".into()),
            sources: vec![count("العربية", 10), count("BBC", 2)],
            terms: vec![count("قسد", 12)],
        }
    }

    #[test]
    fn bytes_read_as_people_say_them() {
        assert_eq!(human_bytes(812), "812 B");
        assert_eq!(human_bytes(1536), "1.5 KiB");
        assert_eq!(human_bytes(3 * 1024 * 1024 * 1024), "3.0 GiB");
    }

    #[test]
    fn text_report_lines_up_counts_before_names() {
        let mut out = Vec::new();
        print_text(&mut out, &stats()).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "index      /idx\nsize       1.5 KiB on disk, 1 segment\ndocuments  12\n\
             dates      2015-01-02 to 2018-07-15\nsources    2, by documents:\n  10  العربية\n\
             \x20  2  BBC\nmost frequent words, by documents:\n  12  قسد\n"
        );
    }

    #[test]
    fn json_is_one_object_with_named_counts() {
        let mut out = Vec::new();
        print_json(&mut out, &stats()).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 1);
        let parsed: JsonStats = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed.sources[0].source, "العربية");
        assert_eq!(parsed.terms[0].documents, 12);
        assert_eq!(parsed, JsonStats::from(&stats()));
    }
}
