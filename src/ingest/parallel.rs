//! The worker pool both passes of an ingest (and `fahras clean`) run on: one thread feeds
//! items, `jobs` threads work on them, and the calling thread takes the results, so the sink
//! (the index writer, the repetition table) needs no lock.
//!
//! Items and results travel in chunks of up to [`CHUNK`]: one at a time, each file could cost
//! a wake-up of a sleeping thread on each side (32,105 `futex` and 78,172 `sched_yield` calls
//! for ANT's 31,525 files, `strace -c -f`; 12,221 and 23,152 in chunks). A chunk leaves early
//! whenever the workers have nothing queued, so a handful of large files is still spread over
//! every worker.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

/// Most items (and results) sent at once.
const CHUNK: usize = 16;
/// Chunks that may wait in each channel: a few hundred items in flight at most.
const CHUNKS_IN_FLIGHT: usize = 16;

/// Runs `work` on `jobs` threads on every item that `feed` sends (through the function it is
/// given, which says false once nobody listens), handing each result to `sink` on this
/// thread. Returns what `feed` returns. The channels are bounded, so only a few hundred items
/// are ever in flight however many `feed` sends.
pub fn for_each<I: Send, T: Send, R: Send>(
    jobs: usize,
    feed: impl FnOnce(&dyn Fn(I) -> bool) -> R + Send,
    work: impl Fn(I) -> T + Sync,
    mut sink: impl FnMut(T),
) -> R {
    let (item_tx, item_rx) = crossbeam_channel::bounded::<Vec<I>>(CHUNKS_IN_FLIGHT);
    let (out_tx, out_rx) = crossbeam_channel::bounded::<Vec<T>>(CHUNKS_IN_FLIGHT);
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            let item_rx = item_rx.clone();
            let out_tx = out_tx.clone();
            let work = &work;
            scope.spawn(move || {
                for chunk in item_rx {
                    let results: Vec<T> = chunk.into_iter().map(work).collect();
                    if out_tx.send(results).is_err() {
                        break;
                    }
                }
            });
        }
        drop(out_tx);
        let feeder = scope.spawn(move || {
            let pending = RefCell::new(Vec::with_capacity(CHUNK));
            let send = |item: I| {
                let mut pending = pending.borrow_mut();
                pending.push(item);
                if pending.len() < CHUNK && !item_tx.is_empty() {
                    return true;
                }
                let chunk = std::mem::replace(&mut *pending, Vec::with_capacity(CHUNK));
                item_tx.send(chunk).is_ok()
            };
            let fed = feed(&send);
            let rest = pending.into_inner();
            if !rest.is_empty() {
                let _ = item_tx.send(rest);
            }
            fed
        });
        for results in out_rx {
            results.into_iter().for_each(&mut sink);
        }
        feeder
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// [`for_each`], with the results handed to `sink` in the order `feed` sent the items (the
/// repetition table's lossy counts depend on the order they are made in; see
/// `clean::repetition`). Results that arrive early wait, at most as many as are in flight.
pub fn for_each_in_order<I: Send, T: Send, R: Send>(
    jobs: usize,
    feed: impl FnOnce(&dyn Fn(I) -> bool) -> R + Send,
    work: impl Fn(I) -> T + Sync,
    mut sink: impl FnMut(T),
) -> R {
    let mut early: BTreeMap<u64, T> = BTreeMap::new();
    let mut next = 0u64;
    for_each(
        jobs,
        |send| {
            let sent = Cell::new(0u64);
            feed(&|item| {
                let n = sent.get();
                sent.set(n + 1);
                send((n, item))
            })
        },
        |(n, item)| (n, work(item)),
        |(n, result)| {
            early.insert(n, result);
            while let Some(result) = early.remove(&next) {
                sink(result);
                next += 1;
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_is_worked_on_once_and_sunk() {
        for n in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 1_000] {
            let mut seen = Vec::new();
            let fed = for_each(
                2,
                |send| (0..n).take_while(|&i| send(i)).count(),
                |i| i * 2,
                |out| seen.push(out),
            );
            seen.sort_unstable();
            assert_eq!(fed, n);
            assert_eq!(seen, (0..n).map(|i| i * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn in_order_the_results_come_as_the_items_went() {
        let mut seen = Vec::new();
        for_each_in_order(
            2,
            |send| (0..500u64).take_while(|&i| send(i)).count(),
            |i| {
                // uneven work, so the two workers finish out of order
                if i % 7 == 0 {
                    std::thread::sleep(std::time::Duration::from_micros(300));
                }
                i
            },
            |out| seen.push(out),
        );
        assert_eq!(seen, (0..500).collect::<Vec<_>>());
    }

    #[test]
    fn a_few_slow_items_are_spread_over_the_workers() {
        use std::collections::HashSet;
        use std::sync::Mutex;
        let threads = Mutex::new(HashSet::new());
        for_each(
            2,
            |send| {
                for i in 0..4 {
                    send(i);
                }
            },
            |_| {
                threads.lock().unwrap().insert(std::thread::current().id());
                std::thread::sleep(std::time::Duration::from_millis(50));
            },
            |()| {},
        );
        assert_eq!(threads.into_inner().unwrap().len(), 2);
    }
}
