//! `fahras terms`: the words characteristic of a query's matches. Exit status as `search`: 0
//! if anything matched, 1 if not.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Result;

use super::search::exit_status;
use crate::plan::TermsPlan;
use crate::search::{views, Engine};
use crate::{index, output};

pub fn run(plan: TermsPlan) -> Result<ExitCode> {
    let index = index::open(&plan.query.index)?;
    let engine = Engine::new(&index)?;
    let (matched, terms) =
        views::terms::characteristic(&engine, &plan.query.text, &plan.query.options, plan.limit)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if plan.json {
        output::terms::print_json(&mut out, &terms)?;
    } else {
        output::terms::print_text(&mut out, &terms)?;
    }
    out.flush()?;
    Ok(exit_status(matched > 0))
}
