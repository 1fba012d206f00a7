//! What a page says about its article outside the text: title, date, site and author, from
//! `<meta>` tags (Open Graph, `article:*`, `itemprop`, Dublin Core), `<title>`, `<h1>`,
//! `<time datetime>` and JSON-LD.
//!
//! The headline is the `<h1>` that a page title (`og:title`, `<title>`) names, alone or with
//! the site's name before or after a separator; else `og:title`, else `<title>`, with a
//! site-name part cut off; else the first `<h1>`. Page titles carry the site's name
//! («headline - Sputnik Arabic», «المدينة نيوز - headline»), an `<h1>` rarely does, and a page
//! often has several `<h1>` (the site's logo, a footer).

use scraper::{Html, Node};

use super::dom::text_of;
use crate::ingest::metadata;

/// The fields a page gives, raw (the date is parsed later, as for JSON records).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
}

/// `<meta>` keys (property, name or itemprop, lowercased) of the publication date, best first.
const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "datepublished",
    "og:published_time",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "dcterms.date",
    "date",
    "datecreated",
];

/// `<meta>` keys of the author, best first.
const AUTHOR_KEYS: &[&str] = &[
    "author",
    "article:author",
    "byl",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
];

/// Separators between a headline and the site's name in a page title.
const SEPARATORS: &[&str] = &[" - ", " | ", " – ", " — ", " :: ", " « ", " » "];

/// Everything the `<head>` and the headings hold, gathered in one walk.
#[derive(Default)]
struct Found {
    metas: Vec<(String, String)>,
    title: Option<String>,
    h1: Vec<String>,
    times: Vec<String>,
    json_ld: Vec<String>,
    canonical: Option<String>,
}

fn fold_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn gather(page: &Html) -> Found {
    let mut found = Found::default();
    for node in page.tree.root().descendants() {
        let Node::Element(element) = node.value() else {
            continue;
        };
        match element.name() {
            "meta" => {
                let key = ["property", "name", "itemprop"]
                    .iter()
                    .find_map(|k| element.attr(k));
                if let (Some(key), Some(content)) = (key, element.attr("content")) {
                    found
                        .metas
                        .push((key.trim().to_ascii_lowercase(), fold_space(content)));
                }
            }
            "title" if found.title.is_none() => found.title = Some(text_of(node)),
            "h1" => found.h1.push(text_of(node)),
            "time" => {
                if let Some(when) = element.attr("datetime") {
                    found.times.push(when.to_string());
                }
            }
            "script" if element.attr("type") == Some("application/ld+json") => {
                found.json_ld.push(text_of(node));
            }
            "link" if element.attr("rel") == Some("canonical") => {
                found.canonical = element.attr("href").map(str::to_string);
            }
            _ => {}
        }
    }
    found
}

