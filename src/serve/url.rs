//! The parts of a URL the server reads and writes: its path and query string decoded (UTF-8
//! checked, so a hostile `%FF` or `%00` is a clear refusal or a harmless character, never a
//! panic), and the links of the pages encoded so that any article id or query survives the
//! round trip.

use std::collections::HashMap;

/// A request's path, decoded, and its parameters (the first value of each name wins).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Target {
    pub path: String,
    pub params: HashMap<String, String>,
}

/// Splits and decodes a request target (`/search?q=%D8%A7`). `+` in a parameter is a
/// space, as forms send it; in the path it is itself.
pub fn parse(target: &str) -> Result<Target, String> {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let path = decode(path, false)?;
    let mut params = HashMap::new();
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let name = decode(name, true)?;
        let value = decode(value, true)?;
        params.entry(name).or_insert(value);
    }
    Ok(Target { path, params })
}

/// Percent-decodes `text` into UTF-8 text.
pub fn decode(text: &str, plus_is_space: bool) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok());
                let byte = hex.and_then(|h| u8::from_str_radix(h, 16).ok());
                let Some(byte) = byte else {
                    return Err("a % in the address is not followed by two hex digits".into());
                };
                out.push(byte);
                i += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            byte => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| "the address is not UTF-8 once decoded".to_string())
}

/// Percent-encodes `text` for a path segment or a parameter: everything but the unreserved
/// characters of RFC 3986.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A query string of `pairs`, empty values left out: `?q=...&page=2`.
pub fn query_string(pairs: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (name, value) in pairs.iter().filter(|(_, value)| !value.is_empty()) {
        out.push(if out.is_empty() { '?' } else { '&' });
        out.push_str(name);
        out.push('=');
        out.push_str(&encode(value));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_decoded_and_the_first_value_wins() {
        let target = parse("/search?q=%D8%AF%D9%85%D8%B4%D9%82+%22a%22&q=x&page=2&flag").unwrap();
        assert_eq!(target.path, "/search");
        assert_eq!(target.params["q"], "دمشق \"a\"");
        assert_eq!(target.params["page"], "2");
        assert_eq!(target.params["flag"], "");
    }

    #[test]
    fn broken_escapes_and_bytes_that_are_not_utf8_are_refused() {
        assert!(parse("/search?q=%ZZ").is_err());
        assert!(parse("/search?q=%D8").is_err());
        assert!(parse("/search?q=%").is_err());
        assert_eq!(parse("/search?q=%00").unwrap().params["q"], "\0");
    }

    #[test]
    fn an_id_survives_encoding_and_decoding() {
        let id = "/corpus/a b/خبر.json#12?x=1&y=+%";
        let encoded = encode(id);
        assert!(encoded
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)));
        let target = parse(&format!("/article/{encoded}?q={}", encode("a+b"))).unwrap();
        assert_eq!(target.path, format!("/article/{id}"));
        assert_eq!(target.params["q"], "a+b");
        assert_eq!(
            query_string(&[("q", "س ص"), ("page", "")]),
            "?q=%D8%B3%20%D8%B5"
        );
    }
}
