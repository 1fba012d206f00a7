//! Queries too deep or too big to answer are refused with one line naming them, alone or in a
//! `--queries` batch, whose other queries are still answered. Before the limits, 10,000
//! nested parentheses aborted the process (exit 134, and with it a whole batch), and thousands
//! of phrases took gigabytes. The figures of a release build are in RELIABILITY.md.

use crate::common::Sandbox;

/// An article with a word (`marker`) found nowhere else.
fn article(marker: &str) -> String {
    format!(
        "تقرير عن {marker} في مدينة الرقة اليوم\n\
         قالت مصادر محلية إن {marker} وصل إلى المدينة صباح اليوم وسط إجراءات أمنية مشددة."
    )
}

fn sandbox() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.ingest(&[
        &sandbox.write("a.txt", article("الأول")),
        &sandbox.write("b.txt", article("الثاني")),
    ]);
    sandbox
}

/// Runs `search -` with `query` on stdin (a query can be longer than an argument may be), and
/// returns the exit status and stderr.
fn search_stdin(sandbox: &Sandbox, args: &[&str], query: &str) -> (Option<i32>, String) {
    let output = sandbox
        .fahras()
        .arg("search")
        .args(args)
        .arg("-")
        .write_stdin(query)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// Asserts that `query` is refused (exit 2) with one short line that quotes its start and
/// says why (`reason`).
fn assert_refused(sandbox: &Sandbox, args: &[&str], query: &str, reason: &str) {
    let (code, stderr) = search_stdin(sandbox, args, query);
    let shown: String = query.chars().take(30).collect();
    assert_eq!(code, Some(2), "{shown:?}: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "{shown:?}: {stderr}");
    // the query is quoted as Rust quotes a string, cut short
    let head: String = query.chars().take(20).collect();
    let head = format!("{head:?}");
    let head = &head[..head.len() - 1];
    assert!(
        stderr.starts_with(&format!("fahras: invalid query {head}")),
        "{stderr}"
    );
    assert!(stderr.contains(reason), "{shown:?}: {stderr}");
    assert!(stderr.chars().count() < 400, "{stderr}");
}

#[test]
fn deep_nesting_is_refused_not_a_stack_overflow() {
    let sandbox = sandbox();
    let parens = format!("{}الأول{}", "(".repeat(10_000), ")".repeat(10_000));
    assert_refused(&sandbox, &[], &parens, "10000 levels deep");
    let unbalanced = format!("{}الأول", "(".repeat(10_000));
    assert_refused(&sandbox, &[], &unbalanced, "10000 levels deep");
    let nots = format!("{}الأول", "NOT ".repeat(5_000));
    assert_refused(&sandbox, &["-c"], &nots, "5000 levels deep");
    // 32 levels are still a query
    let fine = format!("{}الأول{}", "(".repeat(32), ")".repeat(32));
    let (code, stderr) = search_stdin(&sandbox, &["-l"], &fine);
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
}

#[test]
fn huge_queries_are_refused_by_size() {
    let sandbox = sandbox();
    // 5,000 two-word phrases; 25,000 NOT terms; 300,000 characters of near misses
    let phrases = "\"مدينة الرقة\" ".repeat(5_000);
    assert_refused(&sandbox, &[], &phrases, "more than the 20000");
    let nots = format!("الأول {}", "NOT الرقة ".repeat(25_000));
    assert_refused(&sandbox, &["--json"], &nots, "25000 parentheses and NOTs");
    let long = "المدينز ".repeat(37_500);
    // (stdin's trailing space is not part of the query)
    assert_refused(&sandbox, &[], &long, "it has 299999 characters");
    assert_refused(&sandbox, &["--plain"], &long, "it has 299999 characters");
}

/// The `n`-th of many distinct made-up words: ز and three letters.
fn made_up(n: usize) -> String {
    let letters: Vec<char> = "بتثجحخدذرسشصضطظعغفقكلمنهوي".chars().collect();
    let k = letters.len();
    [
        'ز',
        letters[n % k],
        letters[n / k % k],
        letters[n / k / k % k],
    ]
    .iter()
    .collect()
}

#[test]
fn too_many_phrases_or_words_are_refused_below_the_length_limit() {
    let sandbox = sandbox();
    let phrases = |n: usize| {
        (0..n)
            .map(|i| format!("\"الرقة {}\" ", made_up(i)))
            .collect::<String>()
    };
    let (code, stderr) = search_stdin(&sandbox, &["-c"], &phrases(64));
    assert_eq!((code, stderr.as_str()), (Some(1), ""));
    assert_refused(&sandbox, &["-c"], &phrases(65), "more than the 64 phrases");
    // distinct words, so that the parser cannot merge them
    let words = |n: usize| (0..n).map(|i| made_up(i) + " ").collect::<String>();
    let (code, stderr) = search_stdin(&sandbox, &["-c"], &words(1024));
    assert_eq!((code, stderr.as_str()), (Some(1), ""));
    assert_refused(&sandbox, &["-c"], &words(1025), "more than the 1024 words");
    let excluded = format!(
        "الأول {}",
        (0..1100)
            .map(|i| format!("-{} ", made_up(i)))
            .collect::<String>()
    );
    assert_refused(&sandbox, &[], &excluded, "more than the 1024 words");
}

#[test]
fn a_long_did_you_mean_line_is_cut_short() {
    let sandbox = sandbox();
    // one word to respell, in a phrase of 1,000 words that all come back in the respelling
    let query = format!("\"المدينز {}\"", "الرقة ".repeat(1_000));
    let (code, stderr) = search_stdin(&sandbox, &[], &query);
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("did you mean: المدينه الرقه"), "{stderr}");
    assert!(stderr.chars().count() < 400, "{}", stderr.chars().count());
}

#[test]
fn a_refused_query_in_a_batch_is_reported_for_its_id_and_the_batch_goes_on() {
    let sandbox = sandbox();
    let deep = format!("{}الأول{}", "(".repeat(10_000), ")".repeat(10_000));
    let phrases = "\"مدينة الرقة\" ".repeat(5_000);
    let queries = format!("q1\tالأول\nq2\t{deep}\nq3\t{phrases}\nq4\tالثاني\n");
    for jobs in ["1", "2"] {
        let output = sandbox
            .fahras()
            .args(["search", "--trec", "-j", jobs, "--queries", "-"])
            .write_stdin(queries.clone())
            .output()
            .unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        let answered: Vec<&str> = stdout.lines().map(|l| &l[..2]).collect();
        assert_eq!(answered, ["q1", "q4"], "{stdout}");
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(lines.len(), 2, "{stderr}");
        assert!(lines[0].starts_with("fahras: query q2: invalid query \"((("));
        assert!(lines[0].contains("10000 levels deep"), "{}", lines[0]);
        assert!(lines[1].starts_with("fahras: query q3: invalid query \"\\\"مدينة"));
        assert!(lines.iter().all(|l| l.chars().count() < 400), "{stderr}");
    }
}
