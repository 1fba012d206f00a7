//! Every line fahras writes to stderr, and the escaping that keeps a line one line.
//!
//! Paths, ids, queries and article text come from users and corpora, so any of them may hold an
//! ESC, a BEL or a bidi override. A message is therefore escaped as a whole, after it is
//! formatted: no caller can forget to escape a piece of it, and an error chain from a library
//! (`cannot open /x/\u{1b}…: …`) is as safe as a message written here. The printers of
//! `output` use the same escaping for what they write to stdout.
//!
//! As in ripgrep, the library prints nothing itself except through this module, and every line
//! starts with `fahras: `.

use std::fmt::Display;
use std::path::Path;

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

/// A path or label as shown in a message: on one line, unable to steer the terminal.
pub fn shown(text: &str) -> String {
    escape_text(text, false)
}

/// A path as shown in a message (see [`shown`]).
pub fn shown_path(path: &Path) -> String {
    shown(&path.to_string_lossy())
}

/// `n` and an English noun that counts it: "1 article", "2 articles" (every noun fahras counts
/// takes an s).
pub fn counted(n: impl Into<u64>, noun: &str) -> String {
    let n = n.into();
    let plural = if n == 1 { "" } else { "s" };
    format!("{n} {noun}{plural}")
}

/// `n` with its thousands grouped by commas, for a count a person reads: 5,269.
pub fn grouped(n: impl Into<u64>) -> String {
    let digits = n.into().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// The line `fahras: {message}`, escaped as a whole.
pub fn line(message: impl Display) -> String {
    escape_text(&format!("fahras: {message}"), false)
}

/// Prints a warning, a notice or an error on stderr as one `fahras: ` line.
pub fn emit(message: impl Display) {
    eprintln!("{}", line(message));
}

/// Prints an error with its chain of causes (`fahras: cannot open x: permission denied`).
pub fn error(err: &anyhow::Error) {
    emit(format_args!("{err:#}"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_text_keeps_paragraphs_when_asked() {
        assert_eq!(escape_text("أ\n\x1b[1mب\t", true), "أ\n\\u{1b}[1mب\\u{9}");
        assert_eq!(escape_text("أ\nب", false), "أ\\u{a}ب");
    }

    #[test]
    fn names_are_shown_on_one_safe_line() {
        assert_eq!(
            shown("a\nb\u{1b}[2J\u{202E}"),
            "a\\u{a}b\\u{1b}[2J\\u{202e}"
        );
    }

    #[test]
    fn counts_of_one_are_singular() {
        assert_eq!(counted(1u64, "article"), "1 article");
        assert_eq!(counted(0u64, "article"), "0 articles");
        assert_eq!(counted(2u32, "file"), "2 files");
    }

    #[test]
    fn large_counts_are_grouped_by_thousands() {
        assert_eq!(grouped(5_269u64), "5,269");
        assert_eq!(grouped(999u64), "999");
        assert_eq!(grouped(0u64), "0");
        assert_eq!(grouped(1_234_567u64), "1,234,567");
    }

    #[test]
    fn a_message_is_escaped_as_a_whole() {
        let err = anyhow::anyhow!("no index at /tmp/\x1b]0;x\x07").context("cannot \u{202E}search");
        assert_eq!(
            line(format_args!("{err:#}")),
            "fahras: cannot \\u{202e}search: no index at /tmp/\\u{1b}]0;x\\u{7}"
        );
        assert_eq!(line("تم"), "fahras: تم");
    }
}
