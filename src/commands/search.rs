//! `fahras search`: one query, printed in the mode asked for.
//!
//! The modes, by precedence: `-q` prints nothing, `-c` the number of matching documents, `-l`
//! their paths, else ranked hits as text, JSON Lines or TREC run lines. The exit status follows
//! grep: 0 if the mode selected at least one document, 1 if none, 2 on error.
//!
//! `--queries FILE` runs a batch instead (`batch` below): the index is opened once, every
//! printed record carries the query's id, and a bad query is reported without stopping the
//! batch (exit 2 at the end), so one typo does not lose thousands of answers.

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};

use crate::cli::{OutputFormat, SearchArgs, SortKey};
use crate::output::summary::Terminator;
use crate::search::{dates, Engine, Outcome, Ranking, SearchOptions, SortBy};
use crate::{index, messages, output, search, EXIT_ERROR, EXIT_NO_MATCH};

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

fn options(args: &SearchArgs) -> Result<SearchOptions> {
    for date in [&args.since, &args.until].into_iter().flatten() {
        dates::check_date(date)?;
    }
    let mut ranking = Ranking::default();
    if let Some(spec) = &args.tune {
        ranking = ranking.tune(spec)?;
    }
    Ok(SearchOptions {
        limit: args.limit.unwrap_or(DEFAULT_LIMIT),
        offset: args.offset,
        ranking,
        plain: args.plain,
        since: args.since.clone(),
        until: args.until.clone(),
        sort: match args.sort {
            SortKey::Score => SortBy::Score,
            SortKey::Date => SortBy::Date,
        },
        snippets: !args.trec,
    })
}

/// The printer the flags ask for (`--trec` wins over `--format`).
fn printer(args: &SearchArgs, format: OutputFormat, batch: bool) -> Printer {
    let format = if args.trec {
        Format::Trec
    } else if format == OutputFormat::Json {
        Format::Json
    } else {
        Format::Text
    };
    Printer {
        format,
        color: output::use_color(args.color),
        batch,
    }
}

