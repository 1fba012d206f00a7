//! Every route of `fahras serve` over HTTP: pages, the API, refusals and a live commit.

use std::time::Duration;

use super::*;

#[test]
fn serve_home_and_results_escape_hostile_titles_and_mark_matches() {
    let sandbox = corpus();
    let server = Server::start(&sandbox);
    let home = server.get("/");
    assert_page(&home, 200);
    assert!(home.body.contains("action=\"/search\"") && home.body.contains("title:"));

    // الهجوم and الخبر put the two hostile titles on the first page
    let page = search_page(&server, HOSTILE_QUERY, "");
    assert_page(&page, 200);
    let body = &page.body;
    assert!(
        body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{body}"
    );
    assert!(body.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!body.contains("<script>alert") && !body.contains("<img"));
    assert!(body.contains("<mark>التحالف</mark>"));
    assert!(body.contains("<strong>16</strong>"), "{body}");
    // facets: sources and years with their counts, each a link that filters
    let bbc = format!(
        "href=\"/search?q={}&amp;source=BBC\"",
        encoded(HOSTILE_QUERY)
    );
    assert!(body.contains(&bbc), "{body}");
    assert!(
        body.contains("<span class=\"count\">10</span>"),
        "BBC has 10 matches"
    );
    assert!(body.contains("since=2019&amp;until=2019"));
    assert!(body.contains("<svg") && body.contains("<title>2018-03: 3</title>"));
    assert!(body.contains("rel=\"next\""));

    // the two copies of the story are one hit, the other folded under it
    let story = search_page(&server, "الرقة", "");
    assert!(
        story.body.contains("النتائج 1–1 من <strong>2</strong>"),
        "{}",
        story.body
    );
    assert_eq!(story.body.matches("<details class=\"similar\">").count(), 1);
    assert!(story.body.contains("+1 نسخ مشابهة"));

    let css = server.get("/assets/style.css");
    assert_eq!(
        (css.status, css.header("content-type")),
        (200, "text/css; charset=utf-8")
    );
    let script = server.get("/assets/app.js");
    assert_eq!(
        script.header("content-type"),
        "text/javascript; charset=utf-8"
    );
}

#[test]
fn serve_pages_and_filters_follow_the_parameters() {
    let sandbox = corpus();
    let server = Server::start(&sandbox);
    let second = search_page(&server, "التحالف", "&page=2");
    assert_page(&second, 200);
    assert!(second.body.contains("النتائج 11–15 من"), "{}", second.body);
    assert!(second.body.contains("rel=\"prev\""));
    let bbc = search_page(&server, "التحالف", "&source=BBC");
    assert!(bbc.body.contains("<strong>10</strong>"), "{}", bbc.body);
    assert!(!bbc
        .body
        .contains(IMG_TITLE.replace('<', "&lt;").replace('>', "&gt;").as_str()));
    let year = search_page(&server, "التحالف", "&since=2019&until=2019");
    assert!(year.body.contains("<strong>6</strong>"), "{}", year.body);
    let every_copy = search_page(&server, "التحالف", "&all=1");
    assert!(!every_copy.body.contains("<details"));
}

#[test]
fn serve_api_hits_are_the_objects_of_search_json() {
    let sandbox = corpus();
    let server = Server::start(&sandbox);
    let reply = server.get(&format!(
        "/api/search?q={}&n=5&offset=5",
        encoded("التحالف")
    ));
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), "application/json");
    assert!(reply
        .header("content-security-policy")
        .contains("default-src 'none'"));
    assert!(reply.header("server-timing").starts_with("app;dur="));
    let answer = reply.json();
    assert_eq!(answer["total"], 16);
    let cli = sandbox.search_json("التحالف", 10);
    assert_eq!(answer["hits"].as_array().unwrap(), &cli[5..10]);
    let sources = answer["facets"]["source"].as_array().unwrap();
    assert_eq!(
        sources[0],
        serde_json::json!({"key": "BBC", "documents": 10})
    );
    assert_eq!(
        answer["facets"]["year"][1],
        serde_json::json!({"key": "2019", "documents": 6})
    );
    let missing = server.get("/api/search?n=3");
    assert_eq!(missing.status, 400);
    assert!(missing.json()["error"]
        .as_str()
        .unwrap()
        .contains("q, the query, is missing"));
    let deep = server.get("/api/search?q=x&offset=100000");
    assert_eq!(deep.status, 400);
    assert!(deep.json()["error"]
        .as_str()
        .unwrap()
        .contains("offset must be at most"));
}

