//! `fahras search --queries FILE`: a batch. The index is opened once, every printed record
//! carries the query's id, and a bad query is reported without stopping the batch (exit 2 at
//! the end), so one typo does not lose thousands of answers.
//!
//! The queries are answered on the worker pool ([`crate::pool`]) and printed in query order as
//! soon as each is ready; whenever nothing more is ready the output is flushed, so a program
//! that writes a query into a pipe and waits for its answer gets it.

use std::cell::RefCell;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::hits::Printer;
use crate::plan::HitFormat;
use crate::pool::{self, Feeder};
use crate::search::{Engine, SearchOptions};
use crate::{index, messages, EXIT_ERROR, EXIT_NO_MATCH};

/// A query of the batch: its id and its text.
type Query = (String, String);

pub fn run(
    index_dir: &Path,
    options: &SearchOptions,
    format: HitFormat,
    path: &Path,
    jobs: usize,
) -> Result<ExitCode> {
    let index = index::open(index_dir)?;
    let engine = Engine::new(&index)?;
    let printer = Printer {
        format,
        batch: true,
    };
    let stdout = io::stdout();
    // written by the sink and flushed when idle, both on this thread
    let out = RefCell::new(io::BufWriter::new(stdout.lock()));
    let input: Box<dyn Read + Send> = if path.as_os_str() == "-" {
        Box::new(io::stdin())
    } else {
        let file = File::open(path)
            .with_context(|| format!("cannot read queries from {}", path.display()))?;
        Box::new(file)
    };
    let (mut any_hit, mut any_error) = (false, false);
    let read_error = pool::try_for_each_in_order(
        jobs,
        |feeder| feed(BufReader::new(input), path, feeder),
        |(qid, query): Query| {
            let answer = printer
                .check_id(&qid)
                .and_then(|()| printer.answer(&engine, &query, options));
            (qid, query, answer)
        },
        |(qid, query, answer)| match answer {
            Ok(answer) => {
                any_hit |= answer.found();
                printer.print(&mut *out.borrow_mut(), Some(&qid), &query, &answer)
            }
            Err(err) => {
                any_error = true;
                let flushed = out.borrow_mut().flush();
                flushed.map(|()| messages::emit(format_args!("query {qid}: {err:#}")))
            }
        },
        // Nothing more to print yet: what is printed goes out now.
        || out.borrow_mut().flush(),
    )?;
    out.into_inner().flush()?;
    if let Some(err) = read_error {
        return Err(err);
    }
    Ok(if any_error {
        ExitCode::from(EXIT_ERROR)
    } else if any_hit {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_NO_MATCH)
    })
}

/// Reads the batch's queries into the pool, returning the read error that ended it early, if
/// any (the queries read before it are still answered).
fn feed(
    mut reader: BufReader<impl Read>,
    path: &Path,
    feeder: &Feeder<Query>,
) -> Option<anyhow::Error> {
    let mut line_number = 0;
    let mut line = String::new();
    loop {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) => return None,
            Ok(_) => {}
            Err(err) => {
                let context = format!("cannot read queries from {}", path.display());
                return Some(anyhow::Error::new(err).context(context));
            }
        }
        line_number += 1;
        let text = line.strip_suffix('\n').unwrap_or(&line);
        let text = text.strip_suffix('\r').unwrap_or(text);
        let (qid, query) = split_line(text, line_number);
        if !query.is_empty() && !feeder.send((qid, query.to_string())) {
            return None;
        }
        // Nothing more has arrived yet: the queries read so far go now, so a pipe fed line by
        // line still gets each answer as soon as its line is in.
        if reader.buffer().is_empty() && !feeder.flush() {
            return None;
        }
    }
}

/// Splits a batch line into id and query; a line without a tab is numbered by its line.
fn split_line(line: &str, line_number: usize) -> (String, &str) {
    match line.split_once('\t') {
        Some((id, query)) if !id.trim().is_empty() => (id.trim().to_string(), query.trim()),
        _ => (line_number.to_string(), line.trim()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_lines_with_and_without_ids() {
        assert_eq!(split_line("q1\tقسد حلب", 1), ("q1".to_string(), "قسد حلب"));
        assert_eq!(split_line("قسد حلب", 7), ("7".to_string(), "قسد حلب"));
        assert_eq!(split_line("\tقسد", 3), ("3".to_string(), "\tقسد".trim()));
    }
}
