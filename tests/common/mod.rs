//! Hermetic helpers for CLI tests: every command runs with an empty environment, a temporary
//! HOME and its own index, so nothing on the developer's machine leaks in or gets written.

#![allow(dead_code)]

pub mod tty;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The bundled fixtures directory.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// A sandbox with its own HOME and index directory.
pub struct Sandbox {
    pub dir: TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn index(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    /// `fahras --index <sandbox index> ARGS…` with the environment cleared.
    pub fn fahras(&self) -> Command {
        let mut cmd = self.bare();
        cmd.arg("--index").arg(self.index());
        cmd
    }

    /// `fahras` with a cleared environment and HOME in the sandbox, but no `--index`.
    pub fn bare(&self) -> Command {
        let mut cmd = Command::cargo_bin("fahras").expect("binary");
        cmd.env_clear().env("HOME", self.dir.path());
        cmd
    }

    /// Writes a file (creating folders) inside the sandbox and returns its path.
    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// Ingests `paths`, asserting success.
    pub fn ingest(&self, paths: &[&Path]) {
        self.fahras().arg("ingest").args(paths).assert().success();
    }

    /// Runs a JSON search and returns the parsed hits (not a "did you mean" record).
    pub fn search_json(&self, query: &str, limit: usize) -> Vec<serde_json::Value> {
        self.search_records(query, limit)
            .into_iter()
            .filter(|record| record.get("rank").is_some())
            .collect()
    }

    /// Runs a JSON search and returns every record it printed.
    pub fn search_records(&self, query: &str, limit: usize) -> Vec<serde_json::Value> {
        let output = self
            .fahras()
            .args(["search", "--json", "-n", &limit.to_string(), "--", query])
            .output()
            .unwrap();
        assert!(
            output.status.code() == Some(0) || output.status.code() == Some(1),
            "search {query:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).expect("JSON line"))
            .collect()
    }

    /// File names (not paths) of the hits of a JSON search, every copy of a story included
    /// (`--all`: which files match, not which stories).
    pub fn hit_names(&self, query: &str) -> Vec<String> {
        let output = self
            .fahras()
            .args(["search", "--all", "--json", "-n", "100", "--", query])
            .output()
            .unwrap();
        String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON line"))
            .filter(|record| record.get("rank").is_some())
            .collect::<Vec<_>>()
            .iter()
            .map(|hit| {
                Path::new(hit["path"].as_str().unwrap())
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
    }
}

/// A sandbox with the five seed articles ingested.
pub fn seeded() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.ingest(&[&fixtures().join("seeds")]);
    sandbox
}
