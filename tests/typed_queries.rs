//! Queries as people type them (issue 27): an unquoted `-word`, a trailing `*`, a query of
//! only function words; the count line on a terminal, the query syntax in the manual, and
//! counts of one said in the singular.

use std::collections::BTreeSet;

use predicates::prelude::*;

use crate::common::{tty, Sandbox};

/// Articles whose words each test can name exactly: a title line (of three words or more, as
/// the cleaner wants a headline), a blank line, the body.
fn corpus() -> Sandbox {
    let sandbox = Sandbox::new();
    let articles = [
        (
            "damascus",
            "أخبار العاصمة اليوم\n\nوصل الوفد إلى دمشق صباحا من سوريا.",
        ),
        ("to-damascus", "وفد جديد يصل\n\nتوجه الوفد لدمشق أمس."),
        (
            "damascene",
            "مطبخ الشام الشهير\n\nالطبخ الدمشقي مشهور في سوريا والعراق.",
        ),
        ("damietta", "مدينة مصرية ساحلية\n\nدمياط على البحر."),
        (
            "iraq",
            "أخبار العراق اليوم\n\nاجتماع في بغداد عن سوريا والعراق.",
        ),
        (
            "minister",
            "تصريحات وزارية جديدة\n\nقال وزير الخارجية إن المحادثات مستمرة.",
        ),
        (
            "where",
            "إلى أين؟\n\nسؤال يطرحه الناس عن مستقبل المنطقة بعد الانتخابات.",
        ),
        (
            "why",
            "الاقتصاد اليوم والغد\n\nلا أحد يعرف لماذا ترتفع الأسعار كل شهر.",
        ),
    ];
    for (name, text) in articles {
        // a second paragraph, so that the cleaner reads the first line as the title
        let text = format!("{text}\nوتابع المراسل التطورات حتى المساء.");
        sandbox.write(&format!("c/{name}.txt"), text);
    }
    sandbox.ingest(&[&sandbox.dir.path().join("c")]);
    sandbox
}

/// The file names (without `.txt`) `search -l ARGS…` prints, and its exit status.
fn listed(sandbox: &Sandbox, args: &[&str]) -> (BTreeSet<String>, Option<i32>) {
    let output = sandbox
        .fahras()
        .arg("search")
        .arg("-l")
        .args(args)
        .output()
        .unwrap();
    let names = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|path| {
            path.rsplit('/')
                .next()
                .unwrap()
                .trim_end_matches(".txt")
                .to_string()
        })
        .collect();
    (names, output.status.code())
}

fn names(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|name| name.to_string()).collect()
}

