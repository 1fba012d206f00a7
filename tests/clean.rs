//! `fahras clean`: the boilerplate bar on the seeds (scored as `score_clean.py` does), the
//! metadata of the gold file, and the output contract.

use std::collections::HashSet;
use std::path::Path;

use predicates::prelude::*;
use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use crate::common::{fixtures, Sandbox};

/// The JSON Lines contract of `clean --json`: a field added or renamed fails the test.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonArticle {
    path: String,
    docno: Option<String>,
    title: String,
    date: Option<String>,
    source: Option<String>,
    author: Option<String>,
    body: String,
}

#[derive(Debug, Deserialize)]
struct Gold {
    file: String,
    title: Option<String>,
    content_lines: Vec<String>,
    boilerplate_lines: Vec<String>,
    #[serde(default)]
    metadata: serde_json::Map<String, serde_json::Value>,
}

/// As `score_clean.py`: NFKC, format characters (Unicode category Cf) removed, white space
/// folded.
fn norm(text: &str) -> String {
    let is_format = |c: char| {
        matches!(c, '\u{00AD}' | '\u{0600}'..='\u{0605}' | '\u{061C}' | '\u{06DD}' | '\u{070F}'
            | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
    };
    let text: String = text.nfkc().filter(|&c| !is_format(c)).collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn clean_json(sandbox: &Sandbox, args: &[&Path]) -> Vec<JsonArticle> {
    let output = sandbox
        .fahras()
        .arg("clean")
        .arg("--json")
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

#[test]
fn seeds_meet_the_boilerplate_bar_and_the_gold_metadata() {
    let sandbox = Sandbox::new();
    let gold: Vec<Gold> =
        serde_json::from_str(&std::fs::read_to_string(fixtures().join("gold/seeds.json")).unwrap())
            .unwrap();
    let cleaned = clean_json(&sandbox, &[&fixtures().join("seeds")]);
    assert_eq!(cleaned.len(), gold.len());
    let (mut tp, mut fp, mut fn_, mut titles) = (0usize, 0usize, 0usize, 0usize);
    for g in &gold {
        let doc = cleaned
            .iter()
            .find(|d| Path::new(&d.path).file_name().unwrap().to_str() == Some(&g.file))
            .unwrap_or_else(|| panic!("{} not cleaned", g.file));
        assert_eq!(doc.docno, None, "plain text has no DOCNO");
        let kept: HashSet<String> = format!("{}\n{}", doc.title, doc.body)
            .lines()
            .map(norm)
            .filter(|l| !l.is_empty())
            .collect();
        let content: Vec<String> = g.content_lines.iter().map(|l| norm(l)).collect();
        let content_set: HashSet<&String> = content.iter().collect();
        let boiler: Vec<String> = g
            .boilerplate_lines
            .iter()
            .map(|l| norm(l))
            .filter(|l| !content_set.contains(l))
            .collect();
        let c_kept = content.iter().filter(|l| kept.contains(*l)).count();
        tp += c_kept;
        fn_ += content.len() - c_kept;
        fp += boiler.iter().filter(|l| kept.contains(*l)).count();
        if g.title
            .as_deref()
            .is_none_or(|t| norm(t) == norm(&doc.title))
        {
            titles += 1;
        }
        // Metadata exact: what the gold names, nothing it does not.
        let field = |name: &str| {
            g.metadata
                .get(name)
                .and_then(|v| v.as_str().map(str::to_string))
        };
        assert_eq!(doc.date, field("date"), "{} date", g.file);
        assert_eq!(doc.source, field("source"), "{} source", g.file);
        assert_eq!(doc.author, field("author"), "{} author", g.file);
    }
    let precision = tp as f64 / (tp + fp) as f64;
    let recall = tp as f64 / (tp + fn_) as f64;
    let f1 = 2.0 * precision * recall / (precision + recall);
    assert!(f1 >= 0.98, "F1 {f1:.4} (P {precision:.4}, R {recall:.4})");
    assert_eq!(titles, gold.len());
}

#[test]
fn json_lines_follow_the_schema_in_order() {
    let sandbox = Sandbox::new();
    let output = sandbox
        .fahras()
        .args(["clean", "--json"])
        .arg(fixtures().join("trec/JA-sport-10-20170120.txt"))
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(text.lines().count(), 1);
    assert!(
        text.starts_with(r#"{"path":""#) && text.contains(r#"","docno":"JA-sport-10-20170120","title":"الغرافة يعير الشيخاوي إلى الأهلي","date":"2017-01-20","source":"Jawhara FM","author":null,"body":"وافق نادي"#),
        "{text}"
    );
    let article: JsonArticle = serde_json::from_str(&text).unwrap();
    assert_eq!(article.body.lines().count(), 2, "one paragraph per line");
}

#[test]
fn text_output_is_readable_and_touches_no_index() {
    let sandbox = Sandbox::new();
    sandbox
        .bare()
        .arg("clean")
        .arg(fixtures().join("seeds/001_d438872805faa861.txt"))
        .assert()
        .success()
        .stderr("")
        .stdout(predicate::str::starts_with("==> "))
        .stdout(predicate::str::contains(
            "<==\nواشنطن نحو تمكين الشراكة.. اجتماع بين مسؤولين من “التحالف” و”قسد”\ndate: 2024-05-02 · source: أثر برس · author: Athr Press Z\n\nالتقى قادة",
        ))
        .stdout(predicate::str::contains("اقرأ أيضاً").not())
        .stdout(predicate::str::contains("Search").not());
    assert!(
        !sandbox.dir.path().join(".local").exists(),
        "clean created an index"
    );
}

#[test]
fn search_shows_the_metadata_ingest_found() {
    let sandbox = Sandbox::new();
    sandbox.ingest(&[&fixtures().join("seeds")]);
    let hits = sandbox.search_json("المارينز", 5);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["date"], "2024-05-02");
    assert_eq!(hits[0]["source"], "أثر برس");
    assert_eq!(hits[0]["author"], "Athr Press Z");
    // furniture is not indexed
    assert!(sandbox.search_json("بريدك", 5).is_empty());
    sandbox
        .fahras()
        .args(["search", "--color", "never", "المارينز"])
        .assert()
        .stdout(predicate::str::contains(" · 2024-05-02 · أثر برس"));
}

#[test]
fn source_falls_back_to_the_site_folder_under_the_named_folder() {
    let sandbox = Sandbox::new();
    let article =
        "خبر عن الرقة اليوم\nقالت مصادر محلية في الرقة إن الأوضاع هادئة صباح اليوم بعد ليلة متوترة.";
    sandbox.write("news/aljazeera/2024/a.txt", article);
    let direct = sandbox.write("news/b.txt", article);
    let news = sandbox.dir.path().join("news");
    let walked = clean_json(&sandbox, &[&news]);
    let sources: Vec<Option<&str>> = walked.iter().map(|a| a.source.as_deref()).collect();
    assert_eq!(sources, [Some("aljazeera"), None]);
    let named = clean_json(&sandbox, &[&direct]);
    assert_eq!(named[0].source, None);
}

#[test]
fn a_paragraph_that_merely_holds_a_disclaimer_phrase_is_kept() {
    let sandbox = Sandbox::new();
    // BB-sport-189-20180605 lost its paragraph; the CNN disclaimer (32 words) must still go.
    let prose = "ولكن نتيجة المواجهات في الملعب لا تعكس بالضرورة التصنيفات النظرية مهما كانت دقتها. وكم شهدت مباريات كرة القدم ونهائيات كأس العالم تحديدا مفاجآت، رفعت فرقا \"صغيرة\" وأطاحت بأخرى \"كبيرة\".";
    let short = "وقال المدرب إن النتائج لا تعبر بالضرورة عن مستوى الفريق.";
    let disclaimer = "هذا المقال بقلم بشار جرار، متحدث ومدرب غير متفرغ مع برنامج الدبلوماسية العامة - الخارجية الأمريكية، والآراء الواردة أدناه تعبر عن رأي الكاتب ولا تعكس بالضرورة وجهة نظر شبكة CNN.";
    let doc = format!(
        "<DOC>\n<DOCNO>BB-1</DOCNO>\n<TITLE>كأس العالم</TITLE>\n<TEXT>\n{prose}\n{short}\n{disclaimer}\n</TEXT>\n</DOC>\n"
    );
    let path = sandbox.write("bb.txt", doc);
    let cleaned = clean_json(&sandbox, &[&path]);
    assert_eq!(cleaned[0].body, format!("{prose}\n{short}"));
}

#[test]
fn a_file_of_one_long_line_with_a_notice_phrase_is_kept_whole() {
    let sandbox = Sandbox::new();
    let sentence = "قال الوزير إن الحكومة ستدعم الاقتصاد، والآراء لا تعكس بالضرورة رأي الجميع، جميع الحقوق محفوظة للمواطنين. ";
    let line = sentence.repeat(2000);
    let path = sandbox.write("one-line.txt", &line);
    let cleaned = clean_json(&sandbox, &[&path]);
    assert_eq!(cleaned.len(), 1);
    // The title is the line's first words; the body keeps the whole line.
    assert_eq!(cleaned[0].body, line.trim_end());
}
