//! What ingest tells the person running it, on stderr: errors always; a line for each file or
//! record skipped (and each file warning) unless `-q`; per-file detail with `-v`; and a progress
//! bar only when stderr is a terminal and `-q` is not given (a bar in a log file or a pipe is
//! noise). Messages are printed above the bar, never into it. With `-q`, the summary line
//! (printed by the command) still counts what the silenced lines would have said: 200,000
//! empty files are one line, not 200,000.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// How chatty ingest is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Verbosity {
    /// No progress bar and no line per skipped file or record, or per file warning: only
    /// errors and the summary line with its counts.
    pub quiet: bool,
    /// One line per file: new, updated, unchanged, removed.
    pub verbose: bool,
}

/// Prints ingest messages and drives the progress bar.
pub struct Reporter {
    verbosity: Verbosity,
    bar: Option<ProgressBar>,
}

impl Reporter {
    pub fn new(verbosity: Verbosity) -> Reporter {
        Reporter {
            verbosity,
            bar: None,
        }
    }

    /// Will the passes show a bar (and so need to know their length)?
    pub fn shows_bar(&self) -> bool {
        self.wants_bar()
    }

    fn wants_bar(&self) -> bool {
        !self.verbosity.quiet && std::io::stderr().is_terminal()
    }

    /// Starts a bar over `len` files (the scan of the first pass).
    pub fn start_files(&mut self, label: &str, len: u64) {
        self.finish();
        if self.wants_bar() {
            let bar = ProgressBar::new(len).with_style(
                ProgressStyle::with_template(
                    "{prefix} [{bar:30}] {pos}/{len} files {per_sec} ETA {eta}",
                )
                .expect("valid template")
                .progress_chars("=> "),
            );
            bar.set_prefix(label.to_string());
            bar.enable_steady_tick(Duration::from_millis(200));
            self.bar = Some(bar);
        }
    }

    /// Starts a bar over `len` bytes (the indexing pass), with throughput and ETA.
    pub fn start_bytes(&mut self, label: &str, len: u64) {
        self.finish();
        if self.wants_bar() {
            let bar = ProgressBar::new(len).with_style(
                ProgressStyle::with_template(
                    "{prefix} [{bar:30}] {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}",
                )
                .expect("valid template")
                .progress_chars("=> "),
            );
            bar.set_prefix(label.to_string());
            bar.enable_steady_tick(Duration::from_millis(200));
            self.bar = Some(bar);
        }
    }

    /// Advances the bar.
    pub fn advance(&self, amount: u64, files_done: usize, files_total: usize) {
        if let Some(bar) = &self.bar {
            bar.inc(amount);
            bar.set_message(format!("{files_done}/{files_total} files"));
        }
    }

    /// Clears the bar from the terminal.
    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }

    /// An error line (a file that could not be read): always shown.
    pub fn warn(&self, message: impl std::fmt::Display) {
        self.print(message);
    }

    /// A line about one file or record that is skipped, or read with a warning: counted in
    /// the summary, and not shown with `-q`.
    pub fn notice(&self, message: impl std::fmt::Display) {
        if !self.verbosity.quiet {
            self.print(message);
        }
    }

    /// A per-file line: shown with `-v`.
    pub fn detail(&self, message: impl std::fmt::Display) {
        if self.verbosity.verbose {
            self.print(message);
        }
    }

    /// Prints above the bar, never into it.
    fn print(&self, message: impl std::fmt::Display) {
        match &self.bar {
            Some(bar) => bar.suspend(|| crate::messages::emit(message)),
            None => crate::messages::emit(message),
        }
    }
}

impl Drop for Reporter {
    fn drop(&mut self) {
        self.finish();
    }
}