#[test]
fn an_unquoted_dash_word_excludes_it() {
    let sandbox = corpus();
    let (found, code) = listed(&sandbox, &["سوريا", "-العراق"]);
    assert_eq!((found, code), (names(&["damascus"]), Some(0)));
    // options still work after the query, and before it
    let output = sandbox
        .fahras()
        .args(["search", "سوريا", "-العراق", "-n", "1", "--json"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(output.stdout).unwrap().lines().count(), 1);
    // an exclusion may come first
    let (found, _) = listed(&sandbox, &["-العراق", "سوريا"]);
    assert_eq!(found, names(&["damascus"]));
    // after --, a word such as -n is a query word: here one that only excludes
    sandbox
        .fahras()
        .args(["search", "--", "-n"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("it only excludes words"));
}

#[test]
fn a_trailing_star_finds_the_words_starting_with_it() {
    let sandbox = corpus();
    let expected = names(&["damascus", "to-damascus", "damascene"]);
    assert_eq!(listed(&sandbox, &["دمش*"]), (expected.clone(), Some(0)));
    assert_eq!(listed(&sandbox, &["body:دمش*"]).0, expected);
    assert_eq!(listed(&sandbox, &["title:دمش*"]).0, names(&[]));
    // two letters meet no one-letter proclitic: لدمشق is not a word starting with دم
    let short = names(&["damascus", "damascene"]);
    assert_eq!(listed(&sandbox, &["دم*", "-دمياط"]).0, short);
    // the last word of a phrase
    assert_eq!(
        listed(&sandbox, &["\"الوفد لدم*\""]).0,
        names(&["to-damascus"])
    );
    assert_eq!(
        listed(&sandbox, &["\"الطبخ الدمش\"*"]).0,
        names(&["damascene"])
    );
    // with --plain a * is not special
    assert_eq!(listed(&sandbox, &["--plain", "دمش*"]).1, Some(1));
    // a lone * is every article
    assert_eq!(listed(&sandbox, &["*"]).0.len(), 8);
}

#[test]
fn a_star_inside_a_word_is_refused_with_one_line() {
    let sandbox = corpus();
    for query in ["د*ق", "*دمشق", "\"الوفد * دمشق\""] {
        let output = sandbox.fahras().args(["search", query]).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{query}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains("only"), "{stderr}");
    }
}

#[test]
fn a_prefix_of_too_many_words_keeps_the_most_frequent_and_says_so() {
    let sandbox = Sandbox::new();
    // 1,005 words starting with كتب, each written with letters of its own
    let letters: Vec<char> = "بتثجحخدذرز".chars().collect();
    let words: Vec<String> = (0..1005)
        .map(|i: usize| {
            let digits = format!("{i:04}");
            let tail: String = digits
                .chars()
                .map(|d| letters[d.to_digit(10).unwrap() as usize])
                .collect();
            format!("كتب{tail}")
        })
        .collect();
    sandbox.write("c/many.txt", format!("كلمات كثيرة\n\n{}", words.join(" ")));
    // كتيب sorts after every كتب… word, but is in two articles: kept for its frequency
    sandbox.write("c/book.txt", "عنوان\n\nصدر كتيب عن التاريخ.");
    sandbox.write("c/book2.txt", "عنوان آخر\n\nكتيب جديد.");
    sandbox.ingest(&[&sandbox.dir.path().join("c")]);
    let output = sandbox
        .fahras()
        .args(["search", "-l", "كت*"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr,
        "fahras: note: كت* in query \"كت*\" matches 1,006 words; searching the 1,000 most \
         frequent\n"
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("book.txt") && stdout.contains("book2.txt"),
        "{stdout}"
    );
}

#[test]
fn a_query_of_function_words_finds_them_as_words() {
    let sandbox = corpus();
    assert_eq!(
        listed(&sandbox, &["title:\"إلى أين\""]).0,
        names(&["where"])
    );
    assert_eq!(listed(&sandbox, &["لماذا"]).0, names(&["why"]));
    // both articles hold إلى أين or إلى, in title or body
    assert_eq!(listed(&sandbox, &["إلى"]).0, names(&["damascus", "where"]));
    assert_eq!(listed(&sandbox, &["إلى", "-دمشق"]).0, names(&["where"]));
    sandbox
        .fahras()
        .args(["search", "-c", "\"إلى أين\""])
        .assert()
        .success()
        .stdout("1\n");
}

#[test]
fn a_terminal_gets_the_count_of_what_matched() {
    let sandbox = corpus();
    let out = tty::run(&sandbox, &["search", "-n", "2", "سوريا"], &[]);
    assert_eq!(out.code, Some(0));
    assert_eq!(out.stderr, "fahras: 2 of 3 articles\n");
    let out = tty::run(&sandbox, &["search", "--offset", "2", "سوريا"], &[]);
    assert_eq!(out.stderr, "fahras: 3 of 3 articles\n");
    let out = tty::run(&sandbox, &["search", "لماذا"], &[]);
    assert_eq!(out.stderr, "fahras: 1 of 1 article\n");
    // data only on a pipe, and with the other answers
    sandbox
        .fahras()
        .args(["search", "سوريا"])
        .assert()
        .success()
        .stderr("");
    for args in [["-c", "سوريا"], ["-l", "سوريا"], ["--json", "سوريا"]] {
        let mut all = vec!["search"];
        all.extend(args);
        assert_eq!(tty::run(&sandbox, &all, &[]).stderr, "", "{args:?}");
    }
}

#[test]
fn the_manual_lists_the_query_syntax() {
    let sandbox = Sandbox::new();
    let output = sandbox.bare().arg("man").output().unwrap();
    let page = String::from_utf8(output.stdout).unwrap();
    let section = page
        .split(".SH \"QUERY SYNTAX\"\n")
        .nth(1)
        .expect("a QUERY SYNTAX section");
    let section = &section[..section.find("\n.SH ").unwrap()];
    assert!(section.starts_with(".TP\n"), "{section}");
    assert!(
        section.contains(".TP\n\\fBword*\\fR\nwords starting with"),
        "{section}"
    );
    assert!(
        section.contains(".TP\n\\fB+word  \\-word\\fR\n"),
        "{section}"
    );
}

#[test]
fn counts_of_one_are_singular() {
    let sandbox = Sandbox::new();
    let one = sandbox.write("one.txt", "عنوان\n\nنص عن دمشق.");
    sandbox
        .fahras()
        .arg("ingest")
        .arg(&one)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "fahras: 1 file seen: 1 article indexed, 0 skipped",
        ));
    sandbox
        .fahras()
        .arg("rm")
        .arg(&one)
        .assert()
        .success()
        .stderr("fahras: removed 1 article (1 file)\n");
}
