//! Finds the files to ingest under the paths the user named.
//!
//! Folders are walked recursively in name order (so runs are reproducible), following symlinks
//! with loop detection; a file named directly is taken whatever its extension or type, so a
//! FIFO or `/dev/stdin` works as it does for `cat`. A file inside a subfolder of a named
//! folder remembers that subfolder's name: `news/aljazeera/a.txt` walked from `news` belongs
//! to `aljazeera`, the source of last resort for plain-text articles.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// One item of the walk: a file to read, or a reason something could not be walked.
#[derive(Debug)]
pub enum Found {
    File {
        path: PathBuf,
        /// The first folder below the walked root, if the file is not directly in it.
        site: Option<String>,
        /// Whether `path` is itself a symbolic link, if the walk knows: it does for a file
        /// found in a folder (from the folder's listing, no system call), not for a root.
        link: Option<bool>,
    },
    Error {
        path: PathBuf,
        reason: String,
    },
}

/// Does `path` end in one of `extensions` (compared without case, without the dot)?
pub fn has_extension(path: &Path, extensions: &[String]) -> bool {
    let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
        return false;
    };
    extensions.iter().any(|want| want.eq_ignore_ascii_case(ext))
}

/// Walks every root, calling `visit` for each file whose extension matches and each error.
pub fn walk(roots: &[PathBuf], extensions: &[String], mut visit: impl FnMut(Found)) {
    for root in roots {
        match std::fs::metadata(root) {
            Ok(meta) if !meta.is_dir() => {
                visit(Found::File {
                    path: root.clone(),
                    site: None,
                    link: None,
                });
                continue;
            }
            Ok(_) => {}
            Err(err) => {
                visit(Found::Error {
                    path: root.clone(),
                    reason: err.to_string(),
                });
                continue;
            }
        }
        let walker = WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        for entry in walker {
            match entry {
                Ok(entry) if entry.file_type().is_file() => {
                    if has_extension(entry.path(), extensions) {
                        let site = (entry.depth() >= 2)
                            .then(|| entry.path().strip_prefix(root).ok())
                            .flatten()
                            .and_then(|rel| rel.components().next())
                            .map(|c| c.as_os_str().to_string_lossy().into_owned());
                        visit(Found::File {
                            link: Some(entry.path_is_symlink()),
                            path: entry.into_path(),
                            site,
                        });
                    }
                }
                Ok(_) => {}
                Err(err) => {
                    let path = err
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| root.clone());
                    let reason = if err.loop_ancestor().is_some() {
                        "symlink loop".to_string()
                    } else {
                        err.io_error()
                            .map(|e| e.to_string())
                            .unwrap_or_else(|| err.to_string())
                    };
                    visit(Found::Error { path, reason });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_match_ignores_case() {
        let exts = vec!["txt".to_string()];
        assert!(has_extension(Path::new("a/b.TXT"), &exts));
        assert!(!has_extension(Path::new("a/b.md"), &exts));
        assert!(!has_extension(Path::new("a/txt"), &exts));
    }

    #[test]
    fn walks_in_name_order_and_reports_missing_roots() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("b.txt"), "b").unwrap();
        std::fs::write(dir.path().join("sub/a.txt"), "a").unwrap();
        std::fs::write(dir.path().join("c.md"), "c").unwrap();
        let missing = dir.path().join("missing");
        let mut files = Vec::new();
        let mut errors = Vec::new();
        walk(
            &[dir.path().to_path_buf(), missing.clone()],
            &["txt".to_string()],
            |found| match found {
                Found::File { path, site, .. } => files.push((path, site)),
                Found::Error { path, .. } => errors.push(path),
            },
        );
        assert_eq!(
            files,
            [
                (dir.path().join("b.txt"), None),
                (dir.path().join("sub/a.txt"), Some("sub".to_string()))
            ]
        );
        assert_eq!(errors, [missing]);
    }
}
