//! Keeps the article and only the article: boilerplate removal, line by line.
//!
//! Plain text scraped from a web page holds the article somewhere in the middle of menus,
//! share widgets, related-article lists and footers. Each line is judged on three kinds of
//! evidence (see `research.md` §4): its wording ([`patterns`]), its shape (length, share of
//! Arabic letters, terminal punctuation including ؟ and ۔) and its recurrence across the
//! documents of the same folder ([`repetition`]). Lines that read as article paragraphs
//! ("good" lines) are grouped into blocks; the densest block and any other substantial one
//! form the article span. Above the span is the header zone, where the headline, the date
//! line, the byline and the site name are looked for; below it the footer zone, all dropped.
//! Inside the span short lines survive (subheadings, captions) unless their wording or their
//! recurrence marks them. Text without any paragraph-like line (a short note, a list) is kept
//! whole, minus furniture: there is no page around it to remove.
//!
//! Records from TREC and JSON corpora are already extracted articles; only templated lines
//! (wire trailers, app notices, separators) are removed from them, see [`clean_record_body`].

pub mod patterns;
pub mod repetition;
pub mod title;

use crate::analysis::letters;
use crate::ingest::line_fold::{fold_line, fold_line_into};
use crate::ingest::metadata;

/// Fewest words of a paragraph-like line.
const GOOD_MIN_WORDS: usize = 8;
/// A line this long is a paragraph even without terminal punctuation.
const GOOD_LONG_WORDS: usize = 15;
/// Most non-article lines between two paragraphs of one block.
const MAX_GAP: usize = 3;
/// Most non-article lines between two blocks of one article.
const MERGE_GAP: usize = 8;
/// Characters (bytes of UTF-8, about two per Arabic letter) of a one-paragraph block that
/// counts as substantial.
const SUBSTANTIAL_CHARS: usize = 400;
/// How far above the article the headline is looked for, in lines.
const TITLE_LOOKBACK: usize = 8;
/// A masthead is among the first lines of a page.
const SITE_LINE_ZONE: usize = 3;
/// Longest headline, in words.
const TITLE_MAX_WORDS: usize = 30;

/// What the cleaner keeps of a document.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Cleaned {
    pub title: Option<String>,
    /// Paragraphs, in order, title excluded.
    pub body: Vec<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    pub source: Option<String>,
}

/// Everything the cleaner needs to know about one line.
#[derive(Debug)]
struct Line<'a> {
    text: &'a str,
    words: usize,
    letters: usize,
    arabic: usize,
    terminal: bool,
    furniture: bool,
    repeated: bool,
    date: Option<String>,
    hijri: bool,
    byline: Option<String>,
}

impl Line<'_> {
    /// A line that says something about the article rather than being part of it.
    fn is_meta(&self) -> bool {
        self.date.is_some() || self.hijri || self.byline.is_some()
    }

    fn is_marked(&self) -> bool {
        self.furniture || self.repeated || self.letters == 0
    }
}

/// Ends like a sentence: . ! ? ؟ ۔ … possibly followed by closing quotes or brackets.
fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']', '*', ' ']);
    trimmed.ends_with(['.', '!', '?', '؟', '۔', '…', ':'])
}

/// The words (as `split_whitespace` cuts them), letters and Arabic letters of a line, in one
/// walk over its characters: counted in three, they were a third of the cleaner's own time
/// on a folder of body-only articles (callgrind).
fn counts(text: &str) -> (usize, usize, usize) {
    let (mut words, mut letters, mut arabic) = (0, 0, 0);
    let mut in_word = false;
    for c in text.chars() {
        if c.is_whitespace() {
            in_word = false;
            continue;
        }
        words += usize::from(!in_word);
        in_word = true;
        letters += usize::from(letters::is_alphabetic(c));
        arabic += usize::from(letters::is_arabic_letter(c));
    }
    (words, letters, arabic)
}

fn describe<'a>(text: &'a str, repeated: &Repeated<'_>) -> Line<'a> {
    let (words, letters, arabic) = counts(text);
    let terminal = ends_sentence(text);
    let folded = fold_line(text);
    Line {
        text,
        words,
        letters,
        arabic,
        terminal,
        furniture: patterns::is_furniture(&folded, words),
        repeated: repeated(&folded, words, terminal && words >= GOOD_MIN_WORDS),
        date: metadata::date_line(&folded, words),
        hijri: metadata::hijri_line(&folded, words),
        byline: metadata::byline(text),
    }
}

/// Reads like an article paragraph.
fn is_good(line: &Line, arabic_document: bool) -> bool {
    !line.is_marked()
        && !line.is_meta()
        && line.words >= GOOD_MIN_WORDS
        && (line.terminal || line.words >= GOOD_LONG_WORDS)
        && (!arabic_document || line.arabic * 2 >= line.letters)
}

