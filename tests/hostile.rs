//! Hostile input, generated here: whatever bytes, names and shapes a folder can hold, and
//! whatever a user can type as a query. fahras must not panic, must report every bad file on
//! stderr with its reason (one `fahras: …` line each, counted in the summary), must index every
//! good file, must keep memory bounded, and must never let a document or a file name steer the
//! terminal.
//!
//! The 200 MB single-line file runs in `scripts/hostile-big.sh` on a release build, which also
//! measures peak memory; here the same paths are exercised with sizes that keep the suite fast.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::PathBuf;

use crate::common::{tty, Sandbox};

/// A good article: long enough to have a title, with a word (`marker`) found nowhere else.
fn article(marker: &str) -> String {
    format!(
        "تقرير عن {marker} في مدينة الرقة اليوم\n\
         قالت مصادر محلية إن {marker} وصل إلى المدينة صباح اليوم وسط إجراءات أمنية مشددة.\n\
         وأضافت المصادر أن الأهالي استقبلوا الخبر بارتياح كبير."
    )
}

/// Deterministic pseudo-random bytes (64-bit LCG), so a failure can be replayed.
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed;
    (0..len)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 56) as u8
        })
        .collect()
}

/// The counts of the summary line `N files seen: N [articles] indexed, N skipped, N failed …`,
/// read by position so the wording around the numbers may change.
#[derive(Debug, PartialEq, Eq)]
struct Summary {
    seen: usize,
    indexed: usize,
    skipped: usize,
    failed: usize,
}

fn summary(stderr: &str) -> Summary {
    let line = stderr
        .lines()
        .find(|l| l.contains(" seen: "))
        .unwrap_or_else(|| panic!("no summary line in {stderr:?}"));
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit() && c != '.')
        .filter_map(|w| w.parse().ok())
        .take(4)
        .collect();
    assert_eq!(numbers.len(), 4, "{line}");
    Summary {
        seen: numbers[0],
        indexed: numbers[1],
        skipped: numbers[2],
        failed: numbers[3],
    }
}

/// Every line fahras writes to stderr is one of its own `fahras: ` lines: a file name holding a
/// newline must not split a message, and nothing may reach the terminal raw.
fn assert_clean_stderr(stderr: &str) {
    for line in stderr.lines() {
        assert!(line.starts_with("fahras: "), "stray stderr line {line:?}");
    }
    assert_terminal_safe(stderr);
}

/// No escape sequence, other control character or bidi override (but line breaks and tabs).
fn assert_terminal_safe(text: &str) {
    let bad = text.chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    });
    assert_eq!(
        bad, None,
        "unsafe character reaches the terminal in {text:?}"
    );
}

/// The one stderr line that names `name`, asserting there is exactly one.
fn line_about<'a>(stderr: &'a str, name: &str) -> &'a str {
    let lines: Vec<&str> = stderr.lines().filter(|l| l.contains(name)).collect();
    assert_eq!(lines.len(), 1, "expected one line about {name} in {stderr}");
    lines[0]
}

