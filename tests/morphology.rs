//! The shared morphology cases (fixtures/morphology.tsv, a copy of shared/gold/morphology.tsv):
//! each document form goes into its own file, and each query must (or must not) retrieve it.

use crate::common::{fixtures, Sandbox};

struct Case {
    id: String,
    expect: String,
    query: String,
    doc_form: String,
    what: String,
}

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(fixtures().join("morphology.tsv")).unwrap();
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            Case {
                id: cols[0].into(),
                expect: cols[1].into(),
                query: cols[2].into(),
                doc_form: cols[3].into(),
                what: cols[4].into(),
            }
        })
        .collect()
}

#[test]
fn morphology_cases_hold() {
    let sandbox = Sandbox::new();
    let cases = cases();
    assert_eq!(cases.len(), 20);
    for case in &cases {
        // The form sits inside an ordinary sentence, as it would in an article.
        sandbox.write(
            &format!("corpus/{}.txt", case.id),
            format!("خبر قصير للاختبار\nذكر التقرير {} في سياقه", case.doc_form),
        );
    }
    sandbox.ingest(&[&sandbox.dir.path().join("corpus")]);
    let mut failures = Vec::new();
    let mut report = Vec::new();
    for case in &cases {
        let found = sandbox
            .hit_names(&case.query)
            .contains(&format!("{}.txt", case.id));
        let line = format!(
            "{} {} {} → {} ({}): {}",
            case.id,
            case.expect,
            case.query,
            case.doc_form,
            case.what,
            if found { "matched" } else { "not matched" }
        );
        // The `should` rows (ؤ/ئ seats, ل on a name) hold too, so they are asserted like `must`.
        match case.expect.as_str() {
            "must" | "should" if !found => failures.push(line),
            "must_not" if found => failures.push(line),
            _ => report.push(line),
        }
    }
    eprintln!("cases:\n{}", report.join("\n"));
    assert!(
        failures.is_empty(),
        "failed cases:\n{}",
        failures.join("\n")
    );
}