/// Groups paragraph lines into blocks; returns (first, last, characters) of each block.
fn blocks(lines: &[Line], good: &[bool]) -> Vec<(usize, usize, usize)> {
    let mut blocks: Vec<(usize, usize, usize)> = Vec::new();
    let mut gap = 0;
    for (i, line) in lines.iter().enumerate() {
        if good[i] {
            match blocks.last_mut() {
                Some(block) if gap <= MAX_GAP => {
                    block.1 = i;
                    block.2 += line.text.len();
                }
                _ => blocks.push((i, i, line.text.len())),
            }
            gap = 0;
        } else if line.date.is_some() {
            // A date line ends a block: pages print one above the article and one per item of
            // their headline lists; the merge below rejoins an article it interrupts.
            gap = MAX_GAP + 1;
        } else if !line.furniture {
            gap += 1;
        }
    }
    blocks
}

/// The headline that the page title (the first line, «headline - site») names, with the
/// site name the title gives.
fn named_headline(lines: &[Line]) -> Option<(usize, Option<String>)> {
    let page = lines.first()?;
    (1..lines.len()).find_map(|i| {
        let line = &lines[i];
        if !headline_like(line) {
            return None;
        }
        if line.text == page.text {
            return Some((i, None));
        }
        metadata::page_title_site(page.text, line.text).map(|site| (i, Some(site)))
    })
}

/// A block with more than one paragraph, or one long one: a lone short sentence between
/// furniture is more likely a teaser or a question headline in a list.
fn substantial(block: &(usize, usize, usize)) -> bool {
    block.0 != block.1 || block.2 >= SUBSTANTIAL_CHARS
}

/// Non-furniture lines strictly between lines `a` and `b`.
fn gap_between(lines: &[Line], good: &[bool], a: usize, b: usize) -> usize {
    (a + 1..b)
        .filter(|&i| !good[i] && !lines[i].furniture)
        .count()
}

/// Could this line be the headline?
fn headline_like(line: &Line) -> bool {
    !line.is_marked()
        && !line.is_meta()
        && (3..=TITLE_MAX_WORDS).contains(&line.words)
        && !line.text.ends_with(':')
}

/// Could this line, alone above the article, be its heading? Like [`headline_like`] but of
/// any length down to one word.
fn lone_heading(line: &Line) -> bool {
    !line.is_marked()
        && !line.is_meta()
        && line.words <= TITLE_MAX_WORDS
        && line.letters >= 2
        && !line.text.ends_with(':')
}

/// Says whether a line recurs across the document's folder, given the line folded
/// ([`fold_line`]), its number of words and whether it reads as a sentence.
pub type Repeated<'a> = dyn Fn(&str, usize, bool) -> bool + 'a;

/// Cleans a plain-text document given as normalized lines (one paragraph per line).
pub fn clean_text(text: &str, repeated: &Repeated<'_>) -> Cleaned {
    clean_lines(text, false, repeated)
}

/// Cleans the lines of a document whose headline is known (an HTML page's): the headline
/// stands above the lines as a page title does, and is the title whatever the lines hold.
pub fn clean_titled(title: &str, text: &str, repeated: &Repeated<'_>) -> Cleaned {
    let mut cleaned = clean_lines(&format!("{title}\n{text}"), true, repeated);
    cleaned.title = Some(title.to_string());
    cleaned
}

/// [`clean_text`], the first line being the known headline if `titled`.
fn clean_lines(text: &str, titled: bool, repeated: &Repeated<'_>) -> Cleaned {
    let lines: Vec<Line> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| describe(l, repeated))
        .collect();
    let (letters, arabic) = lines
        .iter()
        .fold((0, 0), |(l, a), line| (l + line.letters, a + line.arabic));
    let arabic_document = arabic * 2 >= letters && arabic > 0;
    let mut good: Vec<bool> = lines.iter().map(|l| is_good(l, arabic_document)).collect();
    // The headline the page title names opens the article: it and everything above it (menus,
    // teasers) are header, however long.
    let named = named_headline(&lines);
    if let Some((h, _)) = &named {
        good[..=*h].fill(false);
    }
    if titled {
        good[0] = false;
    }
    let Some((start, end)) = article_span(&lines, &good, named.as_ref().map(|(h, _)| *h)) else {
        return keep_all(&lines);
    };

    let mut cleaned = Cleaned::default();
    let header = &lines[..start];
    let span = &lines[start..=end];

    // Headline: the line that the page title (first line, «headline - site») names, else the
    // nearest headline-like line above the article, else an unpunctuated first paragraph.
    let mut title_at = titled.then_some(0);
    if let Some((i, site)) = named.filter(|(i, _)| *i < start && !titled) {
        title_at = Some(i);
        cleaned.source = site;
    }
    if title_at.is_none() {
        title_at = (start.saturating_sub(TITLE_LOOKBACK)..start)
            .rev()
            .find(|&i| headline_like(&lines[i]) && !is_site_line(&lines, i));
    }
    // A text that opens with one short line and then its article (an encyclopedia entry, a
    // note saved by hand) has its headline there, however few words: «جمال خاشقجي».
    if title_at.is_none() && start == 1 && lone_heading(&lines[0]) && !is_site_line(&lines, 0) {
        title_at = Some(0);
    }
    let mut span_skip = 0;
    // No headline above the article: its first line is the title (a page that starts with
    // its text still needs one; an unpunctuated first line usually *is* the headline).
    if title_at.is_none() {
        title_at = Some(start);
        span_skip = 1;
    }
    cleaned.title = title_at.map(|i| lines[i].text.to_string());

    // Metadata from the header and the opening of the article: its first lines, or all lines
    // up to its first two paragraphs in a row (a caption may open the span, with the byline
    // and date line below it).
    let opening = (start..end)
        .position(|i| good[i] && good[i + 1])
        .map_or(3, |at| at.max(3));
    let near = header.iter().chain(span.iter().take(opening));
    for line in near {
        if cleaned.date.is_none() {
            cleaned.date = line.date.clone();
        }
        if cleaned.author.is_none() {
            cleaned.author = line.byline.clone();
        }
    }
    if cleaned.source.is_none() {
        cleaned.source = (0..start)
            .find(|&i| is_site_line(&lines, i))
            .map(|i| lines[i].text.to_string());
    }

    for (offset, line) in span.iter().enumerate().skip(span_skip) {
        // A short line the page repeats is a link (related-article lists show each twice).
        let duplicated = || lines.iter().filter(|l| l.text == line.text).count() > 1;
        let keep = good[start + offset]
            || (!line.is_marked() && !line.is_meta() && line.letters >= 3 && !duplicated());
        // Pages repeat captions and pull quotes; the text needs them once.
        if keep && !cleaned.body.iter().any(|kept| kept == line.text) {
            cleaned.body.push(line.text.to_string());
        }
    }
    cleaned
}

