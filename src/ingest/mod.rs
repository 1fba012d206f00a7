//! `fahras ingest`: from folders of files to articles in the index.
//!
//! The data flow is walk → read → decode → parse format → normalize → clean → index (see
//! [`read`]). Files are read twice. The first pass hashes every file against the index's
//! manifest ([`crate::index::manifest`]) — unchanged files stop there — and counts the lines of
//! the new and changed plain-text documents per folder into the repetition table (site
//! furniture recurs across a site's pages). The second pass cleans the new and changed files
//! with that table and indexes them, replacing every earlier article of a changed file. Both
//! passes run on `jobs` worker threads; a bounded channel feeds the single tantivy writer, so
//! memory stays flat however large the corpus is. Every problem with one file is reported on
//! stderr and counted; it never stops the run, and the commit at the end keeps everything that
//! was read.

pub mod clean;
pub mod decode;
pub mod formats;
pub mod guard;
pub mod metadata;
pub mod normalize;
pub mod read;
pub mod report;
pub mod walk;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Result;

use crate::article::Article;
use crate::index::manifest::{content_key, FileEntry, FileManifest};
use crate::index::{self, ArticleWriter};
use clean::repetition::LineTable;
use read::{FileRead, ReadOptions};
use report::{Reporter, Verbosity};

/// What to ingest and how.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    pub paths: Vec<PathBuf>,
    pub extensions: Vec<String>,
    pub jobs: usize,
    pub read: ReadOptions,
    /// Wait for another ingest to release the index instead of failing.
    pub wait: bool,
    /// Remove the articles of indexed files under `paths` that no longer exist.
    pub prune: bool,
    pub verbosity: Verbosity,
}

/// Counts reported at the end of a run.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct IngestSummary {
    /// Files found by the walk.
    pub seen: usize,
    /// Articles written (from new and changed files; a file may hold many).
    pub indexed: usize,
    pub skipped: usize,
    pub failed: usize,
    /// Files whose content matched the index: not read again.
    pub unchanged: usize,
    /// Files indexed before whose content changed: their articles were replaced.
    pub updated: usize,
    /// Files whose articles were removed (gone from disk with `--prune`, or now empty).
    pub removed: usize,
    pub elapsed: Duration,
}

impl std::fmt::Display for IngestSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} files seen: {} articles indexed, {} skipped, {} failed, {} unchanged, \
             {} updated, {} removed in {:.2}s",
            self.seen,
            self.indexed,
            self.skipped,
            self.failed,
            self.unchanged,
            self.updated,
            self.removed,
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
    /// Files over `--max-file-size`, with the skip reason (see [`guard`]).
    pub too_large: Vec<(PathBuf, String)>,
    pub errors: Vec<(PathBuf, String)>,
}

/// Walks the roots into a list of files (paths only: small even for large corpora).
/// Files over `max_file_size` bytes (0: no limit) are set aside before anything is read, so they
/// cost no memory in either pass.
pub fn collect(paths: &[PathBuf], extensions: &[String], max_file_size: u64) -> Walked {
    let mut walked = Walked {
        files: Vec::new(),
        too_large: Vec::new(),
        errors: Vec::new(),
    };
    walk::walk(paths, extensions, |found| match found {
        walk::Found::File { path, site } => match guard::check_size(&path, max_file_size) {
            Some(reason) => walked.too_large.push((path, reason)),
            None => walked.files.push(WalkedFile { path, site }),
        },
        walk::Found::Error { path, reason } => walked.errors.push((path, reason)),
    });
    walked
}

