//! Process-wide tuning for a one-shot search, which ends the process with its answer, and for
//! an ingest: what is right for one command would be wrong for another or in a long-lived
//! program, so it is kept here, apart from the library code, and used only by those commands.

/// Tells the allocator to keep the memory a one-shot search frees. Each hit's 128 KiB block of
/// stored documents is decompressed into a new buffer and freed; glibc gives a buffer that
/// size its own mapping and hands freed memory at the top of the heap back to the kernel, so
/// every block landed on fresh pages for the kernel to map and zero. Kept, the next block
/// reuses them: about 130 fewer page faults of some 650 a search (BENCHMARKS.md, "Block caches").
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn keep_freed_memory() {
    // SAFETY: mallopt only sets two of glibc's allocation thresholds; it takes the allocator's
    // own lock and touches no memory of ours.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 4 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 64 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn keep_freed_memory() {}

/// Tells the allocator to give large freed buffers back, for an ingest. glibc serves a buffer
/// from 128 KiB up with a mapping of its own, but raises that threshold to the size of each
/// such buffer freed (up to 32 MiB): after the first files, a file's bytes, its cleaned
/// articles and tantivy's 1 MiB arena pages all came from the heaps of the threads that freed
/// them last, which fragmented and kept their peak. A fixed threshold keeps each in a mapping
/// returned when freed: peak RSS of 1 scale copy 310 → 267 MiB, no more CPU (BENCHMARKS.md,
/// "Archive scale").
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn return_freed_memory() {
    // SAFETY: as in `keep_freed_memory`: one of glibc's thresholds, under its own lock.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 << 10);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn return_freed_memory() {}

/// Leaves `value` for the process's exit to reclaim. The process ends with a one-shot
/// search's answer: unmapping the index's files and freeing the engine's caches would only
/// lengthen it (BENCHMARKS.md, "Block caches").
pub fn leave_to_exit<T>(value: T) {
    std::mem::forget(value);
}
