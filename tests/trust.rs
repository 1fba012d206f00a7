//! An index that is damaged, read-only, misplaced or on a full disk: `fahras check` finds the
//! damage, and every other command fails with one line instead of a panic, or works.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use crate::common::{fixtures, Sandbox};

/// A sandbox whose index holds the seeds and TREC fixtures, written by one thread.
fn indexed() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox
        .fahras()
        .args(["ingest", "-q", "-j1"])
        .arg(fixtures().join("seeds"))
        .arg(fixtures().join("trec"))
        .assert()
        .success();
    sandbox
}

/// The largest segment file of the index with this extension.
fn segment_file(index: &Path, extension: &str) -> PathBuf {
    std::fs::read_dir(index)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == extension))
        .max_by_key(|path| std::fs::metadata(path).unwrap().len())
        .unwrap_or_else(|| panic!("no .{extension} file in {}", index.display()))
}

/// Flips bits in the second quarter of the file, leaving its footer whole: the damage only a
/// checksum sees.
fn flip_bytes(path: &Path) {
    let mut bytes = std::fs::read(path).unwrap();
    let len = bytes.len();
    for at in (len / 4..len / 2).step_by(7) {
        bytes[at] ^= 0xA5;
    }
    std::fs::write(path, bytes).unwrap();
}

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_damaged_segment_fails_with_one_line_never_a_panic() {
    for extension in ["term", "store", "fast", "idx"] {
        let sandbox = indexed();
        flip_bytes(&segment_file(&sandbox.index(), extension));
        let queries = sandbox.write("q.tsv", "q1\tسوريا\nq2\tالأمم المتحدة\nq3\tداعش\n");
        let runs: [Vec<&str>; 5] = [
            vec!["search", "سوريا"],
            vec!["search", "--sort", "date", "داعش"],
            vec!["stats"],
            vec!["search", "--trec", "--queries", queries.to_str().unwrap()],
            vec!["search", "--json", "-n", "20", "الأمم"],
        ];
        for args in runs {
            let output = sandbox.fahras().args(&args).output().unwrap();
            let stderr = stderr_of(&output);
            let code = output.status.code();
            assert!(
                matches!(code, Some(0..=2)) && !stderr.contains("panicked"),
                ".{extension} damaged, {args:?}: exit {code:?}, stderr {stderr}"
            );
            // A batch reports each query's error on its own line and goes on.
            if code == Some(2) && !args.contains(&"--queries") {
                assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
                assert!(stderr.contains("fahras check"), "{args:?}: {stderr}");
                assert!(
                    stderr.contains(&sandbox.index().display().to_string()),
                    "{stderr}"
                );
            }
        }
    }
    // The damage that used to panic search: a term dictionary. Every segment's, and all but
    // its last bytes, since the fixtures' articles may be spread over two segments and the
    // query's words may sit anywhere in a dictionary.
    let sandbox = indexed();
    for entry in std::fs::read_dir(sandbox.index()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "term") {
            let mut bytes = std::fs::read(&path).unwrap();
            let len = bytes.len();
            for at in (0..len.saturating_sub(64)).step_by(7) {
                bytes[at] ^= 0xA5;
            }
            std::fs::write(&path, bytes).unwrap();
        }
    }
    let output = sandbox.fahras().args(["search", "سوريا"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr_of(&output));
}

#[test]
fn check_finds_each_kind_of_damaged_segment_file() {
    let sound = indexed();
    let output = sound.fahras().arg("check").output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("is sound"), "{stdout}");
    assert!(stdout.contains("compared with 8 articles"), "{stdout}");

    for extension in ["term", "idx", "pos", "store", "fast", "fieldnorm"] {
        let sandbox = indexed();
        let damaged = segment_file(&sandbox.index(), extension);
        flip_bytes(&damaged);
        let output = sandbox.fahras().args(["check", "--json"]).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
        let records: Vec<serde_json::Value> = String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect();
        let name = damaged.file_name().unwrap().to_str().unwrap();
        assert_eq!(records.len(), 2, "{records:?}");
        assert_eq!(records[0]["file"], name);
        assert!(records[0]["remedy"].as_str().unwrap().contains("ingest"));
        assert_eq!(records[1]["sound"], false);
        assert!(records[1]["summary"]
            .as_str()
            .unwrap()
            .contains("1 problem"));
    }
}

