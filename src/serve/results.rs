//! `/search?q=…`: a page of hits with the matched words marked, near-copies folded under each
//! and expandable (`<details>`, no script needed), the total, the facets, the chart and links
//! to the other pages. A query the engine refuses gets the page with the reason, as a 400.

use std::collections::HashMap;

use maud::{html, Markup};

use super::layout::{self, notice};
use super::params::{article_link, PageSearch, PAGE_SIZE};
use super::reply::{self, Reply};
use super::routes::failure_status;
use super::state::Library;
use super::{chart, facets, marks};
use crate::messages;
use crate::search::page::ResultPage;
use crate::search::Hit;

pub fn page(library: &Library, params: &HashMap<String, String>) -> Reply {
    let search = match PageSearch::read(params) {
        Ok(search) => search,
        Err(message) => return failed(400, "", &message),
    };
    if search.query.is_empty() {
        return Reply::new(200, reply::HTML, super::home::page().into_string());
    }
    let answered = library.engine().and_then(|snapshot| {
        snapshot
            .engine
            .result_page(&search.query, &search.options())
    });
    match answered {
        Ok(results) => {
            let main = results_view(&search, &results);
            let page = layout::page(&search.query, &search.query, main);
            Reply::new(200, reply::HTML, page.into_string())
        }
        Err(err) => failed(failure_status(&err), &search.query, &format!("{err:#}")),
    }
}

fn failed(status: u16, query: &str, message: &str) -> Reply {
    let page = layout::page("خطأ", query, notice(message));
    Reply::new(status, reply::HTML, page.into_string())
}

fn results_view(search: &PageSearch, results: &ResultPage) -> Markup {
    let hits = &results.outcome.hits;
    let first = (search.page - 1) * PAGE_SIZE + 1;
    html! {
        div.layout {
            (facets::facets(search, &results.facets))
            section.results {
                p.summary {
                    @if hits.is_empty() {
                        "لا نتائج"
                    } @else {
                        "النتائج " (first) "–" (first + hits.len() - 1) " من "
                        strong { (messages::grouped(results.total)) } " مقالة"
                    }
                }
                @if !results.outcome.suggestions.is_empty() {
                    p.notice {
                        "هل تقصد: "
                        @for (i, respelled) in results.outcome.suggestions.iter().enumerate() {
                            @if i > 0 { " · " }
                            a href=(super::params::search_link(respelled, &search.filters, 1)) { (respelled) }
                        }
                    }
                }
                @if let Some(chart) = chart::chart(search, &results.facets.years, &results.facets.months) {
                    (chart)
                }
                ol.hits start=(first) {
                    @for hit in hits { li { (hit_view(search, hit)) } }
                }
                (pages(search, results.total))
            }
        }
    }
}

fn hit_view(search: &PageSearch, hit: &Hit) -> Markup {
    let title = if hit.title.trim().is_empty() {
        &hit.id
    } else {
        &hit.title
    };
    html! {
        article.hit {
            h2 { a href=(article_link(&hit.id, &search.query)) dir="auto" {
                (marks::marked(title, &hit.title_highlights))
            } }
            div.meta {
                @if let Some(source) = &hit.source { span dir="auto" { (source) } }
                @if let Some(date) = &hit.date { span { (date) } }
                @if let Some(author) = &hit.author { span dir="auto" { (author) } }
            }
            p.snippet dir="auto" { (marks::marked(&hit.snippet.text, &hit.snippet.highlights)) }
            @if !hit.similar.is_empty() {
                details.similar {
                    summary { "+" (hit.similar.len()) " نسخ مشابهة من الخبر نفسه" }
                    ul {
                        @for copy in &hit.similar {
                            li {
                                a href=(article_link(&copy.id, &search.query)) dir="auto" { (copy.title) }
                                " "
                                span.meta {
                                    @if let Some(source) = &copy.source { span dir="auto" { (source) } }
                                    @if let Some(date) = &copy.date { span { (date) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Links to the previous and next pages and to the pages around this one, as far as paging
/// goes.
fn pages(search: &PageSearch, total: u64) -> Markup {
    let last = (total as usize)
        .div_ceil(PAGE_SIZE)
        .clamp(1, super::params::MAX_OFFSET / PAGE_SIZE + 1);
    let around = search.page.saturating_sub(4).max(1)..=(search.page + 4).min(last);
    html! {
        @if last > 1 {
            nav.pages aria-label="الصفحات" {
                @if search.page > 1 { a rel="prev" href=(search.link(search.page - 1)) { "→ السابقة" } }
                @for page in around {
                    @if page == search.page { span.current aria-current="page" { (page) } }
                    @else { a href=(search.link(page)) { (page) } }
                }
                @if search.page < last { a rel="next" href=(search.link(search.page + 1)) { "التالية ←" } }
            }
        }
    }
}
