//! HTML pages: read with a real parser, whatever their extension; the article's fields come
//! from the markup, and scripts, menus and footers stay out of the index.

use std::path::Path;

use crate::common::{fixtures, Sandbox};

/// Ingests `path` into a fresh sandbox and returns the one article `show --json` prints.
fn ingested(sandbox: &Sandbox, path: &Path) -> serde_json::Value {
    sandbox.ingest(&[path]);
    let output = sandbox
        .fahras()
        .args(["show", "--json"])
        .arg(path)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).expect("one JSON article")
}

#[test]
fn html_fields_come_from_the_markup() {
    let sandbox = Sandbox::new();
    let article = ingested(&sandbox, &fixtures().join("html/article.html"));
    assert_eq!(article["title"], "الحكومة تقر خطة لدعم المزارعين في الجنوب");
    assert_eq!(article["date"], "2024-05-02");
    assert_eq!(article["source"], "صحيفة الواحة");
    // The author meta's «name - city» gives the name.
    assert_eq!(article["author"], "سلمى الحداد");
}

#[test]
fn scripts_menus_captions_and_footers_are_not_indexed() {
    let sandbox = Sandbox::new();
    let article = ingested(&sandbox, &fixtures().join("html/article.html"));
    let body = article["body"].as_str().unwrap();
    assert_eq!(body.lines().count(), 3, "{body}");
    assert!(body.starts_with("أقرت الحكومة"), "{body}");
    for word in [
        "كلمةالتنسيق",
        "كلمةالبرمجة",
        "كلمةالقائمة",
        "كلمةالصورة",
        "كلمةالتعليق",
        "كلمةالجانب",
        "كلمةالتذييل",
    ] {
        assert!(!body.contains(word), "{word} in {body}");
        assert!(
            sandbox.search_json(word, 10).is_empty(),
            "{word} is indexed"
        );
    }
    assert!(!body.contains('<'), "{body}");
    assert_eq!(sandbox.search_json("المزارعين", 10).len(), 1);
}

#[test]
fn entities_are_decoded() {
    let sandbox = Sandbox::new();
    let article = ingested(&sandbox, &fixtures().join("html/article.html"));
    let body = article["body"].as_str().unwrap();
    assert!(body.contains("\"خطة الدعم\""), "{body}");
    assert!(body.contains("مدعومة & تدريبا"), "{body}");
    // Numeric references (عشرين) and NBSP.
    assert!(body.contains("أكثر من عشرين ألف أسرة"), "{body}");
    assert!(body.contains("التنفيذ شهريا"), "{body}");
    assert!(!body.contains("&quot;") && !body.contains("&#"), "{body}");
    assert_eq!(sandbox.search_json("عشرين", 10).len(), 1);
}

#[test]
fn a_page_is_known_by_its_content_whatever_its_name() {
    let sandbox = Sandbox::new();
    // A BOM, a comment and upper-case tags, in a file named .txt.
    let article = ingested(&sandbox, &fixtures().join("html/saved-page.txt"));
    assert_eq!(article["title"], "انطلاق معرض الكتاب في دورته الجديدة");
    assert_eq!(article["date"], "2023-02-14");
    assert_eq!(article["source"], "موقع المدينة");
    let body = article["body"].as_str().unwrap();
    assert_eq!(body.lines().count(), 2, "{body}");
    assert!(body.starts_with("افتتح وزير الثقافة"), "{body}");
}

#[test]
fn a_hostile_page_is_read_without_panic() {
    let sandbox = Sandbox::new();
    let article = ingested(&sandbox, &fixtures().join("html/hostile.html"));
    // A title holding a script is no headline: the <h1> is.
    assert_eq!(article["title"], "عنوان الصفحة المكسورة");
    let body = article["body"].as_str().unwrap();
    assert!(body.contains("فقرة ثانية بخط عريض متداخل تقول"), "{body}");
    assert!(
        !body.contains("كلمةالعنوان") && !body.contains("while"),
        "{body}"
    );
}

#[test]
fn deep_nesting_is_read_and_too_deep_nesting_refused_with_one_line() {
    let sandbox = Sandbox::new();
    let nested = |depth: usize| {
        format!(
            "<!DOCTYPE html><title>صفحة عميقة</title><body>{}<p>{}</p>{}",
            "<div>".repeat(depth),
            "فقرة في قاع صفحة متداخلة جدا تتحدث عن الانتخابات البلدية المقبلة في المدينة.",
            "</div>".repeat(depth)
        )
    };
    let deep = sandbox.write("pages/deep.html", nested(1_000));
    let hostile = sandbox.write("pages/hostile.html", nested(100_000));
    let output = sandbox
        .fahras()
        .args(["ingest", "--ext", "html"])
        .arg(sandbox.dir.path().join("pages"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    let refusal: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("hostile.html"))
        .collect();
    assert_eq!(refusal.len(), 1, "{stderr}");
    assert!(
        refusal[0].contains("nests elements more than 2000 deep"),
        "{stderr}"
    );
    assert!(!stderr.contains("panic"), "{stderr}");
    let shown = sandbox
        .fahras()
        .args(["show", "--json"])
        .arg(&deep)
        .output()
        .unwrap();
    let article: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(article["title"], "صفحة عميقة");
    assert!(article["body"]
        .as_str()
        .unwrap()
        .starts_with("فقرة في قاع صفحة"));
    sandbox
        .fahras()
        .args(["show"])
        .arg(&hostile)
        .assert()
        .code(1);
}
