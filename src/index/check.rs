//! `fahras check`: verifies an index and says, for each problem found, what to do about it.
//!
//! Searches trust the index's bytes (see [`super::damage`]), so this is where they are read in
//! full: the CRC32 in the footer of every segment file is compared with its content, as tantivy
//! wrote it. Then, if the segments are sound, the manifest is compared with the index both
//! ways: each file it lists must have as many live articles in the index as it says, and every
//! path the index holds must be listed (the `path` field is one raw term per file, so its term
//! dictionary is the list of files the index holds). The marker, `meta.json` and the repetition
//! table are read as a command would read them.

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use tantivy::index::SegmentComponent;
use tantivy::{Index, SegmentMeta};

use super::damage::short;
use super::manifest::{self, FileManifest};
use super::{check_marker, has_index, open_tantivy, MARKER_FILE};
use crate::ingest::clean::repetition::{LineTable, FILE_NAME as LINES_FILE};
use crate::messages;

const REBUILD: &str = "delete the index and ingest again";

/// One thing wrong with the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The index file, or the ingested file, the problem is about.
    pub file: String,
    pub problem: String,
    pub remedy: String,
}

/// What was checked, and what was found.
#[derive(Debug, Default)]
pub struct Report {
    pub problems: Vec<Problem>,
    pub segments: usize,
    pub segment_files: usize,
    pub segment_bytes: u64,
    /// Files in the manifest and live articles in the index, when they could be compared.
    pub compared: Option<(usize, u64)>,
}

impl Report {
    fn add(&mut self, file: impl Into<String>, problem: impl Into<String>, remedy: &str) {
        self.problems.push(Problem {
            file: file.into(),
            problem: problem.into(),
            remedy: remedy.to_string(),
        });
    }
}

/// Checks the index at `dir`. Fails only when there is no index there to check.
pub fn check(dir: &Path) -> Result<Report> {
    if !dir.is_dir() || !(has_index(dir) || dir.join(MARKER_FILE).exists()) {
        bail!("no index at {}", dir.display());
    }
    let mut report = Report::default();
    if let Err(err) = check_marker(dir) {
        report.add(MARKER_FILE, format!("{err:#}"), REBUILD);
    }
    let index = match open_tantivy(dir) {
        Ok(index) => index,
        Err(err) => {
            report.add("meta.json", format!("{err:#}"), REBUILD);
            return Ok(report);
        }
    };
    let segments_sound = check_segments(dir, &index, &mut report);
    match FileManifest::load(dir) {
        Err(err) => report.add(
            manifest::FILE_NAME,
            format!("{err:#}"),
            "delete this file: the next ingest re-reads every file",
        ),
        Ok(manifest) if segments_sound => compare_manifest(&index, &manifest, &mut report),
        Ok(_) => {}
    }
    if let Err(err) = LineTable::load(dir) {
        report.add(
            LINES_FILE,
            format!("{err:#}"),
            "delete this file (the next ingest counts repeated lines afresh), or delete the \
             index and ingest again",
        );
    }
    Ok(report)
}

/// The files of a segment: one per component, and the deletes if it has any.
fn segment_files(meta: &SegmentMeta) -> Vec<PathBuf> {
    let mut components = vec![
        SegmentComponent::Terms,
        SegmentComponent::Postings,
        SegmentComponent::Positions,
        SegmentComponent::Store,
        SegmentComponent::FastFields,
        SegmentComponent::FieldNorms,
    ];
    if meta.has_deletes() {
        components.push(SegmentComponent::Delete);
    }
    components
        .into_iter()
        .map(|component| meta.relative_path(component))
        .collect()
}

/// Verifies the checksum of every file of every segment; true if all are sound.
fn check_segments(dir: &Path, index: &Index, report: &mut Report) -> bool {
    let metas = match index.searchable_segment_metas() {
        Ok(metas) => metas,
        Err(err) => {
            report.add("meta.json", short(&err.to_string()), REBUILD);
            return false;
        }
    };
    let before = report.problems.len();
    let directory = index.directory();
    for meta in &metas {
        report.segments += 1;
        for file in segment_files(meta) {
            let name = file.display().to_string();
            let path = dir.join(&file);
            let Ok(metadata) = std::fs::metadata(&path) else {
                report.add(name, "missing: meta.json lists it", REBUILD);
                continue;
            };
            report.segment_files += 1;
            report.segment_bytes += metadata.len();
            match directory.validate_checksum(&file) {
                Ok(true) => {}
                Ok(false) => report.add(
                    name,
                    "damaged: its content does not match its checksum",
                    REBUILD,
                ),
                Err(err) => report.add(
                    name,
                    format!("damaged: {}", short(&err.to_string())),
                    REBUILD,
                ),
            }
        }
    }
    report.problems.len() == before
}

/// Live articles per ingested file, from the `path` field's term dictionaries.
fn articles_per_path(index: &Index) -> Result<BTreeMap<String, u64>> {
    let fields = super::Fields::resolve(&index.schema())?;
    let reader: tantivy::IndexReader = index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()?;
    super::files::all_indexed_files(&reader.searcher(), fields)
}

/// What to do about a file whose articles in the index and in the manifest disagree: read it
/// again (`rm` first, or ingest would skip it as unchanged), or forget it if it is gone.
fn reindex(path: &str) -> String {
    if Path::new(path).exists() {
        format!("run `fahras rm {path}` then `fahras ingest {path}` to re-index it")
    } else {
        format!("the file is gone: run `fahras rm {path}` to drop its articles")
    }
}

fn compare_manifest(index: &Index, manifest: &FileManifest, report: &mut Report) {
    // The segments' checksums are sound, but a panic here is still a problem to report.
    let counted = panic::catch_unwind(AssertUnwindSafe(|| articles_per_path(index)));
    let mut in_index = match counted {
        Ok(Ok(counts)) => counts,
        Ok(Err(err)) => {
            report.add("index", format!("cannot be read: {err:#}"), REBUILD);
            return;
        }
        Err(_) => {
            report.add("index", "cannot be read: reading it panicked", REBUILD);
            return;
        }
    };
    let mut live_total = 0;
    for at in 0..manifest.loaded_len() {
        let path = manifest.loaded_path(at);
        let listed = manifest.loaded_entry(at).articles as u64;
        let held = in_index.remove(path).unwrap_or(0);
        live_total += held;
        if held != listed {
            let listed = messages::counted(listed, "article");
            let problem = format!("the manifest lists {listed}, the index holds {held}");
            report.add(path, problem, &reindex(path));
        }
    }
    for (path, held) in in_index {
        live_total += held;
        let held = messages::counted(held, "article");
        let problem = format!("the index holds {held}, the manifest does not list it");
        let remedy = if Path::new(&path).exists() {
            format!("run `fahras ingest {path}` to re-index it")
        } else {
            reindex(&path)
        };
        report.add(path, problem, &remedy);
    }
    report.compared = Some((manifest.loaded_len(), live_total));
}
