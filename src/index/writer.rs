//! Adds articles to the index, replacing earlier copies of the same article.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use tantivy::directory::error::LockError;
use tantivy::{IndexWriter, Searcher, TantivyDocument, Term};

use super::merges::{BoundedMergePolicy, MAX_MERGE_INPUT_BYTES};
use super::near;
use super::packed;
use super::queue::{ByteBudget, QueuedDocument};
use super::ArticleIndex;
use crate::article::Article;

/// Heap given to tantivy's indexing threads, split between them. Each thread's share bounds
/// the segment it builds: with 64 MiB each, the ANT corpus (111 MB) is indexed into two
/// segments instead of four, and each word's entry in the term dictionaries is written half as
/// often: the index is 1.2–2.1 MB (2–4%) smaller, for about 17 MiB more peak memory (156 →
/// 173 MiB) and the same speed (BENCHMARKS.md, "Writer memory"). Larger budgets ingested no faster.
const WRITER_MEMORY_BYTES: usize = 128 * 1024 * 1024;

/// Text of the documents that may wait for tantivy's indexing threads at once (see
/// [`super::queue`]): some two thousand news articles, plenty to keep the threads busy.
const QUEUED_BYTES: usize = 16 * 1024 * 1024;

/// How often `--wait` tries the writer lock again.
const LOCK_RETRY: Duration = Duration::from_millis(200);

