//! `fahras completions SHELL` and `fahras man`: shell integration generated from the clap
//! definition itself, so completions and the manual can never disagree with `--help`.
//!
//! Both render into memory first and then write in one go: the generators panic or half-write
//! on a closed pipe, while a plain `write_all` error is turned into a quiet exit by `main`.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use std::path::PathBuf;

use clap_complete::Shell;

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
            clap_mangen::generate_to(command, &dir)
                .with_context(|| format!("cannot write manual pages into {}", dir.display()))?;
        }
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(command).render(&mut page)?;
            write_stdout(&page)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn write_stdout(bytes: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}
