//! The index as the server sees it: the engine of its last commit, shared by the request
//! threads, and swapped for a new one when a commit lands.
//!
//! Each request looks at `meta.json` (one `stat`, microseconds): tantivy replaces it with a
//! rename at every commit, so a new inode, size or time means a new commit. Only then is the
//! reader reloaded and a new engine built; requests already running finish on the engine they
//! took, whose segment files stay mapped even once a merge deletes them.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::SystemTime;

use anyhow::Result;

use crate::index::ArticleIndex;
use crate::search::page::Follower;
use crate::search::Engine;

/// What tells one commit's `meta.json` from the next.
type Stamp = Option<(u64, u64, SystemTime)>;

fn stamp(meta: &Path) -> Stamp {
    let metadata = std::fs::metadata(meta).ok()?;
    Some((metadata.ino(), metadata.len(), metadata.modified().ok()?))
}

/// One commit's engine and the stamp of the `meta.json` it was built from.
pub struct Snapshot<'i> {
    stamp: Stamp,
    pub engine: Engine<'i>,
}

/// The engine of the last commit, for any number of request threads.
pub struct Library<'i> {
    meta: PathBuf,
    follower: Follower<'i>,
    current: RwLock<Arc<Snapshot<'i>>>,
    /// Held while a new engine is built, so that a burst of requests after a commit builds
    /// one.
    reloading: Mutex<()>,
}

impl<'i> Library<'i> {
    pub fn open(index: &'i ArticleIndex) -> Result<Library<'i>> {
        let meta = index.dir.join("meta.json");
        let follower = Follower::new(index)?;
        let stamp = stamp(&meta);
        let engine = follower.latest()?;
        Ok(Library {
            meta,
            follower,
            current: RwLock::new(Arc::new(Snapshot { stamp, engine })),
            reloading: Mutex::new(()),
        })
    }

    /// The engine of the last commit, built anew if a commit landed since the last request.
    pub fn engine(&self) -> Result<Arc<Snapshot<'i>>> {
        let now = stamp(&self.meta);
        let current = self.snapshot();
        if current.stamp == now {
            return Ok(current);
        }
        let _building = self
            .reloading
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let current = self.snapshot();
        if current.stamp == now {
            return Ok(current);
        }
        let fresh = Arc::new(Snapshot {
            stamp: now,
            engine: self.follower.latest()?,
        });
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = Arc::clone(&fresh);
        Ok(fresh)
    }

    fn snapshot(&self) -> Arc<Snapshot<'i>> {
        Arc::clone(&self.current.read().unwrap_or_else(PoisonError::into_inner))
    }
}
