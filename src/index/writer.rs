//! Adds articles to the index, replacing earlier copies of the same article.

use std::time::Duration;

use anyhow::{bail, Context, Result};
use tantivy::{IndexWriter, TantivyDocument, Term};

use super::ArticleIndex;
use crate::article::Article;

/// Heap given to tantivy's indexing threads, split between them. Large enough that segments are
/// few and merges rare on a news corpus, small enough to keep peak memory modest.
const WRITER_MEMORY_BYTES: usize = 192 * 1024 * 1024;

/// How often `--wait` tries the writer lock again.
const LOCK_RETRY: Duration = Duration::from_millis(200);

/// Writes articles; nothing is visible to searches until [`ArticleWriter::commit`].
pub struct ArticleWriter {
    writer: IndexWriter,
    fields: super::Fields,
}

impl ArticleWriter {
    /// Takes the index's writer lock. If another process holds it, fails at once, or with
    /// `wait` retries until the lock is free.
    pub fn new(index: &ArticleIndex, threads: usize, wait: bool) -> Result<ArticleWriter> {
        let threads = threads.clamp(1, 8);
        let memory = WRITER_MEMORY_BYTES.max(threads * 16_000_000);
        let mut announced = false;
        loop {
            match index.index.writer_with_num_threads(threads, memory) {
                Ok(writer) => {
                    return Ok(ArticleWriter {
                        writer,
                        fields: index.fields,
                    })
                }
                Err(tantivy::TantivyError::LockFailure(..)) if wait => {
                    if !announced {
                        eprintln!(
                            "fahras: waiting for another ingest to release index {}",
                            index.dir.display()
                        );
                        announced = true;
                    }
                    std::thread::sleep(LOCK_RETRY);
                }
                Err(tantivy::TantivyError::LockFailure(..)) => bail!(
                    "index {} is locked by another fahras ingest; wait for it to finish or \
                     use --wait",
                    index.dir.display()
                ),
                Err(other) => {
                    return Err(anyhow::Error::new(other)
                        .context(format!("cannot write to index {}", index.dir.display())))
                }
            }
        }
    }

    /// Deletes every article that came from the file at `path` (canonical).
    pub fn delete_file(&mut self, path: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.fields.path, path));
    }

    /// Deletes every document holding `term`.
    pub fn delete_term(&mut self, term: Term) {
        self.writer.delete_term(term);
    }

    /// Adds `article`, first deleting any document with the same id.
    pub fn upsert(&mut self, article: &Article) -> Result<()> {
        let f = &self.fields;
        self.writer
            .delete_term(Term::from_field_text(f.id, &article.id));
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &article.id);
        doc.add_text(f.path, &article.path);
        if let Some(docno) = &article.docno {
            doc.add_text(f.docno, docno);
        }
        doc.add_text(f.title, &article.title);
        doc.add_text(f.title_exact, &article.title);
        doc.add_text(f.body, &article.body);
        doc.add_text(f.body_exact, &article.body);
        // The title is also the body's second value, so the body fields rank the whole article
        // the way a single-field engine does (measured in EVALUATION.md); the title fields add
        // a title bonus on top. Readers of the stored body take its first value.
        doc.add_text(f.body, &article.title);
        doc.add_text(f.body_exact, &article.title);
        if let Some(date) = &article.date {
            doc.add_text(f.date, date);
        }
        if let Some(source) = &article.source {
            doc.add_text(f.source, source);
        }
        if let Some(author) = &article.author {
            doc.add_text(f.author, author);
        }
        self.writer
            .add_document(doc)
            .with_context(|| format!("cannot index {}", article.path))?;
        Ok(())
    }

    /// Makes everything added so far durable and visible, then waits for merges to finish.
    pub fn commit(mut self) -> Result<()> {
        self.writer.commit().context("cannot commit the index")?;
        self.writer
            .wait_merging_threads()
            .context("cannot finish merging the index")?;
        Ok(())
    }
}
