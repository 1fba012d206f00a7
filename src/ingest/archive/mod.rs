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

use super::guard::human;
use super::problem::Problem;

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
