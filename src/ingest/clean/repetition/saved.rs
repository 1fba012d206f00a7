//! The repetition table on disk: `fahras-lines.json.zst` in the index directory, JSON
//! compressed with zstd, every set and map in key order so that the same files give the same
//! bytes in every ingest.
//!
//! Version 2 adds each line's slack (see [`super`]; only where it is not zero). Version 1
//! had exact counts, which read as counts with no slack; version 0 kept ids and keys as
//! strings, uncompressed (`fahras-lines.json`, read once, then replaced).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use super::{doc_key, Folder, LineTable, Tally};

/// File name of the saved table inside the index directory.
pub const FILE_NAME: &str = "fahras-lines.json.zst";
/// Where version 0 saved it, uncompressed.
pub(super) const LEGACY_FILE_NAME: &str = "fahras-lines.json";
/// zstd level of the saved table.
const ZSTD_LEVEL: i32 = 3;
/// Version of the table this build saves.
const TABLE_VERSION: u32 = 2;

#[derive(Serialize)]
struct TableOut<'a> {
    version: u32,
    folders: BTreeMap<&'a str, FolderOut>,
}

#[derive(Serialize)]
struct FolderOut {
    docs: BTreeSet<u64>,
    lines: BTreeMap<u64, u32>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    slack: BTreeMap<u64, u32>,
}

/// A table of version 1 or 2.
#[derive(Deserialize)]
struct TableIn {
    folders: BTreeMap<String, FolderIn>,
}

#[derive(Deserialize)]
struct FolderIn {
    docs: HashSet<u64>,
    lines: HashMap<u64, u32>,
    #[serde(default)]
    slack: HashMap<u64, u32>,
}

/// A table saved by version 0: document ids whole, line keys as hex strings.
#[derive(Deserialize)]
struct TableV0 {
    folders: BTreeMap<String, FolderV0>,
}

#[derive(Deserialize)]
struct FolderV0 {
    docs: BTreeSet<String>,
    lines: HashMap<String, u32>,
}

impl From<FolderIn> for Folder {
    fn from(saved: FolderIn) -> Folder {
        let lines = saved
            .lines
            .into_iter()
            .map(|(key, count)| {
                let slack = saved.slack.get(&key).copied().unwrap_or(0);
                (key, Tally { count, slack })
            })
            .collect();
        Folder {
            docs: saved.docs,
            lines,
        }
    }
}

impl From<TableV0> for LineTable {
    fn from(old: TableV0) -> LineTable {
        let folders = old
            .folders
            .into_iter()
            .map(|(name, folder)| {
                let converted = Folder {
                    docs: folder.docs.iter().map(|id| doc_key(id)).collect(),
                    lines: folder
                        .lines
                        .into_iter()
                        .filter_map(|(key, count)| {
                            let key = u64::from_str_radix(&key, 16).ok()?;
                            Some((key, Tally { count, slack: 0 }))
                        })
                        .collect(),
                };
                (name, converted)
            })
            .collect();
        LineTable { folders }
    }
}

impl LineTable {
    /// Loads the table saved in `index_dir`, or an empty one.
    pub fn load(index_dir: &Path) -> Result<LineTable> {
        let path = index_dir.join(FILE_NAME);
        let (path, json) = match fs::read(&path) {
            Ok(bytes) => {
                let json = zstd::decode_all(bytes.as_slice())
                    .with_context(|| format!("corrupt {}", path.display()))?;
                (path, json)
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                let legacy = index_dir.join(LEGACY_FILE_NAME);
                match fs::read(&legacy) {
                    Ok(json) => (legacy, json),
                    Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                        return Ok(LineTable::default())
                    }
                    Err(err) => {
                        return Err(err)
                            .with_context(|| format!("cannot read {}", legacy.display()))
                    }
                }
            }
            Err(err) => return Err(err).with_context(|| format!("cannot read {}", path.display())),
        };
        serde_json::from_slice::<TableIn>(&json)
            .map(|table| LineTable {
                folders: table
                    .folders
                    .into_iter()
                    .map(|(name, folder)| (name, Folder::from(folder)))
                    .collect(),
            })
            .or_else(|err| match serde_json::from_slice::<TableV0>(&json) {
                Ok(old) => Ok(LineTable::from(old)),
                Err(_) => Err(err),
            })
            .with_context(|| format!("corrupt {}", path.display()))
    }

    /// Saves the table into `index_dir` (atomically, through a temporary file).
    pub fn save(&self, index_dir: &Path) -> Result<()> {
        let path = index_dir.join(FILE_NAME);
        let tmp = index_dir.join(format!("{FILE_NAME}.tmp"));
        let out = TableOut {
            version: TABLE_VERSION,
            folders: self
                .folders
                .iter()
                .map(|(name, folder)| {
                    let out = FolderOut {
                        docs: folder.docs.iter().copied().collect(),
                        lines: folder.lines.iter().map(|(k, t)| (*k, t.count)).collect(),
                        slack: (folder.lines.iter())
                            .filter(|(_, t)| t.slack > 0)
                            .map(|(k, t)| (*k, t.slack))
                            .collect(),
                    };
                    (name.as_str(), out)
                })
                .collect(),
        };
        let json = serde_json::to_vec(&out)?;
        let compressed = zstd::encode_all(json.as_slice(), ZSTD_LEVEL)?;
        fs::write(&tmp, compressed).with_context(|| format!("cannot write {}", tmp.display()))?;
        fs::rename(&tmp, &path).with_context(|| format!("cannot write {}", path.display()))?;
        match fs::remove_file(index_dir.join(LEGACY_FILE_NAME)) {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
                Err(err).with_context(|| format!("cannot remove the old {LEGACY_FILE_NAME}"))
            }
            _ => Ok(()),
        }
    }
}
