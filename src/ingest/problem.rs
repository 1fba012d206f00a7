//! Why a file gives no articles, as one type for every stage that can find out: the walk (a
//! file over `--max-file-size`, a path it cannot enter), the read (binary, no text, an I/O
//! error) and the cleaning (no records). The summary counts by kind, and the report prints
//! skips as notices (`-q` silences them) and failures always.

use std::fmt;
use std::path::PathBuf;

/// Nothing to index, or could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// The file has nothing to index (counted as `skipped`).
    Skipped,
    /// The file could not be read (counted as `failed`; the run exits 2).
    Failed,
}

/// A file that gave no articles, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub kind: ProblemKind,
    pub reason: String,
}

impl Problem {
    pub fn skipped(path: impl Into<PathBuf>, reason: impl Into<String>) -> Problem {
        Problem {
            path: path.into(),
            kind: ProblemKind::Skipped,
            reason: reason.into(),
        }
    }

    pub fn failed(path: impl Into<PathBuf>, reason: impl Into<String>) -> Problem {
        Problem {
            path: path.into(),
            kind: ProblemKind::Failed,
            reason: reason.into(),
        }
    }
}

/// The message line, without the `fahras: ` prefix: `PATH: skipped: REASON` or `PATH: REASON`.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            ProblemKind::Skipped => write!(f, "{}: skipped: {}", self.path.display(), self.reason),
            ProblemKind::Failed => write!(f, "{}: {}", self.path.display(), self.reason),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_skip_says_so_and_a_failure_gives_its_reason() {
        assert_eq!(
            Problem::skipped("/c/a.txt", "no text").to_string(),
            "/c/a.txt: skipped: no text"
        );
        assert_eq!(
            Problem::failed("/c/b.txt", "Permission denied (os error 13)").to_string(),
            "/c/b.txt: Permission denied (os error 13)"
        );
    }
}
