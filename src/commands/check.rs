//! `fahras check`: prints each problem of an index on one line with what to do about it, then
//! a summary. Exit status: 0 if the index is sound, 1 if anything is wrong, 2 on error.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use serde_json::json;

use crate::index::check::{self, Report};
use crate::messages::{counted, shown};
use crate::plan::CheckPlan;
use crate::EXIT_NO_MATCH;

/// One sentence saying what was checked and whether anything is wrong.
fn summary(dir: &Path, report: &Report) -> String {
    let checked = format!(
        "{}, {}, {} checksummed",
        counted(report.segments as u64, "segment"),
        counted(report.segment_files as u64, "file"),
        counted(report.segment_bytes, "byte")
    );
    let compared = match report.compared {
        Some((files, articles)) => format!(
            "; manifest of {} compared with {}",
            counted(files as u64, "file"),
            counted(articles, "article")
        ),
        None => "; manifest not compared with the index".to_string(),
    };
    let verdict = match report.problems.len() {
        0 => "is sound".to_string(),
        1 => "has 1 problem".to_string(),
        n => format!("has {n} problems"),
    };
    format!("index {} {verdict} ({checked}{compared})", dir.display())
}

pub fn run(plan: CheckPlan) -> Result<ExitCode> {
    let index_dir = plan.index;
    let report = check::check(&index_dir)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let summary = summary(&index_dir, &report);
    for problem in &report.problems {
        if plan.json {
            let record = json!({
                "file": problem.file,
                "problem": problem.problem,
                "remedy": problem.remedy,
            });
            writeln!(out, "{record}")?;
        } else {
            let line = format!("{}: {}; {}", problem.file, problem.problem, problem.remedy);
            writeln!(out, "{}", shown(&line))?;
        }
    }
    if plan.json {
        let record = json!({
            "summary": summary,
            "sound": report.problems.is_empty(),
            "problems": report.problems.len(),
            "segments": report.segments,
            "segment_files": report.segment_files,
            "segment_bytes": report.segment_bytes,
        });
        writeln!(out, "{record}")?;
    } else {
        writeln!(out, "{}", shown(&summary))?;
    }
    out.flush()?;
    Ok(if report.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_NO_MATCH)
    })
}
