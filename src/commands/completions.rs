//! `fahras completions SHELL` and `fahras man`: shell integration generated from the clap
//! definition itself, so completions and the manual can never disagree with `--help`.
//!
//! Both render into memory first and then write in one go: the generators panic or half-write
//! on a closed pipe, while a plain `write_all` error is turned into a quiet exit by `main`.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

use clap_complete::Shell;

use crate::cli::syntax::{query_syntax_roff, search_man_description};

const BIN_NAME: &str = "fahras";

/// Prints the completion script for `shell` on stdout, from `command`: the clap definition.
pub fn run(shell: Shell, mut command: clap::Command) -> Result<ExitCode> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, BIN_NAME, &mut script);
    write_stdout(&script)?;
    Ok(ExitCode::SUCCESS)
}

/// Prints `fahras.1` on stdout, or with `--dir` writes every page into a folder.
pub fn man(dir: Option<PathBuf>, command: clap::Command) -> Result<ExitCode> {
    match dir {
        Some(dir) => {
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            write_pages(with_man_description(command), &dir)
                .with_context(|| format!("cannot write manual pages into {}", dir.display()))?;
        }
        None => {
            let page = render_page(&clap_mangen::Man::new(with_man_description(command)))?;
            write_stdout(&page)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The command with the manual's description of `search`: its query language is a section of
/// its own there ([`query_syntax_roff`]).
fn with_man_description(command: clap::Command) -> clap::Command {
    command.mut_subcommand("search", |search| {
        search.long_about(search_man_description())
    })
}

/// Writes the page of `command` and of each of its subcommands into `dir`, as
/// `clap_mangen::generate_to` does, through [`render_page`].
fn write_pages(command: clap::Command, dir: &Path) -> io::Result<()> {
    fn write(command: clap::Command, dir: &Path) -> io::Result<()> {
        for sub in command
            .get_subcommands()
            .filter(|s| !s.is_hide_set())
            .cloned()
        {
            write(sub, dir)?;
        }
        let man = clap_mangen::Man::new(command);
        std::fs::write(dir.join(man.get_filename()), render_page(&man)?)
    }
    let mut command = command.disable_help_subcommand(true);
    command.build();
    write(command, dir)
}

/// A page as clap_mangen renders it, with the QUERY SYNTAX section before the options on the
/// pages of `fahras` and `fahras search`.
fn render_page(man: &clap_mangen::Man) -> io::Result<Vec<u8>> {
    let mut page = Vec::new();
    man.render(&mut page)?;
    let name = man.get_filename();
    if name != "fahras.1" && name != "fahras-search.1" {
        return Ok(page);
    }
    let text = String::from_utf8_lossy(&page).into_owned();
    let at = text.find("\n.SH OPTIONS").map_or(text.len(), |at| at + 1);
    let (before, after) = text.split_at(at);
    Ok(format!("{before}{}{after}", query_syntax_roff()).into_bytes())
}

fn write_stdout(bytes: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}
