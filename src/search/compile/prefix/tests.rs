//! Prefix expansion on small indexes: which words a prefix meets, and the bound.

use super::*;
use crate::search::tests::{article, index_with};

#[test]
fn only_a_trailing_star_makes_a_prefix() {
    assert_eq!(prefix_of("دمش*").unwrap(), Some("دمش"));
    assert_eq!(prefix_of("دمش**").unwrap(), Some("دمش"));
    assert_eq!(prefix_of("دمشق").unwrap(), None);
    assert_eq!(prefix_of("*").unwrap(), Some(""));
    for inside in ["*دمش", "د*ش", "د*ش*"] {
        let err = prefix_of(inside).unwrap_err().to_string();
        assert!(err.contains("only a trailing *"), "{err}");
    }
}

fn words(expansion: &Expansion) -> Vec<&str> {
    let mut words: Vec<&str> = expansion.forms.iter().map(|(w, _)| w.as_str()).collect();
    words.sort_unstable();
    words
}

#[test]
fn a_prefix_meets_articles_and_proclitics_the_index_calls_clitics() {
    let (_dir, index) = index_with(&[
        article("a", "وصل الوفد الى دمشق ثم الدمشقيين", None),
        article("b", "دمشقي من سكان دمشق", None),
        article("c", "توجه الوفد لدمشق", None),
        article("d", "دمياط مدينة", None),
        article("e", "قال وزير الخارجية", None),
        article("f", "قال وزير المالية والوزير", None),
        article("g", "صوت زير عال", None),
    ]);
    let searcher = index.searcher().unwrap();
    let body = index.fields.body;
    let damascus = expand(&searcher, body, "دمش").unwrap();
    assert_eq!(words(&damascus), ["الدمشقيين", "دمشق", "دمشقي", "لدمشق"]);
    assert_eq!(damascus.matched, 4);
    assert_eq!(damascus.forms[0], ("دمشق".to_string(), 2));
    // وزير is far more common than زير: و is not taken for a clitic
    assert_eq!(words(&expand(&searcher, body, "زير").unwrap()), ["زير"]);
    // typed with its article, a prefix keeps it
    assert_eq!(words(&expand(&searcher, body, "الوف").unwrap()), ["الوفد"]);
}

/// The word كتب followed by `i` written in letters of its own (ب to ذ): distinct words.
fn numbered(i: usize) -> String {
    let tail: String = format!("{i:04}")
        .chars()
        .map(|d| char::from_u32(0x0628 + d.to_digit(10).unwrap()).unwrap())
        .collect();
    format!("كتب{tail}")
}

#[test]
fn a_bounded_prefix_is_noted_with_the_words_of_its_largest_field() {
    let articles: Vec<_> = (0..MAX_PREFIX_FORMS + 5)
        .map(|i| crate::article::Article {
            title: numbered(i),
            ..article(&format!("w{i}"), &numbered(i + 5000), None)
        })
        .collect();
    let (_dir, index) = index_with(&articles);
    let searcher = index.searcher().unwrap();
    let stats = crate::search::stats::QueryStats::new(&searcher);
    let ast = crate::search::query::parse("كت*").unwrap();
    let compiled = Compiler::new(&stats, index.fields, Default::default())
        .compile(&ast)
        .unwrap()
        .unwrap();
    // 1,005 words in the titles; the bodies hold as many others, and every title too
    let body = expand(&searcher, index.fields.body, "كت").unwrap().matched;
    assert!(body > MAX_PREFIX_FORMS + 5, "{body}");
    assert_eq!(compiled.bounded, [("كت*".to_string(), body)]);
}

#[test]
fn a_prefix_of_many_words_keeps_the_most_frequent() {
    let many: Vec<_> = (0..MAX_PREFIX_FORMS + 5)
        .map(|i| {
            // كتب followed by a number written in letters of its own: distinct words
            let word: String = format!("{i:04}")
                .chars()
                .map(|d| char::from_u32(0x0628 + d.to_digit(10).unwrap()).unwrap())
                .collect();
            article(&format!("w{i}"), &format!("كتب{word}"), None)
        })
        .chain([
            article("x", "كتب0 كتاب", None),
            article("y", "كتاب جديد", None),
        ])
        .collect();
    let (_dir, index) = index_with(&many);
    let searcher = index.searcher().unwrap();
    let expansion = expand(&searcher, index.fields.body, "كت").unwrap();
    assert_eq!(expansion.matched, MAX_PREFIX_FORMS + 5 + 2);
    assert_eq!(expansion.forms.len(), MAX_PREFIX_FORMS);
    // the one word in two articles comes first
    assert_eq!(expansion.forms[0], ("كتاب".to_string(), 2));
}
