//! A search's parameters as the pages and the API take them, checked before any search runs,
//! and the links that change one of them. Paging is bounded: deep pages cost the engine more
//! (every skipped story is still ranked and folded), and no reader pages past a thousand.

use std::collections::HashMap;

use super::url;
use crate::search::{dates, SearchOptions, SortBy};

/// Hits on a page.
pub const PAGE_SIZE: usize = 10;
/// Most hits one API call returns.
pub const MAX_LIMIT: usize = 100;
/// Most hits skipped, by a page or an API call.
pub const MAX_OFFSET: usize = 1_000;

/// What narrows or orders a search, shared by the pages and the API.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub source: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub newest_first: bool,
    /// Every copy of a story, not folded under the best-ranked one.
    pub all: bool,
}

/// A search of the pages: the query, its filters and the page (from 1).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageSearch {
    pub query: String,
    pub filters: Filters,
    pub page: usize,
}

fn text(params: &HashMap<String, String>, name: &str) -> Option<String> {
    params.get(name).filter(|v| !v.trim().is_empty()).cloned()
}

fn number(params: &HashMap<String, String>, name: &str, default: usize) -> Result<usize, String> {
    match params.get(name).filter(|v| !v.is_empty()) {
        None => Ok(default),
        Some(value) => value
            .parse()
            .map_err(|_| format!("{name} must be a whole number, not {value:?}")),
    }
}

impl Filters {
    pub fn read(params: &HashMap<String, String>) -> Result<Filters, String> {
        let filters = Filters {
            source: text(params, "source"),
            since: text(params, "since"),
            until: text(params, "until"),
            newest_first: params.get("sort").is_some_and(|s| s == "date"),
            all: params.get("all").is_some_and(|a| a == "1"),
        };
        for date in [&filters.since, &filters.until].into_iter().flatten() {
            dates::check_date(date).map_err(|err| format!("{err:#}"))?;
        }
        Ok(filters)
    }

    /// The engine's options for `limit` hits after the `offset` best.
    pub fn options(&self, offset: usize, limit: usize) -> SearchOptions {
        SearchOptions {
            limit,
            offset,
            since: self.since.clone(),
            until: self.until.clone(),
            source: self.source.clone(),
            sort: if self.newest_first {
                SortBy::Date
            } else {
                SortBy::Score
            },
            collapse: !self.all,
            ..SearchOptions::default()
        }
    }

    /// The parameters of a link, these filters kept.
    fn pairs<'a>(&'a self, query: &'a str) -> Vec<(&'a str, &'a str)> {
        let or_empty = |v: &'a Option<String>| v.as_deref().unwrap_or("");
        vec![
            ("q", query),
            ("source", or_empty(&self.source)),
            ("since", or_empty(&self.since)),
            ("until", or_empty(&self.until)),
            ("sort", if self.newest_first { "date" } else { "" }),
            ("all", if self.all { "1" } else { "" }),
        ]
    }
}

/// The link to page `page` of `query` with `filters`.
pub fn search_link(query: &str, filters: &Filters, page: usize) -> String {
    let page = page.to_string();
    let mut pairs = filters.pairs(query);
    if page != "1" {
        pairs.push(("page", &page));
    }
    format!("/search{}", url::query_string(&pairs))
}

/// The link to an article, with the query whose words it marks.
pub fn article_link(id: &str, query: &str) -> String {
    format!(
        "/article/{}{}",
        url::encode(id),
        url::query_string(&[("q", query)])
    )
}

impl PageSearch {
    pub fn read(params: &HashMap<String, String>) -> Result<PageSearch, String> {
        let page = number(params, "page", 1)?.max(1);
        if (page - 1).saturating_mul(PAGE_SIZE) > MAX_OFFSET {
            return Err(format!(
                "page must be at most {}",
                MAX_OFFSET / PAGE_SIZE + 1
            ));
        }
        Ok(PageSearch {
            query: params
                .get("q")
                .map(|q| q.trim().to_string())
                .unwrap_or_default(),
            filters: Filters::read(params)?,
            page,
        })
    }

    pub fn options(&self) -> SearchOptions {
        self.filters.options((self.page - 1) * PAGE_SIZE, PAGE_SIZE)
    }

    /// This search on another page.
    pub fn link(&self, page: usize) -> String {
        search_link(&self.query, &self.filters, page)
    }

    /// This search with other filters, from its first page.
    pub fn filtered(&self, filters: &Filters) -> String {
        search_link(&self.query, filters, 1)
    }
}

/// An API call: the query, its filters, how many hits and after how many.
pub struct ApiSearch {
    pub query: String,
    pub filters: Filters,
    pub limit: usize,
    pub offset: usize,
}

impl ApiSearch {
    pub fn read(params: &HashMap<String, String>) -> Result<ApiSearch, String> {
        let limit = number(params, "n", PAGE_SIZE)?;
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(format!("n must be between 1 and {MAX_LIMIT}"));
        }
        let offset = number(params, "offset", 0)?;
        if offset > MAX_OFFSET {
            return Err(format!("offset must be at most {MAX_OFFSET}"));
        }
        Ok(ApiSearch {
            query: params
                .get("q")
                .map(|q| q.trim().to_string())
                .unwrap_or_default(),
            filters: Filters::read(params)?,
            limit,
            offset,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_page_link_keeps_the_filters_and_reads_back_the_same() {
        let search = PageSearch::read(&params(&[
            ("q", "التحالف"),
            ("source", "BBC & co"),
            ("since", "2018"),
            ("until", "2018"),
            ("page", "3"),
        ]))
        .unwrap();
        assert_eq!(search.options().offset, 20);
        let link = search.link(3);
        let back = PageSearch::read(&url::parse(&link).unwrap().params).unwrap();
        assert_eq!(back, search);
    }

    #[test]
    fn bad_numbers_dates_and_deep_pages_are_refused_with_a_reason() {
        let page = |pairs: &[(&str, &str)]| PageSearch::read(&params(pairs)).unwrap_err();
        assert!(page(&[("page", "x")]).contains("page must be a whole number"));
        assert!(page(&[("page", "1000")]).contains("page must be at most 101"));
        assert!(!page(&[("since", "2018-13")]).is_empty());
        let api = |pairs: &[(&str, &str)]| ApiSearch::read(&params(pairs)).err();
        assert!(api(&[("n", "0")])
            .unwrap()
            .contains("n must be between 1 and 100"));
        assert!(api(&[("offset", "5000")]).unwrap().contains("at most 1000"));
        assert!(api(&[("n", "100"), ("offset", "1000")]).is_none());
    }
}
