//! Tests of the twin analyzers: recordings replayed, missed and given back.

use super::*;
use crate::analysis::{exact_analyzer, indexing_stemmed_analyzer};

fn forms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        out.push((
            token.text.clone(),
            token.offset_from,
            token.offset_to,
            token.position,
        ));
    }
    out
}

/// The exact analyzer's tokens, each form only at its first occurrence.
fn first_occurrences(text: &str) -> Vec<(String, usize, usize, usize)> {
    let mut seen = std::collections::HashSet::new();
    forms(&mut exact_analyzer(), text)
        .into_iter()
        .filter(|(form, ..)| seen.insert(form.clone()))
        .collect()
}

fn distinct() -> TextAnalyzer {
    TextAnalyzer::from(DistinctForms::new(exact_analyzer()))
}

const TEXT: &str = "قالت الأمم المتحدة إن الامم المتحدة والأمم المتحدة، الأمم المتحدة!";

#[test]
fn an_unrecorded_text_gives_each_exact_form_once() {
    let expected = first_occurrences(TEXT);
    assert_eq!(
        expected.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
        ["قالت", "الامم", "المتحده", "والامم"]
    );
    assert_eq!(forms(&mut distinct(), TEXT), expected);
    // Its buffers are reused for the next text.
    assert_eq!(
        forms(&mut distinct(), "كتب كتب"),
        first_occurrences("كتب كتب")
    );
}

#[test]
fn a_recorded_text_is_replayed_as_its_exact_forms() {
    let mut stemmed = indexing_stemmed_analyzer();
    let mut twin = distinct();
    let other = "وصل الوفد إلى بيروت، وبيروت تنتظر";
    let titles = ["الأمم المتحدة", "الامم المتحدة"];
    // As tantivy indexes a document: a title, a body, the title again, then the twins.
    forms(&mut stemmed, titles[0]);
    forms(&mut stemmed, TEXT);
    forms(&mut stemmed, titles[0]);
    let mut bare = DistinctForms::new(exact_analyzer());
    let mut replays = |text| matches!(bare.token_stream(text).source, Source::Recorded { .. });
    assert!(replays(TEXT) && replays(titles[0]));
    assert!(!replays(titles[1]) && !replays(other));
    for text in [TEXT, titles[0], other, titles[1]] {
        assert_eq!(forms(&mut twin, text), first_occurrences(text), "{text}");
    }
    // Replayed twice, and the recording is still there.
    assert_eq!(forms(&mut twin, TEXT), first_occurrences(TEXT));
    let replayed = RING.with(|ring| {
        ring.borrow()
            .slots
            .iter()
            .flatten()
            .any(|r| r.complete && r.text == TEXT)
    });
    assert!(replayed);
}

#[test]
fn a_recording_cut_short_is_not_replayed() {
    let text = "تقرير تقرير عن القمة العربية في القاهرة";
    let mut stemmed = indexing_stemmed_analyzer();
    {
        let mut stream = stemmed.token_stream(text);
        assert!(stream.advance());
    }
    let in_ring = RING.with(|ring| {
        ring.borrow()
            .slots
            .iter()
            .flatten()
            .any(|r| r.text == text && !r.complete && r.forms.spans.len() == 1)
    });
    assert!(in_ring, "the partial recording is kept, marked incomplete");
    assert_eq!(forms(&mut distinct(), text), first_occurrences(text));
}

#[test]
fn recording_leaves_the_stemmed_tokens_unchanged() {
    let mut plain = crate::analysis::stemmed_analyzer();
    let mut recording = indexing_stemmed_analyzer();
    assert_eq!(forms(&mut recording, TEXT), forms(&mut plain, TEXT));
}

proptest::proptest! {
    #[test]
    fn replayed_or_analyzed_each_text_gives_its_distinct_exact_forms(
        words in proptest::collection::vec(
            "(ال|و|ب)?(كتب|كاتب|أمم|الأمم|امم|مدرسة|مدرسه|قال|في|من|ـ|َ|ّ|١٢|A|a|zz){1,2}[ ،.]",
            0..40,
        ),
        record in proptest::prelude::any::<bool>(),
    ) {
        let text = words.concat();
        // Earlier cases ran on this thread: forget their recordings.
        RING.with(|ring| *ring.borrow_mut() = Ring::default());
        if record {
            forms(&mut indexing_stemmed_analyzer(), &text);
        }
        let mut bare = DistinctForms::new(exact_analyzer());
        let replayed = matches!(bare.token_stream(&text).source, Source::Recorded { .. });
        proptest::prop_assert_eq!(replayed, record);
        proptest::prop_assert_eq!(forms(&mut distinct(), &text), first_occurrences(&text));
    }
}
