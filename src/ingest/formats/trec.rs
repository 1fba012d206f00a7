//! TREC/SGML collections: one or many `<DOC>` blocks with fields in tags.
//!
//! Real corpora are not well-formed XML (bare `&` and `<` in text, missing closing tags,
//! attributes, lower-case tags), so this is a forgiving scanner, not an XML parser: a field runs
//! to its closing tag, or failing that to the next known tag, or to the end of the block; a
//! block runs to `</DOC>`, the next `<DOC>` or the end of the file. Tag names are matched
//! without case. Character references and the common entities are decoded.

use std::sync::LazyLock;

use memchr::memmem::Finder;

use super::{non_empty, Record};

/// Tags read, each with the start of its closing tag, and the record field each fills.
const FIELDS: &[(&str, &str, Field)] = &[
    ("DOCNO", "</DOCNO", Field::Docno),
    ("DOCID", "</DOCID", Field::Docno),
    ("URL", "</URL", Field::Url),
    ("SRC", "</SRC", Field::Source),
    ("SOURCE", "</SOURCE", Field::Source),
    ("CAT", "</CAT", Field::Ignored),
    ("TITLE", "</TITLE", Field::Title),
    ("HEADLINE", "</HEADLINE", Field::Title),
    ("HEAD", "</HEAD", Field::Title),
    ("TIME", "</TIME", Field::Date),
    ("DATE", "</DATE", Field::Date),
    ("DATE_TIME", "</DATE_TIME", Field::Date),
    ("AUTHOR", "</AUTHOR", Field::Author),
    ("BYLINE", "</BYLINE", Field::Author),
    ("ABSTRACT", "</ABSTRACT", Field::Summary),
    ("TEXT", "</TEXT", Field::Body),
    ("BODY", "</BODY", Field::Body),
];

/// A searcher for each field's closing tag, in the order of [`FIELDS`], and for the tags of a
/// block, built once: `memmem::find` builds a searcher at every call, several per file.
static CLOSING: LazyLock<Vec<Finder<'static>>> = LazyLock::new(|| {
    FIELDS
        .iter()
        .map(|(_, closing, _)| Finder::new(closing.as_bytes()))
        .collect()
});
static DOC_OPEN: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("<DOC"));
static DOC_CLOSE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("</DOC>"));

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Docno,
    Url,
    Source,
    Ignored,
    Title,
    Date,
    Author,
    Summary,
    Body,
}

/// An opening tag found at `start`, with its content starting at `content`.
struct Open {
    start: usize,
    content: usize,
    closing: &'static Finder<'static>,
    field: Field,
}

/// Finds the next known opening tag at or after `from` in the upper-cased block.
fn next_open(upper: &str, from: usize) -> Option<Open> {
    let mut at = from;
    while let Some(rel) = memchr::memchr(b'<', &upper.as_bytes()[at..]) {
        let start = at + rel;
        let after = &upper[start + 1..];
        let first = after.as_bytes().first().copied();
        for (&(name, _, field), closing) in FIELDS.iter().zip(CLOSING.iter()) {
            // Most names are ruled out by their first letter, without a comparison call.
            if first != Some(name.as_bytes()[0]) {
                continue;
            }
            if let Some(rest) = after.strip_prefix(name) {
                let next = rest.chars().next();
                if next == Some('>') || next.is_some_and(|c| c.is_whitespace()) {
                    let close = rest
                        .find('>')
                        .map_or(upper.len(), |i| start + 1 + name.len() + i + 1);
                    return Some(Open {
                        start,
                        content: close.min(upper.len()),
                        closing,
                        field,
                    });
                }
            }
        }
        at = start + 1;
    }
    None
}

/// Decodes character references and the entities news corpora use.
pub fn unescape(text: &str) -> String {
    if memchr::memchr(b'&', text.as_bytes()).is_none() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..].find(|c: char| c == ';' || c.is_whitespace() || c == '&');
        let decoded = end
            .filter(|&e| rest.as_bytes()[e + 1] == b';' && e <= 10)
            .and_then(|e| {
                let name = &rest[1..=e];
                let c = match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "nbsp" => Some('\u{A0}'),
                    _ => name.strip_prefix('#').and_then(|num| {
                        let code = match num.strip_prefix(['x', 'X']) {
                            Some(hex) => u32::from_str_radix(hex, 16).ok(),
                            None => num.parse().ok(),
                        };
                        code.and_then(char::from_u32)
                    }),
                };
                c.map(|c| (c, e + 2))
            });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Paragraph tags inside TEXT become line breaks; other markup stays as text.
fn paragraphs(text: String) -> String {
    // Most bodies have no markup left at all: spared four copies.
    if memchr::memchr(b'<', text.as_bytes()).is_none() {
        return text;
    }
    let mut out = text;
    for tag in ["<P>", "</P>", "<p>", "</p>"] {
        out = out.replace(tag, "\n");
    }
    out
}

