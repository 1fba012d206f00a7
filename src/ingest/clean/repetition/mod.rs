//! Lines that recur across the documents of one folder: the strongest sign of site furniture
//! (menus, mastheads, footers), as C4 and CCNet use it.
//!
//! For each folder the table counts, per line, how many documents hold it. Lines are keyed by
//! a 64-bit FNV-1a hash of their folded form (spelling variants, punctuation and spaces
//! ignored). Digits count: «خبر رقم 5» and «خبر رقم 6» are different headlines, and the
//! furniture that only differs by a year («© 2020») is caught by its wording anyway. Only
//! short lines (≤ [`MAX_WORDS`] words) are counted: long paragraphs repeat only when an
//! article is filed twice, and must not be lost then. The table is saved beside the index
//! (`saved`) so that a later, incremental ingest of a few more pages of the same site still
//! recognises its furniture; each document is counted once, by path.
//!
//! Most lines of a folder occur once (97% of ki-ant's), and counting every one made the table
//! grow with the corpus: about 80 bytes a file, in memory during the whole ingest. So the
//! counts are *lossy* (Manku and Motwani's lossy counting, VLDB 2002): every
//! `BUCKET_DOCS` documents, a line is forgotten if it could not have been in more than one
//! document per bucket so far. A line kept has a count at most one per bucket below the
//! truth; a line forgotten comes back as new if it recurs. A line on a tenth of the pages or
//! more, ten times the rate at which lines are forgotten, stays. As a count is never over the
//! truth, a line is taken for furniture only where the exact count would take it too, and
//! only a line within one document per bucket of the bound can be missed.
//! The counts depend on the order the documents come in, so they are always made in the
//! order of the walk.

mod saved;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::analysis::letters;
use crate::ingest::line_fold::fold_line;

pub use saved::FILE_NAME;

/// Longest line, in words, that is counted.
pub const MAX_WORDS: usize = 25;
/// A line is furniture once this many documents of its folder hold it…
const MIN_DOCS: u32 = 3;
/// …and at least this share of them (1/10);
const MIN_SHARE_DIVISOR: u32 = 10;
/// a line that reads as a sentence needs half of them: wire copy shares sentences between a
/// few articles of a site, furniture is on (nearly) every page.
const SENTENCE_SHARE_DIVISOR: u32 = 2;
/// Documents per bucket of the lossy count: a count is at most one per this many documents
/// of its folder under the truth, a tenth of the furniture share. A folder of fewer documents
/// is counted exactly.
const BUCKET_DOCS: u32 = 100;

/// The count of one line in one folder.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Tally {
    /// Documents that hold the line since it was last (re)entered in the table.
    count: u32,
    /// Documents that may have held it before that, at most: one per bucket gone by.
    slack: u32,
}

/// Counts for one folder.
#[derive(Debug, Default)]
struct Folder {
    /// Documents already counted ([`doc_key`] of their ids), so re-ingesting never counts
    /// twice.
    docs: HashSet<u64>,
    /// [`line_key`] → its tally.
    lines: HashMap<u64, Tally>,
}

impl Folder {
    /// The bucket the folder's documents have reached (1 while counting the first hundred).
    fn bucket(&self) -> u32 {
        (self.docs.len() as u32).div_ceil(BUCKET_DOCS).max(1)
    }

    /// Forgets the lines that could not have been in more than one document per bucket.
    fn prune(&mut self) {
        let bucket = self.bucket();
        self.lines
            .retain(|_, tally| tally.count.saturating_add(tally.slack) > bucket);
        // A map keeps its capacity through `retain`, and most of a bucket's lines are gone.
        self.lines.shrink_to_fit();
    }
}

/// The repetition table of a corpus.
#[derive(Debug, Default)]
pub struct LineTable {
    folders: BTreeMap<String, Folder>,
}

/// The key of a document id.
fn doc_key(id: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(id.as_bytes())
}

/// The key of a line: FNV-1a of its folded text, punctuation and spaces dropped.
pub fn line_key(line: &str) -> u64 {
    folded_line_key(&fold_line(line))
}

/// [`line_key`] of a line already folded.
fn folded_line_key(folded: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for c in folded.chars() {
        if letters::is_alphanumeric(c) {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                hash ^= u64::from(b);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    hash
}

/// The keys of a document's short lines, each once: what [`LineTable::add_document_keys`]
/// counts. Kept apart from the counting, which must go in walk order, so that worker threads
/// can key the lines of the files they read.
pub fn document_keys<'a>(lines: impl IntoIterator<Item = &'a str>) -> Vec<u64> {
    let mut keys: Vec<u64> = lines
        .into_iter()
        // Counting stops past the bound: most lines of an article are longer paragraphs.
        .filter(|l| l.split_whitespace().nth(MAX_WORDS).is_none())
        .map(line_key)
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

impl LineTable {
    /// Counts the short lines of one document, unless that document was counted before.
    pub fn add_document<'a>(
        &mut self,
        folder: &str,
        doc_id: &str,
        lines: impl IntoIterator<Item = &'a str>,
    ) {
        self.add_document_keys(folder, doc_id, &document_keys(lines));
    }

    /// [`LineTable::add_document`] of a document whose lines are keyed already
    /// ([`document_keys`]).
    pub fn add_document_keys(&mut self, folder: &str, doc_id: &str, keys: &[u64]) {
        let entry = self.folders.entry(folder.to_string()).or_default();
        if !entry.docs.insert(doc_key(doc_id)) {
            return;
        }
        let slack = entry.bucket() - 1;
        for &key in keys {
            entry
                .lines
                .entry(key)
                .or_insert(Tally { count: 0, slack })
                .count += 1;
        }
        if (entry.docs.len() as u32).is_multiple_of(BUCKET_DOCS) {
            entry.prune();
        }
    }

    /// Does `line` recur in enough documents of `folder` to be furniture? `sentence` says
    /// whether it reads as an article sentence, which takes much more recurrence. (The
    /// cleaner has each line folded already and calls [`LineTable::is_repeated_folded`].)
    #[cfg(test)]
    pub fn is_repeated(&self, folder: &str, line: &str, sentence: bool) -> bool {
        let words = line.split_whitespace().count();
        self.is_repeated_folded(folder, &fold_line(line), words, sentence)
    }

    /// `LineTable::is_repeated` of a line already folded ([`fold_line`]), of `words` words.
    pub fn is_repeated_folded(
        &self,
        folder: &str,
        folded: &str,
        words: usize,
        sentence: bool,
    ) -> bool {
        let Some(entry) = self.folders.get(folder) else {
            return false;
        };
        if words > MAX_WORDS {
            return false;
        }
        let docs = entry.docs.len() as u32;
        let count = (entry.lines.get(&folded_line_key(folded))).map_or(0, |tally| tally.count);
        let divisor = if sentence {
            SENTENCE_SHARE_DIVISOR
        } else {
            MIN_SHARE_DIVISOR
        };
        count >= MIN_DOCS && count * divisor >= docs
    }
}
