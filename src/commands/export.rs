//! `fahras export`: every article of the index written out by [`crate::export`], read one at
//! a time through [`crate::index::every`]. A summary goes to stderr; stdout carries only the
//! JSON Lines of `--format jsonl` without a file.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::export::{self, JsonlExport, OpenSearchExport};
use crate::index::{self, every};
use crate::messages::{self, counted};
use crate::plan::{ExportPlan, ExportTarget};

pub fn run(plan: ExportPlan) -> Result<ExitCode> {
    let index = index::open(&plan.index)?;
    match &plan.target {
        ExportTarget::OpenSearch { dir, bulk_bytes } => {
            opensearch(&index, dir, plan.force, *bulk_bytes)
        }
        ExportTarget::Jsonl(None) => {
            let stdout = io::stdout();
            let mut export = JsonlExport::new(BufWriter::new(stdout.lock()));
            every::each_article(&index, |article, group| Ok(export.add(article, group)?))?;
            export.finish()?;
            Ok(ExitCode::SUCCESS)
        }
        ExportTarget::Jsonl(Some(path)) => jsonl_file(&index, path, plan.force),
    }
}

fn opensearch(
    index: &index::ArticleIndex,
    dir: &Path,
    force: bool,
    limit: u64,
) -> Result<ExitCode> {
    let mut export = OpenSearchExport::create(dir, force, limit)?;
    every::each_article(index, |article, group| {
        if let Some(file) = export.add(article, group)? {
            messages::emit(format_args!(
                "{}: article {} alone is larger than a bulk request of {} bytes",
                file.display(),
                article.id,
                limit
            ));
        }
        Ok(())
    })?;
    let written = export.finish()?;
    messages::emit(format_args!(
        "exported {} into {}: {} and {}",
        counted(written.articles, "article"),
        dir.display(),
        export::SETTINGS_FILE,
        counted(written.bulk_files as u64, "bulk file")
    ));
    Ok(ExitCode::SUCCESS)
}

fn jsonl_file(index: &index::ArticleIndex, path: &Path, force: bool) -> Result<ExitCode> {
    let file = export::jsonl_file(path, force)?;
    let out = BufWriter::new(
        file.reopen()
            .with_context(|| format!("cannot write {}", path.display()))?,
    );
    let mut export = JsonlExport::new(out);
    let articles = every::each_article(index, |article, group| {
        export
            .add(article, group)
            .with_context(|| format!("cannot write {}", path.display()))
    })?;
    let mut out: BufWriter<File> = export
        .finish()
        .with_context(|| format!("cannot write {}", path.display()))?;
    out.flush()?;
    drop(out);
    export::persist(file, path)?;
    messages::emit(format_args!(
        "exported {} into {}",
        counted(articles, "article"),
        path.display()
    ));
    Ok(ExitCode::SUCCESS)
}
