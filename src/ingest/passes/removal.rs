//! What leaves the manifest before the index changes (step 3 of [`super::ingest`]), and the
//! files `--prune` finds gone (step 4).
//!
//! Vanished files are looked for in the index itself ([`crate::index::files`]) as well as in
//! the manifest: a run killed after saving the manifest without them, but before its commit,
//! leaves their articles in the index and nothing in the manifest, and the rerun must still
//! find them.

use std::collections::BTreeSet;
use std::path::PathBuf;

use anyhow::Result;

use super::scan::Mark;
use super::Run;
use crate::index::files::{file_and_members, file_of, indexed_files};

/// Canonical spellings of the roots, for `--prune`.
fn canonical_roots(paths: &[PathBuf]) -> Vec<String> {
    paths
        .iter()
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .map(|p| p.to_string_lossy().into_owned())
        .collect()
}

/// Is the file at `path` gone from disk? One skipped this time (too large, or no longer
/// matching --ext) still exists and keeps its articles.
fn gone_from_disk(path: &str) -> bool {
    std::fs::symlink_metadata(path).is_err()
}

impl Run<'_> {
    /// With `--prune`, the files under the roots that the index or the manifest lists, that
    /// the walk did not meet and that are gone from disk; in path order.
    pub(super) fn vanished(&self, marks: &[Mark]) -> Result<Vec<String>> {
        let mut gone = BTreeSet::new();
        if !self.options.prune {
            return Ok(Vec::new());
        }
        let committed = self.out.writer.committed();
        for root in canonical_roots(&self.options.paths) {
            for (path, _) in indexed_files(committed, self.out.fields, &root)? {
                // An archive's member is gone with the archive (see `index::files`).
                let path = file_of(&path);
                let met = self
                    .manifest
                    .find(path)
                    .is_some_and(|at| marks[at] != Mark::NotMet);
                if !met && gone_from_disk(path) {
                    gone.insert(path.to_string());
                }
            }
            for at in self.manifest.under(&root) {
                let path = self.manifest.loaded_path(at);
                if marks[at] == Mark::NotMet && gone_from_disk(path) {
                    gone.insert(path.to_string());
                }
            }
        }
        Ok(gone.into_iter().collect())
    }

    /// Step 3: saves the manifest without the changed and the vanished files, before the index
    /// changes (see [`super::ingest`] for why the changed ones must go now).
    pub(super) fn forget_before_commit(&mut self, marks: &[Mark], gone: &[String]) -> Result<()> {
        for (at, mark) in marks.iter().enumerate() {
            if *mark == Mark::Changed {
                self.manifest.remove_at(at);
            }
        }
        for path in gone {
            self.manifest.remove(path);
        }
        self.manifest.save(self.index_dir)
    }

    /// Deletes the articles of the vanished files (and archives' members) the index holds any
    /// of; only those count as removed (a file only the manifest listed had none left).
    pub(super) fn delete_vanished(&mut self, gone: &[String]) {
        let out = &mut self.out;
        for path in gone {
            let held = file_and_members(out.writer.committed(), out.fields, path);
            // On a read error, a needless delete of the path costs nothing.
            let held = held.unwrap_or_else(|_| vec![(path.clone(), 1)]);
            for (held_path, _) in &held {
                out.writer.delete_file(held_path);
            }
            if !held.is_empty() {
                out.summary.removed += 1;
                out.report
                    .detail(format_args!("{}: removed (file is gone)", path));
            }
        }
    }
}
