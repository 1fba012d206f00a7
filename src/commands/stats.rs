//! `fahras stats`: what the index holds.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{format_of, OutputFormat, StatsArgs};
use crate::{index, output};

pub fn run(index_dir: PathBuf, args: StatsArgs) -> Result<ExitCode> {
    let index = index::open(&index_dir)?;
    let stats = index::stats::stats(&index, args.terms)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match format_of(args.format, args.json) {
        OutputFormat::Json => output::stats::print_json(&mut out, &stats)?,
        OutputFormat::Text => output::stats::print_text(&mut out, &stats)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
