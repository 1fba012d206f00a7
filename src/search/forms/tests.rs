//! Tests of [`WordForms`](super::WordForms): its scores against sums worked out by hand and
//! against tantivy's own term queries.

use super::*;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, TermQuery};
use tantivy::schema::{Schema, TEXT};
use tantivy::{doc, DocAddress, Index, Searcher, TERMINATED};

/// An index of `texts`, one document each, in one segment (doc ids in order).
fn searcher(texts: &[&str]) -> (Searcher, Field) {
    let mut builder = Schema::builder();
    let body = builder.add_text_field("body", TEXT);
    let index = Index::create_in_ram(builder.build());
    let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
    for text in texts {
        writer.add_document(doc!(body => *text)).unwrap();
    }
    writer.commit().unwrap();
    (index.reader().unwrap().searcher(), body)
}

/// Scores by document id.
fn scores(searcher: &Searcher, query: &dyn Query, docs: usize) -> Vec<Score> {
    let mut out = vec![0.0; docs];
    for (score, address) in searcher
        .search(query, &TopDocs::with_limit(docs).order_by_score())
        .unwrap()
    {
        out[address.doc_id as usize] = score;
    }
    out
}

// Every document has four words, so lengths never decide.
const TEXTS: [&str; 6] = [
    "word filler filler filler",
    "wword filler filler filler",
    "word wword filler filler",
    "word word filler filler",
    "wword wword filler filler",
    "word other other other",
];

/// Scores of [`TEXTS`] for "word" and "wword" counted with `factor`.
fn scores_with_factor(factor: Score) -> (Vec<Score>, Searcher, Field) {
    let (searcher, body) = searcher(&TEXTS);
    let forms = WordForms::new(body, [("word", 1.0), ("wword", factor)]);
    (scores(&searcher, &forms, TEXTS.len()), searcher, body)
}

#[test]
fn a_rare_form_counts_as_the_word_itself() {
    let (s, searcher, body) = scores_with_factor(1.0);
    assert!((s[0] - s[1]).abs() < 1e-6, "{s:?}");
    // frequencies add up: one of each is the word twice
    assert!((s[2] - s[3]).abs() < 1e-6, "{s:?}");
    assert!(s[3] > s[0]);

    // as separate terms, the rarer form would outweigh the word
    let separate = BooleanQuery::new(
        ["word", "wword"]
            .into_iter()
            .map(|text| -> (Occur, Box<dyn Query>) {
                let term = Term::from_field_text(body, text);
                (
                    Occur::Should,
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                )
            })
            .collect(),
    );
    let s = scores(&searcher, &separate, TEXTS.len());
    assert!(s[1] > s[0], "{s:?}");
}

#[test]
fn a_form_counts_with_its_factor() {
    let (s, searcher, body) = scores_with_factor(0.5);
    // twice a half-weight form is the word once
    assert!((s[4] - s[0]).abs() < 1e-6, "{s:?}");
    assert!(s[1] < s[0], "{s:?}");
    // a form with no weight is not searched at all
    let only_word = WordForms::new(body, [("word", 1.0), ("wword", 0.0)]);
    let s = scores(&searcher, &only_word, TEXTS.len());
    assert_eq!(s[1], 0.0);
    assert_eq!(s[4], 0.0);
}

#[test]
fn explain_gives_the_score_or_says_there_is_no_match() {
    let (searcher, body) = searcher(&TEXTS);
    let forms = WordForms::new(body, [("word", 1.0)]);
    let s = scores(&searcher, &forms, TEXTS.len());
    let explained = forms.explain(&searcher, DocAddress::new(0, 0)).unwrap();
    assert!((explained.value() - s[0]).abs() < 1e-6);
    // "wword filler…" has no "word"
    assert!(forms.explain(&searcher, DocAddress::new(0, 1)).is_err());
    // no form in the segment at all: an error, not a panic
    let absent = WordForms::new(body, [("absent", 1.0)]);
    assert!(absent.explain(&searcher, DocAddress::new(0, 0)).is_err());
}

#[test]
fn a_missing_form_changes_nothing() {
    let (searcher, body) = searcher(&TEXTS);
    let alone = scores(&searcher, &WordForms::new(body, [("word", 1.0)]), 6);
    let with_missing = WordForms::new(body, [("word", 1.0), ("absent", 1.0)]);
    assert_eq!(alone, scores(&searcher, &with_missing, 6));
    let none = WordForms::new(body, [("absent", 1.0)]);
    assert_eq!(scores(&searcher, &none, 6), vec![0.0; 6]);
}

