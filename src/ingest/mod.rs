//! `fahras ingest`: from folders of files to articles in the index.
//!
//! The data flow is walk → read → decode → normalize → split title → index. Reading and
//! cleaning run on `jobs` worker threads; a bounded channel feeds the single tantivy writer (which
//! runs its own analysis threads), so memory stays flat however large the corpus is. Every
//! problem with one file is reported on stderr and counted; it never stops the run, and the
//! commit at the end keeps everything that was read.

pub mod clean;
pub mod decode;
pub mod normalize;
pub mod walk;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Result;

use crate::article::Article;
use crate::index::{self, ArticleWriter};

/// What to ingest and how.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    pub paths: Vec<PathBuf>,
    pub extensions: Vec<String>,
    pub jobs: usize,
    /// Wait for another ingest to release the index instead of failing.
    pub wait: bool,
}

/// Counts reported at the end of a run.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct IngestSummary {
    pub seen: usize,
    pub indexed: usize,
    pub skipped: usize,
    pub failed: usize,
    pub elapsed: Duration,
}

impl std::fmt::Display for IngestSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} files seen: {} indexed, {} skipped, {} failed in {:.2}s",
            self.seen,
            self.indexed,
            self.skipped,
            self.failed,
            self.elapsed.as_secs_f64()
        )
    }
}

/// The result of reading one file.
#[derive(Debug)]
pub enum Outcome {
    /// An article, with warnings about it (such as replaced bytes).
    Article(Article, Vec<String>),
    /// Nothing to index in this file, and why.
    Skipped(PathBuf, String),
    /// The file could not be read, and why.
    Failed(PathBuf, String),
}

/// The identity of a file: its canonical path, so `./a.txt` and `/abs/a.txt` are one article.
fn canonical(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Reads, decodes and cleans one file.
pub fn read_article(path: &Path) -> Outcome {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => return Outcome::Failed(path.to_path_buf(), err.to_string()),
    };
    let decoded = match decode::decode(&bytes) {
        Ok(decoded) => decoded,
        Err(decode::NotText::Binary(offset)) => {
            return Outcome::Skipped(
                path.to_path_buf(),
                format!("binary file (NUL byte at offset {offset})"),
            )
        }
    };
    let mut warnings = Vec::new();
    if let Some(offset) = decoded.first_invalid_byte {
        warnings.push(format!(
            "invalid UTF-8 at byte {offset}, replaced with U+FFFD"
        ));
    }
    let text = normalize::normalize(&decoded.text);
    let Some((title, body)) = clean::split_title(&text) else {
        return Outcome::Skipped(path.to_path_buf(), "no text".to_string());
    };
    let path_text = canonical(path).to_string_lossy().into_owned();
    let article = Article {
        id: path_text.clone(),
        path: path_text,
        title,
        body,
        ..Article::default()
    };
    Outcome::Article(article, warnings)
}

/// Ingests every file under `options.paths` into the index at `index_dir`.
pub fn ingest(index_dir: &Path, options: &IngestOptions) -> Result<IngestSummary> {
    let started = Instant::now();
    let index = index::open_or_create(index_dir)?;
    let jobs = options.jobs.max(1);
    let mut writer = ArticleWriter::new(&index, jobs, options.wait)?;
    let mut summary = IngestSummary::default();

    let (path_tx, path_rx) = crossbeam_channel::bounded::<PathBuf>(256);
    let (outcome_tx, outcome_rx) = crossbeam_channel::bounded::<Outcome>(256);
    let mut write_error = None;

    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let path_rx = path_rx.clone();
            let outcome_tx = outcome_tx.clone();
            scope.spawn(move || {
                for path in path_rx {
                    if outcome_tx.send(read_article(&path)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(outcome_tx);
        let walk_errors = scope.spawn(|| {
            let mut errors = Vec::new();
            walk::walk(&options.paths, &options.extensions, |found| match found {
                walk::Found::File(path) => {
                    // The receivers only go away if the writer failed; stop walking then.
                    let _ = path_tx.send(path);
                }
                walk::Found::Error { path, reason } => errors.push((path, reason)),
            });
            drop(path_tx);
            errors
        });

        for outcome in outcome_rx {
            summary.seen += 1;
            match outcome {
                Outcome::Article(article, warnings) => {
                    for warning in warnings {
                        eprintln!("fahras: {}: {warning}", article.path);
                    }
                    if write_error.is_some() {
                        continue;
                    }
                    match writer.upsert(&article) {
                        Ok(()) => summary.indexed += 1,
                        Err(err) => write_error = Some(err),
                    }
                }
                Outcome::Skipped(path, reason) => {
                    eprintln!("fahras: {}: skipped: {reason}", path.display());
                    summary.skipped += 1;
                }
                Outcome::Failed(path, reason) => {
                    eprintln!("fahras: {}: {reason}", path.display());
                    summary.failed += 1;
                }
            }
        }
        for (path, reason) in walk_errors.join().unwrap_or_default() {
            eprintln!("fahras: {}: {reason}", path.display());
            summary.seen += 1;
            summary.failed += 1;
        }
    });

    if let Some(err) = write_error {
        return Err(err);
    }
    writer.commit()?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}
