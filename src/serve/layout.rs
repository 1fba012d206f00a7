//! The frame of every page: an Arabic document, right to left, with the search box on top.

use maud::{html, Markup, DOCTYPE};

/// A whole page titled `title`, the search box holding `query`.
pub fn page(title: &str, query: &str, main: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="ar" dir="rtl" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — فهرس" }
                link rel="stylesheet" href="/assets/style.css";
                script src="/assets/app.js" defer {}
            }
            body {
                header {
                    a.brand href="/" { "فهرس" }
                    (search_box(query))
                }
                main { (main) }
            }
        }
    }
}

/// The search form: a GET to /search, so results are pages that can be linked and reloaded.
pub fn search_box(query: &str) -> Markup {
    html! {
        form.search action="/search" method="get" role="search" {
            input #q type="search" name="q" value=(query) dir="auto"
                placeholder="ابحث في الأخبار…" aria-label="نص البحث" autocomplete="off";
            button type="submit" { "بحث" }
        }
    }
}

/// A paragraph that tells the reader something went wrong or nothing is there.
pub fn notice(message: &str) -> Markup {
    html! { p.notice role="alert" { (message) } }
}
