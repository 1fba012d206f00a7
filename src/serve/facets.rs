//! The facets beside the hits: the matches counted by source, year and month, each count a
//! link that narrows the search to it, the filter in force marked and removable.

use maud::{html, Markup};

use super::params::{Filters, PageSearch};
use crate::search::page::Facets;
use crate::search::views::Bucket;

/// Most months listed: past that, the reader picks a year first.
const MAX_MONTHS: usize = 36;
/// What articles without the field are listed as.
const NONE: &str = "(بلا قيمة)";

pub fn facets(search: &PageSearch, facets: &Facets) -> Markup {
    let filters = &search.filters;
    let months: Vec<&Bucket> = facets.months.iter().filter(|b| b.documents > 0).collect();
    html! {
        aside.facets aria-label="تصفية النتائج" {
            h3 { "المصدر" }
            ul {
                @for bucket in &facets.sources {
                    @let key = bucket.key.as_deref();
                    (entry(search, key, bucket.documents, filters.source.as_deref() == key && key.is_some(),
                        Filters { source: key.map(str::to_string), ..filters.clone() }))
                }
            }
            @if filters.source.is_some() {
                p { a href=(search.filtered(&Filters { source: None, ..filters.clone() })) { "✕ كل المصادر" } }
            }
            h3 { "السنة" }
            ul {
                @for bucket in facets.years.iter().filter(|b| b.documents > 0) {
                    (period(search, bucket))
                }
            }
            @if months.len() <= MAX_MONTHS {
                h3 { "الشهر" }
                ul { @for bucket in months { (period(search, bucket)) } }
            }
            @if filters.since.is_some() || filters.until.is_some() {
                p { a href=(search.filtered(&Filters { since: None, until: None, ..filters.clone() })) { "✕ كل التواريخ" } }
            }
        }
    }
}

/// A period's line: a link narrowing the search to it (dates are `YYYY` or `YYYY-MM`).
fn period(search: &PageSearch, bucket: &Bucket) -> Markup {
    let key = bucket.key.as_deref();
    let filters = &search.filters;
    let active =
        key.is_some() && filters.since.as_deref() == key && filters.until.as_deref() == key;
    let narrowed = Filters {
        since: key.map(str::to_string),
        until: key.map(str::to_string),
        ..filters.clone()
    };
    entry(search, key, bucket.documents, active, narrowed)
}

/// One line of a facet; undated or sourceless articles cannot be filtered to, so they are
/// counted without a link.
fn entry(
    search: &PageSearch,
    key: Option<&str>,
    documents: u64,
    active: bool,
    narrowed: Filters,
) -> Markup {
    html! {
        li.active[active] {
            @match key {
                Some(key) => a href=(search.filtered(&narrowed)) dir="auto" { (key) },
                None => span { (NONE) },
            }
            span.count { (documents) }
        }
    }
}
