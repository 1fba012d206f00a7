//! From one file to the articles it holds: read → decode → parse format → normalize → clean →
//! metadata. Shared by `fahras ingest` and `fahras clean`, so what `clean` shows is exactly what
//! `ingest` indexes.

use std::path::Path;

use encoding_rs::Encoding;
use hashbrown::HashTable;
use xxhash_rust::xxh3::xxh3_64;

use super::canonical::canonical;
use super::clean::{self, repetition, repetition::LineTable};
use super::formats::{self, Format, Record};
use super::packed::Articles;
use super::problem::Problem;
use super::{decode, metadata, normalize};
use crate::article::Article;

/// How to read files.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    pub format: Format,
    /// Decode every file with this encoding instead of detecting one.
    pub encoding: Option<&'static Encoding>,
    /// Files larger than this many bytes are skipped (0: no limit); see [`super::guard`].
    pub max_file_size: u64,
}

/// A file decoded and cut into records, not yet cleaned.
#[derive(Debug, Clone)]
pub struct FileRecords {
    /// Canonical path of the file.
    pub path: String,
    /// Canonical path of its folder, the unit of the repetition table.
    pub folder: String,
    pub format: Format,
    pub records: Vec<Record>,
    pub warnings: Vec<String>,
    /// The site folder the file was found in: the source of a plain-text article whose text
    /// names none.
    pub site: Option<String>,
}

/// The result of reading one file.
#[derive(Debug, Clone)]
pub enum FileRead {
    Records(FileRecords),
    /// Nothing to index in this file, or it could not be read.
    Problem(Problem),
}

/// Reads, decodes and parses one file.
pub fn read_file(path: &Path, options: &ReadOptions) -> FileRead {
    // Capped: a FIFO or device has no size to check after the walk (see `guard`).
    match super::guard::read_capped(path, options.max_file_size) {
        Ok(Ok(bytes)) => match super::archive::unpack(path, &bytes, options.max_file_size) {
            Ok(bytes) => read_bytes(path, &canonical(path), &bytes, options),
            Err(problem) => FileRead::Problem(problem),
        },
        Ok(Err(too_large)) => FileRead::Problem(Problem::skipped(path, too_large)),
        Err(err) => FileRead::Problem(Problem::failed(path, err.to_string())),
    }
}

/// A short description of the options that change what a file's bytes become, for the
/// manifest's content key.
pub fn options_tag(options: &ReadOptions) -> String {
    format!(
        "{}/{}",
        options.format.key_name(),
        options.encoding.map_or("auto", |e| e.name())
    )
}

/// Could these bytes be read as plain text, the only format whose lines the repetition table
/// counts? Decided from the head of the file, without decoding or parsing it: a file that
/// plainly opens as TREC or JSON (in UTF-8) needs no first-pass parse. Anything unsure
/// (another encoding, a JSON line longer than the head) answers yes, the safe side.
pub fn may_be_text(bytes: &[u8], options: &ReadOptions) -> bool {
    const HEAD: usize = 16 * 1024;
    match options.format {
        Format::Text => true,
        Format::Html => true,
        Format::Trec | Format::Jsonl => false,
        Format::Auto if options.encoding.is_some() => true,
        Format::Auto => {
            let head = &bytes[..bytes.len().min(HEAD)];
            // A TREC file says so in its first bytes: no need to check the head's UTF-8.
            let start = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
            if formats::opens_trec(start.trim_ascii_start()) {
                return false;
            }
            matches!(
                formats::sniff(&String::from_utf8_lossy(head)),
                Format::Text | Format::Html
            )
        }
    }
}

/// Decodes and parses the bytes of the file at `path`, whose canonical path (its identity, see
/// [`canonical`]) the caller has already worked out.
pub fn read_bytes(path: &Path, identity: &Path, bytes: &[u8], options: &ReadOptions) -> FileRead {
    let decoded = match super::decode::decode(bytes, options.encoding) {
        Ok(decoded) => decoded,
        Err(super::decode::NotText::Binary(offset)) => {
            return FileRead::Problem(Problem::skipped(
                path,
                format!("binary file (NUL byte at offset {offset})"),
            ))
        }
    };
    let mut warnings = Vec::new();
    if path.to_str().is_none() {
        warnings.push("file name is not valid UTF-8; stored with U+FFFD in its place".to_string());
    }
    if let Some(offset) = decoded.first_invalid_byte {
        warnings.push(format!(
            "invalid {} at byte {offset}, replaced with U+FFFD",
            decoded.encoding
        ));
    }
    if decoded.text.trim().is_empty() {
        return FileRead::Problem(Problem::skipped(path, "no text"));
    }
    let parsed = match formats::parse(&decoded.text, options.format) {
        Ok(parsed) => parsed,
        Err(reason) => return FileRead::Problem(Problem::failed(path, reason)),
    };
    warnings.extend(parsed.warnings);
    let folder = identity
        .parent()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    FileRead::Records(FileRecords {
        path: identity.to_string_lossy().into_owned(),
        folder,
        format: parsed.format,
        records: parsed.records,
        warnings,
        site: None,
    })
}

