//! The files an index was built from, each with a hash of its content and its article count.
//!
//! This is what makes ingest incremental: a file whose content hash (not its mtime: copies and
//! checkouts touch mtimes, and an edit can keep one) matches the manifest is skipped; a changed
//! one has all its articles replaced; `--prune` and `fahras rm` drop the articles of files that
//! are gone. The manifest lives beside tantivy's files (`fahras-files.json.zst`: JSON, zstd-compressed,
//! as its long canonical paths and hex keys would otherwise be a twentieth of the index).
//!
//! It is only a cache of content keys: the index is the truth about which files it holds. An
//! entry makes a file "unchanged" only if the index also holds exactly `articles` live
//! documents with its path ([`crate::index::files`]), so a manifest that claims more than the
//! index holds (a lost segment, `fahras rm DOCNO`, a kill) only makes the next run redo those
//! files. A run still saves the manifest *without* every file it is about to change before
//! its commit, and the full one after it (`ingest::passes` says why).
//!
//! The entries loaded from disk are one per file of the corpus, so their memory is what
//! re-ingesting a large corpus grows by: the paths lie one after another in a single buffer
//! and each entry is 32 bytes of numbers (no allocation of its own), and loading and saving
//! stream through zstd rather than holding the whole JSON text as well. The entries a run adds
//! (every file, on a first ingest) are held only up to a few megabytes and then spilled to a
//! temporary file, to be merged in by the save (the `spill` module).

mod entries;
mod spill;

use std::fs::{self, File};
use std::io::{BufReader, BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result};
use xxhash_rust::xxh3::Xxh3;

use entries::{write_member, Entries, Saved};
use spill::{merge, Source};

pub use spill::NewEntries;

/// File name of the manifest inside the index directory.
pub const FILE_NAME: &str = "fahras-files.json.zst";

/// zstd level of the saved manifest: fast, and paths that share long prefixes compress well.
const ZSTD_LEVEL: i32 = 3;

/// What the index holds of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileEntry {
    /// [`content_key`] of the file when it was indexed.
    pub key: u128,
    /// Articles indexed from it.
    pub articles: usize,
}

/// Canonical file path → what the index holds of it.
///
/// The entries loaded from disk keep their positions until the manifest is saved (a removed
/// one is only marked), so a run can keep its own per-file marks by position; entries inserted
/// since loading are kept apart, unsorted or spilled, and only merged in by
/// [`FileManifest::save`].
///
/// Entries gathered while the manifest itself is shared (read by worker threads) go into a
/// [`NewEntries`] of their own, added with [`FileManifest::extend`].
#[derive(Debug, Default)]
pub struct FileManifest {
    /// Sorted by path, each path once.
    loaded: Entries,
    removed: Vec<bool>,
    added: NewEntries,
}

/// A key for a file's bytes as read with given options (format, encoding): the same bytes read
/// differently give different articles, so they count as a change.
pub fn content_key(bytes: &[u8], read_options: &str) -> u128 {
    let mut hasher = Xxh3::new();
    hasher.update(read_options.as_bytes());
    hasher.update(&[0]);
    hasher.update(bytes);
    hasher.digest128()
}

/// [`content_key`] of the file at `path`, read in pieces (an archive is not read whole), with
/// its length.
pub fn content_key_of_file(path: &Path, read_options: &str) -> std::io::Result<(u128, u64)> {
    use std::io::BufRead;
    let mut file = BufReader::with_capacity(1 << 16, File::open(path)?);
    let mut hasher = Xxh3::new();
    hasher.update(read_options.as_bytes());
    hasher.update(&[0]);
    let mut len = 0;
    loop {
        let chunk = file.fill_buf()?;
        if chunk.is_empty() {
            return Ok((hasher.digest128(), len));
        }
        hasher.update(chunk);
        let n = chunk.len();
        len += n as u64;
        file.consume(n);
    }
}

