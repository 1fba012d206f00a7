//! `fahras count`, `fahras kwic` and `fahras terms`, and the spellings `fahras stats` shows,
//! over a small corpus written here, whose every count is known.

use predicates::prelude::*;
use serde_json::Value;

use crate::common::Sandbox;

/// Eight articles as JSON Lines: three on the World Cup (one writing كأسِ العالمِ with
/// harakat), one that has كأس and العالم but not side by side, three on the coalition in three
/// ISO weeks, one without date, source or author.
const ARTICLES: &[&str] = &[
    r#"{"id":"WC-1","source":"BBC","author":"سامي","date":"2018-06-14","title":"افتتاح كأس العالم في موسكو","text":"وقال المدرب إن كأس العالم بدأت اليوم. وسجل المنتخب الروسي خمسة أهداف في المونديال."}"#,
    r#"{"id":"WC-2","source":"BBC","date":"2018-06-20","title":"المنتخب المغربي يودع المونديال","text":"وقال اللاعبون إن كأس العالم صعبة. خسر المنتخب المغربي أمام البرتغال."}"#,
    r#"{"id":"WC-3","source":"CNN","author":"سامي","date":"2018-07-15","title":"فرنسا تتوج باللقب","text":"وقال الرئيس إن فرنسا فازت. توجت فرنسا بلقب كأسِ العالمِ بعد فوزها على كرواتيا. كاس المونديال لفرنسا."}"#,
    r#"{"id":"AR-1","source":"Alarabia","date":"2018-05-10","title":"اجتماع عن العالم العربي","text":"عقد الوزراء اجتماعا لبحث أوضاع العالم العربي، ورفعوا الكأس رمزا للوحدة."}"#,
    r#"{"id":"CO-1","source":"CNN","date":"2018-03-02","title":"غارات جديدة","text":"أعلن التحالف الدولي عن غارات جديدة على مواقع في الرقة."}"#,
    r#"{"id":"CO-2","source":"Alarabia","date":"2018-03-13","title":"بيان عسكري","text":"قال متحدث إن قوات سوريا الديمقراطية والتحالف تقدمت نحو المدينة."}"#,
    r#"{"id":"CO-3","source":"BBC","date":"2018-12-31","title":"حصاد العام","text":"انتهى العام وما زالت طائرات للتحالف تحلق فوق الرقة."}"#,
    r#"{"id":"NO-1","title":"خبر بلا تاريخ","text":"نص قصير عن الطقس والمطر في المدينة."}"#,
];

fn corpus() -> Sandbox {
    let sandbox = Sandbox::new();
    let file = sandbox.write("news.jsonl", ARTICLES.join("\n") + "\n");
    sandbox.ingest(&[&file]);
    sandbox
}

