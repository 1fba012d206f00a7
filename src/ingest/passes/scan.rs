//! The first pass: hash every file against the manifest and the index, and count the lines
//! of the files to index into the repetition table (in walk order: the counts depend on it).

use std::path::{Path, PathBuf};

use tantivy::Searcher;

use super::super::archive::{self, zip};
use super::super::canonical::canonical_known;
use super::super::read::{self, FileRead, LineKeys, ReadOptions};
use super::super::{guard, walk_sized, IngestOptions, IngestSummary, Met, Problem, WalkedFile};
use super::Run;
use crate::index::files::{live_count, member_path};
use crate::index::manifest::{content_key, content_key_of_file, FileManifest};
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

/// What the walk of the first pass sets aside: the files it does not read.
#[derive(Default)]
struct SetAside {
    /// Over `--max-file-size`, or not walkable.
    problems: Vec<Problem>,
    /// Passed over for their name, counted by extension.
    passed_over: IngestSummary,
}

/// What the first pass needs to judge one file: the manifest and the index it lists.
struct Judge<'a> {
    manifest: &'a FileManifest,
    committed: &'a Searcher,
    fields: Fields,
    options: &'a ReadOptions,
    extensions: &'a [String],
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
    /// Members of an archive passed over for their name.
    passed_over: Vec<String>,
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
/// Returns the keys of its lines (of its members', for an archive), to count, and what was
/// read of it if that must be held for the second pass.
fn scan(file: &WalkedFile, judge: &Judge) -> (Scanned, Vec<LineKeys>, Option<Held>) {
    let path = canonical_known(&file.path, file.link)
        .to_string_lossy()
        .into_owned();
    let at = judge.manifest.find(&path);
    let mut scanned = Scanned {
        path,
        at,
        unchanged: false,
        bytes: 0,
        passed_over: Vec::new(),
    };
    if archive::is_zip(&file.path) {
        let keys = scan_archive(file, &mut scanned, judge);
        return (scanned, keys, None);
    }
    let (keys, held) = scan_file(file, &mut scanned, judge);
    (scanned, keys.into_iter().collect(), held)
}

/// [`scan`] of a file that is not an archive.
fn scan_file(
    file: &WalkedFile,
    scanned: &mut Scanned,
    judge: &Judge,
) -> (Option<LineKeys>, Option<Held>) {
    let options = judge.options;
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
            return (None, Some(held));
        }
        // The second pass reads it again, and reports why it cannot.
        Err(_) => return (None, None),
    };
    let key = content_key(&bytes, judge.tag);
    scanned.bytes = bytes.len() as u64;
    scanned.unchanged = scanned
        .at
        .is_some_and(|at| judge.holds(&scanned.path, at, key));
    if scanned.unchanged {
        return (None, None);
    }
    let regular = file.regular();
    // Only plain text has lines to count; a regular TREC or JSON file is parsed once, in the
    // second pass. A FIFO is read now, as it cannot be read twice. Gzip data is decompressed.
    let unpacked = archive::unpack(&file.path, &bytes, options.max_file_size);
    let parse_now = !regular
        || unpacked
            .as_ref()
            .is_ok_and(|b| read::may_be_text(b, options));
    let identity = Path::new(&scanned.path);
    let read = parse_now.then(|| match &unpacked {
        Ok(bytes) => read::read_bytes(&file.path, identity, bytes, options),
        Err(problem) => FileRead::Problem(problem.clone()),
    });
    if regular {
        let keys = match &read {
            Some(FileRead::Records(file)) => read::line_keys(file),
            _ => None,
        };
        return (keys, None);
    }
    let held = read.map(|read| Held {
        path: file.path.clone(),
        key: Some(key),
        bytes: scanned.bytes,
        read,
    });
    (None, held)
}

