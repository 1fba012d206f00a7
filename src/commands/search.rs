//! `fahras search`.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{ColorChoice, SearchArgs};
use crate::{index, output, search, EXIT_NO_MATCH};

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
            !no_color && !dumb && io::stdout().is_terminal()
        }
    }
}

pub fn run(index_dir: PathBuf, args: SearchArgs) -> Result<ExitCode> {
    let query = args.query.join(" ");
    let index = index::open(&index_dir)?;
    let options = search::SearchOptions {
        limit: args.limit,
        ..search::SearchOptions::default()
    };
    let hits = search::search(&index, &query, &options)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if args.json {
        output::json::print_hits(&mut out, &hits)?;
    } else {
        output::text::print_hits(&mut out, &hits, use_color(args.color))?;
    }
    out.flush()?;
    Ok(if hits.is_empty() {
        ExitCode::from(EXIT_NO_MATCH)
    } else {
        ExitCode::SUCCESS
    })
}