fn stdout(sandbox: &Sandbox, args: &[&str]) -> String {
    let output = sandbox.fahras().args(args).output().unwrap();
    assert!(
        output.status.code() == Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn json_lines(sandbox: &Sandbox, args: &[&str]) -> Vec<Value> {
    stdout(sandbox, args)
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
        .collect()
}

fn search_count(sandbox: &Sandbox, query: &str) -> u64 {
    stdout(sandbox, &["search", "-c", "--", query])
        .trim()
        .parse()
        .unwrap()
}

#[test]
fn count_by_week_lists_every_iso_week_and_sums_to_search_count() {
    let sandbox = corpus();
    let weeks = json_lines(&sandbox, &["count", "--by", "week", "--json", "التحالف"]);
    // 2018-03-02 is in 2018-W09, 2018-03-13 in W11, 2018-12-31 in 2019-W01: weeks 9 to 52 of
    // 2018 and the first of 2019, the empty ones included
    assert_eq!(weeks.len(), 45);
    let pairs: Vec<(String, u64)> = weeks
        .iter()
        .map(|w| {
            (
                w["key"].as_str().unwrap().to_string(),
                w["documents"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(pairs[0], ("2018-W09".to_string(), 1));
    assert_eq!(pairs[1], ("2018-W10".to_string(), 0));
    assert_eq!(pairs[2], ("2018-W11".to_string(), 1));
    assert_eq!(pairs[44], ("2019-W01".to_string(), 1));
    // التحالف, والتحالف and للتحالف all count, as `search` finds them
    let total: u64 = pairs.iter().map(|p| p.1).sum();
    assert_eq!(total, 3);
    assert_eq!(total, search_count(&sandbox, "التحالف"));
}

#[test]
fn count_by_source_and_author_puts_articles_without_one_under_null() {
    let sandbox = corpus();
    let sources = stdout(&sandbox, &["count", "--by", "source", "--json", "*"]);
    assert_eq!(
        sources,
        "{\"key\":\"BBC\",\"documents\":3}\n{\"key\":\"Alarabia\",\"documents\":2}\n\
         {\"key\":\"CNN\",\"documents\":2}\n{\"key\":null,\"documents\":1}\n"
    );
    let authors = stdout(&sandbox, &["count", "--by", "author", "--json", "*"]);
    assert_eq!(
        authors,
        "{\"key\":\"سامي\",\"documents\":2}\n{\"key\":null,\"documents\":6}\n"
    );
}

#[test]
fn count_text_is_count_and_key_when_piped_and_months_run_on() {
    let sandbox = corpus();
    // a phrase: AR-1 has كأس and العالم apart and is not counted
    assert_eq!(
        stdout(&sandbox, &["count", "--by", "month", "\"كأس العالم\""]),
        "2  2018-06\n1  2018-07\n"
    );
    assert_eq!(search_count(&sandbox, "\"كأس العالم\""), 3);
    assert_eq!(
        stdout(&sandbox, &["count", "--by", "year", "*"]),
        "7  2018\n1  (none)\n"
    );
    sandbox
        .fahras()
        .args(["count", "--by", "day", "غائبتماما"])
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn kwic_shows_each_occurrence_as_written_and_phrases_as_phrases() {
    let sandbox = corpus();
    let lines = json_lines(&sandbox, &["kwic", "--json", "\"كأس العالم\""]);
    let shown: Vec<(&str, &str)> = lines
        .iter()
        .map(|l| (l["id"].as_str().unwrap(), l["match"].as_str().unwrap()))
        .collect();
    // the title and the body of WC-1, the body of WC-2 and of WC-3 (harakat kept); never
    // AR-1, whose كأس and العالم are apart, nor WC-3's كاس المونديال
    let mut sorted = shown.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [
            ("WC-1", "كأس العالم"),
            ("WC-1", "كأس العالم"),
            ("WC-2", "كأس العالم"),
            ("WC-3", "كأسِ العالمِ"),
        ]
    );
    let wc3 = lines.iter().find(|l| l["id"] == "WC-3").unwrap();
    assert_eq!(wc3["left"], "ل الرئيس إن فرنسا فازت. توجت فرنسا بلقب ");
    assert_eq!(wc3["right"], " بعد فوزها على كرواتيا. كاس المونديال لف");
    assert_eq!(wc3["date"], "2018-07-15");
    assert_eq!(wc3["title"], "فرنسا تتوج باللقب");
}

#[test]
fn kwic_text_puts_every_match_in_one_column() {
    let sandbox = corpus();
    let text = stdout(
        &sandbox,
        &["kwic", "--width", "12", "--sort", "left", "التحالف"],
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    // sorted by the word before the match: اعلن, الديمقراطيه, طاءرات
    assert_eq!(
        lines[0],
        "CO-1  \u{2067}        أعلن  التحالف  الدولي عن غ \u{2069}"
    );
    assert!(
        lines[1].starts_with("CO-2  \u{2067} الديمقراطية  والتحالف  "),
        "{text}"
    );
    assert!(
        lines[2].ends_with(" زالت طائرات  للتحالف  تحلق فوق ال \u{2069}"),
        "{text}"
    );
    for (line, word) in lines.iter().zip(["التحالف", "والتحالف", "للتحالف"]) {
        let at = line.find(&format!("  {word}  ")).unwrap();
        // the isolate mark takes no column: the id and two spaces, 12 columns of context and
        // two spaces before
        let columns = line[..at].chars().filter(|c| *c != '\u{2067}').count() + 2;
        assert_eq!(columns, 6 + 12 + 2, "{line}");
    }
}

#[test]
fn kwic_limits_lines_and_says_when_there_is_no_word_to_show() {
    let sandbox = corpus();
    let limited = json_lines(&sandbox, &["kwic", "--json", "-n", "2", "التحالف"]);
    assert_eq!(limited.len(), 2);
    sandbox
        .fahras()
        .args(["kwic", "source:BBC"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "3 articles match, but the query names no word to show in context",
        ));
}

#[test]
fn terms_ranks_the_words_of_the_matches_in_their_spelling_without_function_words() {
    let sandbox = corpus();
    let terms = json_lines(&sandbox, &["terms", "--json", "-n", "5", "\"كأس العالم\""]);
    let words: Vec<&str> = terms.iter().map(|t| t["term"].as_str().unwrap()).collect();
    // in all three matches and in no other article: المونديال, and كأس (written كأس three
    // times, كاس once); وقال is in all three too, but a function word
    assert_eq!(&words[..2], ["المونديال", "كأس"], "{terms:?}");
    assert!(!words.contains(&"وقال"), "{words:?}");
    // G² of a word in 3 of 3 matches and in none of the other 5 articles
    let (e_in, e_out) = (3.0 * 3.0 / 8.0, 5.0 * 5.0 / 8.0);
    let g2: f64 = 2.0 * (3.0 * (3.0f64 / e_in).ln() + 5.0 * (5.0f64 / e_out).ln());
    for term in &terms[..2] {
        assert_eq!(term["documents"], 3);
        assert_eq!(
            term["score"].as_f64().unwrap(),
            (g2 * 100.0).round() / 100.0
        );
    }
    // العالم is in the three matches and in AR-1: less characteristic
    let world = terms.iter().position(|t| t["term"] == "العالم").unwrap();
    assert!(world >= 2);
    assert!(terms[world]["score"].as_f64().unwrap() < g2);
}

#[test]
fn stats_shows_words_as_written_without_function_words() {
    let sandbox = corpus();
    let output = stdout(&sandbox, &["stats", "--json", "--terms", "200"]);
    let stats: Value = serde_json::from_str(&output).unwrap();
    let terms: Vec<&str> = stats["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["term"].as_str().unwrap())
        .collect();
    // the index keeps كاس, الرقه, المونديال; the articles write كأس (3 times to 1), الرقة
    assert!(terms.contains(&"كأس"), "{terms:?}");
    assert!(terms.contains(&"الرقة"), "{terms:?}");
    assert!(
        !terms.contains(&"كاس") && !terms.contains(&"الرقه"),
        "{terms:?}"
    );
    for function_word in ["وقال", "قال", "اليوم", "العام"] {
        assert!(
            !terms.contains(&function_word),
            "{function_word}: {terms:?}"
        );
    }
}
