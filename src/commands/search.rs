//! `fahras search`: one query, printed in the mode asked for.
//!
//! The modes, by precedence: `-q` prints nothing, `-c` the number of matching documents, `-l`
//! their paths, else ranked hits as text or JSON Lines. The exit status follows grep: 0 if the
//! mode selected at least one document, 1 if none, 2 on error.

use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};

use crate::cli::{OutputFormat, SearchArgs};
use crate::output::summary::Terminator;
use crate::{index, output, search, EXIT_NO_MATCH};

/// Results shown when `-n` is not given (`-l` lists every match instead).
const DEFAULT_LIMIT: usize = 10;

/// The query words, or with `-` the whole of stdin (line breaks count as spaces).
fn query_text(words: &[String], stdin: impl Read) -> Result<String> {
    if words != ["-"] {
        return Ok(words.join(" "));
    }
    let mut bytes = Vec::new();
    let mut stdin = stdin;
    stdin
        .read_to_end(&mut bytes)
        .context("cannot read the query from stdin")?;
    let text = String::from_utf8(bytes).context("the query on stdin is not UTF-8")?;
    let query = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if query.is_empty() {
        bail!("the query on stdin is empty");
    }
    Ok(query)
}

fn exit_status(found: bool) -> ExitCode {
    if found {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_NO_MATCH)
    }
}

pub fn run(index_dir: PathBuf, args: SearchArgs) -> Result<ExitCode> {
    let format = args.output_format();
    if format == OutputFormat::Json && (args.files_with_matches || args.count) {
        bail!("--json cannot be combined with -l/--files-with-matches or -c/--count");
    }
    let query = query_text(&args.query, io::stdin().lock())?;
    let index = index::open(&index_dir)?;
    let boosts = search::SearchOptions::default().boosts;

    if args.quiet {
        return Ok(exit_status(
            search::summary::count(&index, &query, boosts)? > 0,
        ));
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let found = if args.count {
        let count = search::summary::count(&index, &query, boosts)?;
        output::summary::print_count(&mut out, count)?;
        count > 0
    } else if args.files_with_matches {
        let paths = search::summary::paths(&index, &query, boosts, args.offset, args.limit)?;
        let terminator = if args.null {
            Terminator::Nul
        } else {
            Terminator::Newline
        };
        let escape = !args.null && stdout.is_terminal();
        output::summary::print_paths(&mut out, &paths, terminator, escape)?;
        !paths.is_empty()
    } else {
        let options = search::SearchOptions {
            limit: args.limit.unwrap_or(DEFAULT_LIMIT),
            offset: args.offset,
            boosts,
        };
        let hits = search::search(&index, &query, &options)?;
        match format {
            OutputFormat::Json => output::json::print_hits(&mut out, &hits)?,
            OutputFormat::Text => {
                output::text::print_hits(&mut out, &hits, output::use_color(args.color))?
            }
        }
        !hits.is_empty()
    };
    out.flush()?;
    Ok(exit_status(found))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn words_are_joined_and_stdin_is_left_alone() {
        let query = query_text(&words(&["مجلس", "الأمن"]), "ignored".as_bytes()).unwrap();
        assert_eq!(query, "مجلس الأمن");
    }

    #[test]
    fn a_dash_reads_the_query_from_stdin() {
        let query = query_text(&words(&["-"]), "\"مجلس الأمن\"\n+سوريا\n".as_bytes()).unwrap();
        assert_eq!(query, "\"مجلس الأمن\" +سوريا");
    }

    #[test]
    fn an_empty_or_binary_stdin_is_an_error() {
        let empty = query_text(&words(&["-"]), " \n".as_bytes()).unwrap_err();
        assert_eq!(empty.to_string(), "the query on stdin is empty");
        let binary = query_text(&words(&["-"]), &b"\xff\xfe"[..]).unwrap_err();
        assert_eq!(binary.to_string(), "the query on stdin is not UTF-8");
    }
}
