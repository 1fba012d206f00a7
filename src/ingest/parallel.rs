//! The worker pool both passes of an ingest (and `fahras clean`) run on: one thread feeds
//! items, `jobs` threads work on them, and the calling thread takes the results, so the sink
//! (the index writer, the repetition table) needs no lock.

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
    let (item_tx, item_rx) = crossbeam_channel::bounded::<I>(256);
    let (out_tx, out_rx) = crossbeam_channel::bounded::<T>(256);
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            let item_rx = item_rx.clone();
            let out_tx = out_tx.clone();
            let work = &work;
            scope.spawn(move || {
                for item in item_rx {
                    if out_tx.send(work(item)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(out_tx);
        let feeder = scope.spawn(move || feed(&|item| item_tx.send(item).is_ok()));
        for out in out_rx {
            sink(out);
        }
        feeder
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}
