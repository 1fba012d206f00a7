//! The two passes of `fahras ingest` over a corpus, neither of which keeps a list of its files,
//! and the order in which a run writes the index and the files beside it.
//!
//! Each pass walks the roots afresh and streams the files to the worker threads, so what an
//! ingest holds per file of the corpus is only the manifest ([`crate::index::manifest`]) and
//! the repetition table, both of which are saved with the index anyway. The first pass
//! ([`scan`]) marks, per manifest entry, whether the file was met and whether its content is
//! unchanged; the second ([`write`]) walks again and reads every file those marks do not skip.
//! The walk is in name order, so both passes meet the files in the same order; a file created
//! between the two passes is indexed as new, and the few files read in the first pass because
//! they cannot be read twice (a FIFO, `/dev/stdin`: only ever named as a root) are handed over
//! by path.
//!
//! **Crash safety.** The index is the truth about which files are indexed; the manifest is only
//! a cache of content keys. A file counts as unchanged only if its key matches *and* the index
//! holds exactly the manifest's number of live articles with its path (one term lookup per
//! segment, [`crate::index::files`]); files to prune and emptied files are found in the index
//! itself. So whatever a kill leaves undone (a delete not committed, a manifest entry not
//! written), the rerun sees it in the index and does it again: it converges to the state of an
//! uninterrupted run without a journal. [`ingest`] reads off the order:
//! 1. the writer lock is taken, before anything is read;
//! 2. the first pass (nothing written);
//! 3. the manifest is saved *without* the changed and vanished files ([`removal`]). A file whose
//!    stale entry stayed could, after a kill between the commit and step 6, be reverted on
//!    disk to the content of that entry and then look unchanged while the index holds the text
//!    this run committed (with as many articles, the count check cannot tell);
//! 4. vanished files are deleted and the second pass adds and deletes articles;
//! 5. the index commits;
//! 6. the manifest with this run's entries, then the repetition table, are saved;
//! 7. only then is the lock released, so no `--wait`ing ingest or `rm` runs before the manifest
//!    matches the index.
//!
//! A kill before 5 leaves the old index with a manifest that lists less: the rerun redoes those
//! files. A kill between 5 and 6 leaves the new index with that same manifest: the rerun redoes
//! the same files, counting their lines again into the same (unsaved) repetition table, which
//! counts a document only once anyway, so it cleans them the same way.

mod members;
mod removal;
mod scan;
mod write;

use std::path::Path;
use std::time::Instant;

use anyhow::Result;

use super::clean::repetition::LineTable;
use super::read;
use super::report::Reporter;
use super::{IngestOptions, IngestSummary};
use crate::index::manifest::{FileEntry, FileManifest, NewEntries};
use crate::index::{self, crash_point, ArticleWriter, Fields};

/// One ingest run: what the passes read (options, manifest, repetition table) and what they
/// write to.
struct Run<'a> {
    index_dir: &'a Path,
    options: &'a IngestOptions,
    jobs: usize,
    /// The reading options as part of each content key ([`read::options_tag`]).
    tag: String,
    table: LineTable,
    manifest: FileManifest,
    out: Output,
}

/// What the second pass writes to, apart from what it reads, so that its worker threads can
/// share the run's manifest and table while this thread writes.
struct Output {
    writer: ArticleWriter,
    fields: Fields,
    report: Reporter,
    summary: IngestSummary,
    /// Manifest entries of the files indexed in this run, saved only after the commit.
    fresh: NewEntries,
    /// The first error of the index writer: the run stops writing and fails before committing.
    write_error: Option<anyhow::Error>,
}

impl Output {
    /// The entries of this run with the articles the new commit holds of each file. When
    /// articles share an id, the index keeps the last one added, so a file can hold fewer
    /// articles than it gave; an entry counting those would make every later run redo the
    /// file (and take the id back from the other file, which the run after redoes in turn).
    fn counted_as_committed(&self, index_dir: &Path) -> Result<NewEntries> {
        let mut counted = NewEntries::spilling_into(index_dir);
        let committed = self.writer.committed();
        self.fresh.for_each(|path, entry| {
            let live = index::files::live_count(committed, self.fields, path);
            let articles = live.map_or(entry.articles, |live| live as usize);
            counted.push(path, FileEntry { articles, ..entry });
        })?;
        Ok(counted)
    }
}

/// Ingests every file under `options.paths` into the index at `index_dir`.
pub fn ingest(index_dir: &Path, options: &IngestOptions) -> Result<IngestSummary> {
    let started = Instant::now();
    let mut run = Run::start(index_dir, options)?;
    let first = run.scan_pass();
    let gone = run.vanished(&first.marks)?;
    run.forget_before_commit(&first.marks, &gone)?;
    crash_point::reached("manifest-saved");
    run.delete_vanished(&gone);
    run.write_pass(first);
    run.commit_and_save(started)
}

impl Run<'_> {
    /// Takes the writer lock (step 1), then loads what is saved beside the index.
    fn start<'a>(index_dir: &'a Path, options: &'a IngestOptions) -> Result<Run<'a>> {
        let index = index::open_or_create(index_dir)?;
        let jobs = options.jobs.max(1);
        // Take the lock before reading anything: a refused second ingest should fail at once.
        let writer = ArticleWriter::new(&index, jobs, options.wait)?;
        Ok(Run {
            index_dir,
            options,
            jobs,
            tag: read::options_tag(&options.read),
            table: LineTable::load(index_dir)?,
            manifest: FileManifest::load(index_dir)?,
            out: Output {
                writer,
                fields: index.fields,
                report: Reporter::new(options.verbosity),
                summary: IngestSummary::default(),
                fresh: NewEntries::spilling_into(index_dir),
                write_error: None,
            },
        })
    }

    /// Steps 5 to 7: commit, save the manifest and the table, release the lock.
    fn commit_and_save(mut self, started: Instant) -> Result<IngestSummary> {
        if let Some(err) = self.out.write_error {
            return Err(err);
        }
        self.out.writer.commit()?;
        crash_point::reached("committed");
        let fresh = if self.out.writer.replaced_ids() {
            self.out.counted_as_committed(self.index_dir)?
        } else {
            self.out.fresh
        };
        self.manifest.extend(fresh)?;
        self.manifest.save(self.index_dir)?;
        self.table.save(self.index_dir)?;
        self.out.writer.finish()?;
        let mut summary = self.out.summary;
        summary.elapsed = started.elapsed();
        Ok(summary)
    }
}
