//! `fahras rm`: removes articles by file, folder, document id or DOCNO.
//!
//! Files and folders are matched against the paths the index holds, so the articles of a file
//! that is already gone from disk can still be removed, and a rerun after a kill finds what is
//! left (see [`run`]).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use tantivy::{Searcher, Term};

use crate::index::files::{indexed_files, live_docs};
use crate::index::lookup::path_spelling;
use crate::index::manifest::FileManifest;
use crate::index::{self, crash_point, ArticleWriter, Fields};
use crate::plan::RmPlan;
use crate::{messages, EXIT_NO_MATCH};

/// What `rm` found to remove.
#[derive(Default)]
struct Removal {
    files: u64,
    articles: u64,
    unmatched: usize,
    deletions: Vec<Term>,
}

impl Removal {
    /// Notes the files the index holds at or under `path`, and drops their manifest entries
    /// (those of files the index no longer holds too: a killed `rm` may have left them).
    fn files_under(
        &mut self,
        searcher: &Searcher,
        fields: Fields,
        manifest: &mut FileManifest,
        path: &str,
    ) -> Result<bool> {
        for file in manifest.paths_under(path) {
            manifest.remove(&file);
        }
        let indexed = indexed_files(searcher, fields, path)?;
        for (file, live) in &indexed {
            self.files += 1;
            self.articles += live;
            self.deletions
                .push(Term::from_field_text(fields.path, file));
        }
        Ok(!indexed.is_empty())
    }

    /// Notes the articles with the id (or DOCNO: an article's DOCNO is its id) `text`.
    fn articles_with_id(
        &mut self,
        searcher: &Searcher,
        fields: Fields,
        text: &str,
    ) -> Result<bool> {
        let term = Term::from_field_text(fields.id, text);
        let count = live_docs(searcher, &term)?;
        self.articles += count;
        if count > 0 {
            self.deletions.push(term);
        }
        Ok(count > 0)
    }
}

/// Removes what the targets name. Files are found in the index itself
/// ([`crate::index::files`]), not in the manifest, so a rerun after a kill finds whatever the
/// killed run did not commit. The manifest is saved without the removed files before the
/// commit, all under the writer lock: a kill between the two leaves their articles in the
/// index, which the rerun removes; a kill before the save leaves everything as it was.
pub fn run(plan: RmPlan) -> Result<ExitCode> {
    let RmPlan {
        index: index_dir,
        targets,
        wait,
    } = plan;
    let index = index::open(&index_dir)?;
    let mut writer = ArticleWriter::new(&index, 1, wait)?;
    let searcher = writer.committed().clone();
    let mut manifest = FileManifest::load(&index_dir)?;
    let fields = index.fields;
    let mut removal = Removal::default();
    for target in &targets {
        let mut matched = false;
        if let Some(path) = path_spelling(target) {
            matched = removal.files_under(&searcher, fields, &mut manifest, &path)?;
        }
        if !matched {
            if let Some(text) = target.to_str() {
                matched = removal.articles_with_id(&searcher, fields, text)?;
            }
        }
        if !matched {
            messages::emit(format_args!(
                "{}: not in the index",
                PathBuf::from(target).display()
            ));
            removal.unmatched += 1;
        }
    }
    manifest.save(&index_dir)?;
    crash_point::reached("manifest-saved");
    for term in removal.deletions {
        writer.delete_term(term);
    }
    writer.commit()?;
    crash_point::reached("committed");
    writer.finish()?;
    let (articles, files) = (removal.articles, removal.files);
    messages::emit(format_args!(
        "removed {} ({})",
        messages::counted(articles, "article"),
        messages::counted(files, "file")
    ));
    Ok(if removal.unmatched > 0 {
        ExitCode::from(EXIT_NO_MATCH)
    } else {
        ExitCode::SUCCESS
    })
}
