//! Resolution: turns the arguments clap parsed ([`crate::cli`]) into one typed plan per
//! command, once, before anything runs (as ripgrep's low-level arguments become its high-level
//! ones). Defaults that depend on the machine (worker threads, the index's place, colour) are
//! settled here, and flag combinations become enums that cannot hold an invalid one, so the
//! handlers in [`crate::commands`] only carry a plan out.
//!
//! Only this module and `lib.rs` know the `cli` types: the rest of the library never sees clap.

mod search;
mod views;

pub use search::{Answer, HitFormat, QuerySource, SearchMode, SearchPlan};
pub use views::{CountPlan, KwicPlan, TermsPlan};

use std::ffi::OsString;
use std::path::PathBuf;

use anyhow::{anyhow, Result};
use clap::CommandFactory;

use crate::cli::{self, Cli, Command};
use crate::index;
use crate::ingest::read::ReadOptions;
use crate::ingest::report::Verbosity;
use crate::ingest::IngestOptions;

/// What to do: one variant per command.
pub enum Plan {
    Ingest(IngestPlan),
    Search(SearchPlan),
    Show(ShowPlan),
    Rm(RmPlan),
    Stats(StatsPlan),
    Check(CheckPlan),
    Dups(DupsPlan),
    Export(ExportPlan),
    /// Print a completion script for this shell.
    Completions(clap_complete::Shell, clap::Command),
    /// Print the manual page, or write every page into the folder.
    Man(Option<PathBuf>, clap::Command),
    Clean(CleanPlan),
    Count(CountPlan),
    Kwic(KwicPlan),
    Terms(TermsPlan),
    Serve(ServePlan),
}

/// `fahras serve`.
pub struct ServePlan {
    pub index: PathBuf,
    pub bind: std::net::SocketAddr,
    pub open: bool,
    pub verbose: bool,
    pub threads: usize,
}

/// `fahras ingest`: the options of the run, with `-` among the paths still to be read from
/// stdin (`null`: NUL-terminated).
pub struct IngestPlan {
    pub index: PathBuf,
    pub options: IngestOptions,
    pub null: bool,
}

/// `fahras show`.
pub struct ShowPlan {
    pub index: PathBuf,
    pub targets: Vec<PathBuf>,
    pub json: bool,
}

/// `fahras rm`.
pub struct RmPlan {
    pub index: PathBuf,
    pub targets: Vec<OsString>,
    pub wait: bool,
}

/// `fahras stats`.
pub struct StatsPlan {
    pub index: PathBuf,
    pub terms: usize,
    pub json: bool,
}

/// `fahras check`.
pub struct CheckPlan {
    pub index: PathBuf,
    pub json: bool,
}

/// `fahras dups`.
pub struct DupsPlan {
    pub index: PathBuf,
    pub min_similarity: f32,
    pub json: bool,
    /// Print the linked pairs, not the groups (hidden, for the evaluation).
    pub pairs: bool,
}

/// `fahras export`: where the articles go.
pub struct ExportPlan {
    pub index: PathBuf,
    pub target: ExportTarget,
    pub force: bool,
}

/// The format of `fahras export` and where it writes.
pub enum ExportTarget {
    /// settings.json and bulk files of at most `bulk_bytes` into the folder.
    OpenSearch { dir: PathBuf, bulk_bytes: u64 },
    /// JSON Lines into the file, or stdout.
    Jsonl(Option<PathBuf>),
}

/// How files are read, shared by `ingest` and `clean`.
pub struct ReadPlan {
    pub options: ReadOptions,
    pub extensions: Vec<String>,
    pub jobs: usize,
}

/// `fahras clean`.
pub struct CleanPlan {
    pub paths: Vec<PathBuf>,
    pub read: ReadPlan,
    pub json: bool,
}