/// Documents of four words with `word` 0–2 times and `wword` 0–1 times in a fixed
/// pseudo-random pattern, over several of the scorer's 4,096-document windows.
fn many_documents() -> Vec<(u32, u32)> {
    let mut state = 0x2545_f491_u32;
    (0..10_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            // most documents have neither form, so windows have gaps
            match state % 16 {
                0 => (1, 0),
                1 => (2, 0),
                2 => (0, 1),
                3 => (1, 1),
                _ => (0, 0),
            }
        })
        .collect()
}

/// BM25 of each document by hand: every document has four words, so each length norm is k1.
fn expected_scores(counts: &[(u32, u32)], factor: Score, forms: usize) -> Vec<Score> {
    let df_word = counts.iter().filter(|(a, _)| *a > 0).count() as u64;
    let df_wword = counts.iter().filter(|(_, b)| *b > 0).count() as u64;
    let df = if forms == 1 {
        df_word
    } else {
        df_word.max(df_wword)
    };
    let weight = idf(df, counts.len() as u64) * (1.0 + K1);
    counts
        .iter()
        .map(|&(a, b)| {
            let freq = a as Score + if forms == 1 { 0.0 } else { b as Score * factor };
            if freq == 0.0 {
                0.0
            } else {
                weight * freq / (freq + K1)
            }
        })
        .collect()
}

#[test]
fn windows_of_documents_score_and_seek_like_the_plain_sum() {
    let counts = many_documents();
    let texts: Vec<String> = counts
        .iter()
        .map(|&(a, b)| {
            let mut words = vec!["word"; a as usize];
            words.extend(std::iter::repeat_n("wword", b as usize));
            words.resize(4, "filler");
            words.join(" ")
        })
        .collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let (searcher, body) = searcher(&texts);
    assert_eq!(searcher.segment_readers().len(), 1);
    for (forms, query) in [
        (2, WordForms::new(body, [("word", 1.0), ("wword", 0.7)])),
        (1, WordForms::new(body, [("word", 1.0), ("absent", 0.7)])),
    ] {
        let expected = expected_scores(&counts, 0.7, forms);
        // every document, by advancing
        let got = scores(&searcher, &query, counts.len());
        for (doc, (got, expected)) in got.iter().zip(&expected).enumerate() {
            assert!(
                (got - expected).abs() < 1e-4,
                "doc {doc}: {got} != {expected}"
            );
        }
        // seeking, within a window, to its last document, across one and past the end
        let weight = query
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .unwrap();
        let mut scorer = weight.scorer(&searcher.segment_readers()[0], 1.0).unwrap();
        let next_from = |from: usize| {
            (from..counts.len())
                .find(|&d| expected[d] > 0.0)
                .map_or(TERMINATED, |d| d as DocId)
        };
        // Seeks of every size, each followed by advances, all scores checked: a
        // seek drops the skipped part of a window, and what it drops must not count later.
        let steps = [1, 37, 700, 4095, 4096, 4500, 6000, 2];
        let mut current = scorer.doc();
        for step in steps.iter().cycle() {
            let target = current.saturating_add(*step).min(TERMINATED);
            let mut doc = scorer.seek(target);
            assert_eq!(
                doc,
                next_from(target as usize),
                "seek({target}), {forms} forms"
            );
            for _ in 0..50 {
                if doc == TERMINATED {
                    break;
                }
                let score = scorer.score();
                assert!((score - expected[doc as usize]).abs() < 1e-4, "doc {doc}");
                let next = scorer.advance();
                assert_eq!(next, next_from(doc as usize + 1), "advance after {doc}");
                doc = next;
            }
            if doc == TERMINATED {
                break;
            }
            current = doc;
        }
    }
}

#[test]
fn located_forms_score_as_looked_up_ones_and_a_new_segment_is_looked_up() {
    let mut builder = Schema::builder();
    let body = builder.add_text_field("body", TEXT);
    let index = Index::create_in_ram(builder.build());
    let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
    let reader = index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()
        .unwrap();
    // two segments, "wword" only in the second
    for batch in [&TEXTS[..3], &TEXTS[3..]] {
        for text in batch {
            writer.add_document(doc!(body => *text)).unwrap();
        }
        writer.commit().unwrap();
    }
    reader.reload().unwrap();
    let searcher = reader.searcher();
    assert_eq!(searcher.segment_readers().len(), 2);
    let top = |searcher: &Searcher, query: &dyn Query| {
        searcher
            .search(query, &TopDocs::with_limit(20).order_by_score())
            .unwrap()
    };
    let plain = WordForms::new(body, [("word", 1.0), ("wword", 0.5), ("absent", 0.5)]);
    let stats = QueryStats::new(&searcher);
    let located = plain.clone().locate(&stats);
    assert!(located.located.is_some());
    let expected = top(&searcher, &plain);
    assert_eq!(expected.len(), TEXTS.len());
    assert_eq!(top(&searcher, &located), expected);

    // a segment committed after the lookup: its documents are found all the same
    writer.add_document(doc!(body => "wword word")).unwrap();
    writer.commit().unwrap();
    reader.reload().unwrap();
    let newer = reader.searcher();
    assert_eq!(newer.segment_readers().len(), 3);
    let expected = top(&newer, &plain);
    assert_eq!(expected.len(), TEXTS.len() + 1);
    assert_eq!(top(&newer, &located), expected);
}