/// Runs `work` on every item on `jobs` threads, handing each result to `sink` on this thread.
fn for_each_file<I: Sync, T: Send>(
    items: &[I],
    jobs: usize,
    work: impl Fn(&I) -> T + Sync,
    mut sink: impl FnMut(T),
) {
    let (item_tx, item_rx) = crossbeam_channel::bounded::<&I>(256);
    let (out_tx, out_rx) = crossbeam_channel::bounded::<T>(256);
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            let item_rx = item_rx.clone();
            let out_tx = out_tx.clone();
            let work = &work;
            scope.spawn(move || {
                for item in item_rx {
                    if out_tx.send(work(item)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(out_tx);
        scope.spawn(move || {
            for item in items {
                if item_tx.send(item).is_err() {
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
    articles_of(walked, read::read_file(&walked.path, options), table)
}

/// Cleans what was read of one file with the repetition table.
pub fn articles_of(walked: &WalkedFile, read: FileRead, table: &LineTable) -> Outcome {
    match read {
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

/// What the first pass learns about one file.
struct Scanned {
    /// Canonical path: the file's identity in the manifest and the index.
    path: String,
    /// Content key, or `None` if the file could not be read (the second pass reports why).
    key: Option<String>,
    bytes: u64,
    unchanged: bool,
    /// What was read of a FIFO or device, which cannot be read a second time.
    /// Boxed: one entry per file of the corpus, nearly all of them `None`.
    held: Option<Box<FileRead>>,
}

/// First pass over one file: hash it, and count its lines unless the index has it already.
fn scan(
    file: &WalkedFile,
    options: &ReadOptions,
    tag: &str,
    manifest: &FileManifest,
) -> (Scanned, Option<FileRead>) {
    let path = read::canonical(&file.path).to_string_lossy().into_owned();
    // Capped: a FIFO or device has no size to check after the walk (see `guard`).
    let bytes = match guard::read_capped(&file.path, options.max_file_size) {
        Ok(Ok(bytes)) => Some(bytes),
        Ok(Err(too_large)) => {
            let scanned = Scanned {
                path,
                key: None,
                bytes: 0,
                unchanged: false,
                held: Some(Box::new(FileRead::Skipped(file.path.clone(), too_large))),
            };
            return (scanned, None);
        }
        Err(_) => None,
    };
    let Some(bytes) = bytes else {
        let scanned = Scanned {
            path,
            key: None,
            bytes: 0,
            unchanged: false,
            held: None,
        };
        return (scanned, None);
    };
    let key = content_key(&bytes, tag);
    let unchanged = manifest.get(&path).is_some_and(|entry| entry.key == key);
    let regular = std::fs::metadata(&file.path).is_ok_and(|m| m.is_file());
    // Only plain text has lines to count; a regular TREC or JSON file is parsed once, in the
    // second pass. A FIFO is read now, as it cannot be read twice.
    let parse_now = !unchanged && (!regular || read::may_be_text(&bytes, options));
    let mut read = parse_now.then(|| read::read_bytes(&file.path, &bytes, options));
    let held = if regular {
        None
    } else {
        read.take().map(Box::new)
    };
    let scanned = Scanned {
        path,
        key: Some(key),
        bytes: bytes.len() as u64,
        unchanged,
        held,
    };
    (scanned, read)
}

/// Canonical spellings of the roots, for `--prune`.
fn canonical_roots(paths: &[PathBuf]) -> Vec<String> {
    paths
        .iter()
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .map(|p| p.to_string_lossy().into_owned())
        .collect()
}

/// A path as shown in a message (see [`guard::shown`]).
pub fn shown_path(path: &Path) -> String {
    guard::shown(&path.to_string_lossy())
}

/// Ingests every file under `options.paths` into the index at `index_dir`.
pub fn ingest(index_dir: &Path, options: &IngestOptions) -> Result<IngestSummary> {
    let started = Instant::now();
    let index = index::open_or_create(index_dir)?;
    let jobs = options.jobs.max(1);
    let mut report = Reporter::new(options.verbosity);
    // Take the lock before reading anything: a refused second ingest should fail at once.
    let mut writer = ArticleWriter::new(&index, jobs, options.wait)?;
    let mut table = LineTable::load(index_dir)?;
    let old_manifest = FileManifest::load(index_dir)?;
    let tag = read::options_tag(&options.read);
    let walked = collect(
        &options.paths,
        &options.extensions,
        options.read.max_file_size,
    );
    let mut summary = IngestSummary {
        seen: walked.files.len() + walked.too_large.len() + walked.errors.len(),
        ..IngestSummary::default()
    };

    // First pass: what changed, and the repetition counts of what changed.
    report.start_files("scanning", walked.files.len() as u64);
    let mut scanned: Vec<Scanned> = Vec::with_capacity(walked.files.len());
    let indexed: Vec<(usize, &WalkedFile)> = walked.files.iter().enumerate().collect();
    let mut by_index: Vec<Option<Scanned>> = (0..walked.files.len()).map(|_| None).collect();
    for_each_file(
        &indexed,
        jobs,
        |&(i, file)| (i, scan(file, &options.read, &tag, &old_manifest)),
        |(i, (found, read))| {
            if let Some(FileRead::Records(file)) = &read {
                read::count_lines(file, &mut table);
            }
            report.advance(1, 0, 0);
            by_index[i] = Some(found);
        },
    );
    scanned.extend(by_index.into_iter().flatten());

    // Everything this run may touch leaves the manifest before the index changes (see
    // `index::manifest`): changed files, and with --prune the files that are gone.
    let mut manifest = old_manifest.clone();
    let mut todo: Vec<(usize, &WalkedFile, Option<Box<FileRead>>)> = Vec::new();
    let mut todo_bytes = 0;
    let mut held: Vec<Option<Box<FileRead>>> = scanned.iter_mut().map(|f| f.held.take()).collect();
    for (i, found) in scanned.iter().enumerate() {
        if found.unchanged {
            summary.unchanged += 1;
            report.detail(format_args!("{}: unchanged", guard::shown(&found.path)));
        } else {
            manifest.remove(&found.path);
            todo.push((i, &walked.files[i], held[i].take()));
            todo_bytes += found.bytes;
        }
    }
    let mut gone = Vec::new();
    if options.prune {
        let seen: HashSet<&str> = scanned.iter().map(|f| f.path.as_str()).collect();
        for root in canonical_roots(&options.paths) {
            for path in old_manifest.paths_under(&root) {
                // Only files that are really gone: one skipped this time (too large, or no
                // longer matching --ext) still exists and keeps its articles.
                let exists = std::fs::symlink_metadata(&path).is_ok();
                if !seen.contains(path.as_str()) && !exists && manifest.remove(&path).is_some() {
                    gone.push(path);
                }
            }
        }
    }
    manifest.save(index_dir)?;

    for path in &gone {
        writer.delete_file(path);
        summary.removed += 1;
        report.detail(format_args!(
            "{}: removed (file is gone)",
            guard::shown(path)
        ));
    }

    // Second pass: clean and index what is new or changed.
    report.start_bytes("indexing", todo_bytes);
    let mut write_error = None;
    let mut done = 0;
    for_each_file(
        &todo,
        jobs,
        |(i, file, held)| {
            // A FIFO was read in the first pass; a regular file is read again, so that only
            // one file's text is held in memory at a time.
            let read = match held {
                Some(read) => FileRead::clone(read),
                None => read::read_file(&file.path, &options.read),
            };
            (*i, articles_of(file, read, &table))
        },
        |(i, outcome)| {
            let found = &scanned[i];
            let was_indexed = old_manifest.get(&found.path).is_some();
            done += 1;
            report.advance(found.bytes, done, todo.len());
            match outcome {
                Outcome::Articles { articles, warnings } => {
                    for (label, warning) in warnings {
                        report.warn(format_args!("{}: {warning}", guard::shown(&label)));
                    }
                    if write_error.is_some() {
                        return;
                    }
                    // Always: a file the manifest lost track of (a failed read, a crash) may
                    // still have articles, and the new ones replace all of them.
                    writer.delete_file(&found.path);
                    if articles.is_empty() {
                        summary.skipped += 1;
                        if was_indexed {
                            summary.removed += 1;
                        }
                        return;
                    }
                    let count = articles.len();
                    for article in articles {
                        match writer.upsert(&article) {
                            Ok(()) => summary.indexed += 1,
                            Err(err) => {
                                write_error = Some(err);
                                return;
                            }
                        }
                    }
                    if was_indexed {
                        summary.updated += 1;
                    }
                    let state = if was_indexed { "updated" } else { "new" };
                    report.detail(format_args!(
                        "{}: {state}, {count} articles",
                        guard::shown(&found.path)
                    ));
                    if let Some(key) = &found.key {
                        let entry = FileEntry {
                            key: key.clone(),
                            articles: count,
                        };
                        manifest.insert(found.path.clone(), entry);
                    }
                }
                Outcome::Skipped(path, reason) => {
                    report.warn(format_args!("{}: skipped: {reason}", shown_path(&path)));
                    summary.skipped += 1;
                    if was_indexed {
                        // it held articles before; what it holds now is nothing to index
                        writer.delete_file(&found.path);
                        summary.removed += 1;
                    }
                }
                Outcome::Failed(path, reason) => {
                    report.warn(format_args!("{}: {reason}", shown_path(&path)));
                    summary.failed += 1;
                }
            }
        },
    );
    report.finish();
    for (path, reason) in &walked.too_large {
        report.warn(format_args!("{}: skipped: {reason}", shown_path(path)));
        summary.skipped += 1;
    }
    for (path, reason) in &walked.errors {
        report.warn(format_args!("{}: {reason}", shown_path(path)));
        summary.failed += 1;
    }
    if let Some(err) = write_error {
        return Err(err);
    }
    writer.commit()?;
    manifest.save(index_dir)?;
    table.save(index_dir)?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}
