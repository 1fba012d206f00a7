//! `fahras count`: the matches of a query counted per source, author or period. Exit status
//! as `search`: 0 if anything matched, 1 if not.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Result;

use super::search::exit_status;
use crate::plan::CountPlan;
use crate::search::{views, Engine};
use crate::{index, output};

pub fn run(plan: CountPlan) -> Result<ExitCode> {
    let index = index::open(&plan.query.index)?;
    let engine = Engine::for_one_search(&index, 0)?;
    let buckets = views::count::count(&engine, &plan.query.text, &plan.query.options, plan.by)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if plan.json {
        output::count::print_json(&mut out, &buckets)?;
    } else {
        output::count::print_text(&mut out, &buckets, plan.bar_columns)?;
    }
    out.flush()?;
    Ok(exit_status(buckets.iter().any(|b| b.documents > 0)))
}
