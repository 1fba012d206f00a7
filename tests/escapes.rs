//! Names that users type reach the terminal escaped, on every path: `rm` arguments, the
//! `--index` path of "no index at", `--queries` ids in messages, and ids in `--trec` lines,
//! which go to stdout and must stay one run-file line each. Before every message went through
//! `messages`, these printed their ESC and BEL raw.

use crate::common::{seeded, Sandbox};

/// An OSC sequence that would retitle the terminal, and a right-to-left override.
const HOSTILE: &str = "evil\u{1b}]0;owned\u{7}\u{202E}";
const HOSTILE_SHOWN: &str = "evil\\u{1b}]0;owned\\u{7}\\u{202e}";

/// No control character (line breaks aside) and no bidi override.
fn assert_terminal_safe(text: &str) {
    let bad = text.chars().find(|&c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    });
    assert_eq!(bad, None, "unsafe character in {text:?}");
}

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn rm_arguments_are_escaped() {
    let sandbox = seeded();
    let target = sandbox.dir.path().join(HOSTILE);
    let output = sandbox.fahras().arg("rm").arg(&target).output().unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_terminal_safe(&stderr);
    assert!(
        stderr.contains(&format!("{HOSTILE_SHOWN}: not in the index")),
        "{stderr}"
    );
}

#[test]
fn a_missing_index_path_is_escaped() {
    let sandbox = Sandbox::new();
    let index = sandbox.dir.path().join(HOSTILE);
    for args in [&["search", "قسد"][..], &["stats"], &["rm", "/x"]] {
        let output = sandbox
            .bare()
            .arg("--index")
            .arg(&index)
            .args(args)
            .output()
            .unwrap();
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert_terminal_safe(&stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains("no index at"), "{stderr}");
        assert!(stderr.contains(HOSTILE_SHOWN), "{stderr}");
    }
}

#[test]
fn batch_ids_are_escaped_in_messages() {
    let sandbox = seeded();
    let queries = format!("{HOSTILE}\t(((\nok\tقسد\n");
    let output = sandbox
        .fahras()
        .args(["search", "--queries", "-"])
        .write_stdin(queries)
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_terminal_safe(&stderr);
    assert!(
        stderr.starts_with(&format!("fahras: query {HOSTILE_SHOWN}: invalid query")),
        "{stderr}"
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("[ok] قسد"), "{stdout}");
}

#[test]
fn trec_lines_refuse_ids_that_would_break_them() {
    let sandbox = seeded();
    // an escape sequence, a space (a TREC line's separator) and a carriage return
    let queries = format!("{HOSTILE}\tقسد\nq 2\tقسد\nq\r3\tقسد\nq4\tقسد\n");
    let output = sandbox
        .fahras()
        .args(["search", "--trec", "--queries", "-"])
        .write_stdin(queries)
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_terminal_safe(&stdout);
    assert!(!stdout.is_empty());
    for line in stdout.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(fields.len(), 6, "{line:?}");
        assert_eq!(fields[0], "q4", "{line:?}");
    }
    assert_terminal_safe(&stderr);
    let refused: Vec<&str> = stderr.lines().collect();
    assert_eq!(refused.len(), 3, "{stderr}");
    for (line, id) in refused.iter().zip([HOSTILE_SHOWN, "q 2", "q\\u{d}3"]) {
        assert!(
            line.starts_with(&format!("fahras: query {id}: not run: ")),
            "{line}"
        );
    }
}
