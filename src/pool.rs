//! The worker pool that ingest (both passes, and `fahras clean`) and `fahras search --queries`
//! run on: one thread feeds items, `jobs` threads work on them, and the calling thread takes
//! the results, so the sink (the index writer, the repetition table, stdout) needs no lock.
//!
//! Items and results travel in chunks of up to `CHUNK` (16): one at a time, each file could cost
//! a wake-up of a sleeping thread on each side (32,105 `futex` and 78,172 `sched_yield` calls
//! for ANT's 31,525 files, `strace -c -f`; 12,221 and 23,152 in chunks; for a batch of queries
//! the wake-ups took 17% of a one-thread batch's time, `perf`). A chunk leaves early whenever
//! the workers have nothing queued, so a handful of large files is still spread over every
//! worker, or when the feeder says nothing more is coming soon ([`Feeder::flush`]), so a batch
//! fed line by line through a pipe still gets each answer as soon as its line is in.
//!
//! This is the one place fahras starts threads; the process-wide tuning of a one-shot search
//! lives in [`crate::process`].

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::convert::Infallible;

use crate::index::queue::ByteBudget;

/// Most items (and results) sent at once.
const CHUNK: usize = 16;
/// Chunks that may wait in each channel: a few hundred items in flight at most.
const CHUNKS_IN_FLIGHT: usize = 16;

/// What a feed sends its items through. Each item is numbered in the order it is sent, so
/// that [`try_for_each_in_order`] can hand the results back in that order.
pub struct Feeder<I> {
    pending: RefCell<Vec<(u64, I)>>,
    sent: Cell<u64>,
    items: crossbeam_channel::Sender<Vec<(u64, I)>>,
}

impl<I> Feeder<I> {
    /// Queues `item` for the workers; false once nobody listens (stop feeding then).
    pub fn send(&self, item: I) -> bool {
        let n = self.sent.get();
        self.sent.set(n + 1);
        let mut pending = self.pending.borrow_mut();
        pending.push((n, item));
        if pending.len() < CHUNK && !self.items.is_empty() {
            return true;
        }
        drop(pending);
        self.flush()
    }

    /// Sends the items queued so far now, however few: the feed has nothing more at hand
    /// (reading on would block). False once nobody listens.
    pub fn flush(&self) -> bool {
        let chunk = std::mem::replace(&mut *self.pending.borrow_mut(), Vec::with_capacity(CHUNK));
        chunk.is_empty() || self.items.send(chunk).is_ok()
    }
}

/// Runs `work` on `jobs` threads on every item that `feed` sends through its [`Feeder`],
/// handing each result with its item's number to `sink` on this thread, and calling `idle`
/// whenever no result is left to take. Returns what `feed` returns, or the first error of
/// `sink` or `idle`, which stops the work (the feed learns it from [`Feeder::send`]). The
/// channels are bounded, so only a few hundred items are ever in flight however many `feed`
/// sends.
fn run<I: Send, T: Send, R: Send, E>(
    jobs: usize,
    feed: impl FnOnce(&Feeder<I>) -> R + Send,
    work: impl Fn(I) -> T + Sync,
    mut sink: impl FnMut(u64, T) -> Result<(), E>,
    mut idle: impl FnMut() -> Result<(), E>,
) -> Result<R, E> {
    let (item_tx, item_rx) = crossbeam_channel::bounded::<Vec<(u64, I)>>(CHUNKS_IN_FLIGHT);
    let (out_tx, out_rx) = crossbeam_channel::bounded::<Vec<(u64, T)>>(CHUNKS_IN_FLIGHT);
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            let item_rx = item_rx.clone();
            let out_tx = out_tx.clone();
            let work = &work;
            scope.spawn(move || {
                for chunk in item_rx {
                    let results: Vec<(u64, T)> =
                        chunk.into_iter().map(|(n, item)| (n, work(item))).collect();
                    if out_tx.send(results).is_err() {
                        break;
                    }
                }
            });
        }
        // Only the workers hold these now: once they stop, the feeder's sends fail.
        drop((item_rx, out_tx));
        let feeder = scope.spawn(move || {
            let feeder = Feeder {
                pending: RefCell::new(Vec::with_capacity(CHUNK)),
                sent: Cell::new(0),
                items: item_tx,
            };
            let fed = feed(&feeder);
            feeder.flush();
            fed
        });
        for results in &out_rx {
            let sunk = results
                .into_iter()
                .try_for_each(|(n, result)| sink(n, result));
            let sunk = sunk.and_then(|()| if out_rx.is_empty() { idle() } else { Ok(()) });
            if let Err(err) = sunk {
                // Without their receiver the workers stop, and with them the feeder.
                drop(out_rx);
                return Err(err);
            }
        }
        // A panic of the feeder stays a panic, as if it had run on this thread.
        Ok(feeder
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })
}

