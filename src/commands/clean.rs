//! `fahras clean`: the reading and cleaning of `ingest`, printed instead of indexed.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::CleanArgs;
use crate::commands::ingest::{jobs, read_options};
use crate::ingest::{self, clean::repetition::LineTable, Outcome};
use crate::{output, EXIT_ERROR};

pub fn run(args: CleanArgs) -> Result<ExitCode> {
    let options = read_options(&args.read);
    let walked = ingest::collect(&args.paths, &args.read.ext, options.max_file_size);
    let mut table = LineTable::default();
    ingest::count_repetitions(&walked.files, jobs(&args.read), &options, &mut table);

    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut failed = 0;
    let mut first = true;
    // One file at a time, in walk order, so the output is reproducible.
    for file in &walked.files {
        match ingest::read_articles(file, &options, &table) {
            Outcome::Articles { articles, warnings } => {
                for (label, warning) in warnings {
                    eprintln!("fahras: {}: {warning}", ingest::guard::shown(&label));
                }
                for article in &articles {
                    if args.json {
                        output::article::print_json(&mut out, article)?;
                    } else {
                        output::article::print_text(&mut out, article, first)?;
                    }
                    first = false;
                }
            }
            Outcome::Skipped(path, reason) => {
                eprintln!("fahras: {}: skipped: {reason}", ingest::shown_path(&path));
            }
            Outcome::Failed(path, reason) => {
                eprintln!("fahras: {}: {reason}", ingest::shown_path(&path));
                failed += 1;
            }
        }
    }
    for (path, reason) in &walked.too_large {
        eprintln!("fahras: {}: skipped: {reason}", ingest::shown_path(path));
    }
    for (path, reason) in &walked.errors {
        eprintln!("fahras: {}: {reason}", ingest::shown_path(path));
        failed += 1;
    }
    out.flush()?;
    Ok(if failed > 0 {
        ExitCode::from(EXIT_ERROR)
    } else {
        ExitCode::SUCCESS
    })
}
