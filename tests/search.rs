use predicates::prelude::*;
use serde::Deserialize;

use crate::common::{seeded, Sandbox};

/// The JSON Lines contract: a field added or renamed without updating this fails the test.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct JsonHit {
    #[serde(default)]
    qid: Option<String>,
    rank: usize,
    score: f64,
    id: String,
    path: String,
    docno: Option<String>,
    title: String,
    date: Option<String>,
    source: Option<String>,
    author: Option<String>,
    snippet: String,
    highlights: Vec<(usize, usize)>,
    similar: Vec<serde_json::Value>,
}

fn seed(name: &str) -> String {
    let prefix = &name[..3];
    std::fs::read_dir(crate::common::fixtures().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with(prefix))
        .unwrap()
}

#[test]
fn coalition_query_ranks_headline_matches_first() {
    let sandbox = seeded();
    let names = sandbox.hit_names("التحالف الدولي");
    assert_eq!(names.len(), 5, "every seed mentions the coalition");
    let hits = sandbox.search_json("التحالف الدولي", 1);
    assert!(hits[0]["title"]
        .as_str()
        .unwrap()
        .contains("التحالف الدولي"));
}

#[test]
fn sdf_acronym_finds_every_seed() {
    assert_eq!(seeded().hit_names("قسد").len(), 5);
}

#[test]
fn unhamzated_query_finds_hamzated_and_shadda_forms() {
    let mut names = seeded().hit_names("الامريكية");
    names.sort();
    // seeds 000, 001 and 004 write الأمريكية (000 also الأمريكيّة-style forms elsewhere)
    for expected in ["000", "001", "004"] {
        assert!(
            names.contains(&seed(expected)),
            "{expected} missing from {names:?}"
        );
    }
}

#[test]
fn snippet_highlights_the_diacritized_original_word() {
    let sandbox = seeded();
    let hits = sandbox.search_json("وفد", 10);
    let hit = hits
        .iter()
        .find(|h| h["path"].as_str().unwrap().ends_with(&seed("000")))
        .expect("seed 000 matches وفد");
    let snippet: Vec<char> = hit["snippet"].as_str().unwrap().chars().collect();
    let words: Vec<String> = hit["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let (from, to) = (
                r[0].as_u64().unwrap() as usize,
                r[1].as_u64().unwrap() as usize,
            );
            snippet[from..to].iter().collect()
        })
        .collect();
    assert!(words.iter().any(|w| w == "وفدٍ"), "highlighted: {words:?}");
}

#[test]
fn json_lines_follow_the_schema() {
    let sandbox = seeded();
    let output = sandbox
        .fahras()
        .args(["search", "--json", "التحالف"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let mut ranks = Vec::new();
    for line in text.lines() {
        let hit: JsonHit = serde_json::from_str(line).expect("schema");
        let len = hit.snippet.chars().count();
        assert!(len <= 210, "snippet of {len} chars");
        assert!(!hit.highlights.is_empty());
        for (from, to) in &hit.highlights {
            assert!(from < to && *to <= len);
        }
        ranks.push(hit.rank);
    }
    assert_eq!(ranks, [1, 2, 3, 4, 5]);
}

#[test]
fn limit_caps_the_number_of_hits() {
    assert_eq!(seeded().search_json("قسد", 2).len(), 2);
}

#[test]
fn exit_status_follows_grep() {
    let sandbox = seeded();
    sandbox.fahras().args(["search", "قسد"]).assert().code(0);
    sandbox
        .fahras()
        .args(["search", "كلمةغيرموجودة"])
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn malformed_query_names_the_problem_and_position() {
    let sandbox = seeded();
    sandbox
        .fahras()
        .args(["search", "(قسد"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::is_match(r#"^fahras: invalid query "\(قسد": .* at character \d+\n$"#)
                .unwrap(),
        );
}

#[test]
fn searching_without_an_index_says_how_to_make_one() {
    let sandbox = Sandbox::new();
    sandbox
        .fahras()
        .args(["search", "قسد"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no index at"))
        .stderr(predicate::str::contains("fahras ingest"));
}

#[test]
fn index_location_comes_from_the_environment_then_xdg() {
    let sandbox = Sandbox::new();
    let corpus = sandbox.write("corpus/a.txt", "خبر عن الرقة وقسد");
    let env_index = sandbox.dir.path().join("env-index");
    sandbox
        .bare()
        .env("FAHRAS_INDEX", &env_index)
        .args(["ingest"])
        .arg(&corpus)
        .assert()
        .success();
    assert!(env_index.join("meta.json").is_file());
    let xdg = sandbox.dir.path().join("xdg");
    sandbox
        .bare()
        .env("XDG_DATA_HOME", &xdg)
        .args(["ingest"])
        .arg(&corpus)
        .assert()
        .success();
    assert!(xdg.join("fahras/index/meta.json").is_file());
    sandbox
        .bare()
        .args(["ingest"])
        .arg(&corpus)
        .assert()
        .success();
    assert!(sandbox
        .dir
        .path()
        .join(".local/share/fahras/index/meta.json")
        .is_file());
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let sandbox = seeded();
    sandbox
        .fahras()
        .args(["search", "--color", "always", "قسد"])
        .assert()
        .stdout(predicate::str::contains("\x1b[1;31m"));
    // stdout is a pipe here, so auto means no colour
    sandbox
        .fahras()
        .args(["search", "قسد"])
        .assert()
        .stdout(predicate::str::contains("\x1b").not());
}

#[test]
fn escape_sequences_in_documents_never_reach_the_terminal() {
    let sandbox = Sandbox::new();
    let file = sandbox.write(
        "evil.txt",
        "عنوان الخبر المهم جدا اليوم\nقال مصدر \u{1b}]0;owned\u{7} إن قسد \u{202E}سيطرت",
    );
    sandbox.ingest(&[&file]);
    let output = sandbox
        .fahras()
        .args(["search", "--color", "always", "قسد"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(!text.contains('\u{7}') && !text.contains('\u{202E}'));
    assert!(!text.contains("\u{1b}]"));
}
