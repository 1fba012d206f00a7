//! Printers for search results and cleaned articles: human text, JSON Lines and TREC run
//! files. They take plain values and know nothing of tantivy, so they can be tested by printing
//! into a `Vec<u8>`.

pub mod article;
pub mod count;
pub mod document;
pub mod dups;
pub mod json;
pub mod kwic;
pub mod stats;
pub mod summary;
pub mod terms;
pub mod text;
pub mod trec;

use std::ffi::OsStr;

pub use crate::search::Hit;

pub use crate::messages::{escape_char, escape_text, is_unsafe_for_terminal};

/// When to colour text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal, unless `NO_COLOR` is set or `TERM=dumb`.
    Auto,
    Always,
    Never,
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
}
