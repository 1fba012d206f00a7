//! The output modes of `fahras search`: paging, paths, counts, quiet, formats, stdin queries.

use std::path::Path;

use predicates::prelude::*;

use crate::common::{seeded, Sandbox};

/// A sandbox with `n` short articles that all mention الرقة, more than one page of results.
fn many(n: usize) -> Sandbox {
    let sandbox = Sandbox::new();
    for i in 0..n {
        // Different counts of the word give different scores, so the ranking is strict.
        let body = "أخبار الرقة اليوم ".repeat(i + 1);
        sandbox.write(
            &format!("corpus/{i:02}.txt"),
            format!("تقرير رقم {i} عن مدينة الرقة\n{body}"),
        );
    }
    sandbox.ingest(&[&sandbox.dir.path().join("corpus")]);
    sandbox
}

/// Every hit, in rank order: the articles of [`many`] are near-copies of each other (the same
/// three words repeated), which a search folds without `--all`.
fn every_copy(sandbox: &Sandbox) -> Vec<String> {
    let json =
        stdout_of(
            sandbox
                .fahras()
                .args(["search", "--all", "--json", "-n", "100", "الرقة"]),
        );
    paths_of(&records(&json))
}

fn stdout_of(cmd: &mut assert_cmd::Command) -> String {
    let output = cmd.output().unwrap();
    assert!(
        output.status.code() == Some(0) || output.status.code() == Some(1),
        "failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The JSON records of `--json` output, one per line.
fn records(json: &str) -> Vec<serde_json::Value> {
    json.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn paths_of(hits: &[serde_json::Value]) -> Vec<String> {
    hits.iter()
        .map(|h| h["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn files_with_matches_lists_every_match_in_rank_order() {
    let sandbox = many(13);
    let ranked = every_copy(&sandbox);
    assert_eq!(ranked.len(), 13);
    let listed = stdout_of(sandbox.fahras().args(["search", "-l", "الرقة"]));
    let listed: Vec<&str> = listed.lines().collect();
    // the default limit of 10 is for reading; -l is for pipelines and lists all
    assert_eq!(listed, ranked);
    let text = stdout_of(sandbox.fahras().args(["search", "--all", "الرقة"]));
    assert_eq!(text.lines().filter(|l| l.contains(".txt")).count(), 10);
}

#[test]
fn limit_and_offset_page_through_the_ranking() {
    let sandbox = many(13);
    let ranked = every_copy(&sandbox);
    let page = stdout_of(sandbox.fahras().args([
        "search",
        "--all",
        "--json",
        "-n",
        "4",
        "--offset",
        "3",
        "الرقة",
    ]));
    let page = records(&page);
    assert_eq!(paths_of(&page), ranked[3..7]);
    let ranks: Vec<u64> = page.iter().map(|h| h["rank"].as_u64().unwrap()).collect();
    assert_eq!(ranks, [4, 5, 6, 7], "ranks count the skipped hits");
    let listed = stdout_of(
        sandbox
            .fahras()
            .args(["search", "-l", "--offset", "11", "الرقة"]),
    );
    assert_eq!(listed.lines().collect::<Vec<_>>(), ranked[11..]);
    let limited = stdout_of(sandbox.fahras().args(["search", "-l", "-n", "2", "الرقة"]));
    assert_eq!(limited.lines().collect::<Vec<_>>(), ranked[..2]);
}

#[test]
fn an_offset_past_the_end_selects_nothing() {
    let sandbox = many(3);
    sandbox
        .fahras()
        .args(["search", "--offset", "3", "الرقة"])
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn count_is_the_real_total_not_the_page() {
    let sandbox = many(13);
    for args in [
        &["-c"][..],
        &["-c", "-n", "2"],
        &["--count", "--offset", "5"],
    ] {
        sandbox
            .fahras()
            .arg("search")
            .args(args)
            .arg("الرقة")
            .assert()
            .code(0)
            .stdout("13\n");
    }
    let seeded = seeded();
    let total = seeded.search_json("قسد", 1000).len();
    seeded
        .fahras()
        .args(["search", "-c", "قسد"])
        .assert()
        .code(0)
        .stdout(format!("{total}\n"));
    seeded
        .fahras()
        .args(["search", "-c", "كلمةغيرموجودة"])
        .assert()
        .code(1)
        .stdout("0\n");
}

#[test]
fn null_ends_each_path_with_nul() {
    let sandbox = seeded();
    let output = sandbox
        .fahras()
        .args(["search", "-l0", "قسد"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(!output.stdout.contains(&b'\n'));
    assert_eq!(output.stdout.last(), Some(&0));
    let paths: Vec<&[u8]> = output.stdout[..output.stdout.len() - 1]
        .split(|&b| b == 0)
        .collect();
    let expected = paths_of(&sandbox.search_json("قسد", 100));
    assert_eq!(paths.len(), expected.len());
    for (path, expected) in paths.iter().zip(&expected) {
        assert_eq!(*path, expected.as_bytes());
        assert!(Path::new(std::str::from_utf8(path).unwrap()).is_file());
    }
}

#[test]
fn null_needs_files_with_matches() {
    seeded()
        .fahras()
        .args(["search", "-0", "قسد"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("--files-with-matches"));
}

#[test]
fn quiet_prints_nothing_and_answers_with_the_exit_status() {
    let sandbox = seeded();
    for args in [
        &["-q"][..],
        &["--quiet", "-l"],
        &["-q", "--json"],
        &["-q", "-c"],
    ] {
        sandbox
            .fahras()
            .arg("search")
            .args(args)
            .arg("قسد")
            .assert()
            .code(0)
            .stdout("")
            .stderr("");
        sandbox
            .fahras()
            .arg("search")
            .args(args)
            .arg("كلمةغيرموجودة")
            .assert()
            .code(1)
            .stdout("")
            .stderr("");
    }
    // an error is still an error
    sandbox
        .fahras()
        .args(["search", "-q", "(قسد"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("fahras: invalid query"));
}

#[test]
fn format_json_and_json_are_the_same_and_the_last_one_wins() {
    let sandbox = seeded();
    let alias = stdout_of(sandbox.fahras().args(["search", "--json", "قسد"]));
    let long = stdout_of(sandbox.fahras().args(["search", "--format", "json", "قسد"]));
    assert_eq!(alias, long);
    assert_eq!(alias.lines().count(), 5);
    let text = stdout_of(sandbox.fahras().args(["search", "قسد"]));
    let overridden = stdout_of(
        sandbox
            .fahras()
            .args(["search", "--json", "--format", "text", "قسد"]),
    );
    assert_eq!(overridden, text);
    assert!(!text.starts_with('{'));
    let json_last = stdout_of(
        sandbox
            .fahras()
            .args(["search", "--format", "text", "--json", "قسد"]),
    );
    assert_eq!(json_last, alias);
}

#[test]
fn json_does_not_mix_with_summary_modes() {
    let sandbox = seeded();
    for args in [
        &["--json", "-l"][..],
        &["--format", "json", "-c"],
        &["--json", "--ids"],
    ] {
        sandbox
            .fahras()
            .arg("search")
            .args(args)
            .arg("قسد")
            .assert()
            .code(2)
            .stdout("")
            .stderr(
                "fahras: --json cannot be combined with -l/--files-with-matches, --ids or -c/--count\n",
            );
    }
}

#[test]
fn a_dash_reads_the_query_from_stdin() {
    let sandbox = seeded();
    let query = "\"التحالف الدولي\" -داعش";
    let direct = stdout_of(sandbox.fahras().args(["search", "--json", "--", query]));
    assert!(!direct.is_empty());
    let piped = stdout_of(
        sandbox
            .fahras()
            .args(["search", "--json", "-"])
            .write_stdin(format!("{query}\n")),
    );
    assert_eq!(piped, direct);
    sandbox
        .fahras()
        .args(["search", "-c", "-"])
        .write_stdin("\n")
        .assert()
        .code(2)
        .stderr("fahras: the query on stdin is empty\n");
}

#[test]
fn limit_must_be_positive() {
    seeded()
        .fahras()
        .args(["search", "-n", "0", "قسد"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("must be at least 1"));
}

#[test]
fn every_mode_reports_a_query_that_fails_when_run_as_invalid() {
    let sandbox = seeded();
    for mode in ["--json", "-c", "-l", "-q"] {
        sandbox
            .fahras()
            .args(["search", mode, "body:*"])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::starts_with(
                "fahras: invalid query \"body:*\": ",
            ));
    }
}

#[test]
fn files_with_matches_follow_the_date_order_too() {
    let sandbox = seeded();
    let listed = stdout_of(
        sandbox
            .fahras()
            .args(["search", "-l", "--sort", "date", "قسد"]),
    );
    let json = stdout_of(
        sandbox
            .fahras()
            .args(["search", "--json", "--sort", "date", "-n", "100", "قسد"]),
    );
    let hits: Vec<serde_json::Value> = records(&json)
        .into_iter()
        .filter(|record| record.get("rank").is_some())
        .collect();
    let listed: Vec<&str> = listed.lines().collect();
    assert!(listed.len() > 1);
    assert_eq!(listed, paths_of(&hits));
}
