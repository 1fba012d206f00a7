//! An answer before it is sent: status, type and body, and the headers every answer carries.

use std::time::Duration;

use tiny_http::{Header, Response};

/// Only the style sheet and the script the server sends itself may load; no frame may hold a
/// page, no form post elsewhere. Inline SVG needs no source of its own.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; \
    script-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; \
    frame-ancestors 'none'";

pub const HTML: &str = "text/html; charset=utf-8";
pub const JSON: &str = "application/json";
pub const TEXT: &str = "text/plain; charset=utf-8";

pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// `Allow`, for a method the server refuses.
    pub allow: Option<&'static str>,
    /// Files of the binary may be cached; pages follow the index.
    pub cacheable: bool,
}

impl Reply {
    pub fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            content_type,
            body: body.into(),
            allow: None,
            cacheable: false,
        }
    }

    /// A plain-text error: one line that says what was wrong.
    pub fn error(status: u16, message: &str) -> Reply {
        Reply::new(status, TEXT, format!("{message}\n"))
    }

    pub fn into_response(self, elapsed: Duration) -> Response<std::io::Cursor<Vec<u8>>> {
        let header = |name: &str, value: &str| {
            Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("an ASCII header")
        };
        let mut response = Response::from_data(self.body)
            .with_status_code(self.status)
            .with_header(header("Content-Type", self.content_type))
            .with_header(header("Content-Security-Policy", CONTENT_SECURITY_POLICY))
            .with_header(header("X-Content-Type-Options", "nosniff"))
            .with_header(header("Referrer-Policy", "no-referrer"))
            .with_header(header(
                "Server-Timing",
                &format!("app;dur={:.2}", elapsed.as_secs_f64() * 1000.0),
            ))
            .with_header(header(
                "Cache-Control",
                if self.cacheable {
                    "max-age=3600"
                } else {
                    "no-store"
                },
            ));
        if let Some(allow) = self.allow {
            response = response.with_header(header("Allow", allow));
        }
        response
    }
}
