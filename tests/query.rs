//! The query language, batch queries and "did you mean", end to end.

use predicates::prelude::*;
use serde::Deserialize;

use crate::common::{seeded, Sandbox};

/// The "did you mean" record of the JSON Lines contract.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct JsonSuggestions {
    #[serde(default)]
    qid: Option<String>,
    query: String,
    did_you_mean: Vec<String>,
}

fn small_corpus() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.write(
        "c/damascus.txt",
        "أخبار العاصمة السورية اليوم\nوصل الوفد إلى دمشق صباحا ثم توجه إلى حلب",
    );
    sandbox.write(
        "c/aleppo.txt",
        "أخبار الشمال السوري اليوم\nقصف جديد على حلب وريفها الغربي",
    );
    sandbox.write(
        "c/minister.txt",
        "تصريحات رسمية في العاصمة\nقال وزير الخارجية إن المحادثات مستمرة",
    );
    sandbox.write(
        "c/un.txt",
        "بيان أممي جديد عن سوريا\nرحب المبعوث بالأمم المتحدة وقراراتها",
    );
    sandbox.ingest(&[&sandbox.dir.path().join("c")]);
    sandbox
}

fn names(sandbox: &Sandbox, query: &str) -> Vec<String> {
    let mut names = sandbox.hit_names(query);
    names.sort();
    names
}

#[test]
fn boolean_operators_and_parentheses() {
    let s = small_corpus();
    assert_eq!(names(&s, "دمشق OR حلب"), ["aleppo.txt", "damascus.txt"]);
    assert_eq!(names(&s, "دمشق AND حلب"), ["damascus.txt"]);
    assert_eq!(names(&s, "حلب -دمشق"), ["aleppo.txt"]);
    assert_eq!(names(&s, "حلب AND NOT دمشق"), ["aleppo.txt"]);
    assert_eq!(names(&s, "(دمشق OR وزير) AND +الخارجية"), ["minister.txt"]);
}

#[test]
fn title_filter_searches_titles_only() {
    let s = small_corpus();
    // العاصمة is in two titles; الوفد only in a body
    assert_eq!(names(&s, "title:العاصمة"), ["damascus.txt", "minister.txt"]);
    assert!(names(&s, "title:الوفد").is_empty());
}

#[test]
fn phrase_matches_across_a_clitic() {
    let s = small_corpus();
    assert_eq!(names(&s, "\"الأمم المتحدة\""), ["un.txt"]);
    assert!(names(&s, "\"المتحدة الأمم\"").is_empty());
}

#[test]
fn wazir_does_not_match_zir() {
    let s = Sandbox::new();
    s.write("c/a.txt", "خبر قصير للاختبار\nقال وزير الخارجية كلاما");
    s.write("c/b.txt", "خبر قصير للاختبار\nصوت زير في السوق");
    s.ingest(&[&s.dir.path().join("c")]);
    assert_eq!(names(&s, "زير"), ["b.txt"]);
    assert_eq!(names(&s, "وزير"), ["a.txt"]);
}

#[test]
fn plain_mode_ignores_query_syntax() {
    let s = small_corpus();
    s.fahras().args(["search", "(دمشق"]).assert().code(2);
    assert_eq!(
        s.fahras()
            .args(["search", "--plain", "--json", "--", "(دمشق", "-حلب\""])
            .output()
            .unwrap()
            .stdout
            .iter()
            .filter(|&&b| b == b'\n')
            .count(),
        2,
        "both words are searched, neither excluded"
    );
}

