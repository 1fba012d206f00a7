//! `fahras ingest`: from folders of files to articles in the index.
//!
//! The data flow is walk → read → decode → parse format → normalize → clean → index (see
//! [`read`]). Files are read twice. The first pass hashes every file against the index's
//! manifest ([`crate::index::manifest`]) — unchanged files stop there — and counts the lines of
//! the new and changed plain-text documents per folder into the repetition table (site
//! furniture recurs across a site's pages). The second pass cleans the new and changed files
//! with that table and indexes them, replacing every earlier article of a changed file. Each
//! pass walks the roots afresh (`passes/`) and runs on `jobs` worker threads; a bounded
//! channel feeds the single tantivy writer. So memory is the writer's budget plus what is kept
//! per file of the corpus: its manifest entry and its share of the repetition table, both saved
//! with the index (BENCHMARKS.md measures it). Every problem with one file is reported on
//! stderr and counted; it never stops the run, and the commit at the end keeps everything that
//! was read.

pub mod archive;
pub mod canonical;
pub mod clean;
pub mod decode;
pub mod formats;
pub mod guard;
pub mod line_fold;
pub mod metadata;
pub mod normalize;
pub mod packed;
mod passes;
pub mod problem;
pub mod read;
pub mod report;
pub mod walk;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clean::repetition::LineTable;
use packed::Articles;
use read::{FileRead, ReadOptions};
use report::Verbosity;

use crate::messages::counted;

pub use passes::ingest;
pub use problem::{Problem, ProblemKind};

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
    /// Files with nothing to index (each reported on a line of its own).
    pub skipped: usize,
    /// Records of indexed files left without article text (each reported on a line of its
    /// own): a JSON or TREC file of 100 records of which 3 are empty indexes 97 articles.
    pub skipped_records: usize,
    pub failed: usize,
    /// Files whose content matched the index: not read again.
    pub unchanged: usize,
    /// Files indexed before whose content changed: their articles were replaced.
    pub updated: usize,
    /// Files whose articles were removed (gone from disk with `--prune`, or now empty).
    pub removed: usize,
    /// Files in folders (and members of archives) passed over for their name, by extension
    /// (`""` for none): see [`walk::wanted`].
    pub passed_over: BTreeMap<String, usize>,
    pub elapsed: Duration,
}

impl IngestSummary {
    /// Notes a file passed over for its name.
    pub fn pass_over(&mut self, path: &Path) {
        let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
        *self.passed_over.entry(ext.unwrap_or_default()).or_default() += 1;
    }

    /// How many files were passed over for their name.
    pub fn passed_over_count(&self) -> usize {
        self.passed_over.values().sum()
    }

    /// The line that says how to read the files passed over, if any were: their commonest
    /// extensions, and `--ext`.
    pub fn passed_over_hint(&self) -> Option<String> {
        let count = self.passed_over_count();
        if count == 0 {
            return None;
        }
        let mut kinds: Vec<(&String, &usize)> = self.passed_over.iter().collect();
        kinds.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let shown: Vec<String> = kinds
            .iter()
            .take(3)
            .map(|(ext, n)| match ext.as_str() {
                "" => format!("{n} without extension"),
                ext => format!("{n} .{ext}"),
            })
            .collect();
        let more = if kinds.len() > 3 { ", …" } else { "" };
        let files = if count == 1 { "file" } else { "files" };
        Some(format!(
            "{count} {files} passed over for their name ({}{more}): to read them, list their \
             extensions with --ext (it replaces the default list)",
            shown.join(", ")
        ))
    }
}

impl std::fmt::Display for IngestSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} seen: {} indexed, {} skipped, {} failed, {} unchanged, {} updated, {} removed",
            counted(self.seen as u64, "file"),
            counted(self.indexed as u64, "article"),
            self.skipped,
            self.failed,
            self.unchanged,
            self.updated,
            self.removed,
        )?;
        if self.skipped_records > 0 {
            let records = counted(self.skipped_records as u64, "record");
            write!(f, ", {records} skipped")?;
        }
        let passed_over = self.passed_over_count();
        if passed_over > 0 {
            write!(f, ", {passed_over} passed over for their name")?;
        }
        write!(f, " in {:.2}s", self.elapsed.as_secs_f64())
    }
}

/// A file to read, with the site folder it was found in (see [`walk`]).
pub struct WalkedFile {
    pub path: PathBuf,
    pub site: Option<String>,
    /// The size the walk found, for a regular file (which can be read twice, into a buffer of
    /// this size); `None` for a FIFO or `/dev/stdin`, read only once.
    pub len: Option<u64>,
    /// Whether the path is itself a symbolic link, if the walk knows (see [`walk::Found`]).
    pub link: Option<bool>,
}

impl WalkedFile {
    /// A regular file, which can be read twice.
    pub fn regular(&self) -> bool {
        self.len.is_some()
    }
}

/// The files to read and the paths that could not be walked.
pub struct Walked {
    pub files: Vec<WalkedFile>,
    /// Files over `--max-file-size` and paths that could not be walked, in walk order.
    pub problems: Vec<Problem>,
}

/// Walks the roots into a list of files, for `fahras clean` (`ingest` keeps no such list: see
/// `passes/`).
pub fn collect(paths: &[PathBuf], extensions: &[String], max_file_size: u64) -> Walked {
    let mut walked = Walked {
        files: Vec::new(),
        problems: Vec::new(),
    };
    walk_sized(paths, extensions, max_file_size, |met| match met {
        Met::File(file) => walked.files.push(file),
        Met::Problem(problem) => walked.problems.push(problem),
        Met::PassedOver(_) => {}
    });
    walked
}