/// Like [`for_each_in_order`], for a sink that can fail (a closed stdout) and a feed that may
/// wait for its input: `idle` runs whenever every result so far has been sunk (a batch of
/// queries flushes its answers there), and the first error of `sink` or `idle` stops the
/// work and is returned.
pub fn try_for_each_in_order<I: Send, T: Send, R: Send, E>(
    jobs: usize,
    feed: impl FnOnce(&Feeder<I>) -> R + Send,
    work: impl Fn(I) -> T + Sync,
    mut sink: impl FnMut(T) -> Result<(), E>,
    idle: impl FnMut() -> Result<(), E>,
) -> Result<R, E> {
    let mut early: BTreeMap<u64, T> = BTreeMap::new();
    let mut next = 0u64;
    let in_order = |n, result| {
        early.insert(n, result);
        while let Some(result) = early.remove(&next) {
            next += 1;
            sink(result)?;
        }
        Ok(())
    };
    run(jobs, feed, work, in_order, idle)
}

/// Runs `work` on `jobs` threads on every item that `feed` sends (through the function it is
/// given, which says false once nobody listens), handing each result to `sink` on this
/// thread, in any order. Returns what `feed` returns.
///
/// `feed` sends each item with its weight in bytes (a file's size), and it waits while the items sent and not yet sunk weigh more than `limit`
/// together (one item heavier than that goes alone). Counted in items, a few hundred files in
/// flight were a few hundred kilobytes of news pages, but 768 MB of 3 MB TREC files, and the
/// ingest's memory grew with the size of its files (BENCHMARKS.md, "Archive scale"). The
/// feeder takes the claims, in the order it sends, and the workers never wait, so the items
/// that hold the budget are always on their way to the sink.
pub fn for_each_within<I: Send, T: Send, R: Send>(
    jobs: usize,
    limit: usize,
    feed: impl FnOnce(&dyn Fn(I, usize) -> bool) -> R + Send,
    work: impl Fn(I) -> T + Sync,
    mut sink: impl FnMut(T),
) -> R {
    // No timeout: every claim ahead of the feeder's is on its way to the sink.
    let budget = ByteBudget::patient(limit);
    let sunk = run(
        jobs,
        |feeder| {
            feed(&|item, bytes| {
                // The feeder's unsent items hold claims too: they go before it waits.
                let claim = budget.claim_or(bytes.min(limit), || {
                    feeder.flush();
                });
                feeder.send((item, claim))
            })
        },
        |(item, claim)| (work(item), claim),
        |_, (result, claim)| {
            sink(result);
            drop(claim);
            Ok::<(), Infallible>(())
        },
        || Ok(()),
    );
    match sunk {
        Ok(fed) => fed,
        Err(never) => match never {},
    }
}