/// Resolves the command line into a plan. Shell integration must work where no index could
/// live (no HOME, say), so the index directory is only resolved for commands that use it.
pub fn resolve(cli: Cli) -> Result<Plan> {
    let index = cli.index;
    Ok(match cli.command {
        Command::Ingest(args) => Plan::Ingest(ingest(index_dir(index)?, args)),
        Command::Search(args) => Plan::Search(search::resolve(index_dir(index)?, args)?),
        Command::Show(args) => Plan::Show(ShowPlan {
            index: index_dir(index)?,
            targets: args.targets,
            json: args.output.wants_json(),
        }),
        Command::Rm(args) => Plan::Rm(RmPlan {
            index: index_dir(index)?,
            targets: args.targets,
            wait: args.wait,
        }),
        Command::Stats(args) => Plan::Stats(StatsPlan {
            index: index_dir(index)?,
            terms: args.terms,
            json: args.output.wants_json(),
        }),
        Command::Count(args) => Plan::Count(views::count(index_dir(index)?, args)?),
        Command::Kwic(args) => Plan::Kwic(views::kwic(index_dir(index)?, args)?),
        Command::Terms(args) => Plan::Terms(views::terms(index_dir(index)?, args)?),
        Command::Check(args) => Plan::Check(CheckPlan {
            index: index_dir(index)?,
            json: args.json,
        }),
        Command::Dups(args) => Plan::Dups(DupsPlan {
            index: index_dir(index)?,
            min_similarity: args.min_similarity,
            json: args.json,
            pairs: args.pairs,
        }),
        Command::Serve(args) => Plan::Serve(ServePlan {
            index: index_dir(index)?,
            bind: args.bind,
            open: args.open,
            verbose: args.verbose,
            threads: args.jobs.unwrap_or_else(|| jobs(None).min(4)),
        }),
        Command::Export(args) => Plan::Export(export(index_dir(index)?, args)?),
        Command::Completions(args) => Plan::Completions(args.shell, Cli::command()),
        Command::Man(args) => Plan::Man(args.dir, Cli::command()),
        Command::Clean(args) => Plan::Clean(CleanPlan {
            paths: args.paths,
            read: read(args.read),
            json: args.json,
        }),
    })
}

fn ingest(index: PathBuf, args: cli::IngestArgs) -> IngestPlan {
    let read = read(args.read);
    IngestPlan {
        index,
        options: IngestOptions {
            paths: args.paths,
            extensions: read.extensions,
            jobs: read.jobs,
            read: read.options,
            wait: args.wait,
            prune: args.prune,
            verbosity: Verbosity {
                quiet: args.quiet,
                verbose: args.verbose,
            },
        },
        null: args.null,
    }
}

fn export(index: PathBuf, args: cli::ExportArgs) -> Result<ExportPlan> {
    let path = args.path.filter(|path| path.as_os_str() != "-");
    let target = match args.format {
        cli::ExportFormat::Opensearch => ExportTarget::OpenSearch {
            dir: path.ok_or_else(|| {
                anyhow!("export --format opensearch writes into a folder: give its PATH")
            })?,
            bulk_bytes: args.bulk_bytes.max(1),
        },
        cli::ExportFormat::Jsonl => ExportTarget::Jsonl(path),
    };
    Ok(ExportPlan {
        index,
        target,
        force: args.force,
    })
}

fn read(args: cli::ReadArgs) -> ReadPlan {
    ReadPlan {
        options: ReadOptions {
            format: args.format,
            encoding: args.encoding,
            max_file_size: args.max_file_size,
        },
        extensions: args.ext,
        jobs: jobs(args.jobs),
    }
}

/// Worker threads: as asked, else one per CPU.
pub fn jobs(asked: Option<usize>) -> usize {
    asked.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// The index directory: `--index` (or FAHRAS_INDEX), else the default place.
fn index_dir(flag: Option<PathBuf>) -> Result<PathBuf> {
    // clap reads FAHRAS_INDEX into the flag; an empty value means unset.
    match flag.filter(|p| !p.as_os_str().is_empty()) {
        Some(dir) => Ok(dir),
        None => index::default_dir().ok_or_else(|| {
            anyhow!("cannot find a place for the index: set --index, FAHRAS_INDEX or HOME")
        }),
    }
}
