//! Defences against hostile files, kept apart from the reading pipeline so that pipeline can
//! change without losing them.
//!
//! * A size limit per file (`--max-file-size`, 20 MiB by default, as recoll's
//!   `textfilemaxmbs`): a news article is a few KiB, and a 200 MB file with no newline is a
//!   dump or a mistake that would cost several times its size in memory. Regular files are
//!   checked from their metadata before anything is read; anything else (FIFOs, `/dev/zero`)
//!   is cut off by a read that never takes more than the limit.
//! * UTF-16 without a byte-order mark, which would otherwise look binary (its ASCII letters
//!   and spaces carry NUL bytes), recognised by a strict plausibility test.
//! * Titles of at most [`MAX_TITLE_CHARS`]: a file with no line breaks would otherwise make its
//!   whole text the title.
//! * File names escaped in messages, so a name holding a newline or an escape sequence can
//!   neither split a message nor steer the terminal.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use crate::article::Article;

/// The longest title kept, in characters; headlines are rarely half of this.
pub const MAX_TITLE_CHARS: usize = 200;

/// A size for a person: `3.0 MiB`, `4.0 KiB`, `12 bytes`.
pub(crate) fn human(bytes: u64) -> String {
    match bytes {
        0..1024 => crate::messages::counted(bytes, "byte"),
        1024..1_048_576 => format!("{:.1} KiB", bytes as f64 / 1024.0),
        _ => format!("{:.1} MiB", bytes as f64 / 1_048_576.0),
    }
}

/// Parses a size such as `20M`, `512K`, `1G` or a number of bytes; `0` means no limit.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (digits, unit) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((at, _)) => text.split_at(at),
        None => (text, ""),
    };
    let scale: u64 = match unit.to_ascii_uppercase().trim_end_matches(['B', 'I']) {
        "" => 1,
        "K" => 1 << 10,
        "M" => 1 << 20,
        "G" => 1 << 30,
        _ => {
            return Err(format!(
                "{text:?} is not a size (try 20M, 512K or 0 for no limit)"
            ))
        }
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(scale))
        .ok_or_else(|| format!("{text:?} is not a size (try 20M, 512K or 0 for no limit)"))
}

/// The skip reason for a file of `len` bytes, if that is over `limit` (0: no limit).
pub fn over_limit(len: u64, limit: u64) -> Option<String> {
    (limit > 0 && len > limit).then(|| {
        format!(
            "{}, over the {} limit (--max-file-size)",
            human(len),
            human(limit)
        )
    })
}

/// Reads a whole file, but never more than `limit` bytes (0: no limit): `Ok(Err(reason))` if
/// there was more.
pub fn read_capped(path: &Path, limit: u64) -> io::Result<Result<Vec<u8>, String>> {
    read_capped_sized(path, limit, None)
}

/// [`read_capped`], given the file's size when the caller has it (a walk stats every file): one
/// `fstat` fewer. The size only sizes the buffer; the limit holds whatever the file holds now.
pub fn read_capped_sized(
    path: &Path,
    limit: u64,
    len: Option<u64>,
) -> io::Result<Result<Vec<u8>, String>> {
    let file = File::open(path)?;
    let hint = len.unwrap_or_else(|| file.metadata().map(|m| m.len()).unwrap_or(0));
    let (hint, take) = if limit == 0 {
        (hint, u64::MAX)
    } else {
        (hint.min(limit + 1), limit + 1)
    };
    let mut bytes = Vec::with_capacity(usize::try_from(hint).unwrap_or(0));
    file.take(take).read_to_end(&mut bytes)?;
    if limit > 0 && bytes.len() as u64 > limit {
        let reason = if hint > limit {
            over_limit(hint, limit)
        } else {
            None
        };
        return Ok(Err(reason.unwrap_or_else(|| {
            format!("over the {} limit (--max-file-size)", human(limit))
        })));
    }
    Ok(Ok(bytes))
}

/// The byte order of UTF-16 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Utf16 {
    Le,
    Be,
}

