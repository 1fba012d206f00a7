use predicates::prelude::*;

use crate::common::{fixtures, Sandbox};

#[test]
fn ingest_reports_a_summary_on_stderr_only() {
    let sandbox = Sandbox::new();
    sandbox
        .fahras()
        .arg("ingest")
        .arg(fixtures().join("seeds"))
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains(
            "5 files seen: 5 articles indexed, 0 skipped, 0 failed",
        ));
}

#[test]
fn ingesting_twice_keeps_one_copy_of_each_article() {
    let sandbox = Sandbox::new();
    let seeds = fixtures().join("seeds");
    sandbox.ingest(&[&seeds]);
    // the same files again, once through a different spelling of the path
    let dotted = seeds.join(".");
    sandbox.ingest(&[&seeds, &dotted]);
    assert_eq!(sandbox.hit_names("قسد").len(), 5);
}

#[test]
fn bad_files_are_reported_and_the_rest_indexed() {
    let sandbox = Sandbox::new();
    let corpus = sandbox.dir.path().join("corpus");
    sandbox.write(
        "corpus/good.txt",
        "خبر عن قوات سوريا الديمقراطية قسد في الرقة",
    );
    sandbox.write("corpus/empty.txt", "");
    sandbox.write("corpus/binary.txt", b"PK\x03\x04\x00\x00\x00");
    let mut bad_utf8 = "تقرير جديد عن التحالف الدولي في سوريا ".as_bytes().to_vec();
    bad_utf8.extend_from_slice(b"\xff\xfe");
    bad_utf8.extend_from_slice(" والعراق".as_bytes());
    sandbox.write("corpus/latin1.txt", bad_utf8);
    let missing = sandbox.dir.path().join("nowhere");
    sandbox
        .fahras()
        .arg("ingest")
        .arg(&corpus)
        .arg(&missing)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("empty.txt: skipped: no text"))
        .stderr(predicate::str::contains("binary.txt: skipped: binary file"))
        .stderr(predicate::str::contains(
            "latin1.txt: invalid UTF-8 at byte 69",
        ))
        .stderr(predicate::str::contains("nowhere"))
        .stderr(predicate::str::contains(
            "5 files seen: 2 articles indexed, 2 skipped, 1 failed",
        ));
    assert_eq!(sandbox.hit_names("قسد"), ["good.txt"]);
    assert_eq!(sandbox.hit_names("والعراق"), ["latin1.txt"]);
}

#[test]
fn extension_filter_applies_inside_folders_only() {
    let sandbox = Sandbox::new();
    sandbox.write("corpus/a.txt", "خبر أول عن الرقة");
    sandbox.write("corpus/b.md", "خبر ثان عن الرقة");
    let named = sandbox.write("c.news", "خبر ثالث عن الرقة");
    sandbox.ingest(&[&sandbox.dir.path().join("corpus"), &named]);
    let mut names = sandbox.hit_names("الرقة");
    names.sort();
    assert_eq!(names, ["a.txt", "c.news"]);
}