/// The first and last line of the article among `lines`, `None` if no block of good lines
/// stands out. The article starts after the headline that the page title names (line
/// `named`), if there is one; else it is the densest block. The span then grows to
/// neighbouring blocks close enough to be the same text (an article cut by a caption or a
/// "read also" box), never across a page of furniture.
fn article_span(lines: &[Line], good: &[bool], named: Option<usize>) -> Option<(usize, usize)> {
    let found = blocks(lines, good);
    let best = found.iter().map(|b| b.2).max()?;
    let anchor = named
        .and_then(|h| {
            let after = || found.iter().enumerate().filter(|(_, b)| b.0 > h);
            after()
                .find(|(_, b)| substantial(b))
                .or_else(|| after().next())
                .map(|(i, _)| i)
        })
        .unwrap_or_else(|| found.iter().position(|b| b.2 == best).unwrap_or(0));
    let near = |a: usize, b: usize| gap_between(lines, good, a, b) <= MERGE_GAP;
    let (mut first, mut last) = (anchor, anchor);
    while first > 0 && substantial(&found[first - 1]) && near(found[first - 1].1, found[first].0) {
        first -= 1;
    }
    while last + 1 < found.len()
        && substantial(&found[last + 1])
        && near(found[last].1, found[last + 1].0)
    {
        last += 1;
    }
    Some((found[first].0, found[last].1))
}

/// Is line `i` a masthead: a short name at the very top that the page repeats?
fn is_site_line(lines: &[Line], i: usize) -> bool {
    let text = lines[i].text.trim();
    i < SITE_LINE_ZONE
        && !lines[i].furniture
        && metadata::could_be_site_name(text)
        && lines
            .iter()
            .enumerate()
            .any(|(j, other)| j != i && other.text.trim() == text)
}

/// No article-like paragraph: keep every line that is not furniture.
fn keep_all(lines: &[Line]) -> Cleaned {
    let kept: Vec<&Line> = lines.iter().filter(|l| !l.is_marked()).collect();
    let mut cleaned = Cleaned::default();
    for line in kept.iter().take(5) {
        if cleaned.date.is_none() {
            cleaned.date = line.date.clone();
        }
        if cleaned.author.is_none() {
            cleaned.author = line.byline.clone();
        }
    }
    let content: Vec<&str> = kept
        .iter()
        .filter(|l| !l.is_meta())
        .map(|l| l.text)
        .collect();
    if let Some((title, body)) = title::split_title(&content.join("\n")) {
        cleaned.title = Some(title);
        cleaned.body = body.lines().map(str::to_string).collect();
    }
    cleaned
}

/// Cleans the body of a record from a TREC or JSON corpus: drops templated lines (wire
/// trailers, app notices, disclaimers, separators) and keeps everything else.
pub fn clean_record_body(text: &str) -> Vec<String> {
    let mut folded = String::new();
    let mut kept = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        if !line.chars().any(letters::is_alphanumeric) {
            continue;
        }
        // Past the longest line a length-bound pattern can mark, the count does not matter.
        let words = line
            .split_whitespace()
            .take(patterns::NOTICE_LINE_WORDS + 1)
            .count();
        fold_line_into(line, &mut folded);
        if !patterns::is_furniture(&folded, words) {
            kept.push(line.to_string());
        }
    }
    kept
}

#[cfg(test)]
mod tests;
