//! Engine tests over a real on-disk index: date filters, date order, clitic expansion and the
//! path-only answers of run files, which need documents with metadata the plain-text ingest
//! cannot make.

use super::*;
use crate::article::Article;
use crate::index::ArticleWriter;

/// Opens a reader and runs one query.
fn search(index: &ArticleIndex, text: &str, options: &SearchOptions) -> Result<Outcome> {
    Engine::new(index)?.search(text, options)
}

pub(super) fn article(id: &str, body: &str, date: Option<&str>) -> Article {
    Article {
        id: id.into(),
        path: format!("/c/{id}.txt"),
        title: "عنوان الخبر".into(),
        body: body.into(),
        date: date.map(str::to_string),
        ..Article::default()
    }
}

pub(super) use crate::index::index_with;

fn paths(index: &ArticleIndex, query: &str, options: &SearchOptions) -> Vec<String> {
    search(index, query, options)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.path)
        .collect()
}

fn dated() -> (tempfile::TempDir, ArticleIndex) {
    index_with(&[
        article("old", "قصف على حلب", Some("2018-01-05")),
        article("new", "قصف على حلب وريفها", Some("2019-03-01")),
        article("undated", "قصف على حلب مرة اخرى", None),
    ])
}

#[test]
fn since_and_until_keep_dated_articles_in_range() {
    let (_dir, index) = dated();
    let since = SearchOptions {
        since: Some("2018-06".into()),
        ..SearchOptions::default()
    };
    assert_eq!(paths(&index, "حلب", &since), ["/c/new.txt"]);
    // a year as the upper bound keeps the whole year
    let until = SearchOptions {
        until: Some("2018".into()),
        ..SearchOptions::default()
    };
    assert_eq!(paths(&index, "حلب", &until), ["/c/old.txt"]);
}

#[test]
fn sort_by_date_puts_the_newest_first_and_undated_last() {
    let (_dir, index) = dated();
    let options = SearchOptions {
        sort: SortBy::Date,
        ..SearchOptions::default()
    };
    let outcome = search(&index, "حلب", &options).unwrap();
    let order: Vec<&str> = outcome.hits.iter().map(|h| h.path.as_str()).collect();
    assert_eq!(order, ["/c/new.txt", "/c/old.txt", "/c/undated.txt"]);
    assert!(
        outcome.hits.iter().all(|h| h.score > 0.0),
        "scores are recomputed"
    );
}

#[test]
fn ranked_paths_rank_and_score_as_a_search_does() {
    let (_dir, index) = index_with(&[
        article(
            "apart",
            "قصف على حلب ثم كلام طويل عن امور اخرى كثيرة قبل ذكر ريف المدينة",
            None,
        ),
        article("near", "قصف على ريف حلب", None),
        article("other", "حلب", None),
    ]);
    let engine = Engine::new(&index).unwrap();
    let pages = [
        SearchOptions::default(),
        SearchOptions {
            offset: 1,
            limit: 1,
            ..SearchOptions::default()
        },
        SearchOptions {
            sort: SortBy::Date,
            ..SearchOptions::default()
        },
    ];
    for options in pages {
        let hits = engine.search("ريف حلب", &options).unwrap().hits;
        let expected: Vec<RankedPath> = hits
            .into_iter()
            .map(|hit| RankedPath {
                rank: hit.rank,
                score: hit.score,
                path: hit.path,
                record: None,
            })
            .collect();
        assert!(!expected.is_empty());
        let ranked = engine.ranked_paths("ريف حلب", &options).unwrap().hits;
        assert_eq!(ranked, expected, "{options:?}");
    }
}

#[test]
fn ranked_paths_of_nothing_suggest_as_a_search_does() {
    let (_dir, index) = dated();
    let engine = Engine::new(&index).unwrap();
    let options = SearchOptions::default();
    let searched = engine.search("حلبب", &options).unwrap();
    let ranked = engine.ranked_paths("حلبب", &options).unwrap();
    assert!(ranked.hits.is_empty());
    assert_eq!(ranked.suggestions, searched.suggestions);
}

