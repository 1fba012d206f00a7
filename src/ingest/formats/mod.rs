//! Splits a decoded file into the records it holds, whatever its layout.
//!
//! A file is plain text (one article), an HTML page (one article), a TREC/SGML collection (one
//! or many `<DOC>` blocks) or JSON (Lines, an array, or one object). `--format auto` looks at the content, never at the
//! extension: corpora name TREC files `.txt`, and JSON dumps are often `.txt` or `.data` too.
//! Parsers only cut the file up and read fields; cleaning and metadata parsing come after.

pub mod html;
pub mod json;
pub mod text;
pub mod trec;

use clap::ValueEnum;

/// The layouts fahras reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Decide from the content
    #[default]
    Auto,
    /// Plain text, one article per file
    Text,
    /// TREC/SGML `<DOC>` blocks
    Trec,
    /// JSON Lines, a JSON array or one JSON object of article records
    #[value(alias = "json")]
    Jsonl,
    /// An HTML page, one article per file
    Html,
}

impl Format {
    /// The format's name in saved content keys ([`crate::index::manifest::content_key`]).
    /// Spelled out, not taken from `Debug`, so that renaming a variant cannot silently change
    /// every key of every manifest (each file would then look changed and be read again).
    pub fn key_name(self) -> &'static str {
        match self {
            Format::Auto => "Auto",
            Format::Text => "Text",
            Format::Trec => "Trec",
            Format::Jsonl => "Jsonl",
            Format::Html => "Html",
        }
    }
}

/// One document as a parser found it: raw fields, not yet cleaned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    pub docno: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    /// The date as written (ISO, RFC 822, Arabic…); parsed later.
    pub date: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    /// A summary or lead the corpus keeps apart from the text.
    pub summary: Option<String>,
    pub body: String,
}

impl Record {
    /// Bytes of text in the fields an article is made of.
    pub fn text_bytes(&self) -> usize {
        let optional = [
            &self.docno,
            &self.title,
            &self.date,
            &self.source,
            &self.author,
            &self.summary,
        ];
        let optional: usize = optional
            .iter()
            .map(|f| f.as_ref().map_or(0, String::len))
            .sum();
        self.body.len() + optional
    }
}

/// What parsing a file gave.
#[derive(Debug)]
pub struct Parsed {
    /// The layout actually used (never `Auto`).
    pub format: Format,
    pub records: Vec<Record>,
    /// Problems worth a warning that did not stop parsing (a bad JSON line, say).
    pub warnings: Vec<String>,
}

/// Does a TREC document open here (`<DOC`, any case)?
pub fn opens_trec(bytes: &[u8]) -> bool {
    bytes
        .get(..4)
        .is_some_and(|tag| tag.eq_ignore_ascii_case(b"<DOC"))
}

/// Characters [`sniff`] looks at for TREC tags.
const SNIFFED_CHARS: usize = 4096;

/// The byte offset where the character after the first `chars` ones starts (or the end),
/// counted on the bytes: every character but one starts with a byte that is not
/// `0b10xx_xxxx`. Decoding the characters to count them cost 2% of a plain-text ingest.
/// A text of at most `chars` bytes has at most that many characters, and whole blocks of
/// bytes are counted at once (a loop the compiler vectorizes): byte by byte, this was 4% of
/// the instructions of a folder of body-only articles, each sniffed three times (callgrind).
fn char_boundary_after(text: &str, chars: usize) -> usize {
    const BLOCK: usize = 64;
    let bytes = text.as_bytes();
    if bytes.len() <= chars {
        return bytes.len();
    }
    let starts = |block: &[u8]| block.iter().filter(|&&b| b & 0xC0 != 0x80).count();
    let (mut at, mut seen) = (0, 0);
    while let Some(block) = bytes.get(at..at + BLOCK) {
        let here = starts(block);
        if seen + here > chars {
            break;
        }
        seen += here;
        at += BLOCK;
    }
    bytes[at..]
        .iter()
        .enumerate()
        .filter(|(_, b)| *b & 0xC0 != 0x80)
        .nth(chars - seen)
        .map_or(text.len(), |(n, _)| at + n)
}

/// Guesses the layout from the first non-blank characters.
pub fn sniff(text: &str) -> Format {
    let head = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    if opens_trec(head.as_bytes()) {
        return Format::Trec;
    }
    if html::looks_like_html(head) {
        return Format::Html;
    }
    let prefix = &head[..char_boundary_after(head, SNIFFED_CHARS)];
    // ASCII tags, any case, looked for in place at each `<` (found with memchr): this runs on
    // every file of a corpus.
    let has = |tag: &[u8]| {
        prefix.match_indices('<').any(|(at, _)| {
            prefix.as_bytes()[at..]
                .get(..tag.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(tag))
        })
    };
    if has(b"<DOC>") && has(b"<DOCNO>") {
        return Format::Trec;
    }
    if (head.starts_with('{') || head.starts_with('[')) && json::looks_like_json(head) {
        return Format::Jsonl;
    }
    Format::Text
}

/// Cuts `text` into records using `format` (`Auto` sniffs).
pub fn parse(text: &str, format: Format) -> Result<Parsed, String> {
    let format = match format {
        Format::Auto => sniff(text),
        other => other,
    };
    let (records, warnings) = match format {
        Format::Trec => (trec::parse(text), Vec::new()),
        Format::Jsonl => json::parse(text)?,
        Format::Html => (vec![html::parse(text)?], Vec::new()),
        Format::Text | Format::Auto => (vec![text::parse(text)], Vec::new()),
    };
    Ok(Parsed {
        format,
        records,
        warnings,
    })
}

/// Trims a field and drops it when nothing is left.
pub(crate) fn non_empty(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sniffed_prefix_ends_where_its_characters_do() {
        let texts = [
            "",
            "abc",
            "قسد في الرقة",
            "a\u{1F600}ب c",
            &"سطر عربي 😀 text ".repeat(300),
            &"x".repeat(5000),
            &"😀".repeat(2000),
        ];
        for text in texts {
            for chars in [0, 1, 5, 63, 64, 65, 127, 128, 1000, 4096] {
                let by_chars = text
                    .char_indices()
                    .nth(chars)
                    .map_or(text.len(), |(at, _)| at);
                assert_eq!(
                    char_boundary_after(text, chars),
                    by_chars,
                    "{chars} of {text:?}"
                );
            }
        }
    }

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff("\n<DOC>\n<DOCNO>a</DOCNO>"), Format::Trec);
        assert_eq!(sniff("  [{\"title\": \"x\"}]"), Format::Jsonl);
        assert_eq!(
            sniff("{\"title\": \"x\"}\n{\"title\": \"y\"}\n"),
            Format::Jsonl
        );
        assert_eq!(sniff("{ليس JSON"), Format::Text);
        assert_eq!(sniff("قال الوزير <DOC> في نص"), Format::Text);
        assert_eq!(sniff("\u{FEFF}\n<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff("<html><body><DOC><DOCNO>x</DOCNO>"), Format::Html);
    }
}
