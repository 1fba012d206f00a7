//! How the manifest keeps its entries: paths one after another in one buffer and 32 bytes of
//! numbers an entry, so a corpus of a million files costs its paths and 32 MB, not a map
//! node and two allocations a file; and the JSON they are saved as, read and written one
//! entry at a time.

use std::io::Write;

use anyhow::Result;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use super::FileEntry;

/// An entry with its path in one of the manifest's path buffers.
#[derive(Debug, Clone, Copy)]
pub(super) struct Slot {
    start: usize,
    len: u32,
    articles: u32,
    /// Little-endian: a `u128` would align the slot to 16 bytes and pad it to 48.
    key: [u8; 16],
}

impl Slot {
    pub(super) fn entry(&self) -> FileEntry {
        FileEntry {
            key: u128::from_le_bytes(self.key),
            articles: self.articles as usize,
        }
    }
}

/// Paths one after another, and the entries that point into them.
#[derive(Debug, Default, Clone)]
pub(super) struct Entries {
    pub(super) paths: String,
    pub(super) slots: Vec<Slot>,
}

impl Entries {
    pub(super) fn push(&mut self, path: &str, entry: FileEntry) {
        self.slots.push(Slot {
            start: self.paths.len(),
            len: u32::try_from(path.len()).unwrap_or(u32::MAX),
            articles: u32::try_from(entry.articles).unwrap_or(u32::MAX),
            key: entry.key.to_le_bytes(),
        });
        self.paths.push_str(path);
    }

    pub(super) fn path(&self, at: usize) -> &str {
        let slot = &self.slots[at];
        &self.paths[slot.start..slot.start + slot.len as usize]
    }

    /// Sorts by path, keeping the last entry of a path given twice.
    pub(super) fn sort(&mut self) {
        let mut sorted = Entries::default();
        for at in self.sorted_order() {
            sorted.push(self.path(at), self.slots[at].entry());
        }
        *self = sorted;
    }

    /// The positions in path order, only the last of a path given twice.
    pub(super) fn sorted_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.slots.len()).collect();
        // Stable, then the last of each run of equal paths wins, as a map insert would.
        order.sort_by(|&a, &b| self.path(a).cmp(self.path(b)));
        let mut kept = Vec::with_capacity(order.len());
        for (n, &at) in order.iter().enumerate() {
            let path = self.path(at);
            if order
                .get(n + 1)
                .is_some_and(|&next| self.path(next) == path)
            {
                continue;
            }
            kept.push(at);
        }
        kept
    }

    /// Bytes held, without what was allocated ahead.
    pub(super) fn bytes(&self) -> usize {
        self.paths.len() + self.slots.len() * std::mem::size_of::<Slot>()
    }

    /// Empties it, keeping its allocations for what comes next.
    pub(super) fn clear(&mut self) {
        self.paths.clear();
        self.slots.clear();
    }

    /// The first position whose path is not below `path` (the entries being sorted).
    pub(super) fn lower_bound(&self, path: &str) -> usize {
        self.slots
            .partition_point(|s| &self.paths[s.start..s.start + s.len as usize] < path)
    }

    pub(super) fn is_sorted(&self) -> bool {
        (1..self.slots.len()).all(|n| self.path(n - 1) < self.path(n))
    }
}

/// One entry as saved.
#[derive(Deserialize)]
struct SavedEntry {
    key: String,
    articles: usize,
}

/// The saved `{"files": {path: entry, …}}`, read entry by entry into a manifest.
#[derive(Deserialize)]
pub(super) struct Saved {
    pub(super) files: SavedFiles,
}

pub(super) struct SavedFiles(pub(super) Entries);

impl<'de> Deserialize<'de> for SavedFiles {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FilesVisitor;
        impl<'de> Visitor<'de> for FilesVisitor {
            type Value = SavedFiles;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map of paths to entries")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SavedFiles, A::Error> {
                let mut entries = Entries::default();
                while let Some((path, saved)) = map.next_entry::<String, SavedEntry>()? {
                    let key = u128::from_str_radix(&saved.key, 16).map_err(|_| {
                        serde::de::Error::custom(format!("bad content key {:?}", saved.key))
                    })?;
                    let entry = FileEntry {
                        key,
                        articles: saved.articles,
                    };
                    entries.push(&path, entry);
                }
                Ok(SavedFiles(entries))
            }
        }
        deserializer.deserialize_map(FilesVisitor)
    }
}

/// Writes one `"path":{…}` member of the saved JSON.
pub(super) fn write_member(
    out: &mut impl Write,
    first: bool,
    path: &str,
    entry: FileEntry,
) -> Result<()> {
    if !first {
        out.write_all(b",")?;
    }
    serde_json::to_writer(&mut *out, path)?;
    write!(
        out,
        r#":{{"key":"{:032x}","articles":{}}}"#,
        entry.key, entry.articles
    )?;
    Ok(())
}
