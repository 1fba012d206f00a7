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
    canonical_known(path, None)
}

/// [`canonical`], told whether `path` is itself a symlink when the caller knows (a walk reads
/// it from the folder's listing): one `lstat` fewer per file and pass.
pub fn canonical_known(path: &Path, link: Option<bool>) -> PathBuf {
    resolve(path, MAX_LINKS, link).unwrap_or_else(|| path.to_path_buf())
}

fn resolve(path: &Path, links_left: usize, link: Option<bool>) -> Option<PathBuf> {
    let full = || fs::canonicalize(path).ok();
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return full();
    };
    if dir.as_os_str().is_empty() || links_left == 0 {
        return full();
    }
    let link = match link {
        Some(link) => link,
        None => fs::symlink_metadata(path).ok()?.file_type().is_symlink(),
    };
    let dir = canonical_dir(dir)?;
    if !link {
        return Some(dir.join(name));
    }
    // A relative target is relative to the folder the link is in.
    let target = dir.join(fs::read_link(path).ok()?);
    resolve(&target, links_left - 1, None)
}

/// Folders remembered per thread. A file reached through a symlink resolves two folders (the
/// link's and its target's), so with one slot a folder of links emptied it at every file.
const REMEMBERED_DIRS: usize = 4;

/// `fs::canonicalize` of a folder, remembered for the next files in the same folder.
fn canonical_dir(dir: &Path) -> Option<PathBuf> {
    thread_local! {
        static RECENT: RefCell<RecentDirs> = const { RefCell::new(RecentDirs(Vec::new())) };
    }
    RECENT.with_borrow_mut(|recent| recent.resolve(dir, |dir| fs::canonicalize(dir).ok()))
}

/// The last few folders resolved, most recent first.
struct RecentDirs(Vec<(PathBuf, PathBuf)>);

impl RecentDirs {
    fn resolve(
        &mut self,
        dir: &Path,
        canonicalize: impl FnOnce(&Path) -> Option<PathBuf>,
    ) -> Option<PathBuf> {
        let recent = &mut self.0;
        if let Some(at) = recent.iter().position(|(asked, _)| asked == dir) {
            recent[..=at].rotate_right(1);
            return Some(recent[0].1.clone());
        }
        let resolved = canonicalize(dir)?;
        recent.truncate(REMEMBERED_DIRS - 1);
        recent.insert(0, (dir.to_path_buf(), resolved.clone()));
        Some(resolved)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_met_in_turn_are_resolved_once_each() {
        let mut recent = RecentDirs(Vec::new());
        let mut resolved = Vec::new();
        // a folder of links into two other folders, as the link and its target alternate
        let walk = [
            "links", "corpus/a", "links", "corpus/a", "links", "corpus/b", "links",
        ];
        for dir in walk {
            let got = recent.resolve(Path::new(dir), |dir| {
                resolved.push(dir.to_path_buf());
                Some(Path::new("/real").join(dir))
            });
            assert_eq!(got, Some(Path::new("/real").join(dir)));
        }
        assert_eq!(
            resolved,
            ["links", "corpus/a", "corpus/b"].map(PathBuf::from)
        );
        // it remembers four: after three more, the least recent is resolved again
        for dir in ["c1", "c2", "c3", "links", "corpus/b"] {
            recent.resolve(Path::new(dir), |dir| {
                resolved.push(dir.to_path_buf());
                Some(dir.to_path_buf())
            });
        }
        assert_eq!(
            resolved[3..],
            ["c1", "c2", "c3", "corpus/b"].map(PathBuf::from)
        );
    }

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
        // told by the walk which paths are links, it resolves every file the same way
        let mut walked = 0;
        super::super::walk::walk(&[root.path().to_path_buf()], &["txt".into()], |found| {
            if let super::super::walk::Found::File { path, link, .. } = found {
                assert!(link.is_some(), "{path:?}");
                let expected = fs::canonicalize(&path).unwrap();
                assert_eq!(canonical_known(&path, link), expected, "{path:?}");
                walked += 1;
            }
        });
        // a.txt, sub/b.txt and relative-link.txt, in real/ and through linked-dir/, and the
        // two links at the root
        assert_eq!(walked, 8);
    }
}
