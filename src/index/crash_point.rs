//! A test hook, for the crash tests only: with `FAHRAS_ABORT_AFTER=<point>` in its
//! environment, a command that writes the index aborts right after the named point, as a
//! SIGKILL there would end it, so that a test can check what a rerun makes of exactly the
//! state such a crash leaves. The points, in the order a run reaches them:
//! `manifest-saved` (the manifest without the files about to change is saved, the index not
//! yet committed) and `committed` (the index is committed, the final manifest not yet saved).

/// Aborts the process if `FAHRAS_ABORT_AFTER` names `point`.
pub fn reached(point: &str) {
    if std::env::var_os("FAHRAS_ABORT_AFTER").is_some_and(|named| named == point) {
        std::process::abort();
    }
}
