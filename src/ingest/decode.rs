//! Turns a file's bytes into text.
//!
//! Files are read as UTF-8; a byte-order mark is dropped. Invalid bytes are replaced with U+FFFD
//! rather than rejected, because one bad byte in a scraped page must not cost the article; the
//! caller reports where the first one was. Files with NUL bytes are binary, not text.

/// Decoded text and what went wrong on the way.
#[derive(Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// Byte offset of the first invalid UTF-8 sequence, if any.
    pub first_invalid_byte: Option<usize>,
}

/// Why a file cannot be treated as text.
#[derive(Debug, PartialEq, Eq)]
pub enum NotText {
    /// The file holds a NUL byte at this offset.
    Binary(usize),
}

/// Decodes `bytes` as UTF-8, tolerating a BOM and replacing invalid sequences.
pub fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(NotText::Binary(offset));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: text.to_owned(),
            first_invalid_byte: None,
        }),
        Err(err) => Ok(Decoded {
            text: String::from_utf8_lossy(bytes).into_owned(),
            first_invalid_byte: Some(err.valid_up_to()),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode("قسد".as_bytes()).unwrap();
        assert_eq!(plain.text, "قسد");
        assert_eq!(plain.first_invalid_byte, None);
        let bom = decode("\u{FEFF}قسد".as_bytes()).unwrap();
        assert_eq!(bom.text, "قسد");
    }

    #[test]
    fn invalid_bytes_are_replaced_and_located() {
        let mut bytes = "قال ".as_bytes().to_vec();
        bytes.push(0xFF);
        bytes.extend_from_slice("نعم".as_bytes());
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.text, "قال \u{FFFD}نعم");
        assert_eq!(decoded.first_invalid_byte, Some(7));
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00"), Err(NotText::Binary(4)));
    }
}
