//! `fahras kwic`: a concordance, one line per occurrence of a query word in the matching
//! articles, with the text around it.
//!
//! The articles are taken in rank order (or newest first), at most [`super::MAX_ARTICLES`] of
//! them; with a line limit and no reordering, reading stops once there are lines enough. Each
//! article's title and body are searched for the query's words (`views::matcher`); a line
//! holds the word as written (harakat kept) and up to `width` terminal columns of text on each
//! side, never crossing from title into body. Line breaks in the context become spaces.

use anyhow::Result;
use unicode_width::UnicodeWidthChar;

use super::matcher::{Place, Targets};
use crate::analysis;
use crate::article::Article;
use crate::search::stats::QueryStats;
use crate::search::{Engine, SearchOptions};

/// How concordance lines are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineOrder {
    /// Articles best first, each article's lines in text order.
    Rank,
    /// Articles newest first.
    Date,
    /// By the words before the match, the nearest first.
    Left,
    /// By the words after the match, the nearest first.
    Right,
}

/// One occurrence of a query word with its context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KwicLine {
    pub id: String,
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    /// The text before the match (in reading order: to its right in Arabic).
    pub left: String,
    /// The match as the article wrote it.
    pub matched: String,
    /// The text after the match.
    pub right: String,
}

/// The lines of one concordance, and how much of the matches they cover.
#[derive(Debug, Default)]
pub struct Concordance {
    pub lines: Vec<KwicLine>,
    /// Articles the query matches.
    pub matched: usize,
    /// Articles read for lines: fewer than `matched` when the bound or the limit cut reading.
    pub read: usize,
    /// The query names no word to look for (only dates, sources, `*`…).
    pub no_words: bool,
}

/// What one concordance asks for.
#[derive(Debug, Clone, Copy)]
pub struct KwicRequest {
    /// Terminal columns of context on each side.
    pub width: usize,
    /// Most lines, `None` for all.
    pub limit: Option<usize>,
    pub order: LineOrder,
}

/// The concordance of `text` over the index.
pub fn concordance(
    engine: &Engine,
    text: &str,
    options: &SearchOptions,
    request: KwicRequest,
) -> Result<Concordance> {
    let Some(query) = engine.build(text, options)? else {
        return Ok(Concordance::default());
    };
    let stats = QueryStats::new(engine.searcher());
    let targets = Targets::of_query(&stats, engine.fields(), text, options)?;
    let newest_first = request.order == LineOrder::Date;
    let (matched, addresses) = super::ranked(
        engine,
        text,
        query.as_ref(),
        super::MAX_ARTICLES,
        newest_first,
    )?;
    let mut out = Concordance {
        matched,
        no_words: targets.is_empty(),
        ..Concordance::default()
    };
    if targets.is_empty() {
        return Ok(out);
    }
    // lines in article order can stop early; a sort needs every line first
    let stop_at = match request.order {
        LineOrder::Rank | LineOrder::Date => request.limit,
        LineOrder::Left | LineOrder::Right => None,
    };
    let mut analyzer = analysis::stemmed_analyzer();
    super::read_in_order(engine, &addresses, |article| {
        out.read += 1;
        for passage in [&article.title, &article.body] {
            for place in targets.places(&mut analyzer, passage) {
                out.lines
                    .push(line(&article, passage, place, request.width));
            }
        }
        stop_at.is_none_or(|limit| out.lines.len() < limit)
    })?;
    match request.order {
        LineOrder::Left => out
            .lines
            .sort_by_cached_key(|l| (words_back(&l.left), folded(&l.matched))),
        LineOrder::Right => out
            .lines
            .sort_by_cached_key(|l| (words(&l.right), folded(&l.matched))),
        LineOrder::Rank | LineOrder::Date => {}
    }
    if let Some(limit) = request.limit {
        out.lines.truncate(limit);
    }
    Ok(out)
}

fn line(article: &Article, passage: &str, place: Place, width: usize) -> KwicLine {
    KwicLine {
        id: article.id.clone(),
        path: article.path.clone(),
        title: article.title.clone(),
        date: article.date.clone(),
        left: context(passage[..place.from].chars().rev(), width)
            .chars()
            .rev()
            .collect(),
        matched: one_line(&passage[place.from..place.to]),
        right: context(passage[place.to..].chars(), width),
    }
}

/// Characters from `chars` until they fill `width` terminal columns, white space as spaces.
/// Combining marks (harakat) take no column, so they come with their letter.
fn context(chars: impl Iterator<Item = char>, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in chars {
        let c = if c.is_whitespace() { ' ' } else { c };
        let columns = c.width().unwrap_or(0);
        if used + columns > width {
            break;
        }
        used += columns;
        out.push(c);
    }
    out
}

fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}

/// The words of `text`, folded, in order.
fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(folded).collect()
}

/// The words of `text`, folded, from the last to the first: the nearest to the match first.
fn words_back(text: &str) -> Vec<String> {
    let mut words = words(text);
    words.reverse();
    words
}

fn folded(word: &str) -> String {
    let mut out = String::new();
    analysis::fold_into(word, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_counts_columns_and_keeps_harakat_with_their_letter() {
        // six letters and three harakat fill six columns
        assert_eq!(context("قالَ وزيرُ".chars(), 6), "قالَ وز");
        assert_eq!(context("a\nb".chars(), 10), "a b");
        let before: String = context("الأمم المتحدة".chars().rev(), 7)
            .chars()
            .rev()
            .collect();
        assert_eq!(before, "المتحدة");
    }

    #[test]
    fn left_sort_keys_start_with_the_nearest_word() {
        assert_eq!(words_back("قال وزير الخارجية"), ["الخارجيه", "وزير", "قال"]);
        assert_eq!(words("التحالف الدولي"), ["التحالف", "الدولي"]);
    }
}
