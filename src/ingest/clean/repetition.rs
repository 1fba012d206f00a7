//! Lines that recur across the documents of one folder: the strongest sign of site furniture
//! (menus, mastheads, footers), as C4 and CCNet use it.
//!
//! For each folder the table counts, per line, how many documents hold it. Lines are keyed by
//! a 64-bit FNV-1a hash of their folded form (spelling variants, punctuation and spaces
//! ignored). Digits count: «خبر رقم 5» and «خبر رقم 6» are different headlines, and the
//! furniture that only differs by a year («© 2020») is caught by its wording anyway. Only short lines (≤ [`MAX_WORDS`] words) are counted: long paragraphs repeat
//! only when an article is filed twice, and must not be lost then. The table is saved beside
//! the index (`fahras-lines.json.zst`, zstd-compressed JSON) so that a later, incremental ingest of a few more pages of
//! the same site still recognises its furniture; each document is counted once, by path.
//!
//! Everything in the table is a number (a line's key, a hash of a document's id), so it costs
//! about 16 bytes per distinct line and 8 per document however long the paths are: the table
//! grows with a corpus, but slowly.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::ingest::metadata::date::fold;

/// File name of the saved table inside the index directory.
pub const FILE_NAME: &str = "fahras-lines.json.zst";
/// Where earlier builds saved it, uncompressed (read once, then replaced).
const LEGACY_FILE_NAME: &str = "fahras-lines.json";
/// zstd level of the saved table.
const ZSTD_LEVEL: i32 = 3;
/// Longest line, in words, that is counted.
pub const MAX_WORDS: usize = 25;
/// A line is furniture once this many documents of its folder hold it…
const MIN_DOCS: u32 = 3;
/// …and at least this share of them (1/10);
const MIN_SHARE_DIVISOR: u32 = 10;
/// a line that reads as a sentence needs half of them: wire copy shares sentences between a
/// few articles of a site, furniture is on (nearly) every page.
const SENTENCE_SHARE_DIVISOR: u32 = 2;

/// Version of the saved table; version 0 kept ids and keys as strings (read and converted).
const TABLE_VERSION: u32 = 1;

/// Counts for one folder.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Folder {
    /// Documents already counted ([`doc_key`] of their ids), so re-ingesting never counts
    /// twice.
    #[serde(serialize_with = "sorted_set")]
    docs: HashSet<u64>,
    /// [`line_key`] → number of documents holding the line.
    #[serde(serialize_with = "sorted_map")]
    lines: HashMap<u64, u32>,
}

// Saved in key order, not the hash sets' random order, so the same files give the same
// index bytes in every ingest.
fn sorted_set<S: serde::Serializer>(set: &HashSet<u64>, to: S) -> Result<S::Ok, S::Error> {
    let mut keys: Vec<&u64> = set.iter().collect();
    keys.sort_unstable();
    to.collect_seq(keys)
}

fn sorted_map<S: serde::Serializer>(map: &HashMap<u64, u32>, to: S) -> Result<S::Ok, S::Error> {
    let mut pairs: Vec<(&u64, &u32)> = map.iter().collect();
    pairs.sort_unstable();
    to.collect_map(pairs)
}

/// The repetition table of a corpus.
#[derive(Debug, Serialize, Deserialize)]
pub struct LineTable {
    version: u32,
    folders: BTreeMap<String, Folder>,
}

impl Default for LineTable {
    fn default() -> LineTable {
        LineTable {
            version: TABLE_VERSION,
            folders: BTreeMap::new(),
        }
    }
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
                        .filter_map(|(key, n)| Some((u64::from_str_radix(&key, 16).ok()?, n)))
                        .collect(),
                };
                (name, converted)
            })
            .collect();
        LineTable {
            version: TABLE_VERSION,
            folders,
        }
    }
}

/// The key of a document id.
fn doc_key(id: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(id.as_bytes())
}

