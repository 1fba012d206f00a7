//! Which subtrees of a page are never its article: scripts and styles, navigation, footers,
//! asides, forms, figures and their captions, hidden elements, landmarks of other roles, and
//! elements whose class or id names them as furniture (`share`, `related`, `comments`…), as
//! readability judges them.

use scraper::node::Element as HtmlElement;

/// Subtrees that never hold the article's text.
const DROPPED_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "nav",
    "footer",
    "aside",
    "header",
    "form",
    "iframe",
    "object",
    "embed",
    "canvas",
    "button",
    "select",
    "textarea",
    "input",
    "label",
    "figure",
    "figcaption",
    "audio",
    "video",
    "picture",
    "map",
    "dialog",
    "menu",
    "head",
    "title",
];

/// Class and id words that name furniture, whatever else the element is called.
const FURNITURE_WORDS: &[&str] = &[
    "share",
    "sharing",
    "social",
    "related",
    "comment",
    "comments",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "newsletter",
    "sponsored",
    "advert",
    "advertisement",
    "disqus",
    "outbrain",
    "taboola",
];

/// Class and id words that name furniture unless a word of [`CONTENT_WORDS`] is there too.
const LIKELY_FURNITURE_WORDS: &[&str] = &[
    "menu",
    "nav",
    "navbar",
    "navigation",
    "footer",
    "header",
    "banner",
    "ads",
    "ad",
    "popup",
    "modal",
    "cookie",
    "promo",
    "widget",
    "pagination",
    "pager",
    "trending",
    "popular",
    "toolbar",
    "masthead",
    "subscribe",
    "rss",
];

/// Class and id words of the article's own containers (readability's positive names).
const CONTENT_WORDS: &[&str] = &[
    "article", "body", "content", "entry", "main", "post", "story", "text", "blog",
];

/// Roles of landmarks that are not the article.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "complementary",
    "contentinfo",
    "banner",
    "search",
    "menu",
    "menubar",
    "dialog",
];

fn has(list: &[&str], name: &str) -> bool {
    list.contains(&name)
}

/// Is this element's whole subtree left out? When `lenient` (see `super::parse`), forms are
/// kept and only class and id names that start with a furniture word count.
pub fn dropped(element: &HtmlElement, lenient: bool) -> bool {
    let tag = element.name();
    if has(DROPPED_TAGS, tag) && !(tag == "form" && lenient) {
        return true;
    }
    if element.attr("hidden").is_some()
        || element.attr("aria-hidden") == Some("true")
        || element
            .attr("role")
            .is_some_and(|r| has(FURNITURE_ROLES, r))
    {
        return true;
    }
    let style = element.attr("style").unwrap_or("").to_ascii_lowercase();
    let style: String = style.chars().filter(|c| !c.is_whitespace()).collect();
    if style.contains("display:none") || style.contains("visibility:hidden") {
        return true;
    }
    if matches!(tag, "html" | "body" | "main" | "article") || marks_article(element) {
        return false;
    }
    named_furniture(element, lenient)
}

/// Do the element's class and id name it as furniture? A name that starts with a word of
/// [`FURNITURE_WORDS`] does (`related-posts`, `comments-area`); else a furniture word anywhere
/// does unless a word of [`CONTENT_WORDS`] is there too (`entry-content no-share`), if not
/// `only_leading`.
fn named_furniture(element: &HtmlElement, only_leading: bool) -> bool {
    let names: Vec<String> = [element.attr("class"), element.attr("id")]
        .into_iter()
        .flatten()
        .flat_map(str::split_whitespace)
        .map(str::to_ascii_lowercase)
        .collect();
    let words_of = |name: &str| -> Vec<String> {
        name.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let starts_furniture = names.iter().any(|name| {
        words_of(name)
            .first()
            .is_some_and(|w| has(FURNITURE_WORDS, w))
    });
    let words: Vec<String> = names.iter().flat_map(|n| words_of(n)).collect();
    let any = |list: &[&str]| words.iter().any(|w| has(list, w));
    starts_furniture
        || (!only_leading
            && (any(FURNITURE_WORDS) || any(LIKELY_FURNITURE_WORDS))
            && !any(CONTENT_WORDS))
}

/// Does the page mark this element as its article (`<article>`, `<main>`, `articleBody`)?
pub fn marks_article(element: &HtmlElement) -> bool {
    matches!(element.name(), "article" | "main")
        || element
            .attr("itemprop")
            .is_some_and(|p| p.split_whitespace().any(|w| w == "articleBody"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    fn dropped_div(attributes: &str) -> bool {
        let page = Html::parse_document(&format!("<div {attributes}>x</div>"));
        let div = page
            .select(&Selector::parse("div").unwrap())
            .next()
            .unwrap();
        dropped(div.value(), false)
    }

    #[test]
    fn class_names_mark_furniture_unless_they_name_content() {
        assert!(dropped_div("class='related-posts'"));
        assert!(dropped_div("id='comments-area' class='post'"));
        assert!(dropped_div("class='site-menu'"));
        assert!(!dropped_div("class='entry-content no-share'"));
        assert!(!dropped_div("class='main-content'"));
        assert!(!dropped_div("itemprop='articleBody' class='sidebar'"));
        assert!(dropped_div("style='display: none'"));
        assert!(dropped_div("role='navigation'"));
    }
}
