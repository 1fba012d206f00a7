//! Compressed inputs read as the files they hold: a `.gz` file is its decompressed content,
//! and each member of a `.zip` is read as a file of its own (decode, format sniffing,
//! cleaning), its articles stored under `ARCHIVE!/MEMBER` (see [`crate::index::files`] for why
//! that path, and `zip` for how members are listed and read).
//!
//! Nothing is ever decompressed whole: a zip is read member by member from the file, and each
//! member (or `.gz` file) only up to a bound, so a zip bomb costs at most that bound:
//! * `--max-file-size`, applied to what a member or `.gz` file decompresses to, as to a file;
//! * at most [`MAX_RATIO`] times its compressed size (above [`RATIO_FLOOR`]): news text
//!   deflates 3 to 5 times (SaudiNewsNet: 103 MB in 29 MB), a bomb of zeros a thousand times;
//! * members whose compressed data overlap (one deflate stream shared by many entries, the
//!   "better zip bomb") are refused with the archive, so the ratio bound of each member also
//!   bounds the archive: it never decompresses to more than [`MAX_RATIO`] times its size.

pub mod zip;

use std::borrow::Cow;
use std::io::{self, Read};
use std::path::Path;

use flate2::read::MultiGzDecoder;

use super::clean::repetition::LineTable;
use super::guard::human;
use super::problem::Problem;
use super::read::{self, FileRead, ReadOptions};
use super::{articles_of, canonical, Outcome, WalkedFile};
use crate::index::files::member_path;

/// The most a member may decompress to, as a multiple of its compressed size.
pub const MAX_RATIO: u64 = 100;
/// Below this many decompressed bytes the ratio is not checked: a small member of blank lines
/// may well deflate a hundred times, and costs nothing.
pub const RATIO_FLOOR: u64 = 1 << 20;

/// The first bytes of every gzip stream.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Is `path` named as a zip archive (`.zip`, any case)?
pub fn is_zip(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
}

/// Is `path` named as a gzip file (`.gz`, any case)?
pub fn is_gz(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// How much one member (or `.gz` file) may decompress to.
#[derive(Debug, Clone, Copy)]
pub struct Bound {
    /// `--max-file-size` (0: no limit).
    pub limit: u64,
    /// Its compressed size.
    pub compressed: u64,
}

impl Bound {
    /// The bytes allowed by the ratio check.
    fn by_ratio(self) -> u64 {
        self.compressed.saturating_mul(MAX_RATIO).max(RATIO_FLOOR)
    }

    /// The most bytes that may be read.
    fn cap(self) -> u64 {
        match self.limit {
            0 => self.by_ratio(),
            limit => limit.min(self.by_ratio()),
        }
    }

    /// Why `len` decompressed bytes (or more) are refused, if they are.
    pub fn refuses(self, len: u64) -> Option<String> {
        if len <= self.cap() {
            return None;
        }
        Some(if self.limit > 0 && self.limit <= self.by_ratio() {
            format!(
                "decompresses to over the {} limit (--max-file-size)",
                human(self.limit)
            )
        } else {
            format!(
                "decompresses to over {MAX_RATIO} times its {} (a zip bomb?)",
                human(self.compressed)
            )
        })
    }
}

/// Reads all of `reader`, a decompressor, but never more than `bound` allows:
/// `Ok(Err(reason))` if there was more. `hint` sizes the buffer (a declared size, not trusted).
pub fn read_bounded(
    reader: impl Read,
    bound: Bound,
    hint: u64,
) -> io::Result<Result<Vec<u8>, String>> {
    let cap = bound.cap();
    let mut bytes = Vec::with_capacity(usize::try_from(hint.min(cap)).unwrap_or(0));
    reader.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok(match bound.refuses(bytes.len() as u64) {
        Some(reason) => Err(reason),
        None => Ok(bytes),
    })
}

/// The content of a file as read: gzip data (known by its first bytes, whatever the name) is
/// decompressed within the bounds; anything else is left as it is. A `.gz` over the bounds is
/// skipped, a damaged one failed, as a file would be.
pub fn unpack<'a>(path: &Path, bytes: &'a [u8], limit: u64) -> Result<Cow<'a, [u8]>, Problem> {
    if !bytes.starts_with(&GZIP_MAGIC) {
        return Ok(Cow::Borrowed(bytes));
    }
    let bound = Bound {
        limit,
        compressed: bytes.len() as u64,
    };
    match read_bounded(MultiGzDecoder::new(bytes), bound, bytes.len() as u64 * 4) {
        Ok(Ok(bytes)) => Ok(Cow::Owned(bytes)),
        Ok(Err(refused)) => Err(Problem::skipped(path, refused)),
        Err(err) => Err(Problem::failed(path, format!("damaged gzip data: {err}"))),
    }
}