#[test]
fn presence_scores_a_form_as_a_field_without_frequencies_would() {
    use tantivy::schema::{TextFieldIndexing, TextOptions};
    let mut builder = Schema::builder();
    let body = builder.add_text_field("body", TEXT);
    // what the exact fields were: whether an article has the form, with the body's lengths
    let indexing = TextFieldIndexing::default().set_index_option(IndexRecordOption::Basic);
    let basic = builder.add_text_field(
        "basic",
        TextOptions::default().set_indexing_options(indexing),
    );
    let index = Index::create_in_ram(builder.build());
    let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
    let texts = [
        "word",
        "word word other",
        "other word filler filler filler filler filler",
        "other",
        "word filler word filler word filler",
    ];
    for text in texts {
        writer
            .add_document(doc!(body => text, basic => text))
            .unwrap();
    }
    writer.commit().unwrap();
    let searcher = index.reader().unwrap().searcher();
    for word in ["word", "other", "filler"] {
        let yes_or_no =
            TermQuery::new(Term::from_field_text(basic, word), IndexRecordOption::Basic);
        let expected = scores(&searcher, &yes_or_no, texts.len());
        let presence = WordForms::new(body, [(word, 1.0)]).presence();
        let got = scores(&searcher, &presence, texts.len());
        for (got, expected) in got.iter().zip(&expected) {
            assert!(
                (got - expected).abs() <= 1e-6 * expected,
                "{word}: {got} vs {expected}"
            );
        }
        // counted, a word repeated in some article scores differently
        let counted = scores(&searcher, &WordForms::new(body, [(word, 1.0)]), texts.len());
        assert_eq!(counted != got, word != "other", "{word}");
    }
}

#[test]
fn the_forms_of_stems_score_as_an_index_of_stems_did() {
    use tantivy::query::PhraseQuery;
    use tantivy::schema::{TextFieldIndexing, TextOptions};
    let text = |tokenizer: &str| {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        TextOptions::default().set_indexing_options(indexing)
    };
    let mut builder = Schema::builder();
    // what title and body were (stems), and what they are (folded forms)
    let stems = builder.add_text_field("stems", text("stemmed"));
    let forms = builder.add_text_field("forms", text("exact"));
    let index = Index::create_in_ram(builder.build());
    index
        .tokenizers()
        .register("stemmed", crate::analysis::stemmed_analyzer());
    index
        .tokenizers()
        .register("exact", crate::analysis::exact_analyzer());
    let texts = [
        "قال التحالف الدولي ان التحالفات الدولية باقية",
        "والتحالف الدولي باق",
        "تحالف دولي جديد وقوات التحالف الدولي",
        "الدولي التحالف ثم التحالف",
        "لا شيء هنا عن ذلك",
    ];
    let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
    for text in texts {
        writer
            .add_document(doc!(stems => text, forms => text))
            .unwrap();
    }
    writer.commit().unwrap();
    let searcher = index.reader().unwrap().searcher();
    let stats = QueryStats::new(&searcher);
    let same = |expected: Vec<Score>, got: Vec<Score>| {
        assert!(
            expected.iter().filter(|s| **s > 0.0).count() >= 3,
            "{expected:?}"
        );
        for (got, expected) in got.iter().zip(&expected) {
            assert!(
                (got - expected).abs() <= 1e-5 * expected.max(1.0),
                "{got:?} vs {expected:?}"
            );
        }
    };

    let word = TermQuery::new(
        Term::from_field_text(stems, "تحالف"),
        IndexRecordOption::WithFreqs,
    );
    let of_stems = WordForms::of_stems(&stats, forms, [("تحالف", 1.0, true)]).unwrap();
    same(
        scores(&searcher, &word, texts.len()),
        scores(&searcher, &of_stems, texts.len()),
    );

    let phrase = PhraseQuery::new(vec![
        Term::from_field_text(stems, "تحالف"),
        Term::from_field_text(stems, "دول"),
    ]);
    let stem_phrase = StemPhrase::with_exact(
        &stats,
        forms,
        &[(0, "تحالف".to_string()), (1, "دول".to_string())],
        &[],
        0,
    )
    .unwrap();
    let expected = scores(&searcher, &phrase, texts.len());
    // the words in the other order do not make the phrase
    assert_eq!(expected[3], 0.0);
    same(expected, scores(&searcher, &stem_phrase, texts.len()));
}
