//! fahras: an Arabic news search tool built on tantivy.
//!
//! The data flows through the modules in order: [`ingest`] reads and cleans files into
//! [`article::Article`]s, [`index`] stores them with the [`analysis`] analyzers, [`search`]
//! answers queries with ranked [`search::Hit`]s, and `output` prints them. A command line
//! travels the other way round: [`cli`] is what clap parses, `plan` resolves it once into a
//! typed plan per command, and `commands` holds one short handler per subcommand that
//! carries its plan out. `pool` is the worker pool of ingest and batch search, `process`
//! the process-wide tuning of a one-shot search, [`messages`] every line written to stderr,
//! `serve` the web view over the same library.

// House style: no function over about 80 lines (the threshold is in clippy.toml).
#![warn(clippy::too_many_lines)]

pub mod analysis;
pub mod article;
pub mod cli;
mod commands;
mod export;
pub mod index;
pub mod ingest;
pub mod messages;
mod output;
mod plan;
mod pool;
mod process;
pub mod search;
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use cli::Cli;
use plan::Plan;

/// Exit status for "nothing found", as grep uses it.
pub const EXIT_NO_MATCH: u8 = 1;
/// Exit status for errors, as grep uses it.
pub const EXIT_ERROR: u8 = 2;

/// Runs the command line and returns the process exit status.
pub fn run(cli: Cli) -> Result<ExitCode> {
    // A damaged index can make tantivy panic: every command over an index turns that into an
    // error, and a failed write into one that names a full disk (`index::damage`).
    match plan::resolve(cli)? {
        Plan::Ingest(plan) => writing(plan.index.clone(), || commands::ingest::run(plan)),
        Plan::Search(plan) => reading(plan.index.clone(), || commands::search::run(plan)),
        Plan::Show(plan) => reading(plan.index.clone(), || commands::show::run(plan)),
        Plan::Rm(plan) => writing(plan.index.clone(), || commands::rm::run(plan)),
        Plan::Stats(plan) => reading(plan.index.clone(), || commands::stats::run(plan)),
        Plan::Count(plan) => reading(plan.query.index.clone(), || commands::count::run(plan)),
        Plan::Kwic(plan) => reading(plan.query.index.clone(), || commands::kwic::run(plan)),
        Plan::Terms(plan) => reading(plan.query.index.clone(), || commands::terms::run(plan)),
        Plan::Check(plan) => reading(plan.index.clone(), || commands::check::run(plan)),
        Plan::Dups(plan) => reading(plan.index.clone(), || commands::dups::run(plan)),
        Plan::Serve(plan) => reading(plan.index.clone(), || commands::serve::run(plan)),
        Plan::Export(plan) => reading(plan.index.clone(), || commands::export::run(plan)),
        Plan::Completions(shell, command) => commands::completions::run(shell, command),
        Plan::Man(dir, command) => commands::completions::man(dir, command),
        // Reads files only: needs no index.
        Plan::Clean(plan) => commands::clean::run(plan),
    }
}

/// Runs a command that reads the index at `dir`, pointing at `fahras check` when it finds
/// the index damaged.
fn reading(dir: PathBuf, work: impl FnOnce() -> Result<ExitCode>) -> Result<ExitCode> {
    index::damage::catch_panics(&dir, work).map_err(|err| index::damage::name_damage(&dir, err))
}

/// Runs a command that writes to the index at `dir`, explaining a failure that a full disk
/// caused and removing what the failed run wrote.
fn writing(dir: PathBuf, work: impl FnOnce() -> Result<ExitCode>) -> Result<ExitCode> {
    index::damage::catch_panics(&dir, work)
        .map_err(|err| index::damage::explain_write_failure(&dir, err))
}