/// One file the walk meets, with `--max-file-size` applied before anything is read.
enum Met {
    File(WalkedFile),
    /// Over the size limit (skipped), or a path that could not be walked (failed).
    Problem(Problem),
    /// Passed over for its name.
    PassedOver(PathBuf),
}

/// Walks the roots (see [`walk`]) and sets aside the files over `max_file_size` bytes (0: no
/// limit), so they cost no memory in any pass. Only a regular file has a size to trust; the
/// rest is left to [`guard::read_capped`]. A zip archive is exempt: it is never read whole,
/// and the limit holds for each member (see [`archive`]).
fn walk_sized(
    paths: &[PathBuf],
    extensions: &[String],
    max_file_size: u64,
    mut visit: impl FnMut(Met),
) {
    walk::walk(paths, extensions, |found| {
        visit(match found {
            walk::Found::File { path, site, link } => {
                // One stat for both the size and whether the file can be read twice.
                let regular = std::fs::metadata(&path).ok().filter(|m| m.is_file());
                let limit = if archive::is_zip(&path) {
                    0
                } else {
                    max_file_size
                };
                match regular
                    .as_ref()
                    .and_then(|m| guard::over_limit(m.len(), limit))
                {
                    Some(reason) => Met::Problem(Problem::skipped(path, reason)),
                    None => Met::File(WalkedFile {
                        path,
                        site,
                        len: regular.as_ref().map(|m| m.len()),
                        link,
                    }),
                }
            }
            walk::Found::Error { path, reason } => Met::Problem(Problem::failed(path, reason)),
            walk::Found::PassedOver { path } => Met::PassedOver(path),
        })
    });
}

/// Runs `work` on every item on `jobs` threads, handing each result to `sink` on this thread
/// in the order of `items`.
fn for_each_file<I: Sync, T: Send>(
    items: &[I],
    jobs: usize,
    work: impl Fn(&I) -> T + Sync,
    sink: impl FnMut(T),
) {
    crate::pool::for_each_in_order(
        jobs,
        |send| {
            for item in items {
                if !send(item) {
                    break;
                }
            }
        },
        work,
        sink,
    );
}

/// Counts the lines of every plain-text file into `table` (the first pass).
pub fn count_repetitions(
    files: &[WalkedFile],
    jobs: usize,
    options: &ReadOptions,
    table: &mut LineTable,
) {
    // Only regular files: a FIFO or /dev/stdin can be read once, and that read is the index's.
    // Not zip archives either, which are never read whole (their text members go uncounted
    // here: `clean` of a zip cleans them without the table).
    let regular: Vec<&WalkedFile> = files
        .iter()
        .filter(|f| f.regular() && !archive::is_zip(&f.path))
        .collect();
    for_each_file(
        &regular,
        jobs,
        |file| {
            // As the first pass of `ingest`: a file that plainly opens as TREC or JSON has no
            // lines to count, and is not parsed (an array of 480,000 records would be, twice).
            let capped = guard::read_capped_sized(&file.path, options.max_file_size, file.len);
            let bytes = capped.ok()?.ok()?;
            let bytes = archive::unpack(&file.path, &bytes, options.max_file_size).ok()?;
            if !read::may_be_text(&bytes, options) {
                return None;
            }
            let identity = canonical::canonical(&file.path);
            match read::read_bytes(&file.path, &identity, &bytes, options) {
                FileRead::Records(file) => read::line_keys(&file),
                _ => None,
            }
        },
        |keys| {
            if let Some(keys) = keys {
                keys.count_into(table);
            }
        },
    );
}

/// The outcome of reading one file: its articles, or why it has none.
pub enum Outcome {
    Articles {
        articles: Articles,
        /// (label, warning) pairs: replaced bytes, bad JSON lines, records left empty or
        /// stripped of NUL bytes.
        warnings: Vec<(String, String)>,
        /// How many of `warnings` are records left empty, for the summary's count.
        skipped_records: usize,
    },
    /// No articles: nothing to index, or the file could not be read.
    Problem(Problem),
}

/// Reads and cleans one file with the repetition table.
pub fn read_articles(walked: &WalkedFile, options: &ReadOptions, table: &LineTable) -> Outcome {
    articles_of(walked, read::read_file(&walked.path, options), table)
}

/// Cleans what was read of one file with the repetition table.
pub fn articles_of(walked: &WalkedFile, read: FileRead, table: &LineTable) -> Outcome {
    match read {
        FileRead::Problem(problem) => Outcome::Problem(problem),
        FileRead::Records(mut file) => {
            file.site = walked.site.clone();
            let mut warnings: Vec<(String, String)> = file
                .warnings
                .iter()
                .map(|w| (file.path.clone(), w.clone()))
                .collect();
            if file.records.is_empty() {
                return Outcome::Problem(Problem::skipped(&file.path, "no records"));
            }
            let count = file.records.len();
            let path = file.path.clone();
            let mut skipped = Vec::new();
            let articles = read::articles(file, table, &mut warnings, &mut skipped);
            let skipped_records = if !articles.is_empty() {
                skipped.len()
            } else if count > 1 {
                // The file is skipped, counted as a file on one line, not one line per record.
                skipped = vec![(
                    path,
                    format!("skipped: none of its {count} records has article text left"),
                )];
                0
            } else {
                // its only record's line is the file's
                0
            };
            warnings.extend(skipped);
            Outcome::Articles {
                articles,
                warnings,
                skipped_records,
            }
        }
    }
}