/// The id of the `n`-th (0-based) of `count` records of a file.
fn record_id(file: &FileRecords, record: &Record, n: usize, count: usize) -> String {
    match &record.docno {
        Some(docno) => docno.clone(),
        None if count > 1 => format!("{}#{}", file.path, n + 1),
        None => file.path.clone(),
    }
}

/// The short lines of a plain-text file's documents, keyed for the repetition table. Keying
/// (normalizing and folding every line) is most of the first pass's work, and is done on the
/// worker threads; only the counting, which must go in walk order, is left to one thread.
#[derive(Debug)]
pub struct LineKeys {
    folder: String,
    /// (document id, the keys of its short lines)
    documents: Vec<(String, Vec<u64>)>,
}

/// Keys the lines of the documents of `file`, if it is plain text or an HTML page: the only
/// formats whose lines the repetition table counts.
pub fn line_keys(file: &FileRecords) -> Option<LineKeys> {
    if !is_page(file.format) {
        return None;
    }
    let count = file.records.len();
    let documents = file
        .records
        .iter()
        .enumerate()
        .map(|(n, record)| {
            // Without the marks of NUL bytes, as the second pass sees the lines.
            let text = if record.body.contains(decode::NUL_MARK) {
                normalize::normalize(&record.body.replace(decode::NUL_MARK, ""))
            } else {
                normalize::normalize(&record.body)
            };
            let keys = repetition::document_keys(text.lines());
            (record_id(file, record, n, count), keys)
        })
        .collect();
    Some(LineKeys {
        folder: file.folder.clone(),
        documents,
    })
}

impl LineKeys {
    /// Adds the documents to the repetition table.
    pub fn count_into(&self, table: &mut LineTable) {
        for (id, keys) in &self.documents {
            table.add_document_keys(&self.folder, id, keys);
        }
    }
}

/// The label of a record in messages: the file, with its DOCNO or record number when it
/// holds several records.
fn record_label(file: &FileRecords, record: &Record, id: &str, count: usize) -> String {
    match &record.docno {
        Some(docno) => format!("{} [{docno}]", file.path),
        None if count > 1 => id.to_string(),
        None => file.path.clone(),
    }
}

/// Cleans every record of `file` into an article, packed (see [`Articles`]). A record that had
/// NUL bytes removed adds a (label, warning) pair to `warnings`; one left with no article text
/// adds one to `skipped`, which the summary counts.
pub fn articles(
    mut file: FileRecords,
    table: &LineTable,
    warnings: &mut Vec<(String, String)>,
    skipped: &mut Vec<(String, String)>,
) -> Articles {
    let count = file.records.len();
    let records = std::mem::take(&mut file.records);
    let mut packed = Articles::new(&file.path);
    // Cleaning keeps at most what the records hold (give or take a normalized letter).
    packed.reserve(records.iter().map(Record::text_bytes).sum());
    // Taken one by one: each record's text is freed once its article is packed.
    for (n, mut record) in records.into_iter().enumerate() {
        let id = record_id(&file, &record, n, count);
        let stray_nuls = strip_nul_marks(&mut record);
        if stray_nuls > 0 {
            let label = record_label(&file, &record, &id, count);
            let plural = if stray_nuls == 1 { "" } else { "s" };
            warnings.push((label, format!("{stray_nuls} NUL byte{plural} removed")));
        }
        let article = if is_page(file.format) {
            from_page(&file, &record, table)
        } else {
            from_record(&record)
        };
        match article {
            Some(mut article) => {
                super::guard::bound_title(&mut article);
                article.id = id;
                article.path = file.path.clone();
                article.docno = record.docno;
                packed.push(article);
            }
            None => skipped.push((
                record_label(&file, &record, &id, count),
                "skipped: no article text left after cleaning".to_string(),
            )),
        }
    }
    packed.shrink_to_fit();
    packed
}

/// Removes the marks the decoder left where the file had NUL bytes (see
/// [`decode::NUL_MARK`]) from every field of `record`; returns how many there were.
fn strip_nul_marks(record: &mut Record) -> usize {
    let mut removed = 0;
    let mut strip = |field: &mut String| {
        if field.contains(decode::NUL_MARK) {
            let before = field.chars().count();
            field.retain(|c| c != decode::NUL_MARK);
            removed += before - field.chars().count();
        }
    };
    strip(&mut record.body);
    let optional = [
        &mut record.docno,
        &mut record.url,
        &mut record.title,
        &mut record.date,
        &mut record.source,
        &mut record.author,
        &mut record.summary,
    ];
    for field in optional.into_iter().flatten() {
        strip(field);
    }
    removed
}

/// Formats that hold one web page or text per file, read by the line cleaner.
fn is_page(format: Format) -> bool {
    matches!(format, Format::Text | Format::Html)
}

