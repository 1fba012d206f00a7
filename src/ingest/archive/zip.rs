//! The members of a zip archive: which to read (by the same extensions as files in a folder),
//! which to refuse before decompressing anything, and the bounded read of one member.
//!
//! The bounds are checked twice. From the central directory, before any member is read: a
//! member that declares more than its [`Bound`] allows, and the members past the point where
//! the archive's declared total exceeds [`MAX_RATIO`] times the archive's size, are refused;
//! members whose compressed data add up to more than the file (entries sharing their data,
//! the overlapping zip bomb) refuse the archive. Then while reading: a member is never read
//! past what it declared, so what the directory said is what is spent.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use zip::result::ZipError;
use zip::ZipArchive;

use super::{read_bounded, Bound, MAX_RATIO, RATIO_FLOOR};
use crate::index::files::member_path;
use crate::ingest::guard::human;
use crate::ingest::problem::Problem;
use crate::ingest::walk;

/// A zip archive opened for reading.
pub type Archive = ZipArchive<File>;

/// One member to read.
#[derive(Debug, Clone)]
pub struct Member {
    pub index: usize,
    /// Its name in the archive, without leading slashes.
    pub name: String,
    /// Its size, as the central directory declares it.
    pub size: u64,
    pub compressed: u64,
}

/// What an archive holds, sorted for reading.
#[derive(Debug, Default)]
pub struct Listing {
    /// The members to read, in the archive's order.
    pub members: Vec<Member>,
    /// Names of the members passed over for their extension.
    pub passed_over: Vec<String>,
    /// Members refused before reading (too large, encrypted, an archive inside the archive),
    /// each with its `ARCHIVE!/MEMBER` path.
    pub refused: Vec<Problem>,
}

/// Opens the zip archive at `path`; a file that is not one (or is damaged) fails.
pub fn open(path: &Path) -> Result<Archive, Problem> {
    let file = File::open(path).map_err(|err| Problem::failed(path, err.to_string()))?;
    ZipArchive::new(file).map_err(|err| Problem::failed(path, not_readable(&err)))
}

fn not_readable(err: &ZipError) -> String {
    format!("not a readable zip archive: {err}")
}

/// The members of `archive` (at `path`, known in the index as `identity`) to read with
/// `extensions`, and those refused or passed over; `Err` if the archive itself is refused.
pub fn list(
    archive: &Archive,
    path: &Path,
    identity: &str,
    extensions: &[String],
    limit: u64,
) -> Result<Listing, Problem> {
    let archive_len = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let mut listing = Listing::default();
    let (mut compressed_total, mut declared_total) = (0u64, 0u64);
    let total_bound = archive_len.saturating_mul(MAX_RATIO).max(RATIO_FLOOR);
    for index in 0..archive.len() {
        let entry = archive
            .by_index_data(index)
            .map_err(|err| Problem::failed(path, not_readable(&err)))?;
        compressed_total = compressed_total.saturating_add(entry.compressed_size());
        if entry.is_dir() || entry.is_symlink() {
            continue;
        }
        let raw = entry.name_raw();
        let name = String::from_utf8_lossy(raw)
            .trim_start_matches('/')
            .to_string();
        let member = Member {
            index,
            size: entry.size(),
            compressed: entry.compressed_size(),
            name,
        };
        let refuse = |reason: String| Problem::skipped(member_path(identity, &member.name), reason);
        if !walk::wanted(Path::new(&member.name), extensions) {
            listing.passed_over.push(member.name);
            continue;
        }
        let bound = Bound {
            limit,
            compressed: member.compressed,
        };
        let refused = if super::is_zip(Path::new(&member.name)) {
            Some("an archive inside an archive is not read".to_string())
        } else if entry.encrypted() {
            Some("encrypted".to_string())
        } else if let Some(reason) = bound.refuses(member.size) {
            Some(reason)
        } else if declared_total.saturating_add(member.size) > total_bound {
            Some(format!(
                "the archive decompresses to over {MAX_RATIO} times its {} (a zip bomb?)",
                human(archive_len)
            ))
        } else {
            declared_total += member.size;
            None
        };
        match refused {
            Some(reason) => listing.refused.push(refuse(reason)),
            None => listing.members.push(member),
        }
    }
    if compressed_total > archive_len {
        return Err(Problem::skipped(
            path,
            "its members share their compressed data (a zip bomb?)",
        ));
    }
    Ok(listing)
}

