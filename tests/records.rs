//! Articles of files that hold several (a JSON array, a TREC file of many `<DOC>`s) are
//! addressable: hits name them by id, `show ID` prints that one article, `-l` lists each file
//! once and `--ids` lists the articles for `show`.

use std::path::PathBuf;

use crate::common::{fixtures, Sandbox};

/// The two-record JSON array of the fixtures.
fn sample() -> PathBuf {
    fixtures().join("json/saudinewsnet-2015-08-10-sample.json")
}

/// A sandbox with the JSON array and the five seeds (one article each) ingested.
fn records() -> Sandbox {
    let sandbox = Sandbox::new();
    // a file named on the command line is read whatever its extension
    sandbox.ingest(&[&sample(), &fixtures().join("seeds")]);
    sandbox
}

fn stdout(sandbox: &Sandbox, args: &[&str]) -> String {
    let output = sandbox.fahras().args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The titles `show` prints for `targets`, one per article.
fn shown_titles(sandbox: &Sandbox, targets: &[String]) -> Vec<String> {
    let mut args = vec!["show".to_string()];
    args.extend(targets.iter().cloned());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    stdout(sandbox, &args)
        .lines()
        .filter_map(|line| line.strip_prefix("title   "))
        .map(str::to_string)
        .collect()
}

/// The location lines (the second line of each block) of a text search, without their indent.
fn locations(text: &str) -> Vec<String> {
    text.split("\n\n")
        .filter_map(|block| block.lines().nth(1))
        .map(|line| line.trim_start().to_string())
        .collect()
}

const RAIN: &str = "أمطار";
const RAIN_TITLE: &str = "عام / أمطار على محافظة الطائف";
const ORPHANS_TITLE: &str = "تزويج اليتيمات!!";
const BOTH: &str = "أمطار OR تزويج";

#[test]
fn a_text_hit_names_its_record_in_a_file_of_several_in_a_word_show_takes() {
    let sandbox = records();
    let path = sample().canonicalize().unwrap();
    let text = stdout(&sandbox, &["search", "--color", "never", RAIN]);
    let located = locations(&text);
    assert_eq!(located.len(), 1, "{text}");
    // the first word of the line is what a user copies into `show`
    let word = located[0].split(' ').next().unwrap().to_string();
    assert_eq!(word, format!("{}#1", path.display()));
    assert_eq!(shown_titles(&sandbox, &[word]), [RAIN_TITLE]);

    // an article alone in its file is still named by the path
    let text = stdout(&sandbox, &["search", "--color", "never", "قسد"]);
    let located = locations(&text);
    assert!(!located.is_empty());
    for line in located {
        let word = line.split(' ').next().unwrap();
        assert!(word.ends_with(".txt"), "{line}");
        assert_eq!(shown_titles(&sandbox, &[word.to_string()]).len(), 1);
    }
}

#[test]
fn a_json_hit_carries_the_id_show_takes() {
    let sandbox = records();
    let path = sample().canonicalize().unwrap();
    let hits = sandbox.search_json(BOTH, 10);
    let mut ids: Vec<&str> = hits.iter().map(|h| h["id"].as_str().unwrap()).collect();
    ids.sort();
    let expected = [1, 2].map(|n| format!("{}#{n}", path.display()));
    assert_eq!(ids, expected);
    for hit in &hits {
        let id = hit["id"].as_str().unwrap().to_string();
        assert_eq!(
            shown_titles(&sandbox, &[id]),
            [hit["title"].as_str().unwrap()]
        );
    }
    // an article alone in its file has its path for id
    let seeds = sandbox.search_json("قسد", 10);
    assert!(!seeds.is_empty());
    assert!(seeds.iter().all(|h| h["id"] == h["path"]));
}

#[test]
fn show_of_a_record_prints_that_article_alone_by_any_spelling_of_its_path() {
    let sandbox = records();
    let output = sandbox
        .fahras()
        .current_dir(fixtures())
        .args([
            "show",
            "./json/../json/saudinewsnet-2015-08-10-sample.json#2",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout).unwrap();
    let titles: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("title   "))
        .collect();
    assert_eq!(titles, [ORPHANS_TITLE]);
    // the file's path still prints all of its articles
    let all = shown_titles(&sandbox, &[sample().display().to_string()]);
    assert_eq!(all, [RAIN_TITLE, ORPHANS_TITLE]);
}

#[test]
fn files_with_matches_lists_each_file_once_and_counts_files() {
    let sandbox = records();
    let path = sample().canonicalize().unwrap().display().to_string();
    assert_eq!(
        stdout(&sandbox, &["search", "-c", BOTH]),
        "2\n",
        "-c counts articles"
    );
    assert_eq!(
        stdout(&sandbox, &["search", "-l", BOTH]),
        format!("{path}\n")
    );
    assert_eq!(
        stdout(&sandbox, &["search", "-l0", BOTH]).as_bytes(),
        format!("{path}\0").as_bytes()
    );

    // three records of one file outrank a file mentioning the word once: `-n 2` still lists
    // two files
    let sandbox = Sandbox::new();
    let record = r#"{"title": "الطائف", "content": "أمطار على الطائف.\nسيول في الطائف."}"#;
    let array = sandbox.write("day.json", format!("[{record}, {record}, {record}]"));
    let other = sandbox.write(
        "other.txt",
        "خبر عن الطقس\n\nقال الراصد إن الطائف شهدت أمطارا.\n",
    );
    sandbox.ingest(&[&array, &other]);
    let listed = stdout(&sandbox, &["search", "-l", "-n", "2", "الطائف"]);
    let names: Vec<&str> = listed
        .lines()
        .map(|l| l.rsplit('/').next().unwrap())
        .collect();
    assert_eq!(names, ["day.json", "other.txt"]);
    let next = stdout(&sandbox, &["search", "-l", "--offset", "1", "الطائف"]);
    assert!(
        next.ends_with("/other.txt\n") && next.lines().count() == 1,
        "{next}"
    );
}

#[test]
fn ids_piped_to_show_print_only_the_matching_articles() {
    let sandbox = records();
    let listed = stdout(&sandbox, &["search", "--ids", "-0", RAIN]);
    let ids: Vec<String> = listed.split_terminator('\0').map(str::to_string).collect();
    assert_eq!(ids.len(), 1, "{listed:?}");
    assert_eq!(shown_titles(&sandbox, &ids), [RAIN_TITLE]);
    // without -0, one per line; an article alone in its file is named by its path
    let listed = stdout(&sandbox, &["search", "--ids", "قسد"]);
    let hits = sandbox.search_json("قسد", 100);
    let paths: Vec<&str> = hits.iter().map(|h| h["path"].as_str().unwrap()).collect();
    assert_eq!(listed.lines().collect::<Vec<_>>(), paths);
}

#[test]
fn a_run_file_names_each_article_of_a_shared_file_once() {
    let sandbox = records();
    let run = stdout(&sandbox, &["search", "--trec", BOTH]);
    let mut docs: Vec<&str> = run.lines().map(|l| l.split(' ').nth(2).unwrap()).collect();
    docs.sort();
    let path = sample().canonicalize().unwrap();
    let expected = [1, 2].map(|n| format!("{}#{n}", path.display()));
    assert_eq!(docs, expected);
}
