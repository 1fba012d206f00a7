//! Printers for search results: human text and JSON Lines. They take plain [`Hit`]s and know
//! nothing of tantivy, so they can be tested by printing into a `Vec<u8>`.

pub mod json;
pub mod text;

pub use crate::search::Hit;

/// Is this character unsafe to send to a terminal as is? C0/C1 controls (escape sequences start
/// with them) and the bidi embeddings, overrides and isolates, which can reorder what follows.
/// ZWNJ, ZWJ, LRM and RLM are harmless and legitimate in Arabic and Persian text.
pub fn is_unsafe_for_terminal(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Writes `c` as a visible escape (`\u{1b}`).
pub fn escape_char(c: char, out: &mut String) {
    out.push_str(&format!("\\u{{{:x}}}", c as u32));
}
