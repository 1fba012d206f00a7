//! Turns a file's bytes into text, whatever encoding it was saved in.
//!
//! Order of evidence, strongest first: a byte-order mark (UTF-8, UTF-16LE/BE); an encoding the
//! user forced with `--encoding`; valid UTF-8 (the common case, and also UTF-8 with a few broken
//! bytes, which is far likelier than a legacy encoding that happens to look like UTF-8); and
//! last chardetng, the detector Firefox uses, which tells Windows-1256 from ISO-8859-6 and the
//! other legacy encodings by their byte statistics. Invalid bytes are replaced with U+FFFD
//! rather than rejected, because one bad byte in a scraped page must not cost the article; the
//! caller reports where the first one was.
//!
//! NUL bytes mark binary files, but one stray NUL in a collection of 100,000 TREC documents
//! must not cost the other 99,999 (it did: the whole file was skipped). A file is binary when
//! NUL bytes are more than 1% of it or it holds other control bytes than white space, as
//! archives, images and executables all do; otherwise each NUL becomes [`NUL_MARK`], which
//! the reader removes from the record it falls in, with a warning naming that record.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// Decoded text and what went wrong on the way.
#[derive(Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding the text was read as (its WHATWG name, e.g. `windows-1256`).
    pub encoding: &'static str,
    /// Byte offset of the first byte that could not be decoded, if any.
    pub first_invalid_byte: Option<usize>,
}

/// What a stray NUL byte becomes in decoded text: a noncharacter, which no text holds, that
/// is valid in JSON strings and TREC fields alike, so that parsing goes on and the reader can
/// tell which record held it (see `read::articles`).
pub const NUL_MARK: char = '\u{FFFE}';

/// Are the NUL bytes of `bytes` strays in text rather than the sign of a binary file: at most
/// 1% of the bytes, and no other control byte than white space anywhere?
fn nuls_are_strays(bytes: &[u8]) -> bool {
    let nuls = memchr::memchr_iter(0, bytes).count();
    let binary_control =
        |b: &u8| *b < 0x20 && !matches!(b, 0 | b'\t' | b'\n' | 0x0B | 0x0C | b'\r');
    nuls * 100 <= bytes.len() && !bytes.iter().any(binary_control)
}

/// Why a file cannot be treated as text.
#[derive(Debug, PartialEq, Eq)]
pub enum NotText {
    /// The file holds a NUL byte at this offset.
    Binary(usize),
}

/// Looks an encoding up by any of its WHATWG labels (`cp1256`, `ISO-8859-6`, `utf-16le`, …).
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Is this mostly UTF-8 with a few broken bytes? Counts valid multi-byte sequences against
/// invalid ones: legacy Arabic text almost never forms valid UTF-8 sequences by chance.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid_multibyte, mut invalid) = (0usize, 0usize);
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(text) => {
                valid_multibyte += text.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(err) => {
                let (good, bad) = rest.split_at(err.valid_up_to());
                valid_multibyte += std::str::from_utf8(good)
                    .map(|t| t.chars().filter(|c| !c.is_ascii()).count())
                    .unwrap_or(0);
                invalid += 1;
                let skip = err.error_len().unwrap_or(bad.len()).max(1);
                rest = &bad[skip.min(bad.len())..];
            }
        }
    }
    valid_multibyte >= 4 * invalid.max(1)
}

/// Decodes `bytes` with `encoding`, locating the first replaced byte.
fn decode_with(bytes: &[u8], encoding: &'static Encoding) -> Decoded {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(bytes.len() * 2);
    let mut first_invalid_byte = None;
    // Decode in slices so a malformed sequence can be located to within one slice, then to the
    // byte by decoding that slice alone.
    let mut consumed = 0;
    while consumed <= bytes.len() {
        let end = (consumed + 4096).min(bytes.len());
        let last = end == bytes.len();
        let chunk = &bytes[consumed..end];
        text.reserve(decoder.max_utf8_buffer_length(chunk.len()).unwrap_or(0));
        let (_, read, had_errors) = decoder.decode_to_string(chunk, &mut text, last);
        if had_errors && first_invalid_byte.is_none() {
            first_invalid_byte = Some(consumed + locate_error(chunk, encoding));
        }
        consumed += read;
        if last {
            break;
        }
    }
    Decoded {
        text,
        encoding: encoding.name(),
        first_invalid_byte,
    }
}

