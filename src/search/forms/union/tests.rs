//! Tests of [`WordsUnion`]: its top hits against tantivy's union of the same words, which
//! scores every article, and how many articles it skips.

use proptest::prelude::*;
use tantivy::collector::TopDocs;
use tantivy::schema::{Field, Schema, TEXT};
use tantivy::{doc, DocAddress, Index, Searcher};

use super::*;

/// A generator of the same words every run for a seed (xorshift).
struct Words(u64);

impl Words {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A text of up to `most` words, common ones more often than rare ones.
    fn text(&mut self, most: u64) -> String {
        let len = 1 + self.next() % most;
        let words: Vec<String> = (0..len)
            .map(|_| match self.next() % 100 {
                0..=29 => "common".to_string(),
                30..=37 => "wcommon".to_string(),
                38..=52 => "mid".to_string(),
                53..=55 => "rare".to_string(),
                56 => "wrare".to_string(),
                n => format!("filler{}", n % 13),
            })
            .collect();
        words.join(" ")
    }
}

/// `docs` generated articles with a title and a body, committed in `segments` parts.
fn generated(seed: u64, docs: usize, segments: usize) -> (Searcher, Field, Field) {
    let mut builder = Schema::builder();
    let title = builder.add_text_field("title", TEXT);
    let body = builder.add_text_field("body", TEXT);
    let index = Index::create_in_ram(builder.build());
    let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
    let mut words = Words(seed | 1);
    let per_segment = docs.div_ceil(segments);
    for i in 0..docs {
        let document = doc!(title => words.text(4), body => words.text(40));
        writer.add_document(document).unwrap();
        if (i + 1) % per_segment == 0 {
            writer.commit().unwrap();
        }
    }
    writer.commit().unwrap();
    (index.reader().unwrap().searcher(), title, body)
}

/// The words a query could be made of, boosted as `boosts` say.
fn words(title: Field, body: Field, boosts: &[f32; 6], factor: f32) -> Vec<WordForms> {
    vec![
        WordForms::new(body, [("common", 1.0), ("wcommon", factor)]).boosted(boosts[0]),
        WordForms::new(title, [("common", 1.0), ("wcommon", factor)]).boosted(boosts[1]),
        WordForms::new(body, [("rare", 1.0), ("wrare", factor)]).boosted(boosts[2]),
        WordForms::new(body, [("rare", 1.0)])
            .presence()
            .boosted(boosts[3]),
        WordForms::new(body, [("mid", 1.0)]).boosted(boosts[4]),
        WordForms::new(title, [("mid", 1.0), ("absent", 1.0)]).boosted(boosts[5]),
    ]
}

/// The top `k` as (score bits, address): equal scores must be equal to the last bit.
fn top(searcher: &Searcher, query: &dyn Query, k: usize) -> Vec<(u32, DocAddress)> {
    let hits = searcher
        .search(query, &TopDocs::with_limit(k).order_by_score())
        .unwrap();
    hits.into_iter().map(|(s, a)| (s.to_bits(), a)).collect()
}

fn should(words: &[WordForms]) -> Vec<(Occur, Box<dyn Query>)> {
    let clause =
        |word: &WordForms| -> (Occur, Box<dyn Query>) { (Occur::Should, Box::new(word.clone())) };
    words.iter().map(clause).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn the_top_hits_are_those_of_scoring_every_article(
        seed in any::<u64>(),
        docs in 1usize..1000,
        segments in 1usize..4,
        k in 1usize..25,
        chosen in 1u8..64,
        boosts in proptest::array::uniform6(0.05f32..2.0),
        factor in 0.3f32..1.0,
    ) {
        let (searcher, title, body) = generated(seed, docs, segments);
        let words: Vec<WordForms> = words(title, body, &boosts, factor)
            .into_iter()
            .enumerate()
            .filter(|(i, _)| chosen & (1 << i) != 0)
            .map(|(_, word)| word)
            .collect();
        let union = WordsUnion::of(should(&words)).expect("only words");
        let every = BooleanQuery::new(should(&words));
        prop_assert_eq!(top(&searcher, &union, k), top(&searcher, &every, k));
    }
}

#[test]
fn a_union_of_anything_but_optional_words_stays_a_boolean_query() {
    let (_, title, body) = generated(7, 10, 1);
    let mut clauses = should(&words(title, body, &[1.0; 6], 1.0));
    clauses[1].0 = Occur::Must;
    assert!(WordsUnion::of(clauses).is_err());
    let term = Term::from_field_text(body, "common");
    let other: Box<dyn Query> = Box::new(tantivy::query::TermQuery::new(
        term,
        tantivy::schema::IndexRecordOption::Basic,
    ));
    assert!(WordsUnion::of(vec![(Occur::Should, other)]).is_err());
    assert!(WordsUnion::of(Vec::new()).is_err());
}

#[test]
fn articles_with_only_the_common_word_are_skipped_once_the_top_is_full() {
    // every article has the common word, one in fifty the rare one as well
    let mut builder = Schema::builder();
    let body = builder.add_text_field("body", TEXT);
    let index = Index::create_in_ram(builder.build());
    let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
    let docs = 2000;
    for i in 0..docs {
        let text = match i % 50 {
            0 => "common rare rare filler",
            _ => "common filler filler filler",
        };
        writer.add_document(doc!(body => text)).unwrap();
    }
    writer.commit().unwrap();
    let searcher = index.reader().unwrap().searcher();
    let union = WordsUnion {
        words: vec![
            WordForms::new(body, [("common", 1.0)]),
            WordForms::new(body, [("rare", 1.0)]),
        ],
    };
    let scoring = EnableScoring::enabled_from_searcher(&searcher);
    let weight = WordsUnionWeight {
        words: union
            .words
            .iter()
            .map(|word| word.forms_weight(scoring).unwrap())
            .collect(),
        union: union.boolean().weight(scoring).unwrap(),
        floor: Mutex::new(Score::MIN),
    };
    // a top 5 kept as tantivy's collector keeps it
    let mut top: Vec<Score> = Vec::new();
    let mut collect = |_doc: DocId, score: Score| {
        top.push(score);
        top.sort_by(|a, b| b.total_cmp(a));
        top.truncate(5);
        if top.len() == 5 {
            top[4]
        } else {
            Score::MIN
        }
    };
    let visited = weight
        .prune(Score::MIN, searcher.segment_reader(0), &mut collect)
        .unwrap();
    // the first five articles with the rare word are article 200's and those before it; then
    // only the forty articles with the rare word are left to visit
    assert!(visited < docs / 4, "visited {visited} of {docs}");
    assert_eq!(top.len(), 5);
    assert_eq!(
        weight.count(searcher.segment_reader(0)).unwrap(),
        docs as u32
    );
}
