use super::*;
use crate::analysis::test_util::tokens;
use crate::analysis::{stemmed_analyzer, ArabicTokenizer};
use tantivy::tokenizer::TextAnalyzer;

#[test]
fn only_tokens_holding_a_needle_pass_with_their_offsets() {
    let mut analyzer = TextAnalyzer::builder(ArabicTokenizer::default())
        .filter(KeepContaining::new(["تحالف".to_string()]))
        .build();
    let found = tokens(&mut analyzer, "قال والتحالف الدولي للتحالف");
    let texts: Vec<(&str, usize, usize)> = found
        .iter()
        .map(|t| (t.text.as_str(), t.offset_from, t.offset_to))
        .collect();
    assert_eq!(texts, [("والتحالف", 7, 23), ("للتحالف", 37, 51)]);
}

#[test]
fn needles_holding_another_are_redundant() {
    let kept =
        shortest_needles(["لدمشق", "دمشق", "بدمشق", "سوريا", "سور", "دمشق", ""].map(String::from));
    assert_eq!(kept, ["سور", "دمشق"]);
}

#[test]
fn redundant_needles_are_those_a_pairwise_search_finds() {
    // made-up words of two to five letters, many inside others
    let letters: Vec<char> = "دمشقلبو".chars().collect();
    let mut state = 7u64;
    let mut next = |below: u64| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
        ((state >> 33) % below) as usize
    };
    let needles: Vec<String> = (0..3000)
        .map(|_| {
            let len = 2 + next(4);
            (0..len).map(|_| letters[next(7)]).collect()
        })
        .collect();
    let mut pairwise: Vec<String> = needles.clone();
    pairwise.sort_by_key(String::len);
    pairwise.dedup();
    let mut expected: Vec<String> = Vec::new();
    for needle in pairwise {
        if !expected.iter().any(|k| needle.contains(k.as_str())) {
            expected.push(needle);
        }
    }
    assert!(
        expected.len() > 10 && expected.len() < 500,
        "{}",
        expected.len()
    );
    assert_eq!(shortest_needles(needles), expected);
}

#[test]
fn each_needle_is_anchored_on_its_rarest_unfolded_letter() {
    let probe = |before: &str, after: &str| Probe {
        before: before.chars().collect(),
        after: after.chars().collect(),
    };
    // ا is no anchor letter, so it ends the stretch around ح
    assert_eq!(
        anchors(&["دمشق".into(), "تحالف".into(), "شرق".into()]),
        Some(vec![
            ('ش', vec![probe("مد", "ق"), probe("", "رق")]),
            ('ح', vec![probe("ت", "")]),
        ])
    );
    // ا ي ه ك are what other letters fold to, and ASCII has case: no safe anchor
    assert_eq!(anchors(&["دمشق".into(), "ايه".into()]), None);
    assert_eq!(anchors(&["isis".into()]), None);
}

#[test]
fn anchor_letters_are_folded_to_from_themselves_only() {
    // Outside U+F000–U+FFFF (the presentation forms, which send the finder to every word)
    for c in ('\0'..=char::MAX).filter(|c| !('\u{F000}'..='\u{FFFF}').contains(c)) {
        let becomes: Vec<char> = match fold_char(c) {
            Fold::Keep => vec![c],
            Fold::Drop => vec![],
            Fold::Char(r) => vec![r],
            Fold::Compat => c.to_lowercase().collect(),
        };
        for r in becomes {
            assert!(!is_anchor_letter(r) || r == c, "{c:?} folds to {r}");
        }
    }
}

#[test]
fn a_probe_wants_the_anchors_neighbours_with_only_dropped_marks_between() {
    let Some(found) = anchors(&["متحد".into()]) else {
        panic!("متحد has an anchor")
    };
    let (anchor, probes) = &found[0];
    assert_eq!(*anchor, 'ح');
    let holds = |text: &str| {
        let at = text.find(*anchor).unwrap();
        probes[0].holds(text, at, *anchor)
    };
    assert!(holds("المتحدة"));
    assert!(holds("المُتَّحِدَة"));
    assert!(holds("المتـــحدة"));
    assert!(!holds("حدود"));
    assert!(!holds("التحدي"));
    assert!(!holds("متحزب"));
}

fn found(finder: &mut StemFinder, text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    finder.find(text, |from, to, stem| {
        out.push((from, to, stem.to_string()))
    });
    out
}

#[test]
fn finds_the_words_around_the_anchors() {
    let mut finder = StemFinder::new(["دمشق".to_string(), "تحالف".to_string()]);
    let text = "قال الشيخ في دمشقَ إن التحالف باقٍ، وبدمشق";
    let stems: Vec<(String, &str)> = found(&mut finder, text)
        .into_iter()
        .map(|(from, to, stem)| (stem, &text[from..to]))
        .collect();
    assert_eq!(
        stems,
        [
            ("دمشق".to_string(), "دمشقَ"),
            ("تحالف".to_string(), "التحالف"),
            // a lone و is not stripped (وزير is not و + زير)
            ("وبدمشق".to_string(), "وبدمشق")
        ]
    );
}

#[test]
fn presentation_forms_and_unanchored_stems_take_the_whole_text() {
    // ﺵ is the isolated presentation form of ش: دﻣﺸﻖ folds to دمشق
    let mut finder = StemFinder::new(["دمشق".to_string()]);
    let hits = found(&mut finder, "في \u{FEA9}\u{FEE3}\u{FEB8}\u{FED6} اليوم");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].2, "دمشق");
    let mut finder = StemFinder::new(["اي".to_string()]);
    assert_eq!(found(&mut finder, "قال ايه")[0].2, "اي");
}

#[test]
fn the_snippet_analyzer_finds_what_the_stemmed_one_finds() {
    let text = "وقال مستشار وزارة الخارجيّة الأمريكية للتحالف الدولي إنّ الولايات المتحدة تدعم قسد";
    let mut full = stemmed_analyzer();
    for wanted in ["تحالف", "امريك", "قسد", "ولا", "خارج", "لا"] {
        let expected: Vec<(usize, usize)> = tokens(&mut full, text)
            .iter()
            .filter(|t| t.text == wanted)
            .map(|t| (t.offset_from, t.offset_to))
            .collect();
        let mut narrow = crate::analysis::snippet_analyzer([wanted.to_string()]);
        let got: Vec<(usize, usize)> = tokens(&mut narrow, text)
            .iter()
            .filter(|t| t.text == wanted)
            .map(|t| (t.offset_from, t.offset_to))
            .collect();
        assert_eq!(got, expected, "{wanted}");
        // every wanted stem but the last (a stop word's) occurs in the text
        assert_eq!(expected.is_empty(), wanted == "لا", "{wanted}");
    }
}
