//! fahras: an Arabic news search tool built on tantivy.
//!
//! The data flows through the modules in order: [`ingest`] reads and cleans files into
//! [`article::Article`]s, [`index`] stores them with the [`analysis`] analyzers, [`search`]
//! answers queries with ranked [`search::Hit`]s, and [`output`] prints them.

pub mod analysis;
pub mod article;
pub mod cli;
pub mod index;
pub mod ingest;
pub mod output;
pub mod search;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, Result};

use cli::{Cli, ColorChoice, Command, IngestArgs, SearchArgs};

/// Exit status for "nothing found", as grep uses it.
const EXIT_NO_MATCH: u8 = 1;
/// Exit status for errors, as grep uses it.
pub const EXIT_ERROR: u8 = 2;

/// Runs the command line and returns the process exit status.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let index_dir = resolve_index_dir(cli.index)?;
    match cli.command {
        Command::Ingest(args) => run_ingest(index_dir, args),
        Command::Search(args) => run_search(index_dir, args),
    }
}

fn resolve_index_dir(flag: Option<PathBuf>) -> Result<PathBuf> {
    // clap reads FAHRAS_INDEX into the flag; an empty value means unset.
    match flag.filter(|p| !p.as_os_str().is_empty()) {
        Some(dir) => Ok(dir),
        None => index::default_dir().ok_or_else(|| {
            anyhow!("cannot find a place for the index: set --index, FAHRAS_INDEX or HOME")
        }),
    }
}

fn run_ingest(index_dir: PathBuf, args: IngestArgs) -> Result<ExitCode> {
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let options = ingest::IngestOptions {
        paths: args.paths,
        extensions: args.ext,
        jobs,
    };
    let summary = ingest::ingest(&index_dir, &options)?;
    eprintln!("fahras: {summary}");
    Ok(if summary.failed > 0 {
        ExitCode::from(EXIT_ERROR)
    } else {
        ExitCode::SUCCESS
    })
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
            !no_color && !dumb && io::stdout().is_terminal()
        }
    }
}

fn run_search(index_dir: PathBuf, args: SearchArgs) -> Result<ExitCode> {
    let query = args.query.join(" ");
    let index = index::open(&index_dir)?;
    let options = search::SearchOptions {
        limit: args.limit,
        ..search::SearchOptions::default()
    };
    let hits = search::search(&index, &query, &options)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if args.json {
        output::json::print_hits(&mut out, &hits)?;
    } else {
        output::text::print_hits(&mut out, &hits, use_color(args.color))?;
    }
    out.flush()?;
    Ok(if hits.is_empty() {
        ExitCode::from(EXIT_NO_MATCH)
    } else {
        ExitCode::SUCCESS
    })
}