#[test]
fn batch_queries_carry_their_ids() {
    let s = small_corpus();
    let file = s.write("q.tsv", "a1\tدمشق\n\nحلب AND NOT دمشق\n");
    let output = s
        .fahras()
        .args(["search", "--json", "--queries"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let qids: Vec<String> = text
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["qid"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    // a1 finds damascus.txt; line 3 (no id) finds aleppo.txt only
    assert_eq!(qids, ["a1", "3"]);
    // text mode: a header line per query; stdin works as a file
    s.fahras()
        .args(["search", "--queries", "-", "--trec"])
        .write_stdin("x\tوزير\n")
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"^x Q0 \S+minister\.txt 1 [0-9.]+ fahras\n$").unwrap());
    s.fahras()
        .args(["search", "--queries", "-"])
        .write_stdin("x\tوزير\ny\tحلب\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("[x] وزير\n1. "))
        .stdout(predicate::str::contains("[y] حلب\n1. "));
}

#[test]
fn a_parallel_batch_answers_in_query_order() {
    let s = small_corpus();
    let words = ["دمشق", "حلب", "وزير", "قسد", "دمشق حلب", "التحالف"];
    let lines: String = (0..200)
        .map(|i| format!("q{i}\t{}\n", words[i % words.len()]))
        .collect();
    let file = s.write("many.tsv", &lines);
    let run = |jobs: &str| {
        let output = s
            .fahras()
            .args(["search", "--json", "-j", jobs, "--queries"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(output.status.success(), "-j {jobs}");
        String::from_utf8(output.stdout).unwrap()
    };
    let serial = run("1");
    assert_eq!(run("4"), serial);
    // every query's records come together, in the order of the file
    let mut order: Vec<String> = Vec::new();
    for line in serial.lines() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        let qid = record["qid"].as_str().unwrap().to_string();
        if order.last() != Some(&qid) {
            order.push(qid);
        }
    }
    let numbers: Vec<usize> = order.iter().map(|q| q[1..].parse().unwrap()).collect();
    assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{numbers:?}");
    assert!(numbers.len() > 100, "{}", numbers.len());
}

#[test]
fn a_batch_on_a_pipe_answers_each_query_before_the_next_comes() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};
    use std::time::Duration;

    let s = small_corpus();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("fahras"))
        .env_clear()
        .env("HOME", s.dir.path())
        .arg("--index")
        .arg(s.index())
        .args(["search", "--json", "--queries", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    // lines are read on another thread, so a missing answer fails the test instead of hanging it
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    // like a program that writes a query and waits for its answer before writing the next
    for (qid, word, name) in [
        ("p1", "دمشق", "damascus.txt"),
        ("p2", "وزير", "minister.txt"),
    ] {
        writeln!(stdin, "{qid}\t{word}").unwrap();
        stdin.flush().unwrap();
        let line = rx
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("no answer to {qid} while the batch waits for more"));
        let record: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(record["qid"], qid);
        assert!(record["path"].as_str().unwrap().ends_with(name), "{line}");
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[test]
fn a_bad_query_in_a_batch_does_not_stop_it() {
    let s = small_corpus();
    s.fahras()
        .args(["search", "--json", "--queries", "-"])
        .write_stdin("b1\t(دمشق\nb2\tحلب\n")
        .assert()
        .code(2)
        .stdout(predicate::str::contains("\"qid\":\"b2\""))
        .stderr(predicate::str::starts_with(
            "fahras: query b1: invalid query",
        ));
}

#[test]
fn did_you_mean_in_json_and_on_stderr() {
    let s = small_corpus();
    let records = s.search_records("دمشك", 10);
    assert_eq!(records.len(), 1);
    let record: JsonSuggestions = serde_json::from_value(records[0].clone()).unwrap();
    assert_eq!(record.query, "دمشك");
    assert_eq!(record.did_you_mean[0], "دمشق");
    s.fahras()
        .args(["search", "دمشك"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("did you mean: دمشق"));
}

#[test]
fn a_misspelt_word_counts_when_another_word_is_found() {
    let s = small_corpus();
    // أخبار is in both news titles; دمشك is in no article, دمشق one edit away is
    assert_eq!(s.hit_names("أخبار دمشك"), ["damascus.txt", "aleppo.txt"]);
    // a required word means that very word, and a query of unknown words finds nothing
    for query in ["+دمشك أخبار", "دمشك"] {
        s.fahras()
            .args(["search", "-l", query])
            .assert()
            .code(1)
            .stdout("");
    }
}

#[test]
fn impossible_dates_are_refused_with_one_line_naming_them() {
    let s = seeded();
    for (flag, date) in [
        ("--since", "2018-02-30"),
        ("--until", "2018-13-01"),
        ("--since", "2019-02-29"),
        ("--until", "2018-00"),
    ] {
        s.fahras()
            .args(["search", "قسد", flag, date])
            .assert()
            .code(2)
            .stdout("")
            .stderr(format!(
                "fahras: invalid date \"{date}\": no such month or day\n"
            ));
    }
    // the same dates inside the query language
    for query in [
        "قسد date:[2018-02-30 TO *]",
        "قسد date:[2018 TO 2018-13-01]",
    ] {
        let out = s.fahras().args(["search", query]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{query}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains("invalid date \"2018-"), "{stderr}");
    }
    // a leap day that exists is a bound like any other
    s.fahras()
        .args(["search", "قسد", "--since", "2024-02-29"])
        .assert()
        .code(0);
}

#[test]
fn date_filters_and_sorting() {
    let s = seeded();
    // of the plain-text seeds only 001 has a date (its header line «الخميس - 2 مايو - 2024»)
    s.fahras()
        .args(["search", "قسد", "--since", "2000-01-01"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "001_d438872805faa861.txt · 2024-05-02",
        ))
        .stdout(predicate::str::contains("000_").not());
    s.fahras()
        .args(["search", "قسد", "--since", "2024-05-03"])
        .assert()
        .code(1);
    s.fahras()
        .args(["search", "قسد", "--until", "2018/01/01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid date"));
    let by_date = s
        .fahras()
        .args(["search", "--json", "--sort", "date", "قسد"])
        .output()
        .unwrap();
    assert!(by_date.status.success());
    assert_eq!(
        String::from_utf8(by_date.stdout).unwrap().lines().count(),
        5
    );
}
