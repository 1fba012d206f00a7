//! `fahras show ID|PATH...`: prints stored articles, or says on stderr which were not found.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{format_of, OutputFormat, ShowArgs};
use crate::index::lookup::Lookup;
use crate::{index, messages, output, EXIT_NO_MATCH};

pub fn run(index_dir: PathBuf, args: ShowArgs) -> Result<ExitCode> {
    let index = index::open(&index_dir)?;
    let lookup = Lookup::new(&index)?;
    let format = format_of(args.format, args.json);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut missing = 0;
    let mut printed = 0;
    for target in &args.targets {
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
        match format {
            OutputFormat::Json => output::document::print_json(&mut out, &articles)?,
            OutputFormat::Text => {
                if printed > 0 {
                    writeln!(out)?;
                }
                output::document::print_text(&mut out, &articles)?
            }
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
