//! `fahras ingest`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{IngestArgs, ReadArgs};
use crate::ingest::read::ReadOptions;
use crate::{ingest, EXIT_ERROR};

/// Worker threads: as asked, else one per CPU.
pub fn jobs(args: &ReadArgs) -> usize {
    args.jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// The reading options of the command line.
pub fn read_options(args: &ReadArgs) -> ReadOptions {
    ReadOptions {
        format: args.format,
        encoding: args.encoding,
    }
}

pub fn run(index_dir: PathBuf, args: IngestArgs) -> Result<ExitCode> {
    let options = ingest::IngestOptions {
        jobs: jobs(&args.read),
        read: read_options(&args.read),
        extensions: args.read.ext,
        paths: args.paths,
        wait: args.wait,
    };
    let summary = ingest::ingest(&index_dir, &options)?;
    eprintln!("fahras: {summary}");
    Ok(if summary.failed > 0 {
        ExitCode::from(EXIT_ERROR)
    } else {
        ExitCode::SUCCESS
    })
}
