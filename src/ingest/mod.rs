//! `fahras ingest`: from folders of files to articles in the index.
//!
//! The data flow is walk → read → decode → parse format → normalize → clean → index (see
//! [`read`]). Files are read twice: a first pass counts the lines of plain-text documents per
//! folder into the repetition table (site furniture recurs across a site's pages), the second
//! cleans with that table and indexes. Both passes run on `jobs` worker threads; a bounded
//! channel feeds the single tantivy writer, so memory stays flat however large the corpus is.
//! Every problem with one file is reported on stderr and counted; it never stops the run, and
//! the commit at the end keeps everything that was read.

pub mod clean;
pub mod decode;
pub mod formats;
pub mod metadata;
pub mod normalize;
pub mod read;
pub mod walk;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Result;

use crate::article::Article;
use crate::index::{self, ArticleWriter};
use clean::repetition::LineTable;
use read::{FileRead, ReadOptions};

/// What to ingest and how.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    pub paths: Vec<PathBuf>,
    pub extensions: Vec<String>,
    pub jobs: usize,
    pub read: ReadOptions,
    /// Wait for another ingest to release the index instead of failing.
    pub wait: bool,
}

/// Counts reported at the end of a run.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct IngestSummary {
    pub seen: usize,
    /// Articles indexed (a file may hold many).
    pub indexed: usize,
    pub skipped: usize,
    pub failed: usize,
    pub elapsed: Duration,
}

impl std::fmt::Display for IngestSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} files seen: {} articles indexed, {} skipped, {} failed in {:.2}s",
            self.seen,
            self.indexed,
            self.skipped,
            self.failed,
            self.elapsed.as_secs_f64()
        )
    }
}

/// A file to read, with the site folder it was found in (see [`walk`]).
pub struct WalkedFile {
    pub path: PathBuf,
    pub site: Option<String>,
}

/// The files to read and the paths that could not be walked.
pub struct Walked {
    pub files: Vec<WalkedFile>,
    pub errors: Vec<(PathBuf, String)>,
}

/// Walks the roots into a list of files (paths only: small even for large corpora).
pub fn collect(paths: &[PathBuf], extensions: &[String]) -> Walked {
    let mut walked = Walked {
        files: Vec::new(),
        errors: Vec::new(),
    };
    walk::walk(paths, extensions, |found| match found {
        walk::Found::File { path, site } => walked.files.push(WalkedFile { path, site }),
        walk::Found::Error { path, reason } => walked.errors.push((path, reason)),
    });
    walked
}

/// Runs `work` on every file on `jobs` threads, handing each result to `sink` on this thread.
fn for_each_file<T: Send>(
    files: &[&WalkedFile],
    jobs: usize,
    work: impl Fn(&WalkedFile) -> T + Sync,
    mut sink: impl FnMut(T),
) {
    let (path_tx, path_rx) = crossbeam_channel::bounded::<&WalkedFile>(256);
    let (out_tx, out_rx) = crossbeam_channel::bounded::<T>(256);
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            let path_rx = path_rx.clone();
            let out_tx = out_tx.clone();
            let work = &work;
            scope.spawn(move || {
                for path in path_rx {
                    if out_tx.send(work(path)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(out_tx);
        scope.spawn(move || {
            for &path in files {
                if path_tx.send(path).is_err() {
                    break;
                }
            }
        });
        for out in out_rx {
            sink(out);
        }
    });
}

/// Counts the lines of every plain-text file into `table` (the first pass).
pub fn count_repetitions(
    files: &[WalkedFile],
    jobs: usize,
    options: &ReadOptions,
    table: &mut LineTable,
) {
    // Only regular files: a FIFO or /dev/stdin can be read once, and that read is the index's.
    let regular: Vec<&WalkedFile> = files
        .iter()
        .filter(|f| std::fs::metadata(&f.path).is_ok_and(|m| m.is_file()))
        .collect();
    for_each_file(
        &regular,
        jobs,
        |file| read::read_file(&file.path, options),
        |read| {
            if let FileRead::Records(file) = read {
                read::count_lines(&file, table);
            }
        },
    );
}

/// The outcome of reading one file: its articles, or why it has none.
pub enum Outcome {
    Articles {
        articles: Vec<Article>,
        /// (label, warning) pairs: replaced bytes, bad JSON lines, records left empty.
        warnings: Vec<(String, String)>,
    },
    Skipped(PathBuf, String),
    Failed(PathBuf, String),
}

/// Reads and cleans one file with the repetition table.
pub fn read_articles(walked: &WalkedFile, options: &ReadOptions, table: &LineTable) -> Outcome {
    match read::read_file(&walked.path, options) {
        FileRead::Skipped(path, reason) => Outcome::Skipped(path, reason),
        FileRead::Failed(path, reason) => Outcome::Failed(path, reason),
        FileRead::Records(mut file) => {
            file.site = walked.site.clone();
            let mut warnings: Vec<(String, String)> = file
                .warnings
                .iter()
                .map(|w| (file.path.clone(), w.clone()))
                .collect();
            let mut articles = Vec::new();
            for result in read::articles(&file, table) {
                match result {
                    Ok(article) => articles.push(article),
                    Err((label, reason)) => {
                        warnings.push((label, format!("skipped: {reason}")));
                    }
                }
            }
            if file.records.is_empty() {
                return Outcome::Skipped(PathBuf::from(&file.path), "no records".to_string());
            }
            Outcome::Articles { articles, warnings }
        }
    }
}

/// Ingests every file under `options.paths` into the index at `index_dir`.
pub fn ingest(index_dir: &Path, options: &IngestOptions) -> Result<IngestSummary> {
    let started = Instant::now();
    let index = index::open_or_create(index_dir)?;
    let jobs = options.jobs.max(1);
    // The lock first: a second ingest learns at once that it must wait, before reading.
    let mut writer = ArticleWriter::new(&index, jobs, options.wait)?;
    let mut table = LineTable::load(index_dir)?;
    let walked = collect(&options.paths, &options.extensions);
    count_repetitions(&walked.files, jobs, &options.read, &mut table);

    let mut summary = IngestSummary::default();
    let mut write_error = None;
    let all: Vec<&WalkedFile> = walked.files.iter().collect();
    for_each_file(
        &all,
        jobs,
        |file| read_articles(file, &options.read, &table),
        |outcome| {
            summary.seen += 1;
            match outcome {
                Outcome::Articles { articles, warnings } => {
                    for (label, warning) in warnings {
                        eprintln!("fahras: {label}: {warning}");
                    }
                    if articles.is_empty() {
                        summary.skipped += 1;
                    }
                    for article in articles {
                        if write_error.is_some() {
                            break;
                        }
                        match writer.upsert(&article) {
                            Ok(()) => summary.indexed += 1,
                            Err(err) => write_error = Some(err),
                        }
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
        },
    );
    for (path, reason) in &walked.errors {
        eprintln!("fahras: {}: {reason}", path.display());
        summary.seen += 1;
        summary.failed += 1;
    }
    if let Some(err) = write_error {
        return Err(err);
    }
    writer.commit()?;
    table.save(index_dir)?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}
