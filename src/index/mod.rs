//! Opening and creating the on-disk tantivy index.
//!
//! An index directory holds tantivy's files plus `fahras.json`, which records the layout
//! version. Analyzers are registered on every open because tantivy does not persist them.

pub mod check;
pub mod crash_point;
pub mod damage;
mod directory;
pub mod dups;
pub mod every;
pub mod files;
pub mod lookup;
pub mod manifest;
mod merges;
pub mod near;
pub mod packed;
pub(crate) mod queue;
pub mod schema;
pub mod stats;
pub mod stored;
mod writer;

pub use schema::Fields;
pub use writer::ArticleWriter;

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{Index, IndexSettings};

use crate::analysis;
use directory::IndexDirectory;

/// Version of the index layout this build reads and writes. Bumped whenever the schema or the
/// analysis changes so that an old index cannot silently return wrong results.
/// 2: date and path became fast fields (`--sort date`, `--trec`); the stemmer keeps a lone و;
/// the body fields index the title too; more stop words.
/// 3: the exact fields keep no positions; the file manifest is zstd-compressed.
/// 4: the stemmer reads ت before the pronoun ها as ة (عاصمتها stems like عاصمة).
/// 5: title and body are stored once, packed (`title_text`, `body_text`).
/// 6: the stemmer keeps ان and ين on four-letter words (سكان, امين).
/// 7: the exact fields are analyzed by `fahras_exact_distinct` and keep no field lengths.
/// 8: a DOCNO is stored once, as "" for "the id", and not indexed; the store is zstd-2.
/// 9: title and body keep words as written (folded), no stems; no exact fields.
/// 10: source and author are fast fields, whole as written (`fahras count`); near-duplicate
///     signatures (`near_sig`, fast) and their LSH bands (`near_bands`).
/// 11: the near-duplicate signature is a one-permutation MinHash; 12 bands instead of 16.
pub const FORMAT_VERSION: u32 = 11;

/// zstd level and block size of the document store (BENCHMARKS.md, "The document store"). On
/// the packed text of the ANT corpus zstd-2 compresses the store's blocks in a third of the
/// time zstd-6 takes (0.27 against 0.85 CPU seconds), for 6% more bytes (21.2 MB against 20.0);
/// storing each DOCNO once and building fewer segments (`writer::WRITER_MEMORY_BYTES`) pay for
/// those bytes. zstd-3 is both larger and slower than zstd-2 at this block size. Over 128 KiB
/// blocks a one-shot search, which decompresses one block per hit shown, takes about 1 ms more
/// than over 64 KiB, but the index is smaller.
const DOCSTORE_ZSTD_LEVEL: i32 = 2;
const DOCSTORE_BLOCK_BYTES: usize = 128 * 1024;
/// Memory a searcher may keep decompressed blocks of stored documents in, over all segments.
/// A batch of queries reads the same blocks again and again (the ANT index has about 870, and
/// 2,000 headline queries read 20,000 articles), so keeping most of them takes a quarter off
/// such a batch; a total, not tantivy's 100 blocks per segment, keeps an index of many segments
/// from holding hundreds of megabytes (BENCHMARKS.md, "Block caches").
const DOCSTORE_CACHE_BYTES: usize = 96 << 20;

const MARKER_FILE: &str = "fahras.json";

#[derive(Debug, Serialize, Deserialize)]
struct Marker {
    format_version: u32,
}

/// An open index with its field handles.
pub struct ArticleIndex {
    pub index: Index,
    pub fields: Fields,
    pub dir: PathBuf,
}

impl ArticleIndex {
    /// A searcher over the last commit. The reader never reloads by itself: one command sees
    /// one consistent state of the index. Stored articles are read through
    /// [`Self::stored_articles`], so the searcher's own document stores keep no block.
    pub fn searcher(&self) -> Result<tantivy::Searcher> {
        let reader: tantivy::IndexReader = self
            .index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .doc_store_cache_num_blocks(0)
            .try_into()
            .map_err(|err| damage::damaged(&self.dir, err))?;
        Ok(reader.searcher())
    }

    /// The stored articles of `searcher`'s segments. [`BlockCache::Shared`] suits many reads
    /// (a batch of queries); a command that reads a few articles keeps fewer blocks.
    pub fn stored_articles(
        &self,
        searcher: &tantivy::Searcher,
        cache: BlockCache,
    ) -> Result<stored::StoredArticles> {
        let blocks = match cache {
            BlockCache::Shared => {
                let segments = searcher.segment_readers().len().max(1);
                DOCSTORE_CACHE_BYTES / DOCSTORE_BLOCK_BYTES / segments
            }
            BlockCache::PerSegment(blocks) => blocks,
        };
        stored::StoredArticles::open(searcher, self.fields, blocks)
    }
}

/// How many decompressed blocks of stored documents a reader keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockCache {
    /// `DOCSTORE_CACHE_BYTES` shared out over the segments.
    Shared,
    /// This many in each segment.
    PerSegment(usize),
}

