//! The bulk files of an OpenSearch export: NDJSON, an action line `{"index":{"_id":…}}` then
//! the document, each file at most a limit in bytes so that it is one `_bulk` request.
//!
//! Pairs are written as they come and a file is closed as soon as the next pair would not fit,
//! so memory holds one article whatever the size of the index. A pair larger than the limit on
//! its own (one huge article) gets a file of its own rather than being dropped: nothing the
//! index holds is left out of the export.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Serialize;

/// OpenSearch's advice for one bulk request is 5 to 15 MB; its default `http.max_content_length`
/// is 100 MB. 16 MiB keeps every file one request with room to spare.
pub const DEFAULT_LIMIT: u64 = 16 << 20;

/// The name of the `n`-th bulk file (from 1), sorted as the shell lists them.
pub fn file_name(n: usize) -> String {
    format!("bulk-{n:04}.ndjson")
}

/// Is `name` the name of a bulk file (what `--force` removes before writing new ones)?
pub fn is_bulk_file(name: &str) -> bool {
    name.strip_prefix("bulk-")
        .and_then(|rest| rest.strip_suffix(".ndjson"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[derive(Serialize)]
struct Action<'a> {
    index: Target<'a>,
}

#[derive(Serialize)]
struct Target<'a> {
    #[serde(rename = "_id")]
    id: &'a str,
}

/// Writes action and document pairs into bulk files in a folder.
pub struct BulkWriter {
    dir: PathBuf,
    limit: u64,
    file: Option<(PathBuf, BufWriter<File>)>,
    /// Bytes in the open file.
    written: u64,
    /// Files opened so far.
    files: usize,
    /// The pair being added.
    pair: Vec<u8>,
}

impl BulkWriter {
    /// A writer of files of at most `limit` bytes into `dir`, which must exist.
    pub fn new(dir: &Path, limit: u64) -> BulkWriter {
        BulkWriter {
            dir: dir.to_path_buf(),
            limit,
            file: None,
            written: 0,
            files: 0,
            pair: Vec::new(),
        }
    }

    /// Adds one document under `id`; `document` is its JSON line, newline included.
    /// Returns the path of the file the pair went into when it alone is over the limit.
    pub fn add(&mut self, id: &str, document: &[u8]) -> Result<Option<PathBuf>> {
        self.pair.clear();
        serde_json::to_writer(
            &mut self.pair,
            &Action {
                index: Target { id },
            },
        )
        .expect("an action serializes to memory");
        self.pair.push(b'\n');
        self.pair.extend_from_slice(document);
        let size = self.pair.len() as u64;
        if self.file.is_none() || (self.written > 0 && self.written + size > self.limit) {
            self.next_file()?;
        }
        let (path, out) = self.file.as_mut().expect("a file was opened");
        out.write_all(&self.pair)
            .with_context(|| format!("cannot write {}", path.display()))?;
        self.written += size;
        Ok((size > self.limit).then(|| path.clone()))
    }

    fn next_file(&mut self) -> Result<()> {
        self.close()?;
        self.files += 1;
        let path = self.dir.join(file_name(self.files));
        let file =
            File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
        self.file = Some((path, BufWriter::new(file)));
        self.written = 0;
        Ok(())
    }

    fn close(&mut self) -> Result<()> {
        if let Some((path, out)) = self.file.take() {
            let file = out
                .into_inner()
                .map_err(|err| err.into_error())
                .with_context(|| format!("cannot write {}", path.display()))?;
            file.sync_all()
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        Ok(())
    }

    /// Closes the last file; returns how many files were written.
    pub fn finish(mut self) -> Result<usize> {
        self.close()?;
        Ok(self.files)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(dir: &Path, files: usize) -> Vec<Vec<u8>> {
        (1..=files)
            .map(|n| std::fs::read(dir.join(file_name(n))).unwrap())
            .collect()
    }

    #[test]
    fn files_split_before_the_limit_and_hold_whole_pairs() {
        let dir = tempfile::tempdir().unwrap();
        let mut writer = BulkWriter::new(dir.path(), 110);
        let document = format!("{{\"body\":\"{}\"}}\n", "x".repeat(20));
        for n in 0..10 {
            assert_eq!(
                writer.add(&n.to_string(), document.as_bytes()).unwrap(),
                None
            );
        }
        let files = writer.finish().unwrap();
        // each pair is 22 + 32 = 54 bytes: two fit in 110, three do not
        assert_eq!(files, 5);
        for bytes in read(dir.path(), files) {
            assert_eq!(bytes.len(), 108);
            let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
            assert_eq!(
                lines.len(),
                5,
                "two pairs and the empty rest after the last newline"
            );
            let action: serde_json::Value = serde_json::from_slice(lines[0]).unwrap();
            assert!(action["index"]["_id"].is_string());
        }
    }

    #[test]
    fn a_pair_over_the_limit_gets_a_file_of_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let mut writer = BulkWriter::new(dir.path(), 100);
        writer.add("a", b"{}\n").unwrap();
        let big = format!("{{\"body\":\"{}\"}}\n", "x".repeat(200));
        let over = writer.add("b", big.as_bytes()).unwrap();
        assert_eq!(over, Some(dir.path().join("bulk-0002.ndjson")));
        writer.add("c", b"{}\n").unwrap();
        assert_eq!(writer.finish().unwrap(), 3);
    }

    #[test]
    fn ids_are_json_escaped() {
        let dir = tempfile::tempdir().unwrap();
        let mut writer = BulkWriter::new(dir.path(), DEFAULT_LIMIT);
        writer.add("a\"b\n\\c", b"{}\n").unwrap();
        writer.finish().unwrap();
        let bytes = std::fs::read(dir.path().join(file_name(1))).unwrap();
        let first = bytes.split(|&b| b == b'\n').next().unwrap();
        let action: serde_json::Value = serde_json::from_slice(first).unwrap();
        assert_eq!(action["index"]["_id"], "a\"b\n\\c");
    }

    #[test]
    fn no_document_no_file() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(BulkWriter::new(dir.path(), 100).finish().unwrap(), 0);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn bulk_file_names() {
        assert_eq!(file_name(1), "bulk-0001.ndjson");
        assert!(is_bulk_file("bulk-0001.ndjson") && is_bulk_file("bulk-12345.ndjson"));
        for name in [
            "bulk-.ndjson",
            "bulk-01.json",
            "notes.ndjson",
            "bulk-0a.ndjson",
        ] {
            assert!(!is_bulk_file(name), "{name}");
        }
    }
}
