//! `fahras rm`: removes articles by file, folder, document id or DOCNO.
//!
//! Files and folders are matched against the index's manifest, so the articles of a file that
//! is already gone from disk can still be removed. The manifest entries go first, then the
//! index commits (see `index::manifest` for why that order is crash-safe).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use tantivy::Term;

use crate::index::manifest::FileManifest;
use crate::index::{self, ArticleWriter};
use crate::plan::RmPlan;
use crate::{messages, EXIT_NO_MATCH};

/// The canonical spelling of a path argument, also for paths that no longer exist (the
/// nearest existing ancestor is canonicalized and the rest appended).
fn canonical_target(target: &OsString) -> Option<String> {
    let path = PathBuf::from(target);
    let absolute = if path.is_absolute() {
        path
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    let mut existing: &Path = &absolute;
    let mut rest = Vec::new();
    loop {
        if let Ok(canonical) = std::fs::canonicalize(existing) {
            let full = rest.iter().rev().fold(canonical, |p: PathBuf, c| p.join(c));
            return Some(full.to_string_lossy().into_owned());
        }
        rest.push(existing.file_name()?.to_os_string());
        existing = existing.parent()?;
    }
}

pub fn run(plan: RmPlan) -> Result<ExitCode> {
    let RmPlan {
        index: index_dir,
        targets,
        wait,
    } = plan;
    let index = index::open(&index_dir)?;
    let mut writer = ArticleWriter::new(&index, 1, wait)?;
    let searcher = index.searcher()?;
    let mut manifest = FileManifest::load(&index_dir)?;
    let fields = index.fields;
    let (mut files, mut articles, mut unmatched) = (0, 0u64, 0);
    let mut deletions = Vec::new();
    for target in &targets {
        let mut matched = false;
        if let Some(path) = canonical_target(target) {
            for file in manifest.paths_under(&path) {
                if let Some(entry) = manifest.remove(&file) {
                    articles += entry.articles as u64;
                }
                files += 1;
                matched = true;
                deletions.push(Term::from_field_text(fields.path, &file));
            }
        }
        if !matched {
            if let Some(text) = target.to_str() {
                // An article's DOCNO is its id, so the id field finds both.
                let term = Term::from_field_text(fields.id, text);
                let count = searcher.doc_freq(&term).unwrap_or(0);
                if count > 0 {
                    articles += count;
                    matched = true;
                    deletions.push(term);
                }
            }
        }
        if !matched {
            messages::emit(format_args!(
                "{}: not in the index",
                PathBuf::from(target).display()
            ));
            unmatched += 1;
        }
    }
    manifest.save(&index_dir)?;
    for term in deletions {
        writer.delete_term(term);
    }
    writer.commit()?;
    messages::emit(format_args!("removed {articles} articles ({files} files)"));
    Ok(if unmatched > 0 {
        ExitCode::from(EXIT_NO_MATCH)
    } else {
        ExitCode::SUCCESS
    })
}
