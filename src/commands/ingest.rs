//! `fahras ingest`.

use std::path::PathBuf;
use std::process::ExitCode;

use std::io::Read;
use std::os::unix::ffi::OsStrExt;

use anyhow::{Context, Result};

use crate::plan::IngestPlan;
use crate::{ingest, messages, EXIT_ERROR};

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

pub fn run(plan: IngestPlan) -> Result<ExitCode> {
    crate::process::return_freed_memory();
    let index_dir = plan.index;
    let mut options = plan.options;
    let mut paths = Vec::new();
    for path in std::mem::take(&mut options.paths) {
        if path.as_os_str() == "-" {
            paths.extend(paths_from_stdin(plan.null)?);
        } else {
            paths.push(path);
        }
    }
    options.paths = paths;
    let summary = ingest::ingest(&index_dir, &options)?;
    // also with -q, which silences the lines per file: the summary is what they add up to
    messages::emit(&summary);
    if let Some(hint) = summary.passed_over_hint() {
        messages::emit(hint);
    }
    Ok(if summary.failed > 0 {
        ExitCode::from(EXIT_ERROR)
    } else {
        ExitCode::SUCCESS
    })
}
