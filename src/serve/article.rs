//! `/article/ID`: one stored article, whole, the words of the query it was reached from
//! (`?q=`) marked, its metadata, and the near-copies of its story in the index.

use std::collections::HashMap;

use maud::{html, Markup};

use super::layout::{self, notice};
use super::marks;
use super::params::article_link;
use super::reply::{self, Reply};
use super::routes::{failure_status, not_found};
use super::state::Library;
use crate::search::page::ArticlePage;
use crate::search::SearchOptions;

pub fn page(library: &Library, id: &str, params: &HashMap<String, String>) -> Reply {
    let query = params.get("q").map(|q| q.trim()).unwrap_or("");
    let found = library.engine().and_then(|snapshot| {
        snapshot
            .engine
            .article_page(id, query, &SearchOptions::default())
    });
    match found {
        Ok(Some(article)) => {
            let title = article.article.title.clone();
            let page = layout::page(&title, query, view(&article, query));
            Reply::new(200, reply::HTML, page.into_string())
        }
        Ok(None) => not_found("لا توجد في الفهرس مقالة بهذا المعرّف"),
        Err(err) => {
            let page = layout::page("خطأ", query, notice(&format!("{err:#}")));
            Reply::new(failure_status(&err), reply::HTML, page.into_string())
        }
    }
}

fn view(page: &ArticlePage, query: &str) -> Markup {
    let article = &page.article;
    html! {
        article.full {
            h1 dir="auto" { (marks::marked(&article.title, &page.title_marks)) }
            dl.meta {
                @if let Some(source) = &article.source { dt { "المصدر" } dd dir="auto" { (source) } }
                @if let Some(date) = &article.date { dt { "التاريخ" } dd { (date) } }
                @if let Some(author) = &article.author { dt { "الكاتب" } dd dir="auto" { (author) } }
                @if let Some(docno) = &article.docno { dt { "الرقم" } dd dir="ltr" { (docno) } }
                dt { "الملف" } dd.path { (article.path) }
            }
            @for paragraph in marks::paragraphs(&article.body, &page.body_marks) {
                p dir="auto" { (paragraph) }
            }
            @if !page.similar.is_empty() {
                section.similar {
                    h2 { "نسخ مشابهة من الخبر نفسه (" (page.similar.len()) ")" }
                    ul {
                        @for copy in &page.similar {
                            li {
                                a href=(article_link(&copy.id, query)) dir="auto" { (copy.title) }
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