/// Writes articles; nothing is visible to searches until [`ArticleWriter::commit`].
///
/// tantivy keeps every delete operation in memory until the commit, about a kilobyte each, so
/// a delete is only queued when it can match something: a term the last commit holds, or an
/// id added earlier in this run. A first ingest of a million files then queues none, and the
/// writer's memory does not grow with the corpus.
pub struct ArticleWriter {
    writer: IndexWriter<QueuedDocument>,
    queue: Arc<ByteBudget>,
    fields: super::Fields,
    /// The index as of the last commit, to look terms up in.
    committed: Searcher,
    /// Hashes of the ids added in this run (a collision only costs a needless delete).
    added: HashSet<u64>,
    /// Whether an added article replaced one with its id (maybe of another file).
    replaced_ids: bool,
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
                    // A run killed during its commit leaves files the last commit does not
                    // use, and tantivy names a segment's delete file after the commit's
                    // opstamp, which the rerun reaches again: its commit would fail with
                    // "file already exists". So they go first, now that the lock is ours.
                    writer
                        .garbage_collect_files()
                        .wait()
                        .with_context(|| format!("cannot tidy index {}", index.dir.display()))?;
                    writer.set_merge_policy(Box::new(BoundedMergePolicy::new(
                        index.dir.clone(),
                        MAX_MERGE_INPUT_BYTES,
                    )));
                    return Ok(ArticleWriter {
                        writer,
                        queue: ByteBudget::new(QUEUED_BYTES),
                        fields: index.fields,
                        committed: index.searcher()?,
                        added: HashSet::new(),
                        replaced_ids: false,
                    });
                }
                // A lock file this user may not open is no other ingest: waiting would be
                // forever, and the user needs to hear about the permission.
                Err(tantivy::TantivyError::LockFailure(LockError::IoError(err), _))
                    if super::directory::is_not_writable(&err) =>
                {
                    bail!(
                        "cannot write to index {}: permission denied ({err}); it can be \
                         searched, but ingest and rm need write access to the folder",
                        index.dir.display()
                    )
                }
                Err(tantivy::TantivyError::LockFailure(..)) if wait => {
                    if !announced {
                        crate::messages::emit(format_args!(
                            "waiting for another ingest to release index {}",
                            index.dir.display()
                        ));
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

    /// Could the last commit hold a document with `term`? Errs on the side of yes.
    fn committed_has(&self, term: &Term) -> bool {
        self.committed.segment_readers().iter().any(|segment| {
            let docs = segment
                .inverted_index(term.field())
                .map(|inverted| inverted.doc_freq(term));
            !matches!(docs, Ok(Ok(0)))
        })
    }

    /// Deletes every article that came from the file at `path` (canonical).
    pub fn delete_file(&mut self, path: &str) {
        let term = Term::from_field_text(self.fields.path, path);
        if self.committed_has(&term) {
            self.writer.delete_term(term);
        }
    }

    /// Deletes every document holding `term`.
    pub fn delete_term(&mut self, term: Term) {
        self.writer.delete_term(term);
    }

    /// Adds `article`, first deleting any document with the same id.
    pub fn upsert(&mut self, article: &Article) -> Result<()> {
        let signature = near::signature(&article.title, &article.body);
        self.upsert_signed(article, signature)
    }

    /// [`Self::upsert`] with the article's near-duplicate signature made already: the ingest
    /// makes it on the reading threads, so that the writer's thread, which the ingest waits
    /// on, does not.
    pub fn upsert_signed(
        &mut self,
        article: &Article,
        signature: Option<near::Signature>,
    ) -> Result<()> {
        let f = self.fields;
        let id = Term::from_field_text(f.id, &article.id);
        let mut hasher = std::hash::DefaultHasher::new();
        article.id.hash(&mut hasher);
        let fresh = self.added.insert(hasher.finish());
        if !fresh || self.committed_has(&id) {
            self.writer.delete_term(id);
            self.replaced_ids = true;
        }
        let title_text = packed::pack(&article.title);
        let body_text = packed::pack(&article.body);
        let optional = |value: &Option<String>| value.as_ref().map_or(0, String::len);
        // The document holds the body once, the title twice (as title and as body) and both
        // packed, each value behind a length of at most five bytes. Sized exactly, its
        // buffer never grows by doubling: the queue's budget is then what the queue holds.
        let bytes = article.id.len()
            + article.path.len()
            + optional(&article.docno)
            + article.title.len() * 2
            + article.body.len()
            + title_text.len()
            + body_text.len()
            + optional(&article.date)
            + optional(&article.source)
            + optional(&article.author)
            + 12 * 5
            + (near::SIG_WORDS + near::BANDS) * 13;
        let mut doc = TantivyDocument::with_capacity(bytes);
        doc.add_text(f.id, &article.id);
        doc.add_text(f.path, &article.path);
        // The DOCNO an ingested article has is its id, so it is stored as "", which reads
        // back as the id: the store keeps the string once. An empty DOCNO is no DOCNO.
        match article.docno.as_deref() {
            Some(docno) if docno == article.id => doc.add_text(f.docno, ""),
            Some(docno) if !docno.is_empty() => doc.add_text(f.docno, docno),
            _ => {}
        }
        doc.add_text(f.title, &article.title);
        doc.add_bytes(f.title_text, &title_text);
        doc.add_text(f.body, &article.body);
        doc.add_bytes(f.body_text, &body_text);
        // The title is also the body's second value, so the body field ranks the whole article
        // the way a single-field engine does (measured in EVALUATION.md); the title field adds
        // a title bonus on top.
        doc.add_text(f.body, &article.title);
        if let Some(date) = &article.date {
            doc.add_text(f.date, date);
        }
        if let Some(source) = &article.source {
            doc.add_text(f.source, source);
        }
        if let Some(author) = &article.author {
            doc.add_text(f.author, author);
        }
        if let Some(signature) = signature {
            for word in signature.words() {
                doc.add_u64(f.near_sig, word);
            }
            for band in signature.bands() {
                doc.add_u64(f.near_bands, band);
            }
        }
        self.writer
            .add_document(QueuedDocument::new(&self.queue, doc, bytes))
            .with_context(|| format!("cannot index {}", article.path))?;
        Ok(())
    }

    /// The index as of the last commit: before this writer was made, or its own. While the
    /// writer lives it holds the lock, so no other process changes that.
    pub fn committed(&self) -> &Searcher {
        &self.committed
    }

    /// Makes everything added so far durable and visible, then waits for merges to finish.
    ///
    /// The writer lock is *not* released: a command saves the manifest and the repetition
    /// table after its commit, and another ingest or `rm` (waiting with `--wait`) must not run
    /// in between, or it would read a manifest that does not match the index and write the
    /// same temporary files. The lock goes when the writer is dropped.
    pub fn commit(&mut self) -> Result<()> {
        self.writer.commit().context("cannot commit the index")?;
        let reader: tantivy::IndexReader = self
            .writer
            .index()
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()
            .context("cannot read the index")?;
        self.committed = reader.searcher();
        Ok(())
    }

    /// Did an added article replace one with the same id? Then a file may hold fewer articles
    /// than it gave (another file, or itself, has the id too).
    pub fn replaced_ids(&self) -> bool {
        self.replaced_ids
    }

    /// Waits for the merges the commits started, then releases the writer lock: the last step
    /// of a command, once everything saved beside the index is durable.
    pub fn finish(self) -> Result<()> {
        self.writer
            .wait_merging_threads()
            .context("cannot finish merging the index")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::open_or_create;

    fn article(id: &str, path: &str, body: &str) -> Article {
        Article {
            id: id.into(),
            path: path.into(),
            title: "عنوان".into(),
            body: body.into(),
            ..Article::default()
        }
    }

    fn live_docs(index: &ArticleIndex) -> u64 {
        index.searcher().unwrap().num_docs()
    }

    #[test]
    fn an_id_added_twice_in_one_run_is_kept_once() {
        let dir = tempfile::tempdir().unwrap();
        let index = open_or_create(dir.path()).unwrap();
        let mut writer = ArticleWriter::new(&index, 1, false).unwrap();
        writer.upsert(&article("AL-1", "/c/a.xml", "أول")).unwrap();
        writer.upsert(&article("AL-1", "/c/b.xml", "ثان")).unwrap();
        writer.commit().unwrap();
        writer.finish().unwrap();
        assert_eq!(live_docs(&index), 1);
    }

    #[test]
    fn committed_articles_are_replaced_and_deleted_by_file() {
        let dir = tempfile::tempdir().unwrap();
        let index = open_or_create(dir.path()).unwrap();
        let mut writer = ArticleWriter::new(&index, 1, false).unwrap();
        writer.upsert(&article("AL-1", "/c/a.xml", "أول")).unwrap();
        writer.upsert(&article("AL-2", "/c/a.xml", "ثان")).unwrap();
        writer
            .upsert(&article("/c/b.txt", "/c/b.txt", "ثالث"))
            .unwrap();
        writer.commit().unwrap();
        writer.finish().unwrap();

        let mut writer = ArticleWriter::new(&index, 1, false).unwrap();
        assert!(writer.committed_has(&Term::from_field_text(index.fields.path, "/c/a.xml")));
        assert!(!writer.committed_has(&Term::from_field_text(index.fields.path, "/c/new.txt")));
        writer
            .upsert(&article("/c/b.txt", "/c/b.txt", "رابع"))
            .unwrap();
        writer.delete_file("/c/a.xml");
        writer.delete_file("/c/never-indexed.txt");
        writer.commit().unwrap();
        assert_eq!(live_docs(&index), 1);
    }

    #[test]
    fn the_lock_is_held_after_the_commit_until_finish() {
        let dir = tempfile::tempdir().unwrap();
        let index = open_or_create(dir.path()).unwrap();
        let mut writer = ArticleWriter::new(&index, 1, false).unwrap();
        writer.upsert(&article("AL-1", "/c/a.xml", "أول")).unwrap();
        writer.commit().unwrap();
        // what a command saves beside the index after its commit is still under the lock
        let err = ArticleWriter::new(&index, 1, false).err().unwrap();
        assert!(format!("{err:#}").contains("locked"), "{err:#}");
        writer.finish().unwrap();
        ArticleWriter::new(&index, 1, false).unwrap();
    }
}
