//! What the user is told when an index cannot be read or written, and the clean-up after a
//! failed write.
//!
//! tantivy trusts the bytes of its files: a flipped bit in a term dictionary, a document store
//! or a fast field trips an assertion deep inside it, and the process died with a panic message
//! and exit status 101. tantivy checks each file's footer when it opens it, which catches a
//! truncated file for the price of reading a few bytes, but checking the CRC of every byte on
//! every search would read the whole index (see `fahras check`, which does). So a command that
//! reads an index runs under [`catch_panics`]: a panic becomes one line that names the index and
//! points to `fahras check`, with exit status 2.
//!
//! A write that fails because the disk is full surfaces in tantivy as "an index writer was
//! killed", raised by whichever article came next, so the error blamed that article. And the
//! segment files the failed run had written stayed on disk, listed by tantivy as its own, so
//! the next run failed for want of the space fahras itself held. [`explain_write_failure`]
//! removes those files and names the disk.

use std::any::Any;
use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::Mutex;

use anyhow::{anyhow, Result};

/// Longest piece of a library's message quoted in ours.
const DETAIL_CHARS: usize = 160;

/// Free space under which a killed index writer is taken to have filled the disk: after
/// ENOSPC the partial writes of the failed run have used up what was left.
const NEARLY_FULL_BYTES: u64 = 4 << 20;

/// The first line of `text`, shortened to `DETAIL_CHARS`.
pub fn short(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    let mut shown: String = line.chars().take(DETAIL_CHARS).collect();
    if shown.len() < text.len() {
        shown.push('…');
    }
    shown
}

/// The error for an index whose files tantivy refused to read: damaged, or not readable by
/// this user.
pub fn damaged(dir: &Path, detail: impl std::fmt::Display) -> anyhow::Error {
    let detail = detail.to_string();
    if detail.contains("(os error 13)") || detail.contains("PermissionDenied") {
        return anyhow!(
            "cannot read index {}: permission denied ({}); ask its owner to make it readable",
            dir.display(),
            short(&detail)
        );
    }
    anyhow!(
        "index {} is damaged ({}); run `fahras check` to see what to do",
        dir.display(),
        short(&detail)
    )
}

/// The message of the last panic, kept by the hook [`catch_panics`] installs.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

fn panic_text(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic".to_string()
    }
}

/// Runs `work`, the whole of a command over the index at `dir`, turning a panic (in it or in a
/// thread whose panic it joins) into an error. The default hook, which prints the panic and a
/// backtrace hint, is silenced meanwhile: the error is the one line the user sees.
pub fn catch_panics<T>(dir: &Path, work: impl FnOnce() -> Result<T>) -> Result<T> {
    LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()).take();
    let previous = panic::take_hook();
    panic::set_hook(Box::new(|info| {
        let text = panic_text(info.payload());
        let mut last = LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner());
        last.get_or_insert(text);
    }));
    let outcome = panic::catch_unwind(AssertUnwindSafe(work));
    panic::set_hook(previous);
    outcome.unwrap_or_else(|payload| {
        let first = LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()).take();
        let text = first.unwrap_or_else(|| panic_text(payload.as_ref()));
        Err(anyhow!(
            "cannot read index {} ({}): it may be damaged; run `fahras check` to see",
            dir.display(),
            short(&text)
        ))
    })
}

/// `err` of a command that read the index at `dir`, pointed at `fahras check` when tantivy
/// found a damaged file (a document store block that fails to decompress, say).
pub fn name_damage(dir: &Path, err: anyhow::Error) -> anyhow::Error {
    let text = format!("{err:#}");
    if text.to_lowercase().contains("corrupt") && !text.contains("fahras check") {
        let context = format!(
            "index {} is damaged; run `fahras check` to see what to do",
            dir.display()
        );
        return err.context(context);
    }
    err
}