#[test]
fn a_proclitic_is_stripped_only_when_the_index_says_so() {
    // دمشق is common, لدمشق rare: a query for either finds both
    let mut articles: Vec<Article> = (0..4)
        .map(|i| article(&format!("d{i}"), "وصل الوفد الى دمشق", None))
        .collect();
    articles.push(article("l", "توجه الوفد لدمشق", None));
    // وزير is common, زير rare: neither query finds the other
    articles.extend((0..4).map(|i| article(&format!("w{i}"), "قال وزير الخارجية", None)));
    articles.push(article("z", "صوت زير عال", None));
    let (_dir, index) = index_with(&articles);
    let options = SearchOptions::default();
    assert!(paths(&index, "دمشق", &options).contains(&"/c/l.txt".to_string()));
    assert_eq!(paths(&index, "لدمشق", &options).len(), 5);
    assert_eq!(paths(&index, "زير", &options), ["/c/z.txt"]);
    assert!(!paths(&index, "وزير", &options).contains(&"/c/z.txt".to_string()));
}

#[test]
fn an_exact_phrase_needs_the_exact_forms_in_that_order() {
    let (_dir, index) = index_with(&[
        article("exact", "قرار الأمم المتحدة الجديد", None),
        article("clitic", "قرار بالأمم المتحدة الجديد", None),
        article("apart", "الأمم قررت أن المتحدة", None),
        article("reversed", "المتحدة الأمم", None),
    ]);
    let options = SearchOptions::default();
    let mut found = paths(&index, "body_exact:\"الأمم المتحدة\"", &options);
    found.sort();
    assert_eq!(found, ["/c/exact.txt"]);
    // the stemmed phrase also finds the form with a clitic
    let mut stemmed = paths(&index, "\"الأمم المتحدة\"", &options);
    stemmed.sort();
    assert_eq!(stemmed, ["/c/clitic.txt", "/c/exact.txt"]);
    assert_eq!(paths(&index, "body_exact:الأمم", &options).len(), 3);
}

/// Two articles with the same words as often and as long, one with the query's words side by
/// side, one with them a paragraph apart; "apart" is indexed first, so BM25's tie favours it.
fn near_and_apart() -> (tempfile::TempDir, ArticleIndex) {
    let filler = "كلام عام ".repeat(40);
    index_with(&[
        article("apart", &format!("قسد {filler}الرقة"), None),
        article("near", &format!("قسد الرقة {filler}"), None),
    ])
}

#[test]
fn words_side_by_side_rank_first() {
    let (_dir, index) = near_and_apart();
    let plain_bm25 = SearchOptions {
        ranking: Ranking::default()
            .tune("proximity=0,lead=0,answer=0")
            .unwrap(),
        ..SearchOptions::default()
    };
    let tie = search(&index, "قسد الرقة", &plain_bm25).unwrap().hits;
    assert_eq!(
        tie[0].score, tie[1].score,
        "BM25 alone cannot tell them apart"
    );
    let hits = search(&index, "قسد الرقة", &SearchOptions::default())
        .unwrap()
        .hits;
    let order: Vec<&str> = hits.iter().map(|h| h.path.as_str()).collect();
    assert_eq!(order, ["/c/near.txt", "/c/apart.txt"]);
    assert!(hits[0].score > hits[1].score);
    assert_eq!((hits[0].rank, hits[1].rank), (1, 2));
}

#[test]
fn the_reranked_page_is_the_same_whatever_the_limit_and_offset() {
    let (_dir, index) = near_and_apart();
    let page = |offset, limit| {
        let options = SearchOptions {
            offset,
            limit,
            ..SearchOptions::default()
        };
        search(&index, "قسد الرقة", &options)
            .unwrap()
            .hits
            .into_iter()
            .map(|h| (h.rank, h.path))
            .collect::<Vec<_>>()
    };
    assert_eq!(page(0, 1), [(1, "/c/near.txt".to_string())]);
    assert_eq!(page(1, 1), [(2, "/c/apart.txt".to_string())]);
    assert_eq!(page(0, 10).len(), 2);
    assert!(page(2, 5).is_empty());
}