fn ingest(sandbox: &Sandbox, args: &[&OsStr]) -> (Option<i32>, String) {
    let output = sandbox.fahras().arg("ingest").args(args).output().unwrap();
    assert!(output.stdout.is_empty(), "ingest wrote to stdout");
    let stderr = String::from_utf8(output.stderr).expect("stderr is UTF-8");
    assert!(!stderr.contains("panicked"), "{stderr}");
    (output.status.code(), stderr)
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    text.encode_utf16()
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

#[test]
fn bad_files_are_reported_and_counted_and_good_files_indexed() {
    let sandbox = Sandbox::new();
    let corpus = sandbox.dir.path().join("corpus");
    // good files, some in awkward encodings
    sandbox.write("corpus/good.txt", article("الأول"));
    let mut broken = article("الثاني").into_bytes();
    let middle = broken.len() / 2;
    let middle = (middle..).find(|&i| broken[i] == b' ').unwrap();
    broken.splice(middle..middle, [0xC3, 0x28, 0xFF, 0xFE]);
    sandbox.write("corpus/invalid-utf8.txt", broken);
    sandbox.write("corpus/utf16le.txt", utf16(&article("الثالث"), false));
    sandbox.write("corpus/utf16be.txt", utf16(&article("الرابع"), true));
    sandbox.write("corpus/crlf.txt", article("الخامس").replace('\n', "\r\n"));
    // bad files
    let mut zip = b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec();
    zip.extend(noise(64 * 1024, 7));
    sandbox.write("corpus/archive.txt", zip);
    sandbox.write("corpus/noise.txt", noise(4096, 11));
    sandbox.write("corpus/empty.txt", "");
    // stray NUL bytes in text are removed, not taken for a binary file
    let mut nul = article("السادس").into_bytes();
    nul.splice(40..40, [0, 0, 0]);
    sandbox.write("corpus/nul.txt", nul);
    symlink(corpus.join("nowhere.txt"), corpus.join("dangling.txt")).unwrap();
    std::fs::create_dir(corpus.join("sub")).unwrap();
    symlink(&corpus, corpus.join("sub/loop")).unwrap();

    let (code, stderr) = ingest(&sandbox, &[corpus.as_os_str()]);
    assert_clean_stderr(&stderr);
    assert_eq!(code, Some(2), "unreadable entries fail the run: {stderr}");
    assert!(line_about(&stderr, "archive.txt").contains("skipped: binary"));
    assert!(line_about(&stderr, "noise.txt").contains("skipped: binary"));
    assert!(line_about(&stderr, "empty.txt").contains("skipped: no text"));
    assert!(line_about(&stderr, "nul.txt").ends_with("nul.txt: 3 NUL bytes removed"));
    assert!(line_about(&stderr, "dangling.txt").contains("No such file or directory"));
    assert!(line_about(&stderr, "loop").contains("symlink loop"));
    assert!(line_about(&stderr, "invalid-utf8.txt").contains("invalid UTF-8 at byte"));
    // UTF-16 without a byte-order mark is text, not binary: nothing to report
    assert!(!stderr.contains("utf16"), "{stderr}");
    assert_eq!(
        summary(&stderr),
        Summary {
            seen: 11,
            indexed: 6,
            skipped: 3,
            failed: 2
        }
    );
    for (word, file) in [
        ("الأول", "good.txt"),
        ("الثاني", "invalid-utf8.txt"),
        ("الثالث", "utf16le.txt"),
        ("الرابع", "utf16be.txt"),
        ("الخامس", "crlf.txt"),
        ("السادس", "nul.txt"),
    ] {
        assert_eq!(sandbox.hit_names(word), [file], "{word}");
    }
    // The words on both sides of the broken bytes are still words.
    let shown = sandbox
        .fahras()
        .args(["show", "--json"])
        .arg(corpus.join("invalid-utf8.txt"))
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert!(doc["body"].as_str().unwrap().contains('\u{FFFD}'));
}

#[test]
fn utf16_detection_does_not_take_binary_for_text() {
    // Binary formats full of NUL bytes, at both alignments; none may be read as UTF-16.
    let sandbox = Sandbox::new();
    for (i, seed) in [1u64, 2, 3, 4, 5, 6].iter().enumerate() {
        let mut bytes = noise(2000 + i, *seed);
        for j in (i % 2..bytes.len()).step_by(7) {
            bytes[j] = 0;
        }
        sandbox.write(&format!("corpus/blob{i}.txt"), bytes);
    }
    // an ELF-like header then mostly zeros, as executables are
    let mut elf = b"\x7fELF\x02\x01\x01\x00".to_vec();
    elf.extend(std::iter::repeat_n(0u8, 512));
    sandbox.write("corpus/elf.txt", elf);
    let (code, stderr) = ingest(&sandbox, &[sandbox.dir.path().join("corpus").as_os_str()]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        summary(&stderr),
        Summary {
            seen: 7,
            indexed: 0,
            skipped: 7,
            failed: 0
        }
    );
    assert_eq!(stderr.matches("skipped: binary").count(), 7, "{stderr}");
}

#[test]
fn deep_nesting_is_walked_to_the_bottom() {
    let sandbox = Sandbox::new();
    let mut relative = String::from("corpus");
    for level in 0..400 {
        relative.push_str("/d");
        if level % 100 == 99 {
            sandbox.write(&format!("{relative}/level{level}.txt"), article("العميق"));
        }
    }
    sandbox.write(&format!("{relative}/bottom.txt"), article("القاع"));
    let (code, stderr) = ingest(&sandbox, &[sandbox.dir.path().join("corpus").as_os_str()]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(summary(&stderr).indexed, 5);
    assert_eq!(sandbox.hit_names("القاع"), ["bottom.txt"]);
    assert_eq!(sandbox.hit_names("العميق").len(), 4);
}

#[test]
fn unreadable_files_and_folders_are_reported() {
    let sandbox = Sandbox::new();
    let corpus = sandbox.dir.path().join("corpus");
    sandbox.write("corpus/good.txt", article("الأول"));
    let locked_file = sandbox.write("corpus/locked.txt", article("المقفل"));
    let locked_dir = corpus.join("closed");
    sandbox.write("corpus/closed/inner.txt", article("الداخلي"));
    std::fs::set_permissions(&locked_file, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(&locked_dir, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Permissions do not stop root, and CI runs as root: there the ingest runs as `nobody`
    // instead, in a sandbox it may enter and an index folder it owns.
    let root = std::fs::read(&locked_file).is_ok();
    let (code, stderr) = if root {
        ingest_as_nobody(&sandbox, &corpus)
    } else {
        ingest(&sandbox, &[corpus.as_os_str()])
    };
    // give the folder back so the sandbox can be removed
    std::fs::set_permissions(&locked_dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_clean_stderr(&stderr);
    assert_eq!(sandbox.hit_names("الأول"), ["good.txt"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(line_about(&stderr, "locked.txt").contains("Permission denied"));
    assert!(line_about(&stderr, "closed").contains("Permission denied"));
    assert_eq!(
        summary(&stderr),
        Summary {
            seen: 3,
            indexed: 1,
            skipped: 0,
            failed: 2
        }
    );
}

/// `fahras ingest CORPUS` run as the unprivileged user `nobody` (for a test running as root).
fn ingest_as_nobody(sandbox: &Sandbox, corpus: &std::path::Path) -> (Option<i32>, String) {
    use std::os::unix::process::CommandExt;
    const NOBODY: u32 = 65534;
    std::fs::set_permissions(sandbox.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::create_dir_all(sandbox.index()).unwrap();
    std::os::unix::fs::chown(sandbox.index(), Some(NOBODY), Some(NOBODY)).unwrap();
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("fahras"))
        .env_clear()
        .env("HOME", sandbox.dir.path())
        .arg("--index")
        .arg(sandbox.index())
        .arg("ingest")
        .arg(corpus)
        .uid(NOBODY)
        .gid(NOBODY)
        .output()
        .expect("root can run a command as nobody");
    assert!(output.stdout.is_empty(), "ingest wrote to stdout");
    let stderr = String::from_utf8(output.stderr).expect("stderr is UTF-8");
    assert!(!stderr.contains("panicked"), "{stderr}");
    (output.status.code(), stderr)
}

/// A folder with a file whose name is not UTF-8 and one whose name holds a newline and an
/// escape sequence; both are good articles.
fn awkward_names(sandbox: &Sandbox) -> (PathBuf, PathBuf, PathBuf) {
    let corpus = sandbox.dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let latin1 = corpus.join(OsStr::from_bytes(b"caf\xe9.txt"));
    std::fs::write(&latin1, article("المقهى")).unwrap();
    let newline = corpus.join("two\nlines\u{1b}[2J.txt");
    std::fs::write(&newline, article("السطرين")).unwrap();
    (corpus, latin1, newline)
}

#[test]
fn odd_file_names_are_indexed_and_shown_safely() {
    let sandbox = Sandbox::new();
    let (corpus, latin1, newline) = awkward_names(&sandbox);
    // an empty file with a hostile name, so that a message about it must be printed
    std::fs::write(corpus.join("evil\u{1b}]0;owned\u{7}\n.txt"), "").unwrap();

    let (code, stderr) = ingest(&sandbox, &[corpus.as_os_str()]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_clean_stderr(&stderr);
    assert!(
        line_about(&stderr, "evil").contains("skipped: no text"),
        "{stderr}"
    );
    assert_eq!(
        summary(&stderr),
        Summary {
            seen: 3,
            indexed: 2,
            skipped: 1,
            failed: 0
        }
    );
    assert_eq!(sandbox.hit_names("المقهى"), ["caf\u{FFFD}.txt"]);
    assert_eq!(sandbox.hit_names("السطرين"), ["two\nlines\u{1b}[2J.txt"]);

    // Text output shows the name on one line, escaped.
    let output = sandbox
        .fahras()
        .args(["search", "السطرين"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert_terminal_safe(&text);
    assert!(text.contains("two\\u{a}lines\\u{1b}[2J.txt"), "{text}");
    let screen = tty::run(&sandbox, &["search", "-l", "السطرين"], &[]).screen_text();
    assert_terminal_safe(&screen);
    // A pipe gets the path byte for byte, for xargs -0.
    let listed = sandbox
        .fahras()
        .args(["search", "-l0", "السطرين"])
        .output()
        .unwrap();
    let expected = newline.canonicalize().unwrap();
    assert_eq!(
        listed.stdout,
        [expected.as_os_str().as_bytes(), b"\0"].concat()
    );
    // show finds both by the names they have on disk
    for path in [&latin1, &newline] {
        let output = sandbox.fahras().arg("show").arg(path).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{path:?}");
        assert_terminal_safe(&String::from_utf8(output.stdout).unwrap());
    }
}

#[test]
fn escape_sequences_and_bidi_overrides_in_text_never_reach_the_terminal() {
    let sandbox = Sandbox::new();
    let hostile = "\u{1b}[2J\u{1b}]0;owned\u{7}\u{9b}31m\u{202E}\u{2066}\u{8}\u{1b}P+q\u{1b}\\";
    let file = sandbox.write(
        "evil.txt",
        format!(
            "عنوان{hostile} خبر الاختراق الكبير اليوم\n\
             قال مصدر{hostile} إن الاختراق{hostile} حدث في الرقة.\n\
             {hostile}\n"
        ),
    );
    sandbox.ingest(&[&file]);
    let path = file.to_str().unwrap();
    for args in [
        &["search", "الاختراق"][..],
        &["search", "--color", "always", "الاختراق"],
        &["search", "title:الاختراق"],
        &["show", path],
        &["stats"],
    ] {
        let output = sandbox.fahras().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(
            text.contains("الاختراق") || args == ["stats"],
            "{args:?}: {text}"
        );
        // fahras's own colours are the only escape sequences allowed
        let without_own_colours = ["\u{1b}[0m", "\u{1b}[1m", "\u{1b}[2m", "\u{1b}[1;31m"]
            .iter()
            .fold(text.clone(), |t, code| t.replace(code, ""));
        assert_terminal_safe(&without_own_colours);
    }
    let screen = tty::run(&sandbox, &["search", "الاختراق"], &[]).screen_text();
    assert!(!screen.contains("\u{1b}]") && !screen.contains('\u{7}'));
    assert!(!screen.contains("\u{1b}[2J") && !screen.contains('\u{202E}'));
    // JSON keeps what was stored, escaped by JSON's rules: control characters never raw.
    let json = sandbox
        .fahras()
        .args(["search", "--json", "الاختراق"])
        .output()
        .unwrap();
    assert!(!json.stdout.iter().any(|&b| b < 0x20 && b != b'\n'));
}

/// MiB of the single-line file: 2 by default, FAHRAS_HOSTILE_MIB for more. Cleaning costs about
/// 1.4 s a MiB on a release build and over ten times that on a debug one, so the suite stays small;
/// `scripts/hostile-big.sh` runs 19 and 200 MiB on a release build and measures memory.
fn single_line_mib() -> usize {
    std::env::var("FAHRAS_HOSTILE_MIB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2)
}

#[test]
fn a_large_file_with_no_newline_is_indexed_with_a_short_title() {
    let sandbox = Sandbox::new();
    // One line, ending in a word found nowhere else.
    let sentence = "قالت مصادر محلية إن الاجتماع بحث الأوضاع الأمنية والخدمية في المنطقة ";
    let mut text = sentence.repeat(single_line_mib() * 1024 * 1024 / sentence.len());
    text.push_str("الخاتمة");
    let big = sandbox.write("corpus/big.txt", &text);
    sandbox.write("corpus/good.txt", article("الأول"));
    let (code, stderr) = ingest(&sandbox, &[sandbox.dir.path().join("corpus").as_os_str()]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(summary(&stderr).indexed, 2, "{stderr}");
    assert_eq!(sandbox.hit_names("الأول"), ["good.txt"]);

    let shown = sandbox
        .fahras()
        .args(["show", "--json"])
        .arg(&big)
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
    let title = doc["title"].as_str().unwrap();
    assert!(
        (20..=300).contains(&title.chars().count()),
        "title of {} chars",
        title.chars().count()
    );
    assert!(title.starts_with("قالت مصادر محلية"), "{title}");
    // Nothing is lost to the short title: the last word of the file is searchable.
    assert_eq!(sandbox.hit_names("الخاتمة"), ["big.txt"]);
    assert!(doc["body"].as_str().unwrap().ends_with("الخاتمة"));
}

#[test]
fn files_over_the_size_limit_are_skipped_before_reading() {
    let sandbox = Sandbox::new();
    let line = "كلمة ".repeat(300 * 1024 / 9); // 300 KiB (9 bytes a word), no newline
    sandbox.write("corpus/huge.txt", &line);
    sandbox.write("corpus/good.txt", article("الأول"));
    let corpus = sandbox.dir.path().join("corpus");
    let (code, stderr) = ingest(
        &sandbox,
        &[
            OsStr::new("--max-file-size"),
            OsStr::new("200K"),
            corpus.as_os_str(),
        ],
    );
    assert_eq!(code, Some(0), "a skipped file is not a failure: {stderr}");
    assert_clean_stderr(&stderr);
    let reason = line_about(&stderr, "huge.txt");
    assert!(reason.contains("skipped: "), "{reason}");
    assert!(
        reason.contains("300.0 KiB, over the 200.0 KiB limit"),
        "{reason}"
    );
    assert!(reason.contains("--max-file-size"), "{reason}");
    assert_eq!(
        summary(&stderr),
        Summary {
            seen: 2,
            indexed: 1,
            skipped: 1,
            failed: 0
        }
    );
    assert_eq!(sandbox.hit_names("الأول"), ["good.txt"]);

    // Raising the limit (or 0, no limit) takes the file in.
    let (code, stderr) = ingest(
        &sandbox,
        &[
            OsStr::new("--max-file-size"),
            OsStr::new("0"),
            corpus.as_os_str(),
        ],
    );
    assert_eq!(code, Some(0), "{stderr}");
    // the file now taken in; the other is unchanged since the first run, so not counted again
    assert_eq!(summary(&stderr).indexed, 1, "{stderr}");
    assert_eq!(sandbox.hit_names("كلمة"), ["huge.txt"]);
    assert_eq!(sandbox.hit_names("الأول"), ["good.txt"]);

    // A bad size is one clear line.
    sandbox
        .fahras()
        .args(["ingest", "--max-file-size", "lots"])
        .arg(&corpus)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--max-file-size"));
}

#[test]
fn an_endless_stream_named_directly_is_cut_off_at_the_limit() {
    // /dev/zero has no size to check before reading; the read itself must stop at the limit.
    let sandbox = Sandbox::new();
    let good = sandbox.write("good.txt", article("الأول"));
    let (code, stderr) = ingest(
        &sandbox,
        &[
            OsStr::new("--max-file-size"),
            OsStr::new("1M"),
            OsStr::new("/dev/zero"),
            good.as_os_str(),
        ],
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        line_about(&stderr, "/dev/zero").contains("skipped: over the 1.0 MiB limit"),
        "{stderr}"
    );
    assert_eq!(sandbox.hit_names("الأول"), ["good.txt"]);
}

/// Runs a search and checks it ends cleanly: found (0), nothing (1), or one error line (2).
fn search_survives(sandbox: &Sandbox, args: &[&str]) -> (Option<i32>, String, String) {
    // the arguments as shown in failure messages: a 10,000-character query would drown them
    let args_shown: Vec<String> = args.iter().map(|a| a.chars().take(40).collect()).collect();
    let output = sandbox.fahras().arg("search").args(args).output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let code = output.status.code();
    assert!(!stderr.contains("panicked"), "{args_shown:?}: {stderr}");
    // An error (2) is one line; a miss (1) may add one "did you mean" line. Either is short:
    // the query is quoted only in part.
    let most_lines = match code {
        Some(0) => 0,
        Some(1) | Some(2) => 1,
        other => panic!("{args_shown:?}: exit {other:?}: {stderr}"),
    };
    assert!(
        stderr.lines().count() <= most_lines,
        "{args_shown:?}: {stderr}"
    );
    assert_eq!(
        code == Some(2),
        !stderr.is_empty() && !stderr.contains("did you mean")
    );
    if !stderr.is_empty() {
        assert!(stderr.starts_with("fahras: "), "{args_shown:?}: {stderr}");
        assert!(
            stderr.chars().count() < 400,
            "{args_shown:?}: a message of {} chars",
            stderr.chars().count()
        );
        assert_terminal_safe(&stderr);
    }
    (code, stdout, stderr)
}

#[test]
fn hostile_queries_end_cleanly() {
    let sandbox = Sandbox::new();
    sandbox.ingest(&[&sandbox.write("a.txt", article("الأول"))]);

    // 10,000 characters: many words, one word, and many words with the one that matches last
    let many = "كلمة ".repeat(2000);
    let one = "ب".repeat(10_000);
    let mut last = "غائبة ".repeat(1998);
    last.push_str("الأول");
    let (code, stdout, _) = search_survives(&sandbox, &[&last]);
    assert_eq!(code, Some(0));
    assert!(stdout.contains("a.txt"));
    for query in [&many, &one] {
        assert_eq!(query.chars().count(), 10_000);
        for mode in [&[][..], &["--json"], &["-c"], &["-l"]] {
            let mut args = mode.to_vec();
            args.push(query);
            let (code, _, _) = search_survives(&sandbox, &args);
            assert_eq!(code, Some(1), "{mode:?}");
        }
    }
    // 10,000 characters of a near miss: the suggestion line quotes the query short
    let near = "المدينز ".repeat(1250);
    let (code, _, stderr) = search_survives(&sandbox, &[&near]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("did you mean"), "{stderr}");
    assert!(stderr.contains("(10000 characters)"), "{stderr}");
    // a phrase of 10,000 characters, and an unbalanced one
    search_survives(&sandbox, &[&format!("\"{many}\"")]);
    search_survives(&sandbox, &[&format!("\"{many}")]);
    // only punctuation: nothing to search for is not an error
    for query in ["!!! ؟؟؟ ... ،،، ؛ «» —", "؟", "\u{640}\u{64B}"] {
        let (code, stdout, _) = search_survives(&sandbox, &["--", query]);
        assert_eq!(code, Some(1), "{query:?}");
        assert_eq!(stdout, "", "{query:?}");
    }
    // only stopwords: searched as words in the stored text (issue 27), never an error
    for query in ["في من على إلى عن", "+في title:من", "و ال"] {
        let (code, _, _) = search_survives(&sandbox, &["--", query]);
        assert!(matches!(code, Some(0 | 1)), "{query:?}");
    }
    // an exclusion alone is refused, and says so (not mistaken for stopwords)
    let (code, _, stderr) = search_survives(&sandbox, &["--", "-الأول"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("only excludes words"), "{stderr}");
    // syntax that tantivy rejects, and escape sequences in a query, give one safe line
    for query in [
        "(((((",
        "title:",
        "+",
        "- —",
        "-",
        "\u{1b}]0;owned\u{7}(",
        &format!("{}(", "ب".repeat(10_000)),
    ] {
        search_survives(&sandbox, &["--", query]);
    }
}
