//! The folder an index lives in, as tantivy sees it: tantivy's memory-mapped directory with two
//! changes, so that an index can be shared and read where it cannot be written.
//!
//! - `meta.json` and `.managed.json` are written with the user's umask, like every other index
//!   file. tantivy writes them through a temporary file created mode 0600, which leaves an index
//!   in a shared folder unreadable by everyone but its owner.
//! - A reader takes tantivy's meta lock, which opens `.tantivy-meta.lock` for writing. Where the
//!   folder is read-only (`chmod -R a-w`, another user's index, a read-only mount) that open
//!   fails, and so did every search. The lock only keeps a writer's garbage collection from
//!   deleting files while a reader opens them; a reader that may not write the lock file goes
//!   on without it, as it would have to anyway. The writer's lock is never skipped: its
//!   failure reaches `ArticleWriter::new`, which names the permission problem.

use std::fs::Permissions;
use std::io::{self, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle,
    WritePtr, META_LOCK,
};

/// tantivy's [`MmapDirectory`], writing its metadata with the umask and reading without a lock
/// where it cannot take one.
#[derive(Debug, Clone)]
pub struct IndexDirectory {
    inner: MmapDirectory,
    root: PathBuf,
}

impl IndexDirectory {
    pub fn open(root: &Path) -> tantivy::Result<IndexDirectory> {
        Ok(IndexDirectory {
            inner: MmapDirectory::open(root)?,
            root: root.to_path_buf(),
        })
    }
}

/// Is this the error of a folder the process may not write?
pub fn is_not_writable(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
    )
}

/// Writes `data` to `path` atomically: a temporary file beside it (created 0666 less the
/// umask), synced, then renamed over it.
fn write_atomically(path: &Path, data: &[u8]) -> io::Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .permissions(Permissions::from_mode(0o666))
        .tempfile_in(folder)?;
    temp.write_all(data)?;
    temp.as_file().sync_data()?;
    temp.persist(path).map_err(|err| err.error)?;
    Ok(())
}

/// The lock a reader holds when it could not take the real one (see the module comment).
struct NoLock;

impl Directory for IndexDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        write_atomically(&self.root.join(path), data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            Err(LockError::IoError(err))
                if lock.filepath == META_LOCK.filepath && is_not_writable(&err) =>
            {
                Ok(DirectoryLock::from(Box::new(NoLock)))
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_is_written_with_the_umask_not_0600() {
        let dir = tempfile::tempdir().unwrap();
        let directory = IndexDirectory::open(dir.path()).unwrap();
        directory
            .atomic_write(Path::new("meta.json"), b"{}")
            .unwrap();
        let written = dir.path().join("meta.json");
        assert_eq!(std::fs::read(&written).unwrap(), b"{}");
        // The umask of a test run is unknown, but no umask clears the owner's bits, and
        // tantivy's 0600 clears every other bit: compare with a file std creates.
        let reference = dir.path().join("reference");
        std::fs::write(&reference, b"").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&written), mode(&reference));
    }
}