/// Forty articles of one length in two segments, each titled with its number; the later an
/// article was indexed, the more often it names the query's word, so rank order is the reverse
/// of index order.
fn numbered_in_two_segments() -> (tempfile::TempDir, ArticleIndex) {
    let numbered = |i: usize| Article {
        title: format!("خبر رقم {i}"),
        ..article(
            &i.to_string(),
            &format!("{}{}", "حلب ".repeat(i + 1), "اجتماع ".repeat(60 - i)),
            None,
        )
    };
    let (dir, index) = index_with(&(0..20).map(numbered).collect::<Vec<_>>());
    let mut writer = ArticleWriter::new(&index, 1, false).unwrap();
    for i in 20..40 {
        writer.upsert(&numbered(i)).unwrap();
    }
    writer.commit().unwrap();
    (dir, index)
}

#[test]
fn every_hit_carries_its_own_article_however_the_page_is_read() {
    let (_dir, index) = numbered_in_two_segments();
    assert_eq!(index.searcher().unwrap().segment_readers().len(), 2);
    for (offset, limit) in [(0, 5), (0, 10), (0, 40), (3, 25)] {
        let options = SearchOptions {
            offset,
            limit,
            ..SearchOptions::default()
        };
        let many = Engine::new(&index)
            .unwrap()
            .search("حلب", &options)
            .unwrap();
        let one = Engine::for_one_search(&index, offset + limit)
            .unwrap()
            .search("حلب", &options)
            .unwrap();
        assert_eq!(one.hits, many.hits);
        assert_eq!(one.hits.len(), limit.min(40 - offset));
        for hit in &one.hits {
            let number = hit.path.trim_start_matches("/c/").trim_end_matches(".txt");
            assert_eq!(hit.title, format!("خبر رقم {number}"), "rank {}", hit.rank);
        }
        assert_eq!(one.hits[0].path, format!("/c/{}.txt", 39 - offset));
    }
}

fn scores(index: &ArticleIndex, query: &str, tune: &str) -> Vec<(String, f32)> {
    let options = SearchOptions {
        ranking: Ranking::default().tune(tune).unwrap(),
        ..SearchOptions::default()
    };
    search(index, query, &options)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| (h.path, h.score))
        .collect()
}

/// `query` ties its two hits when `off` turns a ranking feature off, and with the feature on
/// ranks `winner` first, strictly ahead.
fn breaks_the_tie(index: &ArticleIndex, query: &str, off: &str, winner: &str) {
    let tied = scores(index, query, off);
    assert_eq!(tied.len(), 2);
    assert_eq!(tied[0].1, tied[1].1, "{query}: tied with {off}");
    let ranked = scores(index, query, "");
    assert_eq!(ranked[0].0, format!("/c/{winner}.txt"), "{query}");
    assert!(ranked[0].1 > ranked[1].1, "{query}");
}

/// Two articles that share قال and الدولي; only one has التحالف, which التحلف misspells.
/// "army" comes first, so BM25's tie on قال favours it.
fn army_and_coalition() -> (tempfile::TempDir, ArticleIndex) {
    index_with(&[
        article("army", "قال الجيش الدولي", None),
        article("coalition", "قال التحالف الدولي", None),
    ])
}

#[test]
fn a_misspelt_word_is_also_searched_under_its_nearest_spelling() {
    let (_dir, index) = army_and_coalition();
    // without respelling only قال matches
    breaks_the_tie(&index, "قال التحلف", "respell=0", "coalition");
}

#[test]
fn respelling_never_makes_a_query_match_by_itself() {
    let (_dir, index) = army_and_coalition();
    // no word of the query is in the index: nothing found, respellings suggested
    let outcome = search(&index, "التحلف", &SearchOptions::default()).unwrap();
    assert!(outcome.hits.is_empty());
    assert!(outcome.suggestions.iter().any(|s| s.contains("التحالف")));
    // a required word means that very word
    assert!(scores(&index, "+التحلف قال", "").is_empty());
    // and so does an excluded one: excluding a word no article has excludes nothing
    assert_eq!(scores(&index, "قال -التحلف", "").len(), 2);
}

#[test]
fn an_article_that_opens_with_the_query_ranks_first() {
    let filler = "كلام عام ".repeat(20);
    // "later" first, so BM25's tie favours it
    let (_dir, index) = index_with(&[
        article("later", &format!("{filler}قسد"), None),
        article("opening", &format!("قسد {filler}"), None),
    ]);
    breaks_the_tie(&index, "قسد", "lead=0", "opening");
}

