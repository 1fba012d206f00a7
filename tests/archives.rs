//! Compressed inputs: `.gz` files and `.zip` members read as files, with ids under the archive,
//! bounded against zip bombs, incremental like files; and the default list of extensions.

mod bomb;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::common::{fixtures, Sandbox};

const SAUDI: &str = "saudinewsnet-sample.zip";
const AFP: &str = "afp_arb_200901.gz";

/// A copy of an archive fixture in the sandbox's `news/` folder, and the folder.
fn copy_fixture(sandbox: &Sandbox, name: &str) -> (PathBuf, PathBuf) {
    let bytes = std::fs::read(fixtures().join("archives").join(name)).unwrap();
    let path = sandbox.write(&format!("news/{name}"), bytes);
    let dir = std::fs::canonicalize(path.parent().unwrap()).unwrap();
    (dir.join(name), dir)
}

/// Runs `fahras ingest ARGS…`, returning (exit code, stderr).
fn ingest(sandbox: &Sandbox, args: &[&str], paths: &[&Path]) -> (i32, String) {
    let output = sandbox
        .fahras()
        .arg("ingest")
        .args(args)
        .args(paths)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    (output.status.code().unwrap(), stderr)
}

/// The (path, title) of each hit for `query`.
fn hits(sandbox: &Sandbox, query: &str) -> Vec<(String, String)> {
    let hits = sandbox.search_json(query, 50);
    let field = |hit: &serde_json::Value, name: &str| hit[name].as_str().unwrap_or("").to_string();
    hits.iter()
        .map(|hit| (field(hit, "path"), field(hit, "title")))
        .collect()
}

/// `fahras show TARGET` as text.
fn show(sandbox: &Sandbox, target: &str) -> String {
    let output = sandbox.fahras().args(["show", target]).output().unwrap();
    assert!(output.status.success(), "show {target}");
    String::from_utf8(output.stdout).unwrap()
}

