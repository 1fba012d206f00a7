//! The stored title and body, packed one byte per Arabic letter before the document store
//! compresses them.
//!
//! In UTF-8 every Arabic letter takes two bytes, the first almost always 0xD8 or 0xD9. zstd's
//! entropy coder sees single bytes without context, so it pays for that predictable first
//! byte every time. Packing the Arabic block U+0600–U+067F (letters, harakat, Arabic
//! punctuation and digits) into one byte each leaves the same text in about half the bytes,
//! and zstd stores the ANT corpus's articles in 24% less space (BENCHMARKS.md). It is the
//! idea of Unicode's SCSU with one fixed window; no maintained crate implements SCSU.
//!
//! The packing is lossless for every string:
//!
//! * `0x01`–`0x7F`: that ASCII character;
//! * `0x80`–`0xFF`: U+0600 + (byte − 0x80);
//! * `0x00`: escape, followed by one character in UTF-8 (U+0000 itself is `0x00 0x00`).

use crate::analysis::letters::arabic_block_offset;

/// First code point of the packed window.
const WINDOW: u32 = 0x600;
const ESCAPE: u8 = 0x00;

/// Packs `text` for storing. Works on the UTF-8 bytes: the window is exactly the characters
/// whose lead byte is 0xD8 or 0xD9.
pub fn pack(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        let width = match lead {
            0x01..=0x7F => {
                out.push(lead);
                i += 1;
                continue;
            }
            0xD8 | 0xD9 => {
                let offset = arabic_block_offset(text, i).expect("a lead byte of the block");
                out.push(0x80 + offset as u8);
                i += 2;
                continue;
            }
            0x00..=0xBF => 1,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        out.push(ESCAPE);
        out.extend_from_slice(&bytes[i..i + width]);
        i += width;
    }
    out
}

/// Unpacks what [`pack`] made. Bytes no packing produces (an escape that is not followed by a
/// whole UTF-8 character, as in a damaged store) become U+FFFD, so reading never fails.
pub fn unpack(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        i += 1;
        if byte == ESCAPE {
            let len = match bytes.get(i) {
                Some(0x00..=0x7F) => 1,
                Some(0xC0..=0xDF) => 2,
                Some(0xE0..=0xEF) => 3,
                Some(0xF0..=0xF7) => 4,
                _ => 1,
            };
            let end = (i + len).min(bytes.len());
            match std::str::from_utf8(&bytes[i..end]) {
                Ok(c) if !c.is_empty() => out.push_str(c),
                _ => out.push(char::REPLACEMENT_CHARACTER),
            }
            i = end.max(i + 1).min(bytes.len());
        } else if byte < 0x80 {
            out.push(byte as char);
        } else {
            let code = WINDOW + u32::from(byte - 0x80);
            out.push(char::from_u32(code).expect("the window holds only valid code points"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_takes_one_byte_per_letter() {
        let text = "قالَ المتحدث، ١٢ «سوريا» ی"; // harakat, comma, digits, guillemets, Persian yeh
        let packed = pack(text);
        assert_eq!(unpack(&packed), text);
        // the Arabic block packs to one byte; « » (U+00AB/BB) and ی (U+06CC) are escaped
        let escaped = 3 * (1 + 2);
        assert_eq!(packed.len(), text.chars().count() - 3 + escaped);
    }

    /// [`pack`] as written on characters: the window is the 128 code points from U+0600.
    fn pack_chars(text: &str) -> Vec<u8> {
        const WINDOW_LEN: u32 = 0x80;
        let mut out = Vec::new();
        for c in text.chars() {
            let code = c as u32;
            if (1..0x80).contains(&code) {
                out.push(code as u8);
            } else if (WINDOW..WINDOW + WINDOW_LEN).contains(&code) {
                out.push((0x80 + code - WINDOW) as u8);
            } else {
                out.push(ESCAPE);
                out.extend_from_slice(c.encode_utf8(&mut [0u8; 4]).as_bytes());
            }
        }
        out
    }

    #[test]
    fn every_character_packs_as_written_on_characters() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("{c}a{c}");
            assert_eq!(pack(&text), pack_chars(&text), "{c:?}");
        }
    }

    #[test]
    fn every_kind_of_character_round_trips() {
        for text in [
            "",
            "plain ASCII\twith\ntabs",
            "\u{0}nul\u{0}",
            "\u{5FF}\u{600}\u{67F}\u{680}",
            "emoji 😀 and ﷲ and \u{FEFF}",
            "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}",
        ] {
            assert_eq!(unpack(&pack(text)), text, "{text:?}");
        }
    }

    #[test]
    fn damaged_bytes_unpack_without_panicking() {
        for bytes in [
            &[0x00][..],
            &[0x00, 0xC3],
            &[0x00, 0x80, 0x41],
            &[0x00, 0xFF],
            &[0x00, 0xF0, 0x9F],
            &[0x41, 0x00, 0xE0, 0x80, 0x80, 0x42],
        ] {
            let text = unpack(bytes);
            assert!(text.contains('\u{FFFD}'), "{bytes:?} → {text:?}");
        }
    }
}
