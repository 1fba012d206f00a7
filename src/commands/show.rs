//! `fahras show ID|PATH...`: prints stored articles, or says on stderr which were not found.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Result;

use crate::index::lookup::Lookup;
use crate::plan::ShowPlan;
use crate::{index, messages, output, EXIT_NO_MATCH};

pub fn run(plan: ShowPlan) -> Result<ExitCode> {
    let index = index::open(&plan.index)?;
    let lookup = Lookup::new(&index)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut missing = 0;
    let mut printed = 0;
    for target in &plan.targets {
        let articles = lookup.find(target)?;
        if articles.is_empty() {
            // Flush first so that the note lands after the documents before it.
            out.flush()?;
            messages::emit(format_args!(
                "{}: no such document in the index",
                target.display()
            ));
            missing += 1;
            continue;
        }
        if plan.json {
            output::document::print_json(&mut out, &articles)?;
        } else {
            if printed > 0 {
                writeln!(out)?;
            }
            output::document::print_text(&mut out, &articles)?;
        }
        printed += articles.len();
    }
    out.flush()?;
    Ok(if missing > 0 {
        ExitCode::from(EXIT_NO_MATCH)
    } else {
        ExitCode::SUCCESS
    })
}