/// A zip of `(name, content)` members.
fn zip_of(members: &[(&str, &str)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, content) in members {
        writer.start_file(*name, options).unwrap();
        writer.write_all(content.as_bytes()).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

fn json_record(title: &str, content: &str) -> String {
    serde_json::json!([{ "title": title, "content": content, "source": "sabq" }]).to_string()
}

#[test]
fn zip_members_are_articles_under_the_archive_and_show_prints_one() {
    let sandbox = Sandbox::new();
    let (zip, dir) = copy_fixture(&sandbox, SAUDI);
    let (code, stderr) = ingest(&sandbox, &[], &[&dir]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("5 articles indexed"), "{stderr}");
    let member = format!("{}!/2015-07-22.json", zip.display());
    let title = "موسم حصاد التمور يبدأ مبكرا في القصيم";
    let found = hits(&sandbox, "حصاد التمور");
    assert_eq!(found[0], (member.clone(), title.to_string()));
    let shown = show(&sandbox, &format!("{member}#2"));
    assert!(shown.contains(title), "{shown}");
    assert!(shown.contains(&format!("{member}#2\n")), "its id: {shown}");
    assert!(!shown.contains("مكتبة عامة"), "one article only: {shown}");
    // the second member is read too, the README passed over for its name
    assert_eq!(
        hits(&sandbox, "حافلات")[0].0,
        format!("{}!/2015-07-23.json", zip.display())
    );
    assert!(stderr.contains("1 passed over for their name"), "{stderr}");
}

#[test]
fn a_gz_of_trec_sgml_is_read_as_the_file_it_holds() {
    let sandbox = Sandbox::new();
    let (gz, dir) = copy_fixture(&sandbox, AFP);
    let (code, stderr) = ingest(&sandbox, &[], &[&dir]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("2 articles indexed"), "{stderr}");
    let found = hits(&sandbox, "معرض الكتاب");
    let title = "افتتاح معرض دولي للكتاب في العاصمة";
    assert_eq!(found[0], (gz.display().to_string(), title.to_string()));
    let shown = show(&sandbox, "AFP_ARB_20090101.0002");
    assert!(
        shown.contains("أمطار غزيرة تغلق طرقا جبلية في الشمال"),
        "{shown}"
    );
    // `x.json.gz` is read for its `json`, with its bytes' format, also named directly
    let mut packed = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let record = json_record("قطار سريع بين مدينتين", "افتتح خط قطار سريع بين مدينتين.");
    packed.write_all(record.as_bytes()).unwrap();
    let json_gz = sandbox.write("more/day.json.gz", packed.finish().unwrap());
    let (code, stderr) = ingest(&sandbox, &[], &[json_gz.parent().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(hits(&sandbox, "قطار").len(), 1, "{stderr}");
}

#[test]
fn a_zip_bomb_is_refused_with_one_line_and_the_run_goes_on() {
    let sandbox = Sandbox::new();
    let (deflated, size) = bomb::zeros_deflated(487_710);
    assert!(size > 120 << 20);
    let good = json_record("افتتاح جسر جديد", "افتتح جسر جديد فوق النهر.");
    let archive = bomb::zip_stored_deflate(
        "zeros.txt",
        &deflated,
        size,
        &[("good.json", good.as_bytes())],
    );
    let bomb = sandbox.write("news/bomb.zip", archive);
    sandbox.write(
        "news/other.txt",
        "مباراة ودية\nانتهت المباراة الودية بالتعادل بين الفريقين.\n",
    );
    // with no size limit too: the ratio check alone refuses it (an archive read with other
    // options is read again)
    for limit in ["20M", "0"] {
        let (code, stderr) = ingest(
            &sandbox,
            &["--max-file-size", limit],
            &[bomb.parent().unwrap()],
        );
        assert_eq!(code, 0, "{stderr}");
        let lines: Vec<&str> = stderr.lines().filter(|l| l.contains("zeros.txt")).collect();
        assert_eq!(lines.len(), 1, "{stderr}");
        assert!(
            lines[0].contains("bomb.zip!/zeros.txt: skipped: decompresses to over"),
            "{stderr}"
        );
        assert_eq!(hits(&sandbox, "جسر").len(), 1, "{stderr}");
        assert_eq!(hits(&sandbox, "المباراة").len(), 1, "{stderr}");
    }
}

#[test]
fn a_corrupt_zip_is_reported_on_one_line_and_keeps_what_was_indexed() {
    let sandbox = Sandbox::new();
    let (zip, dir) = copy_fixture(&sandbox, SAUDI);
    sandbox.write(
        "news/bad.zip",
        b"PK\x03\x04 this is not really a zip archive",
    );
    let (code, stderr) = ingest(&sandbox, &[], &[&dir]);
    assert_eq!(code, 2, "a file could not be read: {stderr}");
    let bad: Vec<&str> = stderr.lines().filter(|l| l.contains("bad.zip")).collect();
    assert_eq!(bad.len(), 1, "{stderr}");
    assert!(
        bad[0].contains("bad.zip: not a readable zip archive"),
        "{stderr}"
    );
    assert_eq!(hits(&sandbox, "حصاد التمور").len(), 1);
    // the indexed archive damaged in its turn: reported, and its articles stay
    let mut bytes = std::fs::read(&zip).unwrap();
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&zip, bytes).unwrap();
    let (code, stderr) = ingest(&sandbox, &[], &[&dir]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(&format!("{}: not a readable zip archive", zip.display())),
        "{stderr}"
    );
    assert_eq!(hits(&sandbox, "حصاد التمور").len(), 1, "{stderr}");
}

#[test]
fn an_unchanged_archive_is_not_read_again_and_a_changed_one_is_updated() {
    let sandbox = Sandbox::new();
    let (zip, dir) = copy_fixture(&sandbox, SAUDI);
    copy_fixture(&sandbox, AFP);
    ingest(&sandbox, &[], &[&dir]);
    let (code, stderr) = ingest(&sandbox, &[], &[&dir]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("2 files seen: 0 articles indexed"),
        "{stderr}"
    );
    assert!(stderr.contains("2 unchanged"), "{stderr}");
    // one member changed, one gone, one new
    let changed = zip_of(&[
        (
            "2015-07-22.json",
            &json_record(
                "مكتبة متنقلة تجوب القرى",
                "بدأت مكتبة متنقلة جولتها في القرى.",
            ),
        ),
        (
            "2015-07-24.json",
            &json_record(
                "سباق للدراجات على الكورنيش",
                "أقيم سباق للدراجات على الكورنيش.",
            ),
        ),
    ]);
    std::fs::write(&zip, changed).unwrap();
    let (code, stderr) = ingest(&sandbox, &[], &[&dir]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("2 articles indexed"), "{stderr}");
    assert!(stderr.contains("1 unchanged"), "{stderr}");
    assert_eq!(hits(&sandbox, "متنقلة").len(), 1);
    assert_eq!(hits(&sandbox, "الدراجات").len(), 1);
    assert!(
        hits(&sandbox, "حصاد التمور").is_empty(),
        "the old member's text is gone"
    );
    assert!(
        hits(&sandbox, "حافلات").is_empty(),
        "the removed member's articles are gone"
    );
    let check = sandbox.fahras().arg("check").output().unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let (_, again) = ingest(&sandbox, &[], &[&dir]);
    assert!(again.contains("0 articles indexed"), "{again}");
}

#[test]
fn rm_of_an_archive_or_its_going_removes_all_its_articles() {
    let sandbox = Sandbox::new();
    let (zip, dir) = copy_fixture(&sandbox, SAUDI);
    ingest(&sandbox, &[], &[&dir]);
    let rm = sandbox.fahras().arg("rm").arg(&zip).output().unwrap();
    assert!(rm.status.success());
    let said = String::from_utf8(rm.stderr).unwrap();
    assert!(said.contains("removed 5 articles"), "{said}");
    assert!(hits(&sandbox, "حصاد التمور").is_empty());
    assert!(hits(&sandbox, "حافلات").is_empty());
    // back, then gone from disk: --prune drops every member's articles
    ingest(&sandbox, &[], &[&dir]);
    assert_eq!(hits(&sandbox, "حافلات").len(), 1);
    std::fs::remove_file(&zip).unwrap();
    let (code, stderr) = ingest(&sandbox, &["--prune"], &[&dir]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("1 removed"), "{stderr}");
    assert!(hits(&sandbox, "حصاد التمور").is_empty());
    assert!(hits(&sandbox, "حافلات").is_empty());
}

#[test]
fn by_default_news_formats_are_read_and_the_rest_counted_with_a_hint() {
    let sandbox = Sandbox::new();
    let record = json_record("افتتاح حديقة عامة", "افتتحت حديقة عامة في وسط المدينة.");
    let json = sandbox.write("news/a.json", record);
    sandbox.write(
        "news/b.ndjson",
        "{\"title\": \"ملعب جديد\", \"text\": \"افتتح ملعب جديد للأطفال.\"}\n",
    );
    sandbox.write(
        "news/notes.md",
        "ملاحظات\nملاحظات عن الحديقة العامة الجديدة في المدينة.\n",
    );
    sandbox.write("news/photo.png", [0x89, b'P', b'N', b'G']);
    let dir = json.parent().unwrap();
    let (code, stderr) = ingest(&sandbox, &[], &[dir]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("2 files seen: 2 articles indexed"),
        "{stderr}"
    );
    assert!(stderr.contains("2 passed over for their name"), "{stderr}");
    let hint: Vec<&str> = stderr.lines().filter(|l| l.contains("--ext")).collect();
    assert_eq!(hint.len(), 1, "{stderr}");
    assert!(hint[0].contains("1 .md, 1 .png"), "{stderr}");
    // --ext replaces the list: the JSON files are passed over now, and the notes read
    let (code, stderr) = ingest(&sandbox, &["--ext", "md"], &[dir]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("3 passed over for their name"), "{stderr}");
    assert_eq!(hits(&sandbox, "ملاحظات").len(), 1, "{stderr}");
    // nothing passed over, no hint
    let (_, stderr) = ingest(&sandbox, &["--ext", "json,ndjson,md,png"], &[dir]);
    assert!(!stderr.contains("--ext"), "{stderr}");
    assert!(!stderr.contains("passed over"), "{stderr}");
}

#[test]
fn clean_shows_what_ingest_reads_of_an_archive() {
    let sandbox = Sandbox::new();
    let (zip, _) = copy_fixture(&sandbox, SAUDI);
    let output = sandbox
        .fahras()
        .args(["clean", "--json"])
        .arg(&zip)
        .output()
        .unwrap();
    assert!(output.status.success());
    let articles: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let paths: Vec<&str> = articles
        .iter()
        .map(|a| a["path"].as_str().unwrap())
        .collect();
    let day = |name: &str| format!("{}!/{name}", zip.display());
    let (first, second) = (day("2015-07-22.json"), day("2015-07-23.json"));
    assert_eq!(paths, [&first, &first, &first, &second, &second]);
    assert_eq!(
        articles[1]["title"],
        "موسم حصاد التمور يبدأ مبكرا في القصيم"
    );
    let (gz, _) = copy_fixture(&sandbox, AFP);
    let output = sandbox
        .fahras()
        .args(["clean", "--json"])
        .arg(&gz)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    assert!(stdout.contains("AFP_ARB_20090101.0002"), "{stdout}");
}
