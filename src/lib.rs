//! fahras: an Arabic news search tool built on tantivy.
//!
//! The data flows through the modules in order: [`ingest`] reads and cleans files into
//! [`article::Article`]s, [`index`] stores them with the [`analysis`] analyzers, [`search`]
//! answers queries with ranked [`search::Hit`]s, and [`output`] prints them. [`commands`] holds
//! one thin handler per subcommand that wires these together.

pub mod analysis;
pub mod article;
pub mod cli;
pub mod commands;
pub mod index;
pub mod ingest;
pub mod messages;
pub mod output;
pub mod search;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, Result};

use cli::{Cli, Command};

/// Exit status for "nothing found", as grep uses it.
pub const EXIT_NO_MATCH: u8 = 1;
/// Exit status for errors, as grep uses it.
pub const EXIT_ERROR: u8 = 2;

/// Runs the command line and returns the process exit status.
pub fn run(cli: Cli) -> Result<ExitCode> {
    // Shell integration must work where no index could live (no HOME, say), so the index
    // directory is only resolved for commands that use it.
    let index = cli.index;
    // A damaged index can make tantivy panic: every command over an index turns that into an
    // error, and a failed write into one that names a full disk (`index::damage`).
    match cli.command {
        Command::Ingest(args) => writing(resolve_index_dir(index)?, |dir| {
            commands::ingest::run(dir, args)
        }),
        Command::Search(args) => reading(resolve_index_dir(index)?, |dir| {
            commands::search::run(dir, args)
        }),
        Command::Show(args) => reading(resolve_index_dir(index)?, |dir| {
            commands::show::run(dir, args)
        }),
        Command::Rm(args) => writing(resolve_index_dir(index)?, |dir| {
            commands::rm::run(dir, args)
        }),
        Command::Stats(args) => reading(resolve_index_dir(index)?, |dir| {
            commands::stats::run(dir, args)
        }),
        Command::Check(args) => reading(resolve_index_dir(index)?, |dir| {
            commands::check::run(dir, args)
        }),
        Command::Completions(args) => commands::completions::run(args),
        Command::Man(args) => commands::completions::man(args),
        // Reads files only: needs no index.
        Command::Clean(args) => commands::clean::run(args),
    }
}

/// Runs a command that reads the index at `dir`, pointing at `fahras check` when it finds
/// the index damaged.
fn reading(dir: PathBuf, work: impl FnOnce(PathBuf) -> Result<ExitCode>) -> Result<ExitCode> {
    index::damage::catch_panics(&dir, || work(dir.clone()))
        .map_err(|err| index::damage::name_damage(&dir, err))
}

/// Runs a command that writes to the index at `dir`, explaining a failure that a full disk
/// caused and removing what the failed run wrote.
fn writing(dir: PathBuf, work: impl FnOnce(PathBuf) -> Result<ExitCode>) -> Result<ExitCode> {
    index::damage::catch_panics(&dir, || work(dir.clone()))
        .map_err(|err| index::damage::explain_write_failure(&dir, err))
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
