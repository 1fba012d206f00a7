//! Property tests of the invariants everything else relies on, over generated input that mixes
//! Arabic letters, harakat, joiners, presentation forms, Latin, digits, punctuation, controls
//! and arbitrary Unicode.

use std::collections::HashMap;

use proptest::prelude::*;
use tantivy::tokenizer::TextAnalyzer;

use fahras::analysis::{analyze, exact_analyzer, light_stem, stemmed_analyzer, StemFinder};
use fahras::index::packed::{pack, unpack};
use fahras::index::{schema, Fields};
use fahras::ingest::clean::{clean_record_body, clean_text, patterns};
use fahras::ingest::line_fold::fold_line;
use fahras::ingest::normalize::normalize;
use fahras::search::{Engine, SearchOptions, SnippetMaker};

/// Query-language-heavy strings: operators, quotes, brackets, fields, Arabic words.
fn query_text() -> impl Strategy<Value = String> {
    prop_oneof![
        r#"[\x{0621}-\x{0652} a-z0-9"'()\[\]{}+\-:^~*\\!?.،؟]{0,40}"#,
        r#"((title|body|source|foo|AND|OR|NOT|[+\-]?"?[\x{0621}-\x{064A}]{1,5}"?[)(]?)[ :]?){0,8}"#,
        any::<String>(),
    ]
}

/// Text that looks like messy Arabic news, or anything at all.
fn messy_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[\\u0600-\\u06FF\\u0750-\\u077F\\u200B-\\u200F\\u202A-\\u202E\\uFB50-\\uFDFF\\uFE70-\\uFEFF a-zA-Z0-9،؛؟«»\"().\\-\\n\\t\\u{1b}]{0,80}",
        any::<String>(),
    ]
}

/// Arabic text with harakat, Quranic marks, tatweel, joiners, Persian letters and punctuation,
/// but none of the presentation forms that make the stem finder read every word.
fn plain_arabic_text() -> impl Strategy<Value = String> {
    "[\\u0610-\\u061A\\u0621-\\u065F\\u0660-\\u0669\\u0670-\\u06ED\\u200C\\u200D a-zA-Z0-9،؛؟«».\\n]{0,120}"
}

/// Words of the letters the stem finder anchors on (and a few others), thick with harakat,
/// tatweel and joiners between them.
fn marked_arabic_text() -> impl Strategy<Value = String> {
    "[\\u0627\\u0628-\\u063A\\u0641-\\u064A\\u064B-\\u0652\\u0640\\u200C ]{0,80}"
}

/// Lines of 25 to 40 words of news prose, thick with the wording of site furniture, notices
/// and disclaimers (and the separators of navigation bars), one per paragraph.
fn long_lines() -> impl Strategy<Value = Vec<String>> {
    let prose = prop::sample::select(vec![
        "قال",
        "الوزير",
        "إن",
        "الحكومة",
        "ستعمل",
        "على",
        "دعم",
        "الاقتصاد",
        "في",
        "المدن",
        "والقرى",
        "خلال",
        "العام",
        "المقبل",
        "نتيجة",
        "المواجهات",
        "الملعب",
        "التصنيفات",
        "النظرية",
        "مهما",
        "كانت",
        "دقتها",
        "شبكة",
        "الموقع",
        "2018",
        "كأس",
        "العالم",
    ]);
    let furniture = prop::sample::select(vec![
        "لا تعكس بالضرورة",
        "لا تعبر بالضرورة عن رأي",
        "ولا تعكس بالضرورة وجهة نظر",
        "الآراء الواردة أدناه",
        "هذا المقال بقلم",
        "جميع الحقوق محفوظة",
        "©",
        "Copyright",
        "اقرأ أيضا:",
        "للمزيد:",
        "اضغط هنا",
        "cookies",
        "نستخدم ملفات تعريف الارتباط",
        "JavaScript",
        "سياسة الخصوصية",
        "ذات صلة",
        "شارك",
        "المزيد",
        "|",
        "»",
        "•",
        "// انتهى //",
        "@handle",
        "15:11",
        "CNN",
        "Read more",
        "اترك تعليقاً",
        "لا يمكنه التأكد بصورة مستقلة",
        "تبدأ بالرمز",
        "Next:",
        "الرئيسية",
    ]);
    let word = prop_oneof![3 => prose, 1 => furniture];
    let line = proptest::collection::vec(word, 25..40).prop_map(|words| words.join(" "));
    proptest::collection::vec(line, 1..6)
}