impl Found {
    fn meta<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.metas
            .iter()
            .filter(move |(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    fn first_meta<'a>(&'a self, key: &'a str) -> Option<&'a str> {
        self.meta(key).next()
    }

    /// `"key": "value"` of the page's JSON-LD, found as text: a broken block still answers.
    fn json_ld_value(&self, key: &str) -> Option<String> {
        let pattern = format!("\"{key}\"");
        self.json_ld.iter().find_map(|block| {
            let after = &block[block.find(&pattern)? + pattern.len()..];
            let after = after.trim_start().strip_prefix(':')?.trim_start();
            let value = after.strip_prefix('"')?;
            Some(value[..value.find('"')?].to_string())
        })
    }
}

fn is_url(value: &str) -> bool {
    value.starts_with("http://") || value.starts_with("https://") || value.starts_with("www.")
}

/// The host of a URL, without `www.`.
fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    Some(host.strip_prefix("www.").unwrap_or(host))
}

/// The parts of a page title between separators.
fn parts(title: &str) -> Vec<&str> {
    let mut parts = vec![title];
    for sep in SEPARATORS {
        parts = parts.iter().flat_map(|p| p.split(sep)).collect();
    }
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// Does `page` (a page title) name `headline`: equal, or it with other parts around it?
fn names(page: &str, headline: &str) -> bool {
    let page = fold_space(page);
    if page == headline {
        return true;
    }
    SEPARATORS.iter().any(|sep| {
        page.strip_prefix(headline)
            .is_some_and(|r| r.starts_with(sep.trim_end()))
            || page
                .strip_suffix(headline)
                .is_some_and(|r| r.ends_with(sep.trim_start()))
    })
}

/// A page title without the parts that name the site: those equal to the site's name, else a
/// short first or last part beside a longer one.
fn strip_site(title: &str, site: Option<&str>) -> String {
    let all = parts(title);
    if all.len() < 2 {
        return fold_space(title);
    }
    let same = |p: &str| site.is_some_and(|s| p.eq_ignore_ascii_case(s));
    let kept: Vec<&str> = all.iter().copied().filter(|p| !same(p)).collect();
    if kept.len() < all.len() && !kept.is_empty() && kept.len() == 1 {
        return kept[0].to_string();
    }
    let words = |p: &str| p.split_whitespace().count();
    let longest = all
        .iter()
        .copied()
        .max_by_key(|p| words(p))
        .unwrap_or(title);
    // Only when the other parts are short enough to be names: a headline may hold a dash.
    if all.iter().all(|p| *p == longest || words(p) <= 4) {
        longest.to_string()
    } else {
        fold_space(title)
    }
}

fn headline(found: &Found, site: Option<&str>) -> Option<String> {
    let titles: Vec<&str> = ["og:title", "twitter:title"]
        .iter()
        .filter_map(|k| found.first_meta(k))
        .chain(found.title.as_deref())
        // Markup inside a title («<script>…») is a broken page, not a headline.
        .filter(|t| !(t.contains('<') && t.contains('>')))
        .collect();
    let h1 = found.h1.iter().filter(|h| !h.is_empty());
    if let Some(named) = h1.clone().find(|h| titles.iter().any(|t| names(t, h))) {
        return Some(named.clone());
    }
    titles
        .first()
        .map(|t| strip_site(t, site))
        .or_else(|| h1.clone().next().cloned())
        .filter(|t| !t.is_empty())
}

/// The site's name: `og:site_name` (a name, not a URL), `application-name`, JSON-LD's
/// publisher, else the part of the page title that is not the headline.
fn site_name(found: &Found) -> Option<String> {
    found
        .meta("og:site_name")
        .chain(found.meta("application-name"))
        .find(|v| !is_url(v))
        .map(str::to_string)
}

fn author(found: &Found, site: Option<&str>, url_host: Option<&str>) -> Option<String> {
    let plausible = |value: &&str| {
        let squashed: String = value.chars().filter(|c| !c.is_whitespace()).collect();
        let lower = value.to_lowercase();
        !is_url(value)
            && !value.starts_with('(')
            && !["developed by", "designed by", "powered by", "design by"]
                .iter()
                .any(|credit| lower.starts_with(credit))
            && !site.is_some_and(|s| value.eq_ignore_ascii_case(s))
            && !parts(value)
                .iter()
                .any(|p| site.is_some_and(|s| p.eq_ignore_ascii_case(s)))
            && !url_host.is_some_and(|h| h.to_lowercase().contains(&squashed.to_lowercase()))
    };
    AUTHOR_KEYS
        .iter()
        .flat_map(|k| found.meta(k))
        .find(plausible)
        .map(metadata::byline_name)
}

/// Reads the page's metadata.
pub fn read(page: &Html) -> PageMeta {
    let found = gather(page);
    let url = found
        .first_meta("og:url")
        .map(str::to_string)
        .or_else(|| found.canonical.clone());
    let mut source = site_name(&found);
    let title = headline(&found, source.as_deref());
    if source.is_none() {
        // The page title's other part: «headline - Sputnik Arabic».
        source = found
            .title
            .as_deref()
            .zip(title.as_deref())
            .and_then(|(page, h)| {
                let rest: Vec<&str> = parts(page).into_iter().filter(|p| *p != h).collect();
                rest.last()
                    .filter(|p| metadata::could_be_site_name(p))
                    .map(|p| p.to_string())
            });
    }
    let date = DATE_KEYS
        .iter()
        .flat_map(|k| found.meta(k))
        .map(str::to_string)
        .chain(found.json_ld_value("datePublished"))
        .chain(found.times.iter().cloned())
        .find(|d| metadata::field_date(d).is_some());
    let url_host = url.as_deref().and_then(host);
    let author = author(&found, source.as_deref(), url_host);
    PageMeta {
        title,
        date,
        source,
        author,
        url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(html: &str) -> PageMeta {
        read(&Html::parse_document(html))
    }

    #[test]
    fn the_h1_a_page_title_names_is_the_headline() {
        let page = "<title>المدينة نيوز - أميركا :50 الفا حصيلة الوفيات</title>\
            <h1>شعار الموقع</h1><h1>أميركا :50 الفا حصيلة الوفيات</h1>";
        assert_eq!(
            meta(page).title.as_deref(),
            Some("أميركا :50 الفا حصيلة الوفيات")
        );
    }

    #[test]
    fn site_parts_are_cut_from_page_titles() {
        let page = "<title>مصر تسجل 30 إصابة جديدة - Sputnik Arabic</title>";
        let found = meta(page);
        assert_eq!(found.title.as_deref(), Some("مصر تسجل 30 إصابة جديدة"));
        assert_eq!(found.source.as_deref(), Some("Sputnik Arabic"));
        // Two long parts: the dash is the headline's own.
        let dash = "<title>عدنان الزرفي المكلف بتشكيل الحكومة - من هو وما هي حظوظه</title>";
        assert_eq!(
            meta(dash).title.as_deref(),
            Some("عدنان الزرفي المكلف بتشكيل الحكومة - من هو وما هي حظوظه")
        );
    }

    #[test]
    fn date_site_and_author_from_meta() {
        let page = r#"<meta property="og:site_name" content="البيان">
            <meta name="author" content="(أبوظبي - البيان)">
            <meta property="article:author" content="https://facebook.com/x">
            <meta name="dc.creator" content="Developed By Web Team">
            <meta itemprop="author" content="حسام أبو العلا - القاهرة">
            <meta property="article:published_time" content="2020-06-03T03:01+0400">"#;
        let found = meta(page);
        assert_eq!(found.source.as_deref(), Some("البيان"));
        assert_eq!(found.author.as_deref(), Some("حسام أبو العلا"));
        assert_eq!(found.date.as_deref(), Some("2020-06-03T03:01+0400"));
    }
}
