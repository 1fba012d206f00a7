//! `/api/search?q=…&n=…&offset=…`: the JSON contract the pages are made from, for scripts:
//! `{"total","offset","hits","facets","did_you_mean"}`, each hit exactly the object that
//! `fahras search --json` prints (the same serializer, `output::json::JsonHit`), each facet
//! bucket that of `fahras count --json`. Errors are `{"error": "…"}` with a 400 or a 500.

use std::collections::HashMap;

use serde::Serialize;

use super::params::ApiSearch;
use super::reply::{self, Reply};
use super::routes::failure_status;
use super::state::Library;
use crate::output::count::JsonBucket;
use crate::output::json::JsonHit;
use crate::search::page::ResultPage;
use crate::search::views::Bucket;

#[derive(Serialize)]
struct Answer {
    total: u64,
    offset: usize,
    hits: Vec<JsonHit>,
    facets: JsonFacets,
    did_you_mean: Vec<String>,
}

#[derive(Serialize)]
struct JsonFacets {
    source: Vec<JsonBucket>,
    year: Vec<JsonBucket>,
    month: Vec<JsonBucket>,
}

#[derive(Serialize)]
struct Failure<'a> {
    error: &'a str,
}

fn buckets(buckets: &[Bucket]) -> Vec<JsonBucket> {
    buckets
        .iter()
        .map(|b| JsonBucket {
            key: b.key.clone(),
            documents: b.documents,
        })
        .collect()
}

fn failure(status: u16, message: &str) -> Reply {
    let body = serde_json::to_vec(&Failure { error: message }).expect("a string serializes");
    Reply::new(status, reply::JSON, body)
}

pub fn search(library: &Library, params: &HashMap<String, String>) -> Reply {
    let call = match ApiSearch::read(params) {
        Ok(call) => call,
        Err(message) => return failure(400, &message),
    };
    if call.query.is_empty() {
        return failure(400, "q, the query, is missing");
    }
    let options = call.filters.options(call.offset, call.limit);
    let answered = library
        .engine()
        .and_then(|snapshot| snapshot.engine.result_page(&call.query, &options));
    match answered {
        Ok(page) => Reply::new(200, reply::JSON, answer(&page, call.offset)),
        Err(err) => failure(failure_status(&err), &format!("{err:#}")),
    }
}

fn answer(page: &ResultPage, offset: usize) -> Vec<u8> {
    let answer = Answer {
        total: page.total,
        offset,
        hits: page
            .outcome
            .hits
            .iter()
            .map(|hit| JsonHit::new(hit, None))
            .collect(),
        facets: JsonFacets {
            source: buckets(&page.facets.sources),
            year: buckets(&page.facets.years),
            month: buckets(&page.facets.months),
        },
        did_you_mean: page.outcome.suggestions.clone(),
    };
    serde_json::to_vec(&answer).expect("plain values serialize")
}
