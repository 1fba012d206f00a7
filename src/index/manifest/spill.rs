//! The entries a run adds to the manifest, held in bounded memory, and the merge that saves
//! them.
//!
//! A first ingest adds an entry for every file of the corpus (its path and 32 bytes of
//! numbers, about 100 bytes a file), which held until the save would be what the manifest
//! grows by. So once the entries held pass [`SPILL_BYTES`] they are sorted and appended as one
//! run to a temporary file in the index directory, and [`merge`] reads the runs back while
//! saving, a small buffer each, into the one sorted stream the manifest is written from. The
//! file has no name (it is unlinked as it is made), so neither an error nor a crash leaves it
//! behind, and no later run reads it: what a crash leaves is only the saved manifest, whose
//! order with the index the parent module keeps.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};

use super::entries::Entries;
use super::FileEntry;

/// Entries held before they are spilled: some 40,000 files' worth.
const SPILL_BYTES: usize = 4 << 20;

/// Read buffer of each run while merging: a million files make some 25 runs.
const RUN_BUFFER: usize = 64 << 10;

/// Entries added since the manifest was loaded, spilled to disk past a bound. Of a path
/// added twice, the later entry counts.
#[derive(Debug, Default)]
pub struct NewEntries {
    /// In the order added, since the last spill.
    held: Entries,
    /// Where runs go; without it everything is held.
    dir: Option<PathBuf>,
    /// Bytes held that make a run.
    limit: usize,
    spill: Option<Spill>,
    /// The first error spilling; what is added after it is dropped, and saving fails.
    failed: Option<String>,
}

/// The temporary file and the runs in it.
#[derive(Debug)]
struct Spill {
    file: File,
    /// Byte ranges of the runs, oldest first; each run is sorted by path, each path once.
    runs: Vec<(u64, u64)>,
}

impl NewEntries {
    /// Entries that spill into an unnamed temporary file in `dir` past a few megabytes.
    pub fn spilling_into(dir: &Path) -> NewEntries {
        NewEntries::with_limit(dir, SPILL_BYTES)
    }

    pub(super) fn with_limit(dir: &Path, limit: usize) -> NewEntries {
        NewEntries {
            dir: Some(dir.to_path_buf()),
            limit,
            ..NewEntries::default()
        }
    }

    /// Adds the entry of `path`. An error spilling is kept for `NewEntries::check`, so that
    /// the ingest's per-file loop need not stop for it: the save that needs the entries fails.
    pub fn push(&mut self, path: &str, entry: FileEntry) {
        if self.failed.is_some() {
            return;
        }
        self.held.push(path, entry);
        if self.held.bytes() >= self.limit && self.dir.is_some() {
            if let Err(err) = self.spill_held() {
                self.failed = Some(format!("{err:#}"));
                self.held.clear();
            }
        }
    }

    /// Appends the held entries, sorted, to the temporary file as one run.
    fn spill_held(&mut self) -> Result<()> {
        let dir = self.dir.as_deref().unwrap_or(Path::new("."));
        let context = || {
            format!(
                "cannot spill new manifest entries to a temporary file in {}",
                dir.display()
            )
        };
        let spill = match &mut self.spill {
            Some(spill) => spill,
            None => {
                let file = tempfile::tempfile_in(dir).with_context(context)?;
                let runs = Vec::new();
                self.spill.insert(Spill { file, runs })
            }
        };
        let start = spill.runs.last().map_or(0, |&(_, end)| end);
        let mut end = start;
        let mut write = || -> io::Result<()> {
            let mut file = &spill.file;
            file.seek(SeekFrom::Start(start))?;
            let mut out = BufWriter::new(file);
            for at in self.held.sorted_order() {
                let (path, entry) = (self.held.path(at), self.held.slots[at].entry());
                out.write_all(&(path.len() as u32).to_le_bytes())?;
                out.write_all(path.as_bytes())?;
                out.write_all(&entry.key.to_le_bytes())?;
                out.write_all(&(entry.articles as u32).to_le_bytes())?;
                end += 4 + path.len() as u64 + 16 + 4;
            }
            out.flush()
        };
        write().with_context(context)?;
        spill.runs.push((start, end));
        self.held.clear();
        Ok(())
    }

