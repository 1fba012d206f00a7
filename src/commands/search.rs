//! `fahras search`: one query, answered as its plan says ([`crate::plan::SearchMode`] lists the
//! modes). The exit status follows grep: 0 if the mode selected at least one document, 1 if
//! none, 2 on error. `--queries FILE` runs a batch instead ([`super::batch`]).

use std::io::{self, Read, Write};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};

use crate::plan::{Answer, HitFormat, QuerySource, SearchMode, SearchPlan};
use crate::search::{Engine, Outcome, RankedPath, SearchOptions};
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
            limit,
            terminator,
            escape,
        } => {
            let paths = search::summary::paths(&index, &query, options, options.offset, limit)?;
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
            process::leave_to_exit(engine);
            answer.found()
        }
    };
    out.flush()?;
    Ok(exit_status(found))
}

/// One query's answer: full hits, or only ranked paths for a run file.
pub(super) enum Answered {
    Hits(Outcome),
    Paths(Outcome<RankedPath>),
}

impl Answered {
    /// Did the query select any document?
    pub(super) fn found(&self) -> bool {
        match self {
            Answered::Hits(outcome) => !outcome.hits.is_empty(),
            Answered::Paths(outcome) => !outcome.hits.is_empty(),
        }
    }
}

/// Answers queries and prints the answers in one of the hit formats.
pub(super) struct Printer {
    pub(super) format: HitFormat,
    /// Text answers of a batch open with a header naming their query.
    pub(super) batch: bool,
}

impl Printer {
    /// Runs `query`, reading only what this format prints: a run file needs no stored text.
    pub(super) fn answer(
        &self,
        engine: &Engine,
        query: &str,
        options: &SearchOptions,
    ) -> Result<Answered> {
        Ok(match self.format {
            HitFormat::Trec => Answered::Paths(engine.ranked_paths(query, options)?),
            HitFormat::Text { .. } | HitFormat::Json => {
                Answered::Hits(engine.search(query, options)?)
            }
        })
    }

    pub(super) fn print(
        &self,
        out: &mut impl Write,
        qid: Option<&str>,
        query: &str,
        answer: &Answered,
    ) -> io::Result<()> {
        let outcome = match answer {
            Answered::Paths(outcome) => return output::trec::print_hits(out, &outcome.hits, qid),
            Answered::Hits(outcome) => outcome,
        };
        let HitFormat::Text { color } = self.format else {
            output::json::print_hits(out, &outcome.hits, qid)?;
            return output::json::print_suggestions(out, query, &outcome.suggestions, qid);
        };
        if self.batch {
            output::text::print_query_header(out, qid.unwrap_or(""), query)?;
        }
        output::text::print_hits(out, &outcome.hits, color)?;
        if self.batch {
            writeln!(out)?;
        }
        if !outcome.suggestions.is_empty() {
            // stderr, so stdout stays data only; flush first to keep the order on a tty
            out.flush()?;
            // the query and its respellings cut short: a query of thousands of words would
            // bury the line
            let respelled: Vec<String> = outcome
                .suggestions
                .iter()
                .map(|s| search::query::clipped(s))
                .collect();
            messages::emit(format_args!(
                "no match for {}; did you mean: {}",
                search::query::quoted(query),
                respelled.join(" | ")
            ));
        }
        Ok(())
    }

    /// Refuses an id that a run file cannot carry: TREC lines are fields split by whitespace,
    /// so an id holding a space or a tab would shift the columns, and one holding a control
    /// character would break the line or reach a terminal raw. The other formats quote or
    /// escape ids.
    pub(super) fn check_id(&self, qid: &str) -> Result<()> {
        if self.format == HitFormat::Trec
            && qid
                .chars()
                .any(|c| c.is_whitespace() || messages::is_unsafe_for_terminal(c))
        {
            bail!("not run: the id of a TREC run-file line cannot hold a space or a control character");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
