//! A flaw in one record of a collection costs that record at most, never the file: a stray NUL
//! byte in one `<DOC>` or JSON record, with a warning naming the record.

use predicates::prelude::*;

use crate::common::Sandbox;

/// A TREC collection of `count` documents, `AL-1` to `AL-<count>`, each with a distinct word.
fn collection(count: usize) -> String {
    (1..=count)
        .map(|n| {
            format!(
                "<DOC>\n<DOCNO>AL-{n}</DOCNO>\n<TITLE>خبر رقم {n}</TITLE>\n<TEXT>\nقال الوزير في بيانه رقم {n} إن الحكومة ماضية في خططها.\n</TEXT>\n</DOC>\n"
            )
        })
        .collect()
}

/// `fahras clean --json` on `path`: the articles printed and the stderr.
fn clean(sandbox: &Sandbox, path: &std::path::Path) -> (Vec<serde_json::Value>, String) {
    let output = sandbox
        .fahras()
        .args(["clean", "--json"])
        .arg(path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let articles = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (articles, String::from_utf8(output.stderr).unwrap())
}

#[test]
fn a_stray_nul_in_one_trec_document_costs_no_article() {
    let sandbox = Sandbox::new();
    let text = collection(2000);
    // A NUL inside the word الحكومة of document AL-1234.
    let at = text.find("رقم 1234 إن الحكومة").unwrap() + "رقم 1234 إن الح".len();
    let mut bytes = text.into_bytes();
    bytes.insert(at, 0);
    let path = sandbox.write("corpus/al.txt", &bytes);

    let (articles, stderr) = clean(&sandbox, &path);
    assert_eq!(articles.len(), 2000, "{stderr}");
    let damaged = articles.iter().find(|a| a["docno"] == "AL-1234").unwrap();
    assert_eq!(
        damaged["body"],
        "قال الوزير في بيانه رقم 1234 إن الحكومة ماضية في خططها."
    );
    assert_eq!(
        stderr.trim_end(),
        format!("fahras: {} [AL-1234]: 1 NUL byte removed", path.display())
    );

    sandbox
        .fahras()
        .arg("ingest")
        .arg(&path)
        .assert()
        .success()
        .stderr(predicate::str::contains("[AL-1234]: 1 NUL byte removed"))
        .stderr(predicate::str::contains("2000 articles indexed"));
    assert_eq!(sandbox.search_json("الحكومة", 3000).len(), 2000);
}

#[test]
fn a_stray_nul_in_a_json_record_is_removed_from_that_record_only() {
    let sandbox = Sandbox::new();
    let array = "[{\"title\": \"أ\", \"text\": \"نص أول\"}, {\"title\": \"ب\", \"text\": \"نص\0 ثان\"}, {\"title\": \"ج\", \"text\": \"نص ثالث\"}]";
    let path = sandbox.write("a.json", array);
    let (articles, stderr) = clean(&sandbox, &path);
    let bodies: Vec<&str> = articles
        .iter()
        .map(|a| a["body"].as_str().unwrap())
        .collect();
    assert_eq!(bodies, ["نص أول", "نص ثان", "نص ثالث"]);
    assert_eq!(
        stderr.trim_end(),
        format!("fahras: {}#2: 1 NUL byte removed", path.display())
    );

    let second =
        "{\"title\": \"ب\", \"text\": \"قال الوزير في بيانه إن الحكومة ماضية في خططها\"}\n";
    let lines = format!(
        "{{\"title\": \"أ\", \"text\": \"نص\0\0 أول\"}}\n{}",
        second.repeat(3)
    );
    let path = sandbox.write("a.jsonl", lines);
    let (articles, stderr) = clean(&sandbox, &path);
    assert_eq!(articles.len(), 4);
    assert_eq!(articles[0]["body"], "نص أول");
    assert_eq!(
        stderr.trim_end(),
        format!("fahras: {}#1: 2 NUL bytes removed", path.display())
    );
}

#[test]
fn files_that_are_really_binary_are_still_skipped() {
    let sandbox = Sandbox::new();
    // NUL bytes in more than 1% of the file, or beside other control bytes.
    let dense = ["نص عربي ".as_bytes(), &[0u8; 4]].concat().repeat(50);
    sandbox.write("corpus/dense.txt", dense);
    let png = [
        &b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"[..],
        "نص عربي طويل بما يكفي".as_bytes(),
    ]
    .concat();
    sandbox.write("corpus/image.txt", png);
    let (articles, stderr) = clean(&sandbox, &sandbox.dir.path().join("corpus"));
    assert!(articles.is_empty(), "{articles:?}");
    assert!(
        stderr.contains("dense.txt: skipped: binary file (NUL byte at offset 14)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("image.txt: skipped: binary file (NUL byte at offset 8)"),
        "{stderr}"
    );
}
