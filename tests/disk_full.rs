//! An ingest that fills the disk: the error names the disk, not an article, and the files of
//! the failed run are removed, so the next run has the space back. Needs a small file system:
//! a tmpfs mounted for the test, which takes root (or CAP_SYS_ADMIN); the test says so and
//! passes where it cannot mount one.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use crate::common::{fixtures, Sandbox};

/// A tmpfs mounted at a folder, unmounted when dropped.
struct SmallDisk {
    at: PathBuf,
}

impl SmallDisk {
    fn mount(at: &Path, size: &str) -> Option<SmallDisk> {
        std::fs::create_dir_all(at).unwrap();
        let mounted = Process::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .output()
            .ok()?;
        mounted.status.success().then(|| SmallDisk {
            at: at.to_path_buf(),
        })
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Process::new("umount").arg(&self.at).status();
    }
}

/// `files` articles of made-up words: text that neither compresses nor repeats much, so the
/// index grows with it.
fn write_corpus(sandbox: &Sandbox, files: usize) -> PathBuf {
    let letters: Vec<char> = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي".chars().collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize % n
    };
    for file in 0..files {
        let mut text = String::new();
        for word in 0..1500 {
            for _ in 0..3 + next(5) {
                text.push(letters[next(letters.len())]);
            }
            text.push(if word % 15 == 14 { '\n' } else { ' ' });
        }
        sandbox.write(&format!("corpus/{file:04}.txt"), text);
    }
    sandbox.dir.path().join("corpus")
}

/// Bytes of the files in `dir`.
fn bytes_in(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().metadata().unwrap().len())
        .sum()
}

#[test]
fn a_full_disk_is_named_and_the_failed_run_leaves_no_files() {
    let sandbox = Sandbox::new();
    let Some(disk) = SmallDisk::mount(&sandbox.dir.path().join("disk"), "1M") else {
        eprintln!("skipped: cannot mount a tmpfs here (needs root)");
        return;
    };
    let corpus = write_corpus(&sandbox, 200);
    let index = disk.at.join("index");
    let run = |path: &Path| {
        sandbox
            .bare()
            .arg("--index")
            .arg(&index)
            .args(["ingest", "-q", "-j1"])
            .arg(path)
            .output()
            .unwrap()
    };
    let output = run(&corpus);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("the disk is full"), "{stderr}");
    assert!(
        !stderr.contains("corpus/"),
        "an article is blamed: {stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    // What is left is the empty index's few small files, not the failed run's segments.
    assert!(
        bytes_in(&index) < 16 * 1024,
        "{} bytes left",
        bytes_in(&index)
    );

    let output = run(&fixtures().join("seeds"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
