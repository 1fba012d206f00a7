//! `fahras export`: an OpenSearch folder (settings.json and bulk NDJSON files) and JSON Lines,
//! every article exactly once, text unchanged through JSON, and an earlier export or an
//! unrelated folder never overwritten by mistake.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{fixtures, Sandbox};

/// A sandbox with the seed articles and the near-duplicate fixtures ingested.
fn ingested() -> Sandbox {
    let sandbox = Sandbox::new();
    let dups = fixtures().join("dups");
    sandbox
        .fahras()
        .arg("ingest")
        .arg(fixtures().join("seeds"))
        .args(["riyadh.json", "okaz.json", "madina.json", "market.json"].map(|f| dups.join(f)))
        .assert()
        .success();
    sandbox
}

fn lines(bytes: &[u8]) -> Vec<Value> {
    String::from_utf8(bytes.to_vec())
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// The records of `fahras export --format jsonl` on stdout.
fn jsonl(sandbox: &Sandbox) -> Vec<Value> {
    let output = sandbox
        .fahras()
        .args(["export", "--format", "jsonl"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    lines(&output.stdout)
}

/// The bulk files of an export folder, in order.
fn bulk_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "ndjson"))
        .collect();
    files.sort();
    files
}

/// (action id, document) of every pair of the bulk files, checking each file holds whole pairs.
fn bulk_pairs(dir: &Path) -> Vec<(String, Value)> {
    let mut pairs = Vec::new();
    for file in bulk_files(dir) {
        let records = lines(&fs::read(&file).unwrap());
        assert_eq!(records.len() % 2, 0, "{} holds half a pair", file.display());
        for pair in records.chunks(2) {
            let id = pair[0]["index"]["_id"].as_str().unwrap().to_string();
            assert_eq!(pair[0].as_object().unwrap().len(), 1, "{}", pair[0]);
            pairs.push((id, pair[1].clone()));
        }
    }
    pairs
}