/// Reads one member whole, never past what it declared; `Err` with the member's problem (as
/// `ARCHIVE!/MEMBER`). `head` reads at most that many bytes (the sniff of the first pass).
pub fn read_member(
    archive: &mut Archive,
    identity: &str,
    member: &Member,
    limit: u64,
    head: Option<u64>,
) -> Result<Vec<u8>, Problem> {
    let path = member_path(identity, &member.name);
    let failed = |err: &dyn std::fmt::Display| Problem::failed(&path, format!("damaged: {err}"));
    let mut file = archive.by_index(member.index).map_err(|err| failed(&err))?;
    if String::from_utf8_lossy(file.name_raw()).trim_start_matches('/') != member.name {
        return Err(Problem::failed(
            &path,
            "the archive changed while being read",
        ));
    }
    let bound = Bound {
        limit,
        compressed: member.compressed,
    };
    let declared = member.size;
    let want = head.map_or(declared, |head| head.min(declared));
    // One byte past what it declared, to tell a member that holds more.
    let take = if head.is_some() {
        want
    } else {
        want.saturating_add(1)
    };
    let read = read_bounded((&mut file).take(take), bound, want);
    let bytes = match read {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(refused)) => return Err(Problem::skipped(&path, refused)),
        Err(err) => return Err(failed(&err)),
    };
    if bytes.len() as u64 > declared {
        return Err(failed(&"more data than the archive declares"));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    /// A zip of `(name, content)` members, deflated.
    pub fn zip_of(members: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in members {
            writer.start_file(*name, options).unwrap();
            writer.write_all(content).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    fn exts() -> Vec<String> {
        ["json", "txt"].map(String::from).to_vec()
    }

    #[test]
    fn members_are_sorted_into_read_passed_over_and_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.zip");
        let text = "نص الخبر\n".repeat(10);
        std::fs::write(
            &path,
            zip_of(&[
                ("2015/a.json", b"[]"),
                ("notes.md", b"x"),
                ("inner.zip", b"PK"),
                ("/b.txt", text.as_bytes()),
                ("zeros.txt", &vec![0u8; 3 << 20]),
            ]),
        )
        .unwrap();
        let archive = open(&path).unwrap();
        let listing = list(&archive, &path, "/c/a.zip", &exts(), 0).unwrap();
        let names: Vec<_> = listing.members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["2015/a.json", "b.txt"]);
        assert_eq!(listing.passed_over, ["notes.md"]);
        let refused: Vec<String> = listing.refused.iter().map(|p| p.to_string()).collect();
        assert_eq!(refused.len(), 2, "{refused:?}");
        assert_eq!(
            refused[0],
            "/c/a.zip!/inner.zip: skipped: an archive inside an archive is not read"
        );
        assert!(refused[1].starts_with("/c/a.zip!/zeros.txt: skipped: decompresses to over 100"));
        let mut archive = archive;
        let member = &listing.members[1];
        let bytes = read_member(&mut archive, "/c/a.zip", member, 0, None).unwrap();
        assert_eq!(bytes, text.as_bytes());
        let head = read_member(&mut archive, "/c/a.zip", member, 0, Some(4)).unwrap();
        assert_eq!(head, &text.as_bytes()[..4]);
    }

    #[test]
    fn a_damaged_archive_fails_without_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.zip");
        let mut bytes = zip_of(&[("a.txt", "نص الخبر".repeat(100).as_bytes())]);
        for at in 0..bytes.len() {
            let mut damaged = bytes.clone();
            damaged.truncate(at);
            std::fs::write(&path, &damaged).unwrap();
            if let Ok(mut archive) = open(&path) {
                if let Ok(listing) = list(&archive, &path, "/c/a.zip", &exts(), 0) {
                    for member in &listing.members {
                        let _ = read_member(&mut archive, "/c/a.zip", member, 0, None);
                    }
                }
            }
        }
        // flipped bytes in the deflate data: the member fails, with its path
        let middle = bytes.len() / 3;
        bytes[middle] ^= 0xff;
        bytes[middle + 1] ^= 0xff;
        std::fs::write(&path, &bytes).unwrap();
        let mut archive = open(&path).unwrap();
        let listing = list(&archive, &path, "/c/a.zip", &exts(), 0).unwrap();
        let problem = read_member(&mut archive, "/c/a.zip", &listing.members[0], 0, None);
        assert!(problem
            .unwrap_err()
            .to_string()
            .starts_with("/c/a.zip!/a.txt: damaged"));
        std::fs::write(&path, b"not a zip at all").unwrap();
        assert!(open(&path)
            .unwrap_err()
            .to_string()
            .contains("not a readable zip archive"));
    }
}