/// Reads the fields of one `<DOC>` block; `upper` is the block upper-cased (ASCII only, so
/// its byte offsets are the block's).
fn parse_block(block: &str, upper: &str) -> Record {
    let mut record = Record::default();
    let mut bodies = Vec::new();
    let mut at = 0;
    while let Some(open) = next_open(upper, at) {
        let close = open
            .closing
            .find(&upper.as_bytes()[open.content..])
            .map(|i| open.content + i);
        let next = next_open(upper, open.content).map(|n| n.start);
        let end = match (close, next) {
            (Some(c), Some(n)) => c.min(n),
            (Some(c), None) => c,
            (None, Some(n)) => n,
            (None, None) => block.len(),
        };
        let value = unescape(&block[open.content..end]);
        let slot = match open.field {
            Field::Docno => &mut record.docno,
            Field::Url => &mut record.url,
            Field::Source => &mut record.source,
            Field::Title => &mut record.title,
            Field::Date => &mut record.date,
            Field::Author => &mut record.author,
            Field::Summary => &mut record.summary,
            Field::Body => {
                bodies.push(paragraphs(value));
                at = end.max(open.content);
                continue;
            }
            Field::Ignored => {
                at = end.max(open.content);
                continue;
            }
        };
        if slot.is_none() {
            *slot = non_empty(&value);
        }
        at = end.max(open.content);
    }
    record.body = bodies.join("\n");
    record
}

/// Splits a collection into its `<DOC>` blocks and reads each.
pub fn parse(text: &str) -> Vec<Record> {
    let upper = text.to_ascii_uppercase();
    let mut starts = Vec::new();
    let mut at = 0;
    while let Some(rel) = DOC_OPEN.find(&upper.as_bytes()[at..]) {
        let start = at + rel;
        let next = upper[start + 4..].chars().next();
        if next == Some('>') || next.is_some_and(|c| c.is_whitespace()) {
            starts.push(start);
        }
        at = start + 4;
    }
    if starts.is_empty() {
        return vec![parse_block(text, &upper)];
    }
    starts
        .iter()
        .enumerate()
        .map(|(i, &start)| {
            let limit = starts.get(i + 1).copied().unwrap_or(text.len());
            let end = DOC_CLOSE
                .find(&upper.as_bytes()[start..limit])
                .map_or(limit, |e| start + e);
            parse_block(&text[start..end], &upper[start..end])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_field_of_an_ant_document() {
        let doc = "<DOC>\n<DOCNO>JA-sport-10-20170120</DOCNO>\n<URL>http://x/ar?a=1&b=2</URL> \n<SRC>Jawhara FM</SRC>\n<CAT>sport</CAT>\n<TITLE>الغرافة يعير الشيخاوي</TITLE>\n<TIME>2017-01-20T16:42:00+01:00</TIME>\n<AUTHOR></AUTHOR>\n<ABSTRACT>\n\n</ABSTRACT>\n<TEXT>\nوافق نادي الغرافة &amp; الأهلي.\n</TEXT>\n</DOC>\n";
        let records = parse(doc);
        assert_eq!(records.len(), 1);
        let r = &records[0];
        assert_eq!(r.docno.as_deref(), Some("JA-sport-10-20170120"));
        assert_eq!(r.url.as_deref(), Some("http://x/ar?a=1&b=2"));
        assert_eq!(r.source.as_deref(), Some("Jawhara FM"));
        assert_eq!(r.title.as_deref(), Some("الغرافة يعير الشيخاوي"));
        assert_eq!(r.date.as_deref(), Some("2017-01-20T16:42:00+01:00"));
        assert_eq!(r.author, None);
        assert_eq!(r.summary, None);
        assert_eq!(r.body.trim(), "وافق نادي الغرافة & الأهلي.");
    }

    #[test]
    fn many_docs_and_broken_markup() {
        let text = "<doc><docno>A</docno><headline>أ</headline><text>نص < 5 & أكثر\n<DOC>\n<DOCNO>B</DOCNO><BODY><P>فقرة</P><P>ثانية</P></BODY></DOC>";
        let records = parse(text);
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].docno.as_deref(), Some("A"));
        assert_eq!(records[0].title.as_deref(), Some("أ"));
        assert_eq!(records[0].body.trim(), "نص < 5 & أكثر");
        assert_eq!(records[1].docno.as_deref(), Some("B"));
        assert_eq!(
            records[1].body.split_whitespace().collect::<Vec<_>>(),
            ["فقرة", "ثانية"]
        );
    }

    #[test]
    fn unescapes_references() {
        assert_eq!(
            unescape("a &amp; b &#1575;&#x644; &nbsp;&bogus; &"),
            "a & b ال \u{A0}&bogus; &"
        );
    }
}
