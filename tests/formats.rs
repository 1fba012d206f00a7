//! Reading real-world files: legacy encodings, TREC `<DOC>` collections and JSON records.

use predicates::prelude::*;

use crate::common::{fixtures, Sandbox};

/// `fahras clean --json` on one path, parsed.
fn clean(sandbox: &Sandbox, args: &[&str], path: &std::path::Path) -> Vec<serde_json::Value> {
    let output = sandbox
        .fahras()
        .arg("clean")
        .arg("--json")
        .args(args)
        .arg(path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    json_lines(output.stdout)
}

fn json_lines(stdout: Vec<u8>) -> Vec<serde_json::Value> {
    String::from_utf8(stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn every_encoding_gives_back_the_same_text() {
    let sandbox = Sandbox::new();
    let dir = fixtures().join("encodings");
    let original = &clean(&sandbox, &[], &dir.join("article.utf8.txt"))[0];
    assert_eq!(
        original["title"],
        "التحالف الدولي يجدد التزامه بدعم \"قسد\" ضد \"داعش\""
    );
    for name in [
        "article.utf8-bom.txt",
        "article.utf16le-bom.txt",
        "article.utf16be-bom.txt",
        "article.cp1256.txt",
        "article.iso8859-6.txt",
    ] {
        let decoded = &clean(&sandbox, &[], &dir.join(name))[0];
        assert_eq!(decoded["title"], original["title"], "{name}");
        assert_eq!(decoded["body"], original["body"], "{name}");
    }
}

#[test]
fn a_forced_encoding_wins_and_a_bad_name_is_refused() {
    let sandbox = Sandbox::new();
    let file = fixtures().join("encodings/article.iso8859-6.txt");
    let forced = &clean(&sandbox, &["--encoding", "windows-1256"], &file)[0];
    assert!(!forced["title"].as_str().unwrap().contains("التحالف"));
    sandbox
        .fahras()
        .args(["clean", "--encoding", "klingon"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown encoding \"klingon\""));
}

#[test]
fn undecodable_bytes_are_replaced_with_one_warning() {
    let sandbox = Sandbox::new();
    let mut bytes = "قال الوزير في مؤتمر صحفي إن الحكومة ماضية في خططها الإصلاحية رغم الصعوبات."
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(b"\xff\xfe\xff");
    bytes.extend_from_slice(" وأضاف أن المفاوضات ستستأنف الأسبوع المقبل في العاصمة.".as_bytes());
    let file = sandbox.write("bad.txt", bytes);
    sandbox
        .fahras()
        .arg("clean")
        .arg(&file)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "bad.txt: invalid UTF-8 at byte 135, replaced with U+FFFD",
        ))
        .stderr(predicate::function(|e: &str| e.lines().count() == 1));
}

#[test]
fn trec_documents_keep_their_fields_and_lose_templated_trailers() {
    let sandbox = Sandbox::new();
    sandbox
        .fahras()
        .arg("ingest")
        .arg(fixtures().join("trec"))
        .assert()
        .success()
        .stderr(predicate::str::contains("3 files seen: 3 articles indexed"));
    let hits = sandbox.search_json("أفريقيا", 5);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["docno"], "BB-culture-213-20180630");
    assert_eq!(hits[0]["date"], "2018-06-30");
    assert_eq!(hits[0]["source"], "BBC");
    assert!(
        sandbox.search_json("إشعارات", 5).is_empty(),
        "BBC app notice indexed"
    );
    // a malformed file (a bare & in its URL) still gives its document
    let hits = sandbox.search_json("المرايحي", 5);
    assert_eq!(hits[0]["docno"], "JA-politic-360-20170202");
    assert_eq!(hits[0]["date"], "2017-02-02");
}

#[test]
fn a_collection_file_gives_one_article_per_doc() {
    let sandbox = Sandbox::new();
    let file = sandbox.write(
        "collection.sgml",
        "<DOC>\n<DOCNO>A-1</DOCNO>\n<HEADLINE>خبر أول عن الرقة</HEADLINE>\n<DATE>29/07/2016</DATE>\n<TEXT>نص عن الرقة & ريفها.</TEXT>\n</DOC>\n\
         <DOC>\n<DOCNO>A-2</DOCNO>\n<TITLE>خبر ثان عن الرقة</TITLE>\n<TEXT>\nنص ثان < بلا إغلاق\n\
         <DOC>\n<TITLE>خبر ثالث عن الرقة بلا رقم</TITLE>\n<BODY><P>فقرة</P></BODY>\n</DOC>\n",
    );
    let articles = clean(&sandbox, &[], &file);
    let docnos: Vec<Option<&str>> = articles.iter().map(|a| a["docno"].as_str()).collect();
    assert_eq!(docnos, [Some("A-1"), Some("A-2"), None]);
    assert_eq!(articles[0]["date"], "2016-07-29");
    assert_eq!(articles[1]["body"], "نص ثان < بلا إغلاق");
    sandbox.ingest(&[&file]);
    let hits = sandbox.search_json("الرقة", 10);
    assert_eq!(hits.len(), 3, "three documents, none replacing another");
}

