//! `fahras stats`: what the index holds.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Result;

use crate::plan::StatsPlan;
use crate::{index, output};

pub fn run(plan: StatsPlan) -> Result<ExitCode> {
    let index = index::open(&plan.index)?;
    let stats = index::stats::stats(&index, plan.terms)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if plan.json {
        output::stats::print_json(&mut out, &stats)?;
    } else {
        output::stats::print_text(&mut out, &stats)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
