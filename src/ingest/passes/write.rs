//! The second pass (step 4 of [`super::ingest`]): read, clean and index every file the first
//! pass did not find unchanged, replacing whatever the index held of it.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use tantivy::Term;

use super::super::archive::{self, zip};
use super::super::canonical::canonical_known;
use super::super::clean::repetition::LineTable;
use super::super::read::ReadOptions;
use super::super::{articles_of, Outcome, Problem, ProblemKind, WalkedFile};
use super::members::{self, ArchiveJob, Archives};
use super::scan::{read_keyed, walk_files, FirstPass, Held, Mark};
use super::{Output, Run};
use crate::index::files::live_count;
use crate::index::manifest::FileEntry;
use crate::index::near::{self, Signature};
use crate::ingest::packed::Articles;
use crate::messages::counted;
use crate::pool::for_each_within;

/// Bytes of files the second pass may have read (or be reading) and not yet written: a
/// dozen TREC files of a thousand articles, thousands of news pages. Reading outruns the
/// writer, so what is read waits; bounded in files, it grew with the files' size.
const READ_AHEAD_BYTES: usize = 32 << 20;

/// One file read in the second pass: its canonical path and content key, and what it gave.
pub(super) struct Read {
    pub path: String,
    pub key: Option<u128>,
    pub bytes: u64,
    pub outcome: Outcome,
    /// The near-duplicate signature of each of its articles, made on the reading thread.
    pub signatures: Vec<Option<Signature>>,
}

impl Read {
    /// What one file or member gave, with its articles' signatures.
    pub fn new(path: String, key: Option<u128>, bytes: u64, outcome: Outcome) -> Read {
        let signatures = match &outcome {
            Outcome::Articles { articles, .. } => (0..articles.len())
                .map(|n| {
                    let (title, body) = articles.title_and_body(n);
                    near::signature(title, body)
                })
                .collect(),
            Outcome::Problem(_) => Vec::new(),
        };
        Read {
            path,
            key,
            bytes,
            outcome,
            signatures,
        }
    }
}

/// What the writer did with one file read.
#[derive(Default)]
pub(super) struct Recorded {
    /// Articles it holds now in the index (distinct ids).
    pub articles: usize,
    /// It could not be read: what the index held of it is kept.
    pub failed: bool,
}

/// A job of the second pass: a file, or a changed archive and its members (`members`).
enum Job {
    File(WalkedFile, Option<Box<Held>>),
    Archive(Arc<ArchiveJob>),
    Member(Arc<ArchiveJob>, zip::Member),
}

/// What a job gave.
enum Done {
    File(Read),
    Archive(Arc<ArchiveJob>),
    Member(Arc<ArchiveJob>, Read),
}

impl Run<'_> {
    /// The second pass, then the warnings of the files the first pass set aside.
    pub(super) fn write_pass(&mut self, first: FirstPass) {
        let FirstPass {
            marks,
            todo,
            todo_bytes,
            mut held,
            set_aside,
        } = first;
        self.out.report.start_bytes("indexing", todo_bytes);
        let (options, manifest, table, tag) =
            (self.options, &self.manifest, &self.table, &self.tag);
        let skip = |at: Option<usize>| at.is_some_and(|at| marks[at] == Mark::Unchanged);
        let out = &mut self.out;
        let mut done = 0;
        let mut archives = Archives::default();
        if todo > 0 {
            for_each_within(
                self.jobs,
                READ_AHEAD_BYTES,
                |send| {
                    walk_files(options, |file| {
                        let held = held
                            .iter()
                            .position(|h: &Held| h.path == file.path)
                            .map(|n| held.swap_remove(n));
                        if held.is_none() && archive::is_zip(&file.path) {
                            feed_archive(
                                file,
                                options,
                                tag,
                                &|path| skip(manifest.find(path)),
                                send,
                            );
                        } else {
                            let bytes = file.len.unwrap_or(0).try_into().unwrap_or(usize::MAX);
                            send(Job::File(file, held.map(Box::new)), bytes);
                        }
                    })
                },
                |job| match job {
                    Job::File(file, held) => {
                        let held = held.map(|held| *held);
                        let skip = |path: &str| skip(manifest.find(path));
                        read_file(&file, held, &skip, &options.read, tag, table).map(Done::File)
                    }
                    Job::Archive(job) => Some(Done::Archive(job)),
                    Job::Member(job, member) => {
                        let read = members::read_member(&job, &member, &options.read, table);
                        Some(Done::Member(job, read))
                    }
                },
                |done_job| {
                    let finished = match done_job {
                        None => return,
                        Some(Done::File(read)) => {
                            let bytes = read.bytes;
                            out.record(read);
                            Some(bytes)
                        }
                        Some(Done::Archive(job)) => out.archive_listed(&mut archives, &job),
                        Some(Done::Member(job, read)) => out.member_read(&mut archives, &job, read),
                    };
                    if let Some(bytes) = finished {
                        done += 1;
                        out.report.advance(bytes, done, todo);
                    }
                },
            );
        }
        out.report.finish();
        for problem in &set_aside {
            out.report_problem(problem);
        }
    }
}

