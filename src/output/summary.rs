//! Output of the summary modes of `search`: paths (`-l`, `-0`) and a count (`-c`).
//!
//! Paths are data for `xargs` and friends, so they are written byte for byte, with one
//! exception: on a terminal, characters that could steer it are shown as visible escapes (as fd
//! does). A name with a newline in it is only safe to pass on with `-0`.

use std::io::{self, Write};

use super::{escape_char, is_unsafe_for_terminal};

/// What ends each path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Terminator {
    Newline,
    Nul,
}

/// Prints one path per document.
pub fn print_paths(
    out: &mut impl Write,
    paths: &[String],
    terminator: Terminator,
    escape: bool,
) -> io::Result<()> {
    for path in paths {
        if escape {
            let mut shown = String::with_capacity(path.len());
            for c in path.chars() {
                if is_unsafe_for_terminal(c) {
                    escape_char(c, &mut shown);
                } else {
                    shown.push(c);
                }
            }
            out.write_all(shown.as_bytes())?;
        } else {
            out.write_all(path.as_bytes())?;
        }
        out.write_all(match terminator {
            Terminator::Newline => b"\n",
            Terminator::Nul => b"\0",
        })?;
    }
    Ok(())
}

/// Prints the number of matching documents on a line of its own.
pub fn print_count(out: &mut impl Write, count: usize) -> io::Result<()> {
    writeln!(out, "{count}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(terminator: Terminator, escape: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let list = ["/news/الرقة.txt".to_string(), "/x/a\x1b[2Jb".to_string()];
        print_paths(&mut out, &list, terminator, escape).unwrap();
        out
    }

    #[test]
    fn newline_or_nul_after_each_path() {
        assert_eq!(
            paths(Terminator::Newline, false),
            "/news/الرقة.txt\n/x/a\x1b[2Jb\n".as_bytes()
        );
        assert_eq!(
            paths(Terminator::Nul, false),
            "/news/الرقة.txt\0/x/a\x1b[2Jb\0".as_bytes()
        );
    }

    #[test]
    fn escapes_only_when_asked() {
        assert_eq!(
            paths(Terminator::Newline, true),
            "/news/الرقة.txt\n/x/a\\u{1b}[2Jb\n".as_bytes()
        );
    }
}
