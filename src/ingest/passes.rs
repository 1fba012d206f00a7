//! The two passes of `fahras ingest` over a corpus, neither of which keeps a list of its files.
//!
//! Each pass walks the roots afresh and streams the files to the worker threads, so what an
//! ingest holds per file of the corpus is only the manifest ([`crate::index::manifest`]) and
//! the repetition table, both of which are saved with the index anyway. The first pass marks,
//! per manifest entry, whether the file was seen and whether its content is unchanged; the
//! second pass walks again and reads every file those marks do not skip. The walk is in name
//! order, so both passes meet the files in the same order; a file created between the two
//! passes is indexed as new, and the few files read in the first pass because they cannot be
//! read twice (a FIFO, `/dev/stdin`: only ever named as a root) are handed over by path.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Result;

use super::canonical::canonical_known;
use super::read::{self, FileRead, LineKeys, ReadOptions};
use super::report::Reporter;
use super::{articles_of, guard, walk_sized, IngestOptions, IngestSummary, Met};
use super::{clean::repetition::LineTable, Outcome, WalkedFile};
use crate::index::manifest::{content_key, FileEntry, FileManifest, NewEntries};
use crate::index::{self, ArticleWriter};
use crate::pool::{for_each, for_each_in_order};

/// Per manifest entry: the first pass met the file…
const SEEN: u8 = 1;
/// …with the content the manifest lists…
const UNCHANGED: u8 = 2;
/// …or with other content (or none it could read): its entry goes before the index changes.
const STALE: u8 = 4;

/// What the first pass learns about one file.
struct Scanned {
    /// Canonical path: the file's identity in the manifest and the index.
    path: String,
    /// Position of the file among the manifest's entries.
    at: Option<usize>,
    unchanged: bool,
    bytes: u64,
}

/// What was read in the first pass of a file that cannot be read a second time.
struct Held {
    path: PathBuf,
    key: Option<u128>,
    bytes: u64,
    read: FileRead,
}

/// The files of the walk that are read (over `--max-file-size` or unwalkable ones are
/// reported by the first pass, and passed over by the second).
fn walk_files(options: &IngestOptions, mut visit: impl FnMut(WalkedFile)) {
    let max = options.read.max_file_size;
    walk_sized(&options.paths, &options.extensions, max, |met| {
        if let Met::File(file) = met {
            visit(file);
        }
    });
}

/// First pass over one file: hash it, and key its lines unless the index has it already.
/// Returns the keys of its lines, to count, and what was read of it if that must be held for
/// the second pass.
fn scan(
    file: &WalkedFile,
    options: &ReadOptions,
    tag: &str,
    manifest: &FileManifest,
) -> (Scanned, Option<LineKeys>, Option<Held>) {
    let path = canonical_known(&file.path, file.link)
        .to_string_lossy()
        .into_owned();
    let at = manifest.find(&path);
    let mut scanned = Scanned {
        path,
        at,
        unchanged: false,
        bytes: 0,
    };
    // Capped: a FIFO or device has no size to check after the walk (see `guard`).
    let bytes = match guard::read_capped_sized(&file.path, options.max_file_size, file.len) {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(too_large)) => {
            let held = Held {
                path: file.path.clone(),
                key: None,
                bytes: 0,
                read: FileRead::Skipped(file.path.clone(), too_large),
            };
            return (scanned, None, Some(held));
        }
        // The second pass reads it again, and reports why it cannot.
        Err(_) => return (scanned, None, None),
    };
    let key = content_key(&bytes, tag);
    scanned.bytes = bytes.len() as u64;
    scanned.unchanged = at.is_some_and(|at| manifest.loaded_entry(at).key == key);
    let regular = file.regular();
    // Only plain text has lines to count; a regular TREC or JSON file is parsed once, in the
    // second pass. A FIFO is read now, as it cannot be read twice.
    let parse_now = !scanned.unchanged && (!regular || read::may_be_text(&bytes, options));
    let identity = Path::new(&scanned.path);
    let read = parse_now.then(|| read::read_bytes(&file.path, identity, &bytes, options));
    if regular {
        let keys = match &read {
            Some(FileRead::Records(file)) => read::line_keys(file),
            _ => None,
        };
        return (scanned, keys, None);
    }
    let held = read.map(|read| Held {
        path: file.path.clone(),
        key: Some(key),
        bytes: scanned.bytes,
        read,
    });
    (scanned, None, held)
}