/// The article of a plain-text file or an HTML page: the cleaner reads the lines; the fields
/// an HTML page's markup gives (a plain text has none) come first.
fn from_page(file: &FileRecords, record: &Record, table: &LineTable) -> Option<Article> {
    let text = normalize::normalize(&record.body);
    let repeated = |folded: &str, words, sentence| {
        table.is_repeated_folded(&file.folder, folded, words, sentence)
    };
    let title = record.title.as_deref().map(normalize::normalize);
    let cleaned = match title
        .as_deref()
        .filter(|t| !t.is_empty() && !t.contains('\n'))
    {
        Some(title) => clean::clean_titled(title, &text, &repeated),
        None => clean::clean_text(&text, &repeated),
    };
    let field = |value: &Option<String>| value.as_deref().map(normalize::normalize);
    Some(Article {
        title: title.filter(|t| !t.is_empty()).or(cleaned.title)?,
        body: cleaned.body.join("\n"),
        date: (record.date.as_deref().and_then(metadata::field_date)).or(cleaned.date),
        source: field(&record.source)
            .or(cleaned.source)
            .or_else(|| file.site.clone()),
        author: field(&record.author).or(cleaned.author),
        ..Article::default()
    })
}

fn from_record(record: &Record) -> Option<Article> {
    let one_line = |s: &Option<String>| {
        s.as_deref()
            .map(normalize::normalize)
            .map(|t| t.lines().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty())
    };
    let mut body = Vec::new();
    if let Some(summary) = &record.summary {
        body.extend(clean::clean_record_body(&normalize::normalize(summary)));
    }
    // A lead the corpus also repeats as the text's first paragraph is kept once. A set, not a
    // scan of `body`: a record of a million short lines must not take quadratic time.
    // It holds indexes into `body`, so no line is copied.
    let mut seen: HashTable<usize> = HashTable::new();
    let hash = |line: &str| xxh3_64(line.as_bytes());
    for at in 0..body.len() {
        seen.insert_unique(hash(&body[at]), at, |&i| hash(&body[i]));
    }
    for line in clean::clean_record_body(&normalize::normalize(&record.body)) {
        let key = hash(&line);
        if seen.find(key, |&i| body[i] == line).is_none() {
            seen.insert_unique(key, body.len(), |&i| hash(&body[i]));
            body.push(line);
        }
    }
    let title = match one_line(&record.title) {
        Some(title) => title,
        None if body.is_empty() => return None,
        None => body.remove(0),
    };
    Some(Article {
        title,
        body: body.join("\n"),
        date: record.date.as_deref().and_then(metadata::field_date),
        source: one_line(&record.source),
        author: one_line(&record.author).and_then(|a| metadata::field_author(&a)),
        ..Article::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_tags_are_what_saved_manifests_hold() {
        // Changing one of these strings makes every file of every index look changed.
        let tag = |format, encoding| {
            options_tag(&ReadOptions {
                format,
                encoding,
                max_file_size: 0,
            })
        };
        assert_eq!(tag(Format::Auto, None), "Auto/auto");
        assert_eq!(tag(Format::Text, None), "Text/auto");
        assert_eq!(tag(Format::Trec, None), "Trec/auto");
        assert_eq!(
            tag(Format::Jsonl, Some(encoding_rs::WINDOWS_1256)),
            "Jsonl/windows-1256"
        );
    }

    #[test]
    fn only_files_that_may_be_plain_text_are_parsed_in_the_first_pass() {
        let auto = ReadOptions::default();
        let trec = "<DOC>\n<DOCNO>AL-1</DOCNO>\n<TEXT>قال الوزير</TEXT>\n</DOC>\n";
        let jsonl = "{\"title\": \"عنوان\", \"text\": \"قال الوزير\"}\n";
        assert!(!may_be_text(trec.as_bytes(), &auto));
        assert!(!may_be_text(jsonl.as_bytes(), &auto));
        assert!(may_be_text("قال الوزير إن <DOC> وسم".as_bytes(), &auto));
        // Not UTF-8 (Windows-1256): unsure, so yes.
        let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode("<DOC>");
        assert!(may_be_text(&[&[0xC7, 0xE1][..], &cp1256].concat(), &auto));
        let forced = |format| ReadOptions {
            format,
            ..ReadOptions::default()
        };
        assert!(may_be_text(trec.as_bytes(), &forced(Format::Text)));
        assert!(!may_be_text("قال".as_bytes(), &forced(Format::Trec)));
    }

    #[test]
    fn a_record_of_many_repeated_lines_keeps_each_line_once() {
        let record = Record {
            title: Some("عنوان".into()),
            body: "سطر أول من النص\nسطر ثان من النص\n".repeat(50_000),
            ..Record::default()
        };
        let article = from_record(&record).unwrap();
        assert_eq!(article.body, "سطر أول من النص\nسطر ثان من النص");
    }
}