#[test]
fn a_when_question_prefers_the_passage_with_a_year() {
    // the same words as often and in the same places; "other" first, so the tie favours it
    let (_dir, index) = index_with(&[
        article("other", "تأسست قسد في كذا الحين", None),
        article("year", "تأسست قسد في 2015 الحين", None),
    ]);
    breaks_the_tie(&index, "متى تأسست قسد", "answer=0", "year");
    // not a question: no bonus
    let plain = scores(&index, "تأسست قسد", "");
    assert_eq!(plain[0].1, plain[1].1);
}

#[test]
fn at_most_sixteen_words_of_a_query_are_respelled() {
    let letters: Vec<char> = "abcdefghijklmnopqrst".chars().collect();
    let known: Vec<String> = letters.iter().map(|c| format!("word{c}")).collect();
    let (_dir, index) = index_with(&[article("words", &known.join(" "), None)]);
    let searcher = index.searcher().unwrap();
    let stats = stats::QueryStats::new(&searcher);
    let respelled = |query: &str| {
        compile::Compiler::new(&stats, index.fields, Ranking::default())
            .compile(&query::plain_words(query))
            .unwrap()
            .map_or(0, |compiled| compiled.respelled)
    };
    // each xordX is one edit from wordX only
    let typos: Vec<String> = letters.iter().map(|c| format!("xord{c}")).collect();
    assert_eq!(respelled(&format!("worda {}", typos[..3].join(" "))), 3);
    assert_eq!(respelled(&format!("worda {}", typos.join(" "))), 16);
    // nothing known: nothing respelled
    assert_eq!(respelled(&typos.join(" ")), 0);
}

#[test]
fn a_final_alef_is_dropped_when_the_bare_word_is_as_common() {
    let (_dir, index) = index_with(&[
        article("south1", "اتجه الجيش نحو الجنوب", None),
        article("south2", "قصف في جنوب المدينة", None),
        article("southward", "سار الرتل جنوبا", None),
        article("again1", "عاد القصف مجددا", None),
        article("again2", "اجتمع الوفد مجددا", None),
        article("renewer", "وصف بانه مجدد", None),
    ]);
    let names = |query: &str| {
        let mut found = paths(&index, query, &SearchOptions::default());
        found.sort();
        found
    };
    // جنوب is in two articles, جنوبا in one: the accusative finds the bare word too
    assert_eq!(
        names("جنوبا"),
        ["/c/south1.txt", "/c/south2.txt", "/c/southward.txt"]
    );
    // مجددا is commoner than مجدد: it stays itself
    assert_eq!(names("مجددا"), ["/c/again1.txt", "/c/again2.txt"]);
}

#[test]
fn plain_words_are_one_union_that_scores_the_sum_of_the_words() {
    let (_dir, index) = index_with(&[
        article("both", "قوات التحالف الدولي في سوريا", None),
        article("coalition", "قال التحالف إن الهجوم انتهى", None),
        article("international", "رحب المجتمع الدولي بالاتفاق", None),
    ]);
    let engine = Engine::new(&index).unwrap();
    // optional words are taken into the query's union; a required or excluded word stays a
    // group of its own, which must match (or not) as a whole
    for (query, unions) in [
        ("التحالف الدولي", 1),
        ("التحالف الدولي -المجتمع", 2),
        ("التحالف +سوريا الدولي", 2),
    ] {
        let built = engine
            .build(query, &SearchOptions::default())
            .unwrap()
            .unwrap();
        let debug = format!("{built:?}");
        let groups = debug.matches("BooleanQuery").count() + debug.matches("WordsUnion").count();
        assert_eq!(groups, unions, "{query}: {debug}");
    }
    // BM25 alone: an article's score for the two words is its scores for each, added
    let bm25 = "proximity=0,lead=0,answer=0";
    let score = |query: &str, path: &str| {
        scores(&index, query, bm25)
            .into_iter()
            .find(|(p, _)| p == &format!("/c/{path}.txt"))
            .map_or(0.0, |(_, s)| s)
    };
    for path in ["both", "coalition", "international"] {
        let sum = score("التحالف", path) + score("الدولي", path);
        let together = score("التحالف الدولي", path);
        assert!(
            sum > 0.0 && (together - sum).abs() < 1e-4 * sum,
            "{path}: {together} vs {sum}"
        );
    }
}