/// Offset of the first undecodable byte of `chunk` (approximate at chunk edges).
fn locate_error(chunk: &[u8], encoding: &'static Encoding) -> usize {
    if encoding == UTF_8 {
        return match std::str::from_utf8(chunk) {
            Err(err) => err.valid_up_to(),
            Ok(_) => 0,
        };
    }
    let (mut lo, mut hi) = (0, chunk.len());
    // The smallest prefix that fails to decode ends at the bad byte.
    while lo < hi {
        let mid = (lo + hi) / 2;
        let (_, had_errors) = encoding.decode_without_bom_handling(&chunk[..=mid]);
        if had_errors {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

/// Decodes `bytes`, detecting the encoding unless `forced` names one.
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded, NotText> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let mut decoded = decode_with(&bytes[bom_len..], encoding);
        decoded.first_invalid_byte = decoded.first_invalid_byte.map(|o| o + bom_len);
        return Ok(decoded);
    }
    let utf16 = |e| e == UTF_16LE || e == UTF_16BE;
    if let Some(offset) = memchr::memchr(0, bytes) {
        if let Some(encoding) = forced.filter(|&e| utf16(e)) {
            return Ok(decode_with(bytes, encoding));
        }
        // UTF-16 without a byte-order mark has NUL bytes too (see `guard`).
        let unforced_utf16 = forced
            .is_none()
            .then(|| super::guard::utf16_without_bom(bytes));
        if let Some((text, order)) = unforced_utf16.flatten() {
            return Ok(Decoded {
                text,
                encoding: order.name(),
                first_invalid_byte: None,
            });
        }
        if !nuls_are_strays(bytes) {
            return Err(NotText::Binary(offset));
        }
        let mut decoded = decode_text(bytes, forced);
        decoded.text = decoded
            .text
            .replace('\0', NUL_MARK.encode_utf8(&mut [0; 4]));
        return Ok(decoded);
    }
    Ok(decode_text(bytes, forced))
}

/// Decodes `bytes`, which hold no NUL byte or only stray ones, and no byte-order mark, in the
/// `forced` encoding or the one detected.
fn decode_text(bytes: &[u8], forced: Option<&'static Encoding>) -> Decoded {
    if let Some(encoding) = forced {
        return decode_with(bytes, encoding);
    }
    // The common case: valid UTF-8 needs a copy, not a decoder. simdutf8 checks it several
    // times faster than the standard library on Arabic text, where no byte is ASCII's fast
    // path (BENCHMARKS.md, "Reading and analysis on bytes").
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Decoded {
            text: text.to_string(),
            encoding: UTF_8.name(),
            first_invalid_byte: None,
        };
    }
    if mostly_utf8(bytes) {
        return decode_with(bytes, UTF_8);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guessed = detector.guess(None, chardetng::Utf8Detection::Deny);
    decode_with(bytes, guessed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARABIC: &str = "قال وزير الخارجية إن المملكة تدعم الحل السياسي في سوريا، وتسعى مع شركائها إلى إنهاء الأزمة؟ نعم.";

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode("قسد".as_bytes(), None).unwrap();
        assert_eq!(plain.text, "قسد");
        assert_eq!(plain.first_invalid_byte, None);
        let bom = decode("\u{FEFF}قسد".as_bytes(), None).unwrap();
        assert_eq!(bom.text, "قسد");
        assert_eq!(bom.encoding, "UTF-8");
    }

    #[test]
    fn invalid_bytes_are_replaced_and_located() {
        let mut bytes = "قال الوزير ".as_bytes().to_vec();
        bytes.push(0xFF);
        bytes.extend_from_slice("نعم".as_bytes());
        let decoded = decode(&bytes, None).unwrap();
        assert_eq!(decoded.text, "قال الوزير \u{FFFD}نعم");
        assert_eq!(decoded.first_invalid_byte, Some(20));
        assert_eq!(decoded.encoding, "UTF-8");
    }

    #[test]
    fn legacy_arabic_encodings_are_detected() {
        for label in ["windows-1256", "ISO-8859-6"] {
            let encoding = encoding_for_label(label).unwrap();
            let (bytes, _, unmappable) = encoding.encode(ARABIC);
            assert!(!unmappable);
            let decoded = decode(&bytes, None).unwrap();
            assert_eq!(decoded.text, ARABIC, "{label}");
            assert_eq!(decoded.encoding, encoding.name());
        }
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        le.extend(ARABIC.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&le, None).unwrap().text, ARABIC);
        let mut be = vec![0xFE, 0xFF];
        be.extend(ARABIC.encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode(&be, None).unwrap().text, ARABIC);
    }

    #[test]
    fn forced_encoding_wins_and_reports_bad_bytes() {
        let (bytes, _, _) = encoding_for_label("cp1256").unwrap().encode("نعم");
        let forced = encoding_for_label("iso-8859-6");
        let decoded = decode(&bytes, forced).unwrap();
        assert_eq!(decoded.encoding, "ISO-8859-6");
        assert!(decoded.first_invalid_byte.is_some() || decoded.text != "نعم");
        let mut latin = b"caf".to_vec();
        latin.push(0xE9);
        let decoded = decode(&latin, encoding_for_label("latin1")).unwrap();
        assert_eq!(decoded.text, "café");
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00", None), Err(NotText::Binary(4)));
        // control bytes besides the NUL, as in a PNG header
        let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR and then some text to pad it out well";
        assert_eq!(decode(png, None), Err(NotText::Binary(8)));
        // NUL bytes in more than 1% of the file
        let dense = [&b"text "[..], &[0; 2]].concat().repeat(30);
        assert_eq!(decode(&dense, None), Err(NotText::Binary(5)));
        let forced = encoding_for_label("cp1256");
        assert_eq!(decode(&dense, forced), Err(NotText::Binary(5)));
    }

    #[test]
    fn a_stray_nul_in_text_is_marked_not_binary() {
        let text = format!("{ARABIC}\n").repeat(3);
        let mut bytes = text.as_bytes().to_vec();
        bytes.insert(11, 0);
        let decoded = decode(&bytes, None).unwrap();
        assert_eq!(decoded.encoding, "UTF-8");
        let mut expected = text.clone();
        expected.insert(11, NUL_MARK);
        assert_eq!(decoded.text, expected);
        // in a legacy encoding too, detected or forced
        let (cp1256, _, _) = encoding_for_label("cp1256").unwrap().encode(&text);
        let mut bytes = cp1256.to_vec();
        bytes.insert(6, 0);
        for forced in [None, encoding_for_label("cp1256")] {
            let decoded = decode(&bytes, forced).unwrap();
            assert_eq!(decoded.text.replace(NUL_MARK, ""), text);
            assert_eq!(decoded.text.matches(NUL_MARK).count(), 1);
        }
    }
}