impl FileManifest {
    /// Loads the manifest saved in `index_dir`, or an empty one.
    pub fn load(index_dir: &Path) -> Result<FileManifest> {
        let path = index_dir.join(FILE_NAME);
        let file = match File::open(&path) {
            Ok(file) => file,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return Ok(FileManifest::default())
            }
            Err(err) => return Err(err).with_context(|| format!("cannot read {}", path.display())),
        };
        let corrupt = || {
            format!(
                "corrupt {} (delete it: the next ingest re-reads every file)",
                path.display()
            )
        };
        let decoder = zstd::Decoder::new(file).with_context(corrupt)?;
        // Buffered above the decoder too: serde_json reads a byte at a time.
        let saved: Saved =
            serde_json::from_reader(BufReader::new(decoder)).with_context(corrupt)?;
        let mut loaded = saved.files.0;
        if !loaded.is_sorted() {
            loaded.sort();
        }
        Ok(FileManifest {
            removed: vec![false; loaded.slots.len()],
            loaded,
            added: NewEntries::spilling_into(index_dir),
        })
    }

    /// Saves the manifest into `index_dir` atomically (temporary file, then rename). The
    /// entries inserted so far are merged into the sorted ones as they are written; if some
    /// could not be spilled, nothing is written.
    pub fn save(&mut self, index_dir: &Path) -> Result<()> {
        let path = index_dir.join(FILE_NAME);
        let tmp = index_dir.join(format!("{FILE_NAME}.tmp"));
        self.added.sort_held();
        let write = || -> Result<()> {
            self.added.check()?;
            let mut sources = vec![Source::sorted(&self.loaded, Some(&self.removed))];
            sources.extend(self.added.sources()?);
            let file = File::create(&tmp)?;
            let mut out = BufWriter::new(zstd::Encoder::new(file, ZSTD_LEVEL)?);
            out.write_all(br#"{"files":{"#)?;
            let mut first = true;
            merge(sources, |path, entry| {
                write_member(&mut out, first, path, entry)?;
                first = false;
                Ok(())
            })?;
            out.write_all(b"}}")?;
            out.into_inner().map_err(|e| e.into_error())?.finish()?;
            Ok(())
        };
        write()
            .and_then(|()| Ok(fs::rename(&tmp, &path)?))
            .inspect_err(|_| {
                // Whatever was written is of no use; the saved manifest stays as it was.
                let _ = fs::remove_file(&tmp);
            })
            .with_context(|| format!("cannot write {}", path.display()))
    }

    /// The position of `path` among the entries loaded from disk, removed or not.
    pub fn find(&self, path: &str) -> Option<usize> {
        let slots = &self.loaded.slots;
        let at = self.loaded.lower_bound(path);
        (at < slots.len() && self.loaded.path(at) == path).then_some(at)
    }

    /// The loaded entry at `at` (see [`FileManifest::find`]), removed or not.
    pub fn loaded_entry(&self, at: usize) -> FileEntry {
        self.loaded.slots[at].entry()
    }

    /// How many entries were loaded from disk: positions run from 0 to this.
    pub fn loaded_len(&self) -> usize {
        self.loaded.slots.len()
    }

    /// The entry of `path` as loaded, unless it was removed since. Entries inserted since
    /// loading are not looked up (nothing needs them before the next load).
    pub fn get(&self, path: &str) -> Option<FileEntry> {
        let at = self.find(path)?;
        (!self.removed[at]).then(|| self.loaded.slots[at].entry())
    }

    /// Adds or replaces the entry of `path`.
    pub fn insert(&mut self, path: &str, entry: FileEntry) {
        self.remove(path);
        self.added.push(path, entry);
    }

    /// Adds or replaces the entries of `new`, as [`FileManifest::insert`] would one by one.
    /// Fails if `new` lost entries (it could not spill them).
    pub fn extend(&mut self, new: NewEntries) -> Result<()> {
        new.check()?;
        // Nothing to replace on a first ingest: the spilled entries need not be read back.
        if self.loaded_len() > 0 {
            new.for_each(|path, _| {
                self.remove(path);
            })?;
        }
        if self.added.is_empty() {
            self.added = new;
        } else {
            new.for_each(|path, entry| self.added.push(path, entry))?;
        }
        Ok(())
    }

    /// Removes the loaded entry of `path`, returning it unless it was removed already.
    pub fn remove(&mut self, path: &str) -> Option<FileEntry> {
        self.remove_at(self.find(path)?)
    }

    /// Removes the loaded entry at `at`, returning it unless it was removed already.
    pub fn remove_at(&mut self, at: usize) -> Option<FileEntry> {
        let was = std::mem::replace(&mut self.removed[at], true);
        (!was).then(|| self.loaded.slots[at].entry())
    }

    /// The positions of the loaded entries at `path` or below it (when `path` is a folder),
    /// removed or not.
    pub fn under(&self, path: &str) -> Vec<usize> {
        let folder = format!("{}/", path.trim_end_matches('/'));
        let slots = &self.loaded.slots;
        // Sorted paths: everything at or below `path` starts with it and follows it.
        let from = self.loaded.lower_bound(path);
        (from..slots.len())
            .take_while(|&at| self.loaded.path(at).starts_with(path))
            .filter(|&at| {
                let p = self.loaded.path(at);
                p == path || p.starts_with(&folder)
            })
            .collect()
    }

    /// The path of the loaded entry at `at`.
    pub fn loaded_path(&self, at: usize) -> &str {
        self.loaded.path(at)
    }

    /// Files at `path` or below it (when `path` is a folder) that are still listed.
    pub fn paths_under(&self, path: &str) -> Vec<String> {
        self.under(path)
            .into_iter()
            .filter(|&at| !self.removed[at])
            .map(|at| self.loaded.path(at).to_string())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(key: u128) -> FileEntry {
        FileEntry { key, articles: 1 }
    }

    fn saved_and_loaded(manifest: &mut FileManifest) -> FileManifest {
        let dir = tempfile::tempdir().unwrap();
        manifest.save(dir.path()).unwrap();
        FileManifest::load(dir.path()).unwrap()
    }

    #[test]
    fn keys_depend_on_content_and_read_options() {
        assert_eq!(content_key(b"abc", "auto"), content_key(b"abc", "auto"));
        assert_ne!(content_key(b"abc", "auto"), content_key(b"abd", "auto"));
        assert_ne!(content_key(b"abc", "auto"), content_key(b"abc", "trec"));
    }

    #[test]
    fn paths_under_a_folder_exclude_lookalike_siblings() {
        let mut manifest = FileManifest::default();
        for path in [
            "/n/a.txt",
            "/n/sub/b.txt",
            "/n-other/c.txt",
            "/n.txt",
            "/m/d.txt",
        ] {
            manifest.insert(path, entry(1));
        }
        let mut manifest = saved_and_loaded(&mut manifest);
        assert_eq!(manifest.paths_under("/n"), ["/n/a.txt", "/n/sub/b.txt"]);
        assert_eq!(manifest.paths_under("/n/a.txt"), ["/n/a.txt"]);
        assert!(manifest.paths_under("/x").is_empty());
        // a removed entry keeps its position but is no longer listed
        assert_eq!(manifest.remove("/n/a.txt"), Some(entry(1)));
        assert_eq!(manifest.remove("/n/a.txt"), None);
        assert_eq!(manifest.under("/n").len(), 2);
        assert_eq!(manifest.paths_under("/n"), ["/n/sub/b.txt"]);
    }

    #[test]
    fn survives_a_save_with_removals_and_replacements() {
        let dir = tempfile::tempdir().unwrap();
        let mut manifest = FileManifest::default();
        manifest.insert("/n/b.txt", entry(2));
        manifest.insert("/n/a.txt", entry(1));
        manifest.insert("/n/c\"x\n.txt", entry(3));
        manifest.insert("/n/a.txt", entry(u128::MAX));
        manifest.save(dir.path()).unwrap();
        let mut loaded = FileManifest::load(dir.path()).unwrap();
        assert_eq!(loaded.loaded_len(), 3);
        assert_eq!(loaded.get("/n/a.txt"), Some(entry(u128::MAX)));
        assert_eq!(loaded.get("/n/c\"x\n.txt"), Some(entry(3)));
        loaded.remove("/n/b.txt");
        loaded.insert("/n/a.txt", entry(7));
        loaded.insert("/m/z.txt", entry(8));
        let again = saved_and_loaded(&mut loaded);
        let paths: Vec<&str> = (0..again.loaded_len())
            .map(|at| again.loaded_path(at))
            .collect();
        assert_eq!(paths, ["/m/z.txt", "/n/a.txt", "/n/c\"x\n.txt"]);
        assert_eq!(again.get("/n/a.txt"), Some(entry(7)));
        assert_eq!(again.get("/n/b.txt"), None);
        assert!(FileManifest::load(&dir.path().join("none"))
            .unwrap()
            .get("/n/a.txt")
            .is_none());
    }

    #[test]
    fn spilled_new_entries_save_as_held_ones_would() {
        let dir = tempfile::tempdir().unwrap();
        let mut before = FileManifest::default();
        for n in 0..40 {
            before.insert(&format!("/c/{n:02}.txt"), entry(n));
        }
        before.save(dir.path()).unwrap();
        let saved = |new: &mut NewEntries| {
            let mut manifest = FileManifest::load(dir.path()).unwrap();
            manifest.remove("/c/05.txt");
            // every third path, each given twice; some loaded, some not
            for n in (0..60u128).rev() {
                new.push(&format!("/c/{:02}.txt", n * 3 % 60), entry(100 + n));
            }
            manifest.extend(std::mem::take(new)).unwrap();
            let out = tempfile::tempdir().unwrap();
            manifest.save(out.path()).unwrap();
            assert_eq!(fs::read_dir(out.path()).unwrap().count(), 1);
            (
                FileManifest::load(out.path()).unwrap(),
                fs::read(out.path().join(FILE_NAME)).unwrap(),
            )
        };
        let (held, held_bytes) = saved(&mut NewEntries::default());
        let (_, spilled_bytes) = saved(&mut NewEntries::with_limit(dir.path(), 100));
        assert_eq!(spilled_bytes, held_bytes);
        assert_eq!(held.loaded_len(), 40 - 1 + 6);
        assert_eq!(held.get("/c/03.txt"), Some(entry(101)));
        assert_eq!(held.get("/c/04.txt"), Some(entry(4)));
        assert_eq!(held.get("/c/05.txt"), None);
        assert_eq!(held.get("/c/57.txt"), Some(entry(119)));
    }

    #[test]
    fn entries_lost_spilling_fail_the_save_and_keep_the_saved_manifest() {
        let dir = tempfile::tempdir().unwrap();
        let mut manifest = FileManifest::default();
        manifest.insert("/c/a.txt", entry(1));
        manifest.save(dir.path()).unwrap();
        let bytes = fs::read(dir.path().join(FILE_NAME)).unwrap();
        let mut manifest = FileManifest::load(dir.path()).unwrap();
        let mut new = NewEntries::with_limit(&dir.path().join("gone"), 1);
        new.push("/c/b.txt", entry(2));
        let err = manifest.extend(new).unwrap_err();
        assert!(format!("{err:#}").contains("cannot spill"), "{err:#}");
        manifest.added = NewEntries::with_limit(&dir.path().join("gone"), 1);
        manifest.insert("/c/a.txt", entry(3));
        let err = manifest.save(dir.path()).unwrap_err();
        assert!(format!("{err:#}").contains("cannot spill"), "{err:#}");
        assert_eq!(fs::read(dir.path().join(FILE_NAME)).unwrap(), bytes);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn reads_the_saved_format_of_earlier_builds() {
        let dir = tempfile::tempdir().unwrap();
        // as serde wrote a BTreeMap<String, FileEntry { key: String, articles }>; unsorted
        // and repeated here to check the load sorts and keeps the last
        let json = br#"{"files":{"/b":{"key":"0000000000000000000000000000000a","articles":3},"/a":{"key":"ff","articles":1},"/b":{"key":"b","articles":2}}}"#;
        fs::write(
            dir.path().join(FILE_NAME),
            zstd::encode_all(&json[..], 3).unwrap(),
        )
        .unwrap();
        let mut manifest = FileManifest::load(dir.path()).unwrap();
        assert_eq!(manifest.find("/a"), Some(0));
        assert_eq!(
            manifest.get("/a"),
            Some(FileEntry {
                key: 0xff,
                articles: 1
            })
        );
        assert_eq!(
            manifest.get("/b"),
            Some(FileEntry {
                key: 0xb,
                articles: 2
            })
        );
        manifest.save(dir.path()).unwrap();
        let text = zstd::decode_all(&fs::read(dir.path().join(FILE_NAME)).unwrap()[..]).unwrap();
        assert_eq!(
            String::from_utf8(text).unwrap(),
            r#"{"files":{"/a":{"key":"000000000000000000000000000000ff","articles":1},"/b":{"key":"0000000000000000000000000000000b","articles":2}}}"#
        );
        fs::write(dir.path().join(FILE_NAME), b"not zstd").unwrap();
        let err = FileManifest::load(dir.path()).unwrap_err();
        assert!(format!("{err:#}").contains("corrupt"), "{err:#}");
    }
}