/// `fahras show --json TARGET`, parsed.
fn show(sandbox: &Sandbox, target: &str) -> Vec<serde_json::Value> {
    let output = sandbox
        .fahras()
        .args(["show", "--json", target])
        .output()
        .unwrap();
    json_lines(output.stdout)
}

#[test]
fn a_docno_finds_shows_and_removes_its_article() {
    let sandbox = Sandbox::new();
    let file = sandbox.write(
        "collection.sgml",
        "<DOC>\n<DOCNO>A-1</DOCNO>\n<HEADLINE>خبر أول عن الرقة</HEADLINE>\n<TEXT>نص أول.</TEXT>\n</DOC>\n\
         <DOC>\n<DOCNO>A-2</DOCNO>\n<HEADLINE>خبر ثان عن الرقة</HEADLINE>\n<TEXT>نص ثان.</TEXT>\n</DOC>\n\
         <DOC>\n<HEADLINE>خبر ثالث عن الرقة بلا رقم</HEADLINE>\n<TEXT>نص ثالث.</TEXT>\n</DOC>\n",
    );
    sandbox.ingest(&[&file]);
    let path = std::fs::canonicalize(&file).unwrap();
    let path = path.to_str().unwrap();
    // A DOCNO is its article's id, and the index stores it once: both come back.
    let shown = show(&sandbox, "A-2");
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0]["docno"], "A-2");
    assert_eq!(shown[0]["id"], "A-2");
    assert_eq!(shown[0]["title"], "خبر ثان عن الرقة");
    let third = show(&sandbox, &format!("{path}#3"));
    assert_eq!(third.len(), 1);
    assert!(third[0]["docno"].is_null(), "{:?}", third[0]);
    let docnos: Vec<_> = sandbox
        .search_json("الرقة", 10)
        .iter()
        .map(|hit| hit["docno"].clone())
        .collect();
    assert_eq!(docnos.iter().filter(|d| d.is_null()).count(), 1);
    assert!(docnos.contains(&"A-1".into()) && docnos.contains(&"A-2".into()));

    sandbox
        .fahras()
        .args(["rm", "A-1"])
        .assert()
        .success()
        .stderr(predicate::str::contains("removed 1 article"));
    assert!(show(&sandbox, "A-1").is_empty());
    assert_eq!(sandbox.search_json("الرقة", 10).len(), 2);
}

#[test]
fn json_records_become_articles_with_metadata() {
    let sandbox = Sandbox::new();
    let file = fixtures().join("json/saudinewsnet-2015-08-10-sample.json");
    let articles = clean(&sandbox, &[], &file);
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[0]["source"], "was");
    assert_eq!(articles[0]["date"], "2015-08-10");
    let body = articles[0]["body"].as_str().unwrap();
    assert!(body.contains("هطلت يوم أمس"));
    assert!(!body.contains("انتهى") && !body.contains("15:11"), "{body}");
    assert_eq!(articles[1]["author"], "طلال القشقري");
    let body = articles[1]["body"].as_str().unwrap();
    assert!(!body.contains("SMS") && !body.contains("@"), "{body}");
    sandbox.ingest(&[&file]);
    let hits = sandbox.search_json("اليتيمات", 5);
    assert_eq!(hits.len(), 1);
}

#[test]
fn json_lines_with_a_bad_line_keep_the_good_ones() {
    let sandbox = Sandbox::new();
    let file = sandbox.write(
        "dump.jsonl",
        "{\"title\": \"خبر أول عن الرقة\", \"content\": \"نص أول.\", \"id\": \"x1\"}\n{broken\n{\"headline\": \"خبر ثان عن الرقة\", \"text\": \"نص ثان.\", \"published\": \"Tue, 20 Feb 2018 01:44:01 GMT\"}\n",
    );
    sandbox
        .fahras()
        .args(["ingest", "--ext", "jsonl"])
        .arg(file.parent().unwrap())
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "dump.jsonl: line 2: not a JSON object",
        ))
        .stderr(predicate::str::contains("1 file seen: 2 articles indexed"));
    let hits = sandbox.search_json("الرقة", 5);
    assert_eq!(hits.len(), 2);
    let second = hits.iter().find(|h| h["docno"].is_null()).unwrap();
    assert_eq!(second["date"], "2018-02-20");
}

#[test]
fn format_flag_overrides_detection() {
    let sandbox = Sandbox::new();
    let file = fixtures().join("trec/JA-sport-10-20170120.txt");
    let as_text = &clean(&sandbox, &["--format", "text"], &file)[0];
    assert!(as_text["docno"].is_null());
    assert_eq!(
        as_text["title"],
        "<TITLE>الغرافة يعير الشيخاوي إلى الأهلي</TITLE>"
    );
    let as_trec = &clean(&sandbox, &["--format", "trec"], &file)[0];
    assert_eq!(as_trec["docno"], "JA-sport-10-20170120");
    assert_eq!(as_trec["title"], "الغرافة يعير الشيخاوي إلى الأهلي");
}