pub fn run(index_dir: PathBuf, args: SearchArgs) -> Result<ExitCode> {
    let format = args.output_format();
    if format == OutputFormat::Json && (args.files_with_matches || args.count) {
        bail!("--json cannot be combined with -l/--files-with-matches or -c/--count");
    }
    let options = options(&args)?;
    if let Some(path) = &args.queries {
        let index = index::open(&index_dir)?;
        let engine = Engine::new(&index)?;
        let printer = printer(&args, format, true);
        let stdout = io::stdout();
        let mut out = io::BufWriter::new(stdout.lock());
        let jobs = args
            .jobs
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
        let code = run_batch(&engine, &options, &printer, path, jobs, &mut out)?;
        out.flush()?;
        return Ok(code);
    }
    let query = query_text(&args.query, io::stdin().lock())?;
    let index = index::open(&index_dir)?;

    if args.quiet {
        return Ok(exit_status(
            search::summary::count(&index, &query, &options)? > 0,
        ));
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let found = if args.count {
        let count = search::summary::count(&index, &query, &options)?;
        output::summary::print_count(&mut out, count)?;
        count > 0
    } else if args.files_with_matches {
        let paths = search::summary::paths(&index, &query, &options, args.offset, args.limit)?;
        let terminator = if args.null {
            Terminator::Nul
        } else {
            Terminator::Newline
        };
        let escape = !args.null && stdout.is_terminal();
        output::summary::print_paths(&mut out, &paths, terminator, escape)?;
        !paths.is_empty()
    } else {
        keep_freed_memory();
        let engine = Engine::for_one_search(&index, options.offset.saturating_add(options.limit))?;
        let outcome = engine.search(&query, &options)?;
        let printer = printer(&args, format, false);
        printer.print(&mut out, None, &query, &outcome)?;
        // The process ends with this answer: unmapping the index's files and freeing its
        // caches would only lengthen a one-shot search (BENCHMARKS.md, "Block caches").
        std::mem::forget(engine);
        !outcome.hits.is_empty()
    };
    out.flush()?;
    Ok(exit_status(found))
}

/// Tells the allocator to keep the memory a one-shot search frees. Each hit's 128 KiB block of
/// stored documents is decompressed into a new buffer and freed; glibc gives a buffer that
/// size its own mapping and hands freed memory at the top of the heap back to the kernel, so
/// every block landed on fresh pages for the kernel to map and zero. Kept, the next block
/// reuses them: about 130 fewer page faults of some 650 a search (BENCHMARKS.md, "Block caches").
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_freed_memory() {
    // SAFETY: mallopt only sets two of glibc's allocation thresholds; it takes the allocator's
    // own lock and touches no memory of ours.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 4 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 64 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_freed_memory() {}

/// What one query's hits are printed as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Json,
    Trec,
}

struct Printer {
    format: Format,
    color: bool,
    batch: bool,
}

impl Printer {
    fn print(
        &self,
        out: &mut impl Write,
        qid: Option<&str>,
        query: &str,
        outcome: &Outcome,
    ) -> io::Result<()> {
        match self.format {
            Format::Json => {
                output::json::print_hits(out, &outcome.hits, qid)?;
                output::json::print_suggestions(out, query, &outcome.suggestions, qid)
            }
            Format::Trec => output::trec::print_hits(out, &outcome.hits, qid),
            Format::Text => {
                if self.batch {
                    output::text::print_query_header(out, qid.unwrap_or(""), query)?;
                }
                output::text::print_hits(out, &outcome.hits, self.color)?;
                if self.batch {
                    writeln!(out)?;
                }
                if !outcome.suggestions.is_empty() {
                    // stderr, so stdout stays data only; flush first to keep the order on a tty
                    out.flush()?;
                    // the query and its respellings cut short: a query of thousands of words
                    // would bury the line
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
        }
    }
}

impl Printer {
    /// Refuses an id that a run file cannot carry: TREC lines are fields split by whitespace,
    /// so an id holding a space or a tab would shift the columns, and one holding a control
    /// character would break the line or reach a terminal raw. The other formats quote or
    /// escape ids.
    fn check_id(&self, qid: &str) -> Result<()> {
        if self.format == Format::Trec
            && qid
                .chars()
                .any(|c| c.is_whitespace() || messages::is_unsafe_for_terminal(c))
        {
            bail!("not run: the id of a TREC run-file line cannot hold a space or a control character");
        }
        Ok(())
    }
}

/// Splits a batch line into id and query; a line without a tab is numbered by its line.
fn split_line(line: &str, line_number: usize) -> (String, &str) {
    match line.split_once('\t') {
        Some((id, query)) if !id.trim().is_empty() => (id.trim().to_string(), query.trim()),
        _ => (line_number.to_string(), line.trim()),
    }
}

/// Queries handed to an answering thread at a time, at most: enough to make thread wake-ups
/// rare, few enough that both threads stay busy to the end of a batch.
const BATCH_CHUNK: usize = 16;

fn run_batch(
    engine: &Engine,
    options: &SearchOptions,
    printer: &Printer,
    path: &Path,
    jobs: usize,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let input: Box<dyn Read + Send> = if path.as_os_str() == "-" {
        Box::new(io::stdin())
    } else {
        let file = File::open(path)
            .with_context(|| format!("cannot read queries from {}", path.display()))?;
        Box::new(file)
    };
    let mut reader = BufReader::new(input);
    let (mut any_hit, mut any_error) = (false, false);
    // One thread reads queries, `jobs` answer them, this one prints the answers in query order
    // as soon as each is ready, so a batch fed line by line through a pipe still streams. The
    // queries travel in chunks: one at a time, every query cost two thread wake-ups, 17% of
    // a one-thread batch's time on this VM (`perf`: futex wakes under crossbeam's `notify`).
    let (query_tx, query_rx) = crossbeam_channel::bounded::<(usize, Vec<(String, String)>)>(64);
    let (answer_tx, answer_rx) = crossbeam_channel::bounded(64);
    let read_error = std::thread::scope(|scope| -> Result<Option<anyhow::Error>> {
        let reading = scope.spawn(move || -> Option<anyhow::Error> {
            let (mut chunk, mut first, mut line_number) = (Vec::new(), 0, 0);
            let mut line = String::new();
            let error = loop {
                line.clear();
                match reader.read_line(&mut line) {
                    Ok(0) => break None,
                    Ok(_) => {}
                    Err(err) => {
                        break Some(
                            anyhow::Error::new(err)
                                .context(format!("cannot read queries from {}", path.display())),
                        )
                    }
                }
                line_number += 1;
                let text = line.strip_suffix('\n').unwrap_or(&line);
                let text = text.strip_suffix('\r').unwrap_or(text);
                let (qid, query) = split_line(text, line_number);
                if !query.is_empty() {
                    chunk.push((qid, query.to_string()));
                }
                // A chunk goes when it is full or nothing more has arrived yet, so a pipe fed
                // line by line still gets each answer as soon as its line is in.
                if chunk.len() >= BATCH_CHUNK || (!chunk.is_empty() && reader.buffer().is_empty()) {
                    let sent = chunk.len();
                    if query_tx.send((first, std::mem::take(&mut chunk))).is_err() {
                        return None;
                    }
                    first += sent;
                }
            };
            if !chunk.is_empty() {
                // the queries read before an error are still answered
                let _ = query_tx.send((first, chunk));
            }
            error
        });
        for _ in 0..jobs.max(1) {
            let (query_rx, answer_tx) = (query_rx.clone(), answer_tx.clone());
            scope.spawn(move || {
                for (first, queries) in query_rx {
                    let answers: Vec<_> = queries
                        .into_iter()
                        .map(|(qid, query)| {
                            let outcome = printer
                                .check_id(&qid)
                                .and_then(|()| engine.search(&query, options));
                            (qid, query, outcome)
                        })
                        .collect();
                    if answer_tx.send((first, answers)).is_err() {
                        break;
                    }
                }
            });
        }
        drop((query_rx, answer_tx));
        let mut pending = std::collections::BTreeMap::new();
        let mut next = 0;
        while let Ok((first, answers)) = answer_rx.recv() {
            pending.insert(first, answers);
            while let Some(answers) = pending.remove(&next) {
                next += answers.len();
                for (qid, query, outcome) in answers {
                    let printed = match outcome {
                        Ok(outcome) => {
                            any_hit |= !outcome.hits.is_empty();
                            printer.print(out, Some(&qid), &query, &outcome)
                        }
                        Err(err) => {
                            any_error = true;
                            out.flush()
                                .map(|()| messages::emit(format_args!("query {qid}: {err:#}")))
                        }
                    };
                    if let Err(err) = printed {
                        // A closed stdout (`| head`): stop. Without their receiver the
                        // answering threads stop, and with them the reader.
                        drop(answer_rx);
                        return Err(err.into());
                    }
                }
            }
            // Nothing more to print yet: what is printed goes out now, so a program that
            // writes a query and waits for its answer gets it (once per chunk, not per line).
            if answer_rx.is_empty() {
                if let Err(err) = out.flush() {
                    drop(answer_rx);
                    return Err(err.into());
                }
            }
        }
        // The reader ran on this thread before the batch was parallel: a panic stays one.
        Ok(reading
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })?;
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

    #[test]
    fn batch_lines_with_and_without_ids() {
        assert_eq!(split_line("q1\tقسد حلب", 1), ("q1".to_string(), "قسد حلب"));
        assert_eq!(split_line("قسد حلب", 7), ("7".to_string(), "قسد حلب"));
        assert_eq!(split_line("\tقسد", 3), ("3".to_string(), "\tقسد".trim()));
    }
}