/// Reads one file of the second pass (on a worker thread), unless it is `unchanged`.
fn read_file(
    file: &WalkedFile,
    held: Option<Held>,
    unchanged: &dyn Fn(&str) -> bool,
    options: &ReadOptions,
    tag: &str,
    table: &LineTable,
) -> Option<Read> {
    let path = canonical_known(&file.path, file.link)
        .to_string_lossy()
        .into_owned();
    if held.is_none() && unchanged(&path) {
        return None;
    }
    // A FIFO was read in the first pass; a regular file is read again, so that only one file's
    // text is held in memory at a time.
    let read = read_keyed(file, Path::new(&path), held, options, tag);
    let outcome = articles_of(file, read.read, table);
    Some(Read::new(path, read.key, read.bytes, outcome))
}

/// Sends the jobs of a zip archive met by the walk: none if it is unchanged, else its own and
/// one per member to read (see [`members`]).
fn feed_archive(
    file: WalkedFile,
    options: &crate::ingest::IngestOptions,
    tag: &str,
    unchanged: &dyn Fn(&str) -> bool,
    send: &dyn Fn(Job, usize) -> bool,
) {
    let identity = canonical_known(&file.path, file.link)
        .to_string_lossy()
        .into_owned();
    if unchanged(&identity) {
        return;
    }
    let (job, members) = members::list(&file, identity, options, tag);
    if !send(Job::Archive(Arc::clone(&job)), 0) {
        return;
    }
    for member in members {
        let bytes = member.size.try_into().unwrap_or(usize::MAX);
        if !send(Job::Member(Arc::clone(&job), member), bytes) {
            return;
        }
    }
}

impl Output {
    /// Live articles the last commit holds of `path`; on a read error, assumes some (a
    /// needless delete costs nothing).
    fn held_of(&self, path: &str) -> u64 {
        live_count(self.writer.committed(), self.fields, path).unwrap_or(1)
    }

    /// Writes what one file gave to the index.
    pub(super) fn record(&mut self, read: Read) -> Recorded {
        match read.outcome {
            Outcome::Articles {
                articles,
                warnings,
                skipped_records,
            } => {
                self.summary.skipped_records += skipped_records;
                for (label, warning) in warnings {
                    self.report.notice(format_args!("{}: {warning}", label));
                }
                if self.write_error.is_some() {
                    return Recorded::default();
                }
                Recorded {
                    articles: self.replace(&read.path, read.key, articles, read.signatures),
                    failed: false,
                }
            }
            Outcome::Problem(problem) => {
                self.report_problem(&problem);
                if problem.kind == ProblemKind::Skipped {
                    // It may have held articles before, whatever the manifest says (a kill
                    // after the manifest forgot it): what it holds now is nothing to index.
                    self.forget(&read.path);
                }
                Recorded {
                    articles: 0,
                    failed: problem.kind == ProblemKind::Failed,
                }
            }
        }
    }

    /// Reports a file that gave no articles and counts it: a skip is a notice (`-q` silences
    /// it), a failure is always shown.
    pub(super) fn report_problem(&mut self, problem: &Problem) {
        match problem.kind {
            ProblemKind::Skipped => {
                self.report.notice(problem);
                self.summary.skipped += 1;
            }
            ProblemKind::Failed => {
                self.report.warn(problem);
                self.summary.failed += 1;
            }
        }
    }

    /// Deletes every article of `path` the index holds, counting the file as removed if any.
    fn forget(&mut self, path: &str) {
        if self.held_of(path) > 0 {
            self.delete_held(path);
            self.summary.removed += 1;
        }
    }

    /// Queues the deletion of the articles of `path`, which [`Output::held_of`] found: the
    /// writer's own check whether the commit holds the path would look it up again.
    fn delete_held(&mut self, path: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.fields.path, path));
    }

    /// Replaces every article of `path` with `articles`, and notes its manifest entry (if it
    /// has a key: an archive's member has none of its own); returns how many it holds now.
    fn replace(
        &mut self,
        path: &str,
        key: Option<u128>,
        articles: Articles,
        signatures: Vec<Option<Signature>>,
    ) -> usize {
        if articles.is_empty() {
            self.summary.skipped += 1;
            self.forget(path);
            return 0;
        }
        // Whatever the manifest says: the index may hold articles of it that the manifest lost
        // track of (a failed read, a crash), and the new ones replace all of them.
        let was_indexed = self.held_of(path) > 0;
        if was_indexed {
            self.delete_held(path);
        }
        // The index keeps one article per id: what the manifest must expect of this file.
        let mut ids = HashSet::new();
        let count = articles.len();
        for (article, signature) in articles.into_iter().zip(signatures) {
            ids.insert(article.id.clone());
            match self.writer.upsert_signed(&article, signature) {
                Ok(()) => self.summary.indexed += 1,
                Err(err) => {
                    self.write_error = Some(err);
                    return 0;
                }
            }
        }
        if was_indexed {
            self.summary.updated += 1;
        }
        let state = if was_indexed { "updated" } else { "new" };
        self.report.detail(format_args!(
            "{}: {state}, {}",
            path,
            counted(count as u64, "article")
        ));
        if let Some(key) = key {
            let entry = FileEntry {
                key,
                articles: ids.len(),
            };
            self.fresh.push(path, entry);
        }
        ids.len()
    }
}
