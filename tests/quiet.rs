//! What ingest says about what it skipped: a line per skipped file and per skipped record,
//! and a summary whose counts agree with those lines; with `-q`, the summary alone, counting
//! the same. Before, records of a JSON file skipped one by one were reported but not counted
//! ("0 skipped"), and `-q` printed every skip line but no summary.

use crate::common::Sandbox;

const ARTICLE: &str = "قالت وزارة الصحة إن حملة التطعيم في الرقة ستبدأ الأسبوع المقبل.\nوأضافت أن الفرق الطبية جاهزة للعمل في المدينة وريفها منذ أيام عدة.";

/// A good text file, `empty` empty ones, a JSON Lines file of 3 good records and `blank`
/// records with no text, and one of only two blank records.
fn corpus(sandbox: &Sandbox, empty: usize, blank: usize) -> std::path::PathBuf {
    sandbox.write("corpus/good.txt", ARTICLE);
    for i in 0..empty {
        sandbox.write(&format!("corpus/empty{i}.txt"), "");
    }
    let good = |i: usize| format!("{{\"title\": \"خبر {i} عن الرقة\", \"body\": \"نص الخبر.\"}}\n");
    let mut records: String = (0..3).map(good).collect();
    records.push_str(&"{\"title\": \"\", \"body\": \" \"}\n".repeat(blank));
    sandbox.write("corpus/records.txt", records);
    sandbox.write(
        "corpus/blank.txt",
        "{\"title\": \"\", \"body\": \"\"}\n{\"body\": \" \"}\n",
    );
    sandbox.dir.path().join("corpus")
}

fn ingest(sandbox: &Sandbox, args: &[&str], corpus: &std::path::Path) -> String {
    let output = sandbox
        .fahras()
        .arg("ingest")
        .args(args)
        .arg(corpus)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    String::from_utf8(output.stderr).unwrap()
}

/// The summary line without its time.
fn summary(stderr: &str) -> &str {
    let line = stderr
        .lines()
        .find(|l| l.contains(" seen: "))
        .unwrap_or_else(|| panic!("no summary in {stderr:?}"));
    &line[..line.rfind(" in ").unwrap()]
}

#[test]
fn skipped_records_are_counted_as_they_are_reported() {
    let sandbox = Sandbox::new();
    let corpus = corpus(&sandbox, 4, 57);
    let stderr = ingest(&sandbox, &[], &corpus);
    let records = stderr
        .lines()
        .filter(|l| l.contains("records.txt") && l.contains(": skipped: "))
        .count();
    let files = stderr
        .lines()
        .filter(|l| !l.contains("records.txt") && l.contains(": skipped: "))
        .count();
    assert_eq!((records, files), (57, 5), "{stderr}");
    // a file whose every record is blank is one line, not one per record
    assert!(
        stderr.contains("blank.txt: skipped: none of its 2 records has article text left"),
        "{stderr}"
    );
    assert_eq!(
        summary(&stderr),
        "fahras: 7 files seen: 4 articles indexed, 5 skipped, 0 failed, 0 unchanged, \
         0 updated, 0 removed, 57 records skipped"
    );
    assert_eq!(stderr.lines().count(), 57 + 5 + 1, "{stderr}");
}

#[test]
fn quiet_keeps_only_the_summary_with_the_same_counts() {
    let loud = Sandbox::new();
    let quiet = Sandbox::new();
    let (loud_corpus, quiet_corpus) = (corpus(&loud, 200, 3), corpus(&quiet, 200, 3));
    let loud_stderr = ingest(&loud, &[], &loud_corpus);
    assert_eq!(loud_stderr.lines().count(), 200 + 1 + 3 + 1);
    for flag in ["-q", "--quiet"] {
        let quiet_stderr = ingest(&quiet, &[flag, "--prune"], &quiet_corpus);
        if flag == "-q" {
            assert_eq!(quiet_stderr.lines().count(), 1, "{quiet_stderr}");
            assert_eq!(summary(&quiet_stderr), summary(&loud_stderr));
        } else {
            // a second run: nothing changed, and still one line
            assert_eq!(quiet_stderr.lines().count(), 1, "{quiet_stderr}");
            assert!(
                quiet_stderr.contains("203 files seen: 0 articles indexed, 201 skipped"),
                "{quiet_stderr}"
            );
        }
    }
}
