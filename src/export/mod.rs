//! `fahras export`: the index written out for the engine a user moves to when an archive
//! outgrows one machine (OpenSearch), or for a corpus builder (JSON Lines).
//!
//! The articles come from [`crate::index::every`] one at a time; this module only writes them,
//! and knows nothing of tantivy. Both formats serialize an article the same way
//! ([`Record`]). An OpenSearch export is a folder: `settings.json` ([`settings`]) and bulk files
//! ([`bulk`]).
//!
//! An export never mixes with what was there: a folder that is not empty is refused, and with
//! `--force` an earlier export in it (its `settings.json` and `bulk-*.ndjson`) is removed first,
//! anything else left alone. A JSON Lines file is written beside its destination and renamed
//! over it at the end, so an interrupted export leaves no half file under that name.

pub mod bulk;
mod chain;
mod record;
mod settings;

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

pub use bulk::DEFAULT_LIMIT;
pub use record::Record;
pub use settings::settings;

use crate::article::Article;

/// The name of the settings file in an OpenSearch export.
pub const SETTINGS_FILE: &str = "settings.json";

/// What an OpenSearch export wrote.
#[derive(Debug, PartialEq, Eq)]
pub struct Written {
    pub articles: u64,
    pub bulk_files: usize,
}

/// An OpenSearch export being written into a folder.
pub struct OpenSearchExport {
    bulk: bulk::BulkWriter,
    line: Vec<u8>,
    articles: u64,
}

impl OpenSearchExport {
    /// Prepares `dir` (see the module docs for `force`) and writes `settings.json` into it.
    pub fn create(dir: &Path, force: bool, limit: u64) -> Result<OpenSearchExport> {
        prepare_dir(dir, force)?;
        let path = dir.join(SETTINGS_FILE);
        let mut text = serde_json::to_string_pretty(&settings()).expect("settings serialize");
        text.push('\n');
        fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        Ok(OpenSearchExport {
            bulk: bulk::BulkWriter::new(dir, limit),
            line: Vec::new(),
            articles: 0,
        })
    }

    /// Adds one article. Returns the bulk file it went into if it alone is over the limit.
    pub fn add(&mut self, article: &Article, group: Option<&str>) -> Result<Option<PathBuf>> {
        self.line.clear();
        Record::new(article, group).write_line(&mut self.line);
        self.articles += 1;
        self.bulk.add(&article.id, &self.line)
    }

    pub fn finish(self) -> Result<Written> {
        Ok(Written {
            articles: self.articles,
            bulk_files: self.bulk.finish()?,
        })
    }
}

/// Makes `dir` an empty folder for an export, or refuses (see the module docs).
fn prepare_dir(dir: &Path, force: bool) -> Result<()> {
    match fs::metadata(dir) {
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            return fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()));
        }
        Err(err) => return Err(err).with_context(|| format!("cannot read {}", dir.display())),
        Ok(meta) if !meta.is_dir() => bail!("{}: not a folder", dir.display()),
        Ok(_) => {}
    }
    let entries = fs::read_dir(dir)
        .and_then(|entries| entries.collect::<io::Result<Vec<_>>>())
        .with_context(|| format!("cannot read {}", dir.display()))?;
    if entries.is_empty() {
        return Ok(());
    }
    if !force {
        bail!(
            "{}: the folder is not empty (--force replaces an earlier export in it)",
            dir.display()
        );
    }
    for entry in entries {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name == SETTINGS_FILE || bulk::is_bulk_file(&name) {
            let path = entry.path();
            fs::remove_file(&path).with_context(|| format!("cannot remove {}", path.display()))?;
        }
    }
    Ok(())
}

/// A JSON Lines export: one [`Record`] per line.
pub struct JsonlExport<W: Write> {
    out: W,
    line: Vec<u8>,
}

impl<W: Write> JsonlExport<W> {
    pub fn new(out: W) -> JsonlExport<W> {
        JsonlExport {
            out,
            line: Vec::new(),
        }
    }

    pub fn add(&mut self, article: &Article, group: Option<&str>) -> io::Result<()> {
        self.line.clear();
        Record::new(article, group).write_line(&mut self.line);
        self.out.write_all(&self.line)
    }

    /// Flushes and hands the writer back.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// A JSON Lines file being written: a temporary file beside `path`, renamed over it by
/// [`persist`]. An existing `path` is refused unless `force`.
pub fn jsonl_file(path: &Path, force: bool) -> Result<tempfile::NamedTempFile> {
    if !force && fs::symlink_metadata(path).is_ok() {
        bail!("{}: already exists (--force replaces it)", path.display());
    }
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    tempfile::Builder::new()
        .prefix(".fahras-export-")
        .tempfile_in(parent)
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Puts a finished JSON Lines file in place.
pub fn persist(file: tempfile::NamedTempFile, path: &Path) -> Result<()> {
    file.as_file()
        .sync_all()
        .with_context(|| format!("cannot write {}", path.display()))?;
    file.persist(path)
        .map_err(|err| err.error)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_with_other_files_is_refused_and_force_keeps_them() {
        let dir = tempfile::tempdir().unwrap();
        let keep = dir.path().join("notes.txt");
        fs::write(&keep, "mine").unwrap();
        fs::write(dir.path().join("bulk-0007.ndjson"), "old").unwrap();
        let err = prepare_dir(dir.path(), false).unwrap_err();
        assert!(format!("{err:#}").contains("not empty"), "{err:#}");
        assert!(dir.path().join("bulk-0007.ndjson").exists());
        prepare_dir(dir.path(), true).unwrap();
        assert!(!dir.path().join("bulk-0007.ndjson").exists());
        assert_eq!(fs::read_to_string(&keep).unwrap(), "mine");
    }

    #[test]
    fn a_missing_folder_is_created_and_a_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("a/b");
        prepare_dir(&new, false).unwrap();
        assert!(new.is_dir());
        let file = dir.path().join("f");
        fs::write(&file, "").unwrap();
        let err = prepare_dir(&file, true).unwrap_err();
        assert_eq!(
            format!("{err:#}"),
            format!("{}: not a folder", file.display())
        );
    }
}