/// The reading options in the content key of an archive: with the size limit and the
/// extensions, which choose what is read of it (a member refused at 20M is read at 50M).
pub(super) fn archive_tag(tag: &str, options: &ReadOptions, extensions: &[String]) -> String {
    format!("{tag}/{}/{}", options.max_file_size, extensions.join(","))
}

/// How much of a member the first pass reads to tell whether it may be plain text.
const HEAD: u64 = 16 * 1024;

/// [`scan`] of a zip archive: hash the file; unless the index has it, key the lines of its
/// members that may be plain text (the rest are read once, in the second pass). An archive
/// that cannot be read is left for the second pass to report.
fn scan_archive(file: &WalkedFile, scanned: &mut Scanned, judge: &Judge) -> Vec<LineKeys> {
    let tag = archive_tag(judge.tag, judge.options, judge.extensions);
    let Ok((key, len)) = content_key_of_file(&file.path, &tag) else {
        return Vec::new();
    };
    scanned.bytes = len;
    scanned.unchanged = scanned
        .at
        .is_some_and(|at| judge.holds(&scanned.path, at, key));
    if scanned.unchanged {
        return Vec::new();
    }
    let limit = judge.options.max_file_size;
    let Ok(mut opened) = zip::open(&file.path) else {
        return Vec::new();
    };
    let Ok(listing) = zip::list(&opened, &file.path, &scanned.path, judge.extensions, limit) else {
        return Vec::new();
    };
    scanned.passed_over = listing.passed_over;
    let mut keys = Vec::new();
    for member in &listing.members {
        let identity = member_path(&scanned.path, &member.name);
        let identity = Path::new(&identity);
        let head = zip::read_member(&mut opened, &scanned.path, member, limit, Some(HEAD));
        let compressed = archive::is_gz(Path::new(&member.name));
        if !head.is_ok_and(|head| compressed || read::may_be_text(&head, judge.options)) {
            continue;
        }
        let Ok(bytes) = zip::read_member(&mut opened, &scanned.path, member, limit, None) else {
            continue;
        };
        let Ok(bytes) = archive::unpack(identity, &bytes, limit) else {
            continue;
        };
        if !read::may_be_text(&bytes, judge.options) {
            continue;
        }
        if let FileRead::Records(records) =
            read::read_bytes(identity, identity, &bytes, judge.options)
        {
            keys.extend(read::line_keys(&records));
        }
    }
    keys
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
            match archive::unpack(&file.path, &bytes, options.max_file_size) {
                Ok(unpacked) => read::read_bytes(&file.path, identity, &unpacked, options),
                Err(problem) => FileRead::Problem(problem),
            },
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
            extensions: &options.extensions,
            tag: &self.tag,
        };
        let (table, summary) = (&mut self.table, &mut self.out.summary);
        // In walk order: the repetition table is counted here, and its counts depend on order.
        let set_aside = for_each_in_order(
            self.jobs,
            |send| walk_all(options, send),
            |file| scan(&file, &judge),
            |(found, keys, hold)| {
                for keys in keys {
                    keys.count_into(table);
                }
                for name in &found.passed_over {
                    summary.pass_over(Path::new(name));
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
        summary.seen += set_aside.problems.len();
        for (ext, count) in set_aside.passed_over.passed_over {
            *summary.passed_over.entry(ext).or_default() += count;
        }
        first.set_aside = set_aside.problems;
        first
    }
}

/// Sends every file of the walk to `send`, and returns what it set aside: files over the size
/// limit, unwalkable paths, and files passed over for their name.
fn walk_all(options: &IngestOptions, send: &dyn Fn(WalkedFile) -> bool) -> SetAside {
    let mut set_aside = SetAside::default();
    let max = options.read.max_file_size;
    walk_sized(&options.paths, &options.extensions, max, |met| match met {
        Met::File(file) => {
            send(file);
        }
        Met::Problem(problem) => set_aside.problems.push(problem),
        Met::PassedOver(path) => set_aside.passed_over.pass_over(&path),
    });
    set_aside
}
