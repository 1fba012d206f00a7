//! Any text through both analyzers: offsets stay inside the text on char boundaries, tokens are
//! never empty, and folding is idempotent (an analyzed token analyzes to itself).
#![no_main]

use fahras::analysis::{analyze, exact_analyzer, stemmed_analyzer};
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
});
