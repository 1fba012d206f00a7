//! Incremental ingest: unchanged files are skipped by content hash, changed ones replaced,
//! vanished ones pruned; `fahras rm`; paths from stdin; quiet, verbose and the progress bar.

use predicates::prelude::*;

use crate::common::{fixtures, tty, Sandbox};

fn copy_seeds(sandbox: &Sandbox) -> std::path::PathBuf {
    let corpus = sandbox.dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    for entry in std::fs::read_dir(fixtures().join("seeds")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), corpus.join(entry.file_name())).unwrap();
    }
    corpus
}

fn ingest_stderr(sandbox: &Sandbox, args: &[&str], path: &std::path::Path) -> String {
    let output = sandbox
        .fahras()
        .arg("ingest")
        .args(args)
        .arg(path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stderr).unwrap()
}

#[test]
fn a_second_ingest_skips_unchanged_files_and_replaces_changed_ones() {
    let sandbox = Sandbox::new();
    let corpus = copy_seeds(&sandbox);
    let first = ingest_stderr(&sandbox, &[], &corpus);
    assert!(
        first.contains("5 files seen: 5 articles indexed"),
        "{first}"
    );

    // Touching a file changes its mtime, not its content: still unchanged.
    let seed = std::fs::read_dir(&corpus)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(&seed).unwrap();
    std::fs::write(&seed, &text).unwrap();
    let second = ingest_stderr(&sandbox, &[], &corpus);
    assert!(
        second.contains("5 files seen: 0 articles indexed, 0 skipped, 0 failed, 5 unchanged, 0 updated, 0 removed"),
        "{second}"
    );

    // A real edit replaces the article: the new word is found, the old copy is gone.
    let (head, rest) = text.split_once('\n').unwrap();
    let edited = format!(
        "{head}\nوقال شهود عيان إن الزلزال المدمر ضرب المنطقة فجر اليوم وألحق أضراراً بالمباني.\n{rest}"
    );
    std::fs::write(&seed, edited).unwrap();
    let third = ingest_stderr(&sandbox, &[], &corpus);
    assert!(
        third.contains("1 article indexed, 0 skipped, 0 failed, 4 unchanged, 1 updated"),
        "{third}"
    );
    let name = seed.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(sandbox.hit_names("الزلزال"), [name]);
    assert_eq!(
        sandbox.hit_names("قسد").len(),
        5,
        "one copy of each article"
    );
}

#[test]
fn prune_removes_the_articles_of_deleted_files_only_under_the_given_paths() {
    let sandbox = Sandbox::new();
    let corpus = copy_seeds(&sandbox);
    let elsewhere = sandbox.write("elsewhere/note.txt", "خبر عن مدينة تدمر الأثرية وآثارها");
    sandbox.ingest(&[&corpus, &elsewhere]);
    let victim = std::fs::read_dir(&corpus)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::remove_file(&victim).unwrap();

    // without --prune the article stays
    ingest_stderr(&sandbox, &[], &corpus);
    assert_eq!(sandbox.hit_names("قسد").len(), 5);

    let pruned = ingest_stderr(&sandbox, &["--prune"], &corpus);
    assert!(
        pruned.contains("4 unchanged, 0 updated, 1 removed"),
        "{pruned}"
    );
    assert_eq!(sandbox.hit_names("قسد").len(), 4);
    // a file outside the pruned folder is untouched
    assert_eq!(sandbox.hit_names("تدمر"), ["note.txt"]);
}

#[test]
fn rm_removes_files_folders_and_reports_what_matched_nothing() {
    let sandbox = Sandbox::new();
    let corpus = copy_seeds(&sandbox);
    sandbox.write("corpus/sub/a.txt", "خبر فرعي عن مدينة تدمر الأثرية");
    sandbox.ingest(&[&corpus]);
    let seed = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.is_file())
        .unwrap();
    sandbox
        .fahras()
        .arg("rm")
        .arg(&seed)
        .arg(corpus.join("sub"))
        .assert()
        .success()
        .stderr(predicate::str::contains("removed 2 articles (2 files)"));
    assert_eq!(sandbox.hit_names("قسد").len(), 4);
    assert!(sandbox.hit_names("تدمر").is_empty());
    // removed articles of an existing file come back with the next ingest
    sandbox.ingest(&[&corpus]);
    assert_eq!(sandbox.hit_names("قسد").len(), 5);

    sandbox
        .fahras()
        .args(["rm", "no-such-file.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no-such-file.txt: not in the index",
        ));
}

#[test]
fn paths_can_come_from_stdin_newline_or_nul_separated() {
    let sandbox = Sandbox::new();
    let a = sandbox.write("in/a.txt", "خبر أول عن مدينة تدمر الأثرية");
    let b = sandbox.write("in/b b.txt", "خبر ثان عن مدينة تدمر وآثارها");
    for (flag, separator) in [(None, "\n"), (Some("-0"), "\0")] {
        std::fs::remove_dir_all(sandbox.index()).ok();
        let mut cmd = sandbox.fahras();
        cmd.arg("ingest");
        if let Some(flag) = flag {
            cmd.arg(flag);
        }
        let list = format!("{}{separator}{}{separator}", a.display(), b.display());
        cmd.arg("-").write_stdin(list).assert().success();
        let mut names = sandbox.hit_names("تدمر");
        names.sort();
        assert_eq!(names, ["a.txt", "b b.txt"], "{flag:?}");
    }
}

#[test]
fn quiet_and_verbose() {
    let sandbox = Sandbox::new();
    let corpus = copy_seeds(&sandbox);
    // quiet: the summary line alone
    let quiet = ingest_stderr(&sandbox, &["-q"], &corpus);
    assert_eq!(quiet.lines().count(), 1, "{quiet}");
    assert!(
        quiet.contains("5 files seen: 5 articles indexed"),
        "{quiet}"
    );
    let verbose = ingest_stderr(&sandbox, &["-v"], &corpus);
    assert_eq!(verbose.matches(": unchanged").count(), 5, "{verbose}");
}

#[test]
fn a_progress_bar_only_on_a_terminal() {
    let sandbox = Sandbox::new();
    let corpus = copy_seeds(&sandbox);
    let corpus = corpus.to_str().unwrap();
    let term = [("TERM", "xterm-256color")];
    let on_tty = tty::run_stderr_on_tty(&sandbox, &["ingest", corpus], &term);
    assert_eq!(on_tty.code, Some(0));
    let screen = on_tty.screen_text();
    assert!(
        screen.contains("indexing") || screen.contains("scanning"),
        "{screen:?}"
    );
    assert!(screen.contains("5 files seen"));
    let quiet = tty::run_stderr_on_tty(&sandbox, &["ingest", "-q", corpus], &term);
    let screen = quiet.screen_text();
    assert!(
        !screen.contains("indexing") && !screen.contains("scanning"),
        "{screen:?}"
    );
    assert!(screen.contains("5 files seen"), "{screen:?}");
    // not a terminal: plain lines only
    let piped = ingest_stderr(&sandbox, &[], std::path::Path::new(corpus));
    assert!(
        !piped.contains("scanning") && !piped.contains('\r'),
        "{piped:?}"
    );
}
