//! Bounds the bytes of documents waiting for tantivy's indexing threads.
//!
//! `IndexWriter::add_document` only queues a document: tantivy's channel to its indexing
//! threads holds up to 10,000 of them, and reading and cleaning articles is faster than
//! indexing them, so the channel fills. With news articles that was about 70 MB of queued text
//! (heaptrack, BENCHMARKS.md), memory spent on no speed. Each document handed to tantivy here
//! carries a claim on a byte budget, released when tantivy has indexed and dropped it; the
//! thread adding documents waits while the budget is spent.
//!
//! The wait is bounded too: should tantivy's threads stop taking documents (a failed writer
//! keeps what is queued), a document goes through after [`MAX_WAIT`] anyway and the writer's
//! own error surfaces, instead of a hang.

use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use tantivy::schema::document::CompactDocValue;
use tantivy::schema::{Document, Field};
use tantivy::TantivyDocument;

/// Longest a document waits for room before it is queued regardless.
const MAX_WAIT: Duration = Duration::from_secs(1);

/// A budget of bytes shared by the thread adding documents and tantivy's indexing threads.
#[derive(Debug)]
pub struct ByteBudget {
    limit: usize,
    /// Longest a claim waits before it goes regardless ([`MAX_WAIT`]), or `None`: forever.
    max_wait: Option<Duration>,
    state: Mutex<BudgetState>,
    freed: Condvar,
}

#[derive(Debug, Default)]
struct BudgetState {
    used: usize,
    /// A claim is waiting for room.
    waiting: bool,
}

impl ByteBudget {
    pub fn new(limit: usize) -> Arc<ByteBudget> {
        Self::waiting_at_most(limit, Some(MAX_WAIT))
    }

    /// A budget whose claims wait as long as it takes, for claimants that know the claims
    /// ahead of theirs are always on their way to a release (the read-ahead of
    /// `pool::for_each_within`). There a claim let through after [`MAX_WAIT`] let the files
    /// read ahead of a busy index writer grow past the budget: 58 MiB of packed articles
    /// under 32 MiB (heaptrack, 1 scale copy on a loaded machine).
    pub fn patient(limit: usize) -> Arc<ByteBudget> {
        Self::waiting_at_most(limit, None)
    }

    fn waiting_at_most(limit: usize, max_wait: Option<Duration>) -> Arc<ByteBudget> {
        Arc::new(ByteBudget {
            limit,
            max_wait,
            state: Mutex::new(BudgetState::default()),
            freed: Condvar::new(),
        })
    }

    /// What the budget must drain to before a waiting claim goes on. Woken each time one
    /// document left, the adding thread went back and forth with tantivy's once per document
    /// (a futex wake and a context switch each); from a quarter of the budget free it adds a
    /// run of documents before it waits again.
    fn resume_level(&self) -> usize {
        self.limit - self.limit / 4
    }

    /// Claims `bytes`, waiting while the budget is spent. A claim larger than what the budget
    /// drains to only waits for the queue to empty.
    pub fn claim(self: &Arc<ByteBudget>, bytes: usize) -> Claim {
        self.claim_or(bytes, || {})
    }

    /// [`Self::claim`], calling `before_waiting` first if the claim has to wait, without the
    /// budget's lock: a claimant that holds claims of its own not yet on their way (a feeder's
    /// unsent items) sends them there, or it would wait for itself.
    pub fn claim_or(self: &Arc<ByteBudget>, bytes: usize, before_waiting: impl FnOnce()) -> Claim {
        let would_wait = {
            let state = self.state.lock().unwrap_or_else(|e| e.into_inner());
            state.used > 0 && state.used + bytes > self.limit
        };
        if would_wait {
            before_waiting();
        }
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if state.used > 0 && state.used + bytes > self.limit {
            state.waiting = true;
            while state.used > 0 && state.used + bytes > self.resume_level() {
                let Some(max_wait) = self.max_wait else {
                    state = self.freed.wait(state).unwrap_or_else(|e| e.into_inner());
                    continue;
                };
                let (guard, timeout) = self
                    .freed
                    .wait_timeout(state, max_wait)
                    .unwrap_or_else(|e| e.into_inner());
                state = guard;
                if timeout.timed_out() {
                    break;
                }
            }
            state.waiting = false;
        }
        state.used += bytes;
        Claim {
            budget: Arc::clone(self),
            bytes,
        }
    }

