//! `fahras serve`: the binary started on a free port over a corpus written here (hostile
//! titles, a story printed twice, more hits than a page), and every route asked over HTTP as a
//! browser would: status, type, the security policy, escaping, facets, paging, refusals, and a
//! commit made while it runs ([`routes`]); one test drives Debian's chromium ([`browser`]).
//! This module holds the corpus and a minimal HTTP client.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use serde_json::Value;

use crate::common::Sandbox;

mod browser;
mod routes;

const SCRIPT_TITLE: &str = "<script>alert(1)</script>";
const IMG_TITLE: &str = "<img src=x onerror=alert(1)>";

/// A query that matches what التحالف matches, the hostile titles first.
const HOSTILE_QUERY: &str = "التحالف الهجوم الخبر";

const STORY: &str = "أعلن التحالف الدولي اليوم عن غارات جديدة في مدينة الرقة وقالت القيادة في \
    بيان إن الطائرات أصابت مواقع عدة وإن العمليات مستمرة حتى تحرير المدينة كلها ودعت السكان \
    إلى الابتعاد عن المقرات العسكرية والتجمعات في الأماكن العامة";

/// Distinct words, so that the short articles share no run of five words.
const WORDS: &[&str] = &[
    "غارات",
    "مواقع",
    "طائرات",
    "بيان",
    "قوات",
    "مدينة",
    "حدود",
    "اجتماع",
    "وزير",
    "سفير",
    "قرار",
    "مجلس",
    "هدنة",
    "معبر",
    "قصف",
    "نازحون",
];

fn record(id: &str, source: &str, date: &str, title: &str, text: &str) -> String {
    serde_json::json!({"id": id, "source": source, "date": date, "title": title, "text": text})
        .to_string()
}

/// Two hostile titles, a story and its copy, twelve short articles on the coalition over two
/// years and two sources, and one on something else: 16 match التحالف, 10 from BBC and 6 from
/// CNN, 6 of 2019.
fn corpus() -> Sandbox {
    let sandbox = Sandbox::new();
    let mut lines = vec![
        record(
            "H-1",
            "BBC",
            "2018-03-02",
            SCRIPT_TITLE,
            "قال التحالف إن الهجوم بدأ",
        ),
        record("H-2", "CNN", "2018-03-05", IMG_TITLE, "نفى التحالف الخبر"),
        record("S-1", "BBC", "2018-04-01", "غارات على الرقة", STORY),
        record(
            "S-2",
            "CNN",
            "2018-04-02",
            "غارات جديدة",
            &format!("الرقة - وكالات: {STORY}"),
        ),
        record("O-1", "CNN", "2019-01-01", "الطقس", "مطر غزير في المدينة"),
    ];
    for i in 0..12 {
        let source = if i % 3 == 0 { "CNN" } else { "BBC" };
        let year = if i % 2 == 0 { 2018 } else { 2019 };
        let text = format!("التحالف {} {}", WORDS[i], WORDS[(i * 7 + 3) % WORDS.len()]);
        let date = format!("{year}-{:02}-10", i % 12 + 1);
        lines.push(record(
            &format!("N-{i}"),
            source,
            &date,
            &format!("خبر {}", WORDS[i]),
            &text,
        ));
    }
    let file = sandbox.write("news.jsonl", lines.join("\n") + "\n");
    sandbox.ingest(&[&file]);
    sandbox
}

/// A running `fahras serve` and its stderr, line by line.
struct Server {
    child: Child,
    base: String,
    stderr: Receiver<String>,
}

impl Server {
    fn start(sandbox: &Sandbox) -> Server {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("fahras"))
            .env_clear()
            .env("HOME", sandbox.dir.path())
            .arg("--index")
            .arg(sandbox.index())
            .args(["serve", "--bind", "127.0.0.1:0", "-v"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("fahras serve starts");
        let (send, stderr) = mpsc::channel();
        let pipe = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let first = stderr
            .recv_timeout(Duration::from_secs(30))
            .expect("a line saying where the server listens");
        let start = first.find("http://").expect("an address");
        let base = first[start..]
            .split_whitespace()
            .next()
            .unwrap()
            .trim_end_matches('/');
        Server {
            child,
            base: base.to_string(),
            stderr,
        }
    }

    /// The lines written to stderr so far.
    fn logged(&self) -> Vec<String> {
        self.stderr.try_iter().collect()
    }

    fn get(&self, target: &str) -> Reply {
        self.request("GET", target)
    }

    fn request(&self, method: &str, target: &str) -> Reply {
        let address = self.base.trim_start_matches("http://");
        let mut stream = TcpStream::connect(address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        write!(
            stream,
            "{method} {target} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let text = String::from_utf8(raw).expect("a UTF-8 answer");
        let (head, body) = text.split_once("\r\n\r\n").expect("headers, then a body");
        let mut lines = head.lines();
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers = lines
            .filter_map(|line| line.split_once(": "))
            .map(|(name, value)| (name.to_ascii_lowercase(), value.to_string()))
            .collect();
        Reply {
            status,
            headers,
            body: body.to_string(),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body).expect("a JSON body")
    }
}

/// `text` percent-encoded for a URL.
fn encoded(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn search_page(server: &Server, query: &str, rest: &str) -> Reply {
    server.get(&format!("/search?q={}{rest}", encoded(query)))
}

fn assert_page(reply: &Reply, status: u16) {
    assert_eq!(reply.status, status, "{}", reply.body);
    assert_eq!(reply.header("content-type"), "text/html; charset=utf-8");
    let policy = reply.header("content-security-policy");
    assert!(
        policy.contains("default-src 'none'") && policy.contains("script-src 'self'"),
        "{policy}"
    );
    assert!(reply
        .body
        .starts_with("<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\">"));
}
