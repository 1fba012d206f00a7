//! `fahras search`: one query, answered as its plan says ([`crate::plan::SearchMode`] lists the
//! modes). The exit status follows grep: 0 if the mode selected at least one document, 1 if
//! none, 2 on error. `--queries FILE` runs a batch instead ([`super::batch`]).

use std::io::{self, Read, Write};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};

use super::hits::Printer;
use crate::plan::{Answer, QuerySource, SearchMode, SearchPlan};
use crate::search::Engine;
use crate::{index, messages, output, process, search, EXIT_NO_MATCH};

/// The query, read from stdin when the plan says so (line breaks count as spaces).
fn query_text(source: QuerySource, stdin: impl Read) -> Result<String> {
    let QuerySource::Words(words) = source else {
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
        return Ok(query);
    };
    Ok(words)
}

/// The line that ends hits on a terminal: `10 of 5,269 articles`, or `11–20 of 5,269 articles`
/// for a later page.
fn tally(shown: usize, offset: usize, total: usize) -> String {
    let total = match total {
        1 => "1 article".to_string(),
        n => format!("{} articles", messages::grouped(n as u64)),
    };
    match (shown, offset) {
        (_, 0) => format!("{} of {total}", messages::grouped(shown as u64)),
        (1, _) => format!("{} of {total}", messages::grouped(offset as u64 + 1)),
        _ => format!(
            "{}–{} of {total}",
            messages::grouped(offset as u64 + 1),
            messages::grouped((offset + shown) as u64)
        ),
    }
}

pub(super) fn exit_status(found: bool) -> ExitCode {
    if found {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_NO_MATCH)
    }
}

pub fn run(plan: SearchPlan) -> Result<ExitCode> {
    let (query, answer) = match plan.mode {
        SearchMode::Batch {
            queries,
            jobs,
            format,
        } => return super::batch::run(&plan.index, &plan.options, format, &queries, jobs),
        SearchMode::One { query, answer } => (query, answer),
    };
    let query = query_text(query, io::stdin().lock())?;
    let index = index::open(&plan.index)?;
    let options = &plan.options;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let found = match answer {
        Answer::Quiet => {
            let count = search::summary::count(&index, &query, options)?;
            return Ok(exit_status(count > 0));
        }
        Answer::Count => {
            let count = search::summary::count(&index, &query, options)?;
            output::summary::print_count(&mut out, count)?;
            count > 0
        }
        Answer::List {
            what,
            limit,
            terminator,
            escape,
        } => {
            let page = (options.offset, limit);
            let paths = search::summary::listed(&index, &query, options, page, what)?;
            output::summary::print_paths(&mut out, &paths, terminator, escape)?;
            !paths.is_empty()
        }
        Answer::Hits(format) => {
            process::keep_freed_memory();
            let page = options.offset.saturating_add(options.limit);
            let engine = Engine::for_one_search(&index, page)?;
            let printer = Printer {
                format,
                batch: false,
            };
            let answer = printer.answer(&engine, &query, options)?;
            printer.print(&mut out, None, &query, &answer)?;
            if plan.tally && answer.found() {
                out.flush()?;
                let total = search::summary::count_in(&engine, &query, options)?;
                messages::emit(tally(answer.shown(), options.offset, total));
            }
            process::leave_to_exit(engine);
            answer.found()
        }
    };
    out.flush()?;
    Ok(exit_status(found))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tally_counts_what_was_shown_of_what_matched() {
        assert_eq!(tally(10, 0, 5_269), "10 of 5,269 articles");
        assert_eq!(tally(1, 0, 1), "1 of 1 article");
        assert_eq!(tally(10, 10, 5_269), "11–20 of 5,269 articles");
        assert_eq!(tally(1, 20, 21), "21 of 21 articles");
    }

    #[test]
    fn words_are_taken_and_stdin_is_left_alone() {
        let words = QuerySource::Words("مجلس الأمن".to_string());
        let query = query_text(words, "ignored".as_bytes()).unwrap();
        assert_eq!(query, "مجلس الأمن");
    }

    #[test]
    fn a_dash_reads_the_query_from_stdin() {
        let stdin = "\"مجلس الأمن\"\n+سوريا\n".as_bytes();
        let query = query_text(QuerySource::Stdin, stdin).unwrap();
        assert_eq!(query, "\"مجلس الأمن\" +سوريا");
    }

    #[test]
    fn an_empty_or_binary_stdin_is_an_error() {
        let empty = query_text(QuerySource::Stdin, " \n".as_bytes()).unwrap_err();
        assert_eq!(empty.to_string(), "the query on stdin is empty");
        let binary = query_text(QuerySource::Stdin, &b"\xff\xfe"[..]).unwrap_err();
        assert_eq!(binary.to_string(), "the query on stdin is not UTF-8");
    }
}
