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
    used: Mutex<usize>,
    freed: Condvar,
}

impl ByteBudget {
    pub fn new(limit: usize) -> Arc<ByteBudget> {
        Arc::new(ByteBudget {
            limit,
            used: Mutex::new(0),
            freed: Condvar::new(),
        })
    }

    /// Claims `bytes`, waiting while the budget is spent. A claim larger than the whole budget
    /// only waits for the queue to empty.
    fn claim(self: &Arc<ByteBudget>, bytes: usize) -> Claim {
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        while *used > 0 && *used + bytes > self.limit {
            let (guard, timeout) = self
                .freed
                .wait_timeout(used, MAX_WAIT)
                .unwrap_or_else(|e| e.into_inner());
            used = guard;
            if timeout.timed_out() {
                break;
            }
        }
        *used += bytes;
        Claim {
            budget: Arc::clone(self),
            bytes,
        }
    }

    /// Bytes claimed and not yet released.
    #[cfg(test)]
    fn used(&self) -> usize {
        *self.used.lock().unwrap()
    }
}

/// Bytes of a [`ByteBudget`] held until dropped.
#[derive(Debug)]
struct Claim {
    budget: Arc<ByteBudget>,
    bytes: usize,
}

impl Drop for Claim {
    fn drop(&mut self) {
        let mut used = self.budget.used.lock().unwrap_or_else(|e| e.into_inner());
        *used -= self.bytes;
        self.budget.freed.notify_all();
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