/// Is `err` (or one of its causes) a full disk or an exceeded quota?
pub fn is_disk_full(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        let io_full = cause.downcast_ref::<io::Error>().is_some_and(|e| {
            matches!(
                e.kind(),
                io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded
            )
        });
        // tantivy wraps io errors in its own, and sometimes only their text survives.
        let text = cause.to_string();
        io_full || text.contains("(os error 28)") || text.contains("(os error 122)")
    })
}

/// Did tantivy's indexing threads stop? Its error then says only that, not why.
fn writer_was_killed(err: &anyhow::Error) -> bool {
    err.chain()
        .any(|cause| cause.to_string().contains("index writer was killed"))
}

/// Bytes an unprivileged user may still write on the file system holding `dir`.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn free_bytes(dir: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let path = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    // SAFETY: statvfs writes only into the struct it is given, which is plain data.
    let mut stats: libc::statvfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::statvfs(path.as_ptr(), &mut stats) } != 0 {
        return None;
    }
    Some(stats.f_bavail as u64 * stats.f_frsize as u64)
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn free_bytes(_dir: &Path) -> Option<u64> {
    None
}

/// The error a failed `ingest` or `rm` on the index at `dir` reports, after removing the files
/// the failed run wrote: a full disk is named as such instead of the article that came next.
pub fn explain_write_failure(dir: &Path, err: anyhow::Error) -> anyhow::Error {
    let full = is_disk_full(&err)
        || (writer_was_killed(&err) && free_bytes(dir).is_some_and(|b| b < NEARLY_FULL_BYTES));
    // Best effort: without the lock (another ingest runs) or an index, there is nothing to do.
    let _ = super::remove_dead_files(dir);
    if full {
        anyhow!(
            "cannot write to index {}: the disk is full; free some space and run the command \
             again (what was indexed before this run is kept)",
            dir.display()
        )
    } else {
        err
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_is_found_however_deep_in_the_chain() {
        let enospc = anyhow::Error::new(io::Error::from_raw_os_error(28))
            .context("cannot write segment")
            .context("cannot index /news/a.txt");
        assert!(is_disk_full(&enospc));
        let quoted = anyhow!("An IO error occurred: 'No space left on device (os error 28)'");
        assert!(is_disk_full(&quoted));
        let other = anyhow::Error::new(io::Error::from_raw_os_error(13)).context("cannot index");
        assert!(!is_disk_full(&other));
    }

    #[test]
    fn a_full_disk_is_named_instead_of_the_article() {
        let dir = tempfile::tempdir().unwrap();
        let err = anyhow::Error::new(io::Error::from_raw_os_error(28))
            .context("cannot index /news/innocent.txt");
        let shown = format!("{:#}", explain_write_failure(dir.path(), err));
        assert!(shown.contains("the disk is full"), "{shown}");
        assert!(!shown.contains("innocent"), "{shown}");
        let other = anyhow!("cannot index /news/guilty.txt: bad bytes");
        let shown = format!("{:#}", explain_write_failure(dir.path(), other));
        assert_eq!(shown, "cannot index /news/guilty.txt: bad bytes");
    }

    #[test]
    fn a_panic_becomes_one_line_naming_the_index() {
        let err = catch_panics(Path::new("/idx"), || -> Result<()> {
            panic!("assertion failed: offset <= len\nsecond line")
        })
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot read index /idx (assertion failed: offset <= len…): it may be damaged; \
             run `fahras check` to see"
        );
        assert_eq!(catch_panics(Path::new("/idx"), || Ok(7)).unwrap(), 7);
    }

    #[test]
    fn a_corruption_error_points_to_fahras_check() {
        let err = anyhow!("An IO error occurred: 'Data corruption detected'")
            .context("cannot read stored document 0 of segment 0");
        assert_eq!(
            format!("{:#}", name_damage(Path::new("/idx"), err)),
            "index /idx is damaged; run `fahras check` to see what to do: cannot read stored \
             document 0 of segment 0: An IO error occurred: 'Data corruption detected'"
        );
        let other = anyhow!("no index at /idx");
        assert_eq!(
            name_damage(Path::new("/idx"), other).to_string(),
            "no index at /idx"
        );
    }
}
