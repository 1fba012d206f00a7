//! Finds the files to ingest under the paths the user named.
//!
//! Folders are walked recursively in name order (so runs are reproducible), following symlinks
//! with loop detection; a file named directly is taken whatever its extension or type, so a
//! FIFO or `/dev/stdin` works as it does for `cat`. A file inside a subfolder of a named
//! folder remembers that subfolder's name: `news/aljazeera/a.txt` walked from `news` belongs
//! to `aljazeera`, the source of last resort for plain-text articles.
//!
//! Inside folders a file is read for its name ([`wanted`]): its extension is one of the list
//! (`--ext`), or it is compressed and its name without `.gz` is (`x.json.gz`; a `.gz` with no
//! other extension, as Gigaword's `afp_eng_199405.gz`, too), or it is a `.zip`, whose members
//! are chosen by the same rule. The others are passed over, and counted.

use std::path::{Path, PathBuf};

use walkdir::{DirEntry, WalkDir};

/// Sorts a folder's entries by name: their paths' bytes, which are the folder's path, a `/` and
/// the name, as walkdir builds a child's path. `DirEntry::file_name` parses the path's
/// components instead, which the sort of a folder of thousands of files calls tens of times
/// per file (2% of an ingest's instructions on a folder of news pages).
#[cfg(unix)]
fn by_name(a: &DirEntry, b: &DirEntry) -> std::cmp::Ordering {
    use std::os::unix::ffi::OsStrExt;
    a.path()
        .as_os_str()
        .as_bytes()
        .cmp(b.path().as_os_str().as_bytes())
}

#[cfg(not(unix))]
fn by_name(a: &DirEntry, b: &DirEntry) -> std::cmp::Ordering {
    a.file_name().cmp(b.file_name())
}

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
    /// A file in a folder passed over for its name (see [`wanted`]).
    PassedOver {
        path: PathBuf,
    },
}

/// Does `path` end in one of `extensions` (compared without case, without the dot)?
pub fn has_extension(path: &Path, extensions: &[String]) -> bool {
    let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
        return false;
    };
    extensions.iter().any(|want| want.eq_ignore_ascii_case(ext))
}

/// Is a file named `path` read when met in a folder (or as a member of a zip)?
pub fn wanted(path: &Path, extensions: &[String]) -> bool {
    use crate::ingest::archive::{is_gz, is_zip};
    if is_zip(path) {
        return true;
    }
    if is_gz(path) {
        let inner = Path::new(path.file_stem().unwrap_or_default());
        return inner.extension().is_none()
            || has_extension(inner, extensions)
            || has_extension(path, extensions);
    }
    has_extension(path, extensions)
}

/// Walks every root, calling `visit` for each file read for its name (see [`wanted`]), each
/// file passed over and each error.
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
            .sort_by(by_name)
            .into_iter();
        for entry in walker {
            match entry {
                Ok(entry) if entry.file_type().is_file() => {
                    if !wanted(entry.path(), extensions) {
                        visit(Found::PassedOver {
                            path: entry.into_path(),
                        });
                    } else {
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
    fn compressed_files_are_wanted_for_the_name_inside_and_zips_always() {
        let exts = vec!["json".to_string(), "sgml".to_string()];
        let wanted = |name: &str| wanted(Path::new(name), &exts);
        assert!(wanted("a/2015-07-22.json.GZ"));
        assert!(wanted("a/afp_eng_199405.gz"));
        assert!(wanted("a/news.zip"));
        assert!(!wanted("a/backup.tar.gz"));
        assert!(!wanted("a/notes.md"));
        assert!(super::wanted(Path::new("a/b.tar.gz"), &["gz".to_string()]));
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
                Found::PassedOver { .. } => {}
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
