//! The index is the truth, and a rerun after a kill converges: for each command that removes
//! or replaces articles (`ingest --prune`, `rm FOLDER`, an ingest of a file that became empty,
//! an ingest of changed files), the state a kill leaves at each point of the run is made, the
//! command is run again, and the index must hold exactly what an uninterrupted run on a copy
//! holds: the same articles, ids and text.
//!
//! A kill point is made two ways: with the test hook `FAHRAS_ABORT_AFTER` (see
//! `index::crash_point`), and by hand, restoring the index as it was before the command while
//! keeping the manifest the command saved (what a kill between the manifest save and the commit
//! leaves, for commands whose manifest is the same before and after their commit).

use std::path::{Path, PathBuf};

use crate::common::{fixtures, Sandbox};

/// The manifest's file name in an index directory.
const MANIFEST: &str = "fahras-files.json.zst";

/// A word every article of the test corpora holds.
const EVERYWHERE: &str = "قسد";

/// `fahras --index INDEX ARGS…` in the sandbox.
fn fahras_at(sandbox: &Sandbox, index: &Path) -> assert_cmd::Command {
    let mut cmd = sandbox.bare();
    cmd.arg("--index").arg(index);
    cmd
}

/// Every article of the index at `index` holding `word`, as `show --json` prints them, in path
/// order: what two runs must agree on.
pub(crate) fn articles_at(sandbox: &Sandbox, index: &Path, word: &str) -> String {
    let output = fahras_at(sandbox, index)
        .args(["search", "--all", "--json", "-n", "100000", "--", word])
        .output()
        .unwrap();
    let code = output.status.code();
    assert!(
        code == Some(0) || code == Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut paths: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| {
            let hit: serde_json::Value = serde_json::from_str(l).unwrap();
            hit["path"].as_str().map(str::to_string)
        })
        .collect();
    paths.sort();
    paths.dedup();
    if paths.is_empty() {
        return String::new();
    }
    let shown = fahras_at(sandbox, index)
        .args(["show", "--json"])
        .args(&paths)
        .output()
        .unwrap();
    assert!(shown.status.success());
    String::from_utf8(shown.stdout).unwrap()
}

/// Copies the files of the index directory `from` into `to` (created), except `skip`.
pub(crate) fn copy_index(from: &Path, to: &Path, skip: Option<&str>) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if skip.is_some_and(|s| name == s) || !entry.file_type().unwrap().is_file() {
            continue;
        }
        std::fs::copy(entry.path(), to.join(&name)).unwrap();
    }
}

/// Replaces the index directory `index` with `snapshot`, keeping `index`'s manifest.
fn restore_keeping_manifest(snapshot: &Path, index: &Path) {
    let manifest = std::fs::read(index.join(MANIFEST)).ok();
    std::fs::remove_dir_all(index).unwrap();
    copy_index(snapshot, index, Some(MANIFEST));
    match manifest {
        Some(bytes) => std::fs::write(index.join(MANIFEST), bytes).unwrap(),
        None => {
            let _ = std::fs::remove_file(index.join(MANIFEST));
        }
    }
}

/// How a kill is made.
#[derive(Debug, Clone, Copy)]
enum Kill {
    /// `FAHRAS_ABORT_AFTER=<point>`.
    Hook(&'static str),
    /// By hand: the index before the command, the manifest after it.
    ManifestSavedByHand,
}

/// A sandbox with the seeds copied into `corpus/a` and `corpus/b` and ingested.
fn ingested_corpus() -> (Sandbox, PathBuf) {
    let sandbox = Sandbox::new();
    let corpus = sandbox.dir.path().join("corpus");
    for (n, entry) in std::fs::read_dir(fixtures().join("seeds"))
        .unwrap()
        .enumerate()
    {
        let entry = entry.unwrap();
        let folder = corpus.join(if n % 2 == 0 { "a" } else { "b" });
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::copy(entry.path(), folder.join(entry.file_name())).unwrap();
    }
    sandbox.ingest(&[&corpus]);
    (sandbox, corpus)
}

/// Runs `args` killed as `kill` says, then again to completion, and checks the index against
/// the same command run once, uninterrupted, on a copy. `change` alters the corpus first. The
/// rerun must exit with `rerun_code`.
fn converges(kill: Kill, change: impl Fn(&Path), args: &[&str], rerun_code: i32) {
    let (sandbox, corpus) = ingested_corpus();
    let index = sandbox.index();
    let snapshot = sandbox.dir.path().join("snapshot");
    let reference = sandbox.dir.path().join("reference");
    copy_index(&index, &snapshot, None);
    copy_index(&index, &reference, None);
    change(&corpus);
    let args: Vec<String> = args
        .iter()
        .map(|a| a.replace("CORPUS", corpus.to_str().unwrap()))
        .collect();
    let uninterrupted = fahras_at(&sandbox, &reference)
        .args(&args)
        .output()
        .unwrap();
    assert!(uninterrupted.status.success(), "{uninterrupted:?}");

    match kill {
        Kill::Hook(point) => {
            let killed = sandbox
                .fahras()
                .env("FAHRAS_ABORT_AFTER", point)
                .args(&args)
                .output()
                .unwrap();
            assert!(!killed.status.success(), "{args:?} not aborted at {point}");
        }
        Kill::ManifestSavedByHand => {
            sandbox.fahras().args(&args).assert().success();
            restore_keeping_manifest(&snapshot, &index);
        }
    }
    let rerun = sandbox.fahras().args(&args).output().unwrap();
    assert_eq!(
        rerun.status.code(),
        Some(rerun_code),
        "{kill:?} {args:?}: {rerun:?}"
    );
    let expected = articles_at(&sandbox, &reference, EVERYWHERE);
    assert_eq!(
        articles_at(&sandbox, &index, EVERYWHERE),
        expected,
        "{kill:?} {args:?}"
    );
    // and the manifest agrees: a further ingest does the same on both
    let summary = |index: &Path| {
        let out = fahras_at(&sandbox, index)
            .arg("ingest")
            .arg(&corpus)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stderr).into_owned();
        text.split(" in ").next().unwrap().to_string()
    };
    assert_eq!(summary(&index), summary(&reference), "{kill:?} {args:?}");
    assert_eq!(
        articles_at(&sandbox, &index, EVERYWHERE),
        articles_at(&sandbox, &reference, EVERYWHERE),
        "{kill:?} {args:?}"
    );
}

