//! The identity of a file: its canonical path, so `./a.txt`, `/abs/a.txt` and a symlink to it
//! are one file with one set of articles.
//!
//! Both passes of an ingest ask it of every file, and `fs::canonicalize` (glibc's `realpath`)
//! resolves every component of the path afresh: on ANT that was 660,000 failed `readlink`
//! calls (`strace -c`). A corpus folder holds many files, so here the folder is resolved once
//! per run of files in it (per thread: the walk is in name order) and the file's name joined
//! to it; a file that is itself a symlink has its target resolved the same way.

use std::cell::RefCell;
use std::fs;
use std::path::{Path, PathBuf};

/// Symlinks followed from one file before leaving it to `fs::canonicalize`.
const MAX_LINKS: usize = 8;

/// The canonical path of `path`, or `path` itself if it cannot be resolved.
pub fn canonical(path: &Path) -> PathBuf {
    resolve(path, MAX_LINKS).unwrap_or_else(|| path.to_path_buf())
}

fn resolve(path: &Path, links_left: usize) -> Option<PathBuf> {
    let full = || fs::canonicalize(path).ok();
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return full();
    };
    if dir.as_os_str().is_empty() || links_left == 0 {
        return full();
    }
    let meta = fs::symlink_metadata(path).ok()?;
    let dir = canonical_dir(dir)?;
    if !meta.file_type().is_symlink() {
        return Some(dir.join(name));
    }
    // A relative target is relative to the folder the link is in.
    let target = dir.join(fs::read_link(path).ok()?);
    resolve(&target, links_left - 1)
}

/// `fs::canonicalize` of a folder, remembered for the next file in the same folder.
fn canonical_dir(dir: &Path) -> Option<PathBuf> {
    thread_local! {
        static LAST: RefCell<Option<(PathBuf, PathBuf)>> = const { RefCell::new(None) };
    }
    LAST.with_borrow_mut(|last| {
        if let Some((asked, resolved)) = last.as_ref() {
            if asked == dir {
                return Some(resolved.clone());
            }
        }
        let resolved = fs::canonicalize(dir).ok()?;
        *last = Some((dir.to_path_buf(), resolved.clone()));
        Some(resolved)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn resolves_like_fs_canonicalize() {
        use std::os::unix::fs::symlink;
        let root = tempfile::tempdir().unwrap();
        let real = root.path().join("real");
        fs::create_dir_all(real.join("sub")).unwrap();
        fs::write(real.join("a.txt"), "a").unwrap();
        fs::write(real.join("sub/b.txt"), "b").unwrap();
        symlink(&real, root.path().join("linked-dir")).unwrap();
        symlink("sub/b.txt", real.join("relative-link.txt")).unwrap();
        symlink(real.join("a.txt"), root.path().join("absolute-link.txt")).unwrap();
        symlink(
            "linked-dir/relative-link.txt",
            root.path().join("chain.txt"),
        )
        .unwrap();
        symlink("loop.txt", root.path().join("loop.txt")).unwrap();
        let paths = [
            real.join("a.txt"),
            real.join("sub/../a.txt"),
            root.path().join("linked-dir/a.txt"),
            root.path().join("linked-dir/sub/b.txt"),
            real.join("relative-link.txt"),
            root.path().join("linked-dir/relative-link.txt"),
            root.path().join("absolute-link.txt"),
            root.path().join("chain.txt"),
            // the same folder again, from the cache
            root.path().join("linked-dir/a.txt"),
        ];
        for path in &paths {
            assert_eq!(canonical(path), fs::canonicalize(path).unwrap(), "{path:?}");
        }
        // what cannot be resolved stays as it was given
        for path in [real.join("missing.txt"), root.path().join("loop.txt")] {
            assert!(fs::canonicalize(&path).is_err());
            assert_eq!(canonical(&path), path);
        }
    }
}
