//! Printers for search results and cleaned articles: human text, JSON Lines and TREC run
//! files. They take plain values and know nothing of tantivy, so they can be tested by printing
//! into a `Vec<u8>`.

pub mod article;
pub mod document;
pub mod json;
pub mod stats;
pub mod summary;
pub mod text;
pub mod trec;

use std::ffi::OsStr;

pub use crate::search::Hit;

use crate::cli::ColorChoice;

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

/// `text` with every unsafe character escaped, except line breaks when `keep_newlines` (for
/// article bodies, which hold one paragraph per line).
pub fn escape_text(text: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_unsafe_for_terminal(c) && !(keep_newlines && c == '\n') {
            escape_char(c, &mut out);
        } else {
            out.push(c);
        }
    }
    out
}

/// Should text output be coloured? `always` and `never` mean what they say; `auto` colours
/// only a terminal, and only if `NO_COLOR` is unset or empty (no-color.org) and `TERM` is not
/// `dumb`.
pub fn color_wanted(
    choice: ColorChoice,
    stdout_is_terminal: bool,
    no_color: Option<&OsStr>,
    term: Option<&OsStr>,
) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let no_color = no_color.is_some_and(|v| !v.is_empty());
            let dumb = term.is_some_and(|t| t == "dumb");
            stdout_is_terminal && !no_color && !dumb
        }
    }
}

/// [`color_wanted`] for this process's stdout and environment.
pub fn use_color(choice: ColorChoice) -> bool {
    use std::io::IsTerminal;
    color_wanted(
        choice,
        std::io::stdout().is_terminal(),
        std::env::var_os("NO_COLOR").as_deref(),
        std::env::var_os("TERM").as_deref(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auto(tty: bool, no_color: Option<&str>, term: Option<&str>) -> bool {
        color_wanted(
            ColorChoice::Auto,
            tty,
            no_color.map(OsStr::new),
            term.map(OsStr::new),
        )
    }

    #[test]
    fn auto_colours_only_a_willing_terminal() {
        assert!(auto(true, None, Some("xterm-256color")));
        assert!(auto(true, Some(""), None), "an empty NO_COLOR is unset");
        assert!(!auto(false, None, Some("xterm")));
        assert!(!auto(true, Some("1"), Some("xterm")));
        assert!(!auto(true, None, Some("dumb")));
    }

    #[test]
    fn always_and_never_ignore_the_environment() {
        let (no, dumb) = (Some(OsStr::new("1")), Some(OsStr::new("dumb")));
        assert!(color_wanted(ColorChoice::Always, false, no, dumb));
        assert!(!color_wanted(ColorChoice::Never, true, None, None));
    }

    #[test]
    fn escape_text_keeps_paragraphs_when_asked() {
        assert_eq!(escape_text("أ\n\x1b[1mب\t", true), "أ\n\\u{1b}[1mب\\u{9}");
        assert_eq!(escape_text("أ\nب", false), "أ\\u{a}ب");
    }
}
