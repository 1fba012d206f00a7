//! HTML pages: one article per page, read with a browser-grade parser (html5ever, through
//! scraper), so that unclosed tags, misnested markup and entities come out as a browser shows
//! them.
//!
//! The page becomes a record whose fields come from its markup ([`meta`]: `og:title`,
//! `article:published_time`, `og:site_name`, author meta…) and whose body is the text of the
//! block that holds the article ([`body`]), one line per block element ([`dom`]). That body
//! then goes through the same cleaner as plain text (see `ingest::read`), which drops what
//! furniture is left and finds a byline or a date line the markup did not name.

pub mod body;
pub mod dom;
pub mod furniture;
pub mod meta;

use scraper::Html;

use super::Record;
use crate::ingest::line_fold::fold_line;
use crate::ingest::metadata;

/// Tags a page opens with (after a BOM, white space and comments).
const OPENING_TAGS: &[&[u8]] = &[b"<!doctype html", b"<html", b"<head", b"<body"];

/// Does `text` open as an HTML page: `<!DOCTYPE html`, `<html`, `<head` or `<body` first,
/// after white space, a BOM, an XML declaration or comments?
pub fn looks_like_html(text: &str) -> bool {
    let mut rest = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    // A bounded number of comments and declarations: the sniffer only looks near the start.
    for _ in 0..8 {
        let bytes = rest.as_bytes();
        let opens = |tag: &[u8]| {
            bytes
                .get(..tag.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(tag))
                && bytes
                    .get(tag.len())
                    .is_none_or(|&b| b.is_ascii_whitespace() || b == b'>')
        };
        if OPENING_TAGS.iter().any(|tag| opens(tag)) {
            return true;
        }
        let skipped = if rest.starts_with("<!--") {
            rest.find("-->").map(|end| end + 3)
        } else if rest.starts_with("<?xml") {
            rest.find("?>").map(|end| end + 2)
        } else {
            None
        };
        match skipped {
            Some(end) => rest = rest[end..].trim_start(),
            None => return false,
        }
    }
    false
}

/// Fewer paragraph characters than this, once furniture is dropped, and the page is read
/// again leniently (forms kept, class names ignored).
const LENIENT_BELOW: usize = 200;

/// How far above the article a date line is looked for when the markup gives no date.
const DATE_LOOKBACK: usize = 40;

/// Deepest nesting of elements read. html5ever's tree builder checks the stack of open
/// elements at each tag, so its time grows with the square of the depth: 5,000 nested
/// `<div>` took 0.45 s, 20,000 took 5.3 s (release build). Real pages nest a few dozen deep.
pub const MAX_DEPTH: usize = 2_000;

/// Elements that take no end tag.
const VOID_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "frame", "keygen",
];

/// Elements a later tag closes by itself (`<p>` by the next `<p>`, `<li>` by the next `<li>`):
/// pages leave thousands of them open without nesting them.
const SELF_ENDING_TAGS: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb",
    "rt", "rp", "colgroup", "caption", "html", "head", "body",
];

/// Elements whose content is text, not tags.
const RAW_TEXT_TAGS: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Does the page nest elements deeper than `limit`? Counted on the tags, before parsing:
/// start tags of elements that need an end tag, less their end tags.
pub fn nests_deeper_than(text: &str, limit: usize) -> bool {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + offset + 1;
        let rest = &bytes[start..];
        if rest.starts_with(b"!--") {
            at = memchr::memmem::find(&rest[3..], b"-->").map_or(bytes.len(), |e| start + e + 6);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_at = start + usize::from(closing);
        let name_len = bytes[name_at..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b':'))
            .count();
        let name = text[name_at..name_at + name_len].to_ascii_lowercase();
        let end = memchr::memchr(b'>', &bytes[name_at..]).map_or(bytes.len(), |e| name_at + e);
        at = (end + 1).min(bytes.len());
        if name.is_empty() || !bytes[name_at].is_ascii_alphabetic() {
            continue;
        }
        let tag = name.as_str();
        if closing {
            if !has(VOID_TAGS, tag) && !has(SELF_ENDING_TAGS, tag) {
                depth = depth.saturating_sub(1);
            }
        } else if has(RAW_TEXT_TAGS, tag) {
            at = raw_text_end(bytes, at, tag.as_bytes());
        } else if !has(VOID_TAGS, tag) && !has(SELF_ENDING_TAGS, tag) && bytes[end - 1] != b'/' {
            depth += 1;
            if depth > limit {
                return true;
            }
        }
    }
    false
}

/// Where the end tag `</tag` (any case) of a raw-text element starts, from `at` on.
fn raw_text_end(bytes: &[u8], mut at: usize, tag: &[u8]) -> usize {
    let finder = memchr::memmem::Finder::new(b"</");
    while let Some(offset) = finder.find(&bytes[at..]) {
        let name = at + offset + 2;
        if bytes
            .get(name..name + tag.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(tag))
        {
            return at + offset;
        }
        at = name;
    }
    bytes.len()
}