    /// Whether nothing was added.
    pub(super) fn is_empty(&self) -> bool {
        self.held.slots.is_empty() && self.spill.is_none() && self.failed.is_none()
    }

    /// The error met spilling, if any: then entries are missing.
    pub(super) fn check(&self) -> Result<()> {
        match &self.failed {
            Some(failed) => Err(anyhow!("{failed}")),
            None => Ok(()),
        }
    }

    /// Every entry: run after run, each in path order, then the held ones as added (so a path
    /// given twice comes last with its later entry).
    pub fn for_each(&self, mut visit: impl FnMut(&str, FileEntry)) -> Result<()> {
        for mut source in self.runs()? {
            while let Some((path, entry)) = source.current() {
                visit(path, entry);
                source.advance()?;
            }
        }
        for at in 0..self.held.slots.len() {
            visit(self.held.path(at), self.held.slots[at].entry());
        }
        Ok(())
    }

    /// Sorts the held entries by path, as [`NewEntries::sources`] needs.
    pub(super) fn sort_held(&mut self) {
        self.held.sort();
    }

    /// The runs, oldest first, then the held entries (sorted first by
    /// [`NewEntries::sort_held`]), as sources for [`merge`].
    pub(super) fn sources(&self) -> Result<Vec<Source<'_>>> {
        let mut sources = self.runs()?;
        sources.push(Source::sorted(&self.held, None));
        Ok(sources)
    }

    fn runs(&self) -> Result<Vec<Source<'_>>> {
        let Some(spill) = &self.spill else {
            return Ok(Vec::new());
        };
        let open = |&(at, end)| {
            let range = FileRange {
                file: &spill.file,
                at,
                end,
            };
            let mut run = Run {
                input: BufReader::with_capacity(RUN_BUFFER, range),
                path: String::new(),
                entry: FileEntry {
                    key: 0,
                    articles: 0,
                },
                done: false,
            };
            run.advance()?;
            Ok(Source::Run(run))
        };
        spill.runs.iter().map(open).collect()
    }
}

/// A byte range of a file, read with a position of its own (the runs share one file).
struct FileRange<'a> {
    file: &'a File,
    at: u64,
    end: u64,
}

impl Read for FileRange<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = usize::try_from(self.end - self.at).unwrap_or(usize::MAX);
        let want = buf.len().min(left);
        if want == 0 {
            return Ok(0);
        }
        let mut file = self.file;
        file.seek(SeekFrom::Start(self.at))?;
        let read = file.read(&mut buf[..want])?;
        self.at += read as u64;
        Ok(read)
    }
}

/// A run being read back, one entry at a time.
pub(super) struct Run<'a> {
    input: BufReader<FileRange<'a>>,
    path: String,
    entry: FileEntry,
    done: bool,
}

impl Run<'_> {
    fn advance(&mut self) -> Result<()> {
        let corrupt = || "cannot read back spilled manifest entries";
        if self.input.fill_buf().with_context(corrupt)?.is_empty() {
            self.done = true;
            return Ok(());
        }
        let mut len = [0; 4];
        self.input.read_exact(&mut len).with_context(corrupt)?;
        let mut path = std::mem::take(&mut self.path).into_bytes();
        path.resize(u32::from_le_bytes(len) as usize, 0);
        self.input.read_exact(&mut path).with_context(corrupt)?;
        self.path = String::from_utf8(path).with_context(corrupt)?;
        let (mut key, mut articles) = ([0; 16], [0; 4]);
        self.input.read_exact(&mut key).with_context(corrupt)?;
        self.input.read_exact(&mut articles).with_context(corrupt)?;
        self.entry = FileEntry {
            key: u128::from_le_bytes(key),
            articles: u32::from_le_bytes(articles) as usize,
        };
        Ok(())
    }
}

/// One stream of entries sorted by path, each path once, for [`merge`].
pub(super) enum Source<'a> {
    /// Entries in memory from position `at` on, passing over those marked in `skip`.
    Sorted {
        entries: &'a Entries,
        skip: Option<&'a [bool]>,
        at: usize,
    },
    Run(Run<'a>),
}