/// Reads one member of a zip archive (known in the index as `identity`) as a file would be
/// read: its bytes within the bounds, gzip data decompressed, then decoded and parsed.
pub fn read_member_file(
    archive: &mut zip::Archive,
    identity: &str,
    member: &zip::Member,
    options: &ReadOptions,
) -> FileRead {
    let path = member_path(identity, &member.name);
    let path = Path::new(&path);
    let limit = options.max_file_size;
    let bytes = zip::read_member(archive, identity, member, limit, None);
    match bytes.and_then(|bytes| unpack(path, &bytes, limit).map(Cow::into_owned)) {
        Ok(bytes) => read::read_bytes(path, path, &bytes, options),
        Err(problem) => FileRead::Problem(problem),
    }
}

/// A member as the reader sees a file: at `path` (`ARCHIVE!/MEMBER`), of the site of the
/// first folder of its name, else of the archive's.
pub fn member_walked(path: &str, name: &str, archive_site: Option<&str>) -> WalkedFile {
    let site = match name.split_once('/') {
        Some((folder, _)) if !folder.is_empty() => Some(folder),
        _ => archive_site,
    };
    WalkedFile {
        path: path.into(),
        site: site.map(str::to_string),
        len: None,
        link: None,
    }
}

/// Reads and cleans the members of the zip archive `file` one after another, for `fahras
/// clean`: each member's outcome (or each refusal, or why the archive cannot be read) goes to
/// `visit`, in the archive's order.
pub fn for_each_member(
    file: &WalkedFile,
    options: &ReadOptions,
    extensions: &[String],
    table: &LineTable,
    mut visit: impl FnMut(Outcome),
) {
    let identity = canonical::canonical(&file.path)
        .to_string_lossy()
        .into_owned();
    let listed = zip::open(&file.path).and_then(|opened| {
        let listing = zip::list(
            &opened,
            &file.path,
            &identity,
            extensions,
            options.max_file_size,
        )?;
        Ok((opened, listing))
    });
    let (mut opened, listing) = match listed {
        Ok(listed) => listed,
        Err(problem) => return visit(Outcome::Problem(problem)),
    };
    for problem in listing.refused {
        visit(Outcome::Problem(problem));
    }
    for member in &listing.members {
        let read = read_member_file(&mut opened, &identity, member, options);
        let path = member_path(&identity, &member.name);
        let walked = member_walked(&path, &member.name, file.site.as_deref());
        visit(articles_of(&walked, read, table));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn gzip_is_known_by_its_bytes_and_plain_text_passes_through() {
        let text = "قال الوزير إن الحل سياسي\n".repeat(20);
        let packed = gzip(text.as_bytes());
        let path = Path::new("/c/a.sgml");
        assert_eq!(unpack(path, &packed, 0).unwrap(), text.as_bytes());
        assert!(matches!(
            unpack(path, text.as_bytes(), 0),
            Ok(Cow::Borrowed(_))
        ));
    }

    #[test]
    fn a_gzip_bomb_is_refused_by_its_ratio_and_by_the_size_limit() {
        let zeros = gzip(&vec![0u8; 8 << 20]);
        let path = Path::new("/c/a.gz");
        let by_ratio = unpack(path, &zeros, 0).unwrap_err();
        assert!(
            by_ratio.reason.contains("a zip bomb?"),
            "{}",
            by_ratio.reason
        );
        let by_limit = unpack(path, &gzip(&[b'a'; 3000]), 2000).unwrap_err();
        assert_eq!(
            by_limit.reason,
            "decompresses to over the 2.0 KiB limit (--max-file-size)"
        );
        assert_eq!(by_limit.kind, crate::ingest::ProblemKind::Skipped);
    }

    #[test]
    fn damaged_gzip_fails_without_a_panic() {
        let mut packed = gzip("نص الخبر ".repeat(500).as_bytes());
        packed.truncate(packed.len() / 2);
        let problem = unpack(Path::new("/c/a.gz"), &packed, 0).unwrap_err();
        assert_eq!(problem.kind, crate::ingest::ProblemKind::Failed);
        assert!(
            problem.reason.starts_with("damaged gzip data"),
            "{}",
            problem.reason
        );
    }
}