const KILLS: [Kill; 3] = [
    Kill::ManifestSavedByHand,
    Kill::Hook("manifest-saved"),
    Kill::Hook("committed"),
];

/// The first seed file of `corpus/a`.
fn first_file(corpus: &Path) -> PathBuf {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus.join("a"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files.remove(0)
}

#[test]
fn a_killed_prune_converges_when_run_again() {
    for kill in KILLS {
        converges(
            kill,
            |corpus| std::fs::remove_file(first_file(corpus)).unwrap(),
            &["ingest", "--prune", "CORPUS"],
            0,
        );
    }
}

#[test]
fn a_killed_rm_of_a_folder_converges_when_run_again() {
    for kill in KILLS {
        // Killed after its commit, `rm` had removed everything: run again, it says that
        // nothing matched, as a second run of an uninterrupted `rm` does.
        let code = if matches!(kill, Kill::Hook("committed")) {
            1
        } else {
            0
        };
        converges(kill, |_| {}, &["rm", "CORPUS/b"], code);
    }
}

#[test]
fn a_killed_ingest_of_an_emptied_file_converges_when_run_again() {
    for kill in KILLS {
        converges(
            kill,
            |corpus| std::fs::write(first_file(corpus), "").unwrap(),
            &["ingest", "CORPUS"],
            0,
        );
    }
}

#[test]
fn a_killed_update_converges_when_run_again() {
    for kill in [Kill::Hook("manifest-saved"), Kill::Hook("committed")] {
        converges(
            kill,
            |corpus| {
                let file = first_file(corpus);
                let text = std::fs::read_to_string(&file).unwrap();
                let edited = text.replacen('\n', "\nوقال شهود إن الزلزال ضرب المنطقة.\n", 1);
                std::fs::write(file, edited).unwrap();
            },
            &["ingest", "CORPUS"],
            0,
        );
    }
}

#[test]
fn a_lost_meta_json_is_rebuilt_by_the_next_ingest() {
    let (sandbox, corpus) = ingested_corpus();
    std::fs::remove_file(sandbox.index().join("meta.json")).unwrap();
    sandbox.ingest(&[&corpus]);
    assert_eq!(sandbox.hit_names(EVERYWHERE).len(), 5);
}

#[test]
fn an_article_removed_by_docno_comes_back_with_the_next_ingest() {
    let sandbox = Sandbox::new();
    let trec = fixtures().join("trec");
    let two: Vec<u8> = ["JA-sport-10-20170120.txt", "JA-politic-360-20170202.txt"]
        .iter()
        .flat_map(|name| std::fs::read(trec.join(name)).unwrap())
        .collect();
    let file = sandbox.write("trec/two.txt", two);
    sandbox.ingest(&[&file]);
    let docno = "JA-sport-10-20170120";
    sandbox.fahras().args(["show", docno]).assert().success();
    sandbox.fahras().args(["rm", docno]).assert().success();
    sandbox.fahras().args(["show", docno]).assert().code(1);
    // the file is unchanged, but the index lacks one of its articles
    sandbox.ingest(&[&file]);
    sandbox.fahras().args(["show", docno]).assert().success();
    sandbox
        .fahras()
        .args(["show", "JA-politic-360-20170202"])
        .assert()
        .success();
}

#[test]
fn files_sharing_a_docno_are_unchanged_on_the_next_ingest() {
    // The index keeps one article per id, so one file holds fewer articles than it gave: the
    // manifest must expect what the index holds, or every ingest would redo a file.
    let sandbox = Sandbox::new();
    let trec = fixtures().join("trec").join("JA-sport-10-20170120.txt");
    let a = sandbox.write("dup/a.txt", std::fs::read(&trec).unwrap());
    sandbox.write("dup/b.txt", std::fs::read(&trec).unwrap());
    let folder = a.parent().unwrap();
    sandbox.ingest(&[folder]);
    let again = sandbox.fahras().arg("ingest").arg(folder).output().unwrap();
    let again = String::from_utf8_lossy(&again.stderr);
    assert!(
        again.contains("0 articles indexed, 0 skipped, 0 failed, 2 unchanged"),
        "{again}"
    );
}