impl<'a> Source<'a> {
    /// Sorted `entries`, less those marked in `skip` (by position).
    pub(super) fn sorted(entries: &'a Entries, skip: Option<&'a [bool]>) -> Source<'a> {
        let mut source = Source::Sorted {
            entries,
            skip,
            at: 0,
        };
        source.pass_skipped();
        source
    }

    fn pass_skipped(&mut self) {
        if let Source::Sorted { skip, at, .. } = self {
            while skip.is_some_and(|skip| skip.get(*at) == Some(&true)) {
                *at += 1;
            }
        }
    }

    fn current(&self) -> Option<(&str, FileEntry)> {
        match self {
            Source::Sorted { entries, at, .. } => {
                (*at < entries.slots.len()).then(|| (entries.path(*at), entries.slots[*at].entry()))
            }
            Source::Run(run) => (!run.done).then_some((run.path.as_str(), run.entry)),
        }
    }

    fn advance(&mut self) -> Result<()> {
        match self {
            Source::Sorted { at, .. } => *at += 1,
            Source::Run(run) => run.advance()?,
        }
        self.pass_skipped();
        Ok(())
    }
}

/// Merges `sources` into one stream in path order, handing each path once to `emit`: where
/// several sources hold a path, with the entry of the last of them (the newest).
pub(super) fn merge(
    mut sources: Vec<Source>,
    mut emit: impl FnMut(&str, FileEntry) -> Result<()>,
) -> Result<()> {
    let mut path = String::new();
    loop {
        // A handful of sources (a million files make some 25 runs): a scan beats a heap.
        let mut first: Option<(&str, FileEntry)> = None;
        for source in &sources {
            if let Some((at, entry)) = source.current() {
                if first.is_none_or(|(path, _)| at <= path) {
                    first = Some((at, entry));
                }
            }
        }
        let Some((at, entry)) = first else {
            return Ok(());
        };
        path.clear();
        path.push_str(at);
        emit(&path, entry)?;
        for source in &mut sources {
            if source.current().is_some_and(|(at, _)| at == path) {
                source.advance()?;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn entry(key: u128) -> FileEntry {
        FileEntry { key, articles: 1 }
    }

    fn merged(new: &mut NewEntries) -> Vec<(String, u128)> {
        new.sort_held();
        let mut out = Vec::new();
        merge(new.sources().unwrap(), |path, entry| {
            out.push((path.to_string(), entry.key));
            Ok(())
        })
        .unwrap();
        out
    }

    #[test]
    fn spilled_runs_merge_in_order_with_the_latest_entry_of_a_path() {
        let dir = tempfile::tempdir().unwrap();
        // about three entries a run, so paths given twice fall in one run and across runs
        let mut new = NewEntries::with_limit(dir.path(), 3 * 40);
        let mut expected = BTreeMap::new();
        for n in 0..200u128 {
            // a scattered order, each path two or three times (91 of them)
            let path = format!("/c/{}/ملف-{}.txt", (n * 7919) % 13, (n * 31) % 7);
            new.push(&path, entry(n));
            expected.insert(path, n);
        }
        let runs = new.spill.as_ref().map_or(0, |spill| spill.runs.len());
        assert!(runs > 30, "{runs} runs");
        assert_eq!(expected.len(), 91);
        let expected: Vec<(String, u128)> = expected.into_iter().collect();
        assert_eq!(merged(&mut new), expected);
        // saved without spilling, the same
        let mut held = NewEntries::default();
        new.for_each(|path, entry| held.push(path, entry)).unwrap();
        assert!(held.spill.is_none());
        assert_eq!(merged(&mut held), expected);
        // the file has no name: nothing is left in the folder
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn an_entry_that_cannot_be_spilled_is_an_error_not_a_loss() {
        let dir = tempfile::tempdir().unwrap();
        let mut new = NewEntries::with_limit(&dir.path().join("gone"), 1);
        new.push("/c/a.txt", entry(1));
        new.push("/c/b.txt", entry(2));
        let err = new.check().unwrap_err();
        assert!(format!("{err:#}").contains("cannot spill"), "{err:#}");
        assert!(!new.is_empty());
    }
}