impl Utf16 {
    /// The encoding's WHATWG name.
    pub fn name(self) -> &'static str {
        match self {
            Utf16::Le => "UTF-16LE",
            Utf16::Be => "UTF-16BE",
        }
    }

    fn unit(self, pair: &[u8]) -> u16 {
        match self {
            Utf16::Le => u16::from_le_bytes([pair[0], pair[1]]),
            Utf16::Be => u16::from_be_bytes([pair[0], pair[1]]),
        }
    }
}

/// Would a person write this character in running text? Letters, digits, white space and
/// punctuation, of any script; not controls, private use, or unassigned-looking symbols.
fn plausible_in_text(c: char) -> bool {
    c.is_alphanumeric()
        || c.is_whitespace()
        || c.is_ascii_punctuation()
        || matches!(c,
            '\u{A0}'..='\u{BF}'                      // Latin-1 punctuation and signs
            | '\u{600}'..='\u{6FF}'                  // Arabic, with its punctuation and marks
            | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' // general punctuation
            | '\u{200C}' | '\u{200D}'                // ZWNJ, ZWJ
            | '\u{FD3E}' | '\u{FD3F}')
}

/// Decodes `bytes` as UTF-16 without a byte-order mark, if they are plainly that: an even
/// length, no unpaired surrogate, no NUL character, some white space, and at least 95% of the
/// characters plausible in text. Binary files fail at once (they are full of NUL pairs and
/// unpaired surrogates), and so does the wrong byte order of real text (Arabic letters
/// U+06xx read backwards are U+xx06, mostly unassigned or controls).
pub fn utf16_without_bom(bytes: &[u8]) -> Option<(String, Utf16)> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    [Utf16::Le, Utf16::Be].into_iter().find_map(|order| {
        let units = bytes.chunks_exact(2).map(|pair| order.unit(pair));
        let mut text = String::with_capacity(bytes.len() * 3 / 2);
        let (mut plausible, mut spaces, mut total) = (0usize, 0usize, 0usize);
        for c in char::decode_utf16(units) {
            let c = c.ok()?;
            if c == '\0' {
                return None;
            }
            total += 1;
            plausible += usize::from(plausible_in_text(c));
            spaces += usize::from(c.is_whitespace());
            text.push(c);
        }
        (spaces > 0 && plausible * 100 >= total * 95).then_some((text, order))
    })
}

