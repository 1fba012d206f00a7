//! Picks the lines of the article out of a flattened page ([`super::dom`]).
//!
//! Each paragraph-like line (long enough, mostly not link text) scores its length for the
//! block that holds it, and half that for the block above, as readability scores; the best
//! block is the article's. When the page marks its article (`<article>`, `<main>`,
//! `itemprop="articleBody"`) and that mark holds most of the page's paragraph text, the best
//! block is looked for inside it: teaser `<article>`s of a headline list hold little. Sibling
//! blocks with a good share of text join (an article split by an ad slot). A few lines above
//! the chosen blocks come along: the byline and date are often there, and the cleaner, which
//! reads the result as it reads plain text, tells them from the article.

use super::dom::{Flat, Line};

/// Fewest non-link characters of a paragraph-like line.
const PARAGRAPH_CHARS: usize = 40;
/// Share of the page's paragraph text a marked article must hold to be trusted.
const MARKED_SHARE: f64 = 0.5;
/// Share of the best block's text a sibling block needs to join it.
const SIBLING_SHARE: f64 = 0.2;
/// Lines kept above the chosen blocks.
const PREAMBLE_LINES: usize = 6;

/// Is most of the line link text (a menu item, a related headline)?
fn link_dense(line: &Line) -> bool {
    line.link_chars * 2 > line.chars
}

/// What a line adds to its block's score: its non-link characters, if it reads as a paragraph.
fn weight(line: &Line) -> usize {
    let own = line.chars - line.link_chars;
    if own >= PARAGRAPH_CHARS && !link_dense(line) {
        own
    } else {
        0
    }
}

/// Characters of the page's paragraph-like lines.
pub fn paragraph_chars(flat: &Flat) -> usize {
    flat.lines.iter().map(weight).sum()
}

/// Marks the blocks inside `root` (itself included); blocks come after their parents.
fn inside(flat: &Flat, roots: &[usize]) -> Vec<bool> {
    let mut marked = vec![false; flat.blocks.len()];
    for (i, block) in flat.blocks.iter().enumerate() {
        marked[i] = roots.contains(&i) || block.parent.is_some_and(|p| marked[p]);
    }
    marked
}

/// The paragraph text under each block (its own lines and its descendants').
fn subtree_weights(flat: &Flat) -> Vec<usize> {
    let mut weights = vec![0usize; flat.blocks.len()];
    for line in &flat.lines {
        weights[line.block] += weight(line);
    }
    for i in (1..flat.blocks.len()).rev() {
        if let Some(parent) = flat.blocks[i].parent {
            weights[parent] += weights[i];
        }
    }
    weights
}

/// The marked article holding the most paragraph text, if it holds most of the page's.
fn marked_scope(flat: &Flat, weights: &[usize]) -> Option<usize> {
    let total = weights.first().copied().unwrap_or(0);
    (0..flat.blocks.len())
        .filter(|&i| flat.blocks[i].marks_article)
        .max_by_key(|&i| (weights[i], std::cmp::Reverse(i)))
        .filter(|&i| weights[i] > 0 && weights[i] as f64 >= MARKED_SHARE * total as f64)
}

/// The block with the best readability score among `allowed` ones.
fn best_block(flat: &Flat, allowed: &[bool]) -> Option<usize> {
    let mut scores = vec![0usize; flat.blocks.len()];
    for line in &flat.lines {
        let w = weight(line);
        if w == 0 {
            continue;
        }
        let holder = &flat.blocks[line.block];
        let container = if holder.paragraph {
            holder.parent.unwrap_or(line.block)
        } else {
            line.block
        };
        scores[container] += 2 * w;
        if let Some(up) = flat.blocks[container].parent {
            scores[up] += w;
        }
    }
    (0..flat.blocks.len())
        .filter(|&i| allowed[i] && scores[i] > 0)
        .max_by_key(|&i| (scores[i], std::cmp::Reverse(i)))
}

/// `best` and the sibling blocks that belong with it: those with a good share of its text, and
/// its nearest sibling on either side if that holds a paragraph (a lead kept apart from the
/// `articleBody`). The siblings of a marked article are looked at too.
fn with_siblings(
    flat: &Flat,
    weights: &[usize],
    best: usize,
    allowed: &[bool],
    scope: Option<usize>,
) -> Vec<usize> {
    let mut roots = vec![best];
    let Some(parent) = flat.blocks[best].parent else {
        return roots;
    };
    let siblings: Vec<usize> = (0..flat.blocks.len())
        .filter(|&i| flat.blocks[i].parent == Some(parent))
        .filter(|&i| allowed[i] || scope == Some(best))
        .collect();
    let at = siblings.iter().position(|&i| i == best).unwrap_or(0);
    let enough = (weights[best] as f64 * SIBLING_SHARE) as usize;
    for (n, &i) in siblings.iter().enumerate() {
        let next_to = n + 1 == at || n == at + 1;
        if i != best && (weights[i] > enough || (next_to && weights[i] > 0)) {
            roots.push(i);
        }
    }
    roots
}

/// The lines of the article, in page order, as one text (a line per paragraph), and the index
/// of its first line in `flat.lines`. A page with no paragraph at all gives all its lines.
pub fn article_lines(flat: &Flat) -> (String, usize) {
    let weights = subtree_weights(flat);
    let scope = marked_scope(flat, &weights);
    let allowed = match scope {
        Some(s) => inside(flat, &[s]),
        None => vec![true; flat.blocks.len()],
    };
    let chosen: Vec<bool> = match best_block(flat, &allowed) {
        Some(best) => inside(flat, &with_siblings(flat, &weights, best, &allowed, scope)),
        None => vec![true; flat.blocks.len()],
    };
    let first = flat.lines.iter().position(|l| chosen[l.block]);
    let preamble_from = first.map_or(0, |f| {
        let mut from = f;
        while from > 0 && f - from < PREAMBLE_LINES && allowed[flat.lines[from - 1].block] {
            from -= 1;
        }
        from
    });
    let mut text = String::new();
    for (i, line) in flat.lines.iter().enumerate() {
        let keep = chosen[line.block] || (first.is_some_and(|f| i >= preamble_from && i < f));
        if keep && !link_dense(line) {
            text.push_str(&line.text);
            text.push('\n');
        }
    }
    (text, preamble_from)
}

#[cfg(test)]
mod tests {
    use super::super::dom::flatten;
    use super::*;
    use scraper::Html;

    const P: &str = "قال الوزير في مؤتمر صحفي عقده اليوم إن الحكومة ماضية في خططها الاقتصادية.";

    fn article(html: &str) -> String {
        article_lines(&flatten(&Html::parse_document(html), false)).0
    }

    #[test]
    fn the_densest_block_is_the_article() {
        let page = format!(
            "<body><div><p>{P}</p><div><a href=x>خبر آخر مرتبط بالموضوع وله عنوان طويل</a></div></div>\
             <div id=a><p>{P}</p><p>{P}</p><p>{P}</p></div>"
        );
        assert_eq!(article(&page).lines().count(), 3 + 1, "{}", article(&page));
    }

    #[test]
    fn teaser_articles_do_not_scope_the_page() {
        let page = format!(
            "<body><article><p>تشويقة قصيرة لخبر آخر</p></article>\
             <div><p>{P}</p><p>{P}</p></div>"
        );
        assert_eq!(article(&page), format!("تشويقة قصيرة لخبر آخر\n{P}\n{P}\n"));
    }
}