#[test]
fn serve_article_page_marks_the_query_and_lists_copies() {
    let sandbox = corpus();
    let server = Server::start(&sandbox);
    let page = server.get(&format!("/article/S-1?q={}", encoded("الرقة")));
    assert_page(&page, 200);
    assert!(page.body.contains("<mark>الرقة</mark>"), "{}", page.body);
    assert!(page.body.contains("<dd dir=\"auto\">BBC</dd>") && page.body.contains("2018-04-01"));
    assert!(
        page.body.contains("href=\"/article/S-2?q="),
        "the copy is listed"
    );
    let hostile = server.get("/article/H-1");
    assert_page(&hostile, 200);
    assert!(hostile
        .body
        .contains("<h1 dir=\"auto\">&lt;script&gt;alert(1)&lt;/script&gt;</h1>"));
    assert!(!hostile.body.contains(SCRIPT_TITLE));
    assert_page(&server.get("/article/NO-SUCH-ID"), 404);
    assert_page(&server.get("/no/such/page"), 404);
}

#[test]
fn serve_survives_hostile_requests_with_a_reason() {
    let sandbox = corpus();
    let server = Server::start(&sandbox);
    let nul = server.get("/search?q=%00");
    assert!(matches!(nul.status, 200 | 400), "{}", nul.body);
    let long = "ا".repeat(25_000);
    let overlong = server.get(&format!("/api/search?q={}", encoded(&long)));
    assert_eq!(overlong.status, 400);
    assert!(overlong.json()["error"]
        .as_str()
        .unwrap()
        .contains("more than the 20000"));
    let quote = search_page(&server, "\"التحالف الدولي", "");
    assert!(matches!(quote.status, 200 | 400), "{}", quote.body);
    let nested = search_page(&server, &"(".repeat(500), "");
    assert_page(&nested, 400);
    assert!(nested.body.contains("invalid query"));
    let broken = server.get("/search?q=%FF%FE");
    assert_eq!(broken.status, 400);
    assert!(broken.body.contains("not UTF-8"));
    assert_eq!(server.get("/search?q=%Z1").status, 400);
    let bad_page = search_page(&server, "التحالف", "&page=-1");
    assert_page(&bad_page, 400);
    assert!(bad_page.body.contains("page must be a whole number"));
    let post = server.request("POST", "/api/search?q=x");
    assert_eq!((post.status, post.header("allow")), (405, "GET, HEAD"));
    // still serving, and each request was logged on one line
    assert_page(&server.get("/"), 200);
    std::thread::sleep(Duration::from_millis(100));
    let logged = server.logged();
    assert!(
        logged
            .iter()
            .any(|l| l.starts_with("fahras: POST /api/search?q=x 405 ")),
        "{logged:?}"
    );
    assert!(logged
        .iter()
        .any(|l| l.starts_with("fahras: GET / 200 ") && l.ends_with(" ms")));
}

#[test]
fn serve_shows_a_commit_made_while_it_runs() {
    let sandbox = corpus();
    let server = Server::start(&sandbox);
    let query = format!("/api/search?q={}", encoded("زلزال"));
    assert_eq!(server.get(&query).json()["total"], 0);
    let later = sandbox.write(
        "later/quake.jsonl",
        record(
            "Q-1",
            "BBC",
            "2020-02-02",
            "زلزال قوي",
            "ضرب زلزال قوي المنطقة",
        ) + "\n",
    );
    sandbox.ingest(&[&later]);
    let answer = server.get(&query).json();
    assert_eq!(answer["total"], 1);
    assert_eq!(answer["hits"][0]["id"], "Q-1");
}
