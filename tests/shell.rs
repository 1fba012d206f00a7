//! Shell integration: completion scripts, the manual page, and help texts.

use std::process::Command as StdCommand;

use predicates::prelude::*;

use crate::common::Sandbox;

/// `fahras` with no environment at all: no HOME, so no place for an index either.
fn homeless() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("fahras").unwrap();
    cmd.env_clear();
    cmd
}

#[test]
fn completions_for_every_shell_know_the_subcommands_and_flags() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let output = homeless().args(["completions", shell]).output().unwrap();
        assert!(output.status.success(), "{shell}: {output:?}");
        assert!(output.stderr.is_empty());
        let script = String::from_utf8(output.stdout).unwrap();
        for word in ["search", "show", "stats", "files-with-matches", "offset"] {
            assert!(script.contains(word), "{shell} completion lacks {word}");
        }
    }
}

#[test]
fn bash_completion_is_valid_bash() {
    let sandbox = Sandbox::new();
    let output = homeless().args(["completions", "bash"]).output().unwrap();
    let script = sandbox.write("fahras.bash", output.stdout);
    let check = StdCommand::new("bash").arg("-n").arg(&script).output();
    let check = check.expect("bash is needed to check the completion script");
    assert!(check.status.success(), "{check:?}");
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    homeless()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("invalid value 'tcsh'"));
}

#[test]
fn man_prints_a_roff_page_documenting_the_commands() {
    let output = homeless().arg("man").output().unwrap();
    assert!(output.status.success());
    let page = String::from_utf8(output.stdout).unwrap();
    assert!(page.contains(".TH fahras 1"), "{page}");
    for name in ["ingest", "search", "show", "stats", "completions"] {
        assert!(page.contains(name), "page lacks {name}");
    }
}

#[test]
fn man_dir_writes_one_page_per_command() {
    let sandbox = Sandbox::new();
    let dir = sandbox.dir.path().join("man/man1");
    homeless()
        .arg("man")
        .arg("--dir")
        .arg(&dir)
        .assert()
        .success()
        .stdout("");
    for name in [
        "fahras",
        "fahras-ingest",
        "fahras-search",
        "fahras-show",
        "fahras-stats",
    ] {
        let page = std::fs::read_to_string(dir.join(format!("{name}.1"))).unwrap();
        assert!(page.contains(&format!(".TH {name} 1")), "{name}");
    }
    let search = std::fs::read_to_string(dir.join("fahras-search.1")).unwrap();
    assert!(search.contains(r"\-\-files\-with\-matches"));
}

#[test]
fn help_texts_carry_arabic_examples() {
    for (args, example) in [
        (&["--help"][..], "fahras search التحالف الدولي"),
        (&["search", "--help"], "fahras search -q دمشق"),
        (&["show", "--help"], "xargs -0 fahras show"),
        (&["stats", "--help"], "الامريكيه"),
    ] {
        homeless()
            .args(args)
            .assert()
            .success()
            .stdout(predicate::str::contains(example));
    }
}
