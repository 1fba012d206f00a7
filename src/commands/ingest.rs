//! `fahras ingest`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::IngestArgs;
use crate::{ingest, EXIT_ERROR};

pub fn run(index_dir: PathBuf, args: IngestArgs) -> Result<ExitCode> {
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let options = ingest::IngestOptions {
        paths: args.paths,
        extensions: args.ext,
        jobs,
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
