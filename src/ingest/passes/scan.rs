//! The first pass: hash every file against the manifest and the index, and count the lines
//! of the files to index into the repetition table (in walk order: the counts depend on it).

use std::path::{Path, PathBuf};

use tantivy::Searcher;

use super::super::canonical::canonical_known;
use super::super::read::{self, FileRead, LineKeys, ReadOptions};
use super::super::{guard, walk_sized, IngestOptions, Met, Problem, WalkedFile};
use super::Run;
use crate::index::files::live_count;
use crate::index::manifest::{content_key, FileManifest};
use crate::index::Fields;
use crate::pool::for_each_in_order;

/// How the first pass met the file of one loaded manifest entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mark {
    /// Not met by the walk: gone, or not under the roots.
    NotMet,
    /// Met with the content the entry lists, and the index holds its articles: skipped.
    Unchanged,
    /// Met with other content (or none it could read), or the index lost its articles: its
    /// entry goes before the index changes.
    Changed,
}

/// What the first pass hands the rest of the run.
pub(super) struct FirstPass {
    /// Per loaded manifest entry.
    pub marks: Vec<Mark>,
    /// Files the second pass reads, and their bytes (for the progress bar).
    pub todo: usize,
    pub todo_bytes: u64,
    /// Files read now because they cannot be read twice.
    pub held: Vec<Held>,
    /// Files over `--max-file-size`, and paths that could not be walked, in walk order.
    pub set_aside: Vec<Problem>,
}

/// What the first pass needs to judge one file: the manifest and the index it lists.
struct Judge<'a> {
    manifest: &'a FileManifest,
    committed: &'a Searcher,
    fields: Fields,
    options: &'a ReadOptions,
    tag: &'a str,
}

/// What the first pass learns about one file.
pub(super) struct Scanned {
    /// Canonical path: the file's identity in the manifest and the index.
    path: String,
    /// Position of the file among the manifest's entries.
    at: Option<usize>,
    unchanged: bool,
    bytes: u64,
}

/// What was read in the first pass of a file that cannot be read a second time.
pub(super) struct Held {
    pub path: PathBuf,
    pub key: Option<u128>,
    pub bytes: u64,
    pub read: FileRead,
}

/// The files of the walk that are read (over `--max-file-size` or unwalkable ones are
/// reported by the first pass, and passed over by the second).
pub(super) fn walk_files(options: &IngestOptions, mut visit: impl FnMut(WalkedFile)) {
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
fn scan(file: &WalkedFile, judge: &Judge) -> (Scanned, Option<LineKeys>, Option<Held>) {
    let (options, manifest) = (judge.options, judge.manifest);
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
                read: FileRead::Problem(Problem::skipped(&file.path, too_large)),
            };
            return (scanned, None, Some(held));
        }
        // The second pass reads it again, and reports why it cannot.
        Err(_) => return (scanned, None, None),
    };
    let key = content_key(&bytes, judge.tag);
    scanned.bytes = bytes.len() as u64;
    scanned.unchanged = at.is_some_and(|at| judge.holds(&scanned.path, at, key));
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
pub(super) fn read_keyed(
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
        Ok(Err(too_large)) => (
            None,
            0,
            FileRead::Problem(Problem::skipped(&file.path, too_large)),
        ),
        Err(err) => (
            None,
            0,
            FileRead::Problem(Problem::failed(&file.path, err.to_string())),
        ),
    };
    Held {
        path: file.path.clone(),
        key,
        bytes,
        read,
    }
}

impl Judge<'_> {
    /// Is the file at `path` (manifest entry `at`) indexed as it now reads (`key`)? Only if the
    /// entry's key matches and the index holds exactly the entry's articles: a lost segment or
    /// `meta.json`, `fahras rm DOCNO`, or a kill after the index changed but before the
    /// manifest did, all leave a manifest that claims articles the index lacks. (Checked after
    /// the key, so it costs one term lookup per segment for each unchanged file only.)
    fn holds(&self, path: &str, at: usize, key: u128) -> bool {
        let entry = self.manifest.loaded_entry(at);
        entry.key == key
            && live_count(self.committed, self.fields, path)
                .is_ok_and(|live| live == entry.articles as u64)
    }
}

impl Run<'_> {
    /// The first pass (step 2 of [`super::ingest`]): marks each manifest entry, counts the
    /// lines of the files to index into the repetition table; writes nothing.
    pub(super) fn scan_pass(&mut self) -> FirstPass {
        let options: &IngestOptions = self.options;
        let report = &mut self.out.report;
        let mut total = 0;
        if report.shows_bar() {
            walk_files(options, |_| total += 1);
        }
        report.start_files("scanning", total);
        let mut first = FirstPass {
            marks: vec![Mark::NotMet; self.manifest.loaded_len()],
            todo: 0,
            todo_bytes: 0,
            held: Vec::new(),
            set_aside: Vec::new(),
        };
        let judge = Judge {
            manifest: &self.manifest,
            committed: self.out.writer.committed(),
            fields: self.out.fields,
            options: &options.read,
            tag: &self.tag,
        };
        let (table, summary) = (&mut self.table, &mut self.out.summary);
        // In walk order: the repetition table is counted here, and its counts depend on order.
        let set_aside = for_each_in_order(
            self.jobs,
            |send| walk_all(options, send),
            |file| scan(&file, &judge),
            |(found, keys, hold)| {
                if let Some(keys) = keys {
                    keys.count_into(table);
                }
                report.advance(1, 0, 0);
                summary.seen += 1;
                if let Some(at) = found.at {
                    first.marks[at] = if found.unchanged {
                        Mark::Unchanged
                    } else {
                        Mark::Changed
                    };
                }
                if found.unchanged {
                    summary.unchanged += 1;
                    report.detail(format_args!("{}: unchanged", found.path));
                } else {
                    first.todo += 1;
                    first.todo_bytes += found.bytes;
                    first.held.extend(hold);
                }
            },
        );
        summary.seen += set_aside.len();
        first.set_aside = set_aside;
        first
    }
}

/// Sends every file of the walk to `send`, and returns what it set aside: files over the size
/// limit and unwalkable paths.
fn walk_all(options: &IngestOptions, send: &dyn Fn(WalkedFile) -> bool) -> Vec<Problem> {
    let mut set_aside = Vec::new();
    let max = options.read.max_file_size;
    walk_sized(&options.paths, &options.extensions, max, |met| match met {
        Met::File(file) => {
            send(file);
        }
        Met::Problem(problem) => set_aside.push(problem),
    });
    set_aside
}
