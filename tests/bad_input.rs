//! Bad input never stops a run: every problem is reported with its reason and counted, the
//! rest is indexed, and the exit status says whether every file could be read.

use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;

use predicates::prelude::*;

use crate::common::Sandbox;

const ARTICLE: &str = "قالت وزارة الصحة إن حملة التطعيم في الرقة ستبدأ الأسبوع المقبل وتشمل كل المدارس.\nوأضافت أن الفرق الطبية جاهزة للعمل في المدينة وريفها منذ أيام عدة.";

#[test]
fn empty_and_furniture_only_files_are_skipped_and_the_run_succeeds() {
    let sandbox = Sandbox::new();
    sandbox.write("corpus/good.txt", ARTICLE);
    sandbox.write("corpus/empty.txt", "");
    sandbox.write("corpus/blank.txt", " \n\t\r\n \u{00A0}\n");
    sandbox.write(
        "corpus/menu.txt",
        "اقرأ أيضاً\nمقالات ذات صلة\nجميع الحقوق محفوظة © 2024\n",
    );
    sandbox
        .fahras()
        .arg("ingest")
        .arg(sandbox.dir.path().join("corpus"))
        .assert()
        .success()
        .stderr(predicate::str::contains("empty.txt: skipped: no text"))
        .stderr(predicate::str::contains("blank.txt: skipped: no text"))
        .stderr(predicate::str::contains(
            "menu.txt: skipped: no article text left after cleaning",
        ))
        .stderr(predicate::str::contains(
            "4 files seen: 1 article indexed, 3 skipped, 0 failed",
        ));
    assert_eq!(sandbox.hit_names("الرقة"), ["good.txt"]);
}

#[test]
fn broken_symlinks_and_loops_fail_the_run_but_not_the_rest() {
    let sandbox = Sandbox::new();
    let corpus = sandbox.dir.path().join("corpus");
    sandbox.write("corpus/good.txt", ARTICLE);
    symlink(corpus.join("nowhere.txt"), corpus.join("dangling.txt")).unwrap();
    std::fs::create_dir(corpus.join("sub")).unwrap();
    symlink(&corpus, corpus.join("sub/loop")).unwrap();
    sandbox
        .fahras()
        .arg("ingest")
        .arg(&corpus)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "dangling.txt: No such file or directory",
        ))
        .stderr(predicate::str::contains("loop: symlink loop"))
        .stderr(predicate::str::contains(
            "3 files seen: 1 article indexed, 0 skipped, 2 failed",
        ));
    assert_eq!(sandbox.hit_names("الرقة"), ["good.txt"]);
}

#[test]
fn non_utf8_file_names_are_indexed_with_a_warning() {
    let sandbox = Sandbox::new();
    let corpus = sandbox.dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    std::fs::write(corpus.join(name), ARTICLE).unwrap();
    sandbox
        .fahras()
        .arg("ingest")
        .arg(&corpus)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "caf\u{FFFD}.txt: file name is not valid UTF-8",
        ))
        .stderr(predicate::str::contains("1 file seen: 1 article indexed"));
    assert_eq!(sandbox.hit_names("الرقة"), ["caf\u{FFFD}.txt"]);
}