/// Shortens an absurdly long title to at most [`MAX_TITLE_CHARS`] characters, at a word
/// boundary where there is one, marked with `…`. The whole line it came from goes to the top of
/// the body, so no word is lost to search or to `show`.
pub fn bound_title(article: &mut Article) {
    if article.title.chars().nth(MAX_TITLE_CHARS).is_none() {
        return;
    }
    let limit = MAX_TITLE_CHARS - 1; // room for the ellipsis
    let end = article
        .title
        .char_indices()
        .nth(limit)
        .map_or(article.title.len(), |(i, _)| i);
    let head = &article.title[..end];
    // Cut at the last space if that keeps at least half the room; a line without spaces is
    // cut where it must be.
    let cut = match head.rfind(char::is_whitespace) {
        Some(space) if head[..space].chars().count() >= limit / 2 => space,
        _ => end,
    };
    let short = format!("{}…", article.title[..cut].trim_end());
    let full = std::mem::replace(&mut article.title, short);
    article.body = if article.body.is_empty() {
        full
    } else {
        format!("{full}\n{}", article.body)
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_binary_units() {
        assert_eq!(parse_size("20M"), Ok(20 << 20));
        assert_eq!(parse_size("512k"), Ok(512 << 10));
        assert_eq!(parse_size("1GiB"), Ok(1 << 30));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("0"), Ok(0));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("20X").is_err());
        assert!(parse_size("").is_err());
        assert!(parse_size("99999999999G").is_err());
    }

    #[test]
    fn the_limit_is_inclusive_and_zero_means_none() {
        assert_eq!(over_limit(100, 100), None);
        assert_eq!(over_limit(u64::MAX, 0), None);
        assert_eq!(
            over_limit(3 << 20, 2 << 20).as_deref(),
            Some("3.0 MiB, over the 2.0 MiB limit (--max-file-size)")
        );
    }

    #[test]
    fn capped_reads_stop_at_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, vec![b'a'; 1000]).unwrap();
        assert_eq!(read_capped(&path, 1000).unwrap().unwrap().len(), 1000);
        assert_eq!(read_capped(&path, 0).unwrap().unwrap().len(), 1000);
        assert!(read_capped(&path, 999).unwrap().is_err());
        // a size from an earlier look only sizes the buffer: the file as it is now counts
        for stale in [0, 10, 5000] {
            let read = read_capped_sized(&path, 0, Some(stale)).unwrap().unwrap();
            assert_eq!(read.len(), 1000, "{stale}");
            assert!(read_capped_sized(&path, 999, Some(stale)).unwrap().is_err());
        }
        // a device with no size: the read stops just past the limit
        let reason = read_capped(Path::new("/dev/zero"), 4096)
            .unwrap()
            .unwrap_err();
        assert_eq!(reason, "over the 4.0 KiB limit (--max-file-size)");
    }

    fn utf16(text: &str, order: Utf16) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| match order {
                Utf16::Le => u.to_le_bytes(),
                Utf16::Be => u.to_be_bytes(),
            })
            .collect()
    }

    #[test]
    fn utf16_text_is_recognised_in_either_byte_order() {
        let text = "قال الوزير إن «الحل» سياسي، وأضاف: نعم 2024!\nسطر ثان";
        for order in [Utf16::Le, Utf16::Be] {
            assert_eq!(
                utf16_without_bom(&utf16(text, order)),
                Some((text.to_string(), order))
            );
        }
        let latin = "The minister said, \"yes\" (2024).";
        assert_eq!(
            utf16_without_bom(&utf16(latin, Utf16::Be)),
            Some((latin.to_string(), Utf16::Be))
        );
    }

    #[test]
    fn binary_and_odd_lengths_are_not_utf16() {
        assert_eq!(utf16_without_bom(b"PK\x03\x04\x14\x00\x00\x00"), None);
        assert_eq!(utf16_without_bom(b"\x7fELF\x02\x01\x01\x00\x00\x00"), None);
        let mut odd = utf16("نعم قال", Utf16::Le);
        odd.push(b'x');
        assert_eq!(utf16_without_bom(&odd), None);
        // one word, no white space: too little to go on
        assert_eq!(utf16_without_bom(&utf16("نعم", Utf16::Le)), None);
    }

    fn article(title: &str, body: &str) -> Article {
        Article {
            title: title.to_string(),
            body: body.to_string(),
            ..Article::default()
        }
    }

    #[test]
    fn short_titles_are_left_alone() {
        let mut a = article(&"ب".repeat(MAX_TITLE_CHARS), "نص");
        bound_title(&mut a);
        assert_eq!(a, article(&"ب".repeat(MAX_TITLE_CHARS), "نص"));
    }

    #[test]
    fn long_titles_are_cut_at_a_word_and_kept_whole_in_the_body() {
        let line = "كلمة ".repeat(100).trim_end().to_string();
        let mut a = article(&line, "الفقرة الثانية");
        bound_title(&mut a);
        assert!(a.title.chars().count() <= MAX_TITLE_CHARS);
        assert!(a.title.ends_with("كلمة…"), "{}", a.title);
        assert_eq!(a.body, format!("{line}\nالفقرة الثانية"));
    }

    #[test]
    fn a_title_without_spaces_is_cut_on_a_character_boundary() {
        let line = "ب".repeat(1000);
        let mut a = article(&line, "");
        bound_title(&mut a);
        assert_eq!(a.title.chars().count(), MAX_TITLE_CHARS);
        assert_eq!(a.body, line);
    }
}