/// [`for_each_within`] without weights, with the results handed to `sink` in the order `feed` sent the items (the
/// repetition table's lossy counts depend on the order they are made in; see
/// `clean::repetition`). Results that arrive early wait, at most as many as are in flight.
pub fn for_each_in_order<I: Send, T: Send, R: Send>(
    jobs: usize,
    feed: impl FnOnce(&dyn Fn(I) -> bool) -> R + Send,
    work: impl Fn(I) -> T + Sync,
    mut sink: impl FnMut(T),
) -> R {
    let sunk = try_for_each_in_order(
        jobs,
        |feeder| feed(&|item| feeder.send(item)),
        work,
        |result| {
            sink(result);
            Ok::<(), Infallible>(())
        },
        || Ok(()),
    );
    match sunk {
        Ok(fed) => fed,
        Err(never) => match never {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_is_worked_on_once_and_sunk() {
        for n in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 1_000] {
            let mut seen = Vec::new();
            let fed = for_each_within(
                2,
                usize::MAX,
                |send| (0..n).take_while(|&i| send(i, 1)).count(),
                |i| i * 2,
                |out| seen.push(out),
            );
            seen.sort_unstable();
            assert_eq!(fed, n);
            assert_eq!(seen, (0..n).map(|i| i * 2).collect::<Vec<_>>());
        }
    }

    /// Feeds `items` items of `size` bytes through [`for_each_within`] with `workers` workers
    /// and a budget of `budget` bytes, the sink calling `sink` on each; returns how many were
    /// fed, how many sunk, and the most that were started and not yet sunk at once.
    fn in_flight(
        workers: usize,
        budget: usize,
        items: usize,
        size: usize,
        sink: impl Fn(usize),
    ) -> (usize, usize, usize) {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let (started, sunk, most) = (
            AtomicUsize::new(0),
            AtomicUsize::new(0),
            AtomicUsize::new(0),
        );
        let fed = for_each_within(
            workers,
            budget,
            |send| (0..items).take_while(|&i| send(i, size)).count(),
            |i| {
                let ahead =
                    started.fetch_add(1, Ordering::SeqCst) + 1 - sunk.load(Ordering::SeqCst);
                most.fetch_max(ahead, Ordering::SeqCst);
                i
            },
            |i| {
                sink(i);
                sunk.fetch_add(1, Ordering::SeqCst);
            },
        );
        (fed, sunk.into_inner(), most.into_inner())
    }

    #[test]
    fn items_in_flight_never_weigh_more_than_the_limit() {
        // ten items of 10 bytes fit in 100; the sink is slow, so the workers would run ahead
        let (fed, sunk, most) = in_flight(2, 100, 300, 10, |_| {
            std::thread::sleep(std::time::Duration::from_micros(200));
        });
        assert_eq!(fed, 300);
        assert_eq!(sunk, 300);
        assert!((2..=10).contains(&most), "{most} items in flight");
    }

    #[test]
    fn a_sink_slower_than_the_writer_queue_timeout_still_bounds_the_items_in_flight() {
        // each item fills the budget: the next may only start once it is sunk, however long
        // the sink takes (an index writer under load took over a second a file)
        let (_, _, most) = in_flight(1, 10, 3, 10, |i| {
            if i == 0 {
                std::thread::sleep(std::time::Duration::from_millis(1_300));
            }
        });
        assert_eq!(most, 1);
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
        for_each_within(
            2,
            usize::MAX,
            |send| {
                for i in 0..4 {
                    send(i, 1);
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

    #[test]
    fn a_failing_sink_stops_the_workers_and_the_feed() {
        let mut sunk = 0;
        let stopped = try_for_each_in_order(
            2,
            // an endless feed: only a failed send stops it
            |feeder| (0u64..).take_while(|&i| feeder.send(i)).count(),
            |i| i,
            |_| {
                sunk += 1;
                if sunk == 3 {
                    Err("stdout closed")
                } else {
                    Ok(())
                }
            },
            || Ok(()),
        );
        assert_eq!(stopped, Err("stdout closed"));
        assert_eq!(sunk, 3);
    }

    #[test]
    fn results_are_sunk_while_the_feed_still_waits_for_input() {
        use std::time::Duration;
        let (seen_tx, seen_rx) = crossbeam_channel::unbounded();
        let waited = try_for_each_in_order(
            1,
            |feeder| {
                // a query typed into a pipe, whose writer waits for the answer
                feeder.send(7);
                feeder.flush();
                seen_rx.recv_timeout(Duration::from_secs(10)).ok()
            },
            |i| i * 2,
            |result| {
                seen_tx.send(result).unwrap();
                Ok::<(), ()>(())
            },
            || Ok(()),
        );
        assert_eq!(waited, Ok(Some(14)));
    }

    #[test]
    fn idle_runs_once_every_result_so_far_is_sunk() {
        let sunk = Cell::new(0);
        let mut idle_after = Vec::new();
        let _ = try_for_each_in_order(
            2,
            |feeder| (0..40).take_while(|&i| feeder.send(i)).count(),
            |i| i,
            |_| {
                sunk.set(sunk.get() + 1);
                Ok::<(), ()>(())
            },
            || {
                idle_after.push(sunk.get());
                Ok(())
            },
        );
        assert_eq!(idle_after.last(), Some(&40), "idle once all is sunk");
    }
}