fn ids(records: &[Value]) -> BTreeSet<String> {
    records
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn opensearch_export_holds_settings_and_every_article_once() {
    let sandbox = ingested();
    let dir = sandbox.dir.path().join("export");
    sandbox
        .fahras()
        .args(["export", "--format", "opensearch"])
        .arg(&dir)
        .assert()
        .success()
        .stdout("")
        .stderr(predicates::str::contains("exported 9 articles"));
    let settings: Value =
        serde_json::from_slice(&fs::read(dir.join("settings.json")).unwrap()).unwrap();
    let analysis = &settings["settings"]["analysis"];
    let analyzer = &analysis["analyzer"]["fahras_arabic"];
    assert_eq!(analyzer["tokenizer"], "standard");
    for part in [
        "decimal_digit",
        "fahras_stop",
        "arabic_normalization",
        "persian_normalization",
    ] {
        assert!(
            analyzer["filter"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f == part),
            "{part}"
        );
    }
    let stop = analysis["filter"]["fahras_stop"]["stopwords"]
        .as_array()
        .unwrap();
    assert!(stop.iter().any(|w| w == "على") && !stop.iter().any(|w| w == "علي"));
    assert_eq!(analysis["char_filter"]["fahras_fold"]["type"], "mapping");
    let properties = &settings["mappings"]["properties"];
    for (field, kind) in [
        ("title", "text"),
        ("body", "text"),
        ("date", "date"),
        ("source", "keyword"),
        ("author", "keyword"),
        ("group", "keyword"),
        ("id", "keyword"),
        ("path", "keyword"),
    ] {
        assert_eq!(properties[field]["type"], kind, "{field}");
    }

    let pairs = bulk_pairs(&dir);
    let records = jsonl(&sandbox);
    assert_eq!(pairs.len(), 9);
    assert_eq!(records.len(), 9);
    // every article once, under its own id, the same record as JSON Lines
    for ((id, document), record) in pairs.iter().zip(&records) {
        assert_eq!(id, document["id"].as_str().unwrap());
        assert_eq!(document, record);
    }
    assert_eq!(ids(&records).len(), 9);
}

#[test]
fn bulk_files_stop_at_their_limit_and_lose_no_article() {
    let sandbox = ingested();
    let dir = sandbox.dir.path().join("export");
    sandbox
        .fahras()
        .args(["export", "--format", "opensearch", "--bulk-bytes", "12000"])
        .arg(&dir)
        .assert()
        .success();
    let files = bulk_files(&dir);
    assert!(files.len() >= 3, "{files:?}");
    for file in &files {
        let size = fs::metadata(file).unwrap().len();
        // a file over the limit holds one article that alone is larger
        let pairs = lines(&fs::read(file).unwrap()).len() / 2;
        assert!(
            size <= 12000 || pairs == 1,
            "{}: {size} bytes",
            file.display()
        );
    }
    let exported: Vec<String> = bulk_pairs(&dir).into_iter().map(|(id, _)| id).collect();
    assert_eq!(exported.len(), 9);
    assert_eq!(
        exported.iter().collect::<BTreeSet<_>>(),
        ids(&jsonl(&sandbox)).iter().collect()
    );
}

#[test]
fn near_copies_carry_the_id_of_their_group() {
    let sandbox = ingested();
    let output = sandbox.fahras().args(["dups", "--json"]).output().unwrap();
    let groups = lines(&output.stdout);
    assert_eq!(groups.len(), 1, "{groups:?}");
    let members: BTreeSet<String> = groups[0]["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    for record in jsonl(&sandbox) {
        let id = record["id"].as_str().unwrap();
        if members.contains(id) {
            assert_eq!(record["group"], groups[0]["group"], "{id}");
        } else {
            assert_eq!(
                record["group"], id,
                "an article without copies is its own group"
            );
        }
    }
}

#[test]
fn hostile_text_comes_back_unchanged_through_json() {
    let sandbox = Sandbox::new();
    let title = "عنوان \"مقتبس\" \\ \u{202E}معكوس\u{7}";
    let body = "سطر أول\tمع جدولة\nسطر {\"index\":{}} ثان\r\n\u{1b}[31mأحمر";
    let record = serde_json::json!({"title": title, "text": body, "date": "2018-02-01"});
    let file = sandbox.write("hostile.json", format!("{record}\n"));
    sandbox.ingest(&[&file]);
    let shown = sandbox
        .fahras()
        .args(["show", "--json"])
        .arg(&file)
        .output()
        .unwrap();
    let shown = &lines(&shown.stdout)[0];
    let exported = &jsonl(&sandbox)[0];
    for field in [
        "id", "path", "title", "body", "date", "docno", "source", "author",
    ] {
        assert_eq!(exported[field], shown[field], "{field}");
    }
    // ingest cleans controls away, but quotes, backslashes and lines are the article's own
    let title = exported["title"].as_str().unwrap();
    assert!(title.contains("\"مقتبس\" \\"), "{title}");
    assert!(exported["body"]
        .as_str()
        .unwrap()
        .contains("{\"index\":{}}"));
    let dir = sandbox.dir.path().join("export");
    sandbox
        .fahras()
        .args(["export", "--format", "opensearch"])
        .arg(&dir)
        .assert()
        .success();
    let pairs = bulk_pairs(&dir);
    assert_eq!(pairs.len(), 1);
    assert_eq!(&pairs[0].1, exported);
}

#[test]
fn a_folder_that_is_not_empty_is_refused_unless_forced() {
    let sandbox = ingested();
    let dir = sandbox.dir.path().join("export");
    let mine = sandbox.write("export/notes.txt", "mine");
    sandbox.write("export/bulk-0042.ndjson", "stale");
    let output = sandbox
        .fahras()
        .args(["export", "--format", "opensearch"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        format!(
            "fahras: {}: the folder is not empty (--force replaces an earlier export in it)\n",
            dir.display()
        )
    );
    assert!(!dir.join("settings.json").exists());
    sandbox
        .fahras()
        .args(["export", "--format", "opensearch", "--force"])
        .arg(&dir)
        .assert()
        .success();
    assert!(
        !dir.join("bulk-0042.ndjson").exists(),
        "a stale bulk file would be loaded"
    );
    assert_eq!(fs::read_to_string(mine).unwrap(), "mine");
    assert_eq!(bulk_pairs(&dir).len(), 9);
}

#[test]
fn jsonl_file_is_written_whole_and_not_over_another_file() {
    let sandbox = ingested();
    let file = sandbox.write("articles.jsonl", "keep me\n");
    let output = sandbox
        .fahras()
        .args(["export", "--format", "jsonl"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(&file.display().to_string()), "{stderr}");
    assert_eq!(fs::read_to_string(&file).unwrap(), "keep me\n");
    sandbox
        .fahras()
        .args(["export", "--format", "jsonl", "--force"])
        .arg(&file)
        .assert()
        .success()
        .stdout("");
    assert_eq!(lines(&fs::read(&file).unwrap()), jsonl(&sandbox));
    let left: Vec<_> = fs::read_dir(sandbox.dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".fahras-export")
        })
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

#[test]
fn opensearch_needs_a_folder() {
    let sandbox = ingested();
    let output = sandbox
        .fahras()
        .args(["export", "--format", "opensearch"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "fahras: export --format opensearch writes into a folder: give its PATH\n"
    );
}
