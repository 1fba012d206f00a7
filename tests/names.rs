//! Names against stems: the exact-word operator `=word` in every command that takes a query,
//! and what a small folder (too little evidence for the corpus-aware clitics) finds, over the
//! thirty articles of `fixtures/names/folder.json`.
//!
//! Of those: six write the city الرياض (بالرياض four times, للرياض, الرياض اليوم in a body and
//! الرياض in one title only), five the sport الرياضة (الرياضة, والرياضة, الرياضي; one says الرياضة
//! اليوم); two write only وتركيا, never تركيا; one writes زير (a water jar) and none وزير.

use serde_json::Value;

use crate::common::{fixtures, Sandbox};

fn folder() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.ingest(&[&fixtures().join("names/folder.json")]);
    sandbox
}

fn stdout(sandbox: &Sandbox, args: &[&str]) -> String {
    let output = sandbox.fahras().args(args).output().unwrap();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn count(sandbox: &Sandbox, query: &str) -> u64 {
    stdout(sandbox, &["search", "-c", "--", query])
        .trim()
        .parse()
        .unwrap()
}

fn titles(sandbox: &Sandbox, query: &str) -> Vec<String> {
    let mut titles: Vec<String> = sandbox
        .search_json(query, 50)
        .iter()
        .map(|hit| hit["title"].as_str().unwrap_or_default().to_string())
        .collect();
    titles.sort();
    titles
}

#[test]
fn exact_word_counts_the_name_with_its_proclitics_and_not_the_sport() {
    let sandbox = folder();
    // the stem رياض holds both families; the exact word only the city
    assert_eq!(count(&sandbox, "الرياض"), 11);
    assert_eq!(count(&sandbox, "=الرياض"), 6);
    assert_eq!(count(&sandbox, "=الرياضة"), 4);
    // excluded: the stem's articles that do not write the city
    assert_eq!(count(&sandbox, "الرياض -=الرياض"), 5);
    // in a field: only one title writes the city
    assert_eq!(titles(&sandbox, "title:=الرياض"), ["الرياض تستضيف المعرض"]);
    // in a phrase: الرياض اليوم, not الرياضة اليوم
    assert_eq!(count(&sandbox, "\"الرياض اليوم\""), 2);
    assert_eq!(titles(&sandbox, "\"=الرياض اليوم\""), ["أجواء حارة"]);
    // the article is part of the word as written: =رياض is another word
    assert_eq!(count(&sandbox, "=رياض"), 0);
    // with --plain there is no syntax: = is punctuation
    let plain = stdout(&sandbox, &["search", "-c", "--plain", "--", "=الرياض"]);
    assert_eq!(plain.trim(), "11");
}

#[test]
fn exact_word_works_in_count_kwic_terms_and_batches() {
    let sandbox = folder();
    let by_source = stdout(&sandbox, &["count", "--by", "source", "--json", "=الرياض"]);
    let total: u64 = by_source
        .lines()
        .map(|line| {
            serde_json::from_str::<Value>(line).unwrap()["documents"]
                .as_u64()
                .unwrap()
        })
        .sum();
    assert_eq!(total, 6);

    let kwic = stdout(&sandbox, &["kwic", "--json", "=الرياض"]);
    let mut matched: Vec<String> = kwic
        .lines()
        .map(|line| {
            serde_json::from_str::<Value>(line).unwrap()["match"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    matched.sort();
    assert_eq!(
        matched,
        [
            "الرياض",
            "الرياض",
            "بالرياض",
            "بالرياض",
            "بالرياض",
            "للرياض"
        ]
    );
    let phrase = stdout(&sandbox, &["kwic", "--json", "\"=الرياض اليوم\""]);
    assert_eq!(phrase.lines().count(), 1, "{phrase}");
    assert!(phrase.contains("\"match\":\"الرياض اليوم\""), "{phrase}");

    // the sport's words are not characteristic of the city's articles
    let terms = stdout(&sandbox, &["terms", "--json", "-n", "50", "=الرياض"]);
    assert!(!terms.is_empty());
    assert!(
        !terms.contains("الرياضه") && !terms.contains("الرياضة"),
        "{terms}"
    );

    let output = sandbox
        .fahras()
        .args(["search", "--trec", "-n", "50", "--queries", "-"])
        .write_stdin("city\t=الرياض\nstem\tالرياض\n")
        .output()
        .unwrap();
    let run = String::from_utf8(output.stdout).unwrap();
    let hits = |id: &str| {
        run.lines()
            .filter(|l| l.starts_with(&format!("{id} ")))
            .count()
    };
    assert_eq!((hits("city"), hits("stem")), (6, 11), "{run}");
}

#[test]
fn a_small_folder_finds_a_name_written_only_with_waw() {
    let sandbox = folder();
    // two articles write وتركيا, none تركيا: too few to compare, so و comes off as Lucene's does
    assert_eq!(count(&sandbox, "تركيا"), 2);
    assert_eq!(count(&sandbox, "=تركيا"), 2);
}

#[test]
fn a_small_folder_never_strips_a_word_into_another() {
    let sandbox = folder();
    // one article has زير (a jar), none وزير (minister): وزير must not find the jar
    assert_eq!(count(&sandbox, "زير"), 1);
    assert_eq!(count(&sandbox, "وزير"), 0);
    // nor does زير find what is not there
    assert_eq!(count(&sandbox, "=زير"), 1);
}

/// Articles as JSON Lines: `city` that write الرياض (or بالرياض), `sport` that write الرياضة,
/// and `big` that write كبير, الكبير or كبيرة, in turn.
fn news(city: usize, sport: usize, big: usize) -> String {
    let mut lines = Vec::new();
    for i in 0..city {
        let word = ["الرياض", "بالرياض"][i % 2];
        lines.push(format!(
            r#"{{"id":"C{i}","title":"خبر {i}","text":"وصل الوفد {word} صباح أمس."}}"#
        ));
    }
    for i in 0..sport {
        lines.push(format!(
            r#"{{"id":"S{i}","title":"ملعب {i}","text":"يمارس الشباب الرياضة كل يوم."}}"#
        ));
    }
    for i in 0..big {
        let word = ["كبير", "الكبير", "كبيرة"][i % 3];
        lines.push(format!(
            r#"{{"id":"B{i}","title":"حدث {i}","text":"شهد الحفل حضور {word} من الناس."}}"#
        ));
    }
    lines.join("\n") + "\n"
}

#[test]
fn a_plain_query_for_a_name_keeps_to_the_name_where_the_index_shows_one() {
    let sandbox = Sandbox::new();
    let file = sandbox.write("news.jsonl", news(25, 40, 30));
    sandbox.ingest(&[&file]);
    // 25 articles write the city, always with the article (a name), and the stem's other
    // forms are a more frequent family (40 articles): the plain query keeps to the name
    assert_eq!(count(&sandbox, "الرياض"), 25);
    assert_eq!(count(&sandbox, "=الرياض"), 25);
    // a word with a suffix is searched as every form of its stem
    assert_eq!(count(&sandbox, "الرياضة"), 65);
    // كبير takes and drops the article: a common word, whose forms all count
    assert_eq!(count(&sandbox, "كبير"), 30);
}

/// The words of a hit's snippet that its highlights mark, in order.
fn marked_words(hit: &Value) -> Vec<String> {
    let snippet: Vec<char> = hit["snippet"].as_str().unwrap().chars().collect();
    hit["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|range| {
            let (from, to) = (range[0].as_u64().unwrap(), range[1].as_u64().unwrap());
            snippet[from as usize..to as usize].iter().collect()
        })
        .collect()
}

#[test]
fn an_exact_word_highlights_the_word_and_not_the_rest_of_its_stem() {
    let sandbox = Sandbox::new();
    let article = "خبر\n\nافتتحت وزارة الرياضة ملعبا جديدا بالرياض وقال مسؤولو الرياضة إن \
                   الرياض ستستضيف البطولة.\n";
    let path = sandbox.write("docs/stadium.txt", article);
    sandbox.ingest(&[&path]);
    let hits = sandbox.search_json("=الرياض", 10);
    assert_eq!(hits.len(), 1);
    assert_eq!(marked_words(&hits[0]), ["بالرياض", "الرياض"]);
    // a plain word still marks every word of its stem, and so does =word beside it
    let every = ["الرياضة", "بالرياض", "الرياضة", "الرياض"];
    assert_eq!(marked_words(&sandbox.search_json("الرياض", 10)[0]), every);
    let both = sandbox.search_json("=الرياض الرياضة", 10);
    assert_eq!(marked_words(&both[0]), every);
}
