//! `fahras show` and `fahras stats`, and the JSON contracts of their records.

use std::path::Path;

use predicates::prelude::*;
use serde::Deserialize;

use crate::common::{fixtures, seeded, Sandbox};

/// The `show --json` contract: a field added or renamed without updating this fails the test.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonDocument {
    id: String,
    path: String,
    docno: Option<String>,
    title: String,
    date: Option<String>,
    source: Option<String>,
    author: Option<String>,
    body: String,
}

/// The `stats --json` contract.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonStats {
    index: String,
    documents: u64,
    segments: u64,
    disk_bytes: u64,
    first_date: Option<String>,
    last_date: Option<String>,
    sources: Vec<JsonSource>,
    terms: Vec<JsonTerm>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonSource {
    source: String,
    documents: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonTerm {
    term: String,
    documents: u64,
}

const TITLE: &str = "التحالف الدولي يزور مدينة الرقة";
const BODY: &str = "قال مصدر إن وفداً زار المدينة.\nوأضاف أن الزيارة استمرت يوماً.";

/// A sandbox with one article whose title and body the test knows.
fn one_article() -> (Sandbox, std::path::PathBuf) {
    let sandbox = Sandbox::new();
    let file = sandbox.write("news/raqqa.txt", format!("{TITLE}\n{BODY}\n"));
    sandbox.ingest(&[&file]);
    (sandbox, file.canonicalize().unwrap())
}

fn show_json(sandbox: &Sandbox, target: &Path) -> Vec<JsonDocument> {
    let output = sandbox
        .fahras()
        .args(["show", "--json"])
        .arg(target)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("show schema"))
        .collect()
}

#[test]
fn show_json_has_the_cleaned_article_and_its_metadata() {
    let (sandbox, file) = one_article();
    let docs = show_json(&sandbox, &file);
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(doc.title, TITLE);
    assert_eq!(doc.body, BODY, "one paragraph per line");
    assert_eq!(doc.path, file.to_str().unwrap());
    assert_eq!(doc.id, doc.path, "plain files are known by their path");
    assert_eq!(
        (&doc.docno, &doc.date, &doc.source, &doc.author),
        (&None, &None, &None, &None)
    );
}

#[test]
fn show_finds_an_article_by_id_or_by_any_spelling_of_its_path() {
    let (sandbox, file) = one_article();
    let id = show_json(&sandbox, &file)[0].id.clone();
    // the id, a relative path, a path with a detour, a path through a symlink
    let relative = sandbox
        .fahras()
        .current_dir(sandbox.dir.path().join("news"))
        .args(["show", "--json", "raqqa.txt"])
        .output()
        .unwrap();
    assert!(relative.status.success());
    let detour = sandbox.dir.path().join("news/../news/./raqqa.txt");
    let link = sandbox.dir.path().join("link");
    std::os::unix::fs::symlink(sandbox.dir.path().join("news"), &link).unwrap();
    for docs in [
        show_json(&sandbox, Path::new(&id)),
        show_json(&sandbox, &detour),
        show_json(&sandbox, &link.join("raqqa.txt")),
        String::from_utf8(relative.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect(),
    ] {
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].id, id);
    }
}

#[test]
fn show_text_lists_metadata_then_the_body() {
    let (sandbox, file) = one_article();
    sandbox
        .fahras()
        .arg("show")
        .arg(&file)
        .assert()
        .success()
        .stdout(format!(
            "title   {TITLE}\npath    {}\n\n{BODY}\n",
            file.display()
        ));
}

#[test]
fn show_reports_what_it_cannot_find_and_prints_the_rest() {
    let (sandbox, file) = one_article();
    sandbox
        .fahras()
        .args(["show", "--json", "no/such/file.txt"])
        .arg(&file)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(TITLE))
        .stderr("fahras: no/such/file.txt: no such document in the index\n");
    sandbox
        .fahras()
        .arg("show")
        .arg(&file)
        .arg(&file)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(TITLE).count(2));
}

#[test]
fn show_without_an_index_is_an_error() {
    Sandbox::new()
        .fahras()
        .args(["show", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("fahras: no index at"));
}

fn stats_json(sandbox: &Sandbox, args: &[&str]) -> JsonStats {
    let output = sandbox
        .fahras()
        .args(["stats", "--json"])
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "one object");
    serde_json::from_str(&text).expect("stats schema")
}

fn dir_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

#[test]
fn stats_counts_documents_bytes_and_frequent_words() {
    let sandbox = seeded();
    let stats = stats_json(&sandbox, &["--terms", "8"]);
    let seeds = std::fs::read_dir(fixtures().join("seeds")).unwrap().count() as u64;
    assert_eq!(stats.documents, seeds);
    assert_eq!(stats.index, sandbox.index().to_str().unwrap());
    assert_eq!(stats.disk_bytes, dir_bytes(&sandbox.index()));
    assert!(stats.segments >= 1);
    // of the plain-text seeds, only 001 names its date and site (in its header lines)
    let date = Some("2024-05-02".to_string());
    assert_eq!((stats.first_date, stats.last_date), (date.clone(), date));
    let sources: Vec<(&str, u64)> = stats
        .sources
        .iter()
        .map(|s| (s.source.as_str(), s.documents))
        .collect();
    assert_eq!(sources, [("أثر برس", 1)]);
    assert_eq!(stats.terms.len(), 8);
    let counts: Vec<u64> = stats.terms.iter().map(|t| t.documents).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    // every count agrees with a search of the same field
    for term in &stats.terms {
        sandbox
            .fahras()
            .args(["search", "-c"])
            .arg(format!("body_exact:{}", term.term))
            .assert()
            .stdout(format!("{}\n", term.documents));
    }
}

#[test]
fn stats_leaves_out_replaced_documents() {
    let sandbox = Sandbox::new();
    let file = sandbox.write("a.txt", "خبر أول عن زلزال في المدينة اليوم\nزلزال قوي");
    // a second article keeps the first segment alive once the first article is replaced
    let other = sandbox.write("b.txt", "خبر آخر عن الطقس في المدينة اليوم\nطقس معتدل");
    sandbox.ingest(&[&file, &other]);
    std::fs::write(&file, "خبر معدل عن مطر في المدينة اليوم\nمطر غزير").unwrap();
    sandbox.ingest(&[&file]);
    let stats = stats_json(&sandbox, &["--terms", "100"]);
    assert_eq!(stats.documents, 2);
    let terms: Vec<&str> = stats.terms.iter().map(|t| t.term.as_str()).collect();
    assert!(terms.contains(&"مطر"), "{terms:?}");
    assert!(!terms.contains(&"زلزال"), "{terms:?}");
}

#[test]
fn stats_text_is_a_short_report() {
    let sandbox = seeded();
    let stats = stats_json(&sandbox, &["--terms", "2"]);
    let first = &stats.terms[0];
    sandbox
        .fahras()
        .args(["stats", "--terms", "2"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(format!(
            "index      {}\n",
            sandbox.index().display()
        )))
        .stdout(predicate::str::contains(format!(
            "documents  {}\n",
            stats.documents
        )))
        .stdout(predicate::str::contains(
            "dates      2024-05-02 to 2024-05-02\n",
        ))
        .stdout(predicate::str::contains(format!(
            "  {}  {}\n",
            first.documents, first.term
        )));
}
