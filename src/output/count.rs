//! Output of `fahras count`: one line per bucket, or one JSON object per bucket.
//!
//! A text line is `COUNT  KEY  BAR`, counts right-aligned (as `uniq -c` prints them) and keys
//! padded to one column, so that the bars start together; the bar is drawn in block
//! characters, eighths of a cell included, the largest bucket filling the terminal's width.
//! Bars are drawn only on a terminal: piped, a line is just the count and the key.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};
use unicode_width::UnicodeWidthChar;

use super::escape_text;
use crate::search::views::Bucket;

/// What a bucket of articles without the field is called in text.
const NO_KEY: &str = "(none)";
/// Narrowest bar area worth drawing.
const MIN_BAR_COLUMNS: usize = 10;
/// Partial blocks, by eighths of a cell.
const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/// The JSON record of one bucket: `key` is null for articles without the field.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct JsonBucket {
    pub key: Option<String>,
    pub documents: u64,
}

/// Prints one JSON object per bucket.
pub fn print_json(out: &mut impl Write, buckets: &[Bucket]) -> io::Result<()> {
    for bucket in buckets {
        let record = JsonBucket {
            key: bucket.key.clone(),
            documents: bucket.documents,
        };
        serde_json::to_writer(&mut *out, &record)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Columns `text` takes on a terminal: harakat take none.
pub(super) fn columns(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Prints one line per bucket; with `bar_columns` (the terminal's width), a bar after each.
pub fn print_text(
    out: &mut impl Write,
    buckets: &[Bucket],
    bar_columns: Option<usize>,
) -> io::Result<()> {
    let keys: Vec<String> = buckets
        .iter()
        .map(|b| {
            b.key
                .as_deref()
                .map_or(NO_KEY.to_string(), |k| escape_text(k, false))
        })
        .collect();
    let count_width = buckets
        .iter()
        .map(|b| b.documents.to_string().len())
        .max()
        .unwrap_or(0);
    let key_width = keys.iter().map(|k| columns(k)).max().unwrap_or(0);
    let most = buckets.iter().map(|b| b.documents).max().unwrap_or(0);
    // a space is kept free at the right edge: some terminals wrap a line that fills it
    let bar_room = bar_columns
        .map(|total| total.saturating_sub(count_width + 2 + key_width + 2 + 1))
        .filter(|&room| room >= MIN_BAR_COLUMNS && most > 0);
    for (bucket, key) in buckets.iter().zip(&keys) {
        write!(out, "{:>count_width$}  {key}", bucket.documents)?;
        if let Some(room) = bar_room {
            let padding = key_width - columns(key);
            write!(
                out,
                "{:padding$}  {}",
                "",
                bar(bucket.documents, most, room)
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// A bar of `count` against `most`, which fills `room` cells; a count above zero shows at
/// least an eighth of a cell.
fn bar(count: u64, most: u64, room: usize) -> String {
    let eighths = (u128::from(count) * room as u128 * 8 / u128::from(most.max(1))) as usize;
    let eighths = if count > 0 { eighths.max(1) } else { 0 };
    let mut out = "█".repeat(eighths / 8);
    if eighths % 8 > 0 {
        out.push(EIGHTHS[eighths % 8]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn buckets() -> Vec<Bucket> {
        let bucket = |key: Option<&str>, documents| Bucket {
            key: key.map(str::to_string),
            documents,
        };
        vec![
            bucket(Some("2018-01"), 16),
            bucket(Some("2018-02"), 0),
            bucket(Some("2018-03"), 3),
            bucket(None, 120),
        ]
    }

    fn text(bar_columns: Option<usize>) -> String {
        let mut out = Vec::new();
        print_text(&mut out, &buckets(), bar_columns).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn bars_scale_to_the_terminal_and_are_left_out_when_piped() {
        // 3 + 2 + 7 + 2 + 1 columns of text leave 25 for the bars
        assert_eq!(
            text(Some(40)),
            " 16  2018-01  ███▎\n  0  2018-02  \n  3  2018-03  ▋\n120  (none)   █████████████████████████\n"
        );
        assert_eq!(
            text(None),
            " 16  2018-01\n  0  2018-02\n  3  2018-03\n120  (none)\n"
        );
        // too narrow a terminal: no bars
        assert_eq!(text(Some(20)), text(None));
    }

    #[test]
    fn the_smallest_count_still_shows() {
        assert_eq!(bar(1, 1_000_000, 10), "▏");
        assert_eq!(bar(0, 10, 10), "");
        assert_eq!(bar(10, 10, 10), "█".repeat(10));
    }

    #[test]
    fn json_has_a_null_key_for_articles_without_the_field() {
        let mut out = Vec::new();
        print_json(&mut out, &buckets()).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], r#"{"key":"2018-01","documents":16}"#);
        assert_eq!(lines[3], r#"{"key":null,"documents":120}"#);
    }
}
