//! `fahras serve`: a local web view of the index, for reading Arabic where browsers do it best
//! (the full bidi algorithm, fonts that join letters), on the library the commands use.
//!
//! One process, read-only: a small synchronous HTTP server (tiny_http) whose requests are
//! answered by a few threads sharing one engine per commit of the index ([`state`]). Pages are
//! rendered on the server with maud, which escapes every value it interpolates, and work
//! without JavaScript; the style sheet and the little script are in the binary. Every answer
//! carries a Content-Security-Policy that allows only them, so even a title that slipped
//! through as markup could run nothing.
//!
//! The parts: [`url`] decodes requests and encodes links, [`routes`] picks the answer,
//! [`params`] reads a search's parameters, [`api`] is the JSON contract, and [`layout`],
//! [`home`], [`results`], [`facets`], [`chart`], [`article`] and [`marks`] make the pages.

mod api;
mod article;
mod chart;
mod facets;
mod home;
mod layout;
mod marks;
mod params;
mod reply;
mod results;
mod routes;
mod state;
mod url;

use std::net::SocketAddr;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::time::Instant;

use anyhow::{anyhow, Result};
use tiny_http::{Request, Server};

use crate::{index, messages};
use reply::Reply;
use state::Library;

/// How the server runs, as the plan resolved it.
pub struct Settings {
    pub bind: SocketAddr,
    pub open: bool,
    pub verbose: bool,
    pub threads: usize,
}

/// Serves the index at `dir` until the process is stopped.
pub fn run(dir: &Path, settings: &Settings) -> Result<()> {
    let index = index::open(dir)?;
    let library = Library::open(&index)?;
    let server = Server::http(settings.bind)
        .map_err(|err| anyhow!("cannot listen on {}: {err}", settings.bind))?;
    let address = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| anyhow!("cannot listen on {}", settings.bind))?;
    let url = format!("http://{address}/");
    messages::emit(format_args!(
        "serving {} at {url} (Ctrl-C stops)",
        messages::shown_path(dir)
    ));
    if settings.open {
        open_browser(&url);
    }
    std::thread::scope(|scope| {
        for _ in 0..settings.threads.max(1) {
            scope.spawn(|| {
                while let Ok(request) = server.recv() {
                    answer(&library, request, settings.verbose);
                }
            });
        }
    });
    Ok(())
}

/// Answers one request; a panic while answering it is a 500 for it alone.
fn answer(library: &Library, request: Request, verbose: bool) {
    let started = Instant::now();
    let method = request.method().to_string();
    let target = request.url().to_string();
    let reply = catch_unwind(AssertUnwindSafe(|| {
        routes::respond(library, request.method(), &target)
    }))
    .unwrap_or_else(|_| Reply::error(500, "an internal error stopped this request"));
    let elapsed = started.elapsed();
    let status = reply.status;
    if let Err(err) = request.respond(reply.into_response(elapsed)) {
        if verbose {
            messages::emit(format_args!("{method} {target}: cannot answer: {err}"));
        }
    }
    if verbose {
        messages::emit(format_args!(
            "{method} {target} {status} {:.1} ms",
            elapsed.as_secs_f64() * 1000.0
        ));
    }
}

/// Opens `url` in the desktop's browser; a machine without one gets a notice, not an error.
fn open_browser(url: &str) {
    let opened = std::process::Command::new("xdg-open")
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(err) = opened {
        messages::emit(format_args!(
            "cannot open a browser (xdg-open: {err}); visit {url}"
        ));
    }
}