fn check_offsets(analyzer: &mut TextAnalyzer, text: &str) -> Result<(), TestCaseError> {
    let mut stream = analyzer.token_stream(text);
    let mut last_from = 0;
    while let Some(token) = stream.next() {
        prop_assert!(token.offset_from < token.offset_to, "{token:?}");
        prop_assert!(token.offset_to <= text.len());
        prop_assert!(text.is_char_boundary(token.offset_from));
        prop_assert!(text.is_char_boundary(token.offset_to));
        prop_assert!(token.offset_from >= last_from, "offsets go backwards");
        prop_assert!(!token.text.is_empty());
        last_from = token.offset_from;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn token_offsets_are_inside_the_text_and_on_char_boundaries(text in messy_text()) {
        check_offsets(&mut exact_analyzer(), &text)?;
        check_offsets(&mut stemmed_analyzer(), &text)?;
    }

    #[test]
    fn analysis_of_analyzed_text_changes_nothing_more(text in messy_text()) {
        // Folding is idempotent: the exact analyzer's output, analyzed again, is unchanged.
        let once = analyze(&mut exact_analyzer(), &text);
        for token in &once {
            let again = analyze(&mut exact_analyzer(), token);
            prop_assert!(again.len() <= 1);
            if let Some(again) = again.first() {
                prop_assert_eq!(again, token);
            }
        }
    }

    #[test]
    fn a_stem_is_a_non_empty_slice_of_its_word(word in "[\\u0621-\\u064A]{1,12}") {
        let stem = light_stem(&word);
        prop_assert!(!stem.is_empty());
        prop_assert!(word.contains(stem));
    }

    #[test]
    fn normalized_text_is_stable_and_clean(text in messy_text()) {
        let once = normalize(&text);
        prop_assert_eq!(normalize(&once), once.clone());
        prop_assert!(!once.contains("\n\n"));
        prop_assert!(!once.starts_with(' ') && !once.ends_with(' '));
        prop_assert!(!once.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
        let bidi_override = |c: char| ('\u{202A}'..='\u{202E}').contains(&c);
        prop_assert!(!once.chars().any(bidi_override), "bidi override left in {:?}", once);
    }

    #[test]
    fn the_stem_finder_finds_every_wanted_stem_the_full_analyzer_finds(
        text in prop_oneof![plain_arabic_text(), marked_arabic_text(), messy_text()],
        pick in 0usize..5,
        extra in "[\\u0621-\\u064A]{1,4}",
    ) {
        // wanted stems taken from the text (so some match) plus one that may be anywhere
        let all = analyze(&mut stemmed_analyzer(), &text);
        let mut wanted: Vec<String> = all.iter().step_by(pick + 1).cloned().collect();
        wanted.push(extra);
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
        prop_assert_eq!(narrow, full);
    }

    #[test]
    fn snippet_highlights_fit_the_snippet(text in messy_text(), pick in 0usize..8) {
        let text = normalize(&text);
        // query terms taken from the text itself, so that some match
        let stems = analyze(&mut stemmed_analyzer(), &text);
        let terms: HashMap<String, f32> = stems.into_iter().step_by(pick + 1).map(|t| (t, 1.0)).collect();
        let snippet = SnippetMaker::from_terms(terms, 60).snippet(&text);
        let len = snippet.text.chars().count();
        prop_assert!(len <= 60 + 4, "snippet of {len} chars");
        prop_assert!(!snippet.text.contains('\n'));
        let mut last_to = 0;
        for &(from, to) in &snippet.highlights {
            prop_assert!(from < to && to <= len);
            prop_assert!(from >= last_to, "overlapping or unsorted highlights");
            last_to = to;
        }
    }

    #[test]
    fn packed_text_unpacks_to_the_same_text(text in messy_text()) {
        prop_assert_eq!(unpack(&pack(&text)), text);
    }

    #[test]
    fn unpacking_any_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let text = unpack(&bytes);
        // every byte yields at most one character
        prop_assert!(text.chars().count() <= bytes.len());
    }

    #[test]
    fn any_query_is_parsed_or_refused_without_panic(text in query_text()) {
        let index = tantivy::Index::create_in_ram(schema::build());
        fahras::analysis::register(index.tokenizers());
        let fields = Fields::resolve(&index.schema()).unwrap();
        let index = fahras::index::ArticleIndex { index, fields, dir: std::path::PathBuf::new() };
        // An error (a refused query) is fine; only a panic fails.
        let _ = Engine::new(&index).and_then(|engine| engine.search(&text, &SearchOptions::default()));
    }

    #[test]
    fn cleaning_keeps_every_long_line_no_whole_line_pattern_marks(lines in long_lines()) {
        let lines: Vec<String> = lines.iter().map(|l| normalize(l)).collect();
        let document = lines.join("\n");
        let protected = lines
            .iter()
            .filter(|l| l.split_whitespace().count() >= 25)
            .filter(|l| !patterns::is_whole_line_furniture(&fold_line(l)));
        let record = clean_record_body(&document);
        let text = clean_text(&document, &|_, _, _| false);
        let title = text.title.clone().unwrap_or_default();
        for line in protected {
            prop_assert!(record.contains(line), "record body lost {line:?}");
            prop_assert!(title == *line || text.body.contains(line), "plain text lost {line:?}");
        }
    }
}
