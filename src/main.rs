use std::io;
use std::process::ExitCode;

use clap::Parser;

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn main() -> ExitCode {
    // `search سوريا -العراق`: query words that start with a dash (see `cli::args_os`)
    let cli = fahras::cli::Cli::parse_from(fahras::cli::args_os());
    match fahras::run(cli) {
        Ok(code) => code,
        // `fahras search … | head -1`: the reader has all it wanted.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            fahras::messages::error(&err);
            ExitCode::from(fahras::EXIT_ERROR)
        }
    }
}