/// Second pass over one file (canonically `identity`): read it (or take what the first pass
/// held), with its key.
fn read_keyed(
    file: &WalkedFile,
    identity: &Path,
    held: Option<Held>,
    options: &ReadOptions,
    tag: &str,
) -> Held {
    if let Some(held) = held {
        return held;
    }
    let capped = guard::read_capped_sized(&file.path, options.max_file_size, file.len);
    let (key, bytes, read) = match capped {
        Ok(Ok(bytes)) => (
            Some(content_key(&bytes, tag)),
            bytes.len() as u64,
            read::read_bytes(&file.path, identity, &bytes, options),
        ),
        Ok(Err(too_large)) => (None, 0, FileRead::Skipped(file.path.clone(), too_large)),
        Err(err) => (
            None,
            0,
            FileRead::Failed(file.path.clone(), err.to_string()),
        ),
    };
    Held {
        path: file.path.clone(),
        key,
        bytes,
        read,
    }
}

/// Canonical spellings of the roots, for `--prune`.
fn canonical_roots(paths: &[PathBuf]) -> Vec<String> {
    paths
        .iter()
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .map(|p| p.to_string_lossy().into_owned())
        .collect()
}

/// Ingests every file under `options.paths` into the index at `index_dir`.
pub fn ingest(index_dir: &std::path::Path, options: &IngestOptions) -> Result<IngestSummary> {
    let started = Instant::now();
    let index = index::open_or_create(index_dir)?;
    let jobs = options.jobs.max(1);
    let mut report = Reporter::new(options.verbosity);
    // Take the lock before reading anything: a refused second ingest should fail at once.
    let mut writer = ArticleWriter::new(&index, jobs, options.wait)?;
    let mut table = LineTable::load(index_dir)?;
    let mut manifest = FileManifest::load(index_dir)?;
    let tag = read::options_tag(&options.read);
    let mut summary = IngestSummary::default();

    // First pass: what changed, and the repetition counts of what changed.
    let mut total = 0;
    if report.shows_bar() {
        walk_files(options, |_| total += 1);
    }
    report.start_files("scanning", total);
    let mut marks = vec![0u8; manifest.loaded_len()];
    let (mut todo, mut todo_bytes) = (0, 0);
    let mut held: Vec<Held> = Vec::new();
    // In walk order: the repetition table is counted here, and its counts depend on order.
    let (too_large, errors) = for_each_in_order(
        jobs,
        |send| {
            let (mut too_large, mut errors) = (Vec::new(), Vec::new());
            let max = options.read.max_file_size;
            walk_sized(&options.paths, &options.extensions, max, |met| match met {
                Met::File(file) => {
                    send(file);
                }
                Met::TooLarge(path, reason) => too_large.push((path, reason)),
                Met::Error(path, reason) => errors.push((path, reason)),
            });
            (too_large, errors)
        },
        |file| scan(&file, &options.read, &tag, &manifest),
        |(found, keys, hold)| {
            if let Some(keys) = keys {
                keys.count_into(&mut table);
            }
            report.advance(1, 0, 0);
            summary.seen += 1;
            if let Some(at) = found.at {
                marks[at] |= if found.unchanged {
                    SEEN | UNCHANGED
                } else {
                    SEEN | STALE
                };
            }
            if found.unchanged {
                summary.unchanged += 1;
                report.detail(format_args!("{}: unchanged", found.path));
            } else {
                todo += 1;
                todo_bytes += found.bytes;
                held.extend(hold);
            }
        },
    );
    summary.seen += too_large.len() + errors.len();

    // Everything this run may touch leaves the manifest before the index changes (see
    // `index::manifest`): changed files, and with --prune the files that are gone.
    for (at, mark) in marks.iter().enumerate() {
        if mark & STALE != 0 {
            manifest.remove_at(at);
        }
    }
    let mut gone = Vec::new();
    if options.prune {
        for root in canonical_roots(&options.paths) {
            for at in manifest.under(&root) {
                let path = manifest.loaded_path(at);
                // Only files that are really gone: one skipped this time (too large, or no
                // longer matching --ext) still exists and keeps its articles.
                let exists = std::fs::symlink_metadata(path).is_ok();
                if marks[at] & SEEN == 0 && !exists {
                    let path = path.to_string();
                    if manifest.remove_at(at).is_some() {
                        gone.push(path);
                    }
                }
            }
        }
    }
    manifest.save(index_dir)?;

    for path in &gone {
        writer.delete_file(path);
        summary.removed += 1;
        report.detail(format_args!("{}: removed (file is gone)", path));
    }

    // Second pass: clean and index what is new or changed.
    report.start_bytes("indexing", todo_bytes);
    let mut write_error = None;
    let mut done = 0;
    let mut fresh = NewEntries::spilling_into(index_dir);
    let skip = |at: Option<usize>| at.is_some_and(|at| marks[at] == SEEN | UNCHANGED);
    if todo > 0 {
        for_each(
            jobs,
            |send| {
                walk_files(options, |file| {
                    let held = held
                        .iter()
                        .position(|h| h.path == file.path)
                        .map(|n| held.swap_remove(n));
                    send((file, held));
                })
            },
            |(file, held)| {
                let path = canonical_known(&file.path, file.link)
                    .to_string_lossy()
                    .into_owned();
                let at = manifest.find(&path);
                if held.is_none() && skip(at) {
                    return None;
                }
                // A FIFO was read in the first pass; a regular file is read again, so that
                // only one file's text is held in memory at a time.
                let read = read_keyed(&file, Path::new(&path), held, &options.read, &tag);
                let found = (path, at, read.key, read.bytes);
                Some((found, articles_of(&file, read.read, &table)))
            },
            |result| {
                let Some(((path, at, key, bytes), outcome)) = result else {
                    return;
                };
                let was_indexed = at.is_some();
                done += 1;
                report.advance(bytes, done, todo);
                match outcome {
                    Outcome::Articles {
                        articles,
                        warnings,
                        skipped_records,
                    } => {
                        summary.skipped_records += skipped_records;
                        for (label, warning) in warnings {
                            report.notice(format_args!("{}: {warning}", label));
                        }
                        if write_error.is_some() {
                            return;
                        }
                        // Always: a file the manifest lost track of (a failed read, a crash)
                        // may still have articles, and the new ones replace all of them.
                        writer.delete_file(&path);
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
                        report.detail(format_args!("{}: {state}, {count} articles", path));
                        if let Some(key) = key {
                            let entry = FileEntry {
                                key,
                                articles: count,
                            };
                            fresh.push(&path, entry);
                        }
                    }
                    Outcome::Skipped(shown, reason) => {
                        report.notice(format_args!("{}: skipped: {reason}", shown.display()));
                        summary.skipped += 1;
                        if was_indexed {
                            // it held articles before; what it holds now is nothing to index
                            writer.delete_file(&path);
                            summary.removed += 1;
                        }
                    }
                    Outcome::Failed(shown, reason) => {
                        report.warn(format_args!("{}: {reason}", shown.display()));
                        summary.failed += 1;
                    }
                }
            },
        );
    }
    report.finish();
    for (path, reason) in &too_large {
        report.notice(format_args!("{}: skipped: {reason}", path.display()));
        summary.skipped += 1;
    }
    for (path, reason) in &errors {
        report.warn(format_args!("{}: {reason}", path.display()));
        summary.failed += 1;
    }
    if let Some(err) = write_error {
        return Err(err);
    }
    writer.commit()?;
    manifest.extend(fresh)?;
    manifest.save(index_dir)?;
    table.save(index_dir)?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}