/// The key of a line: FNV-1a of its folded text, punctuation and spaces dropped.
pub fn line_key(line: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for c in fold(line).chars() {
        if c.is_alphanumeric() {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                hash ^= u64::from(b);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    hash
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
        serde_json::from_slice::<LineTable>(&json)
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
        let json = serde_json::to_vec(self)?;
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

    /// Counts the short lines of one document, unless that document was counted before.
    pub fn add_document<'a>(
        &mut self,
        folder: &str,
        doc_id: &str,
        lines: impl IntoIterator<Item = &'a str>,
    ) {
        let entry = self.folders.entry(folder.to_string()).or_default();
        if !entry.docs.insert(doc_key(doc_id)) {
            return;
        }
        let keys: BTreeSet<u64> = lines
            .into_iter()
            .filter(|l| l.split_whitespace().count() <= MAX_WORDS)
            .map(line_key)
            .collect();
        for key in keys {
            *entry.lines.entry(key).or_default() += 1;
        }
    }

    /// Does `line` recur in enough documents of `folder` to be furniture? `sentence` says
    /// whether it reads as an article sentence, which takes much more recurrence.
    pub fn is_repeated(&self, folder: &str, line: &str, sentence: bool) -> bool {
        let Some(entry) = self.folders.get(folder) else {
            return false;
        };
        if line.split_whitespace().count() > MAX_WORDS {
            return false;
        }
        let docs = entry.docs.len() as u32;
        let count = entry.lines.get(&line_key(line)).copied().unwrap_or(0);
        let divisor = if sentence {
            SENTENCE_SHARE_DIVISOR
        } else {
            MIN_SHARE_DIVISOR
        };
        count >= MIN_DOCS && count * divisor >= docs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_spelling_and_punctuation_but_not_digits() {
        assert_eq!(line_key("© 2020 أثر برس"), line_key("2020 اثر  برس."));
        assert_eq!(line_key("© ٢٠٢٠ أثر برس"), line_key("2020 اثر برس"));
        assert_ne!(line_key("خبر رقم 5"), line_key("خبر رقم 6"));
        assert_ne!(line_key("أثر برس"), line_key("سبوتنيك"));
    }

    #[test]
    fn the_same_documents_save_the_same_bytes_in_any_order() {
        let documents: Vec<(String, String)> = (0..50)
            .map(|n| (format!("doc{n}"), format!("سطر متكرر\nسطر رقم {}", n % 7)))
            .collect();
        let saved = |order: &mut dyn Iterator<Item = &(String, String)>| {
            let mut table = LineTable::default();
            for (id, text) in order {
                table.add_document("site", id, text.lines());
            }
            let dir = tempfile::tempdir().unwrap();
            table.save(dir.path()).unwrap();
            fs::read(dir.path().join(FILE_NAME)).unwrap()
        };
        let forward = saved(&mut documents.iter());
        assert_eq!(saved(&mut documents.iter().rev()), forward);
        assert_eq!(saved(&mut documents.iter()), forward);
    }

    #[test]
    fn counts_each_document_once_and_survives_a_save() {
        let dir = tempfile::tempdir().unwrap();
        let mut table = LineTable::default();
        for doc in ["a", "b", "a", "c"] {
            let unique = format!("نص فريد {doc}x");
            table.add_document(
                "/site",
                doc,
                ["الرئيسية", "أثر برس", "أثر برس", unique.as_str()],
            );
        }
        table.add_document("/site", "d", ["خبر"]);
        assert!(table.is_repeated("/site", "الرئيسية", false));
        assert!(!table.is_repeated("/site", "نص فريد ax", false));
        assert!(!table.is_repeated("/other", "الرئيسية", false));
        table.save(dir.path()).unwrap();
        let loaded = LineTable::load(dir.path()).unwrap();
        assert!(loaded.is_repeated("/site", "اثر برس", false));
        // "a" was offered twice but counted once, so its line is in one document only
        let mut again = loaded;
        again.add_document("/site", "a", ["خبر"]);
        again.add_document("/site", "e", ["خبر"]);
        assert!(!again.is_repeated("/site", "خبر", false));
    }

    #[test]
    fn a_table_saved_with_string_keys_is_read_and_converted() {
        let dir = tempfile::tempdir().unwrap();
        let key = format!("{:016x}", line_key("أثر برس"));
        let old = format!(
            r#"{{"version":0,"folders":{{"/site":{{"docs":["a","b","c"],"lines":{{"{key}":3}}}}}}}}"#
        );
        fs::write(dir.path().join(LEGACY_FILE_NAME), old).unwrap();
        let mut table = LineTable::load(dir.path()).unwrap();
        assert!(table.is_repeated("/site", "أثر برس", false));
        // the old documents are known: offering one again counts nothing
        table.add_document("/site", "a", ["أثر برس"]);
        assert_eq!(table.folders["/site"].lines[&line_key("أثر برس")], 3);
        table.save(dir.path()).unwrap();
        assert!(!dir.path().join(LEGACY_FILE_NAME).exists());
        assert_eq!(
            LineTable::load(dir.path()).unwrap().folders["/site"]
                .docs
                .len(),
            3
        );
    }

    #[test]
    fn a_line_needs_a_tenth_of_the_folder() {
        let mut table = LineTable::default();
        for i in 0..40 {
            let lines: Vec<&str> = if i < 3 {
                vec!["سطر متكرر"]
            } else {
                vec![]
            };
            table.add_document("/f", &i.to_string(), lines);
        }
        assert!(!table.is_repeated("/f", "سطر متكرر", false));
        for i in 40..44 {
            table.add_document("/f", &i.to_string(), ["سطر متكرر"]);
        }
        // 7 of 44 documents: furniture for a short line, not for a sentence
        assert!(table.is_repeated("/f", "سطر متكرر", false));
        assert!(!table.is_repeated("/f", "سطر متكرر", true));
    }
}
