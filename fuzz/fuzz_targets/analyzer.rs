//! Any text through both analyzers: offsets stay inside the text on char boundaries, tokens are
//! never empty, and folding is idempotent (an analyzed token analyzes to itself). The snippet
//! path too: the stem finder finds exactly the wanted stems the stemmed analyzer finds, and a
//! snippet with highlights is cut without panic. And the search of stems among the index's
//! forms: the automaton of a token's stem accepts the token, which stems to it.
#![no_main]

use std::collections::HashMap;

use fahras::analysis::{
    analyze, exact_analyzer, light_stem, stemmed_analyzer, FormsOf, StemFinder,
};
use fahras::search::SnippetMaker;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for mut analyzer in [exact_analyzer(), stemmed_analyzer()] {
        let mut stream = analyzer.token_stream(&text);
        while let Some(token) = stream.next() {
            assert!(token.offset_from < token.offset_to && token.offset_to <= text.len());
            assert!(text.is_char_boundary(token.offset_from));
            assert!(text.is_char_boundary(token.offset_to));
            assert!(!token.text.is_empty());
        }
    }
    for token in analyze(&mut exact_analyzer(), &text) {
        let again = analyze(&mut exact_analyzer(), &token);
        assert!(again.len() <= 1 && again.first().is_none_or(|t| *t == token), "{token:?} -> {again:?}");
    }
    // every third stem of the text is wanted
    let stems = analyze(&mut stemmed_analyzer(), &text);
    for form in analyze(&mut exact_analyzer(), &text) {
        let forms = FormsOf::new(light_stem(&form));
        assert!(forms.accepts(&form) && forms.stems_to(&form), "{form:?}");
    }
    let wanted: Vec<String> = stems.iter().step_by(3).cloned().collect();
    let mut full = Vec::new();
    let mut analyzer = stemmed_analyzer();
    let mut stream = analyzer.token_stream(&text);
    while let Some(t) = stream.next() {
        if wanted.contains(&t.text) {
            full.push((t.offset_from, t.offset_to, t.text.clone()));
        }
    }
    let mut narrow = Vec::new();
    StemFinder::new(wanted.clone()).find(&text, |from, to, stem| {
        if wanted.iter().any(|w| w == stem) {
            narrow.push((from, to, stem.to_string()));
        }
    });
    assert_eq!(narrow, full);
    let terms: HashMap<String, f32> = wanted.into_iter().map(|w| (w, 1.0)).collect();
    let snippet = SnippetMaker::from_terms(terms, 60).snippet(&text);
    let len = snippet.text.chars().count();
    assert!(snippet.highlights.iter().all(|&(from, to)| from < to && to <= len));
});
