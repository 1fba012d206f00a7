//! `fahras serve` as a browser shows it: Debian's chromium, headless, dumps the DOM of a
//! results page. Ignored by `cargo test` (it needs chromium); `.ci/run` installs chromium and
//! runs it with `--ignored`.

use super::*;
use std::path::Path;

/// What chromium makes of a results page: the hostile titles are text, not elements.
#[test]
#[ignore = "needs Debian's chromium; .ci/run runs it"]
fn serve_in_headless_chromium() {
    let sandbox = corpus();
    let server = Server::start(&sandbox);
    let chromium = std::env::var("FAHRAS_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let profile = tempfile::tempdir().unwrap();
    let url = format!("{}/search?q={}", server.base, encoded(HOSTILE_QUERY));
    let dom = dump_dom(Path::new(&chromium), profile.path(), &url);
    // the page's own script is the only script element; the titles are text
    assert_eq!(dom.matches("<script").count(), 1, "{dom}");
    assert!(dom.contains("<script src=\"/assets/app.js\" defer=\"\"></script>"));
    assert!(!dom.contains("<img"), "{dom}");
    assert!(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(dom.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(dom.matches("<mark>التحالف</mark>").count() >= 10);
    assert!(dom.contains("<html lang=\"ar\" dir=\"rtl\">"));
}

fn dump_dom(chromium: &Path, profile: &Path, url: &str) -> String {
    let output = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(["--dump-dom", url])
        .stdin(Stdio::null())
        .output()
        .expect("chromium runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}
