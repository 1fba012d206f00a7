//! Near-duplicates: copies of one story fold under its best-ranked copy in search, `--all`
//! shows them all, `fahras dups` lists the groups, and both follow ingests and removals.
//! Fixtures: `fixtures/dups` (see fixtures/README.md): one SPA-style story printed by three
//! papers (a fourth in `later/`), and another fire story with the same words.

use std::path::PathBuf;

use serde_json::Value;

use crate::common::{fixtures, Sandbox};

const QUERY: &str = "حريق المستودع الدفاع المدني";

fn fixture(name: &str) -> PathBuf {
    fixtures().join("dups").join(name)
}

/// A sandbox with the three copies of the story and the other story ingested.
fn with_copies() -> Sandbox {
    let sandbox = Sandbox::new();
    let files: Vec<PathBuf> = ["riyadh.json", "okaz.json", "madina.json", "market.json"]
        .iter()
        .map(|name| fixture(name))
        .collect();
    sandbox
        .fahras()
        .arg("ingest")
        .args(&files)
        .assert()
        .success();
    sandbox
}

fn file_name(value: &Value) -> String {
    let path = PathBuf::from(value["path"].as_str().unwrap());
    path.file_name().unwrap().to_string_lossy().into_owned()
}

fn stdout(sandbox: &Sandbox, args: &[&str]) -> String {
    let output = sandbox.fahras().args(args).output().unwrap();
    String::from_utf8(output.stdout).unwrap()
}

fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The groups `fahras dups --json` lists, as file names, first the representative.
fn dups(sandbox: &Sandbox) -> Vec<Vec<String>> {
    json_lines(&stdout(sandbox, &["dups", "--json"]))
        .iter()
        .map(|group| {
            let documents = group["documents"].as_array().unwrap();
            assert_eq!(group["group"], documents[0]["id"]);
            documents.iter().map(file_name).collect()
        })
        .collect()
}

#[test]
fn near_copies_fold_under_the_best_ranked_one_in_text() {
    let sandbox = with_copies();
    let text = stdout(&sandbox, &["search", QUERY]);
    let numbered = text
        .lines()
        .filter(|l| l.starts_with(char::is_numeric))
        .count();
    assert_eq!(numbered, 2, "{text}");
    let folded: Vec<&str> = text.lines().filter(|l| l.contains("similar")).collect();
    assert_eq!(folded.len(), 1, "{text}");
    let line = folded[0].trim();
    assert!(line.starts_with("+2 similar: "), "{line}");
    // named by their sources, the other story's among none
    let named = ["alriyadh", "okaz", "almadina"];
    assert_eq!(
        named.iter().filter(|s| line.contains(*s)).count(),
        2,
        "{line}"
    );
    assert!(!line.contains("alwatan"), "{line}");
}

#[test]
fn json_hits_carry_their_folded_copies() {
    let sandbox = with_copies();
    let hits = sandbox.search_json(QUERY, 10);
    assert_eq!(hits.len(), 2);
    let mut story: Vec<String> = Vec::new();
    for hit in &hits {
        let similar = hit["similar"]
            .as_array()
            .expect("a similar array on every hit");
        if file_name(hit) == "market.json" {
            assert!(similar.is_empty());
            continue;
        }
        story.push(file_name(hit));
        for copy in similar {
            let keys: Vec<&String> = copy.as_object().unwrap().keys().collect();
            assert_eq!(keys, ["date", "id", "path", "source", "title"]);
            assert_eq!(copy["id"], copy["path"]);
            story.push(file_name(copy));
        }
    }
    story.sort();
    assert_eq!(story, ["madina.json", "okaz.json", "riyadh.json"]);
}

#[test]
fn all_shows_every_copy_and_counts_stay_documents() {
    let sandbox = with_copies();
    let all = json_lines(&stdout(&sandbox, &["search", "--all", "--json", QUERY]));
    assert_eq!(all.len(), 4);
    assert!(all.iter().all(|hit| hit["similar"] == Value::Array(vec![])));
    let text = stdout(&sandbox, &["search", "--all", QUERY]);
    assert!(!text.contains("similar"), "{text}");
    assert_eq!(stdout(&sandbox, &["search", "-c", QUERY]).trim(), "4");
    assert_eq!(
        stdout(&sandbox, &["search", "-l", QUERY]).lines().count(),
        4
    );
    // a page past the one story is the rest, not a copy
    let second = json_lines(&stdout(
        &sandbox,
        &["search", "--json", "-n", "1", "--offset", "1", QUERY],
    ));
    assert_eq!(second.len(), 1);
    let first = json_lines(&stdout(&sandbox, &["search", "--json", "-n", "1", QUERY]));
    let story = |hit: &Value| file_name(hit) != "market.json";
    assert_ne!(story(&first[0]), story(&second[0]));
}

#[test]
fn dups_lists_each_story_once_earliest_first() {
    let sandbox = with_copies();
    assert_eq!(
        dups(&sandbox),
        [["riyadh.json", "madina.json", "okaz.json"]]
    );
    let text = stdout(&sandbox, &["dups"]);
    assert!(
        text.starts_with("1. إخماد حريق مستودع في المنطقة الصناعية (3 documents)\n"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 4, "{text}");
    // the copies are not identical: nothing is that alike
    sandbox
        .fahras()
        .args(["dups", "--min-similarity", "0.99"])
        .assert()
        .code(1)
        .stdout("");
    sandbox
        .fahras()
        .args(["dups", "--min-similarity", "0.1"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("must be from 0.3 to 1"));
}

#[test]
fn a_new_copy_joins_its_story_on_the_next_ingest() {
    let sandbox = with_copies();
    sandbox.ingest(&[&fixture("later/sabq.json")]);
    assert_eq!(
        dups(&sandbox),
        [["riyadh.json", "madina.json", "okaz.json", "sabq.json"]]
    );
    let hits = sandbox.search_json(QUERY, 10);
    assert_eq!(hits.len(), 2);
    let folded: usize = hits
        .iter()
        .map(|h| h["similar"].as_array().unwrap().len())
        .sum();
    assert_eq!(folded, 3);
}

#[test]
fn removing_the_representative_promotes_another() {
    let sandbox = with_copies();
    sandbox
        .fahras()
        .arg("rm")
        .arg(fixture("riyadh.json"))
        .assert()
        .success();
    assert_eq!(dups(&sandbox), [["madina.json", "okaz.json"]]);
    // the copy search showed goes: the other shows, with nothing left to fold
    let story = |hits: &[Value]| -> Value {
        hits.iter()
            .find(|h| file_name(h) != "market.json")
            .unwrap()
            .clone()
    };
    let shown = story(&sandbox.search_json(QUERY, 10));
    assert_eq!(shown["similar"].as_array().unwrap().len(), 1);
    let path = shown["path"].as_str().unwrap().to_string();
    sandbox.fahras().args(["rm", &path]).assert().success();
    let hits = sandbox.search_json(QUERY, 10);
    assert_eq!(hits.len(), 2);
    let promoted = story(&hits);
    assert_ne!(promoted["path"].as_str().unwrap(), path);
    assert_eq!(promoted["similar"], Value::Array(vec![]));
    sandbox.fahras().arg("dups").assert().code(1);
}
