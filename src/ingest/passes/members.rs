//! The second pass over zip archives: each member of a changed archive is a job of its own
//! (so the members of one large archive are read on every worker, and only one member's text
//! per worker is held at a time), and the writer thread puts the archive back together.
//!
//! The feed opens each changed archive, hashes it and lists its members (see
//! [`crate::ingest::archive::zip`]); it sends one job for the archive and one per member. The
//! writer replaces each member's articles as it would a file's (a member that fails keeps its
//! articles; one left with nothing to index loses them); once every job of the archive is
//! back, whatever the index holds of members the archive no longer has is deleted, and the
//! archive gets its manifest entry: its content key and the articles of all its members. An
//! archive that cannot be opened fails on one line, and keeps what was indexed of it.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use tantivy::Term;

use super::super::archive::{self, zip};
use super::super::clean::repetition::LineTable;
use super::super::read::{FileRead, ReadOptions};
use super::super::{articles_of, IngestOptions, Problem, ProblemKind, WalkedFile};
use super::write::Read;
use super::Output;
use crate::index::files::{file_and_members, member_path};
use crate::index::manifest::{content_key_of_file, FileEntry};

/// A changed archive, as the feed found it.
pub(super) struct ArchiveJob {
    path: PathBuf,
    /// Its canonical path: its identity in the manifest, and the head of its members' paths.
    identity: String,
    site: Option<String>,
    key: Option<u128>,
    bytes: u64,
    /// How many member jobs follow the archive's own.
    members: usize,
    /// Members refused before reading, or why the whole archive is.
    refused: Vec<Problem>,
    unreadable: Option<Problem>,
}

/// Lists a changed archive for the feed: its job, and its members to read.
pub(super) fn list(
    file: &WalkedFile,
    identity: String,
    options: &IngestOptions,
    tag: &str,
) -> (Arc<ArchiveJob>, Vec<zip::Member>) {
    let mut job = ArchiveJob {
        path: file.path.clone(),
        identity,
        site: file.site.clone(),
        key: None,
        bytes: 0,
        members: 0,
        refused: Vec::new(),
        unreadable: None,
    };
    let limit = options.read.max_file_size;
    let tag = super::scan::archive_tag(tag, &options.read, &options.extensions);
    let listed = content_key_of_file(&file.path, &tag)
        .map_err(|err| Problem::failed(&file.path, err.to_string()))
        .and_then(|(key, len)| {
            (job.key, job.bytes) = (Some(key), len);
            let opened = zip::open(&file.path)?;
            zip::list(
                &opened,
                &file.path,
                &job.identity,
                &options.extensions,
                limit,
            )
        });
    let members = match listed {
        Ok(listing) => {
            job.refused = listing.refused;
            listing.members
        }
        Err(problem) => {
            job.unreadable = Some(problem);
            Vec::new()
        }
    };
    job.members = members.len();
    (Arc::new(job), members)
}

thread_local! {
    /// The archive this worker last read a member of: the members of an archive come one
    /// after another, so each worker opens (and parses the directory of) each archive once.
    static OPEN: RefCell<Option<(PathBuf, zip::Archive)>> = const { RefCell::new(None) };
}

/// Reads one member of an archive (on a worker thread) as a file would be read.
pub(super) fn read_member(
    job: &ArchiveJob,
    member: &zip::Member,
    options: &ReadOptions,
    table: &LineTable,
) -> Read {
    let path = member_path(&job.identity, &member.name);
    let read = OPEN.with_borrow_mut(|open| {
        if open.as_ref().is_none_or(|(at, _)| at != &job.path) {
            match zip::open(&job.path) {
                Ok(archive) => *open = Some((job.path.clone(), archive)),
                Err(problem) => return FileRead::Problem(problem),
            }
        }
        let (_, opened) = open.as_mut().expect("opened above");
        archive::read_member_file(opened, &job.identity, member, options)
    });
    let walked = archive::member_walked(&path, &member.name, job.site.as_deref());
    let outcome = articles_of(&walked, read, table);
    Read::new(path, None, 0, outcome)
}

/// What the writer knows of an archive whose jobs are not all back.
#[derive(Default)]
struct Progress {
    left: usize,
    articles: usize,
    failed: bool,
    /// Member paths read this run: the index keeps nothing else of the archive.
    members: HashSet<String>,
}

/// The archives in progress, by the address of their job.
#[derive(Default)]
pub(super) struct Archives(HashMap<usize, Progress>);

impl Archives {
    fn progress(&mut self, job: &Arc<ArchiveJob>) -> &mut Progress {
        self.0
            .entry(Arc::as_ptr(job) as usize)
            .or_insert_with(|| Progress {
                left: job.members + 1,
                ..Progress::default()
            })
    }
}

impl Output {
    /// The archive's own job is back: reports what was refused before reading. Returns the
    /// archive's size once all its jobs are back.
    pub(super) fn archive_listed(
        &mut self,
        archives: &mut Archives,
        job: &Arc<ArchiveJob>,
    ) -> Option<u64> {
        let mut failed = false;
        for problem in job.refused.iter().chain(&job.unreadable) {
            self.report_problem(problem);
            failed |= problem.kind == ProblemKind::Failed;
        }
        let progress = archives.progress(job);
        progress.failed |= failed;
        progress.left -= 1;
        self.archive_step(archives, job)
    }

    /// A member's job is back: its articles replace the member's. Returns the archive's size
    /// once all its jobs are back.
    pub(super) fn member_read(
        &mut self,
        archives: &mut Archives,
        job: &Arc<ArchiveJob>,
        read: Read,
    ) -> Option<u64> {
        let path = read.path.clone();
        let recorded = self.record(read);
        let progress = archives.progress(job);
        progress.members.insert(path);
        progress.articles += recorded.articles;
        progress.failed |= recorded.failed;
        progress.left -= 1;
        self.archive_step(archives, job)
    }

    /// Once every job of the archive is back: drops what the index holds of members it no
    /// longer has, and notes its manifest entry.
    fn archive_step(&mut self, archives: &mut Archives, job: &Arc<ArchiveJob>) -> Option<u64> {
        let id = Arc::as_ptr(job) as usize;
        if archives.0.get(&id).is_none_or(|p| p.left > 0) {
            return None;
        }
        let progress = archives.0.remove(&id).expect("looked up above");
        self.finish_archive(job, progress);
        Some(job.bytes)
    }

    fn finish_archive(&mut self, job: &ArchiveJob, progress: Progress) {
        if job
            .unreadable
            .as_ref()
            .is_some_and(|p| p.kind == ProblemKind::Failed)
        {
            // Nothing was read: what was indexed of it stays, and the next run tries again.
            return;
        }
        let held = file_and_members(self.writer.committed(), self.fields, &job.identity);
        for (path, _) in held.unwrap_or_default() {
            if !progress.members.contains(&path) {
                self.writer
                    .delete_term(Term::from_field_text(self.fields.path, &path));
                self.summary.removed += 1;
                self.report
                    .detail(format_args!("{path}: removed (no longer in the archive)"));
            }
        }
        let (Some(key), false) = (job.key, progress.failed) else {
            return;
        };
        if job.unreadable.is_none() {
            let articles = progress.articles;
            self.fresh.push(&job.identity, FileEntry { key, articles });
        }
    }
}
