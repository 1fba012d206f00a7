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
    match cli.command {
        Command::Ingest(args) => commands::ingest::run(resolve_index_dir(index)?, args),
        Command::Search(args) => commands::search::run(resolve_index_dir(index)?, args),
        Command::Show(args) => commands::show::run(resolve_index_dir(index)?, args),
        Command::Rm(args) => commands::rm::run(resolve_index_dir(index)?, args),
        Command::Stats(args) => commands::stats::run(resolve_index_dir(index)?, args),
        Command::Completions(args) => commands::completions::run(args),
        Command::Man(args) => commands::completions::man(args),
        // Reads files only: needs no index.
        Command::Clean(args) => commands::clean::run(args),
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
