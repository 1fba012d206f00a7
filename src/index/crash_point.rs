//! Test hooks, for the crash and concurrency tests only. With `FAHRAS_ABORT_AFTER=<point>` in
//! its environment, a command that writes the index aborts right after the named point, as a
//! SIGKILL there would end it, so that a test can check what a rerun makes of exactly the
//! state such a crash leaves. With `FAHRAS_PAUSE_AFTER=<point>:<fifo>` it stops there until a
//! line can be read from the FIFO, so that a test can run another command against the index
//! in exactly that state (the writer lock must still be held after `committed`). The points,
//! in the order a run reaches them: `manifest-saved` (the manifest without the files about to
//! change is saved, the index not yet committed) and `committed` (the index is committed, the
//! final manifest not yet saved).

use std::io::BufRead;

/// Aborts the process if `FAHRAS_ABORT_AFTER` names `point`, or waits on the FIFO that
/// `FAHRAS_PAUSE_AFTER` names with it.
pub fn reached(point: &str) {
    if std::env::var_os("FAHRAS_ABORT_AFTER").is_some_and(|named| named == point) {
        std::process::abort();
    }
    let Some(pause) = std::env::var("FAHRAS_PAUSE_AFTER").ok() else {
        return;
    };
    if let Some(fifo) = pause
        .strip_prefix(point)
        .and_then(|rest| rest.strip_prefix(':'))
    {
        // Opening blocks until the test opens the other end; reading, until it writes a line
        // or closes it.
        if let Ok(file) = std::fs::File::open(fifo) {
            let _ = std::io::BufReader::new(file).read_line(&mut String::new());
        }
    }
}
