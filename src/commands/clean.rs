//! `fahras clean`: the reading and cleaning of `ingest`, printed instead of indexed.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Result;

use crate::ingest::{self, archive, clean::repetition::LineTable, Outcome, ProblemKind};
use crate::plan::CleanPlan;
use crate::{messages, output, EXIT_ERROR};

pub fn run(plan: CleanPlan) -> Result<ExitCode> {
    let options = plan.read.options;
    let walked = ingest::collect(&plan.paths, &plan.read.extensions, options.max_file_size);
    let mut table = LineTable::default();
    ingest::count_repetitions(&walked.files, plan.read.jobs, &options, &mut table);

    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut failed = 0;
    let mut first = true;
    // One file at a time, in walk order, so the output is reproducible.
    for file in &walked.files {
        let mut print = |outcome| -> Result<()> {
            match outcome {
                Outcome::Articles {
                    articles, warnings, ..
                } => {
                    for (label, warning) in warnings {
                        messages::emit(format_args!("{label}: {warning}"));
                    }
                    for article in articles {
                        if plan.json {
                            output::article::print_json(&mut out, &article)?;
                        } else {
                            output::article::print_text(&mut out, &article, first)?;
                        }
                        first = false;
                    }
                }
                Outcome::Problem(problem) => {
                    messages::emit(&problem);
                    failed += usize::from(problem.kind == ProblemKind::Failed);
                }
            }
            Ok(())
        };
        if archive::is_zip(&file.path) {
            let mut printed = Ok(());
            let extensions = &plan.read.extensions;
            archive::for_each_member(file, &options, extensions, &table, |outcome| {
                printed = std::mem::replace(&mut printed, Ok(())).and_then(|()| print(outcome));
            });
            printed?;
        } else {
            print(ingest::read_articles(file, &options, &table))?;
        }
    }
    for problem in &walked.problems {
        messages::emit(problem);
        failed += usize::from(problem.kind == ProblemKind::Failed);
    }
    out.flush()?;
    Ok(if failed > 0 {
        ExitCode::from(EXIT_ERROR)
    } else {
        ExitCode::SUCCESS
    })
}