    /// Bytes claimed and not yet released.
    #[cfg(test)]
    fn used(&self) -> usize {
        self.state.lock().unwrap().used
    }
}

/// Bytes of a [`ByteBudget`] held until dropped.
#[derive(Debug)]
pub struct Claim {
    budget: Arc<ByteBudget>,
    bytes: usize,
}

impl Drop for Claim {
    fn drop(&mut self) {
        let budget = &self.budget;
        let mut state = budget.state.lock().unwrap_or_else(|e| e.into_inner());
        state.used -= self.bytes;
        // Nobody to wake most of the time, and then no system call either.
        if state.waiting && state.used <= budget.resume_level() {
            budget.freed.notify_all();
        }
    }
}

/// A document on its way into the index, holding its claim on the budget.
#[derive(Debug)]
pub struct QueuedDocument {
    document: TantivyDocument,
    _claim: Claim,
}

impl QueuedDocument {
    /// Waits for room for `bytes` (the size of the document's text), then wraps `document`.
    pub fn new(budget: &Arc<ByteBudget>, document: TantivyDocument, bytes: usize) -> Self {
        QueuedDocument {
            document,
            _claim: budget.claim(bytes),
        }
    }
}

impl Document for QueuedDocument {
    type Value<'a> = CompactDocValue<'a>;
    type FieldsValuesIter<'a> = Box<dyn Iterator<Item = (Field, CompactDocValue<'a>)> + 'a>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        Box::new(self.document.iter_fields_and_values())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn claims_wait_for_room_and_are_released_on_drop() {
        let budget = ByteBudget::new(100);
        let first = QueuedDocument::new(&budget, TantivyDocument::default(), 60);
        assert_eq!(budget.used(), 60);
        let releaser = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(100));
            drop(first);
        });
        let started = Instant::now();
        let second = QueuedDocument::new(&budget, TantivyDocument::default(), 60);
        // it had to wait for the first to go, not for the timeout
        assert!(started.elapsed() >= Duration::from_millis(90));
        assert!(started.elapsed() < MAX_WAIT);
        releaser.join().unwrap();
        assert_eq!(budget.used(), 60);
        drop(second);
        assert_eq!(budget.used(), 0);
    }

    #[test]
    fn a_full_budget_lets_a_claim_go_only_once_a_quarter_of_it_is_free() {
        let budget = ByteBudget::new(100);
        let held: Vec<QueuedDocument> = (0..3)
            .map(|_| QueuedDocument::new(&budget, TantivyDocument::default(), 30))
            .collect();
        let mut held = held.into_iter();
        let (first, second) = (held.next().unwrap(), held.next().unwrap());
        let releaser = std::thread::spawn(move || {
            // 90 -> 60 used: room for 30 more, but not down to 75 with them
            std::thread::sleep(Duration::from_millis(50));
            drop(first);
            std::thread::sleep(Duration::from_millis(150));
            drop(second);
        });
        let started = Instant::now();
        let fourth = QueuedDocument::new(&budget, TantivyDocument::default(), 30);
        assert!(
            started.elapsed() >= Duration::from_millis(190),
            "{:?}",
            started.elapsed()
        );
        assert!(started.elapsed() < MAX_WAIT);
        releaser.join().unwrap();
        assert_eq!(budget.used(), 60);
        drop((held, fourth));
        assert_eq!(budget.used(), 0);
    }

    #[test]
    fn an_oversized_document_passes_an_empty_queue_and_a_stuck_one_after_the_timeout() {
        let budget = ByteBudget::new(10);
        let big = QueuedDocument::new(&budget, TantivyDocument::default(), 1_000);
        let started = Instant::now();
        let _next = QueuedDocument::new(&budget, TantivyDocument::default(), 1);
        assert!(started.elapsed() >= MAX_WAIT);
        assert_eq!(budget.used(), 1_001);
        drop(big);
    }
}