/// A new index in a temporary folder holding `articles`, committed once.
#[cfg(test)]
pub(crate) fn index_with(
    articles: &[crate::article::Article],
) -> (tempfile::TempDir, ArticleIndex) {
    let dir = tempfile::tempdir().unwrap();
    let index = open_or_create(dir.path()).unwrap();
    let mut writer = ArticleWriter::new(&index, 1, false).unwrap();
    for article in articles {
        writer.upsert(article).unwrap();
    }
    writer.commit().unwrap();
    writer.finish().unwrap();
    (dir, index)
}

/// Where the index lives when neither `--index` nor `FAHRAS_INDEX` says.
pub fn default_dir() -> Option<PathBuf> {
    let data_home = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|home| PathBuf::from(home).join(".local").join("share"))
        })?;
    Some(data_home.join("fahras").join("index"))
}

fn has_index(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

fn check_marker(dir: &Path) -> Result<()> {
    let marker_path = dir.join(MARKER_FILE);
    let text = fs::read_to_string(&marker_path).with_context(|| {
        format!(
            "{} is not a fahras index (no {MARKER_FILE}); remove it or choose another --index",
            dir.display()
        )
    })?;
    let marker: Marker = serde_json::from_str(&text)
        .with_context(|| format!("corrupt {}", marker_path.display()))?;
    if marker.format_version != FORMAT_VERSION {
        bail!(
            "index {} has format version {}, this fahras reads version {FORMAT_VERSION}; \
             delete it and ingest again to rebuild it",
            dir.display(),
            marker.format_version
        );
    }
    Ok(())
}

fn wrap(index: Index, dir: &Path) -> Result<ArticleIndex> {
    analysis::register(index.tokenizers());
    let fields = Fields::resolve(&index.schema()).with_context(|| {
        format!(
            "index {} does not have the fields fahras expects; delete it and ingest again",
            dir.display()
        )
    })?;
    Ok(ArticleIndex {
        index,
        fields,
        dir: dir.to_path_buf(),
    })
}

/// Refuses an `--index` that names a file.
fn check_is_folder(dir: &Path) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        bail!(
            "--index {} is a file, not an index folder; choose a folder (a new one is created)",
            dir.display()
        );
    }
    Ok(())
}

/// Opens an existing index for searching.
pub fn open(dir: &Path) -> Result<ArticleIndex> {
    check_is_folder(dir)?;
    if !has_index(dir) {
        bail!(
            "no index at {}; create one with `fahras ingest DIR`",
            dir.display()
        );
    }
    check_marker(dir)?;
    let index = open_tantivy(dir)?;
    wrap(index, dir)
}

/// The tantivy index in `dir`, read through [`IndexDirectory`].
fn open_tantivy(dir: &Path) -> Result<Index> {
    let directory = IndexDirectory::open(dir).map_err(|err| damage::damaged(dir, err))?;
    Index::open(directory).map_err(|err| damage::damaged(dir, err))
}

/// Deletes the files tantivy wrote for segments no commit kept (a run that failed, a disk that
/// filled up). Needs the writer lock, so does nothing while an ingest runs.
pub fn remove_dead_files(dir: &Path) -> Result<()> {
    let index = open(dir)?;
    // tantivy's smallest budget; the writer indexes nothing.
    let writer: tantivy::IndexWriter = index.index.writer_with_num_threads(1, 15_000_000)?;
    writer.garbage_collect_files().wait()?;
    Ok(())
}

/// Refuses to create an index among files that are not one (a folder of articles, say).
fn check_can_create_in(dir: &Path) -> Result<()> {
    check_is_folder(dir)?;
    let has_other_files = fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some());
    if has_other_files && !dir.join(MARKER_FILE).exists() {
        bail!(
            "--index {} is a folder that is not a fahras index and not empty; choose a new or \
             empty folder for the index",
            dir.display()
        );
    }
    Ok(())
}

/// Storage settings of a new index. The stored text is most of an index's size; zstd over
/// larger blocks stores it in well under half the space of tantivy's default (lz4, 16 KiB)
/// at the cost of decompressing one block per displayed hit.
fn settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(DOCSTORE_ZSTD_LEVEL),
        }),
        docstore_blocksize: DOCSTORE_BLOCK_BYTES,
        ..IndexSettings::default()
    }
}

/// Opens the index at `dir`, creating the directory and an empty index if there is none.
pub fn open_or_create(dir: &Path) -> Result<ArticleIndex> {
    if has_index(dir) {
        return open(dir);
    }
    check_can_create_in(dir)?;
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let marker = serde_json::to_string(&Marker {
        format_version: FORMAT_VERSION,
    })?;
    // Written to a temporary name and renamed, so a crash never leaves half a marker.
    let temp = dir.join(format!("{MARKER_FILE}.tmp"));
    fs::write(&temp, marker + "\n")
        .and_then(|()| fs::rename(&temp, dir.join(MARKER_FILE)))
        .with_context(|| format!("cannot write {}", dir.join(MARKER_FILE).display()))?;
    let create = || Index::create(IndexDirectory::open(dir)?, schema::build(), settings());
    let index = create().with_context(|| format!("cannot create index in {}", dir.display()))?;
    wrap(index, dir)
}
