//! Which answer a request gets. Only GET and HEAD are served: the server has no endpoint that
//! writes. A request the server cannot read (a broken escape, an address that is not UTF-8,
//! a bad parameter) is a 400 that says why; an unknown path a 404.

use tiny_http::Method;

use super::reply::{self, Reply};
use super::state::Library;
use super::{api, article, home, layout, results, url};

const STYLE: &str = include_str!("assets/style.css");
const SCRIPT: &str = include_str!("assets/app.js");

pub fn respond(library: &Library, method: &Method, target: &str) -> Reply {
    if !matches!(method, Method::Get | Method::Head) {
        let mut refused = Reply::error(405, "this server only reads: use GET");
        refused.allow = Some("GET, HEAD");
        return refused;
    }
    let target = match url::parse(target) {
        Ok(target) => target,
        Err(message) => return Reply::error(400, &message),
    };
    match target.path.as_str() {
        "/" => Reply::new(200, reply::HTML, home::page().into_string()),
        "/search" => results::page(library, &target.params),
        "/api/search" => api::search(library, &target.params),
        "/assets/style.css" => asset("text/css; charset=utf-8", STYLE),
        "/assets/app.js" => asset("text/javascript; charset=utf-8", SCRIPT),
        path => match path.strip_prefix("/article/") {
            Some(id) if !id.is_empty() => article::page(library, id, &target.params),
            _ => not_found("لا توجد صفحة بهذا العنوان"),
        },
    }
}

fn asset(content_type: &'static str, text: &'static str) -> Reply {
    let mut reply = Reply::new(200, content_type, text);
    reply.cacheable = true;
    reply
}

/// A 404 page that says what was not found, with the search box.
pub fn not_found(message: &str) -> Reply {
    let page = layout::page("غير موجود", "", layout::notice(message));
    Reply::new(404, reply::HTML, page.into_string())
}

/// The status of a failed search: the query's fault (400) or the server's (500).
pub fn failure_status(err: &anyhow::Error) -> u16 {
    if format!("{err:#}").starts_with("invalid query") {
        400
    } else {
        500
    }
}