fn has(list: &[&str], name: &str) -> bool {
    list.contains(&name)
}

/// The one record of an HTML page; an error for a page nested too deep to parse in time.
pub fn parse(text: &str) -> Result<Record, String> {
    if nests_deeper_than(text, MAX_DEPTH) {
        return Err(format!(
            "HTML page nests elements more than {MAX_DEPTH} deep; not read"
        ));
    }
    let page = Html::parse_document(text);
    let found = meta::read(&page);
    let mut flat = dom::flatten(&page, false);
    // Next to no text left: the furniture rules took the article too. ASP.NET wraps a whole
    // page in one <form>; a wrapper may be called `has-sidebar`. Read without them.
    let strict = body::paragraph_chars(&flat);
    if strict < LENIENT_BELOW {
        let lenient = dom::flatten(&page, true);
        if body::paragraph_chars(&lenient) > 4 * strict {
            flat = lenient;
        }
    }
    let (body, first) = body::article_lines(&flat);
    // No date in the markup: the nearest date line above the article («الجمعة 8 فيفري 2019»).
    let date = found.date.or_else(|| {
        flat.lines[..first]
            .iter()
            .rev()
            .take(DATE_LOOKBACK)
            .find(|line| {
                let words = line.text.split_whitespace().count();
                metadata::date_line(&fold_line(&line.text), words).is_some()
            })
            .map(|line| line.text.clone())
    });
    Ok(Record {
        url: found.url,
        title: found.title,
        date,
        source: found.source,
        author: found.author,
        body,
        ..Record::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_known_by_their_opening_tags() {
        assert!(looks_like_html("<!DOCTYPE html>\n<html lang=ar>"));
        assert!(looks_like_html("\u{FEFF}  <html>"));
        assert!(looks_like_html("<!-- saved -->\n<HEAD><title>x</title>"));
        assert!(looks_like_html("<?xml version=\"1.0\"?>\n<!doctype html>"));
        assert!(looks_like_html("<body>"));
        assert!(!looks_like_html("<header>"));
        assert!(!looks_like_html("قال الوزير <html>"));
        assert!(!looks_like_html("<DOC>\n<DOCNO>x</DOCNO>"));
        assert!(!looks_like_html("<!-- never closed"));
    }

    #[test]
    fn nesting_is_counted_on_the_tags_that_nest() {
        let deep = |n: usize, open: &str, close: &str| open.repeat(n) + &close.repeat(n);
        assert!(nests_deeper_than(&deep(30, "<div>", "</div>"), 20));
        assert!(!nests_deeper_than(&deep(30, "<div>", "</div>"), 30));
        // Siblings, void and self-ending elements, scripts and comments do not nest.
        assert!(!nests_deeper_than(&"<div>x</div>".repeat(100), 2));
        assert!(!nests_deeper_than(
            &"<p>x<li>y<br><img src=a>".repeat(100),
            2
        ));
        let script = format!(
            "<script>{}</SCRIPT><!-- {} -->",
            "<div>".repeat(50),
            "<b>".repeat(50)
        );
        assert!(!nests_deeper_than(&script, 2));
        assert!(!nests_deeper_than("<div/><", 0));
        assert!(parse(&deep(MAX_DEPTH + 1, "<i>", "")).is_err());
    }

    #[test]
    fn a_page_that_is_one_form_is_read_whole() {
        let p = "قال رئيس الهيئة في مؤتمر صحفي إن السوق شهدت تدفقا كبيرا للسيولة هذا العام.";
        let page = format!(
            "<html><body><form id=aspnetForm><div class=story><p>{p}</p></div></form>\
             <form class=comment-form><p>{p} تعليق</p></form>"
        );
        // The comment form is still furniture by its name.
        assert_eq!(parse(&page).unwrap().body, format!("{p}\n"));
        let with_article =
            format!("<body><p>{p}</p><form><label>الاسم</label><p>{p} تعليق</p></form>");
        assert_eq!(parse(&with_article).unwrap().body, format!("{p}\n"));
    }

    #[test]
    fn a_wrapper_named_like_furniture_does_not_hide_the_page() {
        let p = "قال رئيس الهيئة في مؤتمر صحفي إن السوق شهدت تدفقا كبيرا للسيولة هذا العام.";
        let page = format!("<body><div class='wrapper has-sidebar'><p>{p}</p><p>{p}</p></div>");
        assert_eq!(parse(&page).unwrap().body, format!("{p}\n{p}\n"));
    }

    #[test]
    fn entities_are_decoded() {
        let record = parse(
            "<html><head><title>الأمن &amp; السلام</title></head><body><p>قال الوزير &quot;نعم&quot; \
             &#1605;&#1589;&#1585; &nbsp;اليوم في مؤتمر صحفي عقده بالعاصمة.</p>",
        )
        .unwrap();
        assert_eq!(record.title.as_deref(), Some("الأمن & السلام"));
        assert!(
            record.body.contains("قال الوزير \"نعم\" مصر اليوم"),
            "{}",
            record.body
        );
    }
}
