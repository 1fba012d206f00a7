//! Two processes on one index: a second ingest is refused (or waits with `--wait`) while the
//! first holds the writer lock, and searches keep answering from the last commit.
//!
//! The first ingest is held open deterministically by making it read a FIFO that the test
//! only writes to when it is ready.

use std::io::Write;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use predicates::prelude::*;

use crate::common::{fixtures, Sandbox};

fn spawn_ingest(sandbox: &Sandbox, extra: &[&str], path: &std::path::Path) -> Child {
    Command::new(assert_cmd::cargo::cargo_bin("fahras"))
        .env_clear()
        .env("HOME", sandbox.dir.path())
        .arg("--index")
        .arg(sandbox.index())
        .arg("ingest")
        .args(extra)
        .arg(path)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[cfg(target_os = "linux")]
/// Blocks until `child` has the index's writer lock file open. tantivy opens and locks it
/// before fahras reads any file, and a second ingest started earlier could win the race.
fn wait_for_writer_lock(child: &Child) {
    let fds = format!("/proc/{}/fd", child.id());
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let held = std::fs::read_dir(&fds)
            .into_iter()
            .flatten()
            .flatten()
            .any(|fd| {
                std::fs::read_link(fd.path())
                    .is_ok_and(|target| target.ends_with(".tantivy-writer.lock"))
            });
        if held {
            // the lock is taken right after the file is opened
            std::thread::sleep(Duration::from_millis(100));
            return;
        }
        assert!(
            Instant::now() < deadline,
            "first ingest never opened the lock"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[cfg(target_os = "linux")]
fn regex_escape(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let special = "\\.+*?()|[]{}^$".contains(c);
            special
                .then_some('\\')
                .into_iter()
                .chain(std::iter::once(c))
        })
        .collect()
}

#[cfg(target_os = "linux")]
#[test]
fn a_second_ingest_is_refused_while_searches_go_on() {
    let sandbox = Sandbox::new();
    sandbox.ingest(&[&fixtures().join("seeds")]);
    let fifo = sandbox.dir.path().join("pipe.txt");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let other = sandbox.write("other.txt", "خبر آخر عن مدينة الرقة وأهلها");

    let first = spawn_ingest(&sandbox, &[], &fifo);
    wait_for_writer_lock(&first);
    sandbox
        .fahras()
        .arg("ingest")
        .arg(&other)
        .assert()
        .code(2)
        .stderr(
            predicate::str::is_match(format!(
                "^fahras: index {} is locked by another fahras ingest; .*--wait\n$",
                regex_escape(&sandbox.index().display().to_string())
            ))
            .unwrap(),
        );

    // Searching still works, from the last commit.
    sandbox.fahras().args(["search", "قسد"]).assert().code(0);

    // A waiting ingest starts, announces that it waits, and finishes once the first is done.
    let mut waiting = spawn_ingest(&sandbox, &["--wait"], &other);
    std::thread::sleep(Duration::from_millis(500));
    assert!(waiting.try_wait().unwrap().is_none(), "--wait did not wait");

    let mut pipe = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    pipe.write_all("مقال من الأنبوب عن نهر الفرات\nنص المقال عن الفرات".as_bytes())
        .unwrap();
    drop(pipe);
    let mut first = first;
    assert!(first.wait().unwrap().success());
    let waited = waiting.wait_with_output().unwrap();
    assert!(waited.status.success());
    let stderr = String::from_utf8_lossy(&waited.stderr);
    assert!(stderr.contains("waiting for another ingest"), "{stderr}");

    assert_eq!(sandbox.hit_names("الأنبوب"), ["pipe.txt"]);
    sandbox
        .fahras()
        .args(["search", "الرقة"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("other.txt"));
}

#[test]
fn a_damaged_index_gives_one_clear_line() {
    let sandbox = Sandbox::new();
    sandbox.ingest(&[&fixtures().join("seeds")]);
    std::fs::write(sandbox.index().join("meta.json"), "{ not json").unwrap();
    sandbox
        .fahras()
        .args(["search", "قسد"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::is_match("^fahras: index .* is damaged .*run `fahras check`[^\n]*\n$")
                .unwrap(),
        );
}

#[test]
fn an_index_of_another_format_version_is_refused() {
    let sandbox = Sandbox::new();
    sandbox.ingest(&[&fixtures().join("seeds")]);
    std::fs::write(
        sandbox.index().join("fahras.json"),
        r#"{"format_version":999}"#,
    )
    .unwrap();
    sandbox
        .fahras()
        .args(["search", "قسد"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("format version 999"))
        .stderr(predicate::str::contains("ingest again"));
}

/// Opens the FIFO at `path` for writing once a reader has it open (a non-blocking open fails
/// with ENXIO until then), or panics after 30 seconds.
#[cfg(target_os = "linux")]
fn open_when_read(path: &std::path::Path, what: &str) -> std::fs::File {
    use std::os::unix::fs::OpenOptionsExt;
    const O_NONBLOCK: i32 = 0o4000; // Linux
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let opened = std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(O_NONBLOCK)
            .open(path);
        if let Ok(file) = opened {
            return file;
        }
        assert!(Instant::now() < deadline, "{what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[cfg(target_os = "linux")]
#[test]
fn the_lock_is_held_from_the_commit_until_the_manifest_is_saved() {
    let sandbox = Sandbox::new();
    let first_file = sandbox.write("news/a.txt", "خبر عن مدينة الرقة وأهلها في الصباح الباكر");
    let other = sandbox.write("other/b.txt", "خبر آخر عن نهر الفرات وجسوره القديمة");
    let gate = sandbox.dir.path().join("gate");
    assert!(Command::new("mkfifo")
        .arg(&gate)
        .status()
        .unwrap()
        .success());
    // The first ingest stops right after its commit, before it saves its manifest.
    let first = Command::new(assert_cmd::cargo::cargo_bin("fahras"))
        .env_clear()
        .env("HOME", sandbox.dir.path())
        .env(
            "FAHRAS_PAUSE_AFTER",
            format!("committed:{}", gate.display()),
        )
        .arg("--index")
        .arg(sandbox.index())
        .arg("ingest")
        .arg(first_file.parent().unwrap())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = open_when_read(&gate, "the first ingest never reached its commit");

    // Between its commit and its manifest, the index is still locked: neither an ingest nor an
    // rm may slip in (an rm --wait would have run here, and both wrote the same manifest).
    for args in [&["ingest"][..], &["rm"][..]] {
        sandbox
            .fahras()
            .args(args)
            .arg(&other)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "is locked by another fahras ingest",
            ));
    }

    pipe.write_all(b"go\n").unwrap();
    drop(pipe);
    let output = first.wait_with_output().unwrap();
    assert!(output.status.success(), "{output:?}");
    sandbox
        .fahras()
        .arg("ingest")
        .arg(&other)
        .assert()
        .success();
    assert_eq!(sandbox.hit_names("الفرات"), ["b.txt"]);
    assert_eq!(sandbox.hit_names("الرقة"), ["a.txt"]);
}