#[test]
fn check_compares_the_manifest_and_reads_the_metadata() {
    let sandbox = indexed();
    let index = sandbox.index();
    std::fs::remove_file(index.join("fahras-files.json.zst")).unwrap();
    let output = sandbox.fahras().arg("check").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    // Eight files are in the index but no longer listed; each line says to ingest it again.
    let listed = stdout
        .lines()
        .filter(|l| l.contains("the manifest does not list it") && l.contains("fahras ingest"))
        .count();
    assert_eq!(listed, 8, "{stdout}");

    let sandbox = indexed();
    std::fs::write(sandbox.index().join("fahras-lines.json.zst"), b"not zstd").unwrap();
    std::fs::write(sandbox.index().join("fahras.json"), b"{").unwrap();
    let output = sandbox.fahras().arg("check").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("fahras-lines.json.zst: "), "{stdout}");
    assert!(stdout.contains("fahras.json: "), "{stdout}");
    assert!(stdout.contains("has 2 problems"), "{stdout}");

    let empty = Sandbox::new();
    let output = empty.fahras().arg("check").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).starts_with("fahras: no index at "));
}

#[test]
fn index_files_are_created_with_the_umask() {
    let sandbox = Sandbox::new();
    let binary = assert_cmd::cargo::cargo_bin("fahras");
    let status = Process::new("sh")
        .arg("-c")
        .arg("umask 022; exec \"$0\" --index \"$1\" ingest -q \"$2\"")
        .arg(&binary)
        .arg(sandbox.index())
        .arg(fixtures().join("seeds"))
        .status()
        .unwrap();
    assert!(status.success());
    for name in ["meta.json", ".managed.json", "fahras.json"] {
        let mode = std::fs::metadata(sandbox.index().join(name))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644, "{name}: {mode:o}");
    }
}

/// Runs the binary as the user `nobody` when this test runs as root (root ignores permission
/// bits, so a read-only index is only read-only to someone else), else as the current user.
fn as_unprivileged(index: &Path, args: &[&str]) -> Option<std::process::Output> {
    let root = Process::new("id").arg("-u").output().ok()?.stdout == b"0\n";
    let binary = assert_cmd::cargo::cargo_bin("fahras");
    let mut command = if root {
        let mut setpriv = Process::new("setpriv");
        setpriv.args(["--reuid=65534", "--regid=65534", "--clear-groups"]);
        setpriv.arg(binary);
        setpriv
    } else {
        Process::new(binary)
    };
    command.env_clear().env("HOME", "/nonexistent");
    command.arg("--index").arg(index).args(args);
    let output = command.output().ok()?;
    // setpriv missing or not permitted: no other user to test as.
    if root && String::from_utf8_lossy(&output.stderr).starts_with("setpriv:") {
        return None;
    }
    Some(output)
}

#[test]
fn a_read_only_index_is_searched_and_refuses_writes_at_once() {
    let sandbox = indexed();
    let index = sandbox.index();
    // Everyone may enter the sandbox; no one but root may write the index.
    std::fs::set_permissions(sandbox.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let status = Process::new("chmod")
        .args(["-R", "a-w"])
        .arg(&index)
        .status()
        .unwrap();
    assert!(status.success());
    let Some(search) = as_unprivileged(&index, &["search", "-l", "سوريا"]) else {
        eprintln!("skipped: cannot run fahras as another user (setpriv)");
        return;
    };
    assert_eq!(search.status.code(), Some(0), "{}", stderr_of(&search));
    let first = String::from_utf8(search.stdout).unwrap();
    let first = first.lines().next().unwrap().to_string();
    let show = as_unprivileged(&index, &["show", &first]).unwrap();
    assert_eq!(show.status.code(), Some(0), "{}", stderr_of(&show));
    let stats = as_unprivileged(&index, &["stats"]).unwrap();
    assert_eq!(stats.status.code(), Some(0), "{}", stderr_of(&stats));

    let seeds = fixtures().join("seeds");
    let seeds = seeds.to_str().unwrap();
    for args in [
        vec!["ingest", seeds],
        vec!["ingest", "--wait", seeds],
        vec!["rm", "--wait", seeds],
    ] {
        let started = std::time::Instant::now();
        let output = as_unprivileged(&index, &args).unwrap();
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("permission denied"), "{args:?}: {stderr}");
        assert!(!stderr.contains("locked"), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(started.elapsed().as_secs() < 10, "{args:?} waited");
    }
    // Let the sandbox be removed.
    Process::new("chmod")
        .args(["-R", "u+w"])
        .arg(&index)
        .status()
        .unwrap();
}

#[test]
fn an_index_option_naming_a_file_or_a_folder_of_articles_is_refused() {
    let sandbox = Sandbox::new();
    let file = sandbox.write("notes.txt", "سطر");
    let output = sandbox
        .bare()
        .arg("--index")
        .arg(&file)
        .args(["ingest", "-q"])
        .arg(fixtures().join("seeds"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("is a file, not an index folder"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1);

    let articles = sandbox.write("articles/a.txt", "خبر");
    let folder = articles.parent().unwrap();
    let output = sandbox
        .bare()
        .arg("--index")
        .arg(folder)
        .args(["ingest", "-q"])
        .arg(fixtures().join("seeds"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("not a fahras index and not empty"));
    let left: Vec<_> = std::fs::read_dir(folder).unwrap().collect();
    assert_eq!(left.len(), 1, "index files were written among the articles");
}
