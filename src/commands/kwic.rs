//! `fahras kwic`: the concordance of a query. Exit status: 0 if a line was printed, 1 if not;
//! a query that matches articles but names no word to show says so on stderr.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Result;

use super::search::exit_status;
use crate::plan::KwicPlan;
use crate::search::views::{self, kwic::KwicRequest};
use crate::search::Engine;
use crate::{index, messages, output};

pub fn run(plan: KwicPlan) -> Result<ExitCode> {
    let index = index::open(&plan.query.index)?;
    let engine = Engine::new(&index)?;
    let request = KwicRequest {
        width: plan.width,
        limit: plan.limit,
        order: plan.order,
    };
    let concordance =
        views::kwic::concordance(&engine, &plan.query.text, &plan.query.options, request)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if plan.json {
        output::kwic::print_json(&mut out, &concordance.lines)?;
    } else {
        output::kwic::print_text(&mut out, &concordance.lines, plan.width)?;
    }
    out.flush()?;
    if concordance.no_words && concordance.matched > 0 {
        let articles = match concordance.matched {
            1 => "1 article matches".to_string(),
            n => format!("{n} articles match"),
        };
        messages::emit(format_args!(
            "{articles}, but the query names no word to show in context"
        ));
    } else if concordance.read < concordance.matched && plan.limit.is_none() {
        messages::emit(format_args!(
            "lines from the {} best-matching of {} articles; narrow the query or use --since/--until for the rest",
            concordance.read, concordance.matched
        ));
    }
    Ok(exit_status(!concordance.lines.is_empty()))
}
