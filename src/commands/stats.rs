//! `fahras stats`: what the index holds, its most frequent words as the articles spell them.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Result;

use crate::plan::StatsPlan;
use crate::search::views::spelling;
use crate::search::Engine;
use crate::{index, output};

pub fn run(plan: StatsPlan) -> Result<ExitCode> {
    let index = index::open(&plan.index)?;
    let mut stats = index::stats::stats(&index, plan.terms)?;
    // each word as the articles most often write it, not folded as the index keeps it
    let folded: Vec<String> = stats.terms.iter().map(|t| t.name.clone()).collect();
    let engine = Engine::new(&index)?;
    let spelled = spelling::spell_words(&engine, index.fields.body, &folded)?;
    for term in &mut stats.terms {
        if let Some(written) = spelled.get(&term.name) {
            term.name.clone_from(written);
        }
    }
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
