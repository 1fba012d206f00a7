//! The README's quick start, followed literally: every command of its two shell blocks runs as
//! written (from the repository's root, `fahras` on the PATH, a fresh index) and succeeds, and
//! the searches find what the comments say. A README whose first screen fails when followed
//! is the first thing a new user meets.

use std::path::Path;
use std::process::Command;

use crate::common::Sandbox;

/// The shell commands of the README's "Quick start" section (both of its blocks), without
/// their comments.
fn quick_start_commands() -> Vec<String> {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let section = readme
        .split("\n## Quick start\n")
        .nth(1)
        .expect("a Quick start section")
        .split("\n## ")
        .next()
        .unwrap();
    let mut commands = Vec::new();
    let mut in_block = false;
    for line in section.lines() {
        if line.starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if in_block {
            let command = line.split("  #").next().unwrap().trim();
            if !command.is_empty() {
                commands.push(command.to_string());
            }
        }
    }
    commands
}

#[test]
fn the_quick_start_works_when_followed_literally() {
    let commands = quick_start_commands();
    assert!(
        commands.iter().any(|c| c.starts_with("fahras ingest")),
        "the quick start ingests: {commands:?}"
    );
    let sandbox = Sandbox::new();
    let binary = assert_cmd::cargo::cargo_bin("fahras");
    let path = format!(
        "{}:/usr/local/bin:/usr/bin:/bin",
        binary.parent().unwrap().display()
    );
    // One shell runs the whole block, so that its `export` holds for the commands after it;
    // `set -e -o pipefail` makes any failing command, inside a pipe too, fail the run.
    let script = format!("set -e -o pipefail\n{}\n", commands.join("\n"));
    let demo_index = sandbox.dir.path().join("fahras-demo");
    let script = script.replace("/tmp/fahras-demo", demo_index.to_str().unwrap());
    let has_jq = Command::new("sh")
        .args(["-c", "command -v jq"])
        .status()
        .is_ok_and(|status| status.success());
    let script = if has_jq {
        script
    } else {
        // jq is the user's tool, not ours: without it, its line ends at the pipe
        script.replace(" | jq -r .path", "")
    };
    let output = Command::new("bash")
        .args(["-c", &script])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_clear()
        .env("HOME", sandbox.dir.path())
        .env("PATH", path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the quick start failed:\n{script}\nstdout:\n{stdout}\nstderr:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // the searches found articles, and into the index the block named, not the default one
    assert!(stdout.contains("التحالف الدولي"), "{stdout}");
    assert!(demo_index.join("meta.json").is_file());
    assert!(!sandbox.dir.path().join(".local").exists());
}
