//! What reaches a terminal: colour choices, escaping of hostile text, and quiet broken pipes.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use predicates::prelude::*;

use crate::common::{seeded, tty, Sandbox};

const MATCH_COLOUR: &str = "\x1b[1;31m";

/// Environment, extra arguments, and whether the output should be coloured.
type ColourCase<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str], bool);

#[test]
fn a_terminal_gets_colour_unless_no_color_or_a_dumb_terminal() {
    let sandbox = seeded();
    let search = ["search", "قسد"];
    let cases: [ColourCase; 6] = [
        (&[("TERM", "xterm-256color")], &[], true),
        (&[], &[], true),
        (&[("NO_COLOR", "")], &[], true),
        (&[("NO_COLOR", "1")], &[], false),
        (&[("TERM", "dumb")], &[], false),
        (&[("TERM", "xterm")], &["--color", "never"], false),
    ];
    for (env, extra, coloured) in cases {
        let args: Vec<&str> = search.iter().chain(extra).copied().collect();
        let out = tty::run(&sandbox, &args, env);
        assert_eq!(out.code, Some(0), "{env:?}: {}", out.stderr);
        let screen = out.screen_text();
        assert!(screen.contains("قسد"), "{env:?}: {screen}");
        assert_eq!(
            screen.contains('\x1b'),
            coloured,
            "{env:?} {extra:?}: {screen:?}"
        );
        if coloured {
            assert!(screen.contains(MATCH_COLOUR));
        }
    }
}

#[test]
fn always_colours_even_a_pipe_and_a_dumb_terminal() {
    let sandbox = seeded();
    sandbox
        .fahras()
        .env("TERM", "dumb")
        .env("NO_COLOR", "1")
        .args(["search", "--color", "always", "قسد"])
        .assert()
        .stdout(predicate::str::contains(MATCH_COLOUR));
}

/// A file whose name carries an escape sequence (the text itself is cleaned at ingest, a name
/// is not) and a right-to-left override.
fn hostile_name(sandbox: &Sandbox) -> std::path::PathBuf {
    let file = sandbox.write(
        "news/evil\u{1b}]0;owned\u{7}\u{202E}txt.txt",
        "خبر عن قسد في الرقة اليوم\nقالت قسد إن المدينة هادئة",
    );
    sandbox.ingest(&[&file]);
    file
}

fn assert_defused(screen: &str) {
    // fahras's own colours start with ESC [; the name's ESC ] and BEL must not get through
    assert!(
        !screen.contains("\u{1b}]") && !screen.contains('\u{7}'),
        "{screen:?}"
    );
    assert!(!screen.contains('\u{202E}'), "{screen:?}");
    assert!(
        screen.contains("\\u{1b}]0;owned\\u{7}\\u{202e}txt.txt"),
        "{screen:?}"
    );
}

#[test]
fn hostile_names_are_escaped_in_every_text_output() {
    let sandbox = Sandbox::new();
    let file = hostile_name(&sandbox);
    let path = file.to_str().unwrap();
    for args in [
        &["search", "قسد"][..],
        &["search", "--color", "always", "قسد"],
        &["show", path],
    ] {
        let output = sandbox.fahras().args(args).output().unwrap();
        assert!(output.status.success(), "{args:?}");
        assert_defused(&String::from_utf8(output.stdout).unwrap());
    }
    assert_defused(&tty::run(&sandbox, &["search", "-l", "قسد"], &[]).screen_text());
}

#[test]
fn paths_go_to_pipes_byte_for_byte() {
    let sandbox = Sandbox::new();
    let file = hostile_name(&sandbox);
    let expected = file.canonicalize().unwrap();
    for (args, end) in [
        (&["search", "-l", "قسد"][..], "\n"),
        (&["search", "-l0", "قسد"], "\0"),
    ] {
        sandbox
            .fahras()
            .args(args)
            .assert()
            .success()
            .stdout(format!("{}{end}", expected.to_str().unwrap()));
    }
    // JSON escapes by its own rules, and a JSON reader gets the name back intact
    let hits = sandbox.search_json("قسد", 10);
    assert_eq!(hits[0]["path"], expected.to_str().unwrap());
}

/// Runs `args` with stdout on a pipe whose reader leaves after the first line, as `| head -1`.
fn read_one_line_then_leave(sandbox: &Sandbox, args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("fahras"))
        .env_clear()
        .env("HOME", sandbox.dir.path())
        .arg("--index")
        .arg(sandbox.index())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(!first.is_empty());
    let output = child.wait_with_output().unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn a_reader_that_leaves_early_ends_fahras_quietly() {
    // Far more output than a pipe buffers (64 KiB), so fahras is still writing when the
    // reader leaves.
    let sandbox = Sandbox::new();
    let paragraph = "قالت مصادر محلية إن قوات قسد انتشرت في أحياء مدينة الرقة اليوم. ";
    for i in 0..300 {
        sandbox.write(
            &format!("corpus/{i:03}.txt"),
            format!("تقرير رقم {i} عن قسد في الرقة\n{}", paragraph.repeat(40)),
        );
    }
    let big = sandbox.write(
        "big.txt",
        format!("تقرير طويل عن قسد\n{}", paragraph.repeat(3000)),
    );
    sandbox.ingest(&[&sandbox.dir.path().join("corpus"), &big]);
    let big = big.to_str().unwrap();
    for args in [
        // --all: the reports are near-copies of each other, which would fold into one hit
        &["search", "--all", "-n", "1000", "قسد"][..],
        &["search", "--all", "--json", "-n", "1000", "قسد"],
        &["show", big],
    ] {
        let whole = sandbox.fahras().args(args).output().unwrap();
        assert!(
            whole.stdout.len() > 128 * 1024,
            "{args:?}: too little output to fill a pipe"
        );
        let (code, stderr) = read_one_line_then_leave(&sandbox, args);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}
