//! `fahras ingest`.

use std::path::PathBuf;
use std::process::ExitCode;

use std::io::Read;
use std::os::unix::ffi::OsStrExt;

use anyhow::{Context, Result};

use crate::cli::{IngestArgs, ReadArgs};
use crate::ingest::read::ReadOptions;
use crate::ingest::report::Verbosity;
use crate::{ingest, messages, EXIT_ERROR};

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
        max_file_size: args.max_file_size,
    }
}

/// Paths read from stdin for `fahras ingest -`: one per line, or NUL-terminated with `-0`.
fn paths_from_stdin(nul: bool) -> Result<Vec<PathBuf>> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .context("cannot read paths from stdin")?;
    let separator = if nul { b'\0' } else { b'\n' };
    Ok(bytes
        .split(|&b| b == separator)
        .map(|p| p.strip_suffix(b"\r").unwrap_or(p))
        .filter(|p| !p.is_empty())
        .map(|p| PathBuf::from(std::ffi::OsStr::from_bytes(p)))
        .collect())
}

pub fn run(index_dir: PathBuf, args: IngestArgs) -> Result<ExitCode> {
    let mut paths = Vec::new();
    for path in args.paths {
        if path.as_os_str() == "-" {
            paths.extend(paths_from_stdin(args.null)?);
        } else {
            paths.push(path);
        }
    }
    let options = ingest::IngestOptions {
        jobs: jobs(&args.read),
        read: read_options(&args.read),
        extensions: args.read.ext,
        paths,
        wait: args.wait,
        prune: args.prune,
        verbosity: Verbosity {
            quiet: args.quiet,
            verbose: args.verbose,
        },
    };
    let summary = ingest::ingest(&index_dir, &options)?;
    // also with -q, which silences the lines per file: the summary is what they add up to
    messages::emit(&summary);
    Ok(if summary.failed > 0 {
        ExitCode::from(EXIT_ERROR)
    } else {
        ExitCode::SUCCESS
    })
}
