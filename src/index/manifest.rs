//! The files an index was built from, each with a hash of its content and its article count.
//!
//! This is what makes ingest incremental: a file whose content hash (not its mtime: copies and
//! checkouts touch mtimes, and an edit can keep one) matches the manifest is skipped; a changed
//! one has all its articles replaced; `--prune` and `fahras rm` drop the articles of files that
//! are gone. The manifest lives beside tantivy's files (`fahras-files.json.zst`: JSON, zstd-compressed,
//! as its long canonical paths and hex keys would otherwise be a twentieth of the index).
//!
//! It must never claim more than the index holds, or a later ingest would skip a file whose
//! articles are missing. So a run first saves the manifest *without* every file it is about to
//! touch, then commits the index, then saves the full manifest: a crash anywhere in between
//! leaves a manifest that at worst makes the next run redo some files.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

/// File name of the manifest inside the index directory.
pub const FILE_NAME: &str = "fahras-files.json.zst";

/// zstd level of the saved manifest: fast, and paths that share long prefixes compress well.
const ZSTD_LEVEL: i32 = 3;

/// What the index holds of one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// [`content_key`] of the file when it was indexed.
    pub key: String,
    /// Articles indexed from it.
    pub articles: usize,
}

/// Canonical file path → what the index holds of it.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct FileManifest {
    files: BTreeMap<String, FileEntry>,
}

/// A key for a file's bytes as read with given options (format, encoding): the same bytes read
/// differently give different articles, so they count as a change.
pub fn content_key(bytes: &[u8], read_options: &str) -> String {
    let mut hasher = Xxh3::new();
    hasher.update(read_options.as_bytes());
    hasher.update(&[0]);
    hasher.update(bytes);
    format!("{:032x}", hasher.digest128())
}

impl FileManifest {
    /// Loads the manifest saved in `index_dir`, or an empty one.
    pub fn load(index_dir: &Path) -> Result<FileManifest> {
        let path = index_dir.join(FILE_NAME);
        match fs::read(&path) {
            Ok(bytes) => zstd::decode_all(bytes.as_slice())
                .map_err(anyhow::Error::from)
                .and_then(|json| Ok(serde_json::from_slice(&json)?))
                .with_context(|| {
                    format!(
                        "corrupt {} (delete it: the next ingest re-reads every file)",
                        path.display()
                    )
                }),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(FileManifest::default()),
            Err(err) => Err(err).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    /// Saves the manifest into `index_dir` atomically (temporary file, then rename).
    pub fn save(&self, index_dir: &Path) -> Result<()> {
        let path = index_dir.join(FILE_NAME);
        let tmp = index_dir.join(format!("{FILE_NAME}.tmp"));
        let json = serde_json::to_vec(self)?;
        let compressed = zstd::encode_all(json.as_slice(), ZSTD_LEVEL)?;
        fs::write(&tmp, compressed)
            .and_then(|()| fs::rename(&tmp, &path))
            .with_context(|| format!("cannot write {}", path.display()))
    }

    pub fn get(&self, path: &str) -> Option<&FileEntry> {
        self.files.get(path)
    }

    pub fn insert(&mut self, path: String, entry: FileEntry) {
        self.files.insert(path, entry);
    }

    pub fn remove(&mut self, path: &str) -> Option<FileEntry> {
        self.files.remove(path)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Files at `path` or below it (when `path` is a folder).
    pub fn paths_under(&self, path: &str) -> Vec<String> {
        let folder = format!("{}/", path.trim_end_matches('/'));
        // Sorted keys: everything at or below `path` starts with it and follows it.
        self.files
            .range(path.to_string()..)
            .map(|(p, _)| p)
            .take_while(|p| p.starts_with(path))
            .filter(|p| p.as_str() == path || p.starts_with(&folder))
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(key: &str) -> FileEntry {
        FileEntry {
            key: key.to_string(),
            articles: 1,
        }
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
            manifest.insert(path.to_string(), entry("k"));
        }
        assert_eq!(manifest.paths_under("/n"), ["/n/a.txt", "/n/sub/b.txt"]);
        assert_eq!(manifest.paths_under("/n/a.txt"), ["/n/a.txt"]);
        assert!(manifest.paths_under("/x").is_empty());
    }

    #[test]
    fn survives_a_save() {
        let dir = tempfile::tempdir().unwrap();
        let mut manifest = FileManifest::default();
        manifest.insert("/n/a.txt".into(), entry("k1"));
        manifest.save(dir.path()).unwrap();
        let loaded = FileManifest::load(dir.path()).unwrap();
        assert_eq!(loaded.get("/n/a.txt"), Some(&entry("k1")));
        assert!(FileManifest::load(&dir.path().join("none"))
            .unwrap()
            .is_empty());
    }
}
