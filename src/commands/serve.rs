//! `fahras serve`: runs the web view ([`crate::serve`]) until the process is stopped.

use std::process::ExitCode;

use anyhow::Result;

use crate::plan::ServePlan;
use crate::serve::{self, Settings};

pub fn run(plan: ServePlan) -> Result<ExitCode> {
    let settings = Settings {
        bind: plan.bind,
        open: plan.open,
        verbose: plan.verbose,
        threads: plan.threads,
    };
    serve::run(&plan.index, &settings)?;
    Ok(ExitCode::SUCCESS)
}
